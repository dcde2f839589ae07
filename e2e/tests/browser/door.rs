//! Door access: the host's live view (a booking shows up without a reload,
//! an arrival is noted, someone is booked at the desk), who may not watch
//! it, and a person's pass (QR code, PIN, printed alone on its page).

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use e2e::{Browser, Relais, browser_sizes, browser_test, sign_in_mail_after};
use serde_json::{Value, json};
use shared::dom_ids::{self, item};
use shared::routes::pages;

use crate::accounts::sign_in;
use crate::id;

const ALICE: &str = "alice@demo.relais";
const HOST: &str = "host.mende@demo.relais";
pub(crate) const MENDE: &str = "La Fabrique de Mende";
const FLORAC: &str = "Le Relais de Florac";
const WALK_IN: &str = "Jean Sans-Mail";

/// Calls the API from the page, with the browser's session cookie: the
/// status and the JSON answer.
pub(crate) async fn api(
    browser: &Browser,
    method: &str,
    path: &str,
    body: Value,
) -> Result<(u64, Value)> {
    let answer = browser
        .client
        .execute_async(
            "const [method, path, body, done] = arguments;
             const init = { method, headers: { 'Content-Type': 'application/json',
                                               'Accept': 'application/json' } };
             if (body !== null) init.body = JSON.stringify(body);
             fetch(path, init).then(async r => done([r.status, await r.json().catch(() => null)]),
                                    e => done([0, String(e)]));",
            vec![json!(method), json!(path), body],
        )
        .await?;
    Ok((answer[0].as_u64().unwrap_or(0), answer[1].clone()))
}

/// The id of the site called `name`.
pub(crate) async fn site_id(browser: &Browser, name: &str) -> Result<i64> {
    let (_, sites) = api(browser, "GET", shared::routes::SITES, Value::Null).await?;
    sites
        .as_array()
        .context("the sites")?
        .iter()
        .find(|s| s["name"] == name)
        .and_then(|s| s["id"].as_i64())
        .with_context(|| format!("no site called {name}"))
}

/// The status of `GET path` (a stream is not read: only its first answer).
async fn status_of(browser: &Browser, path: &str) -> Result<u64> {
    let status = browser
        .client
        .execute_async(
            "const [path, done] = arguments;
             const stop = new AbortController();
             fetch(path, { headers: { 'Accept': 'text/event-stream' }, signal: stop.signal })
               .then(r => { stop.abort(); done(r.status); }, e => done(String(e)));",
            vec![json!(path)],
        )
        .await?;
    status
        .as_u64()
        .with_context(|| format!("GET {path}: {status}"))
}

/// Alice books the first desk of Mende today (the test clock's day, in
/// Paris) from `from` to `to` ("10:30"), with a session of her own: the
/// browser's cookie stays the host's. Returns the booking's id.
pub(crate) async fn alice_books_mende_today(
    browser: &Browser,
    relais: &Relais,
    from: &str,
    to: &str,
) -> Result<i64> {
    // Her mails from before (a booking's) are not the code's.
    let before = std::time::SystemTime::now();
    let asked = browser
        .client
        .execute_async(
            "const [email, done] = arguments;
             fetch('/api/v1/auth/request', { method: 'POST', credentials: 'omit',
                 headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) })
               .then(r => done(r.status), e => done(String(e)));",
            vec![json!(ALICE)],
        )
        .await?;
    ensure!(asked == 202, "code request: {asked}");
    let mail = sign_in_mail_after(relais, ALICE, before).await?;
    let day = e2e::clock::TODAY.to_string();
    let answer = browser
        .client
        .execute_async(
            "const [email, code, day, from, to, done] = arguments;
             const json = { 'Content-Type': 'application/json' };
             (async () => {
               const session = await (await fetch('/api/v1/auth/verify', { method: 'POST',
                 credentials: 'omit', headers: json, body: JSON.stringify({ email, code }) })).json();
               const sites = await (await fetch('/api/v1/sites')).json();
               const mende = sites.find(s => s.name === 'La Fabrique de Mende');
               const desk = mende.resources.find(r => r.kind === 'desk');
               const zone = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris',
                   timeZoneName: 'longOffset' }).formatToParts(new Date(day + 'T12:00:00Z'))
                 .find(p => p.type === 'timeZoneName').value.replace('GMT', '') || '+00:00';
               const response = await fetch('/api/v1/bookings', { method: 'POST', credentials: 'omit',
                 headers: { ...json, Authorization: 'Bearer ' + session.token },
                 body: JSON.stringify({ resource_id: desk.id, start: day + 'T' + from + ':00' + zone,
                                        end: day + 'T' + to + ':00' + zone }) });
               return [response.status, await response.json()];
             })().then(done, e => done([0, String(e)]));",
            vec![json!(ALICE), json!(mail.code), json!(day), json!(from), json!(to)],
        )
        .await?;
    ensure!(answer[0] == 201, "alice's booking today: {answer}");
    answer[1]["id"].as_i64().context("the booking's id")
}

