//! The detached monitor: a fork of the CLI that leaves its session and supervises the
//! container for as long as it lives: logs, exit records, restart policy with docker's
//! back-off, health checks, attach, `--rm`. `run -d` and `start` return once the
//! container's process has exec'd; `run -it`, `start -ai` and runs with a restart
//! policy go through a monitor too and stay attached to it, so the user can detach
//! (or the container restarts) while berth's CLI is gone.

use super::attach::{self, client, server::AttachServer};
use super::health::Checker;
use super::logs::LogWriter;
use super::record::{process_start_time, ContainerDir, ContainerRecord, Status};
use super::supervise::{
    block_signals, dev_null, pipe, prepare, record_exit, start_locked, supervise, Io,
};
use super::Containers;
use crate::sandbox::StartError;
use crate::store::Paths;
use crate::sys::msg::Message;
use anyhow::{bail, Context, Result};
use std::fs::File;
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct MonitorOptions {
    /// An attach client connected from the start (it sees all output).
    pub client: Option<OwnedFd>,
    /// The initial size of the container's terminal.
    pub size: Option<(u16, u16)>,
}

/// Start a created container under a detached monitor; return once it has exec'd.
pub fn start_detached(paths: &Paths, id: &str) -> Result<()> {
    start_monitor(paths, id, MonitorOptions::default())
}

pub fn start_monitor(paths: &Paths, id: &str, opts: MonitorOptions) -> Result<()> {
    let (ready_r, ready_w) = pipe()?;
    // SAFETY: fork is sound here: the CLI is single-threaded when it starts a monitor
    // (registry downloads have joined their threads), and the child becomes the monitor
    // and leaves through `_exit`, never returning into the caller.
    match unsafe { nix::unistd::fork() }.context("fork")? {
        nix::unistd::ForkResult::Child => {
            drop(ready_r);
            // Give back the heap the CLI used: the monitor lives as long as the container.
            // SAFETY: malloc_trim only returns free heap pages to the kernel; it has no
            // preconditions and no live allocation is touched.
            unsafe { libc::malloc_trim(0) };
            let code = match monitor(paths, id, ready_w, opts) {
                Ok(()) => 0,
                Err(e) => {
                    record_error(paths, id, &e);
                    1
                }
            };
            crate::sys::process::exit_now(code)
        }
        nix::unistd::ForkResult::Parent { .. } => {
            drop(ready_w);
            drop(opts.client);
            match Message::recv(&mut File::from(ready_r)) {
                Ok(Some(Message::Ready)) => Ok(()),
                Ok(Some(Message::Failed { code, message })) => {
                    Err(StartError { code, message }.into())
                }
                _ => bail!("the container monitor died during start"),
            }
        }
    }
}

