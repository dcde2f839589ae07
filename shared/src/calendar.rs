//! Local calendar days, without a time-zone database: enough for quota
//! periods (weeks from Monday, calendar months and years) on both sides.

use std::fmt;

/// The years Relais works with: a date outside them is refused, and a date
/// field whose year is below them is still being typed (a person typing
/// "2027" passes through the years 0002, 0020 and 0202).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;

/// A day of the proleptic Gregorian calendar, in some site's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// `None` unless the date exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        let candidate = Day { year, month, day };
        let exists = (1..=12).contains(&month)
            && day >= 1
            && Day::from_number(candidate.number()) == candidate;
        exists.then_some(candidate)
    }

    /// `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.splitn(3, '-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Day::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn number(self) -> i64 {
        let (year, month, day) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_number(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Day {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        u8::try_from((self.number() + 3).rem_euclid(7) + 1).unwrap_or(1)
    }

    pub fn plus_days(self, days: i64) -> Day {
        Day::from_number(self.number() + days)
    }

    pub fn first_of_month(self) -> Day {
        Day { day: 1, ..self }
    }

    pub fn first_of_next_month(self) -> Day {
        if self.month == 12 {
            Day {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        } else {
            Day {
                month: self.month + 1,
                day: 1,
                ..self
            }
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        let day = Day::parse("2027-03-28").unwrap();
        assert_eq!(day.weekday(), 7, "a Sunday");
        assert_eq!(day.to_string(), "2027-03-28");
        assert_eq!(Day::parse("1970-01-01").unwrap().number(), 0);
        assert_eq!(Day::parse("2026-02-29"), None);
        assert_eq!(
            Day::parse("2028-02-29").unwrap().plus_days(1).to_string(),
            "2028-03-01"
        );
        assert_eq!(
            Day::parse("2026-12-31")
                .unwrap()
                .first_of_next_month()
                .to_string(),
            "2027-01-01"
        );
    }

    proptest::proptest! {
        #[test]
        fn numbers_and_days_round_trip(n in -800_000i64..800_000) {
            let day = Day::from_number(n);
            proptest::prop_assert_eq!(day.number(), n);
            proptest::prop_assert_eq!(Day::parse(&day.to_string()).map(Day::number), (day.year >= 0 && day.year <= 9999).then_some(n));
            proptest::prop_assert_eq!(day.plus_days(1).weekday() % 7, (day.weekday() + 1) % 7);
        }
    }
}
