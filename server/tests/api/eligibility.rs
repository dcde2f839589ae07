//! Quota eligibility is not self-service: categories count for policies
//! that ask for a proof once a host or an administrator of the territory has
//! confirmed them, and a new commune counts from the next period.

use chrono::NaiveDate;
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{booking, paris, site_id};
use crate::helpers::{TestApp, on_both_databases};

/// The fixed test day is Wednesday 2027-01-13 (`helpers::test_start`).
fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn desk_at(app: &TestApp, insee: &str) -> i64 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use server::db::entities::resource;
    resource::Entity::find()
        .filter(resource::Column::SiteId.eq(site_id(app, insee).await))
        .filter(resource::Column::Kind.eq("desk"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn profile(app: &TestApp, token: &str, commune: &str, categories: Value) -> Value {
    let (status, me) = app
        .call(
            Method::PUT,
            "/api/v1/me",
            Some(token),
            Some(json!({"display_name": "Alice", "commune_insee": commune,
                "categories": categories, "language": "fr"})),
        )
        .await;
    assert_eq!(status, 200, "{me}");
    me
}

/// The names of the policies that concern the caller in the period of `date`.
async fn policies_on(app: &TestApp, token: &str, date: NaiveDate) -> Vec<String> {
    let quotas = app.my_quotas(token, date).await;
    quotas
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["policy"]["name"].as_str().unwrap().to_owned())
        .collect()
}

fn confirm(commune: &str, commune_confirmed: bool, categories: Value) -> Value {
    json!({"commune_insee": commune, "commune_confirmed": commune_confirmed,
        "confirmed_categories": categories})
}

on_both_databases!(
    a_job_seekers_allowance_waits_for_a_proof_seen_at_a_desk,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let host = app.token_for("host.mende@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let alice_id = app.person_id("alice@demo.relais").await.0;
        let mende = site_id(&app, "48095").await;
        let (status, policy) = app
            .post(
                "/api/v1/quota-policies",
                Some(&admin),
                json!({"name": "Demandeurs d'emploi", "categories": ["job_seeker"],
                    "measure": "days", "allowance": 2, "period": "month", "beyond": "refuse"}),
            )
            .await;
        assert_eq!(status, 201, "{policy}");
        assert_eq!(
            policy["eligibility"], "confirmed",
            "the default for categories"
        );

        // Alice calls herself a job seeker: declared, not confirmed, no allowance.
        let me = profile(&app, &alice, "48095", json!(["job_seeker"])).await;
        assert_eq!(
            (&me["commune_confirmed"], &me["confirmed_categories"]),
            (&json!(false), &json!([]))
        );
        let monday = day("2027-01-18");
        assert_eq!(policies_on(&app, &alice, monday).await, ["Accès libre"]);

        // The host of Mende does not know her until she books there.
        let at_mende = format!("/api/v1/sites/{mende}/eligibility/{alice_id}");
        let proof = confirm("48095", true, json!(["job_seeker"]));
        let (status, _) = app
            .call(Method::PUT, &at_mende, Some(&host), Some(proof.clone()))
            .await;
        assert_eq!(status, 404);
        let desk = desk_at(&app, "48095").await;
        let (status, booked) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201, "{booked}");
        let (status, people) = app
            .call(
                Method::GET,
                &format!("/api/v1/sites/{mende}/eligibility"),
                Some(&host),
                None,
            )
            .await;
        assert_eq!(status, 200, "{people}");
        let listed = people
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["person_id"] == alice_id)
            .expect("Alice is listed once she booked at Mende")
            .clone();
        assert_eq!(listed["categories"], json!(["job_seeker"]));
        assert_eq!(listed["confirmed_categories"], json!([]));

        // A confirmation about another commune, or a category she did not declare, changes nothing.
        let (status, stale) = app
            .call(
                Method::PUT,
                &at_mende,
                Some(&host),
                Some(confirm("48061", true, json!([]))),
            )
            .await;
        assert_eq!(
            (status.as_u16(), &stale["error"]["code"]),
            (409, &json!("eligibility_changed"))
        );
        let (status, _) = app
            .call(
                Method::PUT,
                &at_mende,
                Some(&host),
                Some(confirm("48095", true, json!(["student"]))),
            )
            .await;
        assert_eq!(status, 400);

        // The host saw her certificate: the policy counts for her, first.
        let (status, confirmed) = app
            .call(Method::PUT, &at_mende, Some(&host), Some(proof))
            .await;
        assert_eq!(status, 200, "{confirmed}");
        let (_, me) = app
            .call(Method::GET, "/api/v1/me", Some(&alice), None)
            .await;
        assert_eq!(
            (&me["commune_confirmed"], &me["confirmed_categories"]),
            (&json!(true), &json!(["job_seeker"]))
        );
        assert_eq!(
            policies_on(&app, &alice, monday).await,
            ["Demandeurs d'emploi", "Accès libre"]
        );

        // Taking the category off and back on loses the confirmation.
        profile(&app, &alice, "48095", json!([])).await;
        let me = profile(&app, &alice, "48095", json!(["job_seeker"])).await;
        assert_eq!(me["confirmed_categories"], json!([]));
        assert_eq!(me["commune_confirmed"], true, "the commune did not change");
        assert_eq!(policies_on(&app, &alice, monday).await, ["Accès libre"]);

        // Mende's administrator sees Mende's residents and confirms for them…
        let mairie = app.token_for("mairie.mende@demo.relais").await;
        let (status, residents) = app
            .call(Method::GET, "/api/v1/eligibility", Some(&mairie), None)
            .await;
        assert_eq!(status, 200, "{residents}");
        assert!(
            residents
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["person_id"] == alice_id)
        );
        let (status, _) = app
            .call(
                Method::PUT,
                &format!("/api/v1/eligibility/{alice_id}"),
                Some(&mairie),
                Some(confirm("48095", true, json!(["job_seeker"]))),
            )
            .await;
        assert_eq!(status, 200);
        // …but nobody living elsewhere.
        let bob = app.sign_in("bob@example.org").await;
        profile(&app, &bob, "48061", json!(["student"])).await;
        let bob_id = app.person_id("bob@example.org").await.0;
        let (status, _) = app
            .call(
                Method::PUT,
                &format!("/api/v1/eligibility/{bob_id}"),
                Some(&mairie),
                Some(confirm("48061", true, json!(["student"]))),
            )
            .await;
        assert_eq!(status, 404);
        let (status, _) = app
            .call(
                Method::PUT,
                &format!("/api/v1/eligibility/{bob_id}"),
                Some(&admin),
                Some(confirm("48061", true, json!(["student"]))),
            )
            .await;
        assert_eq!(status, 200, "a network administrator confirms for anyone");
    }
);

