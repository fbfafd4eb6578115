//! Which containers a listing shows: docker's `ps --filter` keys and its one-word
//! container states.

use super::record::ContainerState;
use crate::network::ports::{listed_ports, parse_port_range, port_key};
use anyhow::{bail, Result};

/// docker's one-word state: created, running, paused, restarting, exited.
pub fn state_name(s: &ContainerState) -> &'static str {
    if s.paused {
        "paused"
    } else if s.restarting {
        "restarting"
    } else {
        s.status.as_str()
    }
}

/// `publish=` / `expose=` values: `PORT[/PROTO]` or `START-END[/PROTO]` (docker's
/// engine's words for bad ones), as port keys (`80/tcp`).
fn port_filter(key: &str, value: &str) -> Result<Vec<String>> {
    if value.contains(':') {
        bail!("filter for '{key}' should not contain ':': {value}");
    }
    let (port, proto) = value.split_once('/').unwrap_or((value, "tcp"));
    let proto = if proto.is_empty() { "tcp" } else { proto };
    let (start, end) = parse_port_range(port)
        .map_err(|e| anyhow::anyhow!("error while looking up for {key} {value}: {e}"))?;
    Ok((start..=end).map(|p| port_key(p, proto)).collect())
}

/// `--filter key=value`: the same key ORs, different keys AND.
pub fn ps_filter(filters: &[String]) -> Result<impl Fn(&crate::container::Listed) -> bool> {
    let mut by_key: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for f in filters {
        let Some((k, v)) = f.split_once('=') else {
            bail!("invalid filter {f:?}: use key=value");
        };
        match k {
            "status" | "name" | "id" | "label" | "exited" | "ancestor" => {}
            "publish" | "expose" => {
                port_filter(k, v)?;
            }
            _ => bail!("invalid filter '{k}'"),
        }
        by_key.entry(k.into()).or_default().push(v.into());
    }
    Ok(move |l: &crate::container::Listed| {
        by_key.iter().all(|(k, vals)| {
            vals.iter().any(|v| match k.as_str() {
                "status" => state_name(&l.state) == v,
                "name" => l.rec.name.contains(v.trim_start_matches('/')),
                "id" => l.rec.id.starts_with(v.as_str()),
                "label" => match v.split_once('=') {
                    Some((lk, lv)) => l.rec.config.labels.get(lk).is_some_and(|x| x == lv),
                    None => l.rec.config.labels.contains_key(v.as_str()),
                },
                "exited" => state_name(&l.state) == "exited" && v.parse() == Ok(l.state.exit_code),
                "ancestor" => l.rec.image_name == *v || l.rec.image_id.contains(v.as_str()),
                "publish" | "expose" => {
                    let want = port_filter(k, v).unwrap_or_default();
                    listed_ports(&l.ports()).iter().any(|p| {
                        let port = if k == "publish" { p.public } else { p.private };
                        want.contains(&port_key(port, &p.proto))
                    })
                }
                _ => false,
            })
        })
    })
}
