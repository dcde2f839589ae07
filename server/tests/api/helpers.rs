//! Starting a real Relais for a test, on SQLite or PostgreSQL.

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
};
use server::clock::Clock;
use server::config::Config;
use server::db::entities::person;
use server::startup::Application;
use server::state::AppState;
use shared::ids::PersonId;
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
    pub state: AppState,
    pub clock: Clock,
    pub backend: Backend,
    pub database_url: String,
    dir: TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    postgres_database: Option<(String, String)>,
}

impl TestApp {
    /// `GET /me/quotas` for the period of `date`, which must answer 200.
    pub async fn my_quotas(&self, token: &str, date: chrono::NaiveDate) -> serde_json::Value {
        let path = format!("{}?date={date}", shared::routes::MY_QUOTAS);
        let (status, quotas) = self
            .call(axum::http::Method::GET, &path, Some(token), None)
            .await;
        assert_eq!(status, 200, "{quotas}");
        quotas
    }

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

    /// Any call, with an optional bearer token and JSON body; answers status and body.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the test server answers");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    }

    /// Like `call`, asking for answers in `language` (`Accept-Language`).
    pub async fn call_in(
        &self,
        language: &str,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let mut request = self
            .client
            .request(method, self.url(path))
            .header("Accept-Language", language);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the test server answers");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    }

    pub async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        self.call(reqwest::Method::POST, path, token, Some(body))
            .await
    }

