//! A year of past bookings for the demo network, so that the statistics
//! show something true-looking on the first run: about 360 people from
//! Lozère communes (mostly the site's own commune and its neighbours in the
//! same EPCI), fewer in summer and at Christmas, more on Tuesdays and
//! Thursdays, a few cancellations and no-shows, and what they cost on the
//! free-access policy.
//!
//! Its people are people of the database, without an address (they cannot
//! sign in, like people a host books for at the desk) and with a first name
//! and an initial: the statistics count them as they count everyone, exactly
//! (the tallies kept for deleted accounts cannot tell one person's months
//! apart, so a demo made of them would count the same person many times over
//! a year). Hosts see them in their past days, as they would see a real
//! site's regulars. The same draw every time (a fixed seed), and written
//! once: a second run finds it and stops.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use shared::api::Category;
use shared::{ClockTime, quota};

use crate::db::stats::PastBooking;
use crate::db::{self, DatabaseConnection, DbErr};
use crate::domain::local_time;

/// People of each site's own circle.
const PEOPLE_PER_SITE: usize = 40;
/// The chance that a desk is taken in one opening period, before the season
/// and the day of the week.
const BUSY: f64 = 0.30;

/// Writes the year before `now`; how many bookings (0 when it was there).
pub async fn seed_history(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let txn = db::begin_write(db).await?;
    if db::stats::any_booking_starting_before(&txn, now - Duration::days(30)).await? {
        txn.commit().await?;
        return Ok(0);
    }
    let today = local_time::local(chrono_tz::Europe::Paris, now).0;
    // The network was there during the year it is given.
    let since = now - Duration::days(400);
    db::stats::backdate_network(&txn, since).await?;
    let sites = db::stats::sites(&txn, None).await?;
    let ids: Vec<i64> = sites.iter().map(|s| s.id).collect();
    let mut hours: HashMap<(i64, i16), Vec<(i32, i32)>> = HashMap::new();
    for h in db::sites::opening_hours_of_sites(&txn, ids.clone()).await? {
        hours
            .entry((h.site_id, h.weekday))
            .or_default()
            .push((h.opens_minute, h.closes_minute));
    }
    let mut desks: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in db::stats::resources_of_sites(&txn, ids).await? {
        if r.kind == "desk" && r.retired_at.is_none() {
            desks.entry(r.site_id).or_default().push(r.id);
        }
    }
    let every_commune: Vec<String> = db::communes::list(db)
        .await?
        .into_iter()
        .map(|c| c.insee)
        .collect();

    // Each site's circle: (commune, categories as JSON, person).
    let mut draw = Draw(0x4C4F_5A45_5245_u64);
    let mut circles: Vec<Vec<(String, String, i64)>> = Vec::new();
    for s in &sites {
        let neighbours = match db::communes::commune_by_insee(&txn, &s.commune_insee)
            .await?
            .and_then(|c| c.epci_code)
        {
            Some(epci) => db::eligibility::communes_of_epci(&txn, &epci)
                .await?
                .into_iter()
                .map(|c| c.insee)
                .collect(),
            None => Vec::new(),
        };
        let circle = (0..PEOPLE_PER_SITE)
            .map(|_| {
                let roll = draw.unit();
                let commune = if roll < 0.5 || (neighbours.is_empty() && roll < 0.85) {
                    s.commune_insee.clone()
                } else if roll < 0.85 {
                    draw.pick(&neighbours).clone()
                } else {
                    draw.pick(&every_commune).clone()
                };
                let categories = match draw.below(5) {
                    4 => Vec::new(),
                    n => vec![Category::ALL[n].as_str()],
                };
                (
                    commune,
                    serde_json::to_string(&categories).unwrap_or_else(|_| "[]".into()),
                )
            })
            .collect::<Vec<_>>();
        let mut people = Vec::new();
        for (commune, categories) in circle {
            let name = format!(
                "{} {}.",
                draw.pick(&FIRST_NAMES),
                char::from(b'A' + u8::try_from(draw.below(26)).unwrap_or(0))
            );
            let person =
                db::stats::insert_demo_person(&txn, &name, &commune, &categories, since).await?;
            people.push((commune, categories, person));
        }
        circles.push(people);
    }

    let mut rows = Vec::new();
    for (index, s) in sites.iter().enumerate() {
        let zone = local_time::parse_zone(&s.time_zone);
        let site_desks = desks.get(&s.id).cloned().unwrap_or_default();
        for day in (1..=365).rev().map(|ago| today - Duration::days(ago)) {
            let weekday = i16::try_from(day.weekday().number_from_monday()).unwrap_or(1);
            let periods = hours.get(&(s.id, weekday)).cloned().unwrap_or_default();
            let chance = BUSY * season(day) * day_of_week(weekday);
            for desk in &site_desks {
                for (opens, closes) in &periods {
                    if draw.unit() >= chance {
                        continue;
                    }
                    // Mostly someone of the site's circle, sometimes a visitor from another.
                    let circle = if draw.unit() < 0.9 {
                        index
                    } else {
                        draw.below(sites.len())
                    };
                    let who = draw.below(PEOPLE_PER_SITE);
                    let (commune, categories, person) = circles[circle][who].clone();
                    let at = |minutes: &i32| {
                        let time = ClockTime::from_minutes(u16::try_from(*minutes).unwrap_or(0))
                            .unwrap_or(ClockTime::MIDNIGHT);
                        local_time::instant(zone, day, time)
                    };
                    let (Some(start), Some(end)) = (at(opens), at(closes)) else {
                        continue;
                    };
                    let roll = draw.unit();
                    let (status, cancelled_at) = if roll < 0.07 {
                        let ahead = Duration::hours(i64::try_from(draw.below(72)).unwrap_or(0) + 1);
                        ("cancelled", Some(start - ahead))
                    } else if roll < 0.10 {
                        ("no_show", None)
                    } else {
                        ("completed", None)
                    };
                    rows.push(PastBooking {
                        person,
                        site: s.id,
                        desk: *desk,
                        commune,
                        categories,
                        start,
                        end,
                        status,
                        cancelled_at,
                    });
                }
            }
        }
    }
    let written = rows.len();
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().saturating_sub(500));
        db::stats::insert_past_bookings(&txn, rest).await?;
    }
    // Only the history's own people: a real booking made since the demo
    // began was charged when it was made.
    let history_people = circles
        .iter()
        .flatten()
        .map(|(_, _, person)| *person)
        .collect();
    charge_free_access(&txn, &sites, &history_people, (since, now)).await?;
    txn.commit().await?;
    Ok(written)
}

