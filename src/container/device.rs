//! `--device HOST[:CONTAINER[:PERMISSIONS]]`: a host device node bound into the
//! container (rootless there is no device cgroup to grant it, and no mknod: a bind of a
//! node the user may open is what works, as podman does). Recorded as docker's
//! `HostConfig.Devices`.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use std::os::unix::fs::FileTypeExt;

/// Docker's `{"PathOnHost", "PathInContainer", "CgroupPermissions"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Device {
    pub path_on_host: String,
    pub path_in_container: String,
    pub cgroup_permissions: String,
}

fn valid_mode(m: &str) -> bool {
    !m.is_empty() && m.len() <= 3 && m.chars().all(|c| "rwm".contains(c))
}

/// Parse and check one `--device`: the node must exist, be a device, and be openable
/// by the user as the permissions ask.
pub fn parse(spec: &str) -> Result<Device> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (host, ctr, mode) = match parts.as_slice() {
        [h] => (*h, *h, "rwm"),
        [h, m] if valid_mode(m) => (*h, *h, *m),
        [h, c] => (*h, *c, "rwm"),
        [h, c, m] => (*h, *c, *m),
        _ => bail!("invalid device specification: {spec}"),
    };
    if !valid_mode(mode) {
        bail!("invalid device mode: {mode}");
    }
    if !ctr.starts_with('/') {
        bail!("{ctr} is not an absolute path");
    }
    if ctr.split('/').any(|c| c == "..") {
        bail!("invalid device specification: {spec}");
    }
    let meta = std::fs::metadata(host).map_err(|e| {
        anyhow::anyhow!(
            "error gathering device information while adding custom device {host:?}: {e}"
        )
    })?;
    let ft = meta.file_type();
    if !ft.is_char_device() && !ft.is_block_device() {
        bail!("error gathering device information while adding custom device {host:?}: not a device node");
    }
    let mut want = nix::unistd::AccessFlags::empty();
    if mode.contains('r') {
        want |= nix::unistd::AccessFlags::R_OK;
    }
    if mode.contains('w') {
        want |= nix::unistd::AccessFlags::W_OK;
    }
    if !want.is_empty() && nix::unistd::access(host, want).is_err() {
        bail!("cannot use device {host}: permission denied (the user must be able to open it)");
    }
    Ok(Device {
        path_on_host: host.to_string(),
        path_in_container: ctr.to_string(),
        cgroup_permissions: mode.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_errors() {
        let d = parse("/dev/null").unwrap();
        assert_eq!(
            (d.path_in_container.as_str(), d.cgroup_permissions.as_str()),
            ("/dev/null", "rwm")
        );
        let d = parse("/dev/null:/dev/nothing:r").unwrap();
        assert_eq!(
            (d.path_in_container.as_str(), d.cgroup_permissions.as_str()),
            ("/dev/nothing", "r")
        );
        let d = parse("/dev/null:rw").unwrap();
        assert_eq!(d.cgroup_permissions, "rw");
        for (bad, words) in [
            ("/dev/nonexistent", "error gathering device information"),
            ("/etc/passwd", "not a device node"),
            ("/dev/null:rel", "is not an absolute path"),
            ("/dev/null:/x:q", "invalid device mode"),
            ("/dev/null:/a/../b", "invalid device specification"),
        ] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.contains(words), "{bad}: {e}");
        }
    }
}
