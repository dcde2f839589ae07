//! Dates and times as the people at a site read them, in the site's time
//! zone (Europe/Paris in Lozère, Indian/Reunion or America/Guadeloupe
//! elsewhere).
//!
//! The API speaks in UTC instants; the calendar arithmetic is the shared one
//! (`shared::calendar`). A zone's rules come from the browser itself
//! (`Intl.DateTimeFormat`, which carries the time-zone database), so the app
//! ships none; native unit tests read them from `chrono-tz`. The server,
//! which has its own database, stays the judge of every booking.
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

/// Minutes ahead of UTC in `zone` at this instant (60 in Paris in winter,
/// 240 in La Réunion, -240 in Guadeloupe).
pub fn offset(zone: &str, utc: i64) -> i64 {
    rules::wall_clock(zone, utc).map_or(0, |local| local - utc)
}

/// The local day and minute of the day of an instant in `zone`.
pub fn to_local(zone: &str, utc: i64) -> (i64, u16) {
    let local = utc + offset(zone, utc);
    (local.div_euclid(DAY), local.rem_euclid(DAY) as u16)
}

/// The instant of a wall-clock time in `zone`. A time the spring change
/// skips (02:30 in Paris) lands an hour later; one the autumn change
/// repeats, on the first.
pub fn from_local(zone: &str, days: i64, minutes: u16) -> i64 {
    let local = days * DAY + i64::from(minutes);
    // The offsets a zone uses around this day: the one before it and the one
    // after it (a change happens at most once in a day). The earliest
    // instant that reads as `local` wins; none does in a skipped hour.
    let before = offset(zone, local - DAY);
    let after = offset(zone, local + DAY);
    let mut candidates = [local - before.max(after), local - before.min(after)];
    candidates.sort_unstable();
    candidates
        .into_iter()
        .find(|utc| utc + offset(zone, *utc) == local)
        .unwrap_or(local - before)
}

