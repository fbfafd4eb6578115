//! `exec` into a running container: the same user, capabilities, seccomp profile and
//! environment as the container's own process, unless flags say otherwise.

use super::record::ContainerRecord;
use super::{spec, user, Containers};
use crate::sandbox::exec::{self, ExecConfig};
use crate::store::Paths;
use crate::sys::idmap::IdMap;
use anyhow::{bail, Context, Result};
use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::signalfd::SignalFd;
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};

#[derive(Debug, Default, Clone)]
pub struct ExecOptions {
    pub command: Vec<String>,
    pub interactive: bool,
    pub tty: bool,
    pub detach: bool,
    /// With `-it` on a terminal: the sequence that leaves the command running.
    pub detach_keys: Vec<u8>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<std::path::PathBuf>,
    pub privileged: bool,
}

/// Run a command in container `id`; returns its exit code (0 at once with `detach`).
pub fn exec(paths: &Paths, id: &str, o: &ExecOptions) -> Result<i32> {
    let ctrs = Containers::new(paths);
    let l = ctrs.load(id)?;
    if !l.state.running {
        bail!("container {} is not running", l.rec.name);
    }
    if l.state.paused {
        bail!(
            "container {} is paused, unpause the container before exec",
            l.rec.name
        );
    }
    // No fd of ours reaches the container: output comes back through pipes (or the
    // command's own terminal with -t), input goes through a pipe with -i.
    let null = std::fs::File::open("/dev/null")?;
    // A terminal needs someone to hold its master: not for -d.
    let tty = o.tty && !o.detach;
    let pipes = (!o.detach && !tty)
        .then(|| Pipes::new(o.interactive))
        .transpose()?;
    let stdio = match &pipes {
        Some(p) => p.child_ends(null.as_raw_fd()),
        None => [null.as_raw_fd(); 3],
    };
    let mut cfg = exec_config(paths, &l.rec, l.state.pid, o, stdio)?;
    cfg.cgroup = crate::sandbox::cgroup::Leaf::open(&l.state.cgroup).map(|c| c.path);
    if tty {
        cfg.tty = true;
        cfg.size = crate::sandbox::tty::winsize(0);
        if !cfg.env.iter().any(|e| e.starts_with("TERM=")) {
            cfg.env.push("TERM=xterm".into());
        }
    }
    let sfd = if o.detach {
        None
    } else {
        Some(block_signals()?)
    };
    let _raw = (tty && o.interactive)
        .then(|| crate::sandbox::tty::RawMode::enter(0))
        .flatten();
    let mut p = exec::spawn(&cfg)?;
    if o.detach {
        return Ok(0);
    }
    let sfd = sfd.expect("signals blocked");
    let Some(master) = p.console.take() else {
        let pipes = pipes.context("exec without a terminal has pipes")?;
        return relay_pipes(p, pipes, sfd);
    };
    let keys = (o.interactive && _raw.is_some()).then(|| o.detach_keys.clone());
    match terminal_session(&p, master, o.interactive, keys, sfd)? {
        Some(code) => Ok(code),
        None => {
            // docker's words and status when an exec session is detached.
            drop(_raw);
            eprintln!("read escape sequence");
            Ok(1)
        }
    }
}

