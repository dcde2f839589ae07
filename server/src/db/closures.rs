//! The rows and queries behind `app::closures`: they take ids and return rows.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::entities::closure;

/// The closures of a site, by first day.
pub async fn closures_of_site<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
) -> Result<Vec<closure::Model>, DbErr> {
    closure::Entity::find()
        .filter(closure::Column::SiteId.eq(site_id))
        .order_by_asc(closure::Column::FirstDay)
        .all(db)
        .await
}

pub async fn insert_closure<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    first_day: NaiveDate,
    last_day: NaiveDate,
    reason: String,
    source: String,
    now: DateTime<Utc>,
) -> Result<closure::Model, DbErr> {
    closure::ActiveModel {
        site_id: Set(site_id),
        first_day: Set(first_day),
        last_day: Set(last_day),
        reason: Set(reason),
        source: Set(source),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Deletes closure `id` if it belongs to the site; how many rows went (0 or 1).
pub async fn delete_closure_of_site<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    id: i64,
) -> Result<u64, DbErr> {
    Ok(closure::Entity::delete_many()
        .filter(closure::Column::Id.eq(id))
        .filter(closure::Column::SiteId.eq(site_id))
        .exec(db)
        .await?
        .rows_affected)
}
