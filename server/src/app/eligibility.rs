//! Quota eligibility: what a person declares (commune of residence,
//! categories) and what a host or an administrator of the territory has
//! confirmed on seeing a proof (an attestation from France Travail, a
//! student card, a utility bill).
//!
//! Two rules keep free allowances honest without burdening anyone:
//! - a policy may ask for confirmed eligibility (the default for categories,
//!   `QuotaPolicyInput::eligibility`), and a changed declaration loses its
//!   confirmation;
//! - a change of commune counts for quotas from the next period only: the
//!   commune declared before a period began is the one that counts in it, so
//!   moving one's declared home around cannot draw a fresh allowance. The
//!   first commune a person declares counts at once.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use shared::api::{Category, ConfirmEligibility, PersonEligibility};
use shared::calendar::Day;
use shared::error::codes;
use shared::ids::{PersonId, SiteId};
use shared::quota::Person;

use super::failure::Failure;
use crate::db::entities::{person, residence};
use crate::db::{self, ConnectionTrait, DatabaseConnection, DbErr};
use crate::domain::caller::{Grant, PersonContext};
use crate::domain::local_time::{self, to_day};

pub fn categories_json(categories: &[Category]) -> String {
    let mut keys: Vec<&str> = categories.iter().map(|c| c.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into())
}

pub fn parse_categories(json: &str) -> Vec<Category> {
    serde_json::from_str::<Vec<String>>(json)
        .unwrap_or_default()
        .iter()
        .filter_map(|k| Category::parse(k))
        .collect()
}

/// A person's declared categories, and those of them a host or an
/// administrator confirmed (a confirmation outlives nothing taken off).
fn categories_of(row: &person::Model) -> (Vec<Category>, Vec<Category>) {
    let declared = parse_categories(&row.categories);
    let confirmed = parse_categories(&row.confirmed_categories)
        .into_iter()
        .filter(|c| declared.contains(c))
        .collect();
    (declared, confirmed)
}

/// A person's declarations of their commune, oldest first.
#[derive(Debug, Clone, Default)]
pub struct Residences(Vec<residence::Model>);

impl Residences {
    pub async fn of(db: &impl ConnectionTrait, person: i64) -> Result<Residences, DbErr> {
        Ok(Residences(
            db::eligibility::residences_of(db, person).await?,
        ))
    }

    /// The declaration that counts in a period starting on `period_start`
    /// (local day of the site's zone): the last one made before that day,
    /// or the very first one, which counts at once.
    pub fn counting_in(&self, period_start: Day, zone: chrono_tz::Tz) -> Option<&residence::Model> {
        self.0
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                *i == 0 || to_day(local_time::local(zone, r.declared_at).0) < period_start
            })
            .map(|(_, r)| r)
            .next_back()
    }

    pub fn latest(&self) -> Option<&residence::Model> {
        self.0.last()
    }

    /// The day of the last change, when it was not the first declaration.
    pub fn changed_on(&self) -> Option<String> {
        (self.0.len() > 1)
            .then(|| {
                self.latest()
                    .map(|r| r.declared_at.date_naive().to_string())
            })
            .flatten()
    }

    pub fn current_confirmed(&self) -> bool {
        self.latest().is_some_and(|r| r.confirmed_at.is_some())
    }
}

/// Records a person's declared commune, inside the caller's transaction.
/// Nothing changes when it is the one already declared; changes made the
/// same day after the first declaration fold into one (a typo corrected),
/// and going back to the commune declared before removes the change.
pub async fn declare_commune(
    txn: &impl ConnectionTrait,
    person: i64,
    commune: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let history = Residences::of(txn, person).await?;
    let latest = history.latest();
    if latest.map(|r| r.commune_insee.as_deref()) == Some(commune) {
        return Ok(());
    }
    if latest.is_none() && commune.is_none() {
        return Ok(());
    }
    let n = history.0.len();
    if let Some(last) = latest.filter(|r| n > 1 && r.declared_at.date_naive() == now.date_naive()) {
        let before = &history.0[n - 2];
        if before.commune_insee.as_deref() == commune {
            db::eligibility::delete_residence(txn, last.id).await?;
        } else {
            db::eligibility::redeclare_residence(txn, last.clone(), commune, now).await?;
        }
        return Ok(());
    }
    db::eligibility::insert_residence(txn, person, commune, now).await
}

