//! The rows and queries behind `app::eligibility`: they take ids and return rows.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::{booking, commune, person, residence};

/// A person's declarations of their commune, oldest first.
pub async fn residences_of<C: ConnectionTrait>(
    db: &C,
    person: i64,
) -> Result<Vec<residence::Model>, DbErr> {
    residence::Entity::find()
        .filter(residence::Column::PersonId.eq(person))
        .order_by_asc(residence::Column::DeclaredAt)
        .order_by_asc(residence::Column::Id)
        .all(db)
        .await
}

/// The declarations of the commune of these people, oldest first.
pub async fn residences_of_people<C: ConnectionTrait>(
    db: &C,
    people: Vec<i64>,
) -> Result<Vec<residence::Model>, DbErr> {
    residence::Entity::find()
        .filter(residence::Column::PersonId.is_in(people))
        .order_by_asc(residence::Column::DeclaredAt)
        .order_by_asc(residence::Column::Id)
        .all(db)
        .await
}

pub async fn delete_residence<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    residence::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Rewrites a declaration: another commune, declared at `now`, unconfirmed.
pub async fn redeclare_residence<C: ConnectionTrait>(
    db: &C,
    row: residence::Model,
    commune: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut row: residence::ActiveModel = row.into();
    row.commune_insee = Set(commune.map(str::to_owned));
    row.declared_at = Set(now);
    row.confirmed_at = Set(None);
    row.confirmed_by = Set(None);
    row.update(db).await?;
    Ok(())
}

pub async fn insert_residence<C: ConnectionTrait>(
    db: &C,
    person: i64,
    commune: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    residence::ActiveModel {
        person_id: Set(person),
        commune_insee: Set(commune.map(str::to_owned)),
        declared_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Sets (or clears) the confirmation of a declaration.
pub async fn set_residence_confirmation<C: ConnectionTrait>(
    db: &C,
    row: residence::Model,
    confirmed_at: Option<DateTime<Utc>>,
    confirmed_by: Option<i64>,
) -> Result<(), DbErr> {
    let mut r: residence::ActiveModel = row.into();
    r.confirmed_at = Set(confirmed_at);
    r.confirmed_by = Set(confirmed_by);
    r.update(db).await?;
    Ok(())
}

/// The communes of one EPCI.
pub async fn communes_of_epci<C: ConnectionTrait>(
    db: &C,
    epci: &str,
) -> Result<Vec<commune::Model>, DbErr> {
    commune::Entity::find()
        .filter(commune::Column::EpciCode.eq(epci.to_owned()))
        .all(db)
        .await
}

/// Which people a list of declarations covers.
#[derive(Debug, Clone)]
pub enum Among {
    /// Those a site knows: assisted by it, or who booked there.
    KnownToSite(i64),
    /// Those whose declared commune is one of these.
    LivingIn(Vec<String>),
    Everyone,
}

/// A page of the people with a commune or a category declared, by name.
pub async fn people_with_declarations<C: ConnectionTrait>(
    db: &C,
    among: Among,
    limit: u64,
    offset: u64,
) -> Result<Vec<person::Model>, DbErr> {
    let declared = person::Column::CommuneInsee
        .is_not_null()
        .or(person::Column::Categories.ne("[]"));
    let mut query = person::Entity::find().filter(declared);
    query = match among {
        Among::KnownToSite(site) => query.filter(
            person::Column::AssistedBySiteId
                .eq(site)
                .or(person::Column::Id.in_subquery(
                    Query::select()
                        .column(booking::Column::PersonId)
                        .from(booking::Entity)
                        .and_where(Expr::col(booking::Column::SiteId).eq(site))
                        .to_owned(),
                )),
        ),
        Among::Everyone => query,
        Among::LivingIn(communes) => query.filter(person::Column::CommuneInsee.is_in(communes)),
    };
    query
        .order_by_asc(person::Column::DisplayName)
        .order_by_asc(person::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await
}

/// A person's row, locked until the end of the caller's transaction.
pub async fn lock_person_row<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await
}

/// Sets the categories confirmed of a person (as JSON), and returns the row.
pub async fn set_confirmed_categories<C: ConnectionTrait>(
    db: &C,
    row: person::Model,
    categories: String,
) -> Result<person::Model, DbErr> {
    let mut model: person::ActiveModel = row.into();
    model.confirmed_categories = Set(categories);
    model.update(db).await
}
