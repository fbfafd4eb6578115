//! `exec`: a new process inside a running container. A first child joins the
//! container's namespaces (the user namespace first); joining a pid namespace only
//! applies to children, so it forks the process that drops privileges like the
//! container did and execs. The first child relays the exit status.

use super::child::{cstrings, drop_privileges, exec_failure, resolve_program, Fail};
use crate::sys::msg::Message;
use anyhow::{Context, Result};
use rustix::process::{waitpid, WaitOptions};
use std::fs::File;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

pub struct ExecConfig {
    /// Host pid of the container's init.
    pub target_pid: i32,
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub cwd: String,
    pub uid: u32,
    pub gid: u32,
    /// None: setgroups is denied (one-id mapping).
    pub groups: Option<Vec<u32>>,
    pub caps: Vec<String>,
    pub seccomp: Option<super::seccomp::Program>,
    pub no_new_privileges: bool,
    pub stdio: [RawFd; 3],
    /// Rootless: the container has its own user namespace to join.
    pub userns: bool,
    /// `-t`: a new terminal from the container's devpts (with this initial size).
    pub tty: bool,
    pub size: Option<(u16, u16)>,
    /// The container's cgroup leaf: the command runs in it, as docker's exec does.
    pub cgroup: Option<std::path::PathBuf>,
}

/// A started exec: `relay` is the first child (wait for it: its status is the
/// command's), `pid` the command itself (signal it).
pub struct ExecProcess {
    pub relay: i32,
    pub pid: i32,
    /// With `tty`: the terminal's master.
    pub console: Option<OwnedFd>,
}

const NAMESPACES: [&str; 6] = ["ipc", "uts", "net", "pid", "cgroup", "mnt"];

