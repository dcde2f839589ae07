//! Request and response bodies of the JSON API under `/api/v1`, one module per subject.

pub mod access;
pub mod accounts;
pub mod bookings;
pub mod calendars;
pub mod quotas;
pub mod sites;
pub mod stats;

pub use access::*;
pub use accounts::*;
pub use bookings::*;
pub use calendars::*;
pub use quotas::*;
pub use sites::*;
pub use stats::*;
