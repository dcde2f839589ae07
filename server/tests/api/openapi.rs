use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(documents_every_route, |app: TestApp| async move {
    let (status, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = doc["paths"].as_object().expect("paths");
    for path in ["/api/v1/sites", "/healthz"] {
        assert!(paths.contains_key(path), "{path} is documented");
    }
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            assert!(
                operation["responses"]
                    .as_object()
                    .is_some_and(|r| !r.is_empty()),
                "{method} {path} documents its responses"
            );
        }
    }
    assert!(doc["components"]["schemas"]["Site"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
});

/// The `{name}`s of a path template.
fn template_params(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

on_both_databases!(
    parameters_and_security_say_what_the_server_does,
    |app: TestApp| async move {
        let (_, doc) = app.get_json("/api/v1/openapi.json").await;
        assert!(doc.get("security").is_none(), "no global requirement");
        for (path, item) in doc["paths"].as_object().unwrap() {
            let in_template = template_params(path);
            for (method, operation) in item.as_object().unwrap() {
                let params = operation["parameters"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let in_path: Vec<String> = params
                    .iter()
                    .filter(|p| p["in"] == "path")
                    .map(|p| p["name"].as_str().unwrap().to_owned())
                    .collect();
                // OpenAPI 3: a path parameter is one of the template's, and every
                // one of the template's is declared in the path.
                let mut sorted = in_path.clone();
                sorted.sort();
                let mut expected = in_template.clone();
                expected.sort();
                assert_eq!(sorted, expected, "{method} {path}: path parameters");
                for p in &params {
                    if p["in"] == "path" {
                        assert_eq!(p["required"], true, "{method} {path}: {p}");
                    }
                }
                let access =
                    server::auth::policy::rule(&method.to_uppercase().parse().unwrap(), path)
                        .expect("every route has a rule");
                let secured = operation
                    .get("security")
                    .and_then(|s| s.as_array())
                    .is_some_and(|s| !s.is_empty());
                assert_eq!(
                    secured,
                    access != server::auth::policy::Access::Public,
                    "{method} {path}: security requirement"
                );
            }
        }
        // What the document says is what the server does: an anonymous call
        // gets 401 exactly where an operation declares a security requirement.
        for (template, item) in doc["paths"].as_object().unwrap() {
            let mut path = template.replace("{token}", "no-such-feed.ics");
            for name in template_params(template) {
                path = path.replace(&format!("{{{name}}}"), "1");
            }
            for (method, operation) in item.as_object().unwrap() {
                let secured = operation
                    .get("security")
                    .is_some_and(|s| s != &serde_json::json!([]));
                let (status, body) = app
                    .call(method.to_uppercase().parse().unwrap(), &path, None, None)
                    .await;
                assert_eq!(
                    status == 401,
                    secured,
                    "anonymous {method} {path}: {status} {body}"
                );
            }
        }
        // The availability's filters are query parameters.
        let availability = &doc["paths"]["/api/v1/availability"]["get"]["parameters"];
        for name in ["date", "kind", "near_site", "lat", "lon", "amenities"] {
            assert!(
                availability
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["name"] == name && p["in"] == "query"),
                "{name} is a query parameter: {availability}"
            );
        }
    }
);

on_both_databases!(
    http_methods_answer_as_http_says,
    |app: TestApp| async move {
        // HEAD is GET without the body, for uptime probes.
        for path in ["/healthz", "/api/v1/sites", "/api/v1/openapi.json"] {
            let response = app.client.head(app.url(path)).send().await.unwrap();
            assert_eq!(response.status(), 200, "HEAD {path}");
            assert!(
                response.bytes().await.unwrap().is_empty(),
                "HEAD {path} has no body"
            );
        }
        // A method a route does not answer: 405 with Allow and the JSON error.
        let response = app
            .client
            .patch(app.url("/api/v1/sites"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405);
        let allow = response.headers()["allow"].to_str().unwrap().to_owned();
        assert!(
            allow.contains("GET") && allow.contains("POST"),
            "Allow: {allow}"
        );
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed");
        // Any method on an unknown API path is a 404 in JSON.
        let (status, body) = app
            .call(reqwest::Method::POST, "/api/v1/no-such-thing", None, None)
            .await;
        assert_eq!(status, 404);
        assert_eq!(body["error"]["code"], "not_found");
        // An id that does not parse names nothing, without the parser's words.
        let (status, body) = app.get_json("/api/v1/sites/not-a-number").await;
        assert_eq!(status, 404);
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            !message.contains("parse") && !message.contains("invalid digit"),
            "{message}"
        );
        // A body over the limit is 413 in JSON, not a malformed body.
        let host = app.token_for("host.mende@demo.relais").await;
        let huge = format!("{{\"display_name\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
        let response = app
            .client
            .put(app.url("/api/v1/me"))
            .bearer_auth(&host)
            .header("content-type", "application/json")
            .body(huge)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 413);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "payload_too_large");
        // An address of 20 KB is 414, in JSON too.
        let (status, body) = app
            .get_json(&format!("/api/v1/sites?x={}", "a".repeat(20_000)))
            .await;
        assert_eq!(status, 414);
        assert_eq!(body["error"]["code"], "uri_too_long");
    }
);

on_both_databases!(
    an_unknown_filter_is_told_not_ignored,
    |app: TestApp| async move {
        let day = crate::helpers::test_start().date_naive();
        for query in ["kind=spaceship", "amenities=wifi,jacuzzi"] {
            let (status, body) = app
                .get_json(&format!("/api/v1/availability?date={day}&{query}"))
                .await;
            assert_eq!(status, 400, "{query}: {body}");
            assert_eq!(body["error"]["code"], "bad_request");
        }
        let (status, _) = app
            .get_json(&format!(
                "/api/v1/availability?date={day}&amenities=wifi,printer"
            ))
            .await;
        assert_eq!(status, 200);
    }
);
