//! Queries about sites, their opening hours and resources.

use std::collections::HashMap;

use shared::ClockTime;
use shared::api::{BookingRules, OpeningPeriod, Resource, ResourceKind, Site};
use shared::ids::{ResourceId, SiteId};

use super::failure::Failure;
use crate::db::entities::{commune, opening_hour, site};
use crate::db::{self, DatabaseConnection, DbErr};

/// Every site still open to bookings, by name, with its hours and resources.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<Site>, DbErr> {
    let sites = db::sites::live_sites_by_name(db).await?;
    let site_ids: Vec<i64> = sites.iter().map(|s| s.id).collect();
    let communes: HashMap<String, commune::Model> = db::communes::communes_by_insee(
        db,
        sites.iter().map(|s| s.commune_insee.clone()).collect(),
    )
    .await?
    .into_iter()
    .map(|c| (c.insee.clone(), c))
    .collect();
    let mut hours: HashMap<i64, Vec<OpeningPeriod>> = HashMap::new();
    for row in db::sites::opening_hours_of_sites(db, site_ids.clone()).await? {
        if let Some(period) = opening_period(&row) {
            hours.entry(row.site_id).or_default().push(period);
        }
    }
    let mut resources: HashMap<i64, Vec<Resource>> = HashMap::new();
    for row in db::sites::live_resource_lines_of_sites(db, site_ids).await? {
        let Some(kind) = ResourceKind::parse(&row.kind) else {
            tracing::warn!(resource = row.id, kind = %row.kind, "resource of unknown kind left out");
            continue;
        };
        resources.entry(row.site_id).or_default().push(Resource {
            id: ResourceId(row.id),
            name: row.name,
            kind,
            capacity: u32::try_from(row.capacity).unwrap_or(1),
        });
    }

    Ok(sites
        .into_iter()
        .map(|row| {
            let commune = communes.get(&row.commune_insee);
            Site {
                id: SiteId(row.id),
                rules: rules_of(&row),
                door: door_of(&row),
                commune_name: commune.map(|c| c.name.clone()).unwrap_or_default(),
                opening_hours: hours.remove(&row.id).unwrap_or_default(),
                resources: resources.remove(&row.id).unwrap_or_default(),
                amenities: serde_json::from_str(&row.amenities).unwrap_or_default(),
                name: row.name,
                commune_insee: row.commune_insee,
                address: row.address,
                postcode: row.postcode,
                latitude: row.latitude,
                longitude: row.longitude,
                time_zone: row.time_zone,
                accessibility: row.accessibility,
                phone: row.phone,
            }
        })
        .collect())
}

pub(crate) fn opening_period(row: &opening_hour::Model) -> Option<OpeningPeriod> {
    let minutes = |m: i32| u16::try_from(m).ok().and_then(ClockTime::from_minutes);
    Some(OpeningPeriod {
        weekday: u8::try_from(row.weekday).ok()?,
        opens: minutes(row.opens_minute)?,
        closes: minutes(row.closes_minute)?,
    })
}

pub(crate) fn rules_of(row: &site::Model) -> BookingRules {
    let defaults = BookingRules::default();
    BookingRules {
        slot_minutes: u16::try_from(row.slot_minutes).unwrap_or(defaults.slot_minutes),
        max_days_ahead: u16::try_from(row.max_days_ahead).unwrap_or(defaults.max_days_ahead),
        max_booking_minutes: u16::try_from(row.max_booking_minutes)
            .unwrap_or(defaults.max_booking_minutes),
        cancel_deadline_minutes: u32::try_from(row.cancel_deadline_minutes)
            .unwrap_or(defaults.cancel_deadline_minutes),
    }
}

pub(crate) fn door_of(row: &site::Model) -> shared::api::DoorRules {
    shared::api::DoorRules {
        pass_margin_minutes: u16::try_from(row.pass_margin_minutes).unwrap_or(15),
        release_after_minutes: row
            .release_after_minutes
            .and_then(|m| u16::try_from(m).ok()),
        how_to_get_in: row.how_to_get_in.clone(),
    }
}

/// Objects reached through a site's path (`/sites/{site_id}/…/{id}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteChild {
    Resource,
    Closure,
    /// A person a host created at the site's desk.
    AssistedPerson,
    /// A person the site knows: created at its desk, or who booked there.
    Visitor,
}

/// Whether object `id` of this kind belongs to site `site_id`.
pub async fn owns(
    db: &DatabaseConnection,
    site_id: i64,
    kind: SiteChild,
    id: i64,
) -> Result<bool, DbErr> {
    let owner = match kind {
        SiteChild::Resource => db::sites::site_of_resource(db, id).await?,
        SiteChild::Closure => db::sites::site_of_closure(db, id).await?,
        SiteChild::AssistedPerson => db::sites::assisting_site_of_person(db, id).await?,
        SiteChild::Visitor => {
            if db::sites::has_booked_at_site(db, id, site_id).await? {
                return Ok(true);
            }
            db::sites::assisting_site_of_person(db, id).await?
        }
    };
    Ok(owner == Some(site_id))
}

/// A site's commune and that commune's EPCI; `None` when there is no such site.
pub async fn territory_of(
    db: &DatabaseConnection,
    site_id: i64,
) -> Result<Option<(String, Option<String>)>, DbErr> {
    let Some(site) = db::sites::site_by_id(db, site_id).await? else {
        return Ok(None);
    };
    let epci = db::communes::commune_by_insee(db, &site.commune_insee)
        .await?
        .and_then(|c| c.epci_code);
    Ok(Some((site.commune_insee, epci)))
}

/// A site's name, for mails that speak of it; 404 when there is no such site.
pub async fn name_of(
    db: &DatabaseConnection,
    id: SiteId,
) -> Result<String, super::failure::Failure> {
    db::sites::site_by_id(db, id.0)
        .await?
        .map(|s| s.name)
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))
}
