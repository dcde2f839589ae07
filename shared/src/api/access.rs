//! Door access: passes (a signed token shown as a QR code, and a PIN),
//! what door controllers download and upload, check-in and check-out, the
//! site's daily poster, the host's live view and the access log.

use serde::{Deserialize, Serialize};

use crate::api::{BookingStatus, ResourceKind};
use crate::ids::{BookingId, PersonId, ResourceId, SiteId};

/// The audience every pass names: only doors accept it.
pub const PASS_AUDIENCE: &str = "relais-door";

/// How many digits a PIN has.
pub const PIN_DIGITS: usize = 6;

/// `GET /api/v1/bookings/{id}/pass` (fixed point): what opens the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pass {
    /// A JWT signed with Ed25519 (`alg` EdDSA, `kid`), audience `relais-door`.
    pub token: String,
    /// Six digits for a keypad, unique at the site on the booking's day.
    pub pin: String,
    /// RFC 3339: a margin before the booking starts.
    pub valid_from: String,
    /// RFC 3339: when the booking ends.
    pub valid_until: String,
    /// The token as a QR code, an SVG image.
    pub qr_svg: String,
    pub booking_id: BookingId,
    pub status: BookingStatus,
    pub site_id: SiteId,
    pub site_name: String,
    pub resource_name: String,
    /// The booking itself (the pass opens a little earlier).
    pub start: String,
    pub end: String,
    pub time_zone: String,
    /// The site's address, one line.
    pub address: String,
    /// What the site's hosts say about getting in (key box, keypad, bell…).
    pub how_to_get_in: String,
    /// The person's name, for a pass printed by a host.
    pub person_name: String,
    pub checked_in: bool,
}

/// A site's door settings, set by its hosts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoorRules {
    /// A pass opens the door this many minutes before its booking starts (0 to 120).
    pub pass_margin_minutes: u16,
    /// A booking nobody checked in is released this many minutes after its
    /// start (5 to 240); `null`: never (the site has no way to check in).
    pub release_after_minutes: Option<u16>,
    /// How to get in: where the key box is, the keypad, the bell.
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub how_to_get_in: String,
}

impl Default for DoorRules {
    fn default() -> Self {
        DoorRules {
            pass_margin_minutes: 15,
            release_after_minutes: None,
            how_to_get_in: String::new(),
        }
    }
}

/// `POST /api/v1/access/verify` (fixed point): a door asks about a QR code or a PIN.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub token: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 12))]
    pub pin: Option<String>,
}

/// Why a door said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DoorRefusal {
    /// Too early: the pass opens a little before the booking starts.
    NotYet,
    /// The booking is over.
    Expired,
    /// The booking was cancelled.
    Cancelled,
    /// Nobody came in time and the place went back to others.
    Released,
    /// The pass is for another site.
    OtherSite,
    /// Not a pass of this network, or no booking with this PIN today.
    Unknown,
}

impl DoorRefusal {
    pub const fn as_str(self) -> &'static str {
        match self {
            DoorRefusal::NotYet => "not_yet",
            DoorRefusal::Expired => "expired",
            DoorRefusal::Cancelled => "cancelled",
            DoorRefusal::Released => "released",
            DoorRefusal::OtherSite => "other_site",
            DoorRefusal::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<DoorRefusal> {
        [
            DoorRefusal::NotYet,
            DoorRefusal::Expired,
            DoorRefusal::Cancelled,
            DoorRefusal::Released,
            DoorRefusal::OtherSite,
            DoorRefusal::Unknown,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// The door's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verdict {
    pub allowed: bool,
    pub booking_id: Option<BookingId>,
    /// Why not; `null` when allowed.
    pub reason: Option<DoorRefusal>,
}

/// One signing key, as a JSON Web Key (RFC 8037).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Jwk {
    /// `OKP`.
    pub kty: String,
    /// `Ed25519`.
    pub crv: String,
    pub kid: String,
    /// The public key, base64url.
    pub x: String,
    /// `EdDSA`.
    pub alg: String,
    /// `sig`.
    #[serde(rename = "use")]
    pub use_: String,
}

/// `GET /.well-known/jwks.json` (fixed point).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

/// `GET /api/v1/access/door-list`: what a door needs to work a whole day
/// offline, fetched each morning and every few minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoorList {
    pub site_id: SiteId,
    /// The site's local day (YYYY-MM-DD) the list covers.
    pub day: String,
    pub generated_at: String,
    /// Fetch again within this many seconds, so a cancellation closes the door soon.
    pub refresh_seconds: u32,
    /// The keys passes are signed with (as the JWKS).
    pub keys: Vec<Jwk>,
    /// Every booking of the day that may come in.
    pub passes: Vec<DoorPass>,
    /// Bookings of the day that must no longer open (their tokens stay signed).
    pub revoked: Vec<RevokedPass>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoorPass {
    pub booking_id: BookingId,
    pub pin: String,
    pub valid_from: String,
    pub valid_until: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokedPass {
    pub booking_id: BookingId,
    pub reason: DoorRefusal,
}

/// `POST /api/v1/access/entries`: what a door saw while offline. Sending the
/// same entry again (same `entry_id`) records it once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoorEntries {
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub entries: Vec<DoorEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoorEntry {
    /// The door's own id for this entry (1 to 64 characters), unique per door.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub entry_id: String,
    /// RFC 3339: when the door saw it.
    pub at: String,
    pub booking_id: Option<BookingId>,
    /// What the door decided.
    pub allowed: bool,
    pub reason: Option<DoorRefusal>,
}

/// The answer to an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntriesRecorded {
    /// Entries seen for the first time.
    pub recorded: u32,
    /// Entries already recorded by an earlier upload.
    pub duplicates: u32,
    /// Entries with an `entry_id` or `at` that cannot be right (empty, too
    /// long, not RFC 3339, in the future or older than the log keeps): not recorded.
    pub rejected: u32,
}

/// `GET /api/v1/sites/{id}/poster`: the code of the day people scan at the
/// site to check in with their own phone. It changes every day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Poster {
    pub site_id: SiteId,
    pub site_name: String,
    pub day: String,
    pub code: String,
    /// The address the QR code holds.
    pub url: String,
    pub qr_svg: String,
}

/// `POST /api/v1/sites/{id}/check-in`: a person scanned the poster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PosterCheckIn {
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub code: String,
}

