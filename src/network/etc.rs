//! A container's /etc/hostname, /etc/hosts and /etc/resolv.conf, in docker 28's
//! layouts (moby libnetwork etchosts and internal/resolvconf), for each network mode.
//! A container sharing another's network (`container:`) uses that one's files.

use super::flags::{split_extra_host, HOST_GATEWAY_NAME};
use super::NetworkMode;
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::net::IpAddr;
use std::path::Path;

/// Where the host's files are read.
pub const HOST_HOSTS: &str = "/etc/hosts";
pub const HOST_RESOLV_CONF: &str = "/etc/resolv.conf";

/// What the files are made of.
pub struct EtcConfig<'a> {
    pub mode: &'a NetworkMode,
    pub hostname: &'a str,
    /// `--add-host` entries as stored (`name:ip`, `name:host-gateway`).
    pub extra_hosts: &'a [String],
    pub dns: &'a [String],
    pub dns_search: &'a [String],
    pub dns_options: &'a [String],
    /// Whether the container's loopback has IPv6 (docker then lists the IPv6 names).
    pub ipv6: bool,
}

/// Write `hostname`, `hosts` (unless `no_hosts`) and `resolv.conf` into `dir`.
pub fn write_files(dir: &Path, c: &EtcConfig, no_hosts: bool) -> Result<()> {
    let write = |name: &str, text: String| {
        std::fs::write(dir.join(name), text).with_context(|| format!("writing {name}"))
    };
    write("hostname", format!("{}\n", c.hostname))?;
    if !no_hosts {
        let host = std::fs::read_to_string(HOST_HOSTS).ok();
        write("hosts", hosts(c, host.as_deref()))?;
    }
    let host = std::fs::read_to_string(HOST_RESOLV_CONF).unwrap_or_default();
    write("resolv.conf", resolv_conf(c, &host))
}

/// What `NAME:host-gateway` means in this mode: the gateway, which reaches the host's
/// loopback too; on the host's own network, its loopback.
pub fn host_gateway(mode: &NetworkMode) -> IpAddr {
    match mode {
        NetworkMode::Host => IpAddr::from([127, 0, 0, 1]),
        _ => IpAddr::V4(super::HOST_GATEWAY),
    }
}

/// /etc/hosts: on the host's network with no `--add-host`, a copy of the host's file
/// (`host` None: unreadable); otherwise localhost, the IPv6 names when the container has
/// IPv6, each `--add-host`, and on the default network the container's address and name.
pub fn hosts(c: &EtcConfig, host: Option<&str>) -> String {
    if let (NetworkMode::Host, true, Some(h)) = (c.mode, c.extra_hosts.is_empty(), host) {
        return h.to_string();
    }
    let mut recs: Vec<(IpAddr, String)> = vec![("127.0.0.1".parse().unwrap(), "localhost".into())];
    if c.ipv6 {
        for (ip, names) in [
            ("::1", "localhost ip6-localhost ip6-loopback"),
            ("fe00::", "ip6-localnet"),
            ("ff00::", "ip6-mcastprefix"),
            ("ff02::1", "ip6-allnodes"),
            ("ff02::2", "ip6-allrouters"),
        ] {
            recs.push((ip.parse().unwrap(), names.into()));
        }
    }
    for e in c.extra_hosts {
        let Some((name, ip)) = split_extra_host(e) else {
            continue;
        };
        let ip = match ip {
            HOST_GATEWAY_NAME => host_gateway(c.mode),
            ip => match ip.parse() {
                Ok(ip) => ip,
                Err(_) => continue,
            },
        };
        if c.ipv6 || ip.is_ipv4() {
            recs.push((ip, name.to_string()));
        }
    }
    if *c.mode == NetworkMode::Bridge {
        // docker: the name, and a dotted name's first label too.
        let mut names = c.hostname.to_string();
        if let Some((short, _)) = c.hostname.split_once('.') {
            names = format!("{names} {short}");
        }
        recs.push((IpAddr::V4(super::CONTAINER_IP), names));
    }
    recs.iter().map(|(ip, n)| format!("{ip}\t{n}\n")).collect()
}

/// A resolv.conf read as docker's resolvconf package reads one.
#[derive(Default)]
struct Parsed {
    nameservers: Vec<IpAddr>,
    search: Vec<String>,
    options: Vec<String>,
    other: Vec<String>,
}

