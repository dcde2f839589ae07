use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in_challenge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub email: String,
    pub code_hash: String,
    pub link_hash: String,
    pub language: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub failed_attempts: i32,
    pub consumed_at: Option<DateTimeUtc>,
    /// The assisted person whose address this mail confirms, if it does.
    pub confirms_person_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
