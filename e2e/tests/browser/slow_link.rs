//! A benchmark, not a timed test (ignored by the test command; run with
//! `cargo xtask bench slow-link`): the first and the second visit on a
//! rural link, one bar of 3G on the way to the tiers-lieu. Chromium's
//! DevTools throttle the link to 400 kbit/s both ways with 400 ms more on
//! each round trip. It prints, for the sites list and for the booking page,
//! the median of three visits: when the loading message shows, the first
//! paint, when the page is usable, and what crossed the link.
//! docs/PERFORMANCE.md keeps the figures.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use e2e::{Browser, browser_test};
use serde_json::Value;
use shared::dom_ids;
use shared::routes::pages;

use crate::id;

/// 400 kbit/s.
const BYTES_PER_SECOND: u32 = 51_200;
const LATENCY: Duration = Duration::from_millis(400);
const RUNS: usize = 3;

/// One visit: milliseconds from the navigation's start.
#[derive(Debug, Default, Clone, Copy)]
struct Visit {
    loading_message: f64,
    first_paint: f64,
    usable: f64,
    bytes: f64,
}

#[tokio::test]
#[ignore = "a benchmark: cargo xtask bench slow-link"]
async fn slow_link_first_and_second_visits() {
    browser_test(
        "slow_link_first_and_second_visits",
        |browser, relais| async move {
            browser
                .record_when_shown(&[
                    ("loading", "#boot:not([hidden])"),
                    ("sites", &format!("{} li", id(dom_ids::SITE_LIST))),
                    ("book", &format!("[id^=\"{}-\"]", dom_ids::BOOK_CHOOSE)),
                ])
                .await?;
            browser.throttle(LATENCY, BYTES_PER_SECOND).await?;
            let book = format!("{}?jour={}", pages::BOOK, e2e::clock::next_monday());
            let mut lines = Vec::new();
            for (page, mark) in [(pages::HOME, "sites"), (book.as_str(), "book")] {
                let url = relais.url(page);
                let mut first = Vec::new();
                let mut second = Vec::new();
                for _ in 0..RUNS {
                    browser.clear_cache().await?;
                    first.push(visit(&browser, &url, mark).await?);
                    second.push(visit(&browser, &url, mark).await?);
                }
                lines.push(format!("{page}, first visit:  {}", median(&first)));
                lines.push(format!("{page}, second visit: {}", median(&second)));
            }
            eprintln!(
                "slow link ({} kbit/s, +{} ms a round trip), median of {RUNS}:",
                BYTES_PER_SECOND * 8 / 1000,
                LATENCY.as_millis()
            );
            for line in lines {
                eprintln!("  {line}");
            }
            Ok((browser, relais))
        },
    )
    .await;
}

async fn visit(browser: &Browser, url: &str, mark: &str) -> Result<Visit> {
    browser.goto(url).await?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        let shown = browser.shown_at().await?;
        if let Some(usable) = shown[mark].as_f64() {
            let measures = browser
                .eval(
                    "const paint = performance.getEntriesByName('first-contentful-paint')[0]; \
                     const entries = [...performance.getEntriesByType('navigation'), \
                                      ...performance.getEntriesByType('resource')]; \
                     return [paint ? paint.startTime : null, \
                             entries.reduce((sum, e) => sum + (e.transferSize || 0), 0)]",
                )
                .await?;
            return Ok(Visit {
                loading_message: shown["loading"].as_f64().unwrap_or(f64::NAN),
                first_paint: measures[0].as_f64().unwrap_or(f64::NAN),
                usable,
                bytes: measures[1].as_f64().unwrap_or(0.0),
            });
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "{url}: {mark} never shown ({shown})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The median of each measure, separately.
fn median(visits: &[Visit]) -> String {
    let of = |f: fn(&Visit) -> f64| {
        let mut values: Vec<f64> = visits.iter().map(f).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    format!(
        "loading message {:>6.0} ms, first paint {:>6.0} ms, usable {:>6.0} ms, {:>7.0} bytes over the link",
        of(|v| v.loading_message),
        of(|v| v.first_paint),
        of(|v| v.usable),
        of(|v| v.bytes),
    )
}

/// With JavaScript off, a visitor still learns how to book: the page's
/// `noscript` text shows, and leads to the plain list of sites with their
/// phone numbers, served as HTML by the server.
#[tokio::test]
async fn without_javascript_the_page_says_how_to_book_by_phone_or_at_the_site() {
    browser_test(
        "without_javascript_the_page_says_how_to_book_by_phone_or_at_the_site",
        |browser, relais| async move {
            browser.disable_scripts(true).await?;
            browser.goto(&relais.url(pages::BOOK)).await?;
            let said = browser.wait_for_text("body", "JavaScript").await?;
            ensure!(said.contains("réservez sur place"), "{said}");
            let value: Value = browser
                .eval("return document.querySelector('noscript a') ? 'link' : 'none'")
                .await?;
            ensure!(value == "link", "the noscript text has its link");
            browser
                .client
                .find(fantoccini::Locator::LinkText(
                    "la liste des tiers-lieux, leurs adresses et leurs horaires",
                ))
                .await
                .context("the link to the plain list")?
                .click()
                .await?;
            let list = browser
                .wait_for_text("main", "La Fabrique de Mende")
                .await?;
            ensure!(
                list.contains("04 65 71"),
                "the sites' phone numbers: {list}"
            );
            browser.disable_scripts(false).await?;
            Ok((browser, relais))
        },
    )
    .await;
}
