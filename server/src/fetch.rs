//! Reads a calendar published at an address, for closure imports: http(s)
//! only, a short timeout, a size cap, and (unless the operator allows it)
//! never an address on the server's own machine or private network, so a
//! host cannot use Relais to read what sits beside it.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use shared::error::codes;

use crate::error::ApiError;

/// Public-holiday calendars are a few kilobytes; a year of a commune's events
/// a few hundred.
const MAX_BYTES: usize = 2 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(10);

/// The text of the calendar at `address`, or a 400 that says why not.
pub async fn calendar(address: &str, allow_private: bool) -> Result<String, ApiError> {
    let url = parse(address)?;
    let host = url.host_str().unwrap_or_default().to_owned();
    let port = url.port_or_known_default().unwrap_or(443);
    let addresses: Vec<SocketAddr> = tokio::net::lookup_host((host.trim_matches(['[', ']']), port))
        .await
        .map_err(|_| unreachable(&format!("The name {host} is not known.")))?
        .collect();
    if !allow_private && addresses.iter().any(|a| !is_public(a.ip())) {
        return Err(unreachable(&format!(
            "{host} is on a private network; Relais only reads public addresses."
        )));
    }
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        // Redirects could lead to a private address unchecked.
        .redirect(reqwest::redirect::Policy::none())
        // The addresses checked above, not a second lookup that could answer otherwise.
        .resolve_to_addrs(&host, &addresses)
        .user_agent(concat!("Relais/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| unreachable(&format!("{e}")))?;
    let mut response = client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| unreachable(&format!("{host} did not answer ({}).", reason(&e))))?;
    if !response.status().is_success() {
        return Err(unreachable(&format!(
            "{host} answered {} instead of a calendar.",
            response.status()
        )));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| unreachable(&format!("{host} stopped answering ({}).", reason(&e))))?
    {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_BYTES {
            return Err(unreachable("The calendar is larger than 2 MB."));
        }
    }
    String::from_utf8(body).map_err(|_| unreachable("The answer is not an iCalendar text."))
}

/// `http(s)://…`, or `webcal://…` as calendar apps publish it.
fn parse(address: &str) -> Result<reqwest::Url, ApiError> {
    let address = address.trim();
    let address = match address.strip_prefix("webcal://") {
        Some(rest) => format!("https://{rest}"),
        None => address.to_owned(),
    };
    let invalid = || {
        ApiError::bad_request(
            codes::INVALID_URL,
            "Give the calendar's address, starting with https://.",
        )
    };
    let url = reqwest::Url::parse(&address).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid());
    }
    Ok(url)
}

fn reason(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "no answer within 10 seconds"
    } else if error.is_connect() {
        "connection refused or impossible"
    } else {
        "broken answer"
    }
}

fn unreachable(why: &str) -> ApiError {
    ApiError::bad_request(
        codes::CALENDAR_UNREACHABLE,
        format!("The calendar could not be read: {why}"),
    )
}

/// Addresses anyone on the Internet could reach.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                // 100.64.0.0/10, shared by carriers.
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xC0) == 64))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public(IpAddr::V4(v4)),
            None => {
                let first = v6.segments()[0];
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    // fc00::/7 unique local, fe80::/10 link-local.
                    || (first & 0xFE00) == 0xFC00
                    || (first & 0xFFC0) == 0xFE80)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_addresses_are_read() {
        for bad in [
            "",
            "ftp://example.org/a.ics",
            "file:///etc/passwd",
            "example.org",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse("webcal://example.org/f.ics").unwrap().as_str(),
            "https://example.org/f.ics"
        );
    }

    #[test]
    fn private_addresses_are_not_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.1.1",
            "172.16.0.1",
            "169.254.1.1",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "0.0.0.0",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["193.51.24.1", "2001:41d0::1", "8.8.8.8"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}
