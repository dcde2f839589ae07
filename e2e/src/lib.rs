//! The browser-test harness: starts the real `relais` binary on a free port
//! with a fresh SQLite database and mail folder, and a real headless Chromium
//! driven through ChromeDriver (WebDriver). Pages are checked with axe-core.

mod browser;
pub mod mail;

pub mod browser_sizes {
    //! Screens the pages are checked on.
    pub use crate::browser::{DESKTOP, PHONE};
}
mod relais;

pub use browser::Browser;
pub use mail::{SignInMail, sign_in_mail, sign_in_mail_after};
pub use relais::Relais;

use std::future::Future;
use std::path::PathBuf;

/// The workspace root.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e is inside the workspace")
        .to_path_buf()
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Browser tests run one at a time: the machines have two cores.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Runs one browser test against a fresh Relais with the demo network. On
/// failure a screenshot goes to `target/e2e-failures/<name>.png`.
pub async fn browser_test<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Browser, Relais) -> Fut,
    Fut: Future<Output = anyhow::Result<(Browser, Relais)>>,
{
    let _turn = ONE_AT_A_TIME.lock().await;
    let relais = Relais::start().await.expect("relais starts");
    let Some(browser) = Browser::start().await.expect("chromium starts") else {
        return;
    };
    let failure_shot = browser.clone_client();
    match test(browser, relais).await {
        Ok((browser, _relais)) => browser.close().await,
        Err(error) => {
            let dir = project_root().join("target/e2e-failures");
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join(format!("{name}.png"));
            if let Ok(png) = failure_shot.screenshot().await {
                let _ = std::fs::write(&path, png);
            }
            let _ = failure_shot.close().await;
            panic!("{name} failed: {error:#}\n(screenshot: {})", path.display());
        }
    }
}
