//! Who the people of a report are, counted once each: where they live (by
//! EPCI and commune) and the situation they declared, with the statistical
//! secrecy of `secrecy.rs` applied to the whole table at once.
//!
//! People who deleted their account are no longer told apart: they come as
//! tallies per site and month (see `app::stats::keep_erased_person_counted`)
//! and are added as they are, so one of them who came in two months of the
//! report counts twice in these lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::secrecy::{self, PeopleRule, Sum};

/// A booking counted in the report, as the breakdown needs it.
pub struct Counted<'a> {
    pub person: i64,
    pub commune: Option<&'a str>,
    /// The person's situations when they booked, as JSON (`["student"]`).
    pub categories: &'a str,
}

/// What is known of erased people: their number, and their tallies by
/// commune ("commune", insee) and by category ("category", name or "").
#[derive(Default)]
pub struct Erased {
    pub people: u64,
    pub by: Vec<(String, String, u64)>,
}

/// The counts before secrecy.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    pub people: u64,
    /// By commune of residence (`None`: not said).
    pub communes: BTreeMap<Option<String>, u64>,
    /// By category (`None`: none declared).
    pub categories: BTreeMap<Option<String>, u64>,
}

/// Counts distinct living people and adds the erased ones.
pub fn count<'a>(counted: impl IntoIterator<Item = Counted<'a>>, erased: &Erased) -> Counts {
    let mut people = BTreeSet::new();
    let mut communes: BTreeMap<Option<String>, BTreeSet<i64>> = BTreeMap::new();
    let mut categories: BTreeMap<Option<String>, BTreeSet<i64>> = BTreeMap::new();
    // Read once per distinct text: a year of a network repeats a few
    // residences a million times.
    let mut declared_of: HashMap<&str, Vec<Option<String>>> = HashMap::new();
    for c in counted {
        people.insert(c.person);
        communes
            .entry(c.commune.map(str::to_owned))
            .or_default()
            .insert(c.person);
        let declared = declared_of.entry(c.categories).or_insert_with(|| {
            let declared: Vec<String> = serde_json::from_str(c.categories).unwrap_or_default();
            match declared.is_empty() {
                true => vec![None],
                false => declared.into_iter().map(Some).collect(),
            }
        });
        for category in declared.iter() {
            categories
                .entry(category.clone())
                .or_default()
                .insert(c.person);
        }
    }
    let mut counts = Counts {
        people: people.len() as u64 + erased.people,
        communes: size(communes),
        categories: size(categories),
    };
    for (dimension, value, people) in &erased.by {
        let key = (!value.is_empty()).then(|| value.clone());
        let line = match dimension.as_str() {
            "commune" => counts.communes.entry(key),
            "category" => counts.categories.entry(key),
            _ => continue,
        };
        *line.or_default() += people;
    }
    counts
}

fn size<K: Ord>(sets: BTreeMap<K, BTreeSet<i64>>) -> BTreeMap<K, u64> {
    sets.into_iter()
        .map(|(key, set)| (key, set.len() as u64))
        .collect()
}

/// A commune as the breakdown names it.
pub struct Place {
    pub name: String,
    pub epci: Option<String>,
}

/// One published line: the count, or `None` when it is kept secret.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub key: Option<String>,
    pub name: String,
    /// For a commune, its EPCI.
    pub epci: Option<String>,
    pub is_epci: bool,
    pub people: Option<u64>,
}

/// The counts as they may be published.
#[derive(Debug, PartialEq)]
pub struct Published {
    pub people: Option<u64>,
    /// EPCI lines each followed by their communes, by name; communes of no
    /// EPCI; then people who did not say (`key` `None`).
    pub residence: Vec<Line>,
    pub categories: Vec<Line>,
}

