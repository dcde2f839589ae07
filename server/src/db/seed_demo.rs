//! The rows and queries behind `app::seed_demo`: they take ids and plain
//! values and return rows.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use super::entities::{opening_hour, quota_policy_version, role_grant, site};
/// A site and a resource are inserted as the administration inserts them.
pub use super::site_admin::{SiteFields, insert_resource, insert_site};

/// The site of this name, retired or not.
pub async fn site_named<C: ConnectionTrait>(
    db: &C,
    name: &str,
) -> Result<Option<site::Model>, DbErr> {
    site::Entity::find()
        .filter(site::Column::Name.eq(name))
        .one(db)
        .await
}

pub async fn insert_opening_hour<C: ConnectionTrait>(
    db: &C,
    site_id: i64,
    weekday: i16,
    opens_minute: i32,
    closes_minute: i32,
) -> Result<(), DbErr> {
    opening_hour::ActiveModel {
        site_id: Set(site_id),
        weekday: Set(weekday),
        opens_minute: Set(opens_minute),
        closes_minute: Set(closes_minute),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Grants `role` to the person, at a site or over a commune when given.
pub async fn insert_role_grant<C: ConnectionTrait>(
    db: &C,
    person_id: i64,
    role: &str,
    site_id: Option<i64>,
    commune_insee: Option<&str>,
) -> Result<(), DbErr> {
    role_grant::ActiveModel {
        person_id: Set(person_id),
        role: Set(role.to_owned()),
        site_id: Set(site_id),
        commune_insee: Set(commune_insee.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Every version of every quota policy.
pub async fn all_quota_policy_versions<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<quota_policy_version::Model>, DbErr> {
    quota_policy_version::Entity::find().all(db).await
}
