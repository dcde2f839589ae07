//! Which of the host's sites "Mon site" shows: `?site={id}`, or the first
//! one they host when the address names none. Every section reads it from
//! the context the page provides.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::api::Me;
use shared::ids::SiteId;

#[derive(Debug, Clone, Copy)]
pub struct Host {
    /// The sites this person hosts, with their names, in the order of their roles.
    pub sites: StoredValue<Vec<(SiteId, String)>>,
    /// The site shown; `None` when `?site=` names one they do not host.
    pub site: Memo<Option<SiteId>>,
    /// Whether they may move a site to another commune (network administrators).
    pub may_move: bool,
}

impl Host {
    pub fn new(me: &Me) -> Host {
        let sites: Vec<(SiteId, String)> = me
            .hosted_sites()
            .map(|(id, name)| (id, name.to_owned()))
            .collect();
        let hosted: Vec<SiteId> = sites.iter().map(|(id, _)| *id).collect();
        let query = use_query_map();
        // The chooser changes only the query: the page stays, the site follows.
        let site = Memo::new(move |_| match query.with(|q| q.get("site")) {
            None => hosted.first().copied(),
            Some(text) => text
                .parse::<i64>()
                .ok()
                .map(SiteId)
                .filter(|id| hosted.contains(id)),
        });
        Host {
            sites: StoredValue::new(sites),
            site,
            may_move: me.is_network_admin(),
        }
    }

    pub fn name_of(&self, site_id: SiteId) -> String {
        self.sites.with_value(|sites| {
            sites
                .iter()
                .find(|(id, _)| *id == site_id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        })
    }
}

/// The host and their site, as the page provides them to its sections.
pub fn use_host() -> Host {
    expect_context::<Host>()
}
