//! The one authorization layer. Every request passes through `authorize`,
//! which resolves the caller (session cookie, bearer JWT or machine API key),
//! refuses cross-site state changes, and checks the route's rule in `RULES`.
//! A route without a rule is refused: access is denied by default.

use axum::extract::{MatchedPath, RawPathParams, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use shared::api::{ApiKeyScope, Language};
use shared::ids::{PersonId, SiteId};
use shared::routes as paths;

use super::{Grant, MachineContext, PersonContext, Principal, api_keys, session};
use crate::app;
use crate::app::sites::SiteChild;
use crate::db;
use crate::error::ApiError;
use crate::state::AppState;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person (not a machine).
    Person,
    /// Hosts of the site named by this path parameter, and network administrators.
    HostOf(&'static str),
    /// Commune or EPCI administrators, and network administrators.
    TerritoryAdmin,
    NetworkAdmin,
    /// A door controller: an API key scoped to one site (the handler uses its site).
    Door,
    /// Usage statistics: any signed-in person (the use case shows each only
    /// the sites their roles name, 403 for none) and statistics API keys.
    Statistics,
}

/// (method, route as declared) → who may call it. The authorization matrix
/// test checks that every route of the OpenAPI document has a line here.
pub const RULES: &[(&str, &str, Access)] = &[
    ("GET", paths::HEALTHZ, Access::Public),
    ("GET", paths::SITE_DIRECTORY, Access::Public),
    ("GET", paths::OPENAPI, Access::Public),
    ("GET", paths::SITES, Access::Public),
    ("POST", paths::SITES, Access::NetworkAdmin),
    ("GET", paths::SITE, Access::Public),
    ("PUT", paths::SITE, Access::HostOf("site_id")),
    ("DELETE", paths::SITE, Access::NetworkAdmin),
    ("POST", paths::SITE_RESOURCES, Access::HostOf("site_id")),
    ("PUT", paths::SITE_RESOURCE, Access::HostOf("site_id")),
    ("DELETE", paths::SITE_RESOURCE, Access::HostOf("site_id")),
    ("GET", paths::COMMUNES, Access::Public),
    ("POST", paths::AUTH_REQUEST, Access::Public),
    ("POST", paths::AUTH_VERIFY, Access::Public),
    ("POST", paths::AUTH_VERIFY_LINK, Access::Public),
    ("POST", paths::AUTH_SIGN_OUT, Access::Public),
    ("POST", paths::AUTH_SIGN_OUT_EVERYWHERE, Access::Person),
    ("GET", paths::AUTH_CURRENT, Access::Public),
    ("GET", paths::ME, Access::Person),
    ("PUT", paths::ME, Access::Person),
    ("DELETE", paths::ME, Access::Person),
    ("GET", paths::ME_EXPORT, Access::Person),
    ("GET", paths::ASSISTED_PEOPLE, Access::HostOf("site_id")),
    ("POST", paths::ASSISTED_PEOPLE, Access::HostOf("site_id")),
    ("PUT", paths::ASSISTED_EMAIL, Access::HostOf("site_id")),
    ("GET", paths::SITE_ELIGIBILITY, Access::HostOf("site_id")),
    (
        "PUT",
        paths::SITE_ELIGIBILITY_PERSON,
        Access::HostOf("site_id"),
    ),
    // Object-level: residents of the administrator's territory only.
    ("GET", paths::ELIGIBILITY, Access::TerritoryAdmin),
    ("PUT", paths::ELIGIBILITY_PERSON, Access::TerritoryAdmin),
    ("GET", paths::AVAILABILITY, Access::Public),
    ("GET", paths::AVAILABILITY_WEEK, Access::Public),
    ("POST", paths::BOOKINGS, Access::Person),
    // Object-level: the booking's person, a host of its site or an administrator.
    ("DELETE", paths::BOOKING, Access::Person),
    ("GET", paths::MY_BOOKINGS, Access::Person),
    ("POST", paths::BOOKING_SERIES, Access::Person),
    ("POST", paths::WAITLIST, Access::Person),
    ("GET", paths::MY_WAITLIST, Access::Person),
    // Object-level: only one's own place.
    ("DELETE", paths::WAITLIST_ENTRY, Access::Person),
    // Object-level, as for one booking.
    ("DELETE", paths::BOOKING_SERIES_ONE, Access::Person),
    ("GET", paths::SITE_BOOKINGS, Access::HostOf("site_id")),
    ("GET", paths::SITE_CLOSURES, Access::HostOf("site_id")),
    ("POST", paths::SITE_CLOSURES, Access::HostOf("site_id")),
    ("DELETE", paths::SITE_CLOSURE, Access::HostOf("site_id")),
    (
        "POST",
        paths::SITE_CLOSURES_IMPORT,
        Access::HostOf("site_id"),
    ),
    (
        "POST",
        paths::SITE_CLOSURES_IMPORT_URL,
        Access::HostOf("site_id"),
    ),
    ("GET", paths::MY_QUOTAS, Access::Person),
    ("GET", paths::QUOTA_POLICIES, Access::TerritoryAdmin),
    // Object-level: commune and EPCI administrators for their territory's sites only.
    ("POST", paths::QUOTA_POLICIES, Access::TerritoryAdmin),
    ("PUT", paths::QUOTA_POLICY, Access::TerritoryAdmin),
    ("DELETE", paths::QUOTA_POLICY, Access::TerritoryAdmin),
    // Object-level: hosts of the booking's site and network administrators.
    ("POST", paths::BOOKING_NO_SHOW, Access::Person),
    ("GET", paths::MY_CALENDAR, Access::Person),
    ("POST", paths::MY_CALENDAR_ROTATE, Access::Person),
    // Object-level: hosts and network administrators (named), territory administrators (anonymous).
    ("GET", paths::SITE_CALENDAR, Access::Person),
    ("POST", paths::SITE_CALENDAR_ROTATE, Access::Person),
    ("GET", paths::RESOURCE_CALENDAR, Access::Person),
    ("POST", paths::RESOURCE_CALENDAR_ROTATE, Access::Person),
    // The URL's secret is the credential.
    ("GET", paths::FEED, Access::Public),
    ("GET", paths::API_KEYS, Access::NetworkAdmin),
    ("POST", paths::API_KEYS, Access::NetworkAdmin),
    ("DELETE", paths::API_KEY, Access::NetworkAdmin),
    // Object-level: the network's administrators, territory administrators
    // for their territory's sites, hosts for their own; nobody else (403).
    ("GET", paths::STATS_USAGE, Access::Statistics),
    ("GET", paths::JWKS, Access::Public),
    // Object-level: the booking's person, hosts of its site, network administrators.
    ("GET", paths::BOOKING_PASS, Access::Person),
    ("POST", paths::BOOKING_CHECK_IN, Access::Person),
    ("POST", paths::BOOKING_CHECK_OUT, Access::Person),
    ("POST", paths::ACCESS_VERIFY, Access::Door),
    ("GET", paths::ACCESS_DOOR_LIST, Access::Door),
    ("POST", paths::ACCESS_ENTRIES, Access::Door),
    ("POST", paths::ACCESS_KEYS_ROTATE, Access::NetworkAdmin),
    ("GET", paths::SITE_LIVE, Access::HostOf("site_id")),
    ("GET", paths::SITE_BOARD, Access::HostOf("site_id")),
    ("GET", paths::SITE_POSTER, Access::HostOf("site_id")),
    // Object-level: the caller's own booking at the site, now.
    ("POST", paths::SITE_CHECK_IN, Access::Person),
    ("GET", paths::SITE_ACCESS_LOG, Access::HostOf("site_id")),
];

/// Path parameters naming an object of the site in `{site_id}`. A request
/// whose object belongs to another site is answered 404, as if the object
/// did not exist, before any handler runs: no handler has to remember it.
pub const SITE_CHILDREN: &[(&str, SiteChild)] = &[
    ("resource_id", SiteChild::Resource),
    ("closure_id", SiteChild::Closure),
    ("person_id", SiteChild::AssistedPerson),
    ("visitor_id", SiteChild::Visitor),
];

/// The rule of a route, by method and declared path. `HEAD` is `GET`
/// without the body, so it follows `GET`'s rule.
pub fn rule(method: &Method, route: &str) -> Option<Access> {
    let method = if method == Method::HEAD {
        Method::GET
    } else {
        method.clone()
    };
    RULES
        .iter()
        .find(|(m, r, _)| *m == method.as_str() && *r == route)
        .map(|(_, _, access)| *access)
}

/// The methods a declared route answers, for `Allow` (with `HEAD` beside
/// `GET`); empty for a route without rules.
pub fn allowed_methods(route: &str) -> Vec<&'static str> {
    let mut methods = Vec::new();
    for (method, _, _) in RULES.iter().filter(|(_, r, _)| *r == route) {
        methods.push(*method);
        if *method == "GET" {
            methods.push("HEAD");
        }
    }
    methods
}

