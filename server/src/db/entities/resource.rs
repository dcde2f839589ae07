use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resource")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub site_id: i64,
    pub name: String,
    /// `desk`, `meeting_room` or `phone_booth`.
    pub kind: String,
    pub capacity: i32,
    pub created_at: DateTimeUtc,
    pub retired_at: Option<DateTimeUtc>,
    /// Raised with every change to one of its bookings (the feeds' ETag).
    pub feed_version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
