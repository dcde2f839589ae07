//! Profile, export, erasure, assisted people and machine keys.

use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(profile_is_saved_and_checked, |app: TestApp| async move {
    let token = app.token_for("alice@demo.relais").await;
    let update = json!({"display_name": " Alice M. ", "commune_insee": "48095", "categories": ["job_seeker", "job_seeker"], "language": "en"});
    let (status, me) = app
        .call(Method::PUT, "/api/v1/me", Some(&token), Some(update))
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["display_name"], "Alice M.");
    assert_eq!(me["commune_name"], "Mende");
    assert_eq!(me["categories"], json!(["job_seeker"]));
    assert_eq!(me["language"], "en");
    for (bad, code) in [
        (
            json!({"display_name": "A", "commune_insee": "99999", "categories": [], "language": "fr"}),
            "unknown_commune",
        ),
        (
            json!({"display_name": "x".repeat(101), "commune_insee": null, "categories": [], "language": "fr"}),
            "invalid_text",
        ),
        (
            json!({"display_name": "A", "commune_insee": null, "categories": ["astronaut"], "language": "fr"}),
            "invalid_json",
        ),
        (
            json!({"display_name": "A", "commune_insee": null, "categories": [], "language": "de"}),
            "invalid_json",
        ),
    ] {
        let (status, body) = app
            .call(Method::PUT, "/api/v1/me", Some(&token), Some(bad))
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some(code))
        );
    }
    let (_, me) = app
        .call(Method::GET, "/api/v1/me", Some(&token), None)
        .await;
    assert_eq!(
        me["commune_name"], "Mende",
        "a refused update changed nothing"
    );
});

on_both_databases!(
    communes_are_listed_for_the_picker,
    |app: TestApp| async move {
        let (status, communes) = app.get_json("/api/v1/communes").await;
        assert_eq!(status, 200);
        let communes = communes.as_array().unwrap();
        assert_eq!(communes.len(), 152);
        let florac = communes.iter().find(|c| c["insee"] == "48061").unwrap();
        assert_eq!(florac["postcodes"], json!(["48400"]));
        assert!(
            florac["epci_name"]
                .as_str()
                .is_some_and(|n| n.starts_with("CC"))
        );
    }
);

