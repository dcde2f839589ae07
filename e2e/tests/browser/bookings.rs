//! Booking a desk: the search, the confirmation, "Mes réservations" and
//! cancelling; a desk someone else takes in the meantime; the search on a
//! phone (its folded menu, the confirmation in view); the search kept in the
//! address through a reload and signing in; "Près de", nearest first.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use e2e::{Browser, Relais, browser_sizes, browser_test, sign_in_mail};
use fantoccini::Locator;
use fantoccini::elements::{Element, ElementRef};
use serde_json::json;
use shared::api::ResourceKind;
use shared::book_query::BookQuery;
use shared::calendar::Day;
use shared::dom_ids;
use shared::ids::SiteId;
use shared::slots::DayPart;

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

const FLORAC: &str = "Le Relais de Florac";

/// The booking page's address for a search: `?jour=…&moment=…&type=…&pres=…`.
fn book_query(day: &str, part: DayPart, kind: ResourceKind, near: Option<i64>) -> String {
    BookQuery {
        day: Day::parse(day),
        part: Some(part),
        kind: Some(kind),
        near: near.map(SiteId),
    }
    .to_query()
}

/// On the booking page: chooses `kind` and the site `near` in "Près de".
async fn choose_kind_and_near(browser: &Browser, kind: ResourceKind, near: i64) -> Result<()> {
    for option in [
        format!(
            "{} option[value='{}']",
            id(dom_ids::BOOK_KIND),
            kind.as_str()
        ),
        format!("{} option[value='{near}']", id(dom_ids::BOOK_NEAR)),
    ] {
        browser.wait_for(&option).await?.click().await?;
    }
    Ok(())
}

