//! Changing the network: sites and their resources created, edited and
//! retired. Retiring keeps the rows (and every past booking pointing at
//! them); it only takes them out of searches and new bookings.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use shared::api::{ResourceInput, SiteInput};
use shared::error::codes;
use shared::ids::{ResourceId, SiteId};
use shared::site_checks;

use super::failure::Failure;
use crate::db::entities::booking::ACTIVE;
use crate::db::entities::{booking, commune, opening_hour, resource, site};

const DEFAULT_ZONE: &str = "Europe/Paris";

fn refused(problem: site_checks::Problem) -> Failure {
    Failure::invalid(problem.code, problem.message)
}

/// Checks what the shared rule cannot know: the commune and the time zone.
async fn check(db: &DatabaseConnection, input: &SiteInput) -> Result<String, Failure> {
    site_checks::check_site(input).map_err(refused)?;
    let known = commune::Entity::find_by_id(input.commune_insee.clone())
        .one(db)
        .await?
        .is_some();
    if !known {
        return Err(Failure::invalid(
            codes::UNKNOWN_COMMUNE,
            "There is no commune with this INSEE code.",
        ));
    }
    let zone = match input.time_zone.trim() {
        "" => DEFAULT_ZONE,
        zone => zone,
    };
    if zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(Failure::invalid(
            codes::INVALID_TIME_ZONE,
            "This is not a known IANA time zone (such as Europe/Paris).",
        ));
    }
    Ok(zone.to_owned())
}

fn settings(model: &mut site::ActiveModel, input: &SiteInput, zone: String) {
    model.name = Set(input.name.trim().to_owned());
    model.address = Set(input.address.trim().to_owned());
    model.postcode = Set(input.postcode.clone());
    model.commune_insee = Set(input.commune_insee.clone());
    model.latitude = Set(input.latitude);
    model.longitude = Set(input.longitude);
    model.time_zone = Set(zone);
    model.amenities = Set(serde_json::to_string(&input.amenities).unwrap_or_else(|_| "[]".into()));
    model.accessibility = Set(input.accessibility.trim().to_owned());
    model.slot_minutes = Set(i32::from(input.rules.slot_minutes));
    model.max_days_ahead = Set(i32::from(input.rules.max_days_ahead));
    model.max_booking_minutes = Set(i32::from(input.rules.max_booking_minutes));
    model.cancel_deadline_minutes =
        Set(i32::try_from(input.rules.cancel_deadline_minutes).unwrap_or(i32::MAX));
}

