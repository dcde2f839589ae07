//! Running the network: sites and resources created, edited and retired,
//! hours with a lunch break, grids and rules, each bad setting refused with
//! its code and nothing stored.

use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{booking, desk_of, next_monday, paris, site_id};
use crate::helpers::{TestApp, on_both_databases};

fn florac_annex() -> Value {
    json!({
        "name": "Annexe de Florac",
        "address": "3 rue du Pêcher",
        "postcode": "48400",
        "commune_insee": "48061",
        "latitude": 44.3245,
        "longitude": 3.5933,
        "opening_hours": [
            {"weekday": 1, "opens": "09:00", "closes": "12:00"},
            {"weekday": 1, "opens": "14:00", "closes": "18:00"},
            {"weekday": 2, "opens": "09:00", "closes": "18:00"}
        ],
        "amenities": ["wifi", "step_free"],
        "accessibility": "Plain-pied",
        "rules": {"slot_minutes": 60, "max_days_ahead": 30, "max_booking_minutes": 480, "cancel_deadline_minutes": 120}
    })
}

on_both_databases!(
    an_administrator_opens_a_site_and_people_can_book_it,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let (status, site) = app
            .post("/api/v1/sites", Some(&admin), florac_annex())
            .await;
        assert_eq!(status, 201, "{site}");
        assert_eq!(site["time_zone"], "Europe/Paris", "the default zone");
        assert_eq!(site["rules"]["slot_minutes"], 60);
        assert_eq!(site["opening_hours"].as_array().unwrap().len(), 3);
        let id = site["id"].as_i64().unwrap();
        let (status, desk) = app
            .post(
                &format!("/api/v1/sites/{id}/resources"),
                Some(&admin),
                json!({"name": "Poste fenêtre", "kind": "desk", "capacity": 1}),
            )
            .await;
        assert_eq!(status, 201, "{desk}");
        let (_, listed) = app.get_json(&format!("/api/v1/sites/{id}")).await;
        assert_eq!(listed["resources"][0]["name"], "Poste fenêtre");

        let monday = next_monday(&app);
        let (_, day) = app
            .get_json(&format!("/api/v1/availability?date={monday}"))
            .await;
        let annex = day["sites"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["site_id"] == id)
            .expect("the new site is offered");
        let free = &annex["resources"][0]["free"];
        assert_eq!(
            free.as_array().unwrap().len(),
            2,
            "morning and afternoon: {free}"
        );

        let alice = app.token_for("alice@demo.relais").await;
        let desk = desk["id"].as_i64().unwrap();
        let (status, body) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 9, 30), paris(monday, 11, 0)),
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("off_grid"))
        );
        let (status, body) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 12, 0), paris(monday, 14, 0)),
            )
            .await;
        assert_eq!(status, 400, "the lunch break is closed: {body}");
        let (status, body) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 9, 0), paris(monday, 12, 0)),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
);

on_both_databases!(
    bad_settings_are_refused_and_not_stored,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let (_, before) = app.get_json("/api/v1/sites").await;
        let spoilt: Vec<(&str, Value, &str)> = vec![
            ("name", json!("  "), "invalid_name"),
            ("name", json!("x".repeat(121)), "invalid_text"),
            ("name", json!("La Fabrique\u{1b}[31m"), "invalid_text"),
            (
                "address",
                json!("1 rue du Test".repeat(100_000)),
                "invalid_text",
            ),
            ("address", json!("1 rue\ndu Test"), "invalid_text"),
            ("accessibility", json!("a".repeat(1001)), "invalid_text"),
            ("commune_insee", json!("75056"), "unknown_commune"),
            ("postcode", json!("48 00"), "invalid_postcode"),
            ("latitude", json!(123.0), "invalid_coordinates"),
            ("time_zone", json!("Europe/Lozère"), "invalid_time_zone"),
            ("amenities", json!(["jacuzzi"]), "invalid_amenities"),
            (
                "opening_hours",
                json!([{"weekday": 1, "opens": "09:00", "closes": "13:00"}, {"weekday": 1, "opens": "12:00", "closes": "18:00"}]),
                "invalid_hours",
            ),
            (
                "opening_hours",
                json!([{"weekday": 1, "opens": "09:30", "closes": "12:00"}]),
                "invalid_hours",
            ),
            (
                "rules",
                json!({"slot_minutes": 25, "max_days_ahead": 30, "max_booking_minutes": 480, "cancel_deadline_minutes": 0}),
                "invalid_rules",
            ),
            (
                "rules",
                json!({"slot_minutes": 30, "max_days_ahead": 0, "max_booking_minutes": 480, "cancel_deadline_minutes": 0}),
                "invalid_rules",
            ),
            ("opening_hours", json!("lundi"), "invalid_json"),
            ("latitude", json!("north"), "invalid_json"),
        ];
        for (field, value, code) in spoilt {
            let mut site = florac_annex();
            site[field] = value.clone();
            let (status, body) = app.post("/api/v1/sites", Some(&admin), site).await;
            assert_eq!(status, 400, "{field} = {value}: {body}");
            assert_eq!(body["error"]["code"], code, "{field} = {value}");
        }
        let (_, after) = app.get_json("/api/v1/sites").await;
        assert_eq!(before, after, "nothing was stored");

        let mende = site_id(&app, "48095").await;
        let (status, body) = app
            .post(
                &format!("/api/v1/sites/{mende}/resources"),
                Some(&admin),
                json!({"name": "Salle", "kind": "meeting_room", "capacity": 0}),
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_capacity"))
        );
        let (status, _) = app
            .post(
                &format!("/api/v1/sites/{mende}/resources"),
                Some(&admin),
                json!({"name": "Salle", "kind": "ballroom", "capacity": 4}),
            )
            .await;
        assert_eq!(status, 400);
    }
);

