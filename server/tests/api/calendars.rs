//! Calendar feeds and invitations, read back with an independent parser
//! (the `icalendar` crate), not the `ical` crate that wrote them.

use std::collections::HashMap;

use base64::Engine as _;
use chrono::{Duration, NaiveDate};
use reqwest::Method;
use serde_json::Value;

use crate::bookings::{booking, desk_of, next_monday, paris};
use crate::helpers::{TestApp, mail_files, on_both_databases, wait_for_mail_count};

/// The events of a calendar, each as its properties (name → value).
fn events(ics: &str) -> Vec<HashMap<String, String>> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a valid iCalendar");
    let props: HashMap<String, String> = calendar
        .properties
        .iter()
        .map(|p| (p.name.as_str().to_owned(), p.val.as_str().to_owned()))
        .collect();
    assert_eq!(props.get("VERSION").map(String::as_str), Some("2.0"));
    assert!(props.contains_key("PRODID"));
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| (p.name.as_str().to_owned(), p.val.as_str().to_owned()))
                .collect()
        })
        .collect()
}

/// The path of a feed URL, to call on the test server.
fn path_of(url: &str) -> String {
    let at = url.find("/api/v1/feeds/").expect("a feed path");
    url[at..].to_owned()
}

async fn my_feed_url(app: &TestApp, token: &str) -> String {
    let (status, link) = app
        .call(Method::GET, "/api/v1/me/calendar", Some(token), None)
        .await;
    assert_eq!(status, 200, "{link}");
    let url = link["url"].as_str().unwrap().to_owned();
    // The port actually bound, not the 0 it was asked for.
    assert!(url.starts_with(&app.url("/api/v1/feeds/")), "{url}");
    url
}

async fn fetch(app: &TestApp, path: &str, etag: Option<&str>) -> (u16, String, Option<String>) {
    let mut request = app.client.get(app.url(path));
    if let Some(etag) = etag {
        request = request.header("if-none-match", etag);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    if status == 200 {
        let kind = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(kind.starts_with("text/calendar"), "{kind}");
    }
    let etag = response
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, response.text().await.unwrap(), etag)
}

on_both_databases!(
    feeds_put_bookings_at_the_right_instants_across_offset_changes,
    |app: TestApp| async move {
        let desk = desk_of(&app, "48009").await;
        // (day, DTSTART, DTEND) of 09:00–12:00 in Paris.
        let seasons = [
            [
                ("2027-03-27", "20270327T080000Z", "20270327T110000Z"),
                ("2027-03-28", "20270328T070000Z", "20270328T100000Z"),
                ("2027-03-29", "20270329T070000Z", "20270329T100000Z"),
            ],
            [
                ("2027-10-30", "20271030T070000Z", "20271030T100000Z"),
                ("2027-10-31", "20271031T080000Z", "20271031T110000Z"),
                ("2027-11-01", "20271101T080000Z", "20271101T110000Z"),
            ],
        ];
        for season in seasons {
            let first: NaiveDate = season[0].0.parse().unwrap();
            app.clock.set(paris(first - Duration::days(10), 12, 0));
            let alice = app.token_for("alice@demo.relais").await;
            for (day, _, _) in season {
                let date: NaiveDate = day.parse().unwrap();
                let (status, body) = app
                    .post(
                        "/api/v1/bookings",
                        Some(&alice),
                        booking(desk, paris(date, 9, 0), paris(date, 12, 0)),
                    )
                    .await;
                assert_eq!(status, 201, "{day}: {body}");
            }
            let url = my_feed_url(&app, &alice).await;
            let (status, ics, _) = fetch(&app, &path_of(&url), None).await;
            assert_eq!(status, 200);
            let found = events(&ics);
            for (day, start, end) in season {
                let event = found
                    .iter()
                    .find(|e| e["DTSTART"] == start)
                    .unwrap_or_else(|| panic!("{day} starts at {start}:\n{ics}"));
                assert_eq!(event["DTEND"], end, "{day}");
                assert_eq!(event["STATUS"], "CONFIRMED");
                assert!(
                    event["LOCATION"].contains("Aumont"),
                    "{}",
                    event["LOCATION"]
                );
                assert!(event["UID"].starts_with("booking-"));
                assert!(event["URL"].ends_with(shared::routes::pages::MY_BOOKINGS));
            }
        }
    }
);

