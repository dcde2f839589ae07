//! The authorization matrix: every route of the OpenAPI document, called as
//! every kind of caller. The expectations are written here independently of
//! the server's own rule table, so a change to either one shows.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, on_both_databases};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Teleworker,
    Host,
    CommuneAdmin,
    NetworkAdmin,
    Machine,
}

const CALLERS: [Caller; 6] = [
    Caller::Anonymous,
    Caller::Teleworker,
    Caller::Host,
    Caller::CommuneAdmin,
    Caller::NetworkAdmin,
    Caller::Machine,
];

const PEOPLE: &[Caller] = &[
    Caller::Teleworker,
    Caller::Host,
    Caller::CommuneAdmin,
    Caller::NetworkAdmin,
];

/// Who may call each route.
fn allowed(method: &str, path: &str) -> &'static [Caller] {
    match (method, path) {
        (
            "GET",
            "/healthz"
            | "/lieux"
            | "/api/v1/openapi.json"
            | "/api/v1/sites"
            | "/api/v1/communes"
            | "/api/v1/auth/current",
        ) => &CALLERS,
        (
            "POST",
            "/api/v1/auth/request"
            | "/api/v1/auth/verify"
            | "/api/v1/auth/verify-link"
            | "/api/v1/auth/sign-out",
        ) => &CALLERS,
        ("POST", "/api/v1/auth/sign-out-everywhere") => PEOPLE,
        ("GET" | "PUT" | "DELETE", "/api/v1/me") | ("GET", "/api/v1/me/export") => PEOPLE,
        ("GET" | "POST", "/api/v1/sites/{site_id}/assisted-people")
        | ("PUT", "/api/v1/sites/{site_id}/assisted-people/{person_id}/email") => {
            &[Caller::Host, Caller::NetworkAdmin]
        }
        ("GET", "/api/v1/sites/{site_id}/eligibility")
        | ("PUT", "/api/v1/sites/{site_id}/eligibility/{visitor_id}") => {
            &[Caller::Host, Caller::NetworkAdmin]
        }
        ("GET", "/api/v1/eligibility") | ("PUT", "/api/v1/eligibility/{person_id}") => {
            &[Caller::CommuneAdmin, Caller::NetworkAdmin]
        }
        ("GET" | "POST", "/api/v1/admin/api-keys")
        | ("DELETE", "/api/v1/admin/api-keys/{key_id}") => &[Caller::NetworkAdmin],
        ("GET", "/api/v1/availability" | "/api/v1/availability/week") => &CALLERS,
        ("GET", "/api/v1/sites/{site_id}") | ("GET", "/api/v1/feeds/{token}") => &CALLERS,
        ("GET", "/api/v1/me/calendar") | ("POST", "/api/v1/me/calendar/rotate") => PEOPLE,
        ("GET", "/api/v1/sites/{site_id}/calendar")
        | ("POST", "/api/v1/sites/{site_id}/calendar/rotate")
        | ("GET", "/api/v1/sites/{site_id}/resources/{resource_id}/calendar")
        | ("POST", "/api/v1/sites/{site_id}/resources/{resource_id}/calendar/rotate") => {
            &[Caller::Host, Caller::CommuneAdmin, Caller::NetworkAdmin]
        }
        ("GET", "/api/v1/me/quotas") | ("POST", "/api/v1/bookings/{booking_id}/no-show") => PEOPLE,
        ("GET" | "POST", "/api/v1/quota-policies")
        | ("PUT" | "DELETE", "/api/v1/quota-policies/{policy_id}") => {
            &[Caller::CommuneAdmin, Caller::NetworkAdmin]
        }
        ("POST", "/api/v1/sites") | ("DELETE", "/api/v1/sites/{site_id}") => {
            &[Caller::NetworkAdmin]
        }
        ("PUT", "/api/v1/sites/{site_id}")
        | ("POST", "/api/v1/sites/{site_id}/resources")
        | ("PUT" | "DELETE", "/api/v1/sites/{site_id}/resources/{resource_id}") => {
            &[Caller::Host, Caller::NetworkAdmin]
        }
        ("POST", "/api/v1/bookings")
        | ("DELETE", "/api/v1/bookings/{booking_id}")
        | ("GET", "/api/v1/me/bookings")
        | ("POST", "/api/v1/bookings/series")
        | ("POST", "/api/v1/waitlist")
        | ("GET", "/api/v1/me/waitlist")
        | ("DELETE", "/api/v1/waitlist/{entry_id}")
        | ("DELETE", "/api/v1/bookings/series/{series_id}") => PEOPLE,
        ("GET", "/api/v1/sites/{site_id}/bookings")
        | ("GET" | "POST", "/api/v1/sites/{site_id}/closures")
        | ("DELETE", "/api/v1/sites/{site_id}/closures/{closure_id}")
        | ("POST", "/api/v1/sites/{site_id}/closures/import")
        | ("POST", "/api/v1/sites/{site_id}/closures/import-url") => {
            &[Caller::Host, Caller::NetworkAdmin]
        }
        ("GET", "/api/v1/stats/usage") => &[
            Caller::Host,
            Caller::CommuneAdmin,
            Caller::NetworkAdmin,
            Caller::Machine,
        ],
        ("GET", "/.well-known/jwks.json") => &CALLERS,
        ("GET", "/api/v1/bookings/{booking_id}/pass")
        | ("POST", "/api/v1/bookings/{booking_id}/check-in")
        | ("POST", "/api/v1/bookings/{booking_id}/check-out")
        | ("POST", "/api/v1/sites/{site_id}/check-in") => PEOPLE,
        // Door keys only (the matrix's machine holds a statistics key);
        // the access tests call them with a door's key.
        ("POST", "/api/v1/access/verify" | "/api/v1/access/entries")
        | ("GET", "/api/v1/access/door-list") => &[],
        ("POST", "/api/v1/access/keys/rotate") => &[Caller::NetworkAdmin],
        ("GET", "/api/v1/sites/{site_id}/live")
        | ("GET", "/api/v1/sites/{site_id}/board")
        | ("GET", "/api/v1/sites/{site_id}/poster")
        | ("GET", "/api/v1/sites/{site_id}/access-log") => &[Caller::Host, Caller::NetworkAdmin],
        _ => panic!("{method} {path} is not in the authorization matrix: add it"),
    }
}

