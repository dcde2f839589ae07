//! A host's live view of a site (`/mon-site/direct?site=…`): per space,
//! free now or not and the day's bookings with where each person stands,
//! and buttons to note an arrival, a departure or an absence, or to print a
//! pass; the week ahead; booking at the desk for an assisted person; the
//! poster of the day; the access log. The board comes again whenever a
//! booking of the site changes (`stream.rs`); if the stream stops, the last
//! board stays with a line that says so.
//!
//! The signals and what the buttons do are in `state.rs`; each part of the
//! page is a file of its own.

mod board;
mod log;
mod plan;
mod state;
mod stream;
mod walk_in;
mod week;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api::Me;
use shared::dom_ids;
use shared::ids::SiteId;
use shared::routes::pages;

use crate::auth::guarded;
use crate::components::forms::ErrorAlert;
use crate::i18n::{Texts, tr};
use crate::local_time;
use board::Board;
use log::AccessLog;
use state::Live;
use stream::Link;
use walk_in::WalkIn;
use week::Week;

fn runs_a_site(me: &Me) -> bool {
    me.is_network_admin() || me.hosted_sites().next().is_some()
}

#[component]
pub fn LivePage() -> impl IntoView {
    let site = use_query_map()
        .with_untracked(|q| q.get("site"))
        .and_then(|s| s.parse::<i64>().ok())
        .map(SiteId);
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.office.live_title)}</h1>
        {guarded(runs_a_site, |t| t.office.hosts_only, move |me| match site {
            None => view! { <p class="notice">{tr(|t| t.office.site_missing)}</p> }.into_any(),
            Some(site) if !me.is_network_admin() && !me.hosted_sites().any(|(s, _)| s == site) => {
                view! { <p id=dom_ids::ACCESS_REFUSED class="notice">{tr(|t| t.office.not_host_here)}</p> }
                    .into_any()
            }
            Some(site) => view! { <LiveView site/> }.into_any(),
        })}
    }
}

#[component]
fn LiveView(site: SiteId) -> impl IntoView {
    let live = Live::new(site);
    live.start();
    let Live {
        lang,
        board,
        load_error,
        done,
        failure,
        ..
    } = live;
    let when = move || {
        board.with(|b| {
            b.as_ref().map(|b| {
                let t = lang.get().texts();
                let day = local_time::parse_date(&b.day).map(|d| t.date_words(d));
                format!("{} · {}", b.site_name, day.unwrap_or_default())
            })
        })
    };
    view! {
        <p class="intro">{when}</p>
        <p id=dom_ids::LIVE_STATUS role="status" aria-live="polite" class="status">
            {move || status_line(lang.get().texts(), live)}
        </p>
        <p hidden=move || live.link.get() != Link::Stopped>
            <button id=dom_ids::LIVE_RETRY type="button" class="button-secondary" on:click=move |_| live.follow()>
                {tr(|t| t.office.live_retry)}
            </button>
        </p>
        <ErrorAlert id=dom_ids::LOAD_ERROR.to_owned() error=load_error.read_only()/>
        <p id=dom_ids::LIVE_DONE role="status" tabindex="-1" class="status status-ok">{move || done.get()}</p>
        <ErrorAlert id=dom_ids::LIVE_ERROR.to_owned() error=failure.read_only()/>
        <div hidden=move || board.with(Option::is_none)>
            <p class="form-actions">
                <A href=pages::of_site(pages::POSTER, site) attr:id=dom_ids::LIVE_POSTER attr:class="button button-secondary">
                    {tr(|t| t.office.poster_link)}
                </A>
                <A href=pages::of_site(pages::MY_SITE, site)>{tr(|t| t.office.back_to_my_site)}</A>
            </p>
            <section class="panel live-panel" aria-labelledby="live-today-title">
                <h2 id="live-today-title">{tr(|t| t.office.today_title)}</h2>
                <Board live/>
            </section>
            <Week live/>
            <WalkIn live/>
            <AccessLog live/>
        </div>
    }
}

/// "En direct : mis à jour à 10:02." and the like, with the board's time.
fn status_line(t: &'static Texts, live: Live) -> String {
    let time = live.board.with(|b| {
        b.as_ref().map(|b| {
            let at = local_time::parse_instant(&b.generated_at).unwrap_or_else(local_time::now);
            local_time::clock(&b.time_zone, at)
        })
    });
    let Some(time) = time else {
        return if live.load_error.with(Option::is_some) {
            String::new()
        } else {
            t.office.live_loading.to_owned()
        };
    };
    let sentence = match live.link.get() {
        Link::Connecting => t.office.live_connecting,
        Link::Live => t.office.live_on,
        Link::Retrying => t.office.live_retrying,
        Link::Stopped => t.office.live_stopped,
    };
    sentence.replace("{time}", &time)
}
