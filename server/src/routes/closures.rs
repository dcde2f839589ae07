//! A site's closures: listed, added, removed, imported from an iCalendar
//! file or from the address where a calendar is published.

use axum::Json;
use axum::http::StatusCode;
use shared::api::{Closure, ClosureImport, ClosureImportUrl, NewClosure, SkipReason};
use shared::error::codes;
use shared::ids::SiteId;
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::bookings::parse_date;
use super::context::Ctx;
use crate::app;
use crate::db;
use crate::domain::closure_calendar;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, add))
        .routes(routes!(remove))
        .routes(routes!(import))
        .routes(routes!(import_url))
}

#[utoipa::path(get, path = paths::SITE_CLOSURES, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, body = Vec<Closure>), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn list(ctx: Ctx, ApiPath(site_id): ApiPath<i64>) -> Result<Json<Vec<Closure>>, ApiError> {
    Ok(Json(
        app::closures::of_site(&ctx.db, SiteId(site_id)).await?,
    ))
}

#[utoipa::path(post, path = paths::SITE_CLOSURES, tag = "hosts", request_body = NewClosure,
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 201, body = Closure), (status = 400, description = "`invalid_date`, `invalid_interval`, `invalid_name`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn add(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewClosure>,
) -> Result<(StatusCode, Json<Closure>), ApiError> {
    let first = parse_date(&new.first_day)?;
    let last = parse_date(&new.last_day)?;
    let closure = app::closures::add(
        &ctx.db,
        SiteId(site_id),
        first,
        last,
        &new.reason,
        "manual",
        ctx.now,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(closure)))
}

#[utoipa::path(delete, path = paths::SITE_CLOSURE, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), ("closure_id" = i64, Path, description = "The closure")),
    responses((status = 204, description = "Removed"), (status = 404, body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn remove(
    ctx: Ctx,
    ApiPath((site_id, closure_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    app::closures::remove(&ctx.db, SiteId(site_id), closure_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = paths::SITE_CLOSURES_IMPORT, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    request_body(content = String, content_type = "text/calendar", description = "An iCalendar file"),
    responses((status = 201, description = "Closures added, and each event left out with the reason", body = ClosureImport),
        (status = 400, description = "`invalid_calendar` (not a calendar, or no event), `too_many_events` (over 1,000)", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody),
        (status = 413, description = "Over 2 MB", body = shared::ErrorBody)))]
async fn import(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    body: String,
) -> Result<(StatusCode, Json<ClosureImport>), ApiError> {
    let result = import_text(&ctx, SiteId(site_id), &body).await?;
    Ok((StatusCode::CREATED, Json(result)))
}

#[utoipa::path(post, path = paths::SITE_CLOSURES_IMPORT_URL, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    request_body = ClosureImportUrl,
    responses((status = 201, description = "Closures added, and each event left out with the reason", body = ClosureImport),
        (status = 400, description = "`invalid_url`, `calendar_unreachable`, `invalid_calendar`, `too_many_events`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn import_url(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    ApiJson(source): ApiJson<ClosureImportUrl>,
) -> Result<(StatusCode, Json<ClosureImport>), ApiError> {
    // Nothing is fetched for a site that does not exist.
    app::closures::ensure_site(&ctx.db, SiteId(site_id)).await?;
    let text = crate::fetch::calendar(&source.url, ctx.config.allow_private_calendar_urls).await?;
    let result = import_text(&ctx, SiteId(site_id), &text).await?;
    Ok((StatusCode::CREATED, Json(result)))
}

/// The most events one import writes: a year of a commune's closures is a
/// few dozen; more is a mistake (a whole agenda) or an attack on the writer.
pub const MAX_IMPORTED_EVENTS: usize = 1_000;

/// Each event a closure; the events that cannot be used, and the closures
/// the database refuses, reported one by one. All of them are written in one
/// transaction, through the write gate. A text that is not a calendar, has
/// no event, or more than `MAX_IMPORTED_EVENTS`, is a 400 and writes nothing.
async fn import_text(ctx: &Ctx, site_id: SiteId, text: &str) -> Result<ClosureImport, ApiError> {
    let not_a_calendar = || {
        ApiError::bad_request(
            codes::INVALID_CALENDAR,
            "This is not an iCalendar file with events (BEGIN:VCALENDAR … BEGIN:VEVENT).",
        )
    };
    app::closures::ensure_site(&ctx.db, site_id).await?;
    if !text.to_ascii_uppercase().contains("BEGIN:VCALENDAR") {
        return Err(not_a_calendar());
    }
    let reading = closure_calendar::read(text);
    let unreadable = reading
        .skipped
        .iter()
        .all(|s| s.reason == SkipReason::UnreadableCalendar);
    if reading.closures.is_empty() && unreadable {
        return Err(not_a_calendar());
    }
    if reading.closures.len() > MAX_IMPORTED_EVENTS {
        return Err(ApiError::bad_request(
            codes::TOO_MANY_EVENTS,
            format!(
                "This calendar has {} events; an import takes at most {MAX_IMPORTED_EVENTS}. Export only the closures to come.",
                reading.closures.len()
            ),
        ));
    }
    let mut result = ClosureImport {
        imported: Vec::new(),
        skipped: reading.skipped,
    };
    let now = ctx.now;
    let _writer = ctx.write_gate.enter().await;
    let txn = db::begin_write(&ctx.db).await?;
    for closure in reading.closures {
        let added = app::closures::add(
            &txn,
            site_id,
            closure.first_day,
            closure.last_day,
            &closure.reason,
            "ical",
            now,
        )
        .await;
        match added {
            Ok(added) => result.imported.push(added),
            // A broken connection ends the import; a refused closure is reported.
            Err(error @ app::failure::Failure::Database(_)) => return Err(error.into()),
            Err(error) => result.skipped.push(closure_calendar::skipped(
                Some(&closure.reason),
                SkipReason::Refused,
                format!("{}: {error}", closure.reason),
            )),
        }
    }
    txn.commit().await?;
    Ok(result)
}
