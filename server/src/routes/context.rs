//! What a handler needs of the server for one request, taken once: the
//! state (database, write gate, keys, limits…), the instant the request is
//! handled at, the public address for links, and the mail worker's bell.

use std::ops::Deref;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};

use crate::state::AppState;

#[derive(Clone)]
pub struct Ctx {
    state: AppState,
    /// When the request is handled: every step of it sees the same instant.
    pub now: DateTime<Utc>,
    /// The address people reach Relais at, for links in mails and feeds.
    pub public_url: String,
}

impl Ctx {
    /// Tells the mail worker that mails wait in the outbox (after the
    /// transaction that queued them has committed).
    pub fn wake_mail(&self) {
        self.state.mail_wake.notify_one();
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        _parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Ctx {
            now: state.clock.now(),
            public_url: state.config.public_url(),
            state: state.clone(),
        })
    }
}

impl Deref for Ctx {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        &self.state
    }
}
