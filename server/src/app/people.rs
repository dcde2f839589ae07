//! People: the signed-in person's profile, accounts created by sign-in,
//! assisted people created by hosts, and erasure.

use chrono::{DateTime, Utc};
use shared::api::{
    AssistedPerson, Category, Language, Me, NewAssistedPerson, ProfileUpdate, Role, Territory,
};
use shared::error::codes;
use shared::ids::{PersonId, SiteId};

use super::failure::Failure;
use crate::db::entities::person;
use crate::db::{self, ConnectionTrait, DatabaseConnection, DbErr};

/// The person with this id, if they still exist.
pub async fn find(db: &DatabaseConnection, id: PersonId) -> Result<Option<person::Model>, DbErr> {
    db::people::person_by_id(db, id.0).await
}

/// The roles a person holds, as the rules read them.
pub async fn grants(
    db: &DatabaseConnection,
    id: PersonId,
) -> Result<Vec<crate::domain::caller::Grant>, DbErr> {
    use crate::domain::caller::Grant;
    let rows = db::people::role_grants_of_person(db, id.0).await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |g| match (g.role.as_str(), g.site_id, g.commune_insee, g.epci_code) {
                ("network_admin", ..) => Some(Grant::NetworkAdmin),
                ("host", Some(site), ..) => Some(Grant::Host(SiteId(site))),
                ("territory_admin", _, Some(insee), _) => Some(Grant::CommuneAdmin(insee)),
                ("territory_admin", _, None, Some(epci)) => Some(Grant::EpciAdmin(epci)),
                _ => None,
            },
        )
        .collect())
}

pub async fn find_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<person::Model>, DbErr> {
    db::people::person_by_email(db, email).await
}

/// The person with this address, created on their first sign-in.
pub async fn find_or_create<C: ConnectionTrait>(
    db: &C,
    email: &str,
    language: Language,
    now: DateTime<Utc>,
) -> Result<person::Model, DbErr> {
    match find_by_email(db, email).await? {
        Some(existing) => Ok(existing),
        None => create_account(db, email, language, now).await,
    }
}

async fn create_account<C: ConnectionTrait>(
    db: &C,
    email: &str,
    language: Language,
    now: DateTime<Utc>,
) -> Result<person::Model, DbErr> {
    let new = new_person(
        Some(email.to_owned()),
        String::new(),
        None,
        &[],
        language,
        None,
        now,
    );
    db::people::insert_person(db, new).await
}

fn new_person(
    email: Option<String>,
    display_name: String,
    commune_insee: Option<String>,
    categories: &[Category],
    language: Language,
    assisted_by: Option<SiteId>,
    now: DateTime<Utc>,
) -> db::people::NewPerson {
    db::people::NewPerson {
        email,
        display_name,
        commune_insee,
        language: language.code().to_owned(),
        created_at: now,
        categories: super::eligibility::categories_json(categories),
        assisted_by_site_id: assisted_by.map(|s| s.0),
    }
}

fn categories_of(row: &person::Model) -> Vec<Category> {
    super::eligibility::parse_categories(&row.categories)
}

pub fn language_of(row: &person::Model) -> Language {
    Language::parse(&row.language).unwrap_or_default()
}

