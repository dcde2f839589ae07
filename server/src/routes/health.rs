//! `GET /healthz`: 200 when the database answers, 503 otherwise.

use axum::Json;
use shared::api::Health;
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz))
}

#[utoipa::path(
    get,
    path = paths::HEALTHZ,
    tag = "system",
    responses(
        (status = 200, description = "The server and its database answer", body = Health),
        (status = 503, description = "The database does not answer", body = shared::ErrorBody)
    )
)]
async fn healthz(ctx: Ctx) -> Result<Json<Health>, ApiError> {
    ctx.db.ping().await.map_err(|error| {
        tracing::warn!(%error, "health check: database does not answer");
        ApiError::Unavailable
    })?;
    Ok(Json(Health {
        status: "ok".to_owned(),
    }))
}
