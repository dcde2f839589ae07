//! A site's closures: the list, one day or a range added by hand, and an
//! iCalendar file or a calendar's address imported (each event a closure,
//! the others explained).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Closure, ClosureImport, ClosureImportUrl, NewClosure};
use shared::error::codes;
use shared::ids::SiteId;
use shared::{ErrorDetail, dom_ids, routes};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::components::forms::{Field, FormError, error, field, focus_soon};
use crate::i18n::{CLOSURE_ORDER, MISSING_FILE, MISSING_REASON, Texts, use_lang};
use crate::local_time;

const FIRST_CODES: &[&str] = &[codes::INVALID_DATE];
const LAST_CODES: &[&str] = &[CLOSURE_ORDER];
const REASON_CODES: &[&str] = &[MISSING_REASON];
const URL_CODES: &[&str] = &[codes::INVALID_URL, codes::CALENDAR_UNREACHABLE];

/// "lundi 24 décembre 2029", or "du … au …".
fn days_text(t: &Texts, first: &str, last: &str) -> String {
    let words =
        |day: &str| local_time::parse_date(day).map_or_else(|| day.to_owned(), |d| t.date_words(d));
    if first == last {
        words(first)
    } else {
        t.closure_range
            .replace("{first}", &words(first))
            .replace("{last}", &words(last))
    }
}

/// The text of the file chosen in the file field `id`.
async fn file_text(id: &str) -> Option<String> {
    let input: web_sys::HtmlInputElement = web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()?;
    let file = input.files()?.get(0)?;
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// Empties the file field `id` once its calendar is imported, so the next
/// import cannot take the same file again by mistake.
fn clear_file(id: &str) {
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value("");
    }
}