fn parse_resolv_conf(text: &str) -> Parsed {
    let mut p = Parsed::default();
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            [] => {}
            [f, ..] if f.starts_with('#') || f.starts_with(';') => {}
            ["nameserver", ns, ..] => p.nameservers.extend(ns.parse::<IpAddr>().ok()),
            ["domain" | "search", rest @ ..] if !rest.is_empty() => {
                p.search = rest.iter().map(|s| s.to_string()).collect()
            }
            ["options", rest @ ..] => p.options.extend(rest.iter().map(|s| s.to_string())),
            ["nameserver" | "domain" | "search"] => {}
            _ => p.other.push(line.to_string()),
        }
    }
    p
}

/// /etc/resolv.conf as docker 28 writes it: the host's file with `--dns`,
/// `--dns-search` (`.` meaning none) and `--dns-option` replacing its parts. On the
/// default network the nameserver is berth's forwarder (`DNS_IP`) unless `--dns` is
/// given; with `--network none`, the host's non-loopback nameservers (else Google's,
/// as docker); on the host's network, the host's.
pub fn resolv_conf(c: &EtcConfig, host: &str) -> String {
    let mut rc = parse_resolv_conf(host);
    let mut overrides = Vec::new();
    let ndots_host = rc
        .options
        .iter()
        .any(|o| o.split(':').next() == Some("ndots"));
    let dns: Vec<IpAddr> = c.dns.iter().filter_map(|d| d.parse().ok()).collect();
    if !dns.is_empty() {
        overrides.push("nameservers");
    }
    if !c.dns_search.is_empty() {
        rc.search = c.dns_search.iter().filter(|s| *s != ".").cloned().collect();
        overrides.push("search");
    }
    if !c.dns_options.is_empty() {
        rc.options = c.dns_options.to_vec();
        overrides.push("options");
    }
    let ndots_from = if !c.dns_options.is_empty() {
        rc.options
            .iter()
            .any(|o| o.split(':').next() == Some("ndots"))
            .then_some("override")
    } else {
        ndots_host.then_some("host")
    };
    let host_servers = std::mem::take(&mut rc.nameservers);
    let mut transform = None;
    let mut used_default = false;
    let mut ext_servers = Vec::new();
    rc.nameservers = if !dns.is_empty() {
        if *c.mode != NetworkMode::Host {
            transform = Some("legacy");
        }
        dns
    } else {
        match c.mode {
            NetworkMode::Bridge => {
                transform = Some("internal resolver");
                ext_servers = host_servers.iter().map(|a| format!("host({a})")).collect();
                vec![IpAddr::V4(super::DNS_IP)]
            }
            NetworkMode::Host => host_servers,
            _ => {
                transform = Some("legacy");
                let kept: Vec<IpAddr> = host_servers
                    .into_iter()
                    .filter(|a| !a.is_loopback() && (c.ipv6 || a.is_ipv4()))
                    .collect();
                if kept.is_empty() {
                    used_default = true;
                    let mut d: Vec<IpAddr> = vec![[8, 8, 8, 8].into(), [8, 8, 4, 4].into()];
                    if c.ipv6 {
                        d.push("2001:4860:4860::8888".parse().unwrap());
                        d.push("2001:4860:4860::8844".parse().unwrap());
                    }
                    d
                } else {
                    kept
                }
            }
        }
    };
    let mut out = String::from("# Generated by berth.\n\n");
    for ns in &rc.nameservers {
        let _ = writeln!(out, "nameserver {ns}");
    }
    if !rc.search.is_empty() {
        let _ = writeln!(out, "search {}", rc.search.join(" "));
    }
    if !rc.options.is_empty() {
        let _ = writeln!(out, "options {}", rc.options.join(" "));
    }
    for o in &rc.other {
        let _ = writeln!(out, "{o}");
    }
    let _ = write!(out, "\n# Based on host file: '{HOST_RESOLV_CONF}'");
    if let Some(t) = transform {
        let _ = write!(out, " ({t})");
    }
    out.push('\n');
    if used_default {
        out.push_str("# Used default nameservers.\n");
    }
    if !ext_servers.is_empty() {
        let _ = writeln!(out, "# ExtServers: [{}]", ext_servers.join(" "));
    }
    let _ = writeln!(out, "# Overrides: [{}]", overrides.join(" "));
    if let Some(f) = ndots_from {
        let _ = writeln!(out, "# Option ndots from: {f}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg<'a>(mode: &'a NetworkMode, extra: &'a [String]) -> EtcConfig<'a> {
        EtcConfig {
            mode,
            hostname: "abc123",
            extra_hosts: extra,
            dns: &[],
            dns_search: &[],
            dns_options: &[],
            ipv6: true,
        }
    }

    const DEFAULTS: &str = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    #[test]
    fn hosts_per_mode() {
        let extra = vec![
            "a:1.2.3.4".to_string(),
            "b:0:0:0:0:0:0:0:1".into(),
            "gw:host-gateway".into(),
        ];
        let bridge = NetworkMode::Bridge;
        assert_eq!(
            hosts(&cfg(&bridge, &[]), None),
            format!("{DEFAULTS}10.0.2.100\tabc123\n")
        );
        assert_eq!(
            hosts(&cfg(&bridge, &extra), None),
            format!("{DEFAULTS}1.2.3.4\ta\n::1\tb\n10.0.2.2\tgw\n10.0.2.100\tabc123\n")
        );
        let mut c = cfg(&bridge, &[]);
        c.hostname = "web.corp";
        c.ipv6 = false;
        assert_eq!(
            hosts(&c, None),
            "127.0.0.1\tlocalhost\n10.0.2.100\tweb.corp web\n"
        );
        let none = NetworkMode::None;
        assert_eq!(hosts(&cfg(&none, &[]), None), DEFAULTS);
        let host = NetworkMode::Host;
        let mine = "127.0.0.1 localhost\n127.0.0.1 myhost\n";
        assert_eq!(hosts(&cfg(&host, &[]), Some(mine)), mine);
        assert_eq!(
            hosts(&cfg(&host, &extra), Some(mine)),
            format!("{DEFAULTS}1.2.3.4\ta\n::1\tb\n127.0.0.1\tgw\n")
        );
    }

    const HOST: &str =
        "# comment\nnameserver 127.0.0.53\nnameserver 10.0.0.1\nsearch lan\noptions edns0 ndots:1\nsortlist 1.2.3.4\n";

    #[test]
    fn resolv_conf_per_mode() {
        let bridge = NetworkMode::Bridge;
        assert_eq!(
            resolv_conf(&cfg(&bridge, &[]), HOST),
            "# Generated by berth.\n\nnameserver 10.0.2.3\nsearch lan\noptions edns0 ndots:1\nsortlist 1.2.3.4\n\n# Based on host file: '/etc/resolv.conf' (internal resolver)\n# ExtServers: [host(127.0.0.53) host(10.0.0.1)]\n# Overrides: []\n# Option ndots from: host\n"
        );
        let none = NetworkMode::None;
        assert_eq!(
            resolv_conf(&cfg(&none, &[]), HOST),
            "# Generated by berth.\n\nnameserver 10.0.0.1\nsearch lan\noptions edns0 ndots:1\nsortlist 1.2.3.4\n\n# Based on host file: '/etc/resolv.conf' (legacy)\n# Overrides: []\n# Option ndots from: host\n"
        );
        let mut c = cfg(&none, &[]);
        c.ipv6 = false;
        assert_eq!(
            resolv_conf(&c, "nameserver 127.0.0.1\nnameserver ::2\n"),
            "# Generated by berth.\n\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n\n# Based on host file: '/etc/resolv.conf' (legacy)\n# Used default nameservers.\n# Overrides: []\n"
        );
        let host = NetworkMode::Host;
        assert_eq!(
            resolv_conf(&cfg(&host, &[]), "nameserver 127.0.0.53\n"),
            "# Generated by berth.\n\nnameserver 127.0.0.53\n\n# Based on host file: '/etc/resolv.conf'\n# Overrides: []\n"
        );
    }

    #[test]
    fn resolv_conf_flags() {
        let dns = ["1.1.1.1".to_string(), "::1".into()];
        let search = ["corp".to_string(), "b.c".into()];
        let opts = ["ndots:2".to_string(), "rotate".into()];
        let bridge = NetworkMode::Bridge;
        let mut c = cfg(&bridge, &[]);
        c.dns = &dns;
        c.dns_search = &search;
        c.dns_options = &opts;
        assert_eq!(
            resolv_conf(&c, HOST),
            "# Generated by berth.\n\nnameserver 1.1.1.1\nnameserver ::1\nsearch corp b.c\noptions ndots:2 rotate\nsortlist 1.2.3.4\n\n# Based on host file: '/etc/resolv.conf' (legacy)\n# Overrides: [nameservers search options]\n# Option ndots from: override\n"
        );
        // `--dns-search .`: no search domain at all.
        let dot = [".".to_string()];
        let mut c = cfg(&bridge, &[]);
        c.dns_search = &dot;
        let out = resolv_conf(&c, HOST);
        assert!(!out.contains("search "), "{out}");
        assert!(out.contains("# Overrides: [search]\n"), "{out}");
    }
}
