//! Closures imported from the address where a calendar is published: a real
//! HTTP server on loopback serves it; bad addresses and private networks are
//! refused with their codes.

use axum::Router;
use axum::http::header;
use axum::routing::get;
use serde_json::json;

use crate::bookings::site_id;
use crate::helpers::{TestApp, on_both_databases};

const HOLIDAYS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\n\
BEGIN:VEVENT\r\nUID:noel\r\nDTSTART;VALUE=DATE:20271225\r\nDTEND;VALUE=DATE:20271226\r\nSUMMARY:Noël\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:an\r\nDTSTART;VALUE=DATE:20280101\r\nDTEND;VALUE=DATE:20280102\r\nSUMMARY:Jour de l'an\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:sans-date\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

/// A calendar server on loopback: `/feries.ics`, and 404 for anything else.
async fn calendar_server() -> String {
    let app = Router::new().route(
        "/feries.ics",
        get(|| async { ([(header::CONTENT_TYPE, "text/calendar")], HOLIDAYS) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}")
}

on_both_databases!(
    hosts_import_closures_from_an_address,
    |app: TestApp| async move {
        let server = calendar_server().await;
        let host = app.token_for("host.mende@demo.relais").await;
        let path = format!(
            "/api/v1/sites/{}/closures/import-url",
            site_id(&app, "48095").await
        );
        let (status, import) = app
            .post(
                &path,
                Some(&host),
                json!({"url": format!("{server}/feries.ics")}),
            )
            .await;
        assert_eq!(status, 201, "{import}");
        let days: Vec<&str> = import["imported"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["first_day"].as_str().unwrap())
            .collect();
        assert_eq!(days, ["2027-12-25", "2028-01-01"]);
        assert_eq!(import["imported"][0]["reason"], "Noël");
        assert_eq!(import["skipped"].as_array().unwrap().len(), 1, "{import}");

        for (url, code) in [
            ("ftp://example.org/feries.ics", "invalid_url"),
            ("feries.ics", "invalid_url"),
            (
                &format!("{server}/missing.ics") as &str,
                "calendar_unreachable",
            ),
            ("http://127.0.0.1:9/feries.ics", "calendar_unreachable"),
        ] {
            let (status, body) = app.post(&path, Some(&host), json!({"url": url})).await;
            assert_eq!(
                (status.as_u16(), body["error"]["code"].as_str()),
                (400, Some(code)),
                "{url}: {body}"
            );
        }
        // Nothing was added by the refusals.
        let (_, all) = app
            .call(
                reqwest::Method::GET,
                &path.replace("/import-url", ""),
                Some(&host),
                None,
            )
            .await;
        assert_eq!(all.as_array().unwrap().len(), 2);
    }
);

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed() {
    let server = calendar_server().await;
    let url = format!("{server}/feries.ics");
    match server::fetch::calendar(&url, false).await {
        Err(refusal) => {
            assert_eq!(refusal.code, "calendar_unreachable");
            assert_eq!(refusal.kind, server::domain::refusal::Kind::Invalid);
        }
        other => panic!("expected a refusal, got {:?}", other.map(|t| t.len())),
    }
    assert!(
        server::fetch::calendar(&url, true)
            .await
            .is_ok_and(|text| text.contains("Noël"))
    );
}

/// Every refused or failed connection gets the same words, so the import
/// cannot be used to learn what listens where.
#[tokio::test]
async fn refusals_all_look_alike() {
    let server = calendar_server().await;
    let message = |result: Result<String, server::domain::refusal::Refusal>| match result {
        Err(refusal) => (refusal.code, refusal.message),
        Ok(text) => panic!("expected a refusal, got {} bytes", text.len()),
    };
    let fetch = server::fetch::calendar;
    let answers = [
        // A private address, a port other than 80 and 443, nothing listening,
        // a missing file, a name nobody knows.
        message(fetch(&format!("{server}/feries.ics"), false).await),
        message(fetch("http://calendar.example.org:8443/f.ics", false).await),
        message(fetch("http://127.0.0.1:9/feries.ics", true).await),
        message(fetch(&format!("{server}/missing.ics"), true).await),
        message(fetch("http://no-such-host.invalid/f.ics", true).await),
    ];
    for answer in &answers {
        assert_eq!(answer, &answers[0]);
    }
    assert_eq!(answers[0].0, "calendar_unreachable");
}
