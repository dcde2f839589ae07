//! The rows and queries behind `app::booking_mail`: they take ids and return rows.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use super::entities::commune;

/// The name of the commune of this INSEE code, if known.
pub async fn commune_name<C: ConnectionTrait>(
    db: &C,
    insee: &str,
) -> Result<Option<String>, DbErr> {
    Ok(commune::Entity::find_by_id(insee.to_owned())
        .one(db)
        .await?
        .map(|c| c.name))
}
