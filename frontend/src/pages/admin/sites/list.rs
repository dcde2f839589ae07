//! The network's sites, each with "Modifier" and "Retirer".

use leptos::prelude::*;
use shared::dom_ids;

use super::state::NetworkSitesState;
use crate::components::confirm::{Ask, confirm_then_act};
use crate::words::resource_summary;

#[component]
pub fn SiteList(state: NetworkSitesState) -> impl IntoView {
    let NetworkSitesState {
        lang,
        sites,
        confirming,
        ..
    } = state;
    move || {
        let t = lang.get().texts();
        let all = match sites.get()? {
            Ok(all) => all,
            Err(e) => {
                return Some(
                    view! { <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p> }
                        .into_any(),
                );
            }
        };
        let items = all
            .into_iter()
            .map(|site| {
                let id = site.id.to_string();
                let retire_id = dom_ids::item(dom_ids::ADMIN_SITE_RETIRE, &id);
                let yes_id = dom_ids::item(dom_ids::ADMIN_SITE_RETIRE_YES, &id);
                let details = format!("{} · {}", site.commune_name, resource_summary(t, &site));
                let edit_label = t.office.edit_named.replace("{name}", &site.name);
                let name = site.name.clone();
                let (to_edit, to_retire) = (site.clone(), site);
                let (retire_button, retire_question) = confirm_then_act(
                    confirming,
                    Ask::retire(t, id.clone(), retire_id, yes_id, &name),
                    Callback::new(move |()| state.retire(to_retire.clone())),
                );
                view! {
                    <li class="item">
                        <p class="item-title">{name}</p>
                        <p class="item-details">{details}</p>
                        <div class="secondary-actions">
                            <button
                                id=dom_ids::item(dom_ids::ADMIN_SITE_EDIT, &id)
                                type="button"
                                aria-label=edit_label
                                on:click=move |_| state.open(Some(to_edit.clone()))
                            >
                                {t.office.edit}
                            </button>
                            {retire_button}
                        </div>
                        {retire_question}
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul id=dom_ids::ADMIN_SITE_LIST class="item-list">{items}</ul> }.into_any())
    }
}