pub async fn authorize(
    State(state): State<AppState>,
    matched: Option<MatchedPath>,
    params: Result<RawPathParams, axum::extract::rejection::RawPathParamsRejection>,
    jar: CookieJar,
    request: Request,
    next: Next,
) -> Response {
    // The language the caller asked for; a signed-in person's profile
    // speaks when they asked none (see `spoken`).
    let asked = crate::spoken::from_headers(request.headers());
    crate::spoken::speaking(
        asked,
        authorize_in(state, asked, matched, params, jar, request, next),
    )
    .await
}

async fn authorize_in(
    state: AppState,
    asked: Option<Language>,
    matched: Option<MatchedPath>,
    params: Result<RawPathParams, axum::extract::rejection::RawPathParamsRejection>,
    jar: CookieJar,
    request: Request,
    next: Next,
) -> Response {
    // A method the route does not answer is said before anything else, as
    // HTTP says it: whoever asks, and whatever credentials they carry.
    let access = matched.as_ref().map(|route| {
        if route.as_str() == "/api/v1/{*rest}" {
            Some(Access::Public)
        } else {
            rule(request.method(), route.as_str())
        }
    });
    if let (Some(route), Some(None)) = (&matched, access) {
        let allowed = allowed_methods(route.as_str());
        if !allowed.is_empty() {
            return ApiError::MethodNotAllowed(allowed.join(", ")).into_response();
        }
    }
    let bearer = bearer_token(request.headers());
    if bearer.is_none()
        && !is_safe(request.method())
        && let Err(error) = same_origin(request.headers(), &state)
    {
        return error.into_response();
    }
    let (principal, profile) = match resolve(&state, bearer.as_deref(), &jar).await {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    let language = asked.or(profile);
    crate::spoken::speaking(
        language,
        admit(state, principal, matched, access, params, request, next),
    )
    .await
}

/// Checks the caller against the route's rule, then serves the request.
async fn admit(
    state: AppState,
    principal: Principal,
    matched: Option<MatchedPath>,
    access: Option<Option<Access>>,
    params: Result<RawPathParams, axum::extract::rejection::RawPathParamsRejection>,
    mut request: Request,
    next: Next,
) -> Response {
    // The frontend's files and unknown paths have no matched route: they are public.
    if let (Some(route), Some(access)) = (matched, access) {
        let params = params.ok();
        let param = |name: &str| {
            params.as_ref().and_then(|p| {
                p.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_owned())
            })
        };
        if access.is_none() {
            // A route served without a rule is a bug of ours, refused until fixed.
            tracing::error!(route = route.as_str(), method = %request.method(), "route has no access rule: refused");
        }
        if let Err(error) = check(access, &principal, param) {
            return error.into_response();
        }
        if let Err(error) = check_parentage(&state, route.as_str(), &param).await {
            return error.into_response();
        }
    }
    request.extensions_mut().insert(principal);
    next.run(request).await
}

