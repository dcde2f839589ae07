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
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::mail;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_assisted, create_assisted))
        .routes(routes!(set_email))
}

#[utoipa::path(get, path = "/api/v1/sites/{site_id}/assisted-people", tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), super::Page),
    responses((status = 200, body = Vec<AssistedPerson>),
        (status = 401, body = shared::ErrorBody), (status = 403, description = "Not a host of this site", body = shared::ErrorBody)))]
async fn list_assisted(
    State(state): State<AppState>,
    ApiPath(site_id): ApiPath<i64>,
    ApiQuery(page): ApiQuery<super::Page>,
) -> Result<Json<Vec<AssistedPerson>>, ApiError> {
    let (limit, offset) = page.window()?;
    Ok(Json(
        db::people::assisted_people(&state.db, SiteId(site_id), limit, offset).await?,
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
    responses((status = 202, description = "The address waits for its owner: a mail asks them to confirm it by signing in (the same answer whether or not the address already has an account; its owner is told by mail)", body = AssistedPerson),
        (status = 400, body = shared::ErrorBody),
        (status = 404, description = "No such person at this site", body = shared::ErrorBody),
        (status = 409, description = "`email_locked`: the person has an address of their own, which only they change", body = shared::ErrorBody)))]
async fn set_email(
    State(state): State<AppState>,
    ApiPath((site_id, person_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<SetEmail>,
) -> Result<(StatusCode, Json<AssistedPerson>), ApiError> {
    let email = body.email.trim().to_lowercase();
    if !EmailAddress::is_valid(&email) {
        return Err(ApiError::bad_request(
            codes::INVALID_EMAIL,
            "This does not look like an e-mail address.",
        ));
    }
    let now = state.clock.now();
    let site = db::sites::name_of(&state.db, SiteId(site_id)).await?;
    let person = {
        let _writer = state.write_gate.enter().await;
        let txn = db::begin_write(&state.db).await?;
        let (person, outcome, language) =
            db::people::set_pending_email(&txn, SiteId(site_id), PersonId(person_id), &email, now)
                .await?;
        let mail = match outcome {
            db::people::PendingAddress::Free => {
                // A sign-in code and link for that address: using either confirms it.
                let (code, link) =
                    super::auth::new_challenge(&state, &txn, &email, language, now).await?;
                mail::templates::address_to_confirm(
                    &email,
                    language,
                    &site,
                    &person.display_name,
                    &code,
                    &link,
                    db::sign_in::VALIDITY.num_minutes(),
                )
            }
            db::people::PendingAddress::Taken => {
                mail::templates::address_in_use(&email, language, &site)
            }
        };
        mail::enqueue(&txn, mail, now).await?;
        txn.commit().await?;
        person
    };
    state.mail_wake.notify_one();
    Ok((StatusCode::ACCEPTED, Json(person)))
}
