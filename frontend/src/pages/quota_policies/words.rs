//! A policy in words, as the list shows it: who, where, how much, the
//! refunds and the cost of not coming.

use shared::api::{Eligibility, QuotaMeasure, QuotaPolicyInput};

use super::choices::{MEASURES, PERIODS, index_of};
use super::places::Places;
use crate::i18n::Texts;

/// "4 jours", "1 demi-journée".
fn amount_text(t: &Texts, measure: QuotaMeasure, amount: i64) -> String {
    let (one, many) = t.office.qp_units[index_of(&MEASURES, &measure)];
    format!("{amount} {}", if amount.abs() < 2 { one } else { many })
}

/// "4 jours par mois", "Illimité".
pub fn how_much(t: &Texts, p: &QuotaPolicyInput) -> String {
    match p.allowance {
        None => t.office.qp_unlimited.to_owned(),
        Some(a) => format!(
            "{} {}",
            amount_text(t, p.measure, a),
            t.office.qp_per[index_of(&PERIODS, &p.period)]
        ),
    }
}

/// "24 h", "1 h 30", "45 min".
fn duration(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

pub fn refund_text(t: &Texts, minutes: i64) -> String {
    if minutes <= 0 {
        t.office.qp_refund_until_start.to_owned()
    } else {
        t.office
            .qp_refund_before
            .replace("{time}", &duration(minutes))
    }
}

pub fn no_show_text(t: &Texts, p: &QuotaPolicyInput) -> String {
    if p.no_show_cost <= 0 {
        t.office.qp_no_show_free.to_owned()
    } else {
        t.office
            .qp_no_show_extra
            .replace("{amount}", &amount_text(t, p.measure, p.no_show_cost))
    }
}

/// "Tout le monde", "Habitants de Mende, Florac ; catégories : Étudiant".
pub fn who_text(t: &Texts, p: &QuotaPolicyInput, places: &Places) -> String {
    let mut parts = Vec::new();
    let mut homes: Vec<String> = p.communes.iter().map(|c| places.commune_name(c)).collect();
    homes.extend(p.epcis.iter().map(|e| places.epci_name(e)));
    if !homes.is_empty() {
        parts.push(
            t.office
                .qp_residents_of
                .replace("{places}", &homes.join(", ")),
        );
    }
    if !p.categories.is_empty() {
        let names: Vec<&str> = p.categories.iter().map(|c| t.category(*c)).collect();
        parts.push(
            t.office
                .qp_in_categories
                .replace("{list}", &names.join(", ")),
        );
    }
    if parts.is_empty() {
        t.office.qp_everyone.to_owned()
    } else {
        if p.eligibility() == Eligibility::Confirmed {
            parts.push(t.office.qp_proof_text.to_owned());
        }
        parts.join(" ; ")
    }
}

pub fn where_text(t: &Texts, p: &QuotaPolicyInput, places: &Places) -> String {
    if p.sites.is_empty() {
        t.office.qp_whole_network.to_owned()
    } else {
        let names: Vec<String> = p.sites.iter().map(|s| places.site_name(*s)).collect();
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, FR};
    use shared::api::QuotaPeriod;

    use super::super::fixtures::job_seekers;

    #[test]
    fn policies_in_words() {
        let mut policy = job_seekers();
        let places = Places::default();
        assert_eq!(how_much(&FR, &policy), "Illimité");
        policy.allowance = Some(4);
        policy.measure = QuotaMeasure::Days;
        policy.period = QuotaPeriod::Month;
        assert_eq!(how_much(&FR, &policy), "4 jours par mois");
        assert_eq!(how_much(&EN, &policy), "4 days per month");
        policy.allowance = Some(1);
        policy.measure = QuotaMeasure::HalfDays;
        assert_eq!(how_much(&FR, &policy), "1 demi-journée par mois");
        assert_eq!(refund_text(&FR, 0), FR.office.qp_refund_until_start);
        assert_eq!(duration(24 * 60), "24 h");
        assert_eq!(duration(90), "1 h 30");
        assert_eq!(duration(45), "45 min");
        assert_eq!(
            who_text(&FR, &policy, &places),
            "Habitants de 48095 ; catégories : Demandeur d'emploi ; justificatif vérifié"
        );
        policy.eligibility = Some(Eligibility::Declared);
        assert_eq!(
            who_text(&FR, &policy, &places),
            "Habitants de 48095 ; catégories : Demandeur d'emploi"
        );
        assert_eq!(
            where_text(
                &FR,
                &QuotaPolicyInput {
                    sites: vec![],
                    ..policy
                },
                &places
            ),
            FR.office.qp_whole_network
        );
    }
}
