//! A container's root filesystem as the container sees it, opened in a child process for
//! `cp` and `export`: the caller's closure gets a directory fd of the container's `/`
//! and runs with the container's ids mapped (files keep their owners, mapped ids can be
//! written). Every path the closure derives from it is to be resolved inside that fd
//! (RESOLVE_IN_ROOT), never joined on the host side.
//!
//! - Running: the child joins the container's user namespace (rootless) and opens
//!   /proc/PID/root, so what it writes is what the container sees at once (through its
//!   overlay); for export it joins the mount namespace and clones the root mount alone.
//! - Stopped: the child mounts the rootfs privately (overlay of the image layers and the
//!   upper dir in its own mount namespace, in a fresh user namespace mapping the user's
//!   ids), under the container's lock, with the container's /etc files bound as a run
//!   would (docker's cp sees them).
//!
//! `View::Export` is the rootfs alone: no /etc binds, no /proc or /dev of the running
//! container (a non-recursive clone of its root mount).

use super::record::{ContainerDir, ContainerRecord};
use super::Listed;
use crate::image::ImageStore;
use crate::sandbox::Rootfs;
use crate::storage::driver::Driver;
use crate::storage::mapped::Child;
use crate::store::lock::Lock;
use crate::store::Paths;
use anyhow::{Context, Result};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// What `cp` sees: the rootfs and the files mounted on it.
    Copy,
    /// The rootfs alone.
    Export,
}

/// A child working on a container's rootfs. Hold it until `wait` returns: a stopped
/// container stays locked (no start can race the private mount) until then.
pub struct InRootfs {
    child: Child,
    _lock: Option<Lock>,
    scratch: Option<PathBuf>,
}

impl InRootfs {
    pub fn wait(self) -> Result<()> {
        let r = self.child.wait();
        if let Some(s) = &self.scratch {
            let _ = std::fs::remove_dir(s);
        }
        r
    }
}

/// Fork a child that runs `f` with the container's `/` open (O_PATH | O_DIRECTORY).
/// The caller must be single-threaded; fds `f` uses are made before the call.
pub fn spawn<F: FnOnce(OwnedFd) -> Result<()>>(
    paths: &Paths,
    l: &Listed,
    view: View,
    f: F,
) -> Result<InRootfs> {
    let d = ContainerDir::new(paths, &l.rec.id);
    if l.state.running && l.state.pid > 0 {
        let pid = l.state.pid;
        let userns = match paths.rootless {
            true => Some(crate::sys::ns::open(pid, "user")?),
            false => None,
        };
        let mnt = crate::sys::ns::open(pid, "mnt")?;
        let child = crate::storage::mapped::spawn(false, move || {
            // The user namespace first: its caps let us see the container's mounts
            // (ptrace access to its process) and write its mapped ids.
            if let Some(u) = &userns {
                nix::sched::setns(u, nix::sched::CloneFlags::CLONE_NEWUSER)
                    .context("joining the container's user namespace")?;
            }
            let root = match view {
                // Through /proc/PID/root we stay in our own mount namespace (the host's
                // /proc stays usable) and see the container's mounts.
                View::Copy => open_dir(&format!("/proc/{pid}/root"))?,
                View::Export => {
                    nix::sched::setns(&mnt, nix::sched::CloneFlags::CLONE_NEWNS)
                        .context("joining the container's mount namespace")?;
                    root_mount_alone()?
                }
            };
            f(root)
        })?;
        return Ok(InRootfs {
            child,
            _lock: None,
            scratch: None,
        });
    }
    let lock = d.lock()?;
    // Started since it was listed: its rootfs is mounted by its own supervisor now.
    let s = d.read_state()?;
    if s.running && super::supervise::is_alive(&s) {
        anyhow::bail!("container {} was started meanwhile: try again", l.rec.name);
    }
    let rootfs_target = crate::store::scratch::create(paths, "rootfs")?;
    let rootfs = driver_rootfs(paths, &l.rec, &d, rootfs_target.clone())?;
    let etc = (view == View::Copy).then(|| etc_files(paths, &l.rec));
    let rootless = paths.rootless;
    let child = crate::storage::mapped::spawn(rootless, move || {
        crate::sys::ns::unshare_private_mounts()?;
        let target = crate::sandbox::mount_rootfs(&rootfs, rootless)?;
        let root = open_dir(&target.display().to_string())?;
        for (src, dest) in etc.into_iter().flatten() {
            bind_file(&root, &src, dest)?;
        }
        f(root)
    });
    let child = match child {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_dir(&rootfs_target);
            return Err(e);
        }
    };
    Ok(InRootfs {
        child,
        _lock: Some(lock),
        scratch: Some(rootfs_target),
    })
}

