//! What door controllers do: ask about a pass or a PIN (`verify`), download
//! the day's list to work offline (`door_list`), and upload what they saw
//! while offline (`upload`). Each door's API key names its one site.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, Validation};
use shared::api::{
    AccessAction, AccessSource, BookingStatus, DoorEntries, DoorEntry, DoorList, DoorPass,
    DoorRefusal, EntriesRecorded, PASS_AUDIENCE, RevokedPass, Verdict, VerifyRequest,
};
use shared::error::codes;
use shared::ids::{ApiKeyId, BookingId, SiteId};

use super::keys;
use super::passes::{ensure_pin, pin_day, status_of, window_of};
use crate::app::failure::Failure;
use crate::db::entities::{booking, site};
use crate::db::{self, DatabaseConnection};
use crate::domain::door::{self, PassClaims};
use crate::domain::local_time;

/// How often a door should fetch its list again: a cancelled booking stops
/// opening the door within this.
pub const REFRESH_SECONDS: u32 = 120;

/// The most entries one upload takes.
pub const MAX_ENTRIES: usize = 1000;

/// The booking a token names, if its signature is the network's.
async fn booking_of_token(
    db: &DatabaseConnection,
    token: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Option<PassClaims>, Failure> {
    let Ok(header) = jsonwebtoken::decode_header(token) else {
        return Ok(None);
    };
    let (Some(kid), Algorithm::EdDSA) = (header.kid, header.alg) else {
        return Ok(None);
    };
    let Some(key) = keys::verifier(db, &kid, now).await? else {
        return Ok(None);
    };
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.set_audience(&[PASS_AUDIENCE]);
    validation.set_issuer(&[public_url]);
    // Times are judged below, against Relais's own clock, to say which refusal.
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.set_required_spec_claims(&["sub", "aud", "iss", "nbf", "exp"]);
    Ok(jsonwebtoken::decode::<PassClaims>(token, &key, &validation)
        .ok()
        .map(|data| data.claims))
}

fn refused(booking: Option<i64>, reason: DoorRefusal) -> Verdict {
    Verdict {
        allowed: false,
        booking_id: booking.map(BookingId),
        reason: Some(reason),
    }
}

/// Whether a pass (token or PIN) opens this site's door now. An allowed
/// entry checks the booking in; every answer is written in the access log.
pub async fn verify(
    db: &DatabaseConnection,
    door_site: SiteId,
    public_url: &str,
    request: VerifyRequest,
    now: DateTime<Utc>,
) -> Result<Verdict, Failure> {
    let site = db::sites::site_by_id(db, door_site.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    let verdict = match (&request.token, &request.pin) {
        (Some(token), None) if token.len() <= 2000 => {
            judge_token(db, &site, token, public_url, now).await?
        }
        (None, Some(pin)) if pin.len() <= 12 => judge_pin(db, &site, pin, now).await?,
        _ => {
            return Err(Failure::invalid(
                codes::BAD_REQUEST,
                "Send either a token (at most 2,000 characters) or a PIN (6 digits).",
            ));
        }
    };
    log_verdict(db, site.id, &verdict, AccessSource::Door, now).await?;
    Ok(verdict)
}

async fn judge_token(
    db: &DatabaseConnection,
    site: &site::Model,
    token: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, Failure> {
    let Some(claims) = booking_of_token(db, token, public_url, now).await? else {
        return Ok(refused(None, DoorRefusal::Unknown));
    };
    let Ok(id) = claims.sub.parse::<i64>() else {
        return Ok(refused(None, DoorRefusal::Unknown));
    };
    if claims.site != site.id {
        return Ok(refused(Some(id), DoorRefusal::OtherSite));
    }
    let Some(b) = db::bookings::booking_by_id(db, id).await? else {
        // Erased with its person, or never written.
        return Ok(refused(Some(id), DoorRefusal::Unknown));
    };
    admit(db, site, &b, now).await
}

async fn judge_pin(
    db: &DatabaseConnection,
    site: &site::Model,
    typed: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, Failure> {
    let Some(pin) = door::normalize_pin(typed) else {
        return Ok(refused(None, DoorRefusal::Unknown));
    };
    let today = pin_day(site, now);
    match db::access::booking_by_pin(db, site.id, &today, &pin).await? {
        Some(b) => admit(db, site, &b, now).await,
        None => Ok(refused(None, DoorRefusal::Unknown)),
    }
}

/// The door's rule for a booking of this site, and the check-in it makes.
async fn admit(
    db: &DatabaseConnection,
    site: &site::Model,
    b: &booking::Model,
    now: DateTime<Utc>,
) -> Result<Verdict, Failure> {
    if let Err(reason) = door::judge(status_of(b), window_of(b, site), now) {
        return Ok(refused(Some(b.id), reason));
    }
    if db::access::check_in(db, b.id, now).await? == 0 {
        // Changed since it was read (released or cancelled a moment ago):
        // judged again as it is now.
        let current = db::bookings::booking_by_id(db, b.id).await?;
        let Some(current) = current else {
            return Ok(refused(Some(b.id), DoorRefusal::Unknown));
        };
        if let Err(reason) = door::judge(status_of(&current), window_of(&current, site), now) {
            return Ok(refused(Some(b.id), reason));
        }
    }
    Ok(Verdict {
        allowed: true,
        booking_id: Some(BookingId(b.id)),
        reason: None,
    })
}

async fn log_verdict(
    db: &DatabaseConnection,
    site_id: i64,
    verdict: &Verdict,
    source: AccessSource,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let action = if verdict.allowed {
        AccessAction::CheckIn
    } else {
        AccessAction::Refused
    };
    db::access::record(
        db,
        db::access::Event {
            site_id,
            booking_id: verdict.booking_id.map(|b| b.0),
            at: now,
            source: source.as_str(),
            action: action.as_str(),
            reason: verdict.reason.map(DoorRefusal::as_str),
        },
    )
    .await?;
    Ok(())
}

/// Everything a door needs to work through the site's local day offline:
/// the keys, each booking's PIN and window, and the bookings that must no
/// longer open (cancelled or released).
pub async fn door_list(
    db: &DatabaseConnection,
    door_site: SiteId,
    now: DateTime<Utc>,
) -> Result<DoorList, Failure> {
    let site = db::sites::site_by_id(db, door_site.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    let zone = local_time::parse_zone(&site.time_zone);
    let (day, _) = local_time::local(zone, now);
    let (start, end) = local_time::day_bounds(zone, day)
        .ok_or_else(|| anyhow::anyhow!("the site's day has no bounds"))?;
    let keys = keys::jwks(db, now).await?.keys;
    let mut passes = Vec::new();
    let mut revoked = Vec::new();
    for b in db::access::day_of_site(db, site.id, start, end).await? {
        match status_of(&b) {
            BookingStatus::Confirmed | BookingStatus::CheckedIn => {
                let pin = ensure_pin(db, &b, &site).await?;
                let (valid_from, valid_until) = window_of(&b, &site);
                passes.push(DoorPass {
                    booking_id: BookingId(b.id),
                    pin,
                    valid_from: valid_from.to_rfc3339(),
                    valid_until: valid_until.to_rfc3339(),
                });
            }
            BookingStatus::Cancelled => revoked.push(RevokedPass {
                booking_id: BookingId(b.id),
                reason: DoorRefusal::Cancelled,
            }),
            BookingStatus::NoShow => revoked.push(RevokedPass {
                booking_id: BookingId(b.id),
                reason: DoorRefusal::Released,
            }),
            BookingStatus::Completed => revoked.push(RevokedPass {
                booking_id: BookingId(b.id),
                reason: DoorRefusal::Expired,
            }),
        }
    }
    Ok(DoorList {
        site_id: SiteId(site.id),
        day: day.to_string(),
        generated_at: now.to_rfc3339(),
        refresh_seconds: REFRESH_SECONDS,
        keys,
        passes,
        revoked,
    })
}

/// Records what a door saw offline. The same entry sent again (same door,
/// same `entry_id`) is recorded once; an entry the door let in checks its
/// booking in, at the time the door saw it, if the booking could come in
/// then. Entries with a bad id or time are counted as rejected.
pub async fn upload(
    db: &DatabaseConnection,
    door: ApiKeyId,
    door_site: SiteId,
    entries: DoorEntries,
    now: DateTime<Utc>,
) -> Result<EntriesRecorded, Failure> {
    if entries.entries.len() > MAX_ENTRIES {
        return Err(Failure::invalid(
            codes::BAD_REQUEST,
            format!("At most {MAX_ENTRIES} entries per upload: send the rest in another."),
        ));
    }
    let (mut recorded, mut duplicates, mut rejected) = (0, 0, 0);
    for entry in entries.entries {
        // One unreadable entry (a door whose clock was wrong) does not hold
        // back the others: it is counted, and the door can drop it.
        let Ok((entry, at)) = check_entry(entry, now) else {
            rejected += 1;
            continue;
        };
        let booking = match entry.booking_id {
            Some(id) => db::bookings::booking_by_id(db, id.0)
                .await?
                .filter(|b| b.site_id == door_site.0),
            None => None,
        };
        let action = if entry.allowed {
            AccessAction::CheckIn
        } else {
            AccessAction::Refused
        };
        let event = db::access::Event {
            site_id: door_site.0,
            booking_id: booking.as_ref().map(|b| b.id),
            at,
            source: AccessSource::Door.as_str(),
            action: action.as_str(),
            reason: entry.reason.map(DoorRefusal::as_str),
        };
        if db::access::record_door_entry(db, event, door.0, &entry.entry_id).await? {
            recorded += 1;
        } else {
            duplicates += 1;
        }
        // Also for an entry sent again: a check-in that failed the first
        // time is made now (it changes nothing when already made).
        if let (true, Some(b)) = (entry.allowed, booking) {
            let site = db::sites::site_by_id(db, door_site.0).await?;
            let admissible = site
                .is_some_and(|site| door::judge(status_of(&b), window_of(&b, &site), at).is_ok());
            if admissible {
                db::access::check_in(db, b.id, at).await?;
            }
        }
    }
    Ok(EntriesRecorded {
        recorded,
        duplicates,
        rejected,
    })
}

/// An entry's id and time, checked: nothing from the future, nothing older
/// than the access log keeps.
fn check_entry(
    entry: DoorEntry,
    now: DateTime<Utc>,
) -> Result<(DoorEntry, DateTime<Utc>), Failure> {
    let id_ok = !entry.entry_id.is_empty()
        && entry.entry_id.len() <= 64
        && entry.entry_id.chars().all(|c| c.is_ascii_graphic());
    if !id_ok {
        return Err(Failure::invalid(
            codes::BAD_REQUEST,
            "entry_id: 1 to 64 visible ASCII characters.",
        ));
    }
    let at = DateTime::parse_from_rfc3339(&entry.at)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| Failure::invalid(codes::INVALID_DATE, "at: an RFC 3339 instant."))?;
    let oldest = now - Duration::days(shared::api::ACCESS_LOG_DAYS);
    if at > now + Duration::minutes(5) || at < oldest {
        return Err(Failure::invalid(
            codes::INVALID_DATE,
            "at: not in the future, and within the access log's three months.",
        ));
    }
    Ok((entry, at))
}
