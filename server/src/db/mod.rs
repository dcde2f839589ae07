//! Storage: connecting (SQLite or PostgreSQL), migrating, the SeaORM
//! entities, and one module of queries per subject, named after the use case
//! of `app/` it serves. Queries take ids and values and return rows; they
//! decide nothing. This is the only layer that speaks SeaORM or SQL.

pub mod access;
pub mod api_keys;
pub mod booking_mail;
pub mod bookings;
pub mod calendars;
pub mod closures;
pub mod communes;
pub mod eligibility;
pub mod entities;
pub mod erasure;
pub(crate) mod group_commit;
pub mod live;
pub mod outbox;
pub mod people;
pub mod quotas;
pub mod reminders;
pub mod secrets;
pub mod seed_demo;
pub mod sessions;
pub mod sign_in;
pub mod site_admin;
pub mod sites;
pub mod stats;
pub mod usage_days;
pub mod waitlist;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::SqlitePool;
use sea_orm::sqlx::pool::PoolOptions;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, SqlxSqliteConnector};

/// SQLite lets one writer in at a time and makes the others wait in a
/// sleeping busy-loop, which wastes most of the time under load. Writers of
/// this process queue here instead, so SQLite never sees them collide, and
/// bookings share transactions (see `group_commit`). PostgreSQL needs no
/// gate. (Correctness does not rest on it: the database's own constraints
/// still refuse any overlap.)
#[derive(Debug, Default)]
pub struct WriteGate {
    lock: Option<Arc<tokio::sync::Mutex<()>>>,
    bookings: Option<group_commit::Queue>,
}

impl WriteGate {
    /// On SQLite, also starts the task that writes bookings in groups.
    pub fn for_connection(db: &DatabaseConnection) -> WriteGate {
        match sea_orm::ConnectionTrait::get_database_backend(db) {
            sea_orm::DbBackend::Sqlite => {
                let lock = Arc::new(tokio::sync::Mutex::new(()));
                WriteGate {
                    bookings: Some(group_commit::Queue::start(db.clone(), lock.clone())),
                    lock: Some(lock),
                }
            }
            _ => WriteGate::default(),
        }
    }

    pub async fn enter(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.lock {
            Some(gate) => Some(gate.lock().await),
            None => None,
        }
    }

    /// The queue of the booking writer, on SQLite.
    pub(crate) fn bookings(&self) -> Option<&group_commit::Queue> {
        self.bookings.as_ref()
    }
}

/// The database handle and its error, as the layers above name them.
pub use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};

/// Whether an error says the database is out of reach or busy for a moment
/// (out of connections, cut off, SQLite's writer lock held too long,
/// PostgreSQL breaking a deadlock): the caller may try again soon.
pub fn is_transient(error: &DbErr) -> bool {
    if matches!(error, DbErr::ConnectionAcquire(_) | DbErr::Conn(_)) {
        return true;
    }
    let text = error.to_string();
    text.contains("database is locked")
        || text.contains("deadlock detected")
        || text.contains("40P01")
}

/// An open transaction, as the layers above hold it (they never query through it
/// themselves: they pass it to functions of this module).
pub type Txn = sea_orm::DatabaseTransaction;

/// A transaction that will write: on SQLite it takes the writer's lock at once
/// (`BEGIN IMMEDIATE`), so reading first cannot leave it with a stale snapshot.
pub async fn begin_write(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::TransactionTrait;
    db.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Opens the database named by `url`, creating an SQLite file if needed.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    if url.starts_with("sqlite:") {
        connect_sqlite(url).await
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            // Two processes and their tools stay well under PostgreSQL's default 100.
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .sqlx_logging(false);
        Database::connect(options)
            .await
            .with_context(|| format!("cannot connect to PostgreSQL at {}", redact(url)))
    } else {
        bail!(
            "unsupported database URL '{}': expected sqlite://… or postgres://…",
            redact(url)
        )
    }
}

async fn connect_sqlite(url: &str) -> anyhow::Result<DatabaseConnection> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("invalid SQLite URL '{url}'"))?
        .create_if_missing(true)
        // WAL lets readers go on while the one writer writes.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let pool: SqlitePool = PoolOptions::new()
        .max_connections(8)
        // A file on this machine does not go away: asking it before each
        // query would be one more round trip to SQLite's thread.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the SQLite database '{url}'"))?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("cannot migrate the database")
}

/// Hides the password of a database URL before it is printed.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// On PostgreSQL, the person's turn (the advisory lock a booking of theirs
/// takes), inside the caller's transaction; SQLite's single writer already
/// gives it.
pub async fn lock_person(
    txn: &sea_orm::DatabaseTransaction,
    person: i64,
) -> Result<(), sea_orm::DbErr> {
    person_lock(txn, person, "pg_advisory_xact_lock").await
}

/// On PostgreSQL, the person's lock shared with others who also share it: a
/// booking no quota counts takes it so that an erasure (which takes it
/// whole) waits for it, without making it wait for the person's other
/// bookings.
pub async fn share_person_lock(
    txn: &sea_orm::DatabaseTransaction,
    person: i64,
) -> Result<(), sea_orm::DbErr> {
    person_lock(txn, person, "pg_advisory_xact_lock_shared").await
}

async fn person_lock(
    txn: &sea_orm::DatabaseTransaction,
    person: i64,
    function: &str,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT {function}(1, $1::int4)"),
            [person.into()],
        ))
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(
            redact("postgres://relais:secret@db:5432/relais"),
            "postgres://relais:***@db:5432/relais"
        );
        assert_eq!(
            redact("postgres://relais@db/relais"),
            "postgres://relais@db/relais"
        );
        assert_eq!(redact("sqlite://relais.db"), "sqlite://relais.db");
    }
}
