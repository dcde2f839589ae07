//! Filtered statistics (one kind of resource, the residents of a commune or
//! an EPCI, one situation) read a second summary of each site-day: the same
//! figures split by kind, commune and declared situations (`facets`), so a
//! filter keeps some parts and leaves the others. Every existing day is
//! marked stale, to be summed up again with its parts.
//!
//! People who delete their account leave, per site and period, the parts
//! they were counted in (`erased_facet`: kinds, communes and situations
//! only, no id), so filtered figures survive deletion as the others do.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UsageDay {
    Table,
    Facets,
}

#[derive(DeriveIden)]
enum ErasedFacet {
    Table,
    SiteId,
    /// `month` or `week`.
    Grouping,
    /// "2027-01" or "2027-W02".
    Period,
    /// The parts the person was counted in, as JSON: [[kind, commune, situations], …].
    Facets,
    /// Whether the person's first booking in the network was in this period.
    New,
    People,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(UsageDay::Table)
                    .add_column(text_null(UsageDay::Facets))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ErasedFacet::Table)
                    // Not a foreign key: a site's history outlives its retirement.
                    .col(big_integer(ErasedFacet::SiteId))
                    .col(string(ErasedFacet::Grouping))
                    .col(string(ErasedFacet::Period))
                    .col(text(ErasedFacet::Facets))
                    .col(boolean(ErasedFacet::New))
                    .col(big_integer(ErasedFacet::People).default(0))
                    .primary_key(
                        Index::create()
                            .col(ErasedFacet::SiteId)
                            .col(ErasedFacet::Grouping)
                            .col(ErasedFacet::Period)
                            .col(ErasedFacet::Facets)
                            .col(ErasedFacet::New),
                    )
                    .to_owned(),
            )
            .await?;
        let utc_day = match manager.get_database_backend() {
            DbBackend::Postgres => "(start_at AT TIME ZONE 'UTC')::date",
            _ => "date(start_at)",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO usage_stale (site_id, day) SELECT DISTINCT site_id, {utc_day} FROM booking"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ErasedFacet::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(UsageDay::Table)
                    .drop_column(UsageDay::Facets)
                    .to_owned(),
            )
            .await
    }
}
