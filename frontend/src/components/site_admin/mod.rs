//! Running a site: its settings, weekly hours and booking rules, its
//! resources, its closures, and the host's view of one day's bookings.
//! The administration page (any site, and new ones, all on one panel) and
//! "Mon site" (the sites a host runs, one section each) show the same
//! components.

mod closures;
mod day;
mod editor;
mod resources;

pub use closures::ClosuresEditor;
pub use day::DayView;
pub use editor::SiteEditor;
pub use resources::ResourcesEditor;

use leptos::prelude::*;
use shared::api::{Commune, Site};

/// `<prefix>-<key>`: the ids of the editors, `key` being the site's id or `new`.
fn id_of(prefix: &str, key: &str) -> String {
    shared::dom_ids::item(prefix, key)
}

/// Settings, resources and closures of one existing site.
#[component]
pub fn SiteAdmin(
    site: Site,
    communes: Vec<Commune>,
    /// Called with the site as saved (the administration page renames it in its list).
    #[prop(optional)]
    on_saved: Option<Callback<Site>>,
) -> impl IntoView {
    let site_id = site.id;
    let resources = site.resources.clone();
    let on_saved = on_saved.unwrap_or_else(|| Callback::new(|_| {}));
    view! {
        <SiteEditor site=Some(site) communes on_saved/>
        <ResourcesEditor site_id resources/>
        <ClosuresEditor site_id/>
    }
    .into_any()
}
