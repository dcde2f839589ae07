//! Which lines a filtered report may publish. A filter (one kind of space,
//! the residents of a commune or an EPCI, one situation) cuts a line into
//! the values of its dimension, and anyone may ask for each value in turn:
//! the cuts side by side, with the unfiltered line, add up and subtract.
//! So a filtered line publishes its bookings only when no value's bookings
//! are one person's, nor the bookings outside any value (each booking has
//! one value: situations count as the whole set a person declared); and
//! its people only when every group of people with the same values on the
//! line (desk only, desk and meeting room…) is none or at least k, so that
//! no sum or difference of counts gives a small group back. Whatever value is asked,
//! the answer is the same, so no two filtered reports differ by a secret
//! (a phone booth one person used is not "all minus desks minus rooms").

use std::collections::{BTreeSet, HashMap, HashSet};

use super::stats::Makers;

/// One part of a line (a kind of space, a commune and a set of situations)
/// as the rule needs it: the values of the filter's dimension it belongs
/// to (several for situations), who made its bookings, who came.
#[derive(Debug, Default, Clone)]
pub struct Part {
    pub values: Vec<String>,
    /// What people are grouped by: the values, or finer ones (an EPCI's
    /// parts by commune, since the residence table counts communes).
    pub groups: Vec<String>,
    /// Who made its bookings: all of them, and the kept ones (the hours are
    /// theirs alone).
    pub makers: [Makers; 2],
    pub people: HashSet<i64>,
}

/// What a line made of these parts may publish through a filter (`k`: the
/// threshold for counts of people): its bookings and hours, its people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publishable {
    pub activity: bool,
    pub people: bool,
}

