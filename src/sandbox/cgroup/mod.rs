//! cgroup v2: one leaf per container in a subtree delegated to the user, its limits, the
//! freezer (pause), cgroup.kill (rm -f, stop's SIGKILL) and its figures (stats, OOM).
//!
//! berth only uses cgroups when /sys/fs/cgroup itself is a cgroup2 mount (statfs): on
//! hybrid or v1 hosts it never writes there — the host's services own that tree (root
//! could write /sys/fs/cgroup/unified; it must not). Where the leaf comes from:
//! - the systemd user manager, when berth runs in a user session with a bus: a transient
//!   scope `berth-ID-PID.scope` (one per start) with Delegate=yes holding the container's process (`systemd.rs`),
//!   as podman does; the leaf is `SCOPE/container`, below what systemd itself writes;
//! - otherwise the topmost ancestor of berth's own cgroup that the user may write (the
//!   delegated root; `/sys/fs/cgroup` for root): leaves go to `ROOT/berth/ID`, never inside a
//!   cgroup that holds processes (the no-internal-process rule).

pub mod limits;
mod systemd;

pub use limits::{Device, IoMax, Limits};

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

pub const MOUNT: &str = "/sys/fs/cgroup";
/// The controllers berth enables for its leaves, when delegated.
const WANTED: [&str; 5] = ["cpu", "cpuset", "io", "memory", "pids"];

/// podman's `--cgroup-manager` for this invocation (and the monitors it forks): Some(true)
/// systemd only, Some(false) cgroupfs only.
static PREFERRED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Ask for one manager (`--cgroup-manager`).
pub fn prefer(systemd: bool) {
    let _ = PREFERRED.set(systemd);
}

/// How leaves are made on this host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manager {
    /// Transient scopes of the systemd user manager, over the session bus at this path.
    Systemd { bus: PathBuf, service: PathBuf },
    /// Directories under the delegated root.
    Cgroupfs { root: PathBuf },
}

/// A usable cgroup v2 subtree and the controllers delegated with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    pub manager: Manager,
    pub controllers: Vec<String>,
}

impl Host {
    /// The delegated subtree, or why there is none (with the fix).
    pub fn detect() -> std::result::Result<Host, String> {
        if !is_cgroup2() {
            return Err(format!(
                "{MOUNT} is not a cgroup v2 hierarchy (this host runs cgroup v1 or hybrid). Fix: \
                 boot with systemd.unified_cgroup_hierarchy=1 (the default on Debian 11+, \
                 Fedora 31+, Ubuntu 21.10+)"
            ));
        }
        let own = own_cgroup().ok_or_else(|| "cannot read /proc/self/cgroup".to_string())?;
        // SAFETY: geteuid has no preconditions.
        let uid = unsafe { libc::geteuid() };
        if uid == 0 {
            if PREFERRED.get() == Some(&true) {
                return Err("--cgroup-manager systemd: berth as root uses cgroupfs \
                            (/sys/fs/cgroup/berth); use --cgroup-manager cgroupfs"
                    .into());
            }
            let root = PathBuf::from(MOUNT);
            let controllers = read_list(&root.join("cgroup.controllers"));
            return Ok(Host {
                manager: Manager::Cgroupfs { root },
                controllers,
            });
        }
        // The user manager's subtree: around berth's own cgroup, or (from an ssh session's
        // scope, which is not delegated) at systemd's usual place; systemd moves the
        // process there itself (through PID 1 when it must).
        let service = format!("user@{uid}.service");
        let manager_dir = match own.iter().position(|c| *c == service) {
            Some(i) => own[..=i]
                .iter()
                .fold(PathBuf::from(MOUNT), |p, c| p.join(c)),
            None => Path::new(MOUNT)
                .join("user.slice")
                .join(format!("user-{uid}.slice"))
                .join(&service),
        };
        let bus = crate::sys::dbus::session_bus_path()
            .filter(|_| manager_dir.join("cgroup.controllers").exists());
        if PREFERRED.get() == Some(&true) && bus.is_none() {
            return Err(format!(
                "--cgroup-manager systemd: no systemd user session bus here (nor {}). Fix: \
                 log in to a systemd session (or `loginctl enable-linger $USER`), or use \
                 --cgroup-manager cgroupfs",
                manager_dir.display()
            ));
        }
        if let (Some(bus), false) = (bus, PREFERRED.get() == Some(&false)) {
            let dir = manager_dir;
            let controllers = read_list(&dir.join("cgroup.controllers"));
            return Ok(Host {
                manager: Manager::Systemd { bus, service: dir },
                controllers,
            });
        }
        let mut dir = PathBuf::from(MOUNT);
        for c in &own {
            dir.push(c);
            if writable(&dir) {
                let controllers = read_list(&dir.join("cgroup.controllers"));
                return Ok(Host {
                    manager: Manager::Cgroupfs { root: dir },
                    controllers,
                });
            }
        }
        Err(format!(
            "no cgroup v2 subtree is delegated to you (your cgroup {} and its parents are \
             not yours to write). Fix: run berth in a systemd user session (log in, or \
             `loginctl enable-linger $USER`), or under `systemd-run --user --scope -p \
             Delegate=yes berth ...`",
            Path::new("/").join(own.join("/")).display()
        ))
    }

