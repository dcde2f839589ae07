//! Usage statistics: who may see which sites, and the figures of those sites
//! per period with counts of people kept secret under the threshold. The
//! screen and every export read this one report.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use shared::api::{
    Category, HeatCell, KindRow, ResourceKind, UsageFilter, UsageGrouping, UsageReport, UsageRow,
    UsageTotal,
};
use shared::error::codes;
use shared::ids::SiteId;

use super::failure::Failure;

mod days;
mod filtered;
pub mod people;
mod quotas;
use crate::db::entities::{booking, resource, site};
use crate::db::{self, ConnectionTrait, DatabaseConnection, DbErr, WriteGate};
use crate::domain::caller::{Grant, PersonContext};
use crate::domain::local_time;
use crate::domain::stats::{self, Booked, Grouping};
use crate::domain::usage_day::Filter;

/// The longest report: two years, enough to compare one with the last.
pub const MAX_DAYS: i64 = 731;

/// What a report covers.
pub struct Ask {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub site: Option<SiteId>,
    pub grouping: UsageGrouping,
    /// Only some bookings (a kind, residents of a place, a situation).
    pub only: Only,
}

/// The filters of a report, as asked.
#[derive(Debug, Clone, Default)]
pub struct Only {
    pub kind: Option<ResourceKind>,
    pub residence: Option<Residence>,
    pub category: Option<Category>,
}

impl Only {
    /// Reads the filters of a request: a commune or an EPCI, not both;
    /// codes of 5 and 9 characters at most (checked against the territory
    /// when the report runs).
    pub fn new(
        kind: Option<ResourceKind>,
        commune: Option<String>,
        epci: Option<String>,
        category: Option<Category>,
    ) -> Result<Only, Failure> {
        let code = |text: String, code: &'static str, longest: usize| {
            let text = text.trim().to_owned();
            if text.is_empty()
                || text.len() > longest
                || !text.chars().all(|c| c.is_ascii_alphanumeric())
            {
                return Err(Failure::invalid(
                    code,
                    "This is no code of a commune or EPCI.",
                ));
            }
            Ok(text)
        };
        let asked = [
            kind.is_some(),
            commune.is_some(),
            epci.is_some(),
            category.is_some(),
        ];
        if asked.into_iter().filter(|a| *a).count() > 1 {
            return Err(Failure::invalid(
                codes::BAD_REQUEST,
                "A report is filtered on one thing at a time: a kind of space, a commune, an EPCI or a situation.",
            ));
        }
        let residence = match (commune, epci) {
            (Some(_), Some(_)) => {
                return Err(Failure::invalid(
                    codes::BAD_REQUEST,
                    "A report keeps the residents of a commune or of an EPCI, not both.",
                ));
            }
            (Some(c), None) => Some(Residence::Commune(code(c, codes::UNKNOWN_COMMUNE, 5)?)),
            (None, Some(e)) => Some(Residence::Epci(code(e, codes::UNKNOWN_EPCI, 9)?)),
            (None, None) => None,
        };
        Ok(Only {
            kind,
            residence,
            category,
        })
    }
}

/// Residents of a commune (INSEE code) or of an EPCI (SIREN).
#[derive(Debug, Clone)]
pub enum Residence {
    Commune(String),
    Epci(String),
}

impl Ask {
    /// Reads the days of a request: YYYY-MM-DD between 2000 and 2200, `from`
    /// not after `to`, at most `MAX_DAYS` apart.
    pub fn new(
        from: &str,
        to: &str,
        site: Option<SiteId>,
        grouping: UsageGrouping,
    ) -> Result<Ask, Failure> {
        // Years Relais works with only (shared::calendar::YEARS): no
        // arithmetic near the ends of the calendar.
        let day = |text: &str| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .ok()
                .filter(|d| shared::calendar::YEARS.contains(&d.year()))
                .ok_or_else(|| {
                    Failure::invalid(
                        codes::INVALID_DATE,
                        format!("'{text}' is not a day written like 2027-01-31."),
                    )
                })
        };
        let (from, to) = (day(from)?, day(to)?);
        if to < from || (to - from).num_days() >= MAX_DAYS {
            return Err(Failure::invalid(
                codes::INVALID_INTERVAL,
                format!("A report runs from a day to a later one, {MAX_DAYS} days at most."),
            ));
        }
        Ok(Ask {
            from,
            to,
            site,
            grouping,
            only: Only::default(),
        })
    }
}

