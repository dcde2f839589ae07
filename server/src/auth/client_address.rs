//! Who the client is, behind a reverse proxy. Relais has no TLS of its own,
//! so in production nginx, Caddy or a load balancer stands in front and the
//! socket's peer is the proxy. Only when the peer is one of
//! `RELAIS_TRUSTED_PROXIES` is `X-Forwarded-For` read, from the right: the
//! first hop that is not a trusted proxy is the client. Anything to its left
//! was written by the client and proves nothing. (`Forwarded` is not read:
//! nginx passes a client's own `Forwarded` header through untouched, while
//! nginx and Caddy both append to `X-Forwarded-For`.)

use std::net::{IpAddr, Ipv6Addr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The client's address for a request that came from `peer`.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    // From the proxy nearest to us outwards, up to the first hop that is not
    // one of ours; an unreadable hop ends the walk (what lies beyond it was
    // not written by a proxy we trust).
    let mut client = peer;
    for hop in x_forwarded_for(headers).iter().rev() {
        let Some(hop) = parse_node(hop).map(|ip| ip.to_canonical()) else {
            break;
        };
        client = hop;
        if !is_trusted(&hop) {
            break;
        }
    }
    client
}

/// The key rate limits count under: an IPv6 client usually holds a whole
/// /64, so its addresses count as one.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mask = !0u128 << 64;
                IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
            }
        },
    }
}

/// The hops of every `X-Forwarded-For` header, in order, as written.
fn x_forwarded_for(headers: &HeaderMap) -> Vec<&str> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]`, `[2001:db8::1]:4711`, `2001:db8::1`.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let (host, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse().ok()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let said = headers(&[("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(
            client_address(ip("203.0.113.5"), &said, &[]),
            ip("203.0.113.5")
        );
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_address(ip("203.0.113.5"), &said, &trusted),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
        let trusted = nets(&["10.0.0.0/8", "127.0.0.1/32"]);
        // The client wrote "1.2.3.4" itself; nginx appended the real address.
        let spoofed = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.9, 10.0.0.2")]);
        assert_eq!(
            client_address(ip("127.0.0.1"), &spoofed, &trusted),
            ip("198.51.100.9")
        );
        // A client's own Forwarded header is not believed.
        let forged = headers(&[
            ("forwarded", "for=198.51.100.1"),
            ("x-forwarded-for", "198.51.100.2"),
        ]);
        assert_eq!(
            client_address(ip("10.0.0.3"), &forged, &trusted),
            ip("198.51.100.2")
        );
        // No header: the proxy itself.
        assert_eq!(
            client_address(ip("10.0.0.3"), &HeaderMap::new(), &trusted),
            ip("10.0.0.3")
        );
        // Junk the client wrote, left of what the proxy appended, changes nothing.
        let junk = headers(&[("x-forwarded-for", "not-an-address, 198.51.100.9")]);
        assert_eq!(
            client_address(ip("10.0.0.3"), &junk, &trusted),
            ip("198.51.100.9")
        );
        // IPv6 with a port, and an IPv4 peer seen as IPv4-mapped IPv6.
        let v6 = headers(&[("x-forwarded-for", "[2001:db8:cafe::17]:4711")]);
        assert_eq!(
            client_address(ip("::ffff:10.0.0.3"), &v6, &trusted),
            ip("2001:db8:cafe::17")
        );
    }

    #[test]
    fn ipv6_clients_count_by_their_slash_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(limit_key(ip("2001:db8:1:2:ffff::9")), ip("2001:db8:1:2::"));
        assert_ne!(limit_key(ip("2001:db8:1:3::1")), ip("2001:db8:1:2::"));
        assert_eq!(limit_key(ip("198.51.100.7")), ip("198.51.100.7"));
        assert_eq!(limit_key(ip("::ffff:198.51.100.7")), ip("198.51.100.7"));
    }
}
