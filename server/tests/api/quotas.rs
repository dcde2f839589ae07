//! Free-access quotas: Accès libre on the demo network, the ledger, refunds,
//! versions, bad policies, and 50 clicks at once with one day left.

use chrono::{Datelike, Duration, NaiveDate};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use server::db::entities::{quota_charge, resource};

use crate::bookings::{booking, paris, site_id};
use crate::helpers::{SecondProcess, TestApp, on_both_databases};

/// A Monday at least two weeks ahead whose month has room for four more Mondays' worth of weekdays.
pub(crate) fn first_monday_of_next_month(app: &TestApp) -> NaiveDate {
    let today = app.clock.now().date_naive();
    let mut day =
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap() + Duration::days(32);
    day = day.with_day(1).unwrap();
    while day.weekday() != chrono::Weekday::Mon {
        day += Duration::days(1);
    }
    day
}

pub(crate) async fn desks(app: &TestApp, insee: &str) -> Vec<i64> {
    let site = site_id(app, insee).await;
    resource::Entity::find()
        .filter(resource::Column::SiteId.eq(site))
        .filter(resource::Column::Kind.eq("desk"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

async fn acces_libre(app: &TestApp, token: &str, date: NaiveDate) -> Value {
    let quotas = app.my_quotas(token, date).await;
    quotas
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["policy"]["name"] == "Accès libre")
        .cloned()
        .expect("Accès libre applies to everyone")
}

on_both_databases!(
    a_newcomer_has_four_days_and_spends_them,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let monday = first_monday_of_next_month(&app);
        let quota = acces_libre(&app, &alice, monday).await;
        assert_eq!(
            (quota["used"].as_f64(), quota["remaining"].as_f64()),
            (Some(0.0), Some(4.0))
        );
        assert_eq!(
            quota["period_start"],
            monday.with_day(1).unwrap().to_string()
        );
        let desk = desks(&app, "48095").await[0];
        let (status, morning) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201, "{morning}");
        assert_eq!(
            acces_libre(&app, &alice, monday).await["remaining"],
            3.5,
            "a half-day costs half a day"
        );
        for offset in 1..=3 {
            let day = monday + Duration::days(offset);
            let (status, body) = app
                .post(
                    "/api/v1/bookings",
                    Some(&alice),
                    booking(desk, paris(day, 8, 30), paris(day, 17, 30)),
                )
                .await;
            assert_eq!(status, 201, "day {offset}: {body}");
        }
        assert_eq!(acces_libre(&app, &alice, monday).await["remaining"], 0.5);
        let thursday = monday + Duration::days(3);
        let friday = monday + Duration::days(4);
        // In English the refusal gives the figures (in French, the
        // general sentence: the app shows the figures itself).
        let (status, refused) = app
            .call_in(
                "en",
                reqwest::Method::POST,
                "/api/v1/bookings",
                Some(&alice),
                Some(booking(desk, paris(friday, 8, 30), paris(friday, 17, 30))),
            )
            .await;
        assert_eq!(
            (status.as_u16(), refused["error"]["code"].as_str()),
            (409, Some("quota_exceeded"))
        );
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("0.5") && message.contains("renews on"),
            "{message}"
        );
        // Half a day still fits; then nothing does.
        let (status, _) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(friday, 8, 30), paris(friday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201);
        assert_eq!(acces_libre(&app, &alice, monday).await["remaining"], 0.0);
        // The next month is a new period.
        let later = monday + Duration::days(35);
        let next = app.my_quotas(&alice, later).await;
        assert_eq!(next[0]["remaining"], 4.0, "{next}");
        // Cancelling more than a day ahead gives the charge back.
        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/bookings/{}", morning["id"]),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(acces_libre(&app, &alice, monday).await["remaining"], 0.5);
        let _ = thursday;
    }
);

