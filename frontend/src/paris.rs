//! Dates and times in Europe/Paris, the zone of every site of the network.
//!
//! The API speaks in UTC instants and the browser app has no time-zone
//! database (one would weigh more than the rest of the app). France has
//! followed the EU summer-time rule since 1996: UTC+2 from the last Sunday of
//! March at 01:00 UTC to the last Sunday of October at 01:00 UTC, UTC+1 the
//! rest of the year. This module knows that rule and nothing else; the server,
//! which has the real database, stays the judge of every booking.
//!
//! Days are counted from 1970-01-01, instants in minutes since 1970-01-01 UTC.

use shared::calendar::Day;

const DAY: i64 = 24 * 60;

/// Days since 1970-01-01 of a date (the shared calendar's arithmetic);
/// `None` for a date that does not exist.
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    let year = i32::try_from(year).ok()?;
    Day::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).map(Day::number)
}

/// (year, month, day) of a day count.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let day = Day::from_number(days);
    (
        i64::from(day.year),
        i64::from(day.month),
        i64::from(day.day),
    )
}

/// ISO weekday: 1 = Monday … 7 = Sunday.
pub fn weekday(days: i64) -> u8 {
    Day::from_number(days).weekday()
}

fn last_sunday(year: i64, month: i64) -> i64 {
    let first_of_next = days_from_civil(year, month + 1, 1).unwrap_or_default();
    let last = first_of_next - 1;
    last - i64::from(weekday(last) % 7)
}

/// Minutes ahead of UTC in Paris at this instant: 120 in summer, 60 in winter.
pub fn offset(utc: i64) -> i64 {
    let (year, _, _) = civil_from_days(utc.div_euclid(DAY));
    let summer = last_sunday(year, 3) * DAY + 60..last_sunday(year, 10) * DAY + 60;
    if summer.contains(&utc) { 120 } else { 60 }
}

/// The Paris day and minute of the day of an instant.
pub fn to_local(utc: i64) -> (i64, u16) {
    let local = utc + offset(utc);
    (local.div_euclid(DAY), local.rem_euclid(DAY) as u16)
}

/// The instant of a Paris wall-clock time. A time the spring change skips
/// (02:30) lands an hour later; one the autumn change repeats, on the first.
pub fn from_local(days: i64, minutes: u16) -> i64 {
    let local = days * DAY + i64::from(minutes);
    let summer = local - 120;
    if offset(summer) == 120 {
        summer
    } else {
        local - 60
    }
}

/// "2026-11-30" → its day count, `None` for anything else.
pub fn parse_date(text: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (b, year, month, day) = (
        text.as_bytes(),
        number(0..4)?,
        number(5..7)?,
        number(8..10)?,
    );
    if text.len() != 10 || b[4] != b'-' || b[7] != b'-' || !(1..=12).contains(&month) {
        return None;
    }
    days_from_civil(year, month, day)
}

/// What a date field holds, as a person types in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateEntry {
    /// A whole date Relais works with, as a day count.
    Day(i64),
    /// A date whose year is still being typed ("0202-12-07" on the way to
    /// 2026): nothing to ask the server yet, and nothing wrong to say.
    Typing,
    /// Empty, impossible or out of range.
    Invalid,
}

pub fn read_date_entry(text: &str) -> DateEntry {
    let Some(days) = parse_date(text) else {
        return DateEntry::Invalid;
    };
    let (year, _, _) = civil_from_days(days);
    let year = i32::try_from(year).unwrap_or(i32::MAX);
    if shared::calendar::YEARS.contains(&year) {
        DateEntry::Day(days)
    } else if year < *shared::calendar::YEARS.start() && text.starts_with('0') {
        DateEntry::Typing
    } else {
        DateEntry::Invalid
    }
}

pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// An RFC 3339 instant ("2026-11-30T07:30:00+00:00", "…Z") in minutes;
/// seconds are dropped (the slot grid counts in minutes).
pub fn parse_instant(text: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let days = parse_date(text.get(..10)?)?;
    let minutes = number(11..13)? * 60 + number(14..16)?;
    let offset = match text.strip_suffix('Z') {
        Some(_) => 0,
        None => {
            let zone = text.len().checked_sub(6)?;
            let sign = match text.as_bytes()[zone] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            sign * (number(zone + 1..zone + 3)? * 60 + number(zone + 4..zone + 6)?)
        }
    };
    Some(days * DAY + minutes - offset)
}

