//! Door access: passes checked by an independent JWT library against the
//! JWKS, the door's verdicts, PINs, offline uploads, check-in and check-out,
//! no-shows released once across two processes, and the live view's stream.

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use futures::StreamExt;
use reqwest::Method;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use server::db::entities::{access_event, booking, site};

use crate::bookings::{booking, paris, site_id};
use crate::helpers::{SecondProcess, TestApp, on_both_databases, unfold_quoted_printable};
use crate::quotas::{desks, first_monday_of_next_month};

/// A door's API key for the site of commune `insee`.
async fn door_key(app: &TestApp, insee: &str) -> String {
    let admin = app.token_for("admin@demo.relais").await;
    let site = site_id(app, insee).await;
    let (status, key) = app
        .post(
            "/api/v1/admin/api-keys",
            Some(&admin),
            json!({"name": format!("Porte {insee}"), "scope": "site", "site_id": site}),
        )
        .await;
    assert_eq!(status, 201, "{key}");
    key["key"].as_str().unwrap().to_owned()
}

async fn verify(app: &TestApp, key: &str, body: Value) -> Value {
    let (status, verdict) = app.post("/api/v1/access/verify", Some(key), body).await;
    assert_eq!(status, 200, "{verdict}");
    verdict
}

async fn pass_of(app: &TestApp, token: &str, id: &Value) -> Value {
    let (status, pass) = app
        .call(
            Method::GET,
            &format!("/api/v1/bookings/{id}/pass"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(status, 200, "{pass}");
    pass
}

/// The token's claims as PyJWT reads them with the JWKS (exit status ≠ 0 if
/// the signature, audience or issuer is wrong); `None` when Python with
/// PyJWT is not available outside CI.
fn claims_by_pyjwt(jwks: &Value, token: &str, issuer: &str) -> Option<Result<Value, String>> {
    let python = match std::env::var("JWT_PYTHON") {
        Ok(python) => python,
        Err(_) => {
            assert!(
                std::env::var("CI").is_err(),
                "CI=true but JWT_PYTHON is not set: passes must be checked by PyJWT"
            );
            eprintln!("JWT_PYTHON not set: passes not checked by PyJWT (cargo xtask test sets it)");
            return None;
        }
    };
    let script = r#"
import json, sys, jwt
jwks, token, issuer = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
kid = jwt.get_unverified_header(token)["kid"]
key = next(k for k in jwks["keys"] if k["kid"] == kid)
claims = jwt.decode(token, jwt.PyJWK(key).key, algorithms=["EdDSA"], audience="relais-door",
                    issuer=issuer, options={"verify_exp": False, "verify_nbf": False})
print(json.dumps(claims))
"#;
    let output = std::process::Command::new(python)
        .args(["-c", script, &jwks.to_string(), token, issuer])
        .output()
        .expect("python runs");
    Some(if output.status.success() {
        Ok(serde_json::from_slice(&output.stdout).expect("claims as JSON"))
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    })
}

/// A mail's attachment by its file name, decoded from base64.
fn attachment_named(mail: &str, name: &str) -> String {
    use base64::Engine as _;
    let from_name = &mail[mail.find(&format!("filename=\"{name}\"")).expect(name)..];
    let body = &from_name[from_name.find("\r\n\r\n").map_or_else(
        || from_name.find("\n\n").expect("headers end") + 2,
        |at| at + 4,
    )..];
    let encoded: String = body
        .lines()
        .take_while(|line| !line.starts_with("--"))
        .collect::<Vec<_>>()
        .concat();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .expect("base64");
    String::from_utf8(bytes).expect("text")
}

on_both_databases!(
    a_pass_verifies_with_the_jwks_and_opens_only_its_door_in_its_window,
    |app: TestApp| async move {
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[0];
        let alice = app.token_for("alice@demo.relais").await;
        let (status, morning) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201, "{morning}");
        let pass = pass_of(&app, &alice, &morning["id"]).await;
        assert_eq!(pass["pin"].as_str().unwrap().len(), 6);
        assert!(pass["qr_svg"].as_str().unwrap().contains("<svg"));
        assert_eq!(pass["valid_from"], paris(monday, 8, 15).to_rfc3339());
        assert_eq!(pass["valid_until"], paris(monday, 12, 30).to_rfc3339());

        // The confirmation mail carries the same PIN, the pass's page and its QR code.
        let pin = pass["pin"].as_str().unwrap().to_owned();
        let link = format!("/acces/{}", morning["id"]);
        let raw =
            crate::helpers::wait_for_mail(&app.mail_dir(), "confirming with a pass", |text| {
                let text = unfold_quoted_printable(text);
                text.contains(&link) && text.contains("alice@demo.relais")
            })
            .await;
        let mail = unfold_quoted_printable(&raw);
        assert!(
            mail.contains(&format!("{} {}", &pin[..3], &pin[3..])),
            "{mail}"
        );
        // The QR code is drawn when the mail is sent: one path, a few KB.
        let qr = attachment_named(&raw, "pass-qr.svg");
        assert!(
            qr.starts_with("<svg") && qr.contains("<path") && qr.len() < 15_000,
            "{} bytes: {qr}",
            qr.len()
        );

        // The JWKS, as the fixed point says, and an independent check of the token.
        let (status, jwks) = app.get_json("/.well-known/jwks.json").await;
        assert_eq!(status, 200);
        let key = &jwks["keys"][0];
        assert_eq!(
            (&key["kty"], &key["crv"], &key["alg"], &key["use"]),
            (
                &json!("OKP"),
                &json!("Ed25519"),
                &json!("EdDSA"),
                &json!("sig")
            )
        );
        let token = pass["token"].as_str().unwrap();
        if let Some(claims) = claims_by_pyjwt(&jwks, token, &app.address) {
            let claims = claims.expect("PyJWT accepts the pass");
            assert_eq!(claims["sub"], morning["id"].to_string());
            assert_eq!(claims["aud"], "relais-door");
            assert_eq!(claims["site"], site_id(&app, "48095").await);
            assert_eq!(claims["resource"], desk);
            assert_eq!(claims["nbf"], paris(monday, 8, 15).timestamp());
            assert_eq!(claims["exp"], paris(monday, 12, 30).timestamp());
            // One changed letter of the payload, and the signature no longer holds.
            let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
            let flipped = if parts[1].ends_with('A') { 'B' } else { 'A' };
            parts[1].pop();
            parts[1].push(flipped);
            assert!(
                claims_by_pyjwt(&jwks, &parts.join("."), &app.address)
                    .unwrap()
                    .is_err()
            );
        }

        let door = door_key(&app, "48095").await;
        let by_token = json!({"token": token});
        app.clock.set(paris(monday, 8, 0));
        let verdict = verify(&app, &door, by_token.clone()).await;
        assert_eq!(
            (verdict["allowed"].clone(), verdict["reason"].clone()),
            (json!(false), json!("not_yet"))
        );
        // Another site's door.
        let florac = door_key(&app, "48061").await;
        app.clock.set(paris(monday, 8, 20));
        let verdict = verify(&app, &florac, by_token.clone()).await;
        assert_eq!(verdict["reason"], "other_site");
        let verdict = verify(&app, &door, by_token.clone()).await;
        assert_eq!(verdict["allowed"], true, "{verdict}");
        assert_eq!(verdict["booking_id"], morning["id"]);
        let row = booking::Entity::find_by_id(morning["id"].as_i64().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.status, "checked_in", "an accepted entry checks in");
        // The PIN works on the keypad, with the spaces a person types.
        let pin = pass["pin"].as_str().unwrap();
        let spaced = format!("{} {}", &pin[..3], &pin[3..]);
        assert_eq!(
            verify(&app, &door, json!({"pin": spaced})).await["allowed"],
            true
        );
        let other = if pin == "000000" { "000001" } else { "000000" };
        assert_eq!(
            verify(&app, &door, json!({"pin": other})).await["reason"],
            "unknown"
        );
        app.clock.set(paris(monday, 12, 30));
        assert_eq!(
            verify(&app, &door, by_token.clone()).await["reason"],
            "expired"
        );
        // Neither or both: a clear 400, not a verdict.
        let (status, body) = app
            .post("/api/v1/access/verify", Some(&door), json!({}))
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("bad_request"))
        );
        // A person cannot ask a door's question.
        let alice = app.token_for("alice@demo.relais").await;
        let (status, _) = app
            .post("/api/v1/access/verify", Some(&alice), by_token.clone())
            .await;
        assert_eq!(status, 403);
        // A made-up token is unknown.
        let verdict = verify(&app, &door, json!({"token": "e30.e30.e30"})).await;
        assert_eq!(verdict["reason"], "unknown");

        // A cancelled booking's pass stops opening the door.
        app.clock.set(paris(monday, 13, 0));
        let alice = app.token_for("alice@demo.relais").await;
        let (_, afternoon) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 13, 30), paris(monday, 17, 30)),
            )
            .await;
        let later = pass_of(&app, &alice, &afternoon["id"]).await;
        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/bookings/{}", afternoon["id"]),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 200);
        app.clock.set(paris(monday, 13, 40));
        assert_eq!(
            verify(&app, &door, json!({"token": later["token"]})).await["reason"],
            "cancelled"
        );
        assert_eq!(
            verify(&app, &door, json!({"pin": later["pin"]})).await["reason"],
            "cancelled"
        );
        let (status, body) = app
            .call(
                Method::GET,
                &format!("/api/v1/bookings/{}/pass", afternoon["id"]),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("booking_not_active"))
        );

        // Everything the doors said is in the site's log, for its hosts only.
        let mende = site_id(&app, "48095").await;
        let host = app.token_for("host.mende@demo.relais").await;
        let (status, log) = app
            .call(
                Method::GET,
                &format!("/api/v1/sites/{mende}/access-log"),
                Some(&host),
                None,
            )
            .await;
        assert_eq!(status, 200);
        let reasons: Vec<&str> = log
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|l| l["reason"].as_str())
            .collect();
        for reason in ["not_yet", "expired", "cancelled", "unknown"] {
            assert!(reasons.contains(&reason), "{reason} in {log}");
        }
        assert!(
            log.as_array()
                .unwrap()
                .iter()
                .any(|l| l["action"] == "check_in" && l["person_name"].is_string())
        );
        let alice = app.token_for("alice@demo.relais").await;
        let (status, _) = app
            .call(
                Method::GET,
                &format!("/api/v1/sites/{mende}/access-log"),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 403);
    }
);

