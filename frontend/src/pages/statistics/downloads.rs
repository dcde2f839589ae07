//! The same figures as files, for councils and funders: links the browser
//! downloads with the session it already has.

use leptos::prelude::*;
use shared::dom_ids;

use super::state::Stats;
use super::words::texts;
use crate::i18n::use_lang;

#[component]
pub fn Downloads(stats: Stats) -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = texts(lang.get());
        // Read so the links follow the period, the site and the filters.
        let _ = (stats.from.get(), stats.to.get(), stats.site.get());
        let _ = (stats.kind.get(), stats.living.get(), stats.category.get());
        let links = t
            .downloads
            .iter()
            .map(|(format, words)| {
                view! {
                    <li>
                        <a
                            id=dom_ids::item(dom_ids::STATS_DOWNLOAD, format)
                            href=stats.query(Some(format))
                            download=""
                        >
                            {*words}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="panel" aria-labelledby="stats-downloads-title">
                <h2 id="stats-downloads-title">{t.downloads_title}</h2>
                <ul class="download-list">{links}</ul>
            </section>
        }
    }
}
