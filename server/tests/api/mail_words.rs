//! Mails that read like a person wrote them (issue 17): dates in words in
//! the person's language, no sign-in code in a subject, the network's name
//! as the sender, and invitations organised by that same sender.

use base64::Engine as _;
use chrono::Duration;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};
use server::db::entities::outbox_mail;
use server::domain::dates_in_words;
use shared::api::Language;

use crate::bookings::{booking, desk_of, next_monday, paris};
use crate::helpers::{Backend, TestApp, spawn_app_with, wait_for_mail_count};

const NETWORK: &str = "Tiers-lieux de Lozère";
const SENDER: &str = "accueil@lozere.example";

/// (subject, text, attachments as JSON) of every queued mail, oldest first.
async fn outbox(app: &TestApp) -> Vec<(String, String, String)> {
    outbox_mail::Entity::find()
        .order_by_asc(outbox_mail::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.subject, m.body_text, m.attachments))
        .collect()
}

/// The calendar file among a mail's attachments.
fn calendar_of(attachments: &str) -> String {
    let files: Vec<Value> = serde_json::from_str(attachments).unwrap();
    files
        .iter()
        .find(|f| f["file_name"] == "reservation.ics")
        .and_then(|f| f["content"].as_str())
        .expect("a calendar file")
        .replace("\r\n ", "")
}

/// A header's value with its RFC 2047 words (`=?utf-8?b?…?=`) decoded.
fn decoded_header(raw: &str, name: &str) -> String {
    let head = raw.split("\r\n\r\n").next().unwrap_or_default();
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let line = unfolded
        .lines()
        .find(|l| l.starts_with(&format!("{name}: ")))
        .unwrap_or_default();
    // Space between two encoded words is not text; any other space is.
    let mut out = String::new();
    let mut after_encoded = false;
    for (index, word) in line[name.len() + 2..].split(' ').enumerate() {
        let encoded = word
            .strip_prefix("=?utf-8?b?")
            .or_else(|| word.strip_prefix("=?utf-8?B?"))
            .and_then(|w| w.strip_suffix("?="));
        if index > 0 && !(after_encoded && encoded.is_some()) {
            out.push(' ');
        }
        match encoded {
            Some(data) => out.push_str(&String::from_utf8_lossy(
                &base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .unwrap_or_default(),
            )),
            None => out.push_str(word),
        }
        after_encoded = encoded.is_some();
    }
    out
}

async fn set_language(app: &TestApp, token: &str, language: &str) {
    let (_, me) = app
        .call(axum::http::Method::GET, "/api/v1/me", Some(token), None)
        .await;
    let (status, body) = app
        .call(
            axum::http::Method::PUT,
            "/api/v1/me",
            Some(token),
            Some(json!({
                "display_name": me["display_name"],
                "commune_insee": me["commune_insee"],
                "categories": me["categories"],
                "language": language,
            })),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn booking_mails_give_dates_in_words_and_come_from_the_network_in_both_languages() {
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.network_name = NETWORK.to_owned();
        config.mail_from = Some(SENDER.to_owned());
    })
    .await
    .unwrap();

    // The sign-in mail: its subject holds no code, its sender is the network.
    app.post(
        "/api/v1/auth/request",
        None,
        json!({"email": "alice@demo.relais"}),
    )
    .await;
    let (code, _) = app.sign_in_mail("alice@demo.relais").await;
    let raw = crate::helpers::mail_files(&app.mail_dir())
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .next()
        .expect("the sign-in mail's file");
    let subject = decoded_header(&raw, "Subject");
    assert!(!subject.contains(&code), "no code in {subject:?}");
    assert_eq!(subject, "Votre code de connexion à Relais");
    let from = decoded_header(&raw, "From");
    assert!(from.contains(NETWORK) && from.contains(SENDER), "{from}");

    // In French: a day in words, and an invitation organised by the sender.
    let alice = app.token_for("alice@demo.relais").await;
    let desk = desk_of(&app, "48095").await;
    let monday = next_monday(&app);
    let (_, made) = app
        .post(
            "/api/v1/bookings",
            Some(&alice),
            booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
        )
        .await;
    wait_for_mail_count(&app.mail_dir(), 2).await;
    let day_fr = dates_in_words::day(Language::Fr, monday);
    assert!(day_fr.starts_with("lundi "), "{day_fr}");
    let when_fr = format!("{day_fr}, 8 h 30 – 12 h 30");
    let mails = outbox(&app).await;
    let (subject, text, attachments) = mails.last().unwrap();
    assert!(
        subject.starts_with("Réservation confirmée : ") && subject.ends_with(&when_fr),
        "{subject}"
    );
    assert!(text.contains(&when_fr), "{text}");
    assert!(!text.contains(&monday.to_string()), "no ISO date: {text}");
    let invitation = calendar_of(attachments);
    assert!(
        invitation.contains(&format!("ORGANIZER;CN=\"{NETWORK}\":mailto:{SENDER}\r\n")),
        "{invitation}"
    );
    assert!(invitation.contains("TRANSP:OPAQUE\r\n"));

    // Cancelled: the event no longer makes the time busy.
    app.call(
        axum::http::Method::DELETE,
        &format!("/api/v1/bookings/{}", made["id"]),
        Some(&alice),
        None,
    )
    .await;
    wait_for_mail_count(&app.mail_dir(), 3).await;
    let mails = outbox(&app).await;
    let (subject, _, attachments) = mails.last().unwrap();
    assert!(subject.ends_with(&when_fr), "{subject}");
    let cancel = calendar_of(attachments);
    assert!(cancel.contains("STATUS:CANCELLED\r\n"), "{cancel}");
    assert!(cancel.contains("TRANSP:TRANSPARENT\r\n"), "{cancel}");
    assert!(cancel.contains(&format!("mailto:{SENDER}")), "{cancel}");

    // In English, after choosing it in the profile.
    set_language(&app, &alice, "en").await;
    let tuesday = monday + Duration::days(1);
    app.post(
        "/api/v1/bookings",
        Some(&alice),
        booking(desk, paris(tuesday, 13, 30), paris(tuesday, 18, 0)),
    )
    .await;
    wait_for_mail_count(&app.mail_dir(), 4).await;
    let day_en = dates_in_words::day(Language::En, tuesday);
    assert!(day_en.starts_with("Tuesday "), "{day_en}");
    let when_en = format!("{day_en}, 13:30–18:00");
    let mails = outbox(&app).await;
    let (subject, text, _) = mails.last().unwrap();
    assert_eq!(
        subject,
        &format!("Booking confirmed: {}, {when_en}", site_name(&app).await)
    );
    assert!(text.contains(&when_en), "{text}");

    // And the sign-in mail in English keeps its code out of the subject too.
    app.post(
        "/api/v1/auth/request",
        None,
        json!({"email": "alice@demo.relais"}),
    )
    .await;
    let (code, _) = app.sign_in_mail("alice@demo.relais").await;
    let mails = outbox(&app).await;
    let subject = &mails.last().unwrap().0;
    assert!(subject.is_empty() || !subject.contains(&code), "{subject}");
}

async fn site_name(app: &TestApp) -> String {
    use sea_orm::{ColumnTrait, QueryFilter};
    server::db::entities::site::Entity::find()
        .filter(server::db::entities::site::Column::CommuneInsee.eq("48095"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .name
}
