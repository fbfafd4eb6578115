//! The sandbox: from an OCI runtime Spec and an overlay rootfs to a running process.
//! It knows nothing of images, names or the CLI.
//!
//! One clone(2) creates the process directly in its new user, mount, pid, uts, ipc,
//! net and cgroup namespaces; the parent writes its id maps (newuidmap), the child
//! builds its root filesystem, drops privileges and execs. A CLOEXEC pipe tells the
//! parent whether the exec happened or why not (exit codes 125/126/127).

pub mod caps;
pub mod cgroup;
mod child;
pub mod exec;
mod init;
pub mod join;
mod mounts;
/// Mount a rootfs at its target (also used by `cp` and `export` on stopped containers).
pub use mounts::mount_rootfs;
pub mod nettun;
mod rlimit;
pub mod seccomp;
pub mod tty;
mod volprep;

pub use volprep::VolumePrep;

use crate::sys::idmap::IdMap;
use crate::sys::msg::Message;
use anyhow::{Context, Result};
use nix::unistd::Pid;
use oci_spec::runtime::Spec;
use std::fs::File;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::path::PathBuf;

/// A leaf for the container in a delegated cgroup v2 tree, with its limits.
#[derive(Debug, Clone)]
pub struct CgroupRequest {
    pub host: cgroup::Host,
    /// The container's id (the leaf's or scope's name).
    pub id: String,
    pub limits: cgroup::Limits,
    /// Limits are asked for: no leaf fails the start (else it runs without one).
    pub required: bool,
    /// `--cgroup-parent` (checked).
    pub parent: Option<String>,
}

/// The container's root filesystem: overlay dirs to mount (by the kernel or by
/// fuse-overlayfs), or a prepared directory to bind.
#[derive(Debug, Clone)]
pub enum Rootfs {
    Overlay {
        lower: Vec<PathBuf>,
        upper: PathBuf,
        work: PathBuf,
        target: PathBuf,
    },
    FuseOverlay {
        lower: Vec<PathBuf>,
        upper: PathBuf,
        work: PathBuf,
        target: PathBuf,
    },
    Bind {
        dir: PathBuf,
        target: PathBuf,
    },
}

/// What to start. `spec.process.user` holds numeric ids (names resolved by the caller).
pub struct SandboxConfig {
    pub spec: Spec,
    pub rootfs: Rootfs,
    /// Compiled seccomp program and its install flags (None: unconfined).
    pub seccomp: Option<seccomp::Program>,
    /// Capability names the process keeps in its bounding set.
    pub caps: Vec<String>,
    /// fds to place on 0, 1, 2 in the container.
    pub stdio: [RawFd; 3],
    /// Which namespaces are the container's own, the host's, or another container's.
    pub namespaces: Namespaces,
    /// The default network: a TUN interface in the container's own network
    /// namespace, its fd returned in `Spawned::tun`.
    pub tun: Option<nettun::TunConfig>,
    /// Kill the container if the supervising process dies (foreground run).
    pub die_with_parent: bool,
    /// Rootless: create a user namespace and map ids into it.
    pub idmap: Option<IdMap>,
    /// `--init`: stay pid 1 (forward signals, reap zombies) and run the command as a child.
    pub init: bool,
    /// Volumes to fill from the image (copy-up) or chown (`U`) before mounting.
    pub volumes: Vec<VolumePrep>,
    /// The cgroup v2 leaf to put the process in before it runs (None: no cgroup).
    pub cgroup: Option<CgroupRequest>,
    /// `--ipc container:X`: a detached copy of X's /dev/shm mount (`join::clone_shm`),
    /// attached at the container's /dev/shm.
    pub shared_shm: Option<OwnedFd>,
}

/// Where one of the container's namespaces comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Share {
    /// A new one of its own (docker's `private`).
    #[default]
    Own,
    /// The caller's (`--network host`, `--pid host`...): none is created.
    Host,
    /// That of process PID (another container's: `--network container:X`...), joined
    /// together with its user namespace when that is not ours (rootless).
    Join(i32),
}

