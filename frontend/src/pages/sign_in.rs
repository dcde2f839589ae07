//! Signing in without a password: the person types an address, receives a
//! mail with a 6-digit code and a link, and either types the code here or
//! opens the link, which lands on the confirmation page below.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::api::{Session, SignInRequest, SignInRequested, VerifyCode, VerifyLink};
use shared::error::codes;
use shared::routes::{self, pages};
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::auth::{after_sign_in, use_auth};
use crate::components::forms::{ErrorAlert, described_by, error, focus_soon};
use crate::i18n::{CODE_FORMAT, MISSING_EMAIL, tr, use_lang};

/// The last segment of `pages::SIGN_IN_LINK`, after `pages::SIGN_IN`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Email,
    Code,
}

const EMAIL_HINT: &str = "sign-in-email-hint";
const CODE_HINT: &str = "sign-in-code-hint";

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let auth = use_auth();
    let navigate = use_navigate();

    let step = RwSignal::new(Step::Email);
    let email = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let minutes = RwSignal::new(10u32);
    let busy = RwSignal::new(false);
    let resent = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorDetail>);

    // Asks for a mail; `again` when the person asks for a new code.
    let request = move |again: bool| {
        if busy.get_untracked() {
            return;
        }
        let address = email.get_untracked().trim().to_owned();
        if address.is_empty() || !address.contains('@') {
            let code = if address.is_empty() {
                MISSING_EMAIL
            } else {
                codes::INVALID_EMAIL
            };
            failure.set(Some(error(code)));
            focus_soon(dom_ids::SIGN_IN_EMAIL);
            return;
        }
        busy.set(true);
        resent.set(false);
        let body = SignInRequest {
            email: address,
            language: Some(lang.get_untracked().language()),
        };
        spawn_local(async move {
            let answer = api::post_json::<_, SignInRequested>(routes::AUTH_REQUEST, &body).await;
            busy.set(false);
            match answer {
                Ok(requested) => {
                    failure.set(None);
                    minutes.set(requested.expires_in.div_ceil(60).max(1));
                    code.set(String::new());
                    resent.set(again);
                    step.set(Step::Code);
                    focus_soon(dom_ids::SIGN_IN_CODE);
                }
                Err(e) => {
                    let on_email = step.get_untracked() == Step::Email;
                    failure.set(Some(e));
                    focus_soon(if on_email {
                        dom_ids::SIGN_IN_EMAIL
                    } else {
                        dom_ids::SIGN_IN_ERROR
                    });
                }
            }
        });
    };

    let verify = move || {
        if busy.get_untracked() {
            return;
        }
        // People copy "123 456" or paste with spaces around: keep the digits.
        let typed: String = code
            .get_untracked()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if typed.len() != 6 || !typed.chars().all(|c| c.is_ascii_digit()) {
            failure.set(Some(error(CODE_FORMAT)));
            focus_soon(dom_ids::SIGN_IN_CODE);
            return;
        }
        busy.set(true);
        resent.set(false);
        let body = VerifyCode {
            email: email.get_untracked().trim().to_owned(),
            code: typed,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let answer = api::post_json::<_, Session>(routes::AUTH_VERIFY, &body).await;
            busy.set(false);
            match answer {
                Ok(session) => {
                    failure.set(None);
                    let target = after_sign_in(&session.me);
                    auth.signed_in(session.me, lang);
                    navigate(&target, Default::default());
                    focus_soon(dom_ids::MAIN);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::SIGN_IN_CODE);
                }
            }
        });
    };

    let change_address = move |_| {
        failure.set(None);
        resent.set(false);
        step.set(Step::Email);
        focus_soon(dom_ids::SIGN_IN_EMAIL);
    };

    let error_id = move || failure.with(|f| f.as_ref().map(|_| dom_ids::SIGN_IN_ERROR));

    let email_step = move || {
        view! {
            <form class="form" novalidate on:submit=move |ev| {
                ev.prevent_default();
                request(false);
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
                        aria-describedby=move || described_by(Some(EMAIL_HINT), error_id())
                        aria-invalid=move || error_id().map(|_| "true")
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
    };

    let code_step = move || {
        let verify = verify.clone();
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
                verify();
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
                        aria-describedby=move || described_by(Some(CODE_HINT), error_id())
                        aria-invalid=move || error_id().map(|_| "true")
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
                    on:click=move |_| request(true)
                >
                    {tr(|t| t.resend_code)}
                </button>
                <button
                    id=dom_ids::SIGN_IN_CHANGE_ADDRESS
                    type="button"
                    class="button-secondary"
                    on:click=change_address
                >
                    {tr(|t| t.change_address)}
                </button>
            </div>
        }
    };

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
                    <p><A href=pages::PROFILE attr:class="button">{tr(|t| t.go_to_profile)}</A></p>
                }
            >
                <p class="intro">{tr(|t| t.sign_in_intro)}</p>
                <Show when=move || step.get() == Step::Email fallback=code_step.clone()>
                    {email_step()}
                </Show>
            </Show>
            // Announces "a new code has been sent"; present from the start so it is heard.
            <p id=dom_ids::SIGN_IN_STATUS role="status" class="status">
                {move || resent.get().then(|| t().code_resent.replace("{address}", email.get().trim()))}
            </p>
        </div>
    }
}

