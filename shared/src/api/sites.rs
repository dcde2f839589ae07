//! Sites, their opening hours and resources.

use serde::{Deserialize, Serialize};

use crate::ClockTime;
use crate::ids::{ResourceId, SiteId};

/// What kind of place a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// A desk (poste de travail) for one person.
    Desk,
    /// A meeting room for several people.
    MeetingRoom,
    /// A phone booth for calls and video meetings.
    PhoneBooth,
}

impl ResourceKind {
    pub const ALL: [ResourceKind; 3] = [
        ResourceKind::Desk,
        ResourceKind::MeetingRoom,
        ResourceKind::PhoneBooth,
    ];

    /// The stable name used on the wire and in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Desk => "desk",
            ResourceKind::MeetingRoom => "meeting_room",
            ResourceKind::PhoneBooth => "phone_booth",
        }
    }

    pub fn parse(text: &str) -> Option<ResourceKind> {
        ResourceKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One opening period of a site on one day of the week, in the site's local
/// time. A day with a lunch break has two periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningPeriod {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub opens: ClockTime,
    pub closes: ClockTime,
}

/// A desk, meeting room or phone booth at a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Resource {
    pub id: ResourceId,
    pub name: String,
    pub kind: ResourceKind,
    /// How many people it seats.
    pub capacity: u32,
}

/// A tiers-lieu as listed by `GET /api/v1/sites`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Site {
    pub id: SiteId,
    pub name: String,
    /// INSEE code of the commune the site stands in.
    pub commune_insee: String,
    pub commune_name: String,
    pub address: String,
    pub postcode: String,
    pub latitude: f64,
    pub longitude: f64,
    /// IANA time zone in which opening hours and bookings are computed.
    pub time_zone: String,
    /// Weekly opening hours, sorted by weekday then opening time.
    pub opening_hours: Vec<OpeningPeriod>,
    /// Amenities as stable keys (`wifi`, `printer`, `kitchen`, `parking`, …).
    pub amenities: Vec<String>,
    /// Free text on step-free access, toilets, hearing loops…
    pub accessibility: String,
    /// The number people call to book without the app, as written
    /// ("04 66 12 34 56"); empty when the site gives none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub phone: String,
    /// Resources that can be booked, retired ones excluded.
    pub resources: Vec<Resource>,
    /// How far ahead, how long and on which grid people may book here.
    pub rules: BookingRules,
    /// Passes, releases of no-shows and how to get in.
    #[serde(default)]
    pub door: crate::api::DoorRules,
}

/// A site's booking rules, set by its hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingRules {
    /// Bookings start and end on multiples of this many minutes (15, 30 or 60).
    pub slot_minutes: u16,
    /// How many days ahead a booking may start.
    pub max_days_ahead: u16,
    /// The longest booking, in minutes.
    pub max_booking_minutes: u16,
    /// A person may cancel until this many minutes before the start (0: until it starts).
    pub cancel_deadline_minutes: u32,
}

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules {
            slot_minutes: 30,
            max_days_ahead: 60,
            max_booking_minutes: 720,
            cancel_deadline_minutes: 0,
        }
    }
}

/// `POST /api/v1/sites` and `PUT /api/v1/sites/{site_id}`: everything a
/// network administrator or the site's hosts can set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub address: String,
    pub postcode: String,
    pub commune_insee: String,
    pub latitude: f64,
    pub longitude: f64,
    /// IANA zone; Europe/Paris when left empty.
    #[serde(default)]
    pub time_zone: String,
    pub opening_hours: Vec<OpeningPeriod>,
    #[serde(default)]
    pub amenities: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub accessibility: String,
    /// Digits, spaces and `+ . - ( )` only, at most 30 characters; empty for none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub phone: String,
    #[serde(default)]
    pub rules: BookingRules,
    #[serde(default)]
    pub door: crate::api::DoorRules,
}

impl From<&Site> for SiteInput {
    fn from(site: &Site) -> Self {
        SiteInput {
            name: site.name.clone(),
            address: site.address.clone(),
            postcode: site.postcode.clone(),
            commune_insee: site.commune_insee.clone(),
            latitude: site.latitude,
            longitude: site.longitude,
            time_zone: site.time_zone.clone(),
            opening_hours: site.opening_hours.clone(),
            amenities: site.amenities.clone(),
            accessibility: site.accessibility.clone(),
            phone: site.phone.clone(),
            rules: site.rules,
            door: site.door.clone(),
        }
    }
}

/// `POST /api/v1/sites/{site_id}/resources` and its `PUT`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResourceInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 80))]
    pub name: String,
    pub kind: ResourceKind,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub capacity: u32,
}

/// `GET /healthz` and friends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
}

/// A closure of a site: whole local days, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Closure {
    pub id: i64,
    /// YYYY-MM-DD.
    pub first_day: String,
    pub last_day: String,
    pub reason: String,
    /// `manual` or `ical`.
    pub source: String,
}

/// `POST /api/v1/sites/{site_id}/closures`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewClosure {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub first_day: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub last_day: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub reason: String,
}

/// `POST /api/v1/sites/{site_id}/closures/import-url`: a calendar published
/// at an address (a commune's calendar, public holidays).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClosureImportUrl {
    /// `https://…` or `http://…`; `webcal://…` is read as `https://…`.
    pub url: String,
}

/// What an iCalendar import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClosureImport {
    pub imported: Vec<Closure>,
    /// Each event that could not be used, and why.
    pub skipped: Vec<SkippedEvent>,
}

/// An event of an imported calendar left out. The reason is a code, so the
/// app says it in the person's language; `message` says it in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkippedEvent {
    /// The event's title (`SUMMARY`), when it has one.
    pub summary: Option<String>,
    pub reason: SkipReason,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SkipReason {
    /// A calendar in the file could not be read at all.
    UnreadableCalendar,
    /// No start date the import can read.
    NoStart,
    EndBeforeStart,
    LongerThanAYear,
    /// The closure itself was refused (an empty title, say).
    Refused,
}
