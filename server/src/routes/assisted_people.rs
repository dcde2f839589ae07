//! People without e-mail whom a site's hosts create at the desk and act for.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use email_address::EmailAddress;
use shared::api::{AssistedPerson, NewAssistedPerson, SetEmail};
use shared::error::codes;
use shared::ids::{PersonId, SiteId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_assisted, create_assisted))
        .routes(routes!(set_email))
}

#[utoipa::path(get, path = "/api/v1/sites/{site_id}/assisted-people", tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, body = Vec<AssistedPerson>),
        (status = 401, body = shared::ErrorBody), (status = 403, description = "Not a host of this site", body = shared::ErrorBody)))]
async fn list_assisted(
    State(state): State<AppState>,
    ApiPath(site_id): ApiPath<i64>,
) -> Result<Json<Vec<AssistedPerson>>, ApiError> {
    Ok(Json(
        db::people::assisted_people(&state.db, SiteId(site_id)).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/sites/{site_id}/assisted-people", tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    request_body = NewAssistedPerson,
    responses((status = 201, body = AssistedPerson), (status = 400, body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, description = "Not a host of this site", body = shared::ErrorBody)))]
async fn create_assisted(
    State(state): State<AppState>,
    ApiPath(site_id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewAssistedPerson>,
) -> Result<(StatusCode, Json<AssistedPerson>), ApiError> {
    let created =
        db::people::create_assisted(&state.db, SiteId(site_id), new, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(put, path = "/api/v1/sites/{site_id}/assisted-people/{person_id}/email", tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), ("person_id" = i64, Path, description = "The assisted person")),
    request_body = SetEmail,
    responses((status = 200, body = AssistedPerson), (status = 400, body = shared::ErrorBody),
        (status = 404, description = "No such person at this site", body = shared::ErrorBody),
        (status = 409, description = "Address used by another account (`email_taken`)", body = shared::ErrorBody)))]
async fn set_email(
    State(state): State<AppState>,
    ApiPath((site_id, person_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<SetEmail>,
) -> Result<Json<AssistedPerson>, ApiError> {
    let email = body.email.trim().to_lowercase();
    if !EmailAddress::is_valid(&email) {
        return Err(ApiError::bad_request(
            codes::INVALID_EMAIL,
            "This does not look like an e-mail address.",
        ));
    }
    Ok(Json(
        db::people::set_assisted_email(&state.db, SiteId(site_id), PersonId(person_id), &email)
            .await?,
    ))
}