on_both_databases!(
    rotated_keys_keep_old_passes_valid_and_sign_new_ones,
    |app: TestApp| async move {
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[1];
        let alice = app.token_for("alice@demo.relais").await;
        let (_, b) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        let old = pass_of(&app, &alice, &b["id"]).await;
        let admin = app.token_for("admin@demo.relais").await;
        let (status, _) = app
            .post("/api/v1/access/keys/rotate", Some(&alice), json!({}))
            .await;
        assert_eq!(status, 403);
        let (status, new_key) = app
            .post("/api/v1/access/keys/rotate", Some(&admin), json!({}))
            .await;
        assert_eq!(status, 200, "{new_key}");
        let (_, jwks) = app.get_json("/.well-known/jwks.json").await;
        assert_eq!(
            jwks["keys"].as_array().unwrap().len(),
            2,
            "the old key stays published"
        );
        let new = pass_of(&app, &alice, &b["id"]).await;
        assert_ne!(old["token"], new["token"]);
        let kid = |token: &Value| -> String {
            let header = token
                .as_str()
                .unwrap()
                .split('.')
                .next()
                .unwrap()
                .to_owned();
            use base64::Engine;
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(header)
                .unwrap();
            serde_json::from_slice::<Value>(&bytes).unwrap()["kid"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(kid(&new["token"]), new_key["kid"].as_str().unwrap());
        let door = door_key(&app, "48095").await;
        app.clock.set(paris(monday, 9, 0));
        assert_eq!(
            verify(&app, &door, json!({"token": old["token"]})).await["allowed"],
            true
        );
        assert_eq!(
            verify(&app, &door, json!({"token": new["token"]})).await["allowed"],
            true
        );
        // Once every booking it could have signed for is over, the old key goes.
        app.clock.set(paris(monday, 13, 0));
        let (_, jwks) = app.get_json("/.well-known/jwks.json").await;
        assert_eq!(jwks["keys"].as_array().unwrap().len(), 1);
    }
);

on_both_databases!(
    pins_never_collide_within_a_site_and_day,
    |app: TestApp| async move {
        let monday = first_monday_of_next_month(&app);
        let mende = desks(&app, "48095").await;
        let mut ids = Vec::new();
        for (i, email) in [
            "alice@demo.relais",
            "admin@demo.relais",
            "host.mende@demo.relais",
            "mairie.mende@demo.relais",
        ]
        .iter()
        .enumerate()
        {
            let token = app.token_for(email).await;
            for (from, to) in [((8, 30), (12, 30)), ((13, 30), (17, 30))] {
                let (status, b) = app
                    .post(
                        "/api/v1/bookings",
                        Some(&token),
                        booking(
                            mende[i],
                            paris(monday, from.0, from.1),
                            paris(monday, to.0, to.1),
                        ),
                    )
                    .await;
                assert_eq!(status, 201, "{b}");
                ids.push(b["id"].as_i64().unwrap());
            }
        }
        // The door's list gives every booking of the day its PIN.
        let door = door_key(&app, "48095").await;
        app.clock.set(paris(monday, 7, 0));
        let (status, list) = app
            .call(Method::GET, "/api/v1/access/door-list", Some(&door), None)
            .await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list["day"], monday.to_string());
        assert!(list["refresh_seconds"].as_u64().unwrap() <= 300);
        let pins: std::collections::BTreeSet<&str> = list["passes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["pin"].as_str().unwrap())
            .collect();
        assert_eq!(pins.len(), ids.len(), "{list}");
        // The database itself refuses a second booking with the same PIN that day.
        let rows = booking::Entity::find()
            .filter(booking::Column::Id.is_in(ids.clone()))
            .all(&app.db)
            .await
            .unwrap();
        let taken = rows[0].pin.clone().unwrap();
        let day = rows[0].pin_day.clone().unwrap();
        let written = booking::Entity::update_many()
            .col_expr(booking::Column::Pin, Expr::value(taken))
            .filter(booking::Column::Id.eq(rows[1].id))
            .exec(&app.db)
            .await;
        let Err(error) = written else {
            panic!("two bookings of {day} with one PIN");
        };
        // …and the booking's write tells that refusal apart, to draw again.
        assert!(server::db::bookings::is_pin_taken(&error), "{error}");
        assert!(!server::db::bookings::is_overlap(&error), "{error}");
    }
);

on_both_databases!(
    a_booking_has_its_pin_from_the_start_and_its_mail_waits_with_the_token_only,
    |app: TestApp| async move {
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[0];
        let alice = app.token_for("alice@demo.relais").await;
        let (status, made) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        assert_eq!(status, 201, "{made}");
        let row = booking::Entity::find_by_id(made["id"].as_i64().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        // Given in the booking's own insert: no later write to give it.
        let pin = row.pin.clone().expect("a PIN from the start");
        assert_eq!(row.pin_day.as_deref(), Some(monday.to_string().as_str()));
        assert_eq!(
            pass_of(&app, &alice, &made["id"]).await["pin"],
            pin.as_str()
        );
        // The queued confirmation keeps the pass's token, a few hundred
        // bytes; its QR code is drawn when the mail is sent.
        let queued = server::db::entities::outbox_mail::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|m| {
                m.body_text
                    .contains(&format!("{} {}", &pin[..3], &pin[3..]))
            })
            .expect("the confirmation in the outbox");
        let files: Vec<Value> = serde_json::from_str(&queued.attachments).unwrap();
        let qr = files
            .iter()
            .find(|f| f["file_name"] == "pass-qr.svg")
            .expect("the pass's QR code");
        assert_eq!(qr["drawn_as"], "qr_code");
        let token = qr["content"].as_str().unwrap();
        assert!(token.len() < 1_000 && !token.contains("<svg"), "{token}");
        assert_eq!(token, pass_of(&app, &alice, &made["id"]).await["token"]);
    }
);

on_both_databases!(
    offline_entries_uploaded_twice_count_once,
    |app: TestApp| async move {
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[2];
        let alice = app.token_for("alice@demo.relais").await;
        let (_, b) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        let door = door_key(&app, "48095").await;
        let seen = paris(monday, 8, 40);
        let entries = json!({"entries": [
            {"entry_id": "porte-1-0001", "at": seen.to_rfc3339(), "booking_id": b["id"], "allowed": true, "reason": null},
            {"entry_id": "porte-1-0002", "at": (seen + Duration::minutes(3)).to_rfc3339(), "booking_id": null, "allowed": false, "reason": "unknown"},
            {"entry_id": "porte-1-0003", "at": (seen + Duration::minutes(5)).to_rfc3339(), "booking_id": b["id"], "allowed": true, "reason": null},
        ]});
        // Back online hours later.
        app.clock.set(paris(monday, 15, 0));
        let (status, first) = app
            .post("/api/v1/access/entries", Some(&door), entries.clone())
            .await;
        assert_eq!(status, 200, "{first}");
        assert_eq!(
            first,
            json!({"recorded": 3, "duplicates": 0, "rejected": 0})
        );
        let (_, again) = app
            .post("/api/v1/access/entries", Some(&door), entries)
            .await;
        assert_eq!(
            again,
            json!({"recorded": 0, "duplicates": 3, "rejected": 0})
        );
        let mende = site_id(&app, "48095").await;
        let lines = access_event::Entity::find()
            .filter(access_event::Column::SiteId.eq(mende))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(lines.len(), 3);
        let row = booking::Entity::find_by_id(b["id"].as_i64().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.checked_in_at,
            Some(seen),
            "checked in when the door saw them"
        );
        // Three months later, the log has forgotten them.
        server::app::access::releases::tidy(&app.db, paris(monday, 15, 0) + Duration::days(93))
            .await
            .unwrap();
        let left = access_event::Entity::find()
            .filter(access_event::Column::SiteId.eq(mende))
            .all(&app.db)
            .await
            .unwrap();
        assert!(left.is_empty(), "kept past the access log's 92 days");
        // An entry that cannot be right (a door whose clock was wrong) is
        // counted and left out; the others of its upload are recorded.
        let (status, body) = app
            .post("/api/v1/access/entries", Some(&door), json!({"entries": [
                {"entry_id": "", "at": seen.to_rfc3339(), "booking_id": null, "allowed": false, "reason": null},
                {"entry_id": "x", "at": "hier", "booking_id": null, "allowed": false, "reason": null},
                {"entry_id": "porte-1-0004", "at": (seen + Duration::minutes(9)).to_rfc3339(), "booking_id": null, "allowed": false, "reason": "unknown"},
            ]}))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body, json!({"recorded": 1, "duplicates": 0, "rejected": 2}));
    }
);

on_both_databases!(
    people_and_hosts_check_in_and_out_and_the_poster_checks_in,
    |app: TestApp| async move {
        let monday = first_monday_of_next_month(&app);
        let desk = desks(&app, "48095").await[3];
        let mende = site_id(&app, "48095").await;
        let alice = app.token_for("alice@demo.relais").await;
        let (_, b) = app
            .post(
                "/api/v1/bookings",
                Some(&alice),
                booking(desk, paris(monday, 8, 30), paris(monday, 12, 30)),
            )
            .await;
        let check_in = format!("/api/v1/bookings/{}/check-in", b["id"]);
        let check_out = format!("/api/v1/bookings/{}/check-out", b["id"]);
        app.clock.set(paris(monday, 8, 0));
        let alice = app.token_for("alice@demo.relais").await;
        let (status, body) = app.call(Method::POST, &check_in, Some(&alice), None).await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("too_early"))
        );
        let (status, body) = app.call(Method::POST, &check_out, Some(&alice), None).await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("not_checked_in"))
        );
        // Someone else's booking does not exist for them.
        let mairie = app.token_for("mairie.mende@demo.relais").await;
        assert_eq!(
            app.call(Method::POST, &check_in, Some(&mairie), None)
                .await
                .0,
            404
        );

        // The poster: today's code checks in; another day's does not.
        let host = app.token_for("host.mende@demo.relais").await;
        let (status, poster) = app
            .call(
                Method::GET,
                &format!("/api/v1/sites/{mende}/poster"),
                Some(&host),
                None,
            )
            .await;
        assert_eq!(status, 200, "{poster}");
        assert!(
            poster["url"]
                .as_str()
                .unwrap()
                .contains(&format!("/pointage?site={mende}&code="))
        );
        assert!(poster["qr_svg"].as_str().unwrap().contains("<svg"));
        let scan = format!("/api/v1/sites/{mende}/check-in");
        app.clock.set(paris(monday, 8, 20));
        let (status, body) = app
            .post(&scan, Some(&alice), json!({"code": "pas-le-bon"}))
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_code"))
        );
        let (status, body) = app
            .post(&scan, Some(&mairie), json!({"code": poster["code"]}))
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (409, Some("no_booking_now"))
        );
        let (status, body) = app
            .post(&scan, Some(&alice), json!({"code": poster["code"]}))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "checked_in");
        let (status, body) = app.call(Method::POST, &check_in, Some(&alice), None).await;
        assert_eq!(
            (status.as_u16(), body["status"].as_str()),
            (200, Some("checked_in")),
            "twice is fine"
        );
        let (status, body) = app.call(Method::POST, &check_out, Some(&alice), None).await;
        assert_eq!(
            (status.as_u16(), body["status"].as_str()),
            (200, Some("completed"))
        );
        // Yesterday's poster (as printed on the previous day) is refused today.
        app.clock.set(paris(monday, 8, 20) - Duration::days(1));
        let host = app.token_for("host.mende@demo.relais").await;
        let (_, yesterday) = app
            .call(
                Method::GET,
                &format!("/api/v1/sites/{mende}/poster"),
                Some(&host),
                None,
            )
            .await;
        assert_ne!(yesterday["code"], poster["code"]);

        // A host checks a walk-in in and the end of the booking checks them out.
        app.clock.set(paris(monday, 13, 50));
        let host = app.token_for("host.mende@demo.relais").await;
        let (status, walk_in) = app
            .post(
                "/api/v1/bookings",
                Some(&host),
                booking(desk, paris(monday, 14, 0), paris(monday, 15, 0)),
            )
            .await;
        assert_eq!(status, 201, "{walk_in}");
        let (status, body) = app
            .call(
                Method::POST,
                &format!("/api/v1/bookings/{}/check-in", walk_in["id"]),
                Some(&host),
                None,
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["status"].as_str()),
            (200, Some("checked_in"))
        );
        app.clock.set(paris(monday, 15, 1));
        server::app::access::releases::tidy(&app.db, app.clock.now())
            .await
            .unwrap();
        let row = booking::Entity::find_by_id(walk_in["id"].as_i64().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (row.status.as_str(), row.checked_out_at),
            ("completed", Some(paris(monday, 15, 0)))
        );
    }
);