on_both_databases!(
    a_host_changes_hours_and_grid_of_their_site_only,
    |app: TestApp| async move {
        let host = app.token_for("host.mende@demo.relais").await;
        let mende = site_id(&app, "48095").await;
        let (_, site) = app.get_json(&format!("/api/v1/sites/{mende}")).await;
        let mut settings = site.clone();
        settings["rules"]["slot_minutes"] = json!(60);
        settings["opening_hours"] = json!([
            {"weekday": 1, "opens": "09:00", "closes": "12:00"},
            {"weekday": 1, "opens": "14:00", "closes": "17:00"}
        ]);
        let (status, updated) = app
            .call(
                Method::PUT,
                &format!("/api/v1/sites/{mende}"),
                Some(&host),
                Some(settings.clone()),
            )
            .await;
        assert_eq!(status, 200, "{updated}");
        assert_eq!(updated["rules"]["slot_minutes"], 60);
        assert_eq!(updated["name"], site["name"]);

        let alice = app.token_for("alice@demo.relais").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        let (status, body) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 0)),
            )
            .await;
        assert_eq!(
            status, 400,
            "08:30 is now before opening and off the grid: {body}"
        );
        let tuesday = monday.succ_opt().unwrap();
        let (status, body) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(tuesday, 9, 0), paris(tuesday, 12, 0)),
            )
            .await;
        assert_eq!(
            body["error"]["code"], "outside_opening_hours",
            "closed on Tuesdays now ({status})"
        );

        let florac = site_id(&app, "48061").await;
        let (status, _) = app
            .call(
                Method::PUT,
                &format!("/api/v1/sites/{florac}"),
                Some(&host),
                Some(settings),
            )
            .await;
        assert_eq!(status, 403, "not their site");
    }
);

on_both_databases!(
    retiring_keeps_history_and_waits_for_bookings_to_come,
    |app: TestApp| async move {
        let host = app.token_for("host.mende@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let mende = site_id(&app, "48095").await;
        let desk = desk_of(&app, "48095").await;
        let monday = next_monday(&app);
        let (status, made) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201);
        let resource_path = format!("/api/v1/sites/{mende}/resources/{desk}");
        let (status, body) = app
            .call(Method::DELETE, &resource_path, Some(&host), None)
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("has_future_bookings"))
        );
        let admin = app.token_for("admin@demo.relais").await;
        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/sites/{mende}"),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(status, 409, "the site has a booking to come");

        // The booking is used, then the desk is retired: the booking stays in alice's history.
        app.clock.set(paris(monday, 13, 0));
        let host = app.token_for("host.mende@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let (status, _) = app
            .call(Method::DELETE, &resource_path, Some(&host), None)
            .await;
        assert_eq!(status, 204);
        let (_, site) = app.get_json(&format!("/api/v1/sites/{mende}")).await;
        assert!(
            site["resources"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["id"] != desk)
        );
        let (_, mine) = app
            .call(Method::GET, "/api/v1/me/bookings", Some(&alice), None)
            .await;
        assert!(
            mine.as_array()
                .unwrap()
                .iter()
                .any(|b| b["id"] == made["id"]),
            "{mine}"
        );
        let next = monday + chrono::Duration::days(7);
        let (status, body) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(next, 8, 30), paris(next, 12, 30)),
            )
            .await;
        assert!(status == 400 || status == 404, "{status} {body}");
        let (status, _) = app
            .call(Method::DELETE, &resource_path, Some(&host), None)
            .await;
        assert_eq!(status, 404, "already retired");
    }
);

