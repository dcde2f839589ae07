//! What the statistics page holds: the period and site asked for, the
//! report the server computed for them, the sites the person may see, and
//! the report of the period compared with.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Commune, UsageReport};
use shared::calendar::Day;
use shared::ids::SiteId;
use shared::{ErrorDetail, routes};

use super::period::{Compare, Period};
use crate::api;
use crate::local_time;

/// Every signal of the page (all `Copy`).
#[derive(Clone, Copy)]
pub struct Stats {
    pub period: RwSignal<Period>,
    pub from: RwSignal<String>,
    pub to: RwSignal<String>,
    /// A site's id, or empty for every site the person may see.
    pub site: RwSignal<String>,
    /// Filters, each empty for none: a kind of space ("desk"), a residence
    /// ("commune:48095" or "epci:244800405"), a situation ("student").
    pub kind: RwSignal<String>,
    pub living: RwSignal<String>,
    pub category: RwSignal<String>,
    /// The communes to choose a residence from (loaded with the page).
    pub communes: RwSignal<Vec<Commune>>,
    /// The latest answer; `None` while it is on its way.
    pub report: RwSignal<Option<Result<UsageReport, ErrorDetail>>>,
    /// (id, name) of the sites seen in an answer for every site.
    pub sites: RwSignal<Vec<(SiteId, String)>>,
    pub compare: RwSignal<Compare>,
    /// The report of the period compared with, when one is.
    pub earlier: RwSignal<Option<Result<UsageReport, ErrorDetail>>>,
}

/// Today, where the browser is.
fn today() -> Day {
    Day::from_number(local_time::to_local(&local_time::browser_zone(), local_time::now()).0)
}

impl Stats {
    pub fn new() -> Stats {
        let (from, to) = Period::LastMonth
            .days(today())
            .unwrap_or((today(), today()));
        let stats = Stats {
            period: RwSignal::new(Period::LastMonth),
            from: RwSignal::new(from.to_string()),
            to: RwSignal::new(to.to_string()),
            site: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            living: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            communes: RwSignal::new(Vec::new()),
            report: RwSignal::new(None),
            sites: RwSignal::new(Vec::new()),
            compare: RwSignal::new(Compare::Nothing),
            earlier: RwSignal::new(None),
        };
        stats.load();
        stats.load_communes();
        stats
    }

    /// The communes of the territory, for the residence filter (without
    /// them, the filter offers nothing but everyone).
    fn load_communes(self) {
        spawn_local(async move {
            if let Ok(mut communes) = api::get_json::<Vec<Commune>>(routes::COMMUNES).await {
                communes.sort_by(|a, b| a.name.cmp(&b.name));
                self.communes.set(communes);
            }
        });
    }

    /// Whether a filter is on.
    pub fn filtered(self) -> bool {
        [self.kind, self.living, self.category]
            .iter()
            .any(|f| f.with(|v| !v.is_empty()))
    }

    /// A period chosen in the list sets the dates (chosen dates keep them).
    pub fn choose_period(self, period: Period) {
        self.period.set(period);
        let Some((from, to)) = period.days(today()) else {
            return;
        };
        self.from.set(from.to_string());
        self.to.set(to.to_string());
        self.load();
    }

    /// The query of a report, with a file format or none.
    fn query_for(self, from: &str, to: &str, format: Option<&str>) -> String {
        let mut query = format!("{}?from={from}&to={to}", routes::STATS_USAGE);
        let site = self.site.get_untracked();
        if !site.is_empty() {
            query.push_str(&format!("&site_id={site}"));
        }
        let kind = self.kind.get_untracked();
        if !kind.is_empty() {
            query.push_str(&format!("&kind={kind}"));
        }
        // "commune:48095" asks for commune=48095.
        if let Some((level, code)) = self.living.get_untracked().split_once(':') {
            query.push_str(&format!("&{level}={code}"));
        }
        let category = self.category.get_untracked();
        if !category.is_empty() {
            query.push_str(&format!("&category={category}"));
        }
        if let Some(format) = format {
            query.push_str(&format!("&format={format}"));
        }
        query
    }

    /// The query of the report shown, with a file format or none.
    pub fn query(self, format: Option<&str>) -> String {
        self.query_for(&self.from.get_untracked(), &self.to.get_untracked(), format)
    }

