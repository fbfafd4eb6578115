//! stop, kill, restart, pause, unpause, top, rename.

use super::each_container;
use crate::container::{lifecycle, Containers};
use crate::format::table::Table;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use clap::Args;

#[derive(Args, Debug)]
pub struct StopArgs {
    /// Seconds to wait before killing the container (-1: wait forever)
    #[arg(
        short = 't',
        long = "time",
        alias = "timeout",
        allow_hyphen_values = true
    )]
    pub time: Option<i64>,
    /// Signal to send to the container
    #[arg(short = 's', long)]
    pub signal: Option<String>,
    /// All running containers (podman)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Ignore containers that do not exist (podman)
    #[arg(short = 'i', long)]
    pub ignore: bool,
    #[arg(required_unless_present = "all")]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct KillArgs {
    /// Signal to send to the container
    #[arg(short = 's', long, default_value = "KILL")]
    pub signal: String,
    /// All running containers (podman)
    #[arg(short = 'a', long)]
    pub all: bool,
    #[arg(required_unless_present = "all")]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct NamesArgs {
    #[arg(required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct TopArgs {
    pub container: String,
    /// ps options (default -ef)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub ps_args: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RenameArgs {
    pub container: String,
    pub new_name: String,
}

/// `-s`: the signal to stop with instead of the container's own stop signal.
fn stop_signal(a: &StopArgs) -> Result<Option<i32>> {
    a.signal.as_deref().map(lifecycle::parse_signal).transpose()
}

pub fn stop(paths: &Paths, a: StopArgs) -> Result<i32> {
    let sig = stop_signal(&a)?;
    let names = targets(paths, &a.containers, a.all, true)?;
    each_target(paths, &names, a.ignore, |ctrs, id| {
        lifecycle::stop(ctrs, id, a.time, sig)
    })
}

pub fn kill(paths: &Paths, a: KillArgs) -> Result<i32> {
    let sig = lifecycle::parse_signal(&a.signal)?;
    let names = targets(paths, &a.containers, a.all, true)?;
    each_container(paths, &names, |ctrs, id| lifecycle::signal(ctrs, id, sig))
}

pub fn restart(paths: &Paths, a: StopArgs) -> Result<i32> {
    let sig = stop_signal(&a)?;
    let names = targets(paths, &a.containers, a.all, false)?;
    each_target(paths, &names, a.ignore, |ctrs, id| {
        lifecycle::stop(ctrs, id, a.time, sig)?;
        crate::container::monitor::start_detached(paths, id)
    })
}

/// The containers a command acts on: those named, or with podman's `--all` every
/// container (`running`: every running one), by full id, oldest first.
pub fn targets(paths: &Paths, names: &[String], all: bool, running: bool) -> Result<Vec<String>> {
    if !all {
        return Ok(names.to_vec());
    }
    let mut l = Containers::new(paths).list()?;
    l.retain(|c| !running || c.state.running);
    l.sort_by(|a, b| a.rec.created.cmp(&b.rec.created));
    Ok(l.into_iter().map(|c| c.rec.id).collect())
}

/// `each_container`, with podman's `--ignore`: a container that does not exist is
/// skipped, not an error.
pub fn each_target(
    paths: &Paths,
    names: &[String],
    ignore: bool,
    f: impl FnMut(&Containers, &str) -> Result<()>,
) -> Result<i32> {
    if !ignore {
        return each_container(paths, names, f);
    }
    let ctrs = Containers::new(paths);
    let present: Vec<String> = names
        .iter()
        .filter(|n| ctrs.resolve(n).is_ok())
        .cloned()
        .collect();
    each_container(paths, &present, f)
}

pub fn pause(paths: &Paths, a: NamesArgs, pause: bool) -> Result<i32> {
    each_container(paths, &a.containers, |ctrs, id| {
        lifecycle::set_paused(ctrs, id, pause)
    })
}

pub fn rename(paths: &Paths, a: RenameArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    let id = ctrs.resolve(&a.container)?;
    lifecycle::rename(&ctrs, &id, &a.new_name)?;
    Ok(0)
}

/// docker top: the host's ps, filtered to the container's processes.
pub fn top(paths: &Paths, a: TopArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    let id = ctrs.resolve(&a.container)?;
    let st = ctrs.load(&id)?.state;
    if !st.running {
        bail!("container {} is not running", a.container);
    }
    let pids = lifecycle::processes(st.pid)?;
    let args = if a.ps_args.is_empty() {
        vec!["-ef".to_string()]
    } else {
        a.ps_args.clone()
    };
    let out = std::process::Command::new("ps")
        .args(&args)
        .output()
        .context("running ps")?;
    if !out.status.success() {
        bail!(
            "ps {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
    let Some(pid_col) = header.iter().position(|h| *h == "PID") else {
        bail!("couldn't find PID field in ps output");
    };
    let mut t = Table::new(&header).min_width(20);
    for l in lines {
        let fields: Vec<&str> = l.split_whitespace().collect();
        if fields.len() < header.len() {
            continue;
        }
        if !fields[pid_col]
            .parse::<i32>()
            .is_ok_and(|p| pids.contains(&p))
        {
            continue;
        }
        // The last column (the command) keeps its spaces.
        let mut row: Vec<String> = fields[..header.len() - 1]
            .iter()
            .map(|s| s.to_string())
            .collect();
        row.push(fields[header.len() - 1..].join(" "));
        t.row(row);
    }
    print!("{}", t.render());
    Ok(0)
}
