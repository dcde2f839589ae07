//! Quota policies (versioned) and the ledger. What a person has left is
//! always the sum of their ledger rows; the booking path checks it and writes
//! the charge in the booking's own transaction, after taking the person's
//! turn (PostgreSQL advisory lock, SQLite's single writer), so two requests
//! cannot both spend the last day.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use shared::api::{QuotaMeasure, QuotaPolicy, QuotaPolicyInput, QuotaStatus};
use shared::calendar::Day;
use shared::error::codes;
use shared::ids::{PolicyId, SiteId};
use shared::quota::{self, Decision};

use super::eligibility::Facts;

use super::failure::Failure;
use crate::db::entities::{booking, person, quota_charge, quota_policy_version, site};
use crate::db::quotas::NewCharge;
use crate::db::{self, ConnectionTrait, DatabaseConnection, DbErr};
use crate::domain::caller::{Grant, PersonContext};
use crate::domain::local_time;

/// A policy as it applies now, with the row of its current version.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub policy: QuotaPolicy,
    pub version_row: i64,
}

pub use crate::domain::local_time::{to_date, to_day};

/// Every policy in force, at its current version.
pub async fn in_force(db: &impl ConnectionTrait) -> Result<Vec<Loaded>, DbErr> {
    let policies = db::quotas::policies_not_retired(db).await?;
    let versions: HashMap<(i64, i32), quota_policy_version::Model> =
        db::quotas::versions_of_policies(db, policies.iter().map(|p| p.id).collect())
            .await?
            .into_iter()
            .map(|v| ((v.policy_id, v.version), v))
            .collect();
    Ok(policies
        .iter()
        .filter_map(|p| {
            let version = versions.get(&(p.id, p.current_version))?;
            let settings = serde_json::from_str(&version.settings)
                .inspect_err(|e| tracing::error!(policy = p.id, "unreadable policy settings: {e}"))
                .ok()?;
            Some(Loaded {
                policy: QuotaPolicy {
                    id: PolicyId(p.id),
                    version: u32::try_from(p.current_version).unwrap_or(1),
                    settings,
                },
                version_row: version.id,
            })
        })
        .collect())
}

/// Units a person has used in a policy's period.
async fn used(
    db: &impl ConnectionTrait,
    person: i64,
    policy: PolicyId,
    period_start: Day,
) -> Result<u32, DbErr> {
    let total =
        db::quotas::sum_charges_of_person(db, person, policy.0, to_date(period_start)).await?;
    Ok(u32::try_from(total.max(0)).unwrap_or(u32::MAX))
}

/// The policies that apply to a person at a site, in the order that decides
/// which pays. Read before the booking's transaction: a policy changed in
/// between applies from the next booking.
pub struct Applicable {
    pub loaded: Vec<Loaded>,
    /// `None` when no policy is in force.
    facts: Option<Facts>,
}

pub async fn applicable(
    db: &impl ConnectionTrait,
    person: &person::Model,
) -> Result<Applicable, DbErr> {
    let loaded = in_force(db).await?;
    let facts = if loaded.is_empty() {
        None
    } else {
        Some(Facts::of(db, person).await?)
    };
    Ok(Applicable { loaded, facts })
}

impl Applicable {
    /// Whether a booking starting at `start` at the site may spend a quota:
    /// when none applies, the decision reads no ledger, and the booking need
    /// not wait for the person's other bookings.
    pub fn may_spend(&self, site: &site::Model, start: DateTime<Utc>) -> bool {
        let zone = local_time::parse_zone(&site.time_zone);
        let (date, _) = local_time::local(zone, start);
        !self.order(SiteId(site.id), to_day(date), zone).is_empty()
    }

    /// The policies that apply on `day` at the site, in the order that
    /// decides which pays. Each sees the commune that counts in its period.
    fn order(&self, site: SiteId, day: Day, zone: chrono_tz::Tz) -> Vec<&QuotaPolicy> {
        let Some(facts) = &self.facts else {
            return Vec::new();
        };
        let mut order: Vec<&QuotaPolicy> = self
            .loaded
            .iter()
            .map(|l| &l.policy)
            .filter(|p| {
                let start = quota::period_start(p.settings.period, day);
                quota::applies(&p.settings, &facts.person_in(start, zone), site)
            })
            .collect();
        order.sort_by_key(|p| quota::rank_key(p));
        order
    }
}

