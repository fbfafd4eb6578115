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

/// The states docker's `status=` filter knows.
const STATES: [&str; 7] = [
    "created",
    "restarting",
    "running",
    "removing",
    "paused",
    "exited",
    "dead",
];

/// A container's health for `health=`: its status, or `none` without a check.
fn health_name(l: &crate::container::Listed) -> &str {
    l.state
        .health
        .as_ref()
        .map_or("none", |h| h.status.as_str())
}

/// The network name `network=` matches: docker's mode words (`bridge`, `host`,
/// `none`, `container:ID`).
fn network_name(l: &crate::container::Listed) -> String {
    l.rec.host_config.network_mode.to_string()
}

/// `--filter key=value`: the same key ORs, different keys AND (`label!=` excludes).
/// `all`: every container, for `before=`/`since=` (which name one of them).
pub fn ps_filter(
    filters: &[String],
    all: &[crate::container::Listed],
) -> Result<impl Fn(&crate::container::Listed) -> bool> {
    let mut by_key: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    // before=/since=: the creation time of the container named.
    let mut before: Option<String> = None;
    let mut since: Option<String> = None;
    let created_of = |v: &str| -> Result<String> {
        all.iter()
            .find(|l| {
                l.rec.name == v.trim_start_matches('/')
                    || (!v.is_empty() && l.rec.id.starts_with(v))
            })
            .map(|l| l.rec.created.clone())
            .ok_or_else(|| anyhow::anyhow!("No such container: {v}"))
    };
    for f in filters {
        let Some((k, v)) = f.split_once('=') else {
            bail!("invalid filter {f:?}: use key=value");
        };
        match k {
            "name" | "id" | "label" | "label!" | "ancestor" | "volume" | "network" => {}
            "status" => {
                if !STATES.contains(&v) {
                    bail!("invalid filter 'status={v}'");
                }
            }
            "exited" => {
                v.parse::<i32>()
                    .map_err(|_| anyhow::anyhow!("strconv.Atoi: parsing {v:?}: invalid syntax"))?;
            }
            "health" => {
                if !["starting", "healthy", "unhealthy", "none"].contains(&v) {
                    bail!("Unrecognised filter value for health: {v}");
                }
            }
            "is-task" => {
                if !["true", "false", "1", "0"].contains(&v) {
                    bail!("invalid filter 'is-task={v}'");
                }
            }
            "before" => before = Some(created_of(v)?),
            "since" => since = Some(created_of(v)?),
            "publish" | "expose" => {
                port_filter(k, v)?;
            }
            _ => bail!("invalid filter '{k}'"),
        }
        by_key.entry(k.into()).or_default().push(v.into());
    }
    Ok(move |l: &crate::container::Listed| {
        if before.as_ref().is_some_and(|t| l.rec.created >= *t)
            || since.as_ref().is_some_and(|t| l.rec.created <= *t)
        {
            return false;
        }
        by_key.iter().all(|(k, vals)| {
            let has_label = |v: &String| match v.split_once('=') {
                Some((lk, lv)) => l.rec.config.labels.get(lk).is_some_and(|x| x == lv),
                None => l.rec.config.labels.contains_key(v.as_str()),
            };
            // Negated: none of the values may match.
            if k == "label!" {
                return !vals.iter().any(has_label);
            }
            vals.iter().any(|v| match k.as_str() {
                "status" => state_name(&l.state) == v,
                "name" => l.rec.name.contains(v.trim_start_matches('/')),
                "id" => l.rec.id.starts_with(v.as_str()),
                "label" => has_label(v),
                "exited" => state_name(&l.state) == "exited" && v.parse() == Ok(l.state.exit_code),
                "ancestor" => l.rec.image_name == *v || l.rec.image_id.contains(v.as_str()),
                "health" => health_name(l) == v,
                "network" => network_name(l) == *v,
                "volume" => l.rec.mounts.iter().any(|m| {
                    m.source == *v || m.destination == *v || (m.kind == "volume" && m.name == *v)
                }),
                // No swarm: nothing is a task.
                "is-task" => matches!(v.as_str(), "false" | "0"),
                "before" | "since" => true,
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
