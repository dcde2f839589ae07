//! The people of a report: how many, how many new to the network, where
//! they live and their situation, published under statistical secrecy
//! (`domain::breakdown`), and, for a commune or EPCI administrator, how many
//! of their residents came to any site of the network.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use shared::api::{Category, CategoryRow, ResidenceLevel, ResidenceRow, ResidentsAnywhere};

use super::days::Day;
use crate::db::entities::{booking, site};
use crate::db::{self, DatabaseConnection, DbErr};
use crate::domain::breakdown::{self, Counted, Erased, Place};
use crate::domain::caller::{Grant, PersonContext};
use crate::domain::local_time;
use crate::domain::stats::{self, Grouping};

/// What the report says of its people.
pub struct People {
    pub people: Option<u64>,
    pub new_people: Option<u64>,
    pub residence: Vec<ResidenceRow>,
    pub categories: Vec<CategoryRow>,
}

/// The months ("2027-01") the days `from` to `to` meet.
pub fn months(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut months: Vec<String> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|d| Grouping::Month.period(d))
        .collect();
    months.dedup();
    months
}

/// The people who came on the report's days (`days`: its sites' summaries)
/// and those of the erased tallies of those sites.
pub async fn people(
    db: &DatabaseConnection,
    sites: &[site::Model],
    days: &[Day],
    (from, to): (NaiveDate, NaiveDate),
    k: u32,
) -> Result<People, DbErr> {
    let k = u64::from(k.max(stats::MIN_THRESHOLD));
    let ids: Vec<i64> = sites.iter().map(|s| s.id).collect();
    let months = months(from, to);
    let erased_people: u64 = db::stats::erased_people(db, ids.clone(), Grouping::Month.as_str())
        .await?
        .into_iter()
        .filter(|e| months.contains(&e.period))
        .map(|e| u64::try_from(e.people).unwrap_or(0))
        .sum();
    let tallies = db::stats::erased_breakdown(db, ids, months).await?;
    let erased_new: u64 = tallies
        .iter()
        .filter(|t| t.dimension == "new")
        .map(|t| u64::try_from(t.people).unwrap_or(0))
        .sum();
    let erased = Erased {
        people: erased_people,
        by: tallies
            .into_iter()
            .map(|t| (t.dimension, t.value, u64::try_from(t.people).unwrap_or(0)))
            .collect(),
    };
    // Each person once per residence first: a year of a network names the
    // same people a million times over its days.
    let mut residences: Vec<(&Option<String>, &str)> = Vec::new();
    let mut residence_ids: HashMap<(&Option<String>, &str), u32> = HashMap::new();
    let mut seen: Vec<(i64, u32)> = Vec::new();
    for day in days {
        let ids: Vec<u32> = day
            .digest
            .residences
            .iter()
            .map(|(commune, categories)| {
                let next = u32::try_from(residences.len()).unwrap_or(u32::MAX);
                *residence_ids
                    .entry((commune, categories.as_str()))
                    .or_insert_with(|| {
                        residences.push((commune, categories.as_str()));
                        next
                    })
            })
            .collect();
        seen.extend(
            day.digest
                .people
                .iter()
                .filter_map(|(person, residence, _)| {
                    Some((*person, *ids.get(usize::try_from(*residence).ok()?)?))
                }),
        );
    }
    seen.sort_unstable();
    seen.dedup();
    let counts = breakdown::count(
        seen.iter().filter_map(|(person, residence)| {
            let (commune, categories) = residences.get(usize::try_from(*residence).ok()?)?;
            Some(Counted {
                person: *person,
                commune: commune.as_deref(),
                categories,
            })
        }),
        &erased,
    );

    let (places, epci_names) = places(db).await?;
    let published = breakdown::publish(&counts, &places, &epci_names, k);
    let new_people = new_people(db, days, (from, to)).await? + erased_new;
    Ok(People {
        people: published.people,
        new_people: stats::published(new_people, u32::try_from(k).unwrap_or(u32::MAX)),
        residence: published
            .residence
            .into_iter()
            .map(|line| ResidenceRow {
                level: match (&line.key, line.is_epci, &line.epci) {
                    (_, true, _) => ResidenceLevel::Epci,
                    (Some(_), false, _) => ResidenceLevel::Commune,
                    (None, false, Some(_)) => ResidenceLevel::OtherCommunes,
                    (None, false, None) => ResidenceLevel::Unknown,
                },
                code: line.key,
                name: line.name,
                epci_code: line.epci,
                people_suppressed: line.people.is_none(),
                people: line.people,
            })
            .collect(),
        categories: published
            .categories
            .into_iter()
            .map(|line| CategoryRow {
                category: line.key.as_deref().and_then(Category::parse),
                people_suppressed: line.people.is_none(),
                people: line.people,
            })
            .collect(),
    })
}

