//! port: a container's published ports, in docker's lines.

use crate::container::Containers;
use crate::store::Paths;
use anyhow::{bail, Result};
use clap::Args;

#[derive(Args, Debug)]
pub struct PortArgs {
    pub container: String,
    /// The container port to show (tcp unless /udp is given)
    #[arg(value_name = "PRIVATE_PORT[/PROTO]")]
    pub port: Option<String>,
}

/// All mappings (`80/tcp -> 0.0.0.0:8080`), or the host addresses of one port; a
/// stopped container has none. docker's errors for a bad or unpublished port.
pub fn port(paths: &Paths, a: PortArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    let l = ctrs.load(&ctrs.resolve(&a.container)?)?;
    let map = l.ports();
    let one = match a.port.as_deref() {
        Some(p) => {
            let (port, proto) = p.split_once('/').unwrap_or((p, ""));
            let proto = if proto.is_empty() { "tcp" } else { proto };
            if let Err(e) = crate::network::ports::parse_uint16(port) {
                bail!("invalid port ({port}): {e}");
            }
            let key = format!("{port}/{proto}");
            let bound = map.get(&key).and_then(|b| b.as_ref());
            if bound.is_none_or(|b| b.is_empty()) {
                bail!("No public port '{p}' published for {}", a.container);
            }
            Some(key)
        }
        None => None,
    };
    for line in crate::format::ports::port_lines(&map, one.as_deref()) {
        println!("{line}");
    }
    Ok(0)
}
