//! Writing iCalendar (RFC 5545) with the `ical` crate's generator: feeds,
//! and the invitations mails carry (iTIP `METHOD:REQUEST` / `CANCEL`).
//! Times are written in UTC (`…Z`), which every client shows in its own zone
//! and which needs no VTIMEZONE: the offset-change days come out right.

use chrono::{DateTime, Utc};
use ical::generator::{Emitter, IcalCalendarBuilder, IcalEvent};
use ical::ical_property;
use ical::property::Property;

/// One booking as a calendar event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable across every version of the booking.
    pub uid: String,
    /// Raised on every change, so clients replace their copy.
    pub sequence: i32,
    /// When the booking last changed.
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub cancelled: bool,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub url: String,
    /// Invitations (iTIP) name who sends them, (name, address): the mail's sender…
    pub organizer: Option<(String, String)>,
    /// …and, for REQUEST and CANCEL, whom they are for: (name, address).
    pub attendee: Option<(String, String)>,
}

/// `20270328T070000Z`. Written field by field: a feed writes three per
/// event, and parsing a strftime pattern each time shows in its cost.
fn utc(at: DateTime<Utc>) -> String {
    use chrono::{Datelike as _, Timelike as _};
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// TEXT values escape backslashes, semicolons, commas and line breaks, and
/// drop other control characters; one pass.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn event(e: &Event) -> IcalEvent {
    let mut event = IcalEvent::new();
    let status = if e.cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    event.properties = vec![
        ical_property!("UID", e.uid.clone()),
        ical_property!("DTSTAMP", utc(e.stamp)),
        ical_property!("DTSTART", utc(e.start)),
        ical_property!("DTEND", utc(e.end)),
        ical_property!("SEQUENCE", e.sequence.to_string()),
        ical_property!("STATUS", status),
        ical_property!("SUMMARY", text(&e.summary)),
        ical_property!("LOCATION", text(&e.location)),
        ical_property!("DESCRIPTION", text(&e.description)),
        ical_property!("URL", e.url.clone()),
        // A cancelled event no longer makes its time busy.
        ical_property!("TRANSP", if e.cancelled { "TRANSPARENT" } else { "OPAQUE" }),
    ];
    event
}

/// The ORGANIZER and ATTENDEE lines, written here rather than by the
/// generator: it escapes quoted parameters by character index into a byte
/// string, so a name with an accent (« Lozère ») came out as « Lozèr\e ».
/// Names are quoted, so commas or colons stay inside them; a quoted
/// parameter cannot hold a double quote or a control character, and `^`
/// is written `^^` (RFC 6868 reads `^n` as a line break).
fn people_lines(e: &Event) -> String {
    let quoted = |name: &str| -> String {
        name.chars()
            .filter(|c| *c != '"' && !c.is_control())
            .collect::<String>()
            .replace('^', "^^")
    };
    let mut lines = String::new();
    if let Some((name, address)) = &e.organizer {
        lines.push_str(&format!(
            "ORGANIZER;CN=\"{}\":mailto:{address}\r\n",
            quoted(name)
        ));
    }
    if let Some((name, address)) = &e.attendee {
        lines.push_str(&format!(
            "ATTENDEE;CN=\"{}\";PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{address}\r\n",
            quoted(name)
        ));
    }
    lines
}

/// A whole calendar; `method` is `Some("REQUEST")` or `Some("CANCEL")` for
/// an invitation, `None` for a feed.
pub fn calendar(method: Option<&str>, name: &str, events: &[Event]) -> String {
    let mut writer = CalendarWriter::new(method, name);
    for e in events {
        writer.push(e);
    }
    writer.finish()
}

/// A calendar written one event at a time, so a feed of 10,000 bookings is
/// written while its rows are still being read.
pub struct CalendarWriter {
    text: String,
}

const END: &str = "END:VCALENDAR\r\n";

impl CalendarWriter {
    pub fn new(method: Option<&str>, name: &str) -> CalendarWriter {
        let mut builder = IcalCalendarBuilder::version("2.0")
            .gregorian()
            .prodid("-//Relais//Relais//FR")
            .set(ical_property!("X-WR-CALNAME", text(name)));
        if let Some(method) = method {
            builder = builder.set(ical_property!("METHOD", method));
        }
        // The generator writes the calendar's lines, then its (no) events, then END.
        let mut text = fold_octets(&builder.build().generate());
        text.truncate(text.len().saturating_sub(END.len()));
        CalendarWriter { text }
    }