/// A body that is valid for the route, so an allowed call does not fail for another reason.
fn body(method: &str, path: &str) -> Option<Value> {
    Some(match (method, path) {
        ("POST", "/api/v1/auth/request") => json!({"email": "matrix@example.org"}),
        ("POST", "/api/v1/auth/verify") => json!({"email": "matrix@example.org", "code": "000000"}),
        ("POST", "/api/v1/auth/verify-link") => json!({"token": "not-a-real-token"}),
        ("PUT", "/api/v1/me") => {
            json!({"display_name": "Matrix", "commune_insee": "48095", "categories": [], "language": "fr"})
        }
        ("POST", "/api/v1/sites/{site_id}/assisted-people") => {
            json!({"display_name": "Matrix Person"})
        }
        ("PUT", "/api/v1/sites/{site_id}/assisted-people/{person_id}/email") => {
            json!({"email": "assisted@example.org"})
        }
        ("POST", "/api/v1/admin/api-keys") => json!({"name": "matrix", "scope": "stats_read"}),
        ("PUT", "/api/v1/sites/{site_id}/eligibility/{visitor_id}")
        | ("PUT", "/api/v1/eligibility/{person_id}") => {
            json!({"commune_insee": null, "commune_confirmed": false, "confirmed_categories": []})
        }
        // Nothing listens there: the allowed callers get 400 calendar_unreachable.
        ("POST", "/api/v1/sites/{site_id}/closures/import-url") => {
            json!({"url": "http://127.0.0.1:9/closed.ics"})
        }
        ("POST", "/api/v1/sites/{site_id}/closures") => {
            json!({"first_day": "2030-01-01", "last_day": "2030-01-01", "reason": "Matrix"})
        }
        ("POST", "/api/v1/bookings/series") => {
            json!({"resource_id": 1, "start": "2020-01-06T08:00:00Z", "end": "2020-01-06T11:00:00Z", "weeks": 2})
        }
        ("POST", "/api/v1/sites") | ("PUT", "/api/v1/sites/{site_id}") => matrix_site(),
        ("POST", "/api/v1/sites/{site_id}/resources")
        | ("PUT", "/api/v1/sites/{site_id}/resources/{resource_id}") => {
            json!({"name": "Matrix desk", "kind": "desk", "capacity": 1})
        }
        ("POST", "/api/v1/quota-policies") | ("PUT", "/api/v1/quota-policies/{policy_id}") => {
            json!({"name": "Matrix", "measure": "days", "allowance": 2, "period": "week", "beyond": "refuse"})
        }
        ("POST", "/api/v1/bookings") => {
            json!({"resource_id": 1, "start": "2020-01-06T08:00:00Z", "end": "2020-01-06T11:00:00Z"})
        }
        ("POST", "/api/v1/sites/{site_id}/check-in") => json!({"code": "matrix"}),
        ("POST", "/api/v1/access/verify") => json!({"pin": "123456"}),
        ("POST", "/api/v1/access/entries") => json!({"entries": []}),
        _ => return None,
    })
}