/// The namespaces that `--network`, `--pid`, `--ipc` and `--uts` may share; the user,
/// mount and cgroup namespaces are always the container's own (or, with a joined
/// namespace, the user namespace is the joined container's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Namespaces {
    pub net: Share,
    pub pid: Share,
    pub ipc: Share,
    pub uts: Share,
    /// `--cgroupns host`: no cgroup namespace of its own.
    pub cgroup_host: bool,
}

impl Namespaces {
    /// The clone flag, the /proc/PID/ns name and the setting of each shareable kind.
    fn kinds(&self) -> [(libc::c_int, &'static str, Share); 4] {
        [
            (libc::CLONE_NEWNET, "net", self.net),
            (libc::CLONE_NEWPID, "pid", self.pid),
            (libc::CLONE_NEWIPC, "ipc", self.ipc),
            (libc::CLONE_NEWUTS, "uts", self.uts),
        ]
    }

    /// A namespace to join that is the caller's own (a container on the host's network
    /// or pid namespace) is the host's: nothing to join, and perhaps not joinable from
    /// the target's user namespace.
    pub fn resolve(mut self) -> Result<Namespaces> {
        for (_, kind, share) in self.kinds() {
            if let Share::Join(pid) = share {
                if crate::sys::ns::is_ours(&crate::sys::ns::open(pid, kind)?, kind) {
                    *self.get_mut(kind) = Share::Host;
                }
            }
        }
        Ok(self)
    }

    fn get_mut(&mut self, kind: &str) -> &mut Share {
        match kind {
            "net" => &mut self.net,
            "pid" => &mut self.pid,
            "ipc" => &mut self.ipc,
            _ => &mut self.uts,
        }
    }
}

/// Why a container process did not start, with docker's exit code.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct StartError {
    pub code: i32,
    pub message: String,
}

/// A started container process (pid in the caller's pid namespace) and, with a
/// terminal, the pty master.
pub struct Spawned {
    pub pid: i32,
    pub console: Option<OwnedFd>,
    /// The TUN device of the default network (see `SandboxConfig::tun`), and TCP
    /// sockets made in the container's network namespace.
    pub tun: Option<OwnedFd>,
    pub sockets: Vec<OwnedFd>,
    /// The container's cgroup leaf, when it has one.
    pub cgroup: Option<cgroup::Leaf>,
}

