//! Supervising a container's process: the foreground CLI (`run`, `start -a`) or a
//! detached monitor (`run -d`, `start`) copies its output to the terminal and/or the
//! log, forwards signals, and records its exit. One poll loop over the output pipes and
//! a signalfd, so a later user-mode network can live in the same loop.

use super::attach::{self, server::AttachServer, server::Input};
use super::health::Checker;
use super::logs::LogWriter;
use super::record::{process_start_time, ContainerDir, ContainerRecord, ContainerState, Status};
use super::{spec, Containers};
use crate::image::layer::UnpackOptions;
use crate::image::ImageStore;
use crate::network::{NetOptions, Translator};
use crate::sandbox::{self, SandboxConfig, StartError};
use crate::store::time::now_rfc3339;
use crate::store::Paths;
use crate::sys::idmap::IdMap;
use anyhow::{bail, Context, Result};
use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::signal::Signal;
use nix::sys::signalfd::SignalFd;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};

use crate::store::owner::alive;

/// Is the container's supervisor or process still there (same pid, same start time)?
pub fn is_alive(s: &ContainerState) -> bool {
    alive(s.monitor_pid, s.monitor_start) || alive(s.pid, s.pid_start)
}

/// Is the container's own process still there?
pub fn process_alive(s: &ContainerState) -> bool {
    alive(s.pid, s.pid_start)
}

/// SIGKILL the container's process (its init: the pid namespace goes with it) and wait
/// until it is gone. The caller holds the container's lock: the supervisor records the
/// exit after it.
pub fn kill_locked(s: &ContainerState) -> Result<()> {
    if !process_alive(s) {
        // Its init is gone, maybe not its leaf (`--pid host` children).
        if let Some(l) = sandbox::cgroup::Leaf::open(&s.cgroup) {
            l.kill();
            l.remove();
        }
        return Ok(());
    }
    // The container's init, identified by pid and start time (and, on the host's pid
    // namespace, where its death takes nothing with it, its descendants); with a cgroup,
    // every process in it (cgroup.kill: none escapes, frozen or not).
    let leaf = sandbox::cgroup::Leaf::open(&s.cgroup);
    if let Some(l) = &leaf {
        l.kill();
    }
    kill_tree(s.pid);
    for _ in 0..500 {
        if !process_alive(s) {
            // rm -f removes the record before the supervisor could: the leaf goes here.
            if let Some(l) = &leaf {
                l.remove();
            }
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    bail!("container process {} did not die after SIGKILL", s.pid)
}

/// SIGKILL process `pid` and, when it is on our (the host's) pid namespace — `--pid host`:
/// no namespace ends with it, and no cgroup holds its processes —, its descendants, found
/// before it dies (its orphans would be the host init's children after).
pub fn kill_tree(pid: i32) {
    let ns = |p: &str| std::fs::read_link(format!("/proc/{p}/ns/pid")).ok();
    let shared = ns(&pid.to_string()).is_some_and(|n| Some(n) == ns("self"));
    let tree = if shared {
        super::stats::members(pid)
    } else {
        vec![pid]
    };
    crate::sys::signal::kill9(pid);
    for p in tree.into_iter().filter(|p| *p != pid) {
        crate::sys::signal::kill9(p);
    }
}

/// SIGKILL processes found by `processes_using` and wait (10 s at most) until they are gone.
pub fn kill_pids(pids: &[(i32, u64)]) -> Result<()> {
    for (p, _) in pids {
        // Identified by pid and start time just before.
        crate::sys::signal::kill9(*p);
    }
    for _ in 0..500 {
        if pids.iter().all(|(p, t)| !alive(*p, *t)) {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    bail!("processes of the container did not die after SIGKILL")
}

/// Processes (pid, start time) that hold a file of the container `dir` open for writing
/// (its supervisor writes the log) or have it mounted (its process runs on the overlay whose
/// upper dir is there): how a container with a damaged record is still found.
pub fn processes_using(dir: &std::path::Path) -> Vec<(i32, u64)> {
    let me = std::process::id() as i32;
    let needle = dir.as_os_str().as_encoded_bytes();
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return vec![];
    };
    let mut out = Vec::new();
    for e in rd.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Some(start) = process_start_time(pid) else {
            continue;
        };
        // Written to, not only read: a `logs -f` reader is not the container's.
        let writes = |fd: &std::ffi::OsStr| {
            std::fs::read_to_string(e.path().join("fdinfo").join(fd)).is_ok_and(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("flags:"))
                    .and_then(|f| i32::from_str_radix(f.trim(), 8).ok())
                    .is_some_and(|f| f & libc::O_ACCMODE != libc::O_RDONLY)
            })
        };
        let uses_fd = std::fs::read_dir(e.path().join("fd")).is_ok_and(|fds| {
            fds.flatten().any(|f| {
                std::fs::read_link(f.path()).is_ok_and(|t| t.starts_with(dir))
                    && writes(&f.file_name())
            })
        });
        let mounts = || {
            std::fs::read(e.path().join("mountinfo"))
                .is_ok_and(|m| m.windows(needle.len()).any(|w| w == needle))
        };
        if uses_fd || mounts() {
            out.push((pid, start));
        }
    }
    out
}

