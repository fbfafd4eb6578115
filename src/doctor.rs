//! `berth doctor`: what this host gives berth, checked one by one, each failure with the
//! command that fixes it. Read-only: it probes in short-lived children and never writes
//! outside berth's own store (the overlay probe's scratch).

use crate::store::Paths;
use std::path::Path;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Works, in a lesser way (said in the detail).
    Warn,
    Fail,
}

/// One check: what, how it came out, what was found, and the fix when it did not hold.
#[derive(Debug, Clone)]
pub struct Check {
    pub name: &'static str,
    pub outcome: Outcome,
    pub detail: String,
    pub fix: Option<String>,
}

fn check(
    name: &'static str,
    outcome: Outcome,
    detail: impl Into<String>,
    fix: Option<String>,
) -> Check {
    Check {
        name,
        outcome,
        detail: detail.into(),
        fix,
    }
}

/// Every check, in the order a user fixes them.
pub fn run(paths: &Paths) -> Vec<Check> {
    let user = nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| nix::unistd::getuid().to_string());
    let mut out = Vec::new();
    if paths.rootless {
        out.push(user_namespaces());
        out.push(subordinate_ids(&user));
        out.push(id_helpers());
    }
    out.push(overlay(paths));
    out.push(tun());
    out.push(cgroups());
    if paths.rootless {
        out.push(ping(&user));
        out.push(linger(&user));
    }
    out
}

fn read(p: &str) -> Option<String> {
    std::fs::read_to_string(p)
        .ok()
        .map(|s| s.trim().to_string())
}

/// Can this user make a user namespace? Tried in a child.
fn user_namespaces() -> Check {
    // The storage child makes one and maps the user's ids in it.
    let tried = crate::storage::mapped::run_in_child(|| Ok(()));
    match tried {
        Ok(()) => check(
            "user namespaces",
            Outcome::Ok,
            "unprivileged user namespaces work",
            None,
        ),
        Err(e) => {
            let fix = if read("/proc/sys/kernel/unprivileged_userns_clone").as_deref() == Some("0")
            {
                "sysctl -w kernel.unprivileged_userns_clone=1".to_string()
            } else if read("/proc/sys/user/max_user_namespaces").as_deref() == Some("0") {
                "sysctl -w user.max_user_namespaces=15000".to_string()
            } else {
                "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (or allow berth in an AppArmor profile)".to_string()
            };
            check(
                "user namespaces",
                Outcome::Fail,
                format!("cannot create one: {e:#}"),
                Some(fix),
            )
        }
    }
}

fn subordinate_ids(user: &str) -> Check {
    let fix = format!("usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {user}");
    let m = crate::sys::idmap::IdMap::current();
    match m.sub {
        Some(((us, uc), (gs, gc))) if uc >= 65536 && gc >= 65536 => check(
            "subordinate ids",
            Outcome::Ok,
            format!("uids {us}-{} and gids {gs}-{} (/etc/subuid, /etc/subgid)", us + uc - 1, gs + gc - 1),
            None,
        ),
        Some(((_, uc), (_, gc))) => check(
            "subordinate ids",
            Outcome::Warn,
            format!("only {uc} uids and {gc} gids: images with higher ids will not unpack"),
            Some(fix),
        ),
        None => check(
            "subordinate ids",
            Outcome::Fail,
            format!("no range for {user} in /etc/subuid and /etc/subgid (or newuidmap missing): only one id is mapped"),
            Some(fix),
        ),
    }
}

/// newuidmap/newgidmap: installed, setuid root or with file capabilities.
fn id_helpers() -> Check {
    use std::os::unix::fs::MetadataExt;
    let fix = Some("apt-get install uidmap (or dnf install shadow-utils)".to_string());
    for h in ["/usr/bin/newuidmap", "/usr/bin/newgidmap"] {
        let Ok(m) = std::fs::metadata(h) else {
            return check(
                "newuidmap, newgidmap",
                Outcome::Fail,
                format!("{h} is missing"),
                fix,
            );
        };
        let setuid_root = m.uid() == 0 && m.mode() & 0o4000 != 0;
        let caps = rustix::fs::getxattr(h, "security.capability", &mut [0u8; 64]).is_ok();
        if !setuid_root && !caps {
            return check(
                "newuidmap, newgidmap",
                Outcome::Fail,
                format!("{h} is neither setuid root nor has file capabilities"),
                Some(format!("chmod u+s {h} (or setcap cap_setuid+ep {h})")),
            );
        }
    }
    check("newuidmap, newgidmap", Outcome::Ok, "installed", None)
}

