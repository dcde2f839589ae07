//! For hosts: per hosted site, links to its live view and its poster of the
//! day, the day's bookings, the site's settings, resources and closures, the people without e-mail they book for, a form
//! to add one at the desk, and a way to give one an address later.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{AssistedPerson, Commune, Language, Me, NewAssistedPerson, SetEmail, Site};
use shared::error::codes;
use shared::ids::SiteId;
use shared::routes::{self, pages};
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::auth::guarded;
use crate::components::forms::{
    CategoryChecks, CommuneSelect, ErrorAlert, described_by, error, focus_soon, sorted,
};
use crate::components::site_admin::{DayView, SiteAdmin};
use crate::i18n::{MISSING_EMAIL, MISSING_NAME, tr, use_lang};

fn hosts(me: &Me) -> bool {
    me.hosted_sites().next().is_some()
}

#[component]
pub fn MySitePage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.office.my_site_title)}</h1>
        {guarded(hosts, |t| t.office.hosts_only, |me| {
            let sites: Vec<(SiteId, String)> =
                me.hosted_sites().map(|(id, name)| (id, name.to_owned())).collect();
            let communes = api::communes();
            let all_sites = api::sites();
            let may_move = me.is_network_admin();
            view! {
                <Suspense fallback=move || view! { <p class="notice" role="status">{move || use_lang().get().texts().checking_session}</p> }>
                    {move || {
                        // Without the communes the forms still work, with "not in Lozère" only.
                        let list = communes.get()?.map(sorted).unwrap_or_default();
                        // Without the site's settings, only its people are shown.
                        let all = all_sites.get()?.unwrap_or_default();
                        Some(
                            sites
                                .clone()
                                .into_iter()
                                .map(|(site_id, site_name)| {
                                    let site = all.iter().find(|s| s.id == site_id).cloned();
                                    view! { <HostedSite site_id site_name site communes=list.clone() may_move/> }
                                })
                                .collect_view(),
                        )
                    }}
                </Suspense>
            }
        })}
    }
}

#[component]
fn HostedSite(
    site_id: SiteId,
    site_name: String,
    site: Option<Site>,
    communes: Vec<Commune>,
    /// Whether the person may move the site to another commune (network administrators).
    may_move: bool,
) -> impl IntoView {
    let lang = use_lang();
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
    // "Jean Sans-Mail a été ajouté", "Adresse enregistrée…": one polite voice per site.
    let status = RwSignal::new(None::<String>);
    let heading_id = dom_ids::item(dom_ids::HOSTED_SITE, site_id);
    let assisted_heading = format!("{heading_id}-assisted");
    let names = StoredValue::new(
        communes
            .iter()
            .map(|c| (c.insee.clone(), c.name.clone()))
            .collect::<Vec<_>>(),
    );

    let list = move || {
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
    };

    view! {
        <section id=heading_id.clone() class="panel" aria-labelledby=format!("{heading_id}-title")>
            <h2 id=format!("{heading_id}-title")>{site_name.clone()}</h2>
            <DoorLinks site_id site_name/>
            <DayView site_id/>
            <section class="panel" aria-labelledby=format!("site-calendar-{site_id}-title")>
                <h3 id=format!("site-calendar-{site_id}-title")>
                    {move || match crate::i18n::use_lang().get() {
                        crate::i18n::Lang::Fr => "L'agenda du lieu",
                        crate::i18n::Lang::En => "The site's calendar",
                    }}
                </h3>
                <crate::components::feed_link::FeedLink
                    get=shared::routes::fill(shared::routes::SITE_CALENDAR, &[("site_id", &site_id.to_string())])
                    rotate=shared::routes::fill(shared::routes::SITE_CALENDAR_ROTATE, &[("site_id", &site_id.to_string())])
                    id=dom_ids::item(dom_ids::SITE_CALENDAR_URL, site_id)
                />
            </section>
            {site.map(|site| {
                // A host keeps the site in its commune: the list offers only that one.
                let choices: Vec<Commune> = communes
                    .iter()
                    .filter(|c| may_move || c.insee == site.commune_insee)
                    .cloned()
                    .collect();
                view! { <SiteAdmin site communes=choices/> }
            })}
            <h3 id=assisted_heading.clone() class="subpanel">{tr(|t| t.office.assisted_title)}</h3>
            <p class="hint">{tr(|t| t.office.assisted_intro)}</p>
            <p id=dom_ids::item(dom_ids::ASSISTED_STATUS, site_id) role="status" class="status status-ok">
                {move || status.get()}
            </p>
            <Suspense fallback=move || view! { <p class="notice">{tr(|t| t.office.assisted_loading)}</p> }>
                {list}
            </Suspense>
            <NewPerson path site_id communes status on_created=move || people.refetch()/>
            <crate::components::eligibility_desk::EligibilityDesk
                desk=format!("site-{site_id}")
                path=routes::fill(routes::SITE_ELIGIBILITY, &[("site_id", &site_id.to_string())])
                intro=|t| t.office.el_intro_site
            />
        </section>
    }
}

/// « Vue en direct » and « Affiche du jour », each naming the site for a
/// screen reader (a host may run several).
#[component]
fn DoorLinks(site_id: SiteId, site_name: String) -> impl IntoView {
    let lang = use_lang();
    let named = move |pick: fn(&'static crate::i18n::Texts) -> &'static str| {
        let site_name = site_name.clone();
        move || pick(lang.get().texts()).replace("{site}", &site_name)
    };
    view! {
        <p class="form-actions">
            <A
                href=pages::of_site(pages::LIVE, site_id)
                attr:id=dom_ids::item(dom_ids::MY_SITE_LIVE, site_id)
                attr:class="button"
                attr:aria-label=named(|t| t.office.live_link_named)
            >
                {tr(|t| t.office.live_link)}
            </A>
            <A
                href=pages::of_site(pages::POSTER, site_id)
                attr:id=dom_ids::item(dom_ids::MY_SITE_POSTER, site_id)
                attr:class="button button-secondary"
                attr:aria-label=named(|t| t.office.poster_link_named)
            >
                {tr(|t| t.office.poster_link)}
            </A>
        </p>
    }
}

/// "Créer une personne sans e-mail": name, commune, situation.
#[component]
fn NewPerson<F>(
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
fn AddEmail<F>(
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