on_both_databases!(export_holds_the_persons_data, |app: TestApp| async move {
    let token = app.sign_in("alice@demo.relais").await;
    let response = app
        .client
        .get(app.url("/api/v1/me/export"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let data: serde_json::Value = response.json().await.unwrap();
    assert_eq!(data["profile"]["email"], "alice@demo.relais");
    assert_eq!(data["profile"]["display_name"], "Alice Martin");
    assert!(!data["mails"].as_array().unwrap().is_empty());
});

/// Every text column of every table, as one string per row.
async fn every_text_in_the_database(app: &TestApp) -> String {
    let backend = app.db.get_database_backend();
    let tables_sql = match app.backend {
        crate::helpers::Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table'",
        crate::helpers::Backend::Postgres => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
        }
    };
    let tables = app
        .db
        .query_all_raw(Statement::from_string(backend, tables_sql))
        .await
        .unwrap();
    let mut all = String::new();
    for table in tables {
        let name: String = table.try_get("", "name").unwrap();
        let sql = match app.backend {
            crate::helpers::Backend::Sqlite => format!("SELECT * FROM \"{name}\""),
            crate::helpers::Backend::Postgres => {
                format!("SELECT row_to_json(t)::text AS j FROM \"{name}\" t")
            }
        };
        for row in app
            .db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .unwrap()
        {
            match app.backend {
                crate::helpers::Backend::Postgres => {
                    all.push_str(&row.try_get::<String>("", "j").unwrap_or_default())
                }
                crate::helpers::Backend::Sqlite => {
                    for column in 0..64usize {
                        if let Ok(text) = row.try_get_by_index::<Option<String>>(column) {
                            all.push_str(&text.unwrap_or_default());
                            all.push('|');
                        } else if row.try_get_by_index::<Option<i64>>(column).is_err()
                            && row.try_get_by_index::<Option<f64>>(column).is_err()
                        {
                            break;
                        }
                    }
                }
            }
            all.push('\n');
        }
    }
    all
}

on_both_databases!(
    deleting_an_account_erases_name_and_address_everywhere,
    |app: TestApp| async move {
        let token = app.sign_in("alice@demo.relais").await;
        let before = every_text_in_the_database(&app).await;
        assert!(
            before.contains("alice@demo.relais") && before.contains("Alice Martin"),
            "the scan sees the data"
        );
        let (status, _) = app
            .call(Method::DELETE, "/api/v1/me", Some(&token), None)
            .await;
        assert_eq!(status, 204);
        let after = every_text_in_the_database(&app).await;
        assert!(!after.contains("alice@demo.relais"), "the address is gone");
        assert!(!after.contains("Alice Martin"), "the name is gone");
        assert_eq!(
            app.call(Method::GET, "/api/v1/me", Some(&token), None)
                .await
                .0,
            401
        );
        // Others are untouched.
        assert!(after.contains("host.mende@demo.relais"));
    }
);

on_both_databases!(
    hosts_create_assisted_people_who_sign_in_once_given_an_address,
    |app: TestApp| async move {
        let host = app.token_for("host.mende@demo.relais").await;
        let (_, me) = app.call(Method::GET, "/api/v1/me", Some(&host), None).await;
        let site = me["roles"][0]["site_id"].as_i64().unwrap();
        let path = format!("/api/v1/sites/{site}/assisted-people");
        let (status, person) = app
            .post(
                &path,
                Some(&host),
                json!({"display_name": "Jean Sans-Mail", "commune_insee": "48095"}),
            )
            .await;
        assert_eq!(status, 201, "{person}");
        assert!(person["email"].is_null());
        let (_, list) = app.call(Method::GET, &path, Some(&host), None).await;
        assert_eq!(list[0]["display_name"], "Jean Sans-Mail");
        let (status, body) = app
            .post(&path, Some(&host), json!({"display_name": "  "}))
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_name"))
        );

        let id = person["id"].as_i64().unwrap();
        let email_path = format!("{path}/{id}/email");
        let put = |address: &str| {
            app.call(
                Method::PUT,
                &email_path,
                Some(&host),
                Some(json!({"email": address})),
            )
        };
        // An address that already has an account: the same answer as any
        // other (no oracle), nothing changes, and its owner is told by mail.
        let (status, taken) = put("alice@demo.relais").await;
        assert_eq!(status, 202, "{taken}");
        assert!(taken["email"].is_null());
        assert_eq!(taken["pending_email"], "alice@demo.relais");
        crate::helpers::wait_for_mail(&app.mail_dir(), "telling alice, with no code", |text| {
            text.contains("To: alice@demo.relais") && !text.contains("#t=")
        })
        .await;
        // A code check for her address answers as for a free one (below).
        let (status, body) = app
            .post(
                "/api/v1/auth/verify",
                None,
                json!({"email": "alice@demo.relais", "code": "000001"}),
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_code")),
            "{body}"
        );
        let alice = app.sign_in("alice@demo.relais").await;
        let (_, alice_me) = app
            .call(Method::GET, "/api/v1/me", Some(&alice), None)
            .await;
        assert_eq!(
            alice_me["display_name"], "Alice Martin",
            "alice's account is hers"
        );

        // A free address waits for its owner, who confirms it by signing in.
        let (status, pending) = put("jean@example.org").await;
        assert_eq!(status, 202, "{pending}");
        assert!(
            pending["email"].is_null(),
            "not the person's until confirmed"
        );
        assert_eq!(pending["pending_email"], "jean@example.org");
        // Nothing tells the host which case it was: a code check answers alike.
        let (status, body) = app
            .post(
                "/api/v1/auth/verify",
                None,
                json!({"email": "jean@example.org", "code": "000001"}),
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_code")),
            "{body}"
        );
        // Only the code of the confirmation mail attaches the address.
        let (code, _) = app.sign_in_mail("jean@example.org").await;
        let (status, session) = app
            .post(
                "/api/v1/auth/verify",
                None,
                json!({"email": "jean@example.org", "code": code}),
            )
            .await;
        assert_eq!(status, 200, "{session}");
        assert_eq!(session["me"]["display_name"], "Jean Sans-Mail");
        // From then on only Jean changes it.
        let (status, body) = put("someone.else@example.org").await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("email_locked"))
        );
        let (_, list) = app.call(Method::GET, &path, Some(&host), None).await;
        assert_eq!(list[0]["email"], "jean@example.org");

        // Another site's people are out of reach, by list and by id.
        let other_site = site + 1;
        let (status, _) = app
            .call(
                Method::GET,
                &format!("/api/v1/sites/{other_site}/assisted-people"),
                Some(&host),
                None,
            )
            .await;
        assert_eq!(status, 403);
        let admin = app.token_for("admin@demo.relais").await;
        let (_, other) = app
            .post(
                &format!("/api/v1/sites/{other_site}/assisted-people"),
                Some(&admin),
                json!({"display_name": "Autre"}),
            )
            .await;
        let other_id = other["id"].as_i64().unwrap();
        let (status, _) = app
            .call(
                Method::PUT,
                &format!("{path}/{other_id}/email"),
                Some(&host),
                Some(json!({"email": "x@example.org"})),
            )
            .await;
        assert_eq!(
            status, 404,
            "a person of another site is not found through this site"
        );
    }
);

