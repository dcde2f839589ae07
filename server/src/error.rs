//! The one error type of the API. Every failure leaves as
//! `{"error": {"code", "message"}}` with a fitting status; infrastructure
//! errors are logged with their cause and leave as a bare 500.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::error::codes;
use shared::{ErrorBody, ErrorDetail};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotFound(String),
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("{message}")]
    Gone { code: &'static str, message: String },
    /// The route exists, not with this method; the methods it answers.
    #[error("This address does not accept this method.")]
    MethodNotAllowed(String),
    #[error("The request's body is larger than this route accepts.")]
    PayloadTooLarge,
    #[error("The address of the request is too long.")]
    UriTooLong,
    /// A series none of whose dates could be booked, each with its reason.
    #[error("None of these dates could be booked.")]
    SeriesRefused(Vec<shared::api::RefusedOccurrence>),
    #[error("Please sign in first.")]
    Unauthorized,
    #[error("This session is not valid (expired, revoked or forged). Please sign in again.")]
    InvalidToken,
    #[error("You are not allowed to do this.")]
    Forbidden,
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    #[error("This request came from another site and was refused.")]
    CrossSite,
    #[error("Too many attempts. Please wait a few minutes and try again.")]
    RateLimited,
    #[error("the database is unavailable")]
    Unavailable,
    #[error(transparent)]
    Database(#[from] crate::db::DbErr),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// The code and the sentence a client would get, for reports that list
    /// several outcomes (a series' refused occurrences).
    pub fn code_and_message(&self) -> (&'static str, String) {
        let (_, code) = self.status_and_code();
        (code, self.to_string())
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, codes::NOT_FOUND),
            ApiError::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, code),
            ApiError::Conflict { code, .. } => (StatusCode::CONFLICT, code),
            ApiError::Gone { code, .. } => (StatusCode::GONE, code),
            ApiError::MethodNotAllowed(_) => {
                (StatusCode::METHOD_NOT_ALLOWED, codes::METHOD_NOT_ALLOWED)
            }
            ApiError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, codes::PAYLOAD_TOO_LARGE),
            ApiError::UriTooLong => (StatusCode::URI_TOO_LONG, codes::URI_TOO_LONG),
            ApiError::SeriesRefused(_) => (StatusCode::CONFLICT, codes::SERIES_REFUSED),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED),
            ApiError::InvalidToken => (StatusCode::UNAUTHORIZED, codes::INVALID_TOKEN),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, codes::FORBIDDEN),
            ApiError::Refused { code, .. } => (StatusCode::FORBIDDEN, code),
            ApiError::CrossSite => (StatusCode::FORBIDDEN, codes::CROSS_SITE),
            ApiError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, codes::RATE_LIMITED),
            ApiError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, codes::UNAVAILABLE),
            // Out of connections, cut off, or waiting on a lock: try again soon.
            ApiError::Database(error) if crate::db::is_transient(error) => {
                (StatusCode::SERVICE_UNAVAILABLE, codes::UNAVAILABLE)
            }
            ApiError::Database(_) | ApiError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, codes::INTERNAL)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = ?self, "request failed");
            "Something went wrong on our side. Please try again in a moment.".to_owned()
        } else if let ApiError::Database(error) = &self {
            tracing::warn!(%error, "database busy or unreachable");
            "The service is busy. Please try again in a moment.".to_owned()
        } else {
            self.to_string()
        };
        // One language per conversation: a French caller reads French.
        let message = in_spoken_language(code, message);
        let allow = match &self {
            ApiError::MethodNotAllowed(methods) => HeaderValue::from_str(methods).ok(),
            _ => None,
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message,
            },
        };
        let mut response = match &self {
            // The error, and beside it each date with its own code.
            ApiError::SeriesRefused(refused) => {
                let refused: Vec<_> = refused
                    .iter()
                    .cloned()
                    .map(|mut date| {
                        date.message = in_spoken_language(&date.code, date.message);
                        date
                    })
                    .collect();
                (
                    status,
                    Json(serde_json::json!({ "error": body.error, "refused": refused })),
                )
                    .into_response()
            }
            _ => (status, Json(body)).into_response(),
        };
        if let Some(allow) = allow {
            response.headers_mut().insert(header::ALLOW, allow);
        }
        response
    }
}

