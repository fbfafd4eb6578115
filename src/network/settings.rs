//! inspect's `NetworkSettings`, in docker 28's shape, for each network mode: a running
//! container on the default network shows its address, gateway, MAC and ports; a
//! stopped one empty strings (its network's id kept), as docker.

use super::ports::{runtime_ports, BoundPort};
use super::NetworkMode;
use serde_json::{json, Value};

/// What inspect knows of a container's network.
pub struct Endpoint<'a> {
    pub mode: &'a NetworkMode,
    pub id: &'a str,
    /// The container's process while it runs.
    pub pid: Option<i32>,
    /// Whether it ever started (docker then keeps its network's id).
    pub started: bool,
    /// `Config.ExposedPorts` keys.
    pub exposed: Vec<&'a String>,
    /// What the supervisor bound (`State.Ports`).
    pub ports: &'a [BoundPort],
}

fn sha256_hex(what: &str, of: &str) -> String {
    let d = ring::digest::digest(
        &ring::digest::SHA256,
        format!("berth {what} {of}").as_bytes(),
    );
    crate::store::ids::hex(d.as_ref())
}

/// A stable id for one of berth's fixed networks (`bridge`, `host`, `none`).
pub fn network_id(name: &str) -> String {
    sha256_hex("network", name)
}

/// The id of a running container's endpoint on its network.
pub fn endpoint_id(id: &str) -> String {
    sha256_hex("endpoint", id)
}

/// The container's MAC address on the default network: locally administered, docker's
/// 02:42 prefix, the rest from its id (stable across restarts).
pub fn mac_address(id: &str) -> String {
    let h = sha256_hex("mac", id);
    format!("02:42:{}:{}:{}:{}", &h[0..2], &h[2..4], &h[4..6], &h[6..8])
}

/// docker's `NetworkSettings` object.
pub fn network_settings(e: &Endpoint) -> Value {
    let running = e.pid.is_some();
    let bridge_up = running && *e.mode == NetworkMode::Bridge;
    let (ip, gateway, prefix, mac) = if bridge_up {
        (
            super::CONTAINER_IP.to_string(),
            super::GATEWAY_IP.to_string(),
            super::PREFIX_LEN,
            mac_address(e.id),
        )
    } else {
        (String::new(), String::new(), 0, String::new())
    };
    let endpoint = if running {
        endpoint_id(e.id)
    } else {
        String::new()
    };
    let ports = if bridge_up {
        json!(runtime_ports(e.exposed.iter().copied(), e.ports))
    } else {
        json!({})
    };
    let mut networks = serde_json::Map::new();
    if let Some(name) = e.mode.network_name() {
        networks.insert(
            name.to_string(),
            json!({
                "IPAMConfig": null, "Links": null, "Aliases": null, "MacAddress": mac,
                "DriverOpts": null, "GwPriority": 0,
                "NetworkID": if e.started || running { network_id(name) } else { String::new() },
                "EndpointID": endpoint, "Gateway": gateway, "IPAddress": ip,
                "IPPrefixLen": prefix, "IPv6Gateway": "", "GlobalIPv6Address": "",
                "GlobalIPv6PrefixLen": 0, "DNSNames": null,
            }),
        );
    }
    let shared = running && e.mode.container().is_none();
    json!({
        "Bridge": "",
        "SandboxID": if shared { sha256_hex("sandbox", e.id) } else { String::new() },
        "SandboxKey": match e.pid {
            Some(pid) if shared => format!("/proc/{pid}/ns/net"),
            _ => String::new(),
        },
        "Ports": ports,
        "HairpinMode": false,
        "LinkLocalIPv6Address": "",
        "LinkLocalIPv6PrefixLen": 0,
        "SecondaryIPAddresses": null,
        "SecondaryIPv6Addresses": null,
        "EndpointID": if bridge_up { endpoint } else { String::new() },
        "Gateway": gateway,
        "GlobalIPv6Address": "",
        "GlobalIPv6PrefixLen": 0,
        "IPAddress": ip,
        "IPPrefixLen": prefix,
        "IPv6Gateway": "",
        "MacAddress": mac,
        "Networks": networks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::ports::Proto;

    #[test]
    fn running_on_the_default_network() {
        let exposed = ["443/tcp".to_string(), "80/tcp".to_string()];
        let ports = [BoundPort {
            proto: Proto::Tcp,
            container_port: 80,
            host_ip: "0.0.0.0".parse().unwrap(),
            host_port: 8080,
        }];
        let id = "c".repeat(64);
        let e = Endpoint {
            mode: &NetworkMode::Bridge,
            id: &id,
            pid: Some(42),
            started: true,
            exposed: exposed.iter().collect(),
            ports: &ports,
        };
        let v = network_settings(&e);
        assert_eq!(v["IPAddress"], "10.0.2.100");
        assert_eq!(v["IPPrefixLen"], 24);
        assert_eq!(v["Gateway"], "10.0.2.2");
        assert_eq!(v["SandboxKey"], "/proc/42/ns/net");
        let mac = v["MacAddress"].as_str().unwrap();
        assert!(mac.starts_with("02:42:") && mac.len() == 17, "{mac}");
        assert_eq!(mac, mac_address(&id));
        assert_eq!(
            v["Ports"],
            json!({"443/tcp": null, "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]})
        );
        let b = &v["Networks"]["bridge"];
        assert_eq!(b["IPAddress"], "10.0.2.100");
        assert_eq!(b["MacAddress"], mac);
        assert_eq!(b["NetworkID"].as_str().unwrap().len(), 64);
        assert_eq!(b["EndpointID"], v["EndpointID"]);
    }

    #[test]
    fn stopped_and_other_modes() {
        let id = "c".repeat(64);
        let exposed = ["80/tcp".to_string()];
        let mut e = Endpoint {
            mode: &NetworkMode::Bridge,
            id: &id,
            pid: None,
            started: true,
            exposed: exposed.iter().collect(),
            ports: &[],
        };
        let v = network_settings(&e);
        for k in [
            "IPAddress",
            "Gateway",
            "MacAddress",
            "EndpointID",
            "SandboxKey",
        ] {
            assert_eq!(v[k], "", "{k}");
        }
        assert_eq!(v["Ports"], json!({}));
        assert_eq!(v["Networks"]["bridge"]["IPAddress"], "");
        assert_eq!(v["Networks"]["bridge"]["NetworkID"], network_id("bridge"));
        e.started = false;
        assert_eq!(network_settings(&e)["Networks"]["bridge"]["NetworkID"], "");
        e.mode = &NetworkMode::Host;
        e.pid = Some(7);
        let v = network_settings(&e);
        assert_eq!(
            (v["IPAddress"].as_str(), v["Ports"].clone()),
            (Some(""), json!({}))
        );
        assert_eq!(v["Networks"]["host"]["NetworkID"], network_id("host"));
        let other = NetworkMode::Container("d".repeat(64));
        e.mode = &other;
        let v = network_settings(&e);
        assert_eq!(v["Networks"], json!({}));
        assert_eq!(v["SandboxKey"], "");
    }
}
