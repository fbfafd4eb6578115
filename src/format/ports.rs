//! docker's port words: the `ps` PORTS column (its CLI's `DisplayablePorts`) and the
//! lines of `port`.

use crate::network::ports::{HostBinding, ListedPort as Port};
use std::collections::BTreeMap;

/// Go's `net.JoinHostPort`: IPv6 addresses in brackets.
pub fn join_host_port(ip: &str, port: &str) -> String {
    if ip.contains(':') {
        format!("[{ip}]:{port}")
    } else {
        format!("{ip}:{port}")
    }
}

/// docker 28's PORTS column: `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp`, unpublished
/// ports as `80/tcp`, consecutive ports mapped to the same consecutive host ports
/// collapsed (`0.0.0.0:8000-8002->8000-8002/tcp`), exactly as its CLI groups them.
pub fn displayable(ports: &[Port]) -> String {
    let mut ports = ports.to_vec();
    ports.sort_by(|a, b| {
        (a.private, &a.ip, a.public, &a.proto).cmp(&(b.private, &b.ip, b.public, &b.proto))
    });
    // Groups by key (`ip/proto` or `proto`), in the order keys first appear.
    let mut groups: BTreeMap<String, (u16, u16)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut result = Vec::new();
    let mut mappings = Vec::new();
    for p in &ports {
        let mut key = p.proto.clone();
        if !p.ip.is_empty() {
            if p.public != p.private {
                mappings.push(format!(
                    "{}->{}/{}",
                    join_host_port(&p.ip, &p.public.to_string()),
                    p.private,
                    p.proto
                ));
                continue;
            }
            key = format!("{}/{}", p.ip, p.proto);
        }
        match groups.get_mut(&key) {
            None => {
                groups.insert(key.clone(), (p.private, p.private));
                order.push(key);
            }
            Some(g) if u32::from(p.private) == u32::from(g.1) + 1 => g.1 = p.private,
            Some(g) => {
                result.push(form_group(&key, *g));
                *g = (p.private, p.private);
            }
        }
    }
    for key in &order {
        result.push(form_group(key, groups[key]));
    }
    result.extend(mappings);
    result.join(", ")
}

/// docker's `formGroup`: `80-82/tcp`, or with an address `0.0.0.0:80-82->80-82/tcp`.
fn form_group(key: &str, (first, last): (u16, u16)) -> String {
    let (ip, proto) = match key.rsplit_once('/') {
        Some((ip, proto)) => (ip, proto),
        None => ("", key),
    };
    let mut group = first.to_string();
    if first != last {
        group = format!("{group}-{last}");
    }
    if !ip.is_empty() {
        group = format!("{}->{group}", join_host_port(ip, &group));
    }
    format!("{group}/{proto}")
}

/// `port` lines, in docker's order (fvbommel/sortorder's natural order): all mappings
/// (`80/tcp -> 0.0.0.0:8080`), or the host addresses of one port (`0.0.0.0:8080`).
pub fn port_lines(
    map: &BTreeMap<String, Option<Vec<HostBinding>>>,
    one: Option<&str>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (key, bindings) in map {
        if one.is_some_and(|k| k != key) {
            continue;
        }
        for b in bindings.iter().flatten() {
            let addr = join_host_port(&b.host_ip, &b.host_port);
            out.push(match one {
                Some(_) => addr,
                None => format!("{key} -> {addr}"),
            });
        }
    }
    out.sort_by(|a, b| natural_cmp(a, b));
    out
}

