//! Sign-in challenges: one row per mail sent, holding hashes of its code and
//! link. Single use, 10 minutes, dead after 5 wrong codes. Every state change
//! is a conditional update, so two racing requests cannot both succeed.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use shared::api::Language;
use shared::error::codes;

use super::entities::sign_in_challenge;
use crate::error::ApiError;

pub const VALIDITY: Duration = Duration::minutes(10);
pub const MAX_FAILED_ATTEMPTS: i32 = 5;

/// Stores a new challenge and retires the address's older ones.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    email: &str,
    code_hash: String,
    link_hash: String,
    language: Language,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    sign_in_challenge::Entity::update_many()
        .col_expr(
            sign_in_challenge::Column::ConsumedAt,
            Expr::value(Some(now)),
        )
        .filter(sign_in_challenge::Column::Email.eq(email))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .exec(db)
        .await?;
    sign_in_challenge::ActiveModel {
        email: Set(email.to_owned()),
        code_hash: Set(code_hash),
        link_hash: Set(link_hash),
        language: Set(language.code().to_owned()),
        created_at: Set(now),
        expires_at: Set(now + VALIDITY),
        failed_attempts: Set(0),
        consumed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn expired() -> ApiError {
    ApiError::Gone {
        code: codes::CODE_EXPIRED,
        message: "This code or link has expired or was already used. Please ask for a new one."
            .to_owned(),
    }
}

/// Checks a typed code; on success the challenge is consumed and its
/// address and language are returned.
pub async fn verify_code<C: ConnectionTrait>(
    db: &C,
    email: &str,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<(String, Language), ApiError> {
    let challenge = sign_in_challenge::Entity::find()
        .filter(sign_in_challenge::Column::Email.eq(email))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .order_by_desc(sign_in_challenge::Column::Id)
        .one(db)
        .await?
        .ok_or_else(expired)?;
    still_usable(&challenge, now)?;
    if !constant_time_eq(challenge.code_hash.as_bytes(), code_hash.as_bytes()) {
        // Counted in the database: parallel guesses cannot get past five.
        let counted = sign_in_challenge::Entity::update_many()
            .col_expr(
                sign_in_challenge::Column::FailedAttempts,
                Expr::col(sign_in_challenge::Column::FailedAttempts).add(1),
            )
            .filter(sign_in_challenge::Column::Id.eq(challenge.id))
            .filter(sign_in_challenge::Column::FailedAttempts.lt(MAX_FAILED_ATTEMPTS))
            .exec(db)
            .await?;
        if counted.rows_affected == 0 {
            return Err(too_many());
        }
        return Err(ApiError::bad_request(
            codes::INVALID_CODE,
            "This code is not the right one. Check the last mail you received.",
        ));
    }
    consume(db, challenge, now).await
}

/// Checks the token of a mail's link.
pub async fn verify_link<C: ConnectionTrait>(
    db: &C,
    link_hash: &str,
    now: DateTime<Utc>,
) -> Result<(String, Language), ApiError> {
    let challenge = sign_in_challenge::Entity::find()
        .filter(sign_in_challenge::Column::LinkHash.eq(link_hash))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(expired)?;
    still_usable(&challenge, now)?;
    consume(db, challenge, now).await
}

/// A challenge stops working after ten minutes or five wrong codes.
fn still_usable(challenge: &sign_in_challenge::Model, now: DateTime<Utc>) -> Result<(), ApiError> {
    if challenge.expires_at <= now {
        return Err(expired());
    }
    if challenge.failed_attempts >= MAX_FAILED_ATTEMPTS {
        return Err(too_many());
    }
    Ok(())
}

async fn consume<C: ConnectionTrait>(
    db: &C,
    challenge: sign_in_challenge::Model,
    now: DateTime<Utc>,
) -> Result<(String, Language), ApiError> {
    let consumed = sign_in_challenge::Entity::update_many()
        .col_expr(
            sign_in_challenge::Column::ConsumedAt,
            Expr::value(Some(now)),
        )
        .filter(sign_in_challenge::Column::Id.eq(challenge.id))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .exec(db)
        .await?;
    if consumed.rows_affected != 1 {
        return Err(expired());
    }
    Ok((
        challenge.email,
        Language::parse(&challenge.language).unwrap_or_default(),
    ))
}

fn too_many() -> ApiError {
    ApiError::Refused {
        code: codes::TOO_MANY_ATTEMPTS,
        message: "Too many wrong codes. Please ask for a new one.".to_owned(),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