/// Build the sandbox input for a container. `size`: a terminal's initial size.
/// The container dies with its supervisor (PR_SET_PDEATHSIG): no one would record its
/// exit or drain its output otherwise.
pub(super) fn prepare(
    paths: &Paths,
    rec: &ContainerRecord,
    stdio: [i32; 3],
    size: Option<(u16, u16)>,
) -> Result<SandboxConfig> {
    // `--network container:X`: X's network, X running (docker's words otherwise); one
    // that is the host's own is shared as with `--network host` (`Namespaces::resolve`).
    let net = match rec.host_config.network_mode.container() {
        Some(target) => {
            let t = Containers::new(paths).load(target)?;
            if !t.state.running || t.state.pid <= 0 {
                bail!("cannot join network of a non running container: {target}");
            }
            sandbox::Share::Join(t.state.pid)
        }
        None if rec.host_config.network_mode == crate::network::NetworkMode::Host => {
            sandbox::Share::Host
        }
        None => sandbox::Share::Own,
    };
    let hc = &rec.host_config;
    let namespaces = sandbox::Namespaces {
        cgroup_host: hc.cgroupns_mode == "host",
        ..super::namespaces::for_start(paths, net, &hc.pid_mode, &hc.ipc_mode, &hc.uts_mode)?
    };
    // docker: `--ipc container:X` shares X's /dev/shm too.
    let shared_shm = match (namespaces.ipc, super::namespaces::target(&hc.ipc_mode)) {
        (sandbox::Share::Join(pid), Some(id)) => Some(
            sandbox::join::clone_shm(pid)
                .with_context(|| format!("can't join IPC of container {id}"))?,
        ),
        _ => None,
    };
    let d = ContainerDir::new(paths, &rec.id);
    let target = paths.run_container(&rec.id).join("merged");
    std::fs::create_dir_all(&target).with_context(|| format!("creating {}", target.display()))?;
    let env = spec::process_env(rec, &rec.resolved_home);
    let etc_dir = paths.container(rec.etc_owner());
    let mut spec = spec::build(rec, &etc_dir, &target, env)?;
    let cgroup = cgroup_request(rec)?;
    // In its own cgroup namespace, the container sees its leaf as /sys/fs/cgroup
    // (read-only, as docker mounts it).
    if cgroup.is_some() && hc.cgroupns_mode != "host" {
        let m = spec::mount(
            "/sys/fs/cgroup",
            "cgroup2",
            "cgroup",
            &["nosuid", "noexec", "nodev", "relatime", "ro"],
        )?;
        let mut mounts = spec.mounts().clone().unwrap_or_default();
        let at = mounts
            .iter()
            .position(|m| m.destination() == std::path::Path::new("/sys"))
            .map_or(mounts.len(), |i| i + 1);
        mounts.insert(at, m);
        spec.set_mounts(Some(mounts));
    }
    if let (true, Some((rows, cols))) = (rec.config.tty, size) {
        if let Some(p) = spec.process_mut() {
            let b = oci_spec::runtime::BoxBuilder::default()
                .height(rows as u64)
                .width(cols as u64)
                .build()?;
            p.set_console_size(Some(b));
        }
    }
    let seccomp = rec
        .seccomp_profile
        .program_cached(&rec.caps, &paths.runroot)?;
    let rootless = paths.rootless;
    let keep_id = super::userns::keep_id(&rec.host_config.userns_mode, super::userns::own_ids());
    let idmap = match (rootless, keep_id) {
        (true, Some((uid, gid))) => Some(IdMap::current().keep_id(uid, gid)?),
        (true, None) => Some(IdMap::current()),
        (false, _) => None,
    };
    if let Some(m) = &idmap {
        m.warn_if_single(&paths.runroot);
    }
    let rootfs = super::rootfs::driver_rootfs(paths, rec, &d, target)?;
    let vols = crate::storage::volume::Volumes::new(paths);
    let volumes = rec
        .mounts
        .iter()
        .filter(|m| (m.kind == "volume" && m.copy_up) || m.chown)
        .map(|m| sandbox::VolumePrep {
            destination: m.destination.clone(),
            source: m.source.clone().into(),
            volume_dir: (m.kind == "volume" && m.copy_up).then(|| vols.dir(&m.name)),
            chown: m.chown.then_some((rec.resolved_uid, rec.resolved_gid)),
        })
        .collect();
    Ok(SandboxConfig {
        cgroup,
        spec,
        volumes,
        rootfs,
        seccomp,
        caps: rec.caps.clone(),
        stdio,
        namespaces,
        tun: (rec.host_config.network_mode == crate::network::NetworkMode::Bridge)
            .then(crate::network::tun_config),
        die_with_parent: true,
        idmap,
        init: rec.init,
        shared_shm,
    })
}

