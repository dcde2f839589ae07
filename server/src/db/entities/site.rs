use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "site")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub commune_insee: String,
    pub latitude: f64,
    pub longitude: f64,
    pub time_zone: String,
    /// JSON array of amenity keys.
    pub amenities: String,
    pub accessibility: String,
    pub created_at: DateTimeUtc,
    pub retired_at: Option<DateTimeUtc>,
    pub slot_minutes: i32,
    pub max_days_ahead: i32,
    pub max_booking_minutes: i32,
    pub cancel_deadline_minutes: i32,
    /// Raised with every change to one of its bookings (the feeds' ETag).
    pub feed_version: i64,
    /// A pass opens the door this many minutes before its booking.
    pub pass_margin_minutes: i32,
    /// Bookings nobody checked in are released this long after their start; never when `None`.
    pub release_after_minutes: Option<i32>,
    pub how_to_get_in: String,
    /// The number people call to book without the app; empty for none.
    pub phone: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
