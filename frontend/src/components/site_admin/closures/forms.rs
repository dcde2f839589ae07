//! The two forms of the closures editor: one day or a range added by hand,
//! and an iCalendar file or a calendar's address imported.

use leptos::prelude::*;
use shared::dom_ids;
use shared::error::codes;

use super::state::Closures;
use crate::components::forms::{Field, field};
use crate::i18n::{CLOSURE_ORDER, MISSING_REASON};

const FIRST_CODES: &[&str] = &[codes::INVALID_DATE];
const LAST_CODES: &[&str] = &[CLOSURE_ORDER];
const REASON_CODES: &[&str] = &[MISSING_REASON];
const URL_CODES: &[&str] = &[codes::INVALID_URL, codes::CALENDAR_UNREACHABLE];

/// Both forms, drawn again when the language changes.
#[component]
pub fn ClosureForms(editor: Closures) -> impl IntoView {
    let Closures {
        lang,
        site_id,
        first,
        last,
        reason,
        address,
        ..
    } = editor;
    let problem = editor.problem();
    move || {
        let t = lang.get().texts();
        let date = |prefix, label, value, codes| {
            Field::new(dom_ids::item(prefix, site_id), label, "date", value).codes(codes)
        };
        let file_id = editor.file_id();
        let hint_id = format!("{file_id}-hint");
        view! {
            <form class="form" novalidate on:submit=move |ev| editor.add(ev)>
                <fieldset class="choices">
                    <legend>{t.office.new_closure_title}</legend>
                    <div class="field-row">
                        {field(date(dom_ids::CLOSURE_FIRST, t.office.first_day_label, first, FIRST_CODES), &problem)}
                        {field(date(dom_ids::CLOSURE_LAST, t.office.last_day_label, last, LAST_CODES), &problem)}
                    </div>
                    {field(
                        Field::new(dom_ids::item(dom_ids::CLOSURE_REASON, site_id), t.office.reason_label, "text", reason)
                            .limit(shared::text::CLOSURE_REASON)
                            .codes(REASON_CODES)
                            .hint(t.office.reason_hint),
                        &problem,
                    )}
                </fieldset>
                <button id=dom_ids::item(dom_ids::CLOSURE_ADD, site_id) type="submit">{t.office.add_closure}</button>
            </form>
            <form class="form" novalidate on:submit=move |ev| editor.import(ev)>
                <fieldset class="choices">
                    <legend>{t.office.import_title}</legend>
                    <p id=hint_id.clone() class="hint">{t.office.import_hint}</p>
                    <div class="field">
                        <label for=file_id.clone()>{t.office.file_label}</label>
                        <input
                            id=file_id
                            type="file"
                            accept=".ics,text/calendar"
                            aria-describedby=hint_id
                        />
                    </div>
                    {field(
                        Field::new(dom_ids::item(dom_ids::CLOSURE_URL, site_id), t.office.calendar_url_label, "url", address)
                            .codes(URL_CODES)
                            .hint(t.office.calendar_url_hint),
                        &problem,
                    )}
                </fieldset>
                <button id=dom_ids::item(dom_ids::CLOSURE_IMPORT, site_id) type="submit">{t.office.import_button}</button>
            </form>
        }
    }
}
