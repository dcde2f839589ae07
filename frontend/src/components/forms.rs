//! Pieces every form of the app uses: the commune picker, the category
//! checkboxes, error sentences tied to their field, and moving the focus.

use leptos::prelude::*;
use shared::ErrorDetail;
#[cfg(feature = "account")]
use shared::api::{Category, Commune};
#[cfg(feature = "account")]
use shared::dom_ids;
use wasm_bindgen::JsCast;

#[cfg(feature = "account")]
use crate::i18n::tr;
use crate::i18n::use_lang;
#[cfg(feature = "account")]
use crate::words::fold;

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
#[cfg(feature = "account")]
pub fn sorted(mut communes: Vec<Commune>) -> Vec<Commune> {
    communes.sort_by_cached_key(|c| fold(&c.name));
    communes
}

/// "Mende (48000)".
#[cfg(feature = "account")]
pub fn commune_label(commune: &Commune) -> String {
    if commune.postcodes.is_empty() {
        commune.name.clone()
    } else {
        format!("{} ({})", commune.name, commune.postcodes.join(", "))
    }
}

/// A `<select>` of the communes of Lozère, with a first choice "not in Lozère".
/// Typing the first letters of a name jumps to it, as in any select.
#[cfg(feature = "account")]
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
#[cfg(feature = "account")]
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

#[cfg(feature = "office")]
/// A form's error and the id of the `role="alert"` box that shows it. Fields
/// named by the error's code are marked invalid and point at the box.
#[derive(Clone)]
pub struct FormError {
    pub failure: RwSignal<Option<ErrorDetail>>,
    pub box_id: String,
}

#[cfg(feature = "office")]
impl FormError {
    pub fn new(box_id: String) -> FormError {
        FormError {
            failure: RwSignal::new(None),
            box_id,
        }
    }

    /// Shows the error and moves the focus to it.
    pub fn show(&self, detail: ErrorDetail) {
        self.failure.set(Some(detail));
        focus_soon(self.box_id.clone());
    }

    /// One of the app's own checks failed (see `i18n`'s codes).
    pub fn refuse(&self, code: &str) {
        self.show(error(code));
    }

    pub fn clear(&self) {
        self.failure.set(None);
    }

    pub fn alert(&self) -> impl IntoView + use<> {
        view! { <ErrorAlert id=self.box_id.clone() error=self.failure.read_only()/> }
    }
}

#[cfg(feature = "office")]
/// A labelled `<input>` bound to a text signal; see [`field`].
pub struct Field {
    pub id: String,
    pub label: &'static str,
    /// `text`, `number`, `time`, `date`…
    pub kind: &'static str,
    pub value: RwSignal<String>,
    /// The error codes that are about this field.
    pub codes: &'static [&'static str],
    pub hint: Option<&'static str>,
    pub step: Option<String>,
    /// A step that changes while the form is shown (a site's grid, in seconds).
    pub step_of: Option<RwSignal<String>>,
    pub min: Option<&'static str>,
    pub inputmode: Option<&'static str>,
    /// At most this many characters (the field's `shared::text` limit).
    pub max_chars: Option<usize>,
}

#[cfg(feature = "office")]
impl Field {
    pub fn new(
        id: String,
        label: &'static str,
        kind: &'static str,
        value: RwSignal<String>,
    ) -> Field {
        Field {
            id,
            label,
            kind,
            value,
            codes: &[],
            hint: None,
            step: None,
            step_of: None,
            min: None,
            inputmode: None,
            max_chars: None,
        }
    }

    /// Stops typing at the field's limit, so the server never has to refuse it.
    pub fn limit(mut self, limit: shared::text::TextLimit) -> Field {
        self.max_chars = Some(limit.max_chars);
        self
    }

    pub fn codes(mut self, codes: &'static [&'static str]) -> Field {
        self.codes = codes;
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn step(mut self, step: impl ToString) -> Field {
        self.step = Some(step.to_string());
        self
    }

    pub fn step_of(mut self, step: RwSignal<String>) -> Field {
        self.step_of = Some(step);
        self
    }

    pub fn min(mut self, min: &'static str) -> Field {
        self.min = Some(min);
        self
    }

    pub fn inputmode(mut self, mode: &'static str) -> Field {
        self.inputmode = Some(mode);
        self
    }
}

#[cfg(feature = "office")]
/// Label, optional hint and input, in one `.field`. One function for every
/// text, number, time and date field of the editors: the view code exists once.
pub fn field(f: Field, form: &FormError) -> AnyView {
    let hint_id = f.hint.map(|_| format!("{}-hint", f.id));
    let failure = form.failure;
    let codes = f.codes;
    let bad =
        move || failure.with(|e| e.as_ref().is_some_and(|e| codes.contains(&e.code.as_str())));
    let described = {
        let hint_id = hint_id.clone();
        let box_id = form.box_id.clone();
        move || described_by(hint_id.as_deref(), bad().then_some(box_id.as_str()))
    };
    let value = f.value;
    let (step, step_of) = (f.step, f.step_of);
    let partial = matches!(f.kind, "time" | "date");
    view! {
        <div class="field">
            <label for=f.id.clone()>{f.label}</label>
            {f.hint.map(|hint| view! { <p id=hint_id.clone() class="hint">{hint}</p> })}
            <input
                id=f.id
                type=f.kind
                step=move || step_of.map(|s| s.get()).or_else(|| step.clone())
                min=f.min
                maxlength=f.max_chars
                inputmode=f.inputmode
                autocomplete="off"
                aria-describedby=described
                aria-invalid=move || bad().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| {
                    // A time or date being typed is "" until every part is
                    // there: writing that back would wipe what was typed.
                    if partial {
                        value.update_untracked(|v| *v = event_target_value(&ev));
                    } else {
                        value.set(event_target_value(&ev));
                    }
                }
            />
        </div>
    }
    .into_any()
}

#[cfg(feature = "office")]
/// A checkbox and its label.
pub fn check_box(id: String, label: &'static str, value: RwSignal<bool>) -> AnyView {
    view! {
        <div class="choice">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
    .into_any()
}
