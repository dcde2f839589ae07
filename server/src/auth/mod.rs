//! Who is calling, and what they may do.
//!
//! - `secrets`: the keys that sign sessions and hash sign-in codes.
//! - `session`: JWT sessions and the browser's cookie.
//! - `codes`: the 6-digit codes and link tokens of sign-in mails.
//! - `api_keys`: keys for machines (door controllers, data pipelines).
//! - `policy`: the one authorization layer every request goes through.
//! - `rate_limit`: limits on the sign-in routes.

pub mod api_keys;
pub mod client_address;
pub mod codes;
pub mod policy;
pub mod rate_limit;
pub mod secrets;
pub mod session;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use shared::ids::ApiKeyId;

pub use crate::domain::caller::{Grant, PersonContext};
use crate::error::ApiError;

/// The caller of a request, resolved once by `policy::authorize`.
#[derive(Debug, Clone)]
pub enum Principal {
    Anonymous,
    Person(PersonContext),
    Machine(MachineContext),
}

#[derive(Debug, Clone)]
pub struct MachineContext {
    pub key_id: ApiKeyId,
    pub scope: shared::api::ApiKeyScope,
}

impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Principal>()
            .cloned()
            .unwrap_or(Principal::Anonymous))
    }
}

/// A signed-in person; refuses anyone else with 401.
#[derive(Debug, Clone)]
pub struct SignedIn(pub PersonContext);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Principal::from_request_parts(parts, state).await? {
            Principal::Person(person) => Ok(SignedIn(person)),
            _ => Err(ApiError::Unauthorized),
        }
    }
}
