//! The rows and queries behind `app::bookings`: they take ids and return rows.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, Statement,
};

use super::Txn;
use super::entities::booking::ACTIVE;
use super::entities::{booking, booking_series, closure, opening_hour, person, resource};

/// A database refusal of an overlapping booking: the SQLite trigger's message
/// or the PostgreSQL exclusion constraint's name. Recognised here, once.
pub fn is_overlap(error: &DbErr) -> bool {
    let text = error.to_string();
    text.contains("booking_overlap")
        || text.contains("booking_no_overlap")
        || text.contains("23P01")
}

/// A new booking drew a PIN another booking of its site has that day (about
/// one chance in a million per booking already there): drawn again on retry.
pub fn is_pin_taken(error: &DbErr) -> bool {
    let text = error.to_string();
    text.contains("idx_booking_pin") || text.contains("booking.pin")
}

/// PostgreSQL breaking a deadlock.
pub fn is_deadlock(error: &DbErr) -> bool {
    let text = error.to_string();
    text.contains("deadlock detected") || text.contains("40P01")
}

/// The opening hours of a site, every weekday.
pub async fn opening_hours_of_site<C: ConnectionTrait>(
    db: &C,
    site: i64,
) -> Result<Vec<opening_hour::Model>, DbErr> {
    opening_hour::Entity::find()
        .filter(opening_hour::Column::SiteId.eq(site))
        .all(db)
        .await
}

/// The closures of a site that touch the days from `from` to `to`, both included.
pub async fn closures_of_site_between<C: ConnectionTrait>(
    db: &C,
    site: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<closure::Model>, DbErr> {
    closure::Entity::find()
        .filter(closure::Column::SiteId.eq(site))
        .filter(closure::Column::FirstDay.lte(to))
        .filter(closure::Column::LastDay.gte(from))
        .all(db)
        .await
}

pub async fn resource_by_id<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<resource::Model>, DbErr> {
    resource::Entity::find_by_id(id).one(db).await
}

/// The person, if the site assists them.
pub async fn assisted_person_of_site<C: ConnectionTrait>(
    db: &C,
    person: i64,
    site: i64,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(person)
        .filter(person::Column::AssistedBySiteId.eq(site))
        .one(db)
        .await
}

pub async fn booking_by_id<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<booking::Model>, DbErr> {
    booking::Entity::find_by_id(id).one(db).await
}

/// These bookings, soonest first.
pub async fn bookings_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::Id.is_in(ids))
        .order_by_asc(booking::Column::StartAt)
        .all(db)
        .await
}

pub async fn resources_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
) -> Result<Vec<resource::Model>, DbErr> {
    resource::Entity::find()
        .filter(resource::Column::Id.is_in(ids))
        .all(db)
        .await
}

pub async fn people_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
) -> Result<Vec<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(db)
        .await
}

/// A person's bookings ending after `now`, soonest first, at most `limit`.
pub async fn bookings_of_person_ending_after<C: ConnectionTrait>(
    db: &C,
    person: i64,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::PersonId.eq(person))
        .filter(booking::Column::EndAt.gt(now))
        .order_by_asc(booking::Column::StartAt)
        .order_by_asc(booking::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// A page of a person's bookings ended by `now`, most recent first.
pub async fn bookings_of_person_ended_by<C: ConnectionTrait>(
    db: &C,
    person: i64,
    now: DateTime<Utc>,
    offset: u64,
    limit: u64,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::PersonId.eq(person))
        .filter(booking::Column::EndAt.lte(now))
        .order_by_desc(booking::Column::StartAt)
        .order_by_desc(booking::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await
}

/// A site's bookings (of any status) that overlap `[start, end)`, soonest first.
pub async fn bookings_of_site_between<C: ConnectionTrait>(
    db: &C,
    site: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::SiteId.eq(site))
        .filter(booking::Column::StartAt.lt(end))
        .filter(booking::Column::EndAt.gt(start))
        .order_by_asc(booking::Column::StartAt)
        .all(db)
        .await
}

/// The active bookings of every resource that overlap `[start, end)`.
/// The longest a booking lasts (a site's rules allow at most a day, and
/// `domain::booking_rules` holds every booking to them): what starts earlier
/// than this before an interval has ended before it.
const LONGEST_BOOKING_HOURS: i64 = 24;

