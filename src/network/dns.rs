//! Where the container's DNS server (10.0.2.3) forwards: the first nameserver of the
//! host's resolv.conf, re-read when the file changes. Loopback resolvers such as
//! systemd-resolved's 127.0.0.53 work: the forwarder runs in the host's namespace.
//!
//! `BERTH_RESOLV_CONF` names another file (tests point it at a resolver they run);
//! there a nameserver may carry a port, `nameserver 127.0.0.1#5353`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::SystemTime;

pub struct Upstream {
    path: PathBuf,
    seen: Option<SystemTime>,
    servers: Vec<SocketAddr>,
}

impl Upstream {
    pub fn from_env() -> Upstream {
        let path = std::env::var_os("BERTH_RESOLV_CONF")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/etc/resolv.conf"));
        Upstream {
            path,
            seen: None,
            servers: vec![],
        }
    }

    /// The server to forward to now (the file re-read if it changed).
    pub fn server(&mut self) -> Option<SocketAddr> {
        let mtime = std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok();
        if mtime != self.seen || self.seen.is_none() {
            self.seen = mtime;
            self.servers = std::fs::read_to_string(&self.path)
                .map(|t| parse(&t))
                .unwrap_or_default();
        }
        self.servers.first().copied()
    }
}

/// The nameservers of a resolv.conf (`IP`, `IP#PORT`; IPv6 scope ids dropped).
pub fn parse(text: &str) -> Vec<SocketAddr> {
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("nameserver")).then(|| w.next()).flatten()
        })
        .filter_map(|a| {
            let (ip, port) = match a.split_once('#') {
                Some((ip, p)) => (ip, p.parse::<u16>().ok()?),
                None => (a, 53),
            };
            let ip = ip.split('%').next()?;
            let ip: IpAddr = ip.parse().ok()?;
            Some(SocketAddr::new(ip, port))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nameservers_with_and_without_ports() {
        let t = "# c\nsearch x\nnameserver 127.0.0.53\nnameserver 127.0.0.1#5353\nnameserver fe80::1%eth0\nnameserver bogus\n";
        let v: Vec<String> = parse(t).iter().map(|a| a.to_string()).collect();
        assert_eq!(v, ["127.0.0.53:53", "127.0.0.1:5353", "[fe80::1]:53"]);
    }
}
