//! Reads closure days from an iCalendar file (public holidays, a commune's
//! calendar). Each event becomes a closure of whole local days; an event it
//! cannot use is reported with the reason, and the others are kept.

use chrono::{Duration, NaiveDate};
use shared::api::{SkipReason, SkippedEvent};

/// A closure read from a calendar: first and last local day, both included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarClosure {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub reason: String,
}

/// What a calendar gave: the closures, and each event left out with why.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CalendarReading {
    pub closures: Vec<CalendarClosure>,
    pub skipped: Vec<SkippedEvent>,
}

pub fn skipped(summary: Option<&str>, reason: SkipReason, message: String) -> SkippedEvent {
    SkippedEvent {
        summary: summary.map(str::to_owned),
        reason,
        message,
    }
}

/// `20271225`, `20271225T090000`, `20271225T090000Z` → the date part.
fn date_of(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d").ok()
}

pub fn read(text: &str) -> CalendarReading {
    let mut reading = CalendarReading::default();
    let parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    for (number, calendar) in parser.enumerate() {
        let calendar = match calendar {
            Ok(calendar) => calendar,
            Err(error) => {
                reading.skipped.push(skipped(
                    None,
                    SkipReason::UnreadableCalendar,
                    format!("calendar {}: unreadable ({error})", number + 1),
                ));
                continue;
            }
        };
        for (index, event) in calendar.events.iter().enumerate() {
            let value = |name: &str| {
                event
                    .properties
                    .iter()
                    .find(|p| p.name.eq_ignore_ascii_case(name))
                    .and_then(|p| p.value.clone())
            };
            let title = value("SUMMARY");
            let summary = title.clone().unwrap_or_else(|| "Fermeture".to_owned());
            let label = format!("event {} ({summary})", index + 1);
            let mut leave_out = |reason, why: &str| {
                let message = format!("{label}: {why}");
                reading
                    .skipped
                    .push(skipped(title.as_deref(), reason, message));
            };
            let Some(start) = value("DTSTART").as_deref().and_then(date_of) else {
                leave_out(SkipReason::NoStart, "no readable DTSTART");
                continue;
            };
            let all_day = value("DTSTART").is_some_and(|v| v.len() == 8);
            // DTEND of an all-day event is the day after the last one.
            let last = match value("DTEND").as_deref().and_then(date_of) {
                Some(end) if all_day && end > start => end - Duration::days(1),
                Some(end) if !all_day && end >= start => end,
                Some(_) => {
                    leave_out(SkipReason::EndBeforeStart, "DTEND before DTSTART");
                    continue;
                }
                None => start,
            };
            if (last - start).num_days() > 366 {
                leave_out(SkipReason::LongerThanAYear, "longer than a year");
                continue;
            }
            reading.closures.push(CalendarClosure {
                first_day: start,
                last_day: last,
                // A calendar's title fits the closure's reason: one line, 200 characters.
                reason: summary
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .take(shared::text::CLOSURE_REASON.max_chars)
                    .collect::<String>()
                    .trim()
                    .to_owned(),
            });
        }
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOLIDAYS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n\
BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20271225\r\nDTEND;VALUE=DATE:20271226\r\nSUMMARY:Noël\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20270801\r\nDTEND;VALUE=DATE:20270816\r\nSUMMARY:Congés d'été\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:3\r\nDTSTART:20270714T080000Z\r\nDTEND:20270714T180000Z\r\nSUMMARY:Fête nationale\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:4\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:5\r\nDTSTART;VALUE=DATE:20271110\r\nDTEND;VALUE=DATE:20271101\r\nSUMMARY:À l'envers\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn reads_days_and_ranges_and_reports_the_rest() {
        let reading = read(HOLIDAYS);
        assert_eq!(
            reading.closures,
            vec![
                CalendarClosure {
                    first_day: day("2027-12-25"),
                    last_day: day("2027-12-25"),
                    reason: "Noël".into()
                },
                CalendarClosure {
                    first_day: day("2027-08-01"),
                    last_day: day("2027-08-15"),
                    reason: "Congés d'été".into()
                },
                CalendarClosure {
                    first_day: day("2027-07-14"),
                    last_day: day("2027-07-14"),
                    reason: "Fête nationale".into()
                },
            ]
        );
        assert_eq!(reading.skipped.len(), 2, "{:?}", reading.skipped);
        assert_eq!(reading.skipped[0].summary.as_deref(), Some("Sans date"));
        assert_eq!(reading.skipped[0].reason, SkipReason::NoStart);
        assert!(reading.skipped[1].message.contains("DTEND before DTSTART"));
        assert_eq!(reading.skipped[1].reason, SkipReason::EndBeforeStart);
    }

    #[test]
    fn garbage_is_reported_not_fatal() {
        let reading = read("this is not a calendar");
        assert!(reading.closures.is_empty());
    }
}
