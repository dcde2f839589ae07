//! Bookings: creation under the database's no-overlap rule, cancellation,
//! the person's list, a site's day, and availability.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use shared::api::{
    Availability, Booking, BookingStatus, Interval, NewBooking, NewSeries, RefusedOccurrence,
    ResourceAvailability, ResourceKind, SeriesResult, SiteAvailability,
};
use shared::error::codes;
use shared::ids::{BookingId, PersonId, ResourceId, SeriesId, SiteId};
use shared::slots::subtract;

use super::access::passes;
use super::failure::Failure;
use super::quotas;
use crate::db::entities::{booking, person, resource, site};
use crate::db::group_commit::{GroupWrite, WriteFuture};
use crate::db::{self, DatabaseConnection, DbErr, Txn};
use crate::domain::booking_rules::{self, Canceller, SiteRules};
use crate::domain::caller::PersonContext;
use crate::domain::local_time;
use crate::mail::Letterhead;

use crate::db::entities::booking::ACTIVE;

fn slot_taken() -> Failure {
    Failure::Conflict {
        code: codes::SLOT_TAKEN,
        message: "Someone has just booked this place for this time. Please choose another."
            .to_owned(),
    }
}

pub(crate) fn parse_instant(text: &str) -> Result<DateTime<Utc>, Failure> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| {
            Failure::invalid(
                codes::INVALID_DATE,
                format!("'{text}' is not an RFC 3339 instant."),
            )
        })
}

