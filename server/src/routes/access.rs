//! Door access over HTTP: the network's public keys, a booking's pass,
//! check-in and check-out, what door controllers ask, download and upload,
//! the site's poster, the host's live view (a stream of server-sent events)
//! and the access log.

use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use shared::api::{
    AccessLogLine, ApiKeyScope, Booking, DoorEntries, DoorList, EntriesRecorded, Jwk, Jwks,
    LiveBoard, Pass, Poster, PosterCheckIn, Verdict, VerifyRequest,
};
use shared::ids::{ApiKeyId, BookingId, SiteId};
use shared::routes as paths;
use tokio::sync::broadcast::error::RecvError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::Page;
use super::context::Ctx;
use crate::app::access::{board, doors, keys, log, passes, presence};
use crate::auth::{Principal, SignedIn};
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;

/// A board is sent again at least this often, so "free now" follows the clock.
const BOARD_EVERY: Duration = Duration::from_secs(30);
/// A stream ends after this long; the browser opens it again at once, and
/// the rights are checked again (a host who lost the role, a session
/// signed out everywhere, get no more boards).
const STREAM_AT_MOST: Duration = Duration::from_secs(10 * 60);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(jwks))
        .routes(routes!(pass))
        .routes(routes!(check_in))
        .routes(routes!(check_out))
        .routes(routes!(verify))
        .routes(routes!(door_list))
        .routes(routes!(upload_entries))
        .routes(routes!(rotate_keys))
        .routes(routes!(live))
        .routes(routes!(site_board))
        .routes(routes!(poster))
        .routes(routes!(poster_check_in))
        .routes(routes!(access_log))
}

/// The keyed hash of the server's secret, for pseudonyms and poster codes.
fn seal(ctx: &Ctx) -> impl Fn(&str, &str) -> String + Sync + '_ {
    move |purpose, value| ctx.keys.hash(purpose, value)
}

/// The door's key and its site; anyone else is refused.
fn door(principal: &Principal) -> Result<(ApiKeyId, SiteId), ApiError> {
    match principal {
        Principal::Machine(machine) => match machine.scope {
            ApiKeyScope::Site { site_id } => Ok((machine.key_id, site_id)),
            ApiKeyScope::StatsRead => Err(ApiError::Forbidden),
        },
        Principal::Person(_) => Err(ApiError::Forbidden),
        Principal::Anonymous => Err(ApiError::Unauthorized),
    }
}

#[utoipa::path(get, path = paths::JWKS, tag = "access",
    responses((status = 200, description = "The Ed25519 keys passes are signed with (RFC 8037)", body = Jwks)))]
async fn jwks(ctx: Ctx) -> Result<Json<Jwks>, ApiError> {
    Ok(Json(keys::jwks(&ctx.db, ctx.now).await?))
}

#[utoipa::path(get, path = paths::BOOKING_PASS, tag = "access",
    params(("booking_id" = i64, Path, description = "The booking")),
    responses((status = 200, description = "The pass: a signed token, its QR code and a PIN", body = Pass),
        (status = 401, body = shared::ErrorBody),
        (status = 404, description = "No such booking of yours or of a site you host", body = shared::ErrorBody),
        (status = 409, description = "`booking_not_active`: cancelled or released", body = shared::ErrorBody)))]
async fn pass(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath(booking_id): ApiPath<i64>,
) -> Result<Json<Pass>, ApiError> {
    let pass = passes::of_booking(
        &ctx.db,
        &caller,
        BookingId(booking_id),
        &ctx.public_url,
        ctx.now,
    )
    .await?;
    Ok(Json(pass))
}

#[utoipa::path(post, path = paths::BOOKING_CHECK_IN, tag = "access",
    params(("booking_id" = i64, Path, description = "The booking")),
    responses((status = 200, description = "Checked in (already in: unchanged)", body = Booking),
        (status = 401, body = shared::ErrorBody),
        (status = 404, description = "No such booking of yours or of a site you host", body = shared::ErrorBody),
        (status = 409, description = "`too_early`, `booking_over`, `booking_not_active`", body = shared::ErrorBody)))]
