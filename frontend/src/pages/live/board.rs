//! Today at the site, per space: free now or not, and each booking of the
//! day with where its person stands and the host's buttons. Rows are keyed
//! by what they show, so a new board every few seconds leaves the others
//! (and the keyboard focus on them) in place.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{BookingStatus, LiveBooking};
use shared::dom_ids::{self, item};
use shared::ids::{BookingId, ResourceId};
use shared::routes::{self, pages};

use super::state::Live;
use crate::components::confirm::{Ask, confirm_then_act};
use crate::i18n::Texts;
use crate::local_time;

#[component]
pub fn Board(live: Live) -> impl IntoView {
    let spaces = move || {
        live.board.with(|b| {
            b.iter()
                .flat_map(|b| b.resources.iter().map(|r| r.resource_id))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul id=dom_ids::LIVE_BOARD class="live-board">
            <For each=spaces key=|id| *id children=move |resource_id| view! { <Space live resource_id/> }/>
        </ul>
    }
}

/// A booking as its row shows it.
#[derive(Clone)]
struct Row {
    booking: LiveBooking,
    zone: String,
    /// Started: "Absent·e" is offered from then on.
    started: bool,
}

/// What a row shows: it is drawn again only when one of these changes.
type RowKey = (BookingId, BookingStatus, bool, String, [Option<String>; 2]);

impl Row {
    fn key(&self) -> RowKey {
        let b = &self.booking;
        (
            b.booking_id,
            b.status,
            self.started,
            format!("{}|{}|{}|{}", b.start, b.end, b.person_name, b.walk_in),
            [b.checked_in_at.clone(), b.checked_out_at.clone()],
        )
    }
}

#[component]
fn Space(live: Live, resource_id: ResourceId) -> impl IntoView {
    let Live { lang, board, .. } = live;
    let space = move || {
        board.with(|b| {
            b.iter()
                .flat_map(|b| b.resources.iter())
                .find(|r| r.resource_id == resource_id)
                .map(|r| (r.name.clone(), r.free_now))
                .unwrap_or_default()
        })
    };
    let free = move || space().1;
    let rows = move || {
        let now = local_time::now();
        board.with(|b| {
            let Some(b) = b else { return Vec::new() };
            b.resources
                .iter()
                .filter(|r| r.resource_id == resource_id)
                .flat_map(|r| r.bookings.iter())
                .map(|booking| Row {
                    started: local_time::parse_instant(&booking.start).is_some_and(|s| s <= now),
                    booking: booking.clone(),
                    zone: b.time_zone.clone(),
                })
                .collect::<Vec<_>>()
        })
    };
    let none = move || rows().is_empty();
    let heading = format!("{}-title", item(dom_ids::LIVE_RESOURCE, resource_id));
    view! {
        <li id=item(dom_ids::LIVE_RESOURCE, resource_id) class="live-space">
            <h3 id=heading.clone() class="live-space-name">{move || space().0}</h3>
            <p class=move || if free() { "tag tag-free" } else { "tag tag-taken" }>
                {move || {
                    let t = lang.get().texts();
                    if free() { t.office.free_now } else { t.office.taken_now }
                }}
            </p>
            <p class="item-details" hidden=move || !none()>{move || lang.get().texts().office.nothing_today}</p>
            <ul class="item-list" aria-labelledby=heading>
                <For each=rows key=Row::key children=move |row| booking_row(live, row)/>
            </ul>
        </li>
    }
}

/// One booking: its hours and person, where they stand, and the buttons
/// that apply: arrived, left, absent (once started, asked twice), the pass.
fn booking_row(live: Live, row: Row) -> impl IntoView {
    move || {
        let t = live.lang.get().texts();
        let Row {
            booking: b,
            zone,
            started,
        } = row.clone();
        let at = |text: &str| local_time::parse_instant(text).unwrap_or_default();
        let hours = local_time::hours(&zone, at(&b.start), at(&b.end));
        let who = format!("{}, {hours}", b.person_name);
        let arrived_at = b
            .checked_in_at
            .as_deref()
            .and_then(local_time::parse_instant)
            .filter(|_| b.checked_out_at.is_none())
            .map(|when| format!(" · {}", local_time::clock(&zone, when)));
        let walk_in = b.walk_in.then(|| format!(" · {}", t.office.walk_in_tag));
        view! {
            <li id=item(dom_ids::LIVE_BOOKING, b.booking_id) class="item live-booking">
                <p class="item-title">{format!("{hours} · {}", b.person_name)}</p>
                <p class="item-details">
                    <strong class="presence">{t.office.presence_of(&b)}</strong>
                    {arrived_at}
                    {walk_in}
                </p>
                {buttons(t, live, &b, &who, started)}
            </li>
        }
    }
}

fn buttons(
    t: &'static Texts,
    live: Live,
    b: &LiveBooking,
    who: &str,
    started: bool,
) -> impl IntoView + use<> {
    let named = |action: &str| {
        t.office
            .action_named
            .replace("{action}", action)
            .replace("{who}", who)
    };
    let id = b.booking_id;
    let name = b.person_name.clone();
    let expected = b.status == BookingStatus::Confirmed;
    let act = |dom_id: &str, words: &'static str, route: &'static str, said| {
        let name = name.clone();
        view! {
            <button
                id=item(dom_id, id)
                type="button"
                aria-label=named(words)
                aria-disabled=move || live.busy.get().then_some("true")
                on:click=move |_| live.act(route, id, name.clone(), said)
            >
                {words}
            </button>
        }
    };
    let arrived = expected.then(|| {
        act(
            dom_ids::LIVE_CHECK_IN,
            t.office.mark_arrived,
            routes::BOOKING_CHECK_IN,
            |o| o.arrived_of,
        )
    });
    let left = (b.status == BookingStatus::CheckedIn).then(|| {
        act(
            dom_ids::LIVE_CHECK_OUT,
            t.office.mark_left,
            routes::BOOKING_CHECK_OUT,
            |o| o.left_of,
        )
    });
    let (absent, question) = match (expected && started)
        .then(|| absent(t, live, id, &name, named(t.office.mark_absent)))
    {
        Some((button, question)) => (Some(button), Some(question)),
        None => (None, None),
    };
    let pass = matches!(
        b.status,
        BookingStatus::Confirmed | BookingStatus::CheckedIn
    )
    .then(|| {
        view! {
            <A
                href=pages::pass(id)
                attr:id=item(dom_ids::LIVE_PASS, id)
                attr:class="button button-secondary"
                attr:aria-label=named(t.office.print_pass)
            >
                {t.office.print_pass}
            </A>
        }
    });
    view! {
        <div class="secondary-actions">{arrived}{left}{absent}{pass}</div>
        {question}
    }
}

/// "Absent·e", asked twice: it may cost the person a free day.
fn absent(
    t: &'static Texts,
    live: Live,
    id: BookingId,
    name: &str,
    label: String,
) -> (AnyView, AnyView) {
    let ask = Ask {
        key: format!("absent-{id}"),
        button_id: item(dom_ids::LIVE_NO_SHOW, id),
        yes_id: item(dom_ids::LIVE_NO_SHOW, format!("{id}-yes")),
        label: t.office.mark_absent,
        aria_label: Some(label),
        question: t.office.absent_question.replace("{name}", name),
        yes: t.office.absent_yes,
        no: t.office.leave_it,
    };
    let name = name.to_owned();
    let on_yes = Callback::new(move |()| {
        live.act(routes::BOOKING_NO_SHOW, id, name.clone(), |o| o.absent_of)
    });
    confirm_then_act(live.confirming, ask, on_yes)
}
