//! Usage statistics, the pure part: which period a local day falls in, a
//! site's open desk-hours, its bookings counted per period, and statistical
//! secrecy (a count of people under the threshold is never published).
//!
//! Everything here works on local days of the site (its time zone), as the
//! people there lived them; the use case reads the rows and hands them over.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::local_time;

/// The smallest count of people ever published (INSEE's practice for data
/// on individuals is 11; a network may lower it, never under this).
pub const MIN_THRESHOLD: u32 = 5;
/// The threshold when the network says nothing.
pub const DEFAULT_THRESHOLD: u32 = 11;

/// How days are grouped into rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grouping {
    Month,
    /// ISO weeks, Monday to Sunday.
    Week,
}

impl Grouping {
    /// Its name in the tallies of erased people.
    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Month => "month",
            Grouping::Week => "week",
        }
    }

    /// The period of a day: "2027-01" by month, "2027-W02" by ISO week.
    pub fn period(self, day: NaiveDate) -> String {
        match self {
            Grouping::Month => format!("{:04}-{:02}", day.year(), day.month()),
            Grouping::Week => {
                let week = day.iso_week();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
        }
    }
}

/// A count of people as it may be published: the number when it is at least
/// the threshold, nothing otherwise (the reader sees "< k").
pub fn published(people: u64, threshold: u32) -> Option<u64> {
    (people >= u64::from(threshold.max(MIN_THRESHOLD))).then_some(people)
}

/// When a resource came to a site and when it went (`None`: still there).
pub type Presence = (DateTime<Utc>, Option<DateTime<Utc>>);

/// A site as the figures need it.
pub struct Site {
    pub zone: Tz,
    /// (ISO weekday 1–7, opens, closes) in minutes of the day.
    pub hours: Vec<(u8, u16, u16)>,
    /// Closed days, first and last included.
    pub closures: Vec<(NaiveDate, NaiveDate)>,
    /// When each bookable resource came and went.
    pub resources: Vec<Presence>,
    /// How long before its start a booking may still be cancelled freely.
    pub cancel_deadline_minutes: i64,
}

/// A booking as the figures need it: no name, the person only as an id to
/// count distinct people.
#[derive(Clone)]
pub struct Booked {
    pub person: Option<i64>,
    pub resource: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub no_show: bool,
    pub beyond_quota: bool,
}

/// Who made a line, as far as secrecy needs to know: nobody, one person
/// (named by id), bookings that name nobody (people who deleted their
/// account), or several people. Lines merge like the sets of people they
/// stand for, so a day's summary keeps this instead of the set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "i64", into = "i64")]
pub enum Makers {
    #[default]
    Nobody,
    One(i64),
    Anonymous,
    Several,
}

impl Makers {
    /// Adds one booking's person (`None`: a deleted account).
    pub fn add(&mut self, person: Option<i64>) {
        *self = self.merge(person.map_or(Makers::Anonymous, Makers::One));
    }

    /// The makers of two lines together.
    pub fn merge(self, other: Makers) -> Makers {
        match (self, other) {
            (Makers::Nobody, x) | (x, Makers::Nobody) => x,
            (Makers::One(a), Makers::One(b)) if a == b => Makers::One(a),
            (Makers::Anonymous, Makers::Anonymous) => Makers::Anonymous,
            _ => Makers::Several,
        }
    }

    /// Whether one person alone made the line, `erased` people being counted
    /// there by the tallies of deleted accounts (bookings that name nobody
    /// are one person at least).
    pub fn alone(self, erased: u64) -> bool {
        match self {
            Makers::Nobody => erased == 1,
            Makers::One(_) => erased == 0,
            Makers::Anonymous => erased <= 1,
            Makers::Several => false,
        }
    }

    /// Whether the bookings are one person's, or people's who deleted their
    /// account (one at least), whatever else is counted beside them.
    pub fn lone(self) -> bool {
        matches!(self, Makers::One(_) | Makers::Anonymous)
    }

    /// Whether two people at least made the line, for sure.
    pub fn several(self) -> bool {
        self == Makers::Several
    }
}

