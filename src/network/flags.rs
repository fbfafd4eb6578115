//! The values of `--dns`, `--dns-search` and `--add-host`, checked as docker's CLI
//! checks them (its error words: scripts match them) and stored in its form.

use anyhow::Result;
use std::net::IpAddr;

/// The word `--add-host NAME:host-gateway` uses for the address that reaches the host.
pub const HOST_GATEWAY_NAME: &str = "host-gateway";

fn flag_error(flag: &str, val: &str, why: String) -> anyhow::Error {
    anyhow::anyhow!("invalid argument {val:?} for \"{flag}\" flag: {why}")
}

/// docker's `ValidateIPAddress`: surrounding space ignored, the address kept in its
/// canonical form.
fn ip_address(val: &str) -> Result<IpAddr, String> {
    val.trim()
        .parse::<IpAddr>()
        .map_err(|_| format!("IP address is not correctly formatted: {val}"))
}

/// `--dns IP`.
pub fn dns(val: &str) -> Result<String> {
    ip_address(val)
        .map(|ip| ip.to_string())
        .map_err(|why| flag_error("--dns", val, why))
}

/// One label of a domain: alphanumerics, inner hyphens.
fn domain_label(l: &str) -> bool {
    !l.is_empty()
        && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !l.starts_with('-')
        && !l.ends_with('-')
}

/// `--dns-search DOMAIN` (docker's `ValidateDNSSearch`): `.` (no search domain) or a
/// domain with a letter somewhere, shorter than 255 bytes; a trailing dot is dropped.
pub fn dns_search(val: &str) -> Result<String> {
    let v = val.trim_matches(' ');
    if v == "." {
        return Ok(v.to_string());
    }
    let body = v.trim_end();
    let body = body.strip_suffix('.').unwrap_or(body);
    if v.bytes().any(|b| b.is_ascii_alphabetic())
        && body.len() < 255
        && body.split('.').all(domain_label)
    {
        return Ok(body.to_string());
    }
    Err(flag_error(
        "--dns-search",
        val,
        format!("{v} is not a valid domain"),
    ))
}

/// `--add-host NAME:IP`, `NAME=IP` (docker 25+), IPv6 as `NAME:::1`, `NAME:[::1]` or
/// `NAME=::1`, and `NAME:host-gateway`; stored as docker stores it: `NAME:IP`.
pub fn add_host(val: &str) -> Result<String> {
    let (name, ip) = match val.split_once('=').or_else(|| val.split_once(':')) {
        Some((k, v)) if !k.is_empty() && !k.contains(':') => (k, v),
        _ => {
            return Err(flag_error(
                "--add-host",
                val,
                format!("bad format for add-host: {val:?}"),
            ))
        }
    };
    let mut ip = ip;
    if ip != HOST_GATEWAY_NAME {
        if ip.len() > 2 && ip.starts_with('[') && ip.ends_with(']') {
            ip = &ip[1..ip.len() - 1];
        }
        if ip_address(ip).is_err() {
            return Err(flag_error(
                "--add-host",
                val,
                format!("invalid IP address in add-host: {ip:?}"),
            ));
        }
    }
    Ok(format!("{name}:{ip}"))
}

/// A stored `--add-host` entry back into its name and address (`host-gateway` resolved
/// by the caller, which knows the network mode). Split at the first colon: names have
/// none, IPv6 addresses do.
pub fn split_extra_host(entry: &str) -> Option<(&str, &str)> {
    entry.split_once(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(r: Result<String>) -> String {
        format!("{:#}", r.unwrap_err())
    }

    /// docker 28's CLI words for the same values (checked by running it).
    #[test]
    fn add_host_as_docker() {
        assert_eq!(add_host("foo:1.2.3.4").unwrap(), "foo:1.2.3.4");
        assert_eq!(add_host("foo=1.2.3.4").unwrap(), "foo:1.2.3.4");
        assert_eq!(add_host("foo:[::1]").unwrap(), "foo:::1");
        assert_eq!(add_host("foo=::1").unwrap(), "foo:::1");
        assert_eq!(add_host("foo:::1").unwrap(), "foo:::1");
        assert_eq!(add_host("foo=[::1]").unwrap(), "foo:::1");
        assert_eq!(add_host("foo:host-gateway").unwrap(), "foo:host-gateway");
        assert_eq!(
            e(add_host("foo")),
            r#"invalid argument "foo" for "--add-host" flag: bad format for add-host: "foo""#
        );
        assert_eq!(
            e(add_host(":1.2.3.4")),
            r#"invalid argument ":1.2.3.4" for "--add-host" flag: bad format for add-host: ":1.2.3.4""#
        );
        assert_eq!(
            e(add_host("foo:bar")),
            r#"invalid argument "foo:bar" for "--add-host" flag: invalid IP address in add-host: "bar""#
        );
        assert_eq!(
            e(add_host("foo:")),
            r#"invalid argument "foo:" for "--add-host" flag: invalid IP address in add-host: """#
        );
        assert_eq!(split_extra_host("foo:::1"), Some(("foo", "::1")));
    }

    #[test]
    fn dns_as_docker() {
        assert_eq!(dns(" 1.1.1.1").unwrap(), "1.1.1.1");
        assert_eq!(dns("::1").unwrap(), "::1");
        assert_eq!(
            e(dns("1.1.1.1x")),
            r#"invalid argument "1.1.1.1x" for "--dns" flag: IP address is not correctly formatted: 1.1.1.1x"#
        );
        assert_eq!(dns_search("corp").unwrap(), "corp");
        assert_eq!(dns_search("example.com.").unwrap(), "example.com");
        assert_eq!(dns_search(".").unwrap(), ".");
        assert_eq!(dns_search("a-b.c1").unwrap(), "a-b.c1");
        for bad in ["bad domain", "-x", "a..b", "123", "x-.y", ""] {
            assert!(
                e(dns_search(bad)).ends_with("is not a valid domain"),
                "{bad}"
            );
        }
        assert_eq!(
            e(dns_search("-x")),
            r#"invalid argument "-x" for "--dns-search" flag: -x is not a valid domain"#
        );
        assert!(dns_search(&"a".repeat(300)).is_err());
    }
}
