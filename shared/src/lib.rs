//! Everything the Relais server and its browser app must agree on: the JSON
//! shapes of the API, the ids, the error body, route paths and the DOM ids the
//! browser tests look for. No I/O here, and nothing that would not build for
//! `wasm32-unknown-unknown`.

pub mod api;
pub mod book_query;
pub mod calendar;
pub mod clock_time;
pub mod directions;
pub mod dom_ids;
pub mod error;
pub mod hours_words;
pub mod ids;
pub mod phone;
pub mod quota;
pub mod routes;
pub mod site_checks;
pub mod slots;
pub mod text;

pub use clock_time::ClockTime;
pub use error::{ErrorBody, ErrorDetail};
