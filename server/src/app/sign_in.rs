//! Sign-in challenges: one row per mail sent, holding hashes of its code and
//! link. Single use, 10 minutes, dead after 5 wrong codes. Every state change
//! is a conditional update, so two racing requests cannot both succeed.
//!
//! Nobody can jam someone else's sign-in, and guessing stays hopeless:
//! - asking for a new code does not retire the codes already mailed, and
//!   once an address has `LIVE_CODES` live codes no new one is made (the
//!   answer is the same): every live code is in the person's mailbox, so a
//!   stranger who asks again and again cannot make the person's code useless;
//! - a wrong code counts against each live code (5 each), and against the
//!   address for the day (`WRONG_PER_DAY`), in the database, whichever
//!   process answers. Past that bound codes stop working for that address
//!   until the next day, but the link in the mail still signs in (its token
//!   has 256 bits: it cannot be guessed). A code check takes its turn per
//!   address (PostgreSQL advisory lock, SQLite's single writer), so parallel
//!   requests cannot all be compared before any is counted.
//!
//! The arithmetic: a guess is compared with at most 3 live codes of 10^6
//! possible values, and at most 10 wrong guesses an address are compared a
//! day, so over a year a stranger's chance of finding a code is at most
//! 10 × 365 × 3 / 10^6 ≈ 1.1 %, for one address, for a year of trying every
//! day; the person, meanwhile, always signs in with the link.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::api::Language;
use shared::error::codes;

use super::failure::Failure;
use crate::db::entities::{sign_in_challenge, sign_in_guess};

pub const VALIDITY: Duration = Duration::minutes(10);
pub const MAX_FAILED_ATTEMPTS: i32 = 5;
/// How many of an address's newest codes are accepted at once.
pub const LIVE_CODES: u64 = 3;
/// Wrong codes an address may receive in a day before codes stop working for it.
pub const WRONG_PER_DAY: i32 = 10;

/// What a valid code or link signs in: an address, the language of its
/// mail, and the assisted person whose address it confirms, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub email: String,
    pub language: Language,
    pub confirms_person: Option<i64>,
}

/// Stores a new challenge; the address's earlier ones stay valid (see
/// above). `false`, and nothing stored, when the address already has
/// `LIVE_CODES` live ones: the caller then mails nothing.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    email: &str,
    (code_hash, link_hash): (String, String),
    language: Language,
    confirms_person: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::PaginatorTrait;
    let live = sign_in_challenge::Entity::find()
        .filter(sign_in_challenge::Column::Email.eq(email))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .filter(sign_in_challenge::Column::ExpiresAt.gt(now))
        .filter(sign_in_challenge::Column::FailedAttempts.lt(MAX_FAILED_ATTEMPTS))
        .count(db)
        .await?;
    if live >= LIVE_CODES {
        return Ok(false);
    }
    sign_in_challenge::ActiveModel {
        email: Set(email.to_owned()),
        code_hash: Set(code_hash),
        link_hash: Set(link_hash),
        language: Set(language.code().to_owned()),
        created_at: Set(now),
        expires_at: Set(now + VALIDITY),
        failed_attempts: Set(0),
        consumed_at: Set(None),
        confirms_person_id: Set(confirms_person),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

fn expired() -> Failure {
    Failure::Gone {
        code: codes::CODE_EXPIRED,
        message: "This code or link has expired or was already used. Please ask for a new one."
            .to_owned(),
    }
}

/// Checks a typed code against the address's live codes; on success that
/// challenge is consumed (and the address's other codes retired). One
/// transaction, in turn per address: what is counted stays counted, even
/// when the answer is a refusal.
pub async fn verify_code(
    db: &DatabaseConnection,
    email: &str,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<Verified, Failure> {
    use sea_orm::{DbBackend, Statement};
    let txn = crate::db::begin_write(db).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            // Key space 2: apart from people (1) and resources (one key).
            "SELECT pg_advisory_xact_lock(2, hashtext($1))",
            [email.into()],
        ))
        .await?;
    }
    let outcome = check_code(&txn, email, code_hash, now).await;
    txn.commit().await?;
    outcome
}

