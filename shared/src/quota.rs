//! The quota arithmetic, one rule for both sides: the server enforces it in
//! the booking's transaction, the browser previews it before the person
//! confirms. No I/O: what a person has used comes in as a function.
//!
//! Units. Days and half-days are counted in half-days (a morning or an
//! afternoon is one, a booking that runs across 13:00 local time is two);
//! hours are counted in minutes.
//!
//! Which policy pays, when several apply: they are put in order, most
//! specific first (policies for given sites before network-wide ones, then
//! policies for given people before those for everyone, then the oldest),
//! and the first one with enough left pays. When none has enough left, the
//! booking is accepted as paid ("hors quota") if one of them allows it, and
//! refused otherwise.

use crate::ClockTime;
use crate::api::{
    BeyondQuota, Category, Eligibility, QuotaMeasure, QuotaPeriod, QuotaPolicy, QuotaPolicyInput,
};
use crate::calendar::Day;
use crate::error::codes;
use crate::ids::{PolicyId, SiteId};
use crate::site_checks::Problem;
use crate::slots::NOON_SPLIT;

/// Who is booking, as far as policies care: the commune that counts for the
/// policy's period (a change counts from the next period) and the
/// categories, each as declared and as confirmed by someone who saw a proof.
#[derive(Debug, Clone, Copy)]
pub struct Person<'a> {
    pub commune: Option<&'a str>,
    pub epci: Option<&'a str>,
    pub commune_confirmed: bool,
    pub categories: &'a [Category],
    pub confirmed_categories: &'a [Category],
}

pub fn applies(policy: &QuotaPolicyInput, person: &Person<'_>, site: SiteId) -> bool {
    (policy.sites.is_empty() || policy.sites.contains(&site)) && concerns(policy, person)
}

/// Whether the policy is for this person, at one site of the network at least.
pub fn concerns(policy: &QuotaPolicyInput, person: &Person<'_>) -> bool {
    let proof_needed = policy.eligibility() == Eligibility::Confirmed;
    let lives_there = (policy.communes.is_empty() && policy.epcis.is_empty())
        || ((person
            .commune
            .is_some_and(|c| policy.communes.iter().any(|p| p == c))
            || person
                .epci
                .is_some_and(|e| policy.epcis.iter().any(|p| p == e)))
            && (person.commune_confirmed || !proof_needed));
    let categories = if proof_needed {
        person.confirmed_categories
    } else {
        person.categories
    };
    let in_category =
        policy.categories.is_empty() || policy.categories.iter().any(|c| categories.contains(c));
    lives_there && in_category
}

/// The policies that apply, in the order that decides which one pays.
pub fn ordered<'p>(
    policies: &'p [QuotaPolicy],
    person: &Person<'_>,
    site: SiteId,
) -> Vec<&'p QuotaPolicy> {
    let mut applying: Vec<&QuotaPolicy> = policies
        .iter()
        .filter(|p| applies(&p.settings, person, site))
        .collect();
    applying.sort_by_key(|p| rank_key(p));
    applying
}

/// Most specific first: given sites before the whole network, given people
/// before everyone, then the oldest policy.
pub fn rank_key(policy: &QuotaPolicy) -> (bool, bool, PolicyId) {
    let s = &policy.settings;
    let for_everyone = s.communes.is_empty() && s.epcis.is_empty() && s.categories.is_empty();
    (s.sites.is_empty(), for_everyone, policy.id)
}

/// The first day of the period that holds `day`.
pub fn period_start(period: QuotaPeriod, day: Day) -> Day {
    match period {
        QuotaPeriod::Week => day.plus_days(-i64::from(day.weekday() - 1)),
        QuotaPeriod::Month => day.first_of_month(),
        QuotaPeriod::Year => Day {
            month: 1,
            day: 1,
            ..day
        },
    }
}

/// The first day of the next period: when the quota renews.
pub fn renews_on(period: QuotaPeriod, day: Day) -> Day {
    let start = period_start(period, day);
    match period {
        QuotaPeriod::Week => start.plus_days(7),
        QuotaPeriod::Month => start.first_of_next_month(),
        QuotaPeriod::Year => Day {
            year: start.year + 1,
            ..start
        },
    }
}

/// What a booking of [start, end) local time costs, in units.
pub fn cost(measure: QuotaMeasure, start: ClockTime, end: ClockTime) -> u32 {
    match measure {
        QuotaMeasure::Days | QuotaMeasure::HalfDays => {
            if start < NOON_SPLIT && end > NOON_SPLIT {
                2
            } else {
                1
            }
        }
        QuotaMeasure::Hours => u32::from(end.minutes().saturating_sub(start.minutes())),
    }
}

