//! For network administrators: the network's sites (created, edited,
//! retired: `sites/`), and API keys for machines (door controllers,
//! kiosks, statistics pipelines: `api_keys.rs`). A new key is shown once,
//! then only its prefix.

mod api_keys;
mod sites;

use leptos::prelude::*;
use shared::api::Me;
use shared::dom_ids;

use crate::api;
use crate::auth::guarded;
use crate::i18n::tr;
use api_keys::ApiKeys;
use sites::NetworkSites;

#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.office.admin_title)}</h1>
        {guarded(Me::is_network_admin, |t| t.office.admins_only, |_| {
            // One list of sites for both sections: a site created or retired shows in both.
            let sites = api::sites();
            view! { <NetworkSites sites/><ApiKeys sites/> }
        })}
    }
}
