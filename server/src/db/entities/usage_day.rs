use sea_orm::entity::prelude::*;

/// A site's local day summed up for the statistics
/// (`domain::usage_day::DayDigest`, as JSON).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "usage_day")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub site_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    #[sea_orm(column_type = "Text")]
    pub digest: String,
    /// The day split by kind, commune and situations, for filtered reports
    /// (`domain::usage_day::Facet`s, packed as text: `usage_day::pack`).
    #[sea_orm(column_type = "Text", nullable)]
    pub facets: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
