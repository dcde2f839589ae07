//! People without e-mail whom a site's hosts create at the desk and act for.

use axum::Json;
use axum::http::StatusCode;
use shared::api::{AssistedPerson, NewAssistedPerson, SetEmail};
use shared::ids::{PersonId, SiteId};
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::ClientIp;
use super::context::Ctx;
use crate::app;
use crate::db;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::mail;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_assisted, create_assisted))
        .routes(routes!(set_email))
}

#[utoipa::path(get, path = paths::ASSISTED_PEOPLE, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), super::Page),
    responses((status = 200, body = Vec<AssistedPerson>),
        (status = 401, body = shared::ErrorBody), (status = 403, description = "Not a host of this site", body = shared::ErrorBody)))]
async fn list_assisted(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    ApiQuery(page): ApiQuery<super::Page>,
) -> Result<Json<Vec<AssistedPerson>>, ApiError> {
    let (limit, offset) = page.window()?;
    Ok(Json(
        app::people::assisted_people(&ctx.db, SiteId(site_id), limit, offset).await?,
    ))
}

#[utoipa::path(post, path = paths::ASSISTED_PEOPLE, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    request_body = NewAssistedPerson,
    responses((status = 201, body = AssistedPerson), (status = 400, body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, description = "Not a host of this site", body = shared::ErrorBody)))]
async fn create_assisted(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewAssistedPerson>,
) -> Result<(StatusCode, Json<AssistedPerson>), ApiError> {
    let created = app::people::create_assisted(&ctx.db, SiteId(site_id), new, ctx.now).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(put, path = paths::ASSISTED_EMAIL, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), ("person_id" = i64, Path, description = "The assisted person")),
    request_body = SetEmail,
    responses((status = 202, description = "The address waits for its owner: a mail asks them to confirm it by signing in (the same answer whether or not the address already has an account; its owner is told by mail)", body = AssistedPerson),
        (status = 400, body = shared::ErrorBody),
        (status = 404, description = "No such person at this site", body = shared::ErrorBody),
        (status = 409, description = "`email_locked`: the person has an address of their own, which only they change", body = shared::ErrorBody)))]
async fn set_email(
    ctx: Ctx,
    ClientIp(client): ClientIp,
    ApiPath((site_id, person_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<SetEmail>,
) -> Result<(StatusCode, Json<AssistedPerson>), ApiError> {
    let email = super::auth::normalise_email(&body.email)?;
    // It mails the address: the same limits as asking for a sign-in code.
    ctx.limits.check_request(&email, client)?;
    let now = ctx.now;
    let site = app::sites::name_of(&ctx.db, SiteId(site_id)).await?;
    let person = {
        let _writer = ctx.write_gate.enter().await;
        let txn = db::begin_write(&ctx.db).await?;
        let (person, outcome, language) =
            app::people::set_pending_email(&txn, SiteId(site_id), PersonId(person_id), &email, now)
                .await?;
        // Both cases store a challenge for the address, so that nothing
        // later (a code check answering 400 rather than 410) tells the host
        // which case it was; only the free address's mail carries the code.
        let confirms = matches!(outcome, app::people::PendingAddress::Free).then_some(person.id.0);
        let challenge =
            super::auth::new_challenge(&ctx, &txn, &email, language, confirms, now).await?;
        let mail = match (outcome, challenge) {
            (app::people::PendingAddress::Free, Some((code, link))) => {
                Some(mail::templates::address_to_confirm(
                    &email,
                    language,
                    &site,
                    &person.display_name,
                    &code,
                    &link,
                    app::sign_in::VALIDITY.num_minutes(),
                ))
            }
            // Codes already live for it are in its owner's mailbox.
            (app::people::PendingAddress::Free, None) => None,
            (app::people::PendingAddress::Taken, _) => {
                Some(mail::templates::address_in_use(&email, language, &site))
            }
        };
        if let Some(mail) = mail {
            mail::enqueue(&txn, mail, now).await?;
        }
        txn.commit().await?;
        person
    };
    ctx.wake_mail();
    Ok((StatusCode::ACCEPTED, Json(person)))
}
