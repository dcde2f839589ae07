//! The waitlist: people waiting for a kind of resource at a site for a slot.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WaitlistEntry {
    Table,
    Id,
    PersonId,
    SiteId,
    /// `desk`, `meeting_room` or `phone_booth`.
    Kind,
    StartAt,
    EndAt,
    /// `waiting`, `served` or `withdrawn`.
    Status,
    /// The booking made when a place freed up.
    BookingId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WaitlistEntry::Table)
                    .col(big_pk_auto(WaitlistEntry::Id))
                    .col(big_integer(WaitlistEntry::PersonId))
                    .col(big_integer(WaitlistEntry::SiteId))
                    .col(string(WaitlistEntry::Kind))
                    .col(timestamp_with_time_zone(WaitlistEntry::StartAt))
                    .col(timestamp_with_time_zone(WaitlistEntry::EndAt))
                    .col(string(WaitlistEntry::Status))
                    .col(big_integer_null(WaitlistEntry::BookingId))
                    .col(timestamp_with_time_zone(WaitlistEntry::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_waitlist_site_status")
                    .table(WaitlistEntry::Table)
                    .col(WaitlistEntry::SiteId)
                    .col(WaitlistEntry::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WaitlistEntry::Table).to_owned())
            .await
    }
}
