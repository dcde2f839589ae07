//! Quotas: what the caller has left, the administration of policies, and a
//! host marking a no-show.

use axum::Json;
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::{Booking, QuotaPolicy, QuotaPolicyInput, QuotaStatus};
use shared::ids::{BookingId, PolicyId};
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::bookings::parse_date;
use super::context::Ctx;
use crate::app;
use crate::auth::SignedIn;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_quotas))
        .routes(routes!(list_policies, create_policy))
        .routes(routes!(update_policy, retire_policy))
        .routes(routes!(no_show))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct QuotaQuery {
    /// A local date (YYYY-MM-DD) in the period to show; today by default.
    date: Option<String>,
}

#[utoipa::path(get, path = paths::MY_QUOTAS, tag = "quotas", params(QuotaQuery),
    responses((status = 200, description = "The policies that apply to the caller, in the order that decides which pays, with what is used and left in the period", body = Vec<QuotaStatus>),
        (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody)))]
async fn my_quotas(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiQuery(query): ApiQuery<QuotaQuery>,
) -> Result<Json<Vec<QuotaStatus>>, ApiError> {
    let date = match query.date {
        Some(text) => parse_date(&text)?,
        None => crate::domain::local_time::local(chrono_tz::Europe::Paris, ctx.now).0,
    };
    let statuses = app::quotas::statuses_of(&ctx.db, caller.id, date)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    Ok(Json(statuses))
}

#[utoipa::path(get, path = paths::QUOTA_POLICIES, tag = "quotas",
    responses((status = 200, description = "Policies in force", body = Vec<QuotaPolicy>),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn list_policies(ctx: Ctx) -> Result<Json<Vec<QuotaPolicy>>, ApiError> {
    Ok(Json(app::quotas::list(&ctx.db).await?))
}

#[utoipa::path(post, path = paths::QUOTA_POLICIES, tag = "quotas", request_body = QuotaPolicyInput,
    responses((status = 201, body = QuotaPolicy),
        (status = 400, description = "`invalid_name`, `invalid_amount`, `unknown_commune`, `unknown_epci`, `unknown_site`, `invalid_json`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 403, description = "Commune and EPCI administrators set policies for sites of their territory only", body = shared::ErrorBody)))]
async fn create_policy(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiJson(input): ApiJson<QuotaPolicyInput>,
) -> Result<(StatusCode, Json<QuotaPolicy>), ApiError> {
    let policy = app::quotas::create(&ctx.db, &caller, &input, ctx.now).await?;
    Ok((StatusCode::CREATED, Json(policy)))
}

#[utoipa::path(put, path = paths::QUOTA_POLICY, tag = "quotas", request_body = QuotaPolicyInput,
    params(("policy_id" = i64, Path, description = "The policy")),
    responses((status = 200, description = "A new version, for bookings from now on", body = QuotaPolicy),
        (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody),
        (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody)))]
async fn update_policy(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath(policy_id): ApiPath<i64>,
    ApiJson(input): ApiJson<QuotaPolicyInput>,
) -> Result<Json<QuotaPolicy>, ApiError> {
    let policy =
        app::quotas::update(&ctx.db, &caller, PolicyId(policy_id), &input, ctx.now).await?;
    Ok(Json(policy))
}

#[utoipa::path(delete, path = paths::QUOTA_POLICY, tag = "quotas",
    params(("policy_id" = i64, Path, description = "The policy")),
    responses((status = 204, description = "No longer applies to new bookings; charges stay"),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody)))]
async fn retire_policy(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath(policy_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    app::quotas::retire(&ctx.db, &caller, PolicyId(policy_id), ctx.now).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = paths::BOOKING_NO_SHOW, tag = "hosts",
    params(("booking_id" = i64, Path, description = "The booking")),
    responses((status = 200, description = "Marked; the policy's no-show cost is charged", body = Booking),
        (status = 401, body = shared::ErrorBody),
        (status = 404, description = "No such booking at a site you host", body = shared::ErrorBody),
        (status = 409, description = "`too_early` (not started), `already_cancelled`", body = shared::ErrorBody)))]
async fn no_show(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath(booking_id): ApiPath<i64>,
) -> Result<Json<Booking>, ApiError> {
    let booking =
        app::bookings::mark_no_show(&ctx.db, &caller, BookingId(booking_id), ctx.now).await?;
    Ok(Json(booking))
}
