//! Free-access quota used per policy by the bookings of a report: the
//! ledger's rows of those bookings, added up by `domain::quota_use`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use shared::api::{QuotaPolicyInput, QuotaUseRow};
use shared::ids::PolicyId;
use shared::quota::in_measure;

use crate::db::entities::booking;
use crate::db::{self, DatabaseConnection, DbErr};
use crate::domain::quota_use::{self, Charge};

/// One line per policy the bookings drew on (`bookings`: those of the
/// report's sites on its days, whatever became of them, among those that
/// start in `span`). `all_hidden` when
/// some line of the report is one person's activity: a policy's figures are
/// a sum of lines (a policy may cover one site only), so they are hidden too.
pub async fn used(
    db: &DatabaseConnection,
    bookings: &[&booking::Model],
    (sites, since, until): (Vec<i64>, DateTime<Utc>, DateTime<Utc>),
    all_hidden: bool,
) -> Result<Vec<QuotaUseRow>, DbErr> {
    let counted: HashSet<i64> = bookings.iter().map(|b| b.id).collect();
    let charges: Vec<Charge> = db::stats::charges_of_bookings_between(db, sites, since, until)
        .await?
        .into_iter()
        .filter(|c| c.booking_id.is_some_and(|b| counted.contains(&b)))
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
