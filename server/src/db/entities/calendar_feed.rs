use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feed")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The secret of the feed's URL.
    pub token: String,
    /// `person`, `site` or `resource`.
    pub scope: String,
    pub person_id: i64,
    pub site_id: Option<i64>,
    pub resource_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
