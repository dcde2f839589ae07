//! The choices of the form's selects, and their place in the lists of texts.

use shared::api::{BeyondQuota, QuotaMeasure, QuotaPeriod};

/// The choices of the selects, in the order of their texts.
pub const MEASURES: [QuotaMeasure; 3] = [
    QuotaMeasure::Days,
    QuotaMeasure::HalfDays,
    QuotaMeasure::Hours,
];
pub const PERIODS: [QuotaPeriod; 3] = [QuotaPeriod::Week, QuotaPeriod::Month, QuotaPeriod::Year];
pub const BEYOND_CHOICES: [BeyondQuota; 2] = [BeyondQuota::Refuse, BeyondQuota::Paid];

pub fn index_of<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}
