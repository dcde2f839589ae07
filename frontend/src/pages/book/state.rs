//! What the booking page holds: the search, what is chosen and booked,
//! the person's quotas for the preview, and what each action does.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use shared::api::{
    Availability, NewBooking, NewSeries, NewWaitlistEntry, OpeningPeriod, QuotaStatus,
    ResourceKind, SeriesResult, Site, SiteAvailability,
};
use shared::book_query::BookQuery;
use shared::calendar::{Day, YEARS};
use shared::error::codes;
use shared::ids::{ResourceId, SiteId};
use shared::routes::{self, pages};
use shared::slots::{DayPart, day_part};
use shared::{ClockTime, ErrorDetail, dom_ids};
use wasm_bindgen::JsCast;

use crate::api;
use crate::auth::{Auth, use_auth};
use crate::components::forms::{error, focus_soon};
use crate::i18n::{Lang, Texts, use_lang};
use crate::local_time;
use crate::words::fold;

/// The parts of the day, by the key of their radio button, in `part_names` order.
pub const PARTS: [(&str, DayPart); 3] = [
    ("morning", DayPart::Morning),
    ("afternoon", DayPart::Afternoon),
    ("day", DayPart::Day),
];

/// The longest weekly series the booking page offers (the API takes 26).
pub const MAX_WEEKS: u8 = 12;

/// What the person is about to book, or has just booked.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub site_id: SiteId,
    pub site_name: String,
    pub resource_id: ResourceId,
    pub resource_name: String,
    pub start: i64,
    pub end: i64,
    /// The site's time zone, in which its days and hours are read.
    pub zone: String,
}

impl Choice {
    /// "Poste 1, La Fabrique de Mende, lundi 30 novembre 2026, 08:30–12:30"
    pub fn summary(&self, t: &Texts) -> String {
        format!(
            "{}, {}, {}, {}",
            self.resource_name,
            self.site_name,
            t.date_words(local_time::to_local(&self.zone, self.start).0),
            local_time::hours(&self.zone, self.start, self.end)
        )
    }
}

/// The chosen part of `day` at a site (in its time zone `zone`), as instants; `None` when it is closed
/// then. The day's opening periods come with the availability (so closures
/// and special hours count), turned into local times for `day_part`.
pub fn part_span(
    site: &SiteAvailability,
    zone: &str,
    day: i64,
    part: DayPart,
) -> Option<(i64, i64)> {
    let clock = |instant: &str| {
        let (d, minutes) = local_time::to_local(zone, local_time::parse_instant(instant)?);
        // A site open until midnight closes at 24:00, not at 00:00.
        ClockTime::from_minutes(((d - day) * 24 * 60 + i64::from(minutes)).clamp(0, 24 * 60) as u16)
    };
    let periods: Vec<OpeningPeriod> = site
        .open
        .iter()
        .filter_map(|i| {
            Some(OpeningPeriod {
                weekday: 1,
                opens: clock(&i.start)?,
                closes: clock(&i.end)?,
            })
        })
        .collect();
    let span = day_part(&periods, 1, part)?;
    let at = |time: ClockTime| local_time::from_local(zone, day, time.minutes());
    Some((at(span.start), at(span.end)))
}

/// The site's resources of `kind` with one free interval holding [start, end).
pub fn free_resources(
    site: &SiteAvailability,
    kind: ResourceKind,
    (start, end): (i64, i64),
) -> impl Iterator<Item = &shared::api::ResourceAvailability> {
    site.resources.iter().filter(move |r| {
        r.kind == kind
            && r.free.iter().any(|f| {
                local_time::parse_instant(&f.start).is_some_and(|s| s <= start)
                    && local_time::parse_instant(&f.end).is_some_and(|e| end <= e)
            })
    })
}

/// Every signal of the page, shared by its parts (all `Copy`).
#[derive(Clone, Copy)]
pub struct Booking {
    pub lang: RwSignal<Lang>,
    pub auth: Auth,
    /// Today where the browser is, as a day count.
    pub today: i64,
    pub date: RwSignal<String>,
    pub part: RwSignal<String>,
    pub kind: RwSignal<String>,
    pub near: RwSignal<String>,
    pub sites: RwSignal<Vec<Site>>,
    /// The answer to the latest search (`asked`); `None` while it is on its way.
    pub found: RwSignal<Option<Result<Availability, ErrorDetail>>>,
    pub asked: RwSignal<String>,
    pub chosen: RwSignal<Option<Choice>>,
    pub booked: RwSignal<Option<Choice>>,
    /// How many weeks in a row (1: just once), and what a series gave.
    pub weeks: RwSignal<u8>,
    pub series: RwSignal<Option<SeriesResult>>,
    /// The sentence said after joining a waiting list.
    pub waiting: RwSignal<Option<String>>,
    pub failure: RwSignal<Option<ErrorDetail>>,
    pub must_sign_in: RwSignal<bool>,
    pub busy: RwSignal<bool>,
    /// The person's quotas in the period of the chosen day, for the preview.
    pub quotas: RwSignal<Vec<QuotaStatus>>,
}

