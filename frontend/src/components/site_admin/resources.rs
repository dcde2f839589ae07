//! A site's desks, meeting rooms and phone booths: each editable in place,
//! retired in two steps, and a form to add one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::api::{Resource, ResourceInput, ResourceKind, Site};
use shared::error::codes;
use shared::ids::SiteId;
use shared::site_checks::check_resource;
use shared::{dom_ids, routes};

use crate::api;
use crate::components::confirm::{Ask, confirm_then_act};
use crate::components::forms::{Field, FormError, field, focus_soon};
use crate::i18n::{MISSING_NAME, Texts, use_lang};

const NAME_CODES: &[&str] = &[MISSING_NAME, codes::INVALID_NAME];
const CAPACITY_CODES: &[&str] = &[codes::INVALID_CAPACITY];

/// What the three fields of a resource hold.
#[derive(Debug, Clone, Copy)]
struct Values {
    name: RwSignal<String>,
    kind: RwSignal<String>,
    capacity: RwSignal<String>,
}

impl Values {
    fn new(name: &str, kind: ResourceKind, capacity: u32) -> Values {
        Values {
            name: RwSignal::new(name.to_owned()),
            kind: RwSignal::new(kind.as_str().to_owned()),
            capacity: RwSignal::new(capacity.to_string()),
        }
    }

    /// What to send, or the code of what to correct.
    fn input(&self) -> Result<ResourceInput, &'static str> {
        let name = self.name.get_untracked().trim().to_owned();
        if name.is_empty() {
            return Err(MISSING_NAME);
        }
        let input = ResourceInput {
            name,
            kind: self
                .kind
                .with_untracked(|k| ResourceKind::parse(k))
                .unwrap_or(ResourceKind::Desk),
            capacity: self
                .capacity
                .with_untracked(|c| c.trim().parse().unwrap_or(0)),
        };
        check_resource(&input).map_err(|problem| problem.code)?;
        Ok(input)
    }
}

/// Name, kind and capacity; `prefixes` name the three ids, followed by `-<id>`.
fn fields(
    t: &'static Texts,
    prefixes: [&str; 3],
    id: &str,
    values: Values,
    problem: &FormError,
) -> AnyView {
    let kind_id = dom_ids::item(prefixes[1], id);
    let options = ResourceKind::ALL
        .into_iter()
        .map(|kind| {
            let selected = values.kind.with_untracked(|k| k == kind.as_str());
            view! { <option value=kind.as_str() selected=selected>{t.kind_forms(kind).0}</option> }
        })
        .collect_view();
    view! {
        <div class="field-row">
            {field(
                Field::new(dom_ids::item(prefixes[0], id), t.office.resource_name_label, "text", values.name)
                    .limit(shared::text::RESOURCE_NAME)
                    .codes(NAME_CODES),
                problem,
            )}
            <div class="field">
                <label for=kind_id.clone()>{t.office.resource_kind_label}</label>
                <select id=kind_id on:change=move |ev| values.kind.set(event_target_value(&ev))>
                    {options}
                </select>
            </div>
            {field(
                Field::new(dom_ids::item(prefixes[2], id), t.office.capacity_label, "number", values.capacity)
                    .codes(CAPACITY_CODES)
                    .min("1")
                    .step(1),
                problem,
            )}
        </div>
    }
    .into_any()
}

/// One change to send: the request, the resource's name, the sentence that
/// says it is done, and where the focus goes then (the status by default).
struct Change {
    method: Method,
    path: String,
    input: Option<ResourceInput>,
    name: String,
    done: fn(&Texts) -> &'static str,
    focus: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum Method {
    Post,
    Put,
    Delete,
}

#[component]
pub fn ResourcesEditor(site_id: SiteId, resources: Vec<Resource>) -> impl IntoView {
    let lang = use_lang();
    let resources = RwSignal::new(resources);
    let problem = FormError::new(dom_ids::item(dom_ids::RESOURCE_ERROR, site_id));
    let status = RwSignal::new(None::<String>);
    let status_id = dom_ids::item(dom_ids::RESOURCE_STATUS, site_id);
    // The resource (by id) whose "Retirer" asks "really?".
    let confirming = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let new = Values::new("", ResourceKind::Desk, 1);
    let site_path = routes::fill(routes::SITE, &[("site_id", &site_id.to_string())]);
    let base = format!("{site_path}/resources");
    let title_id = dom_ids::item("resources-title", site_id);

    // Sends one change; then says it is done and reloads the list.
    let send = {
        let (problem, status_id) = (problem.clone(), status_id.clone());
        Callback::new(move |change: Change| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            status.set(None);
            let (problem, status_id, site_path) =
                (problem.clone(), status_id.clone(), site_path.clone());
            spawn_local(async move {
                let answer = match (change.method, &change.input) {
                    (Method::Post, Some(input)) => {
                        api::post_json::<_, Value>(&change.path, input).await
                    }
                    (Method::Put, Some(input)) => {
                        api::put_json::<_, Value>(&change.path, input).await
                    }
                    _ => api::delete(&change.path).await.map(|()| Value::Null),
                };
                busy.set(false);
                confirming.set(None);
                match answer {
                    Ok(_) => {
                        problem.clear();
                        let t = lang.get_untracked().texts();
                        status.set(Some((change.done)(t).replace("{name}", &change.name)));
                        if let Ok(site) = api::get_json::<Site>(&site_path).await {
                            resources.set(site.resources);
                        }
                        focus_soon(change.focus.unwrap_or(status_id));
                    }
                    Err(e) => problem.show(e),
                }
            });
        })
    };

