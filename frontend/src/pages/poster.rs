//! The site's poster of the day (`/mon-site/affiche?site=…`), for its hosts
//! to print each morning and put at the entrance: people scan its QR code
//! with their phone to say they have arrived. Its code changes every day, so
//! yesterday's photo of it does not check anyone in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api::{Me, Poster};
use shared::ids::SiteId;
use shared::routes::{self, pages};
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::auth::guarded;
use crate::components::printout::{PrintButton, QrImage};
use crate::i18n::{Lang, tr, use_lang};
use crate::local_time;

fn runs_a_site(me: &Me) -> bool {
    me.is_network_admin() || me.hosted_sites().next().is_some()
}

#[component]
pub fn PosterPage() -> impl IntoView {
    let site = use_query_map()
        .with_untracked(|q| q.get("site"))
        .and_then(|s| s.parse::<i64>().ok())
        .map(SiteId);
    view! {
        <h1 id=dom_ids::PAGE_TITLE class="no-print">{tr(|t| t.office.poster_title)}</h1>
        {guarded(runs_a_site, |t| t.office.hosts_only, move |me| match site {
            None => view! { <p class="notice">{tr(|t| t.office.site_missing)}</p> }.into_any(),
            Some(site) if !me.is_network_admin() && !me.hosted_sites().any(|(s, _)| s == site) => {
                view! { <p id=dom_ids::ACCESS_REFUSED class="notice">{tr(|t| t.office.not_host_here)}</p> }
                    .into_any()
            }
            Some(site) => view! { <PosterView site/> }.into_any(),
        })}
    }
}

#[component]
fn PosterView(site: SiteId) -> impl IntoView {
    let lang = use_lang();
    let poster = RwSignal::new(None::<Result<Poster, ErrorDetail>>);
    let path = routes::fill(routes::SITE_POSTER, &[("site_id", &site.to_string())]);
    spawn_local(async move { poster.set(Some(api::get_json(&path).await)) });
    view! {
        <p class="hint no-print">{tr(|t| t.office.poster_hint)}</p>
        <div class="form-actions no-print">
            <PrintButton id=dom_ids::POSTER_PRINT/>
            <A href=pages::of_site(pages::LIVE, site) attr:class="button button-secondary">
                {tr(|t| t.office.live_link)}
            </A>
        </div>
        {move || {
            let t = lang.get().texts();
            poster.with(|answer| match answer {
                None => view! { <p class="notice" role="status">{t.office.poster_loading}</p> }.into_any(),
                Some(Err(e)) => view! {
                    <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
                }
                .into_any(),
                Some(Ok(p)) => sheet(lang.get(), p).into_any(),
            })
        }}
    }
}

/// What prints: the site, "scan to say you have arrived" (in the other
/// language too, for visitors), the QR code, the day and its code.
fn sheet(lang: Lang, poster: &Poster) -> impl IntoView + use<> {
    let (t, other) = (lang.texts(), lang.other());
    let day = local_time::parse_date(&poster.day)
        .map(|d| t.date_words(d))
        .unwrap_or_else(|| poster.day.clone());
    view! {
        <article id=dom_ids::POSTER class="poster" aria-labelledby="poster-site">
            <h2 id="poster-site" class="poster-site">{poster.site_name.clone()}</h2>
            <p class="poster-scan">{t.office.poster_scan}</p>
            <p class="poster-scan-other" lang=other.code()>{other.texts().office.poster_scan}</p>
            <QrImage id=dom_ids::POSTER_QR svg=poster.qr_svg.clone() label=|t| t.office.poster_qr_label/>
            <p class="poster-day">{t.office.poster_day.replace("{day}", &day)}</p>
            <p class="poster-code">{t.office.poster_code.replace("{code}", &poster.code)}</p>
        </article>
    }
}
