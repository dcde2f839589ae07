//! Bookings, closures and per-site booking rules. No two active bookings of
//! one resource may overlap: PostgreSQL enforces it with an exclusion
//! constraint (btree_gist), SQLite with triggers that run inside its single
//! writer, so the rule holds however many servers and clicks race.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::m20261123_000002_sites::{Resource, Site};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SiteRules {
    #[sea_orm(iden = "site")]
    Table,
    /// Bookings start and end on this grid, counted from opening time.
    SlotMinutes,
    /// How many days ahead a booking may start.
    MaxDaysAhead,
    /// Longest booking, in minutes.
    MaxBookingMinutes,
    /// A cancellation by the person must come at least this long before the start.
    CancelDeadlineMinutes,
}

#[derive(DeriveIden)]
enum Closure {
    Table,
    Id,
    SiteId,
    /// Local dates, both included.
    FirstDay,
    LastDay,
    Reason,
    /// `manual` or `ical`.
    Source,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BookingSeries {
    Table,
    Id,
    PersonId,
    ResourceId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Booking {
    Table,
    Id,
    ResourceId,
    SiteId,
    /// The person the desk is for; emptied if they erase their account.
    PersonId,
    /// Who made the booking (the person, or a host acting for them).
    BookedById,
    /// Commune of residence when booked, kept for anonymous statistics.
    ResidentCommuneInsee,
    StartAt,
    EndAt,
    /// `confirmed`, `cancelled`, `checked_in`, `no_show`, `completed`.
    Status,
    SeriesId,
    /// Raised on every change (iCalendar SEQUENCE).
    Sequence,
    CreatedAt,
    UpdatedAt,
    CancelledAt,
    CancelReason,
}

const SQLITE_NO_OVERLAP: &[&str] = &[
    "CREATE TRIGGER booking_no_overlap_insert BEFORE INSERT ON booking
     WHEN NEW.status IN ('confirmed', 'checked_in')
     BEGIN
       SELECT RAISE(ABORT, 'booking_overlap') WHERE EXISTS (
         SELECT 1 FROM booking b WHERE b.resource_id = NEW.resource_id
           AND b.status IN ('confirmed', 'checked_in')
           AND b.start_at < NEW.end_at AND b.end_at > NEW.start_at);
     END",
    "CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE OF status, start_at, end_at, resource_id ON booking
     WHEN NEW.status IN ('confirmed', 'checked_in')
     BEGIN
       SELECT RAISE(ABORT, 'booking_overlap') WHERE EXISTS (
         SELECT 1 FROM booking b WHERE b.resource_id = NEW.resource_id AND b.id <> NEW.id
           AND b.status IN ('confirmed', 'checked_in')
           AND b.start_at < NEW.end_at AND b.end_at > NEW.start_at);
     END",
];

const POSTGRES_NO_OVERLAP: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
       resource_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&)
     WHERE (status IN ('confirmed', 'checked_in'))",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer(SiteRules::SlotMinutes).default(30).to_owned(),
            integer(SiteRules::MaxDaysAhead).default(60).to_owned(),
            integer(SiteRules::MaxBookingMinutes)
                .default(720)
                .to_owned(),
            integer(SiteRules::CancelDeadlineMinutes)
                .default(0)
                .to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(SiteRules::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Closure::Table)
                    .col(big_pk_auto(Closure::Id))
                    .col(big_integer(Closure::SiteId))
                    .col(date(Closure::FirstDay))
                    .col(date(Closure::LastDay))
                    .col(string(Closure::Reason))
                    .col(string(Closure::Source))
                    .col(timestamp_with_time_zone(Closure::CreatedAt))
                    .check(Expr::col(Closure::FirstDay).lte(Expr::col(Closure::LastDay)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Closure::Table, Closure::SiteId)
                            .to(Site::Table, Site::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_closure_site")
                    .table(Closure::Table)
                    .col(Closure::SiteId)
                    .col(Closure::FirstDay)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BookingSeries::Table)
                    .col(big_pk_auto(BookingSeries::Id))
                    .col(big_integer_null(BookingSeries::PersonId))
                    .col(big_integer(BookingSeries::ResourceId))
                    .col(timestamp_with_time_zone(BookingSeries::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Booking::Table)
                    .col(big_pk_auto(Booking::Id))
                    .col(big_integer(Booking::ResourceId))
                    .col(big_integer(Booking::SiteId))
                    .col(big_integer_null(Booking::PersonId))
                    .col(big_integer_null(Booking::BookedById))
                    .col(string_null(Booking::ResidentCommuneInsee))
                    .col(timestamp_with_time_zone(Booking::StartAt))
                    .col(timestamp_with_time_zone(Booking::EndAt))
                    .col(string(Booking::Status))
                    .col(big_integer_null(Booking::SeriesId))
                    .col(integer(Booking::Sequence).default(0))
                    .col(timestamp_with_time_zone(Booking::CreatedAt))
                    .col(timestamp_with_time_zone(Booking::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Booking::CancelledAt))
                    .col(text_null(Booking::CancelReason))
                    .check(Expr::col(Booking::StartAt).lt(Expr::col(Booking::EndAt)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Booking::Table, Booking::ResourceId)
                            .to(Resource::Table, Resource::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Booking::Table, Booking::SiteId)
                            .to(Site::Table, Site::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Booking::Table, Booking::SeriesId)
                            .to(BookingSeries::Table, BookingSeries::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "idx_booking_resource_end",
                vec![Booking::ResourceId, Booking::EndAt],
            ),
            (
                "idx_booking_site_time",
                vec![Booking::SiteId, Booking::StartAt],
            ),
            (
                "idx_booking_person_time",
                vec![Booking::PersonId, Booking::StartAt],
            ),
            // Availability asks "what ends after the day starts": past bookings stay out of reach.
            ("idx_booking_end", vec![Booking::EndAt]),
        ] {
            let mut index = Index::create().name(name).table(Booking::Table).to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        let db = manager.get_connection();
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => POSTGRES_NO_OVERLAP,
            _ => SQLITE_NO_OVERLAP,
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Booking::Table.into_iden(),
            BookingSeries::Table.into_iden(),
            Closure::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            SiteRules::CancelDeadlineMinutes.into_iden(),
            SiteRules::MaxBookingMinutes.into_iden(),
            SiteRules::MaxDaysAhead.into_iden(),
            SiteRules::SlotMinutes.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(SiteRules::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
