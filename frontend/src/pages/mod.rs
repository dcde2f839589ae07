//! One module per page. Pages import components, never each other.

pub mod admin;
pub mod book;
pub mod calendar;
pub mod my_bookings;
pub mod my_site;
pub mod not_found;
pub mod profile;
pub mod quota_policies;
pub mod sign_in;
pub mod sites;
pub mod statistics;
