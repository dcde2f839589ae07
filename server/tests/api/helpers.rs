//! Starting a real Relais for a test, on SQLite or PostgreSQL.

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::config::{Config, LogFormat};
use server::startup::Application;
use tempfile::TempDir;
use tokio::sync::oneshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    _dir: TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    postgres_database: Option<(String, String)>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the test server answers")
    }

    pub async fn get_json(&self, path: &str) -> (reqwest::StatusCode, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status();
        let body = response.json().await.expect("a JSON body");
        (status, body)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        // Drop the throw-away PostgreSQL database, from a thread of its own
        // because Drop cannot await.
        if let Some((admin_url, name)) = self.postgres_database.take() {
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async {
                        if let Ok(admin) = Database::connect(&admin_url).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// The PostgreSQL server to test against; `None` skips the test, except under
/// CI where PostgreSQL is required.
fn postgres_admin_url() -> Option<String> {
    match std::env::var("RELAIS_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but RELAIS_TEST_POSTGRES_URL is not set: the PostgreSQL suite must run")
        }
        _ => {
            eprintln!("RELAIS_TEST_POSTGRES_URL not set: PostgreSQL test skipped");
            None
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "relais_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// A migrated database of the given kind with nothing in it but the communes.
pub async fn fresh_database(
    backend: Backend,
    dir: &TempDir,
) -> Option<(String, Option<(String, String)>)> {
    match backend {
        Backend::Sqlite => Some((format!("sqlite://{}/relais.db", dir.path().display()), None)),
        Backend::Postgres => {
            let admin_url = postgres_admin_url()?;
            let admin = Database::connect(&admin_url)
                .await
                .expect("PostgreSQL answers at RELAIS_TEST_POSTGRES_URL");
            let name = unique_name();
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("can create a test database");
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(base, _)| base);
            Some((format!("{base}/{name}"), Some((admin_url.clone(), name))))
        }
    }
}

/// A running Relais with the demo network, or `None` when the backend is not available.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (database_url, postgres_database) = fresh_database(backend, &dir).await?;
    let db = server::db::connect(&database_url)
        .await
        .expect("database opens");
    server::db::migrate(&db).await.expect("migrations run");
    server::seed::demo::seed(&db).await.expect("demo network");
    let config = Config {
        database_url,
        addr: "127.0.0.1:0".to_owned(),
        public_url: None,
        mail_dir: dir.path().join("mail"),
        smtp_url: None,
        log_format: LogFormat::Text,
    };
    let app = Application::build(config, db.clone())
        .await
        .expect("server starts");
    let address = format!("http://{}", app.local_addr());
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    Some(TestApp {
        address,
        client: reqwest::Client::new(),
        db,
        _dir: dir,
        shutdown: Some(stop),
        postgres_database,
    })
}

/// Declares one test per database: `name::sqlite` and `name::postgres`.
macro_rules! on_both_databases {
    ($name:ident, $test:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite)
                    .await
                    .expect("SQLite is always available");
                ($test)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) =
                    crate::helpers::spawn_app(crate::helpers::Backend::Postgres).await
                {
                    ($test)(app).await;
                }
            }
        }
    };
}
pub(crate) use on_both_databases;
