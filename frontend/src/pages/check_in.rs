//! Where the site's daily poster leads (`/pointage?site=…&code=…`): a
//! person at the site presses one button to say they have arrived, and their
//! booking there now is checked in. Signed out, they sign in first and come
//! back to this very address.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api::{Booking, PosterCheckIn, Site};
use shared::error::codes;
use shared::ids::SiteId;
use shared::routes::{self, pages};
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::auth::{come_back_here, use_auth};
use crate::components::forms::focus_soon;
use crate::i18n::{Texts, tr, use_lang};
use crate::local_time;

#[component]
pub fn CheckInPage() -> impl IntoView {
    let (site, code) = use_query_map().with_untracked(|q| {
        (
            q.get("site")
                .and_then(|s| s.parse::<i64>().ok())
                .map(SiteId),
            q.get("code").filter(|c| !c.trim().is_empty()),
        )
    });
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.door.check_in_title)}</h1>
        {match (site, code) {
            (Some(site), Some(code)) => view! { <CheckIn site code/> }.into_any(),
            _ => view! {
                <p class="notice notice-error" role="alert">{tr(|t| t.door.check_in_incomplete)}</p>
            }
            .into_any(),
        }}
    }
}

/// Where the page stands with the person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Checking,
    SignedOut,
    SignedIn,
}

#[component]
fn CheckIn(site: SiteId, code: String) -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let site_name = RwSignal::new(String::new());
    let done = RwSignal::new(None::<Booking>);
    let failure = RwSignal::new(None::<ErrorDetail>);
    let busy = RwSignal::new(false);
    let path = routes::fill(routes::SITE, &[("site_id", &site.to_string())]);
    spawn_local(async move {
        if let Ok(site) = api::get_json::<Site>(&path).await {
            site_name.set(site.name);
        }
    });
    let who = Memo::new(
        move |_| match (auth.checked.get(), auth.me.with(Option::is_some)) {
            (false, _) => Who::Checking,
            (true, false) => Who::SignedOut,
            (true, true) => Who::SignedIn,
        },
    );
    let arrive = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let path = routes::fill(routes::SITE_CHECK_IN, &[("site_id", &site.to_string())]);
        let body = PosterCheckIn { code: code.clone() };
        spawn_local(async move {
            let answer = api::post_json::<_, Booking>(&path, &body).await;
            busy.set(false);
            match answer {
                Ok(booking) => {
                    failure.set(None);
                    done.set(Some(booking));
                    focus_soon(dom_ids::CHECK_IN_DONE);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::CHECK_IN_ERROR);
                }
            }
        });
    };
    let body = move || match who.get() {
        Who::Checking => {
            view! { <p class="notice" role="status">{tr(|t| t.checking_session)}</p> }.into_any()
        }
        Who::SignedOut => view! {
            <div id=dom_ids::CHECK_IN_SIGN_IN class="notice notice-info">
                <p>{tr(|t| t.door.check_in_sign_in)}</p>
                <p>
                    <A href=pages::SIGN_IN attr:class="button" on:click=|_| come_back_here()>
                        {tr(|t| t.go_to_sign_in)}
                    </A>
                </p>
            </div>
        }
        .into_any(),
        Who::SignedIn => view! {
            <p class="intro">{tr(|t| t.door.check_in_intro)}</p>
            <button
                id=dom_ids::CHECK_IN_CONFIRM
                type="button"
                class="button-large"
                hidden=move || done.with(Option::is_some)
                aria-disabled=move || busy.get().then_some("true")
                on:click=arrive.clone()
            >
                {tr(|t| t.door.arrived)}
            </button>
        }
        .into_any(),
    };
    view! {
        <p class="intro">{move || site_name.get()}</p>
        {body}
        <div id=dom_ids::CHECK_IN_DONE role="status" tabindex="-1">
            {move || done.get().map(|b| done_view(lang.get().texts(), &b))}
        </div>
        {move || failure.get().map(|e| refusal(lang.get().texts(), &e))}
    }
}

/// « C'est noté, bonne journée ! » and the booking's hours, space and site.
fn done_view(t: &'static Texts, booking: &Booking) -> impl IntoView + use<> {
    let at = |text: &str| local_time::parse_instant(text).unwrap_or_default();
    let what = format!(
        "{} · {} · {}",
        local_time::hours(&booking.time_zone, at(&booking.start), at(&booking.end)),
        booking.resource_name,
        booking.site_name
    );
    view! {
        <div class="notice notice-info">
            <p><strong>{t.door.check_in_done}</strong></p>
            <p>{t.door.check_in_booking.replace("{what}", &what)}</p>
        </div>
    }
}

/// Why not, in plain words; with no booking here now, a way to book one.
fn refusal(t: &'static Texts, e: &ErrorDetail) -> impl IntoView + use<> {
    let sentence = if e.code == codes::INVALID_CODE {
        t.door.err_poster_code
    } else {
        t.error_message(&e.code)
    };
    let book = (e.code == codes::NO_BOOKING_NOW).then(|| {
        view! { <p><A href=pages::BOOK attr:class="button">{t.door.book_here}</A></p> }
    });
    view! {
        <div id=dom_ids::CHECK_IN_ERROR class="notice notice-error" role="alert" tabindex="-1">
            <p>{sentence}</p>
            {book}
        </div>
    }
}
