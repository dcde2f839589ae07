//! Reminder mails, the day before a booking at a set local time. Each
//! booking is claimed with a conditional update, so with several processes
//! running this every minute, one mail goes out per booking.

use chrono::{DateTime, Duration, Utc};
use shared::ClockTime;

use crate::db::{self, DatabaseConnection, DbErr};
use crate::domain::local_time;
use crate::mail::Letterhead;

/// Queues the reminders that are due; answers how many mails were queued.
pub async fn send_due(
    db: &DatabaseConnection,
    letterhead: &Letterhead,
    at: ClockTime,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let candidates =
        db::reminders::confirmed_unreminded_starting_between(db, now, now + Duration::hours(48))
            .await?;
    let mut queued = 0;
    for b in candidates {
        let Some(site) = db::sites::site_by_id(db, b.site_id).await? else {
            continue;
        };
        let zone = local_time::parse_zone(&site.time_zone);
        let (day, _) = local_time::local(zone, b.start_at);
        let Some(moment) = day
            .pred_opt()
            .and_then(|eve| local_time::instant(zone, eve, at))
        else {
            continue;
        };
        if now < moment {
            continue;
        }
        let txn = db::begin_write(db).await?;
        let claimed = db::reminders::claim_reminder(&txn, b.id, now).await?;
        // Booked after the reminder time: the person has it in mind already.
        if claimed == 1 && b.created_at < moment {
            super::booking_mail::reminder(&txn, letterhead, &b, now).await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}
