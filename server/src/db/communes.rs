//! The communes and EPCI of the reference data.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use shared::api::Commune;

use super::entities::{commune, epci};

pub async fn list(db: &DatabaseConnection) -> Result<Vec<Commune>, DbErr> {
    let epcis: HashMap<String, String> = epci::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.code, e.name))
        .collect();
    Ok(commune::Entity::find()
        .order_by_asc(commune::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|c| Commune {
            epci_name: c
                .epci_code
                .as_ref()
                .and_then(|code| epcis.get(code).cloned()),
            postcodes: c
                .postcodes
                .split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            insee: c.insee,
            name: c.name,
            epci_code: c.epci_code,
        })
        .collect())
}

/// The commune of this INSEE code.
pub async fn commune_by_insee<C: ConnectionTrait>(
    db: &C,
    insee: &str,
) -> Result<Option<commune::Model>, DbErr> {
    commune::Entity::find_by_id(insee.to_owned()).one(db).await
}

/// The communes of these INSEE codes.
pub async fn communes_by_insee<C: ConnectionTrait>(
    db: &C,
    insee: Vec<String>,
) -> Result<Vec<commune::Model>, DbErr> {
    commune::Entity::find()
        .filter(commune::Column::Insee.is_in(insee))
        .all(db)
        .await
}
