//! Secrets the server keeps in its own database when none is configured
//! (the session signing key): created once, shared by every process.

use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

use super::entities::server_secret;

/// Whether the database is one other programs may read (PostgreSQL), rather
/// than the server's own file.
pub fn shared_database(db: &DatabaseConnection) -> bool {
    db.get_database_backend() == sea_orm::DatabaseBackend::Postgres
}

/// The secret stored under `name`, storing `fresh` first when there is none.
/// Two processes starting at once both end up with the one stored first.
pub async fn get_or_create(
    db: &DatabaseConnection,
    name: &str,
    fresh: &str,
) -> anyhow::Result<String> {
    if let Some(row) = server_secret::Entity::find_by_id(name).one(db).await? {
        return Ok(row.value);
    }
    let inserted = server_secret::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(fresh.to_owned()),
    }
    .insert(db)
    .await;
    if let Err(error) = inserted {
        // Another process created it first: use theirs.
        tracing::debug!(%error, "secret created by another process");
    }
    let row = server_secret::Entity::find_by_id(name)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the secret {name} could not be stored"))?;
    Ok(row.value)
}
