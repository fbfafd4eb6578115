//! TCP sockets made inside another process's network namespace. A socket keeps the
//! namespace it was created in wherever its fd goes, so the supervisor (which cannot
//! join a container's network namespace itself: it has no CAP_SYS_ADMIN over the user
//! namespace that owns it) gets them from a short-lived fork that joins the user
//! namespace first, then the network namespace, makes them and hands them over
//! (SCM_RIGHTS). Used for published ports' loopback clients, spliced straight into
//! the container's own loopback.

use anyhow::{Context, Result};
use std::os::fd::OwnedFd;

/// Unconnected, non-blocking IPv4 TCP sockets.
pub fn tcp_sockets(n: usize) -> std::io::Result<Vec<OwnedFd>> {
    use rustix::net::{AddressFamily, SocketFlags, SocketType};
    (0..n)
        .map(|_| {
            rustix::net::socket_with(
                AddressFamily::INET,
                SocketType::STREAM,
                SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
                None,
            )
            .map_err(Into::into)
        })
        .collect()
}

/// `n` sockets in the network namespace of process `pid` (same pid and start time
/// checked by the caller).
pub fn tcp_sockets_in(pid: i32, n: usize) -> Result<Vec<OwnedFd>> {
    let user = super::ns::open(pid, "user")?;
    let user = (!super::ns::is_ours(&user, "user")).then_some(user);
    let net = super::ns::open(pid, "net")?;
    let (mine, theirs) = rustix::net::socketpair(
        rustix::net::AddressFamily::UNIX,
        rustix::net::SocketType::STREAM,
        rustix::net::SocketFlags::CLOEXEC,
        None,
    )
    .context("socketpair")?;
    // SAFETY: callers are single-threaded (the supervisor's loop), so the child holds
    // no lock another thread had taken; it only joins namespaces, makes sockets, sends
    // them and `_exit`s, never returning into the caller.
    match unsafe { nix::unistd::fork() }.context("fork")? {
        nix::unistd::ForkResult::Child => {
            drop(mine);
            let ok = (|| -> std::io::Result<()> {
                if let Some(u) = &user {
                    nix::sched::setns(u, nix::sched::CloneFlags::CLONE_NEWUSER)?;
                }
                nix::sched::setns(&net, nix::sched::CloneFlags::CLONE_NEWNET)?;
                for s in tcp_sockets(n)? {
                    super::fd::send_fd(&theirs, &s)?;
                }
                Ok(())
            })();
            super::process::exit_now(if ok.is_ok() { 0 } else { 1 })
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(theirs);
            let mut out = Vec::with_capacity(n);
            while let Ok(Some(fd)) = super::fd::recv_fd(&mine) {
                out.push(fd);
                if out.len() == n {
                    break;
                }
            }
            let _ = nix::sys::wait::waitpid(child, None);
            if out.is_empty() {
                anyhow::bail!("no sockets came from the container's network namespace");
            }
            Ok(out)
        }
    }
}
