//! Accès libre as alice sees it: four free days this month, half a day less
//! after a morning, and a refusal that explains itself past the limit.

use anyhow::{Result, ensure};
use e2e::{Browser, Relais, browser_test};
use serde_json::{Value, json};
use shared::dom_ids;

use crate::accounts::sign_in;
use crate::bookings::{ALICE, choose_mende, search_next_monday_morning};
use crate::id;

/// Calls the API from the page, with alice's session cookie.
async fn api(browser: &Browser, method: &str, path: &str, body: Value) -> Result<Value> {
    Ok(browser
        .client
        .execute_async(
            "const [method, path, body, done] = arguments;
             const init = { method, headers: { 'Content-Type': 'application/json' } };
             if (body !== null) init.body = JSON.stringify(body);
             fetch(path, init).then(async r => done({ status: r.status, body: await r.json() }),
                                    e => done({ status: 0, body: String(e) }));",
            vec![json!(method), json!(path), body],
        )
        .await?)
}

async fn home_quotas(browser: &Browser, relais: &Relais, expected: &str) -> Result<String> {
    browser.goto(&relais.url("/")).await?;
    browser
        .wait_for_text(&id(dom_ids::MY_QUOTAS), expected)
        .await
}

#[tokio::test]
async fn alice_sees_her_free_days_spends_half_a_day_and_is_told_when_none_are_left() {
    browser_test(
        "alice_sees_her_free_days_spends_half_a_day_and_is_told_when_none_are_left",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            let text = home_quotas(&browser, &relais, "Accès libre").await?;
            ensure!(text.contains("4 jours sur 4"), "a newcomer has 4 days: {text}");
            browser.assert_accessible().await?;

            let day = search_next_monday_morning(&browser, &relais).await?;
            choose_mende(&browser).await?;
            let preview = browser
                .wait_for_text(&id(dom_ids::BOOK_QUOTA_PREVIEW), "½ jour")
                .await?;
            ensure!(preview.contains("3,5 jours"), "what will be left: {preview}");
            // 08:30 in Paris that Monday, as the API wants it.
            let morning = browser
                .wait_for(&id(dom_ids::BOOK_CONFIRM_PANEL))
                .await?
                .attr("data-start")
                .await?
                .unwrap_or_default();
            browser.wait_for(&id(dom_ids::BOOK_CONFIRM)).await?.click().await?;
            browser.wait_for_text(&id(dom_ids::BOOK_STATUS), "Réservé").await?;

            // The home page counts this month, which next Monday is in on the test clock.
            ensure!(day[..7] == e2e::clock::TODAY.to_string()[..7], "{day} is this month");
            let text = home_quotas(&browser, &relais, "3,5 jours sur 4").await?;
            ensure!(text.contains("Accès libre"), "{text}");

            // Three more days and an afternoon on other desks that Monday: nothing left.
            let sites = api(&browser, "GET", "/api/v1/sites", Value::Null).await?;
            let mende = sites["body"]
                .as_array()
                .and_then(|all| all.iter().find(|s| s["commune_insee"] == "48095"))
                .cloned()
                .unwrap_or_default();
            let desks: Vec<i64> = mende["resources"]
                .as_array()
                .map(|r| r.iter().filter(|r| r["kind"] == "desk").filter_map(|r| r["id"].as_i64()).collect())
                .unwrap_or_default();
            ensure!(desks.len() >= 5, "Mende has desks: {desks:?}");
            // Hours after 08:30: a full day to 17:30, an afternoon from 13:30.
            for (desk, from, to) in [
                (desks[1], 0, 9),
                (desks[2], 0, 9),
                (desks[3], 0, 9),
                (desks[4], 5, 9),
            ] {
                let booked = browser
                    .client
                    .execute_async(
                        "const [desk, morning, from, to, done] = arguments;
                         const at = h => new Date(Date.parse(morning) + h * 3600000).toISOString();
                         fetch('/api/v1/bookings', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                           body: JSON.stringify({ resource_id: desk, start: at(from), end: at(to) }) })
                           .then(r => done(r.status), e => done(String(e)));",
                        vec![json!(desk), json!(morning), json!(from), json!(to)],
                    )
                    .await?;
                ensure!(booked == 201, "desk {desk} +{from}h–+{to}h: {booked}");
            }

            search_next_monday_morning(&browser, &relais).await?;
            browser
                .wait_for(&id(&dom_ids::item(dom_ids::BOOK_PART, "afternoon")))
                .await?
                .click()
                .await?;
            let day_again = e2e::clock::next_monday();
            browser
                .wait_for(&format!("{}[data-date='{day_again}'] li", id(dom_ids::BOOK_RESULTS)))
                .await?;
            choose_mende(&browser).await?;
            let preview = browser
                .wait_for_text(&id(dom_ids::BOOK_QUOTA_PREVIEW), "ne suffisent pas")
                .await?;
            ensure!(preview.contains("renouvelés le"), "says when it renews: {preview}");
            browser.assert_accessible().await?;
            browser.wait_for(&id(dom_ids::BOOK_CONFIRM)).await?.click().await?;
            let refusal = browser
                .wait_for_text(&id(dom_ids::BOOK_ERROR), "jours offerts")
                .await?;
            ensure!(!refusal.contains("quota_exceeded"), "a sentence, not a code: {refusal}");
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}