/// Everything `GET /api/v1/me` shows.
pub async fn me(db: &DatabaseConnection, id: PersonId) -> Result<Option<Me>, DbErr> {
    let Some(row) = db::people::person_by_id(db, id.0).await? else {
        return Ok(None);
    };
    let mut roles = Vec::new();
    for grant in db::people::role_grants_of_person_in_order(db, row.id).await? {
        let role = match (
            grant.role.as_str(),
            grant.site_id,
            grant.commune_insee,
            grant.epci_code,
        ) {
            ("network_admin", ..) => Some(Role::NetworkAdmin),
            ("host", Some(site_id), ..) => {
                db::sites::site_by_id(db, site_id)
                    .await?
                    .map(|s| Role::Host {
                        site_id: SiteId(s.id),
                        site_name: s.name,
                    })
            }
            ("territory_admin", _, Some(insee), _) => db::communes::commune_by_insee(db, &insee)
                .await?
                .map(|c| Role::TerritoryAdmin {
                    territory: Territory::Commune,
                    code: insee,
                    name: c.name,
                }),
            ("territory_admin", _, None, Some(code)) => db::people::epci_by_code(db, &code)
                .await?
                .map(|e| Role::TerritoryAdmin {
                    territory: Territory::Epci,
                    code,
                    name: e.name,
                }),
            _ => None,
        };
        roles.extend(role);
    }
    let eligibility = super::eligibility::state_of(db, &row).await?;
    Ok(Some(Me {
        id: PersonId(row.id),
        categories: eligibility.categories,
        language: language_of(&row),
        email: row.email,
        display_name: row.display_name,
        commune_insee: row.commune_insee,
        commune_name: eligibility.commune_name,
        roles,
        commune_confirmed: eligibility.commune_confirmed,
        confirmed_categories: eligibility.confirmed_categories,
        commune_changed_on: eligibility.commune_changed_on,
    }))
}

/// A display name people can read: 1 to 100 characters, no control characters.
fn valid_name(name: &str) -> Result<String, Failure> {
    shared::text::PERSON_NAME
        .check(name)
        .map_err(|p| Failure::invalid(p.code, p.message))?;
    Ok(name.trim().to_owned())
}

async fn valid_commune<C: ConnectionTrait>(
    db: &C,
    insee: Option<&str>,
) -> Result<Option<String>, Failure> {
    let Some(insee) = insee.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if db::communes::commune_by_insee(db, insee).await?.is_none() {
        return Err(Failure::invalid(
            codes::UNKNOWN_COMMUNE,
            format!("There is no commune with INSEE code '{insee}'."),
        ));
    }
    Ok(Some(insee.to_owned()))
}

/// Saves the profile. A new commune is a new declaration (it counts for
/// quotas from the next period and waits for a proof); a category taken
/// off loses its confirmation.
pub async fn update_profile(
    db: &DatabaseConnection,
    id: PersonId,
    update: ProfileUpdate,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    use super::eligibility::{categories_json, declare_commune, parse_categories};
    let name = valid_name(&update.display_name)?;
    let commune = valid_commune(db, update.commune_insee.as_deref()).await?;
    let txn = db::begin_write(db).await?;
    let Some(row) = db::people::person_by_id(&txn, id.0).await? else {
        return Err(Failure::Unauthorized);
    };
    let still_confirmed: Vec<Category> = parse_categories(&row.confirmed_categories)
        .into_iter()
        .filter(|c| update.categories.contains(c))
        .collect();
    db::people::update_profile(
        &txn,
        id.0,
        db::people::ProfileRow {
            display_name: name,
            commune_insee: commune.clone(),
            categories: categories_json(&update.categories),
            confirmed_categories: categories_json(&still_confirmed),
            language: update.language.code().to_owned(),
        },
    )
    .await?;
    declare_commune(&txn, id.0, commune.as_deref(), now).await?;
    txn.commit().await?;
    Ok(())
}

/// "Sign out everywhere": every session issued before now stops working.
pub async fn revoke_sessions(db: &DatabaseConnection, id: PersonId) -> Result<(), DbErr> {
    db::people::increment_session_epoch(db, id.0).await
}

/// All the personal data Relais holds on a person, for "download my data".
pub async fn export(
    db: &DatabaseConnection,
    id: PersonId,
    public_url: &str,
) -> Result<Option<serde_json::Value>, DbErr> {
    let Some(me) = me(db, id).await? else {
        return Ok(None);
    };
    let Some(row) = db::people::person_by_id(db, id.0).await? else {
        return Ok(None);
    };
    let mut data = serde_json::json!({
        "exported_by": "Relais",
        "profile": me,
        "account_created_at": row.created_at,
    });
    if let (Some(data), serde_json::Value::Object(held)) = (
        data.as_object_mut(),
        super::erasure::held(db, &row, public_url).await?,
    ) {
        data.extend(held);
    }
    Ok(Some(data))
}

