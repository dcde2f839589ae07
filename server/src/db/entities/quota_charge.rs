use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quota_charge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: Option<i64>,
    pub policy_id: i64,
    pub policy_version_id: i64,
    pub period_start: Date,
    /// Units: positive charges, negative refunds.
    pub amount: i32,
    /// `booking`, `refund` or `no_show`.
    pub kind: String,
    pub booking_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
