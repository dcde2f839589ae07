use sea_orm::entity::prelude::*;

/// One declaration of a person's commune of residence. The first one counts
/// at once; a later one counts for quotas from the first period that starts
/// after the day it was made.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "residence")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    pub commune_insee: Option<String>,
    pub declared_at: DateTimeUtc,
    /// Set when a host or an administrator saw a proof of this commune.
    pub confirmed_at: Option<DateTimeUtc>,
    pub confirmed_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