    pub fn push(&mut self, e: &Event) {
        let mut generated = event(e).generate();
        let people = people_lines(e);
        if !people.is_empty() {
            let end = generated.rfind("END:VEVENT").unwrap_or(generated.len());
            generated.insert_str(end, &people);
        }
        // The generator folds by characters, which are octets in ASCII text;
        // the lines written here are folded by `fold_octets`.
        if generated.is_ascii() && people.is_empty() {
            self.text.push_str(&generated);
        } else {
            self.text.push_str(&fold_octets(&generated));
        }
    }

    pub fn finish(mut self) -> String {
        self.text.push_str(END);
        self.text
    }
}

/// The generator folds lines every 75 characters; RFC 5545 wants at most 75
/// octets, which differs for accented text. Unfold, then fold by octets
/// without cutting a character in two.
fn fold_octets(generated: &str) -> String {
    let unfolded = generated.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 70 * 3);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        // Most lines are short: copied whole.
        if line.len() <= 75 {
            out.push_str(line);
            out.push_str("\r\n");
            continue;
        }
        let mut rest = line;
        let mut limit = 75;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = 74;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn sample() -> Event {
        Event {
            uid: "booking-1@relais.example".into(),
            sequence: 2,
            stamp: Utc.with_ymd_and_hms(2027, 3, 1, 10, 0, 0).unwrap(),
            start: Utc.with_ymd_and_hms(2027, 3, 28, 7, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2027, 3, 28, 10, 0, 0).unwrap(),
            cancelled: false,
            summary: "Poste 1, La Fabrique de Mende".into(),
            location: "2 rue de l'Ange; 48000 Mende".into(),
            description: "Réservé avec Relais. Ligne très longue pour obliger le pliage des lignes en plusieurs morceaux accentués éèàùç.".into(),
            url: "https://relais.example/mes-reservations".into(),
            organizer: Some(("Relais".into(), "no-reply@relais.example".into())),
            attendee: Some(("Hélène Martin, Mende".into(), "alice@example.org".into())),
        }
    }

    #[test]
    fn writes_utc_times_escaped_text_and_short_lines() {
        let ics = calendar(Some("REQUEST"), "Relais", &[sample()]);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains("DTSTART:20270328T070000Z\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        assert!(ics.contains("ORGANIZER;CN=\"Relais\":mailto:no-reply@relais.example\r\n"));
        assert!(ics.replace("\r\n ", "").contains(
            "ATTENDEE;CN=\"Hélène Martin, Mende\";PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:alice@example.org\r\n"
        ));
        assert!(ics.contains("SUMMARY:Poste 1\\, La Fabrique de Mende\r\n"));
        assert!(ics.contains("LOCATION:2 rue de l'Ange\\; 48000 Mende\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_cancelled_event_no_longer_makes_its_time_busy() {
        let kept = calendar(Some("REQUEST"), "Relais", &[sample()]);
        assert!(kept.contains("TRANSP:OPAQUE\r\n"));
        let mut gone = sample();
        gone.cancelled = true;
        let cancelled = calendar(Some("CANCEL"), "Relais", &[gone]);
        assert!(cancelled.contains("STATUS:CANCELLED\r\n"));
        assert!(cancelled.contains("TRANSP:TRANSPARENT\r\n"));
    }

    #[test]
    fn ascii_and_accented_events_alike_keep_lines_within_75_octets() {
        let mut plain = sample();
        plain.description = "x".repeat(300);
        let mut accented = sample();
        accented.description = "é".repeat(300);
        let ics = calendar(None, "Relais, Lanuéjols", &[plain, accented]);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}\r\n", "x".repeat(300))));
        assert!(unfolded.contains(&format!("DESCRIPTION:{}\r\n", "é".repeat(300))));
        assert!(unfolded.contains("X-WR-CALNAME:Relais\\, Lanuéjols\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }

    #[test]
    fn text_escapes_in_one_pass_and_times_are_utc_stamps() {
        assert_eq!(text("a\\b;c,d\r\ne\u{7}f\rg"), "a\\\\b\\;c\\,d\\nefg");
        assert_eq!(text("Lanuéjols"), "Lanuéjols");
        let at = Utc.with_ymd_and_hms(2027, 10, 31, 1, 2, 3).unwrap();
        assert_eq!(utc(at), "20271031T010203Z");
    }
}
