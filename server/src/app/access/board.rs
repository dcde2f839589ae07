//! The host's live view of a site: each resource with who is expected, who
//! is in and whether it is free now, and the week ahead.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use shared::api::{BookingStatus, LiveBoard, LiveBooking, LiveDay, LiveResource, ResourceKind};
use shared::ids::{BookingId, PersonId, ResourceId, SiteId};

use crate::app::failure::Failure;
use crate::db::entities::booking::ACTIVE;
use crate::db::{self, DatabaseConnection};
use crate::domain::local_time;

/// How many days ahead the board counts (today included).
const WEEK: i64 = 7;

pub async fn board(
    db: &DatabaseConnection,
    site_id: SiteId,
    now: DateTime<Utc>,
) -> Result<LiveBoard, Failure> {
    let site = db::sites::site_by_id(db, site_id.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    let zone = local_time::parse_zone(&site.time_zone);
    let (today, _) = local_time::local(zone, now);
    let last = today + Duration::days(WEEK - 1);
    let (start, _) = local_time::day_bounds(zone, today)
        .ok_or_else(|| anyhow::anyhow!("the site's day has no bounds"))?;
    let (_, end) = local_time::day_bounds(zone, last)
        .ok_or_else(|| anyhow::anyhow!("the site's day has no bounds"))?;
    let rows = db::bookings::bookings_of_site_between(db, site.id, start, end).await?;
    let people: HashMap<i64, String> = {
        let ids: Vec<i64> = rows
            .iter()
            .filter_map(|b| b.person_id)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        db::bookings::people_by_ids(db, ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p.display_name))
            .collect()
    };
    let resources = db::sites::live_resources_of_sites(db, vec![site.id]).await?;
    let today_text = today.to_string();
    let is_today = |at: DateTime<Utc>| local_time::local(zone, at).0 == today;
    let resources = resources
        .into_iter()
        .map(|r| {
            let mine: Vec<_> = rows
                .iter()
                .filter(|b| b.resource_id == r.id && is_today(b.start_at))
                .collect();
            let busy_now = mine.iter().any(|b| {
                ACTIVE.contains(&b.status.as_str()) && b.start_at <= now && now < b.end_at
            });
            LiveResource {
                resource_id: ResourceId(r.id),
                name: r.name.clone(),
                kind: ResourceKind::parse(&r.kind).unwrap_or(ResourceKind::Desk),
                free_now: !busy_now,
                bookings: mine
                    .into_iter()
                    .map(|b| LiveBooking {
                        booking_id: BookingId(b.id),
                        person_id: b.person_id.map(PersonId),
                        person_name: b
                            .person_id
                            .and_then(|p| people.get(&p).cloned())
                            .unwrap_or_default(),
                        start: b.start_at.to_rfc3339(),
                        end: b.end_at.to_rfc3339(),
                        status: BookingStatus::parse(&b.status).unwrap_or(BookingStatus::Confirmed),
                        walk_in: b.booked_by_id.is_some() && b.booked_by_id != b.person_id,
                        checked_in_at: b.checked_in_at.map(|t| t.to_rfc3339()),
                        checked_out_at: b.checked_out_at.map(|t| t.to_rfc3339()),
                    })
                    .collect(),
            }
        })
        .collect();
    let hours = db::bookings::opening_hours_of_site(db, site.id).await?;
    let closures = db::bookings::closures_of_site_between(db, site.id, today, last).await?;
    let week = (0..WEEK)
        .map(|offset| {
            let day = today + Duration::days(offset);
            let weekday = i16::from(local_time::weekday(day));
            let closed = !hours.iter().any(|h| h.weekday == weekday)
                || closures
                    .iter()
                    .any(|c| c.first_day <= day && day <= c.last_day);
            let bookings = rows
                .iter()
                .filter(|b| {
                    ACTIVE.contains(&b.status.as_str())
                        && local_time::local(zone, b.start_at).0 == day
                })
                .count();
            LiveDay {
                day: day.to_string(),
                bookings: u32::try_from(bookings).unwrap_or(u32::MAX),
                closed,
            }
        })
        .collect();
    Ok(LiveBoard {
        site_id,
        site_name: site.name,
        time_zone: site.time_zone,
        day: today_text,
        generated_at: now.to_rfc3339(),
        resources,
        week,
    })
}
