use leptos::prelude::*;
use leptos_router::components::A;
use shared::dom_ids;

use crate::i18n::use_lang;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{move || t().not_found_title}</h1>
        <p>{move || t().not_found_text}</p>
        <p><A href="/">{move || t().back_home}</A></p>
    }
}
