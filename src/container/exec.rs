//! `exec` into a running container: the same user, capabilities, seccomp profile and
//! environment as the container's own process, unless flags say otherwise.

use super::record::ContainerRecord;
use super::{spec, user, Containers};
use crate::sandbox::exec::{self, ExecConfig};
use crate::sandbox::idmap::IdMap;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use std::os::fd::AsRawFd;

#[derive(Debug, Default, Clone)]
pub struct ExecOptions {
    pub command: Vec<String>,
    pub interactive: bool,
    pub detach: bool,
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
    let null = std::fs::File::open("/dev/null")?;
    let stdio = [
        if o.interactive && !o.detach {
            0
        } else {
            null.as_raw_fd()
        },
        if o.detach { null.as_raw_fd() } else { 1 },
        if o.detach { null.as_raw_fd() } else { 2 },
    ];
    let cfg = exec_config(paths, &l.rec, l.state.pid, o, stdio)?;
    let sfd = if o.detach {
        None
    } else {
        Some(block_signals()?)
    };
    let p = exec::spawn(&cfg)?;
    if o.detach {
        return Ok(0);
    }
    wait_forwarding(p, sfd.expect("signals blocked"))
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
    let root = std::path::PathBuf::from(format!("/proc/{pid}/root"));
    let (uid, gid, groups, home) = match &o.user {
        Some(u) => {
            let passwd = std::fs::read_to_string(root.join("etc/passwd")).ok();
            let group = std::fs::read_to_string(root.join("etc/group")).ok();
            let r = user::resolve(u, passwd.as_deref(), group.as_deref(), &[])?;
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
    let seccomp = match (o.privileged, rec.seccomp_profile.as_deref()) {
        (true, _) | (_, Some("unconfined")) => None,
        (false, custom) => Some(crate::sandbox::seccomp::program_for(custom, &rec.caps)?),
    };
    let single_map = paths.rootless && IdMap::current().sub.is_none();
    Ok(ExecConfig {
        target_pid: pid,
        args: o.command.clone(),
        env,
        cwd: o.workdir.clone().unwrap_or_else(|| workdir(rec)),
        uid,
        gid,
        groups: (!single_map).then_some(groups),
        caps,
        seccomp,
        no_new_privileges: rec.no_new_privileges,
        stdio,
        userns: paths.rootless,
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
        env.retain(|x| x.split('=').next() != Some(k.as_str()));
        env.push(kv);
    }
    Ok(env)
}

fn block_signals() -> Result<nix::sys::signalfd::SignalFd> {
    use nix::sys::signal::{SigSet, Signal};
    let mut mask = SigSet::empty();
    for s in [
        Signal::SIGINT,
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGCHLD,
    ] {
        mask.add(s);
    }
    mask.thread_block()?;
    Ok(nix::sys::signalfd::SignalFd::with_flags(
        &mask,
        nix::sys::signalfd::SfdFlags::SFD_CLOEXEC,
    )?)
}

/// Forward our signals to the command until the relay reports its exit.
fn wait_forwarding(p: exec::ExecProcess, sfd: nix::sys::signalfd::SignalFd) -> Result<i32> {
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    let relay = nix::unistd::Pid::from_raw(p.relay);
    loop {
        match waitpid(relay, Some(WaitPidFlag::WNOHANG))? {
            WaitStatus::Exited(_, c) => return Ok(c),
            WaitStatus::Signaled(_, s, _) => return Ok(128 + s as i32),
            _ => {}
        }
        if let Ok(Some(si)) = sfd.read_signal() {
            let sig = si.ssi_signo as i32;
            if sig != libc::SIGCHLD && p.pid > 0 {
                // SAFETY: forwarding to the exec'd command (our grandchild).
                unsafe { libc::kill(p.pid, sig) };
            }
        }
    }
}
