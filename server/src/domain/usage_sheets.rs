//! A usage report as spreadsheets, the same numbers as the screen: XLSX for
//! Excel and ODS for LibreOffice (what many French administrations open by
//! default). Both hold the same three sheets: the figures by site and period
//! (typed numbers, months as dates, the heading row frozen), the people by
//! residence and situation, and a sheet that says what the file covers and
//! what each column means, statistical secrecy included.

use std::io::Write;

use shared::api::{Category, QuotaMeasure, ResidenceLevel, ResourceKind, UsageReport};

use super::markup::escape;

/// What a file says about itself besides the rows.
pub struct About {
    pub network: String,
    /// The sites the figures cover, in words ("Tout le réseau", "La Fabrique de Mende"…).
    pub territory: String,
    /// When the file was made (YYYY-MM-DD HH:MM UTC).
    pub produced: String,
    /// What the figures were filtered on, in words; `None`: nothing.
    pub filter: Option<String>,
}

/// One cell of the figures sheet.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
    /// A month, written as its first day and shown as "01/2027".
    Month(i32, u32),
    Empty,
}

/// (heading, what the column means).
const COLUMNS: &[(&str, &str)] = &[
    ("Numéro du lieu", "L'identifiant du lieu dans Relais."),
    ("Lieu", "Le nom du tiers-lieu."),
    (
        "Mois",
        "Le mois (pour les semaines : le mois de leur premier jour dans la période).",
    ),
    (
        "Semaine",
        "La semaine ISO (lundi à dimanche), quand le tableau est par semaine.",
    ),
    (
        "Heures-postes ouvertes",
        "Heures d'ouverture × postes et salles présents, jours de fermeture exclus.",
    ),
    (
        "Heures réservées",
        "Durée des réservations non annulées (absences comprises).",
    ),
    (
        "Taux d'occupation",
        "Heures réservées ÷ heures-postes ouvertes (de 0 à 1).",
    ),
    (
        "Réservations",
        "Réservations commençant dans la période, annulées comprises.",
    ),
    ("Annulations", "Réservations annulées."),
    (
        "Annulations tardives",
        "Annulées après le délai d'annulation libre du lieu.",
    ),
    ("Absences", "Réservations non honorées."),
    (
        "Personnes",
        "Personnes distinctes ayant une réservation non annulée ; « < k » sous le seuil du secret statistique.",
    ),
    (
        "Personnes masquées",
        "« oui » quand le nombre de personnes est masqué.",
    ),
    (
        "Au-delà du quota",
        "Réservations non annulées au-delà du quota gratuit de la personne.",
    ),
    (
        "Activité masquée",
        "« oui » quand une seule personne a fait la ligne : ses réservations et heures sont « masqué », et les totaux qui la contiennent aussi.",
    ),
];

/// A count of bookings kept secret (one person's activity).
fn masked() -> Cell {
    Cell::Text("masqué".to_owned())
}

fn count(n: Option<u64>) -> Cell {
    n.map_or_else(masked, |n| Cell::Number(n as f64))
}

fn table(report: &UsageReport) -> Vec<Vec<Cell>> {
    report
        .rows
        .iter()
        .map(|row| {
            let month = row
                .month
                .split_once('-')
                .and_then(|(y, m)| Some(Cell::Month(y.parse().ok()?, m.parse().ok()?)))
                .unwrap_or_else(|| Cell::Text(row.month.clone()));
            vec![
                Cell::Number(row.site_id.0 as f64),
                Cell::Text(row.site_name.clone()),
                month,
                row.week.clone().map_or(Cell::Empty, Cell::Text),
                Cell::Number(row.open_hours),
                row.booked_hours.map_or_else(masked, Cell::Number),
                row.occupancy.map_or(Cell::Empty, Cell::Number),
                count(row.bookings),
                count(row.cancellations),
                count(row.late_cancellations),
                count(row.no_shows),
                row.people.map_or_else(
                    || Cell::Text(format!("< {}", report.k)),
                    |n| Cell::Number(n as f64),
                ),
                Cell::Text(if row.people_suppressed { "oui" } else { "non" }.to_owned()),
                count(row.beyond_quota),
                Cell::Text(
                    if row.activity_suppressed {
                        "oui"
                    } else {
                        "non"
                    }
                    .to_owned(),
                ),
            ]
        })
        .collect()
}

const PEOPLE_COLUMNS: [&str; 4] = ["Ligne", "Code", "Nom", "Personnes"];

