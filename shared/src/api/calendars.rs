//! Private calendar feeds.

use serde::{Deserialize, Serialize};

/// `GET /api/v1/me/calendar` and friends: the private feed URL to paste into
/// a calendar app. Anyone holding it can read the feed; rotating it makes a
/// new one and kills the old one at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarLink {
    pub url: String,
    /// Whether the feed shows who booked (hosts) or only that a place is taken.
    pub named: bool,
}
