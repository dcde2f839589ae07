//! The rows and queries behind `app::calendars`: they take ids and return rows.

use chrono::{DateTime, Utc};
use futures_util::Stream;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationDef,
    Select, Set,
};

use super::entities::{booking, calendar_feed, person, resource, site};

/// The feeds of a person for a scope (`"person"`, `"site"`, `"resource"`);
/// `site` and `resource` filter only when given.
fn feeds_of(
    person: i64,
    scope: &str,
    site: Option<i64>,
    resource: Option<i64>,
) -> Select<calendar_feed::Entity> {
    let mut query = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::PersonId.eq(person))
        .filter(calendar_feed::Column::Scope.eq(scope));
    if let Some(site) = site {
        query = query.filter(calendar_feed::Column::SiteId.eq(site));
    }
    if let Some(resource) = resource {
        query = query.filter(calendar_feed::Column::ResourceId.eq(resource));
    }
    query
}

/// One feed of a person for a scope; `site` and `resource` filter only when given.
pub async fn feed_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
    scope: &str,
    site: Option<i64>,
    resource: Option<i64>,
) -> Result<Option<calendar_feed::Model>, DbErr> {
    feeds_of(person, scope, site, resource).one(db).await
}

/// The ids of a person's feeds for a scope; `site` and `resource` filter only when given.
pub async fn feed_ids_of_person<C: ConnectionTrait>(
    db: &C,
    person: i64,
    scope: &str,
    site: Option<i64>,
    resource: Option<i64>,
) -> Result<Vec<i64>, DbErr> {
    Ok(feeds_of(person, scope, site, resource)
        .all(db)
        .await?
        .iter()
        .map(|f| f.id)
        .collect())
}

pub async fn delete_feeds<C: ConnectionTrait>(db: &C, ids: Vec<i64>) -> Result<(), DbErr> {
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::Id.is_in(ids))
        .exec(db)
        .await?;
    Ok(())
}

