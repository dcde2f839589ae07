//! Pieces several pages show: form fields and alerts, an action asked twice
//! (`confirm.rs`), the quota summary, the
//! proofs-of-eligibility desk, a calendar feed's link, the site editors, a
//! QR code and the print button (`printout.rs`).
//! Components never import pages; pages import components and never each other.

pub mod confirm;
#[cfg(feature = "office")]
pub mod eligibility_desk;
#[cfg(feature = "account")]
pub mod feed_link;
pub mod forms;
#[cfg(feature = "account")]
pub mod printout;
pub mod quota_summary;
#[cfg(feature = "office")]
pub mod site_admin;