/// The container's leaf, where a delegated cgroup v2 tree exists (limits or not: the
/// freezer, cgroup.kill and stats use it); its limits need one.
fn cgroup_request(rec: &ContainerRecord) -> Result<Option<sandbox::CgroupRequest>> {
    if rec.no_cgroup {
        return Ok(None);
    }
    let r = &rec.host_config.resources;
    let host = match sandbox::cgroup::Host::detect() {
        Ok(h) => h,
        Err(_) => {
            // Refused at create; a host that lost its delegation since says why.
            super::resources::check_host(r, false)?;
            return Ok(None);
        }
    };
    super::resources::check_on(&host, r)?;
    let parent = (!r.cgroup_parent.is_empty()).then(|| r.cgroup_parent.clone());
    let limits = super::resources::limits(r)?;
    Ok(Some(sandbox::CgroupRequest {
        host,
        id: rec.id.clone(),
        // Without limits a leaf is a convenience (freezer, cgroup.kill, stats): a host
        // whose delegation does not work for it still runs the container.
        required: !limits.is_empty() || parent.is_some(),
        parent,
        limits,
    }))
}

/// The default network's translator, its published ports bound (a port in use fails
/// the start here, before the container exists as a process). None for the other modes.
pub(super) fn network(rec: &ContainerRecord) -> Result<Option<Translator>> {
    if rec.host_config.network_mode != "bridge" {
        return Ok(None);
    }
    let listeners = crate::network::listen::bind_all(&rec.port_bindings())?;
    let opts = NetOptions {
        host_loopback: rec.host_config.wants_host_gateway(),
    };
    Ok(Some(Translator::new(listeners, opts)?))
}

