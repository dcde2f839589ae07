//! The rows and queries behind `app::people`: they take ids and return rows.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::entities::{epci, person, role_grant};

/// The person with this id, if they still exist.
pub async fn person_by_id<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(id).one(db).await
}

/// The person whose (confirmed) address this is.
pub async fn person_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::Email.eq(email))
        .one(db)
        .await
}

/// A person to insert, as the table stores it.
pub struct NewPerson {
    pub email: Option<String>,
    pub display_name: String,
    pub commune_insee: Option<String>,
    /// The language's code.
    pub language: String,
    pub created_at: DateTime<Utc>,
    /// JSON array of category keys.
    pub categories: String,
    pub assisted_by_site_id: Option<i64>,
}

/// Inserts a person (session epoch 0); returns the row.
pub async fn insert_person<C: ConnectionTrait>(
    db: &C,
    new: NewPerson,
) -> Result<person::Model, DbErr> {
    person::ActiveModel {
        email: Set(new.email),
        display_name: Set(new.display_name),
        commune_insee: Set(new.commune_insee),
        language: Set(new.language),
        created_at: Set(new.created_at),
        categories: Set(new.categories),
        session_epoch: Set(0),
        assisted_by_site_id: Set(new.assisted_by_site_id),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The role grants of a person, in no particular order.
pub async fn role_grants_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<role_grant::Model>, DbErr> {
    role_grant::Entity::find()
        .filter(role_grant::Column::PersonId.eq(person))
        .all(db)
        .await
}

/// The role grants of a person, oldest first.
pub async fn role_grants_of_person_in_order<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<role_grant::Model>, DbErr> {
    role_grant::Entity::find()
        .filter(role_grant::Column::PersonId.eq(person))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await
}

pub async fn epci_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<epci::Model>, DbErr> {
    epci::Entity::find_by_id(code.to_owned()).one(db).await
}

/// The fields of a person's profile, as the table stores them.
pub struct ProfileRow {
    pub display_name: String,
    pub commune_insee: Option<String>,
    /// JSON array of category keys.
    pub categories: String,
    /// JSON array of category keys.
    pub confirmed_categories: String,
    /// The language's code.
    pub language: String,
}

/// Writes a person's profile fields.
pub async fn update_profile<C: ConnectionTrait>(
    db: &C,
    id: i64,
    profile: ProfileRow,
) -> Result<(), DbErr> {
    person::Entity::update_many()
        .col_expr(
            person::Column::DisplayName,
            Expr::value(profile.display_name),
        )
        .col_expr(
            person::Column::CommuneInsee,
            Expr::value(profile.commune_insee),
        )
        .col_expr(person::Column::Categories, Expr::value(profile.categories))
        .col_expr(
            person::Column::ConfirmedCategories,
            Expr::value(profile.confirmed_categories),
        )
        .col_expr(person::Column::Language, Expr::value(profile.language))
        .filter(person::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Raises the person's session epoch by one.
pub async fn increment_session_epoch<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    person::Entity::update_many()
        .col_expr(
            person::Column::SessionEpoch,
            Expr::col(person::Column::SessionEpoch).add(1),
        )
        .filter(person::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A page of the people a site's hosts created, by name then id.
pub async fn assisted_people_of_site<C: ConnectionTrait>(
    db: &C,
    site: i64,
    limit: u64,
    offset: u64,
) -> Result<Vec<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::AssistedBySiteId.eq(site))
        .order_by_asc(person::Column::DisplayName)
        .order_by_asc(person::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await
}

/// The person with this id, if a host of this site created them.
pub async fn assisted_person_of_site<C: ConnectionTrait>(
    db: &C,
    site: i64,
    id: i64,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(id)
        .filter(person::Column::AssistedBySiteId.eq(site))
        .one(db)
        .await
}

/// Records an address waiting for its owner's confirmation; returns the row.
pub async fn set_pending_email<C: ConnectionTrait>(
    db: &C,
    id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<person::Model, DbErr> {
    person::ActiveModel {
        id: Unchanged(id),
        pending_email: Set(Some(email.to_owned())),
        pending_email_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await
}

/// The person with this id if this address waits for confirmation on it and
/// they have no address yet.
pub async fn person_waiting_for_email<C: ConnectionTrait>(
    db: &C,
    id: i64,
    email: &str,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(id)
        .filter(person::Column::PendingEmail.eq(email))
        .filter(person::Column::Email.is_null())
        .one(db)
        .await
}

/// Makes the waiting address the person's own; returns the row.
pub async fn confirm_pending_email<C: ConnectionTrait>(
    db: &C,
    id: i64,
    email: &str,
) -> Result<person::Model, DbErr> {
    person::ActiveModel {
        id: Unchanged(id),
        email: Set(Some(email.to_owned())),
        pending_email: Set(None),
        pending_email_at: Set(None),
        ..Default::default()
    }
    .update(db)
    .await
}
