//! The booking page's search in its address
//! (`/reserver?jour=2026-12-04&moment=matin&type=desk&pres=3`), so that
//! signing in, a reload, a bookmark or a link sent to a colleague come back
//! to the same search. Short French words: the people who read and share
//! these addresses speak French. The browser tests build addresses with them.

use std::fmt::Write;

use crate::api::ResourceKind;
use crate::calendar::Day;
use crate::ids::SiteId;
use crate::slots::DayPart;

/// The day, `YYYY-MM-DD`.
pub const DAY: &str = "jour";
/// The part of the day, one of `PART_WORDS`.
pub const PART: &str = "moment";
/// The kind of space, `ResourceKind::as_str` (`desk`, `meeting_room`, `phone_booth`).
pub const KIND: &str = "type";
/// The site the others are sorted by distance from, by its id.
pub const NEAR: &str = "pres";

/// How the address writes each part of the day.
pub const PART_WORDS: [(&str, DayPart); 3] = [
    ("matin", DayPart::Morning),
    ("apres-midi", DayPart::Afternoon),
    ("journee", DayPart::Day),
];

/// A search as an address holds it. Each value missing or unreadable is
/// `None`: an address typed wrong or grown old still opens the page, with
/// the usual choice in its place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BookQuery {
    pub day: Option<Day>,
    pub part: Option<DayPart>,
    pub kind: Option<ResourceKind>,
    pub near: Option<SiteId>,
}

impl BookQuery {
    /// Reads the search from the address's values (`value(DAY)`…).
    pub fn read(value: impl Fn(&str) -> Option<String>) -> BookQuery {
        BookQuery {
            day: value(DAY).and_then(|d| Day::parse(d.trim())),
            part: value(PART).and_then(|p| {
                PART_WORDS
                    .iter()
                    .find(|(word, _)| *word == p.trim())
                    .map(|&(_, part)| part)
            }),
            kind: value(KIND).and_then(|k| ResourceKind::parse(k.trim())),
            near: value(NEAR)
                .and_then(|n| n.trim().parse::<i64>().ok())
                .filter(|n| *n > 0)
                .map(SiteId),
        }
    }

    /// `?jour=…&moment=…&type=…&pres=…` with the values given, or "" when
    /// there is none. Every value is made of letters, digits, `-` and `_`:
    /// nothing to escape.
    pub fn to_query(&self) -> String {
        let mut query = String::new();
        let mut add = |key: &str, value: &dyn std::fmt::Display| {
            let separator = if query.is_empty() { '?' } else { '&' };
            let _ = write!(query, "{separator}{key}={value}");
        };
        if let Some(day) = self.day {
            add(DAY, &day);
        }
        if let Some(word) = self
            .part
            .and_then(|part| PART_WORDS.iter().find(|(_, p)| *p == part))
        {
            add(PART, &word.0);
        }
        if let Some(kind) = self.kind {
            add(KIND, &kind.as_str());
        }
        if let Some(near) = self.near {
            add(NEAR, &near);
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> BookQuery {
        let pairs: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        BookQuery::read(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    #[test]
    fn a_search_goes_through_its_address_unchanged() {
        let search = BookQuery {
            day: Day::new(2026, 12, 4),
            part: Some(DayPart::Afternoon),
            kind: Some(ResourceKind::MeetingRoom),
            near: Some(SiteId(3)),
        };
        let query = search.to_query();
        assert_eq!(
            query,
            "?jour=2026-12-04&moment=apres-midi&type=meeting_room&pres=3"
        );
        assert_eq!(read(&query), search);
    }

    #[test]
    fn what_cannot_be_read_is_left_to_the_page() {
        let search = read("?jour=2026-02-30&moment=soir&type=sofa&pres=-1");
        assert_eq!(search, BookQuery::default());
        assert_eq!(search.to_query(), "");
        let search = read("?moment=journee&pres=abc");
        assert_eq!(search.part, Some(DayPart::Day));
        assert_eq!(search.near, None);
        assert_eq!(search.to_query(), "?moment=journee");
    }
}
