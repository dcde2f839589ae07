//! The week ahead at the site: per day, how many bookings, or closed.

use leptos::prelude::*;
use shared::dom_ids;

use super::state::Live;
use crate::local_time;

#[component]
pub fn Week(live: Live) -> impl IntoView {
    let Live { lang, board, .. } = live;
    let days = move || {
        let t = lang.get().texts();
        board.with(|b| {
            b.iter()
                .flat_map(|b| b.week.iter())
                .map(|d| {
                    let day = local_time::parse_date(&d.day)
                        .map(|n| t.date_words(n))
                        .unwrap_or_else(|| d.day.clone());
                    let what = if d.closed {
                        t.office.week_closed.to_owned()
                    } else {
                        t.count(t.office.week_bookings, d.bookings as usize)
                    };
                    let line = t
                        .office
                        .week_line
                        .replace("{day}", &day)
                        .replace("{what}", &what);
                    view! { <li>{line}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel" aria-labelledby="live-week-title">
            <h2 id="live-week-title">{move || lang.get().texts().office.week_title}</h2>
            <ul id=dom_ids::LIVE_WEEK class="plain-list">{days}</ul>
        </section>
    }
}
