//! Published ports: docker's `-p` syntax, and what was bound at start.

use serde::{Deserialize, Serialize};
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
