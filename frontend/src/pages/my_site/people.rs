//! "Personnes": the people without e-mail the site books for, a form to add
//! one at the desk, a way to give one an address later (`people_forms.rs`),
//! and the proofs of eligibility the site's desk confirms.

use leptos::prelude::*;
use shared::api::{AssistedPerson, Commune};
use shared::dom_ids;
use shared::ids::SiteId;
use shared::routes;

use super::people_forms::{AddEmail, NewPerson};
use super::state::use_host;
use crate::api;
use crate::components::eligibility_desk::EligibilityDesk;
use crate::components::forms::sorted;
use crate::i18n::{tr, use_lang};

#[component]
pub fn PeopleSection() -> impl IntoView {
    let host = use_host();
    move || host.site.get().map(|site_id| view! { <People site_id/> })
}

#[component]
fn People(site_id: SiteId) -> impl IntoView {
    let communes = api::communes();
    let path = routes::fill(
        routes::ASSISTED_PEOPLE,
        &[("site_id", &site_id.to_string())],
    );
    let people = LocalResource::new({
        let path = path.clone();
        move || {
            let path = path.clone();
            async move { api::get_json::<Vec<AssistedPerson>>(&path).await }
        }
    });
    // "Jean Sans-Mail a été ajouté", "Adresse enregistrée…": one polite voice.
    let status = RwSignal::new(None::<String>);
    let heading_id = dom_ids::item(dom_ids::HOSTED_SITE, site_id);
    let forms = move || {
        // Without the communes the form still works, with "not in Lozère" only.
        let list: Vec<Commune> = communes.get()?.map(sorted).unwrap_or_default();
        let (path, names) = (path.clone(), list.clone());
        Some(view! {
            <Suspense fallback=move || view! { <p class="notice">{tr(|t| t.office.assisted_loading)}</p> }>
                <PersonList site_id people communes=names.clone() status/>
            </Suspense>
            <NewPerson path site_id communes=list status on_created=move || people.refetch()/>
        })
    };
    view! {
        <h3 id=format!("{heading_id}-assisted")>{tr(|t| t.office.assisted_title)}</h3>
        <p class="hint">{tr(|t| t.office.assisted_intro)}</p>
        <p id=dom_ids::item(dom_ids::ASSISTED_STATUS, site_id) role="status" class="status status-ok">
            {move || status.get()}
        </p>
        <Suspense fallback=move || view! { <p class="notice">{tr(|t| t.office.assisted_loading)}</p> }>
            {forms}
        </Suspense>
        <EligibilityDesk
            desk=format!("site-{site_id}")
            path=routes::fill(routes::SITE_ELIGIBILITY, &[("site_id", &site_id.to_string())])
            intro=|t| t.office.el_intro_site
        />
    }
}

/// The site's people without e-mail: commune, situation, address (or none,
/// with a form to add one).
#[component]
fn PersonList(
    site_id: SiteId,
    people: LocalResource<Result<Vec<AssistedPerson>, shared::ErrorDetail>>,
    communes: Vec<Commune>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let names = StoredValue::new(
        communes
            .iter()
            .map(|c| (c.insee.clone(), c.name.clone()))
            .collect::<Vec<_>>(),
    );
    move || {
        let result = people.get()?;
        let t = lang.get().texts();
        Some(match result {
            Err(e) => view! {
                <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
            }
            .into_any(),
            Ok(all) if all.is_empty() => view! {
                <p id=dom_ids::item(dom_ids::ASSISTED_LIST, site_id) class="notice">{t.office.assisted_none}</p>
            }
            .into_any(),
            Ok(all) => view! {
                <ul id=dom_ids::item(dom_ids::ASSISTED_LIST, site_id) class="item-list">
                    {all.into_iter().map(|person| {
                        let commune = person.commune_insee.as_ref().and_then(|insee| {
                            names.with_value(|n| n.iter().find(|(i, _)| i == insee).map(|(_, name)| name.clone()))
                        });
                        let situation: Vec<&str> = person.categories.iter().map(|c| t.category(*c)).collect();
                        let details: Vec<String> = commune.into_iter()
                            .chain((!situation.is_empty()).then(|| situation.join(", ")))
                            .collect();
                        let has_email = person.email.is_some();
                        view! {
                            <li class="item">
                                <p class="item-title">{person.display_name.clone()}</p>
                                <p class="item-details">{details.join(" · ")}</p>
                                <p class="item-details">
                                    {match (&person.email, &person.pending_email) {
                                        (Some(email), _) => email.clone(),
                                        (None, Some(pending)) => t.office.email_pending.replace("{email}", pending),
                                        (None, None) => t.office.no_email.to_owned(),
                                    }}
                                </p>
                                {(!has_email).then(|| view! {
                                    <AddEmail site_id person=person.clone() status on_saved=move || people.refetch()/>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    }
}