/// How many units one of the measure's unit is.
pub fn units_per(measure: QuotaMeasure) -> u32 {
    match measure {
        QuotaMeasure::Days => 2,
        QuotaMeasure::HalfDays => 1,
        QuotaMeasure::Hours => 60,
    }
}

/// An amount in the measure's unit (4 days) as units (8 half-days).
pub fn to_units(measure: QuotaMeasure, amount: i64) -> u32 {
    u32::try_from(amount.max(0))
        .unwrap_or(u32::MAX)
        .saturating_mul(units_per(measure))
}

/// Units back in the measure's unit: 7 half-days are 3.5 days.
pub fn in_measure(measure: QuotaMeasure, units: u32) -> f64 {
    f64::from(units) / f64::from(units_per(measure))
}

pub fn allowance_units(policy: &QuotaPolicyInput) -> Option<u32> {
    policy.allowance.map(|a| to_units(policy.measure, a))
}

/// What the booking would do to the person's quotas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// No policy applies: nothing to count.
    Free,
    /// Charged to this policy's period.
    Charge {
        policy: PolicyId,
        version: u32,
        amount: u32,
        period_start: Day,
        /// What is left in that period after this booking; `None`: unlimited.
        left_after: Option<u32>,
    },
    /// Beyond every quota, accepted as paid ("hors quota").
    Paid { policy: PolicyId },
    /// Beyond every quota: refused. What the first policy has left, and when it renews.
    Refused {
        policy: PolicyId,
        left: u32,
        cost: u32,
        renews_on: Day,
    },
}

/// Decides who pays for a booking on local `day` from `start` to `end`,
/// given the applicable policies in order and what the person has used in a
/// policy's period (`used(policy, period_start)`, in units).
pub fn decide(
    ordered: &[&QuotaPolicy],
    used: impl Fn(PolicyId, Day) -> u32,
    day: Day,
    start: ClockTime,
    end: ClockTime,
) -> Decision {
    let Some(first) = ordered.first() else {
        return Decision::Free;
    };
    for policy in ordered {
        let s = &policy.settings;
        let amount = cost(s.measure, start, end);
        let period_start = period_start(s.period, day);
        let spent = used(policy.id, period_start);
        match allowance_units(s) {
            None => {
                return Decision::Charge {
                    policy: policy.id,
                    version: policy.version,
                    amount,
                    period_start,
                    left_after: None,
                };
            }
            Some(limit) if spent.saturating_add(amount) <= limit => {
                return Decision::Charge {
                    policy: policy.id,
                    version: policy.version,
                    amount,
                    period_start,
                    left_after: Some(limit - spent - amount),
                };
            }
            Some(_) => {}
        }
    }
    if let Some(paying) = ordered
        .iter()
        .find(|p| p.settings.beyond == BeyondQuota::Paid)
    {
        return Decision::Paid { policy: paying.id };
    }
    let s = &first.settings;
    let limit = allowance_units(s).unwrap_or(0);
    Decision::Refused {
        policy: first.id,
        left: limit.saturating_sub(used(first.id, period_start(s.period, day))),
        cost: cost(s.measure, start, end),
        renews_on: renews_on(s.period, day),
    }
}

