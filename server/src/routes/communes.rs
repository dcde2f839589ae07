//! `GET /api/v1/communes`: the reference communes, for pickers.

use axum::Json;
use shared::api::Commune;
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::db;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_communes))
}

#[utoipa::path(get, path = paths::COMMUNES, tag = "sites",
    responses((status = 200, description = "Communes by name, with their EPCI", body = Vec<Commune>)))]
async fn list_communes(ctx: Ctx) -> Result<Json<Vec<Commune>>, ApiError> {
    Ok(Json(db::communes::list(&ctx.db).await?))
}
