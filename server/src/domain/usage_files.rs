//! A usage report as files, the same numbers as the screen: CSV as RFC 4180
//! says (comma, full stop for decimals, UTF-8) for data pipelines, and CSV as
//! French Excel opens it (semicolon, decimal comma, a byte-order mark so the
//! accents survive, French headings).

use shared::api::{UsageReport, UsageRow};

use super::usage_sheets::people_lines;

/// A report as CSV; `excel` for French Excel.
pub fn csv(report: &UsageReport, excel: bool) -> String {
    let (separator, headings) = if excel {
        (';', FRENCH_HEADINGS)
    } else {
        (',', HEADINGS)
    };
    let mut out = String::new();
    if excel {
        out.push('\u{feff}');
    }
    line(
        &mut out,
        headings.iter().map(|h| (*h).to_owned()),
        separator,
    );
    for row in &report.rows {
        line(&mut out, cells(row, report.k, excel), separator);
    }
    out
}

/// The people's table as CSV: a line per count (see
/// `usage_sheets::people_lines`), a secret count empty with `people_suppressed`
/// for pipelines, "< k" for French Excel.
pub fn people_csv(report: &UsageReport, excel: bool) -> String {
    let separator = if excel { ';' } else { ',' };
    let mut out = String::new();
    if excel {
        out.push('\u{feff}');
    }
    let headings: &[&str] = if excel {
        &["Ligne", "Code", "Nom", "Personnes"]
    } else {
        &["line", "code", "name", "people", "people_suppressed"]
    };
    line(
        &mut out,
        headings.iter().map(|h| (*h).to_owned()),
        separator,
    );
    for p in people_lines(report) {
        let people = match (p.people, excel) {
            (Some(n), _) => n.to_string(),
            (None, true) => format!("< {}", report.k),
            (None, false) => String::new(),
        };
        let mut cells = vec![
            if excel { p.label } else { p.key }.to_owned(),
            p.code.unwrap_or_default(),
            p.name,
            people,
        ];
        if !excel {
            cells.push(p.people.is_none().to_string());
        }
        line(&mut out, cells.into_iter(), separator);
    }
    out
}

/// The file's name: `relais-usage-2027-01-01-2027-12-31.csv` (or `.xlsx`, `.ods`).
pub fn file_name(report: &UsageReport, extension: &str) -> String {
    format!("relais-usage-{}-{}.{extension}", report.from, report.to)
}

const HEADINGS: &[&str] = &[
    "site_id",
    "site_name",
    "month",
    "week",
    "open_hours",
    "booked_hours",
    "occupancy",
    "bookings",
    "cancellations",
    "late_cancellations",
    "no_shows",
    "people",
    "people_suppressed",
    "beyond_quota",
    "activity_suppressed",
];

const FRENCH_HEADINGS: &[&str] = &[
    "Numéro du lieu",
    "Lieu",
    "Mois",
    "Semaine",
    "Heures-postes ouvertes",
    "Heures réservées",
    "Taux d'occupation",
    "Réservations",
    "Annulations",
    "Annulations tardives",
    "Absences",
    "Personnes",
    "Personnes masquées (secret statistique)",
    "Réservations au-delà du quota gratuit",
    "Activité masquée (une seule personne)",
];

fn cells(row: &UsageRow, k: u32, excel: bool) -> impl Iterator<Item = String> {
    let number = |value: f64| {
        let text = format!("{value}");
        if excel { text.replace('.', ",") } else { text }
    };
    let month = if excel {
        // "2027-01" → "01/2027", as French spreadsheets write a month.
        match row.month.split_once('-') {
            Some((year, month)) => format!("{month}/{year}"),
            None => row.month.clone(),
        }
    } else {
        row.month.clone()
    };
    let people = match (row.people, excel) {
        (Some(n), _) => n.to_string(),
        (None, true) => format!("< {k}"),
        (None, false) => String::new(),
    };
    let flag = |flag: bool| {
        match (flag, excel) {
            (true, true) => "oui",
            (false, true) => "non",
            (true, false) => "true",
            (false, false) => "false",
        }
        .to_owned()
    };
    // A secret count: empty for pipelines, said in words for people.
    let count = |n: Option<u64>| match (n, excel) {
        (Some(n), _) => n.to_string(),
        (None, true) => "masqué".to_owned(),
        (None, false) => String::new(),
    };
    [
        row.site_id.to_string(),
        row.site_name.clone(),
        month,
        row.week.clone().unwrap_or_default(),
        number(row.open_hours),
        row.booked_hours.map_or_else(|| count(None), number),
        row.occupancy.map(number).unwrap_or_default(),
        count(row.bookings),
        count(row.cancellations),
        count(row.late_cancellations),
        count(row.no_shows),
        people,
        flag(row.people_suppressed),
        count(row.beyond_quota),
        flag(row.activity_suppressed),
    ]
    .into_iter()
}

/// One record, quoted where RFC 4180 asks (a separator, a quote, a line
/// break), ended by CRLF.
fn line(out: &mut String, cells: impl Iterator<Item = String>, separator: char) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(separator);
        }
        if cell.contains([separator, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::UsageGrouping;
    use shared::ids::SiteId;

    fn report() -> UsageReport {
        let row = UsageRow {
            site_id: SiteId(1),
            site_name: "La Fabrique, Mende".to_owned(),
            month: "2027-01".to_owned(),
            week: None,
            open_hours: 320.0,
            booked_hours: Some(20.5),
            occupancy: Some(0.064),
            bookings: Some(7),
            cancellations: Some(1),
            late_cancellations: Some(0),
            no_shows: Some(0),
            people: None,
            people_suppressed: true,
            beyond_quota: Some(0),
            activity_suppressed: false,
        };
        UsageReport {
            from: "2027-01-01".to_owned(),
            to: "2027-01-31".to_owned(),
            k: 11,
            group: UsageGrouping::Month,
            rows: vec![
                row.clone(),
                UsageRow {
                    site_name: "Le \"Relais\"".to_owned(),
                    people: Some(12),
                    people_suppressed: false,
                    booked_hours: None,
                    occupancy: None,
                    bookings: None,
                    cancellations: None,
                    late_cancellations: None,
                    no_shows: None,
                    beyond_quota: None,
                    activity_suppressed: true,
                    ..row
                },
            ],
            ..UsageReport::default()
        }
    }

    #[test]
    fn csv_quotes_what_rfc_4180_asks_and_leaves_suppressed_counts_empty() {
        let text = csv(&report(), false);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], HEADINGS.join(","));
        assert_eq!(
            lines[1],
            "1,\"La Fabrique, Mende\",2027-01,,320,20.5,0.064,7,1,0,0,,true,0,false"
        );
        assert_eq!(
            lines[2],
            "1,\"Le \"\"Relais\"\"\",2027-01,,320,,,,,,,12,false,,true"
        );
        assert_eq!(lines[3], "");
    }

    #[test]
    fn french_excel_gets_semicolons_decimal_commas_and_a_bom() {
        let text = csv(&report(), true);
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[1],
            "1;La Fabrique, Mende;01/2027;;320;20,5;0,064;7;1;0;0;< 11;oui;0;non"
        );
        assert_eq!(
            lines[2],
            "1;\"Le \"\"Relais\"\"\";01/2027;;320;masqué;;masqué;masqué;masqué;masqué;12;non;masqué;oui"
        );
    }
}
