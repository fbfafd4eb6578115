//! Namespaces of other containers (`--network`, `--pid`, `--ipc`, `--uts`
//! `container:X`): the new container is created inside them and, when they belong to a
//! user namespace that is not ours (rootless), inside that user namespace, which owns
//! them (only a process with CAP_SYS_ADMIN in the owning user namespace may join a
//! network or pid namespace; the unprivileged user has it in X's user namespace, not in
//! the host's). Rootless every container has a user namespace of its own, so the
//! namespaces joined must all be one container's.
//!
//! The supervisor stays where it is: a forked helper (single-threaded, as setns into
//! a user namespace requires) joins the namespaces, then clones the container with
//! CLONE_PARENT so that it is the supervisor's child like any container, reports its
//! pid and exits. (Joining a pid namespace applies to the helper's children: the clone.)

use super::{Namespaces, Share};
use crate::sys::msg::Message;
use anyhow::{bail, Context, Result};
use std::fs::File;
use std::os::unix::fs::MetadataExt;

/// The namespaces of other containers to create a new one in.
pub struct Joined {
    /// Their user namespace, when it is not ours (rootless).
    user: Option<File>,
    /// The namespaces to join, by /proc/PID/ns name.
    ns: Vec<(&'static str, File)>,
    /// The host pid of the (first) process joined, for messages.
    pid: i32,
}

impl Joined {
    /// The namespaces `ns` asks to join (resolved: none of them ours), or None.
    pub fn open(ns: &Namespaces) -> Result<Option<Joined>> {
        let mut user: Option<(File, i32)> = None;
        let mut files = Vec::new();
        for (_, kind, share) in ns.kinds() {
            let Share::Join(pid) = share else { continue };
            let u = crate::sys::ns::open(pid, "user")?;
            let theirs = (!crate::sys::ns::is_ours(&u, "user")).then_some(u);
            match (&user, theirs) {
                (None, Some(u)) if files.is_empty() => user = Some((u, pid)),
                (Some((a, first)), Some(b)) => {
                    let (ma, mb) = (a.metadata()?, b.metadata()?);
                    if (ma.dev(), ma.ino()) != (mb.dev(), mb.ino()) {
                        bail!(
                            "cannot share namespaces of two containers (processes {first} and {pid}): each has a user namespace of its own"
                        );
                    }
                }
                (None, None) => {}
                _ => bail!(
                    "cannot share namespaces of two containers (one has a user namespace of its own, process {pid})"
                ),
            }
            files.push((kind, crate::sys::ns::open(pid, kind)?));
        }
        let Some(pid) = ns.kinds().iter().find_map(|(_, _, s)| match s {
            Share::Join(p) => Some(*p),
            _ => None,
        }) else {
            return Ok(None);
        };
        Ok(Some(Joined {
            user: user.map(|(f, _)| f),
            ns: files,
            pid,
        }))
    }

    /// Whether the new container lives in the joined user namespace (already mapped:
    /// no maps to write, no user namespace to create).
    pub fn has_user(&self) -> bool {
        self.user.is_some()
    }

    /// clone(2) with `flags` inside the joined namespaces: returns the new process's
    /// pid in the caller, 0 in the new process (as clone does).
    pub fn clone(&self, flags: libc::c_int) -> Result<i32> {
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")?;
        // SAFETY: the process is single-threaded here (see `super::spawn`), so the
        // helper holds no lock another thread had taken; it only joins namespaces,
        // clones and `_exit`s, never returning into the caller (its clone child does,
        // as a clone child returns from `super::spawn`'s own clone).
        match unsafe { nix::unistd::fork() }.context("fork")? {
            nix::unistd::ForkResult::Child => {
                drop(r);
                let mut w = File::from(w);
                match self.helper(flags) {
                    Ok(0) => Ok(0),
                    Ok(pid) => {
                        let _ = Message::Pid(pid).send(&mut w);
                        crate::sys::process::exit_now(0)
                    }
                    Err(message) => {
                        let _ = Message::Failed { code: 125, message }.send(&mut w);
                        crate::sys::process::exit_now(125)
                    }
                }
            }
            nix::unistd::ForkResult::Parent { child } => {
                drop(w);
                let msg = Message::recv(&mut File::from(r));
                let _ = nix::sys::wait::waitpid(child, None);
                match msg {
                    Ok(Some(Message::Pid(pid))) => Ok(pid),
                    Ok(Some(Message::Failed { code, message })) => {
                        Err(super::StartError { code, message }.into())
                    }
                    other => Err(super::StartError {
                        code: 125,
                        message: format!(
                            "joining the namespaces of process {}: the helper said {other:?}",
                            self.pid
                        ),
                    }
                    .into()),
                }
            }
        }
    }