/// A line of the people's table, for the sheet and for CSV.
pub struct PeopleLine {
    /// What the line counts, for machines: `total`, `new`, `epci`,
    /// `commune`, `other_communes`, `unknown`, `situation`,
    /// `residents_anywhere`.
    pub key: &'static str,
    /// The same in French, for people.
    pub label: &'static str,
    pub code: Option<String>,
    pub name: String,
    pub people: Option<u64>,
}

/// The report's people, new people, by EPCI and commune of residence, by
/// situation, and a territory's residents anywhere.
pub fn people_lines(report: &UsageReport) -> Vec<PeopleLine> {
    let line = |key, label, code, name: &str, people| PeopleLine {
        key,
        label,
        code,
        name: name.to_owned(),
        people,
    };
    let mut lines = vec![
        line(
            "total",
            "Ensemble",
            None,
            "Personnes distinctes sur la période",
            report.people,
        ),
        line(
            "new",
            "Nouvelles",
            None,
            "Première réservation dans le réseau",
            report.new_people,
        ),
    ];
    for r in &report.residence {
        let (key, label) = match r.level {
            ResidenceLevel::Epci => ("epci", "EPCI"),
            ResidenceLevel::Commune => ("commune", "Commune"),
            ResidenceLevel::OtherCommunes => ("other_communes", "Autres communes de l'EPCI"),
            ResidenceLevel::Unknown => ("unknown", "Résidence non indiquée"),
        };
        lines.push(line(key, label, r.code.clone(), &r.name, r.people));
    }
    for c in &report.categories {
        let code = c.category.map(|c| c.as_str().to_owned());
        lines.push(line(
            "situation",
            "Situation",
            code,
            situation(c.category),
            c.people,
        ));
    }
    for r in &report.residents_anywhere {
        lines.push(line(
            "residents_anywhere",
            "Habitants venus dans tout le réseau",
            None,
            &r.territory,
            r.people,
        ));
    }
    lines
}

/// The people sheet.
fn people_table(report: &UsageReport) -> Vec<Vec<Cell>> {
    people_lines(report)
        .into_iter()
        .map(|line| {
            vec![
                Cell::Text(line.label.to_owned()),
                line.code.map_or(Cell::Empty, Cell::Text),
                Cell::Text(line.name),
                line.people.map_or_else(
                    || Cell::Text(format!("< {}", report.k)),
                    |n| Cell::Number(n as f64),
                ),
            ]
        })
        .collect()
}

const QUOTA_COLUMNS: [&str; 4] = ["Règle d'accès gratuit", "Utilisé", "Unité", "Réservations"];

/// The free access used, a line per policy.
fn quota_table(report: &UsageReport) -> Vec<Vec<Cell>> {
    report
        .quotas
        .iter()
        .map(|q| {
            let unit = match q.measure {
                QuotaMeasure::Days => "jours",
                QuotaMeasure::HalfDays => "demi-journées",
                QuotaMeasure::Hours => "heures",
            };
            vec![
                Cell::Text(q.name.clone()),
                q.used.map_or_else(masked, Cell::Number),
                Cell::Text(unit.to_owned()),
                count(q.bookings),
            ]
        })
        .collect()
}

/// A kind of space in plain French.
pub fn kind_name(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::Desk => "Postes de travail",
        ResourceKind::MeetingRoom => "Salles de réunion",
        ResourceKind::PhoneBooth => "Cabines téléphoniques",
    }
}

/// A situation in plain French.
pub fn situation(category: Option<Category>) -> &'static str {
    match category {
        Some(Category::JobSeeker) => "Demandeur ou demandeuse d'emploi",
        Some(Category::Student) => "Étudiant ou étudiante",
        Some(Category::Teleworker) => "Salarié en télétravail",
        Some(Category::Entrepreneur) => "Indépendant ou entrepreneur",
        None => "Aucune situation déclarée",
    }
}

