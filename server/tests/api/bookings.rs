//! Booking desks: the journey, every refusal with its code, the two
//! offset-change Sundays, and the no-double-booking rule under load.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use reqwest::Method;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use server::db::entities::{booking_series, resource, site};

use crate::helpers::{TestApp, on_both_databases};

pub(crate) fn paris(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Paris
        .from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

/// The next Monday after the app's clock.
/// A Monday at least two days ahead, so that its Sunday is still to come
/// whatever day the tests run (on a Sunday evening, the next day's reminder
/// would already be due).
pub(crate) fn next_monday(app: &TestApp) -> NaiveDate {
    let mut day = app.clock.now().date_naive() + Duration::days(2);
    while day.weekday() != chrono::Weekday::Mon {
        day += Duration::days(1);
    }
    day
}

pub(crate) async fn site_id(app: &TestApp, insee: &str) -> i64 {
    site::Entity::find()
        .filter(site::Column::CommuneInsee.eq(insee))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub(crate) async fn desk_of(app: &TestApp, insee: &str) -> i64 {
    let site = site_id(app, insee).await;
    resource::Entity::find()
        .filter(resource::Column::SiteId.eq(site))
        .filter(resource::Column::Kind.eq("desk"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub(crate) fn booking(resource: i64, start: DateTime<Utc>, end: DateTime<Utc>) -> Value {
    json!({"resource_id": resource, "start": start.to_rfc3339(), "end": end.to_rfc3339()})
}

on_both_databases!(
    alice_books_sees_and_cancels_a_morning_in_mende,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        let (status, created) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["status"], "confirmed");
        assert_eq!(created["site_name"], "La Fabrique de Mende");
        let (_, mine) = app
            .call(Method::GET, "/api/v1/me/bookings", Some(&alice), None)
            .await;
        assert_eq!(mine.as_array().unwrap().len(), 1);
        let (_, day) = app
            .get_json(&format!("/api/v1/availability?date={monday}"))
            .await;
        let mende = day["sites"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["site_name"] == "La Fabrique de Mende")
            .unwrap();
        let free = &mende["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["resource_id"] == desk)
            .unwrap()["free"];
        assert_eq!(
            free.as_array().unwrap().len(),
            1,
            "only the afternoon is left: {free}"
        );
        assert_eq!(free[0]["start"], paris(monday, 13, 30).to_rfc3339());
        let id = created["id"].as_i64().unwrap();
        let (status, cancelled) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/bookings/{id}"),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(cancelled["status"], "cancelled");
        // The slot is free again.
        let (status, _) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201);
    }
);

on_both_databases!(
    overlaps_are_refused_and_neighbours_accepted,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let host = app.token_for("host.mende@demo.relais").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        assert_eq!(
            app.post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 9, 0), paris(monday, 11, 0))
            )
            .await
            .0,
            201
        );
        for (start, end) in [
            ((9, 0), (11, 0)),
            ((10, 0), (12, 0)),
            ((8, 30), (9, 30)),
            ((9, 30), (10, 0)),
            ((8, 30), (12, 30)),
        ] {
            let (status, body) = app
                .post(
                    "/api/v1/bookings",
                    Some(&host),
                    booking(
                        desk,
                        paris(monday, start.0, start.1),
                        paris(monday, end.0, end.1),
                    ),
                )
                .await;
            assert_eq!(
                (status.as_u16(), body["error"]["code"].as_str()),
                (409, Some("slot_taken")),
                "{start:?}–{end:?}"
            );
        }
        // Touching intervals do not overlap: [08:30, 09:00) and [11:00, 12:30).
        assert_eq!(
            app.post(
                "/api/v1/bookings",
                Some(&host),
                booking(desk, paris(monday, 8, 30), paris(monday, 9, 0))
            )
            .await
            .0,
            201
        );
        assert_eq!(
            app.post(
                "/api/v1/bookings",
                Some(&host),
                booking(desk, paris(monday, 11, 0), paris(monday, 12, 30))
            )
            .await
            .0,
            201
        );
    }
);