on_both_databases!(
    api_keys_are_shown_once_and_revocable,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let (status, created) = app
            .post(
                "/api/v1/admin/api-keys",
                Some(&admin),
                json!({"name": "Porte Mende", "scope": "site", "site_id": 1}),
            )
            .await;
        assert_eq!(status, 201, "{created}");
        let key = created["key"].as_str().unwrap().to_owned();
        assert!(key.starts_with("rk_"));
        let (_, list) = app
            .call(Method::GET, "/api/v1/admin/api-keys", Some(&admin), None)
            .await;
        assert!(
            !list.to_string().contains(&key),
            "the key is never shown again"
        );
        assert_eq!(list[0]["prefix"], created["info"]["prefix"]);
        assert_eq!(
            app.call(Method::GET, "/api/v1/sites", Some(&key), None)
                .await
                .0,
            200
        );
        assert_eq!(
            app.call(Method::GET, "/api/v1/me", Some(&key), None)
                .await
                .0,
            403
        );
        let id = created["info"]["id"].as_i64().unwrap();
        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/admin/api-keys/{id}"),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(status, 204);
        assert_eq!(
            app.call(Method::GET, "/api/v1/sites", Some(&key), None)
                .await
                .0,
            401
        );
        let (status, body) = app
            .post(
                "/api/v1/admin/api-keys",
                Some(&admin),
                json!({"name": "", "scope": "stats_read"}),
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_name"))
        );
        let (status, _) = app
            .post(
                "/api/v1/admin/api-keys",
                Some(&admin),
                json!({"name": "x", "scope": "root"}),
            )
            .await;
        assert_eq!(status, 400);
    }
);