/// Types `value` in the field `dom_id`, emptied first.
async fn type_in(browser: &Browser, dom_id: &str, value: &str) -> Result<()> {
    let field = browser.wait_for(&id(dom_id)).await?;
    field.clear().await?;
    field.send_keys(value).await?;
    Ok(())
}

/// Waits at most `limit` for `css` to appear, without the harness's long wait.
async fn appears_within(browser: &Browser, css: &str, limit: Duration) -> Result<Duration> {
    let started = tokio::time::Instant::now();
    loop {
        if browser.count(css).await? > 0 {
            return Ok(started.elapsed());
        }
        ensure!(
            started.elapsed() < limit,
            "{css} did not appear within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_host_sees_a_booking_arrive_live_notes_the_arrival_and_books_at_the_desk() {
    browser_test(
        "the_host_sees_a_booking_arrive_live_notes_the_arrival_and_books_at_the_desk",
        |browser, relais| async move {
            sign_in(&browser, &relais, HOST).await?;
            let mende = site_id(&browser, MENDE).await?;
            let (status, jean) = api(
                &browser,
                "POST",
                &shared::routes::fill(
                    shared::routes::ASSISTED_PEOPLE,
                    &[("site_id", &mende.to_string())],
                ),
                json!({ "display_name": WALK_IN }),
            )
            .await?;
            ensure!(status == 201, "the assisted person: {status} {jean}");
            let jean = jean["id"].as_i64().context("Jean's id")?;

            // The pass opens an hour early: alice's 10:30 booking may be checked in at 10:00.
            browser
                .wait_for(&id(dom_ids::NAV_MY_SITE))
                .await?
                .click()
                .await?;
            crate::my_site::open_section(&browser, "Réglages et horaires").await?;
            type_in(&browser, &item(dom_ids::SITE_PASS_MARGIN, mende), "60").await?;
            browser
                .wait_for(&id(&item(dom_ids::SITE_SAVE, mende)))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(&item(dom_ids::SITE_STATUS, mende)), "Enregistré")
                .await?;
            let (_, saved) = api(
                &browser,
                "GET",
                &format!("/api/v1/sites/{mende}"),
                Value::Null,
            )
            .await?;
            ensure!(
                saved["door"]["pass_margin_minutes"] == 60,
                "door: {}",
                saved["door"]
            );

            // The live view is a link of today's section.
            crate::my_site::open_section(&browser, "Aujourd'hui").await?;
            browser
                .wait_for(&id(&item(dom_ids::MY_SITE_LIVE, mende)))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&format!("{} li", id(dom_ids::LIVE_BOARD)))
                .await?;
            browser
                .wait_for_text(&id(dom_ids::LIVE_STATUS), "En direct")
                .await?;
            let status = browser
                .wait_for(&id(dom_ids::LIVE_STATUS))
                .await?
                .attr("role")
                .await?;
            ensure!(
                status.as_deref() == Some("status"),
                "the status line is a live region"
            );
            browser.assert_accessible().await?;

            // A booking made elsewhere shows up within two seconds, on the same page.
            browser
                .eval("window.relaisSamePage = true; return true")
                .await?;
            let booking = alice_books_mende_today(&browser, &relais, "10:30", "12:30").await?;
            let row = id(&item(dom_ids::LIVE_BOOKING, booking));
            let took = appears_within(&browser, &row, Duration::from_secs(2)).await?;
            ensure!(
                browser
                    .eval("return window.relaisSamePage === true")
                    .await?
                    == true,
                "the page was loaded again"
            );
            let text = browser.wait_for_text(&row, "Alice Martin").await?;
            ensure!(
                text.contains("10:30–12:30") && text.contains("attendu·e"),
                "alice's row after {took:?}: {text}"
            );

            // Alice has arrived.
            browser
                .wait_for(&id(&item(dom_ids::LIVE_CHECK_IN, booking)))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::LIVE_DONE), "Arrivée de Alice Martin notée")
                .await?;
            browser.wait_for_text(&row, "arrivé·e").await?;
            browser
                .wait_for(&id(&item(dom_ids::LIVE_CHECK_OUT, booking)))
                .await?;
            browser
                .wait_for_text(&id(dom_ids::LIVE_LOG), "Alice Martin")
                .await?;
            browser.assert_accessible().await?;

            // Jean comes in without a booking: the host books him a free space.
            browser
                .wait_for(&format!(
                    "{} option[value='{jean}']",
                    id(dom_ids::WALK_IN_PERSON)
                ))
                .await?;
            browser
                .wait_for(&id(dom_ids::WALK_IN_PERSON))
                .await?
                .select_by_value(&jean.to_string())
                .await?;
            browser
                .wait_for(&id(dom_ids::WALK_IN_BOOK))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(
                    &id(dom_ids::WALK_IN_STATUS),
                    &format!("Réservé pour {WALK_IN}"),
                )
                .await?;
            browser
                .wait_for_text(&id(dom_ids::LIVE_BOARD), WALK_IN)
                .await?;
            browser.assert_accessible().await?;

            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn only_the_sites_hosts_watch_its_live_board() {
    browser_test(
        "only_the_sites_hosts_watch_its_live_board",
        |browser, relais| async move {
            // A teleworker.
            sign_in(&browser, &relais, ALICE).await?;
            let mende = site_id(&browser, MENDE).await?;
            for path in [
                format!("/api/v1/sites/{mende}/live"),
                format!("/api/v1/sites/{mende}/board"),
            ] {
                let status = status_of(&browser, &path).await?;
                ensure!(matches!(status, 403 | 404), "alice, GET {path}: {status}");
            }
            browser
                .goto(&relais.url(&pages::of_site(pages::LIVE, mende)))
                .await?;
            browser
                .wait_for_text(&id(dom_ids::ACCESS_REFUSED), "réservée aux hôtes")
                .await?;
            ensure!(
                browser.count(&id(dom_ids::LIVE_BOARD)).await? == 0,
                "no board for alice"
            );

            // The host of another site.
            browser.client.delete_all_cookies().await?;
            sign_in(&browser, &relais, HOST).await?;
            let florac = site_id(&browser, FLORAC).await?;
            let status = status_of(&browser, &format!("/api/v1/sites/{florac}/live")).await?;
            ensure!(
                matches!(status, 403 | 404),
                "Mende's host, Florac's stream: {status}"
            );
            browser
                .goto(&relais.url(&pages::of_site(pages::LIVE, florac)))
                .await?;
            browser
                .wait_for_text(&id(dom_ids::ACCESS_REFUSED), "pas hôte de ce lieu")
                .await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

/// Alice books the first desk of Mende next Monday morning, with her own
/// session (the browser's). Returns the booking's id.
pub(crate) async fn alice_books_next_monday(browser: &Browser) -> Result<i64> {
    let monday = e2e::clock::next_monday();
    let (_, sites) = api(browser, "GET", shared::routes::SITES, Value::Null).await?;
    let desk = sites
        .as_array()
        .context("the sites")?
        .iter()
        .find(|s| s["name"] == MENDE)
        .and_then(|s| {
            s["resources"]
                .as_array()?
                .iter()
                .find(|r| r["kind"] == "desk")
        })
        .and_then(|r| r["id"].as_i64())
        .context("a desk at Mende")?;
    // Mid-January: Paris is an hour ahead of UTC.
    let (status, booking) = api(
        browser,
        "POST",
        shared::routes::BOOKINGS,
        json!({ "resource_id": desk, "start": format!("{monday}T08:30:00+01:00"),
                "end": format!("{monday}T12:30:00+01:00") }),
    )
    .await?;
    ensure!(status == 201, "alice's Monday: {status} {booking}");
    booking["id"].as_i64().context("the booking's id")
}

#[tokio::test]
async fn alice_opens_her_pass_from_her_bookings_and_prints_it_alone() {
    browser_test(
        "alice_opens_her_pass_from_her_bookings_and_prints_it_alone",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            let booking = alice_books_next_monday(&browser).await?;
            browser.goto(&relais.url(pages::MY_BOOKINGS)).await?;
            let link = browser
                .wait_for(&id(&item(dom_ids::BOOKING_PASS, booking)))
                .await?;
            // With a booking to come, the pass's build is fetched ahead,
            // while the link is idle.
            let prefetched = "return performance.getEntriesByType('resource')\
                 .some(e => e.name.endsWith('/account_bg.wasm'))";
            let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
            while browser.eval(prefetched).await? != true {
                ensure!(
                    tokio::time::Instant::now() < deadline,
                    "the account build was not prefetched"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let name = link.attr("aria-label").await?.unwrap_or_default();
            ensure!(
                name.starts_with("Mon pass, lundi") && name.contains("08:30–12:30"),
                "the link names its booking: {name}"
            );
            link.click().await?;

            // The QR code (an SVG from the server, named for screen readers) and the PIN.
            browser
                .wait_for(&format!("{} svg", id(dom_ids::PASS_QR)))
                .await?;
            // The pass is a page of the account build, which the server sent.
            let app = browser
                .eval("return document.documentElement.dataset.app")
                .await?;
            ensure!(app == "account", "the pass came with the {app} build");
            let qr = browser.wait_for(&id(dom_ids::PASS_QR)).await?;
            ensure!(
                qr.attr("role").await?.as_deref() == Some("img"),
                "the QR code is an image"
            );
            ensure!(
                qr.attr("aria-label")
                    .await?
                    .is_some_and(|l| l.contains("QR")),
                "the QR code has a name"
            );
            let pin = browser
                .wait_for(&id(dom_ids::PASS_PIN))
                .await?
                .text()
                .await?;
            let digits: String = pin.chars().filter(char::is_ascii_digit).collect();
            ensure!(
                digits.len() == shared::api::PIN_DIGITS && pin.chars().any(char::is_whitespace),
                "a spaced 6-digit PIN: {pin:?}"
            );
            let card = browser.wait_for_text(&id(dom_ids::PASS), MENDE).await?;
            ensure!(
                card.contains("Code") && card.contains("lundi") && card.contains("08:30–12:30"),
                "the pass: {card}"
            );
            browser.assert_accessible().await?;

            // Monday is days away: too early to say she has arrived.
            browser
                .wait_for(&id(dom_ids::PASS_CHECK_IN))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::PASS_ERROR), "trop tôt")
                .await?;
            browser.wait_for_focus(dom_ids::PASS_ERROR).await?;

            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            browser.assert_accessible().await?;

            // Printed: the pass alone, its QR code at least 5 cm wide.
            browser.emulate_media("print").await?;
            let shown = |css: &str| {
                format!("return document.querySelector({css:?}).getClientRects().length > 0")
            };
            ensure!(
                browser.eval(&shown(".site-header nav")).await? == false,
                "the navigation does not print"
            );
            ensure!(
                browser.eval(&shown(&id(dom_ids::PASS_PRINT))).await? == false,
                "the buttons do not print"
            );
            ensure!(
                browser.eval(&shown(&id(dom_ids::PASS))).await? == true,
                "the pass prints"
            );
            let width = browser
                .eval(&format!(
                    "return document.querySelector('{} svg').getBoundingClientRect().width",
                    id(dom_ids::PASS_QR)
                ))
                .await?;
            let five_cm = 5.0 * 96.0 / 2.54;
            ensure!(
                width.as_f64().is_some_and(|w| w >= five_cm),
                "the printed QR code is {width} px wide, under 5 cm"
            );
            browser.emulate_media("").await?;

            // The back button returns to her bookings (the app for
            // everyone), and the pass's own address opens it directly.
            browser.client.back().await?;
            browser
                .wait_for(&id(&item(dom_ids::BOOKING_PASS, booking)))
                .await?;
            ensure!(
                browser.eval("return location.pathname").await? == pages::MY_BOOKINGS,
                "back on her bookings"
            );
            browser.goto(&relais.url(&pages::pass(booking))).await?;
            browser.wait_for(&id(dom_ids::PASS_PIN)).await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn a_scanned_poster_signs_in_comes_back_and_explains_a_stale_code() {
    browser_test(
        "a_scanned_poster_signs_in_comes_back_and_explains_a_stale_code",
        |browser, relais| async move {
            crate::open_sites(&browser, &relais).await?;
            let mende = site_id(&browser, MENDE).await?;
            // Yesterday's poster, say: its code no longer checks anyone in.
            let scanned = format!("{}?site={mende}&code=hier", pages::CHECK_IN);
            browser.goto(&relais.url(&scanned)).await?;
            browser
                .wait_for_text(&id(dom_ids::CHECK_IN_SIGN_IN), "Connectez-vous")
                .await?;
            browser.assert_accessible().await?;
            browser
                .wait_for(&format!("{} a", id(dom_ids::CHECK_IN_SIGN_IN)))
                .await?
                .click()
                .await?;
            crate::accounts::ask_for_code(&browser, &relais, ALICE).await?;
            let mail = e2e::sign_in_mail(&relais, ALICE).await?;
            crate::accounts::type_code(&browser, &mail.code).await?;

            // Back on the very address the poster gave.
            browser.wait_for(&id(dom_ids::CHECK_IN_CONFIRM)).await?;
            let back = browser
                .eval("return location.pathname + location.search")
                .await?;
            ensure!(
                back == scanned.as_str(),
                "came back to {back}, not {scanned}"
            );
            browser.assert_accessible().await?;
            browser
                .wait_for(&id(dom_ids::CHECK_IN_CONFIRM))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::CHECK_IN_ERROR), "Ce code n'est plus valable")
                .await?;
            browser.wait_for_focus(dom_ids::CHECK_IN_ERROR).await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}
