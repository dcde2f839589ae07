//! The waitlist: when every resource of a kind is taken at a site for a slot,
//! a person may wait; when a booking there is cancelled, the first person
//! waiting whose slot is now free gets a booking and a mail.

use chrono::{DateTime, Utc};
use shared::api::{Language, NewWaitlistEntry, ResourceKind, WaitlistEntry, WaitlistStatus};
use shared::error::codes;
use shared::ids::{BookingId, PersonId, ResourceId, SiteId, WaitlistId};

use super::failure::Failure;
use crate::db::entities::waitlist_entry;
use crate::db::{self, ConnectionTrait, DatabaseConnection, WriteGate};
use crate::domain::caller::PersonContext;
use crate::domain::{booking_rules, dates_in_words, local_time};
use crate::mail::{self, Letterhead};

fn to_wire(row: &waitlist_entry::Model) -> WaitlistEntry {
    WaitlistEntry {
        id: WaitlistId(row.id),
        site_id: SiteId(row.site_id),
        kind: ResourceKind::parse(&row.kind).unwrap_or(ResourceKind::Desk),
        start: row.start_at.to_rfc3339(),
        end: row.end_at.to_rfc3339(),
        status: match row.status.as_str() {
            "served" => WaitlistStatus::Served,
            "withdrawn" => WaitlistStatus::Withdrawn,
            _ => WaitlistStatus::Waiting,
        },
        booking_id: row.booking_id.map(BookingId),
    }
}

