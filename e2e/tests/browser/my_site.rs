//! "Mon site" on a phone: a workplace in sections, not one long scroll. The
//! host of Mende starts on today (places taken, who is coming, who
//! cancelled, the live view and the poster), reaches each section by its
//! link, goes back with the browser's button, and lands on each section
//! from its own address.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use e2e::{Browser, browser_test};
use fantoccini::Locator;
use fantoccini::elements::Element;
use serde_json::json;
use shared::dom_ids::{self, item};
use shared::routes::{self, pages};

use crate::accounts::sign_in;
use crate::door::{MENDE, alice_books_mende_today, api, site_id};
use crate::id;

const HOST: &str = "host.mende@demo.relais";
const FLORAC: &str = "Le Relais de Florac";
/// The phone "Mon site" was measured on when it was one page.
const PHONE: (u32, u32) = (360, 740);
/// The accessible name of the links to the sections.
const SECTIONS_NAV: &str = "Parties de « Mon site »";

/// The sections: their address, the name of their link (and heading).
const SECTIONS: [(&str, &str); 6] = [
    (pages::MY_SITE, "Aujourd'hui"),
    (pages::MY_SITE_SETTINGS, "Réglages et horaires"),
    (pages::MY_SITE_SPACES, "Espaces"),
    (pages::MY_SITE_CLOSURES, "Fermetures"),
    (pages::MY_SITE_AGENDA, "Agenda"),
    (pages::MY_SITE_PEOPLE, "Personnes"),
];

/// Something only the section at `path` shows, for the site `site`.
fn mark_of(path: &str, site: i64) -> String {
    let prefix = match path {
        pages::MY_SITE_SETTINGS => dom_ids::SITE_SAVE,
        pages::MY_SITE_SPACES => dom_ids::RESOURCE_ADD,
        pages::MY_SITE_CLOSURES => dom_ids::CLOSURE_ADD,
        pages::MY_SITE_AGENDA => dom_ids::DAY_DATE,
        pages::MY_SITE_PEOPLE => dom_ids::ASSISTED_CREATE,
        _ => return id(dom_ids::MY_SITE_TAKEN),
    };
    id(&item(prefix, site))
}

/// The link called `name` in the navigation called "Parties de « Mon
/// site »", found as a screen reader names it: a link (`a` with an `href`,
/// or `role="link"`) whose `aria-label`, or else its text, is `name`.
async fn section_link(browser: &Browser, name: &str) -> Result<Element> {
    let named = format!(
        "[self::a[@href] or @role='link'][normalize-space(@aria-label)=\"{name}\" \
         or (not(@aria-label) and normalize-space()=\"{name}\")]"
    );
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(&format!(
            "//nav[@aria-label=\"{SECTIONS_NAV}\"]//*{named}"
        )))
        .await
        .with_context(|| format!("no link {name:?} among the sections of Mon site"))
}

/// Waits until the section shown is `name`: its heading, and its link the
/// only one marked as the current page.
async fn shows_section(browser: &Browser, name: &str) -> Result<()> {
    let heading = format!("{}-title", dom_ids::MY_SITE_SECTION);
    browser.wait_for_text(&id(&heading), name).await?;
    let current = section_link(browser, name)
        .await?
        .attr("aria-current")
        .await?;
    ensure!(
        current.as_deref() == Some("page"),
        "the link {name:?} is not marked as the current page: {current:?}"
    );
    let marked = format!("{} [aria-current='page']", id(dom_ids::MY_SITE_SECTIONS));
    ensure!(
        browser.count(&marked).await? == 1,
        "one section link only is the current page"
    );
    Ok(())
}

/// Follows the link of the section `name` and waits for that section.
pub(crate) async fn open_section(browser: &Browser, name: &str) -> Result<()> {
    section_link(browser, name).await?.click().await?;
    shows_section(browser, name).await
}