fn check(
    access: Option<Access>,
    principal: &Principal,
    param: impl Fn(&str) -> Option<String>,
) -> Result<(), ApiError> {
    let person = match principal {
        Principal::Person(person) => Some(person),
        _ => None,
    };
    let needs_person = || match principal {
        Principal::Anonymous => ApiError::Unauthorized,
        _ => ApiError::Forbidden,
    };
    match access {
        None => Err(ApiError::Forbidden),
        Some(Access::Public) => Ok(()),
        Some(Access::Person) => person.map(|_| ()).ok_or_else(needs_person),
        Some(Access::Door) => match principal {
            Principal::Machine(machine) if matches!(machine.scope, ApiKeyScope::Site { .. }) => {
                Ok(())
            }
            _ => Err(needs_person()),
        },
        Some(Access::Statistics) => match principal {
            Principal::Person(_) => Ok(()),
            Principal::Machine(machine) if machine.scope == ApiKeyScope::StatsRead => Ok(()),
            _ => Err(needs_person()),
        },
        Some(Access::NetworkAdmin) => {
            let person = person.ok_or_else(needs_person)?;
            person
                .is_network_admin()
                .then_some(())
                .ok_or(ApiError::Forbidden)
        }
        Some(Access::TerritoryAdmin) => {
            let person = person.ok_or_else(needs_person)?;
            person
                .is_territory_admin()
                .then_some(())
                .ok_or(ApiError::Forbidden)
        }
        Some(Access::HostOf(name)) => {
            let person = person.ok_or_else(needs_person)?;
            let site = param(name)
                .and_then(|v| v.parse::<i64>().ok())
                .ok_or_else(|| ApiError::NotFound("There is no such site.".to_owned()))?;
            person
                .may_host(SiteId(site))
                .then_some(())
                .ok_or(ApiError::Forbidden)
        }
    }
}

