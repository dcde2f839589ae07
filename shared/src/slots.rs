//! The slot grid of a site: which local intervals of a day can be booked.
//! Pure arithmetic on local wall-clock times; the server turns them into UTC
//! instants in the site's time zone, the browser uses them to offer choices.

use serde::{Deserialize, Serialize};

use crate::ClockTime;
use crate::api::OpeningPeriod;

/// The common shapes of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    Morning,
    Afternoon,
    Day,
}

/// Where a morning ends and an afternoon starts when a site opens without a lunch break.
pub const NOON_SPLIT: ClockTime = match ClockTime::from_hm(13, 0) {
    Some(t) => t,
    None => ClockTime::MIDNIGHT,
};

/// A local interval [start, end) within one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalSpan {
    pub start: ClockTime,
    pub end: ClockTime,
}

/// Why a local interval cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotError {
    /// The end is not after the start.
    Empty,
    /// The site is closed at some moment of the interval's ends.
    OutsideOpeningHours,
    /// The start or end is not on the site's grid (e.g. every 30 minutes).
    OffGrid,
}

/// The periods of one ISO weekday, sorted.
pub fn periods_of(hours: &[OpeningPeriod], weekday: u8) -> Vec<(ClockTime, ClockTime)> {
    let mut day: Vec<(ClockTime, ClockTime)> = hours
        .iter()
        .filter(|p| p.weekday == weekday)
        .map(|p| (p.opens, p.closes))
        .collect();
    day.sort();
    day
}

/// Morning, afternoon or the whole day on a given weekday; `None` if closed.
pub fn day_part(hours: &[OpeningPeriod], weekday: u8, part: DayPart) -> Option<LocalSpan> {
    let day = periods_of(hours, weekday);
    let first = *day.first()?;
    let last = *day.last()?;
    let span = |start, end| (start < end).then_some(LocalSpan { start, end });
    if day.len() >= 2 {
        return match part {
            DayPart::Morning => span(first.0, first.1),
            DayPart::Afternoon => span(last.0, last.1),
            DayPart::Day => span(first.0, last.1),
        };
    }
    // One long period: split it at 13:00 when it runs across.
    let (opens, closes) = first;
    let split = opens < NOON_SPLIT && NOON_SPLIT < closes;
    match (part, split) {
        (DayPart::Day, _) => span(opens, closes),
        (DayPart::Morning, true) => span(opens, NOON_SPLIT),
        (DayPart::Afternoon, true) => span(NOON_SPLIT, closes),
        (DayPart::Morning, false) if closes <= NOON_SPLIT => span(opens, closes),
        (DayPart::Afternoon, false) if opens >= NOON_SPLIT => span(opens, closes),
        _ => None,
    }
}

/// Checks a local interval against the day's opening hours and the grid. A
/// booking may span a lunch break (the desk stays the person's) but must start
/// and end while the site is open.
pub fn check_span(
    hours: &[OpeningPeriod],
    weekday: u8,
    span: LocalSpan,
    grid_minutes: u16,
) -> Result<(), SlotError> {
    if span.end <= span.start {
        return Err(SlotError::Empty);
    }
    let day = periods_of(hours, weekday);
    let starts_open = day.iter().any(|(o, c)| *o <= span.start && span.start < *c);
    let ends_open = day.iter().any(|(o, c)| *o < span.end && span.end <= *c);
    if !starts_open || !ends_open {
        return Err(SlotError::OutsideOpeningHours);
    }
    // The grid counts from the opening of the period the time falls in, so a
    // site opening at 08:30 with a 60-minute grid offers 08:30, 09:30…
    let on_grid = |t: ClockTime, is_end: bool| {
        grid_minutes == 0
            || day.iter().any(|(o, c)| {
                let inside = if is_end {
                    *o < t && t <= *c
                } else {
                    *o <= t && t < *c
                };
                inside && ((t.minutes() - o.minutes()).is_multiple_of(grid_minutes) || t == *c)
            })
    };
    if !on_grid(span.start, false) || !on_grid(span.end, true) {
        return Err(SlotError::OffGrid);
    }
    Ok(())
}

