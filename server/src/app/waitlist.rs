//! The waitlist: when every resource of a kind is taken at a site for a slot,
//! a person may wait; when a booking there is cancelled, the first person
//! waiting whose slot is now free gets a booking and a mail.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::api::{Language, NewWaitlistEntry, ResourceKind, WaitlistEntry, WaitlistStatus};
use shared::error::codes;
use shared::ids::{BookingId, PersonId, ResourceId, SiteId, WaitlistId};

use super::failure::Failure;
use crate::db::WriteGate;
use crate::db::entities::{booking, person, resource, site, waitlist_entry};
use crate::domain::caller::PersonContext;
use crate::domain::{booking_rules, local_time};
use crate::mail;

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
    let resources: Vec<i64> = resource::Entity::find()
        .filter(resource::Column::SiteId.eq(site))
        .filter(resource::Column::Kind.eq(kind.as_str()))
        .filter(resource::Column::RetiredAt.is_null())
        .order_by_asc(resource::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let busy: Vec<i64> = booking::Entity::find()
        .filter(booking::Column::ResourceId.is_in(resources.clone()))
        .filter(booking::Column::Status.is_in(crate::db::entities::booking::ACTIVE))
        .filter(booking::Column::StartAt.lt(end))
        .filter(booking::Column::EndAt.gt(start))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.resource_id)
        .collect();
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
    let site = site::Entity::find_by_id(new.site_id.0)
        .one(db)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    let (day, _) = local_time::local(local_time::parse_zone(&site.time_zone), start);
    let rules = super::bookings::site_rules(db, &site, day, day).await?;
    booking_rules::check(&rules, start, end, now)?;
    // One decision at a time per person (the write gate on SQLite, the
    // person's advisory lock on PostgreSQL, as for bookings), so two clicks
    // cannot both pass the checks.
    let _writer = gate.enter().await;
    let txn = crate::db::begin_write(db).await?;
    crate::db::lock_person(&txn, caller.id.0).await?;
    let mine = || {
        waitlist_entry::Entity::find()
            .filter(waitlist_entry::Column::PersonId.eq(caller.id.0))
            .filter(waitlist_entry::Column::Status.eq("waiting"))
            .filter(waitlist_entry::Column::EndAt.gt(now))
    };
    let overlapping = mine()
        .filter(waitlist_entry::Column::SiteId.eq(site.id))
        .filter(waitlist_entry::Column::Kind.eq(new.kind.as_str()))
        .filter(waitlist_entry::Column::StartAt.lt(end))
        .filter(waitlist_entry::Column::EndAt.gt(start))
        .count(&txn)
        .await?;
    if overlapping > 0 {
        return Err(Failure::Conflict {
            code: codes::ALREADY_WAITING,
            message: "You are already waiting for a place here at that time.".to_owned(),
        });
    }
    if mine().count(&txn).await? >= MAX_WAITING {
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
    let row = waitlist_entry::ActiveModel {
        person_id: Set(caller.id.0),
        site_id: Set(site.id),
        kind: Set(new.kind.as_str().to_owned()),
        start_at: Set(start),
        end_at: Set(end),
        status: Set("waiting".to_owned()),
        booking_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(to_wire(&row))
}

pub async fn of_person(
    db: &DatabaseConnection,
    person: PersonId,
) -> Result<Vec<WaitlistEntry>, Failure> {
    Ok(waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::PersonId.eq(person.0))
        .order_by_asc(waitlist_entry::Column::StartAt)
        .all(db)
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
    let done = waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value("withdrawn"))
        .filter(waitlist_entry::Column::Id.eq(id.0))
        .filter(waitlist_entry::Column::PersonId.eq(caller.id.0))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
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
    public_url: &str,
    freed: &[Freed],
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    for place in freed {
        serve_place(db, gate, public_url, place, now).await?;
    }
    Ok(())
}

async fn serve_place(
    db: &DatabaseConnection,
    gate: &WriteGate,
    public_url: &str,
    place: &Freed,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let site_id = place.site_id;
    let waiting = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::SiteId.eq(site_id))
        .filter(waitlist_entry::Column::Kind.eq(place.kind.as_str()))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .filter(waitlist_entry::Column::StartAt.gt(now))
        .filter(waitlist_entry::Column::StartAt.lt(place.end))
        .filter(waitlist_entry::Column::EndAt.gt(place.start))
        .order_by_asc(waitlist_entry::Column::CreatedAt)
        .order_by_asc(waitlist_entry::Column::Id)
        .limit(SERVE_AT_MOST)
        .all(db)
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
        let Some(person) = person::Entity::find_by_id(entry.person_id).one(db).await? else {
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
        let claimed = waitlist_entry::Entity::update_many()
            .col_expr(waitlist_entry::Column::Status, Expr::value("serving"))
            .filter(waitlist_entry::Column::Id.eq(entry.id))
            .filter(waitlist_entry::Column::Status.eq("waiting"))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        // Another request may take the place first, or the quota say no: then it waits on.
        let Ok(booked) = super::bookings::create(db, gate, &as_person, new, None, now).await else {
            waitlist_entry::Entity::update_many()
                .col_expr(waitlist_entry::Column::Status, Expr::value("waiting"))
                .filter(waitlist_entry::Column::Id.eq(entry.id))
                .exec(db)
                .await?;
            continue;
        };
        waitlist_entry::Entity::update_many()
            .col_expr(waitlist_entry::Column::Status, Expr::value("served"))
            .col_expr(
                waitlist_entry::Column::BookingId,
                Expr::value(Some(booked.id.0)),
            )
            .filter(waitlist_entry::Column::Id.eq(entry.id))
            .exec(db)
            .await?;
        if let Some(email) = &person.email {
            let language = Language::parse(&person.language).unwrap_or_default();
            let zone = local_time::parse_zone(&booked.time_zone);
            let (day, from) = local_time::local(zone, entry.start_at);
            let (_, to) = local_time::local(zone, entry.end_at);
            let when = format!("{day} {from}–{to}");
            let link = format!("{public_url}{}", shared::routes::pages::MY_BOOKINGS);
            let mut mail = mail::templates::place_freed(
                email,
                language,
                &booked.site_name,
                &booked.resource_name,
                &when,
                &link,
            );
            // The same invitation as any booking's, so it lands in their calendar.
            let row = booking::Entity::find_by_id(booked.id.0).one(db).await?;
            let site_row = site::Entity::find_by_id(site_id).one(db).await?;
            if let (Some(row), Some(site_row)) = (row, site_row) {
                let ics = super::calendars::invitation(
                    &row,
                    &site_row,
                    None,
                    &booked.resource_name,
                    public_url,
                    Some((person.display_name.as_str(), email.as_str())),
                );
                mail.attachments.push(mail::Attachment {
                    file_name: "reservation.ics".to_owned(),
                    content_type: "text/calendar; charset=utf-8; method=REQUEST".to_owned(),
                    content: ics,
                });
            }
            mail::enqueue(db, mail, now).await?;
        }
    }
    Ok(())
}
