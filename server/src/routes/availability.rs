//! `GET /api/v1/availability`: free intervals of every resource on a day.

use axum::Json;
use serde::Deserialize;
use shared::api::{Availability, ResourceKind};
use shared::error::codes;
use shared::ids::SiteId;
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::bookings::parse_date;
use super::context::Ctx;
use crate::app;
use crate::app::bookings::Search;
use crate::error::{ApiError, ApiQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(availability))
        .routes(routes!(availability_week))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct AvailabilityQuery {
    /// Local date, YYYY-MM-DD (the first day, for the week form).
    date: String,
    /// Only this kind of resource: `desk`, `meeting_room`, `phone_booth`.
    kind: Option<String>,
    /// Sort sites by distance from this site.
    near_site: Option<i64>,
    /// Sort sites by distance from this point (with `lon`).
    lat: Option<f64>,
    lon: Option<f64>,
    /// Comma-separated amenities every site shown must have (`wifi,printer`).
    amenities: Option<String>,
}

async fn search(ctx: &Ctx, query: &AvailabilityQuery) -> Result<Search, ApiError> {
    let kind = match query.kind.as_deref().filter(|k| !k.is_empty()) {
        None => None,
        Some(text) => Some(ResourceKind::parse(text).ok_or_else(|| {
            ApiError::bad_request(
                codes::BAD_REQUEST,
                format!("Unknown resource kind '{text}'."),
            )
        })?),
    };
    let near = match (query.near_site, query.lat, query.lon) {
        (Some(site), _, _) => {
            let sites = app::sites::list(&ctx.db).await?;
            let site = sites.iter().find(|s| s.id == SiteId(site)).ok_or_else(|| {
                ApiError::bad_request(codes::BAD_REQUEST, "There is no such site.")
            })?;
            Some((site.latitude, site.longitude))
        }
        (None, Some(lat), Some(lon))
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
        {
            Some((lat, lon))
        }
        (None, None, None) => None,
        _ => {
            return Err(ApiError::bad_request(
                codes::BAD_REQUEST,
                "Give both lat and lon, in degrees.",
            ));
        }
    };
    let amenities: Vec<String> = query
        .amenities
        .as_deref()
        .map(|a| {
            a.split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    // An unknown amenity is a mistake to say, like an unknown kind, not a
    // filter that quietly finds nothing.
    if let Some(unknown) = amenities
        .iter()
        .find(|a| !shared::site_checks::AMENITIES.contains(&a.as_str()))
    {
        let shown: String = unknown.chars().take(40).collect();
        return Err(ApiError::bad_request(
            codes::BAD_REQUEST,
            format!("Unknown amenity '{shown}'."),
        ));
    }
    Ok(Search {
        kind,
        near,
        amenities,
    })
}

#[utoipa::path(get, path = paths::AVAILABILITY, tag = "bookings", params(AvailabilityQuery),
    responses((status = 200, body = Availability), (status = 400, description = "`invalid_date` or bad filter", body = shared::ErrorBody)))]
async fn availability(
    ctx: Ctx,
    ApiQuery(query): ApiQuery<AvailabilityQuery>,
) -> Result<Json<Availability>, ApiError> {
    let day = parse_date(&query.date)?;
    let search = search(&ctx, &query).await?;
    Ok(Json(
        app::bookings::availability(&ctx.db, day, &search).await?,
    ))
}

#[utoipa::path(get, path = paths::AVAILABILITY_WEEK, tag = "bookings", params(AvailabilityQuery),
    responses((status = 200, description = "Seven days from `date`", body = Vec<Availability>), (status = 400, body = shared::ErrorBody)))]
async fn availability_week(
    ctx: Ctx,
    ApiQuery(query): ApiQuery<AvailabilityQuery>,
) -> Result<Json<Vec<Availability>>, ApiError> {
    let first = parse_date(&query.date)?;
    let search = search(&ctx, &query).await?;
    Ok(Json(
        app::bookings::availability_of_days(&ctx.db, first, 7, &search).await?,
    ))
}
