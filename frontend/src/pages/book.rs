//! Booking a desk: a day, a part of the day, optionally a place nearby or
//! another kind of space; then one result per site with what is free there,
//! and a confirmation step before anything is booked, where the same slot can
//! be booked every week for up to 12 weeks. At a full site, a person can wait
//! for a place: the first one freed is booked for them.
//!
//! Written for a small bundle: plain signals rather than resources, one
//! closure per language change rather than one per sentence, and the choices
//! kept as their keys in `String` signals the app already has.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{
    Availability, NewBooking, NewSeries, NewWaitlistEntry, OpeningPeriod, QuotaStatus,
    ResourceKind, SeriesResult, Site, SiteAvailability,
};
use shared::error::codes;
use shared::ids::{ResourceId, SiteId};
use shared::routes::{self, pages};
use shared::slots::{DayPart, day_part};
use shared::{ClockTime, ErrorDetail, dom_ids};

use crate::api;
use crate::auth::use_auth;
use crate::components::forms::{ErrorAlert, error, focus_soon};
use crate::i18n::{Texts, tr, use_lang};
use crate::paris;
use crate::words::fold;

/// The parts of the day, by the key of their radio button, in `part_names` order.
const PARTS: [(&str, DayPart); 3] = [
    ("morning", DayPart::Morning),
    ("afternoon", DayPart::Afternoon),
    ("day", DayPart::Day),
];

/// The longest weekly series the booking page offers (the API takes 26).
const MAX_WEEKS: u8 = 12;

/// What the person is about to book, or has just booked.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    site_id: SiteId,
    site_name: String,
    resource_id: ResourceId,
    resource_name: String,
    start: i64,
    end: i64,
}

impl Choice {
    /// "Poste 1, La Fabrique de Mende, lundi 30 novembre 2026, 08:30–12:30"
    fn summary(&self, t: &Texts) -> String {
        format!(
            "{}, {}, {}, {}",
            self.resource_name,
            self.site_name,
            t.date_words(paris::to_local(self.start).0),
            paris::hours(self.start, self.end)
        )
    }
}