/// The monitor's life: own session, no terminal, output to the log and attach
/// clients; it restarts the container as its restart policy says.
fn monitor(paths: &Paths, id: &str, ready: OwnedFd, opts: MonitorOptions) -> Result<()> {
    let mut ready = Some(File::from(ready));
    let mut first_client = opts.client;
    nix::unistd::setsid()?;
    let null = dev_null()?;
    for fd in 0..3 {
        nix::unistd::dup2(null.as_raw_fd(), fd)?;
    }
    let d = ContainerDir::new(paths, id);
    let rec = d.read_record()?;
    let mut sfd = block_signals()?;
    let mut log = LogWriter::for_container(&d.log(), &rec.host_config.log_config)?;
    let mut server: Option<AttachServer> = None;
    let mut restarts = 0u32;
    let mut delay = Duration::from_millis(100);
    // Attach clients feed a pipe; a terminal is fed through its master.
    let piped_stdin = rec.config.open_stdin && !rec.config.tty;
    // Published ports are bound once and kept across restarts.
    let mut net = match super::supervise::network(&rec) {
        Ok(n) => n,
        Err(e) => {
            let e = super::supervise::start_failed(paths, id, e);
            if let Some(mut r) = ready.take() {
                let message = format!("{e:#}");
                let _ = Message::Failed { code: 125, message }.send(&mut r);
            }
            return Err(e);
        }
    };
    loop {
        let started = Instant::now();
        let res = (|| -> Result<(i32, Io)> {
            let (out_r, out_w) = pipe()?;
            let (err_r, err_w) = pipe()?;
            let (in_r, in_w) = match piped_stdin {
                true => {
                    let (r, w) = pipe()?;
                    (Some(r), Some(w))
                }
                false => (None, None),
            };
            let stdin = in_r.as_ref().map_or(null.as_raw_fd(), |r| r.as_raw_fd());
            let cfg = prepare(
                paths,
                &rec,
                [stdin, out_w.as_raw_fd(), err_w.as_raw_fd()],
                opts.size,
            )?;
            let ports = net.as_ref().map(|n| n.ports()).unwrap_or_default();
            let mut sp = start_locked(paths, id, &cfg, restarts, ports)?;
            if let (Some(n), Some(tun)) = (net.as_mut(), sp.tun.take()) {
                n.attach(sp.pid, tun, std::mem::take(&mut sp.sockets))?;
            }
            let mut io = Io::new(
                sp.console,
                [out_r, err_r],
                rec.config.open_stdin,
                in_w,
                [false, false],
            )?;
            io.oom = sp
                .cgroup
                .as_ref()
                .and_then(crate::sandbox::cgroup::OomWatch::new);
            Ok((sp.pid, io))
        })();
        let (pid, mut io) = match res {
            Ok(v) => v,
            Err(e) => {
                // Removed while we prepared (rm -f won): leave nothing in the runroot.
                if !d.dir.exists() {
                    let _ = std::fs::remove_dir_all(paths.run_container(id));
                }
                if let Some(mut r) = ready.take() {
                    let (code, m) = match e.downcast_ref::<StartError>() {
                        Some(se) => (se.code, se.message.clone()),
                        None => (125, format!("{e:#}")),
                    };
                    let _ = Message::Failed { code, message: m }.send(&mut r);
                }
                return Err(e);
            }
        };
        // Bound only once the container runs: a second `start` that lost the race
        // must not take over the socket.
        let srv = server.get_or_insert_with(|| AttachServer::bind(attach::socket_path(paths, id)));
        if let Some(c) = first_client.take() {
            srv.add_client(c);
        }
        if let Some(mut r) = ready.take() {
            let _ = Message::Ready.send(&mut r);
        }
        // Starting touched much of the binary; the loop needs little of it.
        release_clean_file_pages();
        let health = Checker::new(paths, &rec, pid);
        let code = supervise(
            pid,
            &mut io,
            &mut sfd,
            &mut log,
            health,
            srv,
            rec.config.stdin_once,
            net.as_mut(),
        )?;
        if let Some(n) = net.as_mut() {
            n.detach();
        }
        // Published ports are released before the exit is recorded, so whoever waits
        // for it (`stop`, `wait`) finds them free; kept when a restart follows.
        // `update --restart` may have changed the policy since the start.
        let policy = d
            .read_record()
            .map(|r| r.host_config.restart_policy)
            .unwrap_or_else(|_| rec.host_config.restart_policy.clone());
        let restart_next = d
            .read_state()
            .is_ok_and(|st| policy.wants_restart(code, restarts, st.manually_stopped));
        if !restart_next {
            net = None;
        }
        // Not recorded (a broken disk): reading the state reconciles it as exited.
        let _ = record_exit(paths, id, code, io.oom.as_ref().is_some_and(|w| w.killed));
        let st = match d.read_state() {
            Ok(st) => st,
            // Removed (rm -f) or unreadable: no restart, nothing more to record.
            Err(e) => {
                srv.finish(code);
                return if super::is_gone(&e) { Ok(()) } else { Err(e) };
            }
        };
        if !policy.wants_restart(code, restarts, st.manually_stopped) {
            if rec.host_config.auto_remove {
                match super::volumes::remove_container(paths, id, true, true) {
                    Err(e) if !super::is_gone(&e) => {
                        srv.finish(code);
                        return Err(e);
                    }
                    _ => {}
                }
            }
            srv.finish(code);
            return Ok(());
        }
        srv.finish(code);
        // docker: the delay doubles from 100 ms, back to 100 ms after 10 s of running.
        if started.elapsed() >= Duration::from_secs(10) {
            delay = Duration::from_millis(100);
        }
        match set_restarting(paths, id, true) {
            Err(e) if super::is_gone(&e) => return Ok(()),
            r => r?,
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_secs(60));
        match d.read_state() {
            Err(e) if super::is_gone(&e) => return Ok(()),
            Ok(st) if st.manually_stopped => {
                set_restarting(paths, id, false)?;
                return Ok(());
            }
            r => {
                r?;
            }
        }
        // Ports given up at the exit (no restart was expected then) are bound again.
        if net.is_none() {
            net = super::supervise::network(&rec)?;
        }
        restarts += 1;
    }
}

/// The monitor failed (a restart that could not start, state it could not write): no
/// one else will see the error, so it goes into State.Error and, on stderr, the log.
/// A record that is gone (removed meanwhile) takes nothing.
fn record_error(paths: &Paths, id: &str, e: &anyhow::Error) {
    let d = ContainerDir::new(paths, id);
    if !d.record().exists() {
        return;
    }
    let msg = format!("{e:#}");
    if let Ok(rec) = d.read_record() {
        if let Ok(mut log) = LogWriter::for_container(&d.log(), &rec.host_config.log_config) {
            log.write(1, format!("berth: {msg}\n").as_bytes());
            log.flush();
        }
    }
    let Ok(_lock) = d.lock() else { return };
    if let Ok(mut st) = d.read_state() {
        st.error = msg;
        if !super::supervise::is_alive(&st) || st.monitor_pid == std::process::id() as i32 {
            st.running = false;
            st.restarting = false;
            // A container that ran before is exited, not created, whatever the failed
            // start wrote.
            if st.status != Status::Created || !st.started_at.is_empty() {
                st.status = Status::Exited;
            }
        }
        let _ = d.write_state(&st);
    }
}

