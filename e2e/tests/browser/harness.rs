//! The harness itself: a red run must be understandable from its files, so a
//! failed test leaves a screenshot and the page's HTML.

use anyhow::anyhow;
use e2e::{Browser, Relais, browser_test, in_ci, project_root};

#[tokio::test]
async fn a_failed_test_leaves_its_screenshot_and_its_page() {
    const NAME: &str = "harness_fails_on_purpose";
    let dir = project_root().join("target/e2e-failures");
    let (png, html) = (
        dir.join(format!("{NAME}.png")),
        dir.join(format!("{NAME}.html")),
    );
    let _ = std::fs::remove_file(&png);
    let _ = std::fs::remove_file(&html);

    let outcome = tokio::spawn(browser_test(NAME, |browser, relais| async move {
        crate::open_sites(&browser, &relais).await?;
        // A failing `?` drops the browser before the harness sees the error.
        drop(browser);
        Err::<(Browser, Relais), _>(anyhow!(
            "this test fails on purpose, to check the harness's evidence"
        ))
    }))
    .await;
    if outcome.is_ok() {
        assert!(!in_ci(), "the failing test passed");
        return; // no Chromium here, outside CI
    }
    let shot = std::fs::read(&png).expect("the screenshot is written");
    assert!(shot.starts_with(b"\x89PNG"), "a PNG picture");
    let page = std::fs::read_to_string(&html).expect("the page's HTML is written");
    assert!(
        page.contains("La Fabrique de Mende"),
        "the page as it was shown"
    );
    let _ = std::fs::remove_file(&png);
    let _ = std::fs::remove_file(&html);
}
