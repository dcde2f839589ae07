//! The frame around every page: skip link, header with the navigation (which
//! depends on who is signed in, behind a "Menu" button on a phone) and the
//! language switch, the routed page, footer.
//!
//! The app is built three times (`builds.rs`): for everyone, with the
//! pages opened after a first visit (`account`: pass, check-in, profile,
//! calendar), and with those of hosts and administrators (`office`). Links
//! to a page another build has load it from the server (`builds::rel`),
//! which answers with that build.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{StaticSegment, path};
use shared::error::codes;
use shared::routes::{self, pages};
use shared::{ErrorDetail, dom_ids};
use wasm_bindgen::JsCast;

use crate::api;
use crate::auth::{Auth, use_auth};
use crate::builds;
use crate::i18n::{Lang, tr, use_lang};
#[cfg(feature = "office")]
use crate::pages::{
    admin::AdminPage, live::LivePage, my_site, my_site::MySitePage, poster::PosterPage,
    quota_policies::QuotaPoliciesPage, statistics::StatisticsPage,
};
use crate::pages::{
    book::BookPage,
    my_bookings::MyBookingsPage,
    not_found::NotFoundPage,
    sign_in::{SignInLinkPage, SignInPage},
    sites::SitesPage,
};
#[cfg(feature = "account")]
use crate::pages::{
    calendar::CalendarPage, check_in::CheckInPage, pass::PassPage, profile::ProfilePage,
};

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::initial());
    lang.get_untracked().apply();
    provide_context(lang);
    Auth::provide();

    view! {
        <Router>
            <a class="skip-link" href=format!("#{}", dom_ids::MAIN)>{tr(|t| t.skip_to_content)}</a>
            <SiteHeader/>
            <main id=dom_ids::MAIN tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=SitesPage/>
                    <Route path=StaticSegment(pages::SIGN_IN) view=SignInPage/>
                    <Route
                        path=(StaticSegment(pages::SIGN_IN), StaticSegment(pages::SIGN_IN_LINK_SEGMENT))
                        view=SignInLinkPage
                    />
                    <Route path=StaticSegment(pages::BOOK) view=BookPage/>
                    <Route path=StaticSegment(pages::MY_BOOKINGS) view=MyBookingsPage/>
                    <AccountRoutes/>
                    <OfficeRoutes/>
                </Routes>
            </main>
            <footer class="site-footer">{tr(|t| t.footer)}</footer>
        </Router>
    }
}

/// The app's name, the navigation and the language switch. On a narrow
/// screen the links hide behind "Menu" (style.css), so that a phone's first
/// screen shows the page's task rather than three rows of links.
#[component]
fn SiteHeader() -> impl IntoView {
    let open = RwSignal::new(false);
    // Any page change closes the menu; a click on a link too, for the page on screen.
    let pathname = use_location().pathname;
    Effect::new(move |_| {
        pathname.track();
        open.set(false);
    });
    let close_on_link = move |ev: leptos::ev::MouseEvent| {
        let on_link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a").ok().flatten())
            .is_some();
        if on_link {
            open.set(false);
        }
    };
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            crate::components::forms::focus_soon(dom_ids::NAV_MENU);
        }
    };
    view! {
        <header class="site-header">
            <div class="brand">
                <A href="/" attr:class="brand-name">{tr(|t| t.app_name)}</A>
                <span class="tagline">{tr(|t| t.tagline)}</span>
            </div>
            <button
                id=dom_ids::NAV_MENU
                type="button"
                class="nav-button menu-button"
                aria-expanded=move || open.get().to_string()
                aria-controls=dom_ids::NAV_LIST
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {tr(|t| t.menu_button)}
            </button>
            <nav aria-label=tr(|t| t.nav_label)>
                <ul
                    id=dom_ids::NAV_LIST
                    class="nav-links"
                    class:nav-open=move || open.get()
                    on:click=close_on_link
                    on:keydown=close_on_escape
                >
                    <li><A href="/">{tr(|t| t.nav_sites)}</A></li>
                    <li><A href=pages::BOOK attr:id=dom_ids::NAV_BOOK>{tr(|t| t.nav_book)}</A></li>
                    <AccountLinks/>
                </ul>
            </nav>
            <LanguageSwitch/>
        </header>
    }
}

