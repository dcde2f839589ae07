//! Free-access quota used per policy by the bookings of a report: the
//! ledger's rows of those bookings, added up by `domain::quota_use`.

use std::collections::HashMap;

use shared::api::{QuotaPolicyInput, QuotaUseRow};
use shared::ids::PolicyId;

use crate::db::entities::booking;
use crate::db::{self, DatabaseConnection, DbErr};
use crate::domain::quota_use::{self, Charge};

/// One line per policy the bookings drew on (`bookings`: those of the
/// report's sites on its days, whatever became of them).
pub async fn used(
    db: &DatabaseConnection,
    bookings: &[&booking::Model],
) -> Result<Vec<QuotaUseRow>, DbErr> {
    let ids = bookings.iter().map(|b| b.id).collect();
    let charges: Vec<Charge> = db::stats::charges_of_bookings(db, ids)
        .await?
        .into_iter()
        .filter_map(|c| {
            Some(Charge {
                policy: c.policy_id,
                person: c.person_id,
                units: i64::from(c.amount),
                booking: c.booking_id?,
            })
        })
        .collect();
    let sums = quota_use::add_up(&charges);
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
            let per = f64::from(shared::quota::units_per(settings.measure));
            Some(QuotaUseRow {
                policy_id: PolicyId(used.policy),
                name: settings.name,
                measure: settings.measure,
                used: used.units.map(|u| u as f64 / per),
                bookings: used.bookings,
                activity_suppressed: used.units.is_none(),
            })
        })
        .collect())
}