/// vfs driver: at first start, apply the image's layers one after another into the
/// container's own directory (in the storage child, so ids stay mapped).
pub(super) fn flatten_layers(paths: &Paths, rec: &ContainerRecord, d: &ContainerDir) -> Result<()> {
    let dest = d.rootfs();
    if dest.exists() {
        return Ok(());
    }
    let images = ImageStore::new(paths);
    let img = images
        .get(&rec.image_id)
        .context("the container's image is gone")?;
    let blobs: Vec<std::path::PathBuf> = img
        .layers
        .iter()
        .map(|l| images.blob_path(&l.blob))
        .collect();
    let tmp = d.dir.join("rootfs.tmp");
    let rootless = paths.rootless;
    let squash = rootless && IdMap::current().sub.is_none();
    // keep-id: the ids that trade places in its mapping trade them on disk too, and
    // the user gets a passwd entry (podman's).
    let keep_id = super::userns::keep_id(&rec.host_config.userns_mode, super::userns::own_ids())
        .filter(|_| rootless);
    let me = super::userns::own_user().unwrap_or_else(|| ("user".into(), "/".into()));
    let opts = UnpackOptions {
        apply_whiteouts: true,
        swap_ids: keep_id,
        ..UnpackOptions::layer(rootless, squash, !rootless)
    };
    let t = tmp.clone();
    crate::storage::mapped::run_mapped(move || {
        let _ = std::fs::remove_dir_all(&t);
        std::fs::create_dir(&t)?;
        for b in &blobs {
            crate::image::layer::apply_tar(crate::image::layer::open_decompressed(b)?, &t, opts)?;
        }
        if let Some((uid, gid)) = keep_id {
            super::userns::add_passwd_entry(&t, uid, gid, &me)?;
        }
        Ok(())
    })
    .context("copying the image layers (vfs)")?;
    std::fs::rename(&tmp, &dest).context("publishing the vfs rootfs")
}

/// Spawn under the container's lock and record it as running.
/// `restarts`: the restart count to record (the monitor's restarts; 0 for a user start).
pub(super) fn start_locked(
    paths: &Paths,
    id: &str,
    cfg: &SandboxConfig,
    restarts: u32,
    ports: Vec<crate::network::ports::BoundPort>,
) -> Result<sandbox::Spawned> {
    let d = ContainerDir::new(paths, id);
    // Removed meanwhile (rm -f won the race): start nothing, leave nothing.
    let locked = d.lock().and_then(|l| Ok((l, d.read_state()?)));
    let (_lock, mut state) = match locked {
        Err(e) if super::is_gone(&e) => {
            let _ = std::fs::remove_dir_all(paths.run_container(id));
            return Err(e);
        }
        r => r?,
    };
    if state.running && is_alive(&state) {
        bail!("container {id} is already running");
    }
    match sandbox::spawn(cfg) {
        Ok(sp) => {
            let me = std::process::id() as i32;
            state = ContainerState {
                status: Status::Running,
                running: true,
                pid: sp.pid,
                pid_start: process_start_time(sp.pid).unwrap_or(0),
                monitor_pid: me,
                monitor_start: process_start_time(me).unwrap_or(0),
                started_at: now_rfc3339(),
                restart_count: restarts,
                ports,
                cgroup: sp
                    .cgroup
                    .as_ref()
                    .map(|l| l.path.display().to_string())
                    .unwrap_or_default(),
                ..ContainerState::default()
            };
            if let Err(e) = d.write_state(&state) {
                // Unrecorded, it would run with no record: it must not run at all.
                crate::sys::signal::kill9(sp.pid);
                let _ = waitpid(nix::unistd::Pid::from_raw(sp.pid), None);
                if let Some(l) = &sp.cgroup {
                    l.kill();
                    l.remove();
                }
                return Err(e);
            }
            if let Ok(rec) = d.read_record() {
                super::event(paths, &rec, "start", &[]);
            }
            Ok(sp)
        }
        Err(e) => {
            let (code, msg) = match e.downcast_ref::<StartError>() {
                Some(se) => (se.code, se.message.clone()),
                None => (125, format!("{e:#}")),
            };
            state.status = Status::Created;
            state.running = false;
            state.exit_code = code;
            state.error = msg;
            let _ = d.write_state(&state);
            Err(e)
        }
    }
}

