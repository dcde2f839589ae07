//! The rows and queries behind `app::quotas`: they take ids and return rows.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::{commune, quota_charge, quota_policy, quota_policy_version};

/// The policies not retired, by id.
pub async fn policies_not_retired<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<quota_policy::Model>, DbErr> {
    quota_policy::Entity::find()
        .filter(quota_policy::Column::RetiredAt.is_null())
        .order_by_asc(quota_policy::Column::Id)
        .all(db)
        .await
}

/// Every version of these policies.
pub async fn versions_of_policies<C: ConnectionTrait>(
    db: &C,
    policies: Vec<i64>,
) -> Result<Vec<quota_policy_version::Model>, DbErr> {
    quota_policy_version::Entity::find()
        .filter(quota_policy_version::Column::PolicyId.is_in(policies))
        .all(db)
        .await
}

/// The sum of the ledger rows of a person for a policy and the period starting on `period_start`.
pub async fn sum_charges_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
    policy: i64,
    period_start: NaiveDate,
) -> Result<i64, DbErr> {
    Ok(quota_charge::Entity::find()
        .filter(quota_charge::Column::PersonId.eq(person))
        .filter(quota_charge::Column::PolicyId.eq(policy))
        .filter(quota_charge::Column::PeriodStart.eq(period_start))
        .all(db)
        .await?
        .iter()
        .map(|c| i64::from(c.amount))
        .sum())
}

/// A row of the ledger to write.
pub struct NewCharge {
    pub person_id: Option<i64>,
    pub policy_id: i64,
    pub policy_version_id: i64,
    pub period_start: NaiveDate,
    /// Units: positive charges, negative refunds.
    pub amount: i32,
    /// `booking`, `refund` or `no_show`.
    pub kind: String,
    pub booking_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// Many ledger rows at once (the demo's past year), 500 a statement.
pub async fn insert_charges<C: ConnectionTrait>(
    db: &C,
    mut charges: Vec<NewCharge>,
) -> Result<(), DbErr> {
    while !charges.is_empty() {
        let rest = charges.split_off(charges.len().saturating_sub(500));
        quota_charge::Entity::insert_many(rest.into_iter().map(row))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

pub async fn insert_charge<C: ConnectionTrait>(db: &C, charge: NewCharge) -> Result<(), DbErr> {
    row(charge).insert(db).await?;
    Ok(())
}

fn row(charge: NewCharge) -> quota_charge::ActiveModel {
    quota_charge::ActiveModel {
        person_id: Set(charge.person_id),
        policy_id: Set(charge.policy_id),
        policy_version_id: Set(charge.policy_version_id),
        period_start: Set(charge.period_start),
        amount: Set(charge.amount),
        kind: Set(charge.kind),
        booking_id: Set(charge.booking_id),
        created_at: Set(charge.created_at),
        ..Default::default()
    }
}

/// The ledger rows of a booking (its charge, refunds, no-show).
pub async fn charges_of_booking<C: ConnectionTrait>(
    db: &C,
    booking: i64,
) -> Result<Vec<quota_charge::Model>, DbErr> {
    quota_charge::Entity::find()
        .filter(quota_charge::Column::BookingId.eq(booking))
        .all(db)
        .await
}

pub async fn policy_version<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<quota_policy_version::Model>, DbErr> {
    quota_policy_version::Entity::find_by_id(id).one(db).await
}

/// The communes of these EPCI.
pub async fn communes_in_epcis<C: ConnectionTrait>(
    db: &C,
    epcis: Vec<String>,
) -> Result<Vec<commune::Model>, DbErr> {
    commune::Entity::find()
        .filter(commune::Column::EpciCode.is_in(epcis))
        .all(db)
        .await
}

/// A new policy at version 1 (its settings are the version's row).
pub async fn insert_policy<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<quota_policy::Model, DbErr> {
    quota_policy::ActiveModel {
        current_version: Set(1),
        created_at: Set(now),
        retired_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn insert_policy_version<C: ConnectionTrait>(
    db: &C,
    policy: i64,
    version: i32,
    settings: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    quota_policy_version::ActiveModel {
        policy_id: Set(policy),
        version: Set(version),
        settings: Set(settings),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A policy's row, locked until the end of the caller's transaction.
pub async fn lock_policy<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<quota_policy::Model>, DbErr> {
    quota_policy::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await
}

pub async fn set_current_version<C: ConnectionTrait>(
    db: &C,
    row: quota_policy::Model,
    version: i32,
) -> Result<(), DbErr> {
    let mut model: quota_policy::ActiveModel = row.into();
    model.current_version = Set(version);
    model.update(db).await?;
    Ok(())
}

pub async fn retire_policy<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    quota_policy::Entity::update_many()
        .col_expr(
            quota_policy::Column::RetiredAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(quota_policy::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