/// (resource, start, end) of the active bookings overlapping [start, end):
/// only what availability needs. Bounded on both sides of `start_at` (the
/// `(status, start_at)` index), so only the interval's bookings and a day
/// before are looked at.
///
/// Read as one text value (`resource start end …`, instants in seconds since
/// 1970), not one row per booking: the driver hands each row over from the
/// database's thread, and on a busy day (2,000 bookings) those hand-offs were
/// most of availability's time (docs/PERFORMANCE.md).
pub async fn taken_between<C: ConnectionTrait>(
    db: &C,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Taken>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT string_agg(resource_id::text || ' ' || extract(epoch FROM start_at)::bigint::text \
               || ' ' || extract(epoch FROM end_at)::bigint::text, ' ') AS taken \
             FROM booking WHERE status IN ($1, $2) AND start_at > $3 AND start_at < $4 AND end_at > $5"
        }
        _ => {
            "SELECT group_concat(resource_id || ' ' || unixepoch(start_at) || ' ' || unixepoch(end_at), ' ') \
               AS taken \
             FROM booking WHERE status IN (?, ?) AND start_at > ? AND start_at < ? AND end_at > ?"
        }
    };
    let [first_status, second_status] = ACTIVE;
    let earliest = start - chrono::Duration::hours(LONGEST_BOOKING_HOURS);
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                first_status.into(),
                second_status.into(),
                earliest.into(),
                end.into(),
                start.into(),
            ],
        ))
        .await?;
    let text: Option<String> = match row {
        Some(row) => row.try_get("", "taken")?,
        None => None,
    };
    parse_taken(text.as_deref().unwrap_or(""))
        .ok_or_else(|| DbErr::Custom("unreadable taken intervals".to_owned()))
}

/// A resource's taken interval: (resource, start, end).
pub type Taken = (i64, DateTime<Utc>, DateTime<Utc>);

/// `resource start end resource start end …` (seconds since 1970).
fn parse_taken(text: &str) -> Option<Vec<Taken>> {
    let mut numbers = text.split_ascii_whitespace().map(str::parse::<i64>);
    let mut taken = Vec::new();
    while let Some(resource) = numbers.next() {
        let instant = |n: Option<Result<i64, _>>| DateTime::from_timestamp(n?.ok()?, 0);
        taken.push((
            resource.ok()?,
            instant(numbers.next())?,
            instant(numbers.next())?,
        ));
    }
    Some(taken)
}

/// The closures that cover at least one day of [first, last].
pub async fn closures_between<C: ConnectionTrait>(
    db: &C,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<closure::Model>, DbErr> {
    closure::Entity::find()
        .filter(closure::Column::FirstDay.lte(last))
        .filter(closure::Column::LastDay.gte(first))
        .all(db)
        .await
}

/// The active bookings of a series ending after `now`, soonest first.
pub async fn active_bookings_of_series_ending_after<C: ConnectionTrait>(
    db: &C,
    series: i64,
    now: DateTime<Utc>,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::SeriesId.eq(series))
        .filter(booking::Column::Status.is_in(ACTIVE))
        .filter(booking::Column::EndAt.gt(now))
        .order_by_asc(booking::Column::StartAt)
        .all(db)
        .await
}

/// One booking of a series, of any status and date, if it has any.
pub async fn any_booking_of_series<C: ConnectionTrait>(
    db: &C,
    series: i64,
) -> Result<Option<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::SeriesId.eq(series))
        .one(db)
        .await
}

/// A booking to write, as the booking table stores it; it starts with
/// sequence 0, not cancelled and not reminded.
#[derive(Debug, Clone)]
pub struct NewBookingRow {
    pub resource_id: i64,
    pub site_id: i64,
    pub person_id: Option<i64>,
    pub booked_by_id: Option<i64>,
    pub resident_commune_insee: Option<String>,
    pub resident_categories: String,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
    pub status: String,
    pub series_id: Option<i64>,
    pub beyond_quota: bool,
    /// The door's PIN and the site's local day it counts on (unique per site
    /// and day: see `is_pin_taken`).
    pub pin: Option<(String, String)>,
    pub now: DateTime<Utc>,
}