async fn check_code<C: ConnectionTrait>(
    db: &C,
    email: &str,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<Verified, Failure> {
    let day = now.date_naive();
    let wrong_today = sign_in_guess::Entity::find_by_id((email.to_owned(), day))
        .one(db)
        .await?
        .map_or(0, |g| g.wrong);
    if wrong_today >= WRONG_PER_DAY {
        return Err(too_many_today());
    }
    let live = sign_in_challenge::Entity::find()
        .filter(sign_in_challenge::Column::Email.eq(email))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .filter(sign_in_challenge::Column::ExpiresAt.gt(now))
        .order_by_desc(sign_in_challenge::Column::Id)
        .limit(LIVE_CODES)
        .all(db)
        .await?;
    if live.is_empty() {
        return Err(expired());
    }
    let usable: Vec<&sign_in_challenge::Model> = live
        .iter()
        .filter(|c| c.failed_attempts < MAX_FAILED_ATTEMPTS)
        .collect();
    if usable.is_empty() {
        return Err(too_many());
    }
    // Every usable code is compared, so the time taken says nothing of which.
    let matching = usable
        .iter()
        .fold(None, |found, c| {
            let equal = constant_time_eq(c.code_hash.as_bytes(), code_hash.as_bytes());
            found.or(equal.then_some(*c))
        })
        .cloned();
    if let Some(challenge) = matching {
        let signed_in = consume(db, challenge, now).await?;
        retire_others(db, email, now).await?;
        return Ok(signed_in);
    }
    // Wrong for each live code: counted on each (parallel guesses cannot get
    // past five) and on the address for the day.
    let counted = sign_in_challenge::Entity::update_many()
        .col_expr(
            sign_in_challenge::Column::FailedAttempts,
            Expr::col(sign_in_challenge::Column::FailedAttempts).add(1),
        )
        .filter(sign_in_challenge::Column::Id.is_in(usable.iter().map(|c| c.id)))
        .filter(sign_in_challenge::Column::FailedAttempts.lt(MAX_FAILED_ATTEMPTS))
        .exec(db)
        .await?;
    if !count_wrong_guess(db, email, day).await? {
        return Err(too_many_today());
    }
    if counted.rows_affected == 0 {
        return Err(too_many());
    }
    Err(Failure::invalid(
        codes::INVALID_CODE,
        "This code is not the right one. Check the last mail you received.",
    ))
}

/// Adds a wrong guess to the address's count for the day; `false` when the
/// day's bound was already reached (another process may have counted first).
async fn count_wrong_guess<C: ConnectionTrait>(
    db: &C,
    email: &str,
    day: chrono::NaiveDate,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::OnConflict;
    let inserted = sign_in_guess::Entity::insert(sign_in_guess::ActiveModel {
        email: Set(email.to_owned()),
        day: Set(day),
        wrong: Set(1),
    })
    .on_conflict(
        OnConflict::columns([sign_in_guess::Column::Email, sign_in_guess::Column::Day])
            .value(
                sign_in_guess::Column::Wrong,
                Expr::col((sign_in_guess::Entity, sign_in_guess::Column::Wrong)).add(1),
            )
            .action_and_where(
                Expr::col((sign_in_guess::Entity, sign_in_guess::Column::Wrong)).lt(WRONG_PER_DAY),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

/// After a sign-in, the address's other codes are of no more use.
async fn retire_others<C: ConnectionTrait>(
    db: &C,
    email: &str,
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
    Ok(())
}

fn too_many_today() -> Failure {
    Failure::Refused {
        code: codes::TOO_MANY_ATTEMPTS,
        message: "Too many wrong codes for this address today. Open the link in the mail instead: it still works.".to_owned(),
    }
}

/// Checks the token of a mail's link.
pub async fn verify_link<C: ConnectionTrait>(
    db: &C,
    link_hash: &str,
    now: DateTime<Utc>,
) -> Result<Verified, Failure> {
    let challenge = sign_in_challenge::Entity::find()
        .filter(sign_in_challenge::Column::LinkHash.eq(link_hash))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(expired)?;
    // Wrong codes do not touch the link: it cannot be guessed, and it is
    // how the person signs in while a stranger spends the codes.
    if challenge.expires_at <= now {
        return Err(expired());
    }
    let email = challenge.email.clone();
    let signed_in = consume(db, challenge, now).await?;
    retire_others(db, &email, now).await?;
    Ok(signed_in)
}

async fn consume<C: ConnectionTrait>(
    db: &C,
    challenge: sign_in_challenge::Model,
    now: DateTime<Utc>,
) -> Result<Verified, Failure> {
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
    Ok(Verified {
        email: challenge.email,
        language: Language::parse(&challenge.language).unwrap_or_default(),
        confirms_person: challenge.confirms_person_id,
    })
}

fn too_many() -> Failure {
    Failure::Refused {
        code: codes::TOO_MANY_ATTEMPTS,
        message: "Too many wrong codes. Please ask for a new one.".to_owned(),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
