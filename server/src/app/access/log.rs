//! A site's access log, for its hosts and the network's administrators:
//! entries by door, host or poster, refusals with their reason, check-outs
//! and releases. Kept `ACCESS_LOG_DAYS` days (`releases::tidy` deletes the rest).

use std::collections::HashMap;

use shared::api::{AccessAction, AccessLogLine, AccessSource, DoorRefusal};
use shared::ids::{BookingId, SiteId};

use crate::app::failure::Failure;
use crate::db::{self, DatabaseConnection};

pub async fn of_site(
    db: &DatabaseConnection,
    site_id: SiteId,
    (limit, offset): (u64, u64),
) -> Result<Vec<AccessLogLine>, Failure> {
    let events = db::access::log_of_site(db, site_id.0, limit, offset).await?;
    let booking_ids: Vec<i64> = events.iter().filter_map(|e| e.booking_id).collect();
    let bookings = db::bookings::bookings_by_ids(db, booking_ids).await?;
    let person_of: HashMap<i64, i64> = bookings
        .iter()
        .filter_map(|b| Some((b.id, b.person_id?)))
        .collect();
    let people: HashMap<i64, String> =
        db::bookings::people_by_ids(db, person_of.values().copied().collect())
            .await?
            .into_iter()
            .map(|p| (p.id, p.display_name))
            .collect();
    Ok(events
        .into_iter()
        .map(|e| AccessLogLine {
            at: e.at.to_rfc3339(),
            source: AccessSource::parse(&e.source).unwrap_or(AccessSource::System),
            action: AccessAction::parse(&e.action).unwrap_or(AccessAction::Refused),
            person_name: e
                .booking_id
                .and_then(|b| person_of.get(&b))
                .and_then(|p| people.get(p).cloned()),
            booking_id: e.booking_id.map(BookingId),
            reason: e.reason.as_deref().and_then(DoorRefusal::parse),
        })
        .collect())
}