/// Waits until the page's address ends with `query` ("?jour=…").
async fn wait_for_query(browser: &Browser, query: &str) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let shown = browser
            .eval("return location.pathname + location.search")
            .await?;
        if shown.as_str() == Some(&format!("{BOOK_PAGE}{query}")) {
            return Ok(());
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "the address is {shown}, never {BOOK_PAGE}{query}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the search's fields hold: the day, the part of the day checked, the
/// kind of space, the site of "Près de" ("" for any).
async fn search_fields(browser: &Browser) -> Result<Vec<String>> {
    let script = format!(
        "const value = id => {{ const field = document.getElementById(id); return field ? field.value : ''; }};
         const part = document.querySelector('input[name=\"part\"]:checked');
         return [value('{}'), part ? part.value : '', value('{}'), value('{}')];",
        dom_ids::BOOK_DATE,
        dom_ids::BOOK_KIND,
        dom_ids::BOOK_NEAR
    );
    let values = browser.eval(&script).await?;
    Ok(values
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect())
}

/// Waits until the fields hold `expected` ("Près de" fills in once the
/// list of sites has come; after a reload the form may not be there yet).
async fn wait_for_fields(browser: &Browser, expected: [&str; 4]) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let fields = search_fields(browser).await?;
        if fields == expected {
            return Ok(());
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "the fields hold {fields:?}, never {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The one element on screen with this ARIA `role` ("button", "link") and
/// this accessible name, computed as a screen reader does for these
/// elements: `aria-labelledby`, else `aria-label`, else the text without
/// what is `aria-hidden`.
async fn by_role(browser: &Browser, role: &str, name: &str) -> Result<Element> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let found = browser
            .client
            .execute(
                "const [role, name] = arguments;
                 const css = { button: 'button, [role=\"button\"]', link: 'a[href], [role=\"link\"]' }[role];
                 const text = node => node.nodeType === 3 ? node.textContent
                   : node.nodeType !== 1 || node.getAttribute('aria-hidden') === 'true' ? ''
                   : [...node.childNodes].map(text).join('');
                 const nameOf = el => {
                   const by = el.getAttribute('aria-labelledby');
                   if (by) return by.split(/\\s+/).map(i => document.getElementById(i))
                     .filter(Boolean).map(text).join(' ');
                   return el.getAttribute('aria-label') || text(el);
                 };
                 return [...document.querySelectorAll(css)]
                   .filter(el => el.getClientRects().length > 0)
                   .filter(el => nameOf(el).replace(/\\s+/g, ' ').trim() === name);",
                vec![json!(role), json!(name)],
            )
            .await?;
        let found = found.as_array().cloned().unwrap_or_default();
        if let [element] = found.as_slice() {
            // A WebDriver element: `{"element-6066-…": "<its id>"}`.
            let reference = element
                .as_object()
                .and_then(|o| o.values().next())
                .and_then(|v| v.as_str())
                .context("a WebDriver element")?;
            return Ok(Element::from_element_id(
                browser.client.clone(),
                ElementRef::from(reference.to_owned()),
            ));
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "{} elements on screen are a {role} named {name:?}",
            found.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the attribute `name` of `element` is `value`.
async fn wait_for_attribute(element: &Element, name: &str, value: &str) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let held = element.attr(name).await?;
        if held.as_deref() == Some(value) {
            return Ok(());
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "{name} is {held:?}, never {value:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_search_stays_in_the_address_through_a_reload() {
    browser_test(
        "a_search_stays_in_the_address_through_a_reload",
        |browser, relais| async move {
            browser.goto(&relais.url(BOOK_PAGE)).await?;
            let florac = crate::door::site_id(&browser, FLORAC).await?;
            let day = e2e::clock::next_monday();
            let steps = browser.eval("return history.length").await?;
            browser.set_date(&id(dom_ids::BOOK_DATE), &day).await?;
            browser
                .wait_for(&id(&dom_ids::item(dom_ids::BOOK_PART, "afternoon")))
                .await?
                .click()
                .await?;
            choose_kind_and_near(&browser, ResourceKind::MeetingRoom, florac).await?;
            let query = book_query(
                &day,
                DayPart::Afternoon,
                ResourceKind::MeetingRoom,
                Some(florac),
            );
            wait_for_query(&browser, &query).await?;
            // Replaced, not pushed: "back" leaves the page in one step.
            let after = browser.eval("return history.length").await?;
            ensure!(after == steps, "history grew from {steps} to {after}");

            browser.client.refresh().await?;
            let florac_value = florac.to_string();
            wait_for_fields(&browser, [&day, "afternoon", "meeting_room", &florac_value]).await?;
            browser
                .wait_for(&format!(
                    "{}[data-date='{day}'] li",
                    id(dom_ids::BOOK_RESULTS)
                ))
                .await?;
            wait_for_query(&browser, &query).await?;
            browser.assert_accessible().await?;

            // An address grown old or mistyped still opens the page: each
            // value that cannot be read quietly gives way to the usual one.
            browser
                .goto(&relais.url(&format!(
                    "{BOOK_PAGE}?jour=2001-01-01&moment=soir&type=canape&pres=99999"
                )))
                .await?;
            let today = e2e::clock::in_days(0);
            wait_for_fields(&browser, [&today, "morning", "desk", ""]).await?;
            browser
                .wait_for(&format!(
                    "{}[data-date='{today}']",
                    id(dom_ids::BOOK_RESULTS)
                ))
                .await?;
            ensure!(
                browser.count(&id(dom_ids::BOOK_ERROR)).await? == 0,
                "no error for an old address"
            );
            let query = book_query(&today, DayPart::Morning, ResourceKind::Desk, None);
            wait_for_query(&browser, &query).await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn signing_in_from_a_search_comes_back_to_the_same_search() {
    browser_test(
        "signing_in_from_a_search_comes_back_to_the_same_search",
        |browser, relais| async move {
            browser.goto(&relais.url(BOOK_PAGE)).await?;
            let mende = crate::door::site_id(&browser, MENDE).await?;
            let day = e2e::clock::next_monday();
            browser.set_date(&id(dom_ids::BOOK_DATE), &day).await?;
            browser
                .wait_for(&id(&dom_ids::item(dom_ids::BOOK_PART, "day")))
                .await?
                .click()
                .await?;
            choose_kind_and_near(&browser, ResourceKind::Desk, mende).await?;
            let query = book_query(&day, DayPart::Day, ResourceKind::Desk, Some(mende));
            wait_for_query(&browser, &query).await?;
            browser
                .wait_for(&format!(
                    "{}[data-date='{day}'] li",
                    id(dom_ids::BOOK_RESULTS)
                ))
                .await?;
            browser
                .wait_for(&format!("[id^='{}-']", dom_ids::BOOK_CHOOSE))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&format!("{} a", id(dom_ids::BOOK_SIGN_IN)))
                .await?
                .click()
                .await?;

            // The sign-in page, reached by the link: the address, then the mailed code.
            browser
                .wait_for(&id(dom_ids::SIGN_IN_EMAIL))
                .await?
                .send_keys(ALICE)
                .await?;
            browser
                .wait_for(&id(dom_ids::SIGN_IN_REQUEST))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::SIGN_IN_CODE_SENT), ALICE)
                .await?;
            let mail = sign_in_mail(&relais, ALICE).await?;
            crate::accounts::type_code(&browser, &mail.code).await?;

            browser
                .wait_for_text(&id(dom_ids::PAGE_TITLE), "Réserver un poste")
                .await?;
            wait_for_query(&browser, &query).await?;
            let mende_value = mende.to_string();
            wait_for_fields(&browser, [&day, "day", "desk", &mende_value]).await?;
            browser
                .wait_for(&format!(
                    "{}[data-date='{day}'] li",
                    id(dom_ids::BOOK_RESULTS)
                ))
                .await?;
            browser.wait_for(&id(dom_ids::NAV_PROFILE)).await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn on_a_phone_the_menu_folds_away_and_the_confirm_button_shows() {
    browser_test(
        "on_a_phone_the_menu_folds_away_and_the_confirm_button_shows",
        |browser, relais| async move {
            browser.resize((360, 740)).await?;
            sign_in(&browser, &relais, ALICE).await?;
            let day = search_next_monday_morning(&browser, &relais).await?;
            let header = browser
                .eval("return document.querySelector('header.site-header').getBoundingClientRect().height")
                .await?;
            let header = header.as_f64().unwrap_or(f64::MAX);
            ensure!(header <= 120.0, "the header takes {header}px of 740");
            ensure!(
                !browser.wait_for(&id(dom_ids::NAV_PROFILE)).await?.is_displayed().await?,
                "the links wait behind 'Menu'"
            );
            browser.assert_no_horizontal_scroll().await?;
            browser.assert_accessible().await?;

            let menu = by_role(&browser, "button", "Menu").await?;
            ensure!(
                menu.attr("aria-controls").await?.as_deref() == Some(dom_ids::NAV_LIST),
                "'Menu' says which list it opens"
            );
            wait_for_attribute(&menu, "aria-expanded", "false").await?;
            menu.click().await?;
            wait_for_attribute(&menu, "aria-expanded", "true").await?;
            by_role(&browser, "link", "Mes réservations").await?;
            by_role(&browser, "link", "Mon profil").await?;
            browser.assert_no_horizontal_scroll().await?;
            browser.assert_accessible().await?;
            // Following a link closes the menu; the search stays in the address.
            by_role(&browser, "link", "Réserver").await?.click().await?;
            wait_for_attribute(&menu, "aria-expanded", "false").await?;
            let query = book_query(&day, DayPart::Morning, ResourceKind::Desk, None);
            wait_for_query(&browser, &query).await?;

            // After choosing a desk, the confirmation and its button are on screen.
            browser
                .wait_for(&format!("{}[data-date='{day}'] li", id(dom_ids::BOOK_RESULTS)))
                .await?;
            choose_mende(&browser).await?;
            browser.wait_for_focus(dom_ids::BOOK_CONFIRM_PANEL).await?;
            browser.wait_for(&id(dom_ids::BOOK_QUOTA_PREVIEW)).await?;
            let script = format!(
                "const r = document.getElementById('{}').getBoundingClientRect();
                 return r.top >= 0 && r.bottom <= window.innerHeight
                   && r.left >= 0 && r.right <= window.innerWidth;",
                dom_ids::BOOK_CONFIRM
            );
            let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
            while browser.eval(&script).await? != json!(true) {
                ensure!(
                    tokio::time::Instant::now() < deadline,
                    "'Confirmer la réservation' is off the screen"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            browser.assert_no_horizontal_scroll().await?;
            browser.assert_accessible().await?;

            // The same name in English.
            browser
                .wait_for(&id(dom_ids::LANGUAGE_SWITCH))
                .await?
                .click()
                .await?;
            browser.wait_for_text(&id(dom_ids::PAGE_TITLE), "Book a desk").await?;
            by_role(&browser, "button", "Menu").await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn near_a_site_lists_it_first_then_the_others_by_distance() {
    browser_test(
        "near_a_site_lists_it_first_then_the_others_by_distance",
        |browser, relais| async move {
            browser.goto(&relais.url(BOOK_PAGE)).await?;
            let florac = crate::door::site_id(&browser, FLORAC).await?;
            type_next_monday_morning(&browser).await?;
            let label = browser
                .wait_for(&format!("label[for='{}']", dom_ids::BOOK_NEAR))
                .await?
                .text()
                .await?;
            ensure!(
                label.contains("les plus proches en premier"),
                "label: {label}"
            );
            let near = browser.wait_for(&id(dom_ids::BOOK_NEAR)).await?;
            ensure!(
                near.attr("aria-describedby").await?.as_deref() == Some(dom_ids::BOOK_NEAR_HINT),
                "the hint is read with the field"
            );
            browser
                .wait_for(&format!(
                    "{} option[value='{florac}']",
                    id(dom_ids::BOOK_NEAR)
                ))
                .await?
                .click()
                .await?;

            // Each result's name and place line, in the order shown.
            let script = format!(
                "return [...document.querySelectorAll('#{} > li')].map(li =>
                   [li.querySelector('h2').textContent.trim(),
                    li.querySelector('.site-place').textContent.trim()]);",
                dom_ids::BOOK_RESULTS
            );
            let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
            let results = loop {
                let results: Vec<(String, String)> = browser
                    .eval(&script)
                    .await?
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|pair| {
                        let part = |i: usize| pair[i].as_str().unwrap_or_default().to_owned();
                        (part(0), part(1))
                    })
                    .collect();
                let chosen_first = results.first().is_some_and(|(name, place)| {
                    name == FLORAC && place.contains("le lieu choisi")
                });
                if chosen_first {
                    break results;
                }
                ensure!(
                    tokio::time::Instant::now() < deadline,
                    "Florac never came first: {results:?}"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            };
            ensure!(results.len() >= 5, "{results:?}");
            let (_, first) = &results[0];
            ensure!(
                first.ends_with("le lieu choisi") && !first.contains("km"),
                "the chosen site: {first:?}"
            );
            // The others say how far they are, nearest first.
            let mut last = 0;
            for (name, place) in &results[1..] {
                let km: i64 = place
                    .rsplit_once("· à ")
                    .and_then(|(_, rest)| rest.strip_suffix(" km"))
                    .and_then(|km| km.parse().ok())
                    .with_context(|| format!("{name}: {place:?} says no distance"))?;
                ensure!(
                    km >= last,
                    "{name} at {km} km comes after {last} km: {results:?}"
                );
                last = km;
            }
            ensure!(last > 0, "{results:?}");
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}
