//! The rows and queries behind `app::api_keys`: they take ids and return rows.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::entities::api_key;

/// The key with this hash, if it is not revoked.
pub async fn live_key_by_hash<C: ConnectionTrait>(
    db: &C,
    hash: &str,
) -> Result<Option<api_key::Model>, DbErr> {
    api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(hash))
        .filter(api_key::Column::RevokedAt.is_null())
        .one(db)
        .await
}

/// Every key, revoked or not, by id.
pub async fn all_keys<C: ConnectionTrait>(db: &C) -> Result<Vec<api_key::Model>, DbErr> {
    api_key::Entity::find()
        .order_by_asc(api_key::Column::Id)
        .all(db)
        .await
}

/// Inserts a key, never used and not revoked.
pub async fn insert_api_key<C: ConnectionTrait>(
    db: &C,
    name: String,
    prefix: String,
    key_hash: String,
    scope: String,
    site_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<api_key::Model, DbErr> {
    api_key::ActiveModel {
        name: Set(name),
        prefix: Set(prefix),
        key_hash: Set(key_hash),
        scope: Set(scope),
        site_id: Set(site_id),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Marks key `id` revoked at `now` unless it already is; how many rows
/// changed (0 or 1).
pub async fn revoke_api_key<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(api_key::Entity::update_many()
        .col_expr(api_key::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_key::Column::Id.eq(id))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// Whether there is a key of this id, revoked or not.
pub async fn api_key_exists<C: ConnectionTrait>(db: &C, id: i64) -> Result<bool, DbErr> {
    Ok(api_key::Entity::find_by_id(id).one(db).await?.is_some())
}
