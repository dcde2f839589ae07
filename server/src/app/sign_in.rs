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
use shared::api::Language;
use shared::error::codes;

use super::failure::Failure;
use crate::db::entities::sign_in_challenge;
use crate::db::{self, ConnectionTrait, DatabaseConnection, DbErr};

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
    let live = db::sign_in::count_live_challenges(db, email, now, MAX_FAILED_ATTEMPTS).await?;
    if live >= LIVE_CODES {
        return Ok(false);
    }
    db::sign_in::insert_challenge(
        db,
        db::sign_in::NewChallenge {
            email: email.to_owned(),
            code_hash,
            link_hash,
            language: language.code().to_owned(),
            created_at: now,
            expires_at: now + VALIDITY,
            confirms_person_id: confirms_person,
        },
    )
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
    let txn = db::begin_write(db).await?;
    db::sign_in::lock_address(&txn, email).await?;
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
    let wrong_today = db::sign_in::wrong_guesses_on(db, email, day).await?;
    if wrong_today >= WRONG_PER_DAY {
        return Err(too_many_today());
    }
    let live = db::sign_in::newest_open_challenges(db, email, now, LIVE_CODES).await?;
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
    let counted =
        db::sign_in::add_failed_attempt(db, usable.iter().map(|c| c.id), MAX_FAILED_ATTEMPTS)
            .await?;
    // The day's count is raised in one statement, only while under its
    // bound: `false` when it was already reached (another process may have
    // counted first).
    if !db::sign_in::add_wrong_guess(db, email, day, WRONG_PER_DAY).await? {
        return Err(too_many_today());
    }
    if counted == 0 {
        return Err(too_many());
    }
    Err(Failure::invalid(
        codes::INVALID_CODE,
        "This code is not the right one. Check the last mail you received.",
    ))
}

/// After a sign-in, the address's other codes are of no more use.
async fn retire_others<C: ConnectionTrait>(
    db: &C,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    db::sign_in::consume_open_challenges(db, email, now).await
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
    let challenge = db::sign_in::open_challenge_by_link(db, link_hash)
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
    if !db::sign_in::consume_challenge(db, challenge.id, now).await? {
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

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