/// A foreground session needs a monitor when the container must outlive this CLI: the
/// user may detach from a terminal, or a restart policy restarts it after we return.
pub fn needs_monitor(rec: &ContainerRecord, stdin: bool) -> bool {
    (rec.config.tty && stdin) || rec.host_config.restart_policy.restarts()
}

/// Unmap the pages of read-only file mappings (the binary's and libraries' text and
/// constants) that nothing has written to: they are in the page cache and fault back in
/// when used, so the monitor's resident set becomes what its loop really touches.
fn release_clean_file_pages() {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    let mut current: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let mut parts = line.split_whitespace();
        let first = parts.next().unwrap_or("");
        if let Some((a, b)) = first.split_once('-').filter(|_| !first.ends_with(':')) {
            let perms = parts.next().unwrap_or("");
            let path = parts.nth(3).unwrap_or("");
            current = match (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16)) {
                (Ok(a), Ok(b)) if !perms.contains('w') && path.starts_with('/') => Some((a, b)),
                _ => None,
            };
        } else if first == "Anonymous:" {
            if let (Some((a, b)), Some("0")) = (current.take(), parts.next()) {
                // SAFETY: a clean, read-only, file-backed range of our own address space:
                // dropping its pages loses nothing; touching them again re-reads the file.
                unsafe { libc::madvise(a as *mut libc::c_void, b - a, libc::MADV_DONTNEED) };
            }
        }
    }
    drop(smaps);
    // And the heap that reading smaps (and starting) used.
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it has no
    // preconditions and no live allocation is touched.
    unsafe { libc::malloc_trim(0) };
}

fn set_restarting(paths: &Paths, id: &str, on: bool) -> Result<()> {
    let d = ContainerDir::new(paths, id);
    let _lock = d.lock()?;
    let mut s = d.read_state()?;
    s.restarting = on;
    s.status = if on {
        Status::Restarting
    } else {
        Status::Exited
    };
    // The monitor lives on between runs: ps must not reconcile it away.
    let me = std::process::id() as i32;
    s.monitor_pid = if on { me } else { 0 };
    s.monitor_start = if on {
        process_start_time(me).unwrap_or(0)
    } else {
        0
    };
    d.write_state(&s)
}

/// How a foreground session attaches (`run`, `start -a`, `attach`).
pub struct SessionOptions {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    pub detach_keys: Vec<u8>,
    /// Forward our signals to the container (without a terminal; docker's --sig-proxy).
    pub sig_proxy: bool,
}

/// `run -it`, `start -ai`, or a run with a restart policy: start the container under a
/// monitor with us as its first attach client. Returns the container's exit code, or 0
/// when the user detached.
pub fn run_through_monitor(paths: &Paths, id: &str, o: &SessionOptions) -> Result<i32> {
    let rec = ContainerDir::new(paths, id).read_record()?;
    let (mine, theirs) = crate::sandbox::stream_pair()?;
    let size = if rec.config.tty {
        crate::sandbox::tty::winsize(0)
    } else {
        None
    };
    // Raw mode from before the start, so nothing typed early is echoed twice.
    let _raw = (rec.config.tty && o.stdin)
        .then(|| crate::sandbox::tty::RawMode::enter(0))
        .flatten();
    start_monitor(
        paths,
        id,
        MonitorOptions {
            client: Some(theirs),
            size,
        },
    )?;
    match session(paths, id, std::os::unix::net::UnixStream::from(mine), o)? {
        client::Outcome::Exited(c) => Ok(c),
        client::Outcome::Detached => Ok(0),
        client::Outcome::Lost => Ok(last_exit_code(paths, id)),
        client::Outcome::Signaled(s) => Ok(128 + s),
    }
}

/// Relay between the user and an attach socket.
pub fn session(
    paths: &Paths,
    id: &str,
    sock: std::os::unix::net::UnixStream,
    o: &SessionOptions,
) -> Result<client::Outcome> {
    let rec = ContainerDir::new(paths, id).read_record()?;
    let ctrs = Containers::new(paths);
    let proxy = |sig: i32| {
        if let Ok(l) = ctrs.load(id) {
            if l.state.pid > 0 && process_start_time(l.state.pid) == Some(l.state.pid_start) {
                // The container's process, identified by pid and start time just before.
                crate::sys::signal::send(l.state.pid, sig);
            }
        }
    };
    let opts = client::ClientOptions {
        stdin: o.stdin,
        tty: rec.config.tty,
        detach_keys: Some(o.detach_keys.clone()),
        stdout: o.stdout,
        stderr: o.stderr,
        proxy: o.sig_proxy.then_some(&proxy as &dyn Fn(i32)),
    };
    client::relay(sock, &opts)
}

/// The recorded exit code, once the container is no longer running (after its
/// supervisor went away without telling us).
pub fn last_exit_code(paths: &Paths, id: &str) -> i32 {
    let ctrs = Containers::new(paths);
    for _ in 0..100 {
        match ctrs.load(id) {
            Ok(l) if !l.state.running => return l.state.exit_code,
            Ok(_) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => return 125,
        }
    }
    125
}
