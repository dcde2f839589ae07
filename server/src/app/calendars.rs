//! Private calendar feeds: a secret token per person and scope (their own
//! bookings, a site, a resource), the feed's content, and its ETag.

use std::collections::HashMap;

use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore as _;

pub use crate::db::calendars::Shown;
use crate::db::calendars::{BookingsOf, NewFeed};
use crate::db::entities::booking::ACTIVE;
use crate::db::entities::{booking, calendar_feed, site};
use crate::db::{self, DatabaseConnection, DbErr};
use crate::domain::ics::{self, Event};
use crate::mail::Letterhead;

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

    /// The site and the resource a feed of this scope names.
    fn place(self) -> (Option<i64>, Option<i64>) {
        match self {
            Scope::Person => (None, None),
            Scope::Site(site) => (Some(site), None),
            Scope::Resource(site, resource) => (Some(site), Some(resource)),
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

/// The address calendar apps subscribe to (the token ends in `.ics`, which
/// some apps need to see).
pub fn url(public_url: &str, token: &str) -> String {
    let path = shared::routes::fill(shared::routes::FEED, &[("token", &format!("{token}.ics"))]);
    format!("{public_url}{path}")
}

/// The person's token for this scope, made on first use.
pub async fn token_for(
    db: &DatabaseConnection,
    person: i64,
    scope: Scope,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let (site, resource) = scope.place();
    if let Some(feed) =
        db::calendars::feed_of_person(db, person, scope.name(), site, resource).await?
    {
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
    let (site, resource) = scope.place();
    let token = new_token();
    db::calendars::insert_feed(
        db,
        NewFeed {
            token: &token,
            scope: scope.name(),
            person,
            site,
            resource,
            created_at: now,
        },
    )
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
    let (site, resource) = scope.place();
    let old = db::calendars::feed_ids_of_person(db, person, scope.name(), site, resource).await?;
    db::calendars::delete_feeds(db, old).await?;
    create(db, person, scope, now).await
}

/// The feed behind a URL's secret, with its scope and the version its ETag
/// needs, in one query: calendar apps poll, and most answers are a 304.
/// Nothing for a deleted account's link.
pub async fn by_token(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<(calendar_feed::Model, Scope, i64)>, DbErr> {
    let token = token.strip_suffix(".ics").unwrap_or(token);
    let Some((feed, versions)) = db::calendars::feed_by_token(db, token).await? else {
        return Ok(None);
    };
    let Some(scope) = Scope::of(&feed) else {
        return Ok(None);
    };
    let version = match scope {
        Scope::Person => Some(versions.person),
        Scope::Site(_) => versions.site,
        Scope::Resource(..) => versions.resource,
    };
    Ok(Some((feed, scope, version.unwrap_or(0))))
}

/// Whose bookings a feed shows.
fn bookings_of(feed: &calendar_feed::Model, scope: Scope) -> BookingsOf {
    match scope {
        Scope::Person => BookingsOf::Person(feed.person_id),
        Scope::Site(site) => BookingsOf::Site(site),
        Scope::Resource(_, resource) => BookingsOf::Resource(resource),
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
        let of = bookings_of(feed, scope);
        let since = now - KEEP_PAST;
        let sites: HashMap<i64, site::Model> = db::calendars::sites_of_bookings(db, of, since)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let insee = sites.values().map(|s| s.commune_insee.clone()).collect();
        let communes = db::communes::communes_by_insee(db, insee)
            .await?
            .into_iter()
            .map(|c| (c.insee, c.name))
            .collect();
        let resources = db::calendars::resources_of_bookings(db, of, since)
            .await?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect();
        let people = if named && scope != Scope::Person {
            db::calendars::people_of_bookings(db, of, since)
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
    let mut rows =
        db::calendars::stream_shown_bookings(db, bookings_of(feed, scope), now - KEEP_PAST).await?;
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

/// The invitation a mail carries for one booking: REQUEST, or CANCEL with
/// the same UID. Its organiser is the mail's sender.
pub fn invitation(
    b: &booking::Model,
    site: &site::Model,
    commune: Option<&String>,
    resource_name: &str,
    letterhead: &Letterhead,
    attendee: Option<(&str, &str)>,
) -> String {
    let public_url = letterhead.public_url.as_str();
    let mut event = event_of(
        &Shown::from(b),
        site,
        commune,
        format!("{resource_name}, {}", site.name),
        public_url,
        &host_of(public_url),
    );
    event.organizer = Some(organizer(letterhead));
    event.attendee = attendee.map(|(name, address)| (name.to_owned(), address.to_owned()));
    let method = if event.cancelled { "CANCEL" } else { "REQUEST" };
    ics::calendar(Some(method), letterhead.sender_name(), &[event])
}

fn organizer(letterhead: &Letterhead) -> (String, String) {
    (
        letterhead.sender_name().to_owned(),
        letterhead.sender_address(),
    )
}

/// Several bookings of one series in one file, for the series' mail.
pub fn series_calendar(
    rows: &[booking::Model],
    site: &site::Model,
    commune: Option<&String>,
    resource_name: &str,
    letterhead: &Letterhead,
) -> String {
    let public_url = letterhead.public_url.as_str();
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
            e.organizer = Some(organizer(letterhead));
            e
        })
        .collect();
    ics::calendar(Some("PUBLISH"), letterhead.sender_name(), &events)
}