/// Stored as one number: a person's id (positive), 0 for nobody, -1 for a
/// deleted account, -2 for several.
impl From<i64> for Makers {
    fn from(n: i64) -> Makers {
        match n {
            0 => Makers::Nobody,
            -1 => Makers::Anonymous,
            n if n > 0 => Makers::One(n),
            _ => Makers::Several,
        }
    }
}

impl From<Makers> for i64 {
    fn from(m: Makers) -> i64 {
        match m {
            Makers::Nobody => 0,
            Makers::One(id) => id,
            Makers::Anonymous => -1,
            Makers::Several => -2,
        }
    }
}

/// The figures of one site in one period, before secrecy. Stored in a
/// day's summary without its open hours (they come from the opening hours)
/// or its people (kept apart), under short names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    #[serde(skip)]
    pub open_minutes: u64,
    #[serde(rename = "m")]
    pub booked_minutes: u64,
    #[serde(rename = "b")]
    pub bookings: u64,
    #[serde(rename = "c")]
    pub cancellations: u64,
    /// Cancelled after the site's free-cancellation deadline.
    #[serde(rename = "l")]
    pub late_cancellations: u64,
    #[serde(rename = "n")]
    pub no_shows: u64,
    /// Bookings not cancelled beyond the person's free quota.
    #[serde(rename = "q")]
    pub beyond_quota: u64,
    /// Distinct people with a booking that was not cancelled.
    #[serde(skip)]
    pub people: HashSet<i64>,
    /// Who made the bookings, cancelled ones included.
    #[serde(rename = "w")]
    pub makers: Makers,
    /// Who made the bookings that were kept, the people who came: the
    /// hours, no-shows and bookings beyond quota are theirs alone, and are
    /// one person's when someone else only cancelled (a site with one user
    /// in a month, whoever else booked and cancelled).
    #[serde(rename = "y", default)]
    pub kept_makers: Makers,
}

impl Figures {
    /// Whether one person alone made the line, with `erased` people of
    /// deleted accounts counted there.
    pub fn alone(&self, erased: u64) -> bool {
        self.makers.alone(erased) || self.kept_makers.lone()
    }

    /// Counts one booking, with the site's free-cancellation deadline.
    pub fn count(&mut self, b: &Booked, cancel_deadline_minutes: i64) {
        self.bookings += 1;
        self.makers.add(b.person);
        match b.cancelled_at {
            Some(at) => {
                self.cancellations += 1;
                let deadline = b.start - chrono::Duration::minutes(cancel_deadline_minutes);
                if at > deadline {
                    self.late_cancellations += 1;
                }
            }
            None => {
                self.kept_makers.add(b.person);
                let minutes = (b.end - b.start).num_minutes().max(0);
                self.booked_minutes += u64::try_from(minutes).unwrap_or(0);
                self.no_shows += u64::from(b.no_show);
                self.beyond_quota += u64::from(b.beyond_quota);
                if let Some(person) = b.person {
                    self.people.insert(person);
                }
            }
        }
    }

    /// Adds another line's activity and makers (open hours and people are
    /// the caller's: they do not simply add up).
    pub fn add_activity(&mut self, other: &Figures) {
        self.booked_minutes += other.booked_minutes;
        self.bookings += other.bookings;
        self.cancellations += other.cancellations;
        self.late_cancellations += other.late_cancellations;
        self.no_shows += other.no_shows;
        self.beyond_quota += other.beyond_quota;
        self.makers = self.makers.merge(other.makers);
        self.kept_makers = self.kept_makers.merge(other.kept_makers);
    }
}

