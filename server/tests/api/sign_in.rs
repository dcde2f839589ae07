//! Passwordless sign-in: codes, links, expiry, attempts, sessions, limits.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(
    who_is_signed_in_is_answered_without_a_401,
    |app: TestApp| async move {
        // A visitor: 200 and nobody, so the browser's console stays quiet.
        let (status, current) = app
            .call(Method::GET, shared::routes::AUTH_CURRENT, None, None)
            .await;
        assert_eq!((status.as_u16(), &current), (200, &json!({"me": null})));
        let token = app.sign_in("alice@demo.relais").await;
        let (status, current) = app
            .call(
                Method::GET,
                shared::routes::AUTH_CURRENT,
                Some(&token),
                None,
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(current["me"]["email"], "alice@demo.relais");
        // After signing out, the same question gets "nobody" again.
        let (status, _) = app
            .call(
                Method::POST,
                shared::routes::AUTH_SIGN_OUT_EVERYWHERE,
                Some(&token),
                None,
            )
            .await;
        assert_eq!(status, 204);
        let (status, current) = app
            .call(
                Method::GET,
                shared::routes::AUTH_CURRENT,
                Some(&token),
                None,
            )
            .await;
        // A bearer token that no longer works is refused as such (401
        // `invalid_token`): only a stale cookie reads as "signed out".
        assert_eq!(status, 401, "{current}");
    }
);

on_both_databases!(demo_accounts_sign_in_by_code, |app: TestApp| async move {
    for email in [
        "admin@demo.relais",
        "host.mende@demo.relais",
        "mairie.mende@demo.relais",
        "alice@demo.relais",
    ] {
        let token = app.sign_in(email).await;
        let (status, me) = app
            .call(Method::GET, "/api/v1/me", Some(&token), None)
            .await;
        assert_eq!(status, 200);
        assert_eq!(me["email"], email);
    }
    let token = app.token_for("host.mende@demo.relais").await;
    let (_, me) = app
        .call(Method::GET, "/api/v1/me", Some(&token), None)
        .await;
    assert_eq!(me["roles"][0]["role"], "host");
    assert_eq!(me["roles"][0]["site_name"], "La Fabrique de Mende");
    let token = app.token_for("mairie.mende@demo.relais").await;
    let (_, me) = app
        .call(Method::GET, "/api/v1/me", Some(&token), None)
        .await;
    assert_eq!(me["roles"][0]["role"], "territory_admin");
    assert_eq!(me["roles"][0]["code"], "48095");
});

on_both_databases!(
    the_answer_is_the_same_for_unknown_addresses,
    |app: TestApp| async move {
        let (known_status, known) = app
            .post(
                "/api/v1/auth/request",
                None,
                json!({"email": "alice@demo.relais"}),
            )
            .await;
        let (unknown_status, unknown) = app
            .post(
                "/api/v1/auth/request",
                None,
                json!({"email": "nobody@example.org"}),
            )
            .await;
        assert_eq!(known_status, 202);
        assert_eq!(unknown_status, 202);
        assert_eq!(known, unknown);
        // In either language of the page, whatever the account's language
        // (the demo accounts speak French): the answer tells nothing.
        for language in ["fr", "en"] {
            let ask = |email: &str| {
                let body = json!({"email": email, "language": language});
                app.post("/api/v1/auth/request", None, body)
            };
            let (_, known) = ask("admin@demo.relais").await;
            let (_, unknown) = ask("nobody.else@example.org").await;
            assert_eq!(known, unknown, "page in {language}");
            let english = known["message"]
                .as_str()
                .unwrap()
                .starts_with("If this address");
            assert_eq!(english, language == "en", "{known}");
        }
    }
);

on_both_databases!(
    a_first_sign_in_creates_the_account,
    |app: TestApp| async move {
        let token = app.sign_in("Nouvelle.Personne@Example.org").await;
        let (status, me) = app
            .call(Method::GET, "/api/v1/me", Some(&token), None)
            .await;
        assert_eq!(status, 200);
        assert_eq!(me["email"], "nouvelle.personne@example.org");
        assert_eq!(me["roles"], json!([]));
    }
);

