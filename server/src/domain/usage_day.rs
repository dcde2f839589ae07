//! A site's local day as the statistics keep it: everything a report needs
//! of that day's bookings, and nothing more. Activity per kind of resource,
//! the heat map's hours, quota use per policy, each with who made it
//! (`Makers`: one person, or several), and the people who came, once each
//! with their residence then and their earliest start. Reports add days up
//! instead of reading bookings; every field adds up exactly, and people are
//! kept by id so that distinct counts over any span stay exact.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

mod packed_facets;
pub use packed_facets::{pack, unpack};

use super::quota_use::{self, Charge, Sum};
use super::stats::{self, Booked, Figures, HeatCell, Makers};

/// A booking of the day, with what the statistics say of it.
pub struct DayBooking<'a> {
    /// The booking's id (its quota charges name it).
    pub id: i64,
    pub booked: Booked,
    pub kind: &'a str,
    /// Where the person lived and what they declared when they booked.
    pub commune: Option<&'a str>,
    pub categories: &'a str,
}

/// One day of one site, summed up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DayDigest {
    /// Activity per kind of resource (people aside).
    #[serde(rename = "k", default)]
    pub kinds: BTreeMap<String, Figures>,
    /// The heat map's cells of the day: (hour, bookings, makers).
    #[serde(rename = "h", default)]
    pub hours: Vec<(u8, u64, Makers)>,
    /// Quota use per policy id.
    #[serde(rename = "q", default)]
    pub policies: BTreeMap<i64, Sum>,
    /// The residences met that day: (commune, declared situations).
    #[serde(rename = "r", default)]
    pub residences: Vec<(Option<String>, String)>,
    /// The people who came (a booking not cancelled): person, index into
    /// `residences`, earliest start (Unix seconds). Written as one text
    /// ("12.0.1798617600 15.1.1798621200"): a year of a network holds a
    /// million of them, and numbers in JSON arrays take longer to read.
    #[serde(rename = "p", default, with = "packed")]
    pub people: Vec<(i64, u32, i64)>,
}

/// People as one text: `person.residence.start` separated by spaces.
mod packed {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(people: &[(i64, u32, i64)], s: S) -> Result<S::Ok, S::Error> {
        use std::fmt::Write as _;
        let mut text = String::with_capacity(people.len() * 20);
        for (i, (person, residence, start)) in people.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let _ = write!(text, "{person}.{residence}.{start}");
        }
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(i64, u32, i64)>, D::Error> {
        // Borrowed: the text has nothing to unescape.
        let text = <&'de str>::deserialize(d)?;
        text.split_ascii_whitespace()
            .map(|entry| {
                let mut fields = entry.splitn(3, '.');
                let mut next = || fields.next().unwrap_or("");
                Some((
                    next().parse().ok()?,
                    next().parse().ok()?,
                    next().parse().ok()?,
                ))
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| serde::de::Error::custom("a person of a usage summary is misspelt"))
    }
}

impl DayDigest {
    /// The day's activity, all kinds together.
    pub fn activity(&self) -> Figures {
        let mut all = Figures::default();
        for f in self.kinds.values() {
            all.add_activity(f);
        }
        all
    }

    /// Whether the day holds nothing (its row can go).
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.policies.is_empty()
    }
}

/// Sums up the bookings of one local day of a site (`bookings`: those whose
/// local start is on `day`) and the quota charges of those bookings.
pub fn digest(
    zone: Tz,
    cancel_deadline_minutes: i64,
    day: NaiveDate,
    bookings: &[DayBooking],
    charges: &[Charge],
) -> DayDigest {
    let mut kinds: BTreeMap<String, Figures> = BTreeMap::new();
    let mut heat: BTreeMap<(u8, u8), HeatCell> = BTreeMap::new();
    let mut residences: Vec<(Option<String>, String)> = Vec::new();
    let mut residence_index: HashMap<(Option<&str>, &str), u32> = HashMap::new();
    let mut people: BTreeMap<(i64, u32), i64> = BTreeMap::new();
    let booked: Vec<Booked> = bookings.iter().map(|b| b.booked.clone()).collect();
    stats::add_heat(&mut heat, zone, &booked, day, day);
    for b in bookings {
        let f = kinds.entry(b.kind.to_owned()).or_default();
        f.count(&b.booked, cancel_deadline_minutes);
        let (Some(person), None) = (b.booked.person, b.booked.cancelled_at) else {
            continue;
        };
        let next = u32::try_from(residences.len()).unwrap_or(u32::MAX);
        let index = *residence_index
            .entry((b.commune, b.categories))
            .or_insert_with(|| {
                residences.push((b.commune.map(str::to_owned), b.categories.to_owned()));
                next
            });
        let start = b.booked.start.timestamp();
        let first = people.entry((person, index)).or_insert(start);
        *first = (*first).min(start);
    }
    DayDigest {
        kinds,
        hours: heat
            .into_iter()
            .map(|((_, hour), cell)| (hour, cell.bookings, cell.makers))
            .collect(),
        policies: quota_use::sums(charges),
        residences,
        people: people
            .into_iter()
            .map(|((person, index), first)| (person, index, first))
            .collect(),
    }
}

