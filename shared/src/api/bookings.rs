//! Availability and bookings.

use serde::{Deserialize, Serialize};

use crate::api::ResourceKind;
use crate::ids::{BookingId, PersonId, ResourceId, SeriesId, SiteId, WaitlistId};

/// A half-open interval [start, end) of RFC 3339 instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interval {
    pub start: String,
    pub end: String,
}

/// `GET /api/v1/availability?date=YYYY-MM-DD`: free intervals of every resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Availability {
    pub date: String,
    pub sites: Vec<SiteAvailability>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteAvailability {
    pub site_id: SiteId,
    pub site_name: String,
    pub commune_name: String,
    /// Straight-line distance from the chosen site or point, when one was given.
    pub distance_km: Option<f64>,
    /// Closed all day (closure or no opening hours).
    pub closed: bool,
    /// The day's opening periods, as instants.
    pub open: Vec<Interval>,
    pub resources: Vec<ResourceAvailability>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResourceAvailability {
    pub resource_id: ResourceId,
    pub name: String,
    pub kind: ResourceKind,
    pub free: Vec<Interval>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Confirmed,
    Cancelled,
    CheckedIn,
    NoShow,
    Completed,
}

impl BookingStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::CheckedIn => "checked_in",
            BookingStatus::NoShow => "no_show",
            BookingStatus::Completed => "completed",
        }
    }

    pub fn parse(text: &str) -> Option<BookingStatus> {
        [
            BookingStatus::Confirmed,
            BookingStatus::Cancelled,
            BookingStatus::CheckedIn,
            BookingStatus::NoShow,
            BookingStatus::Completed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// `POST /api/v1/bookings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewBooking {
    pub resource_id: ResourceId,
    /// RFC 3339 instant.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    /// RFC 3339 instant.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub end: String,
    /// A host books for an assisted person of their site.
    #[serde(default)]
    pub for_person: Option<PersonId>,
}

/// A booking as its person (or a host of its site) sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Booking {
    pub id: BookingId,
    pub status: BookingStatus,
    pub resource_id: ResourceId,
    pub resource_name: String,
    pub kind: ResourceKind,
    pub site_id: SiteId,
    pub site_name: String,
    pub start: String,
    pub end: String,
    /// The site's time zone, to show local times.
    pub time_zone: String,
    /// Only for hosts: who the desk is for.
    pub person_name: Option<String>,
    pub cancel_reason: Option<String>,
    /// Set for an occurrence of a weekly series.
    #[serde(default)]
    pub series_id: Option<SeriesId>,
    /// Accepted beyond every quota, as paid ("hors quota"): the host collects the fee.
    #[serde(default)]
    pub beyond_quota: bool,
}

/// `DELETE /api/v1/bookings/{id}` may carry a reason (hosts, administrators).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelBooking {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: Option<String>,
}

/// `POST /api/v1/bookings/series`: the same slot every week, e.g. every
/// Tuesday morning for 8 weeks. `start` and `end` are the first occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSeries {
    pub resource_id: ResourceId,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub end: String,
    /// How many weeks, the first included (1 to 26).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 26))]
    pub weeks: u8,
    #[serde(default)]
    pub for_person: Option<PersonId>,
}

/// One occurrence of a series that could not be booked, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefusedOccurrence {
    pub start: String,
    pub end: String,
    pub code: String,
    pub message: String,
}

/// What a series booked and what it could not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesResult {
    pub series_id: SeriesId,
    pub booked: Vec<Booking>,
    pub refused: Vec<RefusedOccurrence>,
}

/// `POST /api/v1/waitlist`: wait for any resource of a kind at a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWaitlistEntry {
    pub site_id: SiteId,
    pub kind: ResourceKind,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    Waiting,
    /// A place freed up and was booked for the person.
    Served,
    Withdrawn,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistEntry {
    pub id: WaitlistId,
    pub site_id: SiteId,
    pub kind: ResourceKind,
    pub start: String,
    pub end: String,
    pub status: WaitlistStatus,
    pub booking_id: Option<BookingId>,
}