impl Booking {
    pub fn new() -> Booking {
        let (today, minutes) = local_time::to_local(&local_time::browser_zone(), local_time::now());
        // Today, or tomorrow once the day is nearly over (after 18:00).
        let first_day = today + i64::from(minutes >= 18 * 60);
        let asked = use_query_map().with_untracked(|q| BookQuery::read(|key| q.get(key)));
        // A day gone by (an old bookmark) cannot be booked: the first day instead.
        let day = asked
            .day
            .and_then(|d| match local_time::read_date_entry(&d.to_string()) {
                local_time::DateEntry::Day(d) if d >= today => Some(d),
                _ => None,
            })
            .unwrap_or(first_day);
        let part = asked
            .part
            .and_then(|wanted| PARTS.iter().find(|(_, p)| *p == wanted))
            .map_or(PARTS[0].0, |(key, _)| *key);
        let booking = Booking {
            lang: use_lang(),
            auth: use_auth(),
            today,
            date: RwSignal::new(local_time::format_date(day)),
            part: RwSignal::new(part.to_owned()),
            kind: RwSignal::new(asked.kind.unwrap_or(ResourceKind::Desk).as_str().to_owned()),
            near: RwSignal::new(asked.near.map(|n| n.to_string()).unwrap_or_default()),
            sites: RwSignal::new(Vec::new()),
            found: RwSignal::new(None),
            asked: RwSignal::new(String::new()),
            chosen: RwSignal::new(None),
            booked: RwSignal::new(None),
            weeks: RwSignal::new(1),
            series: RwSignal::new(None),
            waiting: RwSignal::new(None),
            failure: RwSignal::new(None),
            must_sign_in: RwSignal::new(false),
            busy: RwSignal::new(false),
            quotas: RwSignal::new(Vec::new()),
        };
        spawn_local(async move {
            let list = api::get_json::<Vec<Site>>(routes::SITES).await;
            // A site from the address waited for the list: one that has left
            // the network (or a mistyped number) quietly becomes "any site".
            let near = booking.near;
            let waited = near.with_untracked(|n| !n.is_empty());
            let known = near.with_untracked(|n| {
                list.as_ref()
                    .is_ok_and(|l| l.iter().any(|s| s.id.to_string() == *n))
            });
            if waited && !known {
                near.set(String::new());
            }
            if let Ok(mut list) = list {
                list.sort_by_cached_key(|s| fold(&s.name));
                booking.sites.set(list);
            }
            if waited {
                booking.search();
            }
        });
        booking
    }

    /// The search as the page's address writes it (`?jour=…&moment=…`),
    /// read tracked: the address follows the form.
    fn address_query(self) -> String {
        BookQuery {
            // Not a year still being typed ("0202-12-07").
            day: self
                .date
                .with(|d| Day::parse(d))
                .filter(|d| YEARS.contains(&d.year)),
            part: self.part.with(|p| {
                PARTS
                    .iter()
                    .find(|(key, _)| key == p)
                    .map(|(_, part)| *part)
            }),
            kind: self.kind.with(|k| ResourceKind::parse(k)),
            near: self.near.with(|n| n.parse().ok().map(SiteId)),
        }
        .to_query()
    }

