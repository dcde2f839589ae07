//! The day the browser tests live on. `relais` starts with
//! `RELAIS_CLOCK_START` and the page's `Date` is moved by the same amount, so
//! "today", "next Monday" and "this month" are the same on every run,
//! whatever the real date is (the suite once failed on Sunday evenings).

use std::time::{SystemTime, UNIX_EPOCH};

use shared::calendar::Day;

/// Wednesday 13 January 2027 (10:00 in Paris): mid-month, mid-week, far from
/// an offset change, so a week ahead stays in the same month.
pub const TODAY: Day = Day {
    year: 2027,
    month: 1,
    day: 13,
};
const START_HOUR_UTC: i64 = 9;

/// The instant the server's clock starts at, for `RELAIS_CLOCK_START`.
pub fn start() -> String {
    format!("{TODAY}T{START_HOUR_UTC:02}:00:00Z")
}

/// How far the test clock is ahead of the real one, in milliseconds, now.
pub fn shift_millis() -> i64 {
    let start = (TODAY.number() * 24 + START_HOUR_UTC) * 3_600_000;
    let real = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    start - real
}

/// The day `days` after the test's today, as a date field holds it ("2027-01-14").
pub fn in_days(days: i64) -> String {
    TODAY.plus_days(days).to_string()
}

/// The first Monday after today (never today): "2027-01-18".
pub fn next_monday() -> String {
    let ahead = 8 - i64::from(TODAY.weekday());
    TODAY.plus_days(ahead).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_days_are_what_their_names_say() {
        assert_eq!(start(), "2027-01-13T09:00:00Z");
        assert_eq!(TODAY.weekday(), 3, "a Wednesday");
        assert_eq!(next_monday(), "2027-01-18");
        assert_eq!(in_days(21), "2027-02-03");
    }
}
