//! Every change of schema is a migration here, written once with SeaQuery so
//! that it runs on both SQLite and PostgreSQL. Reference data that the product
//! cannot work without (the communes) is loaded by a migration too.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_territory;
mod m20261123_000002_sites;
mod m20261123_000003_people;
mod m20261123_000004_accounts;
mod m20261123_000005_bookings;
mod m20261123_000006_waitlist;
mod m20261123_000007_quotas;
mod m20261123_000008_calendars;
mod m20261129_000009_feed_versions_by_trigger;
mod m20261201_000010_secrets_at_rest;
mod m20261201_000011_waitlist_limits;
mod m20261201_000012_booking_categories;
mod m20261201_000013_pending_email;
mod m20261201_000014_sign_in_guesses;
mod m20261201_000015_eligibility;
mod m20261201_000016_erased_people;
mod m20261201_000017_erased_breakdown;
mod m20261202_000018_usage_days;
mod m20261202_000019_filtered_usage;
mod m20261202_000020_kept_makers;
mod m20261202_000021_door_access;
mod m20261203_000022_site_phone;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_territory::Migration),
            Box::new(m20261123_000002_sites::Migration),
            Box::new(m20261123_000003_people::Migration),
            Box::new(m20261123_000004_accounts::Migration),
            Box::new(m20261123_000005_bookings::Migration),
            Box::new(m20261123_000006_waitlist::Migration),
            Box::new(m20261123_000007_quotas::Migration),
            Box::new(m20261123_000008_calendars::Migration),
            Box::new(m20261129_000009_feed_versions_by_trigger::Migration),
            Box::new(m20261201_000010_secrets_at_rest::Migration),
            Box::new(m20261201_000011_waitlist_limits::Migration),
            Box::new(m20261201_000012_booking_categories::Migration),
            Box::new(m20261201_000013_pending_email::Migration),
            Box::new(m20261201_000014_sign_in_guesses::Migration),
            Box::new(m20261201_000015_eligibility::Migration),
            Box::new(m20261201_000016_erased_people::Migration),
            Box::new(m20261201_000017_erased_breakdown::Migration),
            Box::new(m20261202_000018_usage_days::Migration),
            Box::new(m20261202_000019_filtered_usage::Migration),
            Box::new(m20261202_000020_kept_makers::Migration),
            Box::new(m20261202_000021_door_access::Migration),
            Box::new(m20261203_000022_site_phone::Migration),
        ]
    }
}
