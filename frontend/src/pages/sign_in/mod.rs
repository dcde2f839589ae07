//! Signing in without a password: the person types an address, receives a
//! mail with a 6-digit code and a link, and either types the code here or
//! opens the link, which lands on the confirmation page (`link.rs`).

mod link;
mod state;
mod steps;

pub use link::SignInLinkPage;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::dom_ids;
use shared::routes::pages;

use crate::auth::use_auth;
use crate::i18n::{tr, use_lang};
use state::{SignIn, Step};
use steps::{CodeStep, EmailStep};

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let auth = use_auth();
    let sign_in = SignIn::new();

    let signed_in_as = move || {
        auth.me
            .with(|me| me.as_ref().map(|me| me.email.clone().unwrap_or_default()))
    };

    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.sign_in_title)}</h1>
        <div class="narrow">
            <Show
                when=move || signed_in_as().is_none()
                fallback=move || view! {
                    <p class="notice">
                        {move || t().already_signed_in.replace("{address}", &signed_in_as().unwrap_or_default())}
                    </p>
                    <p><A href=pages::PROFILE attr:class="button" attr:rel=crate::builds::rel(pages::PROFILE)>{tr(|t| t.go_to_profile)}</A></p>
                }
            >
                <p id=dom_ids::PAGE_HELP class="intro">{tr(|t| t.sign_in_intro)}</p>
                <Show when=move || sign_in.step.get() == Step::Email fallback=move || view! { <CodeStep sign_in/> }>
                    <EmailStep sign_in/>
                </Show>
            </Show>
            // Announces "a new code has been sent"; present from the start so it is heard.
            <p id=dom_ids::SIGN_IN_STATUS role="status" class="status">
                {move || sign_in.resent.get().then(|| t().code_resent.replace("{address}", sign_in.email.get().trim()))}
            </p>
        </div>
    }
}
