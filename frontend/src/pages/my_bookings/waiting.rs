//! The waiting lists the person is on, each with a button to leave it.

use leptos::prelude::*;
use shared::api::{WaitlistEntry, WaitlistStatus};
use shared::{dom_ids, routes};

use super::state::Mine;
use crate::local_time;

/// Only the entries still waiting: a served one is a booking above.
pub fn waiting_lists(mine: Mine) -> Option<impl IntoView> {
    let Mine {
        lang,
        waitlist,
        site_names,
        ..
    } = mine;
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
                        on:click=move |_| mine.cancel_at(path.clone(), |t| t.waitlist_left)
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
}
