//! What the network's sites section holds (its signals, a `Copy` struct) and
//! what its buttons do: open the editor, close it, retire a site, say a new
//! site is created.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Commune, Site};
use shared::ids::SiteId;
use shared::{ErrorDetail, dom_ids, routes};

use crate::api;
use crate::components::forms::{FormError, focus_soon};
use crate::i18n::{Lang, use_lang};

/// Where the editing panel says "… est créé".
pub const PANEL_STATUS: &str = "site-admin-status";

/// Every signal of the section, shared by its parts (all `Copy`).
#[derive(Clone, Copy)]
pub struct NetworkSitesState {
    pub lang: RwSignal<Lang>,
    pub sites: LocalResource<Result<Vec<Site>, ErrorDetail>>,
    pub communes: LocalResource<Result<Vec<Commune>, ErrorDetail>>,
    /// The site being edited, or `creating` one.
    pub editing: RwSignal<Option<Site>>,
    pub creating: RwSignal<bool>,
    /// The site (by id) whose "Retirer" asks "really?".
    pub confirming: RwSignal<Option<String>>,
    pub status: RwSignal<Option<String>>,
    /// Said at the top of the editing panel ("… est créé").
    pub panel_status: RwSignal<Option<String>>,
    /// The failure shown by [`NetworkSitesState::problem`].
    failure: RwSignal<Option<ErrorDetail>>,
}

impl NetworkSitesState {
    pub fn new(sites: LocalResource<Result<Vec<Site>, ErrorDetail>>) -> NetworkSitesState {
        NetworkSitesState {
            lang: use_lang(),
            sites,
            communes: api::communes(),
            editing: RwSignal::new(None),
            creating: RwSignal::new(false),
            confirming: RwSignal::new(None),
            status: RwSignal::new(None),
            panel_status: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }

    /// The section's error box.
    pub fn problem(self) -> FormError {
        FormError {
            failure: self.failure,
            box_id: dom_ids::ADMIN_SITES_ERROR.to_owned(),
        }
    }

    pub fn name_of(self, id: SiteId) -> String {
        self.sites
            .get()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|s| s.id == id))
            .map(|s| s.name)
            .unwrap_or_default()
    }

    pub fn open(self, site: Option<Site>) {
        self.status.set(None);
        self.panel_status.set(None);
        self.creating.set(site.is_none());
        self.editing.set(site);
        focus_soon(dom_ids::SITE_ADMIN);
    }

    pub fn close(self) {
        let back = match self.editing.get_untracked() {
            Some(site) => dom_ids::item(dom_ids::ADMIN_SITE_EDIT, site.id),
            None => dom_ids::ADMIN_SITE_NEW.to_owned(),
        };
        self.creating.set(false);
        self.editing.set(None);
        focus_soon(back);
    }

    pub fn retire(self, site: Site) {
        let NetworkSitesState {
            lang,
            sites,
            editing,
            confirming,
            status,
            ..
        } = self;
        let problem = self.problem();
        spawn_local(async move {
            let path = routes::fill(routes::SITE, &[("site_id", &site.id.to_string())]);
            let answer = api::delete(&path).await;
            confirming.set(None);
            match answer {
                Ok(()) => {
                    problem.clear();
                    let t = lang.get_untracked().texts();
                    status.set(Some(t.office.retired_status.replace("{name}", &site.name)));
                    if editing.with_untracked(|e| e.as_ref().is_some_and(|e| e.id == site.id)) {
                        editing.set(None);
                    }
                    sites.refetch();
                    focus_soon(dom_ids::ADMIN_SITES_STATUS);
                }
                Err(e) => problem.show(e),
            }
        });
    }

    /// A new site is saved: the panel goes on with it, as any site's editor.
    pub fn created(self, site: Site) {
        let t = self.lang.get_untracked().texts();
        self.panel_status
            .set(Some(t.office.site_created.replace("{name}", &site.name)));
        self.creating.set(false);
        self.editing.set(Some(site));
        self.sites.refetch();
        focus_soon(PANEL_STATUS);
    }
}
