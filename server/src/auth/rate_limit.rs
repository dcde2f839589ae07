//! Limits on the sign-in routes, per e-mail address and per client address
//! (governor's GCRA; an IPv6 client counts by its /64). They live in each process's memory: with several
//! processes behind a load balancer, each allows its own share. Other routes
//! are not limited, so ordinary use of the API never waits on them.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::client_address::limit_key;
use crate::error::ApiError;

pub struct RateLimits {
    request_per_email: DefaultKeyedRateLimiter<String>,
    request_per_client: DefaultKeyedRateLimiter<IpAddr>,
    verify_per_client: DefaultKeyedRateLimiter<IpAddr>,
    /// PINs a door asks about, per door key: a keypad is not a way to try
    /// every code (QR tokens cannot be guessed, so they are not counted).
    pins_per_door: DefaultKeyedRateLimiter<i64>,
}

fn quota(burst: u32, one_more_every: Duration) -> Quota {
    Quota::with_period(one_more_every)
        .expect("period is not zero")
        .allow_burst(NonZeroU32::new(burst).expect("burst is not zero"))
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            // A person asks for a code a few times at most.
            request_per_email: RateLimiter::keyed(quota(5, Duration::from_secs(120))),
            // A shared computer in a tiers-lieu serves several people.
            request_per_client: RateLimiter::keyed(quota(20, Duration::from_secs(30))),
            verify_per_client: RateLimiter::keyed(quota(30, Duration::from_secs(10))),
            // The morning rush at one door, then one code every 6 seconds.
            pins_per_door: RateLimiter::keyed(quota(20, Duration::from_secs(6))),
        }
    }
}

fn limited() -> ApiError {
    ApiError::RateLimited
}

impl RateLimits {
    pub fn shared() -> Arc<RateLimits> {
        Arc::new(RateLimits::default())
    }

    pub fn check_request(&self, email: &str, client: Option<IpAddr>) -> Result<(), ApiError> {
        if let Some(ip) = client {
            self.request_per_client
                .check_key(&limit_key(ip))
                .map_err(|_| limited())?;
        }
        self.request_per_email
            .check_key(&email.to_owned())
            .map_err(|_| limited())
    }

    /// Code and link checks, per client. Not per address: that would let a
    /// stranger spend the person's own attempts; the database bounds the
    /// wrong codes an address receives (`app::sign_in`).
    pub fn check_verify(&self, client: Option<IpAddr>) -> Result<(), ApiError> {
        match client {
            Some(ip) => self
                .verify_per_client
                .check_key(&limit_key(ip))
                .map_err(|_| limited()),
            None => Ok(()),
        }
    }

    /// A PIN typed at the door of this API key.
    pub fn check_door_pin(&self, door_key: i64) -> Result<(), ApiError> {
        self.pins_per_door
            .check_key(&door_key)
            .map_err(|_| limited())
    }

    /// Forgets keys whose limits are back to full, so memory stays small.
    pub fn forget_idle(&self) {
        self.pins_per_door.retain_recent();
        self.request_per_email.retain_recent();
        self.request_per_client.retain_recent();
        self.verify_per_client.retain_recent();
    }
}
