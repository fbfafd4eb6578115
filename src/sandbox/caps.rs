//! Capability sets: docker's default 14, `--cap-add`, `--cap-drop`, `--privileged`.

use anyhow::{bail, Result};
use caps::{CapSet, Capability};
use std::collections::BTreeSet;
use std::str::FromStr;

/// Docker's default capability set (moby's oci/caps/defaults.go).
pub const DOCKER_DEFAULT: [&str; 14] = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FSETID",
    "CAP_FOWNER",
    "CAP_MKNOD",
    "CAP_NET_RAW",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETFCAP",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_SYS_CHROOT",
    "CAP_KILL",
    "CAP_AUDIT_WRITE",
];

fn normalize(name: &str) -> String {
    let up = name.trim().to_ascii_uppercase();
    if up.starts_with("CAP_") {
        up
    } else {
        format!("CAP_{up}")
    }
}

/// The container's capability names after applying add/drop (docker's rules: `ALL`
/// on either side; drop wins over add for the same name).
pub fn effective_set(add: &[String], drop: &[String], privileged: bool) -> Result<Vec<String>> {
    let all: BTreeSet<String> = caps::all().into_iter().map(|c| c.to_string()).collect();
    if privileged {
        return Ok(all.into_iter().collect());
    }
    let mut set: BTreeSet<String> = DOCKER_DEFAULT.iter().map(|s| s.to_string()).collect();
    for a in add {
        if a.eq_ignore_ascii_case("ALL") {
            set.extend(all.iter().cloned());
            continue;
        }
        let n = normalize(a);
        if Capability::from_str(&n).is_err() {
            bail!("invalid capability to add: {a:?}");
        }
        set.insert(n);
    }
    for d in drop {
        if d.eq_ignore_ascii_case("ALL") {
            set.retain(|c| add.iter().any(|a| normalize(a) == *c));
            continue;
        }
        let n = normalize(d);
        if Capability::from_str(&n).is_err() {
            bail!("invalid capability to drop: {d:?}");
        }
        set.remove(&n);
    }
    Ok(set.into_iter().collect())
}

/// In the container's process before exec: bound the process to `keep`, clear the
/// inheritable and ambient sets (as docker ≥ 20.10 does).
pub fn apply(keep: &[String]) -> Result<()> {
    let keep: std::collections::HashSet<Capability> = keep
        .iter()
        .filter_map(|c| Capability::from_str(c).ok())
        .collect();
    for c in caps::all() {
        if !keep.contains(&c) && caps::has_cap(None, CapSet::Bounding, c).unwrap_or(false) {
            caps::drop(None, CapSet::Bounding, c)?;
        }
    }
    caps::clear(None, CapSet::Inheritable)?;
    let _ = caps::clear(None, CapSet::Ambient);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn add_drop() {
        let s = effective_set(&[], &[], false).unwrap();
        assert_eq!(s.len(), 14);
        let s = effective_set(&["sys_admin".into()], &["NET_RAW".into()], false).unwrap();
        assert!(s.contains(&"CAP_SYS_ADMIN".to_string()));
        assert!(!s.contains(&"CAP_NET_RAW".to_string()));
        let s = effective_set(&["CHOWN".into()], &["ALL".into()], false).unwrap();
        assert_eq!(s, vec!["CAP_CHOWN".to_string()]);
        assert!(effective_set(&["bogus".into()], &[], false).is_err());
        assert!(effective_set(&[], &[], true).unwrap().len() > 30);
    }
}
