use sea_orm::entity::prelude::*;

/// One line of a site's access log: an entry, a refusal, a check-out or a release.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub site_id: i64,
    pub booking_id: Option<i64>,
    pub at: DateTimeUtc,
    /// `door`, `host`, `poster`, `person` or `system`.
    pub source: String,
    /// `check_in`, `refused`, `check_out` or `released`.
    pub action: String,
    pub reason: Option<String>,
    /// The door's API key, for entries a door uploaded.
    pub api_key_id: Option<i64>,
    /// The door's own id of the entry: one line per (key, entry).
    pub entry_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