fn matrix_site() -> Value {
    json!({
        "name": "Matrix", "address": "1 rue du Test", "postcode": "48000",
        "commune_insee": "48095", "latitude": 44.5, "longitude": 3.5,
        "opening_hours": [{"weekday": 1, "opens": "09:00", "closes": "17:00"}],
        "amenities": ["wifi"],
        "rules": {"slot_minutes": 30, "max_days_ahead": 60, "max_booking_minutes": 600, "cancel_deadline_minutes": 0}
    })
}

/// Calls that end a session or an account run last, with a fresh token each.
fn is_destructive(method: &str, path: &str) -> bool {
    matches!(
        (method, path),
        ("POST", "/api/v1/auth/sign-out-everywhere") | ("DELETE", "/api/v1/me")
    )
}

async fn credential(app: &TestApp, caller: Caller, machine_key: &str) -> Option<String> {
    let email = match caller {
        Caller::Anonymous => return None,
        Caller::Machine => return Some(machine_key.to_owned()),
        Caller::Teleworker => "alice@demo.relais",
        Caller::Host => "host.mende@demo.relais",
        Caller::CommuneAdmin => "mairie.mende@demo.relais",
        Caller::NetworkAdmin => "admin@demo.relais",
    };
    Some(app.token_for(email).await)
}

/// The status of a stream that never ends, and its error body when refused.
async fn stream_status(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
) -> (reqwest::StatusCode, Value) {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the test server answers");
    let status = response.status();
    if status.is_success() {
        return (status, json!({}));
    }
    (status, response.json().await.unwrap_or(Value::Null))
}

on_both_databases!(every_route_as_every_caller, |app: TestApp| async move {
    let (_, doc) = app.get_json("/api/v1/openapi.json").await;
    let mut routes: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = method.to_uppercase();
            assert!(
                server::auth::policy::rule(&method.parse().unwrap(), path).is_some(),
                "{method} {path} has no rule in the server's policy"
            );
            routes.push((method, path.clone()));
        }
    }
    routes.sort_by_key(|(m, p)| is_destructive(m, p));

    let admin = app.token_for("admin@demo.relais").await;
    let (_, key) = app
        .post(
            "/api/v1/admin/api-keys",
            Some(&admin),
            json!({"name": "m", "scope": "stats_read"}),
        )
        .await;
    let machine_key = key["key"].as_str().unwrap().to_owned();
    let host = app.token_for("host.mende@demo.relais").await;
    let (_, me) = app.call(Method::GET, "/api/v1/me", Some(&host), None).await;
    let site = me["roles"][0]["site_id"].as_i64().unwrap();

    for caller in CALLERS {
        for (method, template) in &routes {
            // Fresh objects for each call, so no call depends on another's leftovers.
            let (_, assisted) = app
                .post(
                    &format!("/api/v1/sites/{site}/assisted-people"),
                    Some(&admin),
                    json!({"display_name": "X"}),
                )
                .await;
            let (_, spare_key) = app
                .post(
                    "/api/v1/admin/api-keys",
                    Some(&admin),
                    json!({"name": "s", "scope": "stats_read"}),
                )
                .await;
            let (_, resource) = app
                .post(
                    &format!("/api/v1/sites/{site}/resources"),
                    Some(&admin),
                    json!({"name": "Spare", "kind": "desk", "capacity": 1}),
                )
                .await;
            // Retiring a site is tried on a site of its own, so the others stay.
            let site_here =
                if (method.as_str(), template.as_str()) == ("DELETE", "/api/v1/sites/{site_id}") {
                    let (_, spare) = app.post("/api/v1/sites", Some(&admin), matrix_site()).await;
                    // (Once the administrator has deleted their account, no spare: 999999.)
                    spare["id"].as_i64().unwrap_or(999_999)
                } else {
                    site
                };
            let path = template
                .replace("{site_id}", &site_here.to_string())
                .replace("{resource_id}", &resource["id"].to_string())
                .replace("{person_id}", &assisted["id"].to_string())
                .replace("{visitor_id}", &assisted["id"].to_string())
                .replace("{key_id}", &spare_key["info"]["id"].to_string())
                // A booking nobody has: people get 404, others are refused before.
                .replace("{booking_id}", "999999")
                .replace("{series_id}", "999999")
                .replace("{entry_id}", "999999")
                .replace("{closure_id}", "999999")
                .replace("{policy_id}", "999999")
                .replace("{token}", "no-such-feed.ics");
            // A route whose query is required gets one, so refusals are about who asks.
            let path = if template == "/api/v1/stats/usage" {
                format!("{path}?from=2027-01-01&to=2027-01-31")
            } else {
                path
            };
            let token = credential(&app, caller, &machine_key).await;
            let (status, response) = if template.ends_with("/live") {
                stream_status(&app, &path, token.as_deref()).await
            } else {
                app.call(
                    method.parse().unwrap(),
                    &path,
                    token.as_deref(),
                    body(method, template).map(|mut body| {
                        // A commune administrator sets policies for sites of their commune.
                        if template.starts_with("/api/v1/quota-policies") {
                            body["sites"] = json!([site]);
                        }
                        body
                    }),
                )
                .await
            };
            let may = allowed(method, template).contains(&caller);
            if may {
                assert!(
                    status != 401 && status != 403 && status.as_u16() < 500,
                    "{caller:?} may {method} {template}, got {status}: {response}"
                );
            } else {
                let expected: &[u16] = if caller == Caller::Anonymous {
                    &[401]
                } else {
                    &[401, 403, 404]
                };
                assert!(
                    expected.contains(&status.as_u16()),
                    "{caller:?} may not {method} {template}, got {status}: {response}"
                );
                assert!(
                    response.get("error").is_some(),
                    "refusals carry the error body"
                );
            }
        }
    }
});