on_both_databases!(the_link_signs_in_once, |app: TestApp| async move {
    app.post(
        "/api/v1/auth/request",
        None,
        json!({"email": "alice@demo.relais", "language": "en"}),
    )
    .await;
    let (_, token) = app.sign_in_mail("alice@demo.relais").await;
    let (status, session) = app
        .post("/api/v1/auth/verify-link", None, json!({"token": token}))
        .await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["me"]["email"], "alice@demo.relais");
    let (status, body) = app
        .post("/api/v1/auth/verify-link", None, json!({"token": token}))
        .await;
    assert_eq!(status, 410);
    assert_eq!(body["error"]["code"], "code_expired");
});

on_both_databases!(codes_are_single_use_and_expire, |app: TestApp| async move {
    app.post(
        "/api/v1/auth/request",
        None,
        json!({"email": "alice@demo.relais"}),
    )
    .await;
    let (code, _) = app.sign_in_mail("alice@demo.relais").await;
    let verify = json!({"email": "alice@demo.relais", "code": code});
    assert_eq!(
        app.post("/api/v1/auth/verify", None, verify.clone())
            .await
            .0,
        200
    );
    let (status, body) = app.post("/api/v1/auth/verify", None, verify).await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (410, Some("code_expired"))
    );

    let before = crate::helpers::mail_count(&app.mail_dir());
    app.post(
        "/api/v1/auth/request",
        None,
        json!({"email": "alice@demo.relais"}),
    )
    .await;
    crate::helpers::wait_for_mail_count(&app.mail_dir(), before + 1).await;
    let (code, _) = app.sign_in_mail("alice@demo.relais").await;
    app.clock.advance(chrono::Duration::minutes(10));
    let (status, body) = app
        .post(
            "/api/v1/auth/verify",
            None,
            json!({"email": "alice@demo.relais", "code": code}),
        )
        .await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (410, Some("code_expired"))
    );
});

on_both_databases!(
    five_wrong_codes_kill_the_right_one,
    |app: TestApp| async move {
        app.post(
            "/api/v1/auth/request",
            None,
            json!({"email": "alice@demo.relais"}),
        )
        .await;
        let (code, _) = app.sign_in_mail("alice@demo.relais").await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            let (status, body) = app
                .post(
                    "/api/v1/auth/verify",
                    None,
                    json!({"email": "alice@demo.relais", "code": wrong}),
                )
                .await;
            assert_eq!(
                (status.as_u16(), body["error"]["code"].as_str()),
                (400, Some("invalid_code"))
            );
        }
        let (status, body) = app
            .post(
                "/api/v1/auth/verify",
                None,
                json!({"email": "alice@demo.relais", "code": code}),
            )
            .await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (403, Some("too_many_attempts"))
        );
    }
);

on_both_databases!(
    parallel_guesses_cannot_pass_five,
    |app: TestApp| async move {
        app.post(
            "/api/v1/auth/request",
            None,
            json!({"email": "alice@demo.relais"}),
        )
        .await;
        let (code, _) = app.sign_in_mail("alice@demo.relais").await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let guesses = (0..9).map(|_| {
            app.post(
                "/api/v1/auth/verify",
                None,
                json!({"email": "alice@demo.relais", "code": wrong}),
            )
        });
        let answers = futures::future::join_all(guesses).await;
        let counted = answers
            .iter()
            .filter(|(_, b)| b["error"]["code"] == "invalid_code")
            .count();
        assert!(counted <= 5, "{counted} wrong codes were counted as tries");
        let (status, _) = app
            .post(
                "/api/v1/auth/verify",
                None,
                json!({"email": "alice@demo.relais", "code": code}),
            )
            .await;
        assert_ne!(status, 200);
    }
);

