//! Running the network and a site: an administrator creates a site (hours
//! with a lunch break, a desk) and sees a wrong setting refused; the host of
//! Mende, in the sections of "Mon site", cancels a booking from the day's
//! list, changes the grid and the hours, and adds and imports closures.

use anyhow::{Context, Result, ensure};
use e2e::{Browser, Relais, browser_sizes, browser_test, sign_in_mail};
use serde_json::{Value, json};
use shared::dom_ids::{self, item};
use shared::routes::pages;

use crate::accounts::sign_in;
use crate::id;

const ADMIN: &str = "admin@demo.relais";
const HOST: &str = "host.mende@demo.relais";
const ALICE: &str = "alice@demo.relais";
const NEW_SITE: &str = "L'Escale du Lot";

/// Types `keys` into the field `dom_id` (emptied first) and checks that it
/// then holds `expected`.
async fn type_in(browser: &Browser, dom_id: &str, keys: &str, expected: &str) -> Result<()> {
    let field = browser.wait_for(&id(dom_id)).await?;
    if field.attr("type").await?.as_deref() != Some("time") {
        field.clear().await?;
    }
    field.send_keys(keys).await?;
    let value = browser
        .eval(&format!("return document.getElementById('{dom_id}').value"))
        .await?;
    ensure!(
        value == expected,
        "typed {keys:?} in #{dom_id}, it holds {value}"
    );
    Ok(())
}

/// Types the time `hh_mm` ("08:00") in the time field `dom_id`, as a person
/// would in the browser's locale: with AM or PM where the clock has 12 hours.
async fn type_time(browser: &Browser, dom_id: &str, hh_mm: &str) -> Result<()> {
    let keys = browser
        .client
        .execute(
            "const [time] = arguments; const [h, m] = time.split(':').map(Number);
             const twelve = new Intl.DateTimeFormat(navigator.language, { hour: 'numeric' })
               .resolvedOptions().hour12;
             const two = n => String(n).padStart(2, '0');
             return twelve ? two(h % 12 || 12) + two(m) + (h < 12 ? 'A' : 'P') : two(h) + two(m);",
            vec![json!(hh_mm)],
        )
        .await?;
    type_in(browser, dom_id, keys.as_str().unwrap_or_default(), hh_mm).await
}

/// `GET path` from the page, as JSON.
async fn api_get(browser: &Browser, path: &str) -> Result<Value> {
    Ok(browser
        .client
        .execute_async(
            "const [path, done] = arguments;
             fetch(path).then(r => r.json()).then(done, e => done(String(e)));",
            vec![json!(path)],
        )
        .await?)
}

async fn site_named(browser: &Browser, name: &str) -> Result<Option<Value>> {
    let sites = api_get(browser, "/api/v1/sites").await?;
    Ok(sites
        .as_array()
        .context("the sites")?
        .iter()
        .find(|s| s["name"] == name)
        .cloned())
}

