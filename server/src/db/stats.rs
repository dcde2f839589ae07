//! The rows behind `app::stats`: sites, their hours, closures, resources and
//! bookings over a span of days, and the anonymous tallies of people who
//! deleted their account.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{booking, closure, erased_people, resource, site};

/// Every site, retired or not (their history counts), or those of `ids`, by id.
pub async fn sites<C: ConnectionTrait>(
    db: &C,
    ids: Option<Vec<i64>>,
) -> Result<Vec<site::Model>, DbErr> {
    let mut query = site::Entity::find().order_by_asc(site::Column::Id);
    if let Some(ids) = ids {
        query = query.filter(site::Column::Id.is_in(ids));
    }
    query.all(db).await
}

/// The ids of the sites in these communes.
pub async fn sites_in_communes<C: ConnectionTrait>(
    db: &C,
    insee: Vec<String>,
) -> Result<Vec<i64>, DbErr> {
    Ok(site::Entity::find()
        .filter(site::Column::CommuneInsee.is_in(insee))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

/// Every resource these sites ever had, retired ones included.
pub async fn resources_of_sites<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
) -> Result<Vec<resource::Model>, DbErr> {
    resource::Entity::find()
        .filter(resource::Column::SiteId.is_in(ids))
        .all(db)
        .await
}

/// The closures of these sites that touch the days `from` to `to`.
pub async fn closures_of_sites_between<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<closure::Model>, DbErr> {
    closure::Entity::find()
        .filter(closure::Column::SiteId.is_in(ids))
        .filter(closure::Column::FirstDay.lte(to))
        .filter(closure::Column::LastDay.gte(from))
        .all(db)
        .await
}

/// The bookings of these sites starting in [from, until), whatever their status.
pub async fn bookings_of_sites_starting_between<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::SiteId.is_in(ids))
        .filter(booking::Column::StartAt.gte(from))
        .filter(booking::Column::StartAt.lt(until))
        .all(db)
        .await
}

/// A person's bookings that were not cancelled (those the figures count them by).
pub async fn counted_bookings_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::PersonId.eq(person))
        .filter(booking::Column::Status.ne("cancelled"))
        .all(db)
        .await
}

/// The tallies of erased people of these sites for one grouping.
pub async fn erased_people<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
    grouping: &str,
) -> Result<Vec<erased_people::Model>, DbErr> {
    erased_people::Entity::find()
        .filter(erased_people::Column::SiteId.is_in(ids))
        .filter(erased_people::Column::Grouping.eq(grouping))
        .all(db)
        .await
}

/// Adds one erased person to the tally of a site and period.
pub async fn add_erased_person<C: ConnectionTrait>(
    db: &C,
    site: i64,
    grouping: &str,
    period: &str,
) -> Result<(), DbErr> {
    use sea_orm::{ActiveValue::Set, Insert};
    let row = erased_people::ActiveModel {
        site_id: Set(site),
        grouping: Set(grouping.to_owned()),
        period: Set(period.to_owned()),
        people: Set(1),
    };
    Insert::one(row)
        .on_conflict(
            OnConflict::columns([
                erased_people::Column::SiteId,
                erased_people::Column::Grouping,
                erased_people::Column::Period,
            ])
            .value(
                erased_people::Column::People,
                Expr::col((erased_people::Entity, erased_people::Column::People)).add(1),
            )
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
