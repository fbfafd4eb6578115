//! Published ports: docker's `-p` syntax, and what was bound at start.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Proto {
    Tcp,
    Udp,
}

impl Proto {
    pub fn as_str(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
        }
    }

    /// `tcp` or `udp` (docker's protocol names are lowercase).
    pub fn parse(s: &str) -> Option<Proto> {
        match s {
            "tcp" => Some(Proto::Tcp),
            "udp" => Some(Proto::Udp),
            _ => None,
        }
    }
}

/// One published port as asked: `host_ip` None means every address (0.0.0.0 and ::),
/// `host_port` 0 means any free port, chosen at each start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortBinding {
    pub proto: Proto,
    pub container_port: u16,
    pub host_ip: Option<IpAddr>,
    pub host_port: u16,
}

/// A port as bound by the supervisor at start (what `port`, `ps` and inspect show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BoundPort {
    pub proto: Proto,
    pub container_port: u16,
    pub host_ip: IpAddr,
    pub host_port: u16,
}

/// One entry of docker's port maps (`HostConfig.PortBindings`, `NetworkSettings.Ports`):
/// `{"HostIp": "", "HostPort": "8080"}`, empty strings meaning any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HostBinding {
    pub host_ip: String,
    pub host_port: String,
}

/// docker's port map, keyed `"80/tcp"` (sorted as docker's JSON sorts map keys).
pub type PortMap = BTreeMap<String, Vec<HostBinding>>;

/// docker's key for a container port: `80/tcp`.
pub fn port_key(port: u16, proto: &str) -> String {
    format!("{port}/{proto}")
}

/// A port map key back into its port and protocol (`80` alone is tcp); None when it
/// is not one (image configs are hostile input).
pub fn split_key(key: &str) -> Option<(u16, String)> {
    let (proto, port) = split_proto_port(key);
    Some((parse_uint16(port).ok()?, proto.to_string()))
}

impl PortBinding {
    /// Its entry in `HostConfig.PortBindings` (docker's words: "" for any).
    pub fn host_binding(&self) -> HostBinding {
        HostBinding {
            host_ip: self.host_ip.map(|i| i.to_string()).unwrap_or_default(),
            host_port: match self.host_port {
                0 => String::new(),
                p => p.to_string(),
            },
        }
    }

    /// The binding an entry of `HostConfig.PortBindings` asks for (None: not one berth
    /// can bind, such as an sctp port or a range written by another tool).
    pub fn from_entry(key: &str, b: &HostBinding) -> Option<PortBinding> {
        let (container_port, proto) = split_key(key)?;
        let proto = Proto::parse(&proto)?;
        let host_ip = match b.host_ip.as_str() {
            "" => None,
            ip => Some(ip.parse().ok()?),
        };
        let host_port = match b.host_port.as_str() {
            "" => 0,
            p => parse_uint16(p).ok()?,
        };
        Some(PortBinding {
            proto,
            container_port,
            host_ip,
            host_port,
        })
    }
}

impl BoundPort {
    /// Its entry in `NetworkSettings.Ports`: `{"HostIp":"0.0.0.0","HostPort":"8080"}`.
    pub fn host_binding(&self) -> HostBinding {
        HostBinding {
            host_ip: self.host_ip.to_string(),
            host_port: self.host_port.to_string(),
        }
    }
}

/// docker's `NetworkSettings.Ports` of a running container: every exposed port,
/// `None` (JSON null) when nothing is bound to it, else its host addresses in the
/// order they were bound.
pub fn runtime_ports<'a>(
    exposed: impl IntoIterator<Item = &'a String>,
    bound: &[BoundPort],
) -> BTreeMap<String, Option<Vec<HostBinding>>> {
    let mut map: BTreeMap<String, Option<Vec<HostBinding>>> =
        exposed.into_iter().map(|k| (k.clone(), None)).collect();
    for b in bound {
        map.entry(port_key(b.container_port, b.proto.as_str()))
            .or_default()
            .get_or_insert_with(Vec::new)
            .push(b.host_binding());
    }
    map
}

/// One row of docker's `container.Port` list (what `ps` gets from the engine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPort {
    /// "" when not published.
    pub ip: String,
    pub private: u16,
    pub public: u16,
    pub proto: String,
}

