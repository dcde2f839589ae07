//! Mail that loses nothing: a mail is a row of the outbox table, written in the
//! same transaction as what caused it; `worker` sends it later, retrying with
//! backoff while the SMTP server is away.
//!
//! - `templates`: what each mail says, in French and English.
//! - `transport`: the file folder (default) or SMTP.
//! - `worker`: the background sender.

pub mod templates;
pub mod transport;
pub mod worker;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::db::{ConnectionTrait, DbErr, outbox};

/// A mail ready to be queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<Attachment>,
    /// Carries a secret (a sign-in code and link): wiped from the outbox once sent.
    pub secret: bool,
}

/// A text attachment, such as an `.ics` invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub content: String,
}

/// Queues a mail inside the caller's transaction: it is sent if and only if
/// that transaction commits.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    mail: OutgoingMail,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let attachments = serde_json::to_string(&mail.attachments).unwrap_or_else(|_| "[]".into());
    let row = outbox::NewMail {
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments,
        secret: mail.secret,
    };
    outbox::insert(db, row, now).await
}
