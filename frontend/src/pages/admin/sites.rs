//! "Sites du réseau": every site, its editor, new sites, retiring one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::Site;
use shared::ids::SiteId;
use shared::routes;
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::components::confirm::{Ask, confirm_then_act};
use crate::components::forms::{FormError, focus_soon, sorted};
use crate::components::site_admin::{SiteAdmin, SiteEditor};
use crate::i18n::{tr, use_lang};
use crate::words::resource_summary;

/// "Sites du réseau": every site with "Modifier" and "Retirer", "Nouveau
/// site", and under the list the panel that edits one.
#[component]
pub fn NetworkSites(sites: LocalResource<Result<Vec<Site>, ErrorDetail>>) -> impl IntoView {
    let lang = use_lang();
    let communes = api::communes();
    // The site being edited, or `creating` one.
    let editing = RwSignal::new(None::<Site>);
    let creating = RwSignal::new(false);
    // The site (by id) whose "Retirer" asks "really?".
    let confirming = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    // Said at the top of the editing panel ("… est créé").
    let panel_status = RwSignal::new(None::<String>);
    let problem = FormError::new(dom_ids::ADMIN_SITES_ERROR.to_owned());
    const TITLE: &str = "admin-sites-title";
    const PANEL_TITLE: &str = "site-admin-title";
    const PANEL_STATUS: &str = "site-admin-status";

    let name_of = move |id: SiteId| {
        sites
            .get()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|s| s.id == id))
            .map(|s| s.name)
            .unwrap_or_default()
    };
    let open = move |site: Option<Site>| {
        status.set(None);
        panel_status.set(None);
        creating.set(site.is_none());
        editing.set(site);
        focus_soon(dom_ids::SITE_ADMIN);
    };
    let close = move |_| {
        let back = match editing.get_untracked() {
            Some(site) => dom_ids::item(dom_ids::ADMIN_SITE_EDIT, site.id),
            None => dom_ids::ADMIN_SITE_NEW.to_owned(),
        };
        creating.set(false);
        editing.set(None);
        focus_soon(back);
    };

    let retire = {
        let problem = problem.clone();
        Callback::new(move |site: Site| {
            let problem = problem.clone();
            spawn_local(async move {
                let path = routes::fill(routes::SITE, &[("site_id", &site.id.to_string())]);
                let answer = api::delete(&path).await;
                confirming.set(None);
                match answer {
                    Ok(()) => {
                        problem.clear();
                        let t = lang.get_untracked().texts();
                        status.set(Some(t.retired_status.replace("{name}", &site.name)));
                        if editing.with_untracked(|e| e.as_ref().is_some_and(|e| e.id == site.id)) {
                            editing.set(None);
                        }
                        sites.refetch();
                        focus_soon(dom_ids::ADMIN_SITES_STATUS);
                    }
                    Err(e) => problem.show(e),
                }
            });
        })
    };

    let list = move || {
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
                let edit_label = t.edit_named.replace("{name}", &site.name);
                let name = site.name.clone();
                let (to_edit, to_retire) = (site.clone(), site);
                let (retire_button, retire_question) = confirm_then_act(
                    confirming,
                    Ask {
                        key: id.clone(),
                        button_id: retire_id,
                        yes_id,
                        label: t.retire,
                        aria_label: Some(t.retire_named.replace("{name}", &name)),
                        question: t.retire_question.replace("{name}", &name),
                        yes: t.retire_yes,
                        no: t.leave_it,
                    },
                    Callback::new(move |()| retire.run(to_retire.clone())),
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
                                on:click=move |_| open(Some(to_edit.clone()))
                            >
                                {t.edit}
                            </button>
                            {retire_button}
                        </div>
                        {retire_question}
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul id=dom_ids::ADMIN_SITE_LIST class="item-list">{items}</ul> }.into_any())
    };

    // Built again only when what is edited changes (and once the communes
    // have come), not with the language or the list: the editor keeps what
    // is being typed.
    let panel = move || {
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
                    view! { {move || name_of(id)} }.into_any(),
                    view! { <SiteAdmin site communes=list on_saved=Callback::new(move |_| sites.refetch())/> }
                        .into_any(),
                )
            }
            None => (
                view! { {tr(|t| t.new_site_title)} }.into_any(),
                view! {
                    <SiteEditor site=None communes=list on_saved=Callback::new(move |site: Site| {
                        let t = lang.get_untracked().texts();
                        panel_status.set(Some(t.site_created.replace("{name}", &site.name)));
                        creating.set(false);
                        editing.set(Some(site));
                        sites.refetch();
                        focus_soon(PANEL_STATUS);
                    })/>
                }
                .into_any(),
            ),
        };
        Some(
            view! {
                <section id=dom_ids::SITE_ADMIN class="panel" tabindex="-1" aria-labelledby=PANEL_TITLE>
                    <div class="panel-head">
                        <h2 id=PANEL_TITLE>{heading}</h2>
                        <button id=dom_ids::SITE_ADMIN_CLOSE type="button" class="button-secondary" on:click=close>
                            {tr(|t| t.close)}
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
    };

    view! {
        <section class="panel" aria-labelledby=TITLE>
            <h2 id=TITLE>{tr(|t| t.network_sites_title)}</h2>
            <p class="hint">{tr(|t| t.network_sites_intro)}</p>
            <p id=dom_ids::ADMIN_SITES_STATUS role="status" tabindex="-1" class="status status-ok">
                {move || status.get()}
            </p>
            {problem.alert()}
            <Suspense fallback=move || view! { <p class="notice">{tr(|t| t.loading)}</p> }>{list}</Suspense>
            <p>
                <button id=dom_ids::ADMIN_SITE_NEW type="button" on:click=move |_| open(None)>
                    {tr(|t| t.new_site)}
                </button>
            </p>
        </section>
        {panel}
    }
}