    /// Keeps the search in the page's address, so that signing in, a reload
    /// or a bookmark come back to it. The address is replaced, not pushed:
    /// "back" leaves the page rather than undoing each choice. The address
    /// follows the form also when a link drops the query ("Réserver" in the
    /// menu, on this page).
    pub fn keep_in_address(self) {
        let navigate = use_navigate();
        let location = use_location();
        Effect::new(move |_| {
            let query = self.address_query();
            let shown = location.search.get();
            let on_page = location.pathname.with_untracked(|p| p == pages::BOOK);
            if on_page && query.strip_prefix('?').unwrap_or(&query) != shown {
                let options = NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                };
                navigate(&format!("{}{query}", pages::BOOK), options);
            }
        });
    }

    /// The time zone of a site of the list, or the browser's while the
    /// list is on its way.
    pub fn zone_of(self, site: SiteId) -> String {
        self.sites
            .with(|all| {
                all.iter()
                    .find(|s| s.id == site)
                    .map(|s| s.time_zone.clone())
            })
            .unwrap_or_else(local_time::browser_zone)
    }

    pub fn load_quotas(self, zone: &str, start: i64) {
        let day = local_time::format_date(local_time::to_local(zone, start).0);
        spawn_local(async move {
            let url = format!("{}?date={day}", routes::MY_QUOTAS);
            self.quotas.set(
                api::get_json::<Vec<QuotaStatus>>(&url)
                    .await
                    .unwrap_or_default(),
            );
        });
    }

    pub fn search(self) {
        // A desk chosen for the day shown before goes, whatever the field holds now.
        self.chosen.set(None);
        // A site from the address is asked for once the list says it exists.
        if self.near.with_untracked(|n| !n.is_empty()) && self.sites.with_untracked(Vec::is_empty) {
            return;
        }
        let day = match self.date.with_untracked(|d| local_time::read_date_entry(d)) {
            local_time::DateEntry::Day(day) => Some(day).filter(|d| *d >= self.today),
            // Half a year typed: wait for the rest before asking the server.
            local_time::DateEntry::Typing => return,
            local_time::DateEntry::Invalid => None,
        };
        let Some(day) = day else {
            self.asked.set(String::new());
            self.found.set(Some(Err(error(codes::INVALID_DATE))));
            return;
        };
        let mut url = format!(
            "{}?date={}&kind={}",
            routes::AVAILABILITY,
            local_time::format_date(day),
            self.kind.get_untracked()
        );
        self.near.with_untracked(|n| {
            if !n.is_empty() {
                url = format!("{url}&near_site={n}");
            }
        });
        self.asked.set(url.clone());
        self.found.set(None);
        spawn_local(async move {
            let answer = api::get_json::<Availability>(&url).await;
            // A slower answer to an older search is dropped.
            if self.asked.with_untracked(|a| *a == url) {
                self.found.set(Some(answer));
            }
        });
    }

    pub fn choose(self, choice: Choice) {
        self.failure.set(None);
        if self.auth.me.with_untracked(Option::is_none) {
            self.must_sign_in.set(true);
            focus_soon(dom_ids::BOOK_SIGN_IN);
            return;
        }
        self.quotas.set(Vec::new());
        self.load_quotas(&choice.zone, choice.start);
        self.weeks.set(1);
        self.chosen.set(Some(choice));
        show_confirmation_soon();
    }

    pub fn confirm(self) {
        let Some(choice) = self.chosen.get_untracked() else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        let (start, end) = (
            local_time::format_instant(choice.start),
            local_time::format_instant(choice.end),
        );
        let weeks = self.weeks.get_untracked();
        spawn_local(async move {
            // One booking, or one per week: each date that cannot be booked
            // is listed, the others are kept.
            let answer = if weeks > 1 {
                let new = NewSeries {
                    resource_id: choice.resource_id,
                    start,
                    end,
                    weeks,
                    for_person: None,
                };
                api::post_json::<_, SeriesResult>(routes::BOOKING_SERIES, &new)
                    .await
                    .map(Some)
            } else {
                let new = NewBooking {
                    resource_id: choice.resource_id,
                    start,
                    end,
                    for_person: None,
                };
                api::post_json::<_, serde::de::IgnoredAny>(routes::BOOKINGS, &new)
                    .await
                    .map(|_| None)
            };
            self.busy.set(false);
            match answer {
                Ok(result) => {
                    self.failure.set(None);
                    self.search();
                    self.series.set(result);
                    self.waiting.set(None);
                    self.booked.set(Some(choice));
                    focus_soon(dom_ids::BOOK_STATUS);
                }
                Err(e) => {
                    // Someone was quicker: the list shows what is left.
                    if e.code == codes::SLOT_TAKEN {
                        self.search();
                    }
                    // The preview then says what is left and when it renews.
                    if e.code == codes::QUOTA_EXCEEDED {
                        self.load_quotas(&choice.zone, choice.start);
                    }
                    self.failure.set(Some(e));
                    focus_soon(dom_ids::BOOK_ERROR);
                }
            }
        });
    }

    pub fn wait(self, site: SiteId, site_name: String, zone: String, (start, end): (i64, i64)) {
        self.failure.set(None);
        if self.auth.me.with_untracked(Option::is_none) {
            self.must_sign_in.set(true);
            focus_soon(dom_ids::BOOK_SIGN_IN);
            return;
        }
        let kind = self
            .kind
            .with_untracked(|k| ResourceKind::parse(k))
            .unwrap_or(ResourceKind::Desk);
        let new = NewWaitlistEntry {
            site_id: site,
            kind,
            start: local_time::format_instant(start),
            end: local_time::format_instant(end),
        };
        spawn_local(async move {
            match api::post_json::<_, serde::de::IgnoredAny>(routes::WAITLIST, &new).await {
                Ok(_) => {
                    let t = self.lang.get_untracked().texts();
                    let what = format!(
                        "{site_name}, {}, {}",
                        t.date_words(local_time::to_local(&zone, start).0),
                        local_time::hours(&zone, start, end)
                    );
                    self.booked.set(None);
                    self.waiting
                        .set(Some(t.waiting_done.replace("{what}", &what)));
                    focus_soon(dom_ids::BOOK_STATUS);
                }
                Err(e) => {
                    if e.code == codes::NOT_FULL {
                        self.search();
                    }
                    self.failure.set(Some(e));
                    focus_soon(dom_ids::BOOK_ERROR);
                }
            }
        });
    }

    pub fn back(self) {
        if let Some(choice) = self.chosen.get_untracked() {
            focus_soon(dom_ids::item(dom_ids::BOOK_CHOOSE, choice.site_id));
        }
        self.chosen.set(None);
        self.failure.set(None);
    }
}

