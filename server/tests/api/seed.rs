use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::db::entities::{commune, epci, person, resource, role_grant, site};

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(seeding_twice_changes_nothing, |app: TestApp| async move {
    let count = |db| async move {
        (
            site::Entity::find().count(db).await.unwrap(),
            resource::Entity::find().count(db).await.unwrap(),
            person::Entity::find().count(db).await.unwrap(),
            role_grant::Entity::find().count(db).await.unwrap(),
        )
    };
    let before = count(&app.db).await;
    let summary = server::app::seed_demo::seed(&app.db, app.clock.now())
        .await
        .unwrap();
    assert_eq!(summary, Default::default());
    assert_eq!(count(&app.db).await, before);
    assert_eq!(before.2, 4, "the four demo accounts");
});

on_both_databases!(communes_of_lozere_are_loaded, |app: TestApp| async move {
    assert_eq!(commune::Entity::find().count(&app.db).await.unwrap(), 152);
    assert_eq!(epci::Entity::find().count(&app.db).await.unwrap(), 11);
    let florac = commune::Entity::find_by_id("48061")
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(florac.name, "Florac Trois Rivières");
});

on_both_databases!(
    the_demo_network_has_a_true_looking_past_year,
    |app: TestApp| async move {
        use chrono::{Datelike, Weekday};
        use server::db::entities::booking;
        let now = app.clock.now();
        let written = server::app::demo_history::seed_history(&app.db, now)
            .await
            .unwrap();
        assert!(written > 3000, "{written} bookings");
        // Once only.
        let again = server::app::demo_history::seed_history(&app.db, now)
            .await
            .unwrap();
        assert_eq!(again, 0);
        let rows = booking::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), written, "nothing but the history");
        assert!(rows.iter().all(|b| b.end_at <= now));
        // Its people have no address: nobody can sign in as them.
        let people: BTreeSet<i64> = rows.iter().filter_map(|b| b.person_id).collect();
        assert_eq!(people.len(), 400, "forty per site");
        let with_address = person::Entity::find()
            .filter(person::Column::Id.is_in(people))
            .filter(person::Column::Email.is_not_null())
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(with_address, 0);
        let on = |days: &[Weekday]| {
            rows.iter()
                .filter(|b| days.contains(&b.start_at.weekday()))
                .count()
        };
        assert!(on(&[Weekday::Tue, Weekday::Thu]) > on(&[Weekday::Mon, Weekday::Fri]));
        let in_month = |month| rows.iter().filter(|b| b.start_at.month() == month).count();
        assert!(in_month(8) < in_month(3), "fewer in August than in March");

        // The statistics count its people, and publish the big numbers.
        let admin = app.token_for("admin@demo.relais").await;
        let path = format!(
            "{}?from=2026-03-01&to=2026-03-31",
            shared::routes::STATS_USAGE
        );
        let (status, report) = app
            .call(reqwest::Method::GET, &path, Some(&admin), None)
            .await;
        assert_eq!(status, 200);
        let people: Vec<u64> = report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["people"].as_u64())
            .collect();
        assert!(!people.is_empty(), "{report}");
        // The sites and desks were there: open hours count.
        let open: f64 = report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["open_hours"].as_f64().unwrap())
            .sum();
        assert!(open > 1000.0, "{report}");
        assert!(people.iter().all(|n| *n >= 11));
        // Where they live and who they are, with numbers to show.
        let shown = |part: &str| {
            report[part]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["people"].as_u64().is_some_and(|n| n >= 11))
                .count()
        };
        assert!(shown("residence") >= 5, "{}", report["residence"]);
        assert!(shown("categories") >= 3, "{}", report["categories"]);
        // Over the year, everyone was new once.
        let year = format!(
            "{}?from=2026-01-13&to=2027-01-12",
            shared::routes::STATS_USAGE
        );
        let (_, year) = app
            .call(reqwest::Method::GET, &year, Some(&admin), None)
            .await;
        let new = year["new_people"].as_u64().unwrap_or(0);
        assert!(new >= 100, "{}", year["new_people"]);
        assert_eq!(Some(new), year["people"].as_u64(), "{}", year["people"]);
        // Some came more often than the month's free days: they paid.
        let whole = year["totals"].as_array().unwrap().last().unwrap().clone();
        let beyond = whole["beyond_quota"].as_u64().unwrap_or(0);
        let bookings = whole["bookings"].as_u64().unwrap_or(0);
        assert!(beyond > 0 && beyond * 5 < bookings, "{whole}");
        // What the year cost on the free-access policy, in days.
        let free = &year["quotas"][0];
        assert_eq!(free["name"], "Accès libre", "{}", year["quotas"]);
        assert!(
            free["used"].as_f64().is_some_and(|d| d >= 1_000.0),
            "{free}"
        );
        assert!(
            free["bookings"].as_u64().is_some_and(|n| n >= 2_000),
            "{free}"
        );
    }
);
