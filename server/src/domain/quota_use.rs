//! How much of each free-access policy the bookings of a report used: the
//! quota ledger's charges, refunds and no-show costs of those bookings,
//! added up policy by policy. A policy one person alone used publishes
//! nothing but its name, like any line of one person's activity.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::stats::Makers;

/// One row of the quota ledger, for a booking of the report.
#[derive(Clone)]
pub struct Charge {
    pub policy: i64,
    /// `None` once the person deleted their account.
    pub person: Option<i64>,
    /// In the policy's units (half-days, or minutes for hours); a refund is
    /// negative.
    pub units: i64,
    pub booking: i64,
}

/// What one policy's charges add up to.
#[derive(Debug, PartialEq)]
pub struct Used {
    pub policy: i64,
    /// `None` when one person alone made them.
    pub units: Option<i64>,
    /// Bookings that still cost something (a refunded one costs nothing).
    pub bookings: Option<u64>,
}

/// One policy's charges over some bookings, before secrecy: what a day's
/// summary keeps, and what days add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Sum {
    #[serde(rename = "u")]
    pub units: i64,
    /// Bookings whose charges still cost something (a refunded one costs nothing).
    #[serde(rename = "b")]
    pub bookings: u64,
    #[serde(rename = "w")]
    pub makers: Makers,
}

impl Sum {
    pub fn add(&mut self, other: &Sum) {
        self.units += other.units;
        self.bookings += other.bookings;
        self.makers = self.makers.merge(other.makers);
    }
}

/// The charges added up per policy. A booking's charges are all on its
/// day, so sums of days are sums of bookings.
pub fn sums(charges: &[Charge]) -> BTreeMap<i64, Sum> {
    let mut per_booking: BTreeMap<(i64, i64), i64> = BTreeMap::new();
    let mut sums: BTreeMap<i64, Sum> = BTreeMap::new();
    for c in charges {
        let sum = sums.entry(c.policy).or_default();
        sum.units += c.units;
        sum.makers.add(c.person);
        *per_booking.entry((c.policy, c.booking)).or_default() += c.units;
    }
    for ((policy, _), units) in per_booking {
        if units > 0 {
            sums.entry(policy).or_default().bookings += 1;
        }
    }
    sums
}

/// The sums as published, by policy id: deleted accounts are at least one
/// more person, how many is not known, so a policy's figures are published
/// only when two people at least are sure to have made them.
pub fn publish(sums: &BTreeMap<i64, Sum>) -> Vec<Used> {
    sums.iter()
        .map(|(policy, sum)| {
            let open = sum.makers.several();
            Used {
                policy: *policy,
                units: open.then_some(sum.units),
                bookings: open.then_some(sum.bookings),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charge(policy: i64, person: Option<i64>, units: i64, booking: i64) -> Charge {
        Charge {
            policy,
            person,
            units,
            booking,
        }
    }

    #[test]
    fn charges_refunds_and_no_shows_add_up_per_policy() {
        let used = publish(&sums(&[
            charge(1, Some(10), 2, 100),
            charge(1, Some(11), 2, 101),
            // Cancelled in time: refunded, it costs nothing.
            charge(1, Some(11), 2, 102),
            charge(1, Some(11), -2, 102),
            // A no-show costs one more half-day.
            charge(1, Some(10), 1, 100),
            // Policy 2: one person alone.
            charge(2, Some(10), 4, 100),
            // Policy 3: a deleted account and a living person.
            charge(3, None, 2, 103),
            charge(3, Some(12), 2, 104),
            // Policy 4: deleted accounts only (one or more: not known).
            charge(4, None, 2, 105),
        ]));
        assert_eq!(
            used,
            [
                Used {
                    policy: 1,
                    units: Some(5),
                    bookings: Some(2)
                },
                Used {
                    policy: 2,
                    units: None,
                    bookings: None
                },
                Used {
                    policy: 3,
                    units: Some(4),
                    bookings: Some(2)
                },
                Used {
                    policy: 4,
                    units: None,
                    bookings: None
                },
            ]
        );
    }
}
