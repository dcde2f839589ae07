//! A request a rule refuses: the error type of the domain layer. It names
//! the code of `shared::error::codes`, says why in plain words, and whether
//! the request itself is wrong or clashes with the state of things; the HTTP
//! edge makes it a 400 or a 409 (`impl From<Refusal> for ApiError`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The request cannot be right, whenever it is sent (400).
    Invalid,
    /// The request clashes with how things stand now (409).
    Conflict,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    pub kind: Kind,
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            kind: Kind::Invalid,
            code,
            message: message.into(),
        }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            kind: Kind::Conflict,
            code,
            message: message.into(),
        }
    }
}
