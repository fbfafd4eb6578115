//! `--network container:X`: the new container is created inside X's network
//! namespace and, when X has one of its own (rootless), X's user namespace, which owns
//! that network namespace (only a process with CAP_SYS_ADMIN in the owning user
//! namespace may join a network namespace; the unprivileged user has it in X's user
//! namespace, not in the host's).
//!
//! The supervisor stays where it is: a forked helper (single-threaded, as setns into
//! a user namespace requires) joins the namespaces, then clones the container with
//! CLONE_PARENT so that it is the supervisor's child like any container, reports its
//! pid and exits.

use crate::sys::msg::Message;
use anyhow::{Context, Result};
use std::fs::File;

/// The namespaces of another container to create a new one in.
pub struct Joined {
    /// Its user namespace, when it is not ours (rootless).
    user: Option<File>,
    net: File,
    /// Its host pid, for messages.
    pid: i32,
}

/// Is process `pid` on our own (the host's) network? A container sharing such a
/// network is started as on `--network host`.
pub fn shares_our_network(pid: i32) -> Result<bool> {
    Ok(crate::sys::ns::is_ours(
        &crate::sys::ns::open(pid, "net")?,
        "net",
    ))
}

impl Joined {
    /// The namespaces of process `pid` (a running container's init).
    pub fn open(pid: i32) -> Result<Joined> {
        let user = crate::sys::ns::open(pid, "user")?;
        let user = (!crate::sys::ns::is_ours(&user, "user")).then_some(user);
        Ok(Joined {
            user,
            net: crate::sys::ns::open(pid, "net")?,
            pid,
        })
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
                            "joining the network of process {}: the helper said {other:?}",
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
        join(&self.net, "net")?;
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
