//! "Ajouter à mon agenda": the private feed URL of one's bookings, a copy
//! button, how to subscribe in the common calendar apps, and a way to make a
//! new link when the old one was shared by mistake. Hosts find their site's
//! feed with the same component on their page.

use leptos::prelude::*;
use shared::{dom_ids, routes};

use crate::auth::guarded;
use crate::components::feed_link::{FeedLink, texts};
use crate::i18n::use_lang;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{move || t().title}</h1>
        <p id=dom_ids::PAGE_HELP class="intro">{move || t().intro}</p>
        {guarded(|_| true, |t| t.must_sign_in, move |_| view! {
            <FeedLink
                get=routes::MY_CALENDAR.to_owned()
                rotate=routes::MY_CALENDAR_ROTATE.to_owned()
                id=dom_ids::CALENDAR_URL.to_owned()
            />
            <HowToSubscribe/>
        })}
    }
}

#[component]
fn HowToSubscribe() -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = texts(lang.get());
        view! {
            <section class="panel" aria-labelledby="calendar-how-title">
                <h2 id="calendar-how-title">{t.how_title}</h2>
                <dl class="how-to">
                    {t.how.iter().map(|(app, steps)| view! { <dt>{*app}</dt><dd>{*steps}</dd> }).collect_view()}
                </dl>
            </section>
        }
    }
}