/// Which lines' activity (bookings, hours) must stay secret: the lines one
/// person made alone, and enough others that no period's total or the
/// report's gives one back (`secrecy::ActivityRule`). `lines` are (period,
/// bookings, made by one person); the answer says, for each line, for each
/// period and for the whole report, whether it is hidden.
pub fn hidden_activity(lines: &[(String, u64, bool)]) -> (Vec<bool>, BTreeMap<String, bool>, bool) {
    use super::secrecy::{self, ActivityRule, Cell, Sum};
    let mut cells: Vec<Cell> = lines
        .iter()
        .map(|(_, bookings, alone)| Cell {
            value: *bookings,
            hidden: *alone,
        })
        .collect();
    let mut periods: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (period, _, _)) in lines.iter().enumerate() {
        periods.entry(period.clone()).or_default().push(i);
    }
    let mut sums = Vec::new();
    let mut period_cells = Vec::new();
    for parts in periods.values() {
        let value = parts.iter().map(|p| lines[*p].1).sum();
        cells.push(Cell {
            value,
            hidden: false,
        });
        period_cells.push(cells.len() - 1);
        sums.push(Sum {
            whole: cells.len() - 1,
            parts: parts.clone(),
        });
    }
    cells.push(Cell {
        value: lines.iter().map(|l| l.1).sum(),
        hidden: false,
    });
    sums.push(Sum {
        whole: cells.len() - 1,
        parts: period_cells.clone(),
    });
    secrecy::protect(&mut cells, &sums, &ActivityRule);
    let rows = cells[..lines.len()].iter().map(|c| c.hidden).collect();
    let by_period = periods
        .keys()
        .cloned()
        .zip(period_cells.iter().map(|i| cells[*i].hidden))
        .collect();
    (rows, by_period, cells[cells.len() - 1].hidden)
}

/// Which site lines and totals of a report keep their activity secret: a
/// line one person made alone, and every total that adds it up (its
/// period's, the report's). Nothing else is hidden, and nothing depends on
/// which other lines the report holds, so a total published in one report
/// never holds a line hidden in another. (Hiding a neighbouring line
/// instead, as `hidden_activity` does, protects one table but not two
/// reports of different spans: January's total, then January and
/// February's, would give February back.) Two reports of chosen days that
/// differ by a day, or the same days by month and by week, can still differ
/// by what one person alone did on those days: reports of whole months are
/// the safe ones.
pub fn lone_activity_hidden(
    lines: &[(String, u64, bool)],
) -> (Vec<bool>, BTreeMap<String, bool>, bool) {
    let rows: Vec<bool> = lines.iter().map(|(_, _, alone)| *alone).collect();
    let mut periods: BTreeMap<String, bool> = BTreeMap::new();
    for (period, _, alone) in lines {
        *periods.entry(period.clone()).or_default() |= *alone;
    }
    let whole = rows.iter().any(|h| *h);
    (rows, periods, whole)
}

/// The figures of a site for every period meeting the days `from` to `to`
/// (both included), by period. Bookings count on the local day they start.
pub fn site_figures(
    site: &Site,
    bookings: &[Booked],
    from: NaiveDate,
    to: NaiveDate,
    grouping: Grouping,
) -> BTreeMap<String, Figures> {
    let mut rows: BTreeMap<String, Figures> = BTreeMap::new();
    for day in from.iter_days().take_while(|d| *d <= to) {
        let figures = rows.entry(grouping.period(day)).or_default();
        figures.open_minutes += open_minutes(site, day);
    }
    for b in bookings {
        let (day, _) = local_time::local(site.zone, b.start);
        if day < from || day > to {
            continue;
        }
        rows.entry(grouping.period(day))
            .or_default()
            .count(b, site.cancel_deadline_minutes);
    }
    rows
}

/// Who booked one hour of one weekday, over a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeatCell {
    /// Bookings there during that hour (a booking counts in each hour it covers).
    pub bookings: u64,
    pub makers: Makers,
}

impl HeatCell {
    /// Made by one person alone, as far as can be told.
    pub fn alone(&self) -> bool {
        self.makers.alone(0)
    }
}

/// Adds the bookings of a site that were not cancelled, on local days
/// `from` to `to`, to the heat map keyed by (ISO weekday 1–7, hour 0–23)
/// of the site's local time.
pub fn add_heat(
    heat: &mut BTreeMap<(u8, u8), HeatCell>,
    zone: Tz,
    bookings: &[Booked],
    from: NaiveDate,
    to: NaiveDate,
) {
    for b in bookings.iter().filter(|b| b.cancelled_at.is_none()) {
        let (day, start) = local_time::local(zone, b.start);
        if day < from || day > to {
            continue;
        }
        let (end_day, end) = local_time::local(zone, b.end);
        // Bookings end on their day; one past midnight counts to midnight.
        let end_minutes = if end_day > day {
            24 * 60
        } else {
            end.minutes()
        };
        let weekday = local_time::weekday(day);
        let first = start.minutes() / 60;
        let last = end_minutes.saturating_sub(1) / 60;
        for hour in first..=last.min(23) {
            if u32::from(hour) * 60 >= u32::from(end_minutes) {
                break;
            }
            let cell = heat
                .entry((weekday, u8::try_from(hour).unwrap_or(0)))
                .or_default();
            cell.bookings += 1;
            cell.makers.add(b.person);
        }
    }
}

