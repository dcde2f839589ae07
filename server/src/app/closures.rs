//! Closures of a site, typed in by its hosts or imported from a calendar.

use chrono::{DateTime, NaiveDate, Utc};
use shared::api::Closure;
use shared::error::codes;
use shared::ids::SiteId;

use super::failure::Failure;
use crate::db::entities::closure;
use crate::db::{self, ConnectionTrait, DatabaseConnection};

fn to_wire(row: closure::Model) -> Closure {
    Closure {
        id: row.id,
        first_day: row.first_day.to_string(),
        last_day: row.last_day.to_string(),
        reason: row.reason,
        source: row.source,
    }
}

/// 404 for a site that does not exist (a network administrator may name any).
pub async fn ensure_site<C: ConnectionTrait>(db: &C, site: SiteId) -> Result<(), Failure> {
    if !db::sites::site_exists(db, site.0).await? {
        return Err(Failure::NotFound("There is no such site.".to_owned()));
    }
    Ok(())
}

pub async fn of_site(db: &DatabaseConnection, site: SiteId) -> Result<Vec<Closure>, Failure> {
    Ok(db::closures::closures_of_site(db, site.0)
        .await?
        .into_iter()
        .map(to_wire)
        .collect())
}

pub async fn add<C: ConnectionTrait>(
    db: &C,
    site: SiteId,
    first_day: NaiveDate,
    last_day: NaiveDate,
    reason: &str,
    source: &str,
    now: DateTime<Utc>,
) -> Result<Closure, Failure> {
    if last_day < first_day {
        return Err(Failure::invalid(
            codes::INVALID_INTERVAL,
            "The last day comes before the first.",
        ));
    }
    ensure_site(db, site).await?;
    shared::text::CLOSURE_REASON
        .check(reason)
        .map_err(|p| Failure::invalid(p.code, p.message))?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Failure::invalid(
            codes::INVALID_NAME,
            "Say why the site is closed, in at most 200 characters.",
        ));
    }
    let row = db::closures::insert_closure(
        db,
        site.0,
        first_day,
        last_day,
        reason.to_owned(),
        source.to_owned(),
        now,
    )
    .await?;
    Ok(to_wire(row))
}

pub async fn remove(db: &DatabaseConnection, site: SiteId, id: i64) -> Result<(), Failure> {
    let deleted = db::closures::delete_closure_of_site(db, site.0, id).await?;
    if deleted == 0 {
        return Err(Failure::NotFound(
            "There is no such closure at this site.".to_owned(),
        ));
    }
    Ok(())
}
