//! Filtered statistics: one kind of space, the residents of a commune or an
//! EPCI, or one situation. Figures of a hand-made site computed by hand,
//! and secrecy across reports: a line publishes through a filter only what
//! every value of the filter's dimension could publish, so no report minus
//! others gives one person's activity or a small count back.

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
const JOB_SEEKER: &str = r#"["job_seeker"]"#;

async fn space(app: &TestApp, site: i64, kind: &str) -> i64 {
    resource::ActiveModel {
        site_id: Set(site),
        name: Set(format!("Espace {kind}")),
        kind: Set(kind.into()),
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
        let room = space(&app, site, "meeting_room").await;
        let admin = app.token_for("admin@demo.relais").await;
        let month = format!("from=2027-01-01&to=2027-01-31&site_id={site}");
        let filtered = |filter: &str| format!("{month}&{filter}");

        // Monday 4 January, 09:00–12:00 in Florac: eleven students from
        // Mende and a job seeker from Florac.
        let mut people = Vec::new();
        for (n, desk) in desks.iter().enumerate() {
            let p = person(&app, n).await;
            people.push(p);
            let (commune, categories) = match n {
                11 => (FLORAC, JOB_SEEKER),
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
        // The students are eleven, but the job seekers one: the line by
        // situation would give that person's bookings back (and by commune
        // or EPCI too), so none of its values is published.
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
            book_from(&app, tuesday, FLORAC, JOB_SEEKER).await;
        }
        for (p, commune, categories) in [
            (people[0], MENDE, STUDENT),
            (people[12], FLORAC, JOB_SEEKER),
        ] {
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
        // Not the report's people as a whole: over several lines, minus
        // each line's, it would give who came to one only.
        assert_eq!(students["people"], Value::Null);
        // The tables across the report are not given through a filter.
        assert_eq!(students["new_people"], Value::Null);
        for table in ["categories", "residence", "kinds", "heat", "quotas"] {
            assert_eq!(students[table], json!([]), "{table}");
        }

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

        // By kind, the open hours are that kind's. Two people used the
        // meeting room: bookings may show, counts of people may not (by
        // desks, 23 minus 21 would say how many used the room only).
        let (_, desks_only) = report(&app, &admin, &filtered("kind=desk")).await;
        let row = january_row(&desks_only);
        assert_eq!(row["open_hours"], 1920.0);
        assert_eq!(row["bookings"], 23, "{row}");
        assert_eq!(row["booked_hours"], 58.0);
        assert_eq!(row["people"], Value::Null);
        let (_, rooms) = report(&app, &admin, &filtered("kind=meeting_room")).await;
        let row = january_row(&rooms);
        assert_eq!(row["open_hours"], 160.0);
        assert_eq!(row["bookings"], 2, "two people made them: not secret");
        assert_eq!(row["people"], Value::Null);

        // 23 people at a desk, 2 of them also in the meeting room: the
        // group of those two is small, so no kind gives the line's people.
        // One person alone in the phone booth: all minus desks minus rooms
        // would be their bookings, so no kind shows the line's bookings.
        let booth = space(&app, site, "phone_booth").await;
        let thursday = made(
            site,
            booth,
            people[5],
            "2027-01-07T08:00:00Z",
            "2027-01-07T09:00:00Z",
        );
        book_from(&app, thursday, MENDE, STUDENT).await;
        for kind in ["desk", "meeting_room", "phone_booth"] {
            let (_, body) = report(&app, &admin, &filtered(&format!("kind={kind}"))).await;
            let row = january_row(&body);
            assert_eq!(row["bookings"], Value::Null, "{kind}: {row}");
            assert_eq!(row["activity_suppressed"], true);
        }
        let (_, all) = report(&app, &admin, &month).await;
        assert_eq!(
            january_row(&all)["bookings"],
            26,
            "the whole line stays published"
        );

        // Whole months only, by month: a week or a day cut out of a
        // published month would be the month minus the rest.
        for span in [
            format!("from=2027-01-01&to=2027-01-31&site_id={site}&group=week&kind=desk"),
            format!("from=2027-01-01&to=2027-01-30&site_id={site}&kind=desk"),
            format!("from=2027-01-02&to=2027-01-31&site_id={site}&kind=desk"),
        ] {
            let (status, body) = report(&app, &admin, &span).await;
            assert_eq!(
                (status, body["error"]["code"].as_str()),
                (400, Some("invalid_interval")),
                "{span}"
            );
        }

        // One filter at a time: two would cut the line finer than the rule sees.
        let (status, body) = report(&app, &admin, &filtered("category=student&kind=desk")).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (400, Some("bad_request"))
        );

        // A student deletes their account: their bookings stay counted; the
        // people of the line are no longer given through a filter (the
        // deleted person cannot be told apart by situation or commune).
        let token = app.token_for("p3@stats.test").await;
        let (status, _) = app
            .call(Method::DELETE, "/api/v1/me", Some(&token), None)
            .await;
        assert_eq!(status, 204);
        let (_, after) = report(&app, &admin, &filtered("category=student")).await;
        let row = january_row(&after);
        assert_eq!(row["bookings"], 13, "{row}");
        assert_eq!(row["people"], Value::Null);
        assert_eq!(after["people"], Value::Null);
        let (_, all) = report(&app, &admin, &month).await;
        assert_eq!(
            january_row(&all)["people"],
            23,
            "unfiltered, they stay counted"
        );

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
