//! One module per page. Pages import components, never each other.

#[cfg(feature = "office")]
pub mod admin;
pub mod book;
#[cfg(feature = "account")]
pub mod calendar;
#[cfg(feature = "account")]
pub mod check_in;
#[cfg(feature = "office")]
pub mod live;
pub mod my_bookings;
#[cfg(feature = "office")]
pub mod my_site;
pub mod not_found;
#[cfg(feature = "account")]
pub mod pass;
#[cfg(feature = "office")]
pub mod poster;
#[cfg(feature = "account")]
pub mod profile;
#[cfg(feature = "office")]
pub mod quota_policies;
pub mod sign_in;
pub mod sites;
#[cfg(feature = "office")]
pub mod statistics;
