//! What the statistics page says, in French and in English.

use crate::i18n::Lang;

pub struct StatsTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub period: &'static str,
    /// The choices of the period, in `Period` order.
    pub periods: [&'static str; 4],
    pub from: &'static str,
    pub to: &'static str,
    pub site: &'static str,
    pub all_sites: &'static str,
    pub loading: &'static str,
    pub headline_title: &'static str,
    pub open_hours: &'static str,
    pub booked_hours: &'static str,
    pub occupancy: &'static str,
    pub bookings: &'static str,
    pub cancellations: &'static str,
    pub no_shows: &'static str,
    pub chart_title: &'static str,
    pub chart_caption: &'static str,
    pub month: &'static str,
    pub table_title: &'static str,
    pub place: &'static str,
    pub people: &'static str,
    pub secrecy: &'static str,
    pub nothing: &'static str,
    pub downloads_title: &'static str,
    /// (format, words of its link), in the order shown.
    pub downloads: [(&'static str, &'static str); 4],
}

const FR: StatsTexts = StatsTexts {
    title: "Statistiques de fréquentation",
    intro: "Combien de postes étaient ouverts, combien ont été réservés, et par combien de personnes. Personne n'est nommé.",
    period: "Période",
    periods: [
        "Le mois dernier",
        "Les trois derniers mois",
        "Les douze derniers mois",
        "Dates choisies",
    ],
    from: "Du",
    to: "Au (inclus)",
    site: "Lieu",
    all_sites: "Tous mes lieux",
    loading: "Calcul des chiffres…",
    headline_title: "En résumé",
    open_hours: "Heures-postes ouvertes",
    booked_hours: "Heures réservées",
    occupancy: "Taux d'occupation",
    bookings: "Réservations",
    cancellations: "Annulations",
    no_shows: "Absences",
    chart_title: "Occupation par mois",
    chart_caption: "Heures réservées par mois, tous les lieux choisis ensemble",
    month: "Mois",
    table_title: "Par lieu et par mois",
    place: "Lieu",
    people: "Personnes",
    secrecy: "« < {k} » : moins de {k} personnes. Ce nombre n'est jamais publié, pour que personne ne puisse être reconnu (secret statistique).",
    nothing: "Aucun lieu à montrer pour cette période.",
    downloads_title: "Télécharger ces chiffres",
    downloads: [
        ("xlsx", "Classeur Excel (.xlsx)"),
        ("ods", "Classeur LibreOffice (.ods)"),
        ("csv-excel", "CSV pour Excel en français"),
        ("csv", "CSV (RFC 4180)"),
    ],
};

const EN: StatsTexts = StatsTexts {
    title: "Usage statistics",
    intro: "How many desks were open, how many were booked, and by how many people. Nobody is named.",
    period: "Period",
    periods: [
        "Last month",
        "The last three months",
        "The last twelve months",
        "Chosen dates",
    ],
    from: "From",
    to: "To (included)",
    site: "Site",
    all_sites: "All my sites",
    loading: "Computing the figures…",
    headline_title: "In short",
    open_hours: "Open desk-hours",
    booked_hours: "Booked hours",
    occupancy: "Occupancy",
    bookings: "Bookings",
    cancellations: "Cancellations",
    no_shows: "No-shows",
    chart_title: "Occupancy by month",
    chart_caption: "Booked hours by month, all chosen sites together",
    month: "Month",
    table_title: "By site and month",
    place: "Site",
    people: "People",
    secrecy: "“< {k}”: fewer than {k} people. That number is never published, so that nobody can be recognised (statistical secrecy).",
    nothing: "No site to show for this period.",
    downloads_title: "Download these figures",
    downloads: [
        ("xlsx", "Excel workbook (.xlsx)"),
        ("ods", "LibreOffice workbook (.ods)"),
        ("csv-excel", "CSV for French Excel"),
        ("csv", "CSV (RFC 4180)"),
    ],
};

pub fn texts(lang: Lang) -> &'static StatsTexts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}