#[tokio::test]
async fn an_administrator_creates_a_site_with_a_lunch_break_and_a_desk() {
    browser_test(
        "an_administrator_creates_a_site_with_a_lunch_break_and_a_desk",
        |browser, relais| async move {
            sign_in(&browser, &relais, ADMIN).await?;
            browser
                .wait_for(&id(dom_ids::NAV_ADMIN))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::ADMIN_SITE_LIST), "La Fabrique de Mende")
                .await?;
            browser.assert_accessible().await?;

            browser
                .wait_for(&id(dom_ids::ADMIN_SITE_NEW))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::SITE_ADMIN), "Nouveau tiers-lieu")
                .await?;
            let new = |prefix: &str| item(prefix, "new");
            type_in(&browser, &new(dom_ids::SITE_NAME), NEW_SITE, NEW_SITE).await?;
            type_in(
                &browser,
                &new(dom_ids::SITE_ADDRESS),
                "4 quai du Lot",
                "4 quai du Lot",
            )
            .await?;
            browser
                .wait_for(&format!(
                    "{} option[value='48095']",
                    id(&new(dom_ids::SITE_COMMUNE))
                ))
                .await?;
            browser
                .wait_for(&id(&new(dom_ids::SITE_COMMUNE)))
                .await?
                .select_by_value("48095")
                .await?;
            type_in(&browser, &new(dom_ids::SITE_LATITUDE), "44,5150", "44,5150").await?;
            type_in(&browser, &new(dom_ids::SITE_LONGITUDE), "3.4950", "3.4950").await?;
            browser
                .wait_for(&format!(
                    "label[for='{}']",
                    item(dom_ids::SITE_AMENITY, "new-wifi")
                ))
                .await?
                .click()
                .await?;

            // A new site opens Monday to Friday: Saturday's times are hidden.
            let saturday_opens = browser
                .wait_for(&id(&item(dom_ids::SITE_OPENS, "new-6")))
                .await?;
            ensure!(
                !saturday_opens.is_displayed().await?,
                "a closed day hides its times"
            );
            // Monday: 09:00–12:00 and 14:00–18:00, but first a closing time before the opening.
            let monday = |prefix: &str| item(prefix, "new-1");
            browser
                .wait_for(&format!("label[for='{}']", monday(dom_ids::SITE_LUNCH)))
                .await?
                .click()
                .await?;
            browser
                .wait_for(&id(&monday(dom_ids::SITE_LUNCH_FROM)))
                .await?;
            type_time(&browser, &monday(dom_ids::SITE_CLOSES), "08:00").await?;
            browser.assert_accessible().await?;
            browser
                .wait_for(&id(&new(dom_ids::SITE_SAVE)))
                .await?
                .click()
                .await?;
            let alert = browser
                .wait_for_text(&id(&new(dom_ids::SITE_ERROR)), "Horaires non valables")
                .await?;
            ensure!(
                alert.contains("ferme après son ouverture"),
                "alert: {alert}"
            );
            browser.wait_for_focus(&new(dom_ids::SITE_ERROR)).await?;
            let closes = browser.wait_for(&id(&monday(dom_ids::SITE_CLOSES))).await?;
            ensure!(
                closes.attr("aria-invalid").await?.as_deref() == Some("true"),
                "the time field is marked invalid"
            );
            ensure!(
                site_named(&browser, NEW_SITE).await?.is_none(),
                "nothing was saved"
            );
            browser.assert_accessible().await?;
            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            browser.resize(browser_sizes::DESKTOP).await?;

            type_time(&browser, &monday(dom_ids::SITE_CLOSES), "18:00").await?;
            browser
                .wait_for(&id(&new(dom_ids::SITE_SAVE)))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(dom_ids::SITE_ADMIN), &format!("{NEW_SITE} est créé"))
                .await?;
            let site = site_named(&browser, NEW_SITE)
                .await?
                .context("the site is saved")?;
            let site_id = site["id"].as_i64().context("site id")?;
            let monday_hours: Vec<(String, String)> = site["opening_hours"]
                .as_array()
                .context("hours")?
                .iter()
                .filter(|p| p["weekday"] == 1)
                .map(|p| (p["opens"].to_string(), p["closes"].to_string()))
                .collect();
            ensure!(
                monday_hours
                    == [
                        ("\"09:00\"".into(), "\"12:00\"".into()),
                        ("\"14:00\"".into(), "\"18:00\"".into())
                    ],
                "Monday: {monday_hours:?}"
            );
            ensure!(
                site["amenities"] == json!(["wifi"]),
                "amenities {}",
                site["amenities"]
            );
            // The postcode, left empty, was taken from the commune.
            ensure!(site["postcode"] == "48000", "postcode {}", site["postcode"]);
            browser
                .wait_for_text(&id(dom_ids::ADMIN_SITE_LIST), NEW_SITE)
                .await?;

            // Its first desk.
            let name_field = item(dom_ids::RESOURCE_NEW_NAME, site_id);
            type_in(&browser, &name_field, "Poste fenêtre", "Poste fenêtre").await?;
            browser
                .wait_for(&id(&item(dom_ids::RESOURCE_ADD, site_id)))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(
                    &id(&item(dom_ids::RESOURCE_STATUS, site_id)),
                    "Poste fenêtre est ajouté",
                )
                .await?;
            browser
                .wait_for_text(&id(&item(dom_ids::RESOURCE_LIST, site_id)), "Poste fenêtre")
                .await?;
            browser.assert_accessible().await?;
            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;

            // Everyone sees it on the list of sites, with its desk.
            browser.goto(&relais.url(pages::HOME)).await?;
            let card = browser
                .wait_for_text(
                    &format!("article[aria-labelledby='site-{site_id}']"),
                    NEW_SITE,
                )
                .await?;
            ensure!(card.contains("1 poste de travail"), "card: {card}");
            Ok((browser, relais))
        },
    )
    .await;
}

