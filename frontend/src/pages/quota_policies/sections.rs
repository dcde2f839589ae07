//! The editor's fields, in their groups: the name; who (communes, EPCI,
//! situations, the proof); where (the whole network or chosen sites); how
//! much; and the terms (refunds, not coming, beyond the quota).

use leptos::prelude::*;
use shared::error::codes;

use super::fields::{checks, commune_picker, select};
use super::form::{BAD_ALLOWANCE, BAD_NO_SHOW, BAD_REFUND, Form, LONG_NAME};
use super::ids::{
    ALLOWANCE, BEYOND, CATEGORY, CHOSEN_SITES, EPCI, MEASURE, NAME, NO_SHOW, PERIOD, PROOF,
    PROOF_HINT, REFUND, SITE, UNLIMITED, WHOLE_NETWORK,
};
use super::places::Places;
use crate::components::forms::{CategoryChecks, Field, FormError, check_box, field};
use crate::i18n::{MISSING_NAME, Texts, use_lang};

const NAME_CODES: &[&str] = &[
    MISSING_NAME,
    LONG_NAME,
    codes::INVALID_NAME,
    codes::INVALID_TEXT,
];
const ALLOWANCE_CODES: &[&str] = &[BAD_ALLOWANCE];
const REFUND_CODES: &[&str] = &[BAD_REFUND];
const NO_SHOW_CODES: &[&str] = &[BAD_NO_SHOW];

/// Text fields with a numeric keyboard: a number field bound to its
/// signal would wipe a "-" being typed, and reads badly aloud.
fn number(
    id: &str,
    label: &'static str,
    value: RwSignal<String>,
    codes: &'static [&'static str],
    mode: &'static str,
) -> Field {
    Field::new(id.to_owned(), label, "text", value)
        .codes(codes)
        .inputmode(mode)
}

/// Every field of the form. Drawn again when the language changes; the
/// values live in `form`.
#[component]
pub fn PolicyFields(
    form: Form,
    network: bool,
    places: Places,
    /// The sites the person may choose, as (id, name).
    own_sites: Vec<(String, String)>,
    /// The commune chosen in the picker, not yet added.
    picked: RwSignal<String>,
    problem: FormError,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = lang.get().texts();
        view! {
            {field(
                Field::new(NAME.to_owned(), t.office.qp_name_label, "text", form.name)
                    .limit(shared::text::POLICY_NAME)
                    .codes(NAME_CODES)
                    .hint(t.office.qp_name_hint),
                &problem,
            )}
            {who(t, form, &places, picked, &problem)}
            {place(t, form, network, own_sites.clone())}
            {amount(t, form, problem.clone())}
            {terms(t, form, &problem)}
        }
    }
}

/// Who the policy is for.
fn who(
    t: &'static Texts,
    form: Form,
    places: &Places,
    picked: RwSignal<String>,
    problem: &FormError,
) -> impl IntoView + use<> {
    let epcis = places.epcis.clone();
    view! {
        <fieldset class="choices policy-group">
            <legend>{t.office.qp_who_legend}</legend>
            <p class="hint">{t.office.qp_who_hint}</p>
            {commune_picker(t, &places.communes, form.communes, picked, problem)}
            <fieldset class="choices nested-choices">
                <legend>{t.office.qp_epcis_legend}</legend>
                {checks(EPCI, epcis, form.epcis)}
            </fieldset>
            <CategoryChecks id_prefix=CATEGORY.to_owned() legend=|t| t.office.qp_categories_legend value=form.categories/>
            <div class="choice">
                <input
                    type="checkbox"
                    id=PROOF
                    aria-describedby=PROOF_HINT
                    prop:checked=move || form.proof_checked()
                    on:change=move |ev| form.proof.set(Some(event_target_checked(&ev)))
                />
                <label for=PROOF>{t.office.qp_proof_label}</label>
            </div>
            <p id=PROOF_HINT class="hint">{t.office.qp_proof_hint}</p>
        </fieldset>
    }
}

/// Where the policy holds: the whole network, or chosen sites.
fn place(
    t: &'static Texts,
    form: Form,
    network: bool,
    own_sites: Vec<(String, String)>,
) -> impl IntoView + use<> {
    let where_choice = move |id: &'static str, whole: bool, label: &'static str| {
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id
                    name="qp-where"
                    prop:checked=move || form.whole_network.get() == whole
                    on:change=move |_| form.whole_network.set(whole)
                />
                <label for=id>{label}</label>
            </div>
        }
    };
    let sites = move || {
        (!form.whole_network.get()).then(|| {
            let boxes = if own_sites.is_empty() {
                view! { <p class="hint">{t.office.qp_no_own_sites}</p> }.into_any()
            } else {
                checks(SITE, own_sites.clone(), form.sites)
            };
            view! {
                <fieldset class="choices nested-choices">
                    <legend>{t.office.qp_sites_legend}</legend>
                    {boxes}
                </fieldset>
            }
        })
    };
    view! {
        <fieldset class="choices policy-group">
            <legend>{t.office.qp_where_legend}</legend>
            {if network {
                view! {
                    {where_choice(WHOLE_NETWORK, true, t.office.qp_whole_network)}
                    {where_choice(CHOSEN_SITES, false, t.office.qp_chosen_sites)}
                }
                .into_any()
            } else {
                view! { <p class="hint">{t.office.qp_territory_sites_hint}</p> }.into_any()
            }}
            {sites}
        </fieldset>
    }
}

/// How much: the measure, the allowance (unless unlimited), the period.
fn amount(t: &'static Texts, form: Form, problem: FormError) -> impl IntoView + use<> {
    let allowance = move || {
        (!form.unlimited.get()).then(|| {
            field(
                number(
                    ALLOWANCE,
                    t.office.qp_allowance_label,
                    form.allowance,
                    ALLOWANCE_CODES,
                    "numeric",
                )
                .hint(t.office.qp_allowance_hint),
                &problem,
            )
        })
    };
    view! {
        <fieldset class="choices policy-group">
            <legend>{t.office.qp_amount_legend}</legend>
            {select(MEASURE, t.office.qp_measure_label, &t.office.qp_measures, form.measure)}
            {check_box(UNLIMITED.to_owned(), t.office.qp_unlimited_label, form.unlimited)}
            {allowance}
            {select(PERIOD, t.office.qp_period_label, &t.office.qp_periods, form.period)}
        </fieldset>
    }
}

/// The terms: until when a booking is refunded, what not coming costs, and
/// what happens beyond the quota.
fn terms(t: &'static Texts, form: Form, problem: &FormError) -> impl IntoView + use<> {
    view! {
        <fieldset class="choices policy-group">
            <legend>{t.office.qp_terms_legend}</legend>
            {field(
                number(REFUND, t.office.qp_refund_label, form.refund_hours, REFUND_CODES, "decimal")
                    .hint(t.office.qp_refund_hint),
                problem,
            )}
            {field(
                number(NO_SHOW, t.office.qp_no_show_label, form.no_show, NO_SHOW_CODES, "numeric")
                    .hint(t.office.qp_no_show_hint),
                problem,
            )}
            {select(BEYOND, t.office.qp_beyond_label, &t.office.qp_beyond_choices, form.beyond)}
        </fieldset>
    }
}