/// Where a person lives and what they are, as policies see it.
pub struct Facts {
    residences: Residences,
    epci_of: HashMap<String, Option<String>>,
    categories: Vec<Category>,
    confirmed_categories: Vec<Category>,
}

impl Facts {
    pub async fn of(db: &impl ConnectionTrait, person: &person::Model) -> Result<Facts, DbErr> {
        let residences = Residences::of(db, person.id).await?;
        let insees: Vec<String> = residences
            .0
            .iter()
            .filter_map(|r| r.commune_insee.clone())
            .collect();
        let epci_of = db::communes::communes_by_insee(db, insees)
            .await?
            .into_iter()
            .map(|c| (c.insee, c.epci_code))
            .collect();
        let (categories, confirmed_categories) = categories_of(person);
        Ok(Facts {
            residences,
            epci_of,
            categories,
            confirmed_categories,
        })
    }

    /// The person as a policy counting periods from `period_start` sees them.
    pub fn person_in(&self, period_start: Day, zone: chrono_tz::Tz) -> Person<'_> {
        let residence = self.residences.counting_in(period_start, zone);
        let commune = residence.and_then(|r| r.commune_insee.as_deref());
        Person {
            commune,
            epci: commune.and_then(|c| self.epci_of.get(c)?.as_deref()),
            commune_confirmed: residence.is_some_and(|r| r.confirmed_at.is_some()),
            categories: &self.categories,
            confirmed_categories: &self.confirmed_categories,
        }
    }
}

/// Where confirmations are asked from: a site's desk, or an administrator's page.
#[derive(Debug, Clone, Copy)]
pub enum Desk<'a> {
    /// The hosts of a site, for the people it knows (its assisted people and
    /// anyone who booked there).
    Site(SiteId),
    /// A network administrator (everyone) or a commune or EPCI administrator
    /// (the people whose declared commune is in their territory).
    Territory(&'a PersonContext),
}

/// The people of a desk, with something declared, those waiting for a proof first.
pub async fn list(
    db: &DatabaseConnection,
    desk: Desk<'_>,
    limit: u64,
    offset: u64,
) -> Result<Vec<PersonEligibility>, DbErr> {
    let among = match desk {
        Desk::Site(site) => db::eligibility::Among::KnownToSite(site.0),
        Desk::Territory(caller) if caller.is_network_admin() => db::eligibility::Among::Everyone,
        Desk::Territory(caller) => {
            db::eligibility::Among::LivingIn(territory_communes(db, caller).await?)
        }
    };
    let rows = db::eligibility::people_with_declarations(db, among, limit, offset).await?;
    // Two more queries for the whole page, not two per person.
    let mut histories: HashMap<i64, Vec<residence::Model>> = HashMap::new();
    for r in db::eligibility::residences_of_people(db, rows.iter().map(|p| p.id).collect()).await? {
        histories.entry(r.person_id).or_default().push(r);
    }
    let names: HashMap<String, String> = db::communes::communes_by_insee(
        db,
        rows.iter()
            .filter_map(|p| p.commune_insee.clone())
            .collect(),
    )
    .await?
    .into_iter()
    .map(|c| (c.insee, c.name))
    .collect();
    let mut people: Vec<PersonEligibility> = rows
        .iter()
        .map(|row| {
            let history = Residences(histories.remove(&row.id).unwrap_or_default());
            let name = row
                .commune_insee
                .as_ref()
                .and_then(|c| names.get(c).cloned());
            eligibility_of(row, &history, name)
        })
        .collect();
    // Within the page: who still waits for a proof comes first.
    people.sort_by_key(|p| !p.waiting());
    Ok(people)
}