/// The engine's port list from a runtime port map (moby's container view): an exposed
/// port alone, or one row per host binding.
pub fn listed_ports(map: &BTreeMap<String, Option<Vec<HostBinding>>>) -> Vec<ListedPort> {
    let mut out = Vec::new();
    for (key, bindings) in map {
        let Some((private, proto)) = split_key(key) else {
            continue;
        };
        match bindings.as_deref() {
            None | Some([]) => out.push(ListedPort {
                ip: String::new(),
                private,
                public: 0,
                proto,
            }),
            Some(bs) => out.extend(bs.iter().filter_map(|b| {
                Some(ListedPort {
                    ip: b.host_ip.clone(),
                    private,
                    public: b.host_port.parse().ok()?,
                    proto: proto.clone(),
                })
            })),
        }
    }
    out
}

/// go-connections' `SplitProtoPort`: `80/udp` → (udp, 80); `80` and `80/` → tcp;
/// an empty port → ("", "").
fn split_proto_port(raw: &str) -> (&str, &str) {
    let mut parts = raw.split('/');
    let port = parts.next().unwrap_or("");
    if port.is_empty() {
        return ("", "");
    }
    match parts.next() {
        None | Some("") => ("tcp", port),
        Some(proto) => (proto, port),
    }
}

/// Go's `strconv.ParseUint(s, 10, 16)`, with its error words (docker prints them).
pub fn parse_uint16(s: &str) -> Result<u16, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.ParseUint: parsing {s:?}: invalid syntax"));
    }
    s.parse::<u16>()
        .map_err(|_| format!("strconv.ParseUint: parsing {s:?}: value out of range"))
}

/// go-connections' `ParsePortRange`: `80` or `8000-8010`, with its error words.
pub fn parse_port_range(s: &str) -> Result<(u16, u16), String> {
    if s.is_empty() {
        return Err("empty string specified for ports".into());
    }
    let Some((a, b)) = s.split_once('-') else {
        let p = parse_uint16(s)?;
        return Ok((p, p));
    };
    let (start, end) = (parse_uint16(a)?, parse_uint16(b)?);
    if end < start {
        return Err(format!("invalid range specified for port: {s}"));
    }
    Ok((start, end))
}

/// docker's CLI `convertToStandardNotation`: the long form
/// `target=80,published=8080,protocol=udp[,mode=host]` becomes `8080:80/udp`.
fn standard_notation(s: &str) -> anyhow::Result<String> {
    if !s.contains('=') {
        return Ok(s.to_string());
    }
    let mut params: BTreeMap<&str, &str> = BTreeMap::from([("protocol", "tcp")]);
    for param in s.split(',') {
        match param.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                params.insert(k, v);
            }
            _ => anyhow::bail!(
                "invalid publish opts format (should be name=value but got '{param}')"
            ),
        }
    }
    let get = |k: &str| params.get(k).copied().unwrap_or("");
    Ok(format!(
        "{}:{}/{}",
        get("published"),
        get("target"),
        get("protocol")
    ))
}

/// docker's `-p`/`--publish`: `[ip:][hostPort:]containerPort[/proto]`, ranges
/// (`8000-8002:80-82`), IPv6 in brackets (`[::1]:8080:80`), and the long form
/// (`target=80,published=8080`). Errors in docker's words (go-connections'
/// `ParsePortSpec`). berth refuses what it cannot bind: sctp, container port 0, and a
/// range of host ports for one container port.
pub fn parse_publish(s: &str) -> anyhow::Result<Vec<PortBinding>> {
    use anyhow::bail;
    let raw = standard_notation(s)?;
    let parts: Vec<&str> = raw.split(':').collect();
    let n = parts.len();
    let (ip, host_port, container) = match n {
        1 => (String::new(), "", parts[0]),
        2 => (String::new(), parts[0], parts[1]),
        3 => (parts[0].to_string(), parts[1], parts[2]),
        _ => (parts[..n - 2].join(":"), parts[n - 2], parts[n - 1]),
    };
    let (proto, container) = split_proto_port(container);
    let ip = match ip.strip_prefix('[') {
        Some(inner) => match inner.strip_suffix(']') {
            Some(v6) if !v6.contains(['[', ']']) => v6.to_string(),
            _ => bail!("invalid IP address {ip}: missing ']' in address"),
        },
        None => ip,
    };
    let host_ip: Option<IpAddr> = match ip.as_str() {
        "" => None,
        ip => Some(
            ip.parse()
                .map_err(|_| anyhow::anyhow!("invalid IP address: {ip}"))?,
        ),
    };
    if container.is_empty() {
        bail!("no port specified: {raw}<empty>");
    }
    let (start, end) = parse_port_range(container)
        .map_err(|_| anyhow::anyhow!("invalid containerPort: {container}"))?;
    let (host_start, host_end) = match host_port {
        "" => (0, 0),
        h => parse_port_range(h).map_err(|_| anyhow::anyhow!("invalid hostPort: {h}"))?,
    };
    if !host_port.is_empty() && end - start != host_end - host_start {
        if end != start {
            bail!("invalid ranges specified for container and host Ports: {container} and {host_port}");
        }
        // docker: any free port of the range. berth binds exact ports only.
        bail!("invalid hostPort: {host_port}: berth publishes a container port on one host port, not on any port of a range");
    }
    let proto = proto.to_ascii_lowercase();
    let proto = match proto.as_str() {
        "tcp" => Proto::Tcp,
        "udp" => Proto::Udp,
        "sctp" => bail!("invalid proto: sctp: berth's network carries tcp and udp only"),
        p => bail!("invalid proto: {p}"),
    };
    if start == 0 {
        bail!("invalid containerPort: {container}");
    }
    Ok((start..=end)
        .map(|p| PortBinding {
            proto,
            container_port: p,
            host_ip,
            host_port: if host_port.is_empty() {
                0
            } else {
                host_start + (p - start)
            },
        })
        .collect())
}

