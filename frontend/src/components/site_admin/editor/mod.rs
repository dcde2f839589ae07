//! A site's settings, weekly hours and booking rules, in one form. The form
//! is checked with the server's own rule (`shared::site_checks`) before
//! anything is sent.

mod fields;
mod form;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Commune, Site};
use shared::{dom_ids, routes};

use super::id_of;
use crate::api;
use crate::components::forms::{FormError, focus_soon};
use crate::i18n::use_lang;
use fields::SiteFields;
use form::Form;

/// The settings form of a site (`site`), or of a new one (`None`). Saving
/// sends `PUT /api/v1/sites/{id}` or `POST /api/v1/sites`.
#[component]
pub fn SiteEditor(
    site: Option<Site>,
    communes: Vec<Commune>,
    on_saved: Callback<Site>,
) -> impl IntoView {
    let lang = use_lang();
    let site_id = site.as_ref().map(|s| s.id);
    let key = site_id.map_or_else(|| "new".to_owned(), |id| id.to_string());
    let time_zone = site
        .as_ref()
        .map(|s| s.time_zone.clone())
        .unwrap_or_default();
    let form = Form::new(site.as_ref());
    let problem = FormError::new(id_of(dom_ids::SITE_ERROR, &key));
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let status_id = id_of(dom_ids::SITE_STATUS, &key);
    let title_id = id_of("site-settings-title", &key);
    let postcodes: Vec<(String, String)> = communes
        .iter()
        .filter_map(|c| Some((c.insee.clone(), c.postcodes.first()?.clone())))
        .collect();

    let submit = {
        let problem = problem.clone();
        let status_id = status_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            saved.set(false);
            let input = match form.input(&time_zone, &postcodes) {
                Ok(input) => input,
                Err(code) => return problem.refuse(code),
            };
            busy.set(true);
            let problem = problem.clone();
            let status_id = status_id.clone();
            spawn_local(async move {
                let answer = match site_id {
                    Some(id) => {
                        let path = routes::fill(routes::SITE, &[("site_id", &id.to_string())]);
                        api::put_json::<_, Site>(&path, &input).await
                    }
                    None => api::post_json::<_, Site>(routes::SITES, &input).await,
                };
                busy.set(false);
                match answer {
                    Ok(site) => {
                        problem.clear();
                        saved.set(true);
                        focus_soon(status_id);
                        on_saved.run(site);
                    }
                    Err(e) => problem.show(e),
                }
            });
        }
    };

    let title = move || {
        let t = lang.get().texts();
        if site_id.is_some() {
            t.office.settings_title
        } else {
            t.office.new_site_title
        }
    };
    let button = move || {
        let t = lang.get().texts();
        match (busy.get(), site_id) {
            (true, _) => t.saving,
            (false, Some(_)) => t.save,
            (false, None) => t.office.create_site,
        }
    };
    view! {
        <section class="subpanel" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone()>{title}</h3>
            <form class="form" novalidate on:submit=submit>
                <SiteFields key=key.clone() form communes problem=problem.clone()/>
                {problem.alert()}
                <button
                    id=id_of(dom_ids::SITE_SAVE, &key)
                    type="submit"
                    aria-disabled=move || busy.get().then_some("true")
                >
                    {button}
                </button>
                <p id=status_id role="status" tabindex="-1" class="status status-ok">
                    {move || saved.get().then(|| lang.get().texts().saved)}
                </p>
            </form>
        </section>
    }
    .into_any()
}
