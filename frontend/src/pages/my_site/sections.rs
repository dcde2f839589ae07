//! The parts of "Mon site" and the links between them: one link per
//! section, the current one marked for screen readers
//! (`aria-current="page"`), and, for a host of several sites, one link per
//! site that keeps the section. Both lists wrap on a phone.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::dom_ids;
use shared::routes::pages;

use super::state::Host;
use crate::i18n::{Texts, tr, use_lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Today,
    Settings,
    Spaces,
    Closures,
    Agenda,
    People,
}

impl Section {
    /// In the order of `pages::MY_SITE_SECTIONS` and of `office.sections`.
    pub const ALL: [Section; 6] = [
        Section::Today,
        Section::Settings,
        Section::Spaces,
        Section::Closures,
        Section::Agenda,
        Section::People,
    ];

    fn index(self) -> usize {
        self as usize
    }

    pub fn path(self) -> &'static str {
        pages::MY_SITE_SECTIONS[self.index()]
    }

    pub fn name(self, t: &'static Texts) -> &'static str {
        t.office.sections[self.index()]
    }

    /// The section at `path` (today for `/mon-site` and anything else).
    fn at(path: &str) -> Section {
        let path = path.trim_end_matches('/');
        Section::ALL
            .into_iter()
            .find(|s| s.path() == path)
            .unwrap_or(Section::Today)
    }

    /// The section of the address shown, following the router.
    pub fn current() -> Memo<Section> {
        let location = use_location();
        Memo::new(move |_| location.pathname.with(|p| Section::at(p)))
    }
}

/// "Aujourd'hui", "Réglages et horaires"…: plain links the router follows
/// without loading the page again.
#[component]
pub fn SectionLinks(host: Host, section: Memo<Section>) -> impl IntoView {
    let lang = use_lang();
    let links = move || {
        let site = host.site.get()?;
        let t = lang.get().texts();
        Some(
            Section::ALL
                .into_iter()
                .map(|s| {
                    view! {
                        <li>
                            <a
                                href=pages::of_site(s.path(), site)
                                aria-current=move || (section.get() == s).then_some("page")
                            >
                                {s.name(t)}
                            </a>
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <nav
            id=dom_ids::MY_SITE_SECTIONS
            class="section-nav"
            aria-label=move || lang.get().texts().office.sections_label
        >
            <ul>{links}</ul>
        </nav>
    }
}

/// The host's sites, when there are several: each link opens the same
/// section for that site.
#[component]
pub fn SiteChooser(host: Host, section: Memo<Section>) -> impl IntoView {
    let several = host.sites.with_value(|sites| sites.len() > 1);
    let title_id = format!("{}-title", dom_ids::MY_SITE_CHOOSER);
    several.then(|| {
        let links = host
            .sites
            .get_value()
            .into_iter()
            .map(|(site, name)| {
                view! {
                    <li>
                        <a
                            href=move || pages::of_site(section.get().path(), site)
                            aria-current=move || (host.site.get() == Some(site)).then_some("true")
                        >
                            {name}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav id=dom_ids::MY_SITE_CHOOSER class="section-nav" aria-labelledby=title_id.clone()>
                <p id=title_id.clone() class="small-heading">{tr(|t| t.office.sites_label)}</p>
                <ul>{links}</ul>
            </nav>
        }
    })
}
