//! Free-access quota used per policy by the bookings of a report: the
//! ledger's rows of those bookings, added up by `domain::quota_use`.

use std::collections::{BTreeMap, HashMap};

use shared::api::{QuotaPolicyInput, QuotaUseRow};
use shared::ids::PolicyId;
use shared::quota::in_measure;

use super::days::Day;
use crate::db::{self, DatabaseConnection, DbErr};
use crate::domain::quota_use;

/// One line per policy the bookings of the report's days drew on
/// (`days`: its sites' summaries), whatever became of those bookings.
/// `all_hidden` when some line of the report is one person's activity: a
/// policy's figures are a sum of lines (a policy may cover one site only),
/// so they are hidden too.
pub async fn used(
    db: &DatabaseConnection,
    days: &[Day],
    all_hidden: bool,
) -> Result<Vec<QuotaUseRow>, DbErr> {
    let mut per_policy: BTreeMap<i64, quota_use::Sum> = BTreeMap::new();
    for day in days {
        for (policy, sum) in &day.digest.policies {
            per_policy.entry(*policy).or_default().add(sum);
        }
    }
    let sums = quota_use::publish(&per_policy);
    let policies = sums.iter().map(|u| u.policy).collect();
    // Each policy as its latest version reads.
    let mut latest: HashMap<i64, (i32, QuotaPolicyInput)> = HashMap::new();
    for version in db::quotas::versions_of_policies(db, policies).await? {
        let Ok(settings) = serde_json::from_str::<QuotaPolicyInput>(&version.settings) else {
            continue;
        };
        let newer = latest
            .get(&version.policy_id)
            .is_none_or(|(v, _)| *v < version.version);
        if newer {
            latest.insert(version.policy_id, (version.version, settings));
        }
    }
    Ok(sums
        .into_iter()
        .filter_map(|used| {
            let (_, settings) = latest.remove(&used.policy)?;
            let (units, bookings) = match all_hidden {
                true => (None, None),
                false => (used.units, used.bookings),
            };
            Some(QuotaUseRow {
                policy_id: PolicyId(used.policy),
                name: settings.name,
                measure: settings.measure,
                used: units.map(|u| in_measure(settings.measure, u32::try_from(u).unwrap_or(0))),
                bookings,
                activity_suppressed: units.is_none(),
            })
        })
        .collect())
}