/// The instant as the API takes it: "2026-11-30T07:30:00Z".
pub fn format_instant(utc: i64) -> String {
    let minutes = utc.rem_euclid(DAY);
    format!(
        "{}T{:02}:{:02}:00Z",
        format_date(utc.div_euclid(DAY)),
        minutes / 60,
        minutes % 60
    )
}

/// "08:30–12:30" in Paris time.
pub fn hours(start: i64, end: i64) -> String {
    let clock = |utc| {
        let minutes = to_local(utc).1;
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    };
    format!("{}–{}", clock(start), clock(end))
}

/// Now, from the browser's clock.
pub fn now() -> i64 {
    (web_sys::js_sys::Date::now() / 60_000.0) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        parse_instant(text).unwrap()
    }

    #[test]
    fn dates_round_trip_and_know_their_weekday() {
        let day = parse_date("2026-11-30").unwrap();
        assert_eq!(format_date(day), "2026-11-30");
        assert_eq!(weekday(day), 1, "a Monday");
        assert_eq!(weekday(parse_date("2027-10-31").unwrap()), 7);
        assert_eq!(parse_date("1970-01-01"), Some(0));
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "", "30/11/2026"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(
            parse_date("2028-02-29").map(format_date).as_deref(),
            Some("2028-02-29")
        );
    }

    #[test]
    fn a_year_on_its_way_is_not_a_date_yet() {
        // What a date field holds as a person types 2026, one digit at a time.
        for typing in ["0002-12-07", "0020-12-07", "0202-12-07"] {
            assert_eq!(read_date_entry(typing), DateEntry::Typing, "{typing}");
        }
        let day = parse_date("2026-12-07").unwrap();
        assert_eq!(read_date_entry("2026-12-07"), DateEntry::Day(day));
        for wrong in ["", "2026-02-30", "1999-12-07", "2201-01-01", "07/12/2026"] {
            assert_eq!(read_date_entry(wrong), DateEntry::Invalid, "{wrong}");
        }
    }

    #[test]
    fn instants_parse_with_any_offset() {
        assert_eq!(at("2026-11-30T07:30:00+00:00"), at("2026-11-30T07:30:00Z"));
        assert_eq!(at("2026-11-30T08:30:00+01:00"), at("2026-11-30T07:30:00Z"));
        assert_eq!(
            format_instant(at("2026-11-30T07:30:00+00:00")),
            "2026-11-30T07:30:00Z"
        );
        assert_eq!(parse_instant("2026-11-30 07:30"), None);
    }

    #[test]
    fn spring_change_on_28_march_2027() {
        // 01:59 UTC+1, then straight to 03:00 UTC+2.
        assert_eq!(to_local(at("2027-03-28T00:59:00Z")).1, 60 + 59);
        assert_eq!(to_local(at("2027-03-28T01:00:00Z")).1, 3 * 60);
        let day = parse_date("2027-03-28").unwrap();
        assert_eq!(
            format_instant(from_local(day, 9 * 60)),
            "2027-03-28T07:00:00Z"
        );
        assert_eq!(
            format_instant(from_local(day - 1, 9 * 60)),
            "2027-03-27T08:00:00Z"
        );
        assert_eq!(
            format_instant(from_local(day, 2 * 60 + 30)),
            "2027-03-28T01:30:00Z"
        );
        assert_eq!(
            hours(at("2027-03-28T07:00:00Z"), at("2027-03-28T10:30:00Z")),
            "09:00–12:30"
        );
    }

    #[test]
    fn autumn_change_on_31_october_2027() {
        // 02:59 UTC+2, then back to 02:00 UTC+1.
        assert_eq!(to_local(at("2027-10-31T00:59:00Z")).1, 2 * 60 + 59);
        assert_eq!(to_local(at("2027-10-31T01:00:00Z")).1, 2 * 60);
        let day = parse_date("2027-10-31").unwrap();
        assert_eq!(
            format_instant(from_local(day, 9 * 60)),
            "2027-10-31T08:00:00Z"
        );
        assert_eq!(
            format_instant(from_local(day - 1, 9 * 60)),
            "2027-10-30T07:00:00Z"
        );
        assert_eq!(to_local(from_local(day, 13 * 60 + 30)), (day, 13 * 60 + 30));
    }
}