on_both_databases!(
    deleting_an_account_frees_its_desks_and_keeps_only_anonymous_counts,
    |app: TestApp| async move {
        use sea_orm::{
            ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
        };
        use server::db::entities::{booking, booking_series, waitlist_entry};

        use crate::bookings::{booking as new_booking, next_monday, paris, site_id};
        let alice = app.token_for("alice@demo.relais").await;
        let alice_id = app.person_id("alice@demo.relais").await.0;
        let admin = app.token_for("admin@demo.relais").await;
        let monday = next_monday(&app);
        let desks: Vec<i64> = server::db::entities::resource::Entity::find()
            .filter(server::db::entities::resource::Column::SiteId.eq(site_id(&app, "48095").await))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        let morning = (paris(monday, 9, 0), paris(monday, 12, 0));
        // A booking to come, a weekly series, a place on a waiting list, a
        // calendar link, and a booking of last month with a host's reason.
        let (status, _) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                new_booking(desks[0], morning.0, morning.1),
            )
            .await;
        assert_eq!(status, 201);
        let mut series = new_booking(desks[1], paris(monday, 14, 0), paris(monday, 17, 0));
        series["weeks"] = json!(2);
        let (status, body) = app
            .post("/api/v1/bookings/series", Some(&alice), series)
            .await;
        assert_eq!(status, 201, "{body}");
        app.call(Method::GET, "/api/v1/me/calendar", Some(&alice), None)
            .await;
        waitlist_entry::ActiveModel {
            person_id: Set(alice_id),
            site_id: Set(site_id(&app, "48095").await),
            kind: Set("desk".to_owned()),
            start_at: Set(paris(monday, 14, 0) + chrono::Duration::days(1)),
            end_at: Set(paris(monday, 17, 0) + chrono::Duration::days(1)),
            status: Set("waiting".to_owned()),
            booking_id: Set(None),
            created_at: Set(app.clock.now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let last_month = monday - chrono::Duration::days(35);
        booking::ActiveModel {
            resource_id: Set(desks[2]),
            site_id: Set(site_id(&app, "48095").await),
            person_id: Set(Some(alice_id)),
            booked_by_id: Set(Some(alice_id)),
            resident_commune_insee: Set(Some("48061".to_owned())),
            resident_categories: Set("[\"student\"]".to_owned()),
            start_at: Set(paris(last_month, 9, 0)),
            end_at: Set(paris(last_month, 12, 0)),
            status: Set("cancelled".to_owned()),
            series_id: Set(None),
            sequence: Set(1),
            created_at: Set(paris(last_month, 8, 0)),
            updated_at: Set(paris(last_month, 8, 0)),
            cancelled_at: Set(Some(paris(last_month, 8, 0))),
            cancel_reason: Set(Some("Alice Martin est malade".to_owned())),
            beyond_quota: Set(false),
            reminded_at: Set(None),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();

        // The export holds all of it.
        let (status, export) = app
            .call(Method::GET, "/api/v1/me/export", Some(&alice), None)
            .await;
        assert_eq!(status, 200);
        assert_eq!(export["bookings"].as_array().unwrap().len(), 4, "{export}");
        assert_eq!(export["series"].as_array().unwrap().len(), 1);
        assert_eq!(export["waiting_lists"].as_array().unwrap().len(), 1);
        assert!(!export["quota_ledger"].as_array().unwrap().is_empty());
        assert_eq!(export["calendar_feeds"].as_array().unwrap().len(), 1);
        assert!(
            export["calendar_feeds"][0]["url"]
                .as_str()
                .unwrap()
                .contains("/api/v1/feeds/")
        );

        let bookings_before = booking::Entity::find().count(&app.db).await.unwrap();
        let (status, _) = app
            .call(Method::DELETE, "/api/v1/me", Some(&alice), None)
            .await;
        assert_eq!(status, 204);

        // The desk held on Monday morning is free again.
        let (status, body) = app
            .post(
                "/api/v1/bookings",
                Some(&admin),
                new_booking(desks[0], morning.0, morning.1),
            )
            .await;
        assert_eq!(status, 201, "the freed desk: {body}");
        // Nothing of hers is planned any more; every booking is still counted.
        assert_eq!(
            waitlist_entry::Entity::find()
                .filter(waitlist_entry::Column::PersonId.eq(alice_id))
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            booking_series::Entity::find()
                .filter(booking_series::Column::PersonId.eq(alice_id))
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            booking::Entity::find().count(&app.db).await.unwrap(),
            bookings_before + 1,
            "hers are kept (and the administrator's new one)"
        );
        let anonymous = booking::Entity::find()
            .filter(booking::Column::PersonId.is_null())
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(anonymous.len(), 4, "her four bookings, naming nobody");
        assert!(anonymous.iter().all(|b| b.cancel_reason.is_none()));
        assert!(
            anonymous.iter().all(|b| b.status == "cancelled"),
            "those to come are cancelled"
        );
        let past = anonymous
            .iter()
            .find(|b| b.resident_categories.contains("student"))
            .unwrap();
        assert_eq!(
            past.resident_commune_insee.as_deref(),
            Some("48061"),
            "still countable"
        );
    }
);

on_both_databases!(
    a_later_sign_in_with_a_pending_address_does_not_claim_the_assisted_person,
    |app: TestApp| async move {
        let host = app.token_for("host.mende@demo.relais").await;
        let (_, me) = app.call(Method::GET, "/api/v1/me", Some(&host), None).await;
        let site = me["roles"][0]["site_id"].as_i64().unwrap();
        let path = format!("/api/v1/sites/{site}/assisted-people");
        let (_, person) = app
            .post(
                &path,
                Some(&host),
                json!({"display_name": "Marie Au Guichet"}),
            )
            .await;
        let id = person["id"].as_i64().unwrap();
        let (status, _) = app
            .call(
                Method::PUT,
                &format!("{path}/{id}/email"),
                Some(&host),
                Some(json!({"email": "marie@example.org"})),
            )
            .await;
        assert_eq!(status, 202);
        // Marie signs in the ordinary way, not from the confirmation mail:
        // her own new account, not the record the host keeps.
        app.sign_in_mail("marie@example.org").await;
        let token = app.sign_in("marie@example.org").await;
        let (_, me) = app
            .call(Method::GET, "/api/v1/me", Some(&token), None)
            .await;
        assert_ne!(me["display_name"], "Marie Au Guichet", "{me}");
        assert_ne!(me["id"], json!(id));
    }
);
