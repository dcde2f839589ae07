//! What was just booked (and what a series could not book), or the waiting
//! list just joined.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::dom_ids;

use super::state::Booking;
use crate::local_time;

/// Said in the page's status region.
#[component]
pub fn BookingStatus(booking: Booking) -> impl IntoView {
    let Booking {
        lang,
        booked,
        series,
        waiting,
        ..
    } = booking;
    move || {
        let t = lang.get().texts();
        let waiting = waiting.get().map(|sentence| view! { <p>{sentence}</p> });
        let booked = booked.with(|b| {
            b.as_ref().map(|c| {
                let first = view! { <p>{t.booked.replace("{what}", &c.summary(t))}</p> };
                let series = series.with(|s| {
                    s.as_ref().map(|s| {
                        let refused = s.refused.iter().map(|r| {
                            let start = local_time::parse_instant(&r.start).unwrap_or_default();
                            view! { <li>{format!("{} : {}", t.date_words(local_time::to_local(&c.zone, start).0), t.error_message(&r.code))}</li> }
                        }).collect_view();
                        view! {
                            <p>{t.series_booked.replace("{n}", &s.booked.len().to_string())}</p>
                            {(!s.refused.is_empty()).then(|| view! {
                                <p>{t.series_refused_title}</p>
                                <ul id=dom_ids::BOOK_SERIES_REFUSED class="plain-list">{refused}</ul>
                            })}
                        }
                    })
                });
                view! {
                    {first}
                    {series}
                    <p>
                        <A href=shared::routes::pages::MY_BOOKINGS attr:id=dom_ids::BOOK_MY_BOOKINGS attr:class="button">
                            {t.see_my_bookings}
                        </A>
                    </p>
                }
            })
        });
        (waiting, booked)
    }
}