/// People whose first booking in the network is one this report counts:
/// the earliest they came on the report's days is their first visit.
async fn new_people(
    db: &DatabaseConnection,
    days: &[Day],
    (from, to): (NaiveDate, NaiveDate),
) -> Result<u64, DbErr> {
    let mut earliest: HashMap<i64, i64> = HashMap::new();
    for day in days {
        for (person, _, first) in &day.digest.people {
            let e = earliest.entry(*person).or_insert(*first);
            *e = (*e).min(*first);
        }
    }
    let (since, until) = super::utc_span(from, to);
    let firsts = db::usage_days::first_visits_between(db, since, until).await?;
    Ok(firsts
        .into_iter()
        .filter(|(person, first)| earliest.get(person) == Some(&first.timestamp()))
        .count() as u64)
}

/// Every commune's name and EPCI, and every EPCI's name.
async fn places(
    db: &DatabaseConnection,
) -> Result<(HashMap<String, Place>, HashMap<String, String>), DbErr> {
    let mut places = HashMap::new();
    let mut epcis = HashMap::new();
    for c in db::communes::list(db).await? {
        if let (Some(code), Some(name)) = (&c.epci_code, &c.epci_name) {
            epcis.insert(code.clone(), name.clone());
        }
        places.insert(
            c.insee,
            Place {
                name: c.name,
                epci: c.epci_code,
            },
        );
    }
    Ok((places, epcis))
}

/// For each commune or EPCI the caller administers: how many of its
/// residents came to any site of the network in the days `from` to `to`.
pub async fn residents_anywhere(
    db: &DatabaseConnection,
    caller: &PersonContext,
    (from, to): (NaiveDate, NaiveDate),
    k: u32,
) -> Result<Vec<ResidentsAnywhere>, DbErr> {
    let mut territories: Vec<(String, Vec<String>)> = Vec::new();
    let mut epci_names: Option<HashMap<String, String>> = None;
    for grant in &caller.roles {
        match grant {
            Grant::CommuneAdmin(insee) => {
                let name = db::communes::commune_by_insee(db, insee)
                    .await?
                    .map_or_else(|| insee.clone(), |c| c.name);
                territories.push((name, vec![insee.clone()]));
            }
            Grant::EpciAdmin(epci) => {
                let communes = db::eligibility::communes_of_epci(db, epci).await?;
                if epci_names.is_none() {
                    epci_names = Some(places(db).await?.1);
                }
                let name = epci_names
                    .as_ref()
                    .and_then(|names| names.get(epci).cloned())
                    .unwrap_or_else(|| epci.clone());
                territories.push((name, communes.into_iter().map(|c| c.insee).collect()));
            }
            Grant::NetworkAdmin | Grant::Host(_) => {}
        }
    }
    if territories.is_empty() {
        return Ok(Vec::new());
    }
    // Every site's days (summed up already by the report).
    let days = super::days::read(db, None, from, to).await?;
    let months = months(from, to);
    let mut answers = Vec::new();
    for (territory, communes) in territories {
        let theirs: HashSet<&str> = communes.iter().map(String::as_str).collect();
        let mut living: HashSet<i64> = HashSet::new();
        for day in &days {
            let residences = &day.digest.residences;
            living.extend(
                day.digest
                    .people
                    .iter()
                    .filter_map(|(person, residence, _)| {
                        let (commune, _) = residences.get(usize::try_from(*residence).ok()?)?;
                        theirs.contains(commune.as_deref()?).then_some(*person)
                    }),
            );
        }
        let erased: u64 = db::stats::erased_residents(db, communes, months.clone())
            .await?
            .into_iter()
            .map(|t| u64::try_from(t.people).unwrap_or(0))
            .sum();
        let people = stats::published(living.len() as u64 + erased, k);
        answers.push(ResidentsAnywhere {
            territory,
            people_suppressed: people.is_none(),
            people,
        });
    }
    Ok(answers)
}

/// The breakdown tallies an erased person leaves behind, from the bookings
/// they were counted by (not cancelled): per site and month, their commune
/// and situations then, and `new` where their first booking was.
pub fn erased_tallies(
    counted: &[booking::Model],
    zones: &HashMap<i64, chrono_tz::Tz>,
) -> BTreeMap<(i64, String, &'static str, String), i64> {
    let mut tallies = BTreeMap::new();
    let month = |b: &booking::Model| {
        let zone = zones
            .get(&b.site_id)
            .copied()
            .unwrap_or(chrono_tz::Europe::Paris);
        Grouping::Month.period(local_time::local(zone, b.start_at).0)
    };
    for b in counted {
        let key = |dimension, value: &str| (b.site_id, month(b), dimension, value.to_owned());
        tallies.insert(
            key("commune", b.resident_commune_insee.as_deref().unwrap_or("")),
            1,
        );
        let declared: Vec<String> =
            serde_json::from_str(&b.resident_categories).unwrap_or_default();
        if declared.is_empty() {
            tallies.insert(key("category", ""), 1);
        }
        for category in declared {
            tallies.insert(key("category", &category), 1);
        }
    }
    if let Some(first) = counted.iter().min_by_key(|b| b.start_at) {
        tallies.insert((first.site_id, month(first), "new", String::new()), 1);
    }
    tallies
}
