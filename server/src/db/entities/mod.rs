//! SeaORM entities, one per table. The schema itself is defined by the
//! `migrations` crate; these mirror it.

pub mod access_event;
pub mod access_key;
pub mod api_key;
pub mod booking;
pub mod booking_series;
pub mod calendar_feed;
pub mod closure;
pub mod commune;
pub mod epci;
pub mod erased_breakdown;
pub mod erased_people;
pub mod first_visit;
pub mod opening_hour;
pub mod outbox_mail;
pub mod person;
pub mod quota_charge;
pub mod quota_policy;
pub mod quota_policy_version;
pub mod residence;
pub mod resource;
pub mod revoked_session;
pub mod role_grant;
pub mod server_secret;
pub mod sign_in_challenge;
pub mod sign_in_guess;
pub mod site;
pub mod usage_day;
pub mod usage_stale;
pub mod waitlist_entry;
