//! The signed-in person's own data: profile, export, erasure.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum_extra::extract::CookieJar;
use shared::api::{Me, ProfileUpdate};
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::app;
use crate::auth::{SignedIn, session};
use crate::error::{ApiError, ApiJson};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_me, put_me, delete_me))
        .routes(routes!(export_me))
}

async fn load(ctx: &Ctx, person: &crate::auth::PersonContext) -> Result<Me, ApiError> {
    app::people::me(&ctx.db, person.id)
        .await?
        .ok_or(ApiError::Unauthorized)
}

#[utoipa::path(get, path = paths::ME, tag = "me",
    responses((status = 200, body = Me), (status = 401, description = "Not signed in", body = shared::ErrorBody)))]
async fn get_me(ctx: Ctx, SignedIn(person): SignedIn) -> Result<Json<Me>, ApiError> {
    Ok(Json(load(&ctx, &person).await?))
}

#[utoipa::path(put, path = paths::ME, tag = "me", request_body = ProfileUpdate,
    responses((status = 200, body = Me),
        (status = 400, description = "Unknown commune (`unknown_commune`) or bad name (`invalid_name`)", body = shared::ErrorBody),
        (status = 401, description = "Not signed in", body = shared::ErrorBody)))]
async fn put_me(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiJson(update): ApiJson<ProfileUpdate>,
) -> Result<Json<Me>, ApiError> {
    app::people::update_profile(&ctx.db, person.id, update, ctx.now).await?;
    Ok(Json(load(&ctx, &person).await?))
}

#[utoipa::path(delete, path = paths::ME, tag = "me",
    responses((status = 204, description = "The account and every personal datum are erased: bookings to come are cancelled, waiting lists and series removed, past bookings kept for statistics without anything that names the person"),
        (status = 401, description = "Not signed in", body = shared::ErrorBody)))]
async fn delete_me(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    jar: CookieJar,
) -> Result<(CookieJar, StatusCode), ApiError> {
    let now = ctx.now;
    let freed = {
        let _writer = ctx.write_gate.enter().await;
        app::erasure::erase(&ctx.db, person.id, now).await?
    };
    // The desks they held go to the people waiting, as after any cancellation.
    if let Err(error) =
        app::waitlist::serve(&ctx.db, &ctx.write_gate, &ctx.letterhead, &freed, now).await
    {
        tracing::error!(?error, "waitlist not served after an account was deleted");
    }
    ctx.wake_mail();
    Ok((
        jar.add(session::removal_cookie(ctx.config.is_https())),
        StatusCode::NO_CONTENT,
    ))
}

#[utoipa::path(get, path = paths::ME_EXPORT, tag = "me",
    responses((status = 200, description = "Everything Relais holds on the person, as a JSON file"),
        (status = 401, description = "Not signed in", body = shared::ErrorBody)))]
async fn export_me(ctx: Ctx, SignedIn(person): SignedIn) -> Result<impl IntoResponse, ApiError> {
    let data = app::people::export(&ctx.db, person.id, &ctx.public_url)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"relais-mes-donnees.json\"",
        )],
        Json(data),
    ))
}
