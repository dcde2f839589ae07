//! The network's sites: where they are, when they open, what can be booked,
//! and for each one how to come (address and map, hours in words, access,
//! phone) for people who will not book online.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::Site;
use shared::dom_ids::{self, item};

use crate::api;
use crate::i18n::{Texts, tr, use_lang};
use crate::words::{fold, resource_summary};

#[component]
pub fn SitesPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let sites = api::sites();
    let query = RwSignal::new(String::new());

    let list = move || {
        let result = sites.get()?;
        Some(match result {
            Err(_) => view! {
                <div id=dom_ids::LOAD_ERROR class="notice notice-error" role="alert">
                    <p>{t().load_error}</p>
                    <button type="button" on:click=move |_| sites.refetch()>{t().retry}</button>
                </div>
            }
            .into_any(),
            Ok(all) => {
                let needle = fold(&query.get());
                let shown: Vec<Site> = all
                    .into_iter()
                    .filter(|s| {
                        needle.is_empty()
                            || fold(&format!("{} {}", s.name, s.commune_name)).contains(&needle)
                    })
                    .collect();
                let texts = t();
                let count = texts.count(texts.sites_count, shown.len());
                view! {
                    <p class="result-count" role="status">{count}</p>
                    <Show when={let empty = shown.is_empty(); move || empty}>
                        <p class="notice">{t().no_match}</p>
                    </Show>
                    <ul id=dom_ids::SITE_LIST class="site-list">
                        {shown.into_iter().map(|site| view! { <li><SiteCard site/></li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        })
    };

    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.sites_title)}</h1>
        <p id=dom_ids::PAGE_HELP class="intro">{tr(|t| t.sites_intro)}</p>
        <p>
            <A href=shared::routes::pages::BOOK attr:id=dom_ids::HOME_BOOK attr:class="button button-large">
                {tr(|t| t.book_title)}
            </A>
        </p>
        <crate::components::quota_summary::MyQuotas/>
        <div class="search">
            <label for=dom_ids::SITE_SEARCH>{tr(|t| t.search_label)}</label>
            <input
                id=dom_ids::SITE_SEARCH
                type="search"
                autocomplete="off"
                placeholder=tr(|t| t.search_hint)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </div>
        <Suspense fallback=move || view! { <p class="notice" role="status">{t().loading}</p> }>
            {list}
        </Suspense>
    }
}

#[component]
fn SiteCard(site: Site) -> impl IntoView {
    let lang = use_lang();
    let heading_id = format!("site-{}", site.id);
    let labelled_by = heading_id.clone();
    let site = StoredValue::new(site);
    let card = move || {
        let t = lang.get().texts();
        let site = site.get_value();
        let resources = resource_summary(t, &site);
        let amenities: Vec<String> = site
            .amenities
            .iter()
            .map(|a| t.amenity(a).to_owned())
            .collect();
        view! {
            <p class="site-place">
                <span class="commune">{site.commune_name.clone()}</span>
                " · "
                <span class="address">{format!("{}, {}", site.address, site.postcode)}</span>
            </p>
            <h3 class="small-heading">{t.resources}</h3>
            <p class="site-resources">{resources}</p>
            <Show when={let has = !amenities.is_empty(); move || has}>
                <h3 class="small-heading">{t.amenities}</h3>
            </Show>
            <ul class="tags">
                {amenities.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}
            </ul>
            {how_to_come(t, &site)}
        }
    };
    view! {
        <article class="site-card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{move || site.with_value(|s| s.name.clone())}</h2>
            {card}
        </article>
    }
}

/// "Comment venir", folded so the list stays short on a phone: the address
/// and a map, the hours in sentences, access, and for people who will not
/// book online, a call to the host (or a visit when the site gives no number).
fn how_to_come(t: &'static Texts, site: &Site) -> AnyView {
    let id = site.id;
    let hours = shared::hours_words::in_words(t.hours_words, &site.opening_hours);
    let accessibility = site.accessibility.trim().to_owned();
    let phone = site.phone.trim().to_owned();
    let visit = if phone.is_empty() {
        t.book_in_person
    } else {
        t.book_by_phone
    };
    let call = (!phone.is_empty()).then(|| {
        view! {
            <p>
                <a id=item(dom_ids::SITE_PHONE_LINK, id) class="button button-secondary" href=shared::phone::tel_uri(&phone)>
                    {t.call_phone.replace("{phone}", &phone)}
                </a>
            </p>
        }
    });
    view! {
        <details class="site-details" id=item(dom_ids::SITE_HOW_TO_COME, id)>
            // Every card has one: a screen reader's list of them names each site.
            <summary>{t.how_to_come}<span class="visually-hidden">{format!(" – {}", site.name)}</span></summary>
            <p>{site.address.clone()}<br/>{format!("{} {}", site.postcode, site.commune_name)}</p>
            <p>
                <a id=item(dom_ids::SITE_MAP_LINK, id) class="button button-secondary" href=shared::directions::map_url(site.latitude, site.longitude)>
                    {t.see_on_map}
                    <span class="visually-hidden">{t.see_on_map_of.replace("{site}", &site.name)}</span>
                </a>
            </p>
            <h3 class="small-heading">{t.opening_hours}</h3>
            // `list-style: none` makes Safari drop the list's role: say it.
            <ul class="hours-words" role="list">{hours.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            {(!accessibility.is_empty()).then(|| view! {
                <h3 class="small-heading">{t.accessibility}</h3>
                <p class="accessibility">{accessibility}</p>
            })}
            <p>{visit}</p>
            {call}
        </details>
    }
    .into_any()
}