/// What an exec'd process is: the container's user, env, caps and seccomp unless the
/// options say otherwise. `pid`: the container's init.
pub fn exec_config(
    paths: &Paths,
    rec: &ContainerRecord,
    pid: i32,
    o: &ExecOptions,
    stdio: [i32; 3],
) -> Result<ExecConfig> {
    let (uid, gid, groups, home) = match &o.user {
        Some(u) => {
            let passwd = user::read_container_file(pid, "etc/passwd");
            let group = user::read_container_file(pid, "etc/group");
            // docker: the exec'd command cannot be run as that user, 126.
            let r = user::resolve(u, passwd.as_deref(), group.as_deref(), &[]).map_err(|e| {
                crate::sandbox::StartError {
                    code: 126,
                    message: format!("{e:#}"),
                }
            })?;
            (r.uid, r.gid, r.groups, r.home)
        }
        None => (
            rec.resolved_uid,
            rec.resolved_gid,
            rec.resolved_groups.clone(),
            rec.resolved_home.clone(),
        ),
    };
    let env = merge_env(spec::process_env(rec, &home), &o.env, &o.env_files)?;
    let caps = if o.privileged {
        crate::sandbox::caps::effective_set(&[], &[], true)?
    } else {
        rec.caps.clone()
    };
    let seccomp = match o.privileged {
        true => None,
        false => rec
            .seccomp_profile
            .program_cached(&rec.caps, &paths.runroot)?,
    };
    let single_map = paths.rootless && IdMap::current().sub.is_none();
    Ok(ExecConfig {
        target_pid: pid,
        args: o.command.clone(),
        env,
        cwd: o.workdir.clone().unwrap_or_else(|| workdir(rec)),
        uid,
        gid,
        groups: (!single_map && !spec::keeps_groups(rec)).then_some(groups),
        caps,
        seccomp,
        no_new_privileges: rec.no_new_privileges,
        stdio,
        userns: paths.rootless,
        tty: false,
        size: None,
        cgroup: None,
    })
}

fn workdir(rec: &ContainerRecord) -> String {
    if rec.config.working_dir.is_empty() {
        "/".into()
    } else {
        rec.config.working_dir.clone()
    }
}

fn merge_env(
    mut env: Vec<String>,
    extra: &[String],
    files: &[std::path::PathBuf],
) -> Result<Vec<String>> {
    let mut add = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading env file {}", f.display()))?;
        add.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    add.extend(extra.iter().cloned());
    for e in add {
        let kv = match e.split_once('=') {
            Some(_) => e.clone(),
            None => match std::env::var(&e) {
                Ok(v) => format!("{e}={v}"),
                Err(_) => continue,
            },
        };
        let k = kv.split('=').next().unwrap_or("").to_string();
        if k.is_empty() {
            anyhow::bail!("invalid environment variable: {e}");
        }
        env.retain(|x| x.split('=').next() != Some(k.as_str()));
        env.push(kv);
    }
    Ok(env)
}

fn block_signals() -> Result<SignalFd> {
    super::poll::signalfd(&[nix::sys::signal::Signal::SIGCHLD])
}

/// The pipes between us and an exec'd command without a terminal.
struct Pipes {
    stdin: Option<(OwnedFd, OwnedFd)>,
    stdout: (OwnedFd, OwnedFd),
    stderr: (OwnedFd, OwnedFd),
}

impl Pipes {
    fn new(interactive: bool) -> Result<Pipes> {
        let pipe = || nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe");
        Ok(Pipes {
            stdin: interactive.then(pipe).transpose()?,
            stdout: pipe()?,
            stderr: pipe()?,
        })
    }

    /// The command's fds 0, 1, 2 (stdin from /dev/null without -i).
    fn child_ends(&self, null: RawFd) -> [RawFd; 3] {
        [
            self.stdin.as_ref().map_or(null, |(r, _)| r.as_raw_fd()),
            self.stdout.1.as_raw_fd(),
            self.stderr.1.as_raw_fd(),
        ]
    }
}

