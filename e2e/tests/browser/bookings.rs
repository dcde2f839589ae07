//! Booking a desk: the search, the confirmation, "Mes réservations" and
//! cancelling; a desk someone else takes in the meantime; the search on a phone.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use e2e::{Browser, Relais, browser_sizes, browser_test, sign_in_mail};
use fantoccini::Locator;
use fantoccini::elements::Element;
use serde_json::json;
use shared::dom_ids;

use crate::accounts::sign_in;
use crate::{id, open_sites};

pub(crate) const ALICE: &str = "alice@demo.relais";
const HOST: &str = "host.mende@demo.relais";
const MENDE: &str = "La Fabrique de Mende";
const BOOK_PAGE: &str = shared::routes::pages::BOOK;

/// The result of La Fabrique de Mende in the list.
async fn mende_result(browser: &Browser) -> Result<Element> {
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(&format!(
            "//ul[@id='{}']/li[h2[normalize-space()='{MENDE}']]",
            dom_ids::BOOK_RESULTS
        )))
        .await
        .context("La Fabrique de Mende is not in the results")
}

/// Opens the booking page, types next Monday, chooses "Matin" and waits for
/// the results of that day. Returns the day ("2027-01-18").
pub(crate) async fn search_next_monday_morning(
    browser: &Browser,
    relais: &Relais,
) -> Result<String> {
    browser.goto(&relais.url(BOOK_PAGE)).await?;
    type_next_monday_morning(browser).await
}

/// On the booking page: types next Monday, chooses "Matin", waits for that day's results.
async fn type_next_monday_morning(browser: &Browser) -> Result<String> {
    let day = e2e::clock::next_monday();
    browser.set_date(&id(dom_ids::BOOK_DATE), &day).await?;
    browser
        .wait_for(&id(&dom_ids::item(dom_ids::BOOK_PART, "morning")))
        .await?
        .click()
        .await?;
    browser
        .wait_for(&format!(
            "{}[data-date='{day}'] li",
            id(dom_ids::BOOK_RESULTS)
        ))
        .await?;
    Ok(day)
}

/// Presses "Réserver" at La Fabrique de Mende; returns the CSS selector of its result.
pub(crate) async fn choose_mende(browser: &Browser) -> Result<String> {
    let result = mende_result(browser).await?;
    let result_id = result.attr("id").await?.context("the result has an id")?;
    result
        .find(Locator::Css("button"))
        .await
        .context("a 'Réserver' button at Mende")?
        .click()
        .await?;
    browser.wait_for(&id(dom_ids::BOOK_CONFIRM_PANEL)).await?;
    Ok(format!("#{result_id}"))
}

