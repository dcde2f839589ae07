//! Free-access quota policies: the network administrator sees "Accès libre",
//! creates a policy for job seekers and sees a wrong allowance refused; the
//! town hall of Mende sets one for its own site only.

use anyhow::{Result, ensure};
use e2e::{Browser, browser_sizes, browser_test};

use crate::accounts::sign_in;

const ADMIN: &str = "admin@demo.relais";
const MAIRIE: &str = "mairie.mende@demo.relais";
const ALICE: &str = "alice@demo.relais";
const PAGE: &str = shared::routes::pages::QUOTAS;
const MENDE: &str = "La Fabrique de Mende";

// The page's ids (frontend/src/pages/quota_policies.rs).

/// Follows the header's "Quotas" link and waits for the list.
async fn open_page(browser: &Browser) -> Result<()> {
    browser
        .wait_for(&crate::id(shared::dom_ids::NAV_QUOTAS))
        .await?
        .click()
        .await?;
    browser
        .wait_for_text(&crate::id(shared::dom_ids::QP_LIST), "Accès libre")
        .await?;
    Ok(())
}

async fn type_in(browser: &Browser, css: &str, keys: &str) -> Result<()> {
    let field = browser.wait_for(css).await?;
    field.clear().await?;
    field.send_keys(keys).await?;
    Ok(())
}

/// A new policy named `name` with `allowance` days a month, sent; the form
/// must answer with an error.
async fn refused_allowance(browser: &Browser, allowance: &str) -> Result<()> {
    type_in(
        browser,
        &crate::id(shared::dom_ids::QP_ALLOWANCE),
        allowance,
    )
    .await?;
    browser
        .wait_for(&crate::id(shared::dom_ids::QP_SAVE))
        .await?
        .click()
        .await?;
    let alert = browser
        .wait_for_text(&crate::id(shared::dom_ids::QP_FORM_ERROR), "de 1 à 10 000")
        .await?;
    ensure!(
        alert.contains("Illimité"),
        "the alert says how to leave it unlimited: {alert}"
    );
    let error = browser
        .wait_for(&crate::id(shared::dom_ids::QP_FORM_ERROR))
        .await?;
    ensure!(
        error.attr("role").await?.as_deref() == Some("alert"),
        "role=alert"
    );
    browser
        .wait_for_focus(shared::dom_ids::QP_FORM_ERROR)
        .await?;
    let field = browser
        .wait_for(&crate::id(shared::dom_ids::QP_ALLOWANCE))
        .await?;
    ensure!(
        field.attr("aria-invalid").await?.as_deref() == Some("true"),
        "the allowance is marked invalid"
    );
    ensure!(
        field
            .attr("aria-describedby")
            .await?
            .unwrap_or_default()
            .contains(shared::dom_ids::QP_FORM_ERROR),
        "the allowance names its error"
    );
    Ok(())
}