/// Books `resource` for `token` on `day` from 9:00 to 12:00 (Paris).
async fn morning(app: &TestApp, token: &str, resource: i64, day: NaiveDate) -> Value {
    let (status, b) = app
        .post(
            "/api/v1/bookings",
            Some(token),
            booking(resource, paris(day, 9, 0), paris(day, 12, 0)),
        )
        .await;
    assert_eq!(status, 201, "{b}");
    b
}

async fn release_after(app: &TestApp, insee: &str, minutes: i32) {
    site::Entity::update_many()
        .col_expr(site::Column::ReleaseAfterMinutes, Expr::value(minutes))
        .filter(site::Column::CommuneInsee.eq(insee))
        .exec(&app.db)
        .await
        .unwrap();
}

on_both_databases!(
    no_shows_are_released_once_by_two_processes_and_the_waitlist_gets_the_place,
    |app: TestApp| async move {
        // Le Collet-de-Dèze has two desks; both are taken, and someone waits.
        let collet = site_id(&app, "48051").await;
        let both = desks(&app, "48051").await;
        let monday = first_monday_of_next_month(&app);
        let admin = app.token_for("admin@demo.relais").await;
        let (_, policies) = app
            .call(Method::GET, "/api/v1/quota-policies", Some(&admin), None)
            .await;
        let mut policy = policies[0].clone();
        policy["no_show_cost"] = json!(1);
        let (status, _) = app
            .call(
                Method::PUT,
                &format!("/api/v1/quota-policies/{}", policy["id"]),
                Some(&admin),
                Some(policy.clone()),
            )
            .await;
        assert_eq!(status, 200);
        let alice = app.token_for("alice@demo.relais").await;
        let hers = morning(&app, &alice, both[0], monday).await;
        let theirs = morning(&app, &admin, both[1], monday).await;
        let mairie = app.token_for("mairie.mende@demo.relais").await;
        let wait = json!({"site_id": collet, "kind": "desk",
            "start": paris(monday, 10, 0).to_rfc3339(), "end": paris(monday, 12, 0).to_rfc3339()});
        let (status, entry) = app.post("/api/v1/waitlist", Some(&mairie), wait).await;
        assert_eq!(status, 201, "{entry}");
        let used = |quotas: Value| -> f64 {
            quotas
                .as_array()
                .unwrap()
                .iter()
                .find(|q| q["policy"]["name"] == "Accès libre")
                .unwrap()["used"]
                .as_f64()
                .unwrap()
        };
        let before = used(app.my_quotas(&alice, monday).await);
        let her_pass = pass_of(&app, &alice, &hers["id"]).await;
        let door = door_key(&app, "48051").await;
        release_after(&app, "48051", 30).await;

        let url = app.state.letterhead.clone();
        let second = server::db::connect(&app.database_url).await.unwrap();
        let gate = server::db::WriteGate::for_connection(&second);
        let release = |at: DateTime<Utc>| {
            let (one, two) = (app.db.clone(), second.clone());
            let (url, gate_one, gate_two) = (url.clone(), app.state.write_gate.clone(), &gate);
            async move {
                let (a, b) = tokio::join!(
                    server::app::access::releases::release_due(&one, &gate_one, &url, at),
                    server::app::access::releases::release_due(&two, gate_two, &url, at),
                );
                a.unwrap() + b.unwrap()
            }
        };
        assert_eq!(release(paris(monday, 9, 29)).await, 0, "not due yet");
        // Two processes at once, after a pause (as after a restart): each booking once.
        app.clock.set(paris(monday, 9, 45));
        assert_eq!(release(paris(monday, 9, 45)).await, 2);
        assert_eq!(release(paris(monday, 9, 46)).await, 0);
        for b in [&hers, &theirs] {
            let row = booking::Entity::find_by_id(b["id"].as_i64().unwrap())
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(row.status, "no_show");
            let released = access_event::Entity::find()
                .filter(access_event::Column::BookingId.eq(row.id))
                .filter(access_event::Column::Action.eq("released"))
                .all(&app.db)
                .await
                .unwrap();
            assert_eq!(released.len(), 1);
        }
        // Her pass no longer opens the door, by token or by PIN.
        assert_eq!(
            verify(&app, &door, json!({"token": her_pass["token"]})).await["reason"],
            "released"
        );
        assert_eq!(
            verify(&app, &door, json!({"pin": her_pass["pin"]})).await["reason"],
            "released"
        );
        // The person waiting has the place; the no-show costs what the policy says.
        let mairie = app.token_for("mairie.mende@demo.relais").await;
        let (_, waiting) = app
            .call(Method::GET, "/api/v1/me/waitlist", Some(&mairie), None)
            .await;
        assert_eq!(waiting[0]["status"], "served", "{waiting}");
        let alice = app.token_for("alice@demo.relais").await;
        assert_eq!(used(app.my_quotas(&alice, monday).await), before + 1.0);
        let text = crate::helpers::wait_for_mail(&app.mail_dir(), "of a release", |text| {
            unfold_quoted_printable(text).contains("rendue aux autres")
                && text.contains("alice@demo.relais")
        })
        .await;
        assert!(
            text.contains("METHOD:CANCEL") || unfold_quoted_printable(&text).contains("CANCEL")
        );
    }
);

