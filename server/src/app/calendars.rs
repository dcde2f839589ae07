//! Private calendar feeds: a secret token per person and scope (their own
//! bookings, a site, a resource), the feed's content, and its ETag.

use std::collections::HashMap;

use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore as _;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select, Set,
};

use crate::db::entities::booking::ACTIVE;
use crate::db::entities::{booking, calendar_feed, commune, person, resource, site};
use crate::domain::ics::{self, Event};

/// How long cancelled and past bookings stay in feeds, so clients see them go.
const KEEP_PAST: Duration = Duration::days(30);

/// What a feed covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Person,
    Site(i64),
    Resource(i64, i64),
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::Person => "person",
            Scope::Site(_) => "site",
            Scope::Resource(..) => "resource",
        }
    }

    fn of(feed: &calendar_feed::Model) -> Option<Scope> {
        match (feed.scope.as_str(), feed.site_id, feed.resource_id) {
            ("person", ..) => Some(Scope::Person),
            ("site", Some(site), _) => Some(Scope::Site(site)),
            ("resource", Some(site), Some(resource)) => Some(Scope::Resource(site, resource)),
            _ => None,
        }
    }
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn url(public_url: &str, token: &str) -> String {
    format!("{public_url}/api/v1/feeds/{token}.ics")
}

fn owned(person: i64, scope: Scope) -> Select<calendar_feed::Entity> {
    let query = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::PersonId.eq(person))
        .filter(calendar_feed::Column::Scope.eq(scope.name()));
    match scope {
        Scope::Person => query,
        Scope::Site(site) => query.filter(calendar_feed::Column::SiteId.eq(site)),
        Scope::Resource(site, resource) => query
            .filter(calendar_feed::Column::SiteId.eq(site))
            .filter(calendar_feed::Column::ResourceId.eq(resource)),
    }
}

/// The person's token for this scope, made on first use.
pub async fn token_for(
    db: &DatabaseConnection,
    person: i64,
    scope: Scope,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    if let Some(feed) = owned(person, scope).one(db).await? {
        return Ok(feed.token);
    }
    create(db, person, scope, now).await
}

async fn create(
    db: &DatabaseConnection,
    person: i64,
    scope: Scope,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let (site, resource) = match scope {
        Scope::Person => (None, None),
        Scope::Site(site) => (Some(site), None),
        Scope::Resource(site, resource) => (Some(site), Some(resource)),
    };
    let token = new_token();
    calendar_feed::ActiveModel {
        token: Set(token.clone()),
        scope: Set(scope.name().to_owned()),
        person_id: Set(person),
        site_id: Set(site),
        resource_id: Set(resource),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// A new token; the old one stops working at once.
pub async fn rotate(
    db: &DatabaseConnection,
    person: i64,
    scope: Scope,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let old: Vec<i64> = owned(person, scope)
        .all(db)
        .await?
        .iter()
        .map(|f| f.id)
        .collect();
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::Id.is_in(old))
        .exec(db)
        .await?;
    create(db, person, scope, now).await
}

/// A feed's row and its scope, and the version of what it shows.
#[derive(FromQueryResult)]
struct FeedRow {
    id: i64,
    token: String,
    scope: String,
    person_id: i64,
    site_id: Option<i64>,
    resource_id: Option<i64>,
    created_at: DateTime<Utc>,
    person_version: i64,
    site_version: Option<i64>,
    resource_version: Option<i64>,
}

/// The feed behind a URL's secret, with its scope and the version its ETag
/// needs, in one query: calendar apps poll, and most answers are a 304.
/// Nothing for a deleted account's link.
pub async fn by_token(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<(calendar_feed::Model, Scope, i64)>, DbErr> {
    use sea_orm::{JoinType, RelationDef};
    let token = token.strip_suffix(".ics").unwrap_or(token);
    let to_person: RelationDef = calendar_feed::Entity::belongs_to(person::Entity)
        .from(calendar_feed::Column::PersonId)
        .to(person::Column::Id)
        .into();
    let to_site: RelationDef = calendar_feed::Entity::belongs_to(site::Entity)
        .from(calendar_feed::Column::SiteId)
        .to(site::Column::Id)
        .into();
    let to_resource: RelationDef = calendar_feed::Entity::belongs_to(resource::Entity)
        .from(calendar_feed::Column::ResourceId)
        .to(resource::Column::Id)
        .into();
    let Some(row) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(token))
        .join(JoinType::InnerJoin, to_person)
        .join(JoinType::LeftJoin, to_site)
        .join(JoinType::LeftJoin, to_resource)
        .column_as(person::Column::FeedVersion, "person_version")
        .column_as(site::Column::FeedVersion, "site_version")
        .column_as(resource::Column::FeedVersion, "resource_version")
        .into_model::<FeedRow>()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let feed = calendar_feed::Model {
        id: row.id,
        token: row.token,
        scope: row.scope,
        person_id: row.person_id,
        site_id: row.site_id,
        resource_id: row.resource_id,
        created_at: row.created_at,
    };
    let Some(scope) = Scope::of(&feed) else {
        return Ok(None);
    };
    let version = match scope {
        Scope::Person => Some(row.person_version),
        Scope::Site(_) => row.site_version,
        Scope::Resource(..) => row.resource_version,
    };
    Ok(Some((feed, scope, version.unwrap_or(0))))
}

fn bookings_in(
    feed: &calendar_feed::Model,
    scope: Scope,
    now: DateTime<Utc>,
) -> Select<booking::Entity> {
    let query = booking::Entity::find().filter(booking::Column::EndAt.gt(now - KEEP_PAST));
    match scope {
        Scope::Person => query.filter(booking::Column::PersonId.eq(feed.person_id)),
        Scope::Site(site) => query.filter(booking::Column::SiteId.eq(site)),
        Scope::Resource(_, resource) => query.filter(booking::Column::ResourceId.eq(resource)),
    }
}

/// Changes whenever a booking of the feed is added or changed (a database
/// trigger raises the versions, migration 0009), each day as old bookings
/// leave the window, and with the owner's rights.
pub fn etag(
    feed: &calendar_feed::Model,
    scope: Scope,
    version: i64,
    now: DateTime<Utc>,
    named: bool,
) -> String {
    format!(
        "\"{}-{}-{}-{}-{}\"",
        scope.name(),
        feed.id,
        version,
        now.date_naive(),
        u8::from(named)
    )
}

/// What a feed shows of a booking. Read alone: a feed of 10,000 bookings
/// decodes a third of each row.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Shown {
    pub id: i64,
    pub site_id: i64,
    pub resource_id: i64,
    pub person_id: Option<i64>,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
    pub status: String,
    pub sequence: i32,
    pub updated_at: DateTime<Utc>,
}

