//! One module per page.

pub mod admin;
pub mod book;
pub mod my_bookings;
pub mod my_site;
pub mod not_found;
pub mod profile;
pub mod sign_in;
pub mod sites;