/// The address shown is `path?site={site}`.
async fn address_is(browser: &Browser, path: &str, site: i64) -> Result<()> {
    let url = browser.client.current_url().await?;
    let query = format!("site={site}");
    ensure!(
        url.path() == path && url.query() == Some(query.as_str()),
        "the address is {url}, not {path}?{query}"
    );
    Ok(())
}

#[tokio::test]
async fn the_host_starts_on_today_and_reaches_each_section_by_its_link_and_its_address() {
    browser_test(
        "the_host_starts_on_today_and_reaches_each_section_by_its_link_and_its_address",
        |browser, relais| async move {
            browser.resize(PHONE).await?;
            sign_in(&browser, &relais, HOST).await?;
            let mende = site_id(&browser, MENDE).await?;
            // Today at Mende: Alice's afternoon is cancelled, her morning stands.
            let afternoon = alice_books_mende_today(&browser, &relais, "14:00", "16:00").await?;
            let (status, answer) = api(
                &browser,
                "DELETE",
                &format!("{}/{afternoon}", routes::BOOKINGS),
                json!({ "reason": "Réunion déplacée" }),
            )
            .await?;
            ensure!(
                (200..300).contains(&status),
                "the host cancels: {status} {answer}"
            );
            alice_books_mende_today(&browser, &relais, "10:30", "12:30").await?;

            // "Mon site" opens on today.
            browser.goto(&relais.url(pages::MY_SITE)).await?;
            shows_section(&browser, "Aujourd'hui").await?;
            let taken = browser
                .wait_for_text(&id(dom_ids::MY_SITE_TAKEN), "occupée")
                .await?;
            ensure!(
                taken.contains("1 place sur 8 occupée aujourd'hui"),
                "one desk of eight is taken: {taken}"
            );
            let coming = browser
                .wait_for_text(&id(dom_ids::MY_SITE_COMING), "Alice Martin")
                .await?;
            ensure!(
                coming.contains("10:30–12:30") && coming.contains("attendu·e"),
                "Alice is expected this morning, not yet arrived: {coming}"
            );
            ensure!(
                !coming.contains("14:00"),
                "a cancelled booking is not expected: {coming}"
            );
            let cancelled = browser
                .wait_for_text(&id(dom_ids::MY_SITE_CANCELLED), "Alice Martin")
                .await?;
            ensure!(
                cancelled.contains("14:00–16:00"),
                "who cancelled: {cancelled}"
            );
            for (link, page) in [
                (dom_ids::MY_SITE_LIVE, pages::LIVE),
                (dom_ids::MY_SITE_POSTER, pages::POSTER),
            ] {
                let href = browser
                    .wait_for(&id(&item(link, mende)))
                    .await?
                    .attr("href")
                    .await?;
                ensure!(
                    href.as_deref() == Some(pages::of_site(page, mende).as_str()),
                    "{link} leads to {href:?}"
                );
            }
            ensure!(
                browser
                    .count(&mark_of(pages::MY_SITE_SETTINGS, mende))
                    .await?
                    == 0,
                "the settings are not on today"
            );
            let height = browser
                .eval("return document.documentElement.scrollHeight")
                .await?;
            ensure!(
                height.as_u64().is_some_and(|h| h < 3000),
                "today is a screenful or three, not a scroll: {height} px"
            );
            browser.assert_no_horizontal_scroll().await?;
            browser.assert_accessible().await?;

            // Each section by its link: its address, what it holds, the phone's width.
            for (path, name) in &SECTIONS[1..] {
                open_section(&browser, name).await?;
                address_is(&browser, path, mende).await?;
                browser.wait_for(&mark_of(path, mende)).await?;
                browser.assert_no_horizontal_scroll().await?;
            }
            // The browser's back button returns to the previous section.
            browser.client.back().await?;
            shows_section(&browser, "Agenda").await?;
            address_is(&browser, pages::MY_SITE_AGENDA, mende).await?;
            browser.client.back().await?;
            shows_section(&browser, "Fermetures").await?;
            address_is(&browser, pages::MY_SITE_CLOSURES, mende).await?;

            // Each section from its own address, the page loaded afresh.
            for (path, name) in SECTIONS {
                browser
                    .goto(&relais.url(&pages::of_site(path, mende)))
                    .await?;
                shows_section(&browser, name).await?;
                browser.wait_for(&mark_of(path, mende)).await?;
                browser.assert_no_horizontal_scroll().await?;
                browser.assert_accessible().await?;
            }
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn the_calendar_section_names_the_site_feed_and_the_fields_have_one_height() {
    browser_test(
        "the_calendar_section_names_the_site_feed_and_the_fields_have_one_height",
        |browser, relais| async move {
            browser.resize(PHONE).await?;
            sign_in(&browser, &relais, HOST).await?;
            let mende = site_id(&browser, MENDE).await?;

            // The site's feed says whose bookings it holds: the site's, not "yours".
            browser
                .goto(&relais.url(&pages::of_site(pages::MY_SITE_AGENDA, mende)))
                .await?;
            let feed = item(dom_ids::SITE_CALENDAR_URL, mende);
            browser.wait_for(&id(&feed)).await?;
            let label = browser
                .wait_for_text(&format!("label[for='{feed}']"), "du lieu")
                .await?;
            ensure!(
                label.contains("agenda des réservations du lieu") && !label.contains("votre"),
                "the site's feed is labelled as the site's: {label}"
            );
            browser.assert_accessible().await?;

            // The calendar's address, to import closures, is as tall as the other fields.
            browser
                .goto(&relais.url(&pages::of_site(pages::MY_SITE_CLOSURES, mende)))
                .await?;
            // The editor draws its fields once the closures are read.
            browser
                .wait_for(&id(&item(dom_ids::CLOSURE_URL, mende)))
                .await?;
            let heights = browser
                .client
                .execute(
                    "return Array.from(arguments).map(i => document.getElementById(i).getBoundingClientRect().height);",
                    vec![
                        json!(item(dom_ids::CLOSURE_URL, mende)),
                        json!(item(dom_ids::CLOSURE_REASON, mende)),
                    ],
                )
                .await?;
            let (url, reason) = (heights[0].as_f64(), heights[1].as_f64());
            ensure!(
                url.is_some_and(|h| h >= 44.0) && url == reason,
                "the calendar's address is {url:?} px high, the reason {reason:?} px"
            );
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn another_site_is_refused_and_the_live_view_and_poster_stay_pages_of_their_own() {
    browser_test(
        "another_site_is_refused_and_the_live_view_and_poster_stay_pages_of_their_own",
        |browser, relais| async move {
            browser.resize(PHONE).await?;
            sign_in(&browser, &relais, HOST).await?;
            let (mende, florac) = (
                site_id(&browser, MENDE).await?,
                site_id(&browser, FLORAC).await?,
            );

            browser
                .goto(&relais.url(&pages::of_site(pages::MY_SITE_SETTINGS, florac)))
                .await?;
            browser
                .wait_for_text(&id(dom_ids::ACCESS_REFUSED), "pas hôte de ce lieu")
                .await?;
            ensure!(
                browser
                    .count(&mark_of(pages::MY_SITE_SETTINGS, florac))
                    .await?
                    == 0,
                "no settings of a site the host does not run"
            );

            for (page, title) in [
                (pages::LIVE, "Vue en direct"),
                (pages::POSTER, "Affiche du jour"),
            ] {
                browser
                    .goto(&relais.url(&pages::of_site(page, mende)))
                    .await?;
                browser
                    .wait_for_text(&id(dom_ids::PAGE_TITLE), title)
                    .await?;
                ensure!(
                    browser.count(&id(dom_ids::MY_SITE_SECTIONS)).await? == 0,
                    "{page} is a page of its own, without the sections of Mon site"
                );
            }
            Ok((browser, relais))
        },
    )
    .await;
}