/// Start the container's process. Returns once it has exec'd.
pub fn spawn(cfg: &SandboxConfig) -> Result<Spawned> {
    let (err_r, err_w) = pipe()?;
    let (sync_r, sync_w) = pipe()?;
    let terminal = cfg
        .spec
        .process()
        .as_ref()
        .and_then(|p| p.terminal())
        .unwrap_or(false);
    let console = terminal.then(stream_pair).transpose()?;
    let net = cfg.tun.is_some().then(stream_pair).transpose()?;
    let mut flags = libc::CLONE_NEWNS;
    // With a leaf, the child makes its cgroup namespace once it is in the leaf (rooted
    // there, as docker's containers see `0::/`).
    if !cfg.namespaces.cgroup_host && cfg.cgroup.is_none() {
        flags |= libc::CLONE_NEWCGROUP;
    }
    let joined = join::Joined::open(&cfg.namespaces)?;
    for (flag, _, share) in cfg.namespaces.kinds() {
        if share == Share::Own {
            flags |= flag;
        }
    }
    // In a joined user namespace the ids are mapped already.
    let map_ids = cfg
        .idmap
        .as_ref()
        .filter(|_| !joined.as_ref().is_some_and(|j| j.has_user()));
    if map_ids.is_some() {
        flags |= libc::CLONE_NEWUSER;
    }
    let pid = match &joined {
        // In another container's namespaces, through a helper (`join.rs`).
        Some(j) => j.clone(flags)? as libc::c_long,
        // SAFETY: a fork-like clone (no CLONE_VM, no new stack: the child returns here on
        // its own copy of this stack, as after fork); nix's clone() runs a callback on a
        // caller-given stack and rustix has none, hence the raw syscall, whose five integer
        // arguments point at no memory of ours. Sound because the process is
        // single-threaded here (berth's only threads are the registry's scoped pull/push
        // workers, joined before their scope returns), so the child holds no lock another
        // thread had taken, and the child never returns from child::run (it execs or
        // `_exit`s).
        None => unsafe {
            libc::syscall(
                libc::SYS_clone,
                (flags | libc::SIGCHLD) as libc::c_ulong,
                0usize,
                0usize,
                0usize,
                0usize,
            )
        },
    };
    if pid < 0 {
        let e = std::io::Error::last_os_error();
        return Err(e).context("creating the container's namespaces (clone)");
    }
    if pid == 0 {
        drop(err_r);
        drop(sync_w);
        child::run(
            cfg,
            sync_r,
            err_w,
            console.map(|(_, c)| c),
            net.map(|(_, c)| c),
        );
    }
    let console = console.map(|(p, _)| p);
    let net = net.map(|(p, _)| p);
    let pid = pid as i32;
    drop(err_w);
    drop(sync_r);
    let mut sync = File::from(sync_w);
    if let Some(map) = map_ids {
        if let Err(e) = map.apply(pid) {
            kill_and_reap(pid);
            return Err(e).context("mapping the container's user ids");
        }
    }
    let leaf = match &cfg.cgroup {
        Some(req) => match req
            .host
            .attach(&req.id, pid, &req.limits, req.parent.as_deref())
        {
            Ok(leaf) => Some(leaf),
            Err(_) if !req.required => None,
            Err(e) => {
                kill_and_reap(pid);
                return Err(StartError {
                    code: 125,
                    message: format!("{e:#}"),
                }
                .into());
            }
        },
        None => None,
    };
    let _ = Message::Proceed.send(&mut sync);
    drop(sync);
    let master = match &console {
        Some(sock) => tty::receive_master(sock).unwrap_or(None),
        None => None,
    };
    let tun = match &net {
        Some(sock) => crate::sys::fd::recv_fd(sock).unwrap_or(None),
        None => None,
    };
    let mut sockets = Vec::new();
    if let (Some(sock), Some(tc), Some(_)) = (&net, &cfg.tun, &tun) {
        while sockets.len() < tc.sockets {
            match crate::sys::fd::recv_fd(sock) {
                Ok(Some(fd)) => sockets.push(fd),
                _ => break,
            }
        }
    }
    // The error pipe is close-on-exec: closed with no message, the exec happened.
    let (code, message) = match Message::recv(&mut File::from(err_r)) {
        Ok(None) if cfg.tun.is_some() && tun.is_none() => {
            kill_and_reap(pid);
            if let Some(l) = &leaf {
                l.remove();
            }
            return Err(StartError {
                code: 125,
                message: "the container's network device was not handed over".into(),
            }
            .into());
        }
        Ok(None) => {
            return Ok(Spawned {
                pid,
                console: master,
                tun,
                sockets,
                cgroup: leaf,
            })
        }
        Ok(Some(Message::Failed { code, message })) => (code, message),
        Ok(Some(other)) => (125, format!("unexpected setup message {other:?}")),
        Err(e) => (125, format!("reading the container's setup report: {e}")),
    };
    let _ = nix::sys::wait::waitpid(Pid::from_raw(pid), None);
    if let Some(l) = leaf {
        l.remove();
    }
    Err(StartError { code, message }.into())
}

fn kill_and_reap(pid: i32) {
    let pid = Pid::from_raw(pid);
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
    let _ = nix::sys::wait::waitpid(pid, None);
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")
}

/// A connected pair of unix stream sockets (close-on-exec): how a pty master travels
/// (SCM_RIGHTS) and how a monitor's first attach client is wired.
pub fn stream_pair() -> Result<(OwnedFd, OwnedFd)> {
    use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};
    socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .context("socketpair")
}

/// Raw fd number helper for fds we keep open across clone.
pub fn raw(fd: &OwnedFd) -> RawFd {
    fd.as_raw_fd()
}