/// Brings the confirmation to the top of the screen with its buttons in view
/// (on a phone the result pressed is far below the form), then gives it the
/// focus, so that a screen reader reads it, without scrolling again.
fn show_confirmation_soon() {
    request_animation_frame(|| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let find = |id: &str| window.document().and_then(|d| d.get_element_by_id(id));
        let Some(panel) = find(dom_ids::BOOK_CONFIRM_PANEL) else {
            return;
        };
        panel.scroll_into_view_with_bool(true);
        // Taller than the screen (large text): the buttons matter more than its top.
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(f64::MAX);
        if let Some(button) = find(dom_ids::BOOK_CONFIRM)
            && button.get_bounding_client_rect().bottom() > height
        {
            button.scroll_into_view_with_bool(false);
        }
        if let Ok(panel) = panel.dyn_into::<web_sys::HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = panel.focus_with_options(&options);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::{Interval, ResourceAvailability};

    fn interval(start: &str, end: &str) -> Interval {
        Interval {
            start: start.to_owned(),
            end: end.to_owned(),
        }
    }

    #[test]
    fn a_desk_is_free_for_a_part_when_one_free_interval_holds_it() {
        let day = local_time::parse_date("2027-03-29").unwrap();
        let desk = |id, free| ResourceAvailability {
            resource_id: ResourceId(id),
            name: format!("Poste {id}"),
            kind: ResourceKind::Desk,
            free,
        };
        let site = SiteAvailability {
            site_id: SiteId(1),
            site_name: "La Fabrique de Mende".to_owned(),
            commune_name: "Mende".to_owned(),
            distance_km: None,
            closed: false,
            // 08:30–12:30 and 13:30–18:00, summer time.
            open: vec![
                interval("2027-03-29T06:30:00+00:00", "2027-03-29T10:30:00+00:00"),
                interval("2027-03-29T11:30:00+00:00", "2027-03-29T16:00:00+00:00"),
            ],
            resources: vec![
                desk(
                    1,
                    vec![interval(
                        "2027-03-29T08:00:00+00:00",
                        "2027-03-29T16:00:00+00:00",
                    )],
                ),
                desk(
                    2,
                    vec![interval(
                        "2027-03-29T06:30:00+00:00",
                        "2027-03-29T16:00:00+00:00",
                    )],
                ),
            ],
        };
        let morning = part_span(&site, "Europe/Paris", day, DayPart::Morning).unwrap();
        assert_eq!(
            local_time::format_instant(morning.0),
            "2027-03-29T06:30:00Z"
        );
        assert_eq!(
            local_time::hours("Europe/Paris", morning.0, morning.1),
            "08:30–12:30"
        );
        let free: Vec<_> = free_resources(&site, ResourceKind::Desk, morning).collect();
        assert_eq!(free.len(), 1);
        assert_eq!(free[0].resource_id, ResourceId(2));
        let afternoon = part_span(&site, "Europe/Paris", day, DayPart::Afternoon).unwrap();
        assert_eq!(
            free_resources(&site, ResourceKind::Desk, afternoon).count(),
            2
        );
        assert_eq!(
            free_resources(&site, ResourceKind::PhoneBooth, afternoon).count(),
            0
        );
    }
}
