//! What the live view holds (its signals, a `Copy` struct) and what it
//! does: load the board, follow it live, read the access log, and the
//! buttons of each booking (arrived, left, absent).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{AccessLogLine, Booking, LiveBoard};
use shared::ids::{BookingId, SiteId};
use shared::{ErrorDetail, dom_ids, routes};

use super::stream::{Link, Stream};
use crate::api;
use crate::components::forms::focus_soon;
use crate::i18n::office::OfficeTexts;
use crate::i18n::{Lang, use_lang};

/// How many lines of the access log the page shows.
const LOG_LINES: usize = 50;

#[derive(Clone, Copy)]
pub struct Live {
    pub lang: RwSignal<Lang>,
    pub site_id: SiteId,
    /// The last board received; it stays on screen when the stream stops.
    pub board: RwSignal<Option<LiveBoard>>,
    /// Why the board could not be had at all (not a host here, no such site).
    pub load_error: RwSignal<Option<ErrorDetail>>,
    pub link: RwSignal<Link>,
    pub log: RwSignal<Option<Result<Vec<AccessLogLine>, ErrorDetail>>>,
    pub busy: RwSignal<bool>,
    /// The booking (by key) whose "Absent·e" asks "really?".
    pub confirming: RwSignal<Option<String>>,
    /// What a button just did, and what went wrong.
    pub done: RwSignal<Option<String>>,
    pub failure: RwSignal<Option<ErrorDetail>>,
    stream: StoredValue<Option<Stream>, LocalStorage>,
}

impl Live {
    pub fn new(site_id: SiteId) -> Live {
        let live = Live {
            lang: use_lang(),
            site_id,
            board: RwSignal::new(None),
            load_error: RwSignal::new(None),
            link: RwSignal::new(Link::Connecting),
            log: RwSignal::new(None),
            busy: RwSignal::new(false),
            confirming: RwSignal::new(None),
            done: RwSignal::new(None),
            failure: RwSignal::new(None),
            stream: StoredValue::new_local(None),
        };
        // The stream ends with the page.
        on_cleanup(move || live.close());
        live
    }

    pub fn path(self, route: &str) -> String {
        routes::fill(route, &[("site_id", &self.site_id.to_string())])
    }

    /// The board once (its answer says whether the person may see it), then live.
    pub fn start(self) {
        spawn_local(async move {
            match api::get_json::<LiveBoard>(&self.path(routes::SITE_BOARD)).await {
                Ok(board) => {
                    self.board.set(Some(board));
                    self.follow();
                    self.load_log();
                }
                Err(e) => self.load_error.set(Some(e)),
            }
        });
    }

    /// Opens the stream (again): each board it sends replaces the one shown.
    pub fn follow(self) {
        // The page may have gone while the first board was on its way.
        if self.board.is_disposed() {
            return;
        }
        self.close();
        self.link.set(Link::Connecting);
        let stream = Stream::open(
            &self.path(routes::SITE_LIVE),
            move |board| {
                self.board.set(Some(board));
                self.load_log();
            },
            move |link| self.link.set(link),
        );
        if stream.is_none() {
            self.link.set(Link::Stopped);
        }
        self.stream.set_value(stream);
    }

    fn close(self) {
        // Dropping the stream closes it.
        let _ = self.stream.try_update_value(Option::take);
    }

    pub fn load_log(self) {
        let path = format!(
            "{}?limit={LOG_LINES}&offset=0",
            self.path(routes::SITE_ACCESS_LOG)
        );
        spawn_local(async move {
            let answer = api::get_json::<Vec<AccessLogLine>>(&path).await;
            // A failed refresh keeps the lines already shown.
            if answer.is_ok() || self.log.with_untracked(Option::is_none) {
                self.log.set(Some(answer));
            }
        });
    }

    /// The board again at once, after a change made from this page (the
    /// stream brings it too, unless it has stopped).
    pub fn refresh(self) {
        spawn_local(async move {
            if let Ok(board) = api::get_json::<LiveBoard>(&self.path(routes::SITE_BOARD)).await {
                self.board.set(Some(board));
                self.load_log();
            }
        });
    }

    /// `POST` a booking's `route` (check-in, check-out, no-show); `said`
    /// names what was done, with `{name}`.
    pub fn act(
        self,
        route: &'static str,
        booking: BookingId,
        name: String,
        said: fn(&OfficeTexts) -> &'static str,
    ) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.done.set(None);
        let path = routes::fill(route, &[("booking_id", &booking.to_string())]);
        spawn_local(async move {
            let answer = api::post_empty::<Booking>(&path).await;
            self.busy.set(false);
            self.confirming.set(None);
            match answer {
                Ok(_) => {
                    self.failure.set(None);
                    let t = self.lang.get_untracked().texts();
                    self.done.set(Some(said(t.office).replace("{name}", &name)));
                    self.refresh();
                    focus_soon(dom_ids::LIVE_DONE);
                }
                Err(e) => {
                    self.failure.set(Some(e));
                    focus_soon(dom_ids::LIVE_ERROR);
                }
            }
        });
    }
}
