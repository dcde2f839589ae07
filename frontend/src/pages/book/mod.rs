//! Booking a desk: a day, a part of the day, optionally a place nearby (the
//! sites nearest it first) or another kind of space, all kept in the page's
//! address; then one result per site with what is free there,
//! and a confirmation step before anything is booked, where the same slot can
//! be booked every week for up to 12 weeks. At a full site, a person can wait
//! for a place: the first one freed is booked for them.
//!
//! Written for a small bundle: plain signals rather than resources, one
//! closure per language change rather than one per sentence, and the choices
//! kept as their keys in `String` signals the app already has. The signals
//! and what the buttons do are in `state.rs`; each part of the page is a
//! component of its own.

mod confirm;
mod form;
mod results;
mod state;
mod status;

use leptos::prelude::*;
use shared::dom_ids;

use crate::components::forms::ErrorAlert;
use crate::i18n::tr;
use confirm::{ConfirmPanel, SignInFirst};
use form::SearchForm;
use results::Results;
use state::Booking;
use status::BookingStatus;

#[component]
pub fn BookPage() -> impl IntoView {
    let booking = Booking::new();
    booking.search();
    booking.keep_in_address();
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.book_title)}</h1>
        <SearchForm booking/>
        <SignInFirst booking/>
        <ConfirmPanel booking/>
        <ErrorAlert id=dom_ids::BOOK_ERROR.to_owned() error=booking.failure.read_only()/>
        <div id=dom_ids::BOOK_STATUS role="status" tabindex="-1" class="status status-ok">
            <BookingStatus booking/>
        </div>
        <Results booking/>
    }
}
