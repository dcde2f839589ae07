//! Pieces every form of the app uses: the commune picker, the category
//! checkboxes, error sentences tied to their field, and moving the focus.

use leptos::prelude::*;
use shared::api::{Category, Commune};
use shared::{ErrorDetail, dom_ids};
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_lang};
use crate::pages::sites::fold;

/// An error to show: a code the texts translate (the API's, or one of the
/// app's own checks such as `missing_email`).
pub fn error(code: &str) -> ErrorDetail {
    ErrorDetail {
        code: code.to_owned(),
        message: String::new(),
    }
}

/// Moves the keyboard focus to the element with this id once the page has
/// drawn it (after the signal change that makes it appear).
pub fn focus_soon(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// The ids a field's `aria-describedby` names: its hint, and its error when shown.
pub fn described_by(hint: Option<&str>, error: Option<&str>) -> Option<String> {
    let ids: Vec<&str> = [hint, error].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The translated error sentence in a `role="alert"` box, when there is one.
#[component]
pub fn ErrorAlert(id: String, error: ReadSignal<Option<ErrorDetail>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|e| {
            let id = id.clone();
            view! {
                <p id=id class="notice notice-error" role="alert" tabindex="-1">
                    {move || lang.get().texts().error_message(&e.code)}
                </p>
            }
        })
    }
}

/// The communes sorted by name, accents aside ("Le Malzieu" among the "L").
pub fn sorted(mut communes: Vec<Commune>) -> Vec<Commune> {
    communes.sort_by_cached_key(|c| fold(&c.name));
    communes
}

/// "Mende (48000)".
pub fn commune_label(commune: &Commune) -> String {
    if commune.postcodes.is_empty() {
        commune.name.clone()
    } else {
        format!("{} ({})", commune.name, commune.postcodes.join(", "))
    }
}

/// A `<select>` of the communes of Lozère, with a first choice "not in Lozère".
/// Typing the first letters of a name jumps to it, as in any select.
#[component]
pub fn CommuneSelect(
    id: String,
    label: fn(&'static crate::i18n::Texts) -> &'static str,
    #[prop(optional)] hint: Option<fn(&'static crate::i18n::Texts) -> &'static str>,
    communes: Vec<Commune>,
    value: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let options = communes
        .into_iter()
        .map(|commune| {
            let text = commune_label(&commune);
            let insee = commune.insee;
            let selected = {
                let insee = insee.clone();
                move || value.with(|v| v.as_deref() == Some(insee.as_str()))
            };
            view! { <option value=insee prop:selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(t())}</label>
            {hint.map(|hint| {
                view! { <p id=hint_id.clone() class="hint">{move || hint(t())}</p> }
            })}
            <select
                id=id
                aria-describedby=hint_id.clone()
                on:change=move |ev| {
                    let insee = event_target_value(&ev);
                    value.set((!insee.is_empty()).then_some(insee));
                }
            >
                <option value="" prop:selected=move || value.with(Option::is_none)>
                    {tr(|t| t.commune_none)}
                </option>
                {options}
            </select>
        </div>
    }
}

/// One checkbox per category, in a fieldset. Ids are `<id_prefix>-<category>`.
#[component]
pub fn CategoryChecks(
    id_prefix: String,
    legend: fn(&'static crate::i18n::Texts) -> &'static str,
    value: RwSignal<Vec<Category>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let boxes = Category::ALL
        .into_iter()
        .map(|category| {
            let id = dom_ids::item(&id_prefix, category.as_str());
            view! {
                <div class="choice">
                    <input
                        type="checkbox"
                        id=id.clone()
                        value=category.as_str()
                        prop:checked=move || value.with(|v| v.contains(&category))
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            value.update(|v| {
                                v.retain(|c| *c != category);
                                if checked {
                                    v.push(category);
                                }
                                // Always in the order of the list on screen.
                                v.sort_by_key(|c| Category::ALL.iter().position(|a| a == c));
                            });
                        }
                    />
                    <label for=id>{move || t().category(category)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choices">
            <legend>{move || legend(t())}</legend>
            {boxes}
        </fieldset>
    }
}
