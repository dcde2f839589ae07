//! The network's sites: listed for everyone; created and retired by network
//! administrators; their settings, hours and resources edited by their hosts.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::api::{Resource, ResourceInput, Site, SiteInput};
use shared::ids::{ResourceId, SiteId};
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::auth::{Principal, SignedIn};
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::state::AppState;
use crate::{app, domain};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sites, create_site))
        .routes(routes!(site_directory))
        .routes(routes!(one_site, update_site, retire_site))
        .routes(routes!(add_resource))
        .routes(routes!(update_resource, retire_resource))
}

#[utoipa::path(
    get,
    path = paths::SITES,
    tag = "sites",
    responses((status = 200, description = "Sites open to bookings, by name", body = Vec<Site>))
)]
async fn list_sites(ctx: Ctx, principal: Principal) -> Result<Json<Vec<Site>>, ApiError> {
    let sites = app::sites::list(&ctx.db).await?;
    Ok(Json(
        sites
            .into_iter()
            .map(|s| for_caller(s, &principal))
            .collect(),
    ))
}

/// How to get in (a key box's place, a keypad) is for the site's hosts to
/// edit and for people with a booking to read on their pass: not for everyone.
fn for_caller(mut site: Site, principal: &Principal) -> Site {
    let hosts = matches!(principal, Principal::Person(p) if p.may_host(site.id));
    if !hosts {
        site.door.how_to_get_in = String::new();
    }
    site
}

#[utoipa::path(
    get,
    path = paths::SITE_DIRECTORY,
    tag = "sites",
    responses((status = 200, description = "The same sites as a plain web page (addresses, opening hours, how to book with the host), for a browser without JavaScript", body = String, content_type = "text/html"))
)]
async fn site_directory(ctx: Ctx) -> Result<Response, ApiError> {
    let sites = app::sites::list(&ctx.db).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        domain::site_directory::page(&sites),
    )
        .into_response())
}

async fn site_by_id(ctx: &Ctx, id: SiteId) -> Result<Site, ApiError> {
    app::sites::list(&ctx.db)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| ApiError::NotFound("There is no such site.".to_owned()))
}

#[utoipa::path(get, path = paths::SITE, tag = "sites",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, body = Site), (status = 404, body = shared::ErrorBody)))]
async fn one_site(
    ctx: Ctx,
    principal: Principal,
    ApiPath(site_id): ApiPath<i64>,
) -> Result<Json<Site>, ApiError> {
    let site = site_by_id(&ctx, SiteId(site_id)).await?;
    Ok(Json(for_caller(site, &principal)))
}

#[utoipa::path(post, path = paths::SITES, tag = "administration", request_body = SiteInput,
    responses((status = 201, body = Site),
        (status = 400, description = "`invalid_name`, `invalid_text`, `invalid_address`, `invalid_postcode`, `invalid_phone`, `invalid_coordinates`, `invalid_time_zone`, `invalid_amenities`, `invalid_rules`, `invalid_hours`, `unknown_commune`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn create_site(
    ctx: Ctx,
    ApiJson(input): ApiJson<SiteInput>,
) -> Result<(StatusCode, Json<Site>), ApiError> {
    let id = app::site_admin::create(&ctx.db, &input, ctx.now).await?;
    Ok((StatusCode::CREATED, Json(site_by_id(&ctx, id).await?)))
}

#[utoipa::path(put, path = paths::SITE, tag = "hosts", request_body = SiteInput,
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, body = Site),
        (status = 400, description = "As for creating a site", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 403, description = "Not a host of the site, or `commune_locked`: only network administrators move a site to another commune", body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody)))]
async fn update_site(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiPath(site_id): ApiPath<i64>,
    ApiJson(input): ApiJson<SiteInput>,
) -> Result<Json<Site>, ApiError> {
    // A site's commune decides whose statistics and policies it falls under:
    // only the network's administrators move it.
    let may_move = person.is_network_admin();
    app::site_admin::update(&ctx.db, SiteId(site_id), &input, may_move).await?;
    Ok(Json(site_by_id(&ctx, SiteId(site_id)).await?))
}

#[utoipa::path(delete, path = paths::SITE, tag = "administration",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 204, description = "Retired: no longer offered; its history stays"),
        (status = 409, description = "`has_future_bookings`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody)))]
async fn retire_site(ctx: Ctx, ApiPath(site_id): ApiPath<i64>) -> Result<StatusCode, ApiError> {
    app::site_admin::retire(&ctx.db, &ctx.write_gate, SiteId(site_id), ctx.now).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn resource_of(ctx: &Ctx, site: SiteId, id: ResourceId) -> Result<Resource, ApiError> {
    site_by_id(ctx, site)
        .await?
        .resources
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| ApiError::NotFound("There is no such resource at this site.".to_owned()))
}

#[utoipa::path(post, path = paths::SITE_RESOURCES, tag = "hosts", request_body = ResourceInput,
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 201, body = Resource),
        (status = 400, description = "`invalid_name`, `invalid_capacity`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody)))]
async fn add_resource(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    ApiJson(input): ApiJson<ResourceInput>,
) -> Result<(StatusCode, Json<Resource>), ApiError> {
    let site = SiteId(site_id);
    let id = app::site_admin::add_resource(&ctx.db, site, &input, ctx.now).await?;
    Ok((
        StatusCode::CREATED,
        Json(resource_of(&ctx, site, id).await?),
    ))
}

#[utoipa::path(put, path = paths::SITE_RESOURCE, tag = "hosts", request_body = ResourceInput,
    params(("site_id" = i64, Path, description = "The site"), ("resource_id" = i64, Path, description = "The resource")),
    responses((status = 200, body = Resource),
        (status = 400, description = "`invalid_name`, `invalid_capacity`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody)))]
async fn update_resource(
    ctx: Ctx,
    ApiPath((site_id, resource_id)): ApiPath<(i64, i64)>,
    ApiJson(input): ApiJson<ResourceInput>,
) -> Result<Json<Resource>, ApiError> {
    let (site, id) = (SiteId(site_id), ResourceId(resource_id));
    app::site_admin::update_resource(&ctx.db, site, id, &input).await?;
    Ok(Json(resource_of(&ctx, site, id).await?))
}

#[utoipa::path(delete, path = paths::SITE_RESOURCE, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), ("resource_id" = i64, Path, description = "The resource")),
    responses((status = 204, description = "Retired: no longer bookable; its history stays"),
        (status = 409, description = "`has_future_bookings`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody)))]
async fn retire_resource(
    ctx: Ctx,
    ApiPath((site_id, resource_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    app::site_admin::retire_resource(
        &ctx.db,
        &ctx.write_gate,
        SiteId(site_id),
        ResourceId(resource_id),
        ctx.now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
