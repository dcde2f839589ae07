//! What the list of policies holds (its signals, a `Copy` struct) and what
//! its buttons do: load the policies and places, open the editor, retire a
//! policy, say what was saved.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Commune, Me, QuotaPolicy, Site};
use shared::ids::{PolicyId, SiteId};
use shared::quota::rank_key;
use shared::{ErrorDetail, routes};

use super::ids::{LIST_ERROR, STATUS};
use super::places::Places;
use crate::api;
use crate::components::forms::{FormError, focus_soon, sorted};
use crate::i18n::{Lang, use_lang};

/// What the editing panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    New,
    Policy(PolicyId),
}

/// Every signal of the list of policies and its editor (all `Copy`).
#[derive(Clone, Copy)]
pub struct Board {
    pub lang: RwSignal<Lang>,
    /// Whether the person is a network administrator.
    pub network: bool,
    pub policies: RwSignal<Option<Result<Vec<QuotaPolicy>, ErrorDetail>>>,
    pub places: RwSignal<Option<Places>>,
    pub editing: RwSignal<Option<Editing>>,
    pub confirming: RwSignal<Option<String>>,
    pub status: RwSignal<Option<String>>,
    /// The failure shown by [`Board::problem`].
    failure: RwSignal<Option<ErrorDetail>>,
    /// The sites the person may set policies for, once the places are known.
    pub own: Memo<Option<Vec<SiteId>>>,
}

impl Board {
    pub fn new(me: &Me) -> Board {
        let places = RwSignal::new(None::<Places>);
        let own = {
            let me = me.clone();
            Memo::new(move |_| places.with(|p| p.as_ref().map(|p| p.own_sites(&me))))
        };
        Board {
            lang: use_lang(),
            network: me.is_network_admin(),
            policies: RwSignal::new(None),
            places,
            editing: RwSignal::new(None),
            confirming: RwSignal::new(None),
            status: RwSignal::new(None),
            failure: RwSignal::new(None),
            own,
        }
    }

    /// The list's error box.
    pub fn problem(self) -> FormError {
        FormError {
            failure: self.failure,
            box_id: LIST_ERROR.to_owned(),
        }
    }

    pub fn load(self) {
        let policies = self.policies;
        spawn_local(async move {
            let answer = api::get_json::<Vec<QuotaPolicy>>(routes::QUOTA_POLICIES).await;
            policies.set(Some(answer.map(|mut all| {
                all.sort_by_key(rank_key);
                all
            })));
        });
    }

    pub fn load_places(self) {
        let places = self.places;
        spawn_local(async move {
            // Without them the page still works, naming places by their codes.
            let communes = api::get_json::<Vec<Commune>>(routes::COMMUNES).await;
            let sites = api::get_json::<Vec<Site>>(routes::SITES).await;
            places.set(Some(Places::new(
                communes.map(sorted).unwrap_or_default(),
                sites.unwrap_or_default(),
            )));
        });
    }

    pub fn retire(self, id: PolicyId, name: String) {
        let Board {
            lang,
            editing,
            confirming,
            status,
            ..
        } = self;
        let problem = self.problem();
        spawn_local(async move {
            let path = routes::fill(routes::QUOTA_POLICY, &[("policy_id", &id.to_string())]);
            let answer = api::delete(&path).await;
            confirming.set(None);
            match answer {
                Ok(()) => {
                    problem.clear();
                    let t = lang.get_untracked().texts();
                    status.set(Some(t.office.qp_retired.replace("{name}", &name)));
                    if editing.get_untracked() == Some(Editing::Policy(id)) {
                        editing.set(None);
                    }
                    self.load();
                    focus_soon(STATUS);
                }
                Err(e) => problem.show(e),
            }
        });
    }

    pub fn open(self, what: Editing) {
        self.status.set(None);
        self.editing.set(Some(what));
    }

    /// Says which policy was created or saved, closes the editor and reloads.
    pub fn saved(self, saved: QuotaPolicy, created: bool) {
        let t = self.lang.get_untracked().texts();
        let text = if created {
            t.office.qp_created
        } else {
            t.office.qp_saved
        };
        self.status.set(Some(
            text.replace("{name}", &saved.settings.name)
                .replace("{version}", &saved.version.to_string()),
        ));
        self.editing.set(None);
        self.load();
        focus_soon(STATUS);
    }
}
