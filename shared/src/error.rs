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
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const INVALID_TOKEN: &str = "invalid_token";
    pub const FORBIDDEN: &str = "forbidden";
    pub const CROSS_SITE: &str = "cross_site_request";
    pub const RATE_LIMITED: &str = "rate_limited";
    pub const INVALID_EMAIL: &str = "invalid_email";
    pub const INVALID_CODE: &str = "invalid_code";
    pub const CODE_EXPIRED: &str = "code_expired";
    pub const TOO_MANY_ATTEMPTS: &str = "too_many_attempts";
    pub const EMAIL_TAKEN: &str = "email_taken";
    pub const UNKNOWN_COMMUNE: &str = "unknown_commune";
    pub const INVALID_NAME: &str = "invalid_name";
}
