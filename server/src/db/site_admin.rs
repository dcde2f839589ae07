//! The rows and queries behind `app::site_admin`: they take ids and return rows.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set, Statement,
};

use super::entities::booking::ACTIVE;
use super::entities::{booking, commune, opening_hour, resource, site};

/// A site's settings, as its row stores them.
pub struct SiteFields {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub commune_insee: String,
    pub latitude: f64,
    pub longitude: f64,
    pub time_zone: String,
    /// The amenities, as JSON.
    pub amenities: String,
    pub accessibility: String,
    pub slot_minutes: i32,
    pub max_days_ahead: i32,
    pub max_booking_minutes: i32,
    pub cancel_deadline_minutes: i32,
    pub pass_margin_minutes: i32,
    pub release_after_minutes: Option<i32>,
    pub how_to_get_in: String,
    pub phone: String,
}

impl SiteFields {
    fn set_on(self, model: &mut site::ActiveModel) {
        model.name = Set(self.name);
        model.address = Set(self.address);
        model.postcode = Set(self.postcode);
        model.commune_insee = Set(self.commune_insee);
        model.latitude = Set(self.latitude);
        model.longitude = Set(self.longitude);
        model.time_zone = Set(self.time_zone);
        model.amenities = Set(self.amenities);
        model.accessibility = Set(self.accessibility);
        model.slot_minutes = Set(self.slot_minutes);
        model.max_days_ahead = Set(self.max_days_ahead);
        model.max_booking_minutes = Set(self.max_booking_minutes);
        model.cancel_deadline_minutes = Set(self.cancel_deadline_minutes);
        model.pass_margin_minutes = Set(self.pass_margin_minutes);
        model.release_after_minutes = Set(self.release_after_minutes);
        model.how_to_get_in = Set(self.how_to_get_in);
        model.phone = Set(self.phone);
    }
}

/// One weekly opening period, as its row stores it.
pub struct OpeningHourFields {
    pub weekday: i16,
    pub opens_minute: i32,
    pub closes_minute: i32,
}

/// Whether there is a commune of this INSEE code.
pub async fn commune_exists<C: ConnectionTrait>(db: &C, insee: &str) -> Result<bool, DbErr> {
    Ok(commune::Entity::find_by_id(insee.to_owned())
        .one(db)
        .await?
        .is_some())
}

/// Inserts a site, not retired.
pub async fn insert_site<C: ConnectionTrait>(
    db: &C,
    fields: SiteFields,
    now: DateTime<Utc>,
) -> Result<site::Model, DbErr> {
    let mut model = site::ActiveModel {
        created_at: Set(now),
        retired_at: Set(None),
        ..Default::default()
    };
    fields.set_on(&mut model);
    model.insert(db).await
}

/// Replaces every opening hour of the site with these.
pub async fn replace_opening_hours<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    hours: Vec<OpeningHourFields>,
) -> Result<(), DbErr> {
    opening_hour::Entity::delete_many()
        .filter(opening_hour::Column::SiteId.eq(site_id))
        .exec(db)
        .await?;
    if hours.is_empty() {
        return Ok(());
    }
    let rows = hours.into_iter().map(|p| opening_hour::ActiveModel {
        site_id: Set(site_id),
        weekday: Set(p.weekday),
        opens_minute: Set(p.opens_minute),
        closes_minute: Set(p.closes_minute),
        ..Default::default()
    });
    opening_hour::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// The site of this id, if it is not retired.
pub async fn live_site<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<site::Model>, DbErr> {
    site::Entity::find_by_id(id)
        .filter(site::Column::RetiredAt.is_null())
        .one(db)
        .await
}

/// Writes a site's settings and its feed version.
pub async fn update_site<C: ConnectionTrait>(
    db: &C,
    id: i64,
    fields: SiteFields,
    feed_version: i64,
) -> Result<(), DbErr> {
    let mut model = site::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        feed_version: Set(feed_version),
        ..Default::default()
    };
    fields.set_on(&mut model);
    model.update(db).await?;
    Ok(())
}

/// Marks a site retired at `now`.
pub async fn retire_site<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    site::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        retired_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Ids of every resource of the site, retired or not.
pub async fn resource_ids_of_site<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
) -> Result<Vec<i64>, DbErr> {
    Ok(resource::Entity::find()
        .filter(resource::Column::SiteId.eq(site_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// On PostgreSQL, the advisory locks a booking of these resources takes.
pub async fn lock_resources(txn: &super::Txn, resources: &[i64]) -> Result<(), DbErr> {
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

/// How many active bookings of these resources end after `now`.
pub async fn count_active_bookings_ending_after<C: ConnectionTrait>(
    db: &C,
    resources: Vec<i64>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::ResourceId.is_in(resources))
        .filter(booking::Column::Status.is_in(ACTIVE))
        .filter(booking::Column::EndAt.gt(now))
        .count(db)
        .await
}

/// Inserts a resource of the site, not retired.
pub async fn insert_resource<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    name: String,
    kind: String,
    capacity: i32,
    now: DateTime<Utc>,
) -> Result<resource::Model, DbErr> {
    resource::ActiveModel {
        site_id: Set(site_id),
        name: Set(name),
        kind: Set(kind),
        capacity: Set(capacity),
        created_at: Set(now),
        retired_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The resource `id` of the site, if it is not retired.
pub async fn live_resource<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    id: i64,
) -> Result<Option<resource::Model>, DbErr> {
    resource::Entity::find_by_id(id)
        .filter(resource::Column::SiteId.eq(site_id))
        .filter(resource::Column::RetiredAt.is_null())
        .one(db)
        .await
}

/// Writes a resource's name, kind, capacity and feed version.
pub async fn update_resource<C: ConnectionTrait>(
    db: &C,
    id: i64,
    name: String,
    kind: String,
    capacity: i32,
    feed_version: i64,
) -> Result<(), DbErr> {
    resource::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        name: Set(name),
        kind: Set(kind),
        capacity: Set(capacity),
        feed_version: Set(feed_version),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Marks a resource retired at `now`.
pub async fn retire_resource<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    resource::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        retired_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
