//! The browser-test harness: starts the real `relais` binary on a free port
//! with a fresh SQLite database and mail folder, and a real headless Chromium
//! driven through ChromeDriver (WebDriver). Pages are checked with axe-core.

mod browser;
pub mod clock;
pub mod http;
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

/// Runs one browser test against a fresh Relais with the demo network, both
/// on the test clock's day. On failure, a screenshot and the page's HTML go
/// to `target/e2e-failures/<name>.png` and `.html`.
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
    browser
        .shift_clock(relais.clock_shift_millis)
        .await
        .expect("the page's clock can be moved");
    // The test owns the browser and drops it when it fails: keep ChromeDriver
    // and a handle on the session for the evidence.
    let driver = browser.keep_alive();
    let failure_client = browser.clone_client();
    match test(browser, relais).await {
        Ok((browser, _relais)) => browser.close().await,
        Err(error) => {
            let evidence = save_evidence(&failure_client, name).await;
            let _ = failure_client.close().await;
            drop(driver);
            panic!("{name} failed: {error:#}\n({evidence})");
        }
    }
}

/// Writes the screenshot and the page's HTML of a failed test; says where,
/// or why not.
async fn save_evidence(client: &fantoccini::Client, name: &str) -> String {
    let dir = project_root().join("target/e2e-failures");
    if let Err(error) = std::fs::create_dir_all(&dir) {
        return format!("no screenshot: cannot create {}: {error}", dir.display());
    }
    let mut saved = Vec::new();
    let png = dir.join(format!("{name}.png"));
    match client.screenshot().await {
        Ok(bytes) => match std::fs::write(&png, bytes) {
            Ok(()) => saved.push(format!("screenshot: {}", png.display())),
            Err(error) => saved.push(format!("no screenshot: {error}")),
        },
        Err(error) => saved.push(format!("no screenshot: {error}")),
    }
    let html = dir.join(format!("{name}.html"));
    match client
        .execute("return document.documentElement.outerHTML", vec![])
        .await
    {
        Ok(page) => match std::fs::write(&html, page.as_str().unwrap_or_default()) {
            Ok(()) => saved.push(format!("page: {}", html.display())),
            Err(error) => saved.push(format!("no page: {error}")),
        },
        Err(error) => saved.push(format!("no page: {error}")),
    }
    saved.join(", ")
}
