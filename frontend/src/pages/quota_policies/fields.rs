//! The editor's own inputs: a select of texts, a list of checkboxes, and
//! the picker of communes.

use leptos::prelude::*;
use shared::api::Commune;
use shared::dom_ids;
use shared::error::codes;

use super::ids::{COMMUNE, COMMUNE_ADD};
use crate::components::forms::{FormError, commune_label, focus_soon};
use crate::i18n::Texts;

/// A `<select>` whose value is the index of the chosen text.
pub fn select(
    id: &'static str,
    label: &'static str,
    options: &'static [&'static str],
    value: RwSignal<usize>,
) -> AnyView {
    let chosen = value.get_untracked();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev).parse().unwrap_or(0))>
                {options
                    .iter()
                    .enumerate()
                    .map(|(i, text)| view! { <option value=i.to_string() selected={chosen == i}>{*text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// One checkbox per item, `(key, label)`, ticking adds the key to `value`.
pub fn checks(
    prefix: &'static str,
    items: Vec<(String, String)>,
    value: RwSignal<Vec<String>>,
) -> AnyView {
    items
        .into_iter()
        .map(|(key, label)| {
            let id = dom_ids::item(prefix, &key);
            let ticked = key.clone();
            view! {
                <div class="choice">
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=move || value.with(|v| v.contains(&ticked))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            value.update(|v| {
                                v.retain(|k| *k != key);
                                if on {
                                    v.push(key.clone());
                                }
                            });
                        }
                    />
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view()
        .into_any()
}

/// A select of the communes and an "add" button; the chosen ones as chips
/// with a button each to take them off.
pub fn commune_picker(
    t: &'static Texts,
    communes: &[Commune],
    chosen: RwSignal<Vec<String>>,
    picked: RwSignal<String>,
    problem: &FormError,
) -> AnyView {
    let names: Vec<(String, String)> = communes
        .iter()
        .map(|c| (c.insee.clone(), c.name.clone()))
        .collect();
    let options = communes
        .iter()
        .map(|c| view! { <option value=c.insee.clone()>{commune_label(c)}</option> })
        .collect_view();
    let failure = problem.failure;
    let box_id = problem.box_id.clone();
    let bad = move || {
        failure.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.code == codes::UNKNOWN_COMMUNE || e.code == codes::UNKNOWN_EPCI)
        })
    };
    let hint_id = format!("{COMMUNE}-hint");
    let described = {
        let hint_id = hint_id.clone();
        move || {
            crate::components::forms::described_by(
                Some(hint_id.as_str()),
                bad().then_some(box_id.as_str()),
            )
        }
    };
    let add = move |_| {
        let insee = picked.get_untracked();
        if insee.is_empty() {
            focus_soon(COMMUNE);
            return;
        }
        chosen.update(|v| {
            if !v.contains(&insee) {
                v.push(insee.clone());
            }
        });
        picked.set(String::new());
    };
    let chips = move || {
        let list = chosen.get();
        (!list.is_empty()).then(|| {
            let chips = list
                .into_iter()
                .map(|insee| {
                    let name = names
                        .iter()
                        .find(|(code, _)| *code == insee)
                        .map_or_else(|| insee.clone(), |(_, name)| name.clone());
                    let label = t.office.qp_remove_named.replace("{name}", &name);
                    view! {
                        <li class="chip">
                            <span>{name}</span>
                            <button
                                type="button"
                                class="chip-remove"
                                aria-label=label
                                on:click=move |_| {
                                    chosen.update(|v| v.retain(|c| *c != insee));
                                    focus_soon(COMMUNE);
                                }
                            >
                                "×"
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="chips" aria-label=t.office.qp_chosen_communes>{chips}</ul> }
        })
    };
    view! {
        <div class="field">
            <label for=COMMUNE>{t.office.qp_communes_label}</label>
            <p id=hint_id class="hint">{t.office.qp_communes_hint}</p>
            <div class="add-row">
                <select
                    id=COMMUNE
                    aria-describedby=described
                    aria-invalid=move || bad().then_some("true")
                    prop:value=move || picked.get()
                    on:change=move |ev| picked.set(event_target_value(&ev))
                >
                    <option value="">{t.office.qp_choose_commune}</option>
                    {options}
                </select>
                <button id=COMMUNE_ADD type="button" class="button-secondary" on:click=add>
                    {t.office.qp_add_commune}
                </button>
            </div>
        </div>
        {chips}
    }
    .into_any()
}