/// The lines of the sheet that explains the file.
fn explanation(report: &UsageReport, about: &About) -> Vec<(String, String)> {
    let mut lines = vec![
        ("Réseau".to_owned(), about.network.clone()),
        ("Territoire".to_owned(), about.territory.clone()),
        (
            "Période".to_owned(),
            format!("du {} au {} (inclus)", report.from, report.to),
        ),
        ("Produit le".to_owned(), about.produced.clone()),
        (
            "Filtre".to_owned(),
            about.filter.clone().unwrap_or_else(|| {
                "Aucun : toutes les réservations des sites du territoire".to_owned()
            }),
        ),
        (
            "Secret statistique".to_owned(),
            format!(
                "Un nombre de personnes inférieur à {k} n'est jamais publié : il est écrit « < {k} ». \
                 Quand un total est publié, les lignes masquées qui le composent sont masquées à plusieurs \
                 et ensemble au moins {k} : aucune soustraction ne retrouve un nombre masqué. \
                 Les communes masquées d'un EPCI ne sont pas nommées : elles forment une ligne « Autres communes ». \
                 Les nombres de réservations et d'heures sont publiés tels quels, sauf quand une seule personne \
                 a fait la ligne : ils sont alors « masqué », comme tout total qui la contient (le mois, la période, les types d'espace, les règles d'accès gratuit). \
                 Personne n'est nommé. Les personnes qui ont supprimé leur compte restent comptées, \
                 sans nom ; dans la feuille « Personnes », une telle personne venue plusieurs mois compte une fois par mois.",
                k = report.k
            ),
        ),
        (String::new(), String::new()),
    ];
    lines.extend(
        COLUMNS
            .iter()
            .map(|(heading, meaning)| ((*heading).to_owned(), (*meaning).to_owned())),
    );
    lines.push((String::new(), String::new()));
    lines.push((
        "Accès gratuit".to_owned(),
        "Feuille « Accès gratuit » : ce que les réservations de la période ont coûté sur chaque règle \
         d'accès gratuit (débits, moins les remboursements, plus le coût des absences), dans l'unité de la règle, \
         et combien de réservations coûtent encore quelque chose. Quand une seule personne a utilisé une règle, \
         ses chiffres sont « masqué »."
            .to_owned(),
    ));
    lines
}

/// The report as an Excel workbook.
pub fn xlsx(report: &UsageReport, about: &About) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let month_format = Format::new().set_num_format("mm/yyyy");
    let figures = workbook.add_worksheet();
    figures.set_name("Fréquentation")?;
    for (col, (heading, _)) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(0);
        figures.write_string_with_format(0, col, *heading, &bold)?;
        figures.set_column_width(col, heading.chars().count().max(12) as f64 + 2.0)?;
    }
    figures.set_column_width(1, 32)?;
    figures.set_freeze_panes(1, 0)?;
    for (r, cells) in table(report).iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (col, cell) in cells.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(0);
            match cell {
                Cell::Text(text) => {
                    figures.write_string(r, col, text)?;
                }
                Cell::Number(n) => {
                    figures.write_number(r, col, *n)?;
                }
                Cell::Month(year, month) => {
                    let year = u16::try_from(*year).unwrap_or(2000);
                    let month = u8::try_from(*month).unwrap_or(1);
                    let date = ExcelDateTime::from_ymd(year, month, 1)?;
                    figures.write_date_with_format(r, col, &date, &month_format)?;
                }
                Cell::Empty => {}
            }
        }
    }
    plain_sheet(
        &mut workbook,
        ("Personnes", &PEOPLE_COLUMNS, &[34.0, 14.0, 44.0, 12.0]),
        &people_table(report),
        &bold,
    )?;
    plain_sheet(
        &mut workbook,
        ("Accès gratuit", &QUOTA_COLUMNS, &[44.0, 14.0, 16.0, 14.0]),
        &quota_table(report),
        &bold,
    )?;
    let notes = workbook.add_worksheet();
    notes.set_name("À lire")?;
    notes.set_column_width(0, 26)?;
    notes.set_column_width(1, 100)?;
    for (r, (term, text)) in explanation(report, about).iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        notes.write_string_with_format(r, 0, term, &bold)?;
        notes.write_string(r, 1, text)?;
    }
    workbook.save_to_buffer()
}

/// A sheet of text and numbers under a bold, frozen heading row:
/// (name, headings, column widths).
fn plain_sheet(
    workbook: &mut rust_xlsxwriter::Workbook,
    (name, headings, widths): (&str, &[&str], &[f64]),
    rows: &[Vec<Cell>],
    bold: &rust_xlsxwriter::Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    for (col, heading) in headings.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(0);
        sheet.write_string_with_format(0, col, *heading, bold)?;
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(u16::try_from(col).unwrap_or(0), *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, cells) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (col, cell) in cells.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(0);
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(r, col, text)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, col, *n)?;
                }
                Cell::Month(..) | Cell::Empty => {}
            }
        }
    }
    Ok(())
}

