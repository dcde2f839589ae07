//! Filtered statistics: one kind of space, the residents of a commune or an
//! EPCI, one situation. Figures of a hand-made site computed by hand, and
//! secrecy across reports: a filtered figure is hidden where the whole
//! minus it would be one person's activity or a small count of people.

use chrono::{TimeZone, Utc};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use server::db::entities::resource;

use crate::helpers::{TestApp, on_both_databases};
use crate::stats::{Made, book_from, hand_made_site, person, report};

const MENDE: &str = "48095";
const FLORAC: &str = "48061";
/// Communauté d'agglomération de Mende, and the Florac's communauté de communes.
const MENDE_EPCI: &str = "244800405";
const FLORAC_EPCI: &str = "200069151";
const STUDENT: &str = r#"["student"]"#;

async fn meeting_room(app: &TestApp, site: i64) -> i64 {
    resource::ActiveModel {
        site_id: Set(site),
        name: Set("Salle du conseil".into()),
        kind: Set("meeting_room".into()),
        capacity: Set(8),
        created_at: Set(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()),
        retired_at: Set(None),
        feed_version: Set(0),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

/// A completed booking of `person` on `desk` from `start` to `end`.
fn made<'a>(site: i64, desk: i64, person: i64, start: &'a str, end: &'a str) -> Made<'a> {
    Made {
        site,
        desk,
        person,
        start,
        end,
        status: "completed",
        cancelled_at: None,
    }
}

fn january_row(body: &Value) -> Value {
    assert_eq!(body["rows"].as_array().map(Vec::len), Some(1), "{body}");
    body["rows"][0].clone()
}

on_both_databases!(
    filters_keep_their_bookings_and_never_give_back_what_they_leave,
    |app: TestApp| async move {
        let (site, desks) = hand_made_site(&app).await;
        let room = meeting_room(&app, site).await;
        let admin = app.token_for("admin@demo.relais").await;
        let month = format!("from=2027-01-01&to=2027-01-31&site_id={site}");
        let filtered = |filter: &str| format!("{month}&{filter}");

        // Monday 4 January, 09:00–12:00 in Florac: eleven students from
        // Mende and one other person, from Florac.
        let mut people = Vec::new();
        for (n, desk) in desks.iter().enumerate() {
            let p = person(&app, n).await;
            people.push(p);
            let (commune, categories) = match n {
                11 => (FLORAC, "[]"),
                _ => (MENDE, STUDENT),
            };
            let monday = made(
                site,
                *desk,
                p,
                "2027-01-04T08:00:00Z",
                "2027-01-04T11:00:00Z",
            );
            book_from(&app, monday, commune, categories).await;
        }
        let (status, all) = report(&app, &admin, &month).await;
        assert_eq!(status, 200, "{all}");
        assert_eq!(january_row(&all)["people"], 12);
        assert_eq!(january_row(&all)["bookings"], 12);
        // The students are eleven, but the whole minus them is one person:
        // their count and their activity would give that person's back.
        for filter in [
            "category=student".to_owned(),
            format!("commune={MENDE}"),
            format!("epci={MENDE_EPCI}"),
        ] {
            let (status, body) = report(&app, &admin, &filtered(&filter)).await;
            assert_eq!(status, 200, "{body}");
            let row = january_row(&body);
            assert_eq!(row["people"], Value::Null, "{filter}: {row}");
            assert_eq!(row["people_suppressed"], true);
            assert_eq!(row["bookings"], Value::Null, "{filter}: {row}");
            assert_eq!(row["activity_suppressed"], true);
            assert_eq!(body["people"], Value::Null, "{filter}");
            assert_eq!(body["new_people"], Value::Null, "{filter}");
        }

        // Tuesday: eleven job seekers from Florac, 09:00–11:00 at a desk;
        // Wednesday: two people in the meeting room for an hour.
        for n in 12..23 {
            let p = person(&app, n).await;
            people.push(p);
            let tuesday = made(
                site,
                desks[n - 12],
                p,
                "2027-01-05T08:00:00Z",
                "2027-01-05T10:00:00Z",
            );
            book_from(&app, tuesday, FLORAC, r#"["job_seeker"]"#).await;
        }
        for (p, commune, categories) in [(people[0], MENDE, STUDENT), (people[12], FLORAC, "[]")] {
            let wednesday = made(
                site,
                room,
                p,
                "2027-01-06T08:00:00Z",
                "2027-01-06T09:00:00Z",
            );
            book_from(&app, wednesday, commune, categories).await;
        }

        let (_, all) = report(&app, &admin, &month).await;
        let row = january_row(&all);
        // Open: 20 weekdays (1 January closed) × 8 h × (12 desks + 1 room).
        assert_eq!(row["open_hours"], 2080.0);
        assert_eq!(
            (row["people"].clone(), row["bookings"].clone()),
            (json!(23), json!(25))
        );

        let (status, students) = report(&app, &admin, &filtered("category=student")).await;
        assert_eq!(status, 200, "{students}");
        assert_eq!(students["filter"]["category"], "student");
        let row = january_row(&students);
        assert_eq!(
            row["open_hours"], 2080.0,
            "who comes does not change what is open"
        );
        assert_eq!(row["people"], 11, "{row}");
        assert_eq!(row["bookings"], 12);
        assert_eq!(row["booked_hours"], 34.0);
        assert_eq!(students["people"], 11);
        assert_eq!(students["new_people"], 11);
        let student_line = students["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["category"] == "student")
            .cloned()
            .unwrap();
        assert_eq!(student_line["people"], 11, "{}", students["categories"]);

        for filter in [format!("commune={MENDE}"), format!("epci={MENDE_EPCI}")] {
            let (_, mende) = report(&app, &admin, &filtered(&filter)).await;
            let row = january_row(&mende);
            assert_eq!(
                (row["people"].clone(), row["bookings"].clone()),
                (json!(11), json!(12)),
                "{filter}: {row}"
            );
        }
        let (_, florac) = report(&app, &admin, &filtered(&format!("epci={FLORAC_EPCI}"))).await;
        let row = january_row(&florac);
        assert_eq!(
            (row["people"].clone(), row["bookings"].clone()),
            (json!(12), json!(13))
        );
        assert_eq!(florac["filter"]["epci"], FLORAC_EPCI);

        // By kind, the open hours are that kind's.
        let (_, desks_only) = report(&app, &admin, &filtered("kind=desk")).await;
        let row = january_row(&desks_only);
        assert_eq!(row["open_hours"], 1920.0);
        assert_eq!(
            (row["people"].clone(), row["bookings"].clone()),
            (json!(23), json!(23))
        );
        assert_eq!(row["booked_hours"], 58.0);
        let (_, rooms) = report(&app, &admin, &filtered("kind=meeting_room")).await;
        let row = january_row(&rooms);
        assert_eq!(row["open_hours"], 160.0);
        assert_eq!(row["bookings"], 2, "two people made them: not secret");
        assert_eq!(
            row["people"],
            Value::Null,
            "two people are under the threshold"
        );
        let kinds: Vec<&str> = rooms["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["meeting_room"]);

        // Filters combine: students at a desk.
        let (_, both) = report(&app, &admin, &filtered("category=student&kind=desk")).await;
        let row = january_row(&both);
        assert_eq!(row["bookings"], 11, "{row}");
        assert_eq!(row["people"], 11);

        // A student deletes their account: the filtered figures stay.
        let token = app.token_for("p3@stats.test").await;
        let (status, _) = app
            .call(Method::DELETE, "/api/v1/me", Some(&token), None)
            .await;
        assert_eq!(status, 204);
        let (_, after) = report(&app, &admin, &filtered("category=student")).await;
        assert_eq!(after["rows"], students["rows"]);
        assert_eq!(after["people"], 11);
        let (_, after) = report(&app, &admin, &filtered(&format!("commune={MENDE}"))).await;
        assert_eq!(january_row(&after)["people"], 11);

        // The files say what they were filtered on.
        let (status, _) = report(&app, &admin, &filtered("category=student&format=xlsx")).await;
        assert_eq!(status, 200);

        // Wrong filters are explained.
        for (filter, code) in [
            ("commune=99999", "unknown_commune"),
            ("epci=123456789", "unknown_epci"),
            ("commune=48095&epci=244800405", "bad_request"),
            ("commune=48%2095", "unknown_commune"),
        ] {
            let (status, body) = report(&app, &admin, &filtered(filter)).await;
            assert_eq!(
                (status, body["error"]["code"].as_str()),
                (400, Some(code)),
                "{filter}: {body}"
            );
        }
        let (status, _) = report(&app, &admin, &filtered("kind=sauna")).await;
        assert_eq!(status, 400);
        let (status, _) = report(&app, &admin, &filtered("category=astronaut")).await;
        assert_eq!(status, 400);
    }
);
