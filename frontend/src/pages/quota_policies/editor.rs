//! The form of a policy, or of a new one: its fields, the error, and the
//! buttons to save or cancel. A change is sent as a new version.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::QuotaPolicy;
use shared::ids::SiteId;
use shared::routes;

use super::form::{Form, message, precise};
use super::ids::{CANCEL, EDITOR, EDITOR_TITLE, FORM_ERROR, SAVE};
use super::places::Places;
use super::sections::PolicyFields;
use crate::api;
use crate::components::forms::FormError;
use crate::i18n::{tr, use_lang};

/// The form of a policy (`policy`), or of a new one (`None`).
#[component]
pub fn PolicyEditor(
    policy: Option<QuotaPolicy>,
    network: bool,
    places: Places,
    /// The sites the person may choose.
    own: Vec<SiteId>,
    on_saved: Callback<(QuotaPolicy, bool)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let policy_id = policy.as_ref().map(|p| p.id);
    let form = Form::new(policy.as_ref().map(|p| &p.settings), network);
    let problem = FormError::new(FORM_ERROR.to_owned());
    let busy = RwSignal::new(false);
    let picked = RwSignal::new(String::new());
    let own_sites: Vec<(String, String)> = own
        .iter()
        .map(|id| (id.to_string(), places.site_name(*id)))
        .collect();

    let submit = {
        let problem = problem.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let input = match form.input() {
                Ok(input) => input,
                Err(code) => return problem.refuse(code),
            };
            busy.set(true);
            let problem = problem.clone();
            spawn_local(async move {
                let answer = match policy_id {
                    Some(id) => {
                        let path =
                            routes::fill(routes::QUOTA_POLICY, &[("policy_id", &id.to_string())]);
                        api::put_json::<_, QuotaPolicy>(&path, &input).await
                    }
                    None => api::post_json::<_, QuotaPolicy>(routes::QUOTA_POLICIES, &input).await,
                };
                busy.set(false);
                match answer {
                    Ok(saved) => {
                        problem.clear();
                        on_saved.run((saved, policy_id.is_none()));
                    }
                    Err(mut e) => {
                        if let Some(code) = precise(&e.code, &input) {
                            e.code = code.to_owned();
                        }
                        problem.show(e);
                    }
                }
            });
        }
    };

    let alert = {
        let (failure, id) = (problem.failure, problem.box_id.clone());
        move || {
            failure.get().map(|e| {
                view! {
                    <p id=id.clone() class="notice notice-error" role="alert" tabindex="-1">
                        {move || message(lang.get().texts(), &e.code)}
                    </p>
                }
            })
        }
    };
    let editing = policy_id.is_some();
    let title = {
        let name = policy.as_ref().map(|p| p.settings.name.clone());
        move || {
            let t = lang.get().texts();
            match &name {
                Some(name) => t.office.qp_edit_title.replace("{name}", name),
                None => t.office.qp_new_title.to_owned(),
            }
        }
    };
    let button = move || {
        let t = lang.get().texts();
        match (busy.get(), editing) {
            (true, _) => t.saving,
            (false, true) => t.office.qp_save,
            (false, false) => t.office.qp_create,
        }
    };
    view! {
        <section id=EDITOR class="panel" tabindex="-1" aria-labelledby=EDITOR_TITLE>
            <h2 id=EDITOR_TITLE>{title}</h2>
            {editing.then(|| view! { <p class="notice notice-info">{tr(|t| t.office.qp_future_only)}</p> })}
            <form class="form" novalidate on:submit=submit>
                <PolicyFields form network places own_sites picked problem=problem.clone()/>
                {alert}
                <div class="form-actions">
                    <button id=SAVE type="submit" aria-disabled=move || busy.get().then_some("true")>
                        {button}
                    </button>
                    <button id=CANCEL type="button" class="button-secondary" on:click=move |_| on_cancel.run(())>
                        {tr(|t| t.office.qp_cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}