on_both_databases!(bad_addresses_get_a_clear_error, |app: TestApp| async move {
    for bad in [json!({"email": "not-an-address"}), json!({"email": ""})] {
        let (status, body) = app.post("/api/v1/auth/request", None, bad).await;
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (400, Some("invalid_email"))
        );
    }
    let (status, body) = app
        .post("/api/v1/auth/request", None, json!({"mail": 3}))
        .await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (400, Some("invalid_json"))
    );
    let response = app
        .client
        .post(app.url("/api/v1/auth/request"))
        .body("{oops")
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
});

on_both_databases!(
    requests_are_rate_limited_but_not_the_rest,
    |app: TestApp| async move {
        let mut limited = None;
        for attempt in 0..10 {
            let (status, body) = app
                .post(
                    "/api/v1/auth/request",
                    None,
                    json!({"email": "alice@demo.relais"}),
                )
                .await;
            if status == 429 {
                assert_eq!(body["error"]["code"], "rate_limited");
                limited = Some(attempt);
                break;
            }
        }
        assert!(
            limited.is_some_and(|n| n >= 3),
            "limited after {limited:?} requests"
        );
        let mut verify_limited = false;
        for _ in 0..40 {
            let (status, _) = app
                .post(
                    "/api/v1/auth/verify",
                    None,
                    json!({"email": "alice@demo.relais", "code": "123456"}),
                )
                .await;
            if status == 429 {
                verify_limited = true;
                break;
            }
        }
        assert!(verify_limited, "verification is limited");
        // Everything else still answers at once.
        let token = app.token_for("alice@demo.relais").await;
        for _ in 0..50 {
            assert_eq!(
                app.call(Method::GET, "/api/v1/me", Some(&token), None)
                    .await
                    .0,
                200
            );
            assert_eq!(app.get("/api/v1/sites").await.status(), 200);
        }
    }
);

