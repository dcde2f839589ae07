//! The editor's form: every value as typed, and what it gives to send
//! (checked with the server's own rule), or which field to correct.

use leptos::prelude::*;
use shared::api::{Category, Eligibility, QuotaPolicyInput};
use shared::error::codes;
use shared::ids::SiteId;
use shared::quota::check_policy;

use super::choices::{BEYOND_CHOICES, MEASURES, PERIODS, index_of};
use crate::i18n::{MISSING_NAME, Texts};

// The form's own codes, more precise than `invalid_amount` and `invalid_name`:
// which field to correct.
pub const BAD_ALLOWANCE: &str = "policy_allowance";
pub const BAD_NO_SHOW: &str = "policy_no_show";
pub const BAD_REFUND: &str = "policy_refund";
pub const NO_SITE: &str = "policy_no_site";
pub const LONG_NAME: &str = "policy_name";

/// Every value of the form, as typed. Selects hold the index of their choice.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub name: RwSignal<String>,
    pub communes: RwSignal<Vec<String>>,
    pub epcis: RwSignal<Vec<String>>,
    pub categories: RwSignal<Vec<Category>>,
    pub whole_network: RwSignal<bool>,
    /// Site ids as text, as the checkboxes give them.
    pub sites: RwSignal<Vec<String>>,
    pub measure: RwSignal<usize>,
    pub allowance: RwSignal<String>,
    pub unlimited: RwSignal<bool>,
    pub period: RwSignal<usize>,
    pub refund_hours: RwSignal<String>,
    pub no_show: RwSignal<String>,
    pub beyond: RwSignal<usize>,
    /// Whether only checked communes and situations count; `None` until the
    /// administrator ticks or unticks it: then it follows the categories.
    pub proof: RwSignal<Option<bool>>,
}

/// "1.5" hours for 90 minutes.
fn hours_text(minutes: i64) -> String {
    format!("{}", minutes as f64 / 60.0)
}

/// Minutes from a number of hours as typed ("1,5" or "1.5"), empty meaning 0.
fn minutes_of(hours: &str) -> Option<i64> {
    let hours = hours.trim().replace(',', ".");
    if hours.is_empty() {
        return Some(0);
    }
    let hours: f64 = hours.parse().ok()?;
    (hours.is_finite() && hours >= 0.0).then(|| (hours * 60.0).round().min(1e9) as i64)
}

/// The code of the field to correct, for errors about amounts and names.
pub fn precise(code: &str, input: &QuotaPolicyInput) -> Option<&'static str> {
    match code {
        // The name is the policy's only free text.
        codes::INVALID_NAME | codes::INVALID_TEXT => Some(LONG_NAME),
        codes::INVALID_AMOUNT => Some(
            if input.allowance.is_some_and(|a| !(1..=10_000).contains(&a)) {
                BAD_ALLOWANCE
            } else if !(0..=100).contains(&input.no_show_cost) {
                BAD_NO_SHOW
            } else {
                BAD_REFUND
            },
        ),
        _ => None,
    }
}

impl Form {
    pub fn new(policy: Option<&QuotaPolicyInput>, network: bool) -> Form {
        let text = |s: String| RwSignal::new(s);
        match policy {
            Some(p) => Form {
                name: text(p.name.clone()),
                communes: RwSignal::new(p.communes.clone()),
                epcis: RwSignal::new(p.epcis.clone()),
                categories: RwSignal::new(p.categories.clone()),
                whole_network: RwSignal::new(network && p.sites.is_empty()),
                sites: RwSignal::new(p.sites.iter().map(ToString::to_string).collect()),
                measure: RwSignal::new(index_of(&MEASURES, &p.measure)),
                allowance: text(p.allowance.map(|a| a.to_string()).unwrap_or_default()),
                unlimited: RwSignal::new(p.allowance.is_none()),
                period: RwSignal::new(index_of(&PERIODS, &p.period)),
                refund_hours: text(hours_text(p.refund_deadline_minutes)),
                no_show: text(p.no_show_cost.to_string()),
                beyond: RwSignal::new(index_of(&BEYOND_CHOICES, &p.beyond)),
                proof: RwSignal::new(p.eligibility.map(|e| e == Eligibility::Confirmed)),
            },
            // A new policy: 4 days a month, refunded until the day before.
            None => Form {
                name: text(String::new()),
                communes: RwSignal::new(Vec::new()),
                epcis: RwSignal::new(Vec::new()),
                categories: RwSignal::new(Vec::new()),
                whole_network: RwSignal::new(network),
                sites: RwSignal::new(Vec::new()),
                measure: RwSignal::new(0),
                allowance: text("4".to_owned()),
                unlimited: RwSignal::new(false),
                period: RwSignal::new(1),
                refund_hours: text("24".to_owned()),
                no_show: text("0".to_owned()),
                beyond: RwSignal::new(0),
                proof: RwSignal::new(None),
            },
        }
    }

    /// The proof box as shown: ticked by default once a category is chosen.
    pub fn proof_checked(&self) -> bool {
        self.proof
            .get()
            .unwrap_or_else(|| self.categories.with(|c| !c.is_empty()))
    }

    fn proof_checked_untracked(&self) -> bool {
        self.proof
            .get_untracked()
            .unwrap_or_else(|| self.categories.with_untracked(|c| !c.is_empty()))
    }