/// Resources of a kind at a site that nobody holds during [start, end).
async fn free_resources<C: ConnectionTrait>(
    db: &C,
    site: i64,
    kind: ResourceKind,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<i64>, Failure> {
    let resources = db::waitlist::resources_of_kind_at_site(db, site, kind.as_str()).await?;
    let busy = db::waitlist::resources_booked_during(db, resources.clone(), start, end).await?;
    Ok(resources
        .into_iter()
        .filter(|r| !busy.contains(r))
        .collect())
}

/// How many slots one person may wait for at once: enough for a few weeks
/// of hopes, too few to clog a site's queue.
pub const MAX_WAITING: u64 = 10;
/// How many people waiting are tried for one freed place: the cost of a
/// cancellation stays the same however long the queue is.
const SERVE_AT_MOST: u64 = 10;

pub async fn join(
    db: &DatabaseConnection,
    gate: &WriteGate,
    caller: &PersonContext,
    new: NewWaitlistEntry,
    now: DateTime<Utc>,
) -> Result<WaitlistEntry, Failure> {
    let start = super::bookings::parse_instant(&new.start)?;
    let end = super::bookings::parse_instant(&new.end)?;
    let site = db::sites::site_by_id(db, new.site_id.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    let (day, _) = local_time::local(local_time::parse_zone(&site.time_zone), start);
    let rules = super::bookings::site_rules(db, &site, day, day).await?;
    booking_rules::check(&rules, start, end, now)?;
    // One decision at a time per person (the write gate on SQLite, the
    // person's advisory lock on PostgreSQL, as for bookings), so two clicks
    // cannot both pass the checks.
    let _writer = gate.enter().await;
    let txn = db::begin_write(db).await?;
    db::lock_person(&txn, caller.id.0).await?;
    let overlapping = db::waitlist::count_waiting_of_person_overlapping(
        &txn,
        caller.id.0,
        now,
        site.id,
        new.kind.as_str(),
        start,
        end,
    )
    .await?;
    if overlapping > 0 {
        return Err(Failure::Conflict {
            code: codes::ALREADY_WAITING,
            message: "You are already waiting for a place here at that time.".to_owned(),
        });
    }
    if db::waitlist::count_waiting_of_person(&txn, caller.id.0, now).await? >= MAX_WAITING {
        return Err(Failure::Conflict {
            code: codes::TOO_MANY_WAITING,
            message: format!(
                "You are waiting for {MAX_WAITING} places already: leave one of those lists first."
            ),
        });
    }
    if !free_resources(&txn, site.id, new.kind, start, end)
        .await?
        .is_empty()
    {
        return Err(Failure::Conflict {
            code: codes::NOT_FULL,
            message: "A place is free for this time: book it instead of waiting.".to_owned(),
        });
    }
    let row = db::waitlist::insert_waiting_entry(
        &txn,
        caller.id.0,
        site.id,
        new.kind.as_str(),
        start,
        end,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(to_wire(&row))
}

pub async fn of_person(
    db: &DatabaseConnection,
    person: PersonId,
) -> Result<Vec<WaitlistEntry>, Failure> {
    Ok(db::waitlist::entries_of_person(db, person.0)
        .await?
        .iter()
        .map(to_wire)
        .collect())
}

pub async fn withdraw(
    db: &DatabaseConnection,
    caller: &PersonContext,
    id: WaitlistId,
) -> Result<(), Failure> {
    let withdrawn = db::waitlist::withdraw_waiting_entry(db, id.0, caller.id.0).await?;
    if withdrawn == 0 {
        return Err(Failure::NotFound(
            "There is no such place on a waitlist.".to_owned(),
        ));
    }
    Ok(())
}

/// A place freed by a cancellation: a resource of a kind at a site, for a time.
#[derive(Debug, Clone, Copy)]
pub struct Freed {
    pub site_id: i64,
    pub kind: ResourceKind,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// After a cancellation: books each freed place for the people waiting
/// longest whose slot it covers, and tells them by mail. Only entries
/// overlapping a freed place are read, at most `SERVE_AT_MOST` per place.
pub async fn serve(
    db: &DatabaseConnection,
    gate: &WriteGate,
    letterhead: &Letterhead,
    freed: &[Freed],
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    for place in freed {
        serve_place(db, gate, letterhead, place, now).await?;
    }
    Ok(())
}

async fn serve_place(
    db: &DatabaseConnection,
    gate: &WriteGate,
    letterhead: &Letterhead,
    place: &Freed,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let site_id = place.site_id;
    let waiting = db::waitlist::waiting_entries_overlapping(
        db,
        site_id,
        place.kind.as_str(),
        now,
        place.start,
        place.end,
        SERVE_AT_MOST,
    )
    .await?;
    for entry in waiting {
        let kind = ResourceKind::parse(&entry.kind).unwrap_or(ResourceKind::Desk);
        let Some(resource) = free_resources(db, site_id, kind, entry.start_at, entry.end_at)
            .await?
            .first()
            .copied()
        else {
            continue;
        };
        let Some(person) = db::people::person_by_id(db, entry.person_id).await? else {
            continue;
        };
        let as_person = PersonContext {
            id: PersonId(person.id),
            roles: Vec::new(),
        };
        let new = shared::api::NewBooking {
            resource_id: ResourceId(resource),
            start: entry.start_at.to_rfc3339(),
            end: entry.end_at.to_rfc3339(),
            for_person: None,
        };
        // Claimed first, so two processes serving this site at once book it once.
        let claimed = db::waitlist::claim_waiting_entry(db, entry.id).await?;
        if claimed != 1 {
            continue;
        }
        // Another request may take the place first, or the quota say no: then it waits on.
        let Ok(booked) = super::bookings::create(db, gate, &as_person, new, None, now).await else {
            db::waitlist::release_entry(db, entry.id).await?;
            continue;
        };
        db::waitlist::mark_entry_served(db, entry.id, booked.id.0).await?;
        if let Some(email) = &person.email {
            let language = Language::parse(&person.language).unwrap_or_default();
            let zone = local_time::parse_zone(&booked.time_zone);
            let (day, from) = local_time::local(zone, entry.start_at);
            let (_, to) = local_time::local(zone, entry.end_at);
            let when = dates_in_words::span(language, day, from, to);
            let link = format!(
                "{}{}",
                letterhead.public_url,
                shared::routes::pages::MY_BOOKINGS
            );
            let mut mail = mail::templates::place_freed(
                email,
                language,
                &booked.site_name,
                &booked.resource_name,
                &when,
                &link,
            );
            // The same invitation as any booking's, so it lands in their calendar.
            let row = db::bookings::booking_by_id(db, booked.id.0).await?;
            let site_row = db::sites::site_by_id(db, site_id).await?;
            if let (Some(row), Some(site_row)) = (row, site_row) {
                let ics = super::calendars::invitation(
                    &row,
                    &site_row,
                    None,
                    &booked.resource_name,
                    letterhead,
                    Some((person.display_name.as_str(), email.as_str())),
                );
                mail.attachments.push(mail::Attachment {
                    file_name: "reservation.ics".to_owned(),
                    content_type: "text/calendar; charset=utf-8; method=REQUEST".to_owned(),
                    content: ics,
                    drawn_as: None,
                });
            }
            mail::enqueue(db, mail, now).await?;
        }
    }
    Ok(())
}
