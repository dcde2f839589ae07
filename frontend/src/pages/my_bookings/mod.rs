//! The signed-in person's bookings: what is coming up, each with a way to
//! cancel it (in two steps; a weekly series as a whole too), the waiting
//! lists the person is on, then what is past or cancelled.
//!
//! The signals and what the buttons do are in `state.rs`; the lists, one
//! booking and the waiting lists are parts of their own.

mod item;
mod lists;
mod state;
mod waiting;

use leptos::prelude::*;
use shared::dom_ids;

use crate::auth::guarded;
use crate::components::forms::ErrorAlert;
use crate::i18n::tr;
use lists::BookingLists;
use state::Mine;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.nav_my_bookings)}</h1>
        <p id=dom_ids::PAGE_HELP class="intro">{tr(|t| t.my_bookings_help)}</p>
        <p>
            <leptos_router::components::A
                href=shared::routes::pages::CALENDAR
                attr:id=dom_ids::MY_BOOKINGS_CALENDAR
                attr:class="button button-secondary"
                attr:rel=crate::builds::rel(shared::routes::pages::CALENDAR)
            >
                {move || match crate::i18n::use_lang().get() {
                    crate::i18n::Lang::Fr => "Ajouter à mon agenda",
                    crate::i18n::Lang::En => "Add to my calendar",
                }}
            </leptos_router::components::A>
        </p>
        {guarded(|_| true, |t| t.must_sign_in, |_| MyBookings())}
    }
}

#[component]
fn MyBookings() -> impl IntoView {
    let mine = Mine::new();
    let Mine {
        lang,
        cancelled,
        failure,
        ..
    } = mine;
    mine.load();
    mine.load_sites();
    view! {
        <p id=dom_ids::MY_BOOKINGS_STATUS role="status" tabindex="-1" class="status status-ok">
            {move || cancelled.get().map(|said| said(lang.get().texts()))}
        </p>
        <ErrorAlert id=dom_ids::MY_BOOKINGS_ERROR.to_owned() error=failure.read_only()/>
        <BookingLists mine/>
    }
}