on_both_databases!(
    two_hundred_people_click_at_once_and_one_wins,
    |app: TestApp| async move {
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        let token = app.token_for("alice@demo.relais").await;
        let requests = (0..200).map(|i| {
            // Same slot, and overlapping-but-not-equal ones.
            let (start, end) = match i % 3 {
                0 => (paris(monday, 9, 0), paris(monday, 12, 0)),
                1 => (paris(monday, 10, 0), paris(monday, 12, 30)),
                _ => (paris(monday, 8, 30), paris(monday, 10, 30)),
            };
            app.post("/api/v1/bookings", Some(&token), booking(desk, start, end))
        });
        let answers = futures::future::join_all(requests).await;
        let created = answers.iter().filter(|(s, _)| *s == 201).count();
        let taken = answers
            .iter()
            .filter(|(s, b)| *s == 409 && b["error"]["code"] == "slot_taken")
            .count();
        assert_eq!(created, 1, "exactly one booking wins");
        assert_eq!(
            created + taken,
            200,
            "every other answer is slot_taken: {:?}",
            answers.iter().find(|(s, _)| *s != 201 && *s != 409)
        );
    }
);

on_both_databases!(
    two_processes_on_one_database_give_a_desk_once,
    |app: TestApp| async move {
        let second = crate::helpers::SecondProcess::start(&app).await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        let token = app.token_for("alice@demo.relais").await;
        let requests = (0..200).map(|i| {
            let (start, end) = match i % 3 {
                0 => (paris(monday, 9, 0), paris(monday, 12, 0)),
                1 => (paris(monday, 10, 0), paris(monday, 12, 30)),
                _ => (paris(monday, 8, 30), paris(monday, 10, 30)),
            };
            // Every other request goes to the other process.
            let base = if i % 2 == 0 {
                &app.address
            } else {
                &second.address
            };
            let request = app
                .client
                .post(format!("{base}/api/v1/bookings"))
                .bearer_auth(&token)
                .json(&booking(desk, start, end));
            async move {
                let response = request.send().await.expect("an answer");
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap_or(Value::Null);
                (status, body)
            }
        });
        let answers = futures::future::join_all(requests).await;
        let created = answers.iter().filter(|(s, _)| *s == 201).count();
        let taken = answers
            .iter()
            .filter(|(s, b)| *s == 409 && b["error"]["code"] == "slot_taken")
            .count();
        assert_eq!(created, 1, "exactly one booking wins across both processes");
        assert_eq!(
            taken,
            199,
            "every other answer is slot_taken: {:?}",
            answers.iter().find(|(s, _)| *s != 201 && *s != 409)
        );
    }
);

