//! Plain words made from data: text folded for searching, a site's
//! resources in a line. No components here, so pages and components share them.

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