async fn check_in(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath(booking_id): ApiPath<i64>,
) -> Result<Json<Booking>, ApiError> {
    let booking = presence::check_in(&ctx.db, &caller, BookingId(booking_id), ctx.now).await?;
    ctx.live.touch(booking.site_id.0);
    Ok(Json(booking))
}

#[utoipa::path(post, path = paths::BOOKING_CHECK_OUT, tag = "access",
    params(("booking_id" = i64, Path, description = "The booking")),
    responses((status = 200, description = "Checked out: the place is free for the rest of the booking", body = Booking),
        (status = 401, body = shared::ErrorBody),
        (status = 404, description = "No such booking of yours or of a site you host", body = shared::ErrorBody),
        (status = 409, description = "`not_checked_in`, `booking_not_active`", body = shared::ErrorBody)))]
async fn check_out(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath(booking_id): ApiPath<i64>,
) -> Result<Json<Booking>, ApiError> {
    let booking = presence::check_out(&ctx.db, &caller, BookingId(booking_id), ctx.now).await?;
    ctx.live.touch(booking.site_id.0);
    Ok(Json(booking))
}

#[utoipa::path(post, path = paths::ACCESS_VERIFY, tag = "access", request_body = VerifyRequest,
    responses((status = 200, description = "Whether the door opens; an allowed entry checks the booking in", body = Verdict),
        (status = 400, description = "Neither or both of `token` and `pin`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 403, description = "Not a door's API key", body = shared::ErrorBody),
        (status = 429, description = "`rate_limited`: too many PINs at this door (20, then one every 6 seconds)", body = shared::ErrorBody)))]
async fn verify(
    ctx: Ctx,
    principal: Principal,
    ApiJson(request): ApiJson<VerifyRequest>,
) -> Result<Json<Verdict>, ApiError> {
    let (key, site) = door(&principal)?;
    if request.pin.is_some() {
        ctx.limits.check_door_pin(key.0)?;
    }
    Ok(Json(
        doors::verify(&ctx.db, site, &ctx.public_url, request, ctx.now).await?,
    ))
}

#[utoipa::path(get, path = paths::ACCESS_DOOR_LIST, tag = "access",
    responses((status = 200, description = "The door's site today: keys, PINs, revoked passes", body = DoorList),
        (status = 401, body = shared::ErrorBody),
        (status = 403, description = "Not a door's API key", body = shared::ErrorBody)))]
async fn door_list(ctx: Ctx, principal: Principal) -> Result<Json<DoorList>, ApiError> {
    let (_, site) = door(&principal)?;
    Ok(Json(doors::door_list(&ctx.db, site, ctx.now).await?))
}

#[utoipa::path(post, path = paths::ACCESS_ENTRIES, tag = "access", request_body = DoorEntries,
    responses((status = 200, description = "Recorded; entries sent before are counted once", body = EntriesRecorded),
        (status = 400, description = "`bad_request` (more than 1,000, or a bad `entry_id`), `invalid_date`", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 403, description = "Not a door's API key", body = shared::ErrorBody)))]
async fn upload_entries(
    ctx: Ctx,
    principal: Principal,
    ApiJson(entries): ApiJson<DoorEntries>,
) -> Result<Json<EntriesRecorded>, ApiError> {
    let (key, site) = door(&principal)?;
    let recorded = doors::upload(&ctx.db, key, site, entries, ctx.now).await?;
    ctx.live.touch(site.0);
    Ok(Json(recorded))
}

#[utoipa::path(post, path = paths::ACCESS_KEYS_ROTATE, tag = "access",
    responses((status = 200, description = "The new signing key; older ones stay published until their passes expire", body = Jwk),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody)))]
async fn rotate_keys(ctx: Ctx) -> Result<Json<Jwk>, ApiError> {
    Ok(Json(keys::rotate(&ctx.db, ctx.now).await?))
}

#[utoipa::path(get, path = paths::SITE_BOARD, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, description = "Who is expected, who is in, what is free", body = LiveBoard),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody)))]
async fn site_board(ctx: Ctx, ApiPath(site_id): ApiPath<i64>) -> Result<Json<LiveBoard>, ApiError> {
    Ok(Json(board::board(&ctx.db, SiteId(site_id), ctx.now).await?))
}