on_both_databases!(
    every_invalid_request_has_its_code,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        let sunday = monday - Duration::days(1);
        let cases = [
            (
                booking(desk, paris(monday, 7, 0), paris(monday, 9, 0)),
                "outside_opening_hours",
            ),
            (
                booking(desk, paris(monday, 12, 30), paris(monday, 14, 0)),
                "outside_opening_hours",
            ),
            (
                booking(desk, paris(sunday, 9, 0), paris(sunday, 10, 0)),
                "outside_opening_hours",
            ),
            (
                booking(desk, paris(monday, 9, 10), paris(monday, 10, 0)),
                "off_grid",
            ),
            (
                booking(desk, paris(monday, 10, 0), paris(monday, 9, 0)),
                "invalid_interval",
            ),
            (
                booking(
                    desk,
                    paris(monday - Duration::days(14), 9, 0),
                    paris(monday - Duration::days(14), 10, 0),
                ),
                "in_the_past",
            ),
            (
                booking(
                    desk,
                    paris(monday + Duration::days(400), 9, 0),
                    paris(monday + Duration::days(400), 10, 0),
                ),
                "too_far_ahead",
            ),
            (
                json!({"resource_id": desk, "start": "tomorrow 9am", "end": "noon"}),
                "invalid_date",
            ),
            (json!({"resource_id": desk}), "invalid_json"),
        ];
        for (body, code) in cases {
            let (status, answer) = app
                .post("/api/v1/bookings", Some(&alice), body.clone())
                .await;
            assert_eq!(
                (status.as_u16(), answer["error"]["code"].as_str()),
                (400, Some(code)),
                "{body}"
            );
        }
        let (status, _) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(999_999, paris(monday, 9, 0), paris(monday, 10, 0)),
            )
            .await;
        assert_eq!(status, 404);

        // Too long, for a site that allows two hours.
        let mende = site_id(&app, "48095").await;
        site::Entity::update_many()
            .col_expr(site::Column::MaxBookingMinutes, Expr::value(120))
            .filter(site::Column::Id.eq(mende))
            .exec(&app.db)
            .await
            .unwrap();
        let (status, answer) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(
            (status.as_u16(), answer["error"]["code"].as_str()),
            (400, Some("too_long"))
        );
        // A closure.
        server::app::closures::add(
            &app.db,
            shared::ids::SiteId(mende),
            monday,
            monday,
            "Fête",
            "manual",
            app.clock.now(),
        )
        .await
        .unwrap();
        let (status, answer) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 9, 0), paris(monday, 10, 0)),
            )
            .await;
        assert_eq!(
            (status.as_u16(), answer["error"]["code"].as_str()),
            (400, Some("site_closed"))
        );
        // A retired desk.
        resource::Entity::update_many()
            .col_expr(
                resource::Column::RetiredAt,
                Expr::value(Some(app.clock.now())),
            )
            .filter(resource::Column::Id.eq(desk))
            .exec(&app.db)
            .await
            .unwrap();
        let tuesday = monday + Duration::days(1);
        let (status, answer) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(tuesday, 9, 0), paris(tuesday, 10, 0)),
            )
            .await;
        assert_eq!(
            (status.as_u16(), answer["error"]["code"].as_str()),
            (400, Some("resource_retired"))
        );
        // Bad availability queries.
        for query in [
            "date=2027-02-30",
            "date=+262000-01-01",
            "date=1900-01-01",
            "date=tomorrow",
            "date=2027-03-01&kind=sofa",
            "date=2027-03-01&lat=44",
        ] {
            let (status, answer) = app.get_json(&format!("/api/v1/availability?{query}")).await;
            assert_eq!(status, 400, "{query}: {answer}");
        }
    }
);

on_both_databases!(
    nine_to_noon_on_the_offset_change_sundays,
    |app: TestApp| async move {
        // Aumont-Aubrac (Peyre en Aubrac) opens every day, Sundays included.
        let desk = desk_of(&app, "48009").await;
        let cases = [
            (
                "2027-03-27",
                "2027-03-27T08:00:00+00:00",
                "2027-03-27T11:00:00+00:00",
            ),
            (
                "2027-03-28",
                "2027-03-28T07:00:00+00:00",
                "2027-03-28T10:00:00+00:00",
            ),
            (
                "2027-03-29",
                "2027-03-29T07:00:00+00:00",
                "2027-03-29T10:00:00+00:00",
            ),
            (
                "2027-10-30",
                "2027-10-30T07:00:00+00:00",
                "2027-10-30T10:00:00+00:00",
            ),
            (
                "2027-10-31",
                "2027-10-31T08:00:00+00:00",
                "2027-10-31T11:00:00+00:00",
            ),
            (
                "2027-11-01",
                "2027-11-01T08:00:00+00:00",
                "2027-11-01T11:00:00+00:00",
            ),
        ];
        for (day, start, end) in cases {
            let date: NaiveDate = day.parse().unwrap();
            app.clock.set(
                Utc.from_utc_datetime(&(date - Duration::days(7)).and_hms_opt(12, 0, 0).unwrap()),
            );
            let alice = app.token_for("alice@demo.relais").await;
            let (status, created) = app.post("/api/v1/bookings", Some(&alice), json!({
            "resource_id": desk, "start": format!("{day}T09:00:00+{}:00", if start.contains("T07") { "02" } else { "01" }),
            "end": format!("{day}T12:00:00+{}:00", if start.contains("T07") { "02" } else { "01" })
        })).await;
            assert_eq!(status, 201, "{day}: {created}");
            assert_eq!(created["start"], start, "{day}");
            assert_eq!(created["end"], end, "{day}");
            // The day's availability shows the local opening (08:00) at the right instant.
            let (_, availability) = app
                .get_json(&format!("/api/v1/availability?date={day}"))
                .await;
            let aubrac = availability["sites"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["site_name"].as_str().unwrap().contains("Aubrac"))
                .unwrap();
            let opens = aubrac["open"][0]["start"].as_str().unwrap().to_owned();
            let expected_open =
                chrono::DateTime::parse_from_rfc3339(start).unwrap() - Duration::hours(1);
            assert_eq!(
                opens,
                expected_open.with_timezone(&Utc).to_rfc3339(),
                "{day} opens at 08:00 local"
            );
            let free = &aubrac["resources"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["resource_id"] == desk)
                .unwrap()["free"];
            assert_eq!(
                free[0]["end"], start,
                "{day}: free until the booking starts"
            );
            assert_eq!(free[1]["start"], end, "{day}: free again after it");
        }
    }
);

