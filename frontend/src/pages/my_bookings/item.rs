//! One booking, as both lists draw it: when, where, its state once past
//! (or once checked in), the link to its pass, and the buttons to cancel it
//! (or its weekly series) in two steps.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{Booking, BookingStatus};
use shared::routes::pages;
use shared::{dom_ids, routes};

use super::state::Mine;
use crate::components::confirm::{Ask, confirm_then_act};
use crate::i18n::Texts;
use crate::local_time;

/// A booking of the upcoming list (`upcoming`) or of the history.
pub fn booking_item(
    t: &'static Texts,
    mine: Mine,
    b: &Booking,
    upcoming: bool,
) -> impl IntoView + use<> {
    let confirming = mine.confirming;
    let id = b.id.to_string();
    let start = local_time::parse_instant(&b.start).unwrap_or_default();
    let end = local_time::parse_instant(&b.end).unwrap_or_default();
    let day = t.date_words(local_time::to_local(&b.time_zone, start).0);
    let hours = local_time::hours(&b.time_zone, start, end);
    // Two bookings' buttons are told apart by their day and hours.
    let when = format!("{day}, {hours}");
    let checked_in = b.status == BookingStatus::CheckedIn;
    let status = (!upcoming || checked_in).then(|| {
        view! { <p class="item-details"><strong>{t.status(b.status)}</strong></p> }
    });
    // Its pass (QR code and PIN), named by its day and hours like the buttons.
    let pass = upcoming.then(|| {
        view! {
            <p>
                <A
                    href=pages::pass(b.id)
                    attr:id=dom_ids::item(dom_ids::BOOKING_PASS, &id)
                    attr:class="button button-secondary"
                    attr:aria-label=t.my_pass_named.replace("{when}", &when)
                    attr:rel=crate::builds::rel(pages::PASS)
                >
                    {t.my_pass}
                </A>
            </p>
        }
    });
    // Once checked in, the booking is kept: it is no longer cancelled from here.
    let cancellable = upcoming && !checked_in;
    // A weekly series: every date still to come can go at once.
    let series = b.series_id.filter(|_| cancellable).map(|series| {
        let ask = AskTwice {
            key: format!("series-{id}"),
            button_id: dom_ids::item(dom_ids::BOOKING_CANCEL_SERIES, &id),
            yes_id: dom_ids::item(dom_ids::BOOKING_CANCEL_SERIES_YES, &id),
            label: t.cancel_series,
            named: t.cancel_series_named.replace("{when}", &when),
            question: t.cancel_series_question,
        };
        let path = format!("{}/{series}", routes::BOOKING_SERIES);
        view! {
            <p class="item-details">{t.series_tag}</p>
            {ask_twice(t, confirming, ask, move || mine.cancel_at(path.clone(), |t| t.series_cancelled))}
        }
    });
    let controls = cancellable.then(|| {
        let ask = AskTwice {
            key: id.clone(),
            button_id: dom_ids::item(dom_ids::BOOKING_CANCEL, &id),
            yes_id: dom_ids::item(dom_ids::BOOKING_CANCEL_YES, &id),
            label: t.cancel_booking,
            named: t.cancel_booking_named.replace("{when}", &when),
            question: t.cancel_question,
        };
        let path = format!("{}/{id}", routes::BOOKINGS);
        ask_twice(t, confirming, ask, move || {
            mine.cancel_at(path.clone(), |t| t.booking_cancelled)
        })
    });
    view! {
        <li id=dom_ids::item(dom_ids::BOOKING, b.id) class="item">
            <h3 class="item-title">{day}</h3>
            <p>{format!("{hours} · {} · {}", b.site_name, b.resource_name)}</p>
            {status}
            {pass}
            {controls}
            {series}
        </li>
    }
}

/// What a cancel button asks before it acts.
struct AskTwice {
    /// Names the open question in `confirming`: one at a time on the page.
    key: String,
    button_id: String,
    yes_id: String,
    label: &'static str,
    /// What a screen reader hears: the label and which booking.
    named: String,
    question: &'static str,
}

/// A cancellation in two steps (`components::confirm`).
fn ask_twice(
    t: &'static Texts,
    confirming: RwSignal<Option<String>>,
    ask: AskTwice,
    on_yes: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let ask = Ask {
        key: ask.key,
        button_id: ask.button_id,
        yes_id: ask.yes_id,
        label: ask.label,
        aria_label: Some(ask.named),
        question: ask.question.to_owned(),
        yes: t.cancel_yes,
        no: t.cancel_no,
    };
    let (button, question) = confirm_then_act(confirming, ask, Callback::new(move |()| on_yes()));
    view! { {button} {question} }
}
