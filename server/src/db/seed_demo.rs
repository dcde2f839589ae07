//! The rows and queries behind `app::seed_demo`: they take ids and plain
//! values and return rows.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use super::entities::{opening_hour, person, quota_policy, quota_policy_version, role_grant, site};
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

/// The person with this e-mail address.
pub async fn person_with_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::Email.eq(email))
        .one(db)
        .await
}

/// Inserts a person who signed up themselves, with no category declared.
pub async fn insert_person<C: ConnectionTrait>(
    db: &C,
    email: &str,
    display_name: &str,
    commune_insee: &str,
    language: &str,
    now: DateTime<Utc>,
) -> Result<person::Model, DbErr> {
    person::ActiveModel {
        email: Set(Some(email.to_owned())),
        display_name: Set(display_name.to_owned()),
        commune_insee: Set(Some(commune_insee.to_owned())),
        language: Set(language.to_owned()),
        created_at: Set(now),
        categories: Set("[]".to_owned()),
        session_epoch: Set(0),
        assisted_by_site_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
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

/// Inserts a quota policy, not retired, at version `current_version`; its id.
pub async fn insert_quota_policy<C: ConnectionTrait>(
    db: &C,
    current_version: i32,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let created = quota_policy::ActiveModel {
        current_version: Set(current_version),
        created_at: Set(now),
        retired_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}

/// Inserts a version of a quota policy; `settings` is the policy as JSON.
pub async fn insert_quota_policy_version<C: ConnectionTrait>(
    db: &C,
    policy_id: i64,
    version: i32,
    settings: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    quota_policy_version::ActiveModel {
        policy_id: Set(policy_id),
        version: Set(version),
        settings: Set(settings),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
