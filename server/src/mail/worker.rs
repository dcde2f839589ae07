//! The background sender. Each process runs one; they share the outbox
//! safely: a mail is claimed with a conditional update before it is sent.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::Mailbox;
use tokio::sync::Notify;

use super::transport::Transport;
use crate::clock::Clock;
use crate::db::entities::outbox_mail::Model as OutboxMail;
use crate::db::{DatabaseConnection, DbErr, outbox};

/// How long a worker owns a mail it took.
const CLAIM: chrono::Duration = chrono::Duration::seconds(60);
/// Longest wait between two tries of one mail.
const MAX_BACKOFF_SECONDS: i64 = 300;
/// How often the outbox is looked at when nobody rings.
const IDLE_POLL: Duration = Duration::from_secs(2);
/// How long the text of a sent mail is kept (to answer "did my mail go?"),
/// then wiped; who it went to, when and whether stay.
pub const KEEP_SENT_TEXT: chrono::Duration = chrono::Duration::days(30);
/// How often old texts are looked for.
const WIPE_EVERY: chrono::Duration = chrono::Duration::hours(1);

pub struct MailWorker {
    pub db: DatabaseConnection,
    pub transport: Transport,
    pub from: Mailbox,
    pub clock: Clock,
    pub wake: Arc<Notify>,
    /// Writes queue with the app's other writers (SQLite has one writer).
    pub gate: Arc<crate::db::WriteGate>,
}

/// 1 s, 2 s, 4 s … up to five minutes.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exponent = u32::try_from(attempts.clamp(0, 16)).unwrap_or(16);
    chrono::Duration::seconds(Ord::min(1i64 << exponent, MAX_BACKOFF_SECONDS))
}

impl MailWorker {
    /// Sends due mails until the process stops.
    pub async fn run(self) {
        let mut wiped_at = None;
        loop {
            let now = self.clock.now();
            if wiped_at.is_none_or(|at| now - at >= WIPE_EVERY) {
                let _writer = self.gate.enter().await;
                match wipe_old_texts(&self.db, now).await {
                    Ok(_) => wiped_at = Some(now),
                    Err(error) => {
                        tracing::warn!(%error, "old mail texts not wiped; trying again later")
                    }
                }
            }
            match self.send_due().await {
                Ok(0) => {
                    let _ = tokio::time::timeout(IDLE_POLL, self.wake.notified()).await;
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "mail outbox unreachable; trying again soon");
                    tokio::time::sleep(IDLE_POLL).await;
                }
            }
        }
    }

    /// Sends every mail that is due now; returns how many were tried.
    /// A batch is claimed with one conditional update (another process may
    /// claim some of the same rows: each goes to whoever updated it), and the
    /// mails sent are marked in one update; failures are marked one by one.
    pub async fn send_due(&self) -> Result<usize, DbErr> {
        let now = self.clock.now();
        let due = outbox::due(&self.db, now, 20).await?;
        if due.is_empty() {
            return Ok(0);
        }
        let claimed = {
            let _writer = self.gate.enter().await;
            outbox::claim(&self.db, due, now, now + CLAIM).await?
        };
        let tried = claimed.len();
        let mut sent = Vec::new();
        for mail in claimed {
            if let Some(id) = self.send_one(mail).await? {
                sent.push(id);
            }
        }
        if !sent.is_empty() {
            let _writer = self.gate.enter().await;
            outbox::mark_sent(&self.db, sent, self.clock.now()).await?;
        }
        Ok(tried)
    }

    /// Sends one claimed mail: `Some(id)` when it went, else its failure is recorded.
    async fn send_one(&self, mail: OutboxMail) -> Result<Option<i64>, DbErr> {
        let id = mail.id;
        let attempts = mail.attempts + 1;
        let Err(error) = self.transport.send(&self.from, &mail).await else {
            tracing::info!(mail = id, "mail sent");
            return Ok(Some(id));
        };
        let now = self.clock.now();
        let retry = backoff(attempts);
        tracing::warn!(mail = id, attempts, retry_in_s = retry.num_seconds(), error = %format!("{error:#}"), "mail not sent; will retry");
        let _writer = self.gate.enter().await;
        outbox::mark_failed(&self.db, id, attempts, now + retry, format!("{error:#}")).await?;
        Ok(None)
    }
}

/// Wipes the text of mails sent more than `KEEP_SENT_TEXT` ago; how many.
pub async fn wipe_old_texts(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    outbox::wipe_texts_sent_before(db, now - KEEP_SENT_TEXT).await
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_up_to_five_minutes() {
        assert_eq!(backoff(0).num_seconds(), 1);
        assert_eq!(backoff(1).num_seconds(), 2);
        assert_eq!(backoff(3).num_seconds(), 8);
        assert_eq!(backoff(9).num_seconds(), 300);
        assert_eq!(backoff(1000).num_seconds(), 300);
    }
}