/// Every object named beside a `{site_id}` belongs to that site, or 404.
async fn check_parentage(
    state: &AppState,
    route: &str,
    param: &impl Fn(&str) -> Option<String>,
) -> Result<(), ApiError> {
    if !route.contains("{site_id}") {
        return Ok(());
    }
    // Parameters that could not be read (not UTF-8) name nothing.
    let Some(site) = param("site_id") else {
        return Err(ApiError::NotFound("There is no such site.".to_owned()));
    };
    for (name, kind) in SITE_CHILDREN {
        let Some(child) = param(name) else { continue };
        let not_here = || ApiError::NotFound("There is no such object at this site.".to_owned());
        let site = site.parse::<i64>().map_err(|_| not_here())?;
        let child = child.parse::<i64>().map_err(|_| not_here())?;
        if !app::sites::owns(&state.db, site, *kind, child).await? {
            return Err(not_here());
        }
    }
    Ok(())
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// Refuses a state-changing request that a browser sent from another site
/// (cross-site request forgery). Requests without these headers come from
/// programs, which cannot carry a victim's cookie.
fn same_origin(headers: &HeaderMap, state: &AppState) -> Result<(), ApiError> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return match site {
            "same-origin" | "none" => Ok(()),
            _ => Err(ApiError::CrossSite),
        };
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin.split("://").nth(1).unwrap_or("");
    if origin_host == host || origin == state.config.public_url() {
        Ok(())
    } else {
        Err(ApiError::CrossSite)
    }
}

/// Who calls, and for a person the language of their profile.
async fn resolve(
    state: &AppState,
    bearer: Option<&str>,
    jar: &CookieJar,
) -> Result<(Principal, Option<Language>), ApiError> {
    if let Some(token) = bearer {
        if api_keys::looks_like_a_key(token) {
            let machine = machine(state, token).await?.ok_or(ApiError::InvalidToken)?;
            return Ok((machine, None));
        }
        return person_from_session(state, token)
            .await?
            .map(|(person, language)| (Principal::Person(person), Some(language)))
            .ok_or(ApiError::InvalidToken);
    }
    if let Some(cookie) = jar.get(session::COOKIE_NAME) {
        // A stale cookie only means "signed out": public pages keep working.
        if let Some((person, language)) = person_from_session(state, cookie.value()).await? {
            return Ok((Principal::Person(person), Some(language)));
        }
    }
    Ok((Principal::Anonymous, None))
}