/// Alice books the first desk of Mende on `day` from 08:30 to 12:30, through
/// the API with a session of her own (the browser's cookie stays the host's).
/// Returns (booking id, site id).
async fn alice_books_mende(browser: &Browser, relais: &Relais, day: &str) -> Result<(i64, i64)> {
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
    let mail = sign_in_mail(relais, ALICE).await?;
    let answer = browser
        .client
        .execute_async(
            "const [email, code, day, done] = arguments;
             const json = { 'Content-Type': 'application/json' };
             (async () => {
               const session = await (await fetch('/api/v1/auth/verify', { method: 'POST',
                 credentials: 'omit', headers: json, body: JSON.stringify({ email, code }) })).json();
               const sites = await (await fetch('/api/v1/sites')).json();
               const mende = sites.find(s => s.name === 'La Fabrique de Mende');
               const desk = mende.resources.find(r => r.kind === 'desk');
               // Paris's offset that day: +01:00 or +02:00.
               const zone = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris',
                   timeZoneName: 'longOffset' }).formatToParts(new Date(day + 'T12:00:00Z'))
                 .find(p => p.type === 'timeZoneName').value.replace('GMT', '') || '+00:00';
               const response = await fetch('/api/v1/bookings', { method: 'POST', credentials: 'omit',
                 headers: { ...json, Authorization: 'Bearer ' + session.token },
                 body: JSON.stringify({ resource_id: desk.id, start: day + 'T08:30:00' + zone,
                                        end: day + 'T12:30:00' + zone }) });
               const booking = await response.json();
               return [response.status, booking.id, mende.id];
             })().then(done, e => done(String(e)));",
            vec![json!(ALICE), json!(mail.code), json!(day)],
        )
        .await?;
    ensure!(answer[0] == 201, "alice's booking: {answer}");
    Ok((
        answer[1].as_i64().context("booking id")?,
        answer[2].as_i64().context("site id")?,
    ))
}