/// The rules of a site, with its closures between two local days.
pub async fn site_rules(
    db: &DatabaseConnection,
    row: &site::Model,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<SiteRules, DbErr> {
    let hours = db::bookings::opening_hours_of_site(db, row.id)
        .await?
        .iter()
        .filter_map(super::sites::opening_period)
        .collect();
    let closures = db::bookings::closures_of_site_between(db, row.id, from, to)
        .await?
        .into_iter()
        .map(|c| (c.first_day, c.last_day))
        .collect();
    Ok(SiteRules {
        zone: local_time::parse_zone(&row.time_zone),
        hours,
        slot_minutes: u16::try_from(row.slot_minutes).unwrap_or(30),
        max_days_ahead: i64::from(row.max_days_ahead),
        max_booking_minutes: i64::from(row.max_booking_minutes),
        cancel_deadline_minutes: i64::from(row.cancel_deadline_minutes),
        closures,
    })
}

fn to_wire(
    row: &booking::Model,
    resource: &resource::Model,
    site: &site::Model,
    person_name: Option<String>,
) -> Booking {
    Booking {
        id: BookingId(row.id),
        status: BookingStatus::parse(&row.status).unwrap_or(BookingStatus::Confirmed),
        resource_id: ResourceId(resource.id),
        resource_name: resource.name.clone(),
        kind: ResourceKind::parse(&resource.kind).unwrap_or(ResourceKind::Desk),
        site_id: SiteId(site.id),
        site_name: site.name.clone(),
        start: row.start_at.to_rfc3339(),
        end: row.end_at.to_rfc3339(),
        time_zone: site.time_zone.clone(),
        person_name,
        cancel_reason: row.cancel_reason.clone(),
        series_id: row.series_id.map(SeriesId),
        beyond_quota: row.beyond_quota,
    }
}

/// The resource, its site and the person a booking would be for, checked.
#[derive(Clone)]
pub(crate) struct Target {
    pub(crate) resource: resource::Model,
    pub(crate) site: site::Model,
    pub(crate) person: person::Model,
}

async fn target(
    db: &DatabaseConnection,
    caller: &PersonContext,
    resource_id: ResourceId,
    for_person: Option<PersonId>,
) -> Result<Target, Failure> {
    let resource = db::bookings::resource_by_id(db, resource_id.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such resource.".to_owned()))?;
    let site = db::sites::site_by_id(db, resource.site_id)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    if resource.retired_at.is_some() || site.retired_at.is_some() {
        return Err(retired());
    }
    let person = match for_person {
        None => db::people::person_by_id(db, caller.id.0).await?,
        Some(other) => {
            if !caller.may_host(SiteId(site.id)) {
                return Err(Failure::Forbidden);
            }
            db::bookings::assisted_person_of_site(db, other.0, site.id).await?
        }
    }
    .ok_or_else(|| Failure::NotFound("There is no such person.".to_owned()))?;
    Ok(Target {
        resource,
        site,
        person,
    })
}

/// Checks the site's rules for one interval and inserts the booking; the
/// database refuses an overlap.
#[allow(clippy::too_many_arguments)]
async fn insert_one(
    db: &DatabaseConnection,
    gate: &db::WriteGate,
    caller: &PersonContext,
    target: &Target,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    series_id: Option<i64>,
    invite: Option<&Letterhead>,
    now: DateTime<Utc>,
) -> Result<Booking, Failure> {
    let (day, _) = local_time::local(local_time::parse_zone(&target.site.time_zone), start);
    let rules = site_rules(db, &target.site, day, day).await?;
    booking_rules::check(&rules, start, end, now)?;
    // What only reads goes before the write, so writers queue for less.
    let applicable = quotas::applicable(db, &target.person).await?;
    let mail = match invite {
        Some(letterhead) => Some(
            super::booking_mail::Invite::prepare(
                db,
                letterhead,
                &target.person,
                &target.site,
                &target.resource,
                now,
            )
            .await?,
        ),
        None => None,
    };
    let pending = Pending::new(
        target,
        caller.id.0,
        (start, end),
        series_id,
        applicable,
        mail,
        now,
    );
    let outcome = match gate.bookings() {
        Some(queue) => queue.submit(pending).await,
        None => write_alone_with_retries(db, &pending).await,
    };
    match outcome {
        Ok(Ok(row)) => Ok(to_wire(&row, &target.resource, &target.site, None)),
        Ok(Err(refused)) => Err(refused),
        Err(error) if db::bookings::is_overlap(&error) => Err(slot_taken()),
        Err(error) => Err(error.into()),
    }
}

/// A booking checked and ready to be written, with what its transaction
/// needs: the quota policies and the confirmation mail, read beforehand.
pub(crate) struct Pending {
    row: db::bookings::NewBookingRow,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    person: i64,
    resource: i64,
    site: site::Model,
    applicable: quotas::Applicable,
    mail: Option<super::booking_mail::Invite>,
    now: DateTime<Utc>,
}

impl Pending {
    pub(crate) fn new(
        target: &Target,
        booked_by: i64,
        (start, end): (DateTime<Utc>, DateTime<Utc>),
        series_id: Option<i64>,
        applicable: quotas::Applicable,
        mail: Option<super::booking_mail::Invite>,
        now: DateTime<Utc>,
    ) -> Pending {
        Pending {
            row: db::bookings::NewBookingRow {
                resource_id: target.resource.id,
                site_id: target.site.id,
                person_id: Some(target.person.id),
                booked_by_id: Some(booked_by),
                resident_commune_insee: target.person.commune_insee.clone(),
                resident_categories: target.person.categories.clone(),
                start_at: start,
                end_at: end,
                status: BookingStatus::Confirmed.as_str().to_owned(),
                series_id,
                beyond_quota: false,
                pin: None,
                now,
            },
            start,
            end,
            person: target.person.id,
            resource: target.resource.id,
            site: target.site.clone(),
            applicable,
            mail,
            now,
        }
    }
}

/// The booking made, a refusal with its reason (quota), or a database error
/// (among them the overlap a taken slot raises).
pub(crate) type Outcome = Result<Result<booking::Model, Failure>, DbErr>;

/// The group commit of SQLite (`db::group_commit`) writes bookings with these.
impl GroupWrite for Pending {
    type Output = Result<booking::Model, Failure>;

    fn write<'a>(&'a self, txn: &'a Txn) -> WriteFuture<'a, Self::Output> {
        Box::pin(write(txn, self))
    }

    fn write_alone<'a>(&'a self, db: &'a DatabaseConnection) -> WriteFuture<'a, Self::Output> {
        Box::pin(write_alone_with_retries(db, self))
    }
}

/// PostgreSQL may break a tie between two inserts racing for one slot as a
/// deadlock; the retry then meets the winner and gets a clean answer. A PIN
/// already given that day at the site is drawn again.
async fn write_alone_with_retries(db: &DatabaseConnection, pending: &Pending) -> Outcome {
    let mut attempt = 0;
    loop {
        match write_alone(db, pending).await {
            Err(error)
                if (db::bookings::is_deadlock(&error) || db::bookings::is_pin_taken(&error))
                    && attempt < 5 =>
            {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(5 * attempt)).await;
            }
            outcome => return outcome,
        }
    }
}

/// Writes one booking in its own transaction. On PostgreSQL, requests take
/// turns on transaction-scoped advisory locks (across every process on the
/// database): first the resource's, since a crowd racing for one slot would
/// otherwise wait on each other inside the exclusion check and deadlock,
/// then the person's, so two requests cannot both spend their last day
/// (shared when no quota applies: nothing to spend, but an erasure of the
/// person still waits). The resource's comes first so that a person's
/// bookings do not wait for each other while one waits for a busy desk.
/// The constraint still decides who wins the slot. On SQLite the
/// transaction is `BEGIN IMMEDIATE`: one writer at a time.
pub(crate) async fn write_alone(db: &DatabaseConnection, pending: &Pending) -> Outcome {
    let txn = db::begin_write(db).await?;
    // These do nothing on SQLite.
    db::bookings::lock_resource(&txn, pending.resource).await?;
    if pending.applicable.may_spend(&pending.site, pending.start) {
        db::lock_person(&txn, pending.person).await?;
    } else {
        db::share_person_lock(&txn, pending.person).await?;
    }
    let outcome = write(&txn, pending).await?;
    match outcome {
        Ok(_) => txn.commit().await?,
        Err(_) => txn.rollback().await?,
    }
    Ok(outcome)
}

/// The booking, its quota charge and its confirmation mail, inside the
/// caller's transaction. A quota refusal writes nothing; a taken slot fails
/// at the booking's insert, before anything else of it is written.
pub(crate) async fn write(
    txn: &Txn,
    pending: &Pending,
) -> Result<Result<booking::Model, Failure>, DbErr> {
    // Checked again inside the transaction, after the resource's turn: a
    // site or resource retired since the request began takes nothing more.
    if !db::bookings::resource_still_open(txn, pending.resource).await? {
        return Ok(Err(retired()));
    }
    let (start, end) = (pending.start, pending.end);
    let applicable = &pending.applicable;
    let decision =
        quotas::decide(txn, applicable, pending.person, &pending.site, start, end).await?;
    let loaded = &applicable.loaded;
    if let Some(refused) = quotas::exceeded(&decision, loaded) {
        return Ok(Err(refused));
    }
    // The door's PIN is given with the booking: the confirmation needs it,
    // and a later savepoint to give it would cost the writer more.
    let pin = (
        passes::pin_day(&pending.site, start),
        crate::domain::door::pin_from(rand::random()),
    );
    let row = db::bookings::NewBookingRow {
        beyond_quota: matches!(decision, shared::quota::Decision::Paid { .. }),
        pin: Some(pin),
        ..pending.row.clone()
    };
    let inserted = db::bookings::insert_booking(txn, row).await?;
    quotas::record(
        txn,
        pending.person,
        &decision,
        loaded,
        inserted.id,
        pending.now,
    )
    .await?;
    if let Some(mail) = &pending.mail {
        mail.confirmed(txn, &inserted, pending.now).await?;
    }
    Ok(Ok(inserted))
}

fn retired() -> Failure {
    Failure::invalid(
        codes::RESOURCE_RETIRED,
        "This place can no longer be booked.",
    )
}

/// Books a resource for the caller, or for an assisted person of the site
/// when the caller hosts it.
pub async fn create(
    db: &DatabaseConnection,
    gate: &db::WriteGate,
    caller: &PersonContext,
    new: NewBooking,
    invite: Option<&Letterhead>,
    now: DateTime<Utc>,
) -> Result<Booking, Failure> {
    let start = parse_instant(&new.start)?;
    let end = parse_instant(&new.end)?;
    let target = target(db, caller, new.resource_id, new.for_person).await?;
    insert_one(db, gate, caller, &target, start, end, None, invite, now).await
}

/// The same local slot every week: one booking per occurrence. Occurrences
/// that cannot be booked are reported one by one; the others are kept.
pub async fn create_series(
    db: &DatabaseConnection,
    gate: &db::WriteGate,
    caller: &PersonContext,
    new: NewSeries,
    letterhead: &Letterhead,
    now: DateTime<Utc>,
) -> Result<SeriesResult, Failure> {
    if !(1..=26).contains(&new.weeks) {
        return Err(Failure::invalid(
            codes::INVALID_WEEKS,
            "A series lasts from 1 to 26 weeks.",
        ));
    }
    let start = parse_instant(&new.start)?;
    let end = parse_instant(&new.end)?;
    let target = target(db, caller, new.resource_id, new.for_person).await?;
    let zone = local_time::parse_zone(&target.site.time_zone);
    let (first_day, start_time) = local_time::local(zone, start);
    let (_, end_time) = local_time::local(zone, end);
    if end <= start {
        return Err(Failure::invalid(
            codes::INVALID_INTERVAL,
            "The end must come after the start.",
        ));
    }
    let series =
        db::bookings::insert_series(db, Some(target.person.id), target.resource.id, now).await?;
    let mut result = SeriesResult {
        series_id: SeriesId(series.id),
        booked: Vec::new(),
        refused: Vec::new(),
    };
    for week in 0..i64::from(new.weeks) {
        // Same local times every week, whatever the offset that day.
        let day = first_day + chrono::Duration::weeks(week);
        let (Some(start), Some(end)) = (
            local_time::instant(zone, day, start_time),
            local_time::instant(zone, day, end_time),
        ) else {
            continue;
        };
        match insert_one(
            db,
            gate,
            caller,
            &target,
            start,
            end,
            Some(series.id),
            None,
            now,
        )
        .await
        {
            Ok(booking) => result.booked.push(booking),
            Err(error) => {
                let (code, message) = error.code_and_message();
                result.refused.push(RefusedOccurrence {
                    start: start.to_rfc3339(),
                    end: end.to_rfc3339(),
                    code: code.to_owned(),
                    message,
                });
            }
        }
    }
    if result.booked.is_empty() {
        // Nothing to hold together: no series, and a refusal that says why
        // for each date (not a 201 with an id that would then be 404).
        let _writer = gate.enter().await;
        db::bookings::delete_series(db, series.id).await?;
        return Err(Failure::SeriesRefused(result.refused));
    }
    // One mail for the whole series, its dates in one calendar file.
    let ids: Vec<i64> = result.booked.iter().map(|b| b.id.0).collect();
    if !ids.is_empty() {
        let rows = db::bookings::bookings_by_ids(db, ids).await?;
        super::booking_mail::series_booked(
            db,
            letterhead,
            &rows,
            &target.site,
            &target.resource,
            &target.person,
            now,
        )
        .await?;
    }
    Ok(result)
}

/// Cancels every occurrence of a series still to come.
pub async fn cancel_series(
    db: &DatabaseConnection,
    caller: &PersonContext,
    series: SeriesId,
    letterhead: &Letterhead,
    now: DateTime<Utc>,
) -> Result<Vec<Booking>, Failure> {
    let rows = db::bookings::active_bookings_of_series_ending_after(db, series.0, now).await?;
    let exists = db::bookings::any_booking_of_series(db, series.0).await?;
    let mine = exists
        .is_some_and(|b| b.person_id == Some(caller.id.0) || caller.may_host(SiteId(b.site_id)));
    if !mine {
        return Err(Failure::NotFound("There is no such series.".to_owned()));
    }
    let mut cancelled = Vec::new();
    for row in rows {
        cancelled.push(cancel(db, caller, BookingId(row.id), None, letterhead, now).await?);
    }
    Ok(cancelled)
}

/// Cancels a booking: its person (before the site's deadline), a host of the
/// site or a network administrator (any time, with a reason). Others get 404.
pub async fn cancel(
    db: &DatabaseConnection,
    caller: &PersonContext,
    id: BookingId,
    reason: Option<String>,
    letterhead: &Letterhead,
    now: DateTime<Utc>,
) -> Result<Booking, Failure> {
    let not_found = || Failure::NotFound("There is no such booking.".to_owned());
    let row = db::bookings::booking_by_id(db, id.0)
        .await?
        .ok_or_else(not_found)?;
    let is_owner = row.person_id == Some(caller.id.0);
    let is_host = caller.may_host(SiteId(row.site_id));
    if !is_owner && !is_host {
        return Err(not_found());
    }
    let resource = db::bookings::resource_by_id(db, row.resource_id)
        .await?
        .ok_or_else(not_found)?;
    let site = db::sites::site_by_id(db, row.site_id)
        .await?
        .ok_or_else(not_found)?;
    if row.status == BookingStatus::Cancelled.as_str() {
        return Ok(to_wire(&row, &resource, &site, None));
    }
    let who = if is_host {
        Canceller::Host
    } else {
        Canceller::Person
    };
    booking_rules::may_cancel(
        row.start_at,
        row.end_at,
        ACTIVE.contains(&row.status.as_str()),
        i64::from(site.cancel_deadline_minutes),
        who,
        now,
    )?;
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    let txn = db::begin_write(db).await?;
    let changed = db::bookings::cancel_if_active(
        &txn,
        row.id,
        BookingStatus::Cancelled.as_str(),
        reason,
        row.sequence + 1,
        now,
    )
    .await?;
    // Only the request that cancelled it gives the charge back.
    if changed == 1 {
        quotas::refund(&txn, &row, now).await?;
        if let Some(now_cancelled) = db::bookings::booking_by_id(&txn, row.id).await? {
            super::booking_mail::cancelled(&txn, letterhead, &now_cancelled, now).await?;
        }
    }
    txn.commit().await?;
    let row = db::bookings::booking_by_id(db, id.0)
        .await?
        .ok_or_else(not_found)?;
    Ok(to_wire(&row, &resource, &site, None))
}

pub(crate) async fn with_places(
    db: &DatabaseConnection,
    rows: Vec<booking::Model>,
    names: bool,
) -> Result<Vec<Booking>, DbErr> {
    // Each id once: databases cap the values of one query.
    let distinct = |ids: Vec<i64>| -> Vec<i64> {
        ids.into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let resource_ids = distinct(rows.iter().map(|b| b.resource_id).collect());
    let site_ids = distinct(rows.iter().map(|b| b.site_id).collect());
    let resources: HashMap<i64, resource::Model> = db::bookings::resources_by_ids(db, resource_ids)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let sites: HashMap<i64, site::Model> = db::sites::sites_by_ids(db, site_ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let people: HashMap<i64, String> = if names {
        let ids = distinct(rows.iter().filter_map(|b| b.person_id).collect());
        db::bookings::people_by_ids(db, ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p.display_name))
            .collect()
    } else {
        HashMap::new()
    };
    Ok(rows
        .iter()
        .filter_map(|row| {
            let name = row.person_id.and_then(|p| people.get(&p).cloned());
            Some(to_wire(
                row,
                resources.get(&row.resource_id)?,
                sites.get(&row.site_id)?,
                name,
            ))
        })
        .collect())
}

/// A person's bookings, soonest first.
/// A person's bookings: those to come, soonest first (at most 500: the
/// booking horizon and quotas keep them far fewer), then a page of the past
/// ones, most recent first.
pub async fn of_person(
    db: &DatabaseConnection,
    person: PersonId,
    now: DateTime<Utc>,
    past_limit: u64,
    past_offset: u64,
) -> Result<Vec<Booking>, DbErr> {
    let mut rows = db::bookings::bookings_of_person_ending_after(db, person.0, now, 500).await?;
    rows.extend(
        db::bookings::bookings_of_person_ended_by(db, person.0, now, past_offset, past_limit)
            .await?,
    );
    with_places(db, rows, false).await
}

/// A site's bookings on one local day, with names, for its hosts.
pub async fn of_site_day(
    db: &DatabaseConnection,
    site_id: SiteId,
    day: NaiveDate,
) -> Result<Vec<Booking>, Failure> {
    let site = db::sites::site_by_id(db, site_id.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such site.".to_owned()))?;
    let (start, end) = local_time::day_bounds(local_time::parse_zone(&site.time_zone), day)
        .ok_or_else(|| Failure::invalid(codes::INVALID_DATE, "This day cannot be shown."))?;
    let rows = db::bookings::bookings_of_site_between(db, site.id, start, end).await?;
    Ok(with_places(db, rows, true).await?)
}

/// A half-open interval of instants.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// Filters of the availability search.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub kind: Option<ResourceKind>,
    /// (latitude, longitude) to sort sites by distance from.
    pub near: Option<(f64, f64)>,
    pub amenities: Vec<String>,
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1, lat2, lon2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().asin()
}

/// Free intervals of every resource of every open site on one local day.
pub async fn availability(
    db: &DatabaseConnection,
    day: NaiveDate,
    search: &Search,
) -> Result<Availability, DbErr> {
    let board = Board::load(db, day, day).await?;
    Ok(board.day(day, search))
}

/// Free intervals of every resource on each of `days` days from `first`,
/// read in one go (the week view: not seven times the same sites).
pub async fn availability_of_days(
    db: &DatabaseConnection,
    first: NaiveDate,
    days: usize,
    search: &Search,
) -> Result<Vec<Availability>, DbErr> {
    let last = first + chrono::Duration::days(days.saturating_sub(1) as i64);
    let board = Board::load(db, first, last).await?;
    Ok(first
        .iter_days()
        .take(days)
        .map(|day| board.day(day, search))
        .collect())
}

/// What availability reads for a range of days: the sites with their
/// resources and hours, the closures, and the taken intervals per resource.
struct Board {
    sites: Vec<shared::api::Site>,
    closures: Vec<(i64, NaiveDate, NaiveDate)>,
    taken: HashMap<i64, Vec<Span>>,
}

impl Board {
    async fn load(
        db: &DatabaseConnection,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Board, DbErr> {
        let sites = super::sites::list(db).await?;
        let closures = db::bookings::closures_between(db, first, last)
            .await?
            .into_iter()
            .map(|c| (c.site_id, c.first_day, c.last_day))
            .collect();
        // One query for every booking that may touch these days in the
        // sites' own zones (most networks have one: a day, not the 52 hours
        // that would cover every zone on Earth).
        let utc_midnight =
            |day: NaiveDate| Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default());
        let next = last.succ_opt().unwrap_or(last);
        let (window_start, window_end) = sites
            .iter()
            .map(|site| {
                let zone = local_time::parse_zone(&site.time_zone);
                // A midnight a zone skips: the widest bounds instead.
                (
                    local_time::instant(zone, first, shared::ClockTime::MIDNIGHT)
                        .unwrap_or(utc_midnight(first) - chrono::Duration::hours(14)),
                    local_time::instant(zone, next, shared::ClockTime::MIDNIGHT)
                        .unwrap_or(utc_midnight(next) + chrono::Duration::hours(14)),
                )
            })
            .reduce(|(s1, e1), (s2, e2)| (s1.min(s2), e1.max(e2)))
            .unwrap_or((utc_midnight(first), utc_midnight(next)));
        let mut taken: HashMap<i64, Vec<Span>> = HashMap::new();
        for (resource, start, end) in
            db::bookings::taken_between(db, window_start, window_end).await?
        {
            taken.entry(resource).or_default().push((start, end));
        }
        Ok(Board {
            sites,
            closures,
            taken,
        })
    }

    fn day(&self, day: NaiveDate, search: &Search) -> Availability {
        let weekday = local_time::weekday(day);
        let mut result = Vec::new();
        for site in &self.sites {
            if !search.amenities.iter().all(|a| site.amenities.contains(a)) {
                continue;
            }
            let zone = local_time::parse_zone(&site.time_zone);
            let periods = shared::slots::periods_of(&site.opening_hours, weekday);
            let closed_that_day = self
                .closures
                .iter()
                .any(|(s, first, last)| *s == site.id.0 && (*first..=*last).contains(&day));
            let closed = closed_that_day || periods.is_empty();
            let open: Vec<Span> = if closed {
                Vec::new()
            } else {
                periods
                    .iter()
                    .filter_map(|(o, c)| {
                        Some((
                            local_time::instant(zone, day, *o)?,
                            local_time::instant(zone, day, *c)?,
                        ))
                    })
                    .collect()
            };
            let interval = |(s, e): Span| Interval {
                start: s.to_rfc3339(),
                end: e.to_rfc3339(),
            };
            let resources = site
                .resources
                .iter()
                .filter(|r| search.kind.is_none_or(|k| k == r.kind))
                .map(|r| ResourceAvailability {
                    resource_id: r.id,
                    name: r.name.clone(),
                    kind: r.kind,
                    free: subtract(
                        &open,
                        self.taken.get(&r.id.0).map_or(&[][..], Vec::as_slice),
                    )
                    .into_iter()
                    .map(interval)
                    .collect(),
                })
                .collect();
            result.push(SiteAvailability {
                site_id: site.id,
                distance_km: search.near.map(|near| {
                    (distance_km(near, (site.latitude, site.longitude)) * 10.0).round() / 10.0
                }),
                site_name: site.name.clone(),
                commune_name: site.commune_name.clone(),
                closed,
                open: open.into_iter().map(interval).collect(),
                resources,
            });
        }
        if search.near.is_some() {
            result.sort_by(|a, b| {
                a.distance_km
                    .unwrap_or(0.0)
                    .total_cmp(&b.distance_km.unwrap_or(0.0))
            });
        }
        Availability {
            date: day.to_string(),
            sites: result,
        }
    }
}

/// A host marks that the person did not come: the booking ends as a no-show
/// and costs what the policy that charged it says.
pub async fn mark_no_show(
    db: &DatabaseConnection,
    caller: &PersonContext,
    id: BookingId,
    now: DateTime<Utc>,
) -> Result<Booking, Failure> {
    let not_found = || Failure::NotFound("There is no such booking.".to_owned());
    let row = db::bookings::booking_by_id(db, id.0)
        .await?
        .filter(|b| caller.may_host(SiteId(b.site_id)))
        .ok_or_else(not_found)?;
    if row.start_at > now {
        return Err(Failure::Conflict {
            code: codes::TOO_EARLY,
            message: "A booking can be marked as a no-show once it has started.".to_owned(),
        });
    }
    let txn = db::begin_write(db).await?;
    let changed = db::bookings::change_status(
        &txn,
        row.id,
        BookingStatus::Confirmed.as_str(),
        BookingStatus::NoShow.as_str(),
        row.sequence + 1,
        now,
    )
    .await?;
    if changed == 1 {
        quotas::charge_no_show(&txn, &row, now).await?;
    } else if row.status != BookingStatus::NoShow.as_str() {
        return Err(Failure::Conflict {
            code: codes::ALREADY_CANCELLED,
            message: "This booking was cancelled or checked in.".to_owned(),
        });
    }
    txn.commit().await?;
    let row = db::bookings::booking_by_id(db, id.0)
        .await?
        .ok_or_else(not_found)?;
    with_places(db, vec![row], true)
        .await?
        .pop()
        .ok_or_else(not_found)
}