    /// `--cgroup-parent`: under systemd a slice name (`NAME.slice`); else a path below the
    /// delegated root (a leading `/` means that root), whose parts are plain names.
    pub fn check_parent(&self, parent: &str) -> Result<()> {
        let bad = |why: &str| anyhow::anyhow!("--cgroup-parent {parent:?}: {why}");
        match self.manager {
            Manager::Systemd { .. } => {
                if !parent.ends_with(".slice") || parent.contains('/') || parent.len() > 200 {
                    return Err(bad(
                        "under the systemd cgroup driver the parent is a slice (NAME.slice)",
                    ));
                }
            }
            Manager::Cgroupfs { .. } => {
                let parts: Vec<&str> = parent.split('/').filter(|c| !c.is_empty()).collect();
                if parts.is_empty()
                    || parts.len() > 16
                    || parts.iter().any(|c| {
                        matches!(*c, "." | "..") || c.starts_with("cgroup.") || c.len() > 200
                    })
                {
                    return Err(bad(
                        "want a path of plain names (no `.`, `..` or cgroup.* parts)",
                    ));
                }
            }
        }
        Ok(())
    }

    /// "cgroupfs" or "systemd", as `docker info` says it.
    pub fn driver(&self) -> &'static str {
        match self.manager {
            Manager::Systemd { .. } => "systemd",
            Manager::Cgroupfs { .. } => "cgroupfs",
        }
    }

    /// Refuse limits whose controller is not delegated, naming it and the fix.
    pub fn check(&self, needs: &[(&str, &'static str)]) -> Result<()> {
        for (flag, ctl) in needs {
            if !self.controllers.iter().any(|c| c == ctl) {
                bail!(
                    "{flag} needs the cgroup {ctl} controller, which is not delegated to you \
                     (delegated: {}). Fix: a drop-in for user@.service: `sudo mkdir -p \
                     /etc/systemd/system/user@.service.d && printf '[Service]\\nDelegate=cpu \
                     cpuset io memory pids\\n' | sudo tee \
                     /etc/systemd/system/user@.service.d/delegate.conf && sudo systemctl \
                     daemon-reload`, then log in again",
                    if self.controllers.is_empty() {
                        "none".to_string()
                    } else {
                        self.controllers.join(" ")
                    }
                );
            }
        }
        Ok(())
    }

    /// Put process `pid` (not yet running the container's code) into a new leaf named
    /// for container `id`, with `limits` written before it runs anything. `parent`:
    /// `--cgroup-parent` (checked by `check_parent`), instead of `berth`.
    pub fn attach(
        &self,
        id: &str,
        pid: i32,
        limits: &Limits,
        parent: Option<&str>,
    ) -> Result<Leaf> {
        let leaf = match &self.manager {
            Manager::Cgroupfs { root } => {
                let mut group = root.clone();
                for c in parent
                    .unwrap_or("berth")
                    .split('/')
                    .filter(|c| !c.is_empty())
                {
                    enable(&group, &self.controllers)?;
                    group.push(c);
                    mkdir(&group)?;
                }
                enable(&group, &self.controllers)?;
                let leaf = Leaf {
                    path: group.join(id),
                };
                mkdir(&leaf.path)?;
                if let Err(e) = leaf.apply(limits).and_then(|()| leaf.add(pid)) {
                    leaf.remove();
                    return Err(e);
                }
                leaf
            }
            Manager::Systemd { bus, .. } => {
                let scope = systemd::start_scope(bus, id, pid, parent)?;
                // systemd rewrites a unit's own cgroup files from its properties (at a
                // daemon-reload: limits written there would be lifted); below a delegated
                // unit it never writes. So the process moves one level down.
                let leaf = Leaf {
                    path: scope.join("container"),
                };
                mkdir(&leaf.path)?;
                leaf.add(pid)?;
                enable(&scope, &read_list(&scope.join("cgroup.controllers")))?;
                leaf.apply(limits)?;
                leaf
            }
        };
        Ok(leaf)
    }
}

/// A container's leaf cgroup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    pub path: PathBuf,
}