/// The token of the mail's link, from `#t=<token>`. The fragment never reaches
/// the server with the page request, and nothing happens until the person
/// presses the button: mail scanners that open links sign nobody in.
fn link_token() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let token = hash.strip_prefix('#').unwrap_or(&hash);
    let token = token
        .split('&')
        .find_map(|part| part.strip_prefix("t="))?
        .trim();
    (!token.is_empty()).then(|| token.to_owned())
}

#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let auth = use_auth();
    let navigate = use_navigate();
    let token = link_token();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorDetail>);

    let body = match token {
        None => view! {
            <p id=dom_ids::SIGN_IN_ERROR class="notice notice-error" role="alert">
                {tr(|t| t.link_missing)}
            </p>
            <p><A href=pages::SIGN_IN attr:class="button">{tr(|t| t.go_to_sign_in)}</A></p>
        }
        .into_any(),
        Some(token) => {
            let confirm = move |_| {
                if busy.get_untracked() {
                    return;
                }
                busy.set(true);
                let body = VerifyLink {
                    token: token.clone(),
                };
                let navigate = navigate.clone();
                spawn_local(async move {
                    let answer =
                        api::post_json::<_, Session>(routes::AUTH_VERIFY_LINK, &body).await;
                    busy.set(false);
                    match answer {
                        Ok(session) => {
                            failure.set(None);
                            let target = after_sign_in(&session.me);
                            auth.signed_in(session.me, lang);
                            navigate(&target, Default::default());
                            focus_soon(dom_ids::MAIN);
                        }
                        Err(e) => {
                            failure.set(Some(e));
                            focus_soon(dom_ids::SIGN_IN_ERROR);
                        }
                    }
                });
            };
            view! {
                <p class="intro">{tr(|t| t.link_intro)}</p>
                <button
                    id=dom_ids::SIGN_IN_LINK_CONFIRM
                    type="button"
                    class="button-large"
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=confirm
                >
                    {move || if busy.get() { t().checking } else { t().link_button }}
                </button>
                <ErrorAlert id=dom_ids::SIGN_IN_ERROR.to_owned() error=failure.read_only()/>
                <Show when=move || failure.with(Option::is_some)>
                    <p><A href=pages::SIGN_IN>{tr(|t| t.go_to_sign_in)}</A></p>
                </Show>
            }
            .into_any()
        }
    };

    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.link_title)}</h1>
        <div class="narrow">{body}</div>
    }
}
