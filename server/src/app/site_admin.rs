//! Changing the network: sites and their resources created, edited and
//! retired. Retiring keeps the rows (and every past booking pointing at
//! them); it only takes them out of searches and new bookings.

use chrono::{DateTime, Utc};
use shared::api::{ResourceInput, SiteInput};
use shared::error::codes;
use shared::ids::{ResourceId, SiteId};
use shared::site_checks;

use super::failure::Failure;
use crate::db::entities::{resource, site};
use crate::db::site_admin::{OpeningHourFields, SiteFields};
use crate::db::{self, ConnectionTrait, DatabaseConnection};

const DEFAULT_ZONE: &str = "Europe/Paris";

fn refused(problem: site_checks::Problem) -> Failure {
    Failure::invalid(problem.code, problem.message)
}

/// Checks what the shared rule cannot know: the commune and the time zone.
async fn check(db: &DatabaseConnection, input: &SiteInput) -> Result<String, Failure> {
    site_checks::check_site(input).map_err(refused)?;
    let known = db::site_admin::commune_exists(db, &input.commune_insee).await?;
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

fn settings(input: &SiteInput, zone: String) -> SiteFields {
    SiteFields {
        name: input.name.trim().to_owned(),
        address: input.address.trim().to_owned(),
        postcode: input.postcode.clone(),
        commune_insee: input.commune_insee.clone(),
        latitude: input.latitude,
        longitude: input.longitude,
        time_zone: zone,
        amenities: serde_json::to_string(&input.amenities).unwrap_or_else(|_| "[]".into()),
        accessibility: input.accessibility.trim().to_owned(),
        slot_minutes: i32::from(input.rules.slot_minutes),
        max_days_ahead: i32::from(input.rules.max_days_ahead),
        max_booking_minutes: i32::from(input.rules.max_booking_minutes),
        cancel_deadline_minutes: i32::try_from(input.rules.cancel_deadline_minutes)
            .unwrap_or(i32::MAX),
        pass_margin_minutes: i32::from(input.door.pass_margin_minutes),
        release_after_minutes: input.door.release_after_minutes.map(i32::from),
        how_to_get_in: input.door.how_to_get_in.trim().to_owned(),
        phone: input.phone.trim().to_owned(),
    }
}

fn hours(input: &SiteInput) -> Vec<OpeningHourFields> {
    input
        .opening_hours
        .iter()
        .map(|p| OpeningHourFields {
            weekday: i16::from(p.weekday),
            opens_minute: i32::from(p.opens.minutes()),
            closes_minute: i32::from(p.closes.minutes()),
        })
        .collect()
}

pub async fn create(
    db: &DatabaseConnection,
    input: &SiteInput,
    now: DateTime<Utc>,
) -> Result<SiteId, Failure> {
    let zone = check(db, input).await?;
    let txn = db::begin_write(db).await?;
    let row = db::site_admin::insert_site(&txn, settings(input, zone), now).await?;
    db::site_admin::replace_opening_hours(&txn, row.id, hours(input)).await?;
    txn.commit().await?;
    Ok(SiteId(row.id))
}

async fn live_site(db: &impl ConnectionTrait, id: SiteId) -> Result<site::Model, Failure> {
    db::site_admin::live_site(db, id.0)
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
    let txn = db::begin_write(db).await?;
    let current = live_site(&txn, id).await?;
    if !may_move && current.commune_insee != input.commune_insee {
        return Err(Failure::Refused {
            code: codes::COMMUNE_LOCKED,
            message: "Only the network's administrators move a site to another commune.".to_owned(),
        });
    }
    // Feeds show the site's name and address: their ETag must change.
    let feed_version = current.feed_version + 1;
    db::site_admin::update_site(&txn, id.0, settings(input, zone), feed_version).await?;
    db::site_admin::replace_opening_hours(&txn, id.0, hours(input)).await?;
    txn.commit().await?;
    Ok(())
}

async fn future_bookings(
    db: &impl ConnectionTrait,
    resources: Vec<i64>,
    now: DateTime<Utc>,
) -> Result<u64, Failure> {
    Ok(db::site_admin::count_active_bookings_ending_after(db, resources, now).await?)
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
    gate: &db::WriteGate,
    id: SiteId,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let _writer = gate.enter().await;
    let txn = db::begin_write(db).await?;
    let row = live_site(&txn, id).await?;
    let resources = db::site_admin::resource_ids_of_site(&txn, id.0).await?;
    db::site_admin::lock_resources(&txn, &resources).await?;
    let count = future_bookings(&txn, resources, now).await?;
    if count > 0 {
        return Err(in_use(count));
    }
    db::site_admin::retire_site(&txn, row.id, now).await?;
    txn.commit().await?;
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
    let row = db::site_admin::insert_resource(
        db,
        site.0,
        input.name.trim().to_owned(),
        input.kind.as_str().to_owned(),
        i32::try_from(input.capacity).unwrap_or(1),
        now,
    )
    .await?;
    Ok(ResourceId(row.id))
}

async fn live_resource(
    db: &impl ConnectionTrait,
    site: SiteId,
    id: ResourceId,
) -> Result<resource::Model, Failure> {
    db::site_admin::live_resource(db, site.0, id.0)
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
    let current = live_resource(db, site, id).await?;
    db::site_admin::update_resource(
        db,
        current.id,
        input.name.trim().to_owned(),
        input.kind.as_str().to_owned(),
        i32::try_from(input.capacity).unwrap_or(1),
        current.feed_version + 1,
    )
    .await?;
    Ok(())
}

/// Retires a resource that has no booking to come, as `retire` does a site.
pub async fn retire_resource(
    db: &DatabaseConnection,
    gate: &db::WriteGate,
    site: SiteId,
    id: ResourceId,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let _writer = gate.enter().await;
    let txn = db::begin_write(db).await?;
    let row = live_resource(&txn, site, id).await?;
    db::site_admin::lock_resources(&txn, &[row.id]).await?;
    let count = future_bookings(&txn, vec![row.id], now).await?;
    if count > 0 {
        return Err(in_use(count));
    }
    db::site_admin::retire_resource(&txn, row.id, now).await?;
    txn.commit().await?;
    Ok(())
}
