//! The pass itself, the part that prints (site, space, day and hours, QR
//! code, PIN, when the door opens, address, how to get in, the site's
//! hours, the person's name), and the buttons above it.

use leptos::prelude::*;
use shared::api::{BookingStatus, OpeningPeriod, Pass};
use shared::dom_ids;

use super::state::PassState;
use crate::components::printout::{PrintButton, QrImage};
use crate::i18n::Texts;
use crate::local_time;
use crate::words::weekly_hours;

/// "482 913": a PIN in groups of three, read and typed more easily. The
/// space does not break.
fn spaced(pin: &str) -> String {
    let digits: Vec<char> = pin.chars().collect();
    digits
        .chunks(3)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\u{a0}")
}

/// « Je suis arrivé·e » while the booking is confirmed, « Je pars » once
/// checked in, and « Imprimer ».
#[component]
pub fn PassActions(state: PassState) -> impl IntoView {
    let PassState {
        lang, pass, busy, ..
    } = state;
    let status = Memo::new(move |_| {
        pass.with(|p| p.as_ref().and_then(|p| p.as_ref().ok()).map(|p| p.status))
    });
    move || {
        let t = lang.get().texts();
        let disabled = move || busy.get().then_some("true");
        let button = |id: &'static str, words: &'static str, leaving: bool| {
            view! {
                <button
                    id=id
                    type="button"
                    class="button-large"
                    aria-disabled=disabled
                    on:click=move |_| state.check(leaving)
                >
                    {words}
                </button>
            }
        };
        let shown = status.get();
        view! {
            <div class="form-actions pass-actions">
                {(shown == Some(BookingStatus::Confirmed))
                    .then(|| button(dom_ids::PASS_CHECK_IN, t.door.arrived, false))}
                {(shown == Some(BookingStatus::CheckedIn))
                    .then(|| button(dom_ids::PASS_CHECK_OUT, t.door.leaving, true))}
                {shown.is_some().then(|| view! { <PrintButton id=dom_ids::PASS_PRINT/> })}
            </div>
        }
    }
}

/// The card, or what stands for it while it loads or when it cannot be had.
#[component]
pub fn PassCard(state: PassState) -> impl IntoView {
    let PassState {
        lang, pass, hours, ..
    } = state;
    move || {
        let t = lang.get().texts();
        pass.with(|answer| match answer {
            None => view! { <p class="notice" role="status">{t.door.pass_loading}</p> }.into_any(),
            Some(Err(e)) => view! {
                <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
            }
            .into_any(),
            Some(Ok(p)) => hours.with(|h| card(t, p, h)).into_any(),
        })
    }
}

fn card(t: &'static Texts, pass: &Pass, hours: &[OpeningPeriod]) -> impl IntoView + use<> {
    let zone = pass.time_zone.as_str();
    let at = |text: &str| local_time::parse_instant(text).unwrap_or_default();
    let start = at(&pass.start);
    let day = t.date_words(local_time::to_local(zone, start).0);
    let when = format!(
        "{} · {}",
        local_time::hours(zone, start, at(&pass.end)),
        pass.resource_name
    );
    let opens = t
        .door
        .opens
        .replace("{from}", &local_time::clock(zone, at(&pass.valid_from)))
        .replace("{until}", &local_time::clock(zone, at(&pass.valid_until)));
    let state_note = match pass.status {
        BookingStatus::CheckedIn => Some(t.door.checked_in_note),
        BookingStatus::Completed => Some(t.door.over_note),
        _ => None,
    };
    let how = pass.how_to_get_in.trim().to_owned();
    let how = (!how.is_empty()).then(|| {
        view! {
            <h3 class="small-heading">{t.door.how_to_get_in}</h3>
            <p class="pass-how">{how}</p>
        }
    });
    let person = (!pass.person_name.is_empty()).then(|| {
        view! { <dt>{t.door.person_label}</dt><dd>{pass.person_name.clone()}</dd> }
    });
    let week = (!hours.is_empty()).then(|| {
        let lines = weekly_hours(t, hours);
        view! {
            <h3 class="small-heading">{t.opening_hours}</h3>
            <dl class="hours">
                {lines.into_iter().map(|(day, text)| view! { <dt>{day}</dt><dd>{text}</dd> }).collect_view()}
            </dl>
        }
    });
    view! {
        <article id=dom_ids::PASS class="pass-card" aria-labelledby="pass-site">
            <h2 id="pass-site">{pass.site_name.clone()}</h2>
            <p class="pass-when"><strong>{day}</strong><br/>{when}</p>
            {state_note.map(|note| view! { <p class="status-ok">{note}</p> })}
            <QrImage id=dom_ids::PASS_QR svg=pass.qr_svg.clone() label=|t| t.door.qr_label/>
            <p class="pass-pin-line">
                {t.door.pin_prefix}
                <span id=dom_ids::PASS_PIN class="pass-pin">{spaced(&pass.pin)}</span>
            </p>
            <p class="hint">{t.door.pin_hint}</p>
            <p>{opens}</p>
            <dl class="pass-facts">
                <dt>{t.door.address_label}</dt>
                <dd>{pass.address.clone()}</dd>
                {person}
            </dl>
            {how}
            {week}
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::spaced;

    #[test]
    fn a_pin_is_shown_in_groups_of_three() {
        assert_eq!(spaced("482913"), "482\u{a0}913");
        assert_eq!(spaced("1234"), "123\u{a0}4");
        assert_eq!(spaced(""), "");
    }
}