fn board_event(board: &LiveBoard) -> Event {
    Event::default()
        .event("board")
        .json_data(board)
        .unwrap_or_else(|_| Event::default().comment("board unavailable"))
}

/// Waits until a booking of `site` changes (or `BOARD_EVERY` passes);
/// `false` when the hub is gone.
async fn next_change(changes: &mut tokio::sync::broadcast::Receiver<i64>, site: i64) -> bool {
    let deadline = tokio::time::sleep(BOARD_EVERY);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            () = &mut deadline => return true,
            got = changes.recv() => match got {
                Ok(changed) if changed == site => break,
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => break,
                Err(RecvError::Closed) => return false,
            },
        }
    }
    // A burst of changes (a series, a door's upload) makes one board.
    tokio::time::sleep(Duration::from_millis(150)).await;
    while let Ok(_) | Err(tokio::sync::broadcast::error::TryRecvError::Lagged(_)) =
        changes.try_recv()
    {}
    true
}

#[utoipa::path(get, path = paths::SITE_LIVE, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, description = "Server-sent events: `board`, a LiveBoard as JSON, at once and within 2 seconds of every change to the site's bookings", content_type = "text/event-stream", body = LiveBoard),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody)))]
async fn live(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    // Subscribed before the first board, so no change falls between them.
    let changes = ctx.live.subscribe();
    let first = board::board(&ctx.db, SiteId(site_id), ctx.now).await?;
    let until = tokio::time::Instant::now() + STREAM_AT_MOST;
    let stream = futures_util::stream::unfold(
        (Some(first), changes, ctx),
        move |(first, mut changes, ctx)| async move {
            if let Some(board) = first {
                return Some((Ok(board_event(&board)), (None, changes, ctx)));
            }
            let changed = tokio::time::timeout_at(until, next_change(&mut changes, site_id)).await;
            if changed != Ok(true) {
                return None;
            }
            let board = board::board(&ctx.db, SiteId(site_id), ctx.clock.now())
                .await
                .ok()?;
            Some((Ok(board_event(&board)), (None, changes, ctx)))
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

#[utoipa::path(get, path = paths::SITE_POSTER, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site")),
    responses((status = 200, description = "Today's poster: people scan it to check in", body = Poster),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody)))]
async fn poster(ctx: Ctx, ApiPath(site_id): ApiPath<i64>) -> Result<Json<Poster>, ApiError> {
    let seal = seal(&ctx);
    Ok(Json(
        presence::poster(&ctx.db, SiteId(site_id), &ctx.public_url, &seal, ctx.now).await?,
    ))
}

#[utoipa::path(post, path = paths::SITE_CHECK_IN, tag = "access", request_body = PosterCheckIn,
    params(("site_id" = i64, Path, description = "The site whose poster was scanned")),
    responses((status = 200, description = "Your booking there is checked in", body = Booking),
        (status = 400, description = "`invalid_code`: not today's poster of this site", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody),
        (status = 409, description = "`no_booking_now`", body = shared::ErrorBody)))]
async fn poster_check_in(
    ctx: Ctx,
    SignedIn(caller): SignedIn,
    ApiPath(site_id): ApiPath<i64>,
    ApiJson(body): ApiJson<PosterCheckIn>,
) -> Result<Json<Booking>, ApiError> {
    let seal = seal(&ctx);
    let booking = presence::by_poster(
        &ctx.db,
        &caller,
        SiteId(site_id),
        &body.code,
        &seal,
        ctx.now,
    )
    .await?;
    ctx.live.touch(site_id);
    Ok(Json(booking))
}

#[utoipa::path(get, path = paths::SITE_ACCESS_LOG, tag = "hosts",
    params(("site_id" = i64, Path, description = "The site"), Page),
    responses((status = 200, description = "The site's access log, newest first (kept three months)", body = Vec<AccessLogLine>),
        (status = 400, body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody),
        (status = 404, body = shared::ErrorBody)))]
async fn access_log(
    ctx: Ctx,
    ApiPath(site_id): ApiPath<i64>,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<Vec<AccessLogLine>>, ApiError> {
    Ok(Json(
        log::of_site(&ctx.db, SiteId(site_id), page.window()?).await?,
    ))
}