    /// In the helper: join, then clone (CLONE_PARENT: the container is the
    /// supervisor's child). Returns the clone's result.
    fn helper(&self, flags: libc::c_int) -> Result<i32, String> {
        let join = |f: &File, kind: &str| {
            nix::sched::setns(f, nix::sched::CloneFlags::empty()).map_err(|e| {
                format!(
                    "joining the {kind} namespace of container process {}: {e}",
                    self.pid
                )
            })
        };
        if let Some(u) = &self.user {
            join(u, "user")?;
        }
        for (kind, f) in &self.ns {
            join(f, kind)?;
        }
        // SAFETY: a fork-like clone (no CLONE_VM, no new stack: the child returns on
        // its own copy of this stack, as after fork) in a single-threaded process; the
        // raw syscall's integer arguments point at no memory of ours.
        let pid = unsafe {
            libc::syscall(
                libc::SYS_clone,
                (flags | libc::CLONE_PARENT | libc::SIGCHLD) as libc::c_ulong,
                0usize,
                0usize,
                0usize,
                0usize,
            )
        };
        if pid < 0 {
            return Err(format!(
                "creating the container's namespaces (clone): {}",
                std::io::Error::last_os_error()
            ));
        }
        Ok(pid as i32)
    }
}

/// A detached copy of the /dev/shm mount of process `pid` (another container's), made
/// by a short fork that enters its user namespace (when not ours) and its mount
/// namespace: `--ipc container:X` shares X's /dev/shm as docker does. The mount can be
/// attached in the new container's mount namespace (`move_mount`), which a bind across
/// mount namespaces cannot do.
pub fn clone_shm(pid: i32) -> Result<std::os::fd::OwnedFd> {
    let user = crate::sys::ns::open(pid, "user")?;
    let user = (!crate::sys::ns::is_ours(&user, "user")).then_some(user);
    let mnt = crate::sys::ns::open(pid, "mnt")?;
    let (ours, theirs) = super::stream_pair()?;
    // SAFETY: single-threaded here (see `super::spawn`); the child only joins namespaces,
    // clones a mount, sends it and `_exit`s.
    match unsafe { nix::unistd::fork() }.context("fork")? {
        nix::unistd::ForkResult::Child => {
            drop(ours);
            let r = (|| -> Result<()> {
                if let Some(u) = &user {
                    nix::sched::setns(u, nix::sched::CloneFlags::CLONE_NEWUSER)?;
                }
                nix::sched::setns(&mnt, nix::sched::CloneFlags::CLONE_NEWNS)?;
                let fd = rustix::mount::open_tree(
                    rustix::fs::CWD,
                    "/dev/shm",
                    rustix::mount::OpenTreeFlags::OPEN_TREE_CLONE
                        | rustix::mount::OpenTreeFlags::OPEN_TREE_CLOEXEC,
                )?;
                crate::sys::fd::send_fd(&theirs, &fd)?;
                Ok(())
            })();
            crate::sys::process::exit_now(if r.is_ok() { 0 } else { 1 })
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(theirs);
            let fd = crate::sys::fd::recv_fd(&ours);
            let _ = nix::sys::wait::waitpid(child, None);
            match fd {
                Ok(Some(fd)) => Ok(fd),
                _ => bail!("container process {pid} has no /dev/shm to share"),
            }
        }
    }
}
