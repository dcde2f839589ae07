use sea_orm::entity::prelude::*;

/// How many people who deleted their account were counted at a site in a
/// month under one value of a breakdown (a commune of residence, a category,
/// or `new`): the breakdowns stay the same after a deletion, with no trace
/// of whom.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "erased_breakdown")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub site_id: i64,
    /// "2027-01".
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: String,
    /// `commune`, `category` or `new`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub dimension: String,
    /// An INSEE code or a category; "" for none, and for `new`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub value: String,
    pub people: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
