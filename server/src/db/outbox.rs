//! The outbox: mails waiting to be sent, written in the transaction of what
//! caused them, claimed by the sending worker of any process with a
//! conditional update.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, UpdateMany,
};

use super::entities::outbox_mail;

/// A mail to queue, as the outbox stores it.
pub struct NewMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The attachments, as JSON.
    pub attachments: String,
    pub secret: bool,
}

/// Queues a mail inside the caller's transaction, due at once.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    mail: NewMail,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox_mail::ActiveModel {
        to_address: Set(mail.to),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        attachments: Set(mail.attachments),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        secret: Set(mail.secret),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Ids of at most `limit` unsent mails due at `now` that nobody holds, oldest first.
pub async fn due<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<i64>, DbErr> {
    Ok(outbox_mail::Entity::find()
        .filter(outbox_mail::Column::SentAt.is_null())
        .filter(outbox_mail::Column::NextAttemptAt.lte(now))
        .filter(free_at(now))
        .order_by_asc(outbox_mail::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect())
}

/// Holds the mails among `ids` still unsent and free until `until`; returns
/// those this call got (another process may have taken some).
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<outbox_mail::Model>, DbErr> {
    outbox_mail::Entity::update_many()
        .col_expr(outbox_mail::Column::LockedUntil, Expr::value(until))
        .filter(outbox_mail::Column::Id.is_in(ids))
        .filter(outbox_mail::Column::SentAt.is_null())
        .filter(free_at(now))
        .exec_with_returning(db)
        .await
}

/// Marks mails sent at `at`, and wipes the text of those that carried a
/// secret (a sign-in code has done its job once it is in the mailbox).
pub async fn mark_sent<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox_mail::Entity::update_many()
        .col_expr(outbox_mail::Column::SentAt, Expr::value(Some(at)))
        .col_expr(
            outbox_mail::Column::Attempts,
            Expr::col(outbox_mail::Column::Attempts).add(1),
        )
        .col_expr(
            outbox_mail::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox_mail::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox_mail::Column::Id.is_in(ids.clone()))
        .exec(db)
        .await?;
    wipe_text(
        outbox_mail::Entity::update_many()
            .filter(outbox_mail::Column::Id.is_in(ids))
            .filter(outbox_mail::Column::Secret.eq(true)),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Records a failed try: lets the mail go and sets when to try again.
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    id: i64,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    error: String,
) -> Result<(), DbErr> {
    outbox_mail::Entity::update_many()
        .filter(outbox_mail::Column::Id.eq(id))
        .col_expr(outbox_mail::Column::Attempts, Expr::value(attempts))
        .col_expr(
            outbox_mail::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox_mail::Column::NextAttemptAt,
            Expr::value(next_attempt_at),
        )
        .col_expr(outbox_mail::Column::LastError, Expr::value(Some(error)))
        .exec(db)
        .await?;
    Ok(())
}

/// Wipes the text of mails sent before `before`; how many.
pub async fn wipe_texts_sent_before<C: ConnectionTrait>(
    db: &C,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let done = wipe_text(
        outbox_mail::Entity::update_many()
            .filter(outbox_mail::Column::SentAt.lt(before))
            .filter(outbox_mail::Column::BodyText.ne("")),
    )
    .exec(db)
    .await?;
    Ok(done.rows_affected)
}

/// Empties what a mail said, keeping its row (who, when, whether it went).
fn wipe_text(update: UpdateMany<outbox_mail::Entity>) -> UpdateMany<outbox_mail::Entity> {
    update
        .col_expr(outbox_mail::Column::Subject, Expr::value(""))
        .col_expr(outbox_mail::Column::BodyText, Expr::value(""))
        .col_expr(outbox_mail::Column::BodyHtml, Expr::value(""))
        .col_expr(outbox_mail::Column::Attachments, Expr::value("[]"))
}

fn free_at(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(outbox_mail::Column::LockedUntil.is_null())
        .add(outbox_mail::Column::LockedUntil.lt(now))
}
