//! `GET /api/v1/sites`: the network's sites with hours and resources.

use axum::Json;
use axum::extract::State;
use shared::api::Site;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_sites))
}

#[utoipa::path(
    get,
    path = "/api/v1/sites",
    tag = "sites",
    responses((status = 200, description = "Sites open to bookings, by name", body = Vec<Site>))
)]
async fn list_sites(State(state): State<AppState>) -> Result<Json<Vec<Site>>, ApiError> {
    Ok(Json(db::sites::list(&state.db).await?))
}
