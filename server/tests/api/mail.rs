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
    let subject = mail.lines().find(|l| l.starts_with("Subject:")).unwrap();
    let code: String = subject.chars().filter(|c| c.is_ascii_digit()).collect();
    assert_eq!(code.len(), 6, "{subject}");
    assert!(mail.contains("To: alice@demo.relais"));
    assert!(mail.contains("/connexion/lien#t="));
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