on_both_databases!(
    only_network_administrators_move_a_site_to_another_commune,
    |app: TestApp| async move {
        let host = app.token_for("host.mende@demo.relais").await;
        let admin = app.token_for("admin@demo.relais").await;
        let mende = site_id(&app, "48095").await;
        let path = format!("/api/v1/sites/{mende}");
        let (_, site) = app.get_json(&path).await;
        let mut moved = site.clone();
        moved["commune_insee"] = json!("48061");
        moved["postcode"] = json!("48400");
        let (status, body) = app
            .call(Method::PUT, &path, Some(&host), Some(moved.clone()))
            .await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["error"]["code"], "commune_locked");
        let (_, unchanged) = app.get_json(&path).await;
        assert_eq!(unchanged["commune_insee"], "48095", "nothing moved");
        // The host still edits everything else.
        let mut renamed = site.clone();
        renamed["accessibility"] = json!("Rampe à l'entrée");
        let (status, body) = app
            .call(Method::PUT, &path, Some(&host), Some(renamed))
            .await;
        assert_eq!(status, 200, "{body}");
        // A network administrator moves it.
        let (status, body) = app
            .call(Method::PUT, &path, Some(&admin), Some(moved))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["commune_insee"], "48061");
    }
);

on_both_databases!(
    free_text_everywhere_has_a_limit_and_no_control_characters,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let host = app.token_for("host.mende@demo.relais").await;
        let alice = app.token_for("alice@demo.relais").await;
        let mende = site_id(&app, "48095").await;
        let desk = desk_of(&app, "48095").await;
        let long = |n: usize| "é".repeat(n);
        let refused = |status: reqwest::StatusCode, body: &Value, field: &str| {
            assert_eq!(status, 400, "{field}: {body}");
            assert_eq!(body["error"]["code"], "invalid_text", "{field}: {body}");
            let message = body["error"]["message"].as_str().unwrap();
            assert!(
                message.starts_with(field),
                "names the field {field}: {message}"
            );
        };
        let resources = format!("/api/v1/sites/{mende}/resources");
        for name in [long(81), "Poste\u{7}".to_owned()] {
            let (status, body) = app
                .post(
                    &resources,
                    Some(&host),
                    json!({"name": name, "kind": "desk", "capacity": 1}),
                )
                .await;
            refused(status, &body, "name");
        }
        let closures = format!("/api/v1/sites/{mende}/closures");
        let (status, body) = app
            .post(
                &closures,
                Some(&host),
                json!({"first_day": "2030-01-01", "last_day": "2030-01-01", "reason": long(201)}),
            )
            .await;
        refused(status, &body, "reason");
        let (status, body) = app
            .post(
                "/api/v1/admin/api-keys",
                Some(&admin),
                json!({"name": long(101), "scope": "stats_read"}),
            )
            .await;
        refused(status, &body, "name");
        let (status, body) = app
            .post(
                &format!("/api/v1/sites/{mende}/assisted-people"),
                Some(&host),
                json!({"display_name": "Jean\u{0}"}),
            )
            .await;
        refused(status, &body, "display_name");

        // A cancellation reason: 500 characters, line breaks welcome; the
        // booking stays confirmed when the reason is refused.
        let monday = next_monday(&app);
        let (_, booked) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 9, 0), paris(monday, 12, 0)),
            )
            .await;
        let path = format!("/api/v1/bookings/{}", booked["id"]);
        let (status, body) = app
            .call(
                Method::DELETE,
                &path,
                Some(&host),
                Some(json!({"reason": long(501)})),
            )
            .await;
        refused(status, &body, "reason");
        let (status, body) = app
            .call(
                Method::DELETE,
                &path,
                Some(&host),
                Some(json!({"reason": "Dégât des eaux.\nDésolés !"})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["cancel_reason"], "Dégât des eaux.\nDésolés !");
    }
);

