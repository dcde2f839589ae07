//! Proofs of eligibility: the people a desk knows, what they declared
//! (commune, situation) and what a host or an administrator has checked,
//! with one button per item to confirm it or undo the check. Used on the
//! host's page for each site and on the territory administrator's page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Category, ConfirmEligibility, PersonEligibility};
use shared::calendar::Day;
use shared::error::codes;
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::components::forms::{ErrorAlert, focus_soon};
use crate::i18n::{Texts, use_lang};

/// People shown at first, and added by "Voir plus".
const PAGE: usize = 50;

/// What one button changes.
#[derive(Debug, Clone, Copy)]
enum Item {
    Commune,
    Category(Category),
}

/// The confirmation after toggling one item of what is confirmed now.
fn toggled(person: &PersonEligibility, item: Item) -> ConfirmEligibility {
    let mut confirmed = person.confirmed_categories.clone();
    let mut commune_confirmed = person.commune_confirmed;
    match item {
        Item::Commune => commune_confirmed = !commune_confirmed,
        Item::Category(c) if confirmed.contains(&c) => confirmed.retain(|k| *k != c),
        Item::Category(c) => confirmed.push(c),
    }
    ConfirmEligibility {
        commune_insee: person.commune_insee.clone(),
        commune_confirmed,
        confirmed_categories: confirmed,
    }
}

fn day_words(t: &Texts, text: &str) -> String {
    Day::parse(text).map_or_else(|| text.to_owned(), |d| t.date_words(d.number()))
}

/// `desk` keys the ids (`site-3`, `territory`); `path` lists the people and,
/// followed by `/<person id>`, confirms for one of them.
#[component]
pub fn EligibilityDesk(
    desk: String,
    path: String,
    intro: fn(&'static Texts) -> &'static str,
    /// A section of its own page (`h2`), or of a site's section (`h3`).
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let lang = use_lang();
    let shown = RwSignal::new(PAGE);
    let people = RwSignal::new(None::<Result<Vec<PersonEligibility>, ErrorDetail>>);
    let status = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ErrorDetail>);
    let path = StoredValue::new(path);
    let desk = StoredValue::new(desk);
    let error_id = dom_ids::item(dom_ids::ELIGIBILITY_ERROR, desk.get_value());

    let load = move || {
        let url = format!("{}?limit={}", path.get_value(), shown.get_untracked());
        spawn_local(async move {
            people.set(Some(api::get_json::<Vec<PersonEligibility>>(&url).await));
        });
    };
    Effect::new(move |_| {
        shown.track();
        load();
    });

    let act = move |person: PersonEligibility, item: Item, button: String| {
        let body = toggled(&person, item);
        let url = format!("{}/{}", path.get_value(), person.person_id);
        let error_id = dom_ids::item(dom_ids::ELIGIBILITY_ERROR, desk.get_value());
        spawn_local(async move {
            match api::put_json::<_, PersonEligibility>(&url, &body).await {
                Ok(updated) => {
                    failure.set(None);
                    let t = lang.get_untracked().texts();
                    status.set(Some(
                        t.office.el_saved.replace("{name}", &updated.display_name),
                    ));
                    people.update(|all| {
                        if let Some(Ok(all)) = all
                            && let Some(p) =
                                all.iter_mut().find(|p| p.person_id == updated.person_id)
                        {
                            *p = updated;
                        }
                    });
                    focus_soon(button);
                }
                Err(e) => {
                    // Someone changed what they declared: show the list as it is now.
                    if e.code == codes::ELIGIBILITY_CHANGED {
                        load();
                    }
                    failure.set(Some(e));
                    focus_soon(error_id);
                }
            }
        });
    };

    let list = move || {
        let t = lang.get().texts();
        Some(match people.get()? {
            Err(e) => {
                view! { <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p> }
                    .into_any()
            }
            Ok(all) if all.is_empty() => {
                view! { <p class="notice">{t.office.el_nobody}</p> }.into_any()
            }
            Ok(all) => {
                let more = all.len() >= shown.get_untracked();
                view! {
                    <ul class="item-list">{all.into_iter().map(|p| person_row(t, &desk.get_value(), p, act)).collect_view()}</ul>
                    {more.then(|| view! {
                        <button type="button" class="button-secondary" on:click=move |_| shown.update(|n| *n += PAGE)>
                            {t.office.el_more}
                        </button>
                    })}
                }
                .into_any()
            }
        })
    };

    let section_id = dom_ids::item(dom_ids::ELIGIBILITY, desk.get_value());
    let title_id = format!("{section_id}-title");
    let title = move || lang.get().texts().office.el_title;
    let heading = if top_level {
        view! { <h2 id=title_id.clone()>{title}</h2> }.into_any()
    } else {
        view! { <h3 id=title_id.clone()>{title}</h3> }.into_any()
    };
    view! {
        <section id=section_id class=if top_level { "panel" } else { "subpanel" } aria-labelledby=title_id>
            {heading}
            <p class="hint">{move || intro(lang.get().texts())}</p>
            <p id=dom_ids::item(dom_ids::ELIGIBILITY_STATUS, desk.get_value()) role="status" class="status status-ok">
                {move || status.get()}
            </p>
            <ErrorAlert id=error_id error=failure.read_only()/>
            {list}
        </section>
    }
}