const SHOWN: [booking::Column; 9] = [
    booking::Column::Id,
    booking::Column::SiteId,
    booking::Column::ResourceId,
    booking::Column::PersonId,
    booking::Column::StartAt,
    booking::Column::EndAt,
    booking::Column::Status,
    booking::Column::Sequence,
    booking::Column::UpdatedAt,
];

impl From<&booking::Model> for Shown {
    fn from(b: &booking::Model) -> Shown {
        Shown {
            id: b.id,
            site_id: b.site_id,
            resource_id: b.resource_id,
            person_id: b.person_id,
            start_at: b.start_at,
            end_at: b.end_at,
            status: b.status.clone(),
            sequence: b.sequence,
            updated_at: b.updated_at,
        }
    }
}

/// The sites (with their communes), places and people a feed's events
/// name, read before its bookings so each event is written as it arrives.
struct Mentioned {
    sites: HashMap<i64, site::Model>,
    communes: HashMap<String, String>,
    resources: HashMap<i64, String>,
    people: HashMap<i64, String>,
}

impl Mentioned {
    async fn load(
        db: &DatabaseConnection,
        feed: &calendar_feed::Model,
        scope: Scope,
        now: DateTime<Utc>,
        named: bool,
    ) -> Result<Mentioned, DbErr> {
        let of_bookings = |column: booking::Column| {
            bookings_in(feed, scope, now)
                .select_only()
                .column(column)
                .distinct()
                .into_query()
        };
        let sites: HashMap<i64, site::Model> = site::Entity::find()
            .filter(site::Column::Id.in_subquery(of_bookings(booking::Column::SiteId)))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let communes = commune::Entity::find()
            .filter(commune::Column::Insee.is_in(sites.values().map(|s| s.commune_insee.clone())))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.insee, c.name))
            .collect();
        let resources = resource::Entity::find()
            .filter(resource::Column::Id.in_subquery(of_bookings(booking::Column::ResourceId)))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect();
        let people = if named && scope != Scope::Person {
            person::Entity::find()
                .filter(person::Column::Id.in_subquery(of_bookings(booking::Column::PersonId)))
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, p.display_name))
                .collect()
        } else {
            HashMap::new()
        };
        Ok(Mentioned {
            sites,
            communes,
            resources,
            people,
        })
    }

    fn event(
        &self,
        b: &Shown,
        scope: Scope,
        named: bool,
        public_url: &str,
        host: &str,
    ) -> Option<Event> {
        let site = self.sites.get(&b.site_id)?;
        let place = self
            .resources
            .get(&b.resource_id)
            .map_or("", String::as_str);
        let summary = match scope {
            Scope::Person => format!("{place}, {}", site.name),
            _ if named => {
                let who = b
                    .person_id
                    .and_then(|p| self.people.get(&p))
                    .map_or("", String::as_str);
                format!("{who} ({place})")
            }
            _ => format!("Réservé / Booked ({place})"),
        };
        let commune = self.communes.get(&site.commune_insee);
        Some(event_of(b, site, commune, summary, public_url, host))
    }
}

