//! The summaries of site-days every report reads (`domain::usage_day`):
//! the days whose bookings changed since they were summed up (marked by
//! triggers) are summed up again first, then the report's days are read.
//! A report therefore reads some eighteen thousand small rows for a year of
//! fifty sites, not a million bookings, and is exact all the same.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::db::usage_days::Saved;
use crate::db::{self, ConnectionTrait, DatabaseConnection, DbErr, WriteGate};
use crate::domain::local_time;
use crate::domain::quota_use::Charge;
use crate::domain::usage_day::{self, DayBooking, DayDigest, Facet};

/// How many stale marks one transaction takes: on SQLite a rebuild holds
/// the writer, so bookings wait for one slice at most, not for the whole.
const MARKS_PER_TURN: u64 = 2_000;

/// One site's day, summed up.
pub struct Day<T = DayDigest> {
    pub site: i64,
    pub day: NaiveDate,
    pub digest: T,
}

/// The summaries of these sites (every site: `None`) on local days `from`
/// to `to`, as they are (`refresh` first).
pub async fn read(
    db: &DatabaseConnection,
    sites: Option<Vec<i64>>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Day>, DbErr> {
    let rows = db::usage_days::digests_between(db, sites, from, to, false).await?;
    on_two_threads(&rows, parse)
}

/// The same days split into their parts (kind, commune, situations), for
/// a filtered report.
pub async fn read_parts(
    db: &DatabaseConnection,
    sites: Option<Vec<i64>>,
    (from, to): (NaiveDate, NaiveDate),
) -> Result<Vec<Day<Vec<Facet>>>, DbErr> {
    let rows = db::usage_days::digests_between(db, sites, from, to, true).await?;
    on_two_threads(&rows, |text| {
        usage_day::unpack(text).unwrap_or_else(|| {
            // Only Relais writes these (see `parse`).
            tracing::warn!("the parts of a usage summary could not be read");
            Vec::new()
        })
    })
}

/// Reads rows of summaries into days, half on another thread: reading a
/// year of summaries is most of a report's time.
fn on_two_threads<T: Send>(
    rows: &[(i64, NaiveDate, String)],
    parse: impl Fn(&str) -> T + Sync,
) -> Result<Vec<Day<T>>, DbErr> {
    let half = rows.len().div_ceil(2);
    let read = |rows: &[(i64, NaiveDate, String)]| -> Vec<Day<T>> {
        rows.iter()
            .map(|(site, day, text)| Day {
                site: *site,
                day: *day,
                digest: parse(text),
            })
            .collect()
    };
    let (first, second) = rows.split_at(half);
    let mut days = std::thread::scope(|s| {
        let first = s.spawn(|| read(first));
        let second = read(second);
        first.join().map(|mut first| {
            first.extend(second);
            first
        })
    })
    .map_err(|_| DbErr::Custom("reading usage summaries failed".to_owned()))?;
    days.sort_by_key(|d| (d.site, d.day));
    Ok(days)
}

fn parse(text: &str) -> DayDigest {
    serde_json::from_str(text).unwrap_or_else(|e| {
        // Only Relais writes these; a summary it cannot read is rebuilt
        // when its day next changes, and counts as an empty day meanwhile.
        tracing::warn!(error = %e, "a usage summary could not be read");
        DayDigest::default()
    })
}

/// Sums up again every day marked stale, a slice of marks at a time, each
/// through the process's write gate (on SQLite, writers queue there).
pub async fn refresh(db: &DatabaseConnection, gate: &WriteGate) -> Result<(), DbErr> {
    while db::usage_days::any_stale(db).await? {
        let _writing = gate.enter().await;
        let txn = db::begin_write(db).await?;
        db::usage_days::take_turn(&txn).await?;
        let marks = db::usage_days::stale_marks(&txn, MARKS_PER_TURN).await?;
        // A UTC day holds bookings of the local days around it.
        let mut by_site: BTreeMap<i64, BTreeSet<NaiveDate>> = BTreeMap::new();
        for mark in &marks {
            let days = by_site.entry(mark.site_id).or_default();
            days.insert(mark.day - Duration::days(1));
            days.insert(mark.day);
            days.insert(mark.day + Duration::days(1));
        }
        let mut touched = HashSet::new();
        for (site, days) in by_site {
            rebuild_site(&txn, site, &days, &mut touched).await?;
        }
        let people: Vec<i64> = touched.into_iter().collect();
        let firsts: HashMap<i64, DateTime<Utc>> = db::stats::first_visits(&txn, people.clone())
            .await?
            .into_iter()
            .collect();
        let visits = people
            .into_iter()
            .map(|p| (p, firsts.get(&p).copied()))
            .collect();
        db::usage_days::set_first_visits(&txn, visits).await?;
        db::usage_days::forget_marks(&txn, marks.iter().map(|m| m.id).collect()).await?;
        txn.commit().await?;
    }
    Ok(())
}

/// Sums up a site's `days` from their bookings and charges; `touched` gets
/// everyone who came on them, before or now (their first visit may move).
async fn rebuild_site(
    db: &impl ConnectionTrait,
    site_id: i64,
    days: &BTreeSet<NaiveDate>,
    touched: &mut HashSet<i64>,
) -> Result<(), DbErr> {
    let (Some(first), Some(last)) = (days.first().copied(), days.last().copied()) else {
        return Ok(());
    };
    for old in db::usage_days::digests_of_days(db, site_id, days.iter().copied().collect()).await? {
        touched.extend(parse(&old.digest).people.iter().map(|p| p.0));
    }
    let Some(site) = db::stats::sites(db, Some(vec![site_id])).await?.pop() else {
        let gone = days.iter().map(|d| (*d, None)).collect();
        return db::usage_days::save_digests(db, site_id, gone).await;
    };
    let zone = local_time::parse_zone(&site.time_zone);
    let (since, until) = super::utc_span(first, last);
    let kinds: HashMap<i64, String> = db::stats::resources_of_sites(db, vec![site_id])
        .await?
        .into_iter()
        .map(|r| (r.id, r.kind))
        .collect();
    let bookings =
        db::stats::bookings_of_sites_starting_between(db, vec![site_id], since, until).await?;
    let mut charges: HashMap<i64, Vec<Charge>> = HashMap::new();
    for c in db::stats::charges_of_bookings_between(db, vec![site_id], since, until).await? {
        let Some(booking) = c.booking_id else {
            continue;
        };
        charges.entry(booking).or_default().push(Charge {
            policy: c.policy_id,
            person: c.person_id,
            units: i64::from(c.amount),
            booking,
        });
    }
    let mut on_day: BTreeMap<NaiveDate, (Vec<DayBooking>, Vec<Charge>)> = BTreeMap::new();
    for b in &bookings {
        let (day, _) = local_time::local(zone, b.start_at);
        if !days.contains(&day) {
            continue;
        }
        let (list, day_charges) = on_day.entry(day).or_default();
        list.push(DayBooking {
            id: b.id,
            booked: super::booked(b),
            kind: kinds.get(&b.resource_id).map_or("desk", String::as_str),
            commune: b.resident_commune_insee.as_deref(),
            categories: &b.resident_categories,
        });
        day_charges.extend(charges.remove(&b.id).unwrap_or_default());
    }
    let deadline = i64::from(site.cancel_deadline_minutes);
    let mut saved = Vec::new();
    for day in days {
        let Some((list, day_charges)) = on_day.get(day) else {
            saved.push((*day, None));
            continue;
        };
        let digest = usage_day::digest(zone, deadline, *day, list, day_charges);
        touched.extend(digest.people.iter().map(|p| p.0));
        if digest.is_empty() {
            saved.push((*day, None));
            continue;
        }
        let facets = usage_day::facets(zone, deadline, *day, list, day_charges);
        saved.push((
            *day,
            Some(Saved {
                digest: serde_json::to_string(&digest).unwrap_or_default(),
                facets: usage_day::pack(&facets),
            }),
        ));
    }
    db::usage_days::save_digests(db, site_id, saved).await
}
