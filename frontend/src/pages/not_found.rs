use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use shared::dom_ids;

use crate::i18n::tr;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    // This build reached a page another build has (a return after signing
    // in, a navigation in the app): the server sends that build for the
    // address, so load the address from there. The browser's address may
    // still be the previous page's here, so the router's is used.
    {
        let location = use_location();
        let path = location.pathname.get_untracked();
        if !crate::builds::has_page(&path) {
            let mut target = path;
            let (search, hash) = (
                location.search.get_untracked(),
                location.hash.get_untracked(),
            );
            if !search.is_empty() {
                target = format!("{target}?{search}");
            }
            if !hash.is_empty() {
                let mark = if hash.starts_with('#') { "" } else { "#" };
                target = format!("{target}{mark}{hash}");
            }
            if load_once(&target) {
                return ().into_any();
            }
        }
    }
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.not_found_title)}</h1>
        <p>{tr(|t| t.not_found_text)}</p>
        <p><A href="/">{tr(|t| t.back_home)}</A></p>
    }
    .into_any()
}

/// Loads `target` from the server, unless this tab just did and came back
/// here (a server without that build): then the page says "not
/// found" instead of loading again and again.
fn load_once(target: &str) -> bool {
    const KEY: &str = "relais.build-load";
    let storage = window().session_storage().ok().flatten();
    let tried = storage
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten());
    if tried.as_deref() == Some(target) {
        if let Some(s) = &storage {
            let _ = s.remove_item(KEY);
        }
        return false;
    }
    if let Some(s) = &storage {
        let _ = s.set_item(KEY, target);
    }
    window().location().replace(target).is_ok()
}
