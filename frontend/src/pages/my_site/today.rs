//! Today at the site, at a glance: how many desks are taken, who is coming
//! (when, which space, arrived or not), whose booking of the day was
//! cancelled, and the live view and the poster. Read once from the live
//! view's board (`GET /api/v1/sites/{id}/board`, which holds every booking
//! of the day, cancelled ones included); the live view follows it as it
//! changes.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{BookingStatus, LiveBoard, LiveBooking, ResourceKind};
use shared::dom_ids;
use shared::ids::SiteId;
use shared::routes::{self, pages};

use super::state::use_host;
use crate::api;
use crate::i18n::{Texts, tr, use_lang};
use crate::local_time;

#[component]
pub fn TodaySection() -> impl IntoView {
    let host = use_host();
    move || {
        host.site.get().map(|site_id| {
            let site_name = host.name_of(site_id);
            view! { <Today site_id site_name/> }
        })
    }
}

#[component]
fn Today(site_id: SiteId, site_name: String) -> impl IntoView {
    let lang = use_lang();
    let path = routes::fill(routes::SITE_BOARD, &[("site_id", &site_id.to_string())]);
    let board = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get_json::<LiveBoard>(&path).await }
    });
    let summary = move || {
        let answer = board.get()?;
        let t = lang.get().texts();
        Some(match answer {
            Err(e) => view! {
                <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
            }
            .into_any(),
            Ok(board) => summary(t, &board),
        })
    };
    view! {
        <Suspense fallback=move || view! { <p class="notice">{tr(|t| t.office.live_loading)}</p> }>
            {summary}
        </Suspense>
        <DoorLinks site_id site_name/>
    }
}

/// Desks taken today, and how many desks the site has. A booking taken
/// back (cancelled, or released when nobody came) leaves its desk free; a
/// site without desks counts its other spaces.
fn desks_taken(board: &LiveBoard) -> (usize, usize) {
    let desks: Vec<_> = board
        .resources
        .iter()
        .filter(|r| r.kind == ResourceKind::Desk)
        .collect();
    let spaces = if desks.is_empty() {
        board.resources.iter().collect()
    } else {
        desks
    };
    let taken = spaces
        .iter()
        .filter(|r| {
            r.bookings.iter().any(|b| {
                matches!(
                    b.status,
                    BookingStatus::Confirmed | BookingStatus::CheckedIn | BookingStatus::Completed
                )
            })
        })
        .count();
    (taken, spaces.len())
}

/// A booking of the day with the name of its space.
struct Line {
    booking: LiveBooking,
    space: String,
    start: i64,
    end: i64,
}

/// Every booking of the day, by start: those still standing, and the cancelled ones.
fn lines(board: &LiveBoard) -> (Vec<Line>, Vec<Line>) {
    let at = |text: &str| local_time::parse_instant(text).unwrap_or_default();
    let mut all: Vec<Line> = board
        .resources
        .iter()
        .flat_map(|r| {
            r.bookings.iter().map(|b| Line {
                booking: b.clone(),
                space: r.name.clone(),
                start: at(&b.start),
                end: at(&b.end),
            })
        })
        .collect();
    all.sort_by_key(|line| line.start);
    all.into_iter()
        .partition(|line| line.booking.status != BookingStatus::Cancelled)
}

fn summary(t: &'static Texts, board: &LiveBoard) -> AnyView {
    let (taken, total) = desks_taken(board);
    let (one, several) = t.office.desks_taken;
    let count = if taken < 2 { one } else { several }
        .replace("{taken}", &taken.to_string())
        .replace("{total}", &total.to_string());
    let day = local_time::parse_date(&board.day).map(|d| t.date_words(d));
    let (coming, cancelled) = lines(board);
    let zone = board.time_zone.as_str();
    let coming_title = format!("{}-title", dom_ids::MY_SITE_COMING);
    let cancelled_title = format!("{}-title", dom_ids::MY_SITE_CANCELLED);
    view! {
        <p class="intro">{day}</p>
        <p id=dom_ids::MY_SITE_TAKEN class="today-count">{count}</p>
        <h3 id=coming_title.clone()>{t.office.coming_title}</h3>
        {list(
            dom_ids::MY_SITE_COMING,
            &coming_title,
            t.office.coming_none,
            coming.iter().map(|line| (title(zone, line), presence(t, zone, line))).collect(),
        )}
        <h3 id=cancelled_title.clone()>{t.office.cancelled_title}</h3>
        {list(dom_ids::MY_SITE_CANCELLED, &cancelled_title, t.office.cancelled_none, cancelled.iter().map(|line| {
            (title(zone, line), line.space.clone())
        }).collect())}
    }
    .into_any()
}

/// "Poste 1 · arrivé·e · 10:02": the space, and where the person stands.
fn presence(t: &'static Texts, zone: &str, line: &Line) -> String {
    let b = &line.booking;
    let arrived = b
        .checked_in_at
        .as_deref()
        .and_then(local_time::parse_instant)
        .filter(|_| b.checked_out_at.is_none())
        .map(|when| format!(" · {}", local_time::clock(zone, when)));
    format!(
        "{} · {}{}",
        line.space,
        t.office.presence_of(b),
        arrived.unwrap_or_default()
    )
}

/// "08:30–12:30 · Alice Martin".
fn title(zone: &str, line: &Line) -> String {
    format!(
        "{} · {}",
        local_time::hours(zone, line.start, line.end),
        line.booking.person_name
    )
}

/// The items (title, details) under the heading `labelled_by`, or the
/// sentence that says there are none.
fn list(id: &str, labelled_by: &str, none: &'static str, items: Vec<(String, String)>) -> AnyView {
    if items.is_empty() {
        return view! { <p id=id.to_owned() class="notice">{none}</p> }.into_any();
    }
    view! {
        <ul id=id.to_owned() class="item-list" aria-labelledby=labelled_by.to_owned()>
            {items.into_iter().map(|(title, details)| view! {
                <li class="item">
                    <p class="item-title">{title}</p>
                    <p class="item-details">{details}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// « Vue en direct » and « Affiche du jour », each naming the site for a
/// screen reader (a host may run several).
#[component]
fn DoorLinks(site_id: SiteId, site_name: String) -> impl IntoView {
    let lang = use_lang();
    let named = move |pick: fn(&'static Texts) -> &'static str| {
        let site_name = site_name.clone();
        move || pick(lang.get().texts()).replace("{site}", &site_name)
    };
    view! {
        <p class="form-actions">
            <A
                href=pages::of_site(pages::LIVE, site_id)
                attr:id=dom_ids::item(dom_ids::MY_SITE_LIVE, site_id)
                attr:class="button"
                attr:aria-label=named(|t| t.office.live_link_named)
            >
                {tr(|t| t.office.live_link)}
            </A>
            <A
                href=pages::of_site(pages::POSTER, site_id)
                attr:id=dom_ids::item(dom_ids::MY_SITE_POSTER, site_id)
                attr:class="button button-secondary"
                attr:aria-label=named(|t| t.office.poster_link_named)
            >
                {tr(|t| t.office.poster_link)}
            </A>
        </p>
    }
}
