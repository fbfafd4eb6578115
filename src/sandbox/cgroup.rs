//! cgroup v2 detection. berth only uses cgroups when /sys/fs/cgroup itself is a cgroup2
//! mount and the caller's own cgroup is writable (delegated); on hybrid or v1 hosts it
//! never writes anything there (the host's services own that tree).

use std::path::PathBuf;

const CGROUP2_SUPER_MAGIC: i64 = 0x6367_7270;

/// The delegated cgroup directory berth may create children in, if there is one.
pub fn delegated_root() -> Option<PathBuf> {
    let st = nix::sys::statfs::statfs("/sys/fs/cgroup").ok()?;
    if st.filesystem_type().0 as i64 != CGROUP2_SUPER_MAGIC {
        return None;
    }
    let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let rel = own.lines().find_map(|l| l.strip_prefix("0::"))?;
    let dir = PathBuf::from("/sys/fs/cgroup").join(rel.trim_start_matches('/'));
    // Delegation means we may write the subtree control of our cgroup (or its parent,
    // when we sit in a leaf scope).
    let writable = |p: &PathBuf| {
        nix::unistd::access(&p.join("cgroup.procs"), nix::unistd::AccessFlags::W_OK).is_ok()
    };
    if writable(&dir) {
        Some(dir)
    } else {
        None
    }
}

/// Why resource flags cannot be honoured here, with the fix.
pub fn unavailable_reason() -> String {
    "resource limits need a delegated cgroup v2 hierarchy, and this host has none \
     (/sys/fs/cgroup is not cgroup2, or your cgroup is not delegated to you). Fix: boot with \
     systemd.unified_cgroup_hierarchy=1 and run berth from a systemd user session \
     (systemd-run --user --scope -p Delegate=yes berth ...)"
        .to_string()
}
