//! Who is signed in. The session itself is an HttpOnly cookie the app never
//! touches: at start the app asks `GET /api/v1/auth/current` and keeps the answer here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{CurrentSession, Me};
use shared::routes;

use crate::api;
use crate::i18n::{Lang, tr};

#[derive(Debug, Clone, Copy)]
pub struct Auth {
    /// The signed-in person, `None` when signed out (or not known yet).
    pub me: RwSignal<Option<Me>>,
    /// False until the first `GET /api/v1/me` has answered, so pages do not
    /// flash "sign in" at someone who is signed in.
    pub checked: RwSignal<bool>,
}

impl Auth {
    /// Creates the context and asks the server who is signed in.
    pub fn provide() -> Auth {
        let auth = Auth {
            me: RwSignal::new(None),
            checked: RwSignal::new(false),
        };
        provide_context(auth);
        spawn_local(async move {
            // Asked where "nobody" is an answer, not a 401 in the console; a
            // server out of reach leaves the app signed out too.
            let me = api::get_json::<CurrentSession>(routes::AUTH_CURRENT)
                .await
                .ok()
                .and_then(|session| session.me);
            auth.me.set(me);
            auth.checked.set(true);
        });
        auth
    }

    /// After a successful sign-in: the app speaks the person's language.
    pub fn signed_in(self, me: Me, lang: RwSignal<Lang>) {
        let theirs = Lang::from_language(me.language);
        if lang.get_untracked() != theirs {
            theirs.apply();
            lang.set(theirs);
        }
        self.me.set(Some(me));
        self.checked.set(true);
    }

    pub fn signed_out(self) {
        self.me.set(None);
        self.checked.set(true);
    }
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Where the page stands with the person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Checking,
    SignedOut,
    Refused,
    Allowed,
}

/// Shows `page` to a signed-in person `allow` accepts, and a plain sentence to
/// anybody else (never a blank page). `page` is built once per sign-in, not
/// on every change of `me`, so a form keeps what is being typed.
pub fn guarded<P, V>(
    allow: fn(&Me) -> bool,
    refused: fn(&crate::i18n::Texts) -> &'static str,
    page: P,
) -> impl IntoView
where
    P: Fn(Me) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    guarded_view(allow, refused, Box::new(move |me| page(me).into_any()))
}

/// The body of `guarded`, compiled once for every page rather than once per page.
fn guarded_view(
    allow: fn(&Me) -> bool,
    refused: fn(&crate::i18n::Texts) -> &'static str,
    page: Box<dyn Fn(Me) -> AnyView + Send + Sync>,
) -> impl IntoView {
    let auth = use_auth();
    let access = Memo::new(move |_| {
        if !auth.checked.get() {
            return Access::Checking;
        }
        auth.me.with(|me| match me {
            None => Access::SignedOut,
            Some(me) if allow(me) => Access::Allowed,
            Some(_) => Access::Refused,
        })
    });
    move || match access.get() {
        Access::Checking => {
            view! { <p class="notice" role="status">{tr(|t| t.checking_session)}</p> }.into_any()
        }
        Access::SignedOut => view! {
            <div id=shared::dom_ids::ACCESS_REFUSED class="notice" tabindex="-1">
                <p>{tr(|t| t.must_sign_in)}</p>
                <p>
                    <leptos_router::components::A
                        href=routes::pages::SIGN_IN
                        attr:class="button"
                        on:click=|_| come_back_here()
                    >
                        {tr(|t| t.go_to_sign_in)}
                    </leptos_router::components::A>
                </p>
            </div>
        }
        .into_any(),
        Access::Refused => view! {
            <p id=shared::dom_ids::ACCESS_REFUSED class="notice" tabindex="-1">{tr(refused)}</p>
        }
        .into_any(),
        Access::Allowed => match auth.me.get_untracked() {
            Some(me) => page(me),
            None => ().into_any(),
        },
    }
}

/// Where a page that sent the person to sign in wants them back
/// (`/reserver?jour=…`, with the search).
const RETURN_KEY: &str = "relais.after_sign_in";

/// Remembers a page of this app to come back to after signing in.
fn come_back_to(path: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(RETURN_KEY, path);
    }
}

/// Remembers the page on screen, with its query (`/pointage?site=3&code=…`),
/// to come back to it after signing in.
pub fn come_back_here() {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let path = location.pathname().unwrap_or_default();
        let query = location.search().unwrap_or_default();
        come_back_to(&format!("{path}{query}"));
    }
}

/// A person without a name yet is asked for it first; others go back to the
/// page that sent them (only a path of this app), or home.
pub fn after_sign_in(me: &Me) -> String {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    let back = storage
        .as_ref()
        .and_then(|s| s.get_item(RETURN_KEY).ok().flatten());
    if let Some(storage) = &storage {
        let _ = storage.remove_item(RETURN_KEY);
    }
    if me.display_name.trim().is_empty() {
        return routes::pages::PROFILE.to_owned();
    }
    back.filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| routes::pages::HOME.to_owned())
}
