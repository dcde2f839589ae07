//! What every request handler can reach.

use std::sync::Arc;

use crate::db::DatabaseConnection;
use tokio::sync::Notify;

use crate::auth::rate_limit::RateLimits;
use crate::auth::secrets::Keys;
use crate::clock::Clock;
use crate::config::Config;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub keys: Arc<Keys>,
    pub limits: Arc<RateLimits>,
    /// Queues writers on SQLite (see `db::WriteGate`).
    pub write_gate: Arc<crate::db::WriteGate>,
    /// Rung after a mail is queued, so the worker sends it at once.
    pub mail_wake: Arc<Notify>,
    /// Sites whose bookings just changed, for the hosts' live views.
    pub live: crate::db::live::LiveHub,
    /// The mails' sender and the public address their links use.
    pub letterhead: Arc<crate::mail::Letterhead>,
}
