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
use lettre::message::Mailbox;
use serde::{Deserialize, Serialize};

use crate::db::{ConnectionTrait, DbErr, outbox};

/// Who Relais's mails come from and where their links lead. The same
/// sender is the mail's `From` and its invitation's `ORGANIZER`, so a
/// calendar app that answers the invitation writes back to that address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// The address people reach Relais at, without a trailing slash.
    pub public_url: String,
    pub sender: Mailbox,
}

impl Letterhead {
    /// `from` is RELAIS_MAIL_FROM when set (`Name <address>` or a bare
    /// address, which then takes the network's name); otherwise the sender
    /// is the network's name at `default_address`.
    pub fn new(
        public_url: String,
        from: Option<&str>,
        network_name: &str,
        default_address: &str,
    ) -> Result<Letterhead, String> {
        let name = network_name.trim();
        let name = (!name.is_empty()).then(|| name.to_owned());
        let sender = match from {
            Some(from) => {
                let mut mailbox: Mailbox = from
                    .parse()
                    .map_err(|_| format!("invalid RELAIS_MAIL_FROM '{from}'"))?;
                if mailbox.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
                    mailbox.name = name;
                }
                mailbox
            }
            None => Mailbox::new(
                name,
                default_address
                    .parse()
                    .map_err(|_| format!("invalid sender address '{default_address}'"))?,
            ),
        };
        Ok(Letterhead { public_url, sender })
    }

    /// The name people see as the sender (the network's name by default).
    pub fn sender_name(&self) -> &str {
        self.sender.name.as_deref().unwrap_or("Relais")
    }

    pub fn sender_address(&self) -> String {
        self.sender.email.to_string()
    }
}

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
    /// Drawn from `content` when the mail is sent (the outbox keeps the
    /// short text, and the transaction that queued it does no drawing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawn_as: Option<Drawing>,
}

/// What an attachment's text becomes when its mail is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Drawing {
    /// The text as a QR code, an SVG image (`domain::qr`).
    QrCode,
}

impl Attachment {
    /// The attachment's bytes as the mail carries them.
    pub fn rendered_content(&self) -> Option<String> {
        match self.drawn_as {
            None => Some(self.content.clone()),
            Some(Drawing::QrCode) => crate::domain::qr::svg(&self.content),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::Letterhead;

    #[test]
    fn the_sender_takes_the_network_name_unless_mail_from_names_one() {
        let default = Letterhead::new(
            "https://r.example".into(),
            None,
            "Tiers-lieux de Lozère",
            "no-reply@r.example",
        )
        .unwrap();
        assert_eq!(default.sender_name(), "Tiers-lieux de Lozère");
        assert_eq!(default.sender_address(), "no-reply@r.example");

        let bare = Letterhead::new(
            "https://r.example".into(),
            Some("contact@lozere.example"),
            "Tiers-lieux de Lozère",
            "no-reply@r.example",
        )
        .unwrap();
        assert_eq!(bare.sender_name(), "Tiers-lieux de Lozère");
        assert_eq!(bare.sender_address(), "contact@lozere.example");

        let named = Letterhead::new(
            "https://r.example".into(),
            Some("Accueil Mende <accueil@mende.example>"),
            "Tiers-lieux de Lozère",
            "no-reply@r.example",
        )
        .unwrap();
        assert_eq!(named.sender_name(), "Accueil Mende");
        assert!(Letterhead::new("x".into(), Some("not an address"), "R", "a@b.c").is_err());
    }
}
