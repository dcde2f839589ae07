//! Rules of the product that need no database: what makes a booking valid
//! at a site, how local days map to instants in the site's time zone, and
//! how usage figures are counted (`stats.rs`) and kept secret (`secrecy.rs`).

pub mod booking_rules;
pub mod breakdown;
pub mod caller;
pub mod closure_calendar;
pub mod dates_in_words;
pub mod door;
pub mod filter_secrecy;
pub mod ics;
pub mod local_time;
pub mod markup;
pub mod qr;
pub mod quota_use;
pub mod refusal;
pub mod secrecy;
pub mod site_directory;
pub mod stats;
pub mod usage_day;
pub mod usage_files;
pub mod usage_sheets;
