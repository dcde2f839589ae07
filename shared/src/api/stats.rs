//! Usage statistics: figures per site and period that identify nobody.

use serde::{Deserialize, Serialize};

use crate::ids::SiteId;

/// How the days of a report are grouped into rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UsageGrouping {
    /// Calendar months.
    #[default]
    Month,
    /// ISO weeks, Monday to Sunday.
    Week,
}

/// Which table a CSV file holds (a CSV file holds one; the workbooks hold
/// both, one per sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UsageTable {
    /// One line per site and period (the default).
    #[default]
    Usage,
    /// Who came: people and new people, by residence, by situation, and a
    /// territory's residents anywhere.
    People,
}

/// The file a report is answered as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum UsageFormat {
    /// This JSON document.
    #[default]
    #[serde(rename = "json")]
    Json,
    /// RFC 4180: comma, full stop for decimals, UTF-8.
    #[serde(rename = "csv")]
    Csv,
    /// For French Excel: semicolon, decimal comma, UTF-8 with a byte-order
    /// mark, dates as JJ/MM/AAAA.
    #[serde(rename = "csv-excel")]
    CsvExcel,
    /// An Excel workbook: typed numbers, months as dates, a second sheet
    /// that explains each column and statistical secrecy.
    #[serde(rename = "xlsx")]
    Xlsx,
    /// The same as an OpenDocument spreadsheet (LibreOffice).
    #[serde(rename = "ods")]
    Ods,
}

/// The figures of one site in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageRow {
    pub site_id: SiteId,
    pub site_name: String,
    /// "2027-01": the month, or the month of the week's first day in the report.
    pub month: String,
    /// "2027-W02" when grouped by week.
    pub week: Option<String>,
    /// Opening hours times the resources there, closures left out.
    pub open_hours: f64,
    /// Hours of the bookings that were not cancelled (no-shows included);
    /// `null` with `activity_suppressed`, like the counts below.
    pub booked_hours: Option<f64>,
    /// `booked_hours ÷ open_hours`, from 0 to 1; `null` when the site was
    /// not open or the activity is kept secret.
    pub occupancy: Option<f64>,
    /// Bookings starting in the period, cancelled ones included.
    pub bookings: Option<u64>,
    pub cancellations: Option<u64>,
    /// Cancelled after the site's free-cancellation deadline.
    pub late_cancellations: Option<u64>,
    pub no_shows: Option<u64>,
    /// Bookings beyond the person's free quota.
    pub beyond_quota: Option<u64>,
    /// True when one person alone made this line: its bookings and hours are
    /// not published (nor any total that holds it).
    pub activity_suppressed: bool,
    /// Distinct people with a booking that was not cancelled; `null` when
    /// fewer than `k` (statistical secrecy).
    pub people: Option<u64>,
    pub people_suppressed: bool,
}

/// The figures of all the report's sites added up, for one period or for
/// the whole report: what the headline and the chart show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageTotal {
    /// "2027-01" (or "2027-W02" by week); `null` for the whole report.
    pub period: Option<String>,
    pub open_hours: f64,
    pub booked_hours: Option<f64>,
    pub occupancy: Option<f64>,
    pub bookings: Option<u64>,
    pub cancellations: Option<u64>,
    pub late_cancellations: Option<u64>,
    pub no_shows: Option<u64>,
    pub beyond_quota: Option<u64>,
    /// True when a line it adds up is one person's activity (kept secret).
    pub activity_suppressed: bool,
}

/// The figures of one kind of resource over the whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindRow {
    pub kind: crate::api::ResourceKind,
    pub open_hours: f64,
    /// `null` when one person alone booked this kind (or when it must be
    /// hidden so that the total gives no such line back).
    pub booked_hours: Option<f64>,
    pub occupancy: Option<f64>,
    pub bookings: Option<u64>,
}

/// One hour of one weekday in the heat map of the report's bookings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeatCell {
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// 0 to 23, the site's local time: 9 is 9:00–10:00.
    pub hour: u8,
    /// Bookings not cancelled during that hour (one counts in each hour it
    /// covers); `null` when one person alone made it (or when it must be
    /// hidden so that no sum gives such a cell back).
    pub bookings: Option<u64>,
}

