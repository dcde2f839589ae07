//! The rows and queries behind `app::sites`: they take ids and return rows.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{booking, closure, opening_hour, person, resource, site};

/// Every site still open to bookings, by name.
pub async fn live_sites_by_name<C: ConnectionTrait>(db: &C) -> Result<Vec<site::Model>, DbErr> {
    site::Entity::find()
        .filter(site::Column::RetiredAt.is_null())
        .order_by_asc(site::Column::Name)
        .all(db)
        .await
}

/// The opening hours of these sites, by weekday then opening time.
pub async fn opening_hours_of_sites<C: ConnectionTrait>(
    db: &C,
    site_ids: Vec<i64>,
) -> Result<Vec<opening_hour::Model>, DbErr> {
    opening_hour::Entity::find()
        .filter(opening_hour::Column::SiteId.is_in(site_ids))
        .order_by_asc(opening_hour::Column::Weekday)
        .order_by_asc(opening_hour::Column::OpensMinute)
        .all(db)
        .await
}

/// The resources of these sites that are not retired, by id.
pub async fn live_resources_of_sites<C: ConnectionTrait>(
    db: &C,
    site_ids: Vec<i64>,
) -> Result<Vec<resource::Model>, DbErr> {
    resource::Entity::find()
        .filter(resource::Column::SiteId.is_in(site_ids))
        .filter(resource::Column::RetiredAt.is_null())
        .order_by_asc(resource::Column::Id)
        .all(db)
        .await
}

/// The site of this id, retired or not.
pub async fn site_by_id<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<site::Model>, DbErr> {
    site::Entity::find_by_id(id).one(db).await
}

/// Whether there is a site of this id, retired or not.
pub async fn site_exists<C: ConnectionTrait>(db: &C, id: i64) -> Result<bool, DbErr> {
    Ok(site_by_id(db, id).await?.is_some())
}

/// The site of resource `id`; `None` when there is no such resource.
pub async fn site_of_resource<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<i64>, DbErr> {
    Ok(resource::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|r| r.site_id))
}

/// The site of closure `id`; `None` when there is no such closure.
pub async fn site_of_closure<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<i64>, DbErr> {
    Ok(closure::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|c| c.site_id))
}

/// The site at whose desk person `id` was created; `None` when there is no
/// such person or they signed up themselves.
pub async fn assisting_site_of_person<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<i64>, DbErr> {
    Ok(person::Entity::find_by_id(id)
        .one(db)
        .await?
        .and_then(|p| p.assisted_by_site_id))
}

/// Whether person `person` has a booking (of any status) at site `site`.
pub async fn has_booked_at_site<C: ConnectionTrait>(
    db: &C,
    person: i64,
    site: i64,
) -> Result<bool, DbErr> {
    Ok(booking::Entity::find()
        .filter(booking::Column::PersonId.eq(person))
        .filter(booking::Column::SiteId.eq(site))
        .one(db)
        .await?
        .is_some())
}

pub async fn sites_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
) -> Result<Vec<site::Model>, DbErr> {
    site::Entity::find()
        .filter(site::Column::Id.is_in(ids))
        .all(db)
        .await
}
