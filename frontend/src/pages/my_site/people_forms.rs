//! The forms of the people section: a person without e-mail created at
//! the desk, and an address given to one later, after which they can sign
//! in alone.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{AssistedPerson, Commune, Language, NewAssistedPerson, SetEmail};
use shared::error::codes;
use shared::ids::SiteId;
use shared::{ErrorDetail, dom_ids, routes};

use crate::api;
use crate::components::forms::{
    CategoryChecks, CommuneSelect, ErrorAlert, described_by, error, focus_soon,
};
use crate::i18n::{MISSING_EMAIL, MISSING_NAME, tr, use_lang};

/// "Créer une personne sans e-mail": name, commune, situation.
#[component]
pub fn NewPerson<F>(
    path: String,
    site_id: SiteId,
    communes: Vec<Commune>,
    status: RwSignal<Option<String>>,
    on_created: F,
) -> impl IntoView
where
    F: Fn() + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    let t = move || lang.get().texts();
    let name = RwSignal::new(String::new());
    let commune = RwSignal::new(None::<String>);
    let categories = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorDetail>);
    let name_id = dom_ids::item(dom_ids::ASSISTED_NAME, site_id);
    let error_id = dom_ids::item(dom_ids::ASSISTED_ERROR, site_id);
    let title_id = format!(
        "{}-new-person",
        dom_ids::item(dom_ids::HOSTED_SITE, site_id)
    );
    let labelled_by = title_id.clone();

    let submit = {
        let name_id = name_id.clone();
        let error_id = error_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let display_name = name.get_untracked().trim().to_owned();
            if display_name.is_empty() {
                failure.set(Some(error(MISSING_NAME)));
                focus_soon(name_id.clone());
                return;
            }
            busy.set(true);
            let body = NewAssistedPerson {
                display_name,
                commune_insee: commune.get_untracked(),
                categories: categories.get_untracked(),
                language: Language::Fr,
            };
            let path = path.clone();
            let name_id = name_id.clone();
            let error_id = error_id.clone();
            spawn_local(async move {
                let answer = api::post_json::<_, AssistedPerson>(&path, &body).await;
                busy.set(false);
                match answer {
                    Ok(person) => {
                        failure.set(None);
                        let t = lang.get_untracked().texts();
                        status.set(Some(
                            t.office
                                .person_created
                                .replace("{name}", &person.display_name),
                        ));
                        name.set(String::new());
                        commune.set(None);
                        categories.set(Vec::new());
                        on_created();
                        // Ready for the next visitor.
                        focus_soon(name_id);
                    }
                    Err(e) => {
                        failure.set(Some(e));
                        focus_soon(error_id);
                    }
                }
            });
        }
    };

    let described = {
        let error_id = error_id.clone();
        move || {
            described_by(
                None,
                failure.with(|f| f.as_ref().map(|_| error_id.as_str())),
            )
        }
    };
    let invalid = move || {
        failure.with(|f| {
            f.as_ref()
                .is_some_and(|e| e.code == MISSING_NAME || e.code == codes::INVALID_NAME)
                .then_some("true")
        })
    };

    view! {
        <div class="subpanel" role="group" aria-labelledby=labelled_by>
            <h3 id=title_id class="small-heading">{tr(|t| t.office.create_assisted_title)}</h3>
            <form class="form" novalidate on:submit=submit>
                <div class="field">
                    <label for=name_id.clone()>{tr(|t| t.office.person_name_label)}</label>
                    <input
                        id=name_id.clone()
                        type="text"
                        name="name"
                        autocomplete="off"
                        aria-describedby=described
                        aria-invalid=invalid
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </div>
                <CommuneSelect
                    id=dom_ids::item(dom_ids::ASSISTED_COMMUNE, site_id)
                    label=|t| t.office.person_commune_label
                    communes
                    value=commune
                />
                <CategoryChecks
                    id_prefix=dom_ids::item(dom_ids::ASSISTED_CATEGORY, site_id)
                    legend=|t| t.office.person_categories_legend
                    value=categories
                />
                <ErrorAlert id=error_id error=failure.read_only()/>
                <button
                    id=dom_ids::item(dom_ids::ASSISTED_CREATE, site_id)
                    type="submit"
                    aria-disabled=move || busy.get().then_some("true")
                >
                    {move || if busy.get() { t().saving } else { t().office.create_person }}
                </button>
            </form>
        </div>
    }
}

/// A small form under a person without e-mail: once an address is added they
/// can sign in alone.
#[component]
pub fn AddEmail<F>(
    site_id: SiteId,
    person: AssistedPerson,
    status: RwSignal<Option<String>>,
    on_saved: F,
) -> impl IntoView
where
    F: Fn() + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    let t = move || lang.get().texts();
    let email = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorDetail>);
    let input_id = dom_ids::item(dom_ids::ASSISTED_EMAIL, person.id);
    let error_id = format!("{input_id}-error");
    let path = format!(
        "{}/{}/email",
        routes::fill(
            routes::ASSISTED_PEOPLE,
            &[("site_id", &site_id.to_string())]
        ),
        person.id
    );
    let person_name = person.display_name.clone();

    let submit = {
        let input_id = input_id.clone();
        let error_id = error_id.clone();
        let person_name = person_name.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let address = email.get_untracked().trim().to_owned();
            if address.is_empty() || !address.contains('@') {
                let code = if address.is_empty() {
                    MISSING_EMAIL
                } else {
                    codes::INVALID_EMAIL
                };
                failure.set(Some(error(code)));
                focus_soon(input_id.clone());
                return;
            }
            busy.set(true);
            let path = path.clone();
            let error_id = error_id.clone();
            let person_name = person_name.clone();
            spawn_local(async move {
                let answer =
                    api::put_json::<_, AssistedPerson>(&path, &SetEmail { email: address }).await;
                busy.set(false);
                match answer {
                    Ok(_) => {
                        failure.set(None);
                        let t = lang.get_untracked().texts();
                        status.set(Some(t.office.email_saved.replace("{name}", &person_name)));
                        on_saved();
                    }
                    Err(e) => {
                        failure.set(Some(e));
                        focus_soon(error_id);
                    }
                }
            });
        }
    };

    let described = {
        let error_id = error_id.clone();
        move || {
            described_by(
                None,
                failure.with(|f| f.as_ref().map(|_| error_id.as_str())),
            )
        }
    };

    view! {
        <details class="inline-form">
            <summary>{tr(|t| t.office.add_email)}</summary>
            <form class="form" novalidate on:submit=submit>
                <div class="field">
                    <label for=input_id.clone()>
                        {move || t().office.person_email_label.replace("{name}", &person_name)}
                    </label>
                    <input
                        id=input_id.clone()
                        type="email"
                        name="email"
                        autocomplete="off"
                        spellcheck="false"
                        autocapitalize="none"
                        aria-describedby=described
                        aria-invalid=move || failure.with(Option::is_some).then_some("true")
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                </div>
                <ErrorAlert id=error_id error=failure.read_only()/>
                <button
                    id=dom_ids::item(dom_ids::ASSISTED_EMAIL_SAVE, person.id)
                    type="submit"
                    aria-disabled=move || busy.get().then_some("true")
                >
                    {move || if busy.get() { t().saving } else { t().office.save_email }}
                </button>
            </form>
        </details>
    }
}