/// One language per conversation: a French caller reads French (the
/// English sentence may say more, and stays for everyone else).
/// A message that names its field first (`name: …`, a JSON key) keeps it.
pub fn in_spoken_language(code: &str, english: String) -> String {
    let Some(shared::api::Language::Fr) = crate::spoken::spoken() else {
        return english;
    };
    let Some(french) = crate::spoken::french(code) else {
        return english;
    };
    let field = english.split_once(':').map(|(field, _)| field).filter(|f| {
        !f.is_empty()
            && f.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
    });
    match field {
        Some(field) => format!("{field} : {french}"),
        None => french.to_owned(),
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::PayloadTooLarge;
        }
        ApiError::bad_request(codes::INVALID_JSON, rejection.body_text())
    }
}

impl From<crate::app::failure::Failure> for ApiError {
    fn from(failure: crate::app::failure::Failure) -> Self {
        use crate::app::failure::Failure;
        match failure {
            Failure::NotFound(message) => ApiError::NotFound(message),
            Failure::Invalid { code, message } => ApiError::BadRequest { code, message },
            Failure::Conflict { code, message } => ApiError::Conflict { code, message },
            Failure::Gone { code, message } => ApiError::Gone { code, message },
            Failure::Forbidden => ApiError::Forbidden,
            Failure::Refused { code, message } => ApiError::Refused { code, message },
            Failure::Unauthorized => ApiError::Unauthorized,
            Failure::SeriesRefused(refused) => ApiError::SeriesRefused(refused),
            Failure::Database(error) => ApiError::Database(error),
            Failure::Internal(error) => ApiError::Internal(error),
        }
    }
}

impl From<crate::domain::refusal::Refusal> for ApiError {
    fn from(refusal: crate::domain::refusal::Refusal) -> Self {
        use crate::domain::refusal::Kind;
        match refusal.kind {
            Kind::Invalid => ApiError::bad_request(refusal.code, refusal.message),
            Kind::Conflict => ApiError::Conflict {
                code: refusal.code,
                message: refusal.message,
            },
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::bad_request(codes::BAD_REQUEST, rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    /// An id that does not parse names nothing: 404, without the parser's words.
    fn from(_: PathRejection) -> Self {
        ApiError::NotFound("There is no such object.".to_owned())
    }
}

/// `axum::extract::Path`, with our JSON error shape when an id is malformed.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// `axum::Json`, but a malformed body answers with our JSON error shape.
#[derive(Debug, axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// `axum::extract::Query`, with our JSON error shape on bad parameters.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(error: ApiError) -> (StatusCode, ErrorBody) {
        let response = error.into_response();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn each_variant_has_its_status_and_code() {
        let cases = [
            (
                ApiError::NotFound("no such site".into()),
                StatusCode::NOT_FOUND,
                "not_found",
            ),
            (
                ApiError::bad_request("bad_date", "bad"),
                StatusCode::BAD_REQUEST,
                "bad_date",
            ),
            (
                ApiError::Conflict {
                    code: codes::SLOT_TAKEN,
                    message: "taken".into(),
                },
                StatusCode::CONFLICT,
                "slot_taken",
            ),
            (
                ApiError::Unavailable,
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
            ),
        ];
        for (error, status, code) in cases {
            let (got_status, body) = body_of(error).await;
            assert_eq!(got_status, status);
            assert_eq!(body.error.code, code);
        }
    }

    #[tokio::test]
    async fn internal_errors_say_nothing_internal() {
        let (status, body) = body_of(ApiError::Internal(anyhow::anyhow!(
            "password=hunter2 at db"
        )))
        .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body.error.code, "internal_error");
        assert!(!body.error.message.contains("hunter2"));
    }
}
