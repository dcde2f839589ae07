//! Before anything is booked: "sign in first" for a visitor, then the
//! confirmation panel with the quota preview and the weekly repeat.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::dom_ids;
use shared::routes::pages;

use super::state::{Booking, MAX_WEEKS};
use crate::local_time;

/// Shown when a visitor presses "Réserver".
#[component]
pub fn SignInFirst(booking: Booking) -> impl IntoView {
    let Booking {
        lang,
        auth,
        must_sign_in,
        ..
    } = booking;
    move || {
        let t = lang.get().texts();
        (must_sign_in.get() && auth.me.with(Option::is_none)).then(|| {
            view! {
                <div id=dom_ids::BOOK_SIGN_IN class="notice notice-info" tabindex="-1">
                    <p>{t.sign_in_to_book}</p>
                    <p>
                        <A
                            href=pages::SIGN_IN
                            attr:class="button"
                            // With the search in the address: the same one after signing in.
                            on:click=|_| crate::auth::come_back_here()
                        >
                            {t.go_to_sign_in}
                        </A>
                    </p>
                </div>
            }
        })
    }
}

/// What is about to be booked, and the buttons that book it or go back.
#[component]
pub fn ConfirmPanel(booking: Booking) -> impl IntoView {
    let Booking {
        lang,
        chosen,
        quotas,
        weeks,
        ..
    } = booking;
    move || {
        let t = lang.get().texts();
        chosen.with(|c| {
            c.as_ref().map(|c| {
                let rows = [
                    (t.place_label, c.site_name.clone()),
                    (t.space_label, c.resource_name.clone()),
                    (t.date_word, t.date_words(local_time::to_local(&c.zone, c.start).0)),
                    (t.hours_label, local_time::hours(&c.zone, c.start, c.end)),
                ]
                .into_iter()
                .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                .collect_view();
                let (c_site, c_start, c_end) = (c.site_id, c.start, c.end);
                let c_zone = c.zone.clone();
                view! {
                    <section
                        id=dom_ids::BOOK_CONFIRM_PANEL
                        class="panel"
                        tabindex="-1"
                        aria-labelledby="book-confirm-title"
                        data-resource=c.resource_id.to_string()
                        data-start=local_time::format_instant(c.start)
                        data-end=local_time::format_instant(c.end)
                    >
                        <h2 id="book-confirm-title">{t.confirm_title}</h2>
                        <dl class="hours">{rows}</dl>
                        {move || {
                            let (site, start, end) = (c_site, c_start, c_end);
                            quotas.with(|q| crate::components::quota_summary::preview(lang.get(), q, site, &c_zone, start, end))
                                .map(|sentence| view! { <p id=dom_ids::BOOK_QUOTA_PREVIEW class="notice">{sentence}</p> })
                        }}
                        <div class="field">
                            <label for=dom_ids::BOOK_REPEAT>{t.repeat_label}</label>
                            <select
                                id=dom_ids::BOOK_REPEAT
                                on:change=move |ev| {
                                    weeks.set(event_target_value(&ev).parse().unwrap_or(1));
                                }
                            >
                                {(1..=MAX_WEEKS).map(|n| {
                                    let text = if n == 1 {
                                        t.repeat_once.to_owned()
                                    } else {
                                        t.repeat_weeks.replace("{n}", &n.to_string())
                                    };
                                    view! { <option value=n.to_string() selected=weeks.get_untracked() == n>{text}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="form-actions">
                            <button id=dom_ids::BOOK_CONFIRM type="button" class="button-large" on:click=move |_| booking.confirm()>
                                {t.confirm_booking}
                            </button>
                            <button id=dom_ids::BOOK_CANCEL type="button" class="button-secondary" on:click=move |_| booking.back()>
                                {t.cancel}
                            </button>
                        </div>
                    </section>
                }
            })
        })
    }
}
