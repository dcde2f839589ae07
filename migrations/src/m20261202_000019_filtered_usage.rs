//! Filtered statistics (one kind of resource, the residents of a commune or
//! an EPCI, one situation) read a second summary of each site-day: the same
//! figures split by kind, commune and declared situations (`facets`), so a
//! filter keeps some parts and leaves the others. Every existing day is
//! marked stale, to be summed up again with its parts.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UsageDay {
    Table,
    Facets,
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
            .alter_table(
                Table::alter()
                    .table(UsageDay::Table)
                    .drop_column(UsageDay::Facets)
                    .to_owned(),
            )
            .await
    }
}
