//! The storage child: a short-lived process in a fresh user namespace with the user's
//! full id mapping and nothing else, so files owned by image uids (layers, upper dirs)
//! can be created and removed with their ids intact. As root no namespace is needed.

use crate::sys::idmap::IdMap;
use crate::sys::msg::Message;
use anyhow::{anyhow, bail, Context, Result};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult};
use std::fs::File;
use std::os::fd::OwnedFd;

/// Run `f` as root of a new user namespace that maps the user's subordinate ids.
/// Errors from `f` come back as text (the child's memory is its own).
pub fn run_mapped<F: FnOnce() -> Result<()>>(f: F) -> Result<()> {
    if nix::unistd::geteuid().is_root() {
        return f();
    }
    in_child(true, f)
}

/// Run `f` in a child process (in a mapped user namespace when rootless), never in the
/// caller: for work that changes the process itself, such as entering a mount namespace.
pub fn run_in_child<F: FnOnce() -> Result<()>>(f: F) -> Result<()> {
    in_child(!nix::unistd::geteuid().is_root(), f)
}

fn in_child<F: FnOnce() -> Result<()>>(userns: bool, f: F) -> Result<()> {
    spawn(userns, f)?.wait()
}

/// A forked child running a closure; `wait` returns its result.
pub struct Child {
    pid: nix::unistd::Pid,
    res: File,
}

/// Fork a child that runs `f` (in a fresh user namespace mapping the user's ids when
/// `userns`) and return at once, so the caller can feed or drain pipes the child uses
/// before waiting for it. The caller must be single-threaded.
pub fn spawn<F: FnOnce() -> Result<()>>(userns: bool, f: F) -> Result<Child> {
    let map = IdMap::current();
    let (sync_r, sync_w) = pipe()?;
    let (res_r, res_w) = pipe()?;
    // SAFETY: the process is single-threaded here: berth's only threads are the
    // registry's scoped download workers, joined before pull returns (layers are
    // unpacked after), so the child inherits no lock another thread held. It runs `f`
    // and `_exit`s, never returning into the caller.
    match unsafe { fork() }.context("fork")? {
        ForkResult::Child => {
            drop(sync_w);
            drop(res_r);
            let mut res = File::from(res_w);
            let r = (|| -> Result<()> {
                if userns {
                    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER)
                        .context("creating a user namespace")?;
                }
                Message::Proceed.send(&mut res)?;
                match Message::recv(&mut File::from(sync_r)) {
                    Ok(Some(Message::Proceed)) => {}
                    _ => bail!("the parent went away before mapping our ids"),
                }
                f()
            })();
            let code = match r {
                Ok(()) => 0,
                Err(e) => {
                    let _ = Message::Failed {
                        code: 1,
                        message: format!("{e:#}"),
                    }
                    .send(&mut res);
                    1
                }
            };
            // Leave without running the parent's atexit handlers or destructors.
            crate::sys::process::exit_now(code)
        }
        ForkResult::Parent { child } => {
            drop(sync_r);
            drop(res_w);
            let mut res = File::from(res_r);
            let mapped = match Message::recv(&mut res) {
                Ok(Some(Message::Proceed)) if userns => map.apply(child.as_raw()),
                Ok(Some(Message::Proceed)) => Ok(()),
                Ok(Some(Message::Failed { message, .. })) => Err(anyhow!("{message}")),
                _ => Err(anyhow!("storage child failed before mapping")),
            };
            if let Err(e) = mapped {
                let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
                let _ = waitpid(child, None);
                return Err(e);
            }
            Message::Proceed.send(&mut File::from(sync_w))?;
            Ok(Child { pid: child, res })
        }
    }
}

impl Child {
    /// Wait for the child; its error (as text) when it failed.
    pub fn wait(mut self) -> Result<()> {
        let report = Message::recv(&mut self.res);
        match (waitpid(self.pid, None)?, report) {
            (WaitStatus::Exited(_, 0), _) => Ok(()),
            (WaitStatus::Exited(..), Ok(Some(Message::Failed { message, .. }))) => {
                bail!("{message}")
            }
            (st, _) => bail!("storage child ended with {st:?}"),
        }
    }
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")
}

/// Remove trees that may hold files owned by mapped ids. Most trees (a container that
/// only wrote as root) go without help; the storage child takes what is left.
pub fn remove_trees(paths: &[std::path::PathBuf]) -> Result<()> {
    let left: Vec<std::path::PathBuf> = paths
        .iter()
        .filter(|p| match remove_own_tree(p) {
            Ok(()) => false,
            Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        })
        .cloned()
        .collect();
    if left.is_empty() {
        return Ok(());
    }
    run_mapped(move || {
        for p in &left {
            match std::fs::remove_dir_all(p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("removing {}", p.display())),
            }
        }
        Ok(())
    })
}

/// Remove a tree as ourselves. Directories we own but cannot read (overlayfs leaves its
/// `work/work` at mode 000) are opened up first, so only trees holding files of other
/// (mapped) ids need the storage child.
fn remove_own_tree(p: &std::path::Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(p) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            open_up_own_dirs(p, nix::unistd::geteuid().as_raw());
            std::fs::remove_dir_all(p)
        }
        r => r,
    }
}

fn open_up_own_dirs(p: &std::path::Path, uid: u32) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(m) = std::fs::symlink_metadata(p) else {
        return;
    };
    if !m.is_dir() || m.uid() != uid {
        return;
    }
    if m.mode() & 0o700 != 0o700 {
        let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o700));
    }
    if let Ok(entries) = std::fs::read_dir(p) {
        for e in entries.flatten() {
            open_up_own_dirs(&e.path(), uid);
        }
    }
}

pub fn remove_tree(path: &std::path::Path) -> Result<()> {
    remove_trees(&[path.to_path_buf()])
}
