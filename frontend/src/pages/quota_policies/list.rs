//! The policies in force, most specific first, each with what it says and,
//! for those the person may manage, "Modifier" and "Retirer".

use leptos::prelude::*;
use shared::api::QuotaPolicy;
use shared::dom_ids;

use super::choices::{BEYOND_CHOICES, index_of};
use super::ids::{EDIT, LIST, RETIRE, RETIRE_YES};
use super::places::{Places, may_manage};
use super::state::{Board, Editing};
use super::words::{how_much, no_show_text, refund_text, where_text, who_text};
use crate::components::confirm::{Ask, confirm_then_act};
use crate::i18n::Texts;

#[component]
pub fn PolicyItems(board: Board) -> impl IntoView {
    let Board {
        lang,
        network,
        policies,
        places,
        own,
        ..
    } = board;
    move || {
        let t = lang.get().texts();
        let own = own.get().unwrap_or_default();
        places.with(|known| {
            let empty = Places::default();
            let known = known.as_ref().unwrap_or(&empty);
            policies.with(|answer| match answer {
                None => view! { <p class="notice" role="status">{t.office.qp_loading}</p> }.into_any(),
                Some(Err(e)) => view! {
                    <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
                }
                .into_any(),
                Some(Ok(all)) if all.is_empty() => {
                    view! { <p id=LIST class="notice">{t.office.qp_none}</p> }.into_any()
                }
                Some(Ok(all)) => view! {
                    <ul id=LIST class="item-list">
                        {all.iter().map(|p| policy_item(t, p, known, may_manage(network, &own, &p.settings), board)).collect_view()}
                    </ul>
                }
                .into_any(),
            })
        })
    }
}

/// One policy of the list: what it says, and its buttons.
fn policy_item(
    t: &'static Texts,
    policy: &QuotaPolicy,
    places: &Places,
    manageable: bool,
    board: Board,
) -> AnyView {
    let id = policy.id;
    let s = &policy.settings;
    let name = s.name.clone();
    let facts = [
        (t.office.qp_who, who_text(t, s, places)),
        (t.office.qp_where, where_text(t, s, places)),
        (t.office.qp_how_much, how_much(t, s)),
        (
            t.office.qp_refund,
            refund_text(t, s.refund_deadline_minutes),
        ),
        (t.office.qp_no_show, no_show_text(t, s)),
        (
            t.office.qp_beyond,
            t.office.qp_beyond_names[index_of(&BEYOND_CHOICES, &s.beyond)].to_owned(),
        ),
        (t.office.qp_version, policy.version.to_string()),
    ];
    let facts = facts
        .into_iter()
        .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
        .collect_view();
    let actions = if manageable {
        let (retire_button, question) = confirm_then_act(
            board.confirming,
            Ask {
                key: id.to_string(),
                button_id: dom_ids::item(RETIRE, id),
                yes_id: dom_ids::item(RETIRE_YES, id),
                label: t.office.qp_retire,
                aria_label: Some(t.office.qp_retire_named.replace("{name}", &name)),
                question: t.office.qp_retire_question.replace("{name}", &name),
                yes: t.office.qp_retire_yes,
                no: t.office.qp_leave_it,
            },
            {
                let name = name.clone();
                Callback::new(move |()| board.retire(id, name.clone()))
            },
        );
        view! {
            <div class="secondary-actions">
                <button
                    id=dom_ids::item(EDIT, id)
                    type="button"
                    aria-label=t.office.qp_edit_named.replace("{name}", &name)
                    on:click=move |_| board.open(Editing::Policy(id))
                >
                    {t.office.qp_edit}
                </button>
                {retire_button}
            </div>
            {question}
        }
        .into_any()
    } else {
        view! { <p class="item-details">{t.office.qp_not_yours}</p> }.into_any()
    };
    view! {
        <li class="item policy-item">
            <h3 class="item-title">{name.clone()}</h3>
            <dl class="policy-facts">{facts}</dl>
            {actions}
        </li>
    }
    .into_any()
}