#[component]
pub fn ClosuresEditor(site_id: SiteId) -> impl IntoView {
    let lang = use_lang();
    let base = routes::fill(routes::SITE_CLOSURES, &[("site_id", &site_id.to_string())]);
    let closures = RwSignal::new(None::<Result<Vec<Closure>, ErrorDetail>>);
    let status = RwSignal::new(None::<String>);
    let status_id = dom_ids::item(dom_ids::CLOSURE_STATUS, site_id);
    let problem = FormError::new(dom_ids::item(dom_ids::CLOSURE_ERROR, site_id));
    let imported = RwSignal::new(None::<ClosureImport>);
    let result_id = dom_ids::item(dom_ids::CLOSURE_IMPORT_RESULT, site_id);
    let (first, last, reason, address) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let busy = RwSignal::new(false);
    let title_id = dom_ids::item("closures-title", site_id);

    let load = {
        let base = base.clone();
        Callback::new(move |()| {
            let base = base.clone();
            spawn_local(async move { closures.set(Some(api::get_json(&base).await)) });
        })
    };
    load.run(());

    // Says what was done, reloads the list, and moves the focus to `focus`.
    let done = {
        let problem = problem.clone();
        move |text: String, focus: String| {
            problem.clear();
            status.set(Some(text));
            load.run(());
            focus_soon(focus);
        }
    };

    let remove = {
        let (base, done, problem, status_id) = (
            base.clone(),
            done.clone(),
            problem.clone(),
            status_id.clone(),
        );
        Callback::new(move |closure: Closure| {
            let path = format!("{base}/{}", closure.id);
            let (done, problem, status_id) = (done.clone(), problem.clone(), status_id.clone());
            imported.set(None);
            spawn_local(async move {
                match api::delete(&path).await {
                    Ok(()) => {
                        let t = lang.get_untracked().texts();
                        done(
                            t.removed_named.replace("{name}", &closure.reason),
                            status_id,
                        );
                    }
                    Err(e) => problem.show(e),
                }
            });
        })
    };

    let add = {
        let (base, done, problem) = (base.clone(), done.clone(), problem.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            imported.set(None);
            let first_day = first.get_untracked();
            let mut last_day = last.get_untracked();
            if last_day.is_empty() {
                last_day = first_day.clone();
            }
            let new = NewClosure {
                first_day,
                last_day,
                reason: reason.get_untracked().trim().to_owned(),
            };
            let (Some(from), Some(to)) = (
                local_time::parse_date(&new.first_day),
                local_time::parse_date(&new.last_day),
            ) else {
                return problem.refuse(codes::INVALID_DATE);
            };
            if to < from {
                return problem.refuse(CLOSURE_ORDER);
            }
            if new.reason.is_empty() || new.reason.chars().count() > 200 {
                return problem.refuse(MISSING_REASON);
            }
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let (base, done, problem) = (base.clone(), done.clone(), problem.clone());
            spawn_local(async move {
                let answer = api::post_json::<_, serde_json::Value>(&base, &new).await;
                busy.set(false);
                match answer {
                    Ok(_) => {
                        let t = lang.get_untracked().texts();
                        let text = t.added_named.replace("{name}", &new.reason);
                        first.set(String::new());
                        last.set(String::new());
                        reason.set(String::new());
                        done(text, dom_ids::item(dom_ids::CLOSURE_FIRST, site_id));
                    }
                    Err(e) => problem.show(e),
                }
            });
        }
    };

    let import = {
        let (done, problem, result_id) = (done.clone(), problem.clone(), result_id.clone());
        let id = site_id.to_string();
        let path = routes::fill(routes::SITE_CLOSURES_IMPORT, &[("site_id", &id)]);
        let url_path = routes::fill(routes::SITE_CLOSURES_IMPORT_URL, &[("site_id", &id)]);
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            imported.set(None);
            let (done, problem, result_id, path, url_path) = (
                done.clone(),
                problem.clone(),
                result_id.clone(),
                path.clone(),
                url_path.clone(),
            );
            let url = address.get_untracked().trim().to_owned();
            spawn_local(async move {
                let file_id = dom_ids::item(dom_ids::CLOSURE_FILE, site_id);
                // A chosen file wins; otherwise the address, if one is given.
                let answer = match file_text(&file_id).await {
                    Some(text) => {
                        api::post_text::<ClosureImport>(&path, "text/calendar", text).await
                    }
                    None if !url.is_empty() => {
                        api::post_json::<_, ClosureImport>(&url_path, &ClosureImportUrl { url })
                            .await
                    }
                    None => Err(error(MISSING_FILE)),
                };
                busy.set(false);
                match answer {
                    Ok(result) => {
                        imported.set(Some(result));
                        address.set(String::new());
                        clear_file(&file_id);
                        status.set(None);
                        done(String::new(), result_id);
                    }
                    Err(e) => problem.show(e),
                }
            });
        }
    };

    let list = move || {
        let t = lang.get().texts();
        let list_id = dom_ids::item(dom_ids::CLOSURE_LIST, site_id);
        closures.with(|answer| match answer {
            None => view! { <p class="notice">{t.checking_session}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p> }.into_any(),
            Some(Ok(all)) if all.is_empty() => view! { <p id=list_id class="notice">{t.closures_none}</p> }.into_any(),
            Some(Ok(all)) => view! {
                <ul id=list_id class="item-list">
                    {all.iter().map(|c| {
                        let closure = c.clone();
                        view! {
                            <li class="item item-row">
                                <p>
                                    <span class="item-title">{c.reason.clone()}</span><br/>
                                    <span class="item-details">{days_text(t, &c.first_day, &c.last_day)}</span>
                                </p>
                                <button
                                    id=dom_ids::item(dom_ids::CLOSURE_REMOVE, c.id)
                                    type="button"
                                    class="button-danger-outline"
                                    aria-label=t.remove_named.replace("{name}", &c.reason)
                                    on:click=move |_| remove.run(closure.clone())
                                >
                                    {t.remove}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    };

    let result = move || {
        let t = lang.get().texts();
        imported.with(|r| {
            r.as_ref().map(|r| {
                view! {
                    <p><strong>{t.count(t.imported, r.imported.len())}</strong></p>
                    {(!r.skipped.is_empty()).then(|| view! {
                        <p>{t.skipped_title}</p>
                        <ul class="plain-list">
                            {r.skipped.iter().map(|s| view! { <li>{t.skipped_event(s)}</li> }).collect_view()}
                        </ul>
                    })}
                }
            })
        })
    };

    let forms = {
        let problem = problem.clone();
        move || {
            let t = lang.get().texts();
            let date = |prefix, label, value, codes| {
                Field::new(dom_ids::item(prefix, site_id), label, "date", value).codes(codes)
            };
            let file_id = dom_ids::item(dom_ids::CLOSURE_FILE, site_id);
            let hint_id = format!("{file_id}-hint");
            view! {
                <form class="form" novalidate on:submit=add.clone()>
                    <fieldset class="choices">
                        <legend>{t.new_closure_title}</legend>
                        <div class="field-row">
                            {field(date(dom_ids::CLOSURE_FIRST, t.first_day_label, first, FIRST_CODES), &problem)}
                            {field(date(dom_ids::CLOSURE_LAST, t.last_day_label, last, LAST_CODES), &problem)}
                        </div>
                        {field(
                            Field::new(dom_ids::item(dom_ids::CLOSURE_REASON, site_id), t.reason_label, "text", reason)
                                .limit(shared::text::CLOSURE_REASON)
                                .codes(REASON_CODES)
                                .hint(t.reason_hint),
                            &problem,
                        )}
                    </fieldset>
                    <button id=dom_ids::item(dom_ids::CLOSURE_ADD, site_id) type="submit">{t.add_closure}</button>
                </form>
                <form class="form" novalidate on:submit=import.clone()>
                    <fieldset class="choices">
                        <legend>{t.import_title}</legend>
                        <p id=hint_id.clone() class="hint">{t.import_hint}</p>
                        <div class="field">
                            <label for=file_id.clone()>{t.file_label}</label>
                            <input
                                id=file_id
                                type="file"
                                accept=".ics,text/calendar"
                                aria-describedby=hint_id
                            />
                        </div>
                        {field(
                            Field::new(dom_ids::item(dom_ids::CLOSURE_URL, site_id), t.calendar_url_label, "url", address)
                                .codes(URL_CODES)
                                .hint(t.calendar_url_hint),
                            &problem,
                        )}
                    </fieldset>
                    <button id=dom_ids::item(dom_ids::CLOSURE_IMPORT, site_id) type="submit">{t.import_button}</button>
                </form>
            }
        }
    };

    view! {
        <section class="subpanel" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone()>{move || lang.get().texts().closures_title}</h3>
            <p class="hint">{move || lang.get().texts().closures_intro}</p>
            <p id=status_id role="status" tabindex="-1" class="status status-ok">{move || status.get()}</p>
            <div id=result_id role="status" tabindex="-1" class="status">{result}</div>
            {problem.alert()}
            {list}
            {forms}
        </section>
    }
    .into_any()
}
