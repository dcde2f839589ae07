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
    /// A sentence for people, in English; clients show their own translation of `code`.
    pub message: String,
}

/// Error codes both sides name.
pub mod codes {
    pub const NOT_FOUND: &str = "not_found";
    pub const BAD_REQUEST: &str = "bad_request";
    pub const INVALID_JSON: &str = "invalid_json";
    pub const INTERNAL: &str = "internal_error";
    pub const UNAVAILABLE: &str = "unavailable";
    pub const SLOT_TAKEN: &str = "slot_taken";
    pub const QUOTA_EXCEEDED: &str = "quota_exceeded";
}