    let list = {
        let (problem, base) = (problem.clone(), base.clone());
        move || {
            let t = lang.get().texts();
            let list_id = dom_ids::item(dom_ids::RESOURCE_LIST, site_id);
            resources.with(|all| {
                if all.is_empty() {
                    return view! { <p id=list_id class="notice">{t.office.resources_none}</p> }
                        .into_any();
                }
                let items = all
                    .iter()
                    .map(|r| row(t, &base, r, confirming, send, &problem))
                    .collect_view();
                view! { <ul id=list_id class="item-list">{items}</ul> }.into_any()
            })
        }
    };

    let add = {
        let problem = problem.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match new.input() {
                Ok(input) => {
                    new.name.set(String::new());
                    send.run(Change {
                        method: Method::Post,
                        path: base.clone(),
                        name: input.name.clone(),
                        input: Some(input),
                        done: |t| t.office.added_named,
                        focus: Some(dom_ids::item(dom_ids::RESOURCE_NEW_NAME, site_id)),
                    });
                }
                Err(code) => problem.refuse(code),
            }
        }
    };

    let new_form = {
        let problem = problem.clone();
        move || {
            let t = lang.get().texts();
            let prefixes = [
                dom_ids::RESOURCE_NEW_NAME,
                dom_ids::RESOURCE_NEW_KIND,
                dom_ids::RESOURCE_NEW_CAPACITY,
            ];
            view! {
                <fieldset class="choices">
                    <legend>{t.office.new_resource_title}</legend>
                    {fields(t, prefixes, &site_id.to_string(), new, &problem)}
                </fieldset>
                <button id=dom_ids::item(dom_ids::RESOURCE_ADD, site_id) type="submit">
                    {t.office.add_resource}
                </button>
            }
        }
    };

    view! {
        <section class="subpanel" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone()>{move || lang.get().texts().resources}</h3>
            <p id=status_id role="status" tabindex="-1" class="status status-ok">
                {move || status.get()}
            </p>
            {problem.alert()}
            {list}
            <form class="form" novalidate on:submit=add>{new_form}</form>
        </section>
    }
    .into_any()
}

/// One resource: its fields, "Enregistrer", and "Retirer" with its question.
fn row(
    t: &'static Texts,
    base: &str,
    resource: &Resource,
    confirming: RwSignal<Option<String>>,
    send: Callback<Change>,
    problem: &FormError,
) -> AnyView {
    let id = resource.id.to_string();
    let path = format!("{base}/{id}");
    let name = resource.name.clone();
    let values = Values::new(&name, resource.kind, resource.capacity);
    let legend_id = dom_ids::item("resource-legend", &id);
    let retire_id = dom_ids::item(dom_ids::RESOURCE_RETIRE, &id);
    let yes_id = dom_ids::item(dom_ids::RESOURCE_RETIRE_YES, &id);
    let save = {
        let (path, problem) = (path.clone(), problem.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match values.input() {
                Ok(input) => send.run(Change {
                    method: Method::Put,
                    path: path.clone(),
                    name: input.name.clone(),
                    input: Some(input),
                    done: |t| t.office.saved_named,
                    focus: None,
                }),
                Err(code) => problem.refuse(code),
            }
        }
    };
    let retire = {
        let name = name.clone();
        Callback::new(move |()| {
            send.run(Change {
                method: Method::Delete,
                path: path.clone(),
                input: None,
                name: name.clone(),
                done: |t| t.office.retired_status,
                focus: None,
            })
        })
    };
    let (retire_button, retire_question) = confirm_then_act(
        confirming,
        Ask::retire(t, id.clone(), retire_id, yes_id, &name),
        retire,
    );
    view! {
        <li class="item">
            <form class="form form-tight" novalidate on:submit=save>
                <fieldset class="choices" aria-labelledby=legend_id.clone()>
                    <legend id=legend_id.clone()>{name.clone()}</legend>
                    {fields(
                        t,
                        [dom_ids::RESOURCE_NAME, dom_ids::RESOURCE_KIND, dom_ids::RESOURCE_CAPACITY],
                        &id,
                        values,
                        problem,
                    )}
                </fieldset>
                <div class="secondary-actions">
                    <button
                        id=dom_ids::item(dom_ids::RESOURCE_SAVE, &id)
                        type="submit"
                        aria-label=t.office.save_named.replace("{name}", &name)
                    >
                        {t.save}
                    </button>
                    {retire_button}
                </div>
                {retire_question}
            </form>
        </li>
    }
    .into_any()
}
