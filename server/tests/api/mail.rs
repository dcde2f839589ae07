//! Mail over a real SMTP conversation on loopback, and an outage that loses nothing.

use std::sync::{Arc, Mutex};

use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::{Backend, spawn_app_with};

/// A small SMTP server: speaks enough of RFC 5321 for a client to deliver,
/// and keeps every message it receives.
async fn smtp_sink(listener: TcpListener, received: Arc<Mutex<Vec<String>>>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let received = received.clone();
        tokio::spawn(async move {
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            let _ = write.write_all(b"220 sink.test ESMTP ready\r\n").await;
            let mut in_data = false;
            let mut message = String::new();
            while let Ok(Some(line)) = lines.next_line().await {
                if in_data {
                    if line == "." {
                        in_data = false;
                        received.lock().unwrap().push(std::mem::take(&mut message));
                        let _ = write.write_all(b"250 2.0.0 queued\r\n").await;
                    } else {
                        message.push_str(&line);
                        message.push('\n');
                    }
                    continue;
                }
                let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                let reply: &[u8] = match verb.as_str() {
                    "EHLO" => b"250-sink.test\r\n250 8BITMIME\r\n",
                    "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 2.0.0 ok\r\n",
                    "DATA" => {
                        in_data = true;
                        b"354 end with .\r\n"
                    }
                    "QUIT" => {
                        let _ = write.write_all(b"221 2.0.0 bye\r\n").await;
                        return;
                    }
                    _ => b"502 5.5.2 not implemented\r\n",
                };
                let _ = write.write_all(reply).await;
            }
        });
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_mail_goes_through_smtp_and_survives_an_outage() {
    // A port with nothing behind it yet: the SMTP server is "down".
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let smtp_url = format!("smtp://127.0.0.1:{port}");
    let app = spawn_app_with(Backend::Sqlite, |config| config.smtp_url = Some(smtp_url))
        .await
        .unwrap();
    // The app's clock stands still; the worker's retries need time to pass.
    let (status, _) = app
        .post(
            "/api/v1/auth/request",
            None,
            json!({"email": "alice@demo.relais"}),
        )
        .await;
    assert_eq!(status, 202, "the request is accepted while SMTP is down");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.clock.advance(chrono::Duration::seconds(5));

    let received = Arc::new(Mutex::new(Vec::new()));
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    tokio::spawn(smtp_sink(listener, received.clone()));
    for _ in 0..100 {
        if !received.lock().unwrap().is_empty() {
            break;
        }
        app.clock.advance(chrono::Duration::seconds(1));
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mails = received.lock().unwrap().clone();
    assert_eq!(mails.len(), 1, "the mail arrived once the server came back");
    let mail = crate::helpers::unfold_quoted_printable(&mails[0]);
    // The code stands alone on its line of the body, never in the subject.
    let code = mail
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
        .expect("a 6-digit code alone on a line")
        .to_owned();
    let subject = mail.lines().find(|l| l.starts_with("Subject:")).unwrap();
    assert!(!subject.contains(&code), "{subject}");
    assert!(mail.contains("To: alice@demo.relais"));
    assert!(mail.contains(&format!("{}#t=", shared::routes::pages::SIGN_IN_LINK)));
    let (status, _) = app
        .post(
            "/api/v1/auth/verify",
            None,
            json!({"email": "alice@demo.relais", "code": code}),
        )
        .await;
    assert_eq!(status, 200, "the code from the SMTP mail signs in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_files_are_rfc5322_with_text_and_html() {
    let app = crate::helpers::spawn_app(Backend::Sqlite).await.unwrap();
    app.post(
        "/api/v1/auth/request",
        None,
        json!({"email": "alice@demo.relais"}),
    )
    .await;
    app.sign_in_mail("alice@demo.relais").await;
    let file = std::fs::read_dir(app.mail_dir())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(file.extension().and_then(|e| e.to_str()), Some("eml"));
    let text = std::fs::read_to_string(file).unwrap();
    for header in [
        "From: ",
        "To: alice@demo.relais",
        "Subject: ",
        "Date: ",
        "MIME-Version: 1.0",
        "multipart/alternative",
        "text/plain",
        "text/html",
    ] {
        assert!(text.contains(header), "the mail has {header}");
    }
}

crate::helpers::on_both_databases!(
    a_sign_in_code_leaves_the_outbox_once_sent_and_old_texts_are_wiped,
    |app: crate::helpers::TestApp| async move {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use server::db::entities::outbox_mail;

        let email = "alice@demo.relais";
        app.post("/api/v1/auth/request", None, json!({"email": email}))
            .await;
        let (code, _) = app.sign_in_mail(email).await;
        // The worker marks the mail sent right after writing it.
        let mut row = None;
        for _ in 0..100 {
            row = outbox_mail::Entity::find()
                .filter(outbox_mail::Column::ToAddress.eq(email))
                .filter(outbox_mail::Column::SentAt.is_not_null())
                .one(&app.db)
                .await
                .unwrap();
            if row.as_ref().is_some_and(|r| r.body_text.is_empty()) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let row = row.expect("the sign-in mail is marked sent");
        assert!(row.secret);
        for text in [&row.subject, &row.body_text, &row.body_html] {
            assert!(!text.contains(&code), "the code is gone from the outbox");
            assert!(text.is_empty());
        }

        // A booking's confirmation keeps its text 30 days, then only its row stays.
        let alice = app.token_for(email).await;
        let monday = crate::bookings::next_monday(&app);
        let desk = crate::bookings::desk_of(&app, "48095").await;
        let (status, _) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                crate::bookings::booking(
                    desk,
                    crate::bookings::paris(monday, 9, 0),
                    crate::bookings::paris(monday, 12, 0),
                ),
            )
            .await;
        assert_eq!(status, 201);
        let confirmation = || {
            outbox_mail::Entity::find()
                .filter(outbox_mail::Column::ToAddress.eq(email))
                .filter(outbox_mail::Column::Secret.eq(false))
                .one(&app.db)
        };
        let mut sent = None;
        for _ in 0..100 {
            sent = confirmation()
                .await
                .unwrap()
                .filter(|m| m.sent_at.is_some());
            if sent.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let sent = sent.expect("the confirmation is sent");
        assert!(!sent.body_text.is_empty(), "kept while recent");
        let sent_at = sent.sent_at.unwrap();
        let wipe = server::mail::worker::wipe_old_texts;
        let early = sent_at + server::mail::worker::KEEP_SENT_TEXT - chrono::Duration::minutes(1);
        assert_eq!(wipe(&app.db, early).await.unwrap(), 0);
        let late = sent_at + server::mail::worker::KEEP_SENT_TEXT + chrono::Duration::minutes(1);
        assert!(wipe(&app.db, late).await.unwrap() >= 1);
        let wiped = confirmation().await.unwrap().unwrap();
        assert!(wiped.body_text.is_empty() && wiped.attachments == "[]");
        assert_eq!(wiped.sent_at, Some(sent_at), "the row stays");
    }
);