on_both_databases!(
    a_late_cancellation_keeps_the_charge_and_a_no_show_costs_what_the_policy_says,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let (_, policies) = app
            .call(Method::GET, "/api/v1/quota-policies", Some(&admin), None)
            .await;
        let id = policies[0]["id"].clone();
        let mut settings = policies[0].clone();
        settings["no_show_cost"] = json!(1);
        let (status, _) = app
            .call(
                Method::PUT,
                &format!("/api/v1/quota-policies/{id}"),
                Some(&admin),
                Some(settings),
            )
            .await;
        assert_eq!(status, 200);
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[0];
        let alice = app.token_for("alice@demo.relais").await;
        let (_, first) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        let (_, second) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 13, 30), paris(monday, 17, 30)),
            )
            .await;
        // Two hours before: too late for a refund (24 hours).
        app.clock.set(paris(monday, 6, 30));
        let alice = app.token_for("alice@demo.relais").await;
        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/bookings/{}", first["id"]),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(
            acces_libre(&app, &alice, monday).await["used"],
            1.0,
            "no refund"
        );
        let host = app.token_for("host.mende@demo.relais").await;
        let no_show = format!("/api/v1/bookings/{}/no-show", second["id"]);
        let (status, body) = app.call(Method::POST, &no_show, Some(&host), None).await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("too_early"))
        );
        app.clock.set(paris(monday, 15, 0));
        let host = app.token_for("host.mende@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let (status, _) = app.call(Method::POST, &no_show, Some(&alice), None).await;
        assert_eq!(status, 404, "only hosts mark no-shows");
        let (status, marked) = app.call(Method::POST, &no_show, Some(&host), None).await;
        assert_eq!(status, 200, "{marked}");
        assert_eq!(marked["status"], "no_show");
        assert_eq!(
            acces_libre(&app, &alice, monday).await["used"],
            2.0,
            "a day more for the no-show"
        );
    }
);

on_both_databases!(
    changing_a_policy_never_rewrites_past_charges,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let admin = app.token_for("admin@demo.relais").await;
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[0];
        let (_, made) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 17, 30)),
            )
            .await;
        let charged = || async {
            quota_charge::Entity::find()
                .filter(quota_charge::Column::BookingId.eq(made["id"].as_i64().unwrap()))
                .all(&app.db)
                .await
                .unwrap()
        };
        let before = charged().await;
        assert_eq!(before.len(), 1);
        assert_eq!(before[0].amount, 2, "a full day is two half-days");

        let (_, policies) = app
            .call(Method::GET, "/api/v1/quota-policies", Some(&admin), None)
            .await;
        let id = policies[0]["id"].clone();
        let mut hours = policies[0].clone();
        hours["measure"] = json!("hours");
        let (status, refused) = app
            .call(
                Method::PUT,
                &format!("/api/v1/quota-policies/{id}"),
                Some(&admin),
                Some(hours),
            )
            .await;
        assert_eq!(
            (status.as_u16(), refused["error"]["code"].as_str()),
            (400, Some("invalid_change")),
            "days and hours would mix in the ledger"
        );
        let mut half_days = policies[0].clone();
        half_days["measure"] = json!("half_days");
        half_days["allowance"] = json!(3);
        // Version 2 refunds only cancellations 30 days ahead.
        half_days["refund_deadline_minutes"] = json!(30 * 24 * 60);
        let (status, updated) = app
            .call(
                Method::PUT,
                &format!("/api/v1/quota-policies/{id}"),
                Some(&admin),
                Some(half_days),
            )
            .await;
        assert_eq!(status, 200, "{updated}");
        assert_eq!(updated["version"], 2);
        assert_eq!(charged().await, before, "the existing charge is untouched");

        // New bookings follow version 2: three half-days a month, and alice has used two.
        let tuesday = monday + Duration::days(1);
        let (status, _) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(tuesday, 9, 0), paris(tuesday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201);
        let quota = acces_libre(&app, &alice, monday).await;
        assert_eq!(quota["policy"]["version"], 2);
        assert_eq!(
            (quota["used_units"].as_u64(), quota["remaining"].as_f64()),
            (Some(3), Some(0.0)),
            "{quota}"
        );
        // The first booking keeps version 1's rule (refund if cancelled 24 hours
        // ahead): cancelled two days ahead, its two half-days come back.
        app.clock.set(paris(monday - Duration::days(2), 9, 0));
        let alice = app.token_for("alice@demo.relais").await;
        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/bookings/{}", made["id"]),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(acces_libre(&app, &alice, monday).await["used_units"], 1);
    }
);