fn assisted(row: person::Model) -> AssistedPerson {
    AssistedPerson {
        id: PersonId(row.id),
        categories: categories_of(&row),
        display_name: row.display_name,
        commune_insee: row.commune_insee,
        email: row.email,
        pending_email: row.pending_email,
    }
}

/// A page of the people a site's hosts created, by name.
pub async fn assisted_people(
    db: &DatabaseConnection,
    site: SiteId,
    limit: u64,
    offset: u64,
) -> Result<Vec<AssistedPerson>, DbErr> {
    Ok(
        db::people::assisted_people_of_site(db, site.0, limit, offset)
            .await?
            .into_iter()
            .map(assisted)
            .collect(),
    )
}

pub async fn create_assisted(
    db: &DatabaseConnection,
    site: SiteId,
    new: NewAssistedPerson,
    now: DateTime<Utc>,
) -> Result<AssistedPerson, Failure> {
    let name = valid_name(&new.display_name)?;
    if name.is_empty() {
        return Err(Failure::invalid(
            codes::INVALID_NAME,
            "Please give the person's name.",
        ));
    }
    let commune = valid_commune(db, new.commune_insee.as_deref()).await?;
    let txn = db::begin_write(db).await?;
    let row = db::people::insert_person(
        &txn,
        new_person(
            None,
            name,
            commune.clone(),
            &new.categories,
            new.language,
            Some(site),
            now,
        ),
    )
    .await?;
    super::eligibility::declare_commune(&txn, row.id, commune.as_deref(), now).await?;
    txn.commit().await?;
    Ok(assisted(row))
}

/// What a host's address for an assisted person leads to.
pub enum PendingAddress {
    /// Nobody has it: the owner gets a sign-in mail that confirms it.
    Free,
    /// Another account has it: its owner is told, nothing changes.
    Taken,
}

/// A host gives an assisted person an address, which waits for its owner to
/// confirm it by signing in from the mail sent to it. Refused once the person
/// has an address of their own: from then on only they change it.
pub async fn set_pending_email<C: ConnectionTrait>(
    db: &C,
    site: SiteId,
    id: PersonId,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(AssistedPerson, PendingAddress, Language), Failure> {
    let not_found = || Failure::NotFound("There is no such person at this site.".to_owned());
    let row = db::people::assisted_person_of_site(db, site.0, id.0)
        .await?
        .ok_or_else(not_found)?;
    if row.email.is_some() {
        return Err(Failure::Conflict {
            code: codes::EMAIL_LOCKED,
            message: "This person signs in by themselves: only they can change their address."
                .to_owned(),
        });
    }
    let taken = find_by_email(db, email).await?.is_some();
    let language = language_of(&row);
    let person = assisted(db::people::set_pending_email(db, row.id, email, now).await?);
    let outcome = if taken {
        PendingAddress::Taken
    } else {
        PendingAddress::Free
    };
    Ok((person, outcome, language))
}

/// The account a successful sign-in opens: the one with that address; or,
/// when the code or link is the one mailed to confirm an address a host gave,
/// that assisted person, who now has it; or a new account.
pub async fn account_for_sign_in<C: ConnectionTrait>(
    db: &C,
    verified: &super::sign_in::Verified,
    now: DateTime<Utc>,
) -> Result<person::Model, DbErr> {
    let email = verified.email.as_str();
    if let Some(existing) = find_by_email(db, email).await? {
        return Ok(existing);
    }
    if let Some(id) = verified.confirms_person {
        let waiting = db::people::person_waiting_for_email(db, id, email).await?;
        if let Some(row) = waiting {
            return db::people::confirm_pending_email(db, row.id, email).await;
        }
    }
    create_account(db, email, verified.language, now).await
}