fn open_dir(p: &str) -> Result<OwnedFd> {
    rustix::fs::open(
        p,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .with_context(|| format!("opening {p}"))
}

/// The root mount without what is mounted on it (/proc, /dev, /etc/hosts): a detached,
/// non-recursive clone (open_tree), as export wants the filesystem and nothing else.
fn root_mount_alone() -> Result<OwnedFd> {
    rustix::mount::open_tree(
        rustix::fs::CWD,
        "/",
        rustix::mount::OpenTreeFlags::OPEN_TREE_CLONE
            | rustix::mount::OpenTreeFlags::OPEN_TREE_CLOEXEC,
    )
    .context("cloning the container's root mount")
}

/// The container's rootfs as its driver mounts it (at start, and for a stopped
/// container's `cp`/`export`): overlay dirs, or the vfs copy (made at first use).
pub(super) fn driver_rootfs(
    paths: &Paths,
    rec: &ContainerRecord,
    d: &ContainerDir,
    target: PathBuf,
) -> Result<Rootfs> {
    let images = ImageStore::new(paths);
    let lower = rec
        .layers
        .iter()
        .rev()
        .map(|c| images.layer_dir(c))
        .collect();
    Ok(match Driver::parse(&rec.driver)? {
        Driver::Overlay => Rootfs::Overlay {
            lower,
            upper: d.upper(),
            work: d.work(),
            target,
        },
        Driver::FuseOverlayfs => Rootfs::FuseOverlay {
            lower,
            upper: d.upper(),
            work: d.work(),
            target,
        },
        Driver::Vfs => {
            super::supervise::flatten_layers(paths, rec, d)?;
            Rootfs::Bind {
                dir: d.rootfs(),
                target,
            }
        }
    })
}

/// The container's /etc files, bound where a start binds them.
fn etc_files(paths: &Paths, rec: &ContainerRecord) -> Vec<(PathBuf, &'static str)> {
    let dir = paths.container(rec.etc_owner());
    let mut files = vec![
        ("hostname", "etc/hostname"),
        ("resolv.conf", "etc/resolv.conf"),
    ];
    if !rec.no_hosts {
        files.push(("hosts", "etc/hosts"));
    }
    files
        .into_iter()
        .map(|(f, dest)| (dir.join(f), dest))
        .filter(|(src, _)| src.is_file())
        .collect()
}

/// Bind `src` (a host file of ours) onto `dest` inside the rootfs, resolved inside it;
/// a missing target is created empty as a start creates it (docker's init layer has
/// these files from create on), one that is not a file is left alone.
fn bind_file(root: &OwnedFd, src: &std::path::Path, dest: &str) -> Result<()> {
    let open = || crate::sys::resolve::open_in_root(root, dest, libc::O_PATH | libc::O_NOFOLLOW);
    if open().is_err() {
        if let Some((dir, name)) = dest.rsplit_once('/') {
            if let Ok(d) =
                crate::sys::resolve::open_in_root(root, dir, libc::O_PATH | libc::O_DIRECTORY)
            {
                let _ = rustix::fs::openat(
                    &d,
                    name,
                    rustix::fs::OFlags::CREATE
                        | rustix::fs::OFlags::EXCL
                        | rustix::fs::OFlags::WRONLY
                        | rustix::fs::OFlags::NOFOLLOW
                        | rustix::fs::OFlags::CLOEXEC,
                    rustix::fs::Mode::from_raw_mode(0o644),
                );
            }
        }
    }
    let Ok(fd) = open() else {
        return Ok(());
    };
    let meta = std::fs::File::from(fd.try_clone()?).metadata()?;
    if !meta.is_file() {
        return Ok(());
    }
    nix::mount::mount(
        Some(src),
        format!("/proc/self/fd/{}", fd.as_raw_fd()).as_str(),
        None::<&str>,
        nix::mount::MsFlags::MS_BIND,
        None::<&str>,
    )
    .with_context(|| format!("binding {} on /{dest}", src.display()))
}
