//! Local days and times of a site, turned into UTC instants. The two days a
//! year when Europe/Paris changes offset are why this is its own module.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use shared::ClockTime;
use shared::calendar::Day;

/// A chrono date as the shared crate's `Day`.
pub fn to_day(date: NaiveDate) -> Day {
    Day {
        year: date.year(),
        month: u8::try_from(date.month()).unwrap_or(1),
        day: u8::try_from(date.day()).unwrap_or(1),
    }
}

/// The shared crate's `Day` as a chrono date.
pub fn to_date(day: Day) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year, u32::from(day.month), u32::from(day.day)).unwrap_or_default()
}

/// The instant of a local wall-clock time; `None` for a time that does not
/// exist that day (skipped by a spring-forward change). An ambiguous time
/// (autumn) is its first occurrence.
pub fn instant(zone: Tz, date: NaiveDate, time: ClockTime) -> Option<DateTime<Utc>> {
    let (date, time) = if time == ClockTime::END_OF_DAY {
        (date.succ_opt()?, ClockTime::MIDNIGHT)
    } else {
        (date, time)
    };
    let naive = date.and_hms_opt(
        u32::from(time.hours_part()),
        u32::from(time.minutes_part()),
        0,
    )?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(at) => Some(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// [start, end) of a local day, as instants (23 or 25 hours on change days).
pub fn day_bounds(zone: Tz, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    Some((
        instant(zone, date, ClockTime::MIDNIGHT)?,
        instant(zone, date, ClockTime::END_OF_DAY)?,
    ))
}

/// The local date and time of day of an instant, to the minute.
pub fn local(zone: Tz, at: DateTime<Utc>) -> (NaiveDate, ClockTime) {
    let local = at.with_timezone(&zone);
    let minutes = local
        .time()
        .signed_duration_since(chrono::NaiveTime::MIN)
        .num_minutes();
    let time =
        ClockTime::from_minutes(u16::try_from(minutes).unwrap_or(0)).unwrap_or(ClockTime::MIDNIGHT);
    (local.date_naive(), time)
}

/// ISO weekday, 1 = Monday.
pub fn weekday(date: NaiveDate) -> u8 {
    u8::try_from(date.weekday().number_from_monday()).unwrap_or(1)
}

pub fn parse_zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Paris)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> Tz {
        chrono_tz::Europe::Paris
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn t(text: &str) -> ClockTime {
        text.parse().unwrap()
    }

    #[test]
    fn nine_in_paris_on_both_sides_of_the_march_change() {
        // 2027-03-28: 02:00 becomes 03:00 (UTC+1 → UTC+2).
        assert_eq!(
            instant(paris(), date(2027, 3, 27), t("09:00"))
                .unwrap()
                .to_rfc3339(),
            "2027-03-27T08:00:00+00:00"
        );
        assert_eq!(
            instant(paris(), date(2027, 3, 28), t("09:00"))
                .unwrap()
                .to_rfc3339(),
            "2027-03-28T07:00:00+00:00"
        );
        assert_eq!(
            instant(paris(), date(2027, 3, 28), t("02:30")),
            None,
            "02:30 does not exist that night"
        );
        let (start, end) = day_bounds(paris(), date(2027, 3, 28)).unwrap();
        assert_eq!((end - start).num_hours(), 23);
    }

    #[test]
    fn nine_in_paris_on_both_sides_of_the_october_change() {
        // 2027-10-31: 03:00 becomes 02:00 (UTC+2 → UTC+1).
        assert_eq!(
            instant(paris(), date(2027, 10, 30), t("09:00"))
                .unwrap()
                .to_rfc3339(),
            "2027-10-30T07:00:00+00:00"
        );
        assert_eq!(
            instant(paris(), date(2027, 10, 31), t("09:00"))
                .unwrap()
                .to_rfc3339(),
            "2027-10-31T08:00:00+00:00"
        );
        assert_eq!(
            instant(paris(), date(2027, 10, 31), t("02:30"))
                .unwrap()
                .to_rfc3339(),
            "2027-10-31T00:30:00+00:00"
        );
        let (start, end) = day_bounds(paris(), date(2027, 10, 31)).unwrap();
        assert_eq!((end - start).num_hours(), 25);
    }

    #[test]
    fn instants_come_back_to_local_times() {
        let at = instant(paris(), date(2027, 10, 31), t("12:00")).unwrap();
        assert_eq!(local(paris(), at), (date(2027, 10, 31), t("12:00")));
        assert_eq!(weekday(date(2027, 10, 31)), 7);
    }
}
