//! The signed-in person's bookings: what is coming up, each with a way to
//! cancel it (in two steps; a weekly series as a whole too), the waiting
//! lists the person is on, then what is past or cancelled.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{Booking, BookingStatus, Site, WaitlistEntry, WaitlistStatus};
use shared::{ErrorDetail, dom_ids, routes};

use crate::api;
use crate::auth::guarded;
use crate::components::confirm::{Ask, confirm_then_act};
use crate::components::forms::{ErrorAlert, focus_soon};
use crate::i18n::{Texts, tr, use_lang};
use crate::local_time;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.nav_my_bookings)}</h1>
        <p>
            <leptos_router::components::A
                href=shared::routes::pages::CALENDAR
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
    // What was just done, said in the status line.
    let cancelled = RwSignal::new(None::<fn(&crate::i18n::Texts) -> &'static str>);
    let waitlist = RwSignal::new(Vec::<WaitlistEntry>::new());
    let site_names = RwSignal::new(Vec::<Site>::new());
    let failure = RwSignal::new(None::<ErrorDetail>);

    let load = move || {
        spawn_local(async move {
            bookings.set(Some(api::get_json(routes::MY_BOOKINGS).await));
            waitlist.set(
                api::get_json::<Vec<WaitlistEntry>>(routes::MY_WAITLIST)
                    .await
                    .unwrap_or_default(),
            );
        });
    };
    load();
    spawn_local(async move {
        site_names.set(api::get_json(routes::SITES).await.unwrap_or_default());
    });

    // `path` is deleted; `said` is the sentence for the status line.
    let cancel_at = move |path: String, said: fn(&crate::i18n::Texts) -> &'static str| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        cancelled.set(None);
        spawn_local(async move {
            let answer = api::delete(&path).await;
            busy.set(false);
            confirming.set(None);
            load();
            match answer {
                Ok(()) => {
                    failure.set(None);
                    cancelled.set(Some(said));
                    focus_soon(dom_ids::MY_BOOKINGS_STATUS);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::MY_BOOKINGS_ERROR);
                }
            }
        });
    };

    // Only the entries still waiting: a served one is a booking above.
    let waiting_lists = move || {
        let t = lang.get().texts();
        let entries: Vec<WaitlistEntry> = waitlist.with(|all| {
            all.iter()
                .filter(|e| e.status == WaitlistStatus::Waiting)
                .cloned()
                .collect()
        });
        (!entries.is_empty()).then(|| {
            let items = entries.into_iter().map(|e| {
                let start = local_time::parse_instant(&e.start).unwrap_or_default();
                let end = local_time::parse_instant(&e.end).unwrap_or_default();
                let (site, zone) = site_names.with(|all| {
                    all.iter()
                        .find(|s| s.id == e.site_id)
                        .map(|s| (s.name.clone(), s.time_zone.clone()))
                        .unwrap_or_else(|| (String::new(), local_time::browser_zone()))
                });
                let path = format!("{}/{}", routes::WAITLIST, e.id);
                let what = format!("{} · {site}", local_time::hours(&zone, start, end));
                view! {
                    <li class="item item-row">
                        <p>
                            <span class="item-title">{t.date_words(local_time::to_local(&zone, start).0)}</span><br/>
                            <span class="item-details">{what.clone()}</span>
                        </p>
                        <button
                            id=dom_ids::item(dom_ids::WAITLIST_LEAVE, e.id)
                            type="button"
                            class="button-danger-outline"
                            aria-label=format!("{} : {what}", t.waitlist_leave)
                            on:click=move |_| cancel_at(path.clone(), |t| t.waitlist_left)
                        >
                            {t.waitlist_leave}
                        </button>
                    </li>
                }
            }).collect_view();
            view! {
                <section aria-labelledby="my-waitlist-title" class="panel">
                    <h2 id="my-waitlist-title">{t.waitlist_title}</h2>
                    <ul id=dom_ids::MY_WAITLIST class="item-list">{items}</ul>
                </section>
            }
        })
    };

    let lists = move || {
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
            let (upcoming, history): (Vec<&Booking>, Vec<&Booking>) = all.iter().partition(|b| {
                b.status == BookingStatus::Confirmed
                    && local_time::parse_instant(&b.end).is_some_and(|end| end > now)
            });
            let none_upcoming = upcoming.is_empty() && message.is_empty();
            // One way to draw a booking, for both lists.
            let item = |b: &Booking, upcoming: bool| {
                let id = b.id.to_string();
                let start = local_time::parse_instant(&b.start).unwrap_or_default();
                let end = local_time::parse_instant(&b.end).unwrap_or_default();
                let status = (!upcoming).then(|| {
                    view! { <p class="item-details"><strong>{t.status(b.status)}</strong></p> }
                });
                // A weekly series: every date still to come can go at once.
                let series = b.series_id.filter(|_| upcoming).map(|series| {
                    let ask = AskTwice {
                        key: format!("series-{id}"),
                        button_id: dom_ids::item(dom_ids::BOOKING_CANCEL_SERIES, &id),
                        yes_id: dom_ids::item(dom_ids::BOOKING_CANCEL_SERIES_YES, &id),
                        label: t.cancel_series,
                        question: t.cancel_series_question,
                    };
                    let path = format!("{}/{series}", routes::BOOKING_SERIES);
                    view! {
                        <p class="item-details">{t.series_tag}</p>
                        {ask_twice(t, confirming, ask, move || cancel_at(path.clone(), |t| t.series_cancelled))}
                    }
                });
                let controls = upcoming.then(|| {
                    let ask = AskTwice {
                        key: id.clone(),
                        button_id: dom_ids::item(dom_ids::BOOKING_CANCEL, &id),
                        yes_id: dom_ids::item(dom_ids::BOOKING_CANCEL_YES, &id),
                        label: t.cancel_booking,
                        question: t.cancel_question,
                    };
                    let path = format!("{}/{id}", routes::BOOKINGS);
                    ask_twice(t, confirming, ask, move || cancel_at(path.clone(), |t| t.booking_cancelled))
                });
                view! {
                    <li id=dom_ids::item(dom_ids::BOOKING, b.id) class="item">
                        <h3 class="item-title">{t.date_words(local_time::to_local(&b.time_zone, start).0)}</h3>
                        <p>
                            {format!(
                                "{} · {} · {}",
                                local_time::hours(&b.time_zone, start, end),
                                b.site_name,
                                b.resource_name,
                            )}
                        </p>
                        {status}
                        {controls}
                        {series}
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
                            <p><A href=shared::routes::pages::BOOK attr:class="button">{t.book_title}</A></p>
                        </div>
                    })}
                </section>
                {waiting_lists()}
                <section aria-labelledby="my-bookings-history-title" class="panel">
                    <h2 id="my-bookings-history-title">{t.history_title}</h2>
                    // The most recent first, as the server sends them.
                    <ul id=dom_ids::MY_BOOKINGS_HISTORY class="item-list">
                        {history.into_iter().map(|b| item(b, false)).collect_view()}
                    </ul>
                </section>
            }
        })
    };

    view! {
        <p id=dom_ids::MY_BOOKINGS_STATUS role="status" tabindex="-1" class="status status-ok">
            {move || cancelled.get().map(|said| said(lang.get().texts()))}
        </p>
        <ErrorAlert id=dom_ids::MY_BOOKINGS_ERROR.to_owned() error=failure.read_only()/>
        {lists}
    }
}

/// What a cancel button asks before it acts.
struct AskTwice {
    /// Names the open question in `confirming`: one at a time on the page.
    key: String,
    button_id: String,
    yes_id: String,
    label: &'static str,
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
        aria_label: None,
        question: ask.question.to_owned(),
        yes: t.cancel_yes,
        no: t.cancel_no,
    };
    let (button, question) = confirm_then_act(confirming, ask, Callback::new(move |()| on_yes()));
    view! { {button} {question} }
}
