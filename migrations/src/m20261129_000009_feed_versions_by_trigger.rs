//! A booking's feeds (its site's, its resource's, its person's) change
//! version in the statement that changes the booking, by trigger: nothing in
//! the application can forget it, and a booking costs no extra round trips.
//! Always site, resource, person, in that order, so concurrent changes never
//! wait on each other in a cycle.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns a feed shows; other changes (the reminder mark) leave it be.
const SHOWN: &str = "status, start_at, end_at, resource_id, site_id, person_id, sequence";

fn sqlite_up() -> Vec<String> {
    let bump = |row: &str| {
        format!(
            "UPDATE site SET feed_version = feed_version + 1 WHERE id = {row}.site_id;
             UPDATE resource SET feed_version = feed_version + 1 WHERE id = {row}.resource_id;
             UPDATE person SET feed_version = feed_version + 1 WHERE id = {row}.person_id;"
        )
    };
    vec![
        format!(
            "CREATE TRIGGER booking_feed_insert AFTER INSERT ON booking BEGIN {} END",
            bump("NEW")
        ),
        format!(
            "CREATE TRIGGER booking_feed_update AFTER UPDATE OF {SHOWN} ON booking BEGIN {}
             UPDATE person SET feed_version = feed_version + 1
               WHERE id = OLD.person_id AND OLD.person_id IS NOT NEW.person_id; END",
            bump("NEW")
        ),
    ]
}

fn postgres_up() -> Vec<String> {
    vec![
        // One statement for a whole batch of new bookings (the transition table).
        "CREATE FUNCTION booking_feed_insert() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           UPDATE site SET feed_version = feed_version + 1
             WHERE id IN (SELECT DISTINCT site_id FROM inserted);
           UPDATE resource SET feed_version = feed_version + 1
             WHERE id IN (SELECT DISTINCT resource_id FROM inserted);
           UPDATE person SET feed_version = feed_version + 1
             WHERE id IN (SELECT DISTINCT person_id FROM inserted);
           RETURN NULL;
         END $$"
            .to_owned(),
        "CREATE TRIGGER booking_feed_insert AFTER INSERT ON booking
           REFERENCING NEW TABLE AS inserted
           FOR EACH STATEMENT EXECUTE FUNCTION booking_feed_insert()"
            .to_owned(),
        "CREATE FUNCTION booking_feed_update() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           UPDATE site SET feed_version = feed_version + 1 WHERE id = NEW.site_id;
           UPDATE resource SET feed_version = feed_version + 1 WHERE id = NEW.resource_id;
           UPDATE person SET feed_version = feed_version + 1
             WHERE id = NEW.person_id OR id = OLD.person_id;
           RETURN NULL;
         END $$"
            .to_owned(),
        format!(
            "CREATE TRIGGER booking_feed_update AFTER UPDATE OF {SHOWN} ON booking
               FOR EACH ROW EXECUTE FUNCTION booking_feed_update()"
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements = match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => postgres_up(),
            _ => sqlite_up(),
        };
        for statement in statements {
            manager
                .get_connection()
                .execute_unprepared(&statement)
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements: &[&str] = match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => &[
                "DROP TRIGGER booking_feed_insert ON booking",
                "DROP TRIGGER booking_feed_update ON booking",
                "DROP FUNCTION booking_feed_insert()",
                "DROP FUNCTION booking_feed_update()",
            ],
            _ => &[
                "DROP TRIGGER booking_feed_insert",
                "DROP TRIGGER booking_feed_update",
            ],
        };
        for statement in statements {
            manager
                .get_connection()
                .execute_unprepared(statement)
                .await?;
        }
        Ok(())
    }
}
