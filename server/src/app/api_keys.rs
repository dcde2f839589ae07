//! Machine API keys: created by network administrators, stored hashed, revocable.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::api::{ApiKeyInfo, ApiKeyScope, CreatedApiKey, NewApiKey};
use shared::error::codes;
use shared::ids::{ApiKeyId, SiteId};

use super::failure::Failure;
use crate::db::entities::{api_key, site};

fn info(row: api_key::Model) -> Option<ApiKeyInfo> {
    let scope = match (row.scope.as_str(), row.site_id) {
        ("site", Some(site)) => ApiKeyScope::Site {
            site_id: SiteId(site),
        },
        ("stats_read", _) => ApiKeyScope::StatsRead,
        _ => return None,
    };
    Some(ApiKeyInfo {
        id: ApiKeyId(row.id),
        name: row.name,
        scope,
        prefix: row.prefix,
        created_at: row.created_at.to_rfc3339(),
        revoked: row.revoked_at.is_some(),
    })
}

/// The key with this hash, if it is not revoked: its id and what it may do.
pub async fn live_by_hash(
    db: &DatabaseConnection,
    hash: &str,
) -> Result<Option<(ApiKeyId, ApiKeyScope)>, sea_orm::DbErr> {
    let row = api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(hash))
        .filter(api_key::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    Ok(row.and_then(|row| {
        let scope = match (row.scope.as_str(), row.site_id) {
            ("site", Some(site)) => ApiKeyScope::Site {
                site_id: SiteId(site),
            },
            ("stats_read", _) => ApiKeyScope::StatsRead,
            _ => return None,
        };
        Some((ApiKeyId(row.id), scope))
    }))
}

pub async fn list(db: &DatabaseConnection) -> Result<Vec<ApiKeyInfo>, Failure> {
    Ok(api_key::Entity::find()
        .order_by_asc(api_key::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(info)
        .collect())
}

/// Stores a new key: `key` is the secret shown once, `prefix` what tells it
/// apart later and `key_hash` what is kept (`auth::api_keys` makes them).
pub async fn create(
    db: &DatabaseConnection,
    new: NewApiKey,
    (key, prefix, key_hash): (String, String, String),
    now: DateTime<Utc>,
) -> Result<CreatedApiKey, Failure> {
    shared::text::API_KEY_NAME
        .check(&new.name)
        .map_err(|p| Failure::invalid(p.code, p.message))?;
    let name = new.name.trim();
    if name.is_empty() {
        return Err(Failure::invalid(
            codes::INVALID_NAME,
            "Give the key a name of 1 to 100 characters.",
        ));
    }
    let (scope, site_id) = match new.scope {
        ApiKeyScope::Site { site_id } => {
            if site::Entity::find_by_id(site_id.0).one(db).await?.is_none() {
                return Err(Failure::invalid(
                    codes::BAD_REQUEST,
                    "There is no such site.",
                ));
            }
            ("site", Some(site_id.0))
        }
        ApiKeyScope::StatsRead => ("stats_read", None),
    };
    let row = api_key::ActiveModel {
        name: Set(name.to_owned()),
        prefix: Set(prefix),
        key_hash: Set(key_hash),
        scope: Set(scope.to_owned()),
        site_id: Set(site_id),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let info = info(row).ok_or_else(|| anyhow::anyhow!("stored key has an unknown scope"))?;
    Ok(CreatedApiKey { key, info })
}

pub async fn revoke(
    db: &DatabaseConnection,
    id: ApiKeyId,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let done = api_key::Entity::update_many()
        .col_expr(api_key::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_key::Column::Id.eq(id.0))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 0 && api_key::Entity::find_by_id(id.0).one(db).await?.is_none() {
        return Err(Failure::NotFound("There is no such key.".to_owned()));
    }
    Ok(())
}
