//! Waiting for a place when every resource of a kind is taken.

use axum::Json;
use axum::http::StatusCode;
use shared::api::{NewWaitlistEntry, WaitlistEntry};
use shared::ids::WaitlistId;
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::app;
use crate::auth::SignedIn;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(join))
        .routes(routes!(mine))
        .routes(routes!(withdraw))
}

#[utoipa::path(post, path = paths::WAITLIST, tag = "bookings", request_body = NewWaitlistEntry,
    responses(
        (status = 201, description = "Waiting; a freed place is booked automatically and announced by mail", body = WaitlistEntry),
        (status = 400, description = "Same codes as a booking", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody),
        (status = 409, description = "`not_full`: a place is free, book it; `already_waiting`: on this list already; `too_many_waiting`: on 10 lists already", body = shared::ErrorBody)))]
async fn join(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiJson(new): ApiJson<NewWaitlistEntry>,
) -> Result<(StatusCode, Json<WaitlistEntry>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(app::waitlist::join(&ctx.db, &ctx.write_gate, &person, new, ctx.now).await?),
    ))
}

#[utoipa::path(get, path = paths::MY_WAITLIST, tag = "bookings",
    responses((status = 200, body = Vec<WaitlistEntry>), (status = 401, body = shared::ErrorBody)))]
async fn mine(ctx: Ctx, SignedIn(person): SignedIn) -> Result<Json<Vec<WaitlistEntry>>, ApiError> {
    Ok(Json(app::waitlist::of_person(&ctx.db, person.id).await?))
}

#[utoipa::path(delete, path = paths::WAITLIST_ENTRY, tag = "bookings",
    params(("entry_id" = i64, Path, description = "The place on the waitlist")),
    responses((status = 204, description = "No longer waiting"), (status = 401, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody)))]
async fn withdraw(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiPath(entry_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    app::waitlist::withdraw(&ctx.db, &person, WaitlistId(entry_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
