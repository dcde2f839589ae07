//! Usage statistics: the town hall of Mende reads the figures of its site
//! (the demo network's past year), changes the period, sees the chart and its
//! table and who came (by residence and situation), and downloads the
//! workbook; the host of Mende sees only their site.

use anyhow::{Result, ensure};
use e2e::{Browser, browser_sizes, browser_test};
use shared::dom_ids;

use crate::accounts::sign_in;
use crate::id;

const MAIRIE: &str = "mairie.mende@demo.relais";
const HOST: &str = "host.mende@demo.relais";
const MENDE: &str = "La Fabrique de Mende";

/// Follows the header's "Statistiques" link and waits for the site's line.
/// The page is in the office's build, which the server sends then: the app
/// for everyone does not carry it.
async fn open_page(browser: &Browser) -> Result<String> {
    let app = "return document.documentElement.dataset.app";
    ensure!(browser.eval(app).await? == "frontend");
    browser
        .wait_for(&id(dom_ids::NAV_STATISTICS))
        .await?
        .click()
        .await?;
    let table = browser
        .wait_for_text(&id(dom_ids::STATS_TABLE), MENDE)
        .await?;
    ensure!(browser.eval(app).await? == "office");
    Ok(table)
}

#[tokio::test]
async fn the_town_hall_reads_its_figures_and_downloads_the_workbook() {
    browser_test(
        "the_town_hall_reads_its_figures_and_downloads_the_workbook",
        |browser, relais| async move {
            sign_in(&browser, &relais, MAIRIE).await?;
            let table = open_page(&browser).await?;
            ensure!(
                !table.contains("Le Relais de Florac"),
                "only the sites of Mende: {table}"
            );
            let headline = browser
                .wait_for_text(&id(dom_ids::STATS_HEADLINE), "Heures réservées")
                .await?;
            ensure!(headline.contains("Taux d'occupation"), "{headline}");

            // A year: a bar and a line of the chart's table per month.
            browser
                .wait_for(&id(dom_ids::STATS_PERIOD))
                .await?
                .select_by_value(dom_ids::STATS_PERIOD_TWELVE_MONTHS)
                .await?;
            let months = format!("{} tbody tr", id(dom_ids::STATS_CHART_TABLE));
            let mut lines = 0;
            for _ in 0..50 {
                lines = browser.count(&months).await?;
                if lines >= 12 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            ensure!(lines == 12, "twelve months in the chart's table, not {lines}");
            let bars = format!("{} rect", id(dom_ids::STATS_CHART));
            ensure!(browser.count(&bars).await? == 12, "a bar per month");

            // Desks and meeting rooms apart.
            let kinds = browser
                .wait_for_text(&id(dom_ids::STATS_KINDS), "Postes de travail")
                .await?;
            ensure!(kinds.contains("Salles de réunion"), "{kinds}");

            // What the year cost on the free-access policy.
            let quotas = browser
                .wait_for_text(&id(dom_ids::STATS_QUOTAS), "Accès libre")
                .await?;
            ensure!(quotas.contains("jours"), "{quotas}");

            // The busiest days and hours, drawn and as a table.
            let heat = browser
                .wait_for_text(&id(dom_ids::STATS_HEAT_TABLE), "mar.")
                .await?;
            ensure!(heat.contains("9 h"), "{heat}");
            let cells = format!("{} rect", id(dom_ids::STATS_HEAT));
            ensure!(browser.count(&cells).await? >= 7 * 8, "a cell per day and hour");

            // Who came: by residence (Mende's EPCI first, with a number to
            // show over a year), by situation, and Mende's residents anywhere.
            let residence = browser
                .wait_for_text(&id(dom_ids::STATS_RESIDENCE), "CC Coeur de Lozère")
                .await?;
            ensure!(residence.contains("Mende"), "{residence}");
            let epci_bars = format!("{} rect", id(dom_ids::STATS_RESIDENCE_CHART));
            ensure!(browser.count(&epci_bars).await? >= 1, "a bar per EPCI");
            let situations = browser
                .wait_for_text(&id(dom_ids::STATS_SITUATIONS), "Étudiant")
                .await?;
            ensure!(situations.contains("Demandeur d'emploi"), "{situations}");
            let page = browser.wait_for_text("main", "Habitants de Mende").await?;
            ensure!(page.contains("Nouvelles personnes"), "the headline counts new people");
            browser.assert_accessible().await?;

            // The students, then the residents of Mende instead (one filter
            // at a time: the other list goes back to "all"): the page says a
            // filter is on, and the files carry it.
            browser
                .wait_for(&id(dom_ids::STATS_CATEGORY))
                .await?
                .select_by_value("student")
                .await?;
            browser
                .wait_for(&format!("{} option[value='commune:48095']", id(dom_ids::STATS_LIVING)))
                .await?;
            browser
                .wait_for(&id(dom_ids::STATS_LIVING))
                .await?
                .select_by_value("commune:48095")
                .await?;
            browser
                .wait_for_text(&id(dom_ids::STATS_FILTER_NOTE), "Filtre actif")
                .await?;
            let link = id(&dom_ids::item(dom_ids::STATS_DOWNLOAD, "csv"));
            let mut href = String::new();
            for _ in 0..50 {
                let answer = browser
                    .eval(&format!("return document.querySelector(\"{link}\").href;"))
                    .await?;
                href = answer.as_str().unwrap_or_default().to_owned();
                if href.contains("commune=48095") && !href.contains("category=") {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            ensure!(
                href.contains("commune=48095") && !href.contains("category="),
                "the files follow the filter: {href}"
            );
            let category = browser
                .eval(&format!(
                    "return document.querySelector(\"{}\").value;",
                    id(dom_ids::STATS_CATEGORY)
                ))
                .await?;
            ensure!(category == "", "one filter at a time: {category}");
            browser.wait_for_text(&id(dom_ids::STATS_TABLE), MENDE).await?;
            browser.assert_accessible().await?;
            for filter in [dom_ids::STATS_CATEGORY, dom_ids::STATS_LIVING] {
                browser
                    .wait_for(&id(filter))
                    .await?
                    .select_by_value("")
                    .await?;
            }

            // Last month beside the month before it.
            browser
                .wait_for(&id(dom_ids::STATS_PERIOD))
                .await?
                .select_by_value("month")
                .await?;
            browser
                .wait_for(&id(dom_ids::STATS_COMPARE))
                .await?
                .select_by_value(dom_ids::STATS_COMPARE_PREVIOUS)
                .await?;
            let comparison = browser
                .wait_for_text(&id(dom_ids::STATS_COMPARISON), "Évolution")
                .await?;
            ensure!(comparison.contains("Réservations"), "{comparison}");
            ensure!(comparison.contains('%'), "a change in percent: {comparison}");
            browser.assert_accessible().await?;

            // The workbook the link gives is an Excel file.
            let link = id(&dom_ids::item(dom_ids::STATS_DOWNLOAD, "xlsx"));
            browser.wait_for(&link).await?;
            let answer = browser
                .eval(&format!(
                    "return fetch(document.querySelector(\"{link}\").href)
                        .then(r => [r.status, r.headers.get('content-type'), r.headers.get('content-disposition')]);"
                ))
                .await?;
            ensure!(answer[0] == 200, "the workbook is served: {answer}");
            ensure!(
                answer[1] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "{answer}"
            );
            ensure!(
                answer[2].as_str().is_some_and(|d| d.contains(".xlsx")),
                "{answer}"
            );

            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            browser.resize(browser_sizes::DESKTOP).await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn a_host_sees_the_figures_of_their_own_site_only() {
    browser_test(
        "a_host_sees_the_figures_of_their_own_site_only",
        |browser, relais| async move {
            sign_in(&browser, &relais, HOST).await?;
            // A link the app's router follows itself (not the header's,
            // which the app for everyone leaves to the browser): the app
            // without the page loads it from the server, in the office build.
            browser
                .eval(
                    "const a = document.createElement('a'); \
                     a.href = '/statistiques?from=2026-01-01#x'; a.id = 'in-app'; a.textContent = 'x'; \
                     document.querySelector('main').append(a); return true",
                )
                .await?;
            browser.wait_for("#in-app").await?.click().await?;
            browser
                .wait_for_text(&id(dom_ids::STATS_TABLE), MENDE)
                .await?;
            let at = browser
                .eval("return [document.documentElement.dataset.app, location.pathname]")
                .await?;
            ensure!(at == serde_json::json!(["office", "/statistiques"]), "{at}");
            browser.goto(&relais.url("/")).await?;
            open_page(&browser).await?;
            let options = format!("{} option", id(dom_ids::STATS_SITE));
            ensure!(
                browser.count(&options).await? == 2,
                "every site of mine, and Mende"
            );
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}
