//! Signing in by mail (code and link), the profile, a host's people without
//! e-mail, an administrator's API keys, signing out.

use anyhow::{Result, ensure};
use e2e::{Browser, Relais, browser_test, sign_in_mail};
use shared::dom_ids;
use shared::routes::pages;

use crate::id;

const ALICE: &str = "alice@demo.relais";
const HOST: &str = "host.mende@demo.relais";
const ADMIN: &str = "admin@demo.relais";

/// Opens the sign-in page and asks for a code for `address`.
pub(crate) async fn ask_for_code(browser: &Browser, relais: &Relais, address: &str) -> Result<()> {
    browser.goto(&relais.url(pages::SIGN_IN)).await?;
    browser
        .wait_for(&id(dom_ids::SIGN_IN_EMAIL))
        .await?
        .send_keys(address)
        .await?;
    browser
        .wait_for(&id(dom_ids::SIGN_IN_REQUEST))
        .await?
        .click()
        .await?;
    browser
        .wait_for_text(&id(dom_ids::SIGN_IN_CODE_SENT), address)
        .await?;
    Ok(())
}

/// Types `code` in the code field and presses "Se connecter".
pub(crate) async fn type_code(browser: &Browser, code: &str) -> Result<()> {
    browser
        .wait_for(&id(dom_ids::SIGN_IN_CODE))
        .await?
        .send_keys(code)
        .await?;
    browser
        .wait_for(&id(dom_ids::SIGN_IN_VERIFY))
        .await?
        .click()
        .await?;
    Ok(())
}

/// The whole code flow, ending on a signed-in page.
pub(crate) async fn sign_in(browser: &Browser, relais: &Relais, address: &str) -> Result<()> {
    ask_for_code(browser, relais, address).await?;
    let mail = sign_in_mail(relais, address).await?;
    type_code(browser, &mail.code).await?;
    browser.wait_for(&id(dom_ids::NAV_PROFILE)).await?;
    Ok(())
}

pub(crate) async fn sign_out(browser: &Browser) -> Result<()> {
    browser
        .wait_for(&id(dom_ids::SIGN_OUT))
        .await?
        .click()
        .await?;
    browser.wait_for(&id(dom_ids::NAV_SIGN_IN)).await?;
    Ok(())
}

