//! What the sign-in page holds (the step, the address, the code) and what
//! its buttons do: ask for a mail, check a code, start again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use shared::api::{Session, SignInRequest, SignInRequested, VerifyCode};
use shared::error::codes;
use shared::routes;
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::auth::{Auth, after_sign_in, use_auth};
use crate::components::forms::{error, focus_soon};
use crate::i18n::{CODE_FORMAT, Lang, MISSING_EMAIL, use_lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Email,
    Code,
}

/// Every signal of the page, shared by its two steps (all `Copy`).
#[derive(Clone, Copy)]
pub struct SignIn {
    pub lang: RwSignal<Lang>,
    pub auth: Auth,
    pub step: RwSignal<Step>,
    pub email: RwSignal<String>,
    pub code: RwSignal<String>,
    /// How long the mailed code lives, as the server said.
    pub minutes: RwSignal<u32>,
    pub busy: RwSignal<bool>,
    /// Set after "send a new code", for the status line.
    pub resent: RwSignal<bool>,
    pub failure: RwSignal<Option<ErrorDetail>>,
}

impl SignIn {
    pub fn new() -> SignIn {
        SignIn {
            lang: use_lang(),
            auth: use_auth(),
            step: RwSignal::new(Step::Email),
            email: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
            minutes: RwSignal::new(10),
            busy: RwSignal::new(false),
            resent: RwSignal::new(false),
            failure: RwSignal::new(None),
        }
    }

    /// The error box's id while there is an error, for `aria-describedby`.
    pub fn error_id(self) -> Option<&'static str> {
        self.failure
            .with(|f| f.as_ref().map(|_| dom_ids::SIGN_IN_ERROR))
    }

    /// Asks for a mail; `again` when the person asks for a new code.
    pub fn request(self, again: bool) {
        if self.busy.get_untracked() {
            return;
        }
        let address = self.email.get_untracked().trim().to_owned();
        if address.is_empty() || !address.contains('@') {
            let code = if address.is_empty() {
                MISSING_EMAIL
            } else {
                codes::INVALID_EMAIL
            };
            self.failure.set(Some(error(code)));
            focus_soon(dom_ids::SIGN_IN_EMAIL);
            return;
        }
        self.busy.set(true);
        self.resent.set(false);
        let body = SignInRequest {
            email: address,
            language: Some(self.lang.get_untracked().language()),
        };
        spawn_local(async move {
            let answer = api::post_json::<_, SignInRequested>(routes::AUTH_REQUEST, &body).await;
            self.busy.set(false);
            match answer {
                Ok(requested) => {
                    self.failure.set(None);
                    self.minutes.set(requested.expires_in.div_ceil(60).max(1));
                    self.code.set(String::new());
                    self.resent.set(again);
                    self.step.set(Step::Code);
                    focus_soon(dom_ids::SIGN_IN_CODE);
                }
                Err(e) => {
                    let on_email = self.step.get_untracked() == Step::Email;
                    self.failure.set(Some(e));
                    focus_soon(if on_email {
                        dom_ids::SIGN_IN_EMAIL
                    } else {
                        dom_ids::SIGN_IN_ERROR
                    });
                }
            }
        });
    }

    pub fn verify(self, navigate: impl Fn(&str, NavigateOptions) + Clone + 'static) {
        if self.busy.get_untracked() {
            return;
        }
        // People copy "123 456" or paste with spaces around: keep the digits.
        let typed: String = self
            .code
            .get_untracked()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if typed.len() != 6 || !typed.chars().all(|c| c.is_ascii_digit()) {
            self.failure.set(Some(error(CODE_FORMAT)));
            focus_soon(dom_ids::SIGN_IN_CODE);
            return;
        }
        self.busy.set(true);
        self.resent.set(false);
        let body = VerifyCode {
            email: self.email.get_untracked().trim().to_owned(),
            code: typed,
        };
        spawn_local(async move {
            let answer = api::post_json::<_, Session>(routes::AUTH_VERIFY, &body).await;
            self.busy.set(false);
            match answer {
                Ok(session) => {
                    self.failure.set(None);
                    let target = after_sign_in(&session.me);
                    self.auth.signed_in(session.me, self.lang);
                    navigate(&target, Default::default());
                    focus_soon(dom_ids::MAIN);
                }
                Err(e) => {
                    self.failure.set(Some(e));
                    focus_soon(dom_ids::SIGN_IN_CODE);
                }
            }
        });
    }

    pub fn change_address(self) {
        self.failure.set(None);
        self.resent.set(false);
        self.step.set(Step::Email);
        focus_soon(dom_ids::SIGN_IN_EMAIL);
    }
}
