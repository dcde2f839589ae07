//! Reminder mails, the day before a booking at a set local time. Each
//! booking is claimed with a conditional update, so with several processes
//! running this every minute, one mail goes out per booking.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use shared::ClockTime;

use crate::db::entities::{booking, site};
use crate::domain::local_time;

/// Queues the reminders that are due; answers how many mails were queued.
pub async fn send_due(
    db: &DatabaseConnection,
    public_url: &str,
    at: ClockTime,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let candidates = booking::Entity::find()
        .filter(booking::Column::Status.eq("confirmed"))
        .filter(booking::Column::RemindedAt.is_null())
        .filter(booking::Column::StartAt.gt(now))
        .filter(booking::Column::StartAt.lt(now + Duration::hours(48)))
        .all(db)
        .await?;
    let mut queued = 0;
    for b in candidates {
        let Some(site) = site::Entity::find_by_id(b.site_id).one(db).await? else {
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
        let txn = crate::db::begin_write(db).await?;
        let claimed = booking::Entity::update_many()
            .col_expr(booking::Column::RemindedAt, Expr::value(Some(now)))
            .filter(booking::Column::Id.eq(b.id))
            .filter(booking::Column::RemindedAt.is_null())
            .filter(booking::Column::Status.eq("confirmed"))
            .exec(&txn)
            .await?;
        // Booked after the reminder time: the person has it in mind already.
        if claimed.rows_affected == 1 && b.created_at < moment {
            super::booking_mail::reminder(&txn, public_url, &b, now).await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}
