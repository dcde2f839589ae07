//! The summary of each site-day now tells who kept bookings apart from all
//! who booked (a line's hours may be one person's while someone else only
//! cancelled, and must then stay secret). Every existing day is marked
//! stale, to be summed up again with both.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let utc_day = match manager.get_database_backend() {
            DbBackend::Postgres => "(start_at AT TIME ZONE 'UTC')::date",
            _ => "date(start_at)",
        };
        // A booking near midnight may belong to the next or previous local
        // day: both are marked.
        for shift in ["", " + 1", " - 1"] {
            let day = match manager.get_database_backend() {
                DbBackend::Postgres => format!("{utc_day}{shift}"),
                _ if shift.is_empty() => utc_day.to_owned(),
                _ => format!("date(start_at, '{} day')", shift.replace(' ', "")),
            };
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "INSERT INTO usage_stale (site_id, day) SELECT DISTINCT site_id, {day} FROM booking"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Nothing to undo: stale days are summed up again either way.
        Ok(())
    }
}