/// What `stats` shows from a leaf.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub cpu_usec: u64,
    pub memory: u64,
    /// memory.max (None: max).
    pub memory_max: Option<u64>,
    pub pids: u64,
    pub io_read: u64,
    pub io_write: u64,
}

impl Leaf {
    /// The leaf a container's state names, if it still exists (and is a cgroup v2 path).
    pub fn open(path: &str) -> Option<Leaf> {
        let p = Path::new(path);
        (below_mount(p) && p.join("cgroup.procs").exists()).then(|| Leaf {
            path: p.to_path_buf(),
        })
    }

    fn write(&self, file: &str, value: &str) -> Result<()> {
        std::fs::write(self.path.join(file), value)
            .with_context(|| format!("writing {value:?} to {}", self.path.join(file).display()))
    }

    fn read(&self, file: &str) -> Option<String> {
        std::fs::read_to_string(self.path.join(file)).ok()
    }

    /// Write limits (at start, or `update` on a live one).
    pub fn apply(&self, limits: &Limits) -> Result<()> {
        let have = read_list(&self.path.join("cgroup.controllers"));
        for c in limits.controllers() {
            if !have.iter().any(|h| h == c) {
                bail!(
                    "the cgroup {c} controller is not enabled for {} (delegated controllers: {})",
                    self.path.display(),
                    have.join(" ")
                );
            }
        }
        let bfq = self.path.join("io.bfq.weight").exists();
        for w in limits.writes(bfq) {
            // No swap accounting in this kernel: nothing to limit.
            if w.file == "memory.swap.max" && !self.path.join(w.file).exists() {
                continue;
            }
            self.write(w.file, &w.value)?;
        }
        Ok(())
    }

    pub fn add(&self, pid: i32) -> Result<()> {
        self.write("cgroup.procs", &pid.to_string())
            .context("moving the container into its cgroup")
    }

