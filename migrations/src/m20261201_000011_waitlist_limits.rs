//! One place per person on a waitlist for one slot: two clicks, or two
//! processes, cannot put the same person twice in the same queue.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A partial index: both SQLite and PostgreSQL take this statement.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_waitlist_one_place ON waitlist_entry \
                 (person_id, site_id, kind, start_at) WHERE status = 'waiting'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX idx_waitlist_one_place")
            .await?;
        Ok(())
    }
}
