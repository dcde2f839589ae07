//! A real `relais` process for one test.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context, Result, bail};
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct Relais {
    pub url: String,
    /// How far the server's clock is ahead of the real one (milliseconds):
    /// the browser's clock is moved by as much.
    pub clock_shift_millis: i64,
    child: Child,
    dir: TempDir,
}

fn binary() -> PathBuf {
    std::env::var_os("RELAIS_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::project_root().join("target/debug/relais"))
}

impl Relais {
    /// Seeds the demo network into a fresh SQLite file and serves it on a free port.
    pub async fn start() -> Result<Relais> {
        let bin = binary();
        if !bin.is_file() {
            bail!(
                "{} is missing: run `cargo xtask test`, which builds it",
                bin.display()
            );
        }
        let dir = tempfile::tempdir()?;
        let envs = [
            (
                "RELAIS_DATABASE_URL",
                format!("sqlite://{}/relais.db", dir.path().display()),
            ),
            (
                "RELAIS_MAIL_DIR",
                dir.path().join("mail").display().to_string(),
            ),
            ("RELAIS_ADDR", "127.0.0.1:0".to_owned()),
            // The tests publish calendars on loopback.
            ("RELAIS_ALLOW_PRIVATE_CALENDAR_URLS", "true".to_owned()),
            // Every run lives on the same day (see `clock`).
            ("RELAIS_CLOCK_START", crate::clock::start()),
        ];
        let seeded = Command::new(&bin)
            .arg("seed-demo")
            .envs(envs.iter().cloned())
            .stderr(Stdio::null())
            .status()
            .await?;
        if !seeded.success() {
            bail!("relais seed-demo failed");
        }
        let clock_shift_millis = crate::clock::shift_millis();
        let mut child = Command::new(&bin)
            .arg("serve")
            .envs(envs.iter().cloned())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start relais")?;
        let stdout = child.stdout.take().context("relais stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let line = tokio::time::timeout(std::time::Duration::from_secs(30), lines.next_line())
                .await
                .context("relais did not say where it listens")??
                .context("relais stopped before listening")?;
            if let Some(url) = line.strip_prefix("relais listening on ") {
                break url.trim().to_owned();
            }
        };
        Ok(Relais {
            url,
            clock_shift_millis,
            child,
            dir,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Relais {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}