on_both_databases!(
    a_new_commune_counts_for_quotas_from_the_next_period,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let (status, policy) = app
            .post(
                "/api/v1/quota-policies",
                Some(&admin),
                json!({"name": "Habitants de Mende", "communes": ["48095"],
                    "measure": "days", "allowance": 1, "period": "month", "beyond": "refuse"}),
            )
            .await;
        assert_eq!(status, 201, "{policy}");
        assert_eq!(policy["eligibility"], "declared");

        // A newcomer's first commune counts at once.
        let bob = app.sign_in("bob@example.org").await;
        let me = profile(&app, &bob, "48095", json!([])).await;
        assert_eq!(me["commune_changed_on"], Value::Null);
        let january = day("2027-01-15");
        assert_eq!(
            policies_on(&app, &bob, january).await,
            ["Habitants de Mende", "Accès libre"]
        );

        // Alice (of Florac, in the demo) moves her declared home to Mende on
        // 13 January: Mende's allowance is hers from February, not for the
        // rest of January.
        let me = profile(&app, &alice, "48095", json!([])).await;
        assert_eq!(me["commune_changed_on"], "2027-01-13");
        assert_eq!(me["commune_confirmed"], false);
        assert_eq!(policies_on(&app, &alice, january).await, ["Accès libre"]);
        let february = day("2027-02-01");
        assert_eq!(
            policies_on(&app, &alice, february).await,
            ["Habitants de Mende", "Accès libre"]
        );
        // The booking decides the same: January is paid by Accès libre,
        // February by Mende's policy.
        let desk = desk_at(&app, "48095").await;
        for date in [january, february] {
            let (status, body) = app
                .post(
                    "/api/v1/bookings",
                    Some(&alice),
                    booking(desk, paris(date, 8, 30), paris(date, 17, 30)),
                )
                .await;
            assert_eq!(status, 201, "{date}: {body}");
        }
        let used = |quotas: Value, name: &str| {
            quotas
                .as_array()
                .unwrap()
                .iter()
                .find(|q| q["policy"]["name"] == name)
                .map(|q| q["used"].as_f64().unwrap())
        };
        let jan = app.my_quotas(&alice, january).await;
        assert_eq!(used(jan, "Accès libre"), Some(1.0));
        let feb = app.my_quotas(&alice, february).await;
        assert_eq!(used(feb.clone(), "Habitants de Mende"), Some(1.0));
        assert_eq!(used(feb, "Accès libre"), Some(0.0));

        // Going back the same day undoes the change; the export shows every declaration.
        let me = profile(&app, &alice, "48061", json!([])).await;
        assert_eq!(me["commune_changed_on"], Value::Null);
        profile(&app, &alice, "48095", json!([])).await;
        let (_, export) = app
            .call(Method::GET, "/api/v1/me/export", Some(&alice), None)
            .await;
        assert_eq!(
            export["communes_declared"].as_array().map(Vec::len),
            Some(2),
            "{export}"
        );
    }
);