fn grouping(group: UsageGrouping) -> Grouping {
    match group {
        UsageGrouping::Month => Grouping::Month,
        UsageGrouping::Week => Grouping::Week,
    }
}

/// The sites whose figures the caller may see: every site for the
/// network's administrators; the sites of their territory for commune and
/// EPCI administrators; their own sites for hosts. `None` for everyone.
async fn visible_sites(
    db: &DatabaseConnection,
    caller: &PersonContext,
) -> Result<Option<HashSet<i64>>, DbErr> {
    if caller.is_network_admin() {
        return Ok(None);
    }
    let mut sites = HashSet::new();
    for grant in &caller.roles {
        match grant {
            Grant::NetworkAdmin => {}
            Grant::Host(site) => {
                sites.insert(site.0);
            }
            Grant::CommuneAdmin(insee) => {
                sites.extend(db::stats::sites_in_communes(db, vec![insee.clone()]).await?);
            }
            Grant::EpciAdmin(epci) => {
                let communes = db::eligibility::communes_of_epci(db, epci).await?;
                let insee = communes.into_iter().map(|c| c.insee).collect();
                sites.extend(db::stats::sites_in_communes(db, insee).await?);
            }
        }
    }
    Ok(Some(sites))
}

/// The report the caller asked for, with the threshold `k`. `caller` is
/// `None` for a statistics API key, which reads the whole network.
pub async fn usage(
    db: &DatabaseConnection,
    gate: &WriteGate,
    caller: Option<&PersonContext>,
    ask: &Ask,
    k: u32,
) -> Result<UsageReport, Failure> {
    let visible = match caller {
        Some(caller) => visible_sites(db, caller).await?,
        None => None,
    };
    if visible.as_ref().is_some_and(HashSet::is_empty) {
        return Err(Failure::Forbidden);
    }
    let ids = match (ask.site, &visible) {
        (Some(site), Some(visible)) if !visible.contains(&site.0) => {
            return Err(Failure::Forbidden);
        }
        (Some(site), _) => Some(vec![site.0]),
        (None, Some(visible)) => Some(visible.iter().copied().collect()),
        (None, None) => None,
    };
    let sites = db::stats::sites(db, ids).await?;
    let site_ids: Vec<i64> = sites.iter().map(|s| s.id).collect();
    let filter = filter_of(db, &ask.only).await?;
    // Through a filter, whole months only: a week or a chosen day cut out
    // of a published month would be the month minus the rest.
    let whole_months = ask.from.day() == 1 && (ask.to + Duration::days(1)).day() == 1;
    if filter.is_some() && (ask.grouping != UsageGrouping::Month || !whole_months) {
        return Err(Failure::invalid(
            codes::INVALID_INTERVAL,
            "A filtered report covers whole months (from the 1st to the last day), by month.",
        ));
    }
    // The days whose bookings changed are summed up again first.
    days::refresh(db, gate).await?;
    let span = (ask.from, ask.to);
    let threshold = u64::from(k.max(stats::MIN_THRESHOLD));
    let (days, lines) = match &filter {
        None => (
            days::read(db, Some(site_ids), ask.from, ask.to).await?,
            None,
        ),
        Some(filter) => {
            let parts = days::read_parts(db, Some(site_ids), span).await?;
            let dimension = filtered::Dimension::of(db, &ask.only).await?;
            let grouping = grouping(ask.grouping);
            let (kept, lines) = filtered::through(parts, filter, &dimension, grouping, threshold);
            (kept, Some(lines))
        }
    };
    let Figures {
        rows,
        totals,
        kinds,
        heat,
        lone_somewhere,
    } = figures(db, &sites, &days, lines.as_ref(), ask, k).await?;
    let (kinds, heat) = match lines {
        Some(_) => (Vec::new(), Vec::new()),
        None => (kinds, heat),
    };
    let (who, quotas, residents_anywhere) = match &lines {
        // A filtered report shows its lines and totals only: the tables
        // across the report would each need the rule again.
        // Nor the report's people as a whole: a count over several lines
        // minus the lines' counts would give those who came to one only.
        Some(_) => {
            let nobody = people::People {
                people: None,
                new_people: None,
                residence: Vec::new(),
                categories: Vec::new(),
            };
            (nobody, Vec::new(), Vec::new())
        }
        None => {
            let who = people::people(db, &sites, &days, span, k).await?;
            let quotas = quotas::used(db, &days, lone_somewhere).await?;
            let anywhere = match caller {
                Some(caller) => people::residents_anywhere(db, caller, span, k).await?,
                None => Vec::new(),
            };
            (who, quotas, anywhere)
        }
    };
    Ok(UsageReport {
        from: ask.from.to_string(),
        to: ask.to.to_string(),
        k: k.max(stats::MIN_THRESHOLD),
        filter: UsageFilter {
            kind: ask.only.kind,
            commune: match &ask.only.residence {
                Some(Residence::Commune(insee)) => Some(insee.clone()),
                _ => None,
            },
            epci: match &ask.only.residence {
                Some(Residence::Epci(code)) => Some(code.clone()),
                _ => None,
            },
            category: ask.only.category,
        },
        group: ask.grouping,
        rows,
        totals,
        kinds,
        heat,
        people_suppressed: who.people.is_none(),
        people: who.people,
        new_people_suppressed: who.new_people.is_none(),
        new_people: who.new_people,
        residence: who.residence,
        categories: who.categories,
        residents_anywhere,
        quotas,
    })
}