#[tokio::test]
async fn the_network_administrator_creates_a_policy_and_a_wrong_one_is_refused() {
    browser_test(
        "the_network_administrator_creates_a_policy_and_a_wrong_one_is_refused",
        |browser, relais| async move {
            sign_in(&browser, &relais, ADMIN).await?;
            open_page(&browser).await?;
            let list = browser
                .wait_for_text(&crate::id(shared::dom_ids::QP_LIST), "4 jours par mois")
                .await?;
            ensure!(
                list.contains("Tout le monde") && list.contains("Tout le réseau"),
                "Accès libre is for everyone, everywhere: {list}"
            );
            browser
                .wait_for_text(
                    "main",
                    "les règles pour des tiers-lieux précis passent avant",
                )
                .await?;
            browser.assert_accessible().await?;

            // A policy for job seekers, unlimited, counted per month.
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_NEW))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_EDITOR))
                .await?;
            browser.wait_for_focus(shared::dom_ids::QP_EDITOR).await?;
            browser.assert_accessible().await?;
            type_in(
                &browser,
                &crate::id(shared::dom_ids::QP_NAME),
                "Demandeurs d'emploi",
            )
            .await?;
            browser
                .wait_for(&crate::id(&shared::dom_ids::item(
                    shared::dom_ids::QP_CATEGORY,
                    "job_seeker",
                )))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_UNLIMITED))
                .await?
                .click()
                .await?;
            browser
                .wait_until_gone(&crate::id(shared::dom_ids::QP_ALLOWANCE))
                .await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_SAVE))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::QP_STATUS),
                    "« Demandeurs d'emploi » est créée",
                )
                .await?;
            browser.wait_for_focus(shared::dom_ids::QP_STATUS).await?;
            browser
                .wait_until_gone(&crate::id(shared::dom_ids::QP_EDITOR))
                .await?;
            let list = browser
                .wait_for_text(&crate::id(shared::dom_ids::QP_LIST), "Demandeurs d'emploi")
                .await?;
            ensure!(
                list.contains("catégories : Demandeur d'emploi") && list.contains("Illimité"),
                "the new policy in words: {list}"
            );

            // An allowance of 0, then of -2: refused before anything is sent.
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_NEW))
                .await?
                .click()
                .await?;
            type_in(&browser, &crate::id(shared::dom_ids::QP_NAME), "Trop peu").await?;
            refused_allowance(&browser, "0").await?;
            browser.assert_accessible().await?;
            refused_allowance(&browser, "-2").await?;

            // The form fits a phone.
            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            browser.resize(browser_sizes::DESKTOP).await?;

            browser
                .wait_for(&crate::id(shared::dom_ids::QP_CANCEL))
                .await?
                .click()
                .await?;
            browser
                .wait_until_gone(&crate::id(shared::dom_ids::QP_EDITOR))
                .await?;
            browser.wait_for_focus(shared::dom_ids::QP_NEW).await?;
            // Nothing was saved, even after a reload.
            browser.goto(&relais.url(PAGE)).await?;
            let list = browser
                .wait_for_text(&crate::id(shared::dom_ids::QP_LIST), "Demandeurs d'emploi")
                .await?;
            ensure!(!list.contains("Trop peu"), "the wrong policy is not saved");
            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn the_town_hall_of_mende_sets_a_policy_for_its_site_only() {
    browser_test(
        "the_town_hall_of_mende_sets_a_policy_for_its_site_only",
        |browser, relais| async move {
            sign_in(&browser, &relais, MAIRIE).await?;
            open_page(&browser).await?;
            // Accès libre belongs to the whole network: shown, not to be changed.
            let list = browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::QP_LIST),
                    "vous ne pouvez pas la modifier",
                )
                .await?;
            ensure!(list.contains("4 jours par mois"), "list: {list}");
            ensure!(
                browser.count("[id^='qp-edit-']").await? == 0,
                "no button to change the network's policy"
            );

            browser
                .wait_for(&crate::id(shared::dom_ids::QP_NEW))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_EDITOR))
                .await?;
            ensure!(
                browser
                    .count(&crate::id(shared::dom_ids::QP_WHOLE_NETWORK))
                    .await?
                    == 0,
                "no choice of the whole network"
            );
            let sites = browser
                .count(&format!(
                    "#{} input[id^='{}-']",
                    shared::dom_ids::QP_EDITOR,
                    shared::dom_ids::QP_SITE
                ))
                .await?;
            ensure!(sites == 1, "only Mende's site to tick, not {sites}");
            browser.assert_accessible().await?;
            type_in(
                &browser,
                &crate::id(shared::dom_ids::QP_NAME),
                "Mendois à la Fabrique",
            )
            .await?;
            // Without a site: explained.
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_SAVE))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::QP_FORM_ERROR),
                    "Cochez au moins un tiers-lieu",
                )
                .await?;
            // Residents of Mende, 2 half-days a week, at Mende's site.
            let commune = browser
                .wait_for(&crate::id(shared::dom_ids::QP_COMMUNE))
                .await?;
            commune.select_by_value("48095").await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_COMMUNE_ADD))
                .await?
                .click()
                .await?;
            browser
                .wait_for("button[aria-label='Retirer Mende']")
                .await?;
            browser
                .wait_for(&format!(
                    "#{} input[id^='{}-']",
                    shared::dom_ids::QP_EDITOR,
                    shared::dom_ids::QP_SITE
                ))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_MEASURE))
                .await?
                .select_by_value("1")
                .await?;
            type_in(&browser, &crate::id(shared::dom_ids::QP_ALLOWANCE), "2").await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_PERIOD))
                .await?
                .select_by_value("0")
                .await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_SAVE))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::QP_STATUS),
                    "« Mendois à la Fabrique » est créée",
                )
                .await?;
            let list = browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::QP_LIST),
                    "2 demi-journées par semaine",
                )
                .await?;
            ensure!(
                list.contains("Habitants de Mende") && list.contains(MENDE),
                "list: {list}"
            );
            ensure!(
                browser.count("[id^='qp-edit-']").await? == 1,
                "its own policy can be changed"
            );

            // A change is a new version.
            browser.wait_for("[id^='qp-edit-']").await?.click().await?;
            browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::QP_EDITOR),
                    "réservations faites à partir de maintenant",
                )
                .await?;
            type_in(&browser, &crate::id(shared::dom_ids::QP_ALLOWANCE), "3").await?;
            browser
                .wait_for(&crate::id(shared::dom_ids::QP_SAVE))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&crate::id(shared::dom_ids::QP_STATUS), "version 2")
                .await?;
            browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::QP_LIST),
                    "3 demi-journées par semaine",
                )
                .await?;

            // Retired after a confirmation.
            browser
                .wait_for("button[id^='qp-retire-']")
                .await?
                .click()
                .await?;
            browser
                .wait_for("button[id^='qp-retire-yes-']")
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::QP_STATUS),
                    "« Mendois à la Fabrique » est retirée",
                )
                .await?;
            let list = browser
                .wait_for_text(&crate::id(shared::dom_ids::QP_LIST), "Accès libre")
                .await?;
            ensure!(!list.contains("Mendois"), "retired: {list}");
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn a_person_without_a_role_is_told_the_page_is_for_administrators() {
    browser_test(
        "a_person_without_a_role_is_told_the_page_is_for_administrators",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            ensure!(
                browser
                    .count(&crate::id(shared::dom_ids::NAV_QUOTAS))
                    .await?
                    == 0,
                "no link for alice"
            );
            browser.goto(&relais.url(PAGE)).await?;
            browser
                .wait_for_text(
                    &crate::id(shared::dom_ids::ACCESS_REFUSED),
                    "réservée aux administrateurs",
                )
                .await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn the_town_hall_confirms_a_residents_situation_and_she_sees_it() {
    browser_test(
        "the_town_hall_confirms_a_residents_situation_and_she_sees_it",
        |browser, relais| async move {
            use shared::dom_ids;
            use shared::routes::pages;
            let checks = format!("#{}", dom_ids::PROFILE_CHECKS);
            // Alice declares she lives in Mende and looks for a job.
            sign_in(&browser, &relais, ALICE).await?;
            browser.goto(&relais.url(pages::PROFILE)).await?;
            browser
                .wait_for(&format!(
                    "#{} option[value='48095']",
                    dom_ids::PROFILE_COMMUNE
                ))
                .await?;
            browser
                .wait_for(&format!("#{}", dom_ids::PROFILE_COMMUNE))
                .await?
                .select_by_value("48095")
                .await?;
            let job_seeker = dom_ids::item(dom_ids::PROFILE_CATEGORY, "job_seeker");
            browser
                .wait_for(&format!("label[for='{job_seeker}']"))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&format!("#{}", dom_ids::PROFILE_SAVE))
                .await?
                .click()
                .await?;
            let state = browser
                .wait_for_text(&checks, "Demandeur d'emploi : déclaré, pas encore vérifié")
                .await?;
            ensure!(
                state.contains("période suivante"),
                "the change of commune is explained: {state}"
            );
            crate::accounts::sign_out(&browser).await?;

            // The town hall of Mende saw her France Travail certificate.
            sign_in(&browser, &relais, MAIRIE).await?;
            open_page(&browser).await?;
            let desk = format!("#{}", dom_ids::item(dom_ids::ELIGIBILITY, "territory"));
            browser.wait_for_text(&desk, "Alice Martin").await?;
            let confirm = format!(
                "{desk} button[id^='{}-territory-'][id$='-job_seeker']",
                dom_ids::ELIGIBILITY_CATEGORY
            );
            let button = browser.wait_for(&confirm).await?;
            let label = button.attr("aria-label").await?.unwrap_or_default();
            ensure!(
                label == "Confirmer « Demandeur d'emploi » pour Alice Martin",
                "the button says what and whom: {label}"
            );
            button.click().await?;
            browser
                .wait_for_text(
                    &format!(
                        "#{}",
                        dom_ids::item(dom_ids::ELIGIBILITY_STATUS, "territory")
                    ),
                    "Alice Martin : c'est enregistré.",
                )
                .await?;
            browser
                .wait_for_text(&confirm, "Annuler la vérification")
                .await?;
            let focused = browser
                .eval("return document.activeElement && document.activeElement.id")
                .await?;
            ensure!(
                focused.as_str().is_some_and(|f| f.ends_with("-job_seeker")),
                "the focus stays on the button: {focused}"
            );
            browser.assert_accessible().await?;
            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            browser.resize(browser_sizes::DESKTOP).await?;
            crate::accounts::sign_out(&browser).await?;

            // Alice's profile says so.
            sign_in(&browser, &relais, ALICE).await?;
            browser.goto(&relais.url(pages::PROFILE)).await?;
            browser
                .wait_for_text(&checks, "Demandeur d'emploi : vérifié.")
                .await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}