    /// What to send, or the code of the first thing to correct.
    pub fn input(&self) -> Result<QuotaPolicyInput, &'static str> {
        let name = self.name.get_untracked().trim().to_owned();
        if name.is_empty() {
            return Err(MISSING_NAME);
        }
        let allowance = if self.unlimited.get_untracked() {
            None
        } else {
            let typed = self.allowance.with_untracked(|a| a.trim().parse::<i64>());
            Some(typed.map_err(|_| BAD_ALLOWANCE)?)
        };
        let refund_deadline_minutes = self
            .refund_hours
            .with_untracked(|h| minutes_of(h))
            .ok_or(BAD_REFUND)?;
        let no_show_cost = self.no_show.with_untracked(|n| match n.trim() {
            "" => Ok(0),
            n => n.parse::<i64>().map_err(|_| BAD_NO_SHOW),
        })?;
        let whole_network = self.whole_network.get_untracked();
        let sites: Vec<SiteId> = if whole_network {
            Vec::new()
        } else {
            self.sites.with_untracked(|s| {
                s.iter()
                    .filter_map(|s| s.parse().ok())
                    .map(SiteId)
                    .collect()
            })
        };
        if !whole_network && sites.is_empty() {
            return Err(NO_SITE);
        }
        let input = QuotaPolicyInput {
            name,
            communes: self.communes.get_untracked(),
            epcis: self.epcis.get_untracked(),
            categories: self.categories.get_untracked(),
            sites,
            measure: MEASURES[self.measure.get_untracked().min(MEASURES.len() - 1)],
            allowance,
            period: PERIODS[self.period.get_untracked().min(PERIODS.len() - 1)],
            refund_deadline_minutes,
            no_show_cost,
            beyond: BEYOND_CHOICES[self.beyond.get_untracked().min(BEYOND_CHOICES.len() - 1)],
            eligibility: Some(if self.proof_checked_untracked() {
                Eligibility::Confirmed
            } else {
                Eligibility::Declared
            }),
        };
        check_policy(&input)
            .map_err(|problem| precise(problem.code, &input).unwrap_or(problem.code))?;
        Ok(input)
    }
}

/// The sentence for an error of this page: the form's own codes, a kind word
/// for a territory administrator refused, else the app's sentence.
pub fn message(t: &'static Texts, code: &str) -> &'static str {
    match code {
        BAD_ALLOWANCE => t.office.qp_err_allowance,
        BAD_NO_SHOW => t.office.qp_err_no_show,
        BAD_REFUND => t.office.qp_err_refund,
        NO_SITE => t.office.qp_err_sites,
        LONG_NAME => t.office.qp_err_name,
        codes::FORBIDDEN => t.office.qp_err_forbidden,
        _ => t.error_message(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, FR};

    use super::super::fixtures::job_seekers;

    #[test]
    fn a_policy_goes_through_the_form_unchanged() {
        let policy = job_seekers();
        let form = Form::new(Some(&policy), true);
        assert!(!form.whole_network.get_untracked());
        assert_eq!(form.refund_hours.get_untracked(), "1.5");
        assert_eq!(form.input(), Ok(policy));
    }

    #[test]
    fn the_proof_box_follows_the_categories_until_touched() {
        let form = Form::new(None, true);
        form.name.set("Étudiants".into());
        assert_eq!(
            form.input().unwrap().eligibility,
            Some(Eligibility::Declared)
        );
        form.categories.set(vec![Category::Student]);
        assert_eq!(
            form.input().unwrap().eligibility,
            Some(Eligibility::Confirmed)
        );
        form.proof.set(Some(false));
        assert_eq!(
            form.input().unwrap().eligibility,
            Some(Eligibility::Declared)
        );
    }

    #[test]
    fn wrong_numbers_name_their_field() {
        let form = Form::new(None, true);
        assert_eq!(form.input(), Err(MISSING_NAME));
        form.name.set("Trop peu".into());
        assert_eq!(form.input().map(|p| p.allowance), Ok(Some(4)));
        form.allowance.set("0".into());
        assert_eq!(form.input(), Err(BAD_ALLOWANCE));
        form.allowance.set("-3".into());
        assert_eq!(form.input(), Err(BAD_ALLOWANCE));
        form.allowance.set("beaucoup".into());
        assert_eq!(form.input(), Err(BAD_ALLOWANCE));
        form.unlimited.set(true);
        assert_eq!(form.input().map(|p| p.allowance), Ok(None));
        form.no_show.set("101".into());
        assert_eq!(form.input(), Err(BAD_NO_SHOW));
        form.no_show.set(String::new());
        form.refund_hours.set("721".into());
        assert_eq!(form.input(), Err(BAD_REFUND));
        form.refund_hours.set("1,5".into());
        assert_eq!(form.input().map(|p| p.refund_deadline_minutes), Ok(90));
        form.whole_network.set(false);
        assert_eq!(form.input(), Err(NO_SITE));
        form.name.set("x".repeat(121));
        form.whole_network.set(true);
        assert_eq!(form.input(), Err(LONG_NAME));
    }

    #[test]
    fn every_policy_error_is_translated() {
        for t in [&FR, &EN] {
            for code in [
                codes::INVALID_AMOUNT,
                codes::UNKNOWN_EPCI,
                codes::UNKNOWN_SITE,
                codes::UNKNOWN_COMMUNE,
                codes::INVALID_NAME,
                codes::INVALID_TEXT,
                codes::FORBIDDEN,
                BAD_ALLOWANCE,
                BAD_NO_SHOW,
                BAD_REFUND,
                NO_SITE,
                LONG_NAME,
                MISSING_NAME,
            ] {
                assert_ne!(message(t, code), t.err_generic, "{code}");
            }
        }
    }
}