on_both_databases!(
    a_resource_retired_while_people_book_it_keeps_no_booking_to_come,
    |app: TestApp| async move {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        use server::db::entities::booking;
        let admin = app.token_for("admin@demo.relais").await;
        let bookers = [
            app.token_for("alice@demo.relais").await,
            app.token_for("host.mende@demo.relais").await,
            app.token_for("mairie.mende@demo.relais").await,
        ];
        let mende = site_id(&app, "48095").await;
        let monday = next_monday(&app);
        for round in 0..4 {
            let (_, desk) = app
                .post(
                    &format!("/api/v1/sites/{mende}/resources"),
                    Some(&admin),
                    json!({"name": format!("Poste {round}"), "kind": "desk", "capacity": 1}),
                )
                .await;
            let desk = desk["id"].as_i64().unwrap();
            let path = format!("/api/v1/sites/{mende}/resources/{desk}");
            let books = bookers.iter().enumerate().map(|(n, token)| {
                let hour = 9 + 2 * u32::try_from(n).unwrap();
                app.post(
                    "/api/v1/bookings",
                    Some(token),
                    booking(desk, paris(monday, hour, 0), paris(monday, hour + 1, 0)),
                )
            });
            let retire = app.call(Method::DELETE, &path, Some(&admin), None);
            let (retired, _) = tokio::join!(retire, futures::future::join_all(books));
            let to_come = booking::Entity::find()
                .filter(booking::Column::ResourceId.eq(desk))
                .filter(booking::Column::Status.eq("confirmed"))
                .count(&app.db)
                .await
                .unwrap();
            match retired.0.as_u16() {
                204 => assert_eq!(to_come, 0, "round {round}: retired with bookings to come"),
                409 => assert!(to_come > 0, "round {round}: refused with nothing to come"),
                other => panic!("round {round}: retiring answered {other}"),
            }
        }
    }
);

on_both_databases!(
    a_site_gives_its_phone_number_and_a_bad_one_is_refused,
    |app: TestApp| async move {
        let mende = site_id(&app, "48095").await;
        let path = format!("/api/v1/sites/{mende}");
        // Read by anyone, signed in or not: people call it to book.
        let (_, site) = app.get_json(&path).await;
        assert_eq!(site["phone"], "04 65 71 10 01", "the demo's number");

        let host = app.token_for("host.mende@demo.relais").await;
        let mut settings = site.clone();
        settings["phone"] = json!("  +33 (0)4 65 71 10 99 ");
        let (status, updated) = app
            .call(Method::PUT, &path, Some(&host), Some(settings.clone()))
            .await;
        assert_eq!(status, 200, "{updated}");
        let (_, site) = app.get_json(&path).await;
        assert_eq!(site["phone"], "+33 (0)4 65 71 10 99", "stored trimmed");

        for bad in [
            json!("appelez l'accueil"),
            json!("0".repeat(31)),
            json!("04 65\n71 10 01"),
            json!("112"),
        ] {
            settings["phone"] = bad.clone();
            let (status, body) = app
                .call(Method::PUT, &path, Some(&host), Some(settings.clone()))
                .await;
            assert_eq!(status, 400, "{bad}: {body}");
            assert_eq!(body["error"]["code"], "invalid_phone", "{bad}");
        }
        let (_, site) = app.get_json(&path).await;
        assert_eq!(site["phone"], "+33 (0)4 65 71 10 99", "nothing stored");

        // A site may give no number; a client that sends none gives none.
        settings["phone"] = json!("");
        let (status, _) = app
            .call(Method::PUT, &path, Some(&host), Some(settings))
            .await;
        assert_eq!(status, 200);
        let (_, site) = app.get_json(&path).await;
        assert_eq!(site["phone"], "");
        let admin = app.token_for("admin@demo.relais").await;
        let (status, annex) = app
            .post("/api/v1/sites", Some(&admin), florac_annex())
            .await;
        assert_eq!((status.as_u16(), &annex["phone"]), (201, &json!("")));
        let mut annex = florac_annex();
        annex["phone"] = json!("04.65.71.10.98");
        annex["name"] = json!("Seconde annexe de Florac");
        let (status, created) = app.post("/api/v1/sites", Some(&admin), annex).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["phone"], "04.65.71.10.98");
    }
);