/// Applies statistical secrecy to the counts as one table: the total is the
/// sum of the EPCIs, the communes of no EPCI and the unknown; each EPCI the
/// sum of its communes; the total also the sum of the categories (exactly
/// when everyone declared one situation at most, which is the usual case,
/// and treated so for safety).
pub fn publish(
    counts: &Counts,
    places: &HashMap<String, Place>,
    epci_names: &HashMap<String, String>,
    k: u64,
) -> Published {
    // Cells: 0 the total, then the lines in the order they are shown.
    let mut values = vec![counts.people];
    let mut lines: Vec<Line> = Vec::new();
    let mut sums = Vec::new();
    let mut total_parts = Vec::new();

    // (EPCI name, code) → its communes as (name, INSEE, people).
    type Communes = Vec<(String, String, u64)>;
    let mut by_epci: BTreeMap<(String, String), Communes> = BTreeMap::new();
    let mut alone: Vec<(String, Option<String>, u64)> = Vec::new();
    for (insee, people) in &counts.communes {
        let place = insee.as_ref().and_then(|i| places.get(i));
        match (insee, place.and_then(|p| p.epci.clone())) {
            (Some(insee), Some(epci)) => {
                let name = epci_names
                    .get(&epci)
                    .cloned()
                    .unwrap_or_else(|| epci.clone());
                let commune = place.map_or_else(|| insee.clone(), |p| p.name.clone());
                by_epci
                    .entry((name, epci))
                    .or_default()
                    .push((commune, insee.clone(), *people));
            }
            (insee, _) => {
                let name =
                    place.map_or_else(|| insee.clone().unwrap_or_default(), |p| p.name.clone());
                alone.push((name, insee.clone(), *people));
            }
        }
    }
    // Adds a line and its cell; the cell's index (the total is cell 0).
    fn push(values: &mut Vec<u64>, lines: &mut Vec<Line>, line: Line, people: u64) -> usize {
        values.push(people);
        lines.push(line);
        values.len() - 1
    }
    for ((name, epci), mut communes) in by_epci {
        communes.sort();
        let total: u64 = communes.iter().map(|c| c.2).sum();
        let line = Line {
            key: Some(epci.clone()),
            name,
            epci: None,
            is_epci: true,
            people: None,
        };
        let whole = push(&mut values, &mut lines, line, total);
        total_parts.push(whole);
        let parts = communes
            .into_iter()
            .map(|(name, insee, people)| {
                let line = Line {
                    key: Some(insee),
                    name,
                    epci: Some(epci.clone()),
                    is_epci: false,
                    people: None,
                };
                push(&mut values, &mut lines, line, people)
            })
            .collect();
        sums.push(Sum { whole, parts });
    }
    // Communes of no EPCI by name, then the unknown last.
    alone.sort_by(|a, b| (a.1.is_none(), &a.0).cmp(&(b.1.is_none(), &b.0)));
    for (name, insee, people) in alone {
        let line = Line {
            key: insee,
            name,
            epci: None,
            is_epci: false,
            people: None,
        };
        total_parts.push(push(&mut values, &mut lines, line, people));
    }
    let residence_lines = lines.len();
    let mut category_parts = Vec::new();
    for (category, people) in &counts.categories {
        let line = Line {
            key: category.clone(),
            name: category.clone().unwrap_or_default(),
            epci: None,
            is_epci: false,
            people: None,
        };
        category_parts.push(push(&mut values, &mut lines, line, *people));
    }
    sums.push(Sum {
        whole: 0,
        parts: total_parts,
    });
    sums.push(Sum {
        whole: 0,
        parts: category_parts,
    });

    let mut cells = secrecy::people_cells(&values, k);
    secrecy::protect(&mut cells, &sums, &PeopleRule { k });
    let mut shown: Vec<(Line, &secrecy::Cell)> = Vec::new();
    for (mut line, cell) in lines.into_iter().zip(cells.iter().skip(1)) {
        line.people = (!cell.hidden).then_some(cell.value);
        shown.push((line, cell));
    }
    let categories = shown
        .split_off(residence_lines)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    Published {
        people: (!cells[0].hidden).then_some(cells[0].value),
        residence: group_hidden_communes(shown),
        categories,
    }
}

/// The name of the line that stands for an EPCI's hidden communes.
pub const OTHER_COMMUNES: &str = "Autres communes";

