//! The panel under the list that edits one site, or creates a new one.

use leptos::prelude::*;
use shared::api::Site;
use shared::dom_ids;

use super::state::{NetworkSitesState, PANEL_STATUS};
use crate::components::forms::sorted;
use crate::components::site_admin::{SiteAdmin, SiteEditor};
use crate::i18n::tr;

const PANEL_TITLE: &str = "site-admin-title";

/// Built again only when what is edited changes (and once the communes
/// have come), not with the language or the list: the editor keeps what
/// is being typed.
#[component]
pub fn SitePanel(state: NetworkSitesState) -> impl IntoView {
    let NetworkSitesState {
        sites,
        communes,
        editing,
        creating,
        panel_status,
        ..
    } = state;
    move || {
        let site = editing.get();
        if site.is_none() && !creating.get() {
            return None;
        }
        // Without the communes the editor still opens, with an empty choice.
        let Some(list) = communes.get() else {
            return Some(
                view! { <p class="notice" role="status">{tr(|t| t.checking_session)}</p> }
                    .into_any(),
            );
        };
        let list = list.map(sorted).unwrap_or_default();
        let (heading, body) = match site {
            Some(site) => {
                let id = site.id;
                (
                    view! { {move || state.name_of(id)} }.into_any(),
                    view! { <SiteAdmin site communes=list on_saved=Callback::new(move |_| sites.refetch())/> }
                        .into_any(),
                )
            }
            None => (
                view! { {tr(|t| t.office.new_site_title)} }.into_any(),
                view! {
                    <SiteEditor site=None communes=list on_saved=Callback::new(move |site: Site| state.created(site))/>
                }
                .into_any(),
            ),
        };
        Some(
            view! {
                <section id=dom_ids::SITE_ADMIN class="panel" tabindex="-1" aria-labelledby=PANEL_TITLE>
                    <div class="panel-head">
                        <h2 id=PANEL_TITLE>{heading}</h2>
                        <button id=dom_ids::SITE_ADMIN_CLOSE type="button" class="button-secondary" on:click=move |_| state.close()>
                            {tr(|t| t.office.close)}
                        </button>
                    </div>
                    <p id=PANEL_STATUS role="status" tabindex="-1" class="status status-ok">
                        {move || panel_status.get()}
                    </p>
                    {body}
                </section>
            }
            .into_any(),
        )
    }
}
