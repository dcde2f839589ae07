//! Private calendar feeds (per person, site or resource), and the reminder
//! mark on bookings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CalendarFeed {
    Table,
    Id,
    /// The secret in the feed's URL (256 random bits, base64url).
    Token,
    /// `person`, `site` or `resource`.
    Scope,
    /// Who the link was made for: their rights decide what the feed shows.
    PersonId,
    SiteId,
    ResourceId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Booking {
    Table,
    /// When the reminder mail was queued; NULL until then.
    RemindedAt,
    SiteId,
    PersonId,
    EndAt,
}

/// Raised in the same transaction as any change to a booking of theirs, so
/// a feed's ETag is one row away: polling calendar apps cost almost nothing.
#[derive(DeriveIden)]
enum FeedVersion {
    FeedVersion,
}

#[derive(DeriveIden)]
enum Site {
    Table,
}

#[derive(DeriveIden)]
enum Resource {
    Table,
}

#[derive(DeriveIden)]
enum Person {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeed::Table)
                    .col(big_pk_auto(CalendarFeed::Id))
                    .col(string(CalendarFeed::Token))
                    .col(string(CalendarFeed::Scope))
                    .col(big_integer(CalendarFeed::PersonId))
                    .col(big_integer_null(CalendarFeed::SiteId))
                    .col(big_integer_null(CalendarFeed::ResourceId))
                    .col(timestamp_with_time_zone(CalendarFeed::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_calendar_feed_token")
                    .table(CalendarFeed::Table)
                    .col(CalendarFeed::Token)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_calendar_feed_owner")
                    .table(CalendarFeed::Table)
                    .col(CalendarFeed::PersonId)
                    .col(CalendarFeed::Scope)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Booking::Table)
                    .add_column(timestamp_with_time_zone_null(Booking::RemindedAt))
                    .to_owned(),
            )
            .await?;
        for table in [
            Site::Table.into_iden(),
            Resource::Table.into_iden(),
            Person::Table.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(big_integer(FeedVersion::FeedVersion).default(0))
                        .to_owned(),
                )
                .await?;
        }
        // Feeds read a site's or a person's bookings that have not ended long ago.
        for (name, column) in [
            ("idx_booking_site_end", Booking::SiteId),
            ("idx_booking_person_end", Booking::PersonId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Booking::Table)
                        .col(column)
                        .col(Booking::EndAt)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_booking_site_end", "idx_booking_person_end"] {
            manager
                .drop_index(Index::drop().name(name).table(Booking::Table).to_owned())
                .await?;
        }
        for table in [
            Site::Table.into_iden(),
            Resource::Table.into_iden(),
            Person::Table.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(FeedVersion::FeedVersion)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Booking::Table)
                    .drop_column(Booking::RemindedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CalendarFeed::Table).to_owned())
            .await
    }
}
