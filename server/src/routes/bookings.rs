//! Booking a desk, cancelling it, listing one's bookings and a site's day.

use axum::Json;
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::Deserialize;
use shared::api::{Booking, CancelBooking, NewBooking, NewSeries, SeriesResult};
use shared::error::codes;
use shared::ids::{BookingId, SeriesId, SiteId};
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::app;
use crate::auth::SignedIn;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_booking))
        .routes(routes!(create_series))
        .routes(routes!(cancel_series))
        .routes(routes!(cancel_booking))
        .routes(routes!(my_bookings))
        .routes(routes!(site_day))
}

#[utoipa::path(post, path = paths::BOOKINGS, tag = "bookings", request_body = NewBooking,
    responses(
        (status = 201, description = "Booked", body = Booking),
        (status = 400, description = "Invalid: `invalid_date`, `invalid_interval`, `in_the_past`, `too_far_ahead`, `too_long`, `site_closed`, `outside_opening_hours`, `off_grid`, `resource_retired`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 404, description = "No such resource or person", body = shared::ErrorBody),
        (status = 409, description = "`slot_taken`: someone booked it first", body = shared::ErrorBody)))]
async fn create_booking(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiJson(new): ApiJson<NewBooking>,
) -> Result<(StatusCode, Json<Booking>), ApiError> {
    let booking = app::bookings::create(
        &ctx.db,
        &ctx.write_gate,
        &person,
        new,
        Some(&ctx.letterhead),
        ctx.now,
    )
    .await?;
    ctx.wake_mail();
    Ok((StatusCode::CREATED, Json(booking)))
}

#[utoipa::path(post, path = paths::BOOKING_SERIES, tag = "bookings", request_body = NewSeries,
    responses(
        (status = 201, description = "What was booked, and each occurrence that could not be with its code", body = SeriesResult),
        (status = 400, description = "`invalid_weeks`, `invalid_date`, `invalid_interval`, `resource_retired`", body = shared::ErrorBody),
        (status = 409, description = "`series_refused`: no date could be booked; `refused` beside `error` lists each date with its code", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody)))]
async fn create_series(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiJson(new): ApiJson<NewSeries>,
) -> Result<(StatusCode, Json<SeriesResult>), ApiError> {
    let mut result = app::bookings::create_series(
        &ctx.db,
        &ctx.write_gate,
        &person,
        new,
        &ctx.letterhead,
        ctx.now,
    )
    .await?;
    // Each date's reason in the caller's language, as an error would be.
    for refused in &mut result.refused {
        refused.message =
            crate::error::in_spoken_language(&refused.code, std::mem::take(&mut refused.message));
    }
    ctx.wake_mail();
    Ok((StatusCode::CREATED, Json(result)))
}

#[utoipa::path(delete, path = paths::BOOKING_SERIES_ONE, tag = "bookings",
    params(("series_id" = i64, Path, description = "The series")),
    responses(
        (status = 200, description = "The occurrences still to come, now cancelled", body = Vec<Booking>),
        (status = 401, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody)))]
async fn cancel_series(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiPath(series_id): ApiPath<i64>,
) -> Result<Json<Vec<Booking>>, ApiError> {
    let cancelled = app::bookings::cancel_series(
        &ctx.db,
        &person,
        SeriesId(series_id),
        &ctx.letterhead,
        ctx.now,
    )
    .await?;
    serve_waitlist(&ctx, &cancelled).await;
    Ok(Json(cancelled))
}

#[utoipa::path(delete, path = paths::BOOKING, tag = "bookings",
    params(("booking_id" = i64, Path, description = "The booking")),
    request_body(content = Option<CancelBooking>, description = "An optional reason (hosts)"),
    responses(
        (status = 200, description = "Cancelled", body = Booking),
        (status = 401, body = shared::ErrorBody),
        (status = 404, description = "No such booking of yours or of your site", body = shared::ErrorBody),
        (status = 409, description = "`too_late_to_cancel`", body = shared::ErrorBody)))]
async fn cancel_booking(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiPath(booking_id): ApiPath<i64>,
    body: axum::body::Bytes,
) -> Result<Json<Booking>, ApiError> {
    // The body is optional: DELETE without one is the common case.
    let reason = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        serde_json::from_slice::<CancelBooking>(&body)
            .map_err(|e| ApiError::bad_request(codes::INVALID_JSON, e.to_string()))?
            .reason
    };
    if let Some(reason) = &reason {
        shared::text::CANCEL_REASON
            .check(reason)
            .map_err(|p| ApiError::bad_request(p.code, p.message))?;
    }
    let now = ctx.now;
    let cancelled = app::bookings::cancel(
        &ctx.db,
        &person,
        BookingId(booking_id),
        reason,
        &ctx.letterhead,
        now,
    )
    .await?;
    serve_waitlist(&ctx, std::slice::from_ref(&cancelled)).await;
    Ok(Json(cancelled))
}

#[utoipa::path(get, path = paths::MY_BOOKINGS, tag = "bookings", params(super::Page),
    responses((status = 200, description = "The caller's bookings to come, soonest first (at most 500), then a page of the past ones, most recent first (`limit` and `offset` page through the past)", body = Vec<Booking>),
        (status = 401, body = shared::ErrorBody)))]
async fn my_bookings(
    ctx: Ctx,
    SignedIn(person): SignedIn,
    ApiQuery(page): ApiQuery<super::Page>,
) -> Result<Json<Vec<Booking>>, ApiError> {
    let (limit, offset) = page.window()?;
    Ok(Json(
        app::bookings::of_person(&ctx.db, person.id, ctx.now, limit, offset).await?,
    ))
}

/// Offers the places these cancellations freed to the people waiting. The
/// cancellation stands even if this fails; the failure is logged.
async fn serve_waitlist(ctx: &Ctx, cancelled: &[Booking]) {
    let freed: Vec<app::waitlist::Freed> = cancelled
        .iter()
        .filter_map(|b| {
            Some(app::waitlist::Freed {
                site_id: b.site_id.0,
                kind: b.kind,
                start: chrono::DateTime::parse_from_rfc3339(&b.start)
                    .ok()?
                    .to_utc(),
                end: chrono::DateTime::parse_from_rfc3339(&b.end).ok()?.to_utc(),
            })
        })
        .collect();
    let served =
        app::waitlist::serve(&ctx.db, &ctx.write_gate, &ctx.letterhead, &freed, ctx.now).await;
    match served {
        Ok(()) => ctx.wake_mail(),
        Err(error) => tracing::error!(?error, "waitlist not served after a cancellation"),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DayQuery {
    /// Local date, YYYY-MM-DD.
    date: String,
}

pub fn parse_date(text: &str) -> Result<NaiveDate, ApiError> {
    let invalid = || {
        ApiError::bad_request(
            codes::INVALID_DATE,
            format!("'{text}' is not a date written YYYY-MM-DD."),
        )
    };
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| invalid())?;
    // Far dates would only overflow the arithmetic on instants.
    if !shared::calendar::YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err(invalid());
    }
    Ok(date)
}

#[utoipa::path(get, path = paths::SITE_BOOKINGS, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), DayQuery),
    responses((status = 200, description = "The site's bookings that day, with names", body = Vec<Booking>),
        (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn site_day(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DayQuery>,
) -> Result<Json<Vec<Booking>>, ApiError> {
    let day = parse_date(&query.date)?;
    Ok(Json(
        app::bookings::of_site_day(&ctx.db, SiteId(site_id), day).await?,
    ))
}
