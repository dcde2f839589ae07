//! Sessions ended one by one ("Se déconnecter"): listed until their token
//! would have expired anyway, then forgotten.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set};

use super::entities::revoked_session;

/// Whether the session with this id was ended. Tokens without an id (issued
/// before sessions had one) cannot be listed.
pub async fn is_revoked(db: &DatabaseConnection, id: &str) -> Result<bool, DbErr> {
    if id.is_empty() {
        return Ok(false);
    }
    Ok(revoked_session::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .is_some())
}

/// Ends the session `id` (valid until `expires`), and forgets the sessions
/// ended earlier that have expired since.
pub async fn revoke(
    db: &DatabaseConnection,
    id: &str,
    expires: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if id.is_empty() {
        return Ok(());
    }
    revoked_session::Entity::insert(revoked_session::ActiveModel {
        id: Set(id.to_owned()),
        expires_at: Set(expires),
    })
    .on_conflict_do_nothing()
    .exec(db)
    .await?;
    revoked_session::Entity::delete_many()
        .filter(revoked_session::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    Ok(())
}