    /// The days compared with, when a comparison is asked for.
    pub fn earlier_days(self) -> Option<(Day, Day)> {
        let from = Day::parse(&self.from.get_untracked())?;
        let to = Day::parse(&self.to.get_untracked())?;
        self.compare.get_untracked().days(from, to)
    }

    pub fn load(self) {
        let (from, to) = (self.from.get_untracked(), self.to.get_untracked());
        if Day::parse(&from).is_none() || Day::parse(&to).is_none() {
            return;
        }
        let query = self.query(None);
        let every_site = self.site.with_untracked(String::is_empty);
        self.report.set(None);
        spawn_local(async move {
            let answer = api::get_json::<UsageReport>(&query).await;
            // A slower answer to an earlier choice must not replace this one.
            if self.query(None) != query {
                return;
            }
            if let (Ok(report), true) = (&answer, every_site) {
                let mut seen: Vec<(SiteId, String)> = Vec::new();
                for row in &report.rows {
                    if !seen.iter().any(|(id, _)| *id == row.site_id) {
                        seen.push((row.site_id, row.site_name.clone()));
                    }
                }
                seen.sort_by(|a, b| a.1.cmp(&b.1));
                self.sites.set(seen);
            }
            self.report.set(Some(answer));
        });
        self.load_earlier();
    }

    /// The report of the period compared with, or none.
    pub fn load_earlier(self) {
        self.earlier.set(None);
        let Some((from, to)) = self.earlier_days() else {
            return;
        };
        let query = self.query_for(&from.to_string(), &to.to_string(), None);
        spawn_local(async move {
            let answer = api::get_json::<UsageReport>(&query).await;
            // A slower answer to an earlier choice must not replace this one.
            let still_asked = self.earlier_days().is_some_and(|(from, to)| {
                self.query_for(&from.to_string(), &to.to_string(), None) == query
            });
            if still_asked {
                self.earlier.set(Some(answer));
            }
        });
    }
}

/// A figure the server may keep secret: the number, or "masqué"/"hidden".
pub fn shown(value: Option<f64>, french: bool, hidden: &str) -> String {
    value.map_or_else(|| hidden.to_owned(), |v| number(v, french))
}

/// A count of bookings the server may keep secret.
pub fn shown_count(value: Option<u64>, french: bool, hidden: &str) -> String {
    shown(value.map(|n| n as f64), french, hidden)
}

/// A count of people as published: the number, or "< k" under the threshold.
pub fn people_count(people: Option<u64>, k: u32) -> String {
    people.map_or_else(|| format!("< {k}"), |n| n.to_string())
}

/// What stands for a count of people `report` does not publish: "< k"; but
/// `hidden` ("masqué") through a filter, where a count may be hidden for
/// its neighbours' sake, not for being small.
pub fn unpublished_people(report: &UsageReport, hidden: &str) -> String {
    if report.filter.is_empty() {
        format!("< {}", report.k)
    } else {
        hidden.to_owned()
    }
}

/// An occupancy as a whole percent, or "—".
pub fn percent(occupancy: Option<f64>) -> String {
    occupancy.map_or_else(|| "—".to_owned(), |o| format!("{} %", (o * 100.0).round()))
}

/// "1 920" or "44,5" in French, "1,920" or "44.5" in English.
pub fn number(value: f64, french: bool) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let whole = rounded.trunc() as i64;
    let tenth = ((rounded - whole as f64).abs() * 10.0).round() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        let left = digits.len() - i;
        if i > 0 && left.is_multiple_of(3) {
            grouped.push(if french { '\u{202f}' } else { ',' });
        }
        grouped.push(c);
    }
    let sign = if whole < 0 { "-" } else { "" };
    match (tenth, french) {
        (0, _) => format!("{sign}{grouped}"),
        (t, true) => format!("{sign}{grouped},{t}"),
        (t, false) => format!("{sign}{grouped}.{t}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_each_language_writes_them() {
        assert_eq!(number(1920.0, true), "1\u{202f}920");
        assert_eq!(number(1920.0, false), "1,920");
        assert_eq!(number(44.5, true), "44,5");
        assert_eq!(number(44.5, false), "44.5");
        assert_eq!(number(0.0, true), "0");
    }
}
