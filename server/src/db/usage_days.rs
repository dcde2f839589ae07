//! The summaries of site-days the statistics read (`usage_day`), the marks
//! that say which are stale (`usage_stale`, written by triggers), the turn
//! a rebuild takes (`usage_refresh`), and first visits (`first_visit`).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::entities::{first_visit, usage_day, usage_stale};

/// Takes the one turn to rebuild summaries, until the transaction ends: a
/// write first, so that on SQLite no other writer can come in between, and
/// on PostgreSQL a second rebuild waits for this one.
pub async fn take_turn<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    db.execute_unprepared("UPDATE usage_refresh SET turns = turns + 1 WHERE id = 1")
        .await?;
    Ok(())
}

/// Up to `limit` stale marks, a site's together.
pub async fn stale_marks<C: ConnectionTrait>(
    db: &C,
    limit: u64,
) -> Result<Vec<usage_stale::Model>, DbErr> {
    usage_stale::Entity::find()
        .order_by_asc(usage_stale::Column::SiteId)
        .order_by_asc(usage_stale::Column::Day)
        .limit(limit)
        .all(db)
        .await
}

/// Deletes exactly these marks (one written meanwhile stays for next time).
pub async fn forget_marks<C: ConnectionTrait>(db: &C, ids: Vec<i64>) -> Result<(), DbErr> {
    for slice in ids.chunks(5_000) {
        usage_stale::Entity::delete_many()
            .filter(usage_stale::Column::Id.is_in(slice.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The summaries of a site's days among `days`.
pub async fn digests_of_days<C: ConnectionTrait>(
    db: &C,
    site: i64,
    days: Vec<NaiveDate>,
) -> Result<Vec<usage_day::Model>, DbErr> {
    let mut found = Vec::new();
    for slice in days.chunks(1_000) {
        found.extend(
            usage_day::Entity::find()
                .filter(usage_day::Column::SiteId.eq(site))
                .filter(usage_day::Column::Day.is_in(slice.to_vec()))
                .all(db)
                .await?,
        );
    }
    Ok(found)
}

/// A day summed up as stored: the whole day (JSON), and the day split for
/// filtered reports (packed text).
pub struct Saved {
    pub digest: String,
    pub facets: String,
}

/// Writes a site's summaries (`None`: the day holds nothing and goes).
pub async fn save_digests<C: ConnectionTrait>(
    db: &C,
    site: i64,
    days: Vec<(NaiveDate, Option<Saved>)>,
) -> Result<(), DbErr> {
    let (kept, gone): (Vec<_>, Vec<_>) = days.into_iter().partition(|(_, d)| d.is_some());
    let gone: Vec<NaiveDate> = gone.into_iter().map(|(day, _)| day).collect();
    for slice in gone.chunks(1_000) {
        usage_day::Entity::delete_many()
            .filter(usage_day::Column::SiteId.eq(site))
            .filter(usage_day::Column::Day.is_in(slice.to_vec()))
            .exec(db)
            .await?;
    }
    let rows: Vec<usage_day::ActiveModel> = kept
        .into_iter()
        .filter_map(|(day, saved)| {
            let saved = saved?;
            Some(usage_day::ActiveModel {
                site_id: Set(site),
                day: Set(day),
                digest: Set(saved.digest),
                facets: Set(Some(saved.facets)),
            })
        })
        .collect();
    // Few rows a statement: SQLite binds at most 32,766 values.
    for slice in rows.chunks(400) {
        usage_day::Entity::insert_many(slice.to_vec())
            .on_conflict(
                OnConflict::columns([usage_day::Column::SiteId, usage_day::Column::Day])
                    .update_columns([usage_day::Column::Digest, usage_day::Column::Facets])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The summaries of these sites (every site: `None`) on local days `from`
/// to `to`: the whole days, or with `split` the days split for filters.
pub async fn digests_between<C: ConnectionTrait>(
    db: &C,
    sites: Option<Vec<i64>>,
    from: NaiveDate,
    to: NaiveDate,
    split: bool,
) -> Result<Vec<(i64, NaiveDate, String)>, DbErr> {
    let text = match split {
        true => usage_day::Column::Facets,
        false => usage_day::Column::Digest,
    };
    let mut query = usage_day::Entity::find()
        .select_only()
        .columns([usage_day::Column::SiteId, usage_day::Column::Day])
        // A day summed up before filters existed is rebuilt by the
        // migration that added them; until then it splits into nothing.
        .expr(Func::coalesce([Expr::col(text), Expr::val("")]))
        .filter(usage_day::Column::Day.gte(from))
        .filter(usage_day::Column::Day.lte(to));
    if let Some(sites) = sites {
        query = query.filter(usage_day::Column::SiteId.is_in(sites));
    }
    query.into_tuple().all(db).await
}

/// Sets people's first visits (`None`: they have none any more).
pub async fn set_first_visits<C: ConnectionTrait>(
    db: &C,
    visits: Vec<(i64, Option<DateTime<Utc>>)>,
) -> Result<(), DbErr> {
    let (kept, gone): (Vec<_>, Vec<_>) = visits.into_iter().partition(|(_, at)| at.is_some());
    let gone: Vec<i64> = gone.into_iter().map(|(person, _)| person).collect();
    for slice in gone.chunks(5_000) {
        first_visit::Entity::delete_many()
            .filter(first_visit::Column::PersonId.is_in(slice.to_vec()))
            .exec(db)
            .await?;
    }
    let rows: Vec<first_visit::ActiveModel> = kept
        .into_iter()
        .filter_map(|(person, at)| {
            Some(first_visit::ActiveModel {
                person_id: Set(person),
                first_at: Set(at?),
            })
        })
        .collect();
    for slice in rows.chunks(1_000) {
        first_visit::Entity::insert_many(slice.to_vec())
            .on_conflict(
                OnConflict::column(first_visit::Column::PersonId)
                    .update_column(first_visit::Column::FirstAt)
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The people whose first visit starts in [since, until), and when.
pub async fn first_visits_between<C: ConnectionTrait>(
    db: &C,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>)>, DbErr> {
    first_visit::Entity::find()
        .select_only()
        .columns([first_visit::Column::PersonId, first_visit::Column::FirstAt])
        .filter(first_visit::Column::FirstAt.gte(since))
        .filter(first_visit::Column::FirstAt.lt(until))
        .into_tuple()
        .all(db)
        .await
}

/// Whether any mark is waiting (a cheap look before taking the turn).
pub async fn any_stale<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    Ok(usage_stale::Entity::find()
        .select_only()
        .column(usage_stale::Column::Id)
        .limit(1)
        .into_tuple::<i64>()
        .one(db)
        .await?
        .is_some())
}
