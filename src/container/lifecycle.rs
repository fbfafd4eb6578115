//! Acting on running containers from any CLI process: signals, stop with a timeout,
//! pause (the cgroup freezer; SIGSTOP of the whole pid namespace without a cgroup),
//! rename, and the list of a container's processes.

use super::record::{process_start_time, ContainerState};
use super::Containers;
use anyhow::{bail, Context, Result};
use std::fs;
use std::time::{Duration, Instant};

/// Parse a signal given as `KILL`, `SIGKILL` or `9`.
pub fn parse_signal(s: &str) -> Result<i32> {
    if let Ok(n) = s.parse::<i32>() {
        if (1..=64).contains(&n) {
            return Ok(n);
        }
        bail!("Invalid signal: {s}");
    }
    let up = s.to_ascii_uppercase();
    let name = if up.starts_with("SIG") {
        up
    } else {
        format!("SIG{up}")
    };
    name.parse::<nix::sys::signal::Signal>()
        .map(|s| s as i32)
        .map_err(|_| anyhow::anyhow!("Invalid signal: {s}"))
}

fn require_running(ctrs: &Containers, id: &str) -> Result<ContainerState> {
    let l = ctrs.load(id)?;
    if !l.state.running {
        bail!("container {} is not running", l.rec.name);
    }
    Ok(l.state)
}

/// Signal the container's init (identified by pid and start time).
pub fn signal(ctrs: &Containers, id: &str, sig: i32) -> Result<()> {
    let st = require_running(ctrs, id)?;
    if process_start_time(st.pid) != Some(st.pid_start) {
        bail!("container {id} is not running");
    }
    if sig == libc::SIGKILL {
        if let Some(leaf) = crate::sandbox::cgroup::Leaf::open(&st.cgroup) {
            leaf.kill();
        }
        super::supervise::kill_tree(st.pid);
    } else {
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(st.pid),
            nix::sys::signal::Signal::try_from(sig)?,
        )
        .with_context(|| format!("signalling container {id}"))?;
    }
    if let Ok(rec) = ctrs.dir(id).read_record() {
        super::event(ctrs.paths, &rec, "kill", &[("signal", sig.to_string())]);
    }
    Ok(())
}