/// One person: their name, and each thing they declared with its state and
/// the button that confirms it or undoes the check (`act`).
fn person_row<F>(
    t: &'static Texts,
    desk: &str,
    person: PersonEligibility,
    act: F,
) -> impl IntoView + use<F>
where
    F: Fn(PersonEligibility, Item, String) + Copy + Send + Sync + 'static,
{
    let key = format!("{desk}-{}", person.person_id);
    let name = person.display_name.clone();
    let state = |done: bool| {
        if done {
            t.office.el_confirmed
        } else {
            t.office.el_declared
        }
    };
    let button = |id: String, done: bool, label: String, item: Item, person: PersonEligibility| {
        let target = id.clone();
        view! {
            <button
                id=id
                type="button"
                class="button-secondary"
                aria-label=label
                on:click=move |_| act(person.clone(), item, target.clone())
            >
                {if done { t.office.el_undo } else { t.office.el_confirm }}
            </button>
        }
    };
    let commune = person.commune_insee.as_ref().map(|_| {
        let done = person.commune_confirmed;
        let place = person.commune_name.clone().unwrap_or_default();
        let label = if done { t.office.el_undo_commune_label } else { t.office.el_confirm_commune_label }
            .replace("{name}", &name);
        view! {
            <li data-state=if done { "confirmed" } else { "declared" }>
                {t.office.el_commune.replace("{name}", &place)} " — " <strong>{state(done)}</strong> " "
                {button(dom_ids::item(dom_ids::ELIGIBILITY_COMMUNE, &key), done, label, Item::Commune, person.clone())}
                {person.commune_changed_on.as_ref().map(|d| view! {
                    <p class="hint">{t.office.el_changed.replace("{date}", &day_words(t, d))}</p>
                })}
            </li>
        }
    });
    let categories = person
        .categories
        .iter()
        .map(|c| {
            let done = person.confirmed_categories.contains(c);
            let label = if done {
                t.office.el_undo_category_label
            } else {
                t.office.el_confirm_category_label
            }
            .replace("{category}", t.category(*c))
            .replace("{name}", &name);
            let id = dom_ids::item(
                dom_ids::ELIGIBILITY_CATEGORY,
                format!("{key}-{}", c.as_str()),
            );
            view! {
                <li data-state=if done { "confirmed" } else { "declared" }>
                    {t.category(*c)} " — " <strong>{state(done)}</strong> " "
                    {button(id, done, label, Item::Category(*c), person.clone())}
                </li>
            }
        })
        .collect_view();
    view! {
        <li id=dom_ids::item(dom_ids::ELIGIBILITY_PERSON, &key) class="item">
            <p class="item-title">{name.clone()}</p>
            {person.commune_insee.is_none().then(|| view! { <p class="item-details">{t.office.el_no_commune}</p> })}
            <ul class="plain eligibility-items">{commune}{categories}</ul>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ids::PersonId;

    #[test]
    fn a_button_changes_only_its_item() {
        let person = PersonEligibility {
            person_id: PersonId(7),
            display_name: "Lucie".into(),
            commune_insee: Some("48095".into()),
            commune_name: Some("Mende".into()),
            commune_confirmed: false,
            commune_changed_on: None,
            categories: vec![Category::JobSeeker, Category::Student],
            confirmed_categories: vec![Category::Student],
        };
        let commune = toggled(&person, Item::Commune);
        assert!(commune.commune_confirmed);
        assert_eq!(commune.confirmed_categories, [Category::Student]);
        let job = toggled(&person, Item::Category(Category::JobSeeker));
        assert!(!job.commune_confirmed);
        assert_eq!(
            job.confirmed_categories,
            [Category::Student, Category::JobSeeker]
        );
        let undo = toggled(&person, Item::Category(Category::Student));
        assert!(undo.confirmed_categories.is_empty());
        assert_eq!(undo.commune_insee.as_deref(), Some("48095"));
    }
}
