//! Machine API keys: created by network administrators, stored hashed, revocable.

use chrono::{DateTime, Utc};
use shared::api::{ApiKeyInfo, ApiKeyScope, CreatedApiKey, NewApiKey};
use shared::error::codes;
use shared::ids::{ApiKeyId, SiteId};

use super::failure::Failure;
use crate::db::entities::api_key;
use crate::db::{self, DatabaseConnection, DbErr};

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
) -> Result<Option<(ApiKeyId, ApiKeyScope)>, DbErr> {
    let row = db::api_keys::live_key_by_hash(db, hash).await?;
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
    Ok(db::api_keys::all_keys(db)
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
            if !db::sites::site_exists(db, site_id.0).await? {
                return Err(Failure::invalid(
                    codes::BAD_REQUEST,
                    "There is no such site.",
                ));
            }
            ("site", Some(site_id.0))
        }
        ApiKeyScope::StatsRead => ("stats_read", None),
    };
    let row = db::api_keys::insert_api_key(
        db,
        name.to_owned(),
        prefix,
        key_hash,
        scope.to_owned(),
        site_id,
        now,
    )
    .await?;
    let info = info(row).ok_or_else(|| anyhow::anyhow!("stored key has an unknown scope"))?;
    Ok(CreatedApiKey { key, info })
}

pub async fn revoke(
    db: &DatabaseConnection,
    id: ApiKeyId,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let revoked = db::api_keys::revoke_api_key(db, id.0, now).await?;
    if revoked == 0 && !db::api_keys::api_key_exists(db, id.0).await? {
        return Err(Failure::NotFound("There is no such key.".to_owned()));
    }
    Ok(())
}
