//! The rows and queries behind `app::sign_in`: they take ids and return rows.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};

use super::Txn;
use super::entities::{sign_in_challenge, sign_in_guess};

/// How many of the address's challenges are unconsumed, unexpired at `now`
/// and below `max_failed` wrong codes.
pub async fn count_live_challenges<C: ConnectionTrait>(
    db: &C,
    email: &str,
    now: DateTime<Utc>,
    max_failed: i32,
) -> Result<u64, DbErr> {
    sign_in_challenge::Entity::find()
        .filter(sign_in_challenge::Column::Email.eq(email))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .filter(sign_in_challenge::Column::ExpiresAt.gt(now))
        .filter(sign_in_challenge::Column::FailedAttempts.lt(max_failed))
        .count(db)
        .await
}

/// A challenge to store, as the table stores it.
pub struct NewChallenge {
    pub email: String,
    pub code_hash: String,
    pub link_hash: String,
    /// The language's code.
    pub language: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub confirms_person_id: Option<i64>,
}

/// Inserts an unconsumed challenge with no wrong code yet.
pub async fn insert_challenge<C: ConnectionTrait>(db: &C, new: NewChallenge) -> Result<(), DbErr> {
    sign_in_challenge::ActiveModel {
        email: Set(new.email),
        code_hash: Set(new.code_hash),
        link_hash: Set(new.link_hash),
        language: Set(new.language),
        created_at: Set(new.created_at),
        expires_at: Set(new.expires_at),
        failed_attempts: Set(0),
        consumed_at: Set(None),
        confirms_person_id: Set(new.confirms_person_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// On PostgreSQL, the address's turn for checking codes, inside the
/// caller's transaction; SQLite's single writer already gives it.
pub async fn lock_address(txn: &Txn, email: &str) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            // Key space 2: apart from people (1) and resources (one key).
            "SELECT pg_advisory_xact_lock(2, hashtext($1))",
            [email.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The wrong codes counted on the address for the day (0 when none).
pub async fn wrong_guesses_on<C: ConnectionTrait>(
    db: &C,
    email: &str,
    day: NaiveDate,
) -> Result<i32, DbErr> {
    Ok(sign_in_guess::Entity::find_by_id((email.to_owned(), day))
        .one(db)
        .await?
        .map_or(0, |g| g.wrong))
}

/// The address's newest `limit` unconsumed challenges unexpired at `now`,
/// newest first.
pub async fn newest_open_challenges<C: ConnectionTrait>(
    db: &C,
    email: &str,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<sign_in_challenge::Model>, DbErr> {
    sign_in_challenge::Entity::find()
        .filter(sign_in_challenge::Column::Email.eq(email))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .filter(sign_in_challenge::Column::ExpiresAt.gt(now))
        .order_by_desc(sign_in_challenge::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Adds a wrong code to each of these challenges still below `max_failed`;
/// returns how many were counted.
pub async fn add_failed_attempt<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i64>,
    max_failed: i32,
) -> Result<u64, DbErr> {
    Ok(sign_in_challenge::Entity::update_many()
        .col_expr(
            sign_in_challenge::Column::FailedAttempts,
            Expr::col(sign_in_challenge::Column::FailedAttempts).add(1),
        )
        .filter(sign_in_challenge::Column::Id.is_in(ids))
        .filter(sign_in_challenge::Column::FailedAttempts.lt(max_failed))
        .exec(db)
        .await?
        .rows_affected)
}

/// Adds a wrong guess to the address's count for the day, in one statement;
/// `false` when the count had already reached `max_per_day` (nothing changes).
pub async fn add_wrong_guess<C: ConnectionTrait>(
    db: &C,
    email: &str,
    day: NaiveDate,
    max_per_day: i32,
) -> Result<bool, DbErr> {
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
                Expr::col((sign_in_guess::Entity, sign_in_guess::Column::Wrong)).lt(max_per_day),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

/// Consumes every unconsumed challenge of the address at `now`.
pub async fn consume_open_challenges<C: ConnectionTrait>(
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

/// The unconsumed challenge whose link has this hash.
pub async fn open_challenge_by_link<C: ConnectionTrait>(
    db: &C,
    link_hash: &str,
) -> Result<Option<sign_in_challenge::Model>, DbErr> {
    sign_in_challenge::Entity::find()
        .filter(sign_in_challenge::Column::LinkHash.eq(link_hash))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .one(db)
        .await
}

/// Consumes the challenge at `now` if nobody did yet; `true` when this call did.
pub async fn consume_challenge<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let consumed = sign_in_challenge::Entity::update_many()
        .col_expr(
            sign_in_challenge::Column::ConsumedAt,
            Expr::value(Some(now)),
        )
        .filter(sign_in_challenge::Column::Id.eq(id))
        .filter(sign_in_challenge::Column::ConsumedAt.is_null())
        .exec(db)
        .await?;
    Ok(consumed.rows_affected == 1)
}