/// Each EPCI's hidden communes become one line, « Autres communes », named
/// nowhere, after its visible communes: a hidden line would still say that
/// someone from that small commune came. Their sum is what the EPCI minus
/// its visible communes gives anyway, and the secrecy rule keeps it at `k`
/// or more under a published EPCI, so it is published when the EPCI is.
fn group_hidden_communes(lines: Vec<(Line, &secrecy::Cell)>) -> Vec<Line> {
    struct Others {
        epci: String,
        people: u64,
        communes: usize,
        open: bool,
    }
    fn close(out: &mut Vec<Line>, others: Option<Others>) {
        if let Some(o) = others.filter(|o| o.communes > 0) {
            out.push(Line {
                key: None,
                name: OTHER_COMMUNES.to_owned(),
                epci: Some(o.epci),
                is_epci: false,
                people: o.open.then_some(o.people),
            });
        }
    }
    let mut out = Vec::new();
    let mut others: Option<Others> = None;
    for (line, cell) in lines {
        if line.is_epci {
            close(&mut out, others.take());
            others = Some(Others {
                epci: line.key.clone().unwrap_or_default(),
                people: 0,
                communes: 0,
                open: !cell.hidden,
            });
        } else if line.epci.is_some() && cell.hidden {
            if let Some(o) = others.as_mut() {
                o.people += cell.value;
                o.communes += 1;
                continue;
            }
        } else if line.epci.is_none() {
            close(&mut out, others.take());
        }
        out.push(line);
    }
    close(&mut out, others);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> HashMap<String, Place> {
        let place = |name: &str, epci: Option<&str>| Place {
            name: name.to_owned(),
            epci: epci.map(str::to_owned),
        };
        HashMap::from([
            ("48095".to_owned(), place("Mende", Some("E1"))),
            ("48021".to_owned(), place("Badaroux", Some("E1"))),
            ("48166".to_owned(), place("Saint-Chély", Some("E2"))),
            ("99999".to_owned(), place("Ailleurs", None)),
        ])
    }

    fn epcis() -> HashMap<String, String> {
        HashMap::from([
            ("E1".to_owned(), "Cœur de Lozère".to_owned()),
            ("E2".to_owned(), "Terres d'Apcher".to_owned()),
        ])
    }

    #[test]
    fn people_are_counted_once_by_commune_and_category() {
        let counted = [
            Counted {
                person: 1,
                commune: Some("48095"),
                categories: r#"["student"]"#,
            },
            Counted {
                person: 1,
                commune: Some("48095"),
                categories: r#"["student"]"#,
            },
            Counted {
                person: 2,
                commune: None,
                categories: "[]",
            },
        ];
        let erased = Erased {
            people: 1,
            by: vec![
                ("commune".into(), "48095".into(), 1),
                ("category".into(), "".into(), 1),
            ],
        };
        let counts = count(counted, &erased);
        assert_eq!(counts.people, 3);
        assert_eq!(counts.communes[&Some("48095".to_owned())], 2);
        assert_eq!(counts.communes[&None], 1);
        assert_eq!(counts.categories[&None], 2);
        assert_eq!(counts.categories[&Some("student".to_owned())], 1);
    }

    #[test]
    fn small_communes_are_hidden_and_cannot_be_worked_out() {
        let counts = Counts {
            people: 60,
            communes: BTreeMap::from([
                (Some("48095".to_owned()), 30),
                (Some("48021".to_owned()), 4),
                (Some("48166".to_owned()), 14),
                (Some("99999".to_owned()), 12),
            ]),
            categories: BTreeMap::from([(None, 60)]),
        };
        let published = publish(&counts, &places(), &epcis(), 11);
        let shown: Vec<(&str, Option<u64>)> = published
            .residence
            .iter()
            .map(|l| (l.name.as_str(), l.people))
            .collect();
        // Badaroux (4) is hidden, so Mende is too (or Cœur de Lozère minus
        // Mende would give 4); Cœur de Lozère stays, as 34 hides no one. The
        // two hidden communes are one line that names neither.
        assert_eq!(
            shown,
            [
                ("Cœur de Lozère", Some(34)),
                (OTHER_COMMUNES, Some(34)),
                ("Terres d'Apcher", Some(14)),
                ("Saint-Chély", Some(14)),
                ("Ailleurs", Some(12)),
            ]
        );
        assert_eq!(published.people, Some(60));
    }

    proptest::proptest! {
        /// Whatever the counts: a published count is never under k, no
        /// commune of an EPCI is listed hidden (it is in « Autres communes »),
        /// and an EPCI's lines add up to it when it is published.
        #[test]
        fn hidden_communes_of_an_epci_are_never_named(
            mende in 1u64..60, badaroux in 1u64..60, saint_chely in 1u64..60, k in 5u64..15,
        ) {
            let total = mende + badaroux + saint_chely;
            let counts = Counts {
                people: total,
                communes: BTreeMap::from([
                    (Some("48095".to_owned()), mende),
                    (Some("48021".to_owned()), badaroux),
                    (Some("48166".to_owned()), saint_chely),
                ]),
                categories: BTreeMap::from([(None, total)]),
            };
            let published = publish(&counts, &places(), &epcis(), k);
            let mut epci_sum: Option<(Option<u64>, u64)> = None;
            for line in &published.residence {
                if let Some(n) = line.people {
                    proptest::prop_assert!(n >= k, "{line:?}");
                }
                if line.is_epci {
                    if let Some((Some(whole), sum)) = epci_sum.take() {
                        proptest::prop_assert_eq!(whole, sum);
                    }
                    epci_sum = Some((line.people, 0));
                } else if line.epci.is_some() {
                    proptest::prop_assert!(
                        line.key.is_none() || line.people.is_some(),
                        "a hidden commune is named: {line:?}"
                    );
                    if let Some((_, sum)) = epci_sum.as_mut() {
                        *sum += line.people.unwrap_or(0);
                    }
                }
            }
            if let Some((Some(whole), sum)) = epci_sum {
                proptest::prop_assert_eq!(whole, sum);
            }
        }
    }
}
