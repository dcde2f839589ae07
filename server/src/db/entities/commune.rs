use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "commune")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub insee: String,
    pub name: String,
    pub postcodes: String,
    pub population: i64,
    pub epci_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
