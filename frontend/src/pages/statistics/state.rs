//! What the statistics page holds: the period and site asked for, the
//! report the server computed for them, and the sites the person may see.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::UsageReport;
use shared::calendar::Day;
use shared::ids::SiteId;
use shared::{ErrorDetail, routes};

use crate::api;
use crate::local_time;

/// The periods offered, in the order of `StatsTexts::periods`.
pub const LAST_MONTH: usize = 0;
pub const LAST_THREE_MONTHS: usize = 1;
pub const LAST_TWELVE_MONTHS: usize = 2;
pub const CHOSEN_DATES: usize = 3;

/// Every signal of the page (all `Copy`).
#[derive(Clone, Copy)]
pub struct Stats {
    pub period: RwSignal<usize>,
    pub from: RwSignal<String>,
    pub to: RwSignal<String>,
    /// A site's id, or empty for every site the person may see.
    pub site: RwSignal<String>,
    /// The latest answer; `None` while it is on its way.
    pub report: RwSignal<Option<Result<UsageReport, ErrorDetail>>>,
    /// (id, name) of the sites seen in an answer for every site.
    pub sites: RwSignal<Vec<(SiteId, String)>>,
}

/// The first and last day of a period ending with last month.
fn months_back(months: i64) -> (Day, Day) {
    let today = local_time::to_local(&local_time::browser_zone(), local_time::now()).0;
    let this_month = Day::from_number(today).first_of_month();
    let mut first = this_month;
    for _ in 0..months {
        first = first.plus_days(-1).first_of_month();
    }
    (first, this_month.plus_days(-1))
}

impl Stats {
    pub fn new() -> Stats {
        let (from, to) = months_back(1);
        let stats = Stats {
            period: RwSignal::new(LAST_MONTH),
            from: RwSignal::new(from.to_string()),
            to: RwSignal::new(to.to_string()),
            site: RwSignal::new(String::new()),
            report: RwSignal::new(None),
            sites: RwSignal::new(Vec::new()),
        };
        stats.load();
        stats
    }

    /// A period chosen in the list sets the dates (chosen dates keep them).
    pub fn choose_period(self, period: usize) {
        self.period.set(period);
        let months = match period {
            LAST_MONTH => 1,
            LAST_THREE_MONTHS => 3,
            LAST_TWELVE_MONTHS => 12,
            _ => return,
        };
        let (from, to) = months_back(months);
        self.from.set(from.to_string());
        self.to.set(to.to_string());
        self.load();
    }

    /// The query of the report shown, with a file format or none.
    pub fn query(self, format: Option<&str>) -> String {
        let mut query = format!(
            "{}?from={}&to={}",
            routes::STATS_USAGE,
            self.from.get_untracked(),
            self.to.get_untracked()
        );
        let site = self.site.get_untracked();
        if !site.is_empty() {
            query.push_str(&format!("&site_id={site}"));
        }
        if let Some(format) = format {
            query.push_str(&format!("&format={format}"));
        }
        query
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
