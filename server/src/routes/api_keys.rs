//! API keys for machines, managed by network administrators.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use shared::api::{ApiKeyInfo, CreatedApiKey, NewApiKey};
use shared::ids::ApiKeyId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_keys, create_key))
        .routes(routes!(revoke_key))
}

#[utoipa::path(get, path = "/api/v1/admin/api-keys", tag = "admin",
    responses((status = 200, body = Vec<ApiKeyInfo>), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn list_keys(State(state): State<AppState>) -> Result<Json<Vec<ApiKeyInfo>>, ApiError> {
    Ok(Json(db::api_keys::list(&state.db).await?))
}

#[utoipa::path(post, path = "/api/v1/admin/api-keys", tag = "admin", request_body = NewApiKey,
    responses((status = 201, description = "The key, shown this once only", body = CreatedApiKey),
        (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn create_key(
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewApiKey>,
) -> Result<(StatusCode, Json<CreatedApiKey>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(db::api_keys::create(&state.db, new, state.clock.now()).await?),
    ))
}

#[utoipa::path(delete, path = "/api/v1/admin/api-keys/{key_id}", tag = "admin",
    params(("key_id" = i64, Path, description = "The key")),
    responses((status = 204, description = "Revoked"), (status = 404, body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn revoke_key(
    State(state): State<AppState>,
    ApiPath(key_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    db::api_keys::revoke(&state.db, ApiKeyId(key_id), state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
