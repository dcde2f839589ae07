//! Reads a calendar published at an address, for closure imports: http(s)
//! only, a short timeout, a size cap, and (unless the operator allows it)
//! only ports 80 and 443 of public addresses, so a host cannot use Relais to
//! read what sits beside it or to probe which ports answer: every refused or
//! failed connection gets the same answer.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use ipnet::{Ipv4Net, Ipv6Net};
use shared::error::codes;

use crate::domain::refusal::Refusal;

/// Public-holiday calendars are a few kilobytes; a year of a commune's events
/// a few hundred.
const MAX_BYTES: usize = 2 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(10);
const DNS_TIMEOUT: Duration = Duration::from_secs(5);
/// The ports a calendar is published on, unless private addresses are allowed.
const WEB_PORTS: [u16; 2] = [80, 443];

/// The text of the calendar at `address`, or a 400 that says why not.
pub async fn calendar(address: &str, allow_private: bool) -> Result<String, Refusal> {
    let url = parse(address)?;
    let host = url.host_str().unwrap_or_default().to_owned();
    let port = url.port_or_known_default().unwrap_or(443);
    if !allow_private && !WEB_PORTS.contains(&port) {
        return Err(unreachable());
    }
    let lookup = tokio::net::lookup_host((host.trim_matches(['[', ']']), port));
    let addresses: Vec<SocketAddr> = tokio::time::timeout(DNS_TIMEOUT, lookup)
        .await
        .map_err(|_| unreachable())?
        .map_err(|_| unreachable())?
        .collect();
    if addresses.is_empty() || (!allow_private && addresses.iter().any(|a| !is_public(a.ip()))) {
        return Err(unreachable());
    }
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        // A proxy from the environment would make the request somewhere unchecked.
        .no_proxy()
        // Redirects could lead to a private address unchecked.
        .redirect(reqwest::redirect::Policy::none())
        // The addresses checked above, not a second lookup that could answer otherwise.
        .resolve_to_addrs(&host, &addresses)
        .user_agent(concat!("Relais/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|_| unreachable())?;
    let mut response = client
        .get(url.clone())
        .send()
        .await
        .map_err(|_| unreachable())?;
    if !response.status().is_success() {
        return Err(unreachable());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|_| unreachable())? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_BYTES {
            return Err(Refusal::invalid(
                codes::CALENDAR_UNREACHABLE,
                "The calendar is larger than 2 MB.",
            ));
        }
    }
    String::from_utf8(body).map_err(|_| {
        Refusal::invalid(
            codes::CALENDAR_UNREACHABLE,
            "The answer is not an iCalendar text.",
        )
    })
}

/// `http(s)://…`, or `webcal://…` as calendar apps publish it.
fn parse(address: &str) -> Result<reqwest::Url, Refusal> {
    let address = address.trim();
    let address = match address.strip_prefix("webcal://") {
        Some(rest) => format!("https://{rest}"),
        None => address.to_owned(),
    };
    let invalid = || {
        Refusal::invalid(
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

/// One answer for every address that cannot be read, whatever the reason
/// (unknown name, private or special address, other port, refused, silent,
/// not found): the difference would tell a stranger what listens where.
fn unreachable() -> Refusal {
    Refusal::invalid(
        codes::CALENDAR_UNREACHABLE,
        "The calendar could not be read at this address. Check it in a browser: it must be a public https address.",
    )
}

const fn v4(a: u8, b: u8, c: u8, d: u8, prefix: u8) -> Ipv4Net {
    Ipv4Net::new_assert(Ipv4Addr::new(a, b, c, d), prefix)
}

const fn v6(segments: [u16; 8], prefix: u8) -> Ipv6Net {
    let [a, b, c, d, e, f, g, h] = segments;
    Ipv6Net::new_assert(Ipv6Addr::new(a, b, c, d, e, f, g, h), prefix)
}

/// IPv4 blocks that are not ordinary Internet hosts: the IANA IPv4
/// Special-Purpose Address Registry (RFC 6890 and later), multicast and the
/// reserved 240/4. (192.0.0.9 and .10 are global in the registry, and
/// refused here with their /24: no calendar lives there.)
const SPECIAL_V4: [Ipv4Net; 17] = [
    v4(0, 0, 0, 0, 8),          // "this network"
    v4(10, 0, 0, 0, 8),         // private
    v4(100, 64, 0, 0, 10),      // shared address space (carrier NAT)
    v4(127, 0, 0, 0, 8),        // loopback
    v4(169, 254, 0, 0, 16),     // link-local
    v4(172, 16, 0, 0, 12),      // private
    v4(192, 0, 0, 0, 24),       // IETF protocol assignments
    v4(192, 0, 2, 0, 24),       // documentation (TEST-NET-1)
    v4(192, 88, 99, 0, 24),     // 6to4 relay anycast (deprecated)
    v4(192, 168, 0, 0, 16),     // private
    v4(198, 18, 0, 0, 15),      // benchmarking
    v4(198, 51, 100, 0, 24),    // documentation (TEST-NET-2)
    v4(203, 0, 113, 0, 24),     // documentation (TEST-NET-3)
    v4(224, 0, 0, 0, 4),        // multicast
    v4(240, 0, 0, 0, 4),        // reserved
    v4(255, 255, 255, 255, 32), // limited broadcast
    v4(192, 31, 196, 0, 24),    // AS112 (anycast DNS sink)
];

/// IPv6 blocks that are not ordinary Internet hosts: the IANA IPv6
/// Special-Purpose Address Registry, the deprecated site-local block,
/// multicast, and the IPv4-compatible form (`::a.b.c.d`). IPv4-mapped
/// addresses (`::ffff:a.b.c.d`) are judged by their IPv4 address.
const SPECIAL_V6: [Ipv6Net; 13] = [
    v6([0, 0, 0, 0, 0, 0, 0, 0], 96), // ::/128, ::1/128 and IPv4-compatible ::/96
    v6([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96), // NAT64 well-known prefix
    v6([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48), // NAT64 local-use
    v6([0x100, 0, 0, 0, 0, 0, 0, 0], 64), // discard-only
    v6([0x2001, 0, 0, 0, 0, 0, 0, 0], 23), // IETF protocol assignments (Teredo, benchmarking…)
    v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32), // documentation
    v6([0x2002, 0, 0, 0, 0, 0, 0, 0], 16), // 6to4
    v6([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20), // documentation
    v6([0x5f00, 0, 0, 0, 0, 0, 0, 0], 16), // segment routing (SRv6) SIDs
    v6([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7), // unique local
    v6([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10), // link-local
    v6([0xfec0, 0, 0, 0, 0, 0, 0, 0], 10), // site-local (deprecated)
    v6([0xff00, 0, 0, 0, 0, 0, 0, 0], 8), // multicast
];

/// Addresses anyone on the Internet could reach, and nothing else.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => !SPECIAL_V4.iter().any(|net| net.contains(&v4)),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public(IpAddr::V4(v4)),
            None => !SPECIAL_V6.iter().any(|net| net.contains(&v6)),
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
            // The special-use blocks a careless check forgets.
            "0.1.2.3",
            "100.127.255.254",
            "198.18.0.1",
            "198.19.255.255",
            "240.0.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "192.0.2.7",
            "64:ff9b::a00:1",
            "2002:a00:1::1",
            "fec0::1",
            "::10.0.0.1",
            "::127.0.0.1",
            "2001:db8::1",
            "2001::1",
            "ff02::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "193.51.24.1",
            "2001:41d0::1",
            "8.8.8.8",
            "::ffff:193.51.24.1",
            "100.128.0.1",
            "198.20.0.1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}
