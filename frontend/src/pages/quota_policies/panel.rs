//! The editing panel under the list: the editor of the policy chosen, or of
//! a new one, once the policies and places are known.

use leptos::prelude::*;
use shared::api::QuotaPolicy;
use shared::dom_ids;

use super::editor::PolicyEditor;
use super::ids::{EDIT, EDITOR, NEW};
use super::state::{Board, Editing};
use crate::components::forms::focus_soon;
use crate::i18n::tr;

#[component]
pub fn EditorPanel(board: Board) -> impl IntoView {
    let Board {
        network,
        policies,
        places,
        editing,
        own,
        ..
    } = board;
    let ready = Memo::new(move |_| {
        places.with(Option::is_some) && policies.with(|p| matches!(p, Some(Ok(_))))
    });
    move || {
        let what = editing.get()?;
        if !ready.get() {
            return Some(
                view! { <p class="notice" role="status">{tr(|t| t.checking_session)}</p> }
                    .into_any(),
            );
        }
        let known = places.get_untracked().unwrap_or_default();
        let policy = match what {
            Editing::New => None,
            Editing::Policy(id) => policies.with_untracked(|p| {
                p.as_ref()
                    .and_then(|p| p.as_ref().ok())
                    .and_then(|all| all.iter().find(|p| p.id == id).cloned())
            }),
        };
        let back = match what {
            Editing::New => NEW.to_owned(),
            Editing::Policy(id) => dom_ids::item(EDIT, id),
        };
        let on_cancel = Callback::new(move |()| {
            editing.set(None);
            focus_soon(back.clone());
        });
        let on_saved = Callback::new(move |(saved, created): (QuotaPolicy, bool)| {
            board.saved(saved, created);
        });
        let own = own.get_untracked().unwrap_or_default();
        // Once drawn (the places may come after the click).
        focus_soon(EDITOR);
        Some(
            view! { <PolicyEditor policy network places=known own on_saved on_cancel/> }.into_any(),
        )
    }
}