/// Inserts a booking; the database refuses an overlap (see `is_overlap`).
pub async fn insert_booking<C: ConnectionTrait>(
    db: &C,
    new: NewBookingRow,
) -> Result<booking::Model, DbErr> {
    booking::ActiveModel {
        resource_id: Set(new.resource_id),
        site_id: Set(new.site_id),
        person_id: Set(new.person_id),
        booked_by_id: Set(new.booked_by_id),
        resident_commune_insee: Set(new.resident_commune_insee),
        resident_categories: Set(new.resident_categories),
        start_at: Set(new.start_at),
        end_at: Set(new.end_at),
        status: Set(new.status),
        series_id: Set(new.series_id),
        sequence: Set(0),
        created_at: Set(new.now),
        updated_at: Set(new.now),
        cancelled_at: Set(None),
        cancel_reason: Set(None),
        beyond_quota: Set(new.beyond_quota),
        reminded_at: Set(None),
        pin_day: Set(new.pin.as_ref().map(|(day, _)| day.clone())),
        pin: Set(new.pin.map(|(_, pin)| pin)),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Cancels a booking if it is still active, with its new sequence; the
/// number of rows changed (0 or 1).
pub async fn cancel_if_active<C: ConnectionTrait>(
    db: &C,
    id: i64,
    cancelled: &str,
    reason: Option<String>,
    sequence: i32,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value(cancelled))
        .col_expr(booking::Column::CancelledAt, Expr::value(Some(now)))
        .col_expr(booking::Column::CancelReason, Expr::value(reason))
        .col_expr(booking::Column::UpdatedAt, Expr::value(now))
        .col_expr(booking::Column::Sequence, Expr::value(sequence))
        .filter(booking::Column::Id.eq(id))
        .filter(booking::Column::Status.is_in(ACTIVE))
        .exec(db)
        .await?
        .rows_affected)
}

/// Sets a booking's status from `from` to `to`, with its new sequence; the
/// number of rows changed (0 or 1).
pub async fn change_status<C: ConnectionTrait>(
    db: &C,
    id: i64,
    from: &str,
    to: &str,
    sequence: i32,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value(to))
        .col_expr(booking::Column::UpdatedAt, Expr::value(now))
        .col_expr(booking::Column::Sequence, Expr::value(sequence))
        .filter(booking::Column::Id.eq(id))
        .filter(booking::Column::Status.eq(from))
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn insert_series<C: ConnectionTrait>(
    db: &C,
    person: Option<i64>,
    resource: i64,
    now: DateTime<Utc>,
) -> Result<booking_series::Model, DbErr> {
    booking_series::ActiveModel {
        person_id: Set(person),
        resource_id: Set(resource),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn delete_series<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    booking_series::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Whether the resource and its site still take bookings (one query).
pub async fn resource_still_open(txn: &Txn, resource_id: i64) -> Result<bool, DbErr> {
    let backend = txn.get_database_backend();
    let parameter = if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let sql = format!(
        "SELECT 1 FROM resource r JOIN site s ON s.id = r.site_id \
         WHERE r.id = {parameter} AND r.retired_at IS NULL AND s.retired_at IS NULL"
    );
    let found = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [resource_id.into()],
        ))
        .await?;
    Ok(found.is_some())
}

/// On PostgreSQL, the resource's turn: a transaction-scoped advisory lock in
/// the one-key form (the person's, `super::lock_person`, takes the two-key
/// form: a key space apart). Nothing on SQLite, whose writer is alone.
pub async fn lock_resource(txn: &Txn, resource: i64) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [resource.into()],
        ))
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_intervals_read_from_their_text() {
        let at = |secs| DateTime::from_timestamp(secs, 0).unwrap();
        assert_eq!(parse_taken(""), Some(Vec::new()));
        assert_eq!(
            parse_taken("3 1800000000 1800005400 12 1800003600 1800007200"),
            Some(vec![
                (3, at(1_800_000_000), at(1_800_005_400)),
                (12, at(1_800_003_600), at(1_800_007_200)),
            ])
        );
        assert_eq!(parse_taken("3 1800000000"), None, "an interval cut short");
        assert_eq!(parse_taken("3 x 1800005400"), None);
    }
}
