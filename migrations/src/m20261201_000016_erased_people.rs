//! Statistics count distinct people per site and period, and must not change
//! when someone deletes their account, while deletion keeps no link between
//! that person's past bookings. So deletion adds the person to an anonymous
//! tally of each (site, period) they were counted in, in the same
//! transaction: a number, with nothing to tell whose it is.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ErasedPeople {
    Table,
    SiteId,
    /// `month` or `week`.
    Grouping,
    /// "2027-01" or "2027-W02".
    Period,
    People,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ErasedPeople::Table)
                    // Not a foreign key: a site's history outlives its retirement.
                    .col(big_integer(ErasedPeople::SiteId))
                    .col(string(ErasedPeople::Grouping))
                    .col(string(ErasedPeople::Period))
                    .col(big_integer(ErasedPeople::People).default(0))
                    .primary_key(
                        Index::create()
                            .col(ErasedPeople::SiteId)
                            .col(ErasedPeople::Grouping)
                            .col(ErasedPeople::Period),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ErasedPeople::Table).to_owned())
            .await
    }
}
