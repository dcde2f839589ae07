//! The rows and queries behind `app::erasure`: they take ids and return rows.
//! Each reads or changes one table for one person (or one address).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{
    booking, booking_series, calendar_feed, outbox_mail, person, quota_charge, residence, resource,
    role_grant, sign_in_challenge, sign_in_guess, waitlist_entry,
};

/// The person's active bookings that end after `now`.
pub async fn active_bookings_of_person_ending_after<C: ConnectionTrait>(
    db: &C,
    person: i64,
    now: DateTime<Utc>,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::PersonId.eq(person))
        .filter(booking::Column::Status.is_in(booking::ACTIVE))
        .filter(booking::Column::EndAt.gt(now))
        .all(db)
        .await
}

pub async fn resources_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<resource::Model>, DbErr> {
    resource::Entity::find()
        .filter(resource::Column::Id.is_in(ids))
        .all(db)
        .await
}

/// Marks these bookings cancelled at `now` (their sequence raised by one).
pub async fn cancel_bookings<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i64>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value("cancelled"))
        .col_expr(booking::Column::CancelledAt, Expr::value(Some(now)))
        .col_expr(booking::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            booking::Column::Sequence,
            Expr::col(booking::Column::Sequence).add(1),
        )
        .filter(booking::Column::Id.is_in(ids))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn series_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<booking_series::Model>, DbErr> {
    booking_series::Entity::find()
        .filter(booking_series::Column::PersonId.eq(person))
        .all(db)
        .await
}

/// The bookings of these series no longer belong to one.
pub async fn detach_bookings_from_series<C: ConnectionTrait>(
    db: &C,
    series: Vec<i64>,
) -> Result<(), DbErr> {
    booking::Entity::update_many()
        .col_expr(booking::Column::SeriesId, Expr::value(Option::<i64>::None))
        .filter(booking::Column::SeriesId.is_in(series))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_series<C: ConnectionTrait>(db: &C, series: Vec<i64>) -> Result<(), DbErr> {
    booking_series::Entity::delete_many()
        .filter(booking_series::Column::Id.is_in(series))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_waitlist_entries_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<(), DbErr> {
    waitlist_entry::Entity::delete_many()
        .filter(waitlist_entry::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

/// The person's bookings lose their person and their cancellation reason.
pub async fn anonymize_bookings_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<(), DbErr> {
    booking::Entity::update_many()
        .col_expr(booking::Column::PersonId, Expr::value(Option::<i64>::None))
        .col_expr(
            booking::Column::CancelReason,
            Expr::value(Option::<String>::None),
        )
        .filter(booking::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

/// The bookings this person made no longer say who made them.
pub async fn forget_booker<C: ConnectionTrait>(db: &C, person: i64) -> Result<(), DbErr> {
    booking::Entity::update_many()
        .col_expr(
            booking::Column::BookedById,
            Expr::value(Option::<i64>::None),
        )
        .filter(booking::Column::BookedById.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_sign_in_challenges_of_address<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<(), DbErr> {
    sign_in_challenge::Entity::delete_many()
        .filter(sign_in_challenge::Column::Email.eq(email))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_mails_to_address<C: ConnectionTrait>(db: &C, email: &str) -> Result<(), DbErr> {
    outbox_mail::Entity::delete_many()
        .filter(outbox_mail::Column::ToAddress.eq(email))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_sign_in_guesses_of_address<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<(), DbErr> {
    sign_in_guess::Entity::delete_many()
        .filter(sign_in_guess::Column::Email.eq(email))
        .exec(db)
        .await?;
    Ok(())
}

/// Clears this address wherever it waits for confirmation (with its date).
pub async fn clear_pending_email<C: ConnectionTrait>(db: &C, email: &str) -> Result<(), DbErr> {
    person::Entity::update_many()
        .col_expr(
            person::Column::PendingEmail,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            person::Column::PendingEmailAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(person::Column::PendingEmail.eq(email))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_role_grants_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<(), DbErr> {
    role_grant::Entity::delete_many()
        .filter(role_grant::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_calendar_feeds_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<(), DbErr> {
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

/// The person's quota charges stay, tied to nobody.
pub async fn detach_quota_charges_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<(), DbErr> {
    quota_charge::Entity::update_many()
        .col_expr(
            quota_charge::Column::PersonId,
            Expr::value(Option::<i64>::None),
        )
        .filter(quota_charge::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_residences_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<(), DbErr> {
    residence::Entity::delete_many()
        .filter(residence::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

/// The residences this person confirmed no longer say by whom.
pub async fn forget_residence_confirmer<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<(), DbErr> {
    residence::Entity::update_many()
        .col_expr(
            residence::Column::ConfirmedBy,
            Expr::value(Option::<i64>::None),
        )
        .filter(residence::Column::ConfirmedBy.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_person<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    person::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// The person's bookings, by start.
pub async fn bookings_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::PersonId.eq(person))
        .order_by_asc(booking::Column::StartAt)
        .all(db)
        .await
}

pub async fn waitlist_entries_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<waitlist_entry::Model>, DbErr> {
    waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::PersonId.eq(person))
        .all(db)
        .await
}

/// The person's quota charges, oldest first.
pub async fn quota_charges_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<quota_charge::Model>, DbErr> {
    quota_charge::Entity::find()
        .filter(quota_charge::Column::PersonId.eq(person))
        .order_by_asc(quota_charge::Column::Id)
        .all(db)
        .await
}

pub async fn calendar_feeds_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<calendar_feed::Model>, DbErr> {
    calendar_feed::Entity::find()
        .filter(calendar_feed::Column::PersonId.eq(person))
        .all(db)
        .await
}

/// The outbox's mails to this address, oldest first.
pub async fn mails_to_address<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Vec<outbox_mail::Model>, DbErr> {
    outbox_mail::Entity::find()
        .filter(outbox_mail::Column::ToAddress.eq(email))
        .order_by_asc(outbox_mail::Column::Id)
        .all(db)
        .await
}

/// The communes the person declared, in the order declared.
pub async fn residences_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<residence::Model>, DbErr> {
    residence::Entity::find()
        .filter(residence::Column::PersonId.eq(person))
        .order_by_asc(residence::Column::DeclaredAt)
        .all(db)
        .await
}
