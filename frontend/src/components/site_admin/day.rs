//! The host's day: every booking of the site on a chosen day, with who it is
//! for, and a way to cancel one with a reason the person will see.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Booking, BookingStatus, CancelBooking};
use shared::error::codes;
use shared::ids::SiteId;
use shared::{ErrorDetail, dom_ids, routes};

use crate::api;
use crate::components::forms::{Field, FormError, error, field, focus_soon};
use crate::i18n::{Texts, use_lang};
use crate::local_time;

#[component]
pub fn DayView(site_id: SiteId) -> impl IntoView {
    let lang = use_lang();
    let today = local_time::to_local(&local_time::browser_zone(), local_time::now()).0;
    let date = RwSignal::new(local_time::format_date(today));
    // The answer for `shown`; `None` while it is on its way.
    let bookings = RwSignal::new(None::<Result<Vec<Booking>, ErrorDetail>>);
    let shown = RwSignal::new(String::new());
    // The booking (by id) whose "Annuler" asks for a reason.
    let confirming = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let status_id = dom_ids::item(dom_ids::DAY_STATUS, site_id);
    let problem = FormError::new(dom_ids::item(dom_ids::DAY_ERROR, site_id));
    let busy = RwSignal::new(false);
    let date_id = dom_ids::item(dom_ids::DAY_DATE, site_id);
    let title_id = dom_ids::item("day-title", site_id);
    let path = routes::fill(routes::SITE_BOOKINGS, &[("site_id", &site_id.to_string())]);

    let load = Callback::new(move |()| {
        let day = date.get_untracked();
        match local_time::read_date_entry(&day) {
            local_time::DateEntry::Day(_) => {}
            // Half a year typed: wait for the rest before asking the server.
            local_time::DateEntry::Typing => return,
            local_time::DateEntry::Invalid => {
                confirming.set(None);
                shown.set(String::new());
                bookings.set(Some(Err(error(codes::INVALID_DATE))));
                return;
            }
        }
        confirming.set(None);
        let url = format!("{path}?date={day}");
        bookings.set(None);
        spawn_local(async move {
            let answer = api::get_json::<Vec<Booking>>(&url).await;
            // A slower answer for another day is dropped.
            if date.with_untracked(|d| *d == day) {
                shown.set(day);
                bookings.set(Some(answer));
            }
        });
    });
    load.run(());

    let cancel = {
        let (problem, status_id) = (problem.clone(), status_id.clone());
        Callback::new(move |booking: Booking| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let text = reason.get_untracked().trim().to_owned();
            let body = CancelBooking {
                reason: (!text.is_empty()).then_some(text),
            };
            let path = format!("{}/{}", routes::BOOKINGS, booking.id);
            let (problem, status_id) = (problem.clone(), status_id.clone());
            spawn_local(async move {
                let answer = api::delete_json::<_, serde_json::Value>(&path, &body).await;
                busy.set(false);
                match answer {
                    Ok(_) => {
                        problem.clear();
                        let t = lang.get_untracked().texts();
                        let name = booking.person_name.unwrap_or_default();
                        status.set(Some(t.office.cancelled_of.replace("{name}", &name)));
                        load.run(());
                        focus_soon(status_id);
                    }
                    Err(e) => problem.show(e),
                }
            });
        })
    };

    let list = {
        let problem = problem.clone();
        move || {
            let t = lang.get().texts();
            let now = local_time::now();
            bookings.with(|answer| {
                let all = match answer {
                    None => return view! { <p class="notice">{t.checking_session}</p> }.into_any(),
                    Some(Err(e)) => {
                        return view! {
                            <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
                        }
                        .into_any();
                    }
                    Some(Ok(all)) => all,
                };
                let items = all
                    .iter()
                    .map(|b| item(t, b, now, confirming, reason, cancel, &problem))
                    .collect_view();
                view! {
                    {all.is_empty().then(|| view! { <p class="notice">{t.office.day_none}</p> })}
                    <ul id=dom_ids::item(dom_ids::DAY_LIST, site_id) class="item-list" data-date=shown.get()>
                        {items}
                    </ul>
                }
                .into_any()
            })
        }
    };

    view! {
        <section class="subpanel" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone()>{move || lang.get().texts().office.day_title}</h3>
            <div class="field">
                <label for=date_id.clone()>{move || lang.get().texts().date_label}</label>
                <input
                    id=date_id
                    type="date"
                    prop:value=move || date.get()
                    on:change=move |ev| {
                        date.set(event_target_value(&ev));
                        status.set(None);
                        load.run(());
                    }
                />
            </div>
            <p id=status_id role="status" tabindex="-1" class="status status-ok">{move || status.get()}</p>
            {problem.alert()}
            {list}
        </section>
    }
    .into_any()
}

/// One booking: when, which desk, for whom, its status; and while it is to
/// come, "Annuler" then the reason and the confirmation (hidden until asked).
fn item(
    t: &'static Texts,
    b: &Booking,
    now: i64,
    confirming: RwSignal<Option<String>>,
    reason: RwSignal<String>,
    cancel: Callback<Booking>,
    problem: &FormError,
) -> AnyView {
    let start = local_time::parse_instant(&b.start).unwrap_or_default();
    let end = local_time::parse_instant(&b.end).unwrap_or_default();
    let name = b.person_name.clone().unwrap_or_default();
    let id = b.id.to_string();
    let cancellable = b.status == BookingStatus::Confirmed && end > now;
    let controls = cancellable.then(|| {
        let cancel_id = dom_ids::item(dom_ids::DAY_CANCEL, &id);
        let reason_id = dom_ids::item(dom_ids::DAY_CANCEL_REASON, &id);
        let booking = b.clone();
        let ask = {
            let (id, reason_id) = (id.clone(), reason_id.clone());
            move |_| {
                reason.set(String::new());
                confirming.set(Some(id.clone()));
                focus_soon(reason_id.clone());
            }
        };
        let not_asked = {
            let id = id.clone();
            move || confirming.with(|c| c.as_deref() != Some(id.as_str()))
        };
        let back = cancel_id.clone();
        view! {
            <button
                id=cancel_id
                type="button"
                class="button-danger-outline"
                aria-label=t.office.cancel_booking_of.replace("{name}", &name)
                on:click=ask
            >
                {t.cancel}
            </button>
            <div class="confirm-box" hidden=not_asked>
                <p><strong>{t.office.cancel_booking_of.replace("{name}", &name)}</strong></p>
                {field(Field::new(reason_id, t.office.cancel_reason_label, "text", reason).limit(shared::text::CANCEL_REASON), problem)}
                <div class="secondary-actions">
                    <button
                        id=dom_ids::item(dom_ids::DAY_CANCEL_YES, &id)
                        type="button"
                        class="button-danger"
                        on:click=move |_| cancel.run(booking.clone())
                    >
                        {t.cancel_yes}
                    </button>
                    <button
                        type="button"
                        class="button-secondary"
                        on:click=move |_| {
                            confirming.set(None);
                            focus_soon(back.clone());
                        }
                    >
                        {t.cancel_no}
                    </button>
                </div>
            </div>
        }
    });
    view! {
        <li id=dom_ids::item(dom_ids::DAY_BOOKING, &id) class="item">
            <p class="item-title">{format!("{} · {}", local_time::hours(&b.time_zone, start, end), b.resource_name)}</p>
            <p>{name.clone()}</p>
            <p class="item-details">
                <strong>{t.status(b.status)}</strong>
                {b.cancel_reason.clone().map(|r| format!(" · {r}"))}
            </p>
            {controls}
        </li>
    }
    .into_any()
}
