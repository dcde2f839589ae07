//! Hears that a site's bookings changed, whichever process changed them,
//! and tells this process's live views (`LiveHub`). On PostgreSQL a
//! trigger announces each change on the channel `relais_live` (LISTEN/NOTIFY,
//! so every process hears every other); on SQLite, where one process owns
//! the file, the sites' feed versions (raised by trigger with every change
//! to a booking) are read twice a second.

use std::collections::HashMap;
use std::time::Duration;

use sea_orm::{DatabaseBackend, DatabaseConnection};
use tokio::sync::broadcast;

/// The channel the PostgreSQL trigger notifies, with the site's id.
const CHANNEL: &str = "relais_live";
const SQLITE_POLL: Duration = Duration::from_millis(500);

/// Site ids whose bookings just changed, for whoever listens in this process.
#[derive(Debug, Clone)]
pub struct LiveHub {
    sender: broadcast::Sender<i64>,
}

impl Default for LiveHub {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(256);
        LiveHub { sender }
    }
}

impl LiveHub {
    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.sender.subscribe()
    }

    /// Tells this process's listeners at once (the database tells the others).
    pub fn touch(&self, site_id: i64) {
        let _ = self.sender.send(site_id);
    }

    /// Listens to the database until dropped (the caller aborts the task).
    pub async fn run(self, db: DatabaseConnection) {
        match db.get_database_backend() {
            DatabaseBackend::Postgres => self.listen_postgres(&db).await,
            _ => self.poll_versions(&db).await,
        }
    }

    async fn listen_postgres(&self, db: &DatabaseConnection) {
        use sea_orm::sqlx::postgres::PgListener;
        loop {
            let pool = db.get_postgres_connection_pool();
            let listener = async {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(CHANNEL).await?;
                loop {
                    let notification = listener.recv().await?;
                    if let Ok(site) = notification.payload().parse::<i64>() {
                        self.touch(site);
                    }
                }
            };
            let ended: Result<(), sea_orm::sqlx::Error> = listener.await;
            if let Err(error) = ended {
                tracing::warn!(%error, "live views lost the database's notifications; listening again in a second");
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn poll_versions(&self, db: &DatabaseConnection) {
        let mut seen: HashMap<i64, i64> = HashMap::new();
        let mut tick = tokio::time::interval(SQLITE_POLL);
        loop {
            tick.tick().await;
            let Ok(versions) = super::access::site_versions(db).await else {
                continue;
            };
            for (site, version) in versions {
                if seen
                    .insert(site, version)
                    .is_some_and(|before| before != version)
                {
                    self.touch(site);
                }
            }
        }
    }
}
