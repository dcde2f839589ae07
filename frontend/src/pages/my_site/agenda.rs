//! "Agenda": the site's bookings day by day (a booking can be cancelled
//! there, with a reason the person sees), and the private link that puts
//! them all in a calendar app, in the words of a site's calendar rather
//! than of the host's own.

use leptos::prelude::*;
use shared::ids::SiteId;
use shared::{dom_ids, routes};

use super::state::use_host;
use crate::components::feed_link::{FeedLink, site_texts};
use crate::components::site_admin::DayView;
use crate::i18n::use_lang;

#[component]
pub fn AgendaSection() -> impl IntoView {
    let host = use_host();
    move || host.site.get().map(|site_id| view! { <Agenda site_id/> })
}

#[component]
fn Agenda(site_id: SiteId) -> impl IntoView {
    let lang = use_lang();
    let id = site_id.to_string();
    let path = |route: &str| routes::fill(route, &[("site_id", &id)]);
    let title_id = format!("site-calendar-{site_id}-title");
    view! {
        <DayView site_id/>
        <section class="subpanel" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone()>{move || site_texts(lang.get()).title}</h3>
            <p class="hint">{move || site_texts(lang.get()).intro}</p>
            <FeedLink
                get=path(routes::SITE_CALENDAR)
                rotate=path(routes::SITE_CALENDAR_ROTATE)
                id=dom_ids::item(dom_ids::SITE_CALENDAR_URL, site_id)
                words=site_texts
            />
        </section>
    }
}
