//! Each minute, inside `relais` (no cron): bookings nobody checked in are
//! released where the site asks for it, bookings still checked in at their
//! end are checked out, and the access log forgets what is older than it
//! keeps. Each release is claimed by a conditional update, so with several
//! processes on one database a booking is released once; after a restart,
//! what fell due meanwhile is released at the first minute.

use chrono::{DateTime, Duration, Utc};
use shared::api::{ACCESS_LOG_DAYS, AccessAction, AccessSource, BookingStatus, ResourceKind};

use crate::app::failure::Failure;
use crate::app::{booking_mail, quotas, waitlist};
use crate::db::{self, DatabaseConnection, WriteGate};
use crate::mail::Letterhead;

/// How far back a restart catches up (and only bookings not yet over).
const CATCH_UP: Duration = Duration::hours(12);

/// Releases what is due; answers how many bookings were released.
pub async fn release_due(
    db: &DatabaseConnection,
    gate: &WriteGate,
    letterhead: &Letterhead,
    now: DateTime<Utc>,
) -> Result<usize, Failure> {
    let mut released = 0;
    for site in db::access::releasing_sites(db).await? {
        let Some(minutes) = site.release_after_minutes else {
            continue;
        };
        let due_before = now - Duration::minutes(i64::from(minutes));
        let candidates = db::access::unclaimed_started_between(
            db,
            site.id,
            now - CATCH_UP,
            due_before + Duration::seconds(1),
        )
        .await?;
        for b in candidates {
            // An ended booking is left as it is: nobody needed its place
            // any more, and releasing it would only charge a no-show.
            if b.start_at > due_before || b.end_at <= now {
                continue;
            }
            let txn = db::begin_write(db).await?;
            // The claim: only the process whose update changed the row goes on.
            let claimed = db::bookings::change_status(
                &txn,
                b.id,
                BookingStatus::Confirmed.as_str(),
                BookingStatus::NoShow.as_str(),
                b.sequence + 1,
                now,
            )
            .await?;
            if claimed != 1 {
                txn.rollback().await?;
                continue;
            }
            quotas::charge_no_show(&txn, &b, now).await?;
            db::access::record(
                &txn,
                db::access::Event {
                    site_id: b.site_id,
                    booking_id: Some(b.id),
                    at: now,
                    source: AccessSource::System.as_str(),
                    action: AccessAction::Released.as_str(),
                    reason: None,
                },
            )
            .await?;
            if let Some(now_released) = db::bookings::booking_by_id(&txn, b.id).await? {
                booking_mail::released(&txn, letterhead, &now_released, minutes, now).await?;
            }
            txn.commit().await?;
            released += 1;
            // The rest of its time goes to whoever waits for such a place.
            let kind = db::bookings::resource_by_id(db, b.resource_id)
                .await?
                .and_then(|r| ResourceKind::parse(&r.kind))
                .unwrap_or(ResourceKind::Desk);
            let freed = waitlist::Freed {
                site_id: b.site_id,
                kind,
                start: b.start_at.max(now),
                end: b.end_at,
            };
            waitlist::serve(db, gate, letterhead, &[freed], now).await?;
        }
    }
    Ok(released)
}

/// Checks out the bookings that ended while checked in, and forgets the
/// access log's lines past their keeping time.
pub async fn tidy(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), Failure> {
    db::access::check_out_ended(db, now).await?;
    db::access::forget_before(db, now - Duration::days(ACCESS_LOG_DAYS)).await?;
    Ok(())
}
