//! Days and times written the way people say them, for mails: « vendredi
//! 4 décembre 2026, 8 h 30 – 12 h 30 », "Friday 4 December 2026, 8:30–12:30".
//! Twelve months and seven days in two languages do not need a locale crate.

use chrono::{Datelike, NaiveDate};
use shared::ClockTime;
use shared::api::Language;

const JOURS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// « vendredi 4 décembre 2026 » (« 1er » for the first), "Friday 4 December 2026".
pub fn day(language: Language, date: NaiveDate) -> String {
    let weekday = date.weekday().num_days_from_monday() as usize;
    let month = date.month0() as usize;
    match language {
        Language::Fr => {
            let number = match date.day() {
                1 => "1er".to_owned(),
                n => n.to_string(),
            };
            format!(
                "{} {number} {} {}",
                JOURS[weekday],
                MOIS[month],
                date.year()
            )
        }
        Language::En => format!(
            "{} {} {} {}",
            DAYS[weekday],
            date.day(),
            MONTHS[month],
            date.year()
        ),
    }
}

/// « 8 h 30 », « 9 h », "8:30", "9:00".
pub fn time(language: Language, at: ClockTime) -> String {
    let (hours, minutes) = (at.hours_part(), at.minutes_part());
    match language {
        Language::Fr if minutes == 0 => format!("{hours} h"),
        Language::Fr => format!("{hours} h {minutes:02}"),
        Language::En => format!("{hours}:{minutes:02}"),
    }
}

/// A booking's day and hours: « vendredi 4 décembre 2026, 8 h 30 – 12 h 30 »,
/// "Friday 4 December 2026, 8:30–12:30". French spaces the dash because
/// its times hold spaces.
pub fn span(language: Language, date: NaiveDate, from: ClockTime, to: ClockTime) -> String {
    let dash = match language {
        Language::Fr => " – ",
        Language::En => "–",
    };
    format!(
        "{}, {}{dash}{}",
        day(language, date),
        time(language, from),
        time(language, to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u16, m: u16) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    #[test]
    fn a_booking_reads_as_people_say_it_in_both_languages() {
        let friday = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            span(Language::Fr, friday, at(8, 30), at(12, 30)),
            "vendredi 4 décembre 2026, 8 h 30 – 12 h 30"
        );
        assert_eq!(
            span(Language::En, friday, at(8, 30), at(12, 30)),
            "Friday 4 December 2026, 8:30–12:30"
        );
        assert_eq!(
            span(Language::Fr, friday, at(13, 0), at(18, 5)),
            "vendredi 4 décembre 2026, 13 h – 18 h 05"
        );
    }

    #[test]
    fn the_first_of_the_month_is_premier_in_french() {
        let first = NaiveDate::from_ymd_opt(2027, 8, 1).unwrap();
        assert_eq!(day(Language::Fr, first), "dimanche 1er août 2027");
        assert_eq!(day(Language::En, first), "Sunday 1 August 2027");
    }
}