/// docker's `--expose PORT[/PROTO]` or `START-END[/PROTO]`: the `ExposedPorts` keys it
/// adds (docker keeps any protocol word here; only tcp and udp are ever bound).
pub fn parse_expose(s: &str) -> anyhow::Result<Vec<String>> {
    if s.contains(':') {
        anyhow::bail!("invalid port format for --expose: {s}");
    }
    let (proto, port) = split_proto_port(s);
    let (start, end) = parse_port_range(port)
        .map_err(|e| anyhow::anyhow!("invalid range format for --expose: {s}, error: {e}"))?;
    Ok((start..=end).map(|p| port_key(p, proto)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pb(proto: Proto, c: u16, ip: Option<&str>, h: u16) -> PortBinding {
        PortBinding {
            proto,
            container_port: c,
            host_ip: ip.map(|i| i.parse().unwrap()),
            host_port: h,
        }
    }

    fn err(s: &str) -> String {
        format!("{:#}", parse_publish(s).unwrap_err())
    }

    #[test]
    fn docker_short_syntax() {
        use Proto::*;
        assert_eq!(parse_publish("80").unwrap(), [pb(Tcp, 80, None, 0)]);
        assert_eq!(parse_publish(":80").unwrap(), [pb(Tcp, 80, None, 0)]);
        assert_eq!(parse_publish("0:80").unwrap(), [pb(Tcp, 80, None, 0)]);
        assert_eq!(parse_publish("8080:80").unwrap(), [pb(Tcp, 80, None, 8080)]);
        assert_eq!(
            parse_publish("8080:80/").unwrap(),
            [pb(Tcp, 80, None, 8080)]
        );
        assert_eq!(
            parse_publish("8080:80/TCP").unwrap(),
            [pb(Tcp, 80, None, 8080)]
        );
        assert_eq!(
            parse_publish("127.0.0.1:5353:53/udp").unwrap(),
            [pb(Udp, 53, Some("127.0.0.1"), 5353)]
        );
        assert_eq!(
            parse_publish("1.2.3.4::80").unwrap(),
            [pb(Tcp, 80, Some("1.2.3.4"), 0)]
        );
        assert_eq!(
            parse_publish("[::1]:8080:80").unwrap(),
            [pb(Tcp, 80, Some("::1"), 8080)]
        );
        assert_eq!(
            parse_publish("::1:8080:80").unwrap(),
            [pb(Tcp, 80, Some("::1"), 8080)]
        );
        assert_eq!(
            parse_publish("[::1]::80").unwrap(),
            [pb(Tcp, 80, Some("::1"), 0)]
        );
        assert_eq!(
            parse_publish("8000-8002:80-82").unwrap(),
            [
                pb(Tcp, 80, None, 8000),
                pb(Tcp, 81, None, 8001),
                pb(Tcp, 82, None, 8002)
            ]
        );
        assert_eq!(
            parse_publish("80-81/udp").unwrap(),
            [pb(Udp, 80, None, 0), pb(Udp, 81, None, 0)]
        );
        assert_eq!(parse_publish("65535").unwrap(), [pb(Tcp, 65535, None, 0)]);
        assert_eq!(
            parse_publish("8080:80-80").unwrap(),
            [pb(Tcp, 80, None, 8080)]
        );
    }

    #[test]
    fn docker_long_syntax() {
        use Proto::*;
        assert_eq!(
            parse_publish("published=8080,target=80").unwrap(),
            [pb(Tcp, 80, None, 8080)]
        );
        assert_eq!(
            parse_publish("target=80,published=8080,protocol=udp,mode=host").unwrap(),
            [pb(Udp, 80, None, 8080)]
        );
        assert_eq!(parse_publish("target=80").unwrap(), [pb(Tcp, 80, None, 0)]);
        assert_eq!(err("published=8080"), "no port specified: 8080:/tcp<empty>");
        assert_eq!(
            err("a=b,c"),
            "invalid publish opts format (should be name=value but got 'c')"
        );
        assert_eq!(err("target=abc"), "invalid containerPort: abc");
    }

    /// The words of docker 28's CLI for the same input (checked by running it).
    #[test]
    fn docker_errors() {
        assert_eq!(err("99999:80"), "invalid hostPort: 99999");
        assert_eq!(err("abc:80"), "invalid hostPort: abc");
        assert_eq!(err("-1:80"), "invalid hostPort: -1");
        assert_eq!(err("80-78:80"), "invalid hostPort: 80-78");
        assert_eq!(err("+80:80"), "invalid hostPort: +80");
        assert_eq!(err("65536"), "invalid containerPort: 65536");
        assert_eq!(err("8080:80/foo"), "invalid proto: foo");
        assert_eq!(err(""), "no port specified: <empty>");
        assert_eq!(err("80:"), "no port specified: 80:<empty>");
        assert_eq!(err("a:b:c:d"), "invalid IP address: a:b");
        assert_eq!(err("300.1.1.1:80:80"), "invalid IP address: 300.1.1.1");
        assert_eq!(
            err("8000-8001:80-82"),
            "invalid ranges specified for container and host Ports: 80-82 and 8000-8001"
        );
        assert_eq!(
            err("8080:80-81"),
            "invalid ranges specified for container and host Ports: 80-81 and 8080"
        );
        assert!(err("[::1:8080:80").starts_with("invalid IP address [::1"));
        // What berth cannot bind, refused with the reason.
        assert!(err("8080:80/sctp").contains("tcp and udp only"));
        assert_eq!(err("80:0"), "invalid containerPort: 0");
        assert!(err("8000-8010:80").starts_with("invalid hostPort: 8000-8010: "));
    }

    #[test]
    fn expose_as_docker() {
        assert_eq!(parse_expose("80").unwrap(), ["80/tcp"]);
        assert_eq!(
            parse_expose("80-82/udp").unwrap(),
            ["80/udp", "81/udp", "82/udp"]
        );
        assert_eq!(parse_expose("80/sctp").unwrap(), ["80/sctp"]);
        let e = |s: &str| format!("{:#}", parse_expose(s).unwrap_err());
        assert_eq!(e("1:2"), "invalid port format for --expose: 1:2");
        assert_eq!(
            e("abc"),
            "invalid range format for --expose: abc, error: strconv.ParseUint: parsing \"abc\": invalid syntax"
        );
        assert_eq!(
            e("99999"),
            "invalid range format for --expose: 99999, error: strconv.ParseUint: parsing \"99999\": value out of range"
        );
        assert_eq!(
            e("82-80"),
            "invalid range format for --expose: 82-80, error: invalid range specified for port: 82-80"
        );
        assert_eq!(
            e(""),
            "invalid range format for --expose: , error: empty string specified for ports"
        );
    }

    #[test]
    fn runtime_map_as_docker() {
        let exposed = ["443/tcp".to_string(), "80/tcp".into()];
        let bound = [
            BoundPort {
                proto: Proto::Tcp,
                container_port: 80,
                host_ip: "0.0.0.0".parse().unwrap(),
                host_port: 8080,
            },
            BoundPort {
                proto: Proto::Tcp,
                container_port: 80,
                host_ip: "::".parse().unwrap(),
                host_port: 8080,
            },
        ];
        assert_eq!(
            serde_json::to_string(&runtime_ports(&exposed, &bound)).unwrap(),
            r#"{"443/tcp":null,"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"::","HostPort":"8080"}]}"#
        );
    }

    #[test]
    fn entries_round_trip() {
        let b = pb(Proto::Udp, 53, Some("127.0.0.1"), 5353);
        let h = b.host_binding();
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"HostIp":"127.0.0.1","HostPort":"5353"}"#
        );
        assert_eq!(PortBinding::from_entry("53/udp", &h), Some(b));
        let any = pb(Proto::Tcp, 80, None, 0);
        assert_eq!(
            PortBinding::from_entry("80/tcp", &any.host_binding()),
            Some(any)
        );
        assert_eq!(
            PortBinding::from_entry("80/sctp", &any.host_binding()),
            None
        );
        assert_eq!(split_key("80"), Some((80, "tcp".into())));
        assert_eq!(split_key("x/tcp"), None);
    }
}