/// Natural order (fvbommel/sortorder, docker's CLI lists): runs of digits compare as
/// numbers, the rest byte by byte.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let nb = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (da, db) = (&a[..na], &b[..nb]);
                let trim = |d: &[u8]| {
                    let z = d.iter().take_while(|c| **c == b'0').count();
                    d[z..].to_vec()
                };
                let (ta, tb) = (trim(da), trim(db));
                let o = ta.len().cmp(&tb.len()).then(ta.cmp(&tb)).then(na.cmp(&nb));
                if o != Ordering::Equal {
                    return o;
                }
                a = &a[na..];
                b = &b[nb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(ip: &str, private: u16, public: u16, proto: &str) -> Port {
        Port {
            ip: ip.into(),
            private,
            public,
            proto: proto.into(),
        }
    }

    /// The cases of docker's own DisplayablePorts tests, and what 28 prints for both
    /// address families.
    #[test]
    fn ps_column_as_docker() {
        assert_eq!(displayable(&[p("", 9988, 0, "tcp")]), "9988/tcp");
        assert_eq!(
            displayable(&[p("0.0.0.0", 80, 8080, "tcp"), p("::", 80, 8080, "tcp")]),
            "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"
        );
        assert_eq!(
            displayable(&[p("4.3.2.1", 9988, 8899, "tcp")]),
            "4.3.2.1:8899->9988/tcp"
        );
        assert_eq!(
            displayable(&[p("4.3.2.1", 9988, 9988, "tcp")]),
            "4.3.2.1:9988->9988/tcp"
        );
        assert_eq!(
            displayable(&[p("", 9988, 0, "udp"), p("", 9988, 0, "udp")]),
            "9988/udp, 9988/udp"
        );
        assert_eq!(
            displayable(&[p("1.2.3.4", 6677, 7766, "tcp"), p("", 9988, 0, "udp")]),
            "9988/udp, 1.2.3.4:7766->6677/tcp"
        );
        assert_eq!(
            displayable(&[
                p("", 6677, 0, "tcp"),
                p("", 9988, 0, "udp"),
                p("", 9989, 0, "udp"),
                p("", 6678, 0, "tcp")
            ]),
            "6677-6678/tcp, 9988-9989/udp"
        );
        assert_eq!(
            displayable(&[
                p("0.0.0.0", 8000, 8000, "tcp"),
                p("0.0.0.0", 8001, 8001, "tcp"),
                p("0.0.0.0", 8002, 8002, "tcp"),
                p("", 443, 0, "tcp"),
            ]),
            "443/tcp, 0.0.0.0:8000-8002->8000-8002/tcp"
        );
        assert_eq!(
            displayable(&[p("", 80, 0, "tcp"), p("", 82, 0, "tcp")]),
            "80/tcp, 82/tcp"
        );
        assert_eq!(displayable(&[]), "");
    }

    #[test]
    fn port_command_lines() {
        let b = |ip: &str, port: &str| HostBinding {
            host_ip: ip.into(),
            host_port: port.into(),
        };
        let map: BTreeMap<String, Option<Vec<HostBinding>>> = BTreeMap::from([
            ("443/tcp".to_string(), None),
            (
                "80/tcp".to_string(),
                Some(vec![b("0.0.0.0", "8080"), b("::", "8080")]),
            ),
            ("53/udp".to_string(), Some(vec![b("127.0.0.1", "5353")])),
            ("9000/tcp".to_string(), Some(vec![b("0.0.0.0", "9000")])),
        ]);
        assert_eq!(
            port_lines(&map, None),
            [
                "53/udp -> 127.0.0.1:5353",
                "80/tcp -> 0.0.0.0:8080",
                "80/tcp -> [::]:8080",
                "9000/tcp -> 0.0.0.0:9000"
            ]
        );
        assert_eq!(
            port_lines(&map, Some("80/tcp")),
            ["0.0.0.0:8080", "[::]:8080"]
        );
        assert!(port_lines(&map, Some("443/tcp")).is_empty());
        assert_eq!(
            crate::network::ports::listed_ports(&map),
            [
                p("", 443, 0, "tcp"),
                p("127.0.0.1", 53, 5353, "udp"),
                p("0.0.0.0", 80, 8080, "tcp"),
                p("::", 80, 8080, "tcp"),
                p("0.0.0.0", 9000, 9000, "tcp"),
            ]
        );
    }
}
