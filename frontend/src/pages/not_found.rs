use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use shared::dom_ids;
use shared::routes::pages;

use crate::i18n::tr;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    // The app for everyone reached a page of hosts or administrators (a
    // return after signing in, a link in a mail): the server sends the
    // office build for that address, so load it again from there.
    let path = use_location().pathname.get_untracked();
    if !cfg!(feature = "office") && pages::is_office(&path) {
        let _ = window().location().reload();
        return ().into_any();
    }
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.not_found_title)}</h1>
        <p>{tr(|t| t.not_found_text)}</p>
        <p><A href="/">{tr(|t| t.back_home)}</A></p>
    }
    .into_any()
}
