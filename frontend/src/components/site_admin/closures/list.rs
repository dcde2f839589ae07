//! The closures of a site, each with a button to remove it, and what the
//! latest calendar import gave.

use leptos::prelude::*;
use shared::dom_ids;

use super::state::Closures;
use crate::i18n::Texts;
use crate::local_time;

/// "lundi 24 décembre 2029", or "du … au …".
fn days_text(t: &Texts, first: &str, last: &str) -> String {
    let words =
        |day: &str| local_time::parse_date(day).map_or_else(|| day.to_owned(), |d| t.date_words(d));
    if first == last {
        words(first)
    } else {
        t.office
            .closure_range
            .replace("{first}", &words(first))
            .replace("{last}", &words(last))
    }
}

#[component]
pub fn ClosureList(editor: Closures) -> impl IntoView {
    let Closures {
        lang,
        site_id,
        closures,
        ..
    } = editor;
    move || {
        let t = lang.get().texts();
        let list_id = dom_ids::item(dom_ids::CLOSURE_LIST, site_id);
        closures.with(|answer| match answer {
            None => view! { <p class="notice">{t.checking_session}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p> }.into_any(),
            Some(Ok(all)) if all.is_empty() => view! { <p id=list_id class="notice">{t.office.closures_none}</p> }.into_any(),
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
                                    aria-label=t.office.remove_named.replace("{name}", &c.reason)
                                    on:click=move |_| editor.remove(closure.clone())
                                >
                                    {t.office.remove}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    }
}

/// How many events became closures, and why the others did not.
#[component]
pub fn ImportResult(editor: Closures) -> impl IntoView {
    let Closures { lang, imported, .. } = editor;
    move || {
        let t = lang.get().texts();
        imported.with(|r| {
            r.as_ref().map(|r| {
                view! {
                    <p><strong>{t.count(t.office.imported, r.imported.len())}</strong></p>
                    {(!r.skipped.is_empty()).then(|| view! {
                        <p>{t.office.skipped_title}</p>
                        <ul class="plain-list">
                            {r.skipped.iter().map(|s| view! { <li>{t.office.skipped_event(s)}</li> }).collect_view()}
                        </ul>
                    })}
                }
            })
        })
    }
}