/// Removes `taken` intervals from `free` ones (both sorted, half-open).
pub fn subtract<T: Ord + Copy>(free: &[(T, T)], taken: &[(T, T)]) -> Vec<(T, T)> {
    let mut result = Vec::new();
    for &(mut start, end) in free {
        let mut overlapping: Vec<&(T, T)> = taken
            .iter()
            .filter(|(s, e)| *s < end && *e > start)
            .collect();
        overlapping.sort();
        for &(s, e) in overlapping {
            if s > start {
                result.push((start, s));
            }
            if e > start {
                start = e;
            }
        }
        if start < end {
            result.push((start, end));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> ClockTime {
        text.parse().unwrap()
    }

    fn lunch_break_monday() -> Vec<OpeningPeriod> {
        vec![
            OpeningPeriod {
                weekday: 1,
                opens: t("08:30"),
                closes: t("12:30"),
            },
            OpeningPeriod {
                weekday: 1,
                opens: t("13:30"),
                closes: t("18:00"),
            },
        ]
    }

    fn span(a: &str, b: &str) -> LocalSpan {
        LocalSpan {
            start: t(a),
            end: t(b),
        }
    }

    #[test]
    fn half_days_follow_the_lunch_break() {
        let hours = lunch_break_monday();
        assert_eq!(
            day_part(&hours, 1, DayPart::Morning),
            Some(span("08:30", "12:30"))
        );
        assert_eq!(
            day_part(&hours, 1, DayPart::Afternoon),
            Some(span("13:30", "18:00"))
        );
        assert_eq!(
            day_part(&hours, 1, DayPart::Day),
            Some(span("08:30", "18:00"))
        );
        assert_eq!(day_part(&hours, 2, DayPart::Day), None, "closed on Tuesday");
    }

    #[test]
    fn one_long_period_splits_at_one_pm() {
        let hours = vec![OpeningPeriod {
            weekday: 7,
            opens: t("08:00"),
            closes: t("20:00"),
        }];
        assert_eq!(
            day_part(&hours, 7, DayPart::Morning),
            Some(span("08:00", "13:00"))
        );
        assert_eq!(
            day_part(&hours, 7, DayPart::Afternoon),
            Some(span("13:00", "20:00"))
        );
    }

    #[test]
    fn spans_must_start_and_end_while_open_and_on_the_grid() {
        let hours = lunch_break_monday();
        assert_eq!(check_span(&hours, 1, span("08:30", "12:30"), 30), Ok(()));
        assert_eq!(
            check_span(&hours, 1, span("08:30", "18:00"), 30),
            Ok(()),
            "a day spans lunch"
        );
        assert_eq!(check_span(&hours, 1, span("09:00", "10:30"), 30), Ok(()));
        assert_eq!(
            check_span(&hours, 1, span("08:00", "10:00"), 30),
            Err(SlotError::OutsideOpeningHours)
        );
        assert_eq!(
            check_span(&hours, 1, span("12:45", "14:00"), 15),
            Err(SlotError::OutsideOpeningHours)
        );
        assert_eq!(
            check_span(&hours, 1, span("09:10", "10:00"), 30),
            Err(SlotError::OffGrid)
        );
        assert_eq!(
            check_span(&hours, 1, span("10:00", "10:00"), 30),
            Err(SlotError::Empty)
        );
        assert_eq!(
            check_span(&hours, 1, span("17:00", "18:30"), 30),
            Err(SlotError::OutsideOpeningHours)
        );
        assert_eq!(
            check_span(&hours, 3, span("09:00", "10:00"), 30),
            Err(SlotError::OutsideOpeningHours)
        );
    }

    #[test]
    fn subtracting_taken_intervals() {
        assert_eq!(
            subtract(&[(0, 10)], &[(2, 4), (6, 8)]),
            vec![(0, 2), (4, 6), (8, 10)]
        );
        assert_eq!(subtract(&[(0, 10)], &[(0, 10)]), vec![]);
        assert_eq!(subtract(&[(0, 10)], &[(-5, 3), (9, 20)]), vec![(3, 9)]);
        assert_eq!(
            subtract(&[(0, 4), (6, 10)], &[(3, 7)]),
            vec![(0, 3), (7, 10)]
        );
        assert_eq!(
            subtract(&[(0, 10)], &[(2, 6), (4, 8)]),
            vec![(0, 2), (8, 10)]
        );
    }
}
