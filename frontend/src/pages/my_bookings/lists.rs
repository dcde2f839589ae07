//! The lists of the page: what is coming up (or how to book, when nothing
//! is), the waiting lists, then what is past or cancelled.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{Booking, BookingStatus};
use shared::dom_ids;

use super::item::booking_item;
use super::state::Mine;
use super::waiting::waiting_lists;
use crate::local_time;

#[component]
pub fn BookingLists(mine: Mine) -> impl IntoView {
    let Mine { lang, bookings, .. } = mine;
    move || {
        let t = lang.get().texts();
        let now = local_time::now();
        bookings.with(|answer| {
            let message = match answer {
                None => t.bookings_loading,
                Some(Err(e)) => t.error_message(&e.code),
                Some(Ok(_)) => "",
            };
            let all = match answer {
                Some(Ok(all)) => all.as_slice(),
                _ => &[],
            };
            // A booking one has checked in to stays here until it ends: its pass opens the door.
            let (upcoming, history): (Vec<&Booking>, Vec<&Booking>) = all.iter().partition(|b| {
                matches!(b.status, BookingStatus::Confirmed | BookingStatus::CheckedIn)
                    && local_time::parse_instant(&b.end).is_some_and(|end| end > now)
            });
            let none_upcoming = upcoming.is_empty() && message.is_empty();
            view! {
                <p class="status" role="status">{message}</p>
                <section aria-labelledby="my-bookings-upcoming-title" class="panel">
                    <h2 id="my-bookings-upcoming-title">{t.upcoming_title}</h2>
                    <ul id=dom_ids::MY_BOOKINGS_UPCOMING class="item-list">
                        {upcoming.into_iter().map(|b| booking_item(t, mine, b, true)).collect_view()}
                    </ul>
                    {none_upcoming.then(|| view! {
                        <div id=dom_ids::MY_BOOKINGS_EMPTY class="notice">
                            <p>{t.no_upcoming}</p>
                            <p><A href=shared::routes::pages::BOOK attr:class="button">{t.book_title}</A></p>
                        </div>
                    })}
                </section>
                {waiting_lists(mine)}
                <section aria-labelledby="my-bookings-history-title" class="panel">
                    <h2 id="my-bookings-history-title">{t.history_title}</h2>
                    // The most recent first, as the server sends them.
                    <ul id=dom_ids::MY_BOOKINGS_HISTORY class="item-list">
                        {history.into_iter().map(|b| booking_item(t, mine, b, false)).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