/// The filter of a report, `None` when it keeps everything: an EPCI
/// stands for its communes.
async fn filter_of(db: &DatabaseConnection, only: &Only) -> Result<Option<Filter>, Failure> {
    let communes = match &only.residence {
        None => None,
        Some(Residence::Commune(insee)) => {
            if db::communes::commune_by_insee(db, insee).await?.is_none() {
                return Err(Failure::invalid(
                    codes::UNKNOWN_COMMUNE,
                    format!("'{insee}' is no commune of the network's territory."),
                ));
            }
            Some(HashSet::from([insee.clone()]))
        }
        Some(Residence::Epci(code)) => {
            let communes = db::eligibility::communes_of_epci(db, code).await?;
            if communes.is_empty() {
                return Err(Failure::invalid(
                    codes::UNKNOWN_EPCI,
                    format!("'{code}' is no EPCI of the network's territory."),
                ));
            }
            Some(communes.into_iter().map(|c| c.insee).collect())
        }
    };
    let filter = Filter {
        kind: only.kind.map(|k| k.as_str().to_owned()),
        communes,
        category: only.category.map(|c| c.as_str().to_owned()),
    };
    Ok((!filter.is_empty()).then_some(filter))
}

/// Sums up again the site-days whose bookings changed since (every report
/// does it first; the server also does it every minute).
pub async fn sum_up_changed_days(db: &DatabaseConnection, gate: &WriteGate) -> Result<(), DbErr> {
    days::refresh(db, gate).await
}

/// The instants whose local day may fall in `from` to `to` somewhere: a
/// day on either side, as local days start up to 14 hours away from UTC.
fn utc_span(from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        utc_midnight(from) - Duration::days(1),
        utc_midnight(to) + Duration::days(2),
    )
}