on_both_databases!(bad_tokens_are_refused_with_401, |app: TestApp| async move {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let id = app.person_id("alice@demo.relais").await;
    let now = app.clock.now().timestamp();
    let claims = |aud: &str, exp: i64| {
        json!({"sub": id.0.to_string(), "iss": "relais", "aud": aud, "iat": now, "exp": exp, "typ": "session", "epoch": 0}).to_string()
    };
    let good = app.token_for("alice@demo.relais").await;
    let forged_signature = format!("{}x", &good[..good.len() - 1]);
    let alg_none = format!(
        "{}.{}.",
        b64(r#"{"alg":"none","typ":"JWT"}"#),
        b64(&claims("relais-api", now + 3600))
    );
    let other_key = jsonwebtoken::EncodingKey::from_secret(b"not the server's key");
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    let sign = |c: String| {
        let value: serde_json::Value = serde_json::from_str(&c).unwrap();
        jsonwebtoken::encode(&header, &value, &other_key).unwrap()
    };
    let wrong_key = sign(claims("relais-api", now + 3600));
    let server_key = &app.state.keys.encoding;
    let sign_ours = |c: String| {
        let value: serde_json::Value = serde_json::from_str(&c).unwrap();
        jsonwebtoken::encode(&header, &value, server_key).unwrap()
    };
    let wrong_audience = sign_ours(claims("someone-else", now + 3600));
    let expired = sign_ours(claims("relais-api", now - 10));
    assert_eq!(
        app.call(
            Method::GET,
            "/api/v1/me",
            Some(&sign_ours(claims("relais-api", now + 3600))),
            None
        )
        .await
        .0,
        200
    );
    for (name, token) in [
        ("forged signature", forged_signature),
        ("alg none", alg_none),
        ("another key", wrong_key),
        ("wrong audience", wrong_audience),
        ("expired", expired),
        ("garbage", "abc.def.ghi".to_owned()),
    ] {
        let (status, body) = app
            .call(Method::GET, "/api/v1/me", Some(&token), None)
            .await;
        assert_eq!(status, 401, "{name}");
        assert_eq!(body["error"]["code"], "invalid_token", "{name}");
    }
});

on_both_databases!(
    sign_out_everywhere_kills_every_session,
    |app: TestApp| async move {
        let first = app.token_for("alice@demo.relais").await;
        let second = app.sign_in("alice@demo.relais").await;
        let (status, _) = app
            .call(
                Method::POST,
                "/api/v1/auth/sign-out-everywhere",
                Some(&first),
                None,
            )
            .await;
        assert_eq!(status, 204);
        for token in [&first, &second] {
            assert_eq!(
                app.call(Method::GET, "/api/v1/me", Some(token), None)
                    .await
                    .0,
                401
            );
        }
        let fresh = app.sign_in("alice@demo.relais").await;
        assert_eq!(
            app.call(Method::GET, "/api/v1/me", Some(&fresh), None)
                .await
                .0,
            200
        );
    }
);

on_both_databases!(sessions_end_after_twelve_hours, |app: TestApp| async move {
    let token = app.token_for("alice@demo.relais").await;
    app.clock.advance(chrono::Duration::hours(12));
    assert_eq!(
        app.call(Method::GET, "/api/v1/me", Some(&token), None)
            .await
            .0,
        401
    );
});

on_both_databases!(
    cookie_sessions_refuse_cross_site_changes,
    |app: TestApp| async move {
        let token = app.token_for("alice@demo.relais").await;
        let cookie = format!("relais_session={token}");
        let me = app
            .client
            .get(app.url("/api/v1/me"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), 200);
        let profile = json!({"display_name": "Alice", "commune_insee": "48061", "categories": [], "language": "fr"});
        let cross = app
            .client
            .put(app.url("/api/v1/me"))
            .header("cookie", &cookie)
            .header("sec-fetch-site", "cross-site")
            .json(&profile)
            .send()
            .await
            .unwrap();
        assert_eq!(cross.status(), 403);
        let other_origin = app
            .client
            .put(app.url("/api/v1/me"))
            .header("cookie", &cookie)
            .header("origin", "https://evil.example")
            .json(&profile)
            .send()
            .await
            .unwrap();
        assert_eq!(other_origin.status(), 403);
        let same = app
            .client
            .put(app.url("/api/v1/me"))
            .header("cookie", &cookie)
            .header("sec-fetch-site", "same-origin")
            .json(&profile)
            .send()
            .await
            .unwrap();
        assert_eq!(same.status(), 200);
    }
);

on_both_databases!(the_session_cookie_is_http_only, |app: TestApp| async move {
    app.post(
        "/api/v1/auth/request",
        None,
        json!({"email": "alice@demo.relais"}),
    )
    .await;
    let (code, _) = app.sign_in_mail("alice@demo.relais").await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/verify"))
        .json(&json!({"email": "alice@demo.relais", "code": code}))
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("relais_session="));
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} has {attribute}");
    }
});

on_both_databases!(
    signing_out_ends_that_session_and_no_other,
    |app: TestApp| async move {
        let first = app.sign_in("alice@demo.relais").await;
        let second = app.token_for("alice@demo.relais").await;
        let me = |token: String| {
            let app = &app;
            async move {
                app.call(Method::GET, "/api/v1/me", Some(&token), None)
                    .await
                    .0
            }
        };
        assert_eq!(me(first.clone()).await, 200);
        let (status, _) = app
            .call(Method::POST, "/api/v1/auth/sign-out", Some(&first), None)
            .await;
        assert_eq!(status, 204);
        assert_eq!(
            me(first.clone()).await,
            401,
            "the token itself stops working"
        );
        assert_eq!(me(second).await, 200, "the person's other sessions go on");
        // Signing out again, or with a token that is not a session, is harmless.
        for token in [first.as_str(), "not-a-token"] {
            let (status, _) = app
                .call(Method::POST, "/api/v1/auth/sign-out", Some(token), None)
                .await;
            assert!(status == 204 || status == 401, "{status}");
        }
    }
);

