//! Where mails go: one RFC 5322 file per mail in a folder (the embedded
//! default), or an SMTP server.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment as LettreAttachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::Attachment;
use crate::db::entities::outbox_mail;

pub enum Transport {
    Folder(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Transport {
    pub fn folder(dir: &Path) -> anyhow::Result<Transport> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the mail folder {}", dir.display()))?;
        Ok(Transport::Folder(AsyncFileTransport::new(dir)))
    }

    pub fn smtp(url: &str) -> anyhow::Result<Transport> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context(
                "invalid RELAIS_SMTP_URL (expected smtp://user:password@host:port or smtps://…)",
            )?
            .timeout(Some(Duration::from_secs(15)))
            .build();
        Ok(Transport::Smtp(transport))
    }

    pub async fn send(&self, from: &Mailbox, mail: &outbox_mail::Model) -> anyhow::Result<()> {
        let message = build(from, mail)?;
        match self {
            Transport::Folder(folder) => {
                folder
                    .send(message)
                    .await
                    .context("cannot write the mail file")?;
            }
            Transport::Smtp(smtp) => {
                smtp.send(message)
                    .await
                    .context("the SMTP server refused or did not answer")?;
            }
        }
        Ok(())
    }
}

/// Text parts are quoted-printable, so codes and links stay readable in the raw file.
fn text_part(content_type: ContentType, text: &str) -> SinglePart {
    SinglePart::builder().header(content_type).body(
        Body::new_with_encoding(text.to_owned(), ContentTransferEncoding::QuotedPrintable)
            .unwrap_or_else(Body::new),
    )
}

fn build(from: &Mailbox, mail: &outbox_mail::Model) -> anyhow::Result<Message> {
    let to: Mailbox = mail
        .to_address
        .parse()
        .context("invalid recipient address")?;
    let alternative = MultiPart::alternative()
        .singlepart(text_part(ContentType::TEXT_PLAIN, &mail.body_text))
        .singlepart(text_part(ContentType::TEXT_HTML, &mail.body_html));
    let attachments: Vec<Attachment> = serde_json::from_str(&mail.attachments).unwrap_or_default();
    let body = if attachments.is_empty() {
        alternative
    } else {
        let mut mixed = MultiPart::mixed().multipart(alternative);
        for attachment in attachments {
            let content_type =
                ContentType::parse(&attachment.content_type).unwrap_or(ContentType::TEXT_PLAIN);
            // Base64 always: calendar files have long lines and accents, and
            // every client reads base64 attachments the same way.
            let content = attachment
                .rendered_content()
                .context("cannot draw an attachment")?;
            let body = Body::new_with_encoding(content, ContentTransferEncoding::Base64)
                .map_err(|_| anyhow::anyhow!("cannot encode the attachment"))?;
            mixed = mixed
                .singlepart(LettreAttachment::new(attachment.file_name).body(body, content_type));
        }
        mixed
    };
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&mail.subject)
        .multipart(body)
        .context("cannot build the mail")
}