on_both_databases!(
    bad_policies_are_refused_and_never_stored,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let good = json!({"name": "Demandeurs d'emploi", "categories": ["job_seeker"], "epcis": [],
        "measure": "days", "allowance": null, "period": "month", "beyond": "refuse"});
        let cases: Vec<(&str, Value, &str)> = vec![
            ("allowance", json!(-4), "invalid_amount"),
            ("allowance", json!(0), "invalid_amount"),
            ("no_show_cost", json!(-1), "invalid_amount"),
            ("refund_deadline_minutes", json!(-60), "invalid_amount"),
            ("communes", json!(["99999"]), "unknown_commune"),
            ("communes", json!(["mende"]), "unknown_commune"),
            ("epcis", json!(["123456789"]), "unknown_epci"),
            ("sites", json!([424242]), "unknown_site"),
            ("name", json!(""), "invalid_name"),
            ("name", json!("x".repeat(121)), "invalid_text"),
            ("period", json!(""), "invalid_json"),
            ("period", json!("fortnight"), "invalid_json"),
            ("measure", json!(null), "invalid_json"),
            ("categories", json!(["astronaut"]), "invalid_json"),
        ];
        for (field, value, code) in cases {
            let mut policy = good.clone();
            policy[field] = value.clone();
            let (status, body) = app
                .post("/api/v1/quota-policies", Some(&admin), policy)
                .await;
            assert_eq!(status, 400, "{field} = {value}: {body}");
            assert_eq!(body["error"]["code"], code, "{field} = {value}");
        }
        let (_, policies) = app
            .call(Method::GET, "/api/v1/quota-policies", Some(&admin), None)
            .await;
        assert_eq!(
            policies.as_array().unwrap().len(),
            1,
            "only Accès libre: {policies}"
        );
        let (status, created) = app.post("/api/v1/quota-policies", Some(&admin), good).await;
        assert_eq!(status, 201, "{created}");

        // A commune administrator sets policies for their commune's sites only.
        let mairie = app.token_for("mairie.mende@demo.relais").await;
        let mende = site_id(&app, "48095").await;
        let florac = site_id(&app, "48061").await;
        let local = json!({"name": "Mende", "sites": [mende], "measure": "half_days", "allowance": 2,
        "period": "week", "beyond": "paid"});
        assert_eq!(
            app.post("/api/v1/quota-policies", Some(&mairie), local.clone())
                .await
                .0,
            201
        );
        let mut elsewhere = local.clone();
        elsewhere["sites"] = json!([florac]);
        assert_eq!(
            app.post("/api/v1/quota-policies", Some(&mairie), elsewhere)
                .await
                .0,
            403
        );
        let mut network = local;
        network["sites"] = json!([]);
        assert_eq!(
            app.post("/api/v1/quota-policies", Some(&mairie), network)
                .await
                .0,
            403
        );
    }
);

on_both_databases!(
    beyond_a_paid_policy_the_booking_is_flagged_for_the_host,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let mende = site_id(&app, "48095").await;
        let policy = json!({"name": "Mende, deux demi-journées", "sites": [mende], "measure": "half_days",
            "allowance": 1, "period": "week", "beyond": "paid"});
        assert_eq!(
            app.post("/api/v1/quota-policies", Some(&admin), policy)
                .await
                .0,
            201
        );
        let alice = app.token_for("alice@demo.relais").await;
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[0];
        let (_, first) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(
            first["beyond_quota"], false,
            "charged to the Mende policy first"
        );
        assert_eq!(acces_libre(&app, &alice, monday).await["used"], 0.0);
        // The Mende week is spent: Accès libre pays next.
        let (_, second) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 13, 30), paris(monday, 17, 30)),
            )
            .await;
        assert_eq!(second["beyond_quota"], false);
        assert_eq!(acces_libre(&app, &alice, monday).await["used"], 0.5);
        let quotas = app.my_quotas(&alice, monday).await;
        assert_eq!(
            quotas[0]["policy"]["name"], "Mende, deux demi-journées",
            "the specific one ranks first"
        );
    }
);