/// The zone of the browser's own clock, for "today" where no site is chosen yet.
pub fn browser_zone() -> String {
    rules::browser_zone()
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

/// "08:30", local time in `zone`.
pub fn clock(zone: &str, utc: i64) -> String {
    let minutes = to_local(zone, utc).1;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// "08:30–12:30", local time in `zone`.
pub fn hours(zone: &str, start: i64, end: i64) -> String {
    format!("{}–{}", clock(zone, start), clock(zone, end))
}

/// Now, from the browser's clock.
#[cfg(target_arch = "wasm32")]
pub fn now() -> i64 {
    (web_sys::js_sys::Date::now() / 60_000.0) as i64
}

/// A zone's rules from the browser's `Intl`: one formatter per zone, kept.
#[cfg(target_arch = "wasm32")]
mod rules {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::js_sys::{Array, Date, Function, Intl, Object, Reflect};

    thread_local! {
        static FORMATS: RefCell<HashMap<String, Option<Intl::DateTimeFormat>>> =
            RefCell::new(HashMap::new());
    }

    /// A formatter writing numbers in `zone` with a 24-hour clock; `None`
    /// when the browser does not know the zone (then UTC is shown).
    fn formatter(zone: &str) -> Option<Intl::DateTimeFormat> {
        let options = Object::new();
        for (key, value) in [
            ("timeZone", zone),
            ("hourCycle", "h23"),
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "numeric"),
        ] {
            Reflect::set(&options, &key.into(), &value.into()).ok()?;
        }
        // Constructed through `Reflect` so an unknown zone is an error to
        // handle, not a trap.
        let intl = Reflect::get(&web_sys::js_sys::global(), &"Intl".into()).ok()?;
        let class: Function = Reflect::get(&intl, &"DateTimeFormat".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let arguments = Array::of2(&"en-GB".into(), &options);
        Reflect::construct(&class, &arguments)
            .ok()
            .map(JsCast::unchecked_into)
    }

    /// The wall-clock time in `zone` at `utc`, in minutes since 1970-01-01.
    pub fn wall_clock(zone: &str, utc: i64) -> Option<i64> {
        let format = FORMATS.with(|all| {
            all.borrow_mut()
                .entry(zone.to_owned())
                .or_insert_with(|| formatter(zone))
                .clone()
        })?;
        let date = Date::new(&JsValue::from_f64(utc as f64 * 60_000.0));
        let (mut y, mut m, mut d, mut h, mut min) = (None, None, None, None, None);
        for part in format.format_to_parts(&date).iter() {
            let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
            let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
            let slot = match kind.as_str() {
                "year" => &mut y,
                "month" => &mut m,
                "day" => &mut d,
                "hour" => &mut h,
                "minute" => &mut min,
                _ => continue,
            };
            *slot = value.parse::<i64>().ok();
        }
        let days = super::days_from_civil(y?, m?, d?)?;
        // Some engines still write midnight as 24 with h23.
        Some(days * super::DAY + (h? % 24) * 60 + min?)
    }

    pub fn browser_zone() -> String {
        let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
        Reflect::get(&options, &"timeZone".into())
            .ok()
            .and_then(|zone| zone.as_string())
            .unwrap_or_else(|| "Europe/Paris".to_owned())
    }
}

/// Outside the browser (unit tests), the rules come from `chrono-tz`.
#[cfg(not(target_arch = "wasm32"))]
mod rules {
    use chrono::{Offset, TimeZone};

    pub fn wall_clock(zone: &str, utc: i64) -> Option<i64> {
        let zone: chrono_tz::Tz = zone.parse().ok()?;
        let at = chrono::DateTime::from_timestamp(utc * 60, 0)?;
        let offset = zone.offset_from_utc_datetime(&at.naive_utc()).fix();
        Some(utc + i64::from(offset.local_minus_utc() / 60))
    }

    pub fn browser_zone() -> String {
        "Europe/Paris".to_owned()
    }
}

/// Now, from the machine's clock (unit tests; the app itself runs in the
/// browser and reads the browser's clock above).
#[cfg(not(target_arch = "wasm32"))]
#[allow(
    clippy::disallowed_methods,
    reason = "the server's Clock does not exist in the browser app"
)]
pub fn now() -> i64 {
    chrono::Utc::now().timestamp() / 60
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARIS: &str = "Europe/Paris";

    fn at(text: &str) -> i64 {
        parse_instant(text).unwrap()
    }

    /// The UTC instant of a wall-clock time on a date in `zone`.
    fn utc_of(zone: &str, date: &str, minutes: u16) -> String {
        format_instant(from_local(zone, parse_date(date).unwrap(), minutes))
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
        assert_eq!(to_local(PARIS, at("2027-03-28T00:59:00Z")).1, 60 + 59);
        assert_eq!(to_local(PARIS, at("2027-03-28T01:00:00Z")).1, 3 * 60);
        assert_eq!(utc_of(PARIS, "2027-03-28", 9 * 60), "2027-03-28T07:00:00Z");
        assert_eq!(utc_of(PARIS, "2027-03-27", 9 * 60), "2027-03-27T08:00:00Z");
        assert_eq!(
            utc_of(PARIS, "2027-03-28", 2 * 60 + 30),
            "2027-03-28T01:30:00Z"
        );
        assert_eq!(
            hours(
                PARIS,
                at("2027-03-28T07:00:00Z"),
                at("2027-03-28T10:30:00Z")
            ),
            "09:00–12:30"
        );
    }

    #[test]
    fn autumn_change_on_31_october_2027() {
        // 02:59 UTC+2, then back to 02:00 UTC+1.
        assert_eq!(to_local(PARIS, at("2027-10-31T00:59:00Z")).1, 2 * 60 + 59);
        assert_eq!(to_local(PARIS, at("2027-10-31T01:00:00Z")).1, 2 * 60);
        let day = parse_date("2027-10-31").unwrap();
        assert_eq!(utc_of(PARIS, "2027-10-31", 9 * 60), "2027-10-31T08:00:00Z");
        assert_eq!(utc_of(PARIS, "2027-10-30", 9 * 60), "2027-10-30T07:00:00Z");
        assert_eq!(
            to_local(PARIS, from_local(PARIS, day, 13 * 60 + 30)),
            (day, 13 * 60 + 30)
        );
    }

    #[test]
    fn overseas_sites_keep_their_own_time() {
        // La Réunion: UTC+4 all year; Guadeloupe: UTC-4 all year.
        let noon = at("2027-07-01T12:00:00Z");
        assert_eq!(to_local("Indian/Reunion", noon).1, 16 * 60);
        assert_eq!(to_local("America/Guadeloupe", noon).1, 8 * 60);
        let day = parse_date("2027-01-15").unwrap();
        assert_eq!(
            utc_of("Indian/Reunion", "2027-01-15", 9 * 60),
            "2027-01-15T05:00:00Z"
        );
        assert_eq!(
            utc_of("America/Guadeloupe", "2027-01-15", 9 * 60),
            "2027-01-15T13:00:00Z"
        );
        // Near midnight, the local day is not the UTC day.
        let late = at("2027-01-15T22:30:00Z");
        assert_eq!(to_local("Indian/Reunion", late), (day + 1, 2 * 60 + 30));
        assert_eq!(hours("America/Guadeloupe", late, late + 60), "18:30–19:30");
    }
}
