//! The rows and queries behind `app::access`: signing keys, PINs, check-in
//! and check-out, releases, and the access log. They take ids and values
//! and return rows.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

use super::entities::booking::ACTIVE;
use super::entities::{access_event, access_key, booking, site};

/// The key new passes are signed with: the newest one not retired.
pub async fn signing_key<C: ConnectionTrait>(db: &C) -> Result<Option<access_key::Model>, DbErr> {
    access_key::Entity::find()
        .filter(access_key::Column::RetiredAt.is_null())
        .order_by_desc(access_key::Column::CreatedAt)
        .one(db)
        .await
}

/// Keys a door must know at `now`: the signing one, and retired ones whose
/// passes may still be shown.
pub async fn published_keys<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<Vec<access_key::Model>, DbErr> {
    access_key::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(access_key::Column::RetiredAt.is_null())
                .add(access_key::Column::PublishUntil.gt(now)),
        )
        .order_by_desc(access_key::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn key_by_kid<C: ConnectionTrait>(
    db: &C,
    kid: &str,
) -> Result<Option<access_key::Model>, DbErr> {
    access_key::Entity::find_by_id(kid.to_owned()).one(db).await
}

pub async fn insert_key<C: ConnectionTrait>(
    db: &C,
    kid: String,
    private_pkcs8: String,
    public_x: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    access_key::ActiveModel {
        kid: Set(kid),
        private_pkcs8: Set(private_pkcs8),
        public_x: Set(public_x),
        created_at: Set(now),
        retired_at: Set(None),
        publish_until: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Retires every signing key but `keep`; they stay published until `until`.
pub async fn retire_keys_but<C: ConnectionTrait>(
    db: &C,
    keep: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<(), DbErr> {
    access_key::Entity::update_many()
        .col_expr(access_key::Column::RetiredAt, Expr::value(now))
        .col_expr(access_key::Column::PublishUntil, Expr::value(until))
        .filter(access_key::Column::RetiredAt.is_null())
        .filter(access_key::Column::Kid.ne(keep))
        .exec(db)
        .await?;
    Ok(())
}

/// When the last booking that may still come in ends.
pub async fn last_active_end<C: ConnectionTrait>(db: &C) -> Result<Option<DateTime<Utc>>, DbErr> {
    booking::Entity::find()
        .select_only()
        .column_as(booking::Column::EndAt.max(), "last")
        .filter(booking::Column::Status.is_in(ACTIVE))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await
        .map(Option::flatten)
}

/// Gives a booking its PIN for `day`, unless it has one; `Ok(false)` when
/// the site has this PIN on that day already (the unique index said no, in
/// a savepoint, so a surrounding transaction goes on).
pub async fn give_pin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    booking_id: i64,
    day: &str,
    pin: &str,
) -> Result<bool, DbErr> {
    let savepoint = db.begin().await?;
    let written = booking::Entity::update_many()
        .col_expr(booking::Column::Pin, Expr::value(pin))
        .col_expr(booking::Column::PinDay, Expr::value(day))
        .filter(booking::Column::Id.eq(booking_id))
        .filter(booking::Column::Pin.is_null())
        .exec(&savepoint)
        .await;
    match written {
        Ok(_) => {
            savepoint.commit().await?;
            Ok(true)
        }
        Err(error) if is_unique_violation(&error) => {
            savepoint.rollback().await?;
            Ok(false)
        }
        Err(error) => Err(error),
    }
}

fn is_unique_violation(error: &DbErr) -> bool {
    let text = error.to_string();
    text.contains("UNIQUE constraint failed")
        || text.contains("23505")
        || text.contains("duplicate key")
}

/// The booking of a site with this PIN on this local day.
pub async fn booking_by_pin<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    day: &str,
    pin: &str,
) -> Result<Option<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::SiteId.eq(site_id))
        .filter(booking::Column::PinDay.eq(day))
        .filter(booking::Column::Pin.eq(pin))
        .one(db)
        .await
}

/// Checks a booking in (confirmed → checked in) at `at`; 0 or 1 rows.
pub async fn check_in<C: ConnectionTrait>(
    db: &C,
    id: i64,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value("checked_in"))
        .col_expr(booking::Column::CheckedInAt, Expr::value(at))
        .col_expr(booking::Column::UpdatedAt, Expr::value(at))
        .filter(booking::Column::Id.eq(id))
        .filter(booking::Column::Status.eq("confirmed"))
        .exec(db)
        .await?
        .rows_affected)
}

