//! What the pass page holds (its signals, a `Copy` struct) and what its
//! buttons do: load the pass and the site's hours, check in, check out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Booking, OpeningPeriod, Pass, Site};
use shared::ids::BookingId;
use shared::{ErrorDetail, dom_ids, routes};

use crate::api;
use crate::components::forms::focus_soon;
use crate::i18n::{Lang, Texts, use_lang};

/// A sentence of the status line, in the language of the moment.
pub type Said = fn(&Texts) -> &'static str;

#[derive(Clone, Copy)]
pub struct PassState {
    pub lang: RwSignal<Lang>,
    pub booking_id: BookingId,
    /// `None` while the pass is on its way.
    pub pass: RwSignal<Option<Result<Pass, ErrorDetail>>>,
    /// The site's weekly hours (empty until they come, or if they do not).
    pub hours: RwSignal<Vec<OpeningPeriod>>,
    pub busy: RwSignal<bool>,
    /// What was just done, said in the status line.
    pub done: RwSignal<Option<Said>>,
    pub failure: RwSignal<Option<ErrorDetail>>,
}

impl PassState {
    pub fn new(booking_id: BookingId) -> PassState {
        PassState {
            lang: use_lang(),
            booking_id,
            pass: RwSignal::new(None),
            hours: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            done: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }

    fn path(self, route: &str) -> String {
        routes::fill(route, &[("booking_id", &self.booking_id.to_string())])
    }

    /// The pass, then its site's hours. Loading again keeps the pass on
    /// screen until the new one is there.
    pub fn load(self) {
        let path = self.path(routes::BOOKING_PASS);
        spawn_local(async move {
            let answer = api::get_json::<Pass>(&path).await;
            let site = answer.as_ref().ok().map(|p| p.site_id);
            self.pass.set(Some(answer));
            if let Some(site) = site.filter(|_| self.hours.with_untracked(Vec::is_empty)) {
                let path = routes::fill(routes::SITE, &[("site_id", &site.to_string())]);
                if let Ok(site) = api::get_json::<Site>(&path).await {
                    self.hours.set(site.opening_hours);
                }
            }
        });
    }

    /// « Je suis arrivé·e » (`leaving` false) or « Je pars ».
    pub fn check(self, leaving: bool) {
        if self.busy.get_untracked() {
            return;
        }
        let (route, said): (&str, Said) = if leaving {
            (routes::BOOKING_CHECK_OUT, |t| t.door.checked_out_done)
        } else {
            (routes::BOOKING_CHECK_IN, |t| t.door.checked_in_done)
        };
        let path = self.path(route);
        self.busy.set(true);
        self.done.set(None);
        spawn_local(async move {
            let answer = api::post_empty::<Booking>(&path).await;
            self.busy.set(false);
            match answer {
                Ok(_) => {
                    self.failure.set(None);
                    self.done.set(Some(said));
                    self.load();
                    focus_soon(dom_ids::PASS_STATUS);
                }
                Err(e) => {
                    self.failure.set(Some(e));
                    focus_soon(dom_ids::PASS_ERROR);
                }
            }
        });
    }
}
