use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Lower-cased; `None` for an assisted person created at the desk.
    pub email: Option<String>,
    pub display_name: String,
    pub commune_insee: Option<String>,
    /// "fr" or "en".
    pub language: String,
    pub created_at: DateTimeUtc,
    /// JSON array of category keys.
    pub categories: String,
    /// Sessions issued with an older epoch are refused ("sign out everywhere").
    pub session_epoch: i64,
    /// Raised with every change to one of its bookings (the feeds' ETag).
    pub feed_version: i64,
    /// Set for a person created at the desk by a host of this site.
    pub assisted_by_site_id: Option<i64>,
    /// An address a host gave, until its owner confirms it by signing in.
    pub pending_email: Option<String>,
    pub pending_email_at: Option<DateTimeUtc>,
    /// JSON array of the declared categories a host or administrator confirmed.
    pub confirmed_categories: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