/// Wait until the container is recorded as not running.
pub fn wait_stopped(ctrs: &Containers, id: &str, timeout: Option<Duration>) -> Result<bool> {
    let start = Instant::now();
    loop {
        match ctrs.load(id) {
            // Removed (a `--rm` container that exited): stopped.
            Err(e) if super::is_gone(&e) => return Ok(true),
            Ok(l) if !l.state.running => return Ok(true),
            r => {
                r?;
            }
        }
        if timeout.is_some_and(|t| start.elapsed() >= t) {
            return Ok(false);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// docker stop: the stop signal, then SIGKILL after `timeout` seconds.
/// A container removed meanwhile (a `--rm` one exiting) counts as stopped, as in docker.
/// A negative timeout waits for as long as the container takes (docker's -1).
pub fn stop(ctrs: &Containers, id: &str, timeout: Option<i64>, sig: Option<i32>) -> Result<()> {
    match stop_inner(ctrs, id, timeout, sig) {
        Err(e) if super::is_gone(&e) => Ok(()),
        r => r,
    }
}

fn stop_inner(ctrs: &Containers, id: &str, timeout: Option<i64>, sig: Option<i32>) -> Result<()> {
    let l = ctrs.load(id)?;
    if !l.state.running {
        return Ok(());
    }
    if l.state.paused {
        let _ = set_paused(ctrs, id, false);
    }
    let sig = match sig {
        Some(s) => s,
        None => parse_signal(l.rec.config.stop_signal.as_deref().unwrap_or("SIGTERM"))?,
    };
    let timeout = timeout.or(l.rec.stop_timeout).unwrap_or(10);
    mark_stopped(ctrs, id)?;
    let _ = signal(ctrs, id, sig);
    let timeout = u64::try_from(timeout).ok().map(Duration::from_secs);
    if !wait_stopped(ctrs, id, timeout)? {
        let _ = signal(ctrs, id, libc::SIGKILL);
        if !wait_stopped(ctrs, id, Some(Duration::from_secs(10)))? {
            bail!("container {id} did not stop after SIGKILL");
        }
    }
    super::event(ctrs.paths, &l.rec, "stop", &[]);
    Ok(())
}

/// A stop by the user: the restart policy does not bring the container back.
fn mark_stopped(ctrs: &Containers, id: &str) -> Result<()> {
    let d = ctrs.dir(id);
    let _lock = d.lock()?;
    let mut st = d.read_state()?;
    st.manually_stopped = true;
    d.write_state(&st)
}

/// Every process in the container's pid namespace (host pids).
pub fn processes(init_pid: i32) -> Result<Vec<i32>> {
    let ns = fs::read_link(format!("/proc/{init_pid}/ns/pid"))
        .context("reading the container's pid namespace")?;
    let mut out = Vec::new();
    for e in fs::read_dir("/proc")? {
        let name = e?.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        if fs::read_link(format!("/proc/{pid}/ns/pid")).is_ok_and(|n| n == ns) {
            out.push(pid);
        }
    }
    out.sort();
    Ok(out)
}

/// Pause or resume every process of the container.
pub fn set_paused(ctrs: &Containers, id: &str, pause: bool) -> Result<()> {
    let d = ctrs.dir(id);
    let _lock = d.lock()?;
    let mut st = d.read_state()?;
    if !st.running {
        bail!("container {id} is not running");
    }
    if pause && st.paused {
        bail!("container {id} is already paused");
    }
    if !pause && !st.paused {
        bail!("container {id} is not paused");
    }
    // The cgroup freezer where there is a leaf: processes stay in their state (not T),
    // and none forked meanwhile escapes.
    if let Some(leaf) = crate::sandbox::cgroup::Leaf::open(&st.cgroup) {
        leaf.freeze(pause)?;
    } else {
        signal_all(st.pid, pause)?;
    }
    st.paused = pause;
    st.status = if pause {
        super::record::Status::Paused
    } else {
        super::record::Status::Running
    };
    d.write_state(&st)?;
    if let Ok(rec) = d.read_record() {
        let action = if pause { "pause" } else { "unpause" };
        super::event(ctrs.paths, &rec, action, &[]);
    }
    Ok(())
}

/// Without a cgroup: SIGSTOP or SIGCONT every process of the container's pid namespace,
/// children first on pause, init first on resume (nothing runs half-stopped for long).
fn signal_all(init: i32, pause: bool) -> Result<()> {
    let sig = if pause {
        nix::sys::signal::Signal::SIGSTOP
    } else {
        nix::sys::signal::Signal::SIGCONT
    };
    let mut pids = processes(init)?;
    if pause {
        pids.reverse();
    }
    for p in pids {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(p), sig);
    }
    Ok(())
}

/// Give a container a new name (the new one reserved first, atomically).
pub fn rename(ctrs: &Containers, id: &str, new: &str) -> Result<()> {
    let new = new.strip_prefix('/').unwrap_or(new);
    crate::store::ids::validate_name(new)?;
    let d = ctrs.dir(id);
    let _lock = d.lock()?;
    let mut rec = d.read_record()?;
    if rec.name == new {
        bail!("renaming a container with the same name as its current name");
    }
    super::create::reserve_name(ctrs.paths, new, id)?;
    let old = std::mem::replace(&mut rec.name, new.to_string());
    if let Err(e) = crate::store::write_json_atomic(&d.record(), &rec) {
        let _ = fs::remove_file(ctrs.paths.names().join(new));
        return Err(e);
    }
    let _ = fs::remove_file(ctrs.paths.names().join(&old));
    super::event(
        ctrs.paths,
        &rec,
        "rename",
        &[("oldName", format!("/{old}"))],
    );
    Ok(())
}

/// `update --restart`: a new restart policy, kept in the record (the monitor reads it
/// when the process exits). docker refuses a restart policy with `--rm`.
pub fn set_restart_policy(
    ctrs: &Containers,
    id: &str,
    policy: &super::record::RestartPolicy,
) -> Result<()> {
    let d = ctrs.dir(id);
    let _lock = d.lock()?;
    let mut rec = d.read_record()?;
    if rec.host_config.auto_remove && policy.restarts() {
        bail!("Restart policy cannot be updated because AutoRemove is enabled for the container");
    }
    rec.host_config.restart_policy = policy.clone();
    crate::store::write_json_atomic(&d.record(), &rec)
}

/// `update`'s resource flags: checked as docker's daemon checks them, written to the
/// running container's leaf, then recorded (a failed write changes nothing on disk).
pub fn update_resources(
    ctrs: &Containers,
    id: &str,
    flags: &super::resources::ResourceFlags,
) -> Result<()> {
    if flags.is_empty() {
        return Ok(());
    }
    let d = ctrs.dir(id);
    let _lock = d.lock()?;
    let mut rec = d.read_record()?;
    let st = d.read_state()?;
    let flags = flags.for_update();
    let old = rec.host_config.resources.clone();
    let mut r = old.clone();
    flags.apply(&mut r)?;
    super::resources::validate(&mut r, flags.memory_swap.is_some())?;
    super::resources::check_host(&r, rec.no_cgroup)?;
    if st.running {
        match crate::sandbox::cgroup::Leaf::open(&st.cgroup) {
            Some(leaf) => leaf.apply(&super::resources::update_limits(&old, &r)?)?,
            None if !super::resources::needs(&r).is_empty() => {
                bail!("container {id} runs without a cgroup: restart it to apply the limits")
            }
            None => {}
        }
    }
    rec.host_config.resources = r;
    crate::store::write_json_atomic(&d.record(), &rec)
}