/// Signed out: "Se connecter". Signed in: the profile, the person's site when
/// they host one, administration for network administrators, quotas for network,
/// commune and EPCI administrators, and signing out.
/// Nothing until the server has said who is signed in, so nothing flickers.
#[component]
fn AccountLinks() -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let t = move || lang.get().texts();
    let navigate = use_navigate();
    let failed = RwSignal::new(None::<ErrorDetail>);

    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::post_empty::<serde::de::IgnoredAny>(routes::AUTH_SIGN_OUT).await {
                // 401: the session had already ended; the person is signed out either way.
                Ok(_) => {}
                Err(e) if e.code == codes::UNAUTHORIZED => {}
                Err(e) => {
                    failed.set(Some(e));
                    return;
                }
            }
            failed.set(None);
            auth.signed_out();
            navigate(pages::HOME, Default::default());
            crate::components::forms::focus_soon(dom_ids::MAIN);
        });
    };

    // Which links to show, recomputed only when the roles change.
    let nav = Memo::new(move |_| {
        if !auth.checked.get() {
            return Nav::Unknown;
        }
        auth.me.with(|me| match me {
            None => Nav::SignedOut,
            Some(me) => Nav::SignedIn {
                host: me.hosted_sites().next().is_some(),
                admin: me.is_network_admin(),
                quotas: me.is_network_admin() || me.is_territory_admin(),
                statistics: me.is_network_admin()
                    || me.is_territory_admin()
                    || me.hosted_sites().next().is_some(),
            },
        })
    });

    move || match nav.get() {
        Nav::Unknown => ().into_any(),
        Nav::SignedIn {
            host,
            admin,
            quotas,
            statistics,
        } => {
            let sign_out = sign_out.clone();
            view! {
                <li><A href=pages::MY_BOOKINGS attr:id=dom_ids::NAV_MY_BOOKINGS>{tr(|t| t.nav_my_bookings)}</A></li>
                <li><PageLink href=pages::PROFILE id=dom_ids::NAV_PROFILE text=|t| t.nav_profile/></li>
                {host.then(|| view! {
                    <li><PageLink href=pages::MY_SITE id=dom_ids::NAV_MY_SITE text=|t| t.nav_my_site/></li>
                })}
                {admin.then(|| view! {
                    <li><PageLink href=pages::ADMIN id=dom_ids::NAV_ADMIN text=|t| t.nav_admin/></li>
                })}
                {quotas.then(|| view! {
                    <li><PageLink href=pages::QUOTAS id=dom_ids::NAV_QUOTAS text=|t| t.nav_quotas/></li>
                })}
                {statistics.then(|| view! {
                    <li><PageLink href=pages::STATISTICS id=dom_ids::NAV_STATISTICS text=|t| t.nav_statistics/></li>
                })}
                <li>
                    <button id=dom_ids::SIGN_OUT type="button" class="nav-button" on:click=sign_out>
                        {tr(|t| t.sign_out)}
                    </button>
                </li>
                {move || failed.get().map(|e| view! {
                    <li id=dom_ids::SIGN_OUT_ERROR class="nav-error" role="alert">
                        {move || t().error_message(&e.code)}
                    </li>
                })}
            }
            .into_any()
        }
        Nav::SignedOut => view! {
            <li><A href=pages::SIGN_IN attr:id=dom_ids::NAV_SIGN_IN>{tr(|t| t.nav_sign_in)}</A></li>
        }
        .into_any(),
    }
}

/// The routes of the pages opened after a first visit, in the account and
/// office builds.
#[cfg(feature = "account")]
#[component(transparent)]
fn AccountRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos_router::ParamSegment;
    view! {
        <Route path=StaticSegment(pages::CALENDAR) view=CalendarPage/>
        <Route path=StaticSegment(pages::PROFILE) view=ProfilePage/>
        <Route path=(StaticSegment(pages::PASS), ParamSegment("booking_id")) view=PassPage/>
        <Route path=StaticSegment(pages::CHECK_IN) view=CheckInPage/>
    }
    .into_inner()
}

/// None in the build for everyone: the server answers those pages with the
/// account build.
#[cfg(not(feature = "account"))]
#[component(transparent)]
fn AccountRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {}

/// The routes of hosts' and administrators' pages, in the office build.
#[cfg(feature = "office")]
#[component(transparent)]
fn OfficeRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos_router::components::ParentRoute;
    // "Mon site" keeps its frame (site, links to the sections) while the
    // section under it changes; the live view and the poster are pages of
    // their own, matched below when no section is.
    view! {
        <ParentRoute path=StaticSegment(pages::MY_SITE) view=MySitePage>
            <Route path=StaticSegment(pages::SETTINGS_SEGMENT) view=my_site::SettingsSection/>
            <Route path=StaticSegment(pages::SPACES_SEGMENT) view=my_site::SpacesSection/>
            <Route path=StaticSegment(pages::CLOSURES_SEGMENT) view=my_site::ClosuresSection/>
            <Route path=StaticSegment(pages::AGENDA_SEGMENT) view=my_site::AgendaSection/>
            <Route path=StaticSegment(pages::PEOPLE_SEGMENT) view=my_site::PeopleSection/>
            <Route path=StaticSegment("") view=my_site::TodaySection/>
        </ParentRoute>
        <Route path=StaticSegment(pages::ADMIN) view=AdminPage/>
        <Route path=StaticSegment(pages::STATISTICS) view=StatisticsPage/>
        <Route
            path=(StaticSegment(pages::ADMIN), StaticSegment(pages::QUOTAS_SEGMENT))
            view=QuotaPoliciesPage
        />
        <Route
            path=(StaticSegment(pages::MY_SITE), StaticSegment(pages::LIVE_SEGMENT))
            view=LivePage
        />
        <Route
            path=(StaticSegment(pages::MY_SITE), StaticSegment(pages::POSTER_SEGMENT))
            view=PosterPage
        />
    }
    .into_inner()
}

/// None in the build for everyone: the server answers those pages with the
/// office build.
#[cfg(not(feature = "office"))]
#[component(transparent)]
fn OfficeRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {}

/// A link of the navigation: the router's within this build, one left to
/// the browser (`rel="external"`) for a page of another build, so that the
/// server sends that build.
#[component]
fn PageLink(
    href: &'static str,
    id: &'static str,
    text: fn(&'static crate::i18n::Texts) -> &'static str,
) -> impl IntoView {
    // The administration's home is not active on its quota page.
    let exact = href == pages::ADMIN;
    view! { <A href=href exact=exact attr:id=id attr:rel=builds::rel(href)>{tr(text)}</A> }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nav {
    Unknown,
    SignedOut,
    SignedIn {
        host: bool,
        admin: bool,
        quotas: bool,
        statistics: bool,
    },
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
