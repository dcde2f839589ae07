//! The fields of a site's form: its settings, the booking rules and the
//! weekly hours, drawn again when the language changes (the values live in
//! the form).

use leptos::prelude::*;
use shared::api::Commune;
use shared::dom_ids;
use shared::error::codes;
use shared::site_checks::{AMENITIES, SLOT_CHOICES};

use super::super::id_of;
use super::form::{Day, Form};
use crate::components::forms::{CommuneSelect, Field, FormError, check_box, field};
use crate::i18n::{DOOR_RULES, MISSING_NAME, Texts, use_lang};

const NAME_CODES: &[&str] = &[MISSING_NAME, codes::INVALID_NAME];
const ADDRESS_CODES: &[&str] = &[codes::INVALID_ADDRESS];
const POSTCODE_CODES: &[&str] = &[codes::INVALID_POSTCODE];
const PHONE_CODES: &[&str] = &[codes::INVALID_PHONE];
const POSITION_CODES: &[&str] = &[codes::INVALID_COORDINATES];
const HOURS_CODES: &[&str] = &[codes::INVALID_HOURS];
const RULES_CODES: &[&str] = &[codes::INVALID_RULES];
const DOOR_CODES: &[&str] = &[DOOR_RULES];

/// Every field of the form, by `key` (the site's id, or `new`).
#[component]
pub fn SiteFields(
    key: String,
    form: Form,
    communes: Vec<Commune>,
    problem: FormError,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = lang.get().texts();
        let key = key.as_str();
        let text =
            |prefix: &str, label, value| Field::new(id_of(prefix, key), label, "text", value);
        let amenities = AMENITIES
            .iter()
            .zip(form.amenities)
            .map(|(a, ticked)| {
                let id = id_of(dom_ids::SITE_AMENITY, &format!("{key}-{a}"));
                check_box(id, t.amenity(a), ticked)
            })
            .collect_view();
        let position_hint = id_of("site-position-hint", key);
        let mut phone = Field::new(
            id_of(dom_ids::SITE_PHONE, key),
            t.phone_label,
            "tel",
            form.phone,
        )
        .codes(PHONE_CODES)
        .hint(t.phone_hint)
        .inputmode("tel");
        phone.max_chars = Some(shared::phone::MAX_CHARS);
        let accessibility_id = id_of(dom_ids::SITE_ACCESSIBILITY, key);
        let accessibility_hint = format!("{accessibility_id}-hint");
        view! {
            {field(text(dom_ids::SITE_NAME, t.office.site_name_label, form.name).codes(NAME_CODES).limit(shared::text::SITE_NAME), &problem)}
            {field(text(dom_ids::SITE_ADDRESS, t.office.address_label, form.address).codes(ADDRESS_CODES).limit(shared::text::SITE_ADDRESS), &problem)}
            <CommuneSelect
                id=id_of(dom_ids::SITE_COMMUNE, key)
                label=|t| t.office.site_commune_label
                communes=communes.clone()
                value=form.commune
            />
            {field(
                text(dom_ids::SITE_POSTCODE, t.office.postcode_label, form.postcode)
                    .codes(POSTCODE_CODES)
                    .hint(t.office.postcode_hint)
                    .inputmode("numeric"),
                &problem,
            )}
            {field(phone, &problem)}
            <fieldset class="choices" aria-describedby=position_hint.clone()>
                <legend>{t.office.position_legend}</legend>
                <p id=position_hint.clone() class="hint">{t.office.position_hint}</p>
                <div class="field-row">
                    {field(
                        text(dom_ids::SITE_LATITUDE, t.office.latitude_label, form.latitude)
                            .codes(POSITION_CODES)
                            .inputmode("decimal"),
                        &problem,
                    )}
                    {field(
                        text(dom_ids::SITE_LONGITUDE, t.office.longitude_label, form.longitude)
                            .codes(POSITION_CODES)
                            .inputmode("decimal"),
                        &problem,
                    )}
                </div>
            </fieldset>
            <fieldset class="choices">
                <legend>{t.amenities}</legend>
                {amenities}
            </fieldset>
            <div class="field">
                <label for=accessibility_id.clone()>{t.accessibility}</label>
                <p id=accessibility_hint.clone() class="hint">{t.office.accessibility_hint}</p>
                <textarea
                    id=accessibility_id
                    rows="3"
                    maxlength=shared::text::SITE_ACCESSIBILITY.max_chars
                    aria-describedby=accessibility_hint
                    prop:value=move || form.accessibility.get()
                    on:input=move |ev| form.accessibility.set(event_target_value(&ev))
                ></textarea>
            </div>
            {rules(t, key, form, &problem)}
            {door(t, key, form, &problem)}
            <fieldset class="choices">
                <legend>{t.opening_hours}</legend>
                {(1..=7u8)
                    .zip(form.days)
                    .map(|(weekday, day)| weekday_hours(t, key, weekday, day, form.slot, &problem))
                    .collect_view()}
            </fieldset>
        }
    }
}

