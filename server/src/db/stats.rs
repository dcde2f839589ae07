//! The rows behind `app::stats`: sites, their hours, closures, resources and
//! bookings over a span of days, and the anonymous tallies of people who
//! deleted their account.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{
    booking, closure, erased_breakdown, erased_people, quota_charge, resource, site,
};

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

/// Adds `people` erased people to the tally of a site and period.
pub async fn add_erased_people<C: ConnectionTrait>(
    db: &C,
    site: i64,
    grouping: &str,
    period: &str,
    people: i64,
) -> Result<(), DbErr> {
    use sea_orm::{ActiveValue::Set, Insert};
    let row = erased_people::ActiveModel {
        site_id: Set(site),
        grouping: Set(grouping.to_owned()),
        period: Set(period.to_owned()),
        people: Set(people),
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
                Expr::col((erased_people::Entity, erased_people::Column::People)).add(people),
            )
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Whether a booking starts before `at` (the demo history is there).
pub async fn any_booking_starting_before<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::PaginatorTrait;
    Ok(booking::Entity::find()
        .filter(booking::Column::StartAt.lt(at))
        .count(db)
        .await?
        > 0)
}

/// A person of the demo history: no address, so no sign-in.
pub async fn insert_demo_person<C: ConnectionTrait>(
    db: &C,
    name: &str,
    commune: &str,
    categories: &str,
    since: DateTime<Utc>,
) -> Result<i64, DbErr> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let person = super::entities::person::ActiveModel {
        email: Set(None),
        display_name: Set(name.to_owned()),
        commune_insee: Set(Some(commune.to_owned())),
        language: Set("fr".to_owned()),
        created_at: Set(since),
        categories: Set(categories.to_owned()),
        session_epoch: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(person.id)
}

