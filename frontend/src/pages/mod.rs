//! One module per page.

pub mod admin;
pub mod book;
pub mod calendar;
pub mod eligibility;
pub mod my_bookings;
pub mod my_site;
pub mod not_found;
pub mod profile;
pub mod quota_policies;
pub mod quotas;
pub mod sign_in;
pub mod site_admin;
pub mod sites;