/// `count` sign-in requests for as many addresses, each said to come from
/// `client` (`X-Forwarded-For`); how many were refused. A client may ask 20
/// at once.
async fn refused_from(
    app: &TestApp,
    count: usize,
    client: impl Fn(usize) -> String,
    tag: &str,
) -> usize {
    let mut refused = 0;
    for n in 0..count {
        let response = app
            .client
            .post(app.url("/api/v1/auth/request"))
            .header("x-forwarded-for", client(n))
            .json(&json!({"email": format!("{tag}{n}@example.org")}))
            .send()
            .await
            .unwrap();
        if response.status() == 429 {
            refused += 1;
        }
    }
    refused
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_clients_are_told_apart_and_nobody_else_can_pretend() {
    use crate::helpers::{Backend, spawn_app_with};
    // Relais behind a proxy on loopback: the forwarded address is the client.
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await
    .unwrap();
    // One client asking for 25 codes is slowed down (20 at once)…
    assert!(refused_from(&app, 25, |_| "198.51.100.7".to_owned(), "a").await >= 1);
    // …while another client behind the same proxy is not.
    assert_eq!(
        refused_from(&app, 10, |_| "198.51.100.8".to_owned(), "b").await,
        0
    );
    // An IPv6 client moving inside its /64 is still one client.
    let moving = |n: usize| format!("2001:db8:1:2::{n:x}");
    assert!(refused_from(&app, 25, moving, "c").await >= 1);

    // Without trusted proxies (the default), the header is the client's own
    // words: changing it at every request does not escape the limit.
    let open = spawn_app_with(Backend::Sqlite, |_| {}).await.unwrap();
    let forged = |n: usize| format!("203.0.113.{n}");
    assert!(refused_from(&open, 25, forged, "d").await >= 1);
}

on_both_databases!(
    a_stranger_cannot_jam_a_persons_sign_in,
    |app: TestApp| async move {
        let email = "alice@demo.relais";
        let ask = || app.post("/api/v1/auth/request", None, json!({"email": email}));
        let verify = |code: String| {
            app.post(
                "/api/v1/auth/verify",
                None,
                json!({"email": email, "code": code}),
            )
        };
        // Alice's code, then a stranger asks again for her address: her code
        // still works (a new request retires nothing).
        ask().await;
        let (first, _) = app.sign_in_mail(email).await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let mails = crate::helpers::mail_count(&app.mail_dir());
        ask().await;
        crate::helpers::wait_for_mail_count(&app.mail_dir(), mails + 1).await;
        let (status, body) = verify(first).await;
        assert_eq!(status, 200, "the first code still signs in: {body}");

        // The stranger spends the address's guesses for the day, counted in
        // the database: five on a code, five more on a new one…
        for _ in 0..2 {
            let mails = crate::helpers::mail_count(&app.mail_dir());
            ask().await;
            crate::helpers::wait_for_mail_count(&app.mail_dir(), mails + 1).await;
            let (code, _) = app.sign_in_mail(email).await;
            let wrong = if code == "000000" { "111111" } else { "000000" };
            for _ in 0..5 {
                let (status, _) = verify(wrong.to_owned()).await;
                assert_eq!(status, 400);
            }
        }
        // …and from then on codes stop working for the day, even the right one…
        let mails = crate::helpers::mail_count(&app.mail_dir());
        ask().await;
        crate::helpers::wait_for_mail_count(&app.mail_dir(), mails + 1).await;
        let (code, link) = app.sign_in_mail(email).await;
        let (status, body) = verify(code).await;
        assert_eq!(status, 403, "{body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains("today"),
            "{body}"
        );
        // …but the link in her mail still signs her in.
        let (status, body) = app
            .post("/api/v1/auth/verify-link", None, json!({"token": link}))
            .await;
        assert_eq!(status, 200, "{body}");
    }
);

on_both_databases!(
    an_address_gets_three_live_codes_at_most,
    |app: TestApp| async move {
        let before = crate::helpers::mail_count(&app.mail_dir());
        for _ in 0..4 {
            let (status, _) = app
                .post(
                    "/api/v1/auth/request",
                    None,
                    json!({"email": "alice@demo.relais"}),
                )
                .await;
            assert_eq!(status, 202, "the same answer each time");
        }
        crate::helpers::wait_for_mail_count(&app.mail_dir(), before + 3).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(
            crate::helpers::mail_count(&app.mail_dir()),
            before + 3,
            "the fourth request mails nothing: three codes are in her mailbox"
        );
    }
);

/// A call with an `Accept-Language` header (or none), answering status and body.
async fn call_in(
    app: &TestApp,
    language: Option<&str>,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let (status, body) = match language {
        Some(language) => app.call_in(language, method, path, token, body).await,
        None => app.call(method, path, token, body).await,
    };
    (status.as_u16(), body)
}

on_both_databases!(
    answers_speak_the_callers_language_for_errors_as_for_successes,
    |app: TestApp| async move {
        let wrong_code = json!({"email": "alice@demo.relais", "code": "000000"});
        let verify = |language| {
            call_in(
                &app,
                language,
                Method::POST,
                shared::routes::AUTH_VERIFY,
                None,
                Some(wrong_code.clone()),
            )
        };
        // A French page's sign-in: the success and the error that follows
        // are both French.
        let (status, asked) = call_in(
            &app,
            Some("fr-FR,fr;q=0.9,en;q=0.8"),
            Method::POST,
            shared::routes::AUTH_REQUEST,
            None,
            Some(json!({"email": "alice@demo.relais"})),
        )
        .await;
        assert_eq!(status, 202);
        assert!(
            asked["message"]
                .as_str()
                .unwrap()
                .starts_with("Si cette adresse")
        );
        let (status, error) = verify(Some("fr-FR,fr;q=0.9")).await;
        assert_eq!(status, 400, "{error}");
        assert_eq!(error["error"]["code"], "invalid_code");
        assert_eq!(
            error["error"]["message"],
            "Ce code n'est pas le bon. Vérifiez le dernier mail reçu."
        );
        // English when asked, and for an outside client that asks nothing.
        for language in [Some("en-GB,fr;q=0.5"), None] {
            let (_, error) = verify(language).await;
            let message = error["error"]["message"].as_str().unwrap();
            assert!(
                message.is_ascii() && !message.contains("Ce code"),
                "{message}"
            );
        }
        let (status, asked) = call_in(
            &app,
            Some("en"),
            Method::POST,
            shared::routes::AUTH_REQUEST,
            None,
            Some(json!({"email": "bob@example.org"})),
        )
        .await;
        assert_eq!(status, 202);
        assert!(
            asked["message"]
                .as_str()
                .unwrap()
                .starts_with("If this address")
        );

        // Signed in without a header: the profile's language (French for
        // alice); a header still wins.
        let alice = app.token_for("alice@demo.relais").await;
        let missing = "/api/v1/bookings/987654";
        let (status, error) =
            call_in(&app, None, Method::DELETE, missing, Some(&alice), None).await;
        assert_eq!(status, 404);
        assert!(
            error["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("Introuvable")
        );
        let (_, error) = call_in(
            &app,
            Some("en"),
            Method::DELETE,
            missing,
            Some(&alice),
            None,
        )
        .await;
        assert!(
            !error["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("Introuvable")
        );
        // An error raised before the route runs (a method it does not
        // answer) speaks the same language.
        let (status, error) = call_in(
            &app,
            Some("fr"),
            Method::PATCH,
            shared::routes::SITES,
            None,
            None,
        )
        .await;
        assert_eq!(status, 405);
        assert_eq!(
            error["error"]["message"],
            "Cette adresse n'accepte pas cette méthode."
        );
    }
);
