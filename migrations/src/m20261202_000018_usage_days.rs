//! Usage statistics read a summary per site and local day (`usage_day`),
//! not the bookings: a year of a large network is a million bookings, but
//! only some eighteen thousand site-days. The summary must stay exact, so
//! every change that can move a figure marks its day stale, by trigger, in
//! the statement that makes it (nothing in the application can forget it);
//! the next report rebuilds the stale days first (`app::stats::days`).
//!
//! Stale marks are (site, UTC day of the booking's start): a trigger knows no
//! time zone, and the rebuild turns a UTC day into the local days it may
//! touch. They are an append-only log, not a set, on PostgreSQL: a rebuild
//! deletes exactly the marks it read, so a mark written while it runs is
//! never lost. SQLite has one writer, and the rebuild holds it, so marks
//! there skip a day already marked.
//!
//! `first_visit` keeps when each person first came to the network (their
//! earliest booking not cancelled), rebuilt with the days of their bookings,
//! so a report finds its new people without reading anyone's history.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UsageDay {
    Table,
    SiteId,
    Day,
    Digest,
}

#[derive(DeriveIden)]
enum UsageStale {
    Table,
    Id,
    SiteId,
    Day,
}

#[derive(DeriveIden)]
enum UsageRefresh {
    Table,
    Id,
    Turns,
}

#[derive(DeriveIden)]
enum FirstVisit {
    Table,
    PersonId,
    FirstAt,
}

/// The booking columns a figure depends on (the reminder mark is not one).
const COUNTED: &str = "status, start_at, end_at, resource_id, site_id, person_id, \
     cancelled_at, updated_at, beyond_quota, resident_commune_insee, resident_categories";

fn sqlite_up() -> Vec<String> {
    let mark = |site: &str, start: &str| {
        format!(
            "INSERT INTO usage_stale (site_id, day) SELECT {site}, date({start})
               WHERE {site} IS NOT NULL AND NOT EXISTS
                 (SELECT 1 FROM usage_stale WHERE site_id = {site} AND day = date({start}));"
        )
    };
    let mark_booking = |id: &str| {
        format!(
            "INSERT INTO usage_stale (site_id, day) SELECT b.site_id, date(b.start_at)
               FROM booking AS b WHERE b.id = {id} AND NOT EXISTS
                 (SELECT 1 FROM usage_stale AS s WHERE s.site_id = b.site_id AND s.day = date(b.start_at));"
        )
    };
    let mark_all = |filter: &str| {
        format!(
            "INSERT INTO usage_stale (site_id, day)
               SELECT DISTINCT site_id, date(start_at) FROM booking WHERE {filter};"
        )
    };
    vec![
        format!(
            "CREATE TRIGGER booking_usage_insert AFTER INSERT ON booking BEGIN {} END",
            mark("NEW.site_id", "NEW.start_at")
        ),
        format!(
            "CREATE TRIGGER booking_usage_update AFTER UPDATE OF {COUNTED} ON booking BEGIN {} {} END",
            mark("OLD.site_id", "OLD.start_at"),
            mark("NEW.site_id", "NEW.start_at")
        ),
        format!(
            "CREATE TRIGGER booking_usage_delete AFTER DELETE ON booking BEGIN {} END",
            mark("OLD.site_id", "OLD.start_at")
        ),
        format!(
            "CREATE TRIGGER quota_charge_usage_insert AFTER INSERT ON quota_charge BEGIN {} END",
            mark_booking("NEW.booking_id")
        ),
        format!(
            "CREATE TRIGGER quota_charge_usage_update AFTER UPDATE ON quota_charge BEGIN {} {} END",
            mark_booking("OLD.booking_id"),
            mark_booking("NEW.booking_id")
        ),
        format!(
            "CREATE TRIGGER quota_charge_usage_delete AFTER DELETE ON quota_charge BEGIN {} END",
            mark_booking("OLD.booking_id")
        ),
        // The cancellation deadline makes a cancellation late; the time zone
        // makes the local day.
        format!(
            "CREATE TRIGGER site_usage_update AFTER UPDATE OF time_zone, cancel_deadline_minutes
               ON site BEGIN {} END",
            mark_all("site_id = NEW.id")
        ),
        format!(
            "CREATE TRIGGER resource_usage_update AFTER UPDATE OF kind, site_id ON resource BEGIN {} END",
            mark_all("resource_id = NEW.id")
        ),
        "INSERT INTO usage_stale (site_id, day) SELECT DISTINCT site_id, date(start_at) FROM booking"
            .to_owned(),
    ]
}

