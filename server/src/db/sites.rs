//! The rows and queries behind `app::sites`: they take ids and return rows.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, Statement,
};
use serde::de::DeserializeOwned;

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
    let lines: Vec<(i64, i64, i16, i32, i32)> = json_rows(
        db,
        "id, site_id, weekday, opens_minute, closes_minute",
        "opening_hour",
        &format!("site_id IN ({})", id_list(&site_ids)),
        "weekday, opens_minute",
    )
    .await?;
    Ok(lines
        .into_iter()
        .map(
            |(id, site_id, weekday, opens_minute, closes_minute)| opening_hour::Model {
                id,
                site_id,
                weekday,
                opens_minute,
                closes_minute,
            },
        )
        .collect())
}

/// A resource as the sites list and availability show it.
#[derive(Debug, Clone)]
pub struct ResourceLine {
    pub id: i64,
    pub site_id: i64,
    pub name: String,
    /// `desk`, `meeting_room` or `phone_booth`.
    pub kind: String,
    pub capacity: i32,
}

/// The resources of these sites that are not retired, by id: what the
/// sites list needs of them.
pub async fn live_resource_lines_of_sites<C: ConnectionTrait>(
    db: &C,
    site_ids: Vec<i64>,
) -> Result<Vec<ResourceLine>, DbErr> {
    let lines: Vec<(i64, i64, String, String, i32)> = json_rows(
        db,
        "id, site_id, name, kind, capacity",
        "resource",
        &format!("retired_at IS NULL AND site_id IN ({})", id_list(&site_ids)),
        "id",
    )
    .await?;
    Ok(lines
        .into_iter()
        .map(|(id, site_id, name, kind, capacity)| ResourceLine {
            id,
            site_id,
            name,
            kind,
            capacity,
        })
        .collect())
}

/// `1, 2, 3` (ids read from the database: numbers, nothing to escape), or
/// `NULL` for none, which matches nothing.
fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        return "NULL".to_owned();
    }
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of `SELECT columns FROM table WHERE filter ORDER BY order`, each
/// as a tuple, read as one JSON array: the driver hands every row over from
/// the database's thread on its own, and for the hundreds of resources and
/// opening hours that every availability request reads, those hand-offs
/// cost more than the query (docs/PERFORMANCE.md). Only for trusted text:
/// the callers' own column and table names, and ids.
async fn json_rows<C: ConnectionTrait, T: DeserializeOwned>(
    db: &C,
    columns: &str,
    table: &str,
    filter: &str,
    order: &str,
) -> Result<Vec<T>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => format!(
            "SELECT coalesce(json_agg(json_build_array({columns}) ORDER BY {order}), '[]')::text AS lines \
             FROM {table} WHERE {filter}"
        ),
        // An aggregate's own ORDER BY (SQLite 3.44 and later; 3.51 is
        // bundled): the order of a subquery's rows is not promised to it.
        _ => format!(
            "SELECT coalesce(json_group_array(json_array({columns}) ORDER BY {order}), '[]') AS lines \
             FROM {table} WHERE {filter}"
        ),
    };
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await?;
    let text: Option<String> = match row {
        Some(row) => row.try_get("", "lines")?,
        None => None,
    };
    serde_json::from_str(text.as_deref().unwrap_or("[]"))
        .map_err(|e| DbErr::Custom(format!("unreadable rows of {table}: {e}")))
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