/// What a line of the residence breakdown stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResidenceLevel {
    /// An EPCI: the sum of its communes' lines, which follow it.
    Epci,
    /// A commune (of the EPCI above it, if any).
    Commune,
    /// The EPCI's communes too small to be named, counted together (after
    /// its named communes).
    OtherCommunes,
    /// People who did not say where they live.
    Unknown,
}

/// People of the report counted once each, by where they live.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResidenceRow {
    pub level: ResidenceLevel,
    /// The EPCI's SIREN or the commune's INSEE code; `null` for unknown.
    pub code: Option<String>,
    pub name: String,
    /// The EPCI a commune belongs to.
    pub epci_code: Option<String>,
    /// `null` with `people_suppressed` when under `k`, or when it would let
    /// a reader work out a smaller count (secondary suppression).
    pub people: Option<u64>,
    pub people_suppressed: bool,
}

/// People of the report by the situation they declared (a person with two
/// situations counts in both; `category` is `null` for "none declared").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryRow {
    pub category: Option<crate::api::Category>,
    pub people: Option<u64>,
    pub people_suppressed: bool,
}

/// For a commune or EPCI administrator: how many of their residents used
/// any site of the network in the period (a count, nothing more).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResidentsAnywhere {
    /// The commune or EPCI.
    pub territory: String,
    pub people: Option<u64>,
    pub people_suppressed: bool,
}

/// How much of a free-access policy the report's bookings used (charges,
/// minus refunds, plus no-show costs). A policy one person alone used
/// publishes `null`s with `activity_suppressed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaUseRow {
    pub policy_id: crate::ids::PolicyId,
    /// The policy's name as it reads now.
    pub name: String,
    pub measure: crate::api::QuotaMeasure,
    /// In the measure's unit (3.5 days, 12 half-days, 20.25 hours).
    pub used: Option<f64>,
    /// Bookings that still cost something of it.
    pub bookings: Option<u64>,
    pub activity_suppressed: bool,
}

/// The bookings a report counts, when not all: one kind of resource, the
/// residents of a commune or of an EPCI, people who declared a situation.
/// Open hours follow the kind only; every other figure follows them all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageFilter {
    pub kind: Option<crate::api::ResourceKind>,
    /// INSEE code of the commune of residence.
    pub commune: Option<String>,
    /// SIREN code of the EPCI of residence.
    pub epci: Option<String>,
    pub category: Option<crate::api::Category>,
}

impl UsageFilter {
    /// Whether the report counts every booking.
    pub fn is_empty(&self) -> bool {
        self.kind.is_none()
            && self.commune.is_none()
            && self.epci.is_none()
            && self.category.is_none()
    }
}

/// A usage report: what the statistics page shows and the exports hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageReport {
    /// First and last day, both included (YYYY-MM-DD).
    pub from: String,
    pub to: String,
    /// The threshold under which a count of people is not published.
    pub k: u32,
    pub group: UsageGrouping,
    /// What the report was filtered on (every field `null`: nothing).
    #[serde(default)]
    pub filter: UsageFilter,
    pub rows: Vec<UsageRow>,
    /// The rows added up, period by period, then the whole report (last,
    /// with `period` `null`).
    pub totals: Vec<UsageTotal>,
    /// Desks, meeting rooms and phone booths apart.
    pub kinds: Vec<KindRow>,
    /// The busiest days and hours: the cells with bookings, by weekday then hour.
    pub heat: Vec<HeatCell>,
    /// Distinct people over the whole report (all its sites and periods).
    pub people: Option<u64>,
    pub people_suppressed: bool,
    /// Of them, those whose first booking in the network is in the period.
    pub new_people: Option<u64>,
    pub new_people_suppressed: bool,
    /// The same people by EPCI and commune of residence.
    pub residence: Vec<ResidenceRow>,
    /// The same people by declared situation.
    pub categories: Vec<CategoryRow>,
    /// Commune and EPCI administrators only: their residents anywhere.
    pub residents_anywhere: Vec<ResidentsAnywhere>,
    /// The free-access policies the bookings drew on, by policy id.
    pub quotas: Vec<QuotaUseRow>,
}
