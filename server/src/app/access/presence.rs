//! Checking in and out: by the person (their booking's page, or the site's
//! poster scanned with their signed-in phone) or by a host. The poster's
//! code is per site and changes every day, so a photo of it is useless
//! elsewhere or tomorrow.

use chrono::{DateTime, Duration, Utc};
use shared::api::{AccessAction, AccessSource, Booking, BookingStatus, Poster};
use shared::error::codes;
use shared::ids::{BookingId, SiteId};

use super::passes::{pin_day, qr_svg, status_of, window_of};
use crate::app::failure::Failure;
use crate::app::sign_in::constant_time_eq;
use crate::db::entities::{booking, site};
use crate::db::{self, DatabaseConnection};
use crate::domain::caller::PersonContext;
use crate::domain::door;

/// A keyed one-way name (HMAC of the server's secret), so that what leaves
/// Relais cannot be guessed: `seal(purpose, value)`.
pub type Seal<'a> = &'a (dyn Fn(&str, &str) -> String + Sync);

/// The booking and its site, if the caller is its person or hosts its site.
async fn reach(
    db: &DatabaseConnection,
    caller: &PersonContext,
    id: BookingId,
) -> Result<(booking::Model, site::Model, AccessSource), Failure> {
    let not_found = || Failure::NotFound("There is no such booking.".to_owned());
    let b = db::bookings::booking_by_id(db, id.0)
        .await?
        .ok_or_else(not_found)?;
    let source = if caller.may_host(SiteId(b.site_id)) {
        AccessSource::Host
    } else if b.person_id == Some(caller.id.0) {
        AccessSource::Person
    } else {
        return Err(not_found());
    };
    let site = db::sites::site_by_id(db, b.site_id)
        .await?
        .ok_or_else(not_found)?;
    Ok((b, site, source))
}

async fn answer(db: &DatabaseConnection, id: i64) -> Result<Booking, Failure> {
    let row = db::bookings::booking_by_id(db, id)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such booking.".to_owned()))?;
    crate::app::bookings::with_places(db, vec![row], true)
        .await?
        .pop()
        .ok_or_else(|| Failure::NotFound("There is no such booking.".to_owned()))
}

async fn log(
    db: &DatabaseConnection,
    b: &booking::Model,
    source: AccessSource,
    action: AccessAction,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    db::access::record(
        db,
        db::access::Event {
            site_id: b.site_id,
            booking_id: Some(b.id),
            at: now,
            source: source.as_str(),
            action: action.as_str(),
            reason: None,
        },
    )
    .await?;
    Ok(())
}

/// Checks a booking in, within its pass's window. Already in: nothing changes.
pub async fn check_in(
    db: &DatabaseConnection,
    caller: &PersonContext,
    id: BookingId,
    now: DateTime<Utc>,
) -> Result<Booking, Failure> {
    let (b, site, source) = reach(db, caller, id).await?;
    admit(db, &b, &site, source, now).await?;
    answer(db, b.id).await
}

async fn admit(
    db: &DatabaseConnection,
    b: &booking::Model,
    site: &site::Model,
    source: AccessSource,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    door::may_check_in(status_of(b), window_of(b, site), now)?;
    if db::access::check_in(db, b.id, now).await? == 1 {
        log(db, b, source, AccessAction::CheckIn, now).await?;
        return Ok(());
    }
    // Not changed: already in, or released or cancelled a moment ago.
    let current = db::bookings::booking_by_id(db, b.id).await?;
    match current.as_ref().map(status_of) {
        Some(BookingStatus::CheckedIn) => Ok(()),
        _ => Err(Failure::Conflict {
            code: codes::BOOKING_NOT_ACTIVE,
            message: "This booking was cancelled or released.".to_owned(),
        }),
    }
}

/// Checks a booking out: the place is free again for the rest of its time.
pub async fn check_out(
    db: &DatabaseConnection,
    caller: &PersonContext,
    id: BookingId,
    now: DateTime<Utc>,
) -> Result<Booking, Failure> {
    let (b, _, source) = reach(db, caller, id).await?;
    door::may_check_out(status_of(&b))?;
    if db::access::check_out(db, b.id, now).await? == 1 {
        log(db, &b, source, AccessAction::CheckOut, now).await?;
    }
    answer(db, b.id).await
}

/// The poster's code for a site on its local day of `now`.
fn poster_code(site: &site::Model, now: DateTime<Utc>, seal: Seal<'_>) -> String {
    let day = pin_day(site, now);
    seal("poster", &format!("{}:{day}", site.id))
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect()
}

/// The site's poster for today, for its hosts to print.
pub async fn poster(
    db: &DatabaseConnection,
    site_id: SiteId,
    public_url: &str,
    seal: Seal<'_>,
    now: DateTime<Utc>,
) -> Result<Poster, Failure> {
    let site = db::sites::site_by_id(db, site_id.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    let code = poster_code(&site, now, seal);
    let url = format!(
        "{public_url}{}?site={}&code={code}",
        shared::routes::pages::CHECK_IN,
        site.id
    );
    Ok(Poster {
        site_id,
        site_name: site.name.clone(),
        day: pin_day(&site, now),
        qr_svg: qr_svg(&url)?,
        code,
        url,
    })
}

/// A person scanned the site's poster: their booking there now (or about to
/// start) is checked in.
pub async fn by_poster(
    db: &DatabaseConnection,
    caller: &PersonContext,
    site_id: SiteId,
    code: &str,
    seal: Seal<'_>,
    now: DateTime<Utc>,
) -> Result<Booking, Failure> {
    let site = db::sites::site_by_id(db, site_id.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    let expected = poster_code(&site, now, seal);
    if code.len() > 32 || !constant_time_eq(code.trim().as_bytes(), expected.as_bytes()) {
        return Err(Failure::invalid(
            codes::INVALID_CODE,
            "This code is not today's: scan the poster at the site again.",
        ));
    }
    let margin = Duration::minutes(i64::from(site.pass_margin_minutes.max(0)));
    let mine = db::bookings::bookings_of_site_between(
        db,
        site.id,
        now,
        now + margin + Duration::seconds(1),
    )
    .await?
    .into_iter()
    .filter(|b| b.person_id == Some(caller.id.0))
    .find(|b| door::may_check_in(status_of(b), window_of(b, &site), now).is_ok());
    let Some(b) = mine else {
        return Err(Failure::Conflict {
            code: codes::NO_BOOKING_NOW,
            message: "You have no booking at this site now.".to_owned(),
        });
    };
    admit(db, &b, &site, AccessSource::Poster, now).await?;
    answer(db, b.id).await
}
