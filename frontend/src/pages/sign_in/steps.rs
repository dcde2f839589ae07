//! The two steps of signing in: the address, then the code from the mail.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::dom_ids;

use super::state::SignIn;
use crate::components::forms::{ErrorAlert, described_by};
use crate::i18n::tr;

const EMAIL_HINT: &str = "sign-in-email-hint";
const CODE_HINT: &str = "sign-in-code-hint";

/// "Recevoir un code": the address.
#[component]
pub fn EmailStep(sign_in: SignIn) -> impl IntoView {
    let SignIn {
        lang,
        email,
        busy,
        failure,
        ..
    } = sign_in;
    let t = move || lang.get().texts();
    view! {
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            sign_in.request(false);
        }>
            <div class="field">
                <label for=dom_ids::SIGN_IN_EMAIL>{tr(|t| t.email_label)}</label>
                <p id=EMAIL_HINT class="hint">{tr(|t| t.email_hint)}</p>
                <input
                    id=dom_ids::SIGN_IN_EMAIL
                    type="email"
                    name="email"
                    autocomplete="email"
                    inputmode="email"
                    spellcheck="false"
                    autocapitalize="none"
                    aria-describedby=move || described_by(Some(EMAIL_HINT), sign_in.error_id())
                    aria-invalid=move || sign_in.error_id().map(|_| "true")
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
            </div>
            <ErrorAlert id=dom_ids::SIGN_IN_ERROR.to_owned() error=failure.read_only()/>
            <button id=dom_ids::SIGN_IN_REQUEST type="submit" aria-disabled=move || busy.get().then_some("true")>
                {move || if busy.get() { t().sending } else { t().request_code }}
            </button>
        </form>
    }
}

/// The code from the mail, with "send a new code" and "change the address".
#[component]
pub fn CodeStep(sign_in: SignIn) -> impl IntoView {
    let SignIn {
        lang,
        email,
        code,
        minutes,
        busy,
        failure,
        ..
    } = sign_in;
    let t = move || lang.get().texts();
    let navigate = use_navigate();
    view! {
        <p id=dom_ids::SIGN_IN_CODE_SENT class="notice notice-info">
            {move || {
                t().code_sent
                    .replace("{address}", email.get().trim())
                    .replace("{minutes}", &minutes.get().to_string())
            }}
        </p>
        <p class="hint">{tr(|t| t.code_mail_hint)}</p>
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            sign_in.verify(navigate.clone());
        }>
            <div class="field">
                <label for=dom_ids::SIGN_IN_CODE>{tr(|t| t.code_label)}</label>
                <p id=CODE_HINT class="hint">{tr(|t| t.code_hint)}</p>
                <input
                    id=dom_ids::SIGN_IN_CODE
                    class="code-input"
                    type="text"
                    name="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength="6"
                    pattern="[0-9]*"
                    spellcheck="false"
                    aria-describedby=move || described_by(Some(CODE_HINT), sign_in.error_id())
                    aria-invalid=move || sign_in.error_id().map(|_| "true")
                    prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev))
                />
            </div>
            <ErrorAlert id=dom_ids::SIGN_IN_ERROR.to_owned() error=failure.read_only()/>
            <button id=dom_ids::SIGN_IN_VERIFY type="submit" aria-disabled=move || busy.get().then_some("true")>
                {move || if busy.get() { t().checking } else { t().verify_code }}
            </button>
        </form>
        <div class="secondary-actions">
            <button
                id=dom_ids::SIGN_IN_RESEND
                type="button"
                class="button-secondary"
                on:click=move |_| sign_in.request(true)
            >
                {tr(|t| t.resend_code)}
            </button>
            <button
                id=dom_ids::SIGN_IN_CHANGE_ADDRESS
                type="button"
                class="button-secondary"
                on:click=move |_| sign_in.change_address()
            >
                {tr(|t| t.change_address)}
            </button>
        </div>
    }
}