/// What booking [start, end) at a site would do to the person's quotas,
/// from their ledger as the transaction `db` sees it.
pub async fn decide(
    db: &impl ConnectionTrait,
    applicable: &Applicable,
    person: i64,
    site: &site::Model,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Decision, DbErr> {
    let zone = local_time::parse_zone(&site.time_zone);
    let (date, from) = local_time::local(zone, start);
    let (end_date, to) = local_time::local(zone, end);
    let to = if end_date > date {
        shared::ClockTime::END_OF_DAY
    } else {
        to
    };
    let day = to_day(date);
    let order = applicable.order(SiteId(site.id), day, zone);
    if order.is_empty() {
        return Ok(Decision::Free);
    }
    let mut spent = HashMap::new();
    for policy in &order {
        let period = quota::period_start(policy.settings.period, day);
        spent.insert(
            (policy.id, period),
            used(db, person, policy.id, period).await?,
        );
    }
    Ok(quota::decide(
        &order,
        |policy, period| spent.get(&(policy, period)).copied().unwrap_or(0),
        day,
        from,
        to,
    ))
}

/// The 409 for a refused booking: what is left, and when it renews.
pub fn exceeded(decision: &Decision, loaded: &[Loaded]) -> Option<Failure> {
    let Decision::Refused {
        policy,
        left,
        cost,
        renews_on,
    } = decision
    else {
        return None;
    };
    let settings = &loaded
        .iter()
        .find(|l| l.policy.id == *policy)?
        .policy
        .settings;
    let unit = match settings.measure {
        shared::api::QuotaMeasure::Days => "day(s)",
        shared::api::QuotaMeasure::HalfDays => "half-day(s)",
        shared::api::QuotaMeasure::Hours => "hour(s)",
    };
    Some(Failure::Conflict {
        code: codes::QUOTA_EXCEEDED,
        message: format!(
            "“{}”: {} {unit} left, this booking needs {}; it renews on {renews_on}.",
            settings.name,
            quota::in_measure(settings.measure, *left),
            quota::in_measure(settings.measure, *cost),
        ),
    })
}

/// Writes the charge of a booking just inserted, in the same transaction.
pub async fn record(
    db: &impl ConnectionTrait,
    person: i64,
    decision: &Decision,
    loaded: &[Loaded],
    booking: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Decision::Charge {
        policy,
        amount,
        period_start,
        ..
    } = decision
    else {
        return Ok(());
    };
    let Some(version_row) = loaded
        .iter()
        .find(|l| l.policy.id == *policy)
        .map(|l| l.version_row)
    else {
        return Ok(());
    };
    db::quotas::insert_charge(
        db,
        NewCharge {
            person_id: Some(person),
            policy_id: policy.0,
            policy_version_id: version_row,
            period_start: to_date(*period_start),
            amount: i32::try_from(*amount).unwrap_or(i32::MAX),
            kind: "booking".to_owned(),
            booking_id: Some(booking),
            created_at: now,
        },
    )
    .await
}

/// The charge of a booking and the settings of the version that made it.
async fn charge_of(
    db: &impl ConnectionTrait,
    booking: i64,
) -> Result<Option<(quota_charge::Model, QuotaPolicyInput, i64)>, DbErr> {
    let rows = db::quotas::charges_of_booking(db, booking).await?;
    let balance: i64 = rows
        .iter()
        .filter(|c| c.kind != "no_show")
        .map(|c| i64::from(c.amount))
        .sum();
    let Some(charge) = rows.into_iter().find(|c| c.kind == "booking") else {
        return Ok(None);
    };
    let Some(version) = db::quotas::policy_version(db, charge.policy_version_id).await? else {
        return Ok(None);
    };
    let Ok(settings) = serde_json::from_str(&version.settings) else {
        return Ok(None);
    };
    Ok(Some((charge, settings, balance)))
}

/// A row of the ledger that follows a booking's charge: same person, policy,
/// version, period and booking.
fn following(
    charge: quota_charge::Model,
    amount: i32,
    kind: &str,
    now: DateTime<Utc>,
) -> NewCharge {
    NewCharge {
        person_id: charge.person_id,
        policy_id: charge.policy_id,
        policy_version_id: charge.policy_version_id,
        period_start: charge.period_start,
        amount,
        kind: kind.to_owned(),
        booking_id: charge.booking_id,
        created_at: now,
    }
}

/// Gives a cancelled booking's charge back, when cancelled early enough by
/// the rule of the version that charged it (a later change of the policy
/// does not change what this booking was promised).
pub async fn refund(
    db: &impl ConnectionTrait,
    booking: &booking::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some((charge, settings, balance)) = charge_of(db, booking.id).await? else {
        return Ok(());
    };
    let deadline = booking.start_at - chrono::Duration::minutes(settings.refund_deadline_minutes);
    if balance <= 0 || now > deadline {
        return Ok(());
    }
    db::quotas::insert_charge(
        db,
        following(charge, -i32::try_from(balance).unwrap_or(0), "refund", now),
    )
    .await
}

/// A no-show costs what the charging version says, on top of the booking.
pub async fn charge_no_show(
    db: &impl ConnectionTrait,
    booking: &booking::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some((charge, settings, _)) = charge_of(db, booking.id).await? else {
        return Ok(());
    };
    let extra = quota::to_units(settings.measure, settings.no_show_cost);
    if extra == 0 {
        return Ok(());
    }
    db::quotas::insert_charge(
        db,
        following(
            charge,
            i32::try_from(extra).unwrap_or(i32::MAX),
            "no_show",
            now,
        ),
    )
    .await
}

/// `statuses` of the person with this id; `None` when there is no such person.
pub async fn statuses_of(
    db: &DatabaseConnection,
    person: shared::ids::PersonId,
    date: NaiveDate,
) -> Result<Option<Vec<QuotaStatus>>, DbErr> {
    match db::people::person_by_id(db, person.0).await? {
        Some(row) => Ok(Some(statuses(db, &row, date).await?)),
        None => Ok(None),
    }
}

/// The policies that concern a person, with the use of the period holding `date`.
pub async fn statuses(
    db: &DatabaseConnection,
    person: &person::Model,
    date: NaiveDate,
) -> Result<Vec<QuotaStatus>, DbErr> {
    let facts = Facts::of(db, person).await?;
    let day = to_day(date);
    // The day a commune changed, in the zone of the sites of Lozère: a
    // status is a summary; a booking decides in its own site's zone.
    let zone = chrono_tz::Europe::Paris;
    let mut loaded: Vec<Loaded> = in_force(db)
        .await?
        .into_iter()
        .filter(|l| {
            let start = quota::period_start(l.policy.settings.period, day);
            quota::concerns(&l.policy.settings, &facts.person_in(start, zone))
        })
        .collect();
    loaded.sort_by_key(|l| quota::rank_key(&l.policy));
    let mut statuses = Vec::new();
    for (rank, l) in loaded.into_iter().enumerate() {
        let s = &l.policy.settings;
        let period_start = quota::period_start(s.period, day);
        let used_units = used(db, person.id, l.policy.id, period_start).await?;
        let allowance_units = quota::allowance_units(s);
        statuses.push(QuotaStatus {
            period_start: period_start.to_string(),
            renews_on: quota::renews_on(s.period, day).to_string(),
            used: quota::in_measure(s.measure, used_units),
            remaining: allowance_units
                .map(|a| quota::in_measure(s.measure, a.saturating_sub(used_units))),
            used_units,
            allowance_units,
            rank: u32::try_from(rank).unwrap_or(u32::MAX),
            policy: l.policy,
        });
    }
    Ok(statuses)
}

// ---- Administration of policies ----

fn refused(problem: shared::site_checks::Problem) -> Failure {
    Failure::invalid(problem.code, problem.message)
}

/// Whether the caller may set a policy for these sites: network
/// administrators anywhere; commune and EPCI administrators only for given
/// sites that all stand in their territory.
async fn may_manage(
    db: &DatabaseConnection,
    caller: &PersonContext,
    sites: &[SiteId],
) -> Result<bool, DbErr> {
    if caller.is_network_admin() {
        return Ok(true);
    }
    if sites.is_empty() {
        return Ok(false);
    }
    let rows = db::sites::sites_by_ids(db, sites.iter().map(|s| s.0).collect()).await?;
    let communes: HashMap<String, Option<String>> =
        db::communes::communes_by_insee(db, rows.iter().map(|s| s.commune_insee.clone()).collect())
            .await?
            .into_iter()
            .map(|c| (c.insee, c.epci_code))
            .collect();
    Ok(rows.len() == sites.len()
        && rows.iter().all(|s| {
            caller.roles.iter().any(|g| match g {
                Grant::CommuneAdmin(insee) => *insee == s.commune_insee,
                Grant::EpciAdmin(code) => communes
                    .get(&s.commune_insee)
                    .is_some_and(|e| e.as_deref() == Some(code)),
                _ => false,
            })
        }))
}

/// Checks a policy against the shared rule and the database.
async fn check(db: &DatabaseConnection, input: &QuotaPolicyInput) -> Result<(), Failure> {
    quota::check_policy(input).map_err(refused)?;
    let known_communes = db::communes::communes_by_insee(db, input.communes.clone()).await?;
    if known_communes.len() != input.communes.len() {
        return Err(Failure::invalid(
            codes::UNKNOWN_COMMUNE,
            "One of the communes is not in the network's territory.",
        ));
    }
    let epcis: Vec<String> = db::quotas::communes_in_epcis(db, input.epcis.clone())
        .await?
        .into_iter()
        .filter_map(|c| c.epci_code)
        .collect();
    if !input.epcis.iter().all(|e| epcis.contains(e)) {
        return Err(Failure::invalid(
            codes::UNKNOWN_EPCI,
            "One of the EPCI is not in the network's territory.",
        ));
    }
    let sites = db::sites::sites_by_ids(db, input.sites.iter().map(|s| s.0).collect()).await?;
    if sites.len() != input.sites.len() {
        return Err(Failure::invalid(
            codes::UNKNOWN_SITE,
            "One of the sites does not exist.",
        ));
    }
    Ok(())
}

pub async fn list(db: &DatabaseConnection) -> Result<Vec<QuotaPolicy>, DbErr> {
    Ok(in_force(db).await?.into_iter().map(|l| l.policy).collect())
}

async fn one(db: &DatabaseConnection, id: PolicyId) -> Result<QuotaPolicy, Failure> {
    in_force(db)
        .await?
        .into_iter()
        .find(|l| l.policy.id == id)
        .map(|l| l.policy)
        .ok_or_else(|| Failure::NotFound("There is no such policy.".to_owned()))
}

fn settings_json(input: &QuotaPolicyInput) -> String {
    let mut clean = input.clone();
    clean.name = clean.name.trim().to_owned();
    // Stored resolved, so that a later change of the default changes nothing.
    clean.eligibility = Some(input.eligibility());
    serde_json::to_string(&clean).unwrap_or_default()
}

pub async fn create(
    db: &DatabaseConnection,
    caller: &PersonContext,
    input: &QuotaPolicyInput,
    now: DateTime<Utc>,
) -> Result<QuotaPolicy, Failure> {
    check(db, input).await?;
    if !may_manage(db, caller, &input.sites).await? {
        return Err(Failure::Forbidden);
    }
    let txn = db::begin_write(db).await?;
    let policy = db::quotas::insert_policy(&txn, now).await?;
    db::quotas::insert_policy_version(&txn, policy.id, 1, settings_json(input), now).await?;
    txn.commit().await?;
    one(db, PolicyId(policy.id)).await
}

/// A change is a new version: bookings charged before keep the version that charged them.
pub async fn update(
    db: &DatabaseConnection,
    caller: &PersonContext,
    id: PolicyId,
    input: &QuotaPolicyInput,
    now: DateTime<Utc>,
) -> Result<QuotaPolicy, Failure> {
    let current = one(db, id).await?;
    check(db, input).await?;
    if !may_manage(db, caller, &current.settings.sites).await?
        || !may_manage(db, caller, &input.sites).await?
    {
        return Err(Failure::NotFound("There is no such policy.".to_owned()));
    }
    // Charges are summed per policy and period in the policy's unit: changing
    // either would mix old and new charges. Days and half-days share a unit.
    let unit = |m: QuotaMeasure| matches!(m, QuotaMeasure::Hours);
    if unit(current.settings.measure) != unit(input.measure)
        || current.settings.period != input.period
    {
        return Err(Failure::invalid(
            codes::INVALID_CHANGE,
            "A policy keeps what it counts (days or hours) and its period: retire it and create a new one.",
        ));
    }
    let txn = db::begin_write(db).await?;
    // Locked, so two administrators saving at once make versions n+1 and n+2.
    let row = db::quotas::lock_policy(&txn, id.0)
        .await?
        .ok_or_else(|| Failure::NotFound("There is no such policy.".to_owned()))?;
    let version = row.current_version + 1;
    db::quotas::insert_policy_version(&txn, id.0, version, settings_json(input), now).await?;
    db::quotas::set_current_version(&txn, row, version).await?;
    txn.commit().await?;
    one(db, id).await
}

pub async fn retire(
    db: &DatabaseConnection,
    caller: &PersonContext,
    id: PolicyId,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let current = one(db, id).await?;
    if !may_manage(db, caller, &current.settings.sites).await? {
        return Err(Failure::NotFound("There is no such policy.".to_owned()));
    }
    db::quotas::retire_policy(db, id.0, now).await?;
    Ok(())
}

/// The demo network's policy (a fixed point): everyone, every site, 4 days
/// per calendar month, a half-day costing half a day.
pub fn acces_libre() -> QuotaPolicyInput {
    QuotaPolicyInput {
        name: "Accès libre".to_owned(),
        communes: Vec::new(),
        epcis: Vec::new(),
        categories: Vec::new(),
        sites: Vec::new(),
        measure: shared::api::QuotaMeasure::Days,
        allowance: Some(4),
        period: shared::api::QuotaPeriod::Month,
        refund_deadline_minutes: 24 * 60,
        no_show_cost: 0,
        beyond: shared::api::BeyondQuota::Refuse,
        eligibility: None,
    }
}
