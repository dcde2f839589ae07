//! People who deleted their account, in filtered reports: deletion leaves,
//! per site and period, the parts of days they were counted in (kinds of
//! resource, communes, situations; `erased_facet`), and a filtered report
//! counts those whose parts the filter keeps. Accounts deleted before
//! filters existed left no parts: they count in unfiltered reports only.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::db::entities::booking;
use crate::db::{self, ConnectionTrait, DatabaseConnection, DbErr};
use crate::domain::breakdown::Erased;
use crate::domain::local_time;
use crate::domain::stats::Grouping;
use crate::domain::usage_day::Filter;

/// (kind, commune, situations as JSON): one part of a day.
type Part = (String, Option<String>, String);

/// When an account is deleted, inside its transaction: the parts its
/// counted bookings (`counted`) were in, per site and period.
pub async fn keep_erased_parts(
    db: &impl ConnectionTrait,
    counted: &[booking::Model],
    zones: &HashMap<i64, chrono_tz::Tz>,
) -> Result<(), DbErr> {
    let sites: Vec<i64> = counted.iter().map(|b| b.site_id).collect();
    let kinds: HashMap<i64, String> = db::stats::resources_of_sites(db, sites)
        .await?
        .into_iter()
        .map(|r| (r.id, r.kind))
        .collect();
    let first = counted.iter().min_by_key(|b| b.start_at).map(|b| b.id);
    let mut places: BTreeMap<(i64, &'static str, String), (BTreeSet<Part>, bool)> = BTreeMap::new();
    for b in counted {
        let zone = zones
            .get(&b.site_id)
            .copied()
            .unwrap_or(chrono_tz::Europe::Paris);
        let (day, _) = local_time::local(zone, b.start_at);
        let kind = kinds
            .get(&b.resource_id)
            .cloned()
            .unwrap_or_else(|| "desk".to_owned());
        for grouping in [Grouping::Month, Grouping::Week] {
            let place = places
                .entry((b.site_id, grouping.as_str(), grouping.period(day)))
                .or_default();
            place.0.insert((
                kind.clone(),
                b.resident_commune_insee.clone(),
                b.resident_categories.clone(),
            ));
            place.1 |= first == Some(b.id);
        }
    }
    for ((site, grouping, period), (parts, new)) in places {
        let parts: Vec<Part> = parts.into_iter().collect();
        let text = serde_json::to_string(&parts).unwrap_or_default();
        db::stats::add_erased_facet(db, (site, grouping, &period), &text, new, 1).await?;
    }
    Ok(())
}

/// An erased tally whose parts the filter keeps: how many people, whether
/// they were new there, and the parts kept.
struct Kept {
    site: i64,
    period: String,
    people: u64,
    new: bool,
    parts: Vec<Part>,
}

async fn kept(
    db: &DatabaseConnection,
    sites: Vec<i64>,
    grouping: Grouping,
    filter: &Filter,
) -> Result<Vec<Kept>, DbErr> {
    Ok(db::stats::erased_facets(db, sites, grouping.as_str())
        .await?
        .into_iter()
        .filter_map(|row| {
            let parts: Vec<Part> = serde_json::from_str(&row.facets).unwrap_or_default();
            let parts: Vec<Part> = parts
                .into_iter()
                .filter(|(kind, commune, categories)| {
                    filter.keeps(kind, commune.as_deref(), categories)
                })
                .collect();
            (!parts.is_empty()).then(|| Kept {
                site: row.site_id,
                period: row.period,
                people: u64::try_from(row.people).unwrap_or(0),
                new: row.new,
                parts,
            })
        })
        .collect())
}

/// Erased people the filter keeps, per (site, period).
pub async fn erased_people(
    db: &DatabaseConnection,
    sites: Vec<i64>,
    grouping: Grouping,
    filter: &Filter,
) -> Result<HashMap<(i64, String), u64>, DbErr> {
    let mut people = HashMap::new();
    for row in kept(db, sites, grouping, filter).await? {
        *people.entry((row.site, row.period)).or_default() += row.people;
    }
    Ok(people)
}

/// Erased people the filter keeps in these months, as the breakdown adds
/// them (by commune and situation), and how many of them were new.
pub async fn erased_breakdown(
    db: &DatabaseConnection,
    sites: Vec<i64>,
    months: &[String],
    filter: &Filter,
) -> Result<(Erased, u64), DbErr> {
    let mut erased = Erased::default();
    let mut new = 0;
    for row in kept(db, sites, Grouping::Month, filter).await? {
        if !months.contains(&row.period) {
            continue;
        }
        erased.people += row.people;
        new += if row.new { row.people } else { 0 };
        let mut values: BTreeSet<(&str, String)> = BTreeSet::new();
        for (_, commune, categories) in &row.parts {
            values.insert(("commune", commune.clone().unwrap_or_default()));
            let declared: Vec<String> = serde_json::from_str(categories).unwrap_or_default();
            if declared.is_empty() {
                values.insert(("category", String::new()));
            }
            for category in declared {
                values.insert(("category", category));
            }
        }
        for (dimension, value) in values {
            erased.by.push((dimension.to_owned(), value, row.people));
        }
    }
    Ok((erased, new))
}