/// What makes a policy valid (communes and EPCI are checked against the
/// database by the server).
pub fn check_policy(policy: &QuotaPolicyInput) -> Result<(), Problem> {
    if policy.name.trim().is_empty() {
        return Err(Problem {
            code: codes::INVALID_NAME,
            message: "A policy needs a name.",
        });
    }
    crate::text::POLICY_NAME.check(&policy.name)?;
    let amount = |message| {
        Err(Problem {
            code: codes::INVALID_AMOUNT,
            message,
        })
    };
    match policy.allowance {
        Some(a) if a <= 0 => {
            return amount("An allowance is at least 1; leave it empty for unlimited.");
        }
        Some(a) if a > 10_000 => return amount("An allowance is at most 10,000."),
        _ => {}
    }
    if !(0..=100).contains(&policy.no_show_cost) {
        return amount("A no-show costs between 0 and 100.");
    }
    if !(0..=60 * 24 * 30).contains(&policy.refund_deadline_minutes) {
        return amount("The refund deadline is between 0 minutes and 30 days.");
    }
    let well_formed = |code: &String, len: usize| {
        code.len() == len && code.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    if !policy.communes.iter().all(|c| well_formed(c, 5)) {
        return Err(Problem {
            code: codes::UNKNOWN_COMMUNE,
            message: "A commune is given by its 5-character INSEE code.",
        });
    }
    if !policy.epcis.iter().all(|c| well_formed(c, 9)) {
        return Err(Problem {
            code: codes::UNKNOWN_EPCI,
            message: "An EPCI is given by its 9-digit SIREN code.",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    fn at(h: u16, m: u16) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    fn acces_libre() -> QuotaPolicy {
        QuotaPolicy {
            id: PolicyId(1),
            version: 1,
            settings: QuotaPolicyInput {
                name: "Accès libre".into(),
                communes: vec![],
                epcis: vec![],
                categories: vec![],
                sites: vec![],
                measure: QuotaMeasure::Days,
                allowance: Some(4),
                period: QuotaPeriod::Month,
                refund_deadline_minutes: 24 * 60,
                no_show_cost: 0,
                beyond: BeyondQuota::Refuse,
                eligibility: None,
            },
        }
    }

    const FLORAC: Person<'static> = Person {
        commune: Some("48061"),
        epci: Some("200055374"),
        commune_confirmed: true,
        categories: &[Category::JobSeeker],
        confirmed_categories: &[Category::JobSeeker],
    };

    #[test]
    fn categories_count_once_confirmed_unless_the_policy_says_otherwise() {
        let mut job_seekers = acces_libre().settings;
        job_seekers.categories = vec![Category::JobSeeker];
        let declared_only = Person {
            confirmed_categories: &[],
            ..FLORAC
        };
        assert_eq!(job_seekers.eligibility(), Eligibility::Confirmed);
        assert!(concerns(&job_seekers, &FLORAC));
        assert!(!concerns(&job_seekers, &declared_only));
        job_seekers.eligibility = Some(Eligibility::Declared);
        assert!(concerns(&job_seekers, &declared_only));
    }

    #[test]
    fn a_commune_counts_once_confirmed_when_the_policy_asks_for_it() {
        let mut residents = acces_libre().settings;
        residents.communes = vec!["48061".into()];
        let unconfirmed = Person {
            commune_confirmed: false,
            ..FLORAC
        };
        assert_eq!(residents.eligibility(), Eligibility::Declared);
        assert!(concerns(&residents, &unconfirmed));
        residents.eligibility = Some(Eligibility::Confirmed);
        assert!(!concerns(&residents, &unconfirmed));
        assert!(concerns(&residents, &FLORAC));
        // A policy for everyone asks nothing to be confirmed.
        let mut everyone = acces_libre().settings;
        everyone.eligibility = Some(Eligibility::Confirmed);
        assert!(concerns(&everyone, &unconfirmed));
    }

    #[test]
    fn half_days_and_days() {
        assert_eq!(cost(QuotaMeasure::Days, at(8, 30), at(12, 30)), 1);
        assert_eq!(cost(QuotaMeasure::Days, at(13, 30), at(17, 30)), 1);
        assert_eq!(cost(QuotaMeasure::Days, at(13, 0), at(17, 30)), 1);
        assert_eq!(cost(QuotaMeasure::Days, at(8, 30), at(17, 30)), 2);
        assert_eq!(cost(QuotaMeasure::Hours, at(9, 0), at(10, 30)), 90);
        assert_eq!(in_measure(QuotaMeasure::Days, 7), 3.5);
    }

    #[test]
    fn periods_in_local_days() {
        let sunday = day("2027-03-28");
        assert_eq!(period_start(QuotaPeriod::Week, sunday), day("2027-03-22"));
        assert_eq!(renews_on(QuotaPeriod::Week, sunday), day("2027-03-29"));
        assert_eq!(period_start(QuotaPeriod::Month, sunday), day("2027-03-01"));
        assert_eq!(
            renews_on(QuotaPeriod::Month, day("2026-12-15")),
            day("2027-01-01")
        );
        assert_eq!(renews_on(QuotaPeriod::Year, sunday), day("2028-01-01"));
    }

    #[test]
    fn a_newcomer_has_four_days_and_a_half_day_costs_half() {
        let policies = [acces_libre()];
        let order = ordered(&policies, &FLORAC, SiteId(3));
        let decision = decide(&order, |_, _| 0, day("2026-12-03"), at(8, 30), at(12, 30));
        assert_eq!(
            decision,
            Decision::Charge {
                policy: PolicyId(1),
                version: 1,
                amount: 1,
                period_start: day("2026-12-01"),
                left_after: Some(7),
            }
        );
        let refused = decide(&order, |_, _| 7, day("2026-12-03"), at(8, 30), at(17, 30));
        assert_eq!(
            refused,
            Decision::Refused {
                policy: PolicyId(1),
                left: 1,
                cost: 2,
                renews_on: day("2027-01-01")
            }
        );
    }

    #[test]
    fn the_most_specific_policy_pays_first() {
        let mut job_seekers = acces_libre();
        job_seekers.id = PolicyId(2);
        job_seekers.settings.categories = vec![Category::JobSeeker];
        job_seekers.settings.epcis = vec!["200055374".into()];
        job_seekers.settings.allowance = None;
        let mut at_florac = acces_libre();
        at_florac.id = PolicyId(3);
        at_florac.settings.sites = vec![SiteId(3)];
        at_florac.settings.measure = QuotaMeasure::HalfDays;
        at_florac.settings.period = QuotaPeriod::Week;
        at_florac.settings.allowance = Some(2);
        let policies = [acces_libre(), job_seekers, at_florac];
        let ids = |site| {
            ordered(&policies, &FLORAC, SiteId(site))
                .iter()
                .map(|p| p.id.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(3), [3, 2, 1]);
        assert_eq!(ids(4), [2, 1]);
        let elsewhere = Person {
            commune: Some("48095"),
            epci: None,
            commune_confirmed: true,
            categories: &[],
            confirmed_categories: &[],
        };
        assert_eq!(ordered(&policies, &elsewhere, SiteId(3)).len(), 2);
    }

    #[test]
    fn beyond_a_paid_policy_is_accepted_as_paid() {
        let mut paid = acces_libre();
        paid.settings.beyond = BeyondQuota::Paid;
        let policies = [paid];
        let order = ordered(&policies, &FLORAC, SiteId(1));
        assert_eq!(
            decide(&order, |_, _| 8, day("2026-12-03"), at(9, 0), at(12, 0)),
            Decision::Paid {
                policy: PolicyId(1)
            }
        );
        assert_eq!(
            decide(&[], |_, _| 0, day("2026-12-03"), at(9, 0), at(12, 0)),
            Decision::Free
        );
    }

    #[test]
    fn bad_policies_have_codes() {
        let mut p = acces_libre().settings;
        assert_eq!(check_policy(&p), Ok(()));
        p.allowance = Some(-1);
        assert_eq!(check_policy(&p).unwrap_err().code, codes::INVALID_AMOUNT);
        p.allowance = None;
        p.no_show_cost = -2;
        assert_eq!(check_policy(&p).unwrap_err().code, codes::INVALID_AMOUNT);
        p.no_show_cost = 0;
        p.communes = vec!["480".into()];
        assert_eq!(check_policy(&p).unwrap_err().code, codes::UNKNOWN_COMMUNE);
        p.communes.clear();
        p.name = " ".into();
        assert_eq!(check_policy(&p).unwrap_err().code, codes::INVALID_NAME);
    }

    fn any_span() -> impl Strategy<Value = (ClockTime, ClockTime)> {
        (0u16..47, 1u16..48).prop_map(|(a, len)| {
            let start = a * 30;
            let end = (start + len * 30).min(24 * 60);
            (
                ClockTime::from_minutes(start).unwrap(),
                ClockTime::from_minutes(end.max(start + 30)).unwrap(),
            )
        })
    }

    proptest! {
        /// Whatever people book, in whatever order, no period is ever charged
        /// past its allowance, and refusals say exactly why.
        #[test]
        fn never_past_the_allowance(
            bookings in proptest::collection::vec((0i64..120, any_span()), 1..60),
            allowance in 1i64..6,
            measure in prop_oneof![Just(QuotaMeasure::Days), Just(QuotaMeasure::HalfDays), Just(QuotaMeasure::Hours)],
            period in prop_oneof![Just(QuotaPeriod::Week), Just(QuotaPeriod::Month), Just(QuotaPeriod::Year)],
        ) {
            let mut policy = acces_libre();
            policy.settings.allowance = Some(allowance);
            policy.settings.measure = measure;
            policy.settings.period = period;
            let limit = to_units(measure, allowance);
            let policies = [policy];
            let order = ordered(&policies, &FLORAC, SiteId(1));
            let ledger: RefCell<HashMap<Day, u32>> = RefCell::default();
            for (offset, (start, end)) in bookings {
                let on = day("2026-11-23").plus_days(offset);
                let used = |_: PolicyId, p: Day| ledger.borrow().get(&p).copied().unwrap_or(0);
                match decide(&order, used, on, start, end) {
                    Decision::Charge { amount, period_start: p, left_after, .. } => {
                        prop_assert_eq!(p, period_start(period, on));
                        prop_assert!(p <= on && on < renews_on(period, on));
                        let total = ledger.borrow().get(&p).copied().unwrap_or(0) + amount;
                        prop_assert!(total <= limit);
                        prop_assert_eq!(left_after, Some(limit - total));
                        ledger.borrow_mut().insert(p, total);
                    }
                    Decision::Refused { left, cost: c, renews_on: r, .. } => {
                        prop_assert!(c > left);
                        prop_assert_eq!(r, renews_on(period, on));
                    }
                    other => prop_assert!(false, "{other:?}"),
                }
            }
        }
    }
}