fn overlay(paths: &Paths) -> Check {
    match crate::storage::driver::probe_native_overlay(paths) {
        Ok(()) => check("overlay", Outcome::Ok, "native overlayfs mounts here", None),
        Err(e) if Path::new(crate::storage::driver::FUSE_OVERLAYFS).exists()
            && Path::new("/dev/fuse").exists() =>
        {
            check(
                "overlay",
                Outcome::Warn,
                format!("native overlayfs does not mount ({e:#}); fuse-overlayfs is used (slower)"),
                Some("use a kernel >= 5.11 (overlayfs in user namespaces)".into()),
            )
        }
        Err(e) => check(
            "overlay",
            Outcome::Warn,
            format!("neither native overlayfs ({e:#}) nor fuse-overlayfs: every container copies its image (vfs)"),
            Some("apt-get install fuse-overlayfs, or use a kernel >= 5.11".into()),
        ),
    }
}

/// The default network's device.
fn tun() -> Check {
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/net/tun")
    {
        Ok(_) => check(
            "/dev/net/tun",
            Outcome::Ok,
            "usable (the default network)",
            None,
        ),
        Err(e) => check(
            "/dev/net/tun",
            Outcome::Fail,
            format!("cannot open it: {e}; only --network none and host work"),
            Some("modprobe tun && chmod 0666 /dev/net/tun".into()),
        ),
    }
}

fn cgroups() -> Check {
    if !crate::sandbox::cgroup::is_cgroup2() {
        return check(
            "cgroup v2",
            Outcome::Fail,
            "/sys/fs/cgroup is not cgroup2 (v1 or hybrid): no resource limits (--memory, --cpus, --pids-limit)",
            Some("boot with systemd.unified_cgroup_hierarchy=1 (kernel command line)".into()),
        );
    }
    match crate::sandbox::cgroup::Host::detect() {
        Ok(h) => {
            let (driver, dir) = match &h.manager {
                crate::sandbox::cgroup::Manager::Systemd { service, .. } => ("systemd", service.clone()),
                crate::sandbox::cgroup::Manager::Cgroupfs { root } => ("cgroupfs", root.clone()),
            };
            let controllers = h.controllers.join(" ");
            let missing: Vec<&str> = ["cpu", "memory", "pids", "io", "cpuset"]
                .into_iter()
                .filter(|c| !h.controllers.iter().any(|x| x == c))
                .collect();
            if missing.is_empty() {
                check("cgroup v2", Outcome::Ok, format!("delegated ({driver}): {} ({controllers})", dir.display()), None)
            } else {
                check(
                    "cgroup v2",
                    Outcome::Warn,
                    format!("delegated ({driver}): {} without {}", dir.display(), missing.join(", ")),
                    Some("a user@.service drop-in: [Service] Delegate=cpu cpuset io memory pids (systemctl edit user@.service)".into()),
                )
            }
        }
        Err(_) => check(
            "cgroup v2",
            Outcome::Fail,
            "your cgroup is not delegated to you: no resource limits",
            Some("run berth in a systemd user session (loginctl enable-linger; systemd-run --user --scope -p Delegate=yes berth ...)".into()),
        ),
    }
}

/// ICMP echo from containers goes through the host's ping sockets.
fn ping(user: &str) -> Check {
    let gid = nix::unistd::getgid().as_raw() as u64;
    let range = read("/proc/sys/net/ipv4/ping_group_range").unwrap_or_default();
    let mut it = range
        .split_whitespace()
        .filter_map(|n| n.parse::<u64>().ok());
    match (it.next(), it.next()) {
        (Some(lo), Some(hi)) if lo <= gid && gid <= hi => {
            check("ping", Outcome::Ok, "containers can ping (net.ipv4.ping_group_range)", None)
        }
        _ => check(
            "ping",
            Outcome::Warn,
            format!("{user}'s group is outside net.ipv4.ping_group_range ({range}): ping in containers gets no answer"),
            Some("sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"".into()),
        ),
    }
}

/// Detached containers outlive a logout only with lingering (where systemd manages
/// sessions).
fn linger(user: &str) -> Check {
    if !Path::new("/run/systemd/system").exists() {
        return check(
            "linger",
            Outcome::Ok,
            "no systemd: sessions do not end containers",
            None,
        );
    }
    if Path::new("/var/lib/systemd/linger").join(user).exists() {
        check(
            "linger",
            Outcome::Ok,
            "enabled: detached containers survive logout",
            None,
        )
    } else {
        check(
            "linger",
            Outcome::Warn,
            "disabled: systemd ends detached containers when you log out",
            Some(format!("loginctl enable-linger {user}")),
        )
    }
}
