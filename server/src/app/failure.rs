//! Why a use case did not happen: the error type below the HTTP layer. The
//! edge turns it into `ApiError` (`impl From<Failure> for ApiError`), the
//! only place that knows statuses.

use crate::db::DbErr;
use shared::api::RefusedOccurrence;
use shared::error::codes;

use crate::domain::refusal::{Kind, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Nothing by this id here (or nothing the caller may see).
    #[error("{0}")]
    NotFound(String),
    /// The request cannot be right (400).
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    /// The request clashes with how things stand (409).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// What the request names is over for good (410).
    #[error("{message}")]
    Gone { code: &'static str, message: String },
    /// The caller may not do this at all (403 `forbidden`).
    #[error("You are not allowed to do this.")]
    Forbidden,
    /// The caller may not do this now, for a reason with its own code (403).
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    /// The caller's account is gone.
    #[error("Please sign in first.")]
    Unauthorized,
    /// A series none of whose dates could be booked, each with its reason.
    #[error("None of these dates could be booked.")]
    SeriesRefused(Vec<RefusedOccurrence>),
    #[error(transparent)]
    Database(#[from] DbErr),
    /// A stored value that should not be there: a bug, answered 500.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Failure {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Failure {
        Failure::Invalid {
            code,
            message: message.into(),
        }
    }

    /// The code and the sentence a client would get, for reports that list
    /// several outcomes (a series' refused occurrences).
    pub fn code_and_message(&self) -> (&'static str, String) {
        let code = match self {
            Failure::NotFound(_) => codes::NOT_FOUND,
            Failure::Invalid { code, .. }
            | Failure::Conflict { code, .. }
            | Failure::Gone { code, .. }
            | Failure::Refused { code, .. } => code,
            Failure::Forbidden => codes::FORBIDDEN,
            Failure::Unauthorized => codes::UNAUTHORIZED,
            Failure::SeriesRefused(_) => codes::SERIES_REFUSED,
            Failure::Database(_) | Failure::Internal(_) => codes::INTERNAL,
        };
        (code, self.to_string())
    }
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Failure {
        match refusal.kind {
            Kind::Invalid => Failure::Invalid {
                code: refusal.code,
                message: refusal.message,
            },
            Kind::Conflict => Failure::Conflict {
                code: refusal.code,
                message: refusal.message,
            },
        }
    }
}
