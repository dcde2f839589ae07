//! Plain words made from data: text folded for searching, a site's
//! resources in a line, its weekly hours. No components here, so pages and
//! components share them.

#[cfg(feature = "account")]
use shared::api::OpeningPeriod;
use shared::api::{ResourceKind, Site};

use crate::i18n::Texts;

/// "8 postes de travail · 2 salles de réunion · 1 cabine téléphonique"
pub fn resource_summary(t: &Texts, site: &Site) -> String {
    ResourceKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let n = site.resources.iter().filter(|r| r.kind == kind).count();
            (n > 0).then(|| t.count(t.kind_forms(kind), n))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Lower case without accents, so "chely" finds "Saint-Chély-d'Apcher".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '\'' | '’' | '-' => ' ',
            other => other,
        })
        .collect()
}

/// One line per weekday: "08:30–12:30, 13:30–18:00" or "Fermé".
#[cfg(feature = "account")]
pub fn weekly_hours(t: &Texts, periods: &[OpeningPeriod]) -> Vec<(&'static str, String)> {
    (1..=7u8)
        .map(|weekday| {
            let day: Vec<String> = periods
                .iter()
                .filter(|p| p.weekday == weekday)
                .map(|p| format!("{}–{}", p.opens, p.closes))
                .collect();
            let text = if day.is_empty() {
                t.closed.to_owned()
            } else {
                day.join(", ")
            };
            (t.weekdays[usize::from(weekday - 1)], text)
        })
        .collect()
}
