//! Free-access quotas: the policies communes set, and what a person has left.

use serde::{Deserialize, Serialize};

use crate::api::Category;
use crate::ids::{PolicyId, SiteId};

/// What a policy counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuotaMeasure {
    /// Whole days; a morning or an afternoon costs half a day.
    Days,
    /// Half-days; a booking across 13:00 costs two.
    HalfDays,
    /// Hours, to the minute.
    Hours,
}

/// The period after which a quota starts again, in the site's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuotaPeriod {
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

/// What happens to a booking beyond the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BeyondQuota {
    /// Refused with `quota_exceeded`.
    Refuse,
    /// Accepted as paid ("hors quota"), flagged to the host.
    Paid,
}

/// Whom a policy's communes, EPCI and categories count: people as they
/// declare themselves, or only once a host or an administrator of the
/// territory has seen a proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    Declared,
    Confirmed,
}

/// `POST /api/v1/quota-policies` and its `PUT`. Empty lists mean "any".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaPolicyInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub name: String,
    /// Residents of these communes (INSEE codes)…
    #[serde(default)]
    pub communes: Vec<String>,
    /// …or of these EPCI (SIREN codes). Both empty: residents of anywhere.
    #[serde(default)]
    pub epcis: Vec<String>,
    /// People in one of these categories; empty: everyone.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// At these sites; empty: the whole network.
    #[serde(default)]
    pub sites: Vec<SiteId>,
    pub measure: QuotaMeasure,
    /// How much per period, in the measure's unit; `null`: unlimited.
    pub allowance: Option<i64>,
    pub period: QuotaPeriod,
    /// A cancellation at least this many minutes before the start gives the charge back.
    #[serde(default)]
    pub refund_deadline_minutes: i64,
    /// What a no-show costs on top of the booking, in the measure's unit.
    #[serde(default)]
    pub no_show_cost: i64,
    pub beyond: BeyondQuota,
    /// Absent: `confirmed` when the policy names categories (anyone can
    /// call themselves a job seeker), `declared` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Eligibility>,
}

impl QuotaPolicyInput {
    /// The eligibility the policy asks for, its default resolved.
    pub fn eligibility(&self) -> Eligibility {
        self.eligibility.unwrap_or(if self.categories.is_empty() {
            Eligibility::Declared
        } else {
            Eligibility::Confirmed
        })
    }
}

/// A policy as it stands now; `version` grows with every change. Read
/// through `QuotaPolicyFields`: serde's own reading of a flattened struct
/// buffers every value first, which cost the browser app 9 KB of
/// WebAssembly (every visitor reads their quotas); the JSON is the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(from = "QuotaPolicyFields")]
pub struct QuotaPolicy {
    pub id: PolicyId,
    pub version: u32,
    #[serde(flatten)]
    pub settings: QuotaPolicyInput,
}

/// `QuotaPolicy`'s fields, flat, with `QuotaPolicyInput`'s defaults.
#[derive(Deserialize)]
struct QuotaPolicyFields {
    id: PolicyId,
    version: u32,
    name: String,
    #[serde(default)]
    communes: Vec<String>,
    #[serde(default)]
    epcis: Vec<String>,
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    sites: Vec<SiteId>,
    measure: QuotaMeasure,
    allowance: Option<i64>,
    period: QuotaPeriod,
    #[serde(default)]
    refund_deadline_minutes: i64,
    #[serde(default)]
    no_show_cost: i64,
    beyond: BeyondQuota,
    #[serde(default)]
    eligibility: Option<Eligibility>,
}

impl From<QuotaPolicyFields> for QuotaPolicy {
    fn from(f: QuotaPolicyFields) -> QuotaPolicy {
        QuotaPolicy {
            id: f.id,
            version: f.version,
            settings: QuotaPolicyInput {
                name: f.name,
                communes: f.communes,
                epcis: f.epcis,
                categories: f.categories,
                sites: f.sites,
                measure: f.measure,
                allowance: f.allowance,
                period: f.period,
                refund_deadline_minutes: f.refund_deadline_minutes,
                no_show_cost: f.no_show_cost,
                beyond: f.beyond,
                eligibility: f.eligibility,
            },
        }
    }
}

/// One policy that applies to the caller, with the current period's use
/// (`GET /api/v1/me/quotas`). Amounts are in the measure's unit: with
/// `measure = days`, `used = 0.5` is half a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaStatus {
    pub policy: QuotaPolicy,
    /// First day of the period (YYYY-MM-DD, local).
    pub period_start: String,
    /// First day of the next period: when the quota renews.
    pub renews_on: String,
    pub used: f64,
    /// `null` when unlimited.
    pub remaining: Option<f64>,
    /// The same in the policy's smallest unit (half-days, or minutes for hours).
    pub used_units: u32,
    pub allowance_units: Option<u32>,
    /// Where this policy comes in the order that decides which one pays (0 first).
    pub rank: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_reads_back_what_it_writes_and_takes_the_defaults() {
        let policy = QuotaPolicy {
            id: PolicyId(7),
            version: 2,
            settings: QuotaPolicyInput {
                name: "Accès libre".to_owned(),
                communes: vec!["48095".to_owned()],
                epcis: Vec::new(),
                categories: vec![Category::JobSeeker],
                sites: vec![SiteId(3)],
                measure: QuotaMeasure::Days,
                allowance: Some(4),
                period: QuotaPeriod::Month,
                refund_deadline_minutes: 60,
                no_show_cost: 1,
                beyond: BeyondQuota::Refuse,
                eligibility: Some(Eligibility::Confirmed),
            },
        };
        let json = serde_json::to_value(&policy).unwrap();
        assert_eq!(json["name"], "Accès libre", "flat: {json}");
        assert_eq!(serde_json::from_value::<QuotaPolicy>(json).unwrap(), policy);
        let least = serde_json::json!({
            "id": 1, "version": 1, "name": "x", "measure": "hours",
            "allowance": null, "period": "week", "beyond": "paid"
        });
        let read: QuotaPolicy = serde_json::from_value(least).unwrap();
        assert!(read.settings.sites.is_empty() && read.settings.eligibility.is_none());
        assert_eq!(read.settings.refund_deadline_minutes, 0);
    }
}