/// The quota ledger of the past year: each booking not cancelled costs its
/// price on the network's policy for everyone (« Accès libre » in the demo)
/// while its period's allowance lasts, as the booking would have then; the
/// bookings after that were beyond the quota (paid).
async fn charge_free_access(
    txn: &impl db::ConnectionTrait,
    sites: &[crate::db::entities::site::Model],
    people: &std::collections::HashSet<i64>,
    (since, now): (DateTime<Utc>, DateTime<Utc>),
) -> Result<(), DbErr> {
    let everyone = super::quotas::in_force(txn).await?.into_iter().find(|l| {
        let s = &l.policy.settings;
        s.communes.is_empty() && s.epcis.is_empty() && s.categories.is_empty() && s.sites.is_empty()
    });
    let Some(loaded) = everyone else {
        return Ok(());
    };
    let policy = &loaded.policy.settings;
    let zones: HashMap<i64, chrono_tz::Tz> = sites
        .iter()
        .map(|s| (s.id, local_time::parse_zone(&s.time_zone)))
        .collect();
    let site_ids = sites.iter().map(|s| s.id).collect();
    let mut bookings =
        db::stats::bookings_of_sites_starting_between(txn, site_ids, since, now).await?;
    bookings.sort_by_key(|b| (b.start_at, b.id));
    let allowance = quota::allowance_units(policy);
    let mut used: HashMap<(i64, NaiveDate), u32> = HashMap::new();
    let mut charges = Vec::new();
    let mut beyond = Vec::new();
    for b in bookings.iter().filter(|b| b.status != "cancelled") {
        let Some(person) = b.person_id.filter(|p| people.contains(p)) else {
            continue;
        };
        let zone = zones
            .get(&b.site_id)
            .copied()
            .unwrap_or(chrono_tz::Europe::Paris);
        let (day, start) = local_time::local(zone, b.start_at);
        let (_, end) = local_time::local(zone, b.end_at);
        let cost = quota::cost(policy.measure, start, end);
        let period_start =
            local_time::to_date(quota::period_start(policy.period, local_time::to_day(day)));
        let spent = used.entry((person, period_start)).or_default();
        if allowance.is_some_and(|limit| *spent + cost > limit) {
            // Past the month's free days: the person paid for this one.
            beyond.push(b.id);
            continue;
        }
        *spent += cost;
        charges.push(db::quotas::NewCharge {
            person_id: Some(person),
            policy_id: loaded.policy.id.0,
            policy_version_id: loaded.version_row,
            period_start,
            amount: i32::try_from(cost).unwrap_or(0),
            kind: "booking".to_owned(),
            booking_id: Some(b.id),
            created_at: b.created_at,
        });
    }
    db::quotas::insert_charges(txn, charges).await?;
    db::stats::mark_beyond_quota(txn, beyond).await
}

/// First names of the demo's people (with an initial, they name nobody real).
const FIRST_NAMES: [&str; 24] = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Sarah", "Emma", "Lucie",
    "Anaïs", "Margaux", "Lucas", "Hugo", "Louis", "Nathan", "Théo", "Jules", "Arthur", "Paul",
    "Maxime", "Thomas", "Julien", "Rémi",
];

/// Fewer people in July and August, and at Christmas.
fn season(day: NaiveDate) -> f64 {
    match day.month() {
        7 | 8 => 0.45,
        12 if day.day() > 20 => 0.4,
        _ => 1.0,
    }
}

/// Tuesdays and Thursdays are the busy days of a rural coworking space.
fn day_of_week(weekday: i16) -> f64 {
    match weekday {
        2 | 4 => 1.4,
        3 => 1.0,
        1 | 5 => 0.75,
        _ => 0.5,
    }
}

/// A small random draw with a fixed seed (xorshift64*): the same demo every
/// time, and no dependency for a generator nobody relies on for secrets.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in [0, n).
    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
