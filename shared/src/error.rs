//! The one error body every API route answers with.

use serde::{Deserialize, Serialize};

/// `{"error": {"code": "slot_taken", "message": "…"}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable snake_case code; the browser app translates it.
    pub code: String,
    /// A sentence for people, in the caller's language: the `Accept-Language`
    /// header's French or English, else a signed-in person's profile, else
    /// English. Clients may show their own translation of `code`.
    pub message: String,
}

/// Error codes both sides name.
pub mod codes {
    pub const NOT_FOUND: &str = "not_found";
    pub const BAD_REQUEST: &str = "bad_request";
    pub const INVALID_JSON: &str = "invalid_json";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const URI_TOO_LONG: &str = "uri_too_long";
    pub const INTERNAL: &str = "internal_error";
    pub const UNAVAILABLE: &str = "unavailable";
    pub const SLOT_TAKEN: &str = "slot_taken";
    pub const QUOTA_EXCEEDED: &str = "quota_exceeded";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const INVALID_TOKEN: &str = "invalid_token";
    pub const FORBIDDEN: &str = "forbidden";
    pub const COMMUNE_LOCKED: &str = "commune_locked";
    pub const CROSS_SITE: &str = "cross_site_request";
    pub const RATE_LIMITED: &str = "rate_limited";
    pub const INVALID_EMAIL: &str = "invalid_email";
    pub const INVALID_CODE: &str = "invalid_code";
    pub const CODE_EXPIRED: &str = "code_expired";
    pub const TOO_MANY_ATTEMPTS: &str = "too_many_attempts";
    pub const EMAIL_TAKEN: &str = "email_taken";
    /// The person has an address of their own: only they change it.
    pub const EMAIL_LOCKED: &str = "email_locked";
    pub const UNKNOWN_COMMUNE: &str = "unknown_commune";
    pub const INVALID_NAME: &str = "invalid_name";
    /// Text too long for its field, or with control characters.
    pub const INVALID_TEXT: &str = "invalid_text";
    pub const INVALID_DATE: &str = "invalid_date";
    pub const INVALID_INTERVAL: &str = "invalid_interval";
    pub const OUTSIDE_OPENING_HOURS: &str = "outside_opening_hours";
    pub const OFF_GRID: &str = "off_grid";
    pub const SITE_CLOSED: &str = "site_closed";
    pub const IN_THE_PAST: &str = "in_the_past";
    pub const TOO_FAR_AHEAD: &str = "too_far_ahead";
    pub const TOO_LONG: &str = "too_long";
    pub const RESOURCE_RETIRED: &str = "resource_retired";
    pub const TOO_LATE_TO_CANCEL: &str = "too_late_to_cancel";
    pub const ALREADY_CANCELLED: &str = "already_cancelled";
    pub const INVALID_WEEKS: &str = "invalid_weeks";
    /// No date of a series could be booked (the answer lists each one's reason).
    pub const SERIES_REFUSED: &str = "series_refused";
    pub const INVALID_CALENDAR: &str = "invalid_calendar";
    pub const TOO_MANY_EVENTS: &str = "too_many_events";
    pub const ALREADY_WAITING: &str = "already_waiting";
    pub const TOO_MANY_WAITING: &str = "too_many_waiting";
    pub const NOT_FULL: &str = "not_full";
    pub const INVALID_ADDRESS: &str = "invalid_address";
    pub const INVALID_POSTCODE: &str = "invalid_postcode";
    /// A site's phone number with other characters than digits, spaces and
    /// `+ . - ( )`, too few digits, or too long.
    pub const INVALID_PHONE: &str = "invalid_phone";
    pub const INVALID_COORDINATES: &str = "invalid_coordinates";
    pub const INVALID_TIME_ZONE: &str = "invalid_time_zone";
    pub const INVALID_AMENITIES: &str = "invalid_amenities";
    pub const INVALID_RULES: &str = "invalid_rules";
    pub const INVALID_HOURS: &str = "invalid_hours";
    pub const INVALID_CAPACITY: &str = "invalid_capacity";
    pub const HAS_FUTURE_BOOKINGS: &str = "has_future_bookings";
    pub const INVALID_AMOUNT: &str = "invalid_amount";
    pub const UNKNOWN_EPCI: &str = "unknown_epci";
    pub const UNKNOWN_SITE: &str = "unknown_site";
    pub const INVALID_CHANGE: &str = "invalid_change";
    pub const TOO_EARLY: &str = "too_early";
    pub const INVALID_URL: &str = "invalid_url";
    pub const CALENDAR_UNREACHABLE: &str = "calendar_unreachable";
    /// A confirmation of eligibility about a declaration that changed meanwhile.
    pub const ELIGIBILITY_CHANGED: &str = "eligibility_changed";
    /// A pass, a check-in or a check-out of a booking cancelled or released.
    pub const BOOKING_NOT_ACTIVE: &str = "booking_not_active";
    /// A check-in after the booking ended.
    pub const BOOKING_OVER: &str = "booking_over";
    pub const NOT_CHECKED_IN: &str = "not_checked_in";
    /// The poster was scanned by someone with no booking at the site now.
    pub const NO_BOOKING_NOW: &str = "no_booking_now";
}
