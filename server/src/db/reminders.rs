//! The rows and queries behind `app::reminders`: they take ids and return rows.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::booking;

/// Confirmed bookings not yet reminded that start in (after, before).
pub async fn confirmed_unreminded_starting_between<C: ConnectionTrait>(
    db: &C,
    after: DateTime<Utc>,
    before: DateTime<Utc>,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::Status.eq("confirmed"))
        .filter(booking::Column::RemindedAt.is_null())
        .filter(booking::Column::StartAt.gt(after))
        .filter(booking::Column::StartAt.lt(before))
        .all(db)
        .await
}

/// Marks the booking reminded at `now` if it is confirmed and was not yet;
/// answers how many rows changed.
pub async fn claim_reminder<C: ConnectionTrait>(
    db: &C,
    booking: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(booking::Entity::update_many()
        .col_expr(booking::Column::RemindedAt, Expr::value(Some(now)))
        .filter(booking::Column::Id.eq(booking))
        .filter(booking::Column::RemindedAt.is_null())
        .filter(booking::Column::Status.eq("confirmed"))
        .exec(db)
        .await?
        .rows_affected)
}