pub fn spawn(cfg: &ExecConfig) -> Result<ExecProcess> {
    let (err_r, err_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let (pid_r, pid_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let console = cfg.tty.then(super::stream_pair).transpose()?;
    // Namespace fds are opened here, where /proc is the host's. Only the namespaces
    // the container has of its own are joined: one it shares with us (the host's
    // network with `--network host`) may belong to a user namespace above the
    // container's, which cannot join it (EPERM), and needs no joining.
    let mut ns: Vec<(File, &str)> = Vec::new();
    if cfg.userns {
        ns.push((crate::sys::ns::open(cfg.target_pid, "user")?, "user"));
    }
    for n in NAMESPACES {
        let f = crate::sys::ns::open(cfg.target_pid, n)?;
        if !crate::sys::ns::is_ours(&f, n) {
            ns.push((f, n));
        }
    }
    // SAFETY: the process is single-threaded here (berth's only threads are the
    // registry's scoped pull/push workers, joined before their scope returns), so the
    // child's copy holds no lock another thread had taken; it only joins namespaces,
    // forks and `_exit`s, never returning into the CLI.
    match unsafe { nix::unistd::fork() }.context("fork")? {
        nix::unistd::ForkResult::Child => {
            drop(err_r);
            drop(pid_r);
            let code = relay(cfg, &ns, err_w, pid_w, console.map(|(_, c)| c));
            // Leave without running the CLI's exit path.
            crate::sys::process::exit_now(code)
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(err_w);
            drop(pid_w);
            let console = console.map(|(mine, theirs)| {
                drop(theirs);
                mine
            });
            // The command's pid (none if the relay failed before forking it), then the
            // error pipe: closed with no message once the command has exec'd.
            let pid = match Message::recv(&mut File::from(pid_r)) {
                Ok(Some(Message::Pid(p))) => p,
                _ => 0,
            };
            let failed = match Message::recv(&mut File::from(err_r)) {
                Ok(None) => None,
                Ok(Some(Message::Failed { code, message })) => Some((code, message)),
                Ok(Some(other)) => Some((125, format!("unexpected exec message {other:?}"))),
                Err(e) => Some((125, format!("reading the exec's setup report: {e}"))),
            };
            if let Some((code, message)) = failed {
                let _ = nix::sys::wait::waitpid(child, None);
                return Err(super::StartError { code, message }.into());
            }
            let console = match &console {
                Some(sock) => super::tty::receive_master(sock)?,
                None => None,
            };
            Ok(ExecProcess {
                relay: child.as_raw(),
                pid,
                console,
            })
        }
    }
}

/// The first child: join, fork the command, report its pid, relay its status.
fn relay(
    cfg: &ExecConfig,
    ns: &[(File, &str)],
    err: OwnedFd,
    pid_w: OwnedFd,
    console: Option<OwnedFd>,
) -> i32 {
    let mut errf = File::from(err);
    // The container's cgroup.procs, opened while its path is in view: the command moves
    // itself there before it runs (the kernel checks the opener's credentials and cgroup
    // namespace). The relay stays out: in a frozen (paused) cgroup it would freeze before
    // reporting the pid, and its caller with it. Moving needs write access to the common
    // ancestor's cgroup.procs: from outside the delegated tree (an ssh session's scope,
    // with systemd's scopes) the command runs where exec was called, not refused.
    let procs = cfg.cgroup.as_ref().and_then(|leaf| {
        std::fs::OpenOptions::new()
            .write(true)
            .open(leaf.join("cgroup.procs"))
            .ok()
    });
    for (f, name) in ns {
        if let Err(e) = nix::sched::setns(f, nix::sched::CloneFlags::empty()) {
            let _ = Message::Failed {
                code: 125,
                message: format!("joining the container's {name} namespace: {e}"),
            }
            .send(&mut errf);
            return 125;
        }
    }
    // SAFETY: this process is a fork of the single-threaded CLI and started no threads,
    // so the grandchild inherits no lock held elsewhere; it execs or `_exit`s.
    match unsafe { nix::unistd::fork() } {
        Err(_) => {
            let _ = Message::Failed {
                code: 125,
                message: "fork failed".into(),
            }
            .send(&mut errf);
            125
        }
        Ok(nix::unistd::ForkResult::Child) => {
            drop(pid_w);
            if let Some(mut p) = procs {
                let _ = std::io::Write::write_all(&mut p, b"0");
            }
            let f = command(cfg, console.as_ref().map(|c| c.as_raw_fd()));
            let _ = Message::Failed {
                code: f.code,
                message: f.message,
            }
            .send(&mut errf);
            // Leave the failed child.
            crate::sys::process::exit_now(f.code)
        }
        Ok(nix::unistd::ForkResult::Parent { child }) => {
            drop(errf);
            drop(console);
            drop(procs);
            let _ = Message::Pid(child.as_raw()).send(&mut File::from(pid_w));
            // Hold nothing of the CLI's while waiting: a copy of the write end of the
            // command's stdin here would keep it from ever seeing end of file. Nothing
            // owned is dropped after this (the caller `_exit`s).
            // SAFETY: every owner of an fd from 3 up still alive here lives in a frame
            // of this forked child that never runs again: relay's caller `_exit`s as
            // soon as it returns, dropping nothing (the namespace files in `ns`
            // included), and the CLI's frames above it are never returned to. Only
            // waitpid follows, which uses no fd. Stdio (0-2) stays.
            let _ = unsafe { crate::sys::fd::close_range(3) };
            // rustix, not nix: nix's waitpid fails on a death by a real-time signal
            // (no `Signal` for it) instead of reporting it. A failed wait leaves the
            // status word 0 (exit 0), as it always did.
            let status = rustix::process::Pid::from_raw(child.as_raw())
                .and_then(|p| waitpid(Some(p), WaitOptions::empty()).ok().flatten())
                .map_or(0, |(_, st)| st.as_raw());
            super::child::exit_code(status)
        }
    }
}

/// In the container's pid namespace: become the container's process and exec.
fn command(cfg: &ExecConfig, console: Option<RawFd>) -> Fail {
    let res = (|| -> Result<std::convert::Infallible, Fail> {
        let _ = nix::sys::signal::sigprocmask(
            nix::sys::signal::SigmaskHow::SIG_SETMASK,
            Some(&nix::sys::signal::SigSet::empty()),
            None,
        );
        nix::unistd::chdir(cfg.cwd.as_str()).map_err(|e| Fail {
            code: 125,
            message: format!("cannot enter working directory {}: {e}", cfg.cwd),
        })?;
        for (i, fd) in cfg.stdio.iter().enumerate() {
            if *fd != i as i32 && nix::unistd::dup2(*fd, i as i32).is_err() {
                return Err(Fail {
                    code: 125,
                    message: "dup2 failed".into(),
                });
            }
        }
        // A session of its own, so the caller's terminal is never its controlling
        // terminal; with -t, its own terminal's slave becomes that.
        nix::unistd::setsid().map_err(|e| Fail {
            code: 125,
            message: format!("setsid: {e}"),
        })?;
        if let Some(sock) = console {
            super::tty::setup_in_container(sock, cfg.size).map_err(|e| Fail {
                code: 125,
                message: format!("{e:#}"),
            })?;
        }
        let path_var = cfg
            .env
            .iter()
            .find_map(|e| e.strip_prefix("PATH="))
            .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .to_string();
        let cargs = cstrings(&cfg.args, "argument")?;
        let cenv = cstrings(&cfg.env, "environment variable")?;
        let program = resolve_program(&cfg.args, &path_var)?;
        drop_privileges(
            &cfg.caps,
            cfg.no_new_privileges,
            cfg.seccomp.as_ref(),
            cfg.groups.as_deref(),
            cfg.uid,
            cfg.gid,
        )?;
        let _ = crate::sys::fd::close_range_cloexec(3);
        let e = nix::unistd::execve(&program, &cargs, &cenv).unwrap_err();
        Err(exec_failure(&cfg.args[0], e))
    })();
    match res {
        Ok(never) => match never {},
        Err(f) => f,
    }
}
