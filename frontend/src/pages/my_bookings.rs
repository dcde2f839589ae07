//! The signed-in person's bookings: what is coming up, each with a way to
//! cancel it (in two steps), then what is past or cancelled.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{Booking, BookingStatus};
use shared::{ErrorDetail, dom_ids, routes};

use crate::api;
use crate::app::BOOK_PAGE;
use crate::auth::guarded;
use crate::forms::{ErrorAlert, focus_soon};
use crate::i18n::{tr, use_lang};
use crate::paris;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.nav_my_bookings)}</h1>
        <p>
            <leptos_router::components::A
                href=crate::pages::calendar::CALENDAR_PAGE
                attr:id=dom_ids::MY_BOOKINGS_CALENDAR
                attr:class="button button-secondary"
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
    let lang = use_lang();
    // `None` while the list is on its way.
    let bookings = RwSignal::new(None::<Result<Vec<Booking>, ErrorDetail>>);
    // The booking (by id) whose cancel button asks "really?".
    let confirming = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let cancelled = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorDetail>);

    let load = move || {
        spawn_local(async move {
            bookings.set(Some(api::get_json(routes::MY_BOOKINGS).await));
        });
    };
    load();

    let cancel = move |id: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        cancelled.set(false);
        spawn_local(async move {
            let answer = api::delete(&format!("{}/{id}", routes::BOOKINGS)).await;
            busy.set(false);
            confirming.set(None);
            load();
            match answer {
                Ok(()) => {
                    failure.set(None);
                    cancelled.set(true);
                    focus_soon(dom_ids::MY_BOOKINGS_STATUS);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::MY_BOOKINGS_ERROR);
                }
            }
        });
    };

    let lists = move || {
        let t = lang.get().texts();
        let now = paris::now();
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
            let (upcoming, history): (Vec<&Booking>, Vec<&Booking>) = all.iter().partition(|b| {
                b.status == BookingStatus::Confirmed
                    && paris::parse_instant(&b.end).is_some_and(|end| end > now)
            });
            let none_upcoming = upcoming.is_empty() && message.is_empty();
            // One way to draw a booking, for both lists.
            let item = |b: &Booking, upcoming: bool| {
                let id = b.id.to_string();
                let start = paris::parse_instant(&b.start).unwrap_or_default();
                let end = paris::parse_instant(&b.end).unwrap_or_default();
                let status = (!upcoming).then(|| {
                    view! { <p class="item-details"><strong>{t.status(b.status)}</strong></p> }
                });
                let controls = upcoming.then(|| {
                    let question = dom_ids::item(dom_ids::BOOKING, format!("{id}-question"));
                    let asking = id.clone();
                    view! {
                        <button
                            id=dom_ids::item(dom_ids::BOOKING_CANCEL, &id)
                            type="button"
                            class="button-danger-outline"
                            on:click=move |_| {
                                confirming.set(Some(asking.clone()));
                                focus_soon(dom_ids::item(dom_ids::BOOKING_CANCEL_YES, &asking));
                            }
                        >
                            {t.cancel_booking}
                        </button>
                        {move || {
                            let id = id.clone();
                            confirming.with(|c| c.as_ref() == Some(&id)).then(|| {
                                let back = id.clone();
                                view! {
                                    <div class="confirm-box">
                                        <p id=question.clone()><strong>{t.cancel_question}</strong></p>
                                        <div class="secondary-actions">
                                            <button
                                                id=dom_ids::item(dom_ids::BOOKING_CANCEL_YES, &id)
                                                type="button"
                                                class="button-danger"
                                                aria-describedby=question.clone()
                                                on:click=move |_| cancel(id.clone())
                                            >
                                                {t.cancel_yes}
                                            </button>
                                            <button
                                                type="button"
                                                class="button-secondary"
                                                on:click=move |_| {
                                                    confirming.set(None);
                                                    focus_soon(dom_ids::item(dom_ids::BOOKING_CANCEL, &back));
                                                }
                                            >
                                                {t.cancel_no}
                                            </button>
                                        </div>
                                    </div>
                                }
                            })
                        }}
                    }
                });
                view! {
                    <li id=dom_ids::item(dom_ids::BOOKING, b.id) class="item">
                        <h3 class="item-title">{t.date_words(paris::to_local(start).0)}</h3>
                        <p>
                            {format!(
                                "{} · {} · {}",
                                paris::hours(start, end),
                                b.site_name,
                                b.resource_name,
                            )}
                        </p>
                        {status}
                        {controls}
                    </li>
                }
            };
            view! {
                <p class="status" role="status">{message}</p>
                <section aria-labelledby="my-bookings-upcoming-title" class="panel">
                    <h2 id="my-bookings-upcoming-title">{t.upcoming_title}</h2>
                    <ul id=dom_ids::MY_BOOKINGS_UPCOMING class="item-list">
                        {upcoming.into_iter().map(|b| item(b, true)).collect_view()}
                    </ul>
                    {none_upcoming.then(|| view! {
                        <div id=dom_ids::MY_BOOKINGS_EMPTY class="notice">
                            <p>{t.no_upcoming}</p>
                            <p><A href=BOOK_PAGE attr:class="button">{t.book_title}</A></p>
                        </div>
                    })}
                </section>
                <section aria-labelledby="my-bookings-history-title" class="panel">
                    <h2 id="my-bookings-history-title">{t.history_title}</h2>
                    // The most recent first.
                    <ul id=dom_ids::MY_BOOKINGS_HISTORY class="item-list">
                        {history.into_iter().rev().map(|b| item(b, false)).collect_view()}
                    </ul>
                </section>
            }
        })
    };

    view! {
        <p id=dom_ids::MY_BOOKINGS_STATUS role="status" tabindex="-1" class="status status-ok">
            {move || cancelled.get().then(|| lang.get().texts().booking_cancelled)}
        </p>
        <ErrorAlert id=dom_ids::MY_BOOKINGS_ERROR.to_owned() error=failure.read_only()/>
        {lists}
    }
}