/// The communes of a commune or EPCI administrator's territories.
async fn territory_communes(
    db: &impl ConnectionTrait,
    caller: &PersonContext,
) -> Result<Vec<String>, DbErr> {
    let mut communes = Vec::new();
    for grant in &caller.roles {
        match grant {
            Grant::CommuneAdmin(insee) => communes.push(insee.clone()),
            Grant::EpciAdmin(code) => communes.extend(
                db::eligibility::communes_of_epci(db, code)
                    .await?
                    .into_iter()
                    .map(|c| c.insee),
            ),
            _ => {}
        }
    }
    Ok(communes)
}

/// What a person declared and what of it is confirmed.
pub async fn state_of(
    db: &impl ConnectionTrait,
    row: &person::Model,
) -> Result<PersonEligibility, DbErr> {
    let residences = Residences::of(db, row.id).await?;
    let commune_name = match &row.commune_insee {
        Some(insee) => db::communes::commune_by_insee(db, insee)
            .await?
            .map(|c| c.name),
        None => None,
    };
    Ok(eligibility_of(row, &residences, commune_name))
}

fn eligibility_of(
    row: &person::Model,
    residences: &Residences,
    commune_name: Option<String>,
) -> PersonEligibility {
    let (categories, confirmed_categories) = categories_of(row);
    PersonEligibility {
        person_id: PersonId(row.id),
        display_name: row.display_name.clone(),
        commune_insee: row.commune_insee.clone(),
        commune_name,
        commune_confirmed: row.commune_insee.is_some() && residences.current_confirmed(),
        commune_changed_on: residences.changed_on(),
        confirmed_categories,
        categories,
    }
}

/// Records what the caller has seen proof of. A territory administrator
/// reaches only the people whose declared commune is in their territory
/// (404 otherwise); a site's desk was checked by the authorization layer.
pub async fn confirm(
    db: &DatabaseConnection,
    desk: Desk<'_>,
    confirmer: PersonId,
    person_id: PersonId,
    body: &ConfirmEligibility,
    now: DateTime<Utc>,
) -> Result<PersonEligibility, Failure> {
    let not_found = || Failure::NotFound("There is no such person here.".to_owned());
    let txn = db::begin_write(db).await?;
    let row = db::eligibility::lock_person_row(&txn, person_id.0)
        .await?
        .ok_or_else(not_found)?;
    if let Desk::Territory(caller) = desk
        && !caller.is_network_admin()
    {
        let communes = territory_communes(&txn, caller).await?;
        if !row
            .commune_insee
            .as_ref()
            .is_some_and(|c| communes.contains(c))
        {
            return Err(not_found());
        }
    }
    if body.commune_insee != row.commune_insee {
        return Err(Failure::Conflict {
            code: codes::ELIGIBILITY_CHANGED,
            message: "The person changed their commune in the meantime: check it again.".into(),
        });
    }
    let declared = parse_categories(&row.categories);
    if let Some(c) = body
        .confirmed_categories
        .iter()
        .find(|c| !declared.contains(c))
    {
        return Err(Failure::invalid(
            codes::ELIGIBILITY_CHANGED,
            format!("The person has not declared the category '{}'.", c.as_str()),
        ));
    }
    if let Some(latest) = Residences::of(&txn, row.id).await?.latest()
        && row.commune_insee.is_some()
        && latest.confirmed_at.is_some() != body.commune_confirmed
    {
        db::eligibility::set_residence_confirmation(
            &txn,
            latest.clone(),
            body.commune_confirmed.then_some(now),
            body.commune_confirmed.then_some(confirmer.0),
        )
        .await?;
    }
    let row = db::eligibility::set_confirmed_categories(
        &txn,
        row,
        categories_json(&body.confirmed_categories),
    )
    .await?;
    let state = state_of(&txn, &row).await?;
    txn.commit().await?;
    // Who confirmed whom, by ids only: a trace for the service, no personal data.
    tracing::info!(
        person = person_id.0,
        by = confirmer.0,
        commune = body.commune_confirmed,
        categories = body.confirmed_categories.len(),
        "eligibility confirmed"
    );
    Ok(state)
}