/// The report as an OpenDocument spreadsheet.
pub fn ods(report: &UsageReport, about: &About) -> Result<Vec<u8>, std::io::Error> {
    use zip::write::SimpleFileOptions;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // OpenDocument asks for the media type first, stored as it is.
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    out.start_file("mimetype", stored)?;
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    out.start_file("META-INF/manifest.xml", deflated)?;
    out.write_all(MANIFEST.as_bytes())?;
    out.start_file("content.xml", deflated)?;
    out.write_all(ods_content(report, about).as_bytes())?;
    Ok(out.finish()?.into_inner())
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

fn ods_content(report: &UsageReport, about: &About) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    xml.push_str(r#"<table:table table:name="Fréquentation">"#);
    let headings: Vec<Cell> = COLUMNS
        .iter()
        .map(|(h, _)| Cell::Text((*h).to_owned()))
        .collect();
    ods_row(&mut xml, &headings);
    for cells in table(report) {
        ods_row(&mut xml, &cells);
    }
    xml.push_str("</table:table>");
    xml.push_str(r#"<table:table table:name="Personnes">"#);
    let headings: Vec<Cell> = PEOPLE_COLUMNS
        .iter()
        .map(|h| Cell::Text((*h).to_owned()))
        .collect();
    ods_row(&mut xml, &headings);
    for cells in people_table(report) {
        ods_row(&mut xml, &cells);
    }
    xml.push_str("</table:table>");
    xml.push_str(r#"<table:table table:name="Accès gratuit">"#);
    let headings: Vec<Cell> = QUOTA_COLUMNS
        .iter()
        .map(|h| Cell::Text((*h).to_owned()))
        .collect();
    ods_row(&mut xml, &headings);
    for cells in quota_table(report) {
        ods_row(&mut xml, &cells);
    }
    xml.push_str("</table:table>");
    xml.push_str(r#"<table:table table:name="À lire">"#);
    for (term, text) in explanation(report, about) {
        ods_row(&mut xml, &[Cell::Text(term), Cell::Text(text)]);
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    xml
}

fn ods_row(xml: &mut String, cells: &[Cell]) {
    xml.push_str("<table:table-row>");
    for cell in cells {
        match cell {
            Cell::Text(text) => xml.push_str(&format!(
                r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                escape(text)
            )),
            Cell::Number(n) => xml.push_str(&format!(
                r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
            )),
            Cell::Month(year, month) => xml.push_str(&format!(
                r#"<table:table-cell office:value-type="date" office:date-value="{year:04}-{month:02}-01"><text:p>{month:02}/{year:04}</text:p></table:table-cell>"#
            )),
            Cell::Empty => xml.push_str("<table:table-cell/>"),
        }
    }
    xml.push_str("</table:table-row>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::{UsageGrouping, UsageRow};
    use shared::ids::SiteId;

    fn report() -> UsageReport {
        UsageReport {
            from: "2027-01-01".into(),
            to: "2027-01-31".into(),
            k: 11,
            group: UsageGrouping::Month,
            rows: vec![UsageRow {
                site_id: SiteId(3),
                site_name: "Café & Co <Mende>".into(),
                month: "2027-01".into(),
                week: None,
                open_hours: 1920.0,
                booked_hours: Some(44.0),
                occupancy: Some(0.023),
                bookings: Some(15),
                cancellations: Some(2),
                late_cancellations: Some(1),
                no_shows: Some(1),
                people: None,
                people_suppressed: true,
                beyond_quota: Some(0),
                activity_suppressed: false,
            }],
            ..UsageReport::default()
        }
    }

    fn about() -> About {
        About {
            network: "Relais".into(),
            territory: "Tout le réseau".into(),
            filter: None,
            produced: "2027-02-01 09:00 UTC".into(),
        }
    }

    #[test]
    fn the_table_types_its_cells_and_hides_small_counts() {
        let rows = table(&report());
        assert_eq!(rows[0][2], Cell::Month(2027, 1));
        assert_eq!(rows[0][4], Cell::Number(1920.0));
        assert_eq!(rows[0][11], Cell::Text("< 11".into()));
        assert_eq!(rows[0].len(), COLUMNS.len());
    }

    #[test]
    fn ods_starts_with_its_media_type_and_escapes_text() {
        let bytes = ods(&report(), &about()).unwrap();
        // The first entry's name and content, stored: what readers sniff.
        let head = String::from_utf8_lossy(&bytes[..90]);
        assert!(
            head.contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
            "{head}"
        );
        let content = ods_content(&report(), &about());
        assert!(content.contains("Café &amp; Co &lt;Mende&gt;"));
        assert!(content.contains(r#"office:date-value="2027-01-01""#));
    }

    #[test]
    fn xlsx_is_a_zip_file() {
        let bytes = xlsx(&report(), &about()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }

    #[test]
    fn the_files_say_what_they_were_filtered_on() {
        let said = |about: &About| {
            explanation(&report(), about)
                .into_iter()
                .find(|(heading, _)| heading == "Filtre")
                .map(|(_, words)| words)
        };
        assert!(said(&about()).unwrap().starts_with("Aucun"));
        let filtered = About {
            filter: Some(kind_name(ResourceKind::Desk).to_owned()),
            ..about()
        };
        assert_eq!(said(&filtered).as_deref(), Some("Postes de travail"));
    }
}
