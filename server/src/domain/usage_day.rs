//! A site's local day as the statistics keep it: everything a report needs
//! of that day's bookings, and nothing more. Activity per kind of resource,
//! the heat map's hours, quota use per policy, each with who made it
//! (`Makers`: one person, or several), and the people who came, once each
//! with their residence then and their earliest start. Reports add days up
//! instead of reading bookings; every field adds up exactly, and people are
//! kept by id so that distinct counts over any span stay exact.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::quota_use::{self, Charge, Sum};
use super::stats::{self, Booked, Figures, HeatCell, Makers};

/// A booking of the day, with what the statistics say of it.
pub struct DayBooking<'a> {
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
}
