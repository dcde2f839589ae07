//! API keys for machines, managed by network administrators.

use axum::Json;
use axum::http::StatusCode;
use shared::api::{ApiKeyInfo, CreatedApiKey, NewApiKey};
use shared::ids::ApiKeyId;
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::app;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_keys, create_key))
        .routes(routes!(revoke_key))
}

#[utoipa::path(get, path = paths::API_KEYS, tag = "admin",
    responses((status = 200, body = Vec<ApiKeyInfo>), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn list_keys(ctx: Ctx) -> Result<Json<Vec<ApiKeyInfo>>, ApiError> {
    Ok(Json(app::api_keys::list(&ctx.db).await?))
}

#[utoipa::path(post, path = paths::API_KEYS, tag = "admin", request_body = NewApiKey,
    responses((status = 201, description = "The key, shown this once only", body = CreatedApiKey),
        (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn create_key(
    ctx: Ctx,
    ApiJson(new): ApiJson<NewApiKey>,
) -> Result<(StatusCode, Json<CreatedApiKey>), ApiError> {
    let (key, prefix) = crate::auth::api_keys::new_key();
    let key_hash = crate::auth::api_keys::hash(&key);
    Ok((
        StatusCode::CREATED,
        Json(app::api_keys::create(&ctx.db, new, (key, prefix, key_hash), ctx.now).await?),
    ))
}

#[utoipa::path(delete, path = paths::API_KEY, tag = "admin",
    params(("key_id" = i64, Path, description = "The key")),
    responses((status = 204, description = "Revoked"), (status = 404, body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn revoke_key(ctx: Ctx, ApiPath(key_id): ApiPath<i64>) -> Result<StatusCode, ApiError> {
    app::api_keys::revoke(&ctx.db, ApiKeyId(key_id), ctx.now).await?;
    Ok(StatusCode::NO_CONTENT)
}