on_both_databases!(
    rotating_a_feed_url_kills_the_old_one_at_once,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let old = my_feed_url(&app, &alice).await;
        assert_eq!(
            my_feed_url(&app, &alice).await,
            old,
            "the same link until rotated"
        );
        let token = old.rsplit('/').next().unwrap().trim_end_matches(".ics");
        assert!(token.len() >= 22, "at least 128 bits: {token}");
        assert_eq!(fetch(&app, &path_of(&old), None).await.0, 200);
        let (status, new) = app
            .call(
                Method::POST,
                "/api/v1/me/calendar/rotate",
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 200);
        let new = new["url"].as_str().unwrap().to_owned();
        assert_ne!(new, old);
        assert_eq!(
            fetch(&app, &path_of(&old), None).await.0,
            404,
            "the old link is dead"
        );
        assert_eq!(fetch(&app, &path_of(&new), None).await.0, 200);
        assert_eq!(my_feed_url(&app, &alice).await, new);
    }
);

on_both_databases!(
    polling_clients_get_304_until_something_changes,
    |app: TestApp| async move {
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
        let path = path_of(&my_feed_url(&app, &alice).await);
        let (status, ics, etag) = fetch(&app, &path, None).await;
        assert_eq!(status, 200);
        let etag = etag.expect("an ETag");
        assert_eq!(events(&ics)[0]["SEQUENCE"], "0");
        let (status, body, _) = fetch(&app, &path, Some(&etag)).await;
        assert_eq!((status, body.as_str()), (304, ""));

        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/bookings/{}", made["id"]),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 200);
        let (status, ics, new_etag) = fetch(&app, &path, Some(&etag)).await;
        assert_eq!(status, 200, "changed");
        assert_ne!(new_etag.as_deref(), Some(etag.as_str()));
        let event = &events(&ics)[0];
        assert_eq!(event["STATUS"], "CANCELLED", "kept, cancelled");
        assert_eq!(event["SEQUENCE"], "1", "raised on the change");
    }
);

on_both_databases!(
    site_feeds_name_people_for_hosts_only,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        app.post(
            "/api/v1/bookings",
            Some(&alice),
            booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
        )
        .await;
        let (_, me) = app
            .call(Method::GET, "/api/v1/me", Some(&alice), None)
            .await;
        let name = me["display_name"].as_str().unwrap().to_owned();
        let host = app.token_for("host.mende@demo.relais").await;
        let (_, host_me) = app.call(Method::GET, "/api/v1/me", Some(&host), None).await;
        let site = host_me["roles"][0]["site_id"].as_i64().unwrap();
        let calendar = format!("/api/v1/sites/{site}/calendar");

        let (status, link) = app.call(Method::GET, &calendar, Some(&host), None).await;
        assert_eq!((status.as_u16(), &link["named"]), (200, &Value::Bool(true)));
        let (_, ics, _) = fetch(&app, &path_of(link["url"].as_str().unwrap()), None).await;
        assert!(events(&ics)[0]["SUMMARY"].contains(&name), "{ics}");

        let mairie = app.token_for("mairie.mende@demo.relais").await;
        let (status, link) = app.call(Method::GET, &calendar, Some(&mairie), None).await;
        assert_eq!(
            (status.as_u16(), &link["named"]),
            (200, &Value::Bool(false))
        );
        let (_, ics, _) = fetch(&app, &path_of(link["url"].as_str().unwrap()), None).await;
        assert_eq!(events(&ics).len(), 1);
        assert!(!ics.contains(&name), "anonymous: {ics}");

        let (status, _) = app.call(Method::GET, &calendar, Some(&alice), None).await;
        assert_eq!(status, 403);
    }
);