on_both_databases!(
    a_restarted_relais_releases_what_fell_due_while_it_was_down,
    |app: TestApp| async move {
        let both = desks(&app, "48051").await;
        let monday = first_monday_of_next_month(&app);
        let alice = app.token_for("alice@demo.relais").await;
        let b = morning(&app, &alice, both[0], monday).await;
        release_after(&app, "48051", 30).await;
        // Relais was down from 9:00; it starts again at 11:00 and, within
        // its first minute, releases the booking due at 9:30.
        app.clock.set(paris(monday, 11, 0));
        let _restarted = SecondProcess::start(&app).await;
        let id = b["id"].as_i64().unwrap();
        let deadline = Instant::now() + StdDuration::from_secs(20);
        loop {
            let row = booking::Entity::find_by_id(id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            if row.status == "no_show" {
                break;
            }
            assert!(Instant::now() < deadline, "not released after a restart");
            tokio::time::sleep(StdDuration::from_millis(100)).await;
        }
    }
);

/// The next `board` event of a live stream, as JSON.
async fn next_board<B: AsRef<[u8]>>(
    events: &mut (impl futures::Stream<Item = reqwest::Result<B>> + Unpin),
    buffer: &mut String,
) -> Value {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) {
                return serde_json::from_str(data.trim()).expect("a board as JSON");
            }
            continue;
        }
        let chunk = events
            .next()
            .await
            .expect("the stream goes on")
            .expect("a chunk");
        buffer.push_str(&String::from_utf8_lossy(chunk.as_ref()));
    }
}

