//! Calendar feeds: the private URLs (a person's own bookings; a site's or a
//! resource's for its hosts, named, and for territory administrators,
//! anonymous), and the feeds themselves, readable with the URL's secret
//! alone and cheap to poll (`ETag` / `If-None-Match` → 304).

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::api::CalendarLink;
use shared::ids::SiteId;
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::app;
use crate::app::calendars::Scope;
use crate::auth::{Grant, PersonContext, SignedIn};
use crate::error::{ApiError, ApiPath};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_calendar))
        .routes(routes!(rotate_my_calendar))
        .routes(routes!(site_calendar))
        .routes(routes!(rotate_site_calendar))
        .routes(routes!(resource_calendar))
        .routes(routes!(rotate_resource_calendar))
        .routes(routes!(feed))
}

/// Whether the caller may follow a site's calendar, and with names.
async fn site_rights(ctx: &Ctx, roles: &[Grant], site_id: i64) -> Result<Option<bool>, ApiError> {
    if roles.contains(&Grant::NetworkAdmin) || roles.contains(&Grant::Host(SiteId(site_id))) {
        return Ok(Some(true));
    }
    let Some((commune, epci)) = app::sites::territory_of(&ctx.db, site_id).await? else {
        return Ok(None);
    };
    let in_territory = roles.iter().any(|g| match g {
        Grant::CommuneAdmin(insee) => *insee == commune,
        Grant::EpciAdmin(code) => epci.as_deref() == Some(code.as_str()),
        _ => false,
    });
    Ok(in_territory.then_some(false))
}

async fn link(
    ctx: &Ctx,
    person: &PersonContext,
    scope: Scope,
    rotate: bool,
) -> Result<Json<CalendarLink>, ApiError> {
    let named = match scope {
        Scope::Person => true,
        Scope::Site(site) | Scope::Resource(site, _) => site_rights(ctx, &person.roles, site)
            .await?
            .ok_or(ApiError::Forbidden)?,
    };
    let now = ctx.now;
    let token = if rotate {
        app::calendars::rotate(&ctx.db, person.id.0, scope, now).await?
    } else {
        app::calendars::token_for(&ctx.db, person.id.0, scope, now).await?
    };
    Ok(Json(CalendarLink {
        url: app::calendars::url(&ctx.public_url, &token),
        named,
    }))
}

#[utoipa::path(get, path = paths::MY_CALENDAR, tag = "calendars",
    responses((status = 200, description = "The private URL of the caller's own bookings", body = CalendarLink),
        (status = 401, body = shared::ErrorBody)))]
async fn my_calendar(ctx: Ctx, SignedIn(person): SignedIn) -> Result<Json<CalendarLink>, ApiError> {
    link(&ctx, &person, Scope::Person, false).await
}

#[utoipa::path(post, path = paths::MY_CALENDAR_ROTATE, tag = "calendars",
    responses((status = 200, description = "A new URL; the old one answers 404 from now on", body = CalendarLink),
        (status = 401, body = shared::ErrorBody)))]
async fn rotate_my_calendar(
    ctx: Ctx,
    SignedIn(person): SignedIn,
) -> Result<Json<CalendarLink>, ApiError> {
    link(&ctx, &person, Scope::Person, true).await
}

#[utoipa::path(get, path = paths::SITE_CALENDAR, tag = "calendars",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, description = "The site's feed: with names for its hosts, anonymous for territory administrators", body = CalendarLink),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn site_calendar(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiPath(site_id): ApiPath<i64>,
) -> Result<Json<CalendarLink>, ApiError> {
    link(&ctx, &person, Scope::Site(site_id), false).await
}

#[utoipa::path(post, path = paths::SITE_CALENDAR_ROTATE, tag = "calendars",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, body = CalendarLink), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn rotate_site_calendar(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiPath(site_id): ApiPath<i64>,
) -> Result<Json<CalendarLink>, ApiError> {
    link(&ctx, &person, Scope::Site(site_id), true).await
}

