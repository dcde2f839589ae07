//! "Sites du réseau": every site, its editor, new sites, retiring one.
//! The signals and what the buttons do are in `state.rs`; the list and the
//! editing panel are components of their own.

mod list;
mod panel;
mod state;

use leptos::prelude::*;
use shared::api::Site;
use shared::{ErrorDetail, dom_ids};

use crate::i18n::tr;
use list::SiteList;
use panel::SitePanel;
use state::NetworkSitesState;

/// "Sites du réseau": every site with "Modifier" and "Retirer", "Nouveau
/// site", and under the list the panel that edits one.
#[component]
pub fn NetworkSites(sites: LocalResource<Result<Vec<Site>, ErrorDetail>>) -> impl IntoView {
    let state = NetworkSitesState::new(sites);
    const TITLE: &str = "admin-sites-title";
    view! {
        <section class="panel" aria-labelledby=TITLE>
            <h2 id=TITLE>{tr(|t| t.office.network_sites_title)}</h2>
            <p class="hint">{tr(|t| t.office.network_sites_intro)}</p>
            <p id=dom_ids::ADMIN_SITES_STATUS role="status" tabindex="-1" class="status status-ok">
                {move || state.status.get()}
            </p>
            {state.problem().alert()}
            <Suspense fallback=move || view! { <p class="notice">{tr(|t| t.loading)}</p> }><SiteList state/></Suspense>
            <p>
                <button id=dom_ids::ADMIN_SITE_NEW type="button" on:click=move |_| state.open(None)>
                    {tr(|t| t.office.new_site)}
                </button>
            </p>
        </section>
        <SitePanel state/>
    }
}
