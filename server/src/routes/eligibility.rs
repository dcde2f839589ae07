//! Quota eligibility: hosts and territory administrators see what people
//! declared (commune of residence, categories) and confirm it on seeing a
//! proof. Policies that ask for confirmed eligibility count only that.

use axum::Json;
use shared::api::{ConfirmEligibility, PersonEligibility};
use shared::ids::{PersonId, SiteId};
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::app;
use crate::app::eligibility::Desk;
use crate::auth::SignedIn;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_at_site))
        .routes(routes!(confirm_at_site))
        .routes(routes!(list_in_territory))
        .routes(routes!(confirm_in_territory))
}

#[utoipa::path(get, path = paths::SITE_ELIGIBILITY, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), super::Page),
    responses((status = 200, description = "The people the site knows (created at its desk, or who booked there) who declared a commune or a category, those waiting for a proof first within the page, then by name", body = Vec<PersonEligibility>),
        (status = 403, description = "Not a host of this site", body = shared::ErrorBody)))]
async fn list_at_site(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    ApiQuery(page): ApiQuery<super::Page>,
) -> Result<Json<Vec<PersonEligibility>>, ApiError> {
    let (limit, offset) = page.window()?;
    Ok(Json(
        app::eligibility::list(&ctx.db, Desk::Site(SiteId(site_id)), limit, offset).await?,
    ))
}

#[utoipa::path(put, path = paths::SITE_ELIGIBILITY_PERSON, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"),
        ("visitor_id" = i64, Path, description = "A person the site knows")),
    request_body = ConfirmEligibility,
    responses((status = 200, body = PersonEligibility),
        (status = 400, description = "`eligibility_changed`: a category the person has not declared", body = shared::ErrorBody),
        (status = 403, description = "Not a host of this site", body = shared::ErrorBody),
        (status = 404, description = "The site does not know this person", body = shared::ErrorBody),
        (status = 409, description = "`eligibility_changed`: the person changed their commune meanwhile", body = shared::ErrorBody)))]
async fn confirm_at_site(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath((site_id, person_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ConfirmEligibility>,
) -> Result<Json<PersonEligibility>, ApiError> {
    let _writer = ctx.write_gate.enter().await;
    Ok(Json(
        app::eligibility::confirm(
            &ctx.db,
            Desk::Site(SiteId(site_id)),
            caller.id,
            PersonId(person_id),
            &body,
            ctx.now,
        )
        .await?,
    ))
}

#[utoipa::path(get, path = paths::ELIGIBILITY, tag = "quotas",
    params(super::Page),
    responses((status = 200, description = "Residents of the caller's communes and EPCI (everyone for a network administrator) who declared a commune or a category, those waiting for a proof first within the page, then by name", body = Vec<PersonEligibility>),
        (status = 403, description = "Not an administrator", body = shared::ErrorBody)))]
async fn list_in_territory(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiQuery(page): ApiQuery<super::Page>,
) -> Result<Json<Vec<PersonEligibility>>, ApiError> {
    let (limit, offset) = page.window()?;
    Ok(Json(
        app::eligibility::list(&ctx.db, Desk::Territory(&caller), limit, offset).await?,
    ))
}

#[utoipa::path(put, path = paths::ELIGIBILITY_PERSON, tag = "quotas",
    params(("person_id" = i64, Path, description = "A resident of the caller's territory")),
    request_body = ConfirmEligibility,
    responses((status = 200, body = PersonEligibility),
        (status = 400, description = "`eligibility_changed`: a category the person has not declared", body = shared::ErrorBody),
        (status = 403, description = "Not an administrator", body = shared::ErrorBody),
        (status = 404, description = "No such resident in the caller's territory", body = shared::ErrorBody),
        (status = 409, description = "`eligibility_changed`: the person changed their commune meanwhile", body = shared::ErrorBody)))]
async fn confirm_in_territory(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath(person_id): ApiPath<i64>,
    ApiJson(body): ApiJson<ConfirmEligibility>,
) -> Result<Json<PersonEligibility>, ApiError> {
    let _writer = ctx.write_gate.enter().await;
    Ok(Json(
        app::eligibility::confirm(
            &ctx.db,
            Desk::Territory(&caller),
            caller.id,
            PersonId(person_id),
            &body,
            ctx.now,
        )
        .await?,
    ))
}