/// A past booking of the demo history.
pub struct PastBooking {
    pub person: i64,
    pub site: i64,
    pub desk: i64,
    pub commune: String,
    pub categories: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: &'static str,
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// Inserts past bookings, in one statement.
pub async fn insert_past_bookings<C: ConnectionTrait>(
    db: &C,
    rows: Vec<PastBooking>,
) -> Result<(), DbErr> {
    use sea_orm::ActiveValue::Set;
    if rows.is_empty() {
        return Ok(());
    }
    let rows = rows.into_iter().map(|b| {
        let made = b.start - chrono::Duration::days(3);
        booking::ActiveModel {
            resource_id: Set(b.desk),
            site_id: Set(b.site),
            person_id: Set(Some(b.person)),
            booked_by_id: Set(Some(b.person)),
            resident_commune_insee: Set(Some(b.commune)),
            resident_categories: Set(b.categories),
            start_at: Set(b.start),
            end_at: Set(b.end),
            status: Set(b.status.to_owned()),
            series_id: Set(None),
            sequence: Set(0),
            created_at: Set(made),
            updated_at: Set(b.cancelled_at.unwrap_or(made)),
            cancelled_at: Set(b.cancelled_at),
            cancel_reason: Set(None),
            beyond_quota: Set(false),
            reminded_at: Set(None),
            ..Default::default()
        }
    });
    booking::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Marks these bookings as beyond the person's free quota (paid).
pub async fn mark_beyond_quota<C: ConnectionTrait>(db: &C, ids: Vec<i64>) -> Result<(), DbErr> {
    for slice in ids.chunks(5_000) {
        booking::Entity::update_many()
            .col_expr(booking::Column::BeyondQuota, Expr::value(true))
            .filter(booking::Column::Id.is_in(slice.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Moves the creation of every site and resource made after `at` back to
/// `at` (the demo network, given a past, must have existed during it).
pub async fn backdate_network<C: ConnectionTrait>(db: &C, at: DateTime<Utc>) -> Result<(), DbErr> {
    site::Entity::update_many()
        .col_expr(site::Column::CreatedAt, Expr::value(at))
        .filter(site::Column::CreatedAt.gt(at))
        .exec(db)
        .await?;
    resource::Entity::update_many()
        .col_expr(resource::Column::CreatedAt, Expr::value(at))
        .filter(resource::Column::CreatedAt.gt(at))
        .exec(db)
        .await?;
    Ok(())
}

/// The breakdown tallies of erased people of these sites in these months.
pub async fn erased_breakdown<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
    months: Vec<String>,
) -> Result<Vec<erased_breakdown::Model>, DbErr> {
    erased_breakdown::Entity::find()
        .filter(erased_breakdown::Column::SiteId.is_in(ids))
        .filter(erased_breakdown::Column::Month.is_in(months))
        .all(db)
        .await
}

/// Erased residents of these communes counted at any site in these months.
pub async fn erased_residents<C: ConnectionTrait>(
    db: &C,
    insee: Vec<String>,
    months: Vec<String>,
) -> Result<Vec<erased_breakdown::Model>, DbErr> {
    erased_breakdown::Entity::find()
        .filter(erased_breakdown::Column::Dimension.eq("commune"))
        .filter(erased_breakdown::Column::Value.is_in(insee))
        .filter(erased_breakdown::Column::Month.is_in(months))
        .all(db)
        .await
}

/// Adds `people` erased people to a breakdown tally of a site and month.
pub async fn add_erased_breakdown<C: ConnectionTrait>(
    db: &C,
    site: i64,
    month: &str,
    dimension: &str,
    value: &str,
    people: i64,
) -> Result<(), DbErr> {
    use sea_orm::{ActiveValue::Set, Insert};
    let row = erased_breakdown::ActiveModel {
        site_id: Set(site),
        month: Set(month.to_owned()),
        dimension: Set(dimension.to_owned()),
        value: Set(value.to_owned()),
        people: Set(people),
    };
    Insert::one(row)
        .on_conflict(
            OnConflict::columns([
                erased_breakdown::Column::SiteId,
                erased_breakdown::Column::Month,
                erased_breakdown::Column::Dimension,
                erased_breakdown::Column::Value,
            ])
            .value(
                erased_breakdown::Column::People,
                Expr::col((erased_breakdown::Entity, erased_breakdown::Column::People)).add(people),
            )
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// When each of these people first came to the network: the start of their
/// earliest booking that was not cancelled.
pub async fn first_visits<C: ConnectionTrait>(
    db: &C,
    people: Vec<i64>,
) -> Result<Vec<(i64, DateTime<Utc>)>, DbErr> {
    use sea_orm::{QuerySelect, sea_query::Func};
    let mut firsts = Vec::new();
    // In slices: a bound list stays far under every database's limit.
    for slice in people.chunks(5_000) {
        let rows: Vec<(Option<i64>, Option<DateTime<Utc>>)> = booking::Entity::find()
            .select_only()
            .column(booking::Column::PersonId)
            .expr(Func::min(Expr::col(booking::Column::StartAt)))
            .filter(booking::Column::PersonId.is_in(slice.to_vec()))
            .filter(booking::Column::Status.ne("cancelled"))
            .group_by(booking::Column::PersonId)
            .into_tuple()
            .all(db)
            .await?;
        firsts.extend(
            rows.into_iter()
                .filter_map(|(person, first)| Some((person?, first?))),
        );
    }
    Ok(firsts)
}

/// The quota ledger's rows of the bookings of these sites starting in
/// [from, until), in one query.
pub async fn charges_of_bookings_between<C: ConnectionTrait>(
    db: &C,
    sites: Vec<i64>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<quota_charge::Model>, DbErr> {
    use sea_orm::sea_query::Query;
    let bookings = Query::select()
        .column(booking::Column::Id)
        .from(booking::Entity)
        .and_where(booking::Column::SiteId.is_in(sites))
        .and_where(booking::Column::StartAt.gte(from))
        .and_where(booking::Column::StartAt.lt(until))
        .to_owned();
    quota_charge::Entity::find()
        .filter(quota_charge::Column::BookingId.in_subquery(bookings))
        .all(db)
        .await
}
