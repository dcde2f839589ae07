//! A report through a filter: each day's parts (`usage_day::Facet`) that
//! the filter keeps are added up as the report's days, and every part is
//! also sorted by the value of the filter's dimension it belongs to, line
//! by line, for the rule of `domain::filter_secrecy` (a line publishes
//! only what every value of its dimension could publish).

use std::collections::{BTreeMap, HashMap};

use super::days::Day;
use super::{Only, Residence};
use crate::db::{self, DatabaseConnection, DbErr};
use crate::domain::filter_secrecy::{self, Part, Publishable};
use crate::domain::stats::Grouping;
use crate::domain::usage_day::{self, Facet, Filter};

/// What the filter's rule says of the report's lines.
pub struct Lines {
    /// By (site, period); a line without bookings publishes what it has.
    pub by_line: HashMap<(i64, String), Publishable>,
}

impl Lines {
    pub fn of(&self, site: i64, period: &str) -> Publishable {
        self.by_line
            .get(&(site, period.to_owned()))
            .copied()
            .unwrap_or(Publishable {
                activity: true,
                people: true,
            })
    }
}

/// The value of a part in the filter's dimension: its kind, its commune,
/// its commune's EPCI, or its set of situations ("" for none said).
pub struct Dimension {
    by: By,
}

enum By {
    Kind,
    Commune,
    Epci(HashMap<String, String>),
    Category,
}

impl Dimension {
    pub async fn of(db: &DatabaseConnection, only: &Only) -> Result<Dimension, DbErr> {
        let by = match (&only.kind, &only.residence, &only.category) {
            (Some(_), _, _) => By::Kind,
            (_, Some(Residence::Commune(_)), _) => By::Commune,
            (_, Some(Residence::Epci(_)), _) => By::Epci(
                db::communes::list(db)
                    .await?
                    .into_iter()
                    .filter_map(|c| Some((c.insee, c.epci_code?)))
                    .collect(),
            ),
            _ => By::Category,
        };
        Ok(Dimension { by })
    }

    /// What people are grouped by for the rule: the values, but communes
    /// for an EPCI (someone who moved within an EPCI counts in two commune
    /// lines of the residence table, once in the EPCI filter).
    fn groups(&self, facet: &Facet) -> Vec<String> {
        match &self.by {
            By::Epci(_) => vec![facet.commune.clone().unwrap_or_default()],
            _ => self.values(facet),
        }
    }

    fn values(&self, facet: &Facet) -> Vec<String> {
        let commune = || facet.commune.clone().unwrap_or_default();
        match &self.by {
            By::Kind => vec![facet.kind.clone()],
            By::Commune => vec![commune()],
            By::Epci(epcis) => vec![epcis.get(&commune()).cloned().unwrap_or_default()],
            // The whole set a person declared, as one value: with a value
            // per situation, "students + job seekers − everyone" would be
            // what the people who declared both did.
            By::Category => {
                let mut said: Vec<String> =
                    serde_json::from_str(&facet.categories).unwrap_or_default();
                said.sort();
                vec![said.join("+")]
            }
        }
    }
}

/// The report's days as the filter keeps them, and what its rule says.
pub fn through(
    raw: Vec<Day<Vec<Facet>>>,
    filter: &Filter,
    dimension: &Dimension,
    grouping: Grouping,
    k: u64,
) -> (Vec<Day>, Lines) {
    // Parts by line, by (kind, commune, situations).
    type Key = (String, Option<String>, String);
    let mut lines: BTreeMap<(i64, String), BTreeMap<Key, Part>> = BTreeMap::new();
    let mut kept_days = Vec::with_capacity(raw.len());
    for day in raw {
        let line = lines
            .entry((day.site, grouping.period(day.day)))
            .or_default();
        for facet in &day.digest {
            let key = (
                facet.kind.clone(),
                facet.commune.clone(),
                facet.categories.clone(),
            );
            let part = line.entry(key).or_default();
            if part.values.is_empty() {
                part.values = dimension.values(facet);
                part.groups = dimension.groups(facet);
            }
            let f = facet.digest.activity();
            let makers = [f.makers, f.kept_makers];
            for (mine, theirs) in part.makers.iter_mut().zip(makers) {
                *mine = mine.merge(theirs);
            }
            part.people.extend(facet.digest.people.iter().map(|p| p.0));
        }
        kept_days.push(Day {
            site: day.site,
            day: day.day,
            digest: usage_day::kept(&day.digest, filter),
        });
    }
    let by_line = lines
        .into_iter()
        .map(|(line, parts)| {
            let parts: Vec<Part> = parts.into_values().collect();
            (line, filter_secrecy::publishable(&parts, k))
        })
        .collect();
    (kept_days, Lines { by_line })
}