/// Record the exit; a container removed meanwhile (rm -f) has nothing left to record.
/// `oom`: the supervisor saw the OOM killer act in the container's leaf.
pub(super) fn record_exit(paths: &Paths, id: &str, code: i32, oom: bool) -> Result<()> {
    let d = ContainerDir::new(paths, id);
    let res = d.lock().and_then(|l| Ok((l, d.read_state()?)));
    let (_lock, mut s) = match res {
        Err(e) if super::is_gone(&e) => return Ok(()),
        r => r?,
    };
    // The kernel's OOM killer took a process of it (docker's OOMKilled); the leaf goes.
    s.oom_killed = oom;
    if let Some(leaf) = sandbox::cgroup::Leaf::open(&s.cgroup) {
        s.oom_killed |= leaf.oom_kills() > 0;
        leaf.kill();
        leaf.remove();
    }
    s.cgroup.clear();
    s.status = Status::Exited;
    s.running = false;
    s.paused = false;
    s.exit_code = code;
    s.pid = 0;
    s.monitor_pid = 0;
    // Its listeners went with its supervisor: docker shows no ports for a stopped one.
    s.ports.clear();
    s.finished_at = now_rfc3339();
    // Before the state says so: whoever waits for the exit (stop) records after it.
    if let Ok(rec) = d.read_record() {
        if s.oom_killed {
            super::event(paths, &rec, "oom", &[]);
        }
        super::event(paths, &rec, "die", &[("exitCode", code.to_string())]);
    }
    d.write_state(&s)
}

/// A start that failed before the process existed: recorded as docker does (State.Error,
/// still created), the error returned with exit code 125.
pub(super) fn start_failed(paths: &Paths, id: &str, e: anyhow::Error) -> anyhow::Error {
    let d = ContainerDir::new(paths, id);
    let msg = format!("{e:#}");
    if let Ok(_lock) = d.lock() {
        if let Ok(mut st) = d.read_state() {
            st.error = msg.clone();
            st.exit_code = 125;
            let _ = d.write_state(&st);
        }
    }
    StartError {
        code: 125,
        message: msg,
    }
    .into()
}

fn exit_code(st: WaitStatus) -> Option<i32> {
    match st {
        WaitStatus::Exited(_, c) => Some(c),
        WaitStatus::Signaled(_, s, _) => Some(128 + s as i32),
        _ => None,
    }
}

/// Where attach clients' input goes: the pty master or the write end of the stdin
/// pipe, non-blocking, with what it could not take yet.
struct StdinSink {
    f: File,
    pending: Vec<u8>,
    /// stdin_once: close the container's stdin once a client's input ended.
    closing: bool,
}

impl StdinSink {
    fn new(fd: OwnedFd) -> Result<StdinSink> {
        let f = File::from(fd);
        set_nonblocking(&f)?;
        Ok(StdinSink {
            f,
            pending: Vec::new(),
            closing: false,
        })
    }