/// Copy the command's output to ours and our input (with -i) to it, forward our
/// signals, until it has exited and its output is drained. Output written after the
/// command's exit by something it left running is not waited for.
fn relay_pipes(p: exec::ExecProcess, pipes: Pipes, sfd: SignalFd) -> Result<i32> {
    use std::io::{Read, Write};
    let relay = nix::unistd::Pid::from_raw(p.relay);
    let Pipes {
        stdin,
        stdout,
        stderr,
    } = pipes;
    // Only our ends stay open here.
    let mut input = stdin.map(|(_, w)| std::fs::File::from(w));
    let mut outputs = [
        Some(std::fs::File::from(stdout.0)),
        Some(std::fs::File::from(stderr.0)),
    ];
    drop((stdout.1, stderr.1));
    if let Some(i) = &input {
        set_nonblocking(i.as_raw_fd())?;
    }
    let our_stdin = std::io::stdin();
    let mut pending: Vec<u8> = Vec::new();
    let mut reading = input.is_some();
    let mut status = None;
    let mut buf = vec![0u8; 64 * 1024];
    while outputs.iter().any(Option::is_some) {
        let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        let mut slots = [None, None];
        for (i, o) in outputs.iter().enumerate() {
            if let Some(f) = o {
                fds.push(PollFd::new(f.as_fd(), PollFlags::POLLIN));
                slots[i] = Some(fds.len() - 1);
            }
        }
        let stdin_slot = (reading && pending.is_empty()).then(|| {
            fds.push(PollFd::new(our_stdin.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let sink_slot = match (&input, pending.is_empty()) {
            (Some(i), false) => {
                fds.push(PollFd::new(i.as_fd(), PollFlags::POLLOUT));
                Some(fds.len() - 1)
            }
            _ => None,
        };
        // Once the command is gone, take what its pipes hold and no more.
        let timeout = if status.is_some() {
            PollTimeout::ZERO
        } else {
            PollTimeout::NONE
        };
        let rev = super::poll::wait(fds, timeout)?;
        if status.is_some() && rev.iter().all(|r| r.is_empty()) {
            break;
        }
        let ready = super::poll::READY;
        for (i, slot) in slots.iter().enumerate() {
            let Some(k) = slot else { continue };
            if !rev[*k].intersects(ready) {
                continue;
            }
            let f = outputs[i].as_mut().context("open output")?;
            match f.read(&mut buf) {
                Ok(0) | Err(_) => outputs[i] = None,
                Ok(n) => {
                    let w: &mut dyn Write = if i == 0 {
                        &mut std::io::stdout()
                    } else {
                        &mut std::io::stderr()
                    };
                    let _ = w.write_all(&buf[..n]);
                    let _ = w.flush();
                }
            }
        }
        if stdin_slot.is_some_and(|k| rev[k].intersects(ready)) {
            match our_stdin.lock().read(&mut buf) {
                Ok(0) | Err(_) => {
                    reading = false;
                }
                Ok(n) => pending.extend_from_slice(&buf[..n]),
            }
        }
        if let Some(i) = input.as_mut() {
            while !pending.is_empty() {
                match i.write(&pending) {
                    Ok(n) if n > 0 => {
                        pending.drain(..n);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                    // The command closed its stdin: drop what it will never read.
                    _ => {
                        pending.clear();
                        reading = false;
                    }
                }
            }
        }
        let _ = sink_slot;
        // End of our input: the command sees end of file.
        if !reading && pending.is_empty() {
            input = None;
        }
        if rev[0].contains(PollFlags::POLLIN) {
            while let Ok(Some(si)) = sfd.read_signal() {
                forward(&p, si.ssi_signo as i32);
            }
        }
        if status.is_none() {
            status = reaped(relay)?;
        }
    }
    loop {
        if let Some(code) = status {
            return Ok(code);
        }
        // Outputs closed before the exit was seen: wait for it, still forwarding.
        super::poll::wait(
            vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)],
            PollTimeout::from(100u16),
        )?;
        while let Ok(Some(si)) = sfd.read_signal() {
            forward(&p, si.ssi_signo as i32);
        }
        status = reaped(relay)?;
    }
}

fn set_nonblocking(fd: RawFd) -> Result<()> {
    use nix::fcntl::{fcntl, FcntlArg, OFlag};
    let fl = OFlag::from_bits_truncate(fcntl(fd, FcntlArg::F_GETFL)?);
    fcntl(fd, FcntlArg::F_SETFL(fl | OFlag::O_NONBLOCK))?;
    Ok(())
}

/// `exec -t`: copy the terminal's output to ours, our input (with -i) to it, our
/// window size and signals to it, until the command has exited and its output is
/// drained. None: the user typed the detach keys and the command runs on.
fn terminal_session(
    p: &exec::ExecProcess,
    master: std::os::fd::OwnedFd,
    interactive: bool,
    detach_keys: Option<Vec<u8>>,
    sfd: SignalFd,
) -> Result<Option<i32>> {
    use std::io::{Read, Write};
    let relay = nix::unistd::Pid::from_raw(p.relay);
    let mut m = std::fs::File::from(master);
    crate::sandbox::tty::copy_winsize(0, m.as_raw_fd());
    let stdin = std::io::stdin();
    let mut reading = interactive;
    let mut status = None;
    let mut open = true;
    let mut buf = vec![0u8; 32 * 1024];
    let mut out = std::io::stdout();
    let mut matcher = detach_keys.map(super::attach::keys::Matcher::new);
    while open || status.is_none() {
        let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        let master_slot = open.then(|| {
            fds.push(PollFd::new(m.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let stdin_slot = reading.then(|| {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let rev = super::poll::wait(fds, PollTimeout::NONE)?;
        let ready = super::poll::READY;
        if master_slot.is_some_and(|i| rev[i].intersects(ready)) {
            match m.read(&mut buf) {
                // EIO once the last slave is closed.
                Ok(0) | Err(_) => open = false,
                Ok(n) => {
                    let _ = out.write_all(&buf[..n]);
                    let _ = out.flush();
                }
            }
        }
        if stdin_slot.is_some_and(|i| rev[i].intersects(ready)) {
            match stdin.lock().read(&mut buf) {
                Ok(0) | Err(_) => reading = false,
                Ok(n) => {
                    let (data, detach) = match matcher.as_mut() {
                        Some(k) => k.feed(&buf[..n]),
                        None => (buf[..n].to_vec(), false),
                    };
                    let _ = m.write_all(&data);
                    if detach {
                        hold_terminal(m);
                        return Ok(None);
                    }
                }
            }
        }
        if rev[0].contains(PollFlags::POLLIN) {
            while let Ok(Some(si)) = sfd.read_signal() {
                match si.ssi_signo as i32 {
                    libc::SIGCHLD => {}
                    libc::SIGWINCH => crate::sandbox::tty::copy_winsize(0, m.as_raw_fd()),
                    sig => forward(p, sig),
                }
            }
        }
        if status.is_none() {
            status = reaped(relay)?;
        }
    }
    Ok(Some(status.unwrap_or(255)))
}

/// After a detach, someone must keep the terminal's master open (or the command gets
/// SIGHUP) and drain it (or the command blocks on a full terminal): a small process of
/// its own session that does only that until the command's last holder of the slave is gone.
fn hold_terminal(master: std::fs::File) {
    use std::io::Read;
    // SAFETY: fork is sound here: `exec` runs no threads of its own (the CLI process is
    // single-threaded), and the child only reads the master and `_exit`s.
    if let Ok(nix::unistd::ForkResult::Child) = unsafe { nix::unistd::fork() } {
        let _ = nix::unistd::setsid();
        if let Ok(null) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
        {
            for fd in 0..3 {
                let _ = nix::unistd::dup2(null.as_raw_fd(), fd);
            }
        }
        let mut m = master;
        let mut buf = [0u8; 4096];
        while matches!(m.read(&mut buf), Ok(n) if n > 0) {}
        crate::sys::process::exit_now(0)
    }
}

/// The relay's exit status (the command's), once it has exited.
fn reaped(relay: nix::unistd::Pid) -> Result<Option<i32>> {
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    Ok(match waitpid(relay, Some(WaitPidFlag::WNOHANG))? {
        WaitStatus::Exited(_, c) => Some(c),
        WaitStatus::Signaled(_, s, _) => Some(128 + s as i32),
        _ => None,
    })
}

fn forward(p: &exec::ExecProcess, sig: i32) {
    if sig != libc::SIGCHLD && sig != libc::SIGWINCH && p.pid > 0 {
        crate::sys::signal::send(p.pid, sig);
    }
}
