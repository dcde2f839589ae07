//! "Ajouter à mon agenda": alice finds her private feed URL from her
//! bookings, copies it, and the feed it names holds her booking; a new link
//! kills the old one.

use anyhow::{Context, Result, ensure};
use e2e::{Browser, browser_test};
use serde_json::{Value, json};
use shared::dom_ids;

use crate::accounts::sign_in;
use crate::bookings::ALICE;
use crate::id;

/// Books a desk at Mende next Monday morning from the page, with alice's session.
async fn book_next_monday(browser: &Browser) -> Result<Value> {
    Ok(browser
        .client
        .execute_async(
            "const done = arguments[0];
             (async () => {
               const sites = await (await fetch('/api/v1/sites')).json();
               const mende = sites.find(s => s.commune_insee === '48095');
               const desk = mende.resources.find(r => r.kind === 'desk');
               const day = new Date(); day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7 || 7));
               const date = day.toISOString().slice(0, 10);
               const avail = await (await fetch('/api/v1/availability?date=' + date)).json();
               const free = avail.sites.find(s => s.site_id === mende.id)
                 .resources.find(r => r.resource_id === desk.id).free[0];
               const end = new Date(Date.parse(free.start) + 3 * 3600000).toISOString();
               const r = await fetch('/api/v1/bookings', { method: 'POST',
                 headers: { 'Content-Type': 'application/json' },
                 body: JSON.stringify({ resource_id: desk.id, start: free.start, end }) });
               return { status: r.status, body: await r.json() };
             })().then(done, e => done({ status: 0, body: String(e) }));",
            vec![],
        )
        .await?)
}

/// Fetches a feed as a calendar app would: no cookie, only the URL.
async fn fetch_feed(browser: &Browser, url: &str) -> Result<(u64, String)> {
    let answer = browser
        .client
        .execute_async(
            "const [url, done] = arguments;
             // The path only: the page's security policy lets it call its own origin.
             fetch(new URL(url).pathname, { credentials: 'omit' }).then(async r => done([r.status, await r.text()]),
                                                      e => done([0, String(e)]));",
            vec![json!(url)],
        )
        .await?;
    Ok((
        answer[0].as_u64().unwrap_or(0),
        answer[1].as_str().unwrap_or_default().to_owned(),
    ))
}

#[tokio::test]
async fn alice_copies_her_feed_url_and_the_feed_shows_her_booking() {
    browser_test(
        "alice_copies_her_feed_url_and_the_feed_shows_her_booking",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            let booked = book_next_monday(&browser).await?;
            ensure!(booked["status"] == 201, "booking: {booked}");

            browser
                .goto(&relais.url(shared::routes::pages::MY_BOOKINGS))
                .await?;
            browser
                .wait_for(&id(dom_ids::MY_BOOKINGS_CALENDAR))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::PAGE_TITLE), "Ajouter à mon agenda")
                .await?;
            let input = browser.wait_for(&id(dom_ids::CALENDAR_URL)).await?;
            let url = input.prop("value").await?.context("the link")?;
            ensure!(
                url.contains("/api/v1/feeds/") && url.ends_with(".ics"),
                "{url}"
            );
            browser.assert_accessible().await?;

            browser
                .wait_for(&format!("#{}-copy", dom_ids::CALENDAR_URL))
                .await?
                .click()
                .await?;
            let status = browser
                .wait_for_text(&format!("#{}-status", dom_ids::CALENDAR_URL), "opi")
                .await?;
            // Headless Chromium may refuse the clipboard; the page then says so.
            ensure!(
                status.contains("Lien copié") || status.contains("copiez-le"),
                "status: {status}"
            );

            // One tap: the calendar app's `webcal://` link and Google's page.
            let webcal = browser
                .eval(&format!(
                    "return document.getElementById('{}-webcal').getAttribute('href')",
                    dom_ids::CALENDAR_URL
                ))
                .await?;
            let path = url.split_once("://").map(|(_, rest)| rest).unwrap_or("");
            ensure!(webcal == format!("webcal://{path}"), "{webcal} for {url}");
            let google = browser
                .eval(&format!(
                    "return document.getElementById('{}-google').getAttribute('href')",
                    dom_ids::CALENDAR_URL
                ))
                .await?;
            let google = google.as_str().unwrap_or_default();
            ensure!(
                google
                    .starts_with("https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F"),
                "{google}"
            );
            let page = browser.wait_for_text("main", "annulée").await?;
            ensure!(page.contains("la plupart des agendas la cachent"), "{page}");
            let (code, feed) = fetch_feed(&browser, &url).await?;
            ensure!(code == 200, "the feed answers {code}");
            ensure!(feed.starts_with("BEGIN:VCALENDAR"), "{feed}");
            ensure!(
                feed.contains("La Fabrique de Mende"),
                "her booking is in it: {feed}"
            );
            let uid = format!("booking-{}@", booked["body"]["id"]);
            ensure!(feed.contains(&uid), "{uid} in {feed}");

            browser
                .wait_for(&format!("#{}-rotate", dom_ids::CALENDAR_URL))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&format!("#{}-status", dom_ids::CALENDAR_URL), "ancien")
                .await?;
            let new_url = browser
                .wait_for(&id(dom_ids::CALENDAR_URL))
                .await?
                .prop("value")
                .await?
                .unwrap_or_default();
            ensure!(new_url != url, "a new link");
            ensure!(
                fetch_feed(&browser, &url).await?.0 == 404,
                "the old link is dead"
            );
            ensure!(fetch_feed(&browser, &new_url).await?.0 == 200);
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}