/// The booking rules: the grid, how far ahead, how long, until when one may cancel.
fn rules(t: &'static Texts, key: &str, form: Form, problem: &FormError) -> AnyView {
    let slot_id = id_of(dom_ids::SITE_SLOT, key);
    let number = |prefix: &str, label, value, step: &str, min| {
        Field::new(id_of(prefix, key), label, "number", value)
            .codes(RULES_CODES)
            .step(step)
            .min(min)
            .inputmode("decimal")
    };
    let failure = problem.failure;
    let bad = move || {
        failure
            .with(|e| e.as_ref().is_some_and(|e| e.code == codes::INVALID_RULES))
            .then_some("true")
    };
    // "15 minutes" is written alike in both languages.
    let options = SLOT_CHOICES
        .into_iter()
        .map(|minutes| {
            let seconds = (u32::from(minutes) * 60).to_string();
            let selected = form.slot.with_untracked(|s| *s == seconds);
            view! { <option value=seconds selected=selected>{format!("{minutes} minutes")}</option> }
        })
        .collect_view();
    view! {
        <fieldset class="choices">
            <legend>{t.office.rules_legend}</legend>
            <div class="field">
                <label for=slot_id.clone()>{t.office.slot_label}</label>
                <select
                    id=slot_id
                    aria-invalid=bad
                    on:change=move |ev| form.slot.set(event_target_value(&ev))
                >
                    {options}
                </select>
            </div>
            {field(number(dom_ids::SITE_DAYS_AHEAD, t.office.days_ahead_label, form.days_ahead, "1", "1"), problem)}
            {field(number(dom_ids::SITE_MAX_HOURS, t.office.max_hours_label, form.max_hours, "0.25", "0.25"), problem)}
            {field(number(dom_ids::SITE_CANCEL_HOURS, t.office.cancel_hours_label, form.cancel_hours, "0.25", "0"), problem)}
        </fieldset>
    }
    .into_any()
}

/// Door access: how early a pass opens the door, when a place nobody took
/// goes back to others (empty: never), and how to get in, printed on passes.
fn door(t: &'static Texts, key: &str, form: Form, problem: &FormError) -> AnyView {
    let number = |prefix: &str, label, value, hint, min| {
        Field::new(id_of(prefix, key), label, "number", value)
            .codes(DOOR_CODES)
            .hint(hint)
            .step(1)
            .min(min)
            .inputmode("numeric")
    };
    let how_id = id_of(dom_ids::SITE_HOW_TO_GET_IN, key);
    let how_hint = format!("{how_id}-hint");
    view! {
        <fieldset class="choices">
            <legend>{t.office.door_legend}</legend>
            {field(number(dom_ids::SITE_PASS_MARGIN, t.office.pass_margin_label, form.pass_margin, t.office.pass_margin_hint, "0"), problem)}
            {field(number(dom_ids::SITE_RELEASE_AFTER, t.office.release_after_label, form.release_after, t.office.release_after_hint, "5"), problem)}
            <div class="field">
                <label for=how_id.clone()>{t.door.how_to_get_in}</label>
                <p id=how_hint.clone() class="hint">{t.office.how_to_get_in_hint}</p>
                <textarea
                    id=how_id
                    rows="3"
                    maxlength=shared::text::HOW_TO_GET_IN.max_chars
                    aria-describedby=how_hint
                    prop:value=move || form.how_to_get_in.get()
                    on:input=move |ev| form.how_to_get_in.set(event_target_value(&ev))
                ></textarea>
            </div>
        </fieldset>
    }
    .into_any()
}

/// One weekday in its fieldset: "Ouvert", the two times, "Pause de midi" and
/// its two times. What does not apply is hidden rather than removed, so the
/// times are kept and the view is built once. Time fields step by the grid.
fn weekday_hours(
    t: &'static Texts,
    key: &str,
    weekday: u8,
    day: Day,
    step: RwSignal<String>,
    problem: &FormError,
) -> AnyView {
    let key = format!("{key}-{weekday}");
    let id = |prefix: &str| id_of(prefix, &key);
    let time = |prefix: &str, label, value| {
        let f = Field::new(id(prefix), label, "time", value)
            .codes(HOURS_CODES)
            .step_of(step);
        field(f, problem)
    };
    let closed = move || !day.open.get();
    let no_lunch = move || !(day.open.get() && day.lunch.get());
    view! {
        <fieldset class="day-hours">
            <legend>{t.weekdays[usize::from(weekday - 1)]}</legend>
            {check_box(id(dom_ids::SITE_OPEN), t.office.open_label, day.open)}
            <div class="field-row" hidden=closed>
                {time(dom_ids::SITE_OPENS, t.office.opens_label, day.opens)}
                {time(dom_ids::SITE_CLOSES, t.office.closes_label, day.closes)}
            </div>
            <div hidden=closed>{check_box(id(dom_ids::SITE_LUNCH), t.office.lunch_label, day.lunch)}</div>
            <div class="field-row" hidden=no_lunch>
                {time(dom_ids::SITE_LUNCH_FROM, t.office.lunch_from_label, day.lunch_from)}
                {time(dom_ids::SITE_LUNCH_TO, t.office.lunch_to_label, day.lunch_to)}
            </div>
        </fieldset>
    }
    .into_any()
}