/// One part of a day: the bookings of one kind of resource by people of one
/// commune and one set of declared situations, summed up like a whole day.
/// Filtered reports add up the parts they keep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facet {
    #[serde(rename = "k")]
    pub kind: String,
    #[serde(rename = "c")]
    pub commune: Option<String>,
    /// The situations as JSON (`["student"]`), as the booking keeps them.
    #[serde(rename = "s")]
    pub categories: String,
    #[serde(rename = "d")]
    pub digest: DayDigest,
}

/// Splits a day's bookings into its parts (see `Facet`), each summed up.
pub fn facets(
    zone: Tz,
    cancel_deadline_minutes: i64,
    day: NaiveDate,
    bookings: &[DayBooking],
    charges: &[Charge],
) -> Vec<Facet> {
    let mut parts: BTreeMap<(&str, Option<&str>, &str), Vec<&DayBooking>> = BTreeMap::new();
    for b in bookings {
        parts
            .entry((b.kind, b.commune, b.categories))
            .or_default()
            .push(b);
    }
    parts
        .into_iter()
        .map(|((kind, commune, categories), list)| {
            let ids: HashSet<i64> = list.iter().map(|b| b.id).collect();
            let own: Vec<DayBooking> = list
                .iter()
                .map(|b| DayBooking {
                    id: b.id,
                    booked: b.booked.clone(),
                    kind: b.kind,
                    commune: b.commune,
                    categories: b.categories,
                })
                .collect();
            let own_charges: Vec<Charge> = charges
                .iter()
                .filter(|c| ids.contains(&c.booking))
                .cloned()
                .collect();
            Facet {
                kind: kind.to_owned(),
                commune: commune.map(str::to_owned),
                categories: categories.to_owned(),
                digest: digest(zone, cancel_deadline_minutes, day, &own, &own_charges),
            }
        })
        .collect()
}

/// What a filtered report keeps: bookings of one kind of resource, by
/// residents of some communes, by people who declared one situation (each
/// `None`: any).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub kind: Option<String>,
    pub communes: Option<HashSet<String>>,
    pub category: Option<String>,
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.kind.is_none() && self.communes.is_none() && self.category.is_none()
    }

    /// Whether the filter keeps the bookings of this part.
    pub fn keeps(&self, kind: &str, commune: Option<&str>, categories: &str) -> bool {
        let kind_kept = self.kind.as_deref().is_none_or(|k| k == kind);
        let commune_kept = self
            .communes
            .as_ref()
            .is_none_or(|communes| commune.is_some_and(|c| communes.contains(c)));
        let category_kept = self
            .category
            .as_deref()
            .is_none_or(|wanted| declares(categories, wanted));
        kind_kept && commune_kept && category_kept
    }
}

/// Whether situations written as JSON (`["job_seeker","student"]`) hold
/// `wanted`: a quoted word of the list (situations are plain ASCII words,
/// so no JSON parse is needed; a year of parts asks this a million times).
fn declares(categories: &str, wanted: &str) -> bool {
    let bytes = categories.as_bytes();
    categories.match_indices(wanted).any(|(at, _)| {
        let after = at + wanted.len();
        at > 0 && bytes[at - 1] == b'"' && bytes.get(after) == Some(&b'"')
    })
}

/// What the filter keeps of a day's parts, added up.
pub fn kept(facets: &[Facet], filter: &Filter) -> DayDigest {
    merge(
        facets
            .iter()
            .filter(|f| filter.keeps(&f.kind, f.commune.as_deref(), &f.categories))
            .map(|f| &f.digest),
    )
}