    pub fn mail_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("mail")
    }

    pub async fn person_id(&self, email: &str) -> PersonId {
        let row = person::Entity::find()
            .filter(person::Column::Email.eq(email))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{email} exists"));
        PersonId(row.id)
    }

    /// A session token minted directly, as sign-in would issue it.
    pub async fn token_for(&self, email: &str) -> String {
        let id = self.person_id(email).await;
        let row = person::Entity::find_by_id(id.0)
            .one(&self.db)
            .await
            .unwrap()
            .unwrap();
        server::auth::session::issue(&self.state.keys, id, row.session_epoch, self.clock.now()).0
    }

    /// Waits for the newest sign-in mail to `email` and returns its code and link token.
    pub async fn sign_in_mail(&self, email: &str) -> (String, String) {
        for _ in 0..100 {
            if let Some(found) = crate::helpers::newest_sign_in_mail(&self.mail_dir(), email) {
                return found;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no sign-in mail to {email}");
    }

    /// Signs in through the mail flow and returns the session token.
    pub async fn sign_in(&self, email: &str) -> String {
        let before = mail_files(&self.mail_dir());
        let (status, _) = self
            .post(
                "/api/v1/auth/request",
                None,
                serde_json::json!({"email": email}),
            )
            .await;
        assert_eq!(status, 202);
        let mut code = None;
        for _ in 0..200 {
            let fresh: Vec<std::path::PathBuf> = mail_files(&self.mail_dir())
                .into_iter()
                .filter(|f| !before.contains(f))
                .collect();
            // The file may still be half written: read it again until it parses.
            if let Some(file) = fresh.first() {
                let text = std::fs::read_to_string(file).unwrap_or_default();
                code = sign_in_mail_parts(&text, email).map(|(code, _)| code);
                if code.is_some() {
                    break;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        let code = code.unwrap_or_else(|| panic!("no new sign-in mail to {email}"));
        let (status, body) = self
            .post(
                "/api/v1/auth/verify",
                None,
                serde_json::json!({"email": email, "code": code}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body["token"].as_str().unwrap().to_owned()
    }
}

pub fn mail_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

pub fn mail_count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

pub async fn wait_for_mail_count(dir: &std::path::Path, count: usize) {
    for _ in 0..200 {
        if mail_count(dir) >= count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("expected {count} mails in {}", dir.display());
}

/// Waits for a mail that `wanted` recognises and returns its text. Counting
/// files is not enough where other mails (a host's confirmations) may still
/// be on their way: the count can be reached by the wrong one.
pub async fn wait_for_mail(
    dir: &std::path::Path,
    what: &str,
    wanted: impl Fn(&str) -> bool,
) -> String {
    for _ in 0..400 {
        let found = mail_files(dir)
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .find(|text| wanted(text));
        if let Some(text) = found {
            return text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("no mail {what} in {}", dir.display());
}

/// Undoes quoted-printable soft breaks and `=3D`, enough to find a link.
pub fn unfold_quoted_printable(text: &str) -> String {
    text.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// (code, link token) of the newest mail to `email` in a mail folder.
pub fn newest_sign_in_mail(dir: &std::path::Path, email: &str) -> Option<(String, String)> {
    let mut mails: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let modified = e.metadata().ok()?.modified().ok()?;
            Some((modified, std::fs::read_to_string(e.path()).ok()?))
        })
        .filter(|(_, text)| sign_in_mail_parts(text, email).is_some())
        .collect();
    mails.sort_by_key(|(modified, _)| *modified);
    let (_, text) = mails.pop()?;
    sign_in_mail_parts(&text, email)
}

/// (code, link token) of a sign-in mail, if it is one addressed to `email`.
pub fn sign_in_mail_parts(raw: &str, email: &str) -> Option<(String, String)> {
    let email = email.to_lowercase();
    if !raw
        .lines()
        .any(|l| l.starts_with("To:") && l.to_lowercase().contains(&email))
    {
        return None;
    }
    let text = unfold_quoted_printable(raw);
    // The code stands alone on its line of the text part.
    let code = text
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))?
        .to_owned();
    let token_start = text.find("#t=")? + 3;
    let token: String = text[token_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Some((code, token))
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        if let Some((admin_url, name)) = self.postgres_database.take() {
            drop_postgres_database(admin_url, name);
        }
    }
}

/// Drops a throw-away PostgreSQL database, from a thread of its own because
/// Drop cannot await.
fn drop_postgres_database(admin_url: String, name: String) {
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

/// A database with the demo network and no server on it, for tests that run
/// `relais` processes themselves. Dropped (PostgreSQL) or deleted (SQLite)
/// with it.
pub struct BareDatabase {
    pub url: String,
    pub db: DatabaseConnection,
    pub dir: TempDir,
    postgres_database: Option<(String, String)>,
}

impl Drop for BareDatabase {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.postgres_database.take() {
            drop_postgres_database(admin_url, name);
        }
    }
}

pub async fn bare_database(backend: Backend) -> Option<BareDatabase> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (url, postgres_database) = fresh_database(backend, &dir).await?;
    let db = server::db::connect(&url).await.expect("database opens");
    server::db::migrate(&db).await.expect("migrations run");
    server::app::seed_demo::seed(&db, test_start())
        .await
        .expect("demo network");
    Some(BareDatabase {
        url,
        db,
        dir,
        postgres_database,
    })
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

/// Where every test's clock starts: a Wednesday morning in the middle of a
/// winter month, so that "next Monday", "this month" and "tomorrow" never
/// cross a month, a year or an offset change by accident. Tests that need
/// such an edge move the clock there themselves. (With the real time, the
/// suite could fail on Sunday evenings or on the last days of a month.)
pub fn test_start() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(2027, 1, 13, 9, 0, 0)
        .single()
        .expect("a valid instant")
}

/// A running Relais with the demo network, or `None` when the backend is not available.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// The same, with a configuration tweak (an SMTP server, say).
pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn,server=warn")
        .with_test_writer()
        .try_init();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (database_url, postgres_database) = fresh_database(backend, &dir).await?;
    let db = server::db::connect(&database_url)
        .await
        .expect("database opens");
    server::db::migrate(&db).await.expect("migrations run");
    let clock = Clock::fixed(test_start());
    server::app::seed_demo::seed(&db, clock.now())
        .await
        .expect("demo network");
    let mut config = Config::on_loopback(database_url.clone(), dir.path().join("mail"));
    config.allow_private_calendar_urls = true;
    tweak(&mut config);
    let app = Application::build_with_clock(config, db.clone(), clock.clone())
        .await
        .expect("server starts");
    let state = app.state().clone();
    let address = format!("http://{}", app.local_addr());
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    Some(TestApp {
        address,
        client: reqwest::Client::new(),
        db,
        state,
        clock,
        backend,
        database_url,
        dir,
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

/// A second `relais` process serving the same database as a test app, as a
/// load balancer would run it beside the first. Killed when dropped.
pub struct SecondProcess {
    pub address: String,
    child: std::process::Child,
    _mail: TempDir,
}

impl SecondProcess {
    pub async fn start(app: &TestApp) -> SecondProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mail = tempfile::tempdir().expect("a temporary folder");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_relais"))
            .args(["serve", "--database-url", &app.database_url])
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .arg("--mail-dir")
            .arg(mail.path())
            // The same day and hour as the test app's clock.
            .args(["--clock-start", &app.clock.now().to_rfc3339()])
            .env_remove("RELAIS_SESSION_SECRET")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("relais starts");
        let second = SecondProcess {
            address: format!("http://127.0.0.1:{port}"),
            child,
            _mail: mail,
        };
        for _ in 0..200 {
            let healthy = app
                .client
                .get(format!("{}/healthz", second.address))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if healthy {
                return second;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the second relais process did not answer /healthz within 10 s");
    }
}

impl Drop for SecondProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