async fn person_from_session(
    state: &AppState,
    token: &str,
) -> Result<Option<(PersonContext, Language)>, ApiError> {
    let Some(session) = session::verify_session(&state.keys, token, state.clock.now()) else {
        return Ok(None);
    };
    let Some(row) = app::people::find(&state.db, session.person).await? else {
        return Ok(None);
    };
    if row.session_epoch != session.epoch || row.email.is_none() {
        return Ok(None);
    }
    if db::sessions::is_revoked(&state.db, &session.id).await? {
        return Ok(None);
    }
    Ok(Some((
        PersonContext {
            id: PersonId(row.id),
            roles: grants_of(state, row.id).await?,
        },
        app::people::language_of(&row),
    )))
}

pub async fn grants_of(state: &AppState, person: i64) -> Result<Vec<Grant>, ApiError> {
    Ok(app::people::grants(&state.db, PersonId(person)).await?)
}

async fn machine(state: &AppState, key: &str) -> Result<Option<Principal>, ApiError> {
    let found = app::api_keys::live_by_hash(&state.db, &api_keys::hash(key)).await?;
    Ok(found.map(|(key_id, scope)| Principal::Machine(MachineContext { key_id, scope })))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use shared::api::ApiKeyScope;
    use shared::ids::ApiKeyId;

    use super::*;

    /// A route added to the router (through `routes::api_routes`, the only
    /// way in: `cargo xtask layers` refuses `.route(` elsewhere) appears in
    /// the OpenAPI document; it must also have a rule here and a constant in
    /// `shared::routes::API`, and nothing may be listed that is not served.
    #[test]
    fn the_document_the_rules_and_the_shared_paths_name_the_same_routes() {
        let (_, document) = crate::routes::api_routes().split_for_parts();
        let document = serde_json::to_value(&document).unwrap();
        let mut documented = BTreeSet::new();
        for (path, item) in document["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
        // The document itself is served beside the documented routes.
        documented.insert(("GET".to_owned(), shared::routes::OPENAPI.to_owned()));
        let ruled: BTreeSet<(String, String)> = RULES
            .iter()
            .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
            .collect();
        assert_eq!(documented, ruled, "the OpenAPI document and RULES differ");
        let paths: BTreeSet<&str> = documented.iter().map(|(_, p)| p.as_str()).collect();
        let shared: BTreeSet<&str> = shared::routes::API.iter().copied().collect();
        assert_eq!(
            paths, shared,
            "the OpenAPI document and shared::routes::API differ"
        );
    }

    fn person(roles: Vec<Grant>) -> Principal {
        Principal::Person(PersonContext {
            id: PersonId(1),
            roles,
        })
    }

    #[test]
    fn unknown_routes_are_refused() {
        assert!(check(None, &person(vec![Grant::NetworkAdmin]), |_| None).is_err());
    }

    #[test]
    fn hosts_act_for_their_own_site_only() {
        let host = person(vec![Grant::Host(SiteId(3))]);
        let site = |id: &'static str| move |_: &str| Some(id.to_owned());
        assert!(check(Some(Access::HostOf("site_id")), &host, site("3")).is_ok());
        assert!(matches!(
            check(Some(Access::HostOf("site_id")), &host, site("4")),
            Err(ApiError::Forbidden)
        ));
        assert!(matches!(
            check(
                Some(Access::HostOf("site_id")),
                &Principal::Anonymous,
                site("3")
            ),
            Err(ApiError::Unauthorized)
        ));
        let admin = person(vec![Grant::NetworkAdmin]);
        assert!(check(Some(Access::HostOf("site_id")), &admin, site("4")).is_ok());
    }

    #[test]
    fn machines_are_not_people() {
        let machine = Principal::Machine(MachineContext {
            key_id: ApiKeyId(1),
            scope: ApiKeyScope::StatsRead,
        });
        assert!(matches!(
            check(Some(Access::Person), &machine, |_| None),
            Err(ApiError::Forbidden)
        ));
        assert!(check(Some(Access::Public), &machine, |_| None).is_ok());
    }
}