async fn figures(
    db: &DatabaseConnection,
    sites: &[site::Model],
    days: &[days::Day],
    filtered: Option<&filtered::Lines>,
    ask: &Ask,
    k: u32,
) -> Result<Figures, DbErr> {
    let ids: Vec<i64> = sites.iter().map(|s| s.id).collect();
    let grouping = grouping(ask.grouping);
    let mut hours: HashMap<i64, Vec<(u8, u16, u16)>> = HashMap::new();
    for h in db::sites::opening_hours_of_sites(db, ids.clone()).await? {
        let minute = |m: i32| u16::try_from(m).unwrap_or(0);
        hours.entry(h.site_id).or_default().push((
            u8::try_from(h.weekday).unwrap_or(0),
            minute(h.opens_minute),
            minute(h.closes_minute),
        ));
    }
    let mut closures: HashMap<i64, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
    for c in db::stats::closures_of_sites_between(db, ids.clone(), ask.from, ask.to).await? {
        closures
            .entry(c.site_id)
            .or_default()
            .push((c.first_day, c.last_day));
    }
    let kind = ask.only.kind.map(ResourceKind::as_str);
    let mut resources: HashMap<i64, Vec<resource::Model>> = HashMap::new();
    for r in db::stats::resources_of_sites(db, ids.clone()).await? {
        // Filtered by kind, only that kind's desk-hours are open.
        if kind.is_none_or(|kind| r.kind == kind) {
            resources.entry(r.site_id).or_default().push(r);
        }
    }
    let mut summaries: HashMap<i64, Vec<&days::Day>> = HashMap::new();
    for day in days {
        summaries.entry(day.site).or_default().push(day);
    }
    let erased: HashMap<(i64, String), u64> = db::stats::erased_people(db, ids, grouping.as_str())
        .await?
        .into_iter()
        .map(|e| ((e.site_id, e.period), u64::try_from(e.people).unwrap_or(0)))
        .collect();
    // The first day of the report in each period names its month.
    let mut first_days: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for day in ask.from.iter_days().take_while(|d| *d <= ask.to) {
        first_days.entry(grouping.period(day)).or_insert(day);
    }

    // Each line as computed, and (period, bookings, made by one person).
    let mut raw: Vec<(UsageRow, stats::Figures)> = Vec::new();
    let mut lines: Vec<(String, u64, bool)> = Vec::new();
    let mut heat: BTreeMap<(u8, u8), stats::HeatCell> = BTreeMap::new();
    let mut kinds: BTreeMap<String, stats::Figures> = BTreeMap::new();
    for s in sites {
        let site_resources = resources.remove(&s.id).unwrap_or_default();
        let site = stats::Site {
            zone: local_time::parse_zone(&s.time_zone),
            hours: hours.remove(&s.id).unwrap_or_default(),
            closures: closures.remove(&s.id).unwrap_or_default(),
            resources: site_resources.iter().map(presence).collect(),
            cancel_deadline_minutes: i64::from(s.cancel_deadline_minutes),
        };
        add_open_kinds(&mut kinds, &site, &site_resources, ask);
        // Every period gets its line, open hours first.
        let mut periods = stats::site_figures(&site, &[], ask.from, ask.to, grouping);
        for day in summaries.remove(&s.id).unwrap_or_default() {
            let line = periods.entry(grouping.period(day.day)).or_default();
            add_day(line, &mut kinds, &mut heat, day);
        }
        for (period, f) in periods {
            let gone = erased.get(&(s.id, period.clone())).copied().unwrap_or(0);
            let (people, alone) = match filtered {
                None => (
                    stats::published(f.people.len() as u64 + gone, k),
                    f.alone(gone),
                ),
                // Through a filter, the line's rule decides; people who
                // deleted their account cannot be told apart by value, so
                // a line that counted some shows no people.
                Some(lines) => {
                    let rule = lines.of(s.id, &period);
                    let people = stats::published(f.people.len() as u64, k)
                        .filter(|_| rule.people && gone == 0);
                    (people, f.alone(0) || !rule.activity)
                }
            };
            let month = first_days
                .get(&period)
                .map_or_else(|| period.clone(), |d| Grouping::Month.period(*d));
            lines.push((period.clone(), f.bookings, alone));
            let row = UsageRow {
                site_id: SiteId(s.id),
                site_name: s.name.clone(),
                month,
                week: (grouping == Grouping::Week).then(|| period.clone()),
                open_hours: hours_of(f.open_minutes),
                booked_hours: None,
                occupancy: None,
                bookings: None,
                cancellations: None,
                late_cancellations: None,
                no_shows: None,
                beyond_quota: None,
                activity_suppressed: true,
                people,
                people_suppressed: people.is_none(),
            };
            raw.push((row, f));
        }
    }
    // One person's activity is secret, and so is what would give it back.
    let (hidden, hidden_periods, hidden_whole) = stats::lone_activity_hidden(&lines);
    let mut totals: BTreeMap<String, stats::Figures> = BTreeMap::new();
    let mut whole = stats::Figures::default();
    let mut rows = Vec::new();
    for (((mut row, f), hidden), (period, _, _)) in
        raw.into_iter().zip(hidden.iter().copied()).zip(lines)
    {
        add(totals.entry(period).or_default(), &f);
        add(&mut whole, &f);
        if !hidden {
            publish_activity(&f, &mut row);
        }
        rows.push(row);
    }
    let mut published_totals: Vec<UsageTotal> = totals
        .into_iter()
        .map(|(period, f)| {
            let hidden = hidden_periods.get(&period).copied().unwrap_or(true);
            total(Some(period), &f, hidden)
        })
        .collect();
    published_totals.push(total(None, &whole, hidden_whole));
    // The tables across every line (kinds of space, the heat map, quota
    // policies) add up to the report's total and, by kind or policy, may
    // match some lines: where one person's line is in the report, their
    // activity is hidden like the total's.
    let lone_somewhere = hidden_whole;
    Ok(Figures {
        rows,
        totals: published_totals,
        kinds: kind_rows(&kinds, lone_somewhere),
        heat: heat_map(&heat, lone_somewhere),
        lone_somewhere,
    })
}