#[tokio::test]
async fn the_host_of_mende_runs_the_site_and_cancels_a_booking_with_a_reason() {
    browser_test(
        "the_host_of_mende_runs_the_site_and_cancels_a_booking_with_a_reason",
        |browser, relais| async move {
            browser.goto(&relais.url(pages::HOME)).await?;
            let monday = e2e::clock::next_monday();
            let (booking, site) = alice_books_mende(&browser, &relais, &monday).await?;

            sign_in(&browser, &relais, HOST).await?;
            browser.wait_for(&id(dom_ids::NAV_MY_SITE)).await?.click().await?;
            let at = |prefix: &str| item(prefix, site);

            // The day's bookings, in the site's agenda: alice's Monday morning.
            crate::my_site::open_section(&browser, "Agenda").await?;
            browser
                .wait_for(&format!("{}[data-date]", id(&at(dom_ids::DAY_LIST))))
                .await?;
            // A year still being typed ("0202" on the way to 2027) asks the
            // server nothing and keeps today's list.
            let today_list = format!(
                "{}[data-date='{}']",
                id(&at(dom_ids::DAY_LIST)),
                e2e::clock::TODAY
            );
            browser.wait_for(&today_list).await?;
            browser.set_date(&id(&at(dom_ids::DAY_DATE)), "0202-01-18").await?;
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            ensure!(
                browser.count(&today_list).await? == 1,
                "a half-typed year replaced today's list"
            );
            browser.set_date(&id(&at(dom_ids::DAY_DATE)), &monday).await?;
            let day_list = format!("{}[data-date='{monday}']", id(&at(dom_ids::DAY_LIST)));
            let entry = browser.wait_for_text(&day_list, "Alice Martin").await?;
            ensure!(entry.contains("08:30–12:30") && entry.contains("Confirmée"), "day: {entry}");
            browser.assert_accessible().await?;

            // Alice's booking, cancelled with a reason.
            browser
                .wait_for(&id(&item(dom_ids::DAY_CANCEL, booking)))
                .await?
                .click()
                .await?;
            let reason = item(dom_ids::DAY_CANCEL_REASON, booking);
            browser.wait_for(&id(&reason)).await?;
            browser.wait_for_focus(&reason).await?;
            browser.assert_accessible().await?;
            browser
                .wait_for(&id(&reason))
                .await?
                .send_keys("Dégât des eaux")
                .await?;
            browser
                .wait_for(&id(&item(dom_ids::DAY_CANCEL_YES, booking)))
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(&id(&at(dom_ids::DAY_STATUS)), "La réservation de Alice Martin est annulée")
                .await?;
            let entry = browser
                .wait_for_text(&id(&item(dom_ids::DAY_BOOKING, booking)), "Annulée")
                .await?;
            ensure!(entry.contains("Dégât des eaux"), "the reason is shown: {entry}");
            browser.assert_accessible().await?;

            // The settings: a 15-minute grid (the choices are in seconds), and Saturday until 12:15.
            crate::my_site::open_section(&browser, "Réglages et horaires").await?;
            browser
                .wait_for(&id(&at(dom_ids::SITE_SLOT)))
                .await?
                .select_by_value("900")
                .await?;
            let saturday_closes = item(dom_ids::SITE_CLOSES, format!("{site}-6"));
            browser
                .wait_for(&format!("{}[step='900']", id(&saturday_closes)))
                .await?;
            type_time(&browser, &saturday_closes, "12:15").await?;
            browser.wait_for(&id(&at(dom_ids::SITE_SAVE))).await?.click().await?;
            browser
                .wait_for_text(&id(&at(dom_ids::SITE_STATUS)), "Enregistré")
                .await?;
            let saved = api_get(&browser, &format!("/api/v1/sites/{site}")).await?;
            ensure!(saved["rules"]["slot_minutes"] == 15, "rules: {}", saved["rules"]);
            let saturday: Vec<&Value> = saved["opening_hours"]
                .as_array()
                .context("hours")?
                .iter()
                .filter(|p| p["weekday"] == 6)
                .collect();
            ensure!(
                saturday.len() == 1 && saturday[0]["closes"] == "12:15",
                "Saturday: {saturday:?}"
            );

            // A closure day, three weeks on, in the closures' section.
            crate::my_site::open_section(&browser, "Fermetures").await?;
            let closed = e2e::clock::in_days(21);
            browser.set_date(&id(&at(dom_ids::CLOSURE_FIRST)), &closed).await?;
            type_in(&browser, &at(dom_ids::CLOSURE_REASON), "Inventaire", "Inventaire").await?;
            browser.wait_for(&id(&at(dom_ids::CLOSURE_ADD))).await?.click().await?;
            browser
                .wait_for_text(&id(&at(dom_ids::CLOSURE_LIST)), "Inventaire")
                .await?;
            let closures = api_get(&browser, &format!("/api/v1/sites/{site}/closures")).await?;
            ensure!(
                closures[0]["first_day"] == closed.as_str() && closures[0]["last_day"] == closed.as_str(),
                "closures: {closures}"
            );

            // A calendar with one event it can use and one it cannot.
            let year = monday[..4].parse::<i32>()? + 1;
            let calendar = format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//relais tests//FR\r\n\
                 BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:{year}1225\r\nDTEND;VALUE=DATE:{year}1226\r\nSUMMARY:Noël\r\nEND:VEVENT\r\n\
                 BEGIN:VEVENT\r\nUID:2\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n\
                 END:VCALENDAR\r\n"
            );
            let dir = tempfile::tempdir()?;
            let file = dir.path().join("fermetures.ics");
            std::fs::write(&file, calendar)?;
            browser
                .wait_for(&id(&at(dom_ids::CLOSURE_FILE)))
                .await?
                .send_keys(&file.display().to_string())
                .await?;
            browser.wait_for(&id(&at(dom_ids::CLOSURE_IMPORT))).await?.click().await?;
            let result = browser
                .wait_for_text(&id(&at(dom_ids::CLOSURE_IMPORT_RESULT)), "1 fermeture importée")
                .await?;
            ensure!(
                result.contains("Sans date : pas de date de début lisible"),
                "the event left out is named, with why, in French: {result}"
            );
            browser
                .wait_for_text(&id(&at(dom_ids::CLOSURE_LIST)), "Noël")
                .await?;
            browser.assert_accessible().await?;

            // The same from the address where a calendar is published.
            let published = publish_calendar(format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//relais tests//FR\r\n\
                 BEGIN:VEVENT\r\nUID:3\r\nDTSTART;VALUE=DATE:{year}0815\r\nDTEND;VALUE=DATE:{year}0816\r\nSUMMARY:Fête locale\r\nEND:VEVENT\r\n\
                 END:VCALENDAR\r\n"
            ))
            .await?;
            type_in(&browser, &at(dom_ids::CLOSURE_URL), &published, &published).await?;
            browser.wait_for(&id(&at(dom_ids::CLOSURE_IMPORT))).await?.click().await?;
            browser
                .wait_for_text(&id(&at(dom_ids::CLOSURE_LIST)), "Fête locale")
                .await?;

            browser.resize(browser_sizes::PHONE).await?;
            browser.assert_no_horizontal_scroll().await?;
            Ok((browser, relais))
        },
    )
    .await;
}

/// Serves `calendar` to every request on a loopback port, as a commune's
/// website would publish it; returns its address.
async fn publish_calendar(calendar: String) -> Result<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}/fermetures.ics", listener.local_addr()?);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request).await;
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/calendar; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{calendar}",
                calendar.len()
            );
            let _ = stream.write_all(answer.as_bytes()).await;
        }
    });
    Ok(address)
}