pub fn publishable(parts: &[Part], k: u64) -> Publishable {
    let values: BTreeSet<&String> = parts.iter().flat_map(|p| p.values.iter()).collect();
    let mut activity = true;
    for value in values {
        for which in 0..2 {
            let mut inside = Makers::Nobody;
            let mut rest = Makers::Nobody;
            for part in parts {
                if part.values.contains(value) {
                    inside = inside.merge(part.makers[which]);
                } else {
                    rest = rest.merge(part.makers[which]);
                }
            }
            activity &= !inside.lone() && !rest.lone();
        }
    }
    // People may be in several values (a desk one day, a meeting room the
    // next), and sums of values minus the whole then count the overlaps:
    // every group of people with the same values must be none or k.
    let mut values_of: HashMap<i64, BTreeSet<&String>> = HashMap::new();
    for part in parts {
        for person in &part.people {
            values_of
                .entry(*person)
                .or_default()
                .extend(part.groups.iter());
        }
    }
    let mut groups: HashMap<BTreeSet<&String>, u64> = HashMap::new();
    for values in values_of.into_values() {
        *groups.entry(values).or_default() += 1;
    }
    Publishable {
        activity,
        people: groups.values().all(|n| *n >= k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A part whose bookings `people` kept and `cancelling` cancelled.
    fn part_with_cancellations(value: &str, people: &[i64], cancelling: &[i64]) -> Part {
        let mut makers = [Makers::Nobody; 2];
        for p in people {
            makers[0].add(Some(*p));
            makers[1].add(Some(*p));
        }
        for p in cancelling {
            makers[0].add(Some(*p));
        }
        Part {
            values: vec![value.to_owned()],
            groups: vec![value.to_owned()],
            makers,
            people: people.iter().copied().collect(),
        }
    }

    fn part(value: &str, people: &[i64]) -> Part {
        part_with_cancellations(value, people, &[])
    }

    #[test]
    fn hours_one_person_kept_stay_hidden_when_another_only_cancelled() {
        let many: Vec<i64> = (1..=30).collect();
        // In the booths, 7 kept and 8 cancelled: the booths' hours are 7's.
        let line = [
            part("desk", &many),
            part_with_cancellations("phone_booth", &[7], &[8]),
        ];
        assert!(!publishable(&line, 11).activity);
        // Outside the desks, too: 7 kept, 8 and 9 only cancelled.
        let line = [
            part_with_cancellations("desk", &[7], &[8, 9]),
            part("phone_booth", &many),
        ];
        assert!(!publishable(&line, 11).activity);
        let line = [
            part_with_cancellations("desk", &many, &[8, 9]),
            part_with_cancellations("phone_booth", &[7, 10], &[11, 12]),
        ];
        assert!(publishable(&line, 11).activity);
    }

    #[test]
    fn a_phone_booth_one_person_used_hides_the_bookings_of_every_kind() {
        let many: Vec<i64> = (1..=30).collect();
        let line = [
            part("desk", &many),
            part("meeting_room", &[1, 2, 3]),
            part("phone_booth", &[7]),
        ];
        let line = publishable(&line, 11);
        assert!(
            !line.activity,
            "all minus desks minus rooms would be the booth"
        );
        assert!(!line.people, "three people in the meeting room");
        // Two people in the booth: bookings may show, people may not.
        let line = publishable(&[part("desk", &many), part("phone_booth", &[7, 8])], 11);
        assert_eq!(
            line,
            Publishable {
                activity: true,
                people: false
            }
        );
    }

    #[test]
    fn people_in_two_values_are_a_group_of_their_own() {
        // 25 at a desk, 16 in a meeting room, 40 in all: one used both.
        let desks: Vec<i64> = (1..=25).collect();
        let rooms: Vec<i64> = (25..=40).collect();
        let line = [part("desk", &desks), part("meeting_room", &rooms)];
        assert!(!publishable(&line, 11).people);
    }

    #[test]
    fn by_epci_people_are_grouped_by_commune() {
        // One EPCI, two communes; one person lived in both this month:
        // the residence table adds communes up, so "EPCI lines minus the
        // filtered EPCI" would be that one person.
        let mut first = part("E1", &(1..=14).collect::<Vec<_>>());
        first.groups = vec!["C1".to_owned()];
        let mut second = part("E1", &(14..=25).collect::<Vec<_>>());
        second.groups = vec!["C2".to_owned()];
        assert!(!publishable(&[first, second], 11).people);
    }

    #[test]
    fn a_small_commune_hides_the_people_of_every_commune_of_the_line() {
        let big: Vec<i64> = (1..=20).collect();
        let line = [part("48095", &big), part("48061", &[100, 101, 102])];
        assert!(!publishable(&line, 11).people);
        let many: Vec<i64> = (100..115).collect();
        let line = [part("48095", &big), part("48061", &many)];
        assert!(publishable(&line, 11).people);
    }

    proptest! {
        /// Whatever the parts, a published line gives no secret by
        /// subtraction: every value's bookings and the rest are several
        /// people's, every value's people and the people outside it are
        /// none or at least k.
        #[test]
        fn nothing_secret_can_be_subtracted_from_a_published_line(
            people in prop::collection::vec((0usize..4, 0i64..40, any::<bool>()), 1..60),
            k in 5u64..12,
        ) {
            let values = ["desk", "meeting_room", "phone_booth", "48095"];
            let parts: Vec<Part> = (0..4)
                .map(|v| {
                    let who = |cancelled: bool| -> Vec<i64> {
                        people
                            .iter()
                            .filter(|(p, _, c)| *p == v && *c == cancelled)
                            .map(|(_, id, _)| *id)
                            .collect()
                    };
                    part_with_cancellations(values[v], &who(false), &who(true))
                })
                .collect();
            let line = publishable(&parts, k);
            let everyone: HashSet<i64> = people.iter().filter(|(_, _, c)| !c).map(|(_, id, _)| *id).collect();
            for p in parts.iter().filter(|p| !p.people.is_empty()) {
                if line.people {
                    prop_assert!(p.people.len() as u64 >= k);
                    let outside = everyone.difference(&p.people).count() as u64;
                    prop_assert!(outside == 0 || outside >= k);
                    // Every overlap with another value too.
                    for other in &parts {
                        let both = p.people.intersection(&other.people).count() as u64;
                        prop_assert!(both == 0 || both >= k);
                    }
                }
            }
            if line.activity {
                // All bookings, and kept ones (hours).
                for which in 0..2 {
                    for (i, p) in parts.iter().enumerate() {
                        let mut rest = Makers::Nobody;
                        for (j, other) in parts.iter().enumerate() {
                            if j != i {
                                rest = rest.merge(other.makers[which]);
                            }
                        }
                        prop_assert!(!p.makers[which].lone());
                        if p.makers[0] != Makers::Nobody {
                            prop_assert!(!rest.lone());
                        }
                    }
                }
            }
        }
    }
}