#[tokio::test]
async fn alice_signs_in_with_the_code_from_the_mail() {
    browser_test(
        "alice_signs_in_with_the_code_from_the_mail",
        |browser, relais| async move {
            browser.goto(&relais.url(pages::SIGN_IN)).await?;
            browser.wait_for(&id(dom_ids::NAV_SIGN_IN)).await?;
            browser.wait_for(&id(dom_ids::SIGN_IN_EMAIL)).await?;
            browser.assert_accessible().await?;

            ask_for_code(&browser, &relais, ALICE).await?;
            let sent = browser
                .wait_for_text(&id(dom_ids::SIGN_IN_CODE_SENT), "6 chiffres")
                .await?;
            ensure!(sent.contains("valable 10 minutes"), "sent: {sent}");
            browser.wait_for_focus(dom_ids::SIGN_IN_CODE).await?;
            browser.assert_accessible().await?;

            let mail = sign_in_mail(&relais, ALICE).await?;
            // A locked phone shows the subject: the code stays in the body.
            ensure!(
                !mail.subject.contains(&mail.code),
                "the code is in the subject {:?}",
                mail.subject
            );
            type_code(&browser, &mail.code).await?;
            let nav = browser
                .wait_for_text(&id(dom_ids::NAV_PROFILE), "Mon profil")
                .await?;
            ensure!(nav == "Mon profil", "nav: {nav}");
            ensure!(
                browser.count(&id(dom_ids::NAV_SIGN_IN)).await? == 0,
                "no more 'Se connecter'"
            );
            ensure!(
                browser.count(&id(dom_ids::NAV_MY_SITE)).await? == 0
                    && browser.count(&id(dom_ids::NAV_ADMIN)).await? == 0,
                "alice neither hosts nor administers"
            );
            // The session is a cookie: it survives a reload.
            browser.goto(&relais.url("/")).await?;
            browser.wait_for(&id(dom_ids::NAV_PROFILE)).await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn the_mail_link_signs_in_only_after_a_press_of_the_button() {
    browser_test(
        "the_mail_link_signs_in_only_after_a_press_of_the_button",
        |browser, relais| async move {
            ask_for_code(&browser, &relais, ALICE).await?;
            let mail = sign_in_mail(&relais, ALICE).await?;
            browser.goto(&relais.url(&mail.link_path)).await?;
            browser
                .wait_for_text(&id(dom_ids::PAGE_TITLE), "Confirmez votre connexion")
                .await?;
            // Opening the link (as a mail scanner would) signs nobody in.
            browser.wait_for(&id(dom_ids::NAV_SIGN_IN)).await?;
            browser.assert_accessible().await?;
            let button = browser.wait_for(&id(dom_ids::SIGN_IN_LINK_CONFIRM)).await?;
            ensure!(button.text().await? == "Me connecter", "button text");
            button.click().await?;
            browser.wait_for(&id(dom_ids::NAV_PROFILE)).await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn a_link_without_its_token_explains_and_links_to_sign_in() {
    browser_test(
        "a_link_without_its_token_explains_and_links_to_sign_in",
        |browser, relais| async move {
            browser.goto(&relais.url(pages::SIGN_IN_LINK)).await?;
            browser
                .wait_for_text(&id(dom_ids::SIGN_IN_ERROR), "incomplet")
                .await?;
            ensure!(
                browser.count(&id(dom_ids::SIGN_IN_LINK_CONFIRM)).await? == 0,
                "no button without a token"
            );
            browser
                .wait_for(&format!("main a[href='{}']", pages::SIGN_IN))
                .await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn a_wrong_code_is_explained_in_an_alert() {
    browser_test(
        "a_wrong_code_is_explained_in_an_alert",
        |browser, relais| async move {
            ask_for_code(&browser, &relais, ALICE).await?;
            let mail = sign_in_mail(&relais, ALICE).await?;
            // The real code with its last digit changed: surely wrong.
            let mut wrong = mail.code.clone();
            let last = wrong.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
            wrong.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
            type_code(&browser, &wrong).await?;

            let alert = browser
                .wait_for_text(&id(dom_ids::SIGN_IN_ERROR), "Ce code n'est pas le bon")
                .await?;
            ensure!(
                alert == "Ce code n'est pas le bon. Vérifiez le dernier mail reçu.",
                "alert: {alert}"
            );
            let error = browser.wait_for(&id(dom_ids::SIGN_IN_ERROR)).await?;
            ensure!(
                error.attr("role").await?.as_deref() == Some("alert"),
                "role=alert"
            );
            let field = browser.wait_for(&id(dom_ids::SIGN_IN_CODE)).await?;
            let described = field.attr("aria-describedby").await?.unwrap_or_default();
            ensure!(
                described.contains(dom_ids::SIGN_IN_ERROR),
                "the field names its error: {described}"
            );
            ensure!(
                field.attr("aria-invalid").await?.as_deref() == Some("true"),
                "the field is marked invalid"
            );
            ensure!(
                browser.count(&id(dom_ids::NAV_PROFILE)).await? == 0,
                "still signed out"
            );
            browser.assert_accessible().await?;

            // The right code still works afterwards.
            field.clear().await?;
            type_code(&browser, &mail.code).await?;
            browser.wait_for(&id(dom_ids::NAV_PROFILE)).await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn profile_keeps_commune_and_situation() {
    browser_test(
        "profile_keeps_commune_and_situation",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            browser.goto(&relais.url(pages::PROFILE)).await?;
            let mende = format!("{} option[value='48095']", id(dom_ids::PROFILE_COMMUNE));
            let option = browser.wait_for(&mende).await?;
            ensure!(
                option.text().await? == "Mende (48000)",
                "option text: {}",
                option.text().await?
            );
            let options = browser
                .count(&format!("{} option", id(dom_ids::PROFILE_COMMUNE)))
                .await?;
            ensure!(
                options == 153,
                "{options} options: 152 communes and 'not in Lozère'"
            );
            let roles = browser
                .wait_for_text(&id(dom_ids::PROFILE_ROLES), "rôle")
                .await?;
            ensure!(roles.contains("Aucun rôle"), "roles: {roles}");
            browser.assert_accessible().await?;

            browser
                .wait_for(&id(dom_ids::PROFILE_COMMUNE))
                .await?
                .select_by_value("48095")
                .await?;
            let job_seeker = dom_ids::item(dom_ids::PROFILE_CATEGORY, "job_seeker");
            let checkbox = browser.wait_for(&id(&job_seeker)).await?;
            if !checkbox.is_selected().await? {
                // Through its label, as a person would.
                browser
                    .wait_for(&format!("label[for='{job_seeker}']"))
                    .await?
                    .click()
                    .await?;
            }
            ensure!(checkbox.is_selected().await?, "job seeker ticked");
            browser
                .wait_for(&id(dom_ids::PROFILE_SAVE))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::PROFILE_STATUS), "Enregistré")
                .await?;

            browser.goto(&relais.url(pages::PROFILE)).await?;
            browser.wait_for(&mende).await?;
            let commune = browser
                .eval(&format!(
                    "return document.getElementById('{}').value",
                    dom_ids::PROFILE_COMMUNE
                ))
                .await?;
            ensure!(commune == "48095", "commune after reload: {commune}");
            let checkbox = browser.wait_for(&id(&job_seeker)).await?;
            ensure!(checkbox.is_selected().await?, "job seeker kept");
            let label = browser
                .wait_for(&format!("label[for='{job_seeker}']"))
                .await?
                .text()
                .await?;
            ensure!(label == "Demandeur d'emploi", "label: {label}");

            browser.resize(e2e::browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn a_host_adds_a_person_without_email_and_alice_cannot() {
    browser_test(
        "a_host_adds_a_person_without_email_and_alice_cannot",
        |browser, relais| async move {
            sign_in(&browser, &relais, HOST).await?;
            browser
                .wait_for_text(&id(dom_ids::NAV_MY_SITE), "Mon site")
                .await?;
            browser
                .wait_for(&id(dom_ids::NAV_MY_SITE))
                .await?
                .click()
                .await?;
            // The page is the office build's: the host's site, its people.
            browser
                .wait_for_text("main .intro", "La Fabrique de Mende")
                .await?;
            crate::my_site::open_section(&browser, "Personnes").await?;
            browser
                .wait_for(&format!("[id^='{}-']", dom_ids::ASSISTED_LIST))
                .await?;
            let name = format!("input[id^='{}-']", dom_ids::ASSISTED_NAME);
            browser
                .wait_for(&name)
                .await?
                .send_keys("Jean Sans-Mail")
                .await?;
            browser
                .wait_for(&format!(
                    "select[id^='{}-'] option[value='48095']",
                    dom_ids::ASSISTED_COMMUNE
                ))
                .await?;
            browser
                .wait_for(&format!("select[id^='{}-']", dom_ids::ASSISTED_COMMUNE))
                .await?
                .select_by_value("48095")
                .await?;
            browser
                .wait_for(&format!("button[id^='{}-']", dom_ids::ASSISTED_CREATE))
                .await?
                .click()
                .await?;
            let list = browser
                .wait_for_text(
                    &format!("[id^='{}-']", dom_ids::ASSISTED_LIST),
                    "Jean Sans-Mail",
                )
                .await?;
            ensure!(list.contains("Mende"), "the list shows the commune: {list}");
            ensure!(list.contains("Sans e-mail"), "and no address: {list}");
            browser
                .wait_for_text(
                    &format!("[id^='{}-']", dom_ids::ASSISTED_STATUS),
                    "Jean Sans-Mail",
                )
                .await?;
            browser.assert_accessible().await?;

            sign_out(&browser).await?;
            sign_in(&browser, &relais, ALICE).await?;
            ensure!(
                browser.count(&id(dom_ids::NAV_MY_SITE)).await? == 0,
                "alice has no 'Mon site'"
            );
            browser.goto(&relais.url(pages::MY_SITE)).await?;
            browser
                .wait_for_text(&id(dom_ids::ACCESS_REFUSED), "réservée aux hôtes")
                .await?;
            ensure!(
                browser.count(&name).await? == 0,
                "alice sees no form of the host"
            );
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn an_administrator_creates_an_api_key_sees_it_once_and_revokes_it() {
    browser_test(
        "an_administrator_creates_an_api_key_sees_it_once_and_revokes_it",
        |browser, relais| async move {
            sign_in(&browser, &relais, ADMIN).await?;
            browser
                .wait_for(&id(dom_ids::NAV_ADMIN))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&id(dom_ids::API_KEY_NAME))
                .await?
                .send_keys("Porte de Mende")
                .await?;
            browser
                .wait_for(&format!(
                    "{} option:nth-child(2)",
                    id(dom_ids::API_KEY_SITE)
                ))
                .await?;
            browser
                .wait_for(&id(dom_ids::API_KEY_SITE))
                .await?
                .select_by_index(1)
                .await?;
            browser
                .wait_for(&id(dom_ids::API_KEY_CREATE))
                .await?
                .click()
                .await?;

            let shown = browser
                .wait_for_text(&id(dom_ids::API_KEY_NEW), "ne sera plus jamais affichée")
                .await?;
            ensure!(shown.contains("Porte de Mende"), "box: {shown}");
            let key = browser
                .wait_for(&id(dom_ids::API_KEY_NEW_VALUE))
                .await?
                .text()
                .await?;
            ensure!(key.len() >= 20, "the key is shown: {key:?}");
            browser.wait_for(&id(dom_ids::API_KEY_COPY)).await?;
            let list = browser
                .wait_for_text(&id(dom_ids::API_KEY_LIST), "Porte de Mende")
                .await?;
            ensure!(!list.contains(&key), "the list shows only the key's start");
            browser.assert_accessible().await?;

            // Once only: after a reload the key is nowhere on the page.
            browser.goto(&relais.url(pages::ADMIN)).await?;
            browser
                .wait_for_text(&id(dom_ids::API_KEY_LIST), "Porte de Mende")
                .await?;
            let page = browser.eval("return document.body.innerText").await?;
            ensure!(
                !page.as_str().unwrap_or_default().contains(&key),
                "the key is not shown again"
            );

            browser
                .wait_for(&format!("[id^='{}-']", dom_ids::API_KEY_REVOKE))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::API_KEY_LIST), "Révoquée")
                .await?;
            browser
                .wait_for_text(&id(dom_ids::API_KEY_STATUS), "Porte de Mende")
                .await?;
            browser
                .wait_until_gone(&format!("[id^='{}-']", dom_ids::API_KEY_REVOKE))
                .await?;
            browser.assert_accessible().await?;

            browser.resize(e2e::browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

#[tokio::test]
async fn signing_out_returns_to_the_signed_out_menu() {
    browser_test(
        "signing_out_returns_to_the_signed_out_menu",
        |browser, relais| async move {
            sign_in(&browser, &relais, ALICE).await?;
            sign_out(&browser).await?;
            ensure!(
                browser.count(&id(dom_ids::NAV_PROFILE)).await? == 0,
                "no 'Mon profil' any more"
            );
            let path = browser.eval("return location.pathname").await?;
            ensure!(path == "/", "back home, not {path}");
            // The server forgot the session too: a reload stays signed out.
            browser.goto(&relais.url(pages::PROFILE)).await?;
            browser
                .wait_for_text(&id(dom_ids::ACCESS_REFUSED), "Connectez-vous")
                .await?;
            browser.wait_for(&id(dom_ids::NAV_SIGN_IN)).await?;
            browser.assert_accessible().await?;
            Ok((browser, relais))
        },
    )
    .await;
}
