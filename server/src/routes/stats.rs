//! Usage statistics: the report as JSON or as a file, for administrators and
//! hosts, with nobody named and small counts of people kept secret.

use axum::Json;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::api::{Category, ResourceKind, UsageFormat, UsageGrouping, UsageReport, UsageTable};
use shared::ids::SiteId;
use shared::routes as paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::context::Ctx;
use crate::app;
use crate::auth::{PersonContext, Principal};
use crate::domain::{usage_files, usage_sheets};
use crate::error::{ApiError, ApiQuery};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(usage))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct UsageQuery {
    /// First day, included (YYYY-MM-DD, a year from 2000 to 2200).
    from: String,
    /// Last day, included (YYYY-MM-DD); at most 731 days after `from`.
    to: String,
    /// One site only.
    site_id: Option<i64>,
    /// Rows per month (default) or per ISO week.
    group: Option<UsageGrouping>,
    /// `json` (default), `csv`, `csv-excel`, `xlsx` or `ods`.
    format: Option<UsageFormat>,
    /// With a CSV format: `usage` (default, a line per site and period) or
    /// `people` (who came, by residence and situation).
    table: Option<UsageTable>,
    /// Only this kind of space (its open hours, its bookings). One filter at
    /// a time: `kind`, `commune`, `epci` or `category`.
    kind: Option<ResourceKind>,
    /// Only the bookings of residents of this commune (INSEE code).
    commune: Option<String>,
    /// Only the bookings of residents of this EPCI (SIREN code).
    epci: Option<String>,
    /// Only the bookings of people who declared this situation.
    category: Option<Category>,
}

#[utoipa::path(get, path = paths::STATS_USAGE, tag = "statistics", params(UsageQuery),
    responses((status = 200, description = "The figures of each site the caller may see, per period; a count of people under `k` is `null` with `people_suppressed`. As a file with `format=csv` (RFC 4180), `format=csv-excel` (semicolons, decimal commas, UTF-8 with a byte-order mark), `format=xlsx` or `format=ods` (four sheets: the figures, the people, the free access per policy, and what they mean); a CSV file holds the people's table with `table=people`",
            content((UsageReport = "application/json"), (String = "text/csv"),
                (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (String = "application/vnd.oasis.opendocument.spreadsheet"))),
        (status = 400, description = "`invalid_date`, `invalid_interval`, `unknown_commune`, `unknown_epci`, more than one of `kind`, `commune`, `epci` and `category` (`bad_request`), or an unknown parameter value", body = shared::ErrorBody),
        (status = 401, body = shared::ErrorBody),
        (status = 403, description = "Not an administrator or a host, or a site outside the caller's territory; a machine key without the statistics scope", body = shared::ErrorBody)))]
async fn usage(
    ctx: Ctx,
    principal: Principal,
    ApiQuery(query): ApiQuery<UsageQuery>,
) -> Result<Response, ApiError> {
    let mut ask = app::stats::Ask::new(
        &query.from,
        &query.to,
        query.site_id.map(SiteId),
        query.group.unwrap_or_default(),
    )?;
    ask.only = app::stats::Only::new(query.kind, query.commune, query.epci, query.category)?;
    // A statistics API key reads the whole network (the policy let no other
    // machine in); a person, what their roles name.
    let caller = match &principal {
        Principal::Person(person) => Some(person),
        _ => None,
    };
    let report = app::stats::usage(
        &ctx.db,
        &ctx.write_gate,
        caller,
        &ask,
        ctx.config.stats_threshold,
    )
    .await?;
    let about = || usage_sheets::About {
        network: "Relais".to_owned(),
        territory: territory(caller, query.site_id.is_some(), &report),
        produced: ctx.now.format("%Y-%m-%d %H:%M UTC").to_string(),
        filter: filter_in_words(&report),
    };
    Ok(match query.format.unwrap_or_default() {
        UsageFormat::Json => Json(report).into_response(),
        UsageFormat::Csv | UsageFormat::CsvExcel => {
            let excel = query.format == Some(UsageFormat::CsvExcel);
            match query.table.unwrap_or_default() {
                UsageTable::Usage => file(&report, "csv", CSV, usage_files::csv(&report, excel)),
                UsageTable::People => file(
                    &report,
                    "people.csv",
                    CSV,
                    usage_files::people_csv(&report, excel),
                ),
            }
        }
        UsageFormat::Xlsx => {
            let bytes = usage_sheets::xlsx(&report, &about())
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("XLSX not written: {e}")))?;
            file(&report, "xlsx", XLSX, bytes)
        }
        UsageFormat::Ods => {
            let bytes = usage_sheets::ods(&report, &about())
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("ODS not written: {e}")))?;
            file(&report, "ods", ODS, bytes)
        }
    })
}

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// What the figures cover, in words, for the spreadsheets.
fn territory(caller: Option<&PersonContext>, one_site: bool, report: &UsageReport) -> String {
    if !one_site && caller.is_none_or(PersonContext::is_network_admin) {
        return "Tout le réseau".to_owned();
    }
    let mut names: Vec<&str> = report.rows.iter().map(|r| r.site_name.as_str()).collect();
    names.dedup();
    names.join(", ")
}

/// The report's filter in French words, for the spreadsheets.
fn filter_in_words(report: &UsageReport) -> Option<String> {
    let filter = &report.filter;
    let mut words = Vec::new();
    if let Some(kind) = filter.kind {
        words.push(usage_sheets::kind_name(kind).to_owned());
    }
    if let Some(commune) = &filter.commune {
        words.push(format!("habitants de la commune {commune} (code INSEE)"));
    }
    if let Some(epci) = &filter.epci {
        words.push(format!("habitants de l'EPCI {epci} (SIREN)"));
    }
    if filter.category.is_some() {
        words.push(usage_sheets::situation(filter.category).to_owned());
    }
    (!words.is_empty()).then(|| words.join(" ; "))
}

fn file(
    report: &UsageReport,
    extension: &str,
    content_type: &'static str,
    body: impl Into<axum::body::Body>,
) -> Response {
    let disposition = format!(
        "attachment; filename=\"{}\"",
        usage_files::file_name(report, extension)
    );
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body.into(),
    )
        .into_response()
}
