//! The search: a day, a part of the day, a kind of space, a place nearby
//! (which sorts the results, nearest first, and hides none).
//! Drawn again only when the language changes; the fields keep their values.

use leptos::prelude::*;
use shared::api::ResourceKind;
use shared::dom_ids;

use super::state::{Booking, PARTS};
use crate::local_time;

/// Every change asks again.
#[component]
pub fn SearchForm(booking: Booking) -> impl IntoView {
    let Booking {
        lang,
        today,
        date,
        part,
        kind,
        near,
        sites,
        chosen,
        ..
    } = booking;
    move || {
        let t = lang.get().texts();
        let parts = PARTS
            .iter()
            .zip(t.part_names)
            .map(|(&(key, _), name)| {
                let id = dom_ids::item(dom_ids::BOOK_PART, key);
                view! {
                    <div class="choice">
                        <input
                            type="radio"
                            id=id.clone()
                            name="part"
                            value=key
                            checked=part.with_untracked(|p| p == key)
                            on:change=move |_| {
                                part.set(key.to_owned());
                                chosen.set(None);
                            }
                        />
                        <label for=id>{name}</label>
                    </div>
                }
            })
            .collect_view();
        let kinds = ResourceKind::ALL
            .iter()
            .zip(t.kind_names)
            .map(|(k, name)| {
                let key = k.as_str();
                view! { <option value=key selected=kind.with_untracked(|v| v == key)>{name}</option> }
            })
            .collect_view();
        view! {
            <p class="intro">{t.book_intro}</p>
            <form class="form panel" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for=dom_ids::BOOK_DATE>{t.date_label}</label>
                    <input
                        id=dom_ids::BOOK_DATE
                        type="date"
                        min=local_time::format_date(today)
                        prop:value=date.get_untracked()
                        on:change=move |ev| {
                            date.set(event_target_value(&ev));
                            booking.search();
                        }
                    />
                </div>
                <fieldset class="choices">
                    <legend>{t.part_legend}</legend>
                    {parts}
                </fieldset>
                <div class="field">
                    <label for=dom_ids::BOOK_KIND>{t.kind_label}</label>
                    <select
                        id=dom_ids::BOOK_KIND
                        on:change=move |ev| {
                            kind.set(event_target_value(&ev));
                            booking.search();
                        }
                    >
                        {kinds}
                    </select>
                </div>
                <div class="field">
                    <label for=dom_ids::BOOK_NEAR>{t.near_label}</label>
                    // Why a site far away is still listed: all are, the nearest first.
                    <p id=dom_ids::BOOK_NEAR_HINT class="hint">{t.near_hint}</p>
                    <select
                        id=dom_ids::BOOK_NEAR
                        aria-describedby=dom_ids::BOOK_NEAR_HINT
                        on:change=move |ev| {
                            near.set(event_target_value(&ev));
                            booking.search();
                        }
                    >
                        <option value="">{t.near_any}</option>
                        {move || {
                            sites.with(|list| {
                                list.iter()
                                    .map(|site| {
                                        let id = site.id.to_string();
                                        let selected = near.with_untracked(|n| *n == id);
                                        view! { <option value=id selected=selected>{site.name.clone()}</option> }
                                    })
                                    .collect_view()
                            })
                        }}
                    </select>
                </div>
            </form>
        }
    }
}