/// Days or parts of a day added up (each person once per residence, from
/// their earliest start).
pub fn merge<'a>(digests: impl IntoIterator<Item = &'a DayDigest>) -> DayDigest {
    let mut kinds: BTreeMap<String, Figures> = BTreeMap::new();
    let mut hours: BTreeMap<u8, (u64, Makers)> = BTreeMap::new();
    let mut policies: BTreeMap<i64, Sum> = BTreeMap::new();
    let mut residences: Vec<(Option<String>, String)> = Vec::new();
    let mut residence_at: HashMap<(Option<&str>, &str), u32> = HashMap::new();
    let mut people: BTreeMap<(i64, u32), i64> = BTreeMap::new();
    for d in digests {
        for (kind, f) in &d.kinds {
            kinds.entry(kind.clone()).or_default().add_activity(f);
        }
        for (hour, bookings, makers) in &d.hours {
            let cell = hours.entry(*hour).or_default();
            cell.0 += bookings;
            cell.1 = cell.1.merge(*makers);
        }
        for (policy, sum) in &d.policies {
            policies.entry(*policy).or_default().add(sum);
        }
        let index: Vec<u32> = d
            .residences
            .iter()
            .map(|(commune, categories)| {
                let next = u32::try_from(residences.len()).unwrap_or(u32::MAX);
                *residence_at
                    .entry((commune.as_deref(), categories.as_str()))
                    .or_insert_with(|| {
                        residences.push((commune.clone(), categories.clone()));
                        next
                    })
            })
            .collect();
        for (person, residence, start) in &d.people {
            let Some(at) = usize::try_from(*residence).ok().and_then(|r| index.get(r)) else {
                continue;
            };
            let first = people.entry((*person, *at)).or_insert(*start);
            *first = (*first).min(*start);
        }
    }
    DayDigest {
        kinds,
        hours: hours
            .into_iter()
            .map(|(hour, (bookings, makers))| (hour, bookings, makers))
            .collect(),
        policies,
        residences,
        people: people
            .into_iter()
            .map(|((person, residence), first)| (person, residence, first))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn booking<'a>(person: Option<i64>, start: &str, end: &str, kind: &'a str) -> DayBooking<'a> {
        DayBooking {
            id: 0,
            booked: Booked {
                person,
                resource: 1,
                start: at(start),
                end: at(end),
                cancelled_at: None,
                no_show: false,
                beyond_quota: false,
            },
            kind,
            commune: Some("48095"),
            categories: "[]",
        }
    }

    #[test]
    fn a_day_keeps_its_figures_makers_and_people_once() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let mut cancelled = booking(
            Some(3),
            "2027-01-04T14:00:00+01:00",
            "2027-01-04T15:00:00+01:00",
            "desk",
        );
        cancelled.booked.cancelled_at = Some(at("2027-01-04T13:30:00+01:00"));
        let bookings = [
            booking(
                Some(1),
                "2027-01-04T09:00:00+01:00",
                "2027-01-04T12:00:00+01:00",
                "desk",
            ),
            booking(
                Some(1),
                "2027-01-04T13:00:00+01:00",
                "2027-01-04T14:00:00+01:00",
                "desk",
            ),
            booking(
                None,
                "2027-01-04T09:00:00+01:00",
                "2027-01-04T10:00:00+01:00",
                "meeting_room",
            ),
            cancelled,
        ];
        let charges = [
            Charge {
                policy: 7,
                person: Some(1),
                units: 1,
                booking: 10,
            },
            Charge {
                policy: 7,
                person: Some(1),
                units: 1,
                booking: 11,
            },
            Charge {
                policy: 7,
                person: Some(1),
                units: -1,
                booking: 11,
            },
        ];
        let d = digest(chrono_tz::Europe::Paris, 60, day, &bookings, &charges);
        let desk = &d.kinds["desk"];
        assert_eq!(
            (desk.bookings, desk.cancellations, desk.late_cancellations),
            (3, 1, 1)
        );
        assert_eq!(desk.booked_minutes, 4 * 60);
        assert_eq!(desk.makers, Makers::Several);
        assert_eq!(d.kinds["meeting_room"].makers, Makers::Anonymous);
        assert_eq!(d.activity().bookings, 4);
        // Hour 9: person 1 and a deleted account; hour 13: person 1 alone.
        assert!(d.hours.contains(&(9, 2, Makers::Several)));
        assert!(d.hours.contains(&(13, 1, Makers::One(1))));
        // Person 1 once, from their earliest start; nobody else came.
        assert_eq!(d.people.len(), 1);
        assert_eq!(d.people[0].0, 1);
        assert_eq!(d.people[0].2, at("2027-01-04T09:00:00+01:00").timestamp());
        assert_eq!(d.residences, [(Some("48095".to_owned()), "[]".to_owned())]);
        // One unit kept, one refunded: one booking still costs, one person.
        let policy = d.policies[&7];
        assert_eq!(
            (policy.units, policy.bookings, policy.makers),
            (1, 1, Makers::One(1))
        );
        // And it survives storage.
        let text = serde_json::to_string(&d).unwrap();
        let back: DayDigest = serde_json::from_str(&text).unwrap();
        assert_eq!(back.kinds["desk"].bookings, 3);
        assert_eq!(back.people, d.people);
        assert_eq!(back.policies, d.policies);
    }

    #[test]
    fn makers_merge_like_the_sets_they_stand_for() {
        use Makers::*;
        assert_eq!(One(1).merge(One(1)), One(1));
        assert_eq!(One(1).merge(One(2)), Several);
        assert_eq!(Anonymous.merge(Anonymous), Anonymous);
        assert_eq!(Anonymous.merge(One(2)), Several);
        assert_eq!(Nobody.merge(One(2)), One(2));
        assert!(One(1).alone(0) && !One(1).alone(1));
        assert!(Anonymous.alone(1) && !Anonymous.alone(2));
        assert!(Nobody.alone(1) && !Nobody.alone(0));
        for m in [Nobody, One(42), Anonymous, Several] {
            assert_eq!(Makers::from(i64::from(m)), m);
        }
    }

    #[test]
    fn a_days_parts_add_up_to_the_day_and_a_filter_keeps_its_own() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let mut bookings = Vec::new();
        for (id, (person, kind, commune, categories)) in [
            (1, "desk", "48095", "[\"student\"]"),
            (2, "desk", "48095", "[]"),
            (2, "meeting_room", "48095", "[]"),
            (3, "desk", "48061", "[\"student\",\"job_seeker\"]"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut b = booking(
                Some(person),
                "2027-01-04T09:00:00+01:00",
                "2027-01-04T12:00:00+01:00",
                kind,
            );
            b.id = id as i64;
            b.commune = Some(commune);
            b.categories = categories;
            bookings.push(b);
        }
        let charges = [Charge {
            policy: 7,
            person: Some(1),
            units: 1,
            booking: 0,
        }];
        let whole = digest(chrono_tz::Europe::Paris, 60, day, &bookings, &charges);
        let parts = facets(chrono_tz::Europe::Paris, 60, day, &bookings, &charges);
        assert_eq!(parts.len(), 4);
        // Stored as text and read back, the parts are the same.
        let json = |parts: &[Facet]| serde_json::to_string(parts).unwrap();
        assert_eq!(unpack(&pack(&parts)).map(|p| json(&p)), Some(json(&parts)));
        assert_eq!(unpack("desk|48095|[]|1,2"), None);
        let all = merge(parts.iter().map(|f| &f.digest));
        // As stored (a day's people are kept apart, not in its kinds).
        let stored = |d: &DayDigest| serde_json::to_string(&(&d.kinds, &d.hours, &d.policies));
        assert_eq!(stored(&all).unwrap(), stored(&whole).unwrap());
        assert_eq!(all.people.len(), whole.people.len());

        let students = Filter {
            category: Some("student".to_owned()),
            ..Filter::default()
        };
        // The rest: the parts the filter leaves.
        let split = |filter: &Filter| {
            let rest = parts
                .iter()
                .filter(|f| !filter.keeps(&f.kind, f.commune.as_deref(), &f.categories))
                .map(|f| &f.digest);
            (kept(&parts, filter), merge(rest))
        };
        let (kept, rest) = split(&students);
        let people = |d: &DayDigest| d.people.iter().map(|p| p.0).collect::<Vec<_>>();
        assert_eq!(people(&kept), [1, 3]);
        assert_eq!(people(&rest), [2]);
        assert_eq!(kept.policies[&7].units, 1);
        assert!(rest.policies.is_empty());

        let desks_of_mende = Filter {
            kind: Some("desk".to_owned()),
            communes: Some(HashSet::from(["48095".to_owned()])),
            category: None,
        };
        let (kept, rest) = split(&desks_of_mende);
        assert_eq!(people(&kept), [1, 2]);
        assert_eq!(kept.activity().bookings, 2);
        assert_eq!(rest.activity().bookings, 2);
        assert!(Filter::default().is_empty() && !desks_of_mende.is_empty());
    }

    #[test]
    fn a_situation_is_one_word_of_the_list() {
        assert!(declares(r#"["job_seeker","student"]"#, "student"));
        assert!(declares(r#"["student"]"#, "student"));
        assert!(!declares(r#"["job_seeker"]"#, "seeker"));
        assert!(!declares("[]", "student"));
    }
}