#[utoipa::path(get, path = paths::RESOURCE_CALENDAR, tag = "calendars",
    params(("site_id" = i64, Path, description = "The site"), ("resource_id" = i64, Path, description = "The resource")),
    responses((status = 200, body = CalendarLink), (status = 401, body = shared::ErrorBody),
        (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody)))]
async fn resource_calendar(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiPath((site_id, resource_id)): ApiPath<(i64, i64)>,
) -> Result<Json<CalendarLink>, ApiError> {
    // The resource belongs to the site: checked before (auth::policy::SITE_CHILDREN).
    link(&ctx, &person, Scope::Resource(site_id, resource_id), false).await
}

#[utoipa::path(post, path = paths::RESOURCE_CALENDAR_ROTATE, tag = "calendars",
    params(("site_id" = i64, Path, description = "The site"), ("resource_id" = i64, Path, description = "The resource")),
    responses((status = 200, description = "A new URL; the old one answers 404 from now on", body = CalendarLink),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody)))]
async fn rotate_resource_calendar(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiPath((site_id, resource_id)): ApiPath<(i64, i64)>,
) -> Result<Json<CalendarLink>, ApiError> {
    link(&ctx, &person, Scope::Resource(site_id, resource_id), true).await
}

#[utoipa::path(get, path = paths::FEED, tag = "calendars",
    params(("token" = String, Path, description = "The feed's secret, as in its URL (with `.ics`)")),
    responses((status = 200, description = "An iCalendar feed", content_type = "text/calendar"),
        (status = 304, description = "Unchanged since the `ETag` given in `If-None-Match`"),
        (status = 404, description = "No such feed, or its link was replaced", body = shared::ErrorBody)))]
async fn feed(
    ctx: Ctx,
    ApiPath(token): ApiPath<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let gone = || ApiError::NotFound("There is no such calendar.".to_owned());
    // A deleted account's link finds nothing.
    let (feed, scope, version) = app::calendars::by_token(&ctx.db, &token)
        .await?
        .ok_or_else(gone)?;
    // The owner's rights are checked at every read: a host who leaves a site loses its feed.
    let named = match scope {
        Scope::Person => true,
        Scope::Site(site) | Scope::Resource(site, _) => {
            let roles = crate::auth::policy::grants_of(&ctx, feed.person_id).await?;
            site_rights(&ctx, &roles, site).await?.ok_or_else(gone)?
        }
    };
    let now = ctx.now;
    let etag = app::calendars::etag(&feed, scope, version, now, named);
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| none_match(v, &etag));
    let etag_header = HeaderValue::from_str(&etag).map_err(|e| ApiError::Internal(e.into()))?;
    let cache = HeaderValue::from_static("private, no-cache");
    if unchanged {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_header), (header::CACHE_CONTROL, cache)],
        )
            .into_response());
    }
    let body = app::calendars::render(&ctx.db, &feed, scope, &ctx.public_url, now, named).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (header::ETAG, etag_header),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response())
}

/// Whether `If-None-Match` names the current version: `*`, or one of its
/// tags by the weak comparison RFC 9110 asks for here (`W/"x"` matches `"x"`).
fn none_match(header: &str, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    header.trim() == "*" || header.split(',').any(|tag| opaque(tag) == opaque(etag))
}

#[cfg(test)]
mod tests {
    use super::none_match;

    #[test]
    fn if_none_match_compares_weakly_and_takes_a_star() {
        let etag = "\"p7-v3\"";
        assert!(none_match("\"p7-v3\"", etag));
        assert!(none_match("W/\"p7-v3\"", etag));
        assert!(none_match("\"other\", W/\"p7-v3\"", etag));
        assert!(none_match("*", etag));
        assert!(!none_match("\"p7-v2\"", etag));
        assert!(!none_match("", etag));
    }
}
