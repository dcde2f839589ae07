//! A site's weekly opening hours in words, for people who read a sentence
//! more easily than a table: "Du lundi au vendredi, 8 h 30 – 12 h 30 et
//! 13 h 30 – 18 h". Days in a row with the same hours make one line, and
//! every day of the week is in one line ("Dimanche, fermé"), so nobody has
//! to guess. French and English; the browser app picks by language.

use crate::ClockTime;
use crate::api::OpeningPeriod;

/// The words of one language. Times keep their parts together with
/// no-break spaces, so "8 h 30" never splits across two lines.
pub struct HoursWords {
    /// Monday first, as written inside a sentence.
    pub days: [&'static str; 7],
    /// Three days or more in a row: `{first}`, `{last}`.
    pub from_to: &'static str,
    /// Two days in a row: `{first}`, `{last}`.
    pub two_days: &'static str,
    /// Before the last opening period of a day.
    pub and: &'static str,
    pub closed: &'static str,
    /// "8 h 30", "8:30 am".
    pub time: fn(ClockTime) -> String,
}

pub const FR: HoursWords = HoursWords {
    days: [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    from_to: "du {first} au {last}",
    two_days: "{first} et {last}",
    and: " et ",
    closed: "fermé",
    time: french_time,
};

pub const EN: HoursWords = HoursWords {
    days: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    from_to: "{first} to {last}",
    two_days: "{first} and {last}",
    and: " and ",
    closed: "closed",
    time: english_time,
};

/// "9 h", "8 h 30", "minuit".
fn french_time(time: ClockTime) -> String {
    match (time.hours_part() % 24, time.minutes_part()) {
        (0, 0) => "minuit".to_owned(),
        (h, 0) => format!("{h}\u{a0}h"),
        (h, m) => format!("{h}\u{a0}h\u{a0}{m:02}"),
    }
}

/// "9 am", "12:30 pm", "noon", "midnight".
fn english_time(time: ClockTime) -> String {
    let (h, m) = (time.hours_part() % 24, time.minutes_part());
    match (h, m) {
        (0, 0) => return "midnight".to_owned(),
        (12, 0) => return "noon".to_owned(),
        _ => {}
    }
    let half = if h < 12 { "am" } else { "pm" };
    let h12 = match h % 12 {
        0 => 12,
        h => h,
    };
    match m {
        0 => format!("{h12}\u{a0}{half}"),
        m => format!("{h12}:{m:02}\u{a0}{half}"),
    }
}

/// One line per run of days with the same hours, Monday first:
/// ["Du lundi au vendredi, 9 h – 12 h et 14 h – 17 h", "Samedi et dimanche, fermé"].
pub fn in_words(words: &HoursWords, periods: &[OpeningPeriod]) -> Vec<String> {
    let day = |weekday: u8| {
        let mut day: Vec<(ClockTime, ClockTime)> = periods
            .iter()
            .filter(|p| p.weekday == weekday)
            .map(|p| (p.opens, p.closes))
            .collect();
        day.sort();
        day
    };
    let week: Vec<Vec<(ClockTime, ClockTime)>> = (1..=7).map(day).collect();
    let mut lines = Vec::new();
    let mut first = 0;
    while first < 7 {
        let mut last = first;
        while last + 1 < 7 && week[last + 1] == week[first] {
            last += 1;
        }
        let mut line = days_in_words(words, first, last);
        line.push_str(", ");
        line.push_str(&hours_in_words(words, &week[first]));
        // Sentences start with a capital: "Du lundi…", "Samedi…".
        if let Some(initial) = line.get_mut(..1) {
            initial.make_ascii_uppercase();
        }
        lines.push(line);
        first = last + 1;
    }
    lines
}

/// "lundi", "samedi et dimanche", "du lundi au vendredi" (indexes from 0, Monday).
fn days_in_words(words: &HoursWords, first: usize, last: usize) -> String {
    let template = match last - first {
        0 => return words.days[first].to_owned(),
        1 => words.two_days,
        _ => words.from_to,
    };
    template
        .replace("{first}", words.days[first])
        .replace("{last}", words.days[last])
}

/// "9 h – 12 h et 14 h – 17 h", or "fermé".
fn hours_in_words(words: &HoursWords, day: &[(ClockTime, ClockTime)]) -> String {
    let ranges: Vec<String> = day
        .iter()
        .map(|&(opens, closes)| format!("{}\u{a0}– {}", (words.time)(opens), (words.time)(closes)))
        .collect();
    match ranges.split_last() {
        None => words.closed.to_owned(),
        Some((only, [])) => only.clone(),
        Some((last, others)) => format!("{}{}{last}", others.join(", "), words.and),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u16, m: u16) -> ClockTime {
        ClockTime::from_hm(h, m).unwrap()
    }

    fn days(weekdays: &[u8], hours: &[(ClockTime, ClockTime)]) -> Vec<OpeningPeriod> {
        weekdays
            .iter()
            .flat_map(|&weekday| {
                hours.iter().map(move |&(opens, closes)| OpeningPeriod {
                    weekday,
                    opens,
                    closes,
                })
            })
            .collect()
    }

    /// The lines with plain spaces, easier to read in a test.
    fn plain(words: &HoursWords, periods: &[OpeningPeriod]) -> Vec<String> {
        in_words(words, periods)
            .into_iter()
            .map(|line| line.replace('\u{a0}', " "))
            .collect()
    }

    #[test]
    fn a_working_week_with_a_lunch_break_and_a_saturday_morning() {
        // La Fabrique de Mende, in the demo network.
        let mut mende = days(
            &[1, 2, 3, 4, 5],
            &[(at(8, 30), at(12, 30)), (at(13, 30), at(18, 0))],
        );
        mende.extend(days(&[6], &[(at(9, 0), at(12, 0))]));
        assert_eq!(
            plain(&FR, &mende),
            [
                "Du lundi au vendredi, 8 h 30 – 12 h 30 et 13 h 30 – 18 h",
                "Samedi, 9 h – 12 h",
                "Dimanche, fermé",
            ]
        );
        assert_eq!(
            plain(&EN, &mende),
            [
                "Monday to Friday, 8:30 am – 12:30 pm and 1:30 pm – 6 pm",
                "Saturday, 9 am – noon",
                "Sunday, closed",
            ]
        );
    }

    #[test]
    fn days_in_a_row_are_grouped_and_others_are_named_one_by_one() {
        let mut week = days(&[2, 3, 4, 5], &[(at(9, 0), at(17, 0))]);
        week.extend(days(&[1], &[(at(14, 0), at(18, 0))]));
        assert_eq!(
            plain(&FR, &week),
            [
                "Lundi, 14 h – 18 h",
                "Du mardi au vendredi, 9 h – 17 h",
                "Samedi et dimanche, fermé",
            ]
        );
        assert_eq!(
            plain(&EN, &week),
            [
                "Monday, 2 pm – 6 pm",
                "Tuesday to Friday, 9 am – 5 pm",
                "Saturday and Sunday, closed",
            ]
        );
        // The same hours on days apart stay on lines of their own.
        let apart = days(&[1, 3], &[(at(9, 0), at(12, 0))]);
        assert_eq!(
            plain(&FR, &apart),
            [
                "Lundi, 9 h – 12 h",
                "Mardi, fermé",
                "Mercredi, 9 h – 12 h",
                "Du jeudi au dimanche, fermé",
            ]
        );
    }

    #[test]
    fn three_periods_a_day_and_periods_given_out_of_order() {
        let day = days(
            &[1, 2, 3, 4, 5, 6, 7],
            &[
                (at(14, 0), at(18, 0)),
                (at(7, 45), at(10, 0)),
                (at(10, 30), at(12, 0)),
            ],
        );
        assert_eq!(
            plain(&FR, &day),
            ["Du lundi au dimanche, 7 h 45 – 10 h, 10 h 30 – 12 h et 14 h – 18 h"]
        );
        assert_eq!(
            plain(&EN, &day),
            ["Monday to Sunday, 7:45 am – 10 am, 10:30 am – noon and 2 pm – 6 pm"]
        );
    }

    #[test]
    fn midnight_noon_and_a_site_never_open() {
        let all_day = days(&[7], &[(ClockTime::MIDNIGHT, ClockTime::END_OF_DAY)]);
        assert_eq!(plain(&FR, &all_day)[1], "Dimanche, minuit – minuit");
        assert_eq!(plain(&EN, &all_day)[1], "Sunday, midnight – midnight");
        assert_eq!(english_time(at(12, 15)), "12:15\u{a0}pm");
        assert_eq!(english_time(at(0, 30)), "12:30\u{a0}am");
        assert_eq!(french_time(at(12, 0)), "12\u{a0}h");
        assert_eq!(plain(&FR, &[]), ["Du lundi au dimanche, fermé"]);
        assert_eq!(plain(&EN, &[]), ["Monday to Sunday, closed"]);
    }

    #[test]
    fn times_never_split_across_lines() {
        let day = days(&[1], &[(at(8, 30), at(12, 30))]);
        assert_eq!(
            in_words(&FR, &day)[0],
            "Lundi, 8\u{a0}h\u{a0}30\u{a0}– 12\u{a0}h\u{a0}30"
        );
    }
}