/// The feed: each booking with a stable UID, its sequence, CANCELLED when it
/// was, the site's address as LOCATION, and a link back. Names of people only
/// when `named` (the owner hosts the site, or it is their own feed).
///
/// Three stages run at once, so a long feed costs little more than its
/// slowest part: the database reads rows, this task turns them into events,
/// and a blocking thread writes the text with the `ical` generator.
pub async fn render(
    db: &DatabaseConnection,
    feed: &calendar_feed::Model,
    scope: Scope,
    public_url: &str,
    now: DateTime<Utc>,
    named: bool,
) -> Result<String, DbErr> {
    use futures_util::TryStreamExt as _;
    /// Events handed over together: fewer wake-ups of the writing thread.
    const BATCH: usize = 256;
    let mentioned = Mentioned::load(db, feed, scope, now, named).await?;
    let name = match scope {
        Scope::Person => "Relais".to_owned(),
        Scope::Site(site) | Scope::Resource(site, _) => mentioned
            .sites
            .get(&site)
            .map_or_else(|| "Relais".to_owned(), |s| format!("Relais, {}", s.name)),
    };
    let (events, mut to_write) = tokio::sync::mpsc::channel::<Vec<Event>>(8);
    let writer = tokio::task::spawn_blocking(move || {
        let mut calendar = ics::CalendarWriter::new(None, &name);
        while let Some(batch) = to_write.blocking_recv() {
            batch.iter().for_each(|event| calendar.push(event));
        }
        calendar.finish()
    });
    let host = host_of(public_url);
    let mut rows = bookings_in(feed, scope, now)
        .select_only()
        .columns(SHOWN)
        .order_by_asc(booking::Column::StartAt)
        .into_model::<Shown>()
        .stream(db)
        .await?;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some(b) = rows.try_next().await? {
        batch.extend(mentioned.event(&b, scope, named, public_url, &host));
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            // The writer only stops early if it panicked: the join below says so.
            let _ = events.send(full).await;
        }
    }
    let _ = events.send(batch).await;
    drop(events);
    writer
        .await
        .map_err(|e| DbErr::Custom(format!("writing the feed failed: {e}")))
}

fn host_of(public_url: &str) -> String {
    public_url
        .split("://")
        .nth(1)
        .unwrap_or(public_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("relais")
        .to_owned()
}

/// One booking as an event, as feeds and invitation mails write it.
pub fn event_of(
    b: &Shown,
    site: &site::Model,
    commune: Option<&String>,
    summary: String,
    public_url: &str,
    host: &str,
) -> Event {
    Event {
        uid: format!("booking-{}@{host}", b.id),
        sequence: b.sequence,
        stamp: b.updated_at,
        start: b.start_at,
        end: b.end_at,
        cancelled: !ACTIVE.contains(&b.status.as_str()) && b.status != "completed",
        summary,
        location: format!(
            "{}, {}, {} {}",
            site.name,
            site.address,
            site.postcode,
            commune.map_or("", String::as_str)
        ),
        description: format!("Relais: {public_url}{}", shared::routes::pages::MY_BOOKINGS),
        url: format!("{public_url}{}", shared::routes::pages::MY_BOOKINGS),
        organizer: None,
        attendee: None,
    }
}

/// The invitation a mail carries for one booking: REQUEST, or CANCEL with the same UID.
pub fn invitation(
    b: &booking::Model,
    site: &site::Model,
    commune: Option<&String>,
    resource_name: &str,
    public_url: &str,
    attendee: Option<(&str, &str)>,
) -> String {
    let mut event = event_of(
        &Shown::from(b),
        site,
        commune,
        format!("{resource_name}, {}", site.name),
        public_url,
        &host_of(public_url),
    );
    event.organizer = Some(format!("no-reply@{}", host_of(public_url)));
    event.attendee = attendee.map(|(name, address)| (name.to_owned(), address.to_owned()));
    let method = if event.cancelled { "CANCEL" } else { "REQUEST" };
    ics::calendar(Some(method), "Relais", &[event])
}

/// Several bookings of one series in one file, for the series' mail.
pub fn series_calendar(
    rows: &[booking::Model],
    site: &site::Model,
    commune: Option<&String>,
    resource_name: &str,
    public_url: &str,
) -> String {
    let host = host_of(public_url);
    let events: Vec<Event> = rows
        .iter()
        .map(|b| {
            event_of(
                &Shown::from(b),
                site,
                commune,
                format!("{resource_name}, {}", site.name),
                public_url,
                &host,
            )
        })
        .map(|mut e| {
            e.organizer = Some(format!("no-reply@{host}"));
            e
        })
        .collect();
    ics::calendar(Some("PUBLISH"), "Relais", &events)
}
