//! A day's parts as one text, a line each, read back without a JSON parser:
//! a filtered report reads a year of them (a million bookings make nearly as
//! many parts when people come from everywhere), and as JSON they took three
//! times as long to read as the whole days.
//!
//! A line: `kind|commune|situations|figures|hours|policies|people`, where
//! commune is empty when unknown, situations the bookings' JSON list,
//! figures `minutes,bookings,cancellations,late,no-shows,beyond-quota,makers,kept-makers`,
//! hours `hour,bookings,makers` and policies `policy,units,bookings,makers`
//! separated by `;`, people `person.start` separated by spaces. Makers are
//! written as numbers (`stats::Makers`). None of the texts can hold `|` or a
//! line break: kinds and situations are fixed words, communes INSEE codes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{DayDigest, Facet};
use crate::domain::quota_use::Sum;
use crate::domain::stats::{Figures, Makers};

/// The parts as one text.
pub fn pack(facets: &[Facet]) -> String {
    let mut text = String::new();
    for facet in facets {
        let d = &facet.digest;
        let f = d.activity();
        let _ = write!(
            text,
            "{}|{}|{}|{},{},{},{},{},{},{},{}|",
            facet.kind,
            facet.commune.as_deref().unwrap_or(""),
            facet.categories,
            f.booked_minutes,
            f.bookings,
            f.cancellations,
            f.late_cancellations,
            f.no_shows,
            f.beyond_quota,
            i64::from(f.makers),
            i64::from(f.kept_makers),
        );
        let hours: Vec<String> = d
            .hours
            .iter()
            .map(|(hour, bookings, makers)| format!("{hour},{bookings},{}", i64::from(*makers)))
            .collect();
        text.push_str(&hours.join(";"));
        text.push('|');
        let policies: Vec<String> = d
            .policies
            .iter()
            .map(|(policy, s)| {
                format!(
                    "{policy},{},{},{}",
                    s.units,
                    s.bookings,
                    i64::from(s.makers)
                )
            })
            .collect();
        text.push_str(&policies.join(";"));
        text.push('|');
        let people: Vec<String> = d
            .people
            .iter()
            .map(|(person, _, start)| format!("{person}.{start}"))
            .collect();
        text.push_str(&people.join(" "));
        text.push('\n');
    }
    text
}

/// The parts back; `None` when the text is not what `pack` writes.
pub fn unpack(text: &str) -> Option<Vec<Facet>> {
    text.lines().map(facet).collect()
}

fn facet(line: &str) -> Option<Facet> {
    let mut fields = line.split('|');
    let mut next = || fields.next();
    let (kind, commune, categories) = (next()?, next()?, next()?);
    // Days summed up before the kept bookings' makers were told apart have
    // seven numbers (and are marked stale to be summed up again).
    let (m, b, c, l, n, q, w, y) = match numbers(next()?)?[..] {
        [m, b, c, l, n, q, w] => (m, b, c, l, n, q, w, 0),
        [m, b, c, l, n, q, w, y] => (m, b, c, l, n, q, w, y),
        _ => return None,
    };
    let count = |n: i64| u64::try_from(n).ok();
    let figures = Figures {
        booked_minutes: count(m)?,
        bookings: count(b)?,
        cancellations: count(c)?,
        late_cancellations: count(l)?,
        no_shows: count(n)?,
        beyond_quota: count(q)?,
        makers: Makers::from(w),
        kept_makers: Makers::from(y),
        ..Figures::default()
    };
    let hours = list(next()?, |n| match n[..] {
        [hour, bookings, makers] => Some((
            u8::try_from(hour).ok()?,
            count(bookings)?,
            Makers::from(makers),
        )),
        _ => None,
    })?;
    let policies: BTreeMap<i64, Sum> = list(next()?, |n| match n[..] {
        [policy, units, bookings, makers] => Some((
            policy,
            Sum {
                units,
                bookings: count(bookings)?,
                makers: Makers::from(makers),
            },
        )),
        _ => None,
    })?
    .into_iter()
    .collect();
    let people = next()?
        .split_ascii_whitespace()
        .map(|entry| {
            let (person, start) = entry.split_once('.')?;
            Some((person.parse().ok()?, 0, start.parse().ok()?))
        })
        .collect::<Option<Vec<(i64, u32, i64)>>>()?;
    let commune = (!commune.is_empty()).then(|| commune.to_owned());
    // Everyone of a part lives in its commune with its situations.
    let residences = match people.is_empty() {
        true => Vec::new(),
        false => vec![(commune.clone(), categories.to_owned())],
    };
    Some(Facet {
        kind: kind.to_owned(),
        commune,
        categories: categories.to_owned(),
        digest: DayDigest {
            kinds: BTreeMap::from([(kind.to_owned(), figures)]),
            hours,
            policies,
            residences,
            people,
        },
    })
}

/// Numbers separated by commas.
fn numbers(text: &str) -> Option<Vec<i64>> {
    text.split(',').map(|n| n.parse().ok()).collect()
}

/// Entries separated by `;`, each numbers read by `entry`.
fn list<T>(text: &str, entry: impl Fn(Vec<i64>) -> Option<T>) -> Option<Vec<T>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(';').map(|e| entry(numbers(e)?)).collect()
}