/// A new feed, as it is stored.
pub struct NewFeed<'a> {
    pub token: &'a str,
    pub scope: &'a str,
    pub person: i64,
    pub site: Option<i64>,
    pub resource: Option<i64>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert_feed<C: ConnectionTrait>(db: &C, feed: NewFeed<'_>) -> Result<(), DbErr> {
    calendar_feed::ActiveModel {
        token: Set(feed.token.to_owned()),
        scope: Set(feed.scope.to_owned()),
        person_id: Set(feed.person),
        site_id: Set(feed.site),
        resource_id: Set(feed.resource),
        created_at: Set(feed.created_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A feed's row and its scope, and the version of what it shows.
#[derive(FromQueryResult)]
struct FeedRow {
    id: i64,
    token: String,
    scope: String,
    person_id: i64,
    site_id: Option<i64>,
    resource_id: Option<i64>,
    created_at: DateTime<Utc>,
    person_version: i64,
    site_version: Option<i64>,
    resource_version: Option<i64>,
}

/// The feed versions of a feed's owner, site and resource (the last two
/// when the feed names them), which database triggers raise.
#[derive(Debug, Clone, Copy)]
pub struct FeedVersions {
    pub person: i64,
    pub site: Option<i64>,
    pub resource: Option<i64>,
}

/// The feed of a token with the versions of what it may show, in one query.
/// Nothing when the token is unknown or its owner is gone.
pub async fn feed_by_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<(calendar_feed::Model, FeedVersions)>, DbErr> {
    let to_person: RelationDef = calendar_feed::Entity::belongs_to(person::Entity)
        .from(calendar_feed::Column::PersonId)
        .to(person::Column::Id)
        .into();
    let to_site: RelationDef = calendar_feed::Entity::belongs_to(site::Entity)
        .from(calendar_feed::Column::SiteId)
        .to(site::Column::Id)
        .into();
    let to_resource: RelationDef = calendar_feed::Entity::belongs_to(resource::Entity)
        .from(calendar_feed::Column::ResourceId)
        .to(resource::Column::Id)
        .into();
    let row = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(token))
        .join(JoinType::InnerJoin, to_person)
        .join(JoinType::LeftJoin, to_site)
        .join(JoinType::LeftJoin, to_resource)
        .column_as(person::Column::FeedVersion, "person_version")
        .column_as(site::Column::FeedVersion, "site_version")
        .column_as(resource::Column::FeedVersion, "resource_version")
        .into_model::<FeedRow>()
        .one(db)
        .await?;
    Ok(row.map(|row| {
        let versions = FeedVersions {
            person: row.person_version,
            site: row.site_version,
            resource: row.resource_version,
        };
        let feed = calendar_feed::Model {
            id: row.id,
            token: row.token,
            scope: row.scope,
            person_id: row.person_id,
            site_id: row.site_id,
            resource_id: row.resource_id,
            created_at: row.created_at,
        };
        (feed, versions)
    }))
}

/// Whose bookings a feed reads.
#[derive(Debug, Clone, Copy)]
pub enum BookingsOf {
    Person(i64),
    Site(i64),
    Resource(i64),
}

/// The bookings of `of` that end after `ended_after`.
fn bookings_of(of: BookingsOf, ended_after: DateTime<Utc>) -> Select<booking::Entity> {
    let query = booking::Entity::find().filter(booking::Column::EndAt.gt(ended_after));
    match of {
        BookingsOf::Person(person) => query.filter(booking::Column::PersonId.eq(person)),
        BookingsOf::Site(site) => query.filter(booking::Column::SiteId.eq(site)),
        BookingsOf::Resource(resource) => query.filter(booking::Column::ResourceId.eq(resource)),
    }
}

/// The distinct values of one column of those bookings, as a subquery.
fn column_of_bookings(
    of: BookingsOf,
    ended_after: DateTime<Utc>,
    column: booking::Column,
) -> sea_orm::sea_query::SelectStatement {
    bookings_of(of, ended_after)
        .select_only()
        .column(column)
        .distinct()
        .into_query()
}

/// The sites of the bookings of `of` that end after `ended_after`.
pub async fn sites_of_bookings<C: ConnectionTrait>(
    db: &C,
    of: BookingsOf,
    ended_after: DateTime<Utc>,
) -> Result<Vec<site::Model>, DbErr> {
    site::Entity::find()
        .filter(site::Column::Id.in_subquery(column_of_bookings(
            of,
            ended_after,
            booking::Column::SiteId,
        )))
        .all(db)
        .await
}

/// The resources of the bookings of `of` that end after `ended_after`.
pub async fn resources_of_bookings<C: ConnectionTrait>(
    db: &C,
    of: BookingsOf,
    ended_after: DateTime<Utc>,
) -> Result<Vec<resource::Model>, DbErr> {
    resource::Entity::find()
        .filter(resource::Column::Id.in_subquery(column_of_bookings(
            of,
            ended_after,
            booking::Column::ResourceId,
        )))
        .all(db)
        .await
}

/// The people of the bookings of `of` that end after `ended_after`.
pub async fn people_of_bookings<C: ConnectionTrait>(
    db: &C,
    of: BookingsOf,
    ended_after: DateTime<Utc>,
) -> Result<Vec<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::Id.in_subquery(column_of_bookings(
            of,
            ended_after,
            booking::Column::PersonId,
        )))
        .all(db)
        .await
}

/// What a feed shows of a booking. Read alone: a feed of 10,000 bookings
/// decodes a third of each row.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Shown {
    pub id: i64,
    pub site_id: i64,
    pub resource_id: i64,
    pub person_id: Option<i64>,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
    pub status: String,
    pub sequence: i32,
    pub updated_at: DateTime<Utc>,
}

const SHOWN: [booking::Column; 9] = [
    booking::Column::Id,
    booking::Column::SiteId,
    booking::Column::ResourceId,
    booking::Column::PersonId,
    booking::Column::StartAt,
    booking::Column::EndAt,
    booking::Column::Status,
    booking::Column::Sequence,
    booking::Column::UpdatedAt,
];

impl From<&booking::Model> for Shown {
    fn from(b: &booking::Model) -> Shown {
        Shown {
            id: b.id,
            site_id: b.site_id,
            resource_id: b.resource_id,
            person_id: b.person_id,
            start_at: b.start_at,
            end_at: b.end_at,
            status: b.status.clone(),
            sequence: b.sequence,
            updated_at: b.updated_at,
        }
    }
}

/// The bookings of `of` that end after `ended_after`, as a feed shows them,
/// by start, streamed as the database reads them.
pub async fn stream_shown_bookings(
    db: &DatabaseConnection,
    of: BookingsOf,
    ended_after: DateTime<Utc>,
) -> Result<impl Stream<Item = Result<Shown, DbErr>> + Send + '_, DbErr> {
    bookings_of(of, ended_after)
        .select_only()
        .columns(SHOWN)
        .order_by_asc(booking::Column::StartAt)
        .into_model::<Shown>()
        .stream(db)
        .await
}
