//! A booking's pass (`/acces/{booking_id}`): the QR code and the PIN that
//! open the site's door, from when to when, the address, how to get in and
//! the site's hours; buttons to say one has arrived or is leaving, and to
//! print the pass alone on a page. Its person opens it from "Mes
//! réservations"; a host opens it to print it for someone at the desk.
//!
//! The signals and what the buttons do are in `state.rs`; the card that
//! prints and the buttons are parts of their own.

mod card;
mod state;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::dom_ids;
use shared::ids::BookingId;

use crate::auth::guarded;
use crate::components::forms::ErrorAlert;
use crate::i18n::tr;
use card::{PassActions, PassCard};
use state::PassState;

#[component]
pub fn PassPage() -> impl IntoView {
    let booking_id = use_params_map()
        .with_untracked(|p| p.get("booking_id"))
        .and_then(|id| id.parse::<i64>().ok())
        .map(BookingId);
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.door.pass_title)}</h1>
        <p id=dom_ids::PAGE_HELP class="intro no-print">{tr(|t| t.door.pass_help)}</p>
        {guarded(|_| true, |t| t.must_sign_in, move |_| match booking_id {
            Some(booking_id) => view! { <PassView booking_id/> }.into_any(),
            None => view! {
                <p class="notice notice-error" role="alert">{tr(|t| t.door.pass_bad_address)}</p>
            }
            .into_any(),
        })}
    }
}

#[component]
fn PassView(booking_id: BookingId) -> impl IntoView {
    let state = PassState::new(booking_id);
    state.load();
    let PassState {
        lang,
        done,
        failure,
        ..
    } = state;
    view! {
        <div class="no-print">
            <p id=dom_ids::PASS_STATUS role="status" tabindex="-1" class="status status-ok">
                {move || done.get().map(|said| said(lang.get().texts()))}
            </p>
            <ErrorAlert id=dom_ids::PASS_ERROR.to_owned() error=failure.read_only()/>
            <PassActions state/>
        </div>
        <PassCard state/>
    }
}
