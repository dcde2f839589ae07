//! An action asked twice: a button, then a question with "yes" and "no"
//! in the red box the app uses for what cannot be undone (cancelling a
//! booking, retiring a desk, a site or a quota policy).
//!
//! One question is open at a time on a page: the page holds a
//! `RwSignal<Option<String>>` naming the open one, and each action its
//! `key`. "Yes" gets the focus when the question opens; "no" closes it and
//! gives the focus back to the button, so a keyboard or screen-reader user
//! never loses their place.

use leptos::prelude::*;

use super::forms::focus_soon;

/// What an action says and which ids its buttons carry.
pub struct Ask {
    /// Names this question in the page's `confirming` signal.
    pub key: String,
    pub button_id: String,
    pub yes_id: String,
    /// The button's words ("Annuler"), and what a screen reader hears
    /// ("Annuler la réservation du lundi 30 novembre"), when it says more.
    pub label: &'static str,
    pub aria_label: Option<String>,
    pub question: String,
    pub yes: &'static str,
    pub no: &'static str,
}

impl Ask {
    /// "Retirer" something named `name` (a desk, a site), in the words every
    /// retirement uses.
    #[cfg(feature = "office")]
    pub fn retire(
        t: &'static crate::i18n::Texts,
        key: String,
        button_id: String,
        yes_id: String,
        name: &str,
    ) -> Ask {
        Ask {
            key,
            button_id,
            yes_id,
            label: t.office.retire,
            aria_label: Some(t.office.retire_named.replace("{name}", name)),
            question: t.office.retire_question.replace("{name}", name),
            yes: t.office.retire_yes,
            no: t.office.leave_it,
        }
    }
}

/// The button and its question, apart: pages place the button among their
/// other buttons and the question below them.
pub fn confirm_then_act(
    confirming: RwSignal<Option<String>>,
    ask: Ask,
    on_yes: Callback<()>,
) -> (AnyView, AnyView) {
    let Ask {
        key,
        button_id,
        yes_id,
        label,
        aria_label,
        question,
        yes,
        no,
    } = ask;
    let open = {
        let (key, yes_id) = (key.clone(), yes_id.clone());
        move |_| {
            confirming.set(Some(key.clone()));
            focus_soon(yes_id.clone());
        }
    };
    let on_no = {
        let back = button_id.clone();
        Callback::new(move |()| {
            confirming.set(None);
            focus_soon(back.clone());
        })
    };
    let button = view! {
        <button
            id=button_id
            type="button"
            class="button-danger-outline"
            aria-label=aria_label
            on:click=open
        >
            {label}
        </button>
    }
    .into_any();
    let question_id = format!("{yes_id}-question");
    let asked = move || confirming.with(|open| open.as_deref() == Some(key.as_str()));
    let question = view! {
        <Show when=asked>
            <div class="confirm-box">
                <p id=question_id.clone()><strong>{question.clone()}</strong></p>
                <div class="secondary-actions">
                    <button
                        id=yes_id.clone()
                        type="button"
                        class="button-danger"
                        aria-describedby=question_id.clone()
                        on:click=move |_| on_yes.run(())
                    >
                        {yes}
                    </button>
                    <button type="button" class="button-secondary" on:click=move |_| on_no.run(())>
                        {no}
                    </button>
                </div>
            </div>
        </Show>
    }
    .into_any();
    (button, question)
}
