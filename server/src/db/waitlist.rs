//! The rows and queries behind `app::waitlist`: they take ids and return rows.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set,
};

use super::entities::{booking, resource, waitlist_entry};

/// The resources of a kind at a site not retired, by id.
pub async fn resources_of_kind_at_site<C: ConnectionTrait>(
    db: &C,
    site: i64,
    kind: &str,
) -> Result<Vec<i64>, DbErr> {
    Ok(resource::Entity::find()
        .filter(resource::Column::SiteId.eq(site))
        .filter(resource::Column::Kind.eq(kind))
        .filter(resource::Column::RetiredAt.is_null())
        .order_by_asc(resource::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// The resource of each active booking among `resources` overlapping [start, end).
pub async fn resources_booked_during<C: ConnectionTrait>(
    db: &C,
    resources: Vec<i64>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    Ok(booking::Entity::find()
        .filter(booking::Column::ResourceId.is_in(resources))
        .filter(booking::Column::Status.is_in(booking::ACTIVE))
        .filter(booking::Column::StartAt.lt(end))
        .filter(booking::Column::EndAt.gt(start))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.resource_id)
        .collect())
}

/// A person's entries still waiting for a slot that ends after `now`.
fn waiting_of_person(person: i64, now: DateTime<Utc>) -> Select<waitlist_entry::Entity> {
    waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::PersonId.eq(person))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .filter(waitlist_entry::Column::EndAt.gt(now))
}

/// How many entries a person has waiting for a slot that ends after `now`.
pub async fn count_waiting_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    waiting_of_person(person, now).count(db).await
}

/// How many of those are for a kind at a site and overlap [start, end).
pub async fn count_waiting_of_person_overlapping<C: ConnectionTrait>(
    db: &C,
    person: i64,
    now: DateTime<Utc>,
    site: i64,
    kind: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<u64, DbErr> {
    waiting_of_person(person, now)
        .filter(waitlist_entry::Column::SiteId.eq(site))
        .filter(waitlist_entry::Column::Kind.eq(kind))
        .filter(waitlist_entry::Column::StartAt.lt(end))
        .filter(waitlist_entry::Column::EndAt.gt(start))
        .count(db)
        .await
}

/// A new entry, waiting.
pub async fn insert_waiting_entry<C: ConnectionTrait>(
    db: &C,
    person: i64,
    site: i64,
    kind: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<waitlist_entry::Model, DbErr> {
    waitlist_entry::ActiveModel {
        person_id: Set(person),
        site_id: Set(site),
        kind: Set(kind.to_owned()),
        start_at: Set(start),
        end_at: Set(end),
        status: Set("waiting".to_owned()),
        booking_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Every entry of a person, by start.
pub async fn entries_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<waitlist_entry::Model>, DbErr> {
    waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::PersonId.eq(person))
        .order_by_asc(waitlist_entry::Column::StartAt)
        .all(db)
        .await
}

/// Marks the entry withdrawn if it is the person's and waiting; answers how many rows changed.
pub async fn withdraw_waiting_entry<C: ConnectionTrait>(
    db: &C,
    id: i64,
    person: i64,
) -> Result<u64, DbErr> {
    Ok(waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value("withdrawn"))
        .filter(waitlist_entry::Column::Id.eq(id))
        .filter(waitlist_entry::Column::PersonId.eq(person))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .exec(db)
        .await?
        .rows_affected)
}

/// At most `limit` entries waiting for a kind at a site, starting after
/// `now`, whose slot overlaps [start, end): the oldest first.
pub async fn waiting_entries_overlapping<C: ConnectionTrait>(
    db: &C,
    site: i64,
    kind: &str,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<waitlist_entry::Model>, DbErr> {
    waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::SiteId.eq(site))
        .filter(waitlist_entry::Column::Kind.eq(kind))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .filter(waitlist_entry::Column::StartAt.gt(now))
        .filter(waitlist_entry::Column::StartAt.lt(end))
        .filter(waitlist_entry::Column::EndAt.gt(start))
        .order_by_asc(waitlist_entry::Column::CreatedAt)
        .order_by_asc(waitlist_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Marks the entry serving if it is still waiting; answers how many rows changed.
pub async fn claim_waiting_entry<C: ConnectionTrait>(db: &C, id: i64) -> Result<u64, DbErr> {
    Ok(waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value("serving"))
        .filter(waitlist_entry::Column::Id.eq(id))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .exec(db)
        .await?
        .rows_affected)
}

/// Marks the entry waiting again.
pub async fn release_entry<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value("waiting"))
        .filter(waitlist_entry::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks the entry served by a booking.
pub async fn mark_entry_served<C: ConnectionTrait>(
    db: &C,
    id: i64,
    booking: i64,
) -> Result<(), DbErr> {
    waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value("served"))
        .col_expr(
            waitlist_entry::Column::BookingId,
            Expr::value(Some(booking)),
        )
        .filter(waitlist_entry::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