    /// Freeze or thaw every process, and wait until the kernel says it is done.
    pub fn freeze(&self, on: bool) -> Result<()> {
        self.write("cgroup.freeze", if on { "1" } else { "0" })?;
        let want = format!("frozen {}", on as u8);
        for _ in 0..250 {
            if self
                .read("cgroup.events")
                .is_some_and(|e| e.lines().any(|l| l == want))
            {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // Not left half-frozen while recorded as running (a task stuck in D state).
        if on {
            let _ = self.write("cgroup.freeze", "0");
        }
        bail!("{} did not report {want}", self.path.display())
    }

    /// SIGKILL every process in the leaf (cgroup.kill, kernel ≥ 5.14; else one by one).
    pub fn kill(&self) {
        if self.write("cgroup.kill", "1").is_ok() {
            return;
        }
        for p in self.pids() {
            crate::sys::signal::kill9(p);
        }
    }

    pub fn pids(&self) -> Vec<i32> {
        self.read("cgroup.procs")
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect()
    }

    pub fn populated(&self) -> bool {
        self.read("cgroup.events")
            .is_some_and(|e| e.lines().any(|l| l == "populated 1"))
    }

    /// How many processes the kernel's OOM killer took here.
    pub fn oom_kills(&self) -> u64 {
        self.read("memory.events")
            .and_then(|e| key(&e, "oom_kill"))
            .unwrap_or(0)
    }

    pub fn usage(&self) -> Usage {
        let stat = self.read("cpu.stat").unwrap_or_default();
        let mem_stat = self.read("memory.stat").unwrap_or_default();
        let current: u64 = self
            .read("memory.current")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        // docker's CLI on cgroup v2: usage minus inactive_file.
        let inactive = key(&mem_stat, "inactive_file").unwrap_or(0);
        let (mut r, mut w) = (0, 0);
        for line in self.read("io.stat").unwrap_or_default().lines() {
            for kv in line.split_whitespace().skip(1) {
                match kv.split_once('=') {
                    Some(("rbytes", v)) => r += v.parse::<u64>().unwrap_or(0),
                    Some(("wbytes", v)) => w += v.parse::<u64>().unwrap_or(0),
                    _ => {}
                }
            }
        }
        Usage {
            cpu_usec: key(&stat, "usage_usec").unwrap_or(0),
            memory: current.saturating_sub(inactive),
            memory_max: self.read("memory.max").and_then(|v| v.trim().parse().ok()),
            pids: self
                .read("pids.current")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0),
            io_read: r,
            io_write: w,
        }
    }

    /// Remove the leaf once its processes are gone (they may take a moment to leave).
    pub fn remove(&self) {
        for _ in 0..100 {
            match std::fs::remove_dir(&self.path) {
                Err(e) if e.raw_os_error() == Some(libc::EBUSY) => {
                    std::thread::sleep(std::time::Duration::from_millis(10))
                }
                _ => return,
            }
        }
    }
}

/// Watches a leaf's memory.events (the kernel signals each change to inotify), so an OOM
/// kill is seen while the leaf still exists: a systemd scope goes as soon as it is empty.
pub struct OomWatch {
    inotify: nix::sys::inotify::Inotify,
    leaf: Leaf,
    seen: u64,
    /// The OOM killer took a process since the watch began.
    pub killed: bool,
}

impl OomWatch {
    pub fn new(leaf: &Leaf) -> Option<OomWatch> {
        use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};
        let inotify = Inotify::init(InitFlags::IN_CLOEXEC | InitFlags::IN_NONBLOCK).ok()?;
        inotify
            .add_watch(&leaf.path.join("memory.events"), AddWatchFlags::IN_MODIFY)
            .ok()?;
        Some(OomWatch {
            inotify,
            leaf: leaf.clone(),
            seen: leaf.oom_kills(),
            killed: false,
        })
    }

    pub fn fd(&self) -> std::os::fd::BorrowedFd<'_> {
        use std::os::fd::AsFd;
        self.inotify.as_fd()
    }

    /// Drain the watch's events and read the count again.
    pub fn check(&mut self) {
        while matches!(self.inotify.read_events(), Ok(e) if !e.is_empty()) {}
        let n = self.leaf.oom_kills();
        if n > self.seen {
            self.seen = n;
            self.killed = true;
        }
    }
}

fn key(text: &str, k: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let (name, v) = l.split_once(' ')?;
        (name == k).then(|| v.trim().parse().ok()).flatten()
    })
}

/// A path below the cgroup mount with plain names only (no `..` climbing out of it).
fn below_mount(p: &Path) -> bool {
    p.starts_with(MOUNT)
        && p != Path::new(MOUNT)
        && p.components().all(|c| {
            matches!(
                c,
                std::path::Component::RootDir | std::path::Component::Normal(_)
            )
        })
}