fn postgres_up() -> Vec<String> {
    let utc_day = |start: &str| format!("(({start}) AT TIME ZONE 'UTC')::date");
    // When a row of `table` changes one of `columns`, every day of the
    // bookings whose `column` names it.
    let mark_all = |table: &str, columns: &str, column: &str| {
        [
            format!(
                "CREATE FUNCTION {table}_usage_update() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                   INSERT INTO usage_stale (site_id, day)
                     SELECT DISTINCT site_id, {} FROM booking WHERE {column} = NEW.id;
                   RETURN NULL;
                 END $$",
                utc_day("start_at")
            ),
            format!(
                "CREATE TRIGGER {table}_usage_update AFTER UPDATE OF {columns} ON {table}
                   FOR EACH ROW EXECUTE FUNCTION {table}_usage_update()"
            ),
        ]
    };
    let mut statements = vec![
        // One statement for a whole batch of new bookings (the transition table).
        format!(
            "CREATE FUNCTION booking_usage_insert() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               INSERT INTO usage_stale (site_id, day)
                 SELECT DISTINCT site_id, {} FROM inserted;
               RETURN NULL;
             END $$",
            utc_day("start_at")
        ),
        "CREATE TRIGGER booking_usage_insert AFTER INSERT ON booking
           REFERENCING NEW TABLE AS inserted
           FOR EACH STATEMENT EXECUTE FUNCTION booking_usage_insert()"
            .to_owned(),
        format!(
            "CREATE FUNCTION booking_usage_change() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               INSERT INTO usage_stale (site_id, day) VALUES (OLD.site_id, {old});
               IF TG_OP = 'UPDATE' AND (OLD.site_id, {old}) IS DISTINCT FROM (NEW.site_id, {new}) THEN
                 INSERT INTO usage_stale (site_id, day) VALUES (NEW.site_id, {new});
               END IF;
               RETURN NULL;
             END $$",
            old = utc_day("OLD.start_at"),
            new = utc_day("NEW.start_at"),
        ),
        format!(
            "CREATE TRIGGER booking_usage_update AFTER UPDATE OF {COUNTED} ON booking
               FOR EACH ROW EXECUTE FUNCTION booking_usage_change()"
        ),
        "CREATE TRIGGER booking_usage_delete AFTER DELETE ON booking
           FOR EACH ROW EXECUTE FUNCTION booking_usage_change()"
            .to_owned(),
        format!(
            "CREATE FUNCTION quota_charge_usage() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               INSERT INTO usage_stale (site_id, day)
                 SELECT DISTINCT site_id, {} FROM booking
                 WHERE id IN (OLD.booking_id, NEW.booking_id);
               RETURN NULL;
             END $$",
            utc_day("start_at")
        ),
        "CREATE TRIGGER quota_charge_usage AFTER INSERT OR UPDATE OR DELETE ON quota_charge
           FOR EACH ROW EXECUTE FUNCTION quota_charge_usage()"
            .to_owned(),
    ];
    statements.extend(mark_all(
        "site",
        "time_zone, cancel_deadline_minutes",
        "site_id",
    ));
    statements.extend(mark_all("resource", "kind, site_id", "resource_id"));
    statements.push(format!(
        "INSERT INTO usage_stale (site_id, day) SELECT DISTINCT site_id, {} FROM booking",
        utc_day("start_at")
    ));
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UsageDay::Table)
                    // Not a foreign key: a site's history outlives its retirement.
                    .col(big_integer(UsageDay::SiteId))
                    .col(date(UsageDay::Day))
                    .col(text(UsageDay::Digest))
                    .primary_key(Index::create().col(UsageDay::SiteId).col(UsageDay::Day))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UsageStale::Table)
                    .col(big_pk_auto(UsageStale::Id))
                    .col(big_integer(UsageStale::SiteId))
                    .col(date(UsageStale::Day))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_usage_stale_site_day")
                    .table(UsageStale::Table)
                    .col(UsageStale::SiteId)
                    .col(UsageStale::Day)
                    .to_owned(),
            )
            .await?;
        // One row: a rebuild takes it (an update) first, so two never interleave.
        manager
            .create_table(
                Table::create()
                    .table(UsageRefresh::Table)
                    .col(integer(UsageRefresh::Id).primary_key())
                    .col(big_integer(UsageRefresh::Turns).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FirstVisit::Table)
                    // Not a foreign key: the row goes with the person's bookings.
                    .col(big_integer(FirstVisit::PersonId).primary_key())
                    .col(timestamp_with_time_zone(FirstVisit::FirstAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_first_visit_at")
                    .table(FirstVisit::Table)
                    .col(FirstVisit::FirstAt)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("INSERT INTO usage_refresh (id, turns) VALUES (1, 0)")
            .await?;
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => postgres_up(),
            _ => sqlite_up(),
        };
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Postgres => &[
                "DROP TRIGGER booking_usage_insert ON booking",
                "DROP TRIGGER booking_usage_update ON booking",
                "DROP TRIGGER booking_usage_delete ON booking",
                "DROP TRIGGER quota_charge_usage ON quota_charge",
                "DROP TRIGGER site_usage_update ON site",
                "DROP TRIGGER resource_usage_update ON resource",
                "DROP FUNCTION booking_usage_insert()",
                "DROP FUNCTION booking_usage_change()",
                "DROP FUNCTION quota_charge_usage()",
                "DROP FUNCTION site_usage_update()",
                "DROP FUNCTION resource_usage_update()",
            ],
            _ => &[
                "DROP TRIGGER booking_usage_insert",
                "DROP TRIGGER booking_usage_update",
                "DROP TRIGGER booking_usage_delete",
                "DROP TRIGGER quota_charge_usage_insert",
                "DROP TRIGGER quota_charge_usage_update",
                "DROP TRIGGER quota_charge_usage_delete",
                "DROP TRIGGER site_usage_update",
                "DROP TRIGGER resource_usage_update",
            ],
        };
        for statement in statements {
            manager
                .get_connection()
                .execute_unprepared(statement)
                .await?;
        }
        for table in ["usage_day", "usage_stale", "usage_refresh", "first_visit"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
