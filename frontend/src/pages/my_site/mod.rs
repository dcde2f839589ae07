//! "Mon site", for hosts: one section at a time, each at its own address
//! with `?site={id}` (`pages::MY_SITE_SECTIONS`): today (places taken, who
//! is coming, who cancelled, the live view and the poster), the settings and
//! hours, the spaces, the closures, the bookings day by day with the site's
//! calendar feed, and the people without e-mail the site books for. On a
//! phone the whole was once thirteen thousand pixels tall.
//!
//! This page is the frame: the site's name, the chooser of sites, the links
//! to the sections and the section's heading. The router swaps the section
//! under it (`Outlet`), so the focus stays on the link just followed. Which
//! site is shown is in `state.rs`; each section is a file of its own.

mod agenda;
mod editors;
mod people;
mod people_forms;
mod sections;
mod state;
mod today;

pub use agenda::AgendaSection;
pub use editors::{ClosuresSection, SettingsSection, SpacesSection};
pub use people::PeopleSection;
pub use today::TodaySection;

use leptos::prelude::*;
use leptos_router::components::Outlet;
use shared::api::Me;
use shared::dom_ids;

use crate::auth::guarded;
use crate::i18n::{tr, use_lang};
use sections::{Section, SectionLinks, SiteChooser};
use state::Host;

fn hosts(me: &Me) -> bool {
    me.hosted_sites().next().is_some()
}

#[component]
pub fn MySitePage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.office.my_site_title)}</h1>
        {guarded(hosts, |t| t.office.hosts_only, |me| {
            let host = Host::new(&me);
            provide_context(host);
            view! { <Frame host/> }
        })}
    }
}

#[component]
fn Frame(host: Host) -> impl IntoView {
    let lang = use_lang();
    let section = Section::current();
    let title_id = format!("{}-title", dom_ids::MY_SITE_SECTION);
    let refused = move || {
        view! { <p id=dom_ids::ACCESS_REFUSED class="notice">{tr(|t| t.office.not_host_here)}</p> }
    };
    view! {
        <p class="intro">{move || host.site.get().map(|site| host.name_of(site))}</p>
        <SiteChooser host section/>
        <Show when=move || host.site.get().is_some() fallback=refused>
            <SectionLinks host section/>
            <section id=dom_ids::MY_SITE_SECTION class="panel" aria-labelledby=title_id.clone()>
                <h2 id=title_id.clone()>{move || section.get().name(lang.get().texts())}</h2>
                <Outlet/>
            </section>
        </Show>
    }
}
