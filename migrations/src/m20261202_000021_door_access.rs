//! Door access: each site's door settings, each booking's PIN and when its
//! person came and left, the keys passes are signed with, and the access
//! log. On PostgreSQL, a site's feed version changing (which a trigger does
//! for every change to one of its bookings) is announced on the channel
//! `relais_live`, so every process's live views hear of it at once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Site {
    Table,
    PassMarginMinutes,
    ReleaseAfterMinutes,
    HowToGetIn,
}

#[derive(DeriveIden)]
enum Booking {
    Table,
    Pin,
    PinDay,
    CheckedInAt,
    CheckedOutAt,
}

#[derive(DeriveIden)]
enum AccessKey {
    Table,
    Kid,
    PrivatePkcs8,
    PublicX,
    CreatedAt,
    RetiredAt,
    PublishUntil,
}

#[derive(DeriveIden)]
enum AccessEvent {
    Table,
    Id,
    SiteId,
    BookingId,
    At,
    Source,
    Action,
    Reason,
    ApiKeyId,
    EntryId,
}

const NOTIFY_FUNCTION: &str =
    "CREATE FUNCTION site_live_notify() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('relais_live', NEW.id::text);
    RETURN NULL;
  END $$";
const NOTIFY_TRIGGER: &str = "CREATE TRIGGER site_live_notify AFTER UPDATE OF feed_version ON site
  FOR EACH ROW EXECUTE FUNCTION site_live_notify()";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer(Site::PassMarginMinutes).default(15).to_owned(),
            integer_null(Site::ReleaseAfterMinutes).to_owned(),
            text(Site::HowToGetIn).default("").to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Site::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            text_null(Booking::Pin).to_owned(),
            text_null(Booking::PinDay).to_owned(),
            timestamp_with_time_zone_null(Booking::CheckedInAt).to_owned(),
            timestamp_with_time_zone_null(Booking::CheckedOutAt).to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Booking::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        let connection = manager.get_connection();
        // No two bookings of a site share a PIN on one day (NULLs, bookings
        // whose pass nobody asked for yet, do not count).
        connection
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_booking_pin ON booking (site_id, pin_day, pin)",
            )
            .await?;
        // The bookings to release, or to check out, each minute.
        connection
            .execute_unprepared(
                "CREATE INDEX idx_booking_status_start ON booking (status, start_at)",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccessKey::Table)
                    .col(text(AccessKey::Kid).primary_key())
                    .col(text(AccessKey::PrivatePkcs8))
                    .col(text(AccessKey::PublicX))
                    .col(timestamp_with_time_zone(AccessKey::CreatedAt))
                    .col(timestamp_with_time_zone_null(AccessKey::RetiredAt))
                    .col(timestamp_with_time_zone_null(AccessKey::PublishUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccessEvent::Table)
                    .col(big_pk_auto(AccessEvent::Id))
                    .col(big_integer(AccessEvent::SiteId))
                    .col(big_integer_null(AccessEvent::BookingId))
                    .col(timestamp_with_time_zone(AccessEvent::At))
                    .col(text(AccessEvent::Source))
                    .col(text(AccessEvent::Action))
                    .col(text_null(AccessEvent::Reason))
                    .col(big_integer_null(AccessEvent::ApiKeyId))
                    .col(text_null(AccessEvent::EntryId))
                    .to_owned(),
            )
            .await?;
        // A door sending the same entries again records them once.
        connection
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_access_event_entry ON access_event (api_key_id, entry_id)",
            )
            .await?;
        connection
            .execute_unprepared(
                "CREATE INDEX idx_access_event_site_at ON access_event (site_id, at)",
            )
            .await?;
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            connection.execute_unprepared(NOTIFY_FUNCTION).await?;
            connection.execute_unprepared(NOTIFY_TRIGGER).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let connection = manager.get_connection();
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            connection
                .execute_unprepared("DROP TRIGGER site_live_notify ON site")
                .await?;
            connection
                .execute_unprepared("DROP FUNCTION site_live_notify()")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(AccessEvent::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AccessKey::Table).to_owned())
            .await?;
        connection
            .execute_unprepared("DROP INDEX idx_booking_status_start")
            .await?;
        connection
            .execute_unprepared("DROP INDEX idx_booking_pin")
            .await?;
        for column in [
            Booking::Pin,
            Booking::PinDay,
            Booking::CheckedInAt,
            Booking::CheckedOutAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Booking::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Site::PassMarginMinutes,
            Site::ReleaseAfterMinutes,
            Site::HowToGetIn,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Site::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