on_both_databases!(
    hosts_book_for_walk_ins_and_see_their_day,
    |app: TestApp| async move {
        let host = app.token_for("host.mende@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let mende = site_id(&app, "48095").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        let (_, walk_in) = app
            .post(
                &format!("/api/v1/sites/{mende}/assisted-people"),
                Some(&host),
                json!({"display_name": "Jean Sans-Mail"}),
            )
            .await;
        let mut body = booking(desk, paris(monday, 13, 30), paris(monday, 18, 0));
        body["for_person"] = walk_in["id"].clone();
        let (status, created) = app
            .post("/api/v1/bookings", Some(&host), body.clone())
            .await;
        assert_eq!(status, 201, "{created}");
        // Alice may not book for someone else.
        body["start"] = json!(paris(monday + Duration::days(1), 13, 30).to_rfc3339());
        body["end"] = json!(paris(monday + Duration::days(1), 18, 0).to_rfc3339());
        assert_eq!(
            app.post("/api/v1/bookings", Some(&alice), body).await.0,
            403
        );
        let (status, day) = app
            .call(
                Method::GET,
                &format!("/api/v1/sites/{mende}/bookings?date={monday}"),
                Some(&host),
                None,
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(day[0]["person_name"], "Jean Sans-Mail");
        assert_eq!(
            app.call(
                Method::GET,
                &format!("/api/v1/sites/{mende}/bookings?date={monday}"),
                Some(&alice),
                None
            )
            .await
            .0,
            403
        );
        // Alice cannot see or cancel it; the host cancels with a reason.
        let id = created["id"].as_i64().unwrap();
        assert_eq!(
            app.call(
                Method::DELETE,
                &format!("/api/v1/bookings/{id}"),
                Some(&alice),
                None
            )
            .await
            .0,
            404
        );
        let (status, cancelled) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/bookings/{id}"),
                Some(&host),
                Some(json!({"reason": "Panne de chauffage"})),
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(cancelled["cancel_reason"], "Panne de chauffage");
    }
);

on_both_databases!(
    a_weekly_series_books_what_it_can_and_says_why_not,
    |app: TestApp| async move {
        app.clock
            .set(Utc.with_ymd_and_hms(2027, 3, 10, 9, 0, 0).unwrap());
        let alice = app.token_for("alice@demo.relais").await;
        let host = app.token_for("host.mende@demo.relais").await;
        let desk = desk_of(&app, "48095").await;
        let mende = site_id(&app, "48095").await;
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        server::app::closures::add(
            &app.db,
            shared::ids::SiteId(mende),
            day("2027-03-22"),
            day("2027-03-22"),
            "Travaux",
            "manual",
            app.clock.now(),
        )
        .await
        .unwrap();
        let taken = booking(
            desk,
            paris(day("2027-04-05"), 8, 30),
            paris(day("2027-04-05"), 12, 30),
        );
        assert_eq!(
            app.post("/api/v1/bookings", Some(&host), taken).await.0,
            201
        );

        let mut series = booking(
            desk,
            paris(day("2027-03-15"), 8, 30),
            paris(day("2027-03-15"), 12, 30),
        );
        series["weeks"] = json!(4);
        let (status, result) = app
            .post("/api/v1/bookings/series", Some(&alice), series)
            .await;
        assert_eq!(status, 201, "{result}");
        let booked: Vec<&str> = result["booked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["start"].as_str().unwrap())
            .collect();
        // 08:30 in Paris is 07:30 UTC before the change on 2027-03-28, 06:30 after.
        assert_eq!(
            booked,
            ["2027-03-15T07:30:00+00:00", "2027-03-29T06:30:00+00:00"]
        );
        let refused: Vec<(&str, &str)> = result["refused"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["start"].as_str().unwrap(), r["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            refused,
            [
                ("2027-03-22T07:30:00+00:00", "site_closed"),
                ("2027-04-05T06:30:00+00:00", "slot_taken")
            ]
        );

        // One date alone, then the rest of the series.
        let first = result["booked"][0]["id"].as_i64().unwrap();
        assert_eq!(
            app.call(
                Method::DELETE,
                &format!("/api/v1/bookings/{first}"),
                Some(&alice),
                None
            )
            .await
            .0,
            200
        );
        let series_id = result["series_id"].as_i64().unwrap();
        assert_eq!(
            app.call(
                Method::DELETE,
                &format!("/api/v1/bookings/series/{series_id}"),
                Some(&host),
                None
            )
            .await
            .0,
            200
        );
        let (_, mine) = app
            .call(Method::GET, "/api/v1/me/bookings", Some(&alice), None)
            .await;
        assert!(
            mine.as_array()
                .unwrap()
                .iter()
                .all(|b| b["status"] == "cancelled"),
            "{mine}"
        );
        let (status, body) = app.post("/api/v1/bookings/series", Some(&alice), json!({"resource_id": desk, "start": "2027-03-15T07:30:00Z", "end": "2027-03-15T11:30:00Z", "weeks": 0})).await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_weeks"))
        );
        // Three Sundays, when the site is closed: nothing to hold together,
        // so no series, and each date's reason beside the error.
        let mut sundays = booking(
            desk,
            paris(day("2027-03-14"), 8, 30),
            paris(day("2027-03-14"), 12, 30),
        );
        sundays["weeks"] = json!(3);
        let series_before = booking_series::Entity::find().count(&app.db).await.unwrap();
        let (status, body) = app
            .post("/api/v1/bookings/series", Some(&alice), sundays)
            .await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "series_refused");
        assert_eq!(body["refused"].as_array().unwrap().len(), 3, "{body}");
        assert!(body["refused"][0]["code"].is_string());
        let series_after = booking_series::Entity::find().count(&app.db).await.unwrap();
        assert_eq!(series_before, series_after, "no empty series is left");
    }
);

on_both_databases!(
    a_freed_place_goes_to_the_first_person_waiting,
    |app: TestApp| async move {
        // Le Collet-de-Dèze has two desks.
        let site = site_id(&app, "48051").await;
        let desks: Vec<i64> = resource::Entity::find()
            .filter(resource::Column::SiteId.eq(site))
            .filter(resource::Column::Kind.eq("desk"))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(desks.len(), 2);
        let host = app.token_for("admin@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let monday = next_monday(&app);
        let (start, end) = (paris(monday, 9, 0), paris(monday, 12, 0));
        let wait = json!({"site_id": site, "kind": "desk", "start": start.to_rfc3339(), "end": end.to_rfc3339()});
        let (status, body) = app
            .post("/api/v1/waitlist", Some(&alice), wait.clone())
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("not_full"))
        );
        let mut ids = Vec::new();
        for desk in &desks {
            let (status, created) = app
                .post("/api/v1/bookings", Some(&host), booking(*desk, start, end))
                .await;
            assert_eq!(status, 201);
            ids.push(created["id"].as_i64().unwrap());
        }
        let (status, entry) = app
            .post("/api/v1/waitlist", Some(&alice), wait.clone())
            .await;
        assert_eq!(status, 201, "{entry}");
        assert_eq!(entry["status"], "waiting");
        // Once in a queue is enough: a second click is told so.
        let (status, again) = app.post("/api/v1/waitlist", Some(&alice), wait).await;
        assert_eq!(
            (status.as_u16(), again["error"]["code"].as_str()),
            (409, Some("already_waiting"))
        );
        assert_eq!(
            app.call(
                Method::DELETE,
                &format!("/api/v1/bookings/{}", ids[0]),
                Some(&host),
                None
            )
            .await
            .0,
            200
        );
        let (_, mine) = app
            .call(Method::GET, "/api/v1/me/bookings", Some(&alice), None)
            .await;
        assert_eq!(
            mine.as_array().unwrap().len(),
            1,
            "alice got the freed desk: {mine}"
        );
        assert_eq!(mine[0]["start"], start.to_rfc3339());
        let (_, waiting) = app
            .call(Method::GET, "/api/v1/me/waitlist", Some(&alice), None)
            .await;
        assert_eq!(waiting[0]["status"], "served");
        assert_eq!(waiting[0]["booking_id"], mine[0]["id"]);
        crate::helpers::wait_for_mail(&app.mail_dir(), "telling alice", |text| {
            text.contains("To: alice@demo.relais") && text.contains("place")
        })
        .await;
    }
);

on_both_databases!(
    hosts_declare_and_import_closures,
    |app: TestApp| async move {
        let host = app.token_for("host.mende@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let mende = site_id(&app, "48095").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        let path = format!("/api/v1/sites/{mende}/closures");
        let (status, closure) = app
        .post(&path, Some(&host), json!({"first_day": monday.to_string(), "last_day": monday.to_string(), "reason": "Inventaire"}))
        .await;
        assert_eq!(status, 201, "{closure}");
        let (status, answer) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 9, 0), paris(monday, 10, 0)),
            )
            .await;
        assert_eq!(
            (status.as_u16(), answer["error"]["code"].as_str()),
            (400, Some("site_closed"))
        );
        let (_, day) = app
            .get_json(&format!("/api/v1/availability?date={monday}"))
            .await;
        let shown = day["sites"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["site_id"] == mende)
            .unwrap();
        assert_eq!(shown["closed"], true);
        let (status, body) = app
            .post(
                &path,
                Some(&host),
                json!({"first_day": "2030-01-02", "last_day": "2030-01-01", "reason": "x"}),
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_interval"))
        );
        assert_eq!(
            app.post(
                &path,
                Some(&alice),
                json!({"first_day": "2030-01-01", "last_day": "2030-01-01", "reason": "x"})
            )
            .await
            .0,
            403
        );

        let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mairie//FR\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20271225\r\nDTEND;VALUE=DATE:20271226\r\nSUMMARY:Noël\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        let response = app
            .client
            .post(app.url(&format!("{path}/import")))
            .bearer_auth(&host)
            .header("content-type", "text/calendar")
            .body(calendar)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let import: Value = response.json().await.unwrap();
        assert_eq!(import["imported"][0]["first_day"], "2027-12-25");
        assert_eq!(import["imported"][0]["source"], "ical");
        assert_eq!(import["skipped"].as_array().unwrap().len(), 1);
        let (_, all) = app.call(Method::GET, &path, Some(&host), None).await;
        assert_eq!(all.as_array().unwrap().len(), 2);
        // Not a calendar, an empty one, or one with more than 1,000 events:
        // a 400 with its code, and nothing written.
        let many: String = (0..1001)
            .map(|n| {
                let day = NaiveDate::from_ymd_opt(2028, 1, 1).unwrap() + Duration::days(n);
                format!(
                    "BEGIN:VEVENT\r\nUID:{n}\r\nDTSTART;VALUE=DATE:{}\r\nSUMMARY:Jour {n}\r\nEND:VEVENT\r\n",
                    day.format("%Y%m%d")
                )
            })
            .collect();
        for (text, code) in [
            ("".to_owned(), "invalid_calendar"),
            ("hello, this is a letter".to_owned(), "invalid_calendar"),
            (
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_owned(),
                "invalid_calendar",
            ),
            (
                format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{many}END:VCALENDAR\r\n"),
                "too_many_events",
            ),
        ] {
            let response = app
                .client
                .post(app.url(&format!("{path}/import")))
                .bearer_auth(&host)
                .header("content-type", "text/calendar")
                .body(text)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 400);
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"]["code"], code, "{body}");
        }
        let (_, all) = app.call(Method::GET, &path, Some(&host), None).await;
        assert_eq!(all.as_array().unwrap().len(), 2, "nothing written");
        let id = closure["id"].as_i64().unwrap();
        assert_eq!(
            app.call(Method::DELETE, &format!("{path}/{id}"), Some(&host), None)
                .await
                .0,
            204
        );
        assert_eq!(
            app.post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 9, 0), paris(monday, 10, 0))
            )
            .await
            .0,
            201
        );
    }
);

