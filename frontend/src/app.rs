//! The frame around every page: skip link, header with the language switch,
//! navigation, the routed page, footer.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use shared::dom_ids;

use crate::i18n::{Lang, use_lang};
use crate::pages::{not_found::NotFoundPage, sites::SitesPage};

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::initial());
    lang.get_untracked().apply();
    provide_context(lang);
    let t = move || lang.get().texts();

    view! {
        <Router>
            <a class="skip-link" href=format!("#{}", dom_ids::MAIN)>{move || t().skip_to_content}</a>
            <header class="site-header">
                <div class="brand">
                    <A href="/" attr:class="brand-name">{move || t().app_name}</A>
                    <span class="tagline">{move || t().tagline}</span>
                </div>
                <nav aria-label=move || t().nav_label>
                    <ul class="nav-links">
                        <li><A href="/">{move || t().nav_sites}</A></li>
                    </ul>
                </nav>
                <LanguageSwitch/>
            </header>
            <main id=dom_ids::MAIN tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=SitesPage/>
                </Routes>
            </main>
            <footer class="site-footer">{move || t().footer}</footer>
        </Router>
    }
}

/// One button that names the other language in that language ("English" /
/// "Français"), so a person who cannot read the current one still finds it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let switch = move |_| {
        let next = lang.get_untracked().other();
        next.apply();
        lang.set(next);
    };
    view! {
        <button
            id=dom_ids::LANGUAGE_SWITCH
            class="language-switch"
            type="button"
            lang=move || lang.get().other().code()
            on:click=switch
        >
            {move || lang.get().other().texts().switch_to_this_language}
        </button>
    }
}
