//! The periods the page offers (a month, a calendar quarter, a year…) and
//! the period a report is compared with. Pure day arithmetic on the shared
//! calendar, tested natively.

use shared::calendar::Day;

/// A period chosen in the list; its value in the `<select>` is `key()`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Period {
    LastMonth,
    /// The last whole calendar quarter (January–March, April–June…).
    LastQuarter,
    LastTwelveMonths,
    /// The last whole calendar year.
    LastYear,
    Chosen,
}

impl Period {
    /// In the order of the list (and of `StatsTexts::periods`).
    pub const ALL: [Period; 5] = [
        Period::LastMonth,
        Period::LastQuarter,
        Period::LastTwelveMonths,
        Period::LastYear,
        Period::Chosen,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Period::LastMonth => "month",
            Period::LastQuarter => "quarter",
            Period::LastTwelveMonths => shared::dom_ids::STATS_PERIOD_TWELVE_MONTHS,
            Period::LastYear => shared::dom_ids::STATS_PERIOD_YEAR,
            Period::Chosen => "dates",
        }
    }

    pub fn from_key(key: &str) -> Period {
        Period::ALL
            .into_iter()
            .find(|p| p.key() == key)
            .unwrap_or(Period::LastMonth)
    }

    /// First and last day of the period, seen from `today`; `None` for
    /// chosen dates.
    pub fn days(self, today: Day) -> Option<(Day, Day)> {
        let this_month = today.first_of_month();
        let months_back =
            |months: u32| (months_before(this_month, months), this_month.plus_days(-1));
        match self {
            Period::LastMonth => Some(months_back(1)),
            Period::LastTwelveMonths => Some(months_back(12)),
            Period::LastQuarter => {
                let quarter = Day::new(today.year, (today.month - 1) / 3 * 3 + 1, 1)?;
                Some((months_before(quarter, 3), quarter.plus_days(-1)))
            }
            Period::LastYear => Some((
                Day::new(today.year - 1, 1, 1)?,
                Day::new(today.year - 1, 12, 31)?,
            )),
            Period::Chosen => None,
        }
    }
}

/// What the report is compared with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Compare {
    Nothing,
    /// As long as the period, just before it (the three months before three
    /// months, the days before chosen days).
    PreviousPeriod,
    /// The same days a year earlier.
    YearBefore,
}

impl Compare {
    pub const ALL: [Compare; 3] = [
        Compare::Nothing,
        Compare::PreviousPeriod,
        Compare::YearBefore,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Compare::Nothing => "",
            Compare::PreviousPeriod => shared::dom_ids::STATS_COMPARE_PREVIOUS,
            Compare::YearBefore => "year-before",
        }
    }

    pub fn from_key(key: &str) -> Compare {
        Compare::ALL
            .into_iter()
            .find(|c| c.key() == key)
            .unwrap_or(Compare::Nothing)
    }

    /// The days to compare `from`–`to` with; `None` when nothing is.
    pub fn days(self, from: Day, to: Day) -> Option<(Day, Day)> {
        match self {
            Compare::Nothing => None,
            Compare::PreviousPeriod => {
                let next = to.plus_days(1);
                if from.day == 1 && next.day == 1 {
                    // Whole months: as many whole months before.
                    let months = (i64::from(next.year) * 12 + i64::from(next.month))
                        - (i64::from(from.year) * 12 + i64::from(from.month));
                    let months = u32::try_from(months).ok()?;
                    Some((months_before(from, months), from.plus_days(-1)))
                } else {
                    let length = to.number() - from.number();
                    let end = from.plus_days(-1);
                    Some((end.plus_days(-length), end))
                }
            }
            Compare::YearBefore => Some((year_before(from)?, year_before(to)?)),
        }
    }
}

/// The first of the month `months` months before the first of a month.
fn months_before(first: Day, months: u32) -> Day {
    let mut day = first;
    for _ in 0..months {
        day = day.plus_days(-1).first_of_month();
    }
    day
}

/// The same day a year earlier; 28 February for a 29 February.
fn year_before(day: Day) -> Option<Day> {
    Day::new(day.year - 1, day.month, day.day)
        .or_else(|| Day::new(day.year - 1, day.month, day.day - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("a day")
    }

    fn span(days: Option<(Day, Day)>) -> (String, String) {
        let (from, to) = days.expect("days");
        (from.to_string(), to.to_string())
    }

    fn pair(from: &str, to: &str) -> (String, String) {
        (from.to_owned(), to.to_owned())
    }

    #[test]
    fn periods_are_whole_months_quarters_and_years_before_today() {
        let today = day("2027-05-14");
        assert_eq!(
            span(Period::LastMonth.days(today)),
            pair("2027-04-01", "2027-04-30")
        );
        assert_eq!(
            span(Period::LastQuarter.days(today)),
            pair("2027-01-01", "2027-03-31")
        );
        assert_eq!(
            span(Period::LastTwelveMonths.days(today)),
            pair("2026-05-01", "2027-04-30")
        );
        assert_eq!(
            span(Period::LastYear.days(today)),
            pair("2026-01-01", "2026-12-31")
        );
        assert_eq!(Period::Chosen.days(today), None);
        // In January the last quarter and month are last year's.
        let january = day("2027-01-03");
        assert_eq!(
            span(Period::LastQuarter.days(january)),
            pair("2026-10-01", "2026-12-31")
        );
        assert_eq!(
            span(Period::LastMonth.days(january)),
            pair("2026-12-01", "2026-12-31")
        );
        for period in Period::ALL {
            assert_eq!(Period::from_key(period.key()), period);
        }
    }

    #[test]
    fn a_period_is_compared_with_the_one_before_or_a_year_earlier() {
        let previous =
            |from: &str, to: &str| span(Compare::PreviousPeriod.days(day(from), day(to)));
        // Whole months: the months before, whatever their lengths.
        assert_eq!(
            previous("2027-03-01", "2027-03-31"),
            pair("2027-02-01", "2027-02-28")
        );
        assert_eq!(
            previous("2027-01-01", "2027-03-31"),
            pair("2026-10-01", "2026-12-31")
        );
        assert_eq!(
            previous("2026-01-01", "2026-12-31"),
            pair("2025-01-01", "2025-12-31")
        );
        // Chosen days: as many days just before.
        assert_eq!(
            previous("2027-03-10", "2027-03-16"),
            pair("2027-03-03", "2027-03-09")
        );
        let year = |from: &str, to: &str| span(Compare::YearBefore.days(day(from), day(to)));
        assert_eq!(
            year("2028-02-01", "2028-02-29"),
            pair("2027-02-01", "2027-02-28")
        );
        assert_eq!(
            Compare::Nothing.days(day("2027-03-01"), day("2027-03-31")),
            None
        );
        for compare in Compare::ALL {
            assert_eq!(Compare::from_key(compare.key()), compare);
        }
    }
}