async fn replace_hours(
    db: &impl ConnectionTrait,
    site_id: i64,
    input: &SiteInput,
) -> Result<(), sea_orm::DbErr> {
    opening_hour::Entity::delete_many()
        .filter(opening_hour::Column::SiteId.eq(site_id))
        .exec(db)
        .await?;
    let rows = input
        .opening_hours
        .iter()
        .map(|p| opening_hour::ActiveModel {
            site_id: Set(site_id),
            weekday: Set(i16::from(p.weekday)),
            opens_minute: Set(i32::from(p.opens.minutes())),
            closes_minute: Set(i32::from(p.closes.minutes())),
            ..Default::default()
        });
    if !input.opening_hours.is_empty() {
        opening_hour::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

pub async fn create(
    db: &DatabaseConnection,
    input: &SiteInput,
    now: DateTime<Utc>,
) -> Result<SiteId, Failure> {
    let zone = check(db, input).await?;
    let txn = crate::db::begin_write(db).await?;
    let mut model = site::ActiveModel {
        created_at: Set(now),
        retired_at: Set(None),
        ..Default::default()
    };
    settings(&mut model, input, zone);
    let row = model.insert(&txn).await?;
    replace_hours(&txn, row.id, input).await?;
    txn.commit().await?;
    Ok(SiteId(row.id))
}

async fn live_site(db: &impl ConnectionTrait, id: SiteId) -> Result<site::Model, Failure> {
    site::Entity::find_by_id(id.0)
        .filter(site::Column::RetiredAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))
}

/// New settings and hours. Bookings already made stay as they are, even if
/// they now fall outside the hours: people were promised them.
pub async fn update(
    db: &DatabaseConnection,
    id: SiteId,
    input: &SiteInput,
    may_move: bool,
) -> Result<(), Failure> {
    let zone = check(db, input).await?;
    let txn = crate::db::begin_write(db).await?;
    let current = live_site(&txn, id).await?;
    if !may_move && current.commune_insee != input.commune_insee {
        return Err(Failure::Refused {
            code: codes::COMMUNE_LOCKED,
            message: "Only the network's administrators move a site to another commune.".to_owned(),
        });
    }
    let mut model: site::ActiveModel = current.into();
    settings(&mut model, input, zone);
    // Feeds show the site's name and address: their ETag must change.
    model.feed_version = Set(model.feed_version.clone().unwrap() + 1);
    model.update(&txn).await?;
    replace_hours(&txn, id.0, input).await?;
    txn.commit().await?;
    Ok(())
}

async fn future_bookings(
    db: &impl ConnectionTrait,
    resources: Vec<i64>,
    now: DateTime<Utc>,
) -> Result<u64, Failure> {
    Ok(booking::Entity::find()
        .filter(booking::Column::ResourceId.is_in(resources))
        .filter(booking::Column::Status.is_in(ACTIVE))
        .filter(booking::Column::EndAt.gt(now))
        .count(db)
        .await?)
}

fn in_use(count: u64) -> Failure {
    Failure::Conflict {
        code: codes::HAS_FUTURE_BOOKINGS,
        message: format!("{count} booking(s) to come would lose their place: cancel them first."),
    }
}

/// Retires a site that has no booking to come. The check and the change are
/// one transaction, taken in turn with the bookings of its resources (the
/// write gate on SQLite, the resources' advisory locks on PostgreSQL): a
/// booking cannot slip in between.
pub async fn retire(
    db: &DatabaseConnection,
    gate: &crate::db::WriteGate,
    id: SiteId,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let _writer = gate.enter().await;
    let txn = crate::db::begin_write(db).await?;
    let row = live_site(&txn, id).await?;
    let resources: Vec<i64> = resource::Entity::find()
        .filter(resource::Column::SiteId.eq(id.0))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    lock_resources(&txn, &resources).await?;
    let count = future_bookings(&txn, resources, now).await?;
    if count > 0 {
        return Err(in_use(count));
    }
    let mut model: site::ActiveModel = row.into();
    model.retired_at = Set(Some(now));
    model.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// On PostgreSQL, the advisory locks a booking of these resources takes.
async fn lock_resources(
    txn: &sea_orm::DatabaseTransaction,
    resources: &[i64],
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{DbBackend, Statement};
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let mut sorted = resources.to_vec();
    sorted.sort_unstable();
    for resource in sorted {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [resource.into()],
        ))
        .await?;
    }
    Ok(())
}

pub async fn add_resource(
    db: &DatabaseConnection,
    site: SiteId,
    input: &ResourceInput,
    now: DateTime<Utc>,
) -> Result<ResourceId, Failure> {
    site_checks::check_resource(input).map_err(refused)?;
    live_site(db, site).await?;
    let row = resource::ActiveModel {
        site_id: Set(site.0),
        name: Set(input.name.trim().to_owned()),
        kind: Set(input.kind.as_str().to_owned()),
        capacity: Set(i32::try_from(input.capacity).unwrap_or(1)),
        created_at: Set(now),
        retired_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(ResourceId(row.id))
}

async fn live_resource(
    db: &impl ConnectionTrait,
    site: SiteId,
    id: ResourceId,
) -> Result<resource::Model, Failure> {
    resource::Entity::find_by_id(id.0)
        .filter(resource::Column::SiteId.eq(site.0))
        .filter(resource::Column::RetiredAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such resource at this site.".to_owned()))
}

pub async fn update_resource(
    db: &DatabaseConnection,
    site: SiteId,
    id: ResourceId,
    input: &ResourceInput,
) -> Result<(), Failure> {
    site_checks::check_resource(input).map_err(refused)?;
    let mut model: resource::ActiveModel = live_resource(db, site, id).await?.into();
    model.name = Set(input.name.trim().to_owned());
    model.kind = Set(input.kind.as_str().to_owned());
    model.capacity = Set(i32::try_from(input.capacity).unwrap_or(1));
    model.feed_version = Set(model.feed_version.clone().unwrap() + 1);
    model.update(db).await?;
    Ok(())
}

/// Retires a resource that has no booking to come, as `retire` does a site.
pub async fn retire_resource(
    db: &DatabaseConnection,
    gate: &crate::db::WriteGate,
    site: SiteId,
    id: ResourceId,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let _writer = gate.enter().await;
    let txn = crate::db::begin_write(db).await?;
    let row = live_resource(&txn, site, id).await?;
    lock_resources(&txn, &[row.id]).await?;
    let count = future_bookings(&txn, vec![row.id], now).await?;
    if count > 0 {
        return Err(in_use(count));
    }
    let mut model: resource::ActiveModel = row.into();
    model.retired_at = Set(Some(now));
    model.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}
