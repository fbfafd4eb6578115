//! The networks every berth store has, as `network ls` and `network inspect` show them:
//! docker's predefined `bridge` (berth's default network), `host` and `none`. User
//! networks do not exist yet.

use super::settings::{endpoint_id, mac_address, network_id};
use serde_json::{json, Value};

/// A predefined network: name and docker's driver name.
pub const BUILTINS: [(&str, &str); 3] = [("bridge", "bridge"), ("host", "host"), ("none", "null")];

/// Is `name` one of them?
pub fn is_builtin(name: &str) -> bool {
    BUILTINS.iter().any(|(n, _)| *n == name)
}

/// A container attached to a network (running, on it).
pub struct Attached<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// docker's `network inspect` object. `created`: the store's creation time (RFC 3339).
pub fn inspect(name: &str, driver: &str, created: &str, attached: &[Attached]) -> Value {
    let bridge = name == "bridge";
    let config = if bridge {
        let mut c = vec![json!({
            "Subnet": format!("{}/{}", network_of(super::CONTAINER_IP), super::PREFIX_LEN),
            "Gateway": super::GATEWAY_IP.to_string(),
        })];
        if super::ipv6_enabled() {
            c.push(json!({
                "Subnet": format!("{}/{}", super::PREFIX6, super::PREFIX6_LEN),
                "Gateway": super::GATEWAY_IP6.to_string(),
            }));
        }
        c
    } else {
        vec![]
    };
    let mut containers = serde_json::Map::new();
    for a in attached {
        containers.insert(
            a.id.to_string(),
            json!({
                "Name": a.name,
                "EndpointID": endpoint_id(a.id),
                "MacAddress": if bridge { mac_address(a.id) } else { String::new() },
                "IPv4Address": if bridge {
                    format!("{}/{}", super::CONTAINER_IP, super::PREFIX_LEN)
                } else {
                    String::new()
                },
                "IPv6Address": "",
            }),
        );
    }
    let options = if bridge {
        json!({
            "com.docker.network.bridge.default_bridge": "true",
            "com.docker.network.driver.mtu": super::MTU.to_string(),
        })
    } else {
        json!({})
    };
    json!({
        "Name": name,
        "Id": network_id(name),
        "Created": created,
        "Scope": "local",
        "Driver": driver,
        "EnableIPv4": bridge,
        "EnableIPv6": bridge && super::ipv6_enabled(),
        "IPAM": {"Driver": "default", "Options": null, "Config": config},
        "Internal": false,
        "Attachable": false,
        "Ingress": false,
        "ConfigFrom": {"Network": ""},
        "ConfigOnly": false,
        "Containers": containers,
        "Options": options,
        "Labels": {},
    })
}

fn network_of(ip: std::net::Ipv4Addr) -> std::net::Ipv4Addr {
    let mask = u32::MAX << (32 - super::PREFIX_LEN);
    std::net::Ipv4Addr::from(u32::from(ip) & mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bridge_as_docker_shows_it() {
        let v = inspect(
            "bridge",
            "bridge",
            "2026-01-01T00:00:00Z",
            &[Attached {
                id: "abc",
                name: "web",
            }],
        );
        assert_eq!(v["IPAM"]["Config"][0]["Subnet"], "10.0.2.0/24");
        assert_eq!(v["IPAM"]["Config"][0]["Gateway"], "10.0.2.2");
        assert_eq!(v["Containers"]["abc"]["IPv4Address"], "10.0.2.100/24");
        assert_eq!(v["Id"].as_str().unwrap().len(), 64);
        let h = inspect("host", "host", "x", &[]);
        assert_eq!(h["IPAM"]["Config"], json!([]));
        assert!(is_builtin("none") && !is_builtin("mynet"));
    }
}