    /// Write what fits now; false once it should be closed (done or broken).
    fn flush(&mut self) -> bool {
        while !self.pending.is_empty() {
            match self.f.write(&self.pending) {
                Ok(0) => return false,
                Ok(n) => {
                    self.pending.drain(..n);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return true,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return false,
            }
        }
        !self.closing
    }
}

fn set_nonblocking(f: &File) -> Result<()> {
    use nix::fcntl::{fcntl, FcntlArg, OFlag};
    let fl = OFlag::from_bits_truncate(fcntl(f.as_raw_fd(), FcntlArg::F_GETFL)?);
    fcntl(f.as_raw_fd(), FcntlArg::F_SETFL(fl | OFlag::O_NONBLOCK))?;
    Ok(())
}

/// The container's side of the supervisor's loop.
pub(super) struct Io {
    /// Output sources and their stream (0 stdout, 1 stderr): two pipes, or the pty master.
    outputs: Vec<(File, usize)>,
    /// The pty master, resized on SIGWINCH and by attach clients.
    console: Option<RawFd>,
    /// The container's stdin for attach clients (`-i`).
    stdin: Option<StdinSink>,
    /// Copy each stream (stdout, stderr) to ours as well as to the log (foreground).
    show: [bool; 2],
    /// Our own terminal's size follows to the container's (foreground `run -t`).
    follow_winsize: bool,
    /// Feed our own stdin to the container's (foreground `run -i`): through the pipe of
    /// `stdin`, never by handing our fd 0 (maybe the user's terminal) to the container.
    local_stdin: bool,
    /// The container's leaf's memory.events, watched for OOM kills.
    pub(super) oom: Option<sandbox::cgroup::OomWatch>,
}

impl Io {
    /// Output from the pipes, or from the pty master when the container has one.
    /// `stdin_pipe`: the write end of the container's stdin, when clients feed it.
    pub(super) fn new(
        console: Option<OwnedFd>,
        pipes: [OwnedFd; 2],
        open_stdin: bool,
        stdin_pipe: Option<OwnedFd>,
        show: [bool; 2],
    ) -> Result<Io> {
        Ok(match console {
            Some(master) => {
                let m = File::from(master);
                let stdin = if open_stdin {
                    Some(StdinSink::new(m.try_clone()?.into())?)
                } else {
                    None
                };
                let raw = m.as_raw_fd();
                Io {
                    outputs: vec![(m, 0)],
                    console: Some(raw),
                    stdin,
                    show,
                    follow_winsize: show[0],
                    local_stdin: false,
                    oom: None,
                }
            }
            None => {
                let [o, e] = pipes;
                Io {
                    outputs: vec![(File::from(o), 0), (File::from(e), 1)],
                    console: None,
                    stdin: stdin_pipe.map(StdinSink::new).transpose()?,
                    show,
                    follow_winsize: false,
                    local_stdin: false,
                    oom: None,
                }
            }
        })
    }

