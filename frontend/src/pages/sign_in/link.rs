//! The page the mail's link opens: one button that signs in, so that mail
//! scanners opening the link sign nobody in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::api::{Session, VerifyLink};
use shared::routes::{self, pages};
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::auth::{after_sign_in, use_auth};
use crate::components::forms::{ErrorAlert, focus_soon};
use crate::i18n::{tr, use_lang};

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
                <p id=dom_ids::PAGE_HELP class="intro">{tr(|t| t.link_intro)}</p>
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