/// Checks a booking out (checked in → completed) at `at`; 0 or 1 rows.
pub async fn check_out<C: ConnectionTrait>(
    db: &C,
    id: i64,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value("completed"))
        .col_expr(booking::Column::CheckedOutAt, Expr::value(at))
        .col_expr(booking::Column::UpdatedAt, Expr::value(at))
        .filter(booking::Column::Id.eq(id))
        .filter(booking::Column::Status.eq("checked_in"))
        .exec(db)
        .await?
        .rows_affected)
}

/// Bookings still checked in when they ended are checked out at their end.
pub async fn check_out_ended<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value("completed"))
        .col_expr(
            booking::Column::CheckedOutAt,
            Expr::col(booking::Column::EndAt),
        )
        .col_expr(booking::Column::UpdatedAt, Expr::value(now))
        .filter(booking::Column::Status.eq("checked_in"))
        .filter(booking::Column::EndAt.lte(now))
        .exec(db)
        .await?
        .rows_affected)
}

/// Sites that release the places nobody took.
pub async fn releasing_sites<C: ConnectionTrait>(db: &C) -> Result<Vec<site::Model>, DbErr> {
    site::Entity::find()
        .filter(site::Column::ReleaseAfterMinutes.is_not_null())
        .filter(site::Column::RetiredAt.is_null())
        .all(db)
        .await
}

/// A site's bookings nobody checked in that started in `[from, to)` and
/// are not over at `to`.
pub async fn unclaimed_started_between<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::SiteId.eq(site_id))
        .filter(booking::Column::Status.eq("confirmed"))
        .filter(booking::Column::EndAt.gt(to))
        .filter(booking::Column::StartAt.gte(from))
        .filter(booking::Column::StartAt.lt(to))
        .order_by_asc(booking::Column::StartAt)
        .all(db)
        .await
}

/// A line of the access log.
pub struct Event<'a> {
    pub site_id: i64,
    pub booking_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub source: &'a str,
    pub action: &'a str,
    pub reason: Option<&'a str>,
}

fn row(event: Event<'_>, door: Option<(i64, &str)>) -> access_event::ActiveModel {
    access_event::ActiveModel {
        site_id: Set(event.site_id),
        booking_id: Set(event.booking_id),
        at: Set(event.at),
        source: Set(event.source.to_owned()),
        action: Set(event.action.to_owned()),
        reason: Set(event.reason.map(str::to_owned)),
        api_key_id: Set(door.map(|(key, _)| key)),
        entry_id: Set(door.map(|(_, entry)| entry.to_owned())),
        ..Default::default()
    }
}

pub async fn record<C: ConnectionTrait>(db: &C, event: Event<'_>) -> Result<(), DbErr> {
    row(event, None).insert(db).await?;
    Ok(())
}

/// Records an entry a door uploaded, once per (door key, entry id):
/// whether it was new.
pub async fn record_door_entry<C: ConnectionTrait>(
    db: &C,
    event: Event<'_>,
    api_key_id: i64,
    entry_id: &str,
) -> Result<bool, DbErr> {
    let inserted = access_event::Entity::insert(row(event, Some((api_key_id, entry_id))))
        .on_conflict(
            OnConflict::columns([
                access_event::Column::ApiKeyId,
                access_event::Column::EntryId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// A page of a site's log, newest first.
pub async fn log_of_site<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    limit: u64,
    offset: u64,
) -> Result<Vec<access_event::Model>, DbErr> {
    access_event::Entity::find()
        .filter(access_event::Column::SiteId.eq(site_id))
        .order_by_desc(access_event::Column::At)
        .order_by_desc(access_event::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await
}

/// Deletes the log's lines older than `cutoff`; how many.
pub async fn forget_before<C: ConnectionTrait>(
    db: &C,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(access_event::Entity::delete_many()
        .filter(access_event::Column::At.lt(cutoff))
        .exec(db)
        .await?
        .rows_affected)
}

/// How many lines a site's log holds (for tests and the page's pager).
pub async fn log_length<C: ConnectionTrait>(db: &C, site_id: i64) -> Result<u64, DbErr> {
    access_event::Entity::find()
        .filter(access_event::Column::SiteId.eq(site_id))
        .count(db)
        .await
}

/// The bookings of a site starting on a local day, with their PINs to give.
pub async fn day_of_site<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::SiteId.eq(site_id))
        .filter(booking::Column::StartAt.gte(start))
        .filter(booking::Column::StartAt.lt(end))
        .order_by_asc(booking::Column::StartAt)
        .all(db)
        .await
}

/// Each live site's feed version: the live views' clock on SQLite.
pub async fn site_versions<C: ConnectionTrait>(db: &C) -> Result<Vec<(i64, i64)>, DbErr> {
    site::Entity::find()
        .select_only()
        .column(site::Column::Id)
        .column(site::Column::FeedVersion)
        .into_tuple()
        .all(db)
        .await
}