    fn input(&mut self, i: Input, stdin_once: bool) {
        match i {
            Input::Stdin(d) => {
                if let Some(s) = self.stdin.as_mut() {
                    s.pending.extend_from_slice(&d);
                    if !s.flush() {
                        self.stdin = None;
                    }
                }
            }
            // A terminal has no end of input but ^D; a pipe closes with stdin_once.
            Input::StdinEof => {
                if let (Some(s), None, true) = (self.stdin.as_mut(), self.console, stdin_once) {
                    s.closing = true;
                    if !s.flush() {
                        self.stdin = None;
                    }
                }
            }
            Input::Resize(rows, cols) => {
                if let Some(c) = self.console {
                    crate::sandbox::tty::set_winsize(c, rows, cols);
                }
            }
        }
    }
}

/// The poll loop: copy output (to the log, our terminal, attach clients), feed
/// clients' input, forward signals; return the exit code once the process has exited
/// and its output is drained. The caller records it, then `server.finish`es.
// Each argument is one source the loop serves; grouping them would only rename them.
#[allow(clippy::too_many_arguments)]
pub(super) fn supervise(
    pid: i32,
    io: &mut Io,
    sfd: &mut SignalFd,
    log: &mut LogWriter,
    mut health: Option<Checker>,
    server: &mut AttachServer,
    stdin_once: bool,
    mut net: Option<&mut Translator>,
) -> Result<i32> {
    let mut open: Vec<bool> = vec![true; io.outputs.len()];
    let mut status = None;
    let mut buf = vec![0u8; 64 * 1024];
    let (mut so, mut se) = (std::io::stdout(), std::io::stderr());
    let local_in = std::io::stdin();
    if let (Some(c), true) = (io.console, io.follow_winsize) {
        crate::sandbox::tty::copy_winsize(0, c);
    }
    // After the exit, the network is serviced a little longer for connections the
    // container's kernel is still closing (what its processes wrote before they died).
    let mut net_until: Option<std::time::Instant> = None;
    let draining = |net: &Option<&mut Translator>, until: Option<std::time::Instant>| {
        until.is_some_and(|t| std::time::Instant::now() < t)
            && net.as_ref().is_some_and(|n| n.draining())
    };
    while status.is_none() || open.iter().any(|o| *o) || draining(&net, net_until) {
        if status.is_some() && net_until.is_none() {
            net_until = Some(std::time::Instant::now() + std::time::Duration::from_secs(1));
        }
        if let (Some(h), None) = (health.as_mut(), status) {
            h.tick();
        }
        let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        let mut which = vec![];
        for (i, (f, _)) in io.outputs.iter().enumerate() {
            if open[i] {
                fds.push(PollFd::new(f.as_fd(), PollFlags::POLLIN));
                which.push(i);
            }
        }
        let sink_slot = io
            .stdin
            .as_ref()
            .filter(|s| !s.pending.is_empty())
            .map(|s| {
                fds.push(PollFd::new(s.f.as_fd(), PollFlags::POLLOUT));
                fds.len() - 1
            });
        let local_slot = (io.local_stdin
            && io.stdin.as_ref().is_some_and(|s| s.pending.is_empty()))
        .then(|| {
            fds.push(PollFd::new(local_in.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let health_slot = health.as_ref().and_then(|h| h.fd()).map(|fd| {
            fds.push(PollFd::new(fd, PollFlags::POLLIN));
            fds.len() - 1
        });
        // The network while the container runs, then while it drains.
        let net_live = net
            .as_ref()
            .filter(|_| status.is_none() || draining(&net, net_until));
        let net_slot = net_live.map(|n| {
            fds.push(PollFd::new(n.fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let oom_slot = io.oom.as_ref().filter(|_| status.is_none()).map(|w| {
            fds.push(PollFd::new(w.fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let server_base = fds.len();
        fds.extend(server.poll_fds());
        let health_wait = health
            .as_ref()
            .filter(|_| status.is_none())
            .map(|h| h.poll_timeout() + std::time::Duration::from_millis(1));
        let net_wait = net_live.and_then(|n| n.timeout());
        let drain_wait = net_until
            .filter(|_| net_live.is_some())
            .map(|t| t.saturating_duration_since(std::time::Instant::now()));
        let timeout = match health_wait
            .into_iter()
            .chain(net_wait)
            .chain(drain_wait)
            .min()
        {
            // Rounded up: a timer due in less than a millisecond must not poll(0) in a loop.
            Some(d) => PollTimeout::try_from(d.as_micros().div_ceil(1000).min(60_000) as i32)
                .unwrap_or(PollTimeout::NONE),
            None => PollTimeout::NONE,
        };
        let revents = super::poll::wait(fds, timeout)?;
        if let (Some(_), Some(n)) = (net_slot, net.as_deref_mut()) {
            n.service();
        }
        let ready = super::poll::READY;
        for (k, i) in which.iter().enumerate() {
            if !revents[k + 1].intersects(ready) {
                continue;
            }
            let (f, stream) = &mut io.outputs[*i];
            match f.read(&mut buf) {
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                // A pty master reads EIO once the last slave is closed.
                Ok(0) | Err(_) => open[*i] = false,
                Ok(n) => {
                    log.write(*stream, &buf[..n]);
                    if io.show[*stream] {
                        let w: &mut dyn Write = if *stream == 0 { &mut so } else { &mut se };
                        let _ = w.write_all(&buf[..n]);
                        let _ = w.flush();
                    }
                    let kind = if *stream == 0 {
                        attach::STDOUT
                    } else {
                        attach::STDERR
                    };
                    server.broadcast(kind, &buf[..n]);
                }
            }
        }
        if let Some(slot) = sink_slot {
            if !revents[slot].is_empty() && !io.stdin.as_mut().is_some_and(|s| s.flush()) {
                io.stdin = None;
            }
        }
        if local_slot.is_some_and(|k| revents[k].intersects(ready)) {
            match local_in.lock().read(&mut buf) {
                Ok(n) if n > 0 => io.input(Input::Stdin(buf[..n].to_vec()), stdin_once),
                // Our input ended: so does the container's (docker's StdinOnce).
                _ => {
                    io.local_stdin = false;
                    io.input(Input::StdinEof, true);
                }
            }
        }
        if io.stdin.is_none() {
            io.local_stdin = false;
        }
        for i in server.service(&revents[server_base..]) {
            io.input(i, stdin_once);
        }
        if let (Some(slot), Some(w)) = (oom_slot, io.oom.as_mut()) {
            if revents[slot].intersects(ready) {
                w.check();
            }
        }
        if let (Some(slot), Some(h)) = (health_slot, health.as_mut()) {
            if revents[slot].intersects(ready) {
                h.read_output();
            }
        }
        if revents[0].contains(PollFlags::POLLIN) {
            while let Ok(Some(si)) = sfd.read_signal() {
                let sig = si.ssi_signo as i32;
                if sig == libc::SIGCHLD {
                    if let Some(h) = health.as_mut() {
                        h.reap();
                    }
                    if status.is_none() {
                        if let Ok(st) =
                            waitpid(nix::unistd::Pid::from_raw(pid), Some(WaitPidFlag::WNOHANG))
                        {
                            status = exit_code(st);
                            // Before a systemd scope, empty now, is gone.
                            if let (Some(_), Some(w)) = (status, io.oom.as_mut()) {
                                w.check();
                            }
                        }
                    }
                } else if sig == libc::SIGWINCH {
                    if let (Some(c), true) = (io.console, io.follow_winsize) {
                        crate::sandbox::tty::copy_winsize(0, c);
                    }
                } else if status.is_none() {
                    crate::sys::signal::send(pid, sig);
                }
            }
        }
    }
    if let Some(h) = health.as_mut() {
        h.stop();
    }
    // What did not finish in time is reset, not ended as if complete.
    if let Some(n) = net {
        n.abort_unfinished();
    }
    log.flush();
    Ok(status.unwrap_or(255))
}

pub(super) fn block_signals() -> Result<SignalFd> {
    super::poll::signalfd(&[Signal::SIGCHLD])
}

pub(super) fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")
}

pub(super) fn dev_null() -> Result<OwnedFd> {
    Ok(File::open("/dev/null")?.into())
}

/// Run a created container in the foreground: its output on ours (the streams in
/// `show`) and in its log, our signals forwarded, attach served. Returns its exit code.
/// Not for a terminal with `-i` (detachable) nor a restart policy: those run under a
/// monitor (see `monitor::run_through_monitor`).
pub fn run_attached(paths: &Paths, id: &str, interactive: bool, show: [bool; 2]) -> Result<i32> {
    let d = ContainerDir::new(paths, id);
    let rec = d.read_record()?;
    let mut sfd = block_signals()?;
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let null = dev_null()?;
    // With -i our input reaches the container through a pipe (or its terminal).
    let (in_r, in_w) = match interactive && !rec.config.tty {
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
        crate::sandbox::tty::winsize(0),
    )?;
    let mut log = LogWriter::for_container(&d.log(), &rec.host_config.log_config)?;
    let mut net = network(&rec).map_err(|e| start_failed(paths, id, e))?;
    let ports = net.as_ref().map(|n| n.ports()).unwrap_or_default();
    let mut sp = start_locked(paths, id, &cfg, 0, ports)?;
    if let (Some(n), Some(tun)) = (net.as_mut(), sp.tun.take()) {
        n.attach(sp.pid, tun, std::mem::take(&mut sp.sockets))?;
    }
    drop((out_w, err_w, null, in_r));
    let mut server = AttachServer::bind(attach::socket_path(paths, id));
    let mut io = Io::new(sp.console, [out_r, err_r], interactive, in_w, show)?;
    io.local_stdin = interactive;
    io.oom = sp.cgroup.as_ref().and_then(sandbox::cgroup::OomWatch::new);
    let health = Checker::new(paths, &rec, sp.pid);
    let code = supervise(
        sp.pid,
        &mut io,
        &mut sfd,
        &mut log,
        health,
        &mut server,
        false,
        net.as_mut(),
    )?;
    // Ports released before the exit is recorded (see the monitor).
    drop(net);
    // Not recorded (a broken disk): reading the state reconciles it as exited.
    let _ = record_exit(paths, id, code, io.oom.as_ref().is_some_and(|w| w.killed));
    if rec.host_config.auto_remove {
        match super::volumes::remove_container(paths, id, true, true) {
            Err(e) if !super::is_gone(&e) => return Err(e),
            _ => {}
        }
    }
    server.finish(code);
    Ok(code)
}