#[tokio::test]
async fn alice_books_a_morning_at_mende_then_cancels_it() {
    browser_test(
        "alice_books_a_morning_at_mende_then_cancels_it",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            browser
                .wait_for(&id(dom_ids::NAV_BOOK))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::PAGE_TITLE), "Réserver un poste")
                .await?;
            let day = search_next_monday_morning(&browser, &relais).await?;
            browser.assert_accessible().await?;

            choose_mende(&browser).await?;
            let panel = browser
                .wait_for_text(&id(dom_ids::BOOK_CONFIRM_PANEL), MENDE)
                .await?;
            ensure!(panel.contains("lundi"), "the day in words: {panel}");
            ensure!(panel.contains("08:30–12:30"), "local hours: {panel}");
            browser.wait_for_focus(dom_ids::BOOK_CONFIRM_PANEL).await?;
            browser.assert_accessible().await?;

            browser
                .wait_for(&id(dom_ids::BOOK_CONFIRM))
                .await?
                .click()
                .await?;
            let status = browser
                .wait_for_text(&id(dom_ids::BOOK_STATUS), "Réservé : ")
                .await?;
            ensure!(
                status.contains(MENDE) && status.contains("08:30–12:30"),
                "status: {status}"
            );
            ensure!(
                browser.count(&id(dom_ids::BOOK_CONFIRM_PANEL)).await? == 0,
                "the confirmation is closed"
            );

            browser
                .wait_for(&id(dom_ids::BOOK_MY_BOOKINGS))
                .await?
                .click()
                .await?;
            let upcoming = format!("{} li", id(dom_ids::MY_BOOKINGS_UPCOMING));
            let item = browser.wait_for_text(&upcoming, MENDE).await?;
            ensure!(
                item.contains("lundi") && item.contains("08:30–12:30"),
                "item: {item}"
            );
            ensure!(day.len() == 10, "day {day}");
            browser.assert_accessible().await?;

            browser
                .wait_for(&format!("{upcoming} button"))
                .await?
                .click()
                .await?;
            let yes = browser
                .wait_for(&format!("button[id^='{}-']", dom_ids::BOOKING_CANCEL_YES))
                .await?;
            browser
                .wait_for_focus_starting(dom_ids::BOOKING_CANCEL_YES)
                .await?;
            browser.assert_accessible().await?;
            yes.click().await?;

            browser
                .wait_for_text(&id(dom_ids::MY_BOOKINGS_STATUS), "annulée")
                .await?;
            let history = browser
                .wait_for_text(&id(dom_ids::MY_BOOKINGS_HISTORY), "Annulée")
                .await?;
            ensure!(history.contains(MENDE), "history: {history}");
            browser.wait_for(&id(dom_ids::MY_BOOKINGS_EMPTY)).await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn a_desk_taken_in_the_meantime_is_explained_and_the_list_refreshes() {
    browser_test(
        "a_desk_taken_in_the_meantime_is_explained_and_the_list_refreshes",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            search_next_monday_morning(&browser, &relais).await?;
            let result = choose_mende(&browser).await?;
            let count_css = format!("{result} .site-resources");
            let before = browser.wait_for_text(&count_css, "libres").await?;
            let panel = browser.wait_for(&id(dom_ids::BOOK_CONFIRM_PANEL)).await?;
            let mut booking = serde_json::Map::new();
            for (field, attribute) in [
                ("resource_id", "data-resource"),
                ("start", "data-start"),
                ("end", "data-end"),
            ] {
                let value = panel.attr(attribute).await?.context(attribute)?;
                booking.insert(field.to_owned(), json!(value));
            }
            let resource: i64 = booking["resource_id"].as_str().unwrap_or("").parse()?;
            booking.insert("resource_id".to_owned(), json!(resource));

            // Meanwhile the host of Mende books the same desk from another
            // session: fetch without cookies, with the host's bearer token.
            let asked = browser
                .client
                .execute_async(
                    "const [email, done] = arguments;
                     fetch('/api/v1/auth/request', { method: 'POST', credentials: 'omit',
                         headers: { 'Content-Type': 'application/json' },
                         body: JSON.stringify({ email }) })
                       .then(r => done(r.status), e => done(String(e)));",
                    vec![json!(HOST)],
                )
                .await?;
            ensure!(asked == 202, "code request: {asked}");
            let mail = sign_in_mail(&relais, HOST).await?;
            let booked = browser
                .client
                .execute_async(
                    "const [email, code, booking, done] = arguments;
                     const json = { 'Content-Type': 'application/json' };
                     fetch('/api/v1/auth/verify', { method: 'POST', credentials: 'omit',
                         headers: json, body: JSON.stringify({ email, code }) })
                       .then(r => r.json())
                       .then(s => fetch('/api/v1/bookings', { method: 'POST', credentials: 'omit',
                           headers: { ...json, Authorization: 'Bearer ' + s.token },
                           body: JSON.stringify(booking) }))
                       .then(r => done(r.status), e => done(String(e)));",
                    vec![json!(HOST), json!(mail.code), json!(booking)],
                )
                .await?;
            ensure!(booked == 201, "the host's booking: {booked}");

            browser
                .wait_for(&id(dom_ids::BOOK_CONFIRM))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::BOOK_ERROR), "Quelqu'un vient de réserver")
                .await?;
            browser
                .wait_until_gone(&id(dom_ids::BOOK_CONFIRM_PANEL))
                .await?;
            let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
            loop {
                let after = browser.wait_for(&count_css).await?.text().await?;
                if after != before && after.contains("libre") {
                    break;
                }
                ensure!(
                    tokio::time::Instant::now() < deadline,
                    "the list still says {after:?} (before: {before:?})"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn the_search_fits_a_phone_and_asks_signed_out_people_to_sign_in() {
    browser_test(
        "the_search_fits_a_phone_and_asks_signed_out_people_to_sign_in",
        |browser, relais| async move {
            browser.resize(browser_sizes::PHONE).await?;
            open_sites(&browser, &relais).await?;
            browser
                .wait_for(&id(dom_ids::HOME_BOOK))
                .await?
                .click()
                .await?;
            // Next Monday, so that some desk is free whatever day the test runs.
            type_next_monday_morning(&browser).await?;
            browser.wait_for(&id(dom_ids::NAV_SIGN_IN)).await?;
            browser.assert_no_horizontal_scroll().await?;
            browser.assert_accessible().await?;

            browser
                .wait_for(&format!("[id^='{}-']", dom_ids::BOOK_CHOOSE))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::BOOK_SIGN_IN), "connectez-vous")
                .await?;
            browser.wait_for_focus(dom_ids::BOOK_SIGN_IN).await?;
            ensure!(
                browser.count(&id(dom_ids::BOOK_CONFIRM_PANEL)).await? == 0,
                "no confirmation for a signed-out person"
            );
            browser.assert_no_horizontal_scroll().await?;

            // Signing in from here comes back to the booking page (alice has a name).
            browser
                .wait_for(&format!("{} a", id(dom_ids::BOOK_SIGN_IN)))
                .await?
                .click()
                .await?;
            crate::accounts::ask_for_code(&browser, &relais, ALICE).await?;
            let mail = e2e::sign_in_mail(&relais, ALICE).await?;
            crate::accounts::type_code(&browser, &mail.code).await?;
            browser
                .wait_for_text(&id(dom_ids::PAGE_TITLE), "Réserver un poste")
                .await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn alice_books_every_monday_for_three_weeks_then_cancels_the_series() {
    browser_test(
        "alice_books_every_monday_for_three_weeks_then_cancels_the_series",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            search_next_monday_morning(&browser, &relais).await?;
            // Each result's button says where it books, to a screen reader.
            let names = button_names(&browser, &format!("{} button", id(dom_ids::BOOK_RESULTS))).await?;
            ensure!(names.len() >= 5, "{names:?}");
            ensure!(
                names.contains(&"Réserver à La Fabrique de Mende".to_owned()),
                "{names:?}"
            );
            ensure!(
                names.iter().all(|n| n.starts_with("Réserver à ") || n.starts_with("Attendre une place à ")),
                "{names:?}"
            );
            ensure_distinct(&names)?;
            choose_mende(&browser).await?;
            browser
                .wait_for(&format!("{} option[value='3']", id(dom_ids::BOOK_REPEAT)))
                .await?
                .click()
                .await?;
            browser.assert_accessible().await?;
            browser
                .wait_for(&id(dom_ids::BOOK_CONFIRM))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::BOOK_STATUS), "3 réservations faites")
                .await?;
            browser
                .wait_for(&id(dom_ids::BOOK_MY_BOOKINGS))
                .await?
                .click()
                .await?;
            let upcoming = format!("{} li", id(dom_ids::MY_BOOKINGS_UPCOMING));
            browser.wait_for_text(&upcoming, "Chaque semaine").await?;
            let count = browser.count(&upcoming).await?;
            ensure!(count == 3, "three Mondays, not {count}");
            // Three "cancel" buttons and three "cancel the series": each
            // names its day and hours.
            let names = button_names(&browser, &format!("{} button", id(dom_ids::MY_BOOKINGS_UPCOMING))).await?;
            ensure!(names.len() == 6, "{names:?}");
            ensure!(
                names
                    .iter()
                    .all(|n| n.starts_with("Annuler cette réservation, lundi ")
                        || n.starts_with("Annuler toute la série, lundi ")),
                "{names:?}"
            );
            ensure_distinct(&names)?;
            browser
                .wait_for(&format!("[id^='{}-']", dom_ids::BOOKING_CANCEL_SERIES))
                .await?
                .click()
                .await?;
            let yes = browser
                .wait_for(&format!(
                    "button[id^='{}-']",
                    dom_ids::BOOKING_CANCEL_SERIES_YES
                ))
                .await?;
            browser.assert_accessible().await?;
            yes.click().await?;
            browser
                .wait_for_text(&id(dom_ids::MY_BOOKINGS_STATUS), "série sont annulées")
                .await?;
            browser.wait_for(&id(dom_ids::MY_BOOKINGS_EMPTY)).await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn alice_waits_for_a_place_at_a_full_site_then_leaves_the_list() {
    browser_test(
        "alice_waits_for_a_place_at_a_full_site_then_leaves_the_list",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            let day = search_next_monday_morning(&browser, &relais).await?;
            // Every desk of the smallest site open that morning, taken for
            // its first opening period (the morning).
            let filled = browser
                .client
                .execute_async(
                    "const [day, done] = arguments;
                     (async () => {
                       const a = await (await fetch('/api/v1/availability?date=' + day + '&kind=desk')).json();
                       const open = a.sites.filter(s => !s.closed && s.open.length > 0
                         && s.resources.some(r => r.kind === 'desk'));
                       open.sort((x, y) => x.resources.filter(r => r.kind === 'desk').length
                         - y.resources.filter(r => r.kind === 'desk').length);
                       const site = open[0];
                       for (const r of site.resources.filter(r => r.kind === 'desk')) {
                         const answer = await fetch('/api/v1/bookings', { method: 'POST',
                           headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
                           body: JSON.stringify({ resource_id: r.resource_id,
                             start: site.open[0].start, end: site.open[0].end }) });
                         if (answer.status !== 201) return done('booking answered ' + answer.status);
                       }
                       return site.site_name;
                     })().then(done, e => done(String(e)));",
                    vec![json!(day)],
                )
                .await?;
            let site = filled.as_str().unwrap_or_default().to_owned();
            ensure!(!site.starts_with("booking"), "{site}");
            // The same search again shows the site full, with a way to wait.
            type_next_monday_morning_again(&browser).await?;
            let wait = browser
                .wait_for(&format!("[id^='{}-']", dom_ids::BOOK_WAIT))
                .await?;
            browser.assert_accessible().await?;
            wait.click().await?;
            let status = browser
                .wait_for_text(&id(dom_ids::BOOK_STATUS), "liste d'attente")
                .await?;
            ensure!(status.contains(&site), "status: {status}");

            browser
                .wait_for(&id(dom_ids::NAV_MY_BOOKINGS))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::MY_WAITLIST), &site)
                .await?;
            browser.assert_accessible().await?;
            browser
                .wait_for(&format!("[id^='{}-']", dom_ids::WAITLIST_LEAVE))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::MY_BOOKINGS_STATUS), "quitté la liste")
                .await?;
            // The list is read again after the answer: it goes a moment later.
            browser.wait_until_gone(&id(dom_ids::MY_WAITLIST)).await?;
            Ok((browser, relais))
        },
    )
    .await;
}

/// Searches the same morning again: afternoon, then morning.
async fn type_next_monday_morning_again(browser: &Browser) -> Result<()> {
    for part in ["afternoon", "morning"] {
        browser
            .wait_for(&id(&dom_ids::item(dom_ids::BOOK_PART, part)))
            .await?
            .click()
            .await?;
    }
    // The part change redraws from the last answer; a new date asks again.
    browser
        .client
        .execute(
            &format!(
                "const f = document.getElementById('{}'); f.dispatchEvent(new Event('change'));",
                dom_ids::BOOK_DATE
            ),
            vec![],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(())
}

/// The accessible names of the buttons under `css`, as a screen reader
/// reads them here: their `aria-label`, else their text.
async fn button_names(browser: &Browser, css: &str) -> Result<Vec<String>> {
    let script = format!(
        "return [...document.querySelectorAll({css:?})]\
         .map(b => (b.getAttribute('aria-label') || b.textContent).trim())"
    );
    let names = browser.eval(&script).await?;
    Ok(names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str().map(str::to_owned))
        .collect())
}

fn ensure_distinct(names: &[String]) -> Result<()> {
    let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
    ensure!(
        distinct.len() == names.len(),
        "two buttons share a name: {names:?}"
    );
    Ok(())
}
