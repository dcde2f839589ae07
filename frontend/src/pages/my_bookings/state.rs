//! What the bookings page holds (its signals, a `Copy` struct) and what
//! its buttons do: load the lists, cancel a booking, a series, or leave a
//! waiting list.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Booking, BookingStatus, Site, WaitlistEntry};
use shared::routes::pages::Build;
use shared::{ErrorDetail, dom_ids, routes};

use crate::api;
use crate::components::forms::focus_soon;
use crate::i18n::{Lang, Texts, use_lang};

/// A sentence of the status line, in the language of the moment.
pub type Said = fn(&Texts) -> &'static str;

/// Every signal of the page, shared by its parts (all `Copy`).
#[derive(Clone, Copy)]
pub struct Mine {
    pub lang: RwSignal<Lang>,
    /// `None` while the list is on its way.
    pub bookings: RwSignal<Option<Result<Vec<Booking>, ErrorDetail>>>,
    /// The booking (by id) whose cancel button asks "really?".
    pub confirming: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
    /// What was just done, said in the status line.
    pub cancelled: RwSignal<Option<Said>>,
    pub waitlist: RwSignal<Vec<WaitlistEntry>>,
    pub site_names: RwSignal<Vec<Site>>,
    pub failure: RwSignal<Option<ErrorDetail>>,
}

impl Mine {
    pub fn new() -> Mine {
        Mine {
            lang: use_lang(),
            bookings: RwSignal::new(None),
            confirming: RwSignal::new(None),
            busy: RwSignal::new(false),
            cancelled: RwSignal::new(None),
            waitlist: RwSignal::new(Vec::new()),
            site_names: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
        }
    }

    /// The bookings, then the waiting lists.
    pub fn load(self) {
        let Mine {
            bookings, waitlist, ..
        } = self;
        spawn_local(async move {
            let mine = api::get_json::<Vec<Booking>>(routes::MY_BOOKINGS).await;
            // A booking to come: its pass will be opened at the door, maybe
            // on one bar of signal; its build comes now, while the link is idle.
            if mine
                .as_ref()
                .is_ok_and(|list| list.iter().any(|b| b.status == BookingStatus::Confirmed))
            {
                crate::builds::prefetch(Build::Account);
            }
            bookings.set(Some(mine));
            waitlist.set(
                api::get_json::<Vec<WaitlistEntry>>(routes::MY_WAITLIST)
                    .await
                    .unwrap_or_default(),
            );
        });
    }

    /// The sites, for the names and time zones of the waiting lists.
    pub fn load_sites(self) {
        let site_names = self.site_names;
        spawn_local(async move {
            site_names.set(api::get_json(routes::SITES).await.unwrap_or_default());
        });
    }

    /// `path` is deleted; `said` is the sentence for the status line.
    pub fn cancel_at(self, path: String, said: Said) {
        let Mine {
            busy,
            cancelled,
            confirming,
            failure,
            ..
        } = self;
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        cancelled.set(None);
        spawn_local(async move {
            let answer = api::delete(&path).await;
            busy.set(false);
            confirming.set(None);
            self.load();
            match answer {
                Ok(()) => {
                    failure.set(None);
                    cancelled.set(Some(said));
                    focus_soon(dom_ids::MY_BOOKINGS_STATUS);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::MY_BOOKINGS_ERROR);
                }
            }
        });
    }
}
