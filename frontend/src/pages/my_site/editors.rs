//! The sections that edit the site, with the editors the administration
//! page shows too (`components::site_admin`): its settings and hours, its
//! spaces, its closures.

use leptos::prelude::*;
use shared::api::{Commune, Site};
use shared::error::codes;
use shared::ids::SiteId;
use shared::{ErrorDetail, dom_ids};

use super::state::use_host;
use crate::api;
use crate::components::forms::{error, sorted};
use crate::components::site_admin::{ClosuresEditor, ResourcesEditor, SiteEditor};
use crate::i18n::{tr, use_lang};

/// "Réglages et horaires": name, address, weekly hours, booking and door rules.
#[component]
pub fn SettingsSection() -> impl IntoView {
    let host = use_host();
    move || {
        host.site
            .get()
            .map(|site_id| view! { <Settings site_id may_move=host.may_move/> })
    }
}

#[component]
fn Settings(site_id: SiteId, may_move: bool) -> impl IntoView {
    let all_sites = api::sites();
    let communes = api::communes();
    let form = move || {
        // Without the communes the form still works, with "not in Lozère" only.
        let communes: Vec<Commune> = communes.get()?.map(sorted).unwrap_or_default();
        Some(site_in(all_sites.get()?, site_id).map(|site| {
            // A host keeps the site in its commune: the list offers only that one.
            let choices: Vec<Commune> = communes
                .into_iter()
                .filter(|c| may_move || c.insee == site.commune_insee)
                .collect();
            view! { <SiteEditor site=Some(site) communes=choices on_saved=Callback::new(|_| {})/> }
        }))
    };
    view! { <Suspense fallback=loading>{move || form().map(shown)}</Suspense> }
}

/// "Espaces": the desks, meeting rooms and phone booths.
#[component]
pub fn SpacesSection() -> impl IntoView {
    let host = use_host();
    move || host.site.get().map(|site_id| view! { <Spaces site_id/> })
}

#[component]
fn Spaces(site_id: SiteId) -> impl IntoView {
    let all_sites = api::sites();
    let editor = move || {
        Some(site_in(all_sites.get()?, site_id).map(|site| {
            view! { <ResourcesEditor site_id resources=site.resources/> }
        }))
    };
    view! { <Suspense fallback=loading>{move || editor().map(shown)}</Suspense> }
}

/// "Fermetures": the days the site is closed, by hand or from a calendar.
#[component]
pub fn ClosuresSection() -> impl IntoView {
    let host = use_host();
    move || {
        host.site
            .get()
            .map(|site_id| view! { <ClosuresEditor site_id/> })
    }
}

/// The site as `GET /api/v1/sites` lists it, or why it cannot be shown.
fn site_in(answer: Result<Vec<Site>, ErrorDetail>, site_id: SiteId) -> Result<Site, ErrorDetail> {
    answer?
        .into_iter()
        .find(|site| site.id == site_id)
        .ok_or_else(|| error(codes::NOT_FOUND))
}

/// An editor, or the sentence that says why there is none.
fn shown<V: IntoView + 'static>(editor: Result<V, ErrorDetail>) -> AnyView {
    match editor {
        Ok(editor) => editor.into_any(),
        Err(e) => {
            let lang = use_lang();
            view! {
                <p id=dom_ids::LOAD_ERROR class="notice notice-error" role="alert">
                    {move || lang.get().texts().error_message(&e.code)}
                </p>
            }
            .into_any()
        }
    }
}

fn loading() -> impl IntoView {
    view! { <p class="notice">{tr(|t| t.checking_session)}</p> }
}
