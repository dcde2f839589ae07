//! The breakdowns of the statistics (where people live, their situation,
//! whether they were new) must not change either when someone deletes their
//! account. Deletion adds the person, as a number, to the tally of each
//! (site, month, dimension, value) they were counted in: "one more person
//! from commune 48095 came to site 3 in 2027-01".

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ErasedBreakdown {
    Table,
    SiteId,
    /// "2027-01".
    Month,
    /// `commune`, `category` or `new`.
    Dimension,
    /// An INSEE code, a category, "" for none or for `new`.
    Value,
    People,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ErasedBreakdown::Table)
                    // Not a foreign key: a site's history outlives its retirement.
                    .col(big_integer(ErasedBreakdown::SiteId))
                    .col(string(ErasedBreakdown::Month))
                    .col(string(ErasedBreakdown::Dimension))
                    .col(string(ErasedBreakdown::Value))
                    .col(big_integer(ErasedBreakdown::People).default(0))
                    .primary_key(
                        Index::create()
                            .col(ErasedBreakdown::SiteId)
                            .col(ErasedBreakdown::Month)
                            .col(ErasedBreakdown::Dimension)
                            .col(ErasedBreakdown::Value),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ErasedBreakdown::Table).to_owned())
            .await
    }
}
