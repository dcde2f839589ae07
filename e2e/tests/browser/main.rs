//! What a person sees, in a real browser. One test binary, one module per part
//! of the app.

mod accounts;
mod administration;
mod bookings;
mod calendar;
mod door;
mod harness;
mod my_site;
mod quota_policies;
mod quotas;
mod sites;
mod slow_link;
mod statistics;

use anyhow::Result;
use e2e::{Browser, Relais};
use shared::dom_ids;

/// `#id` for a DOM id of `shared::dom_ids`.
pub fn id(dom_id: &str) -> String {
    format!("#{dom_id}")
}

/// Opens the home page and waits for the list of sites.
pub async fn open_sites(browser: &Browser, relais: &Relais) -> Result<()> {
    browser.goto(&relais.url("/")).await?;
    browser
        .wait_for(&format!("{} li", id(dom_ids::SITE_LIST)))
        .await?;
    Ok(())
}
