use sea_orm::entity::prelude::*;

/// Statuses that hold a resource.
pub const ACTIVE: [&str; 2] = ["confirmed", "checked_in"];

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub resource_id: i64,
    pub site_id: i64,
    pub person_id: Option<i64>,
    pub booked_by_id: Option<i64>,
    pub resident_commune_insee: Option<String>,
    /// The person's declared categories when booking (JSON array), for statistics.
    pub resident_categories: String,
    pub start_at: DateTimeUtc,
    pub end_at: DateTimeUtc,
    /// `confirmed`, `cancelled`, `checked_in`, `no_show`, `completed`.
    pub status: String,
    pub series_id: Option<i64>,
    pub sequence: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
    pub cancel_reason: Option<String>,
    /// Accepted beyond every quota, as paid ("hors quota").
    pub beyond_quota: bool,
    /// When the reminder mail was queued.
    pub reminded_at: Option<DateTimeUtc>,
    /// Six digits for a keypad, given when the booking is made (bookings made
    /// before passes existed: with their first pass); unique per site and `pin_day`.
    pub pin: Option<String>,
    /// The site's local day of the start (YYYY-MM-DD), when a PIN is given.
    pub pin_day: Option<String>,
    pub checked_in_at: Option<DateTimeUtc>,
    pub checked_out_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
