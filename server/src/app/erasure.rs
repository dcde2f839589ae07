//! What Relais holds on a person, in one place: the export ("download my
//! data") and the erasure ("delete my account") walk the same tables, so
//! neither can forget one the other knows.
//!
//! Erasing deletes the person, not the evidence: bookings still to come are
//! cancelled (the desks go back to others and to the waiting lists), the
//! waiting lists and series go, and past bookings stay countable for
//! statistics (site, resource, times, status, commune and categories of
//! residence at the time) with nothing left that names anyone.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use shared::api::ResourceKind;
use shared::ids::PersonId;

use super::waitlist::Freed;
use crate::db::entities::person;
use crate::db::{self, DatabaseConnection, DbErr};

/// Erases a person; returns the places their cancelled bookings freed, for
/// the waiting lists.
pub async fn erase(
    db: &DatabaseConnection,
    id: PersonId,
    now: DateTime<Utc>,
) -> Result<Vec<Freed>, DbErr> {
    let txn = db::begin_write(db).await?;
    // In turn with the person's bookings: none can slip in while they go.
    db::lock_person(&txn, id.0).await?;
    let Some(row) = db::people::person_by_id(&txn, id.0).await? else {
        txn.commit().await?;
        return Ok(Vec::new());
    };
    // Bookings still to come: cancelled, their quota given back, their desks freed.
    let future = db::erasure::active_bookings_of_person_ending_after(&txn, id.0, now).await?;
    let kinds: HashMap<i64, ResourceKind> =
        db::erasure::resources_by_ids(&txn, future.iter().map(|b| b.resource_id))
            .await?
            .into_iter()
            .map(|r| {
                (
                    r.id,
                    ResourceKind::parse(&r.kind).unwrap_or(ResourceKind::Desk),
                )
            })
            .collect();
    let mut freed = Vec::new();
    for booking in &future {
        super::quotas::refund(&txn, booking, now).await?;
        freed.push(Freed {
            site_id: booking.site_id,
            kind: kinds
                .get(&booking.resource_id)
                .copied()
                .unwrap_or(ResourceKind::Desk),
            start: Ord::max(booking.start_at, now),
            end: booking.end_at,
        });
    }
    db::erasure::cancel_bookings(&txn, future.iter().map(|b| b.id), now).await?;
    // What stays counted in the statistics stays so, as a number only.
    super::stats::keep_erased_person_counted(&txn, id.0).await?;
    // Series and waiting lists are plans of the person: they go.
    let series: Vec<i64> = db::erasure::series_of_person(&txn, id.0)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    db::erasure::detach_bookings_from_series(&txn, series.clone()).await?;
    db::erasure::delete_series(&txn, series).await?;
    db::erasure::delete_waitlist_entries_of_person(&txn, id.0).await?;
    // Every booking of theirs stays countable, naming nobody; a reason typed
    // by a host may name them, so it goes too.
    db::erasure::anonymize_bookings_of_person(&txn, id.0).await?;
    // Bookings they made for others (as a host) keep their person.
    db::erasure::forget_booker(&txn, id.0).await?;
    if let Some(email) = &row.email {
        db::erasure::delete_sign_in_challenges_of_address(&txn, email).await?;
        db::erasure::delete_mails_to_address(&txn, email).await?;
        db::erasure::delete_sign_in_guesses_of_address(&txn, email).await?;
        // A host may have typed this address for someone else.
        db::erasure::clear_pending_email(&txn, email).await?;
    }
    db::erasure::delete_role_grants_of_person(&txn, id.0).await?;
    // Their calendar links die with the account.
    db::erasure::delete_calendar_feeds_of_person(&txn, id.0).await?;
    // The ledger keeps its amounts for statistics, no longer tied to anyone.
    db::erasure::detach_quota_charges_of_person(&txn, id.0).await?;
    // Their declared communes go; confirmations they gave as a host stay,
    // no longer saying by whom.
    db::erasure::delete_residences_of_person(&txn, id.0).await?;
    db::erasure::forget_residence_confirmer(&txn, id.0).await?;
    db::erasure::delete_person(&txn, id.0).await?;
    txn.commit().await?;
    Ok(freed)
}

/// Everything held on the person besides their profile: bookings, series,
/// waiting lists, quota ledger, calendar feeds and mails.
pub async fn held(
    db: &DatabaseConnection,
    row: &person::Model,
    public_url: &str,
) -> Result<serde_json::Value, DbErr> {
    let id = row.id;
    let bookings: Vec<serde_json::Value> = db::erasure::bookings_of_person(db, id)
        .await?
        .into_iter()
        .map(|b| {
            serde_json::json!({
                "id": b.id, "site_id": b.site_id, "resource_id": b.resource_id,
                "start": b.start_at, "end": b.end_at, "status": b.status,
                "series_id": b.series_id, "created_at": b.created_at,
                "cancelled_at": b.cancelled_at, "cancel_reason": b.cancel_reason,
                "beyond_quota": b.beyond_quota,
                "commune_of_residence": b.resident_commune_insee,
                "categories": serde_json::from_str::<serde_json::Value>(&b.resident_categories)
                    .unwrap_or_default(),
            })
        })
        .collect();
    let series: Vec<serde_json::Value> = db::erasure::series_of_person(db, id)
        .await?
        .into_iter()
        .map(|s| serde_json::json!({"id": s.id, "resource_id": s.resource_id, "created_at": s.created_at}))
        .collect();
    let waiting: Vec<serde_json::Value> = db::erasure::waitlist_entries_of_person(db, id)
        .await?
        .into_iter()
        .map(|w| {
            serde_json::json!({
                "id": w.id, "site_id": w.site_id, "kind": w.kind, "start": w.start_at,
                "end": w.end_at, "status": w.status, "booking_id": w.booking_id,
                "created_at": w.created_at,
            })
        })
        .collect();
    let ledger: Vec<serde_json::Value> = db::erasure::quota_charges_of_person(db, id)
        .await?
        .into_iter()
        .map(|c| {
            serde_json::json!({
                "policy_id": c.policy_id, "period_start": c.period_start, "amount": c.amount,
                "kind": c.kind, "booking_id": c.booking_id, "created_at": c.created_at,
            })
        })
        .collect();
    let feeds: Vec<serde_json::Value> = db::erasure::calendar_feeds_of_person(db, id)
        .await?
        .into_iter()
        .map(|f| {
            serde_json::json!({
                "scope": f.scope, "site_id": f.site_id, "resource_id": f.resource_id,
                "url": super::calendars::url(public_url, &f.token), "created_at": f.created_at,
            })
        })
        .collect();
    let mails: Vec<serde_json::Value> = match &row.email {
        Some(email) => db::erasure::mails_to_address(db, email)
            .await?
            .into_iter()
            .map(|m| serde_json::json!({"subject": m.subject, "created_at": m.created_at, "sent_at": m.sent_at}))
            .collect(),
        None => Vec::new(),
    };
    let residences: Vec<serde_json::Value> = db::erasure::residences_of_person(db, id)
        .await?
        .into_iter()
        .map(|r| {
            serde_json::json!({
                "commune_insee": r.commune_insee, "declared_at": r.declared_at,
                "confirmed_at": r.confirmed_at,
            })
        })
        .collect();
    Ok(serde_json::json!({
        "communes_declared": residences,
        "categories_confirmed": serde_json::from_str::<serde_json::Value>(&row.confirmed_categories)
            .unwrap_or_default(),
        "bookings": bookings,
        "series": series,
        "waiting_lists": waiting,
        "quota_ledger": ledger,
        "calendar_feeds": feeds,
        "mails": mails,
    }))
}