/// Is /sys/fs/cgroup itself cgroup2 (not v1, not hybrid)?
pub fn is_cgroup2() -> bool {
    nix::sys::statfs::statfs(MOUNT)
        .is_ok_and(|s| s.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC)
}

/// berth's own cgroup, as path components below the mount.
fn own_cgroup() -> Option<Vec<String>> {
    let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let rel = own.lines().find_map(|l| l.strip_prefix("0::"))?;
    Some(
        rel.split('/')
            .filter(|c| !c.is_empty() && *c != "..")
            .map(String::from)
            .collect(),
    )
}

/// May we make children here and move processes in (a delegated cgroup)?
fn writable(dir: &Path) -> bool {
    use nix::unistd::{access, AccessFlags};
    access(dir, AccessFlags::W_OK).is_ok()
        && access(&dir.join("cgroup.procs"), AccessFlags::W_OK).is_ok()
        && access(&dir.join("cgroup.subtree_control"), AccessFlags::W_OK).is_ok()
}

fn read_list(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect()
}

fn mkdir(p: &Path) -> Result<()> {
    match std::fs::create_dir(p) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            Err(e).with_context(|| format!("creating cgroup {}", p.display()))
        }
        _ => Ok(()),
    }
}

/// Enable for `dir`'s children the wanted controllers it has. Enabling cpuset moves every
/// task below `dir` to a new cpuset, which the kernel refuses (EPERM) while one of them is
/// privileged beyond us — another berth's newuidmap for a moment: retried for a while.
fn enable(dir: &Path, available: &[String]) -> Result<()> {
    let mut attempt = 0;
    loop {
        let on = read_list(&dir.join("cgroup.subtree_control"));
        let missing: Vec<String> = WANTED
            .iter()
            .filter(|c| available.iter().any(|a| a == *c) && !on.iter().any(|o| o == *c))
            .map(|c| format!("+{c}"))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        match std::fs::write(dir.join("cgroup.subtree_control"), missing.join(" ")) {
            Ok(()) => return Ok(()),
            Err(e) if e.raw_os_error() == Some(libc::EPERM) && attempt < 100 => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => {
                let why = if e.raw_os_error() == Some(libc::EBUSY) {
                    "a cgroup holding processes cannot have children with controllers: run \
                     berth from a child cgroup of it"
                } else {
                    "a privileged process below it, or a controller this kernel refuses"
                };
                return Err(e).with_context(|| {
                    format!(
                        "enabling the {} controllers in {} ({why})",
                        missing.join(" "),
                        dir.display()
                    )
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keyed_files() {
        let ev = "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n";
        assert_eq!(key(ev, "oom_kill"), Some(1));
        assert_eq!(key(ev, "oom"), Some(1));
        assert_eq!(key(ev, "nope"), None);
    }

    #[test]
    fn a_recorded_leaf_stays_below_the_mount() {
        assert!(below_mount(Path::new("/sys/fs/cgroup/berth/abc")));
        for bad in [
            "/sys/fs/cgroup/../fs/cgroup/system.slice",
            "/sys/fs/cgroup/berth/../../../etc",
            "/sys/fs/cgroup",
            "/etc/cgroup",
            "sys/fs/cgroup/x",
        ] {
            assert!(!below_mount(Path::new(bad)), "{bad}");
            assert!(Leaf::open(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn missing_controller_names_flag_and_fix() {
        let h = Host {
            manager: Manager::Cgroupfs {
                root: PathBuf::from("/sys/fs/cgroup/x"),
            },
            controllers: vec!["cpu".into(), "memory".into(), "pids".into()],
        };
        assert!(h
            .check(&[("--memory", "memory"), ("--cpus", "cpu")])
            .is_ok());
        let e = h
            .check(&[("--device-read-bps", "io")])
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("--device-read-bps needs the cgroup io controller"),
            "{e}"
        );
        assert!(e.contains("(delegated: cpu memory pids)"), "{e}");
        assert!(e.contains("Delegate=cpu cpuset io memory pids"), "{e}");
    }
}