/// Adds a day's activity to a line, to the kinds of resource and to the
/// heat map, and its people to the line's.
fn add_day(
    line: &mut stats::Figures,
    kinds: &mut BTreeMap<String, stats::Figures>,
    heat: &mut BTreeMap<(u8, u8), stats::HeatCell>,
    day: &days::Day,
) {
    let digest = &day.digest;
    for (kind, f) in &digest.kinds {
        line.add_activity(f);
        kinds.entry(kind.clone()).or_default().add_activity(f);
    }
    line.people.extend(digest.people.iter().map(|p| p.0));
    let weekday = local_time::weekday(day.day);
    for (hour, bookings, makers) in &digest.hours {
        let cell = heat.entry((weekday, *hour)).or_default();
        cell.bookings += bookings;
        cell.makers = cell.makers.merge(*makers);
    }
}

fn presence(r: &resource::Model) -> stats::Presence {
    (r.created_at, r.retired_at)
}

/// Adds a site's open hours over the whole report, kind of resource by kind.
fn add_open_kinds(
    kinds: &mut BTreeMap<String, stats::Figures>,
    site: &stats::Site,
    resources: &[resource::Model],
    ask: &Ask,
) {
    let mut by_kind: BTreeMap<&str, Vec<&resource::Model>> = BTreeMap::new();
    for r in resources {
        by_kind.entry(r.kind.as_str()).or_default().push(r);
    }
    for (kind, list) in by_kind {
        let one_kind = stats::Site {
            zone: site.zone,
            hours: site.hours.clone(),
            closures: site.closures.clone(),
            resources: list.into_iter().map(presence).collect(),
            cancel_deadline_minutes: site.cancel_deadline_minutes,
        };
        let total = kinds.entry(kind.to_owned()).or_default();
        for f in stats::site_figures(&one_kind, &[], ask.from, ask.to, Grouping::Month).values() {
            total.open_minutes += f.open_minutes;
        }
    }
}

/// The kinds as published: one person's kind hidden with a neighbour.
fn kind_rows(kinds: &BTreeMap<String, stats::Figures>, all_hidden: bool) -> Vec<KindRow> {
    let lines: Vec<(String, u64, bool)> = kinds
        .values()
        .map(|f| (String::new(), f.bookings, f.alone(0)))
        .collect();
    let (hidden, _, _) = stats::hidden_activity(&lines);
    kinds
        .iter()
        .zip(hidden)
        .filter_map(|((kind, f), hidden)| {
            let hidden = hidden || all_hidden;
            Some(KindRow {
                kind: ResourceKind::parse(kind)?,
                open_hours: hours_of(f.open_minutes),
                booked_hours: (!hidden).then(|| hours_of(f.booked_minutes)),
                occupancy: occupancy(f).filter(|_| !hidden),
                bookings: (!hidden).then_some(f.bookings),
            })
        })
        .collect()
}

/// The heat map as published: a cell one person made alone is hidden, and
/// so is the next smallest, so that no sum of cells gives it back.
fn heat_map(heat: &BTreeMap<(u8, u8), stats::HeatCell>, all_hidden: bool) -> Vec<HeatCell> {
    let lines: Vec<(String, u64, bool)> = heat
        .values()
        .map(|c| (String::new(), c.bookings, c.alone()))
        .collect();
    let (hidden, _, _) = stats::hidden_activity(&lines);
    heat.iter()
        .zip(hidden)
        .map(|((&(weekday, hour), cell), hidden)| HeatCell {
            weekday,
            hour,
            bookings: (!hidden && !all_hidden).then_some(cell.bookings),
        })
        .collect()
}

