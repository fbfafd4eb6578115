//! `--network`: the modes berth has and the names docker and podman give them.

use anyhow::{bail, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A container's network, stored (`HostConfig.NetworkMode`) in docker's words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NetworkMode {
    /// docker's default `bridge`: a network namespace of its own with berth's user-mode
    /// network (podman's `slirp4netns` and `pasta` name it too).
    #[default]
    Bridge,
    /// Only a loopback interface.
    None,
    /// The host's network namespace.
    Host,
    /// `container:<full id>`: the network namespace of another container.
    Container(String),
}

/// The names `--network` accepts for the default network.
const BRIDGE_NAMES: [&str; 4] = ["bridge", "default", "slirp4netns", "pasta"];

impl NetworkMode {
    /// `--network NAME` as given; a `container:` target is resolved by the caller.
    /// Errors in docker's words (`no name set for network` is its CLI's; the others
    /// its engine's).
    pub fn parse(name: &str) -> Result<NetworkMode> {
        Ok(match name {
            "" => bail!("no name set for network"),
            n if BRIDGE_NAMES.contains(&n) => NetworkMode::Bridge,
            "none" => NetworkMode::None,
            "host" => NetworkMode::Host,
            n => match n.split_once(':') {
                Some(("container", target)) if !target.is_empty() => {
                    NetworkMode::Container(target.to_string())
                }
                Some(("container", _)) => {
                    bail!("Invalid network mode: invalid container format container:<name|id>")
                }
                _ if n == "container" => {
                    bail!("Invalid network mode: invalid container format container:<name|id>")
                }
                _ => bail!("network {n} not found"),
            },
        })
    }

    /// The network's name where docker lists networks (`NetworkSettings.Networks`,
    /// `ps` NETWORKS): none for a container sharing another's.
    pub fn network_name(&self) -> Option<&'static str> {
        match self {
            NetworkMode::Bridge => Some("bridge"),
            NetworkMode::None => Some("none"),
            NetworkMode::Host => Some("host"),
            NetworkMode::Container(_) => None,
        }
    }

    /// The container whose network namespace this one shares.
    pub fn container(&self) -> Option<&str> {
        match self {
            NetworkMode::Container(id) => Some(id),
            _ => None,
        }
    }
}

impl std::fmt::Display for NetworkMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetworkMode::Container(id) => write!(f, "container:{id}"),
            m => f.write_str(m.network_name().unwrap_or_default()),
        }
    }
}

/// `mode == "host"`: compared with docker's word for it.
impl PartialEq<str> for NetworkMode {
    fn eq(&self, other: &str) -> bool {
        match self {
            NetworkMode::Container(id) => other.strip_prefix("container:") == Some(id.as_str()),
            m => m.network_name() == Some(other),
        }
    }
}

impl PartialEq<&str> for NetworkMode {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl Serialize for NetworkMode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Records store docker's words; a record can only hold a resolved `container:` id.
impl<'de> Deserialize<'de> for NetworkMode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        NetworkMode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_docker_and_podman() {
        for n in ["bridge", "default", "slirp4netns", "pasta"] {
            assert_eq!(NetworkMode::parse(n).unwrap(), NetworkMode::Bridge);
        }
        assert_eq!(NetworkMode::parse("none").unwrap(), NetworkMode::None);
        assert_eq!(NetworkMode::parse("host").unwrap(), NetworkMode::Host);
        assert_eq!(
            NetworkMode::parse("container:web").unwrap(),
            NetworkMode::Container("web".into())
        );
        let e = |n: &str| format!("{:#}", NetworkMode::parse(n).unwrap_err());
        assert_eq!(e("foo"), "network foo not found");
        assert_eq!(e("Host"), "network Host not found");
        assert_eq!(e(""), "no name set for network");
        for bad in ["container", "container:"] {
            assert_eq!(
                e(bad),
                "Invalid network mode: invalid container format container:<name|id>"
            );
        }
    }

    #[test]
    fn stored_in_docker_words() {
        let id = "a".repeat(64);
        for (m, s) in [
            (NetworkMode::Bridge, "bridge".to_string()),
            (NetworkMode::None, "none".into()),
            (NetworkMode::Host, "host".into()),
            (
                NetworkMode::Container(id.clone()),
                format!("container:{id}"),
            ),
        ] {
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("{s:?}"));
            assert_eq!(serde_json::from_str::<NetworkMode>(&json).unwrap(), m);
            assert!(m == s.as_str());
        }
        assert!(serde_json::from_str::<NetworkMode>("\"foo\"").is_err());
    }
}
