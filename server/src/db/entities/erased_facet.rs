use sea_orm::entity::prelude::*;

/// How many people who deleted their account were counted at a site in a
/// period through the same parts of its days (kinds of resource, communes
/// and situations): filtered reports keep counting them, with no trace of
/// whom.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "erased_facet")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub site_id: i64,
    /// `month` or `week`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub grouping: String,
    /// "2027-01" or "2027-W02".
    #[sea_orm(primary_key, auto_increment = false)]
    pub period: String,
    /// `[[kind, commune or null, situations as JSON], …]`, sorted.
    #[sea_orm(primary_key, auto_increment = false, column_type = "Text")]
    pub facets: String,
    /// Whether their first booking in the network was in this period.
    #[sea_orm(primary_key, auto_increment = false)]
    pub new: bool,
    pub people: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