/// With one day left, 50 bookings of different desks and days in one month
/// race; exactly one gets through. With `second`, half go to another process.
async fn fifty_clicks_with_one_day_left(app: &TestApp, second: Option<&SecondProcess>) {
    let alice = app.token_for("alice@demo.relais").await;
    let monday = first_monday_of_next_month(app);
    let desks = desks(app, "48095").await;
    // Spend three of the four days first.
    for offset in 0..3 {
        let day = monday + Duration::days(offset);
        let (status, body) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desks[0], paris(day, 8, 30), paris(day, 17, 30)),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    let requests = (0..50).map(|i| {
        // Thursday, Friday, and the next Monday and Tuesday: one month.
        let day = monday + Duration::days([3, 4, 7, 8][usize::try_from(i).unwrap() % 4]);
        let desk = desks[usize::try_from(i).unwrap() % desks.len()];
        let base = match second {
            Some(other) if i % 2 == 1 => other.address.clone(),
            _ => app.address.clone(),
        };
        let request = app
            .client
            .post(format!("{base}/api/v1/bookings"))
            .bearer_auth(&alice)
            .json(&booking(desk, paris(day, 9, 0), paris(day, 17, 0)));
        async move {
            let response = request.send().await.expect("an answer");
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            (status, body)
        }
    });
    let answers = futures::future::join_all(requests).await;
    let accepted = answers.iter().filter(|(s, _)| *s == 201).count();
    let refused = answers
        .iter()
        .filter(|(s, b)| {
            *s == 409
                && (b["error"]["code"] == "quota_exceeded" || b["error"]["code"] == "slot_taken")
        })
        .count();
    assert_eq!(accepted, 1, "exactly one booking spends the last day");
    assert_eq!(
        refused,
        49,
        "{:?}",
        answers.iter().find(|(s, _)| *s != 201 && *s != 409)
    );
    assert_eq!(acces_libre(app, &alice, monday).await["remaining"], 0.0);
}

on_both_databases!(
    fifty_clicks_one_day_left_one_booking,
    |app: TestApp| async move {
        fifty_clicks_with_one_day_left(&app, None).await;
    }
);

on_both_databases!(
    fifty_clicks_on_two_processes_one_day_left_one_booking,
    |app: TestApp| async move {
        let second = SecondProcess::start(&app).await;
        fifty_clicks_with_one_day_left(&app, Some(&second)).await;
    }
);

on_both_databases!(
    a_series_is_charged_occurrence_by_occurrence,
    |app: TestApp| async move {
        let alice = app.token_for("alice@demo.relais").await;
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[0];
        let mut series = booking(desk, paris(monday, 8, 30), paris(monday, 17, 30));
        series["weeks"] = json!(4);
        let (status, result) = app
            .post("/api/v1/bookings/series", Some(&alice), series)
            .await;
        assert_eq!(status.as_u16() / 100, 2, "{result}");
        let booked = result["booked"].as_array().unwrap().len();
        let refused = result["refused"].as_array().unwrap();
        assert_eq!(booked + refused.len(), 4);
        // Four full days in one month fit; a fifth Monday may fall in the next month.
        assert_eq!(booked, 4, "{result}");
        let mut more = booking(desk, paris(monday, 8, 30), paris(monday, 17, 30));
        more["start"] = json!(paris(monday + Duration::days(1), 8, 30).to_rfc3339());
        more["end"] = json!(paris(monday + Duration::days(1), 17, 30).to_rfc3339());
        more["weeks"] = json!(2);
        let (_, result) = app
            .post("/api/v1/bookings/series", Some(&alice), more)
            .await;
        let codes: Vec<&str> = result["refused"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["code"].as_str())
            .collect();
        assert_eq!(codes, ["quota_exceeded", "quota_exceeded"], "{result}");
    }
);