fn holds(board: &Value, id: &Value) -> bool {
    board["resources"].as_array().unwrap().iter().any(|r| {
        r["bookings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| &b["booking_id"] == id)
    })
}

on_both_databases!(
    the_live_view_shows_a_booking_within_two_seconds,
    |app: TestApp| async move {
        let mende = site_id(&app, "48095").await;
        let host = app.token_for("host.mende@demo.relais").await;
        let live = format!("/api/v1/sites/{mende}/live");
        let response = app
            .client
            .get(app.url(&live))
            .bearer_auth(&host)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        let mut events = response.bytes_stream();
        let mut buffer = String::new();
        let first = next_board(&mut events, &mut buffer).await;
        assert_eq!(first["site_id"], mende);
        // Booked today through the API; on PostgreSQL, through another
        // process, so the change can only come by LISTEN/NOTIFY.
        let today = app.clock.now().date_naive();
        let desk = desks(&app, "48095").await[4];
        let second = match app.backend {
            crate::helpers::Backend::Postgres => Some(SecondProcess::start(&app).await),
            crate::helpers::Backend::Sqlite => None,
        };
        let base = second
            .as_ref()
            .map_or(app.address.clone(), |s| s.address.clone());
        let alice = app.token_for("alice@demo.relais").await;
        let booked_at = Instant::now();
        let response = app
            .client
            .post(format!("{base}/api/v1/bookings"))
            .bearer_auth(&alice)
            .json(&booking(desk, paris(today, 14, 0), paris(today, 17, 0)))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let b: Value = response.json().await.unwrap();
        let board = tokio::time::timeout(StdDuration::from_secs(2), async {
            loop {
                let board = next_board(&mut events, &mut buffer).await;
                if holds(&board, &b["id"]) {
                    return board;
                }
            }
        })
        .await
        .expect("the booking appears on the live view within 2 seconds");
        eprintln!(
            "live view updated {:?} after the booking",
            booked_at.elapsed()
        );
        let line = board["resources"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["bookings"].as_array().unwrap())
            .find(|l| l["booking_id"] == b["id"])
            .unwrap()
            .clone();
        assert_eq!(line["person_name"], "Alice Martin");
        // Someone who hosts no site there gets no stream.
        let mairie = app.token_for("mairie.mende@demo.relais").await;
        let refused = app
            .client
            .get(app.url(&live))
            .bearer_auth(&mairie)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 403);
        let refused = app.client.get(app.url(&live)).send().await.unwrap();
        assert_eq!(refused.status(), 401);
    }
);