on_both_databases!(
    one_person_waits_for_ten_places_at_most,
    |app: TestApp| async move {
        use sea_orm::{ActiveModelTrait, Set};
        use server::db::entities::waitlist_entry;
        let alice = app.token_for("alice@demo.relais").await;
        let alice_id = app.person_id("alice@demo.relais").await;
        let site = site_id(&app, "48051").await;
        let monday = next_monday(&app);
        // Ten places waited for already, on ten mornings.
        for week in 0..10 {
            let day = monday + Duration::weeks(week);
            waitlist_entry::ActiveModel {
                person_id: Set(alice_id.0),
                site_id: Set(site),
                kind: Set("desk".to_owned()),
                start_at: Set(paris(day, 9, 0)),
                end_at: Set(paris(day, 12, 0)),
                status: Set("waiting".to_owned()),
                booking_id: Set(None),
                created_at: Set(app.clock.now()),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
        let afternoon = json!({"site_id": site, "kind": "desk",
            "start": paris(monday, 14, 0).to_rfc3339(), "end": paris(monday, 17, 0).to_rfc3339()});
        let (status, body) = app.post("/api/v1/waitlist", Some(&alice), afternoon).await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("too_many_waiting")),
            "{body}"
        );
    }
);

on_both_databases!(
    my_bookings_come_to_come_first_then_the_past_by_pages,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        for week in 0..3 {
            let day = monday + Duration::weeks(week);
            let (status, _) = app
                .post(
                    "/api/v1/bookings",
                    Some(&alice),
                    booking(desk, paris(day, 9, 0), paris(day, 12, 0)),
                )
                .await;
            assert_eq!(status, 201);
        }
        // Two weeks later, the first two are past; one is still to come.
        app.clock.set(paris(monday + Duration::weeks(1), 18, 0));
        let alice = app.token_for("alice@demo.relais").await;
        let starts = |answer: &Value| -> Vec<String> {
            answer
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["start"].as_str().unwrap()[..10].to_owned())
                .collect()
        };
        let day = |weeks: i64| (monday + Duration::weeks(weeks)).to_string();
        let (_, all) = app
            .call(Method::GET, "/api/v1/me/bookings", Some(&alice), None)
            .await;
        assert_eq!(
            starts(&all),
            [day(2), day(1), day(0)],
            "to come, then the most recent past"
        );
        let (_, page) = app
            .call(
                Method::GET,
                "/api/v1/me/bookings?limit=1",
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(starts(&page), [day(2), day(1)]);
        let (_, next) = app
            .call(
                Method::GET,
                "/api/v1/me/bookings?limit=1&offset=1",
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(starts(&next), [day(2), day(0)]);
        for bad in [
            "limit=0",
            "limit=501",
            "offset=-1",
            "offset=9223372036854775808",
        ] {
            let (status, _) = app
                .call(
                    Method::GET,
                    &format!("/api/v1/me/bookings?{bad}"),
                    Some(&alice),
                    None,
                )
                .await;
            assert_eq!(status, 400, "{bad}");
        }
    }
);