/// The calendar file attached to the newest mail whose subject starts with `subject`.
fn attached_calendar(app: &TestApp, subject: &str) -> String {
    let mut mails: Vec<String> = mail_files(&app.mail_dir())
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter(|raw| {
            raw.contains(&format!("Subject: {subject}")) || raw.contains("Subject: =?utf-8?")
        })
        .collect();
    mails.sort();
    let raw = mails
        .iter()
        .find(|raw| {
            raw.contains("Content-Type: text/calendar") && decoded_subject(raw).starts_with(subject)
        })
        .unwrap_or_else(|| panic!("a mail '{subject}…' with a calendar file"));
    let part = &raw[raw.find("Content-Type: text/calendar").unwrap()..];
    let body_start = part.find("\r\n\r\n").unwrap() + 4;
    let body_end = part[body_start..]
        .find("\r\n--")
        .map_or(part.len(), |e| body_start + e);
    let encoded: String = part[body_start..body_end].split_whitespace().collect();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap(),
    )
    .unwrap()
}

/// The mail's subject, with RFC 2047 encoded words decoded.
fn decoded_subject(raw: &str) -> String {
    let line = raw
        .lines()
        .find(|l| l.starts_with("Subject: "))
        .unwrap_or_default();
    let value = &line["Subject: ".len()..];
    match value
        .strip_prefix("=?utf-8?b?")
        .or_else(|| value.strip_prefix("=?utf-8?B?"))
    {
        Some(rest) => {
            let encoded = rest.split("?=").next().unwrap_or_default();
            String::from_utf8(
                base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .unwrap_or_default(),
            )
            .unwrap_or_default()
        }
        None => value.to_owned(),
    }
}

on_both_databases!(
    confirmation_and_cancellation_mails_carry_request_and_cancel,
    |app: TestApp| async move {
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
        wait_for_mail_count(&app.mail_dir(), 1).await;
        let request = attached_calendar(&app, "Réservation confirmée");
        assert!(request.contains("METHOD:REQUEST"), "{request}");
        let invited = events(&request);
        assert_eq!(invited.len(), 1);
        assert_eq!(
            invited[0]["DTSTART"],
            paris(monday, 8, 30).format("%Y%m%dT%H%M%SZ").to_string()
        );

        app.call(
            Method::DELETE,
            &format!("/api/v1/bookings/{}", made["id"]),
            Some(&alice),
            None,
        )
        .await;
        wait_for_mail_count(&app.mail_dir(), 2).await;
        let cancel = attached_calendar(&app, "Réservation annulée");
        assert!(cancel.contains("METHOD:CANCEL"), "{cancel}");
        let cancelled = events(&cancel);
        assert_eq!(cancelled[0]["UID"], invited[0]["UID"], "the same event");
        assert_eq!(cancelled[0]["STATUS"], "CANCELLED");
        assert_eq!(cancelled[0]["SEQUENCE"], "1");
    }
);

on_both_databases!(
    a_reminder_goes_out_the_evening_before_once,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        app.post(
            "/api/v1/bookings",
            Some(&alice),
            booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
        )
        .await;
        wait_for_mail_count(&app.mail_dir(), 1).await;
        let at = shared::ClockTime::from_hm(18, 0).unwrap();
        let url = &app.state.letterhead;
        let sunday = monday - Duration::days(1);
        let early = server::app::reminders::send_due(&app.db, url, at, paris(sunday, 17, 59))
            .await
            .unwrap();
        assert_eq!(early, 0, "not before 18:00 the day before");
        // The mail worker runs on the app's clock.
        app.clock.set(paris(sunday, 18, 0));
        let due = server::app::reminders::send_due(&app.db, url, at, paris(sunday, 18, 0))
            .await
            .unwrap();
        assert_eq!(due, 1);
        let again = server::app::reminders::send_due(&app.db, url, at, paris(sunday, 18, 1))
            .await
            .unwrap();
        assert_eq!(again, 0, "once");
        app.state.mail_wake.notify_one();
        wait_for_mail_count(&app.mail_dir(), 2).await;
        let reminder = mail_files(&app.mail_dir())
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .find(|raw| decoded_subject(raw).starts_with("Demain"))
            .expect("a reminder in French");
        assert!(reminder.contains("Mende"));
    }
);