/// What the figures of a report are made of, besides its people.
struct Figures {
    rows: Vec<UsageRow>,
    totals: Vec<UsageTotal>,
    kinds: Vec<KindRow>,
    heat: Vec<HeatCell>,
    /// Whether some line is one person's activity (hidden).
    lone_somewhere: bool,
}

/// Adds a line's figures to a total (people aside: they do not add up).
fn add(total: &mut stats::Figures, f: &stats::Figures) {
    total.open_minutes += f.open_minutes;
    total.add_activity(f);
}

/// Booked ÷ open to the thousandth; `None` when nothing was open.
fn occupancy(f: &stats::Figures) -> Option<f64> {
    (f.open_minutes > 0)
        .then(|| (f.booked_minutes as f64 / f.open_minutes as f64 * 1000.0).round() / 1000.0)
}

fn publish_activity(f: &stats::Figures, row: &mut UsageRow) {
    row.booked_hours = Some(hours_of(f.booked_minutes));
    row.occupancy = occupancy(f);
    row.bookings = Some(f.bookings);
    row.cancellations = Some(f.cancellations);
    row.late_cancellations = Some(f.late_cancellations);
    row.no_shows = Some(f.no_shows);
    row.beyond_quota = Some(f.beyond_quota);
    row.activity_suppressed = false;
}

fn total(period: Option<String>, f: &stats::Figures, hidden: bool) -> UsageTotal {
    let shown = |n: u64| (!hidden).then_some(n);
    UsageTotal {
        period,
        open_hours: hours_of(f.open_minutes),
        booked_hours: (!hidden).then(|| hours_of(f.booked_minutes)),
        occupancy: occupancy(f).filter(|_| !hidden),
        bookings: shown(f.bookings),
        cancellations: shown(f.cancellations),
        late_cancellations: shown(f.late_cancellations),
        no_shows: shown(f.no_shows),
        beyond_quota: shown(f.beyond_quota),
        activity_suppressed: hidden,
    }
}

fn utc_midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// Hours to the hundredth.
fn hours_of(minutes: u64) -> f64 {
    (minutes as f64 / 60.0 * 100.0).round() / 100.0
}

/// A booking as the figures need it.
pub(super) fn booked(b: &booking::Model) -> Booked {
    let cancelled = b.status == "cancelled";
    Booked {
        person: b.person_id,
        resource: b.resource_id,
        start: b.start_at,
        end: b.end_at,
        cancelled_at: cancelled.then(|| b.cancelled_at.unwrap_or(b.updated_at)),
        no_show: b.status == "no_show",
        beyond_quota: b.beyond_quota,
    }
}

/// When an account is deleted, inside its transaction: the person stays
/// counted in every site and period they were counted in, as a number only.
pub async fn keep_erased_person_counted(
    db: &impl ConnectionTrait,
    person: i64,
) -> Result<(), DbErr> {
    let counted = db::stats::counted_bookings_of_person(db, person).await?;
    let site_ids: Vec<i64> = counted.iter().map(|b| b.site_id).collect();
    let zones: HashMap<i64, chrono_tz::Tz> = db::sites::sites_by_ids(db, site_ids)
        .await?
        .into_iter()
        .map(|s| (s.id, local_time::parse_zone(&s.time_zone)))
        .collect();
    let mut places = std::collections::BTreeSet::new();
    for b in &counted {
        let zone = zones
            .get(&b.site_id)
            .copied()
            .unwrap_or(chrono_tz::Europe::Paris);
        let (day, _) = local_time::local(zone, b.start_at);
        for grouping in [Grouping::Month, Grouping::Week] {
            places.insert((b.site_id, grouping.as_str(), grouping.period(day)));
        }
    }
    for (site, grouping, period) in places {
        db::stats::add_erased_people(db, site, grouping, &period, 1).await?;
    }
    for ((site, month, dimension, value), people) in people::erased_tallies(&counted, &zones) {
        db::stats::add_erased_breakdown(db, site, &month, dimension, &value, people).await?;
    }
    Ok(())
}