on_both_databases!(
    hosts_cannot_reach_another_sites_people,
    |app: TestApp| async move {
        let host = app.token_for("host.mende@demo.relais").await;
        let (_, sites) = app.get_json("/api/v1/sites").await;
        let florac = sites
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["commune_insee"] == "48061")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let path = format!("/api/v1/sites/{florac}/assisted-people");
        assert_eq!(app.call(Method::GET, &path, Some(&host), None).await.0, 403);
        assert_eq!(
            app.post(&path, Some(&host), json!({"display_name": "Intrus"}))
                .await
                .0,
            403
        );
        let (status, body) = app
            .call(
                Method::GET,
                "/api/v1/sites/not-a-number/assisted-people",
                Some(&host),
                None,
            )
            .await;
        assert_eq!(status, 404, "{body}");
    }
);

/// Params of a route template: "/sites/{site_id}/resources/{resource_id}" →
/// ["site_id", "resource_id"].
fn params_of(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

on_both_databases!(
    an_object_of_another_site_is_not_found_through_ones_own_site,
    |app: TestApp| async move {
        let admin = app.token_for("admin@demo.relais").await;
        let host = app.token_for("host.mende@demo.relais").await;
        let (_, sites) = app.get_json("/api/v1/sites").await;
        let site_in = |insee: &str| {
            sites
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["commune_insee"] == insee)
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        let (mende, florac) = (site_in("48095"), site_in("48061"));
        // One object of each kind at Florac.
        let (_, resource) = app
            .post(
                &format!("/api/v1/sites/{florac}/resources"),
                Some(&admin),
                json!({"name": "Florac desk", "kind": "desk", "capacity": 1}),
            )
            .await;
        let (_, closure) = app
            .post(
                &format!("/api/v1/sites/{florac}/closures"),
                Some(&admin),
                json!({"first_day": "2030-01-01", "last_day": "2030-01-01", "reason": "Florac"}),
            )
            .await;
        let (_, person) = app
            .post(
                &format!("/api/v1/sites/{florac}/assisted-people"),
                Some(&admin),
                json!({"display_name": "Florac Person"}),
            )
            .await;
        let florac_object = |param: &str| match param {
            "resource_id" => resource["id"].as_i64().unwrap(),
            "closure_id" => closure["id"].as_i64().unwrap(),
            "person_id" | "visitor_id" => person["id"].as_i64().unwrap(),
            other => panic!(
                "{other}: a site's object the server does not check (auth::policy::SITE_CHILDREN)"
            ),
        };

        let (_, doc) = app.get_json("/api/v1/openapi.json").await;
        let mut checked = 0;
        for (template, item) in doc["paths"].as_object().unwrap() {
            let params = params_of(template);
            if !params.contains(&"site_id") || params.len() < 2 {
                continue;
            }
            for method in item.as_object().unwrap().keys() {
                let method = method.to_uppercase();
                let mut path = template.replace("{site_id}", &mende.to_string());
                for param in params.iter().filter(|p| **p != "site_id") {
                    path = path.replace(&format!("{{{param}}}"), &florac_object(param).to_string());
                }
                // The host of Mende, and a network administrator, who may act
                // on both sites but not through a path that mixes them.
                for token in [&host, &admin] {
                    let (status, answer) = app
                        .call(
                            method.parse().unwrap(),
                            &path,
                            Some(token),
                            body(&method, template),
                        )
                        .await;
                    assert_eq!(status, 404, "{method} {path}: {answer}");
                    assert_eq!(answer["error"]["code"], "not_found", "{answer}");
                }
                checked += 1;
            }
        }
        assert!(checked >= 6, "only {checked} routes with a site's object");
        // Nothing was changed at Florac: the desk is still there, named as it was.
        let (_, florac_site) = app.get_json(&format!("/api/v1/sites/{florac}")).await;
        assert!(
            florac_site["resources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["name"] == "Florac desk"),
            "{florac_site}"
        );
    }
);
