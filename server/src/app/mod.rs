//! The use cases: what Relais does when someone asks. Each module decides
//! what happens for one subject (bookings, quotas, waitlists, people…), owns
//! its transactions, and fails with `failure::Failure`, which the HTTP edge
//! turns into `ApiError`. Rules without I/O live in `domain/`; rows and
//! queries in `db/`; mail composition and delivery in `mail/`.

pub mod access;
pub mod api_keys;
pub mod booking_mail;
pub mod bookings;
pub mod calendars;
pub mod closures;
/// A year of past bookings for the demo network (`relais seed-demo`).
pub mod demo_history;
pub mod eligibility;
pub mod erasure;
pub mod failure;
pub mod people;
pub mod quotas;
pub mod reminders;
/// The demo network `relais seed-demo` writes.
pub mod seed_demo;
pub mod sign_in;
pub mod site_admin;
pub mod sites;
pub mod stats;
pub mod waitlist;