/// Who is in, who is expected and what is free at a site: the host's live view,
/// sent again over `GET /api/v1/sites/{id}/live` whenever it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveBoard {
    pub site_id: SiteId,
    pub site_name: String,
    pub time_zone: String,
    /// The site's local day.
    pub day: String,
    pub generated_at: String,
    pub resources: Vec<LiveResource>,
    /// The week ahead: per day, how many bookings and free desks' half-days.
    pub week: Vec<LiveDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveResource {
    pub resource_id: ResourceId,
    pub name: String,
    pub kind: ResourceKind,
    /// Free right now.
    pub free_now: bool,
    /// Today's bookings of this resource, by start.
    pub bookings: Vec<LiveBooking>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveBooking {
    pub booking_id: BookingId,
    pub person_id: Option<PersonId>,
    pub person_name: String,
    pub start: String,
    pub end: String,
    pub status: BookingStatus,
    /// Booked by a host for someone at the desk.
    pub walk_in: bool,
    pub checked_in_at: Option<String>,
    pub checked_out_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveDay {
    pub day: String,
    pub bookings: u32,
    pub closed: bool,
}

/// Where an access-log line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessSource {
    Door,
    Host,
    Poster,
    Person,
    /// Relais itself: a release after a no-show, the end of a booking.
    System,
}

impl AccessSource {
    pub const fn as_str(self) -> &'static str {
        match self {
            AccessSource::Door => "door",
            AccessSource::Host => "host",
            AccessSource::Poster => "poster",
            AccessSource::Person => "person",
            AccessSource::System => "system",
        }
    }

    pub fn parse(text: &str) -> Option<AccessSource> {
        [
            AccessSource::Door,
            AccessSource::Host,
            AccessSource::Poster,
            AccessSource::Person,
            AccessSource::System,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// What happened: an entry, a refusal, a check-out or a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessAction {
    CheckIn,
    Refused,
    CheckOut,
    Released,
}

impl AccessAction {
    pub const fn as_str(self) -> &'static str {
        match self {
            AccessAction::CheckIn => "check_in",
            AccessAction::Refused => "refused",
            AccessAction::CheckOut => "check_out",
            AccessAction::Released => "released",
        }
    }

    pub fn parse(text: &str) -> Option<AccessAction> {
        [
            AccessAction::CheckIn,
            AccessAction::Refused,
            AccessAction::CheckOut,
            AccessAction::Released,
        ]
        .into_iter()
        .find(|a| a.as_str() == text)
    }
}

/// `GET /api/v1/sites/{id}/access-log`: one line, newest first. Kept
/// `ACCESS_LOG_DAYS` days, then deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogLine {
    pub at: String,
    pub source: AccessSource,
    pub action: AccessAction,
    pub booking_id: Option<BookingId>,
    pub person_name: Option<String>,
    pub reason: Option<DoorRefusal>,
}

/// How long the access log keeps a line: three months, as the CNIL advises
/// for access control.
pub const ACCESS_LOG_DAYS: i64 = 92;
