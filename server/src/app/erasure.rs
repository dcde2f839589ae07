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
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
use shared::api::ResourceKind;
use shared::ids::PersonId;

use super::waitlist::Freed;
use crate::db::entities::{
    booking, booking_series, calendar_feed, outbox_mail, person, quota_charge, residence, resource,
    role_grant, sign_in_challenge, sign_in_guess, waitlist_entry,
};

/// Erases a person; returns the places their cancelled bookings freed, for
/// the waiting lists.
pub async fn erase(
    db: &DatabaseConnection,
    id: PersonId,
    now: DateTime<Utc>,
) -> Result<Vec<Freed>, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    // In turn with the person's bookings: none can slip in while they go.
    crate::db::lock_person(&txn, id.0).await?;
    let Some(row) = person::Entity::find_by_id(id.0).one(&txn).await? else {
        txn.commit().await?;
        return Ok(Vec::new());
    };
    // Bookings still to come: cancelled, their quota given back, their desks freed.
    let future = booking::Entity::find()
        .filter(booking::Column::PersonId.eq(id.0))
        .filter(booking::Column::Status.is_in(crate::db::entities::booking::ACTIVE))
        .filter(booking::Column::EndAt.gt(now))
        .all(&txn)
        .await?;
    let kinds: HashMap<i64, ResourceKind> = resource::Entity::find()
        .filter(resource::Column::Id.is_in(future.iter().map(|b| b.resource_id)))
        .all(&txn)
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
    booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value("cancelled"))
        .col_expr(booking::Column::CancelledAt, Expr::value(Some(now)))
        .col_expr(booking::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            booking::Column::Sequence,
            Expr::col(booking::Column::Sequence).add(1),
        )
        .filter(booking::Column::Id.is_in(future.iter().map(|b| b.id)))
        .exec(&txn)
        .await?;
    // Series and waiting lists are plans of the person: they go.
    let series: Vec<i64> = booking_series::Entity::find()
        .filter(booking_series::Column::PersonId.eq(id.0))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    booking::Entity::update_many()
        .col_expr(booking::Column::SeriesId, Expr::value(Option::<i64>::None))
        .filter(booking::Column::SeriesId.is_in(series.clone()))
        .exec(&txn)
        .await?;
    booking_series::Entity::delete_many()
        .filter(booking_series::Column::Id.is_in(series))
        .exec(&txn)
        .await?;
    waitlist_entry::Entity::delete_many()
        .filter(waitlist_entry::Column::PersonId.eq(id.0))
        .exec(&txn)
        .await?;
    // Every booking of theirs stays countable, naming nobody; a reason typed
    // by a host may name them, so it goes too.
    booking::Entity::update_many()
        .col_expr(booking::Column::PersonId, Expr::value(Option::<i64>::None))
        .col_expr(
            booking::Column::CancelReason,
            Expr::value(Option::<String>::None),
        )
        .filter(booking::Column::PersonId.eq(id.0))
        .exec(&txn)
        .await?;
    // Bookings they made for others (as a host) keep their person.
    booking::Entity::update_many()
        .col_expr(
            booking::Column::BookedById,
            Expr::value(Option::<i64>::None),
        )
        .filter(booking::Column::BookedById.eq(id.0))
        .exec(&txn)
        .await?;
    if let Some(email) = &row.email {
        sign_in_challenge::Entity::delete_many()
            .filter(sign_in_challenge::Column::Email.eq(email.clone()))
            .exec(&txn)
            .await?;
        outbox_mail::Entity::delete_many()
            .filter(outbox_mail::Column::ToAddress.eq(email.clone()))
            .exec(&txn)
            .await?;
        sign_in_guess::Entity::delete_many()
            .filter(sign_in_guess::Column::Email.eq(email.clone()))
            .exec(&txn)
            .await?;
        // A host may have typed this address for someone else.
        person::Entity::update_many()
            .col_expr(
                person::Column::PendingEmail,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                person::Column::PendingEmailAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(person::Column::PendingEmail.eq(email.clone()))
            .exec(&txn)
            .await?;
    }
    role_grant::Entity::delete_many()
        .filter(role_grant::Column::PersonId.eq(id.0))
        .exec(&txn)
        .await?;
    // Their calendar links die with the account.
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::PersonId.eq(id.0))
        .exec(&txn)
        .await?;
    // The ledger keeps its amounts for statistics, no longer tied to anyone.
    quota_charge::Entity::update_many()
        .col_expr(
            quota_charge::Column::PersonId,
            Expr::value(Option::<i64>::None),
        )
        .filter(quota_charge::Column::PersonId.eq(id.0))
        .exec(&txn)
        .await?;
    // Their declared communes go; confirmations they gave as a host stay,
    // no longer saying by whom.
    residence::Entity::delete_many()
        .filter(residence::Column::PersonId.eq(id.0))
        .exec(&txn)
        .await?;
    residence::Entity::update_many()
        .col_expr(
            residence::Column::ConfirmedBy,
            Expr::value(Option::<i64>::None),
        )
        .filter(residence::Column::ConfirmedBy.eq(id.0))
        .exec(&txn)
        .await?;
    person::Entity::delete_by_id(id.0).exec(&txn).await?;
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
    let bookings: Vec<serde_json::Value> = booking::Entity::find()
        .filter(booking::Column::PersonId.eq(id))
        .order_by_asc(booking::Column::StartAt)
        .all(db)
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
    let series: Vec<serde_json::Value> = booking_series::Entity::find()
        .filter(booking_series::Column::PersonId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| serde_json::json!({"id": s.id, "resource_id": s.resource_id, "created_at": s.created_at}))
        .collect();
    let waiting: Vec<serde_json::Value> = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::PersonId.eq(id))
        .all(db)
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
    let ledger: Vec<serde_json::Value> = quota_charge::Entity::find()
        .filter(quota_charge::Column::PersonId.eq(id))
        .order_by_asc(quota_charge::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            serde_json::json!({
                "policy_id": c.policy_id, "period_start": c.period_start, "amount": c.amount,
                "kind": c.kind, "booking_id": c.booking_id, "created_at": c.created_at,
            })
        })
        .collect();
    let feeds: Vec<serde_json::Value> = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::PersonId.eq(id))
        .all(db)
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
        Some(email) => outbox_mail::Entity::find()
            .filter(outbox_mail::Column::ToAddress.eq(email.clone()))
            .order_by_asc(outbox_mail::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|m| serde_json::json!({"subject": m.subject, "created_at": m.created_at, "sent_at": m.sent_at}))
            .collect(),
        None => Vec::new(),
    };
    let residences: Vec<serde_json::Value> = residence::Entity::find()
        .filter(residence::Column::PersonId.eq(id))
        .order_by_asc(residence::Column::DeclaredAt)
        .all(db)
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
