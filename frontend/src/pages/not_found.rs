use leptos::prelude::*;
use leptos_router::components::A;
use shared::dom_ids;

use crate::i18n::tr;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.not_found_title)}</h1>
        <p>{tr(|t| t.not_found_text)}</p>
        <p><A href="/">{tr(|t| t.back_home)}</A></p>
    }
}