/// The chosen part of `day` at a site, as instants; `None` when it is closed
/// then. The day's opening periods come with the availability (so closures
/// and special hours count), turned into local times for `day_part`.
fn part_span(site: &SiteAvailability, day: i64, part: DayPart) -> Option<(i64, i64)> {
    let clock = |instant: &str| {
        let (d, minutes) = paris::to_local(paris::parse_instant(instant)?);
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
    let at = |time: ClockTime| paris::from_local(day, time.minutes());
    Some((at(span.start), at(span.end)))
}

/// The site's resources of `kind` with one free interval holding [start, end).
fn free_resources(
    site: &SiteAvailability,
    kind: ResourceKind,
    (start, end): (i64, i64),
) -> impl Iterator<Item = &shared::api::ResourceAvailability> {
    site.resources.iter().filter(move |r| {
        r.kind == kind
            && r.free.iter().any(|f| {
                paris::parse_instant(&f.start).is_some_and(|s| s <= start)
                    && paris::parse_instant(&f.end).is_some_and(|e| end <= e)
            })
    })
}

#[component]
pub fn BookPage() -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let (today, minutes) = paris::to_local(paris::now());
    // Today, or tomorrow once the day is nearly over (after 18:00).
    let first_day = today + i64::from(minutes >= 18 * 60);
    let date = RwSignal::new(paris::format_date(first_day));
    let part = RwSignal::new(PARTS[0].0.to_owned());
    let kind = RwSignal::new(ResourceKind::Desk.as_str().to_owned());
    let near = RwSignal::new(String::new());
    let sites = RwSignal::new(Vec::<Site>::new());
    // The answer to the latest search (`asked`); `None` while it is on its way.
    let found = RwSignal::new(None::<Result<Availability, ErrorDetail>>);
    let asked = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<Choice>);
    let booked = RwSignal::new(None::<Choice>);
    // How many weeks in a row (1: just once), and what a series gave.
    let weeks = RwSignal::new(1u8);
    let series = RwSignal::new(None::<SeriesResult>);
    // The sentence said after joining a waiting list.
    let waiting = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ErrorDetail>);
    let must_sign_in = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // The person's quotas in the period of the chosen day, for the preview.
    let quotas = RwSignal::new(Vec::<QuotaStatus>::new());
    let load_quotas = move |start: i64| {
        let day = paris::format_date(paris::to_local(start).0);
        spawn_local(async move {
            let url = format!("{}?date={day}", routes::MY_QUOTAS);
            quotas.set(
                api::get_json::<Vec<QuotaStatus>>(&url)
                    .await
                    .unwrap_or_default(),
            );
        });
    };

    spawn_local(async move {
        if let Ok(mut list) = api::get_json::<Vec<Site>>(routes::SITES).await {
            list.sort_by_cached_key(|s| fold(&s.name));
            sites.set(list);
        }
    });

    let search = move || {
        // A desk chosen for the day shown before goes, whatever the field holds now.
        chosen.set(None);
        let day = match date.with_untracked(|d| paris::read_date_entry(d)) {
            paris::DateEntry::Day(day) => Some(day).filter(|d| *d >= today),
            // Half a year typed: wait for the rest before asking the server.
            paris::DateEntry::Typing => return,
            paris::DateEntry::Invalid => None,
        };
        let Some(day) = day else {
            asked.set(String::new());
            found.set(Some(Err(error(codes::INVALID_DATE))));
            return;
        };
        let mut url = format!(
            "{}?date={}&kind={}",
            routes::AVAILABILITY,
            paris::format_date(day),
            kind.get_untracked()
        );
        near.with_untracked(|n| {
            if !n.is_empty() {
                url = format!("{url}&near_site={n}");
            }
        });
        asked.set(url.clone());
        found.set(None);
        spawn_local(async move {
            let answer = api::get_json::<Availability>(&url).await;
            // A slower answer to an older search is dropped.
            if asked.with_untracked(|a| *a == url) {
                found.set(Some(answer));
            }
        });
    };
    search();

    let choose = move |choice: Choice| {
        failure.set(None);
        if auth.me.with_untracked(Option::is_none) {
            must_sign_in.set(true);
            focus_soon(dom_ids::BOOK_SIGN_IN);
            return;
        }
        quotas.set(Vec::new());
        load_quotas(choice.start);
        weeks.set(1);
        chosen.set(Some(choice));
        focus_soon(dom_ids::BOOK_CONFIRM_PANEL);
    };

    let confirm = move |_| {
        let Some(choice) = chosen.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let (start, end) = (
            paris::format_instant(choice.start),
            paris::format_instant(choice.end),
        );
        let weeks = weeks.get_untracked();
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
                api::post_json::<_, serde_json::Value>(routes::BOOKINGS, &new)
                    .await
                    .map(|_| None)
            };
            busy.set(false);
            match answer {
                Ok(result) => {
                    failure.set(None);
                    search();
                    series.set(result);
                    waiting.set(None);
                    booked.set(Some(choice));
                    focus_soon(dom_ids::BOOK_STATUS);
                }
                Err(e) => {
                    // Someone was quicker: the list shows what is left.
                    if e.code == codes::SLOT_TAKEN {
                        search();
                    }
                    // The preview then says what is left and when it renews.
                    if e.code == codes::QUOTA_EXCEEDED {
                        load_quotas(choice.start);
                    }
                    failure.set(Some(e));
                    focus_soon(dom_ids::BOOK_ERROR);
                }
            }
        });
    };

    let wait = move |site: SiteId, site_name: String, (start, end): (i64, i64)| {
        failure.set(None);
        if auth.me.with_untracked(Option::is_none) {
            must_sign_in.set(true);
            focus_soon(dom_ids::BOOK_SIGN_IN);
            return;
        }
        let kind = kind
            .with_untracked(|k| ResourceKind::parse(k))
            .unwrap_or(ResourceKind::Desk);
        let new = NewWaitlistEntry {
            site_id: site,
            kind,
            start: paris::format_instant(start),
            end: paris::format_instant(end),
        };
        spawn_local(async move {
            match api::post_json::<_, serde_json::Value>(routes::WAITLIST, &new).await {
                Ok(_) => {
                    let t = lang.get_untracked().texts();
                    let what = format!(
                        "{site_name}, {}, {}",
                        t.date_words(paris::to_local(start).0),
                        paris::hours(start, end)
                    );
                    booked.set(None);
                    waiting.set(Some(t.waiting_done.replace("{what}", &what)));
                    focus_soon(dom_ids::BOOK_STATUS);
                }
                Err(e) => {
                    if e.code == codes::NOT_FULL {
                        search();
                    }
                    failure.set(Some(e));
                    focus_soon(dom_ids::BOOK_ERROR);
                }
            }
        });
    };

    let back = move |_| {
        if let Some(choice) = chosen.get_untracked() {
            focus_soon(dom_ids::item(dom_ids::BOOK_CHOOSE, choice.site_id));
        }
        chosen.set(None);
        failure.set(None);
    };

    // Drawn again only when the language changes; the fields keep their values.
    let form = move || {
        let t = lang.get().texts();
        let parts = PARTS
            .iter()
            .zip(t.part_names)
            .map(|(&(key, _), name)| {
                let id = dom_ids::item(dom_ids::BOOK_PART, key);
                view! {
                    <div class="choice">
                        <input
                            type="radio"
                            id=id.clone()
                            name="part"
                            value=key
                            checked=part.with_untracked(|p| p == key)
                            on:change=move |_| {
                                part.set(key.to_owned());
                                chosen.set(None);
                            }
                        />
                        <label for=id>{name}</label>
                    </div>
                }
            })
            .collect_view();
        let kinds = ResourceKind::ALL
            .iter()
            .zip(t.kind_names)
            .map(|(k, name)| {
                let key = k.as_str();
                view! { <option value=key selected=kind.with_untracked(|v| v == key)>{name}</option> }
            })
            .collect_view();
        view! {
            <p class="intro">{t.book_intro}</p>
            <form class="form panel" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for=dom_ids::BOOK_DATE>{t.date_label}</label>
                    <input
                        id=dom_ids::BOOK_DATE
                        type="date"
                        min=paris::format_date(today)
                        prop:value=date.get_untracked()
                        on:change=move |ev| {
                            date.set(event_target_value(&ev));
                            search();
                        }
                    />
                </div>
                <fieldset class="choices">
                    <legend>{t.part_legend}</legend>
                    {parts}
                </fieldset>
                <div class="field">
                    <label for=dom_ids::BOOK_KIND>{t.kind_label}</label>
                    <select
                        id=dom_ids::BOOK_KIND
                        on:change=move |ev| {
                            kind.set(event_target_value(&ev));
                            search();
                        }
                    >
                        {kinds}
                    </select>
                </div>
                <div class="field">
                    <label for=dom_ids::BOOK_NEAR>{t.near_label}</label>
                    <select
                        id=dom_ids::BOOK_NEAR
                        on:change=move |ev| {
                            near.set(event_target_value(&ev));
                            search();
                        }
                    >
                        <option value="">{t.near_any}</option>
                        {move || {
                            sites.with(|list| {
                                list.iter()
                                    .map(|site| {
                                        let id = site.id.to_string();
                                        let selected = near.with_untracked(|n| *n == id);
                                        view! { <option value=id selected=selected>{site.name.clone()}</option> }
                                    })
                                    .collect_view()
                            })
                        }}
                    </select>
                </div>
            </form>
        }
    };

    let sign_in_first = move || {
        let t = lang.get().texts();
        (must_sign_in.get() && auth.me.with(Option::is_none)).then(|| {
            view! {
                <div id=dom_ids::BOOK_SIGN_IN class="notice notice-info" tabindex="-1">
                    <p>{t.sign_in_to_book}</p>
                    <p>
                        <A
                            href=pages::SIGN_IN
                            attr:class="button"
                            on:click=|_| crate::auth::come_back_to(shared::routes::pages::BOOK)
                        >
                            {t.go_to_sign_in}
                        </A>
                    </p>
                </div>
            }
        })
    };

    let panel = move || {
        let t = lang.get().texts();
        chosen.with(|c| {
            c.as_ref().map(|c| {
                let rows = [
                    (t.place_label, c.site_name.clone()),
                    (t.space_label, c.resource_name.clone()),
                    (t.date_word, t.date_words(paris::to_local(c.start).0)),
                    (t.hours_label, paris::hours(c.start, c.end)),
                ]
                .into_iter()
                .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                .collect_view();
                let (c_site, c_start, c_end) = (c.site_id, c.start, c.end);
                view! {
                    <section
                        id=dom_ids::BOOK_CONFIRM_PANEL
                        class="panel"
                        tabindex="-1"
                        aria-labelledby="book-confirm-title"
                        data-resource=c.resource_id.to_string()
                        data-start=paris::format_instant(c.start)
                        data-end=paris::format_instant(c.end)
                    >
                        <h2 id="book-confirm-title">{t.confirm_title}</h2>
                        <dl class="hours">{rows}</dl>
                        {move || {
                            let (site, start, end) = (c_site, c_start, c_end);
                            quotas.with(|q| crate::components::quota_summary::preview(lang.get(), q, site, start, end))
                                .map(|sentence| view! { <p id=dom_ids::BOOK_QUOTA_PREVIEW class="notice">{sentence}</p> })
                        }}
                        <div class="field">
                            <label for=dom_ids::BOOK_REPEAT>{t.repeat_label}</label>
                            <select
                                id=dom_ids::BOOK_REPEAT
                                on:change=move |ev| {
                                    weeks.set(event_target_value(&ev).parse().unwrap_or(1));
                                }
                            >
                                {(1..=MAX_WEEKS).map(|n| {
                                    let text = if n == 1 {
                                        t.repeat_once.to_owned()
                                    } else {
                                        t.repeat_weeks.replace("{n}", &n.to_string())
                                    };
                                    view! { <option value=n.to_string() selected=weeks.get_untracked() == n>{text}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="form-actions">
                            <button id=dom_ids::BOOK_CONFIRM type="button" class="button-large" on:click=confirm>
                                {t.confirm_booking}
                            </button>
                            <button id=dom_ids::BOOK_CANCEL type="button" class="button-secondary" on:click=back>
                                {t.cancel}
                            </button>
                        </div>
                    </section>
                }
            })
        })
    };

    let status = move || {
        let t = lang.get().texts();
        let waiting = waiting.get().map(|sentence| view! { <p>{sentence}</p> });
        let booked = booked.with(|b| {
            b.as_ref().map(|c| {
                let first = view! { <p>{t.booked.replace("{what}", &c.summary(t))}</p> };
                let series = series.with(|s| {
                    s.as_ref().map(|s| {
                        let refused = s.refused.iter().map(|r| {
                            let start = paris::parse_instant(&r.start).unwrap_or_default();
                            view! { <li>{format!("{} : {}", t.date_words(paris::to_local(start).0), t.error_message(&r.code))}</li> }
                        }).collect_view();
                        view! {
                            <p>{t.series_booked.replace("{n}", &s.booked.len().to_string())}</p>
                            {(!s.refused.is_empty()).then(|| view! {
                                <p>{t.series_refused_title}</p>
                                <ul id=dom_ids::BOOK_SERIES_REFUSED class="plain-list">{refused}</ul>
                            })}
                        }
                    })
                });
                view! {
                    {first}
                    {series}
                    <p>
                        <A href=shared::routes::pages::MY_BOOKINGS attr:id=dom_ids::BOOK_MY_BOOKINGS attr:class="button">
                            {t.see_my_bookings}
                        </A>
                    </p>
                }
            })
        });
        (waiting, booked)
    };

    let results = move || {
        let t = lang.get().texts();
        let part = part.with(|p| {
            PARTS
                .iter()
                .find(|(key, _)| key == p)
                .map(|(_, part)| *part)
        });
        let kind = kind
            .with(|k| ResourceKind::parse(k))
            .unwrap_or(ResourceKind::Desk);
        found.with(|found| {
            let (message, answer) = match found {
                None => (t.searching, None),
                Some(Err(e)) => (t.error_message(&e.code), None),
                Some(Ok(answer)) => ("", Some(answer)),
            };
            let day = answer
                .and_then(|a| paris::parse_date(&a.date))
                .unwrap_or(today);
            let items = answer
                .map(|a| a.sites.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|site| {
                    let id = dom_ids::item(dom_ids::BOOK_SITE, site.site_id);
                    let heading = format!("{id}-name");
                    let span = part
                        .filter(|_| !site.closed)
                        .and_then(|p| part_span(site, day, p));
                    let free: Vec<_> = span
                        .map(|span| free_resources(site, kind, span).collect())
                        .unwrap_or_default();
                    let line = match (site.closed, span, free.len()) {
                        (true, _, _) => t.closed_that_day.to_owned(),
                        (_, None, _) => t.closed_that_part.to_owned(),
                        (_, _, 0) => t.full.to_owned(),
                        (_, _, n) => {
                            let adjective = if n < 2 { t.free.0 } else { t.free.1 };
                            format!("{} {adjective}", t.count(t.kind_forms(kind), n))
                        }
                    };
                    let mut place = site.commune_name.clone();
                    if let Some(km) = site.distance_km {
                        let km = (km.round() as i64).to_string();
                        place = format!("{place} · {}", t.distance.replace("{km}", &km));
                    }
                    // Full for this part of the day: one may wait for a place.
                    let full = span.filter(|_| free.is_empty());
                    let site_name = site.site_name.clone();
                    let wait_button = full.map(|span| {
                        let site_id = site.site_id;
                        let heading = heading.clone();
                        view! {
                            <button
                                id=dom_ids::item(dom_ids::BOOK_WAIT, site_id)
                                type="button"
                                class="button-secondary"
                                aria-describedby=heading
                                on:click=move |_| wait(site_id, site_name.clone(), span)
                            >
                                {t.wait_button}
                            </button>
                        }
                    });
                    let pick = span.zip(free.first()).map(|((start, end), r)| Choice {
                        site_id: site.site_id,
                        site_name: site.site_name.clone(),
                        resource_id: r.resource_id,
                        resource_name: r.name.clone(),
                        start,
                        end,
                    });
                    view! {
                        <li id=id class="site-card">
                            <h2 id=heading.clone()>{site.site_name.clone()}</h2>
                            <p class="site-place">{place}</p>
                            <p class="site-resources">{line}</p>
                            {pick.map(|choice| view! {
                                <button
                                    id=dom_ids::item(dom_ids::BOOK_CHOOSE, choice.site_id)
                                    type="button"
                                    aria-describedby=heading
                                    on:click=move |_| choose(choice.clone())
                                >
                                    {t.book_button}
                                </button>
                            })}
                            {wait_button}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="status" role="status">{message}</p>
                <ul
                    id=dom_ids::BOOK_RESULTS
                    class="site-list"
                    data-date=answer.map(|a| a.date.clone())
                >
                    {items}
                </ul>
            }
        })
    };

    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.book_title)}</h1>
        {form}
        {sign_in_first}
        {panel}
        <ErrorAlert id=dom_ids::BOOK_ERROR.to_owned() error=failure.read_only()/>
        <div id=dom_ids::BOOK_STATUS role="status" tabindex="-1" class="status status-ok">
            {status}
        </div>
        {results}
    }
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
        let day = paris::parse_date("2027-03-29").unwrap();
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
        let morning = part_span(&site, day, DayPart::Morning).unwrap();
        assert_eq!(paris::format_instant(morning.0), "2027-03-29T06:30:00Z");
        assert_eq!(paris::hours(morning.0, morning.1), "08:30–12:30");
        let free: Vec<_> = free_resources(&site, ResourceKind::Desk, morning).collect();
        assert_eq!(free.len(), 1);
        assert_eq!(free[0].resource_id, ResourceId(2));
        let afternoon = part_span(&site, day, DayPart::Afternoon).unwrap();
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
