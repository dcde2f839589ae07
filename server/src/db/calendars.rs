//! Private calendar feeds: a secret token per person and scope (their own
//! bookings, a site, a resource), the feed's content, and its ETag.

use std::collections::HashMap;

use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore as _;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Select, Set,
};

use super::bookings::ACTIVE;
use super::entities::{booking, calendar_feed, commune, person, resource, site};
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

pub async fn by_token(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<(calendar_feed::Model, Scope)>, DbErr> {
    let token = token.strip_suffix(".ics").unwrap_or(token);
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(token))
        .one(db)
        .await?
        .and_then(|feed| Scope::of(&feed).map(|scope| (feed, scope))))
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
/// leave the window, and with the owner's rights; one row read, so polling
/// calendar apps cost almost nothing.
pub async fn etag(
    db: &DatabaseConnection,
    feed: &calendar_feed::Model,
    scope: Scope,
    now: DateTime<Utc>,
    named: bool,
) -> Result<String, DbErr> {
    let version = match scope {
        Scope::Person => person::Entity::find_by_id(feed.person_id)
            .one(db)
            .await?
            .map(|p| p.feed_version),
        Scope::Site(site) => site::Entity::find_by_id(site)
            .one(db)
            .await?
            .map(|s| s.feed_version),
        Scope::Resource(_, resource) => resource::Entity::find_by_id(resource)
            .one(db)
            .await?
            .map(|r| r.feed_version),
    };
    Ok(format!(
        "\"{}-{}-{}-{}-{}\"",
        scope.name(),
        feed.id,
        version.unwrap_or(0),
        now.date_naive(),
        u8::from(named)
    ))
}

/// The feed: each booking with a stable UID, its sequence, CANCELLED when it
/// was, the site's address as LOCATION, and a link back. Names of people only
/// when `named` (the owner hosts the site, or it is their own feed).
pub async fn render(
    db: &DatabaseConnection,
    feed: &calendar_feed::Model,
    scope: Scope,
    public_url: &str,
    now: DateTime<Utc>,
    named: bool,
) -> Result<String, DbErr> {
    let rows = bookings_in(feed, scope, now)
        .order_by_asc(booking::Column::StartAt)
        .all(db)
        .await?;
    let sites: HashMap<i64, site::Model> = site::Entity::find()
        .filter(site::Column::Id.is_in(distinct(rows.iter().map(|b| b.site_id))))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let communes: HashMap<String, String> = commune::Entity::find()
        .filter(commune::Column::Insee.is_in(sites.values().map(|s| s.commune_insee.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.insee, c.name))
        .collect();
    let resources: HashMap<i64, String> = resource::Entity::find()
        .filter(resource::Column::Id.is_in(distinct(rows.iter().map(|b| b.resource_id))))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let people: HashMap<i64, String> = if named && scope != Scope::Person {
        person::Entity::find()
            .filter(person::Column::Id.is_in(distinct(rows.iter().filter_map(|b| b.person_id))))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.display_name))
            .collect()
    } else {
        HashMap::new()
    };
    let host = host_of(public_url);
    let events: Vec<Event> = rows
        .iter()
        .filter_map(|b| {
            let site = sites.get(&b.site_id)?;
            let place = resources.get(&b.resource_id).cloned().unwrap_or_default();
            let summary = match scope {
                Scope::Person => format!("{place}, {}", site.name),
                _ if named => {
                    let who = b
                        .person_id
                        .and_then(|p| people.get(&p).cloned())
                        .unwrap_or_default();
                    format!("{who} ({place})")
                }
                _ => format!("Réservé / Booked ({place})"),
            };
            Some(event_of(
                b,
                site,
                communes.get(&site.commune_insee),
                summary,
                public_url,
                &host,
            ))
        })
        .collect();
    let name = match scope {
        Scope::Person => "Relais".to_owned(),
        Scope::Site(site) | Scope::Resource(site, _) => sites
            .get(&site)
            .map_or_else(|| "Relais".to_owned(), |s| format!("Relais, {}", s.name)),
    };
    Ok(ics::calendar(None, &name, &events))
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
    b: &booking::Model,
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
        description: format!("Relais: {public_url}/mes-reservations"),
        url: format!("{public_url}/mes-reservations"),
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
        b,
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
                b,
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

/// Each id once: a feed of 10,000 bookings names a handful of sites, and
/// databases cap the values of one query.
fn distinct(ids: impl Iterator<Item = i64>) -> Vec<i64> {
    ids.collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}