/// Desk-minutes a site offers on a local day: its opening hours that weekday
/// times the resources there that day, nothing on a closed day.
pub fn open_minutes(site: &Site, day: NaiveDate) -> u64 {
    if site
        .closures
        .iter()
        .any(|(first, last)| *first <= day && day <= *last)
    {
        return 0;
    }
    let weekday = u8::try_from(day.weekday().number_from_monday()).unwrap_or(1);
    let minutes: u64 = site
        .hours
        .iter()
        .filter(|(w, _, _)| *w == weekday)
        .map(|(_, opens, closes)| u64::from(closes.saturating_sub(*opens)))
        .sum();
    let there = site
        .resources
        .iter()
        .filter(|(came, went)| {
            local_time::local(site.zone, *came).0 <= day
                && went.is_none_or(|went| local_time::local(site.zone, went).0 > day)
        })
        .count();
    minutes * there as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    /// A booking of `person` on desk 1, kept, attended, within quota.
    fn booked(person: i64, start: &str, end: &str) -> Booked {
        Booked {
            person: Some(person),
            resource: 1,
            start: at(start),
            end: at(end),
            cancelled_at: None,
            no_show: false,
            beyond_quota: false,
        }
    }

    /// Open Monday to Friday 8:30–12:30 and 13:30–17:30, two desks since 2026.
    fn mende() -> Site {
        let mut hours = Vec::new();
        for weekday in 1..=5 {
            hours.push((weekday, 8 * 60 + 30, 12 * 60 + 30));
            hours.push((weekday, 13 * 60 + 30, 17 * 60 + 30));
        }
        let since = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Site {
            zone: chrono_tz::Europe::Paris,
            hours,
            closures: vec![(date("2027-01-01"), date("2027-01-01"))],
            resources: vec![(since, None), (since, None)],
            cancel_deadline_minutes: 24 * 60,
        }
    }

    #[test]
    fn periods_are_months_or_iso_weeks() {
        assert_eq!(Grouping::Month.period(date("2027-01-04")), "2027-01");
        assert_eq!(Grouping::Week.period(date("2027-01-04")), "2027-W01");
        // 1 January 2027 is a Friday: ISO week 53 of 2026.
        assert_eq!(Grouping::Week.period(date("2027-01-01")), "2026-W53");
    }

    #[test]
    fn open_hours_count_desks_and_skip_closures_and_weekends() {
        let site = mende();
        // Monday: 8 hours × 2 desks.
        assert_eq!(open_minutes(&site, date("2027-01-04")), 2 * 8 * 60);
        // Saturday, and a closed Friday.
        assert_eq!(open_minutes(&site, date("2027-01-02")), 0);
        assert_eq!(open_minutes(&site, date("2027-01-01")), 0);
        // A desk retired on the 6th counts up to the 5th.
        let mut site = site;
        site.resources[1].1 = Some(at("2027-01-06T10:00:00+01:00"));
        assert_eq!(open_minutes(&site, date("2027-01-05")), 2 * 8 * 60);
        assert_eq!(open_minutes(&site, date("2027-01-06")), 8 * 60);
    }

    #[test]
    fn a_week_of_bookings_by_hand() {
        let site = mende();
        let mut bookings = vec![
            booked(1, "2027-01-04T08:30:00+01:00", "2027-01-04T12:30:00+01:00"),
            booked(1, "2027-01-05T08:30:00+01:00", "2027-01-05T17:30:00+01:00"),
            booked(2, "2027-01-05T13:30:00+01:00", "2027-01-05T17:30:00+01:00"),
            // Before the range: not counted.
            booked(3, "2027-01-03T23:30:00+01:00", "2027-01-04T00:30:00+01:00"),
        ];
        bookings.push(Booked {
            no_show: true,
            ..booked(3, "2027-01-06T08:30:00+01:00", "2027-01-06T12:30:00+01:00")
        });
        // Cancelled two days ahead (early), and an hour ahead (late).
        bookings.push(Booked {
            cancelled_at: Some(at("2027-01-05T08:00:00+01:00")),
            ..booked(4, "2027-01-07T08:30:00+01:00", "2027-01-07T12:30:00+01:00")
        });
        bookings.push(Booked {
            cancelled_at: Some(at("2027-01-08T07:30:00+01:00")),
            ..booked(5, "2027-01-08T08:30:00+01:00", "2027-01-08T12:30:00+01:00")
        });
        let rows = site_figures(
            &site,
            &bookings,
            date("2027-01-04"),
            date("2027-01-10"),
            Grouping::Week,
        );
        assert_eq!(rows.len(), 1);
        let week = &rows["2027-W01"];
        assert_eq!(week.open_minutes, 5 * 2 * 8 * 60);
        assert_eq!(week.booked_minutes, (4 + 9 + 4 + 4) * 60);
        assert_eq!(week.bookings, 6);
        assert_eq!(week.cancellations, 2);
        assert_eq!(week.late_cancellations, 1);
        assert_eq!(week.no_shows, 1);
        assert_eq!(week.people, HashSet::from([1, 2, 3]));
    }

    #[test]
    fn one_persons_line_is_hidden_with_a_neighbour() {
        let lines = [
            ("2027-01".to_owned(), 40, false),
            ("2027-01".to_owned(), 3, true),
            ("2027-01".to_owned(), 25, false),
            ("2027-02".to_owned(), 50, false),
        ];
        let (rows, periods, whole) = hidden_activity(&lines);
        // January's total minus the others would give the lone line: the
        // smallest other line of January is hidden too.
        assert_eq!(rows, [false, true, true, false]);
        assert!(!periods["2027-01"] && !periods["2027-02"] && !whole);
        // One site, one month, one person: nothing of it is published.
        let (rows, periods, whole) = hidden_activity(&[("2027-01".to_owned(), 2, true)]);
        assert_eq!(rows, [true]);
        assert!(periods["2027-01"] && whole);
    }

    #[test]
    fn the_heat_map_counts_each_hour_a_booking_covers() {
        let mut heat = BTreeMap::new();
        let bookings = [
            // Monday 9:00–12:00 and 9:30–10:30; Tuesday 13:30–14:00.
            booked(1, "2027-01-04T09:00:00+01:00", "2027-01-04T12:00:00+01:00"),
            booked(2, "2027-01-04T09:30:00+01:00", "2027-01-04T10:30:00+01:00"),
            booked(2, "2027-01-05T13:30:00+01:00", "2027-01-05T14:00:00+01:00"),
        ];
        add_heat(
            &mut heat,
            chrono_tz::Europe::Paris,
            &bookings,
            date("2027-01-04"),
            date("2027-01-10"),
        );
        let count = |day, hour| heat.get(&(day, hour)).map_or(0, |c| c.bookings);
        assert_eq!(
            (count(1, 9), count(1, 10), count(1, 11), count(1, 12)),
            (2, 2, 1, 0)
        );
        assert_eq!((count(2, 13), count(2, 14)), (1, 0));
        assert!(heat[&(2, 13)].alone() && !heat[&(1, 9)].alone());
    }

    #[test]
    fn counts_of_people_under_the_threshold_are_not_published() {
        assert_eq!(published(10, 11), None);
        assert_eq!(published(11, 11), Some(11));
        // A network cannot go under the floor.
        assert_eq!(published(4, 1), None);
        assert_eq!(published(5, 1), Some(5));
        assert_eq!(published(0, 11), None);
    }

    #[test]
    fn a_lone_line_hides_itself_and_every_total_that_holds_it() {
        let line = |period: &str, bookings: u64, alone: bool| (period.to_owned(), bookings, alone);
        let (rows, periods, whole) = lone_activity_hidden(&[
            line("2027-01", 15, false),
            line("2027-02", 1, true),
            line("2027-02", 9, false),
        ]);
        assert_eq!(rows, [false, true, false]);
        assert!(!periods["2027-01"]);
        assert!(periods["2027-02"]);
        assert!(whole);
        let (_, periods, whole) = lone_activity_hidden(&[line("2027-01", 15, false)]);
        assert!(!periods["2027-01"] && !whole);
    }
}
