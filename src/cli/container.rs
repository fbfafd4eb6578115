//! run, create, start, ps, rm, wait, logs.

use super::{for_each_name, ExitCode};
use crate::container::create::{self as ccreate, CreateOptions};
use crate::container::{supervise, Containers};
use crate::format::table::Table;
use crate::format::time::{ago, human_duration, parse_rfc3339, since};
use crate::sandbox::StartError;
use crate::store::Paths;
use anyhow::{bail, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
#[command(disable_help_flag = true)]
pub struct CreateArgs {
    /// Print help (-h is --hostname, as in docker)
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// Assign a name to the container
    #[arg(long)]
    pub name: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long)]
    pub entrypoint: Option<String>,
    /// Set environment variables
    #[arg(short = 'e', long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long)]
    pub env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short = 'w', long)]
    pub workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long)]
    pub user: Option<String>,
    /// Add additional groups to join
    #[arg(long)]
    pub group_add: Vec<String>,
    /// Container host name
    #[arg(short = 'h', long)]
    pub hostname: Option<String>,
    /// Bind mount a volume (HOST-DIR:CONTAINER-DIR[:ro])
    #[arg(short = 'v', long = "volume")]
    pub volume: Vec<String>,
    /// Mount a tmpfs directory (DIR[:OPTIONS])
    #[arg(long)]
    pub tmpfs: Vec<String>,
    /// Mount the container's root filesystem as read only
    #[arg(long)]
    pub read_only: bool,
    /// Add Linux capabilities
    #[arg(long)]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities
    #[arg(long)]
    pub cap_drop: Vec<String>,
    /// Give extended privileges to this container
    #[arg(long)]
    pub privileged: bool,
    /// Security options (seccomp=unconfined|PROFILE.json, no-new-privileges)
    #[arg(long)]
    pub security_opt: Vec<String>,
    /// Network mode: none (default for now; the user-mode network comes later) or host
    #[arg(long = "network", alias = "net")]
    pub network: Option<String>,
    /// Automatically remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    pub tty: bool,
    /// Set meta data on a container
    #[arg(short = 'l', long = "label")]
    pub label: Vec<String>,
    /// Signal to stop the container
    #[arg(long)]
    pub stop_signal: Option<String>,
    /// Command to run to check health
    #[arg(long)]
    pub health_cmd: Option<String>,
    /// Time between running the check (e.g. 30s, 1m30s)
    #[arg(long)]
    pub health_interval: Option<String>,
    /// Maximum time to allow one check to run
    #[arg(long)]
    pub health_timeout: Option<String>,
    /// Start period for the container to initialize before counting retries
    #[arg(long)]
    pub health_start_period: Option<String>,
    /// Consecutive failures needed to report unhealthy
    #[arg(long)]
    pub health_retries: Option<u32>,
    /// Disable any container-specified HEALTHCHECK
    #[arg(long)]
    pub no_healthcheck: bool,
    /// Restart policy: no, always, unless-stopped, on-failure[:max-retries]
    #[arg(long)]
    pub restart: Option<String>,
    /// Log driver options (json-file: max-size, max-file)
    #[arg(long = "log-opt", value_name = "KEY=VALUE")]
    pub log_opt: Vec<String>,
    /// Timeout (in seconds) to stop a container
    #[arg(long)]
    pub stop_timeout: Option<u64>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Size of /dev/shm (e.g. 64m)
    #[arg(long)]
    pub shm_size: Option<String>,
    /// Memory limit (needs a delegated cgroup v2 hierarchy)
    #[arg(short = 'm', long)]
    pub memory: Option<String>,
    /// Number of CPUs (needs a delegated cgroup v2 hierarchy)
    #[arg(long)]
    pub cpus: Option<String>,
    /// Tune container pids limit (needs a delegated cgroup v2 hierarchy)
    #[arg(long)]
    pub pids_limit: Option<String>,
    /// CPU shares (needs a delegated cgroup v2 hierarchy)
    #[arg(short = 'c', long)]
    pub cpu_shares: Option<String>,
    /// Pull image before running: missing (default), always, never
    #[arg(long, default_value = "missing", value_name = "POLICY")]
    pub pull: String,
    /// Platform to pull if the image is missing (os/arch[/variant])
    #[arg(long)]
    pub platform: Option<String>,
    #[command(flatten)]
    pub registry: super::registry::RegistryFlags,
    /// Image to create the container from
    pub image: String,
    /// Command and arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

#[derive(Args, Debug)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Run container in background and print container ID
    #[arg(short = 'd', long)]
    pub detach: bool,
    #[command(flatten)]
    pub create: CreateArgs,
}

#[derive(Args, Debug)]
pub struct StartArgs {
    /// Attach STDOUT/STDERR and forward signals
    #[arg(short = 'a', long)]
    pub attach: bool,
    /// Attach container's STDIN
    #[arg(short = 'i', long)]
    pub interactive: bool,
    #[arg(required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PsArgs {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Only display container IDs
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Show n last created containers (includes all states)
    #[arg(short = 'n', long)]
    pub last: Option<usize>,
    /// Show the latest created container (includes all states)
    #[arg(short = 'l', long)]
    pub latest: bool,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Force the removal of a running container (uses SIGKILL)
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short = 'v', long)]
    pub volumes: bool,
    #[arg(required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct WaitArgs {
    /// Wait for: not-running (default), next-exit, removed
    #[arg(long, default_value = "not-running")]
    pub condition: String,
    #[arg(required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct LogsArgs {
    /// Follow log output
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)
    #[arg(long)]
    pub since: Option<String>,
    /// Show logs before a timestamp or relative time
    #[arg(long)]
    pub until: Option<String>,
    /// Show timestamps
    #[arg(short = 't', long)]
    pub timestamps: bool,
    /// Number of lines to show from the end of the logs
    #[arg(short = 'n', long)]
    pub tail: Option<String>,
    pub container: String,
}

fn options(a: &CreateArgs) -> Result<CreateOptions> {
    for (flag, v) in [
        ("--memory", &a.memory),
        ("--cpus", &a.cpus),
        ("--pids-limit", &a.pids_limit),
        ("--cpu-shares", &a.cpu_shares),
    ] {
        if v.is_some() {
            match crate::sandbox::cgroup::delegated_root() {
                None => bail!("{flag}: {}", crate::sandbox::cgroup::unavailable_reason()),
                Some(_) => bail!("{flag}: resource limits are not implemented yet"),
            }
        }
    }
    let shm_size = a.shm_size.as_deref().map(parse_bytes).transpose()?;
    Ok(CreateOptions {
        image: a.image.clone(),
        command: a.command.clone(),
        name: a.name.clone(),
        entrypoint: a.entrypoint.clone(),
        env: a.env.clone(),
        env_files: a.env_file.clone(),
        workdir: a.workdir.clone(),
        user: a.user.clone(),
        group_add: a.group_add.clone(),
        hostname: a.hostname.clone(),
        volumes: a.volume.clone(),
        tmpfs: a.tmpfs.clone(),
        read_only: a.read_only,
        cap_add: a.cap_add.clone(),
        cap_drop: a.cap_drop.clone(),
        privileged: a.privileged,
        security_opt: a.security_opt.clone(),
        network: a.network.clone(),
        auto_remove: a.rm,
        interactive: a.interactive,
        tty: a.tty,
        labels: a.label.clone(),
        stop_signal: a.stop_signal.clone(),
        shm_size,
        stop_timeout: a.stop_timeout,
        init: a.init,
        restart: a.restart.clone(),
        log_opts: a.log_opt.clone(),
        health_cmd: a.health_cmd.clone(),
        health_interval: a.health_interval.clone(),
        health_timeout: a.health_timeout.clone(),
        health_start_period: a.health_start_period.clone(),
        health_retries: a.health_retries,
        no_healthcheck: a.no_healthcheck,
    })
}

/// `64m`, `1g`, `512k`, plain bytes.
pub fn parse_bytes(s: &str) -> Result<u64> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mult) = match s.trim_end_matches('b').chars().last() {
        Some('k') => (&s[..s.trim_end_matches('b').len() - 1], 1u64 << 10),
        Some('m') => (&s[..s.trim_end_matches('b').len() - 1], 1 << 20),
        Some('g') => (&s[..s.trim_end_matches('b').len() - 1], 1 << 30),
        _ => (s.trim_end_matches('b'), 1),
    };
    match num.parse::<f64>() {
        Ok(n) if n >= 0.0 => Ok((n * mult as f64) as u64),
        _ => bail!("invalid size: {s:?}"),
    }
}

/// Engine failures of `run` exit 125; a command that could not start, 126/127.
fn run_error(e: anyhow::Error) -> anyhow::Error {
    if e.downcast_ref::<StartError>().is_some() || e.downcast_ref::<ExitCode>().is_some() {
        return e;
    }
    eprintln!("Error: {e:#}");
    ExitCode(125).into()
}

/// docker's --pull: fetch the image when missing (or always), progress on stderr.
fn ensure_image(paths: &Paths, a: &CreateArgs) -> Result<()> {
    let have = crate::image::ImageStore::new(paths)
        .find(&a.image)?
        .is_some();
    let pull = match a.pull.as_str() {
        "missing" => !have,
        "always" => true,
        "never" => false,
        p => bail!("invalid --pull policy {p:?}: use missing, always or never"),
    };
    if pull {
        if !have {
            let shown = crate::image::Reference::parse(&a.image)
                .map(|r| r.to_string())
                .unwrap_or(a.image.clone());
            eprintln!("Unable to find image '{shown}' locally");
        }
        let opts = a.registry.options(a.platform.clone(), false)?;
        super::registry::pull_image(paths, &a.image, &opts, &mut std::io::stderr(), false)?;
    }
    Ok(())
}

pub fn run(paths: &Paths, a: RunArgs) -> Result<i32> {
    let opts = options(&a.create).map_err(run_error)?;
    ensure_image(paths, &a.create).map_err(run_error)?;
    let rec = ccreate::create(paths, &opts).map_err(run_error)?;
    if a.detach {
        supervise::start_detached(paths, &rec.id)
            .map_err(|e| cleanup_failed_run(paths, &rec, e))?;
        println!("{}", rec.id);
        return Ok(0);
    }
    supervise::run_attached(paths, &rec.id, opts.interactive)
        .map_err(|e| cleanup_failed_run(paths, &rec, e))
}

/// A `run --rm` that could not start leaves nothing behind.
fn cleanup_failed_run(
    paths: &Paths,
    rec: &crate::container::record::ContainerRecord,
    e: anyhow::Error,
) -> anyhow::Error {
    if rec.host_config.auto_remove {
        let _ = Containers::new(paths).remove(&rec.id, true);
    }
    run_error(e)
}

pub fn create(paths: &Paths, a: CreateArgs) -> Result<i32> {
    let opts = options(&a)?;
    ensure_image(paths, &a)?;
    let rec = ccreate::create(paths, &opts)?;
    println!("{}", rec.id);
    Ok(0)
}

pub fn start(paths: &Paths, a: StartArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    if a.attach || a.interactive {
        if a.containers.len() > 1 {
            bail!("you cannot start and attach multiple containers at once");
        }
        let id = ctrs.resolve(&a.containers[0])?;
        return match supervise::run_attached(paths, &id, a.interactive) {
            Ok(c) => Ok(c),
            Err(e) if e.downcast_ref::<StartError>().is_some() => {
                eprintln!("Error: {e:#}");
                Err(ExitCode(1).into())
            }
            Err(e) => Err(e),
        };
    }
    for_each_name(&a.containers, |n| {
        let id = ctrs.resolve(n)?;
        if !ctrs.load(&id)?.state.running {
            supervise::start_detached(paths, &id)?;
        }
        println!("{n}");
        Ok(())
    })
}

pub fn status_text(s: &crate::container::record::ContainerState) -> String {
    match s.status.as_str() {
        "running" | "paused" => {
            let up = parse_rfc3339(&s.started_at)
                .map(|t| human_duration(since(t)))
                .unwrap_or_default();
            let health = match s.health.as_ref().map(|h| h.status.as_str()) {
                Some("starting") => " (health: starting)",
                Some("healthy") => " (healthy)",
                Some("unhealthy") => " (unhealthy)",
                _ => "",
            };
            if s.paused {
                format!("Up {up} (Paused)")
            } else {
                format!("Up {up}{health}")
            }
        }
        "exited" => format!("Exited ({}) {}", s.exit_code, ago(&s.finished_at)),
        "created" => "Created".into(),
        "restarting" => format!("Restarting ({}) {}", s.exit_code, ago(&s.finished_at)),
        other => {
            let mut c = other.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

pub fn ps(paths: &Paths, a: PsArgs) -> Result<i32> {
    let mut list = Containers::new(paths).list()?;
    let limit = if a.latest { Some(1) } else { a.last };
    if !a.all && limit.is_none() {
        list.retain(|l| l.state.running);
    }
    if let Some(n) = limit {
        list.truncate(n);
    }
    if a.quiet {
        for l in &list {
            println!(
                "{}",
                if a.no_trunc {
                    &l.rec.id[..]
                } else {
                    &l.rec.id[..12]
                }
            );
        }
        return Ok(0);
    }
    let mut t = Table::new(&[
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ]);
    for l in &list {
        let cmd = std::iter::once(l.rec.path.clone())
            .chain(l.rec.args.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        let cmd = if a.no_trunc || cmd.chars().count() <= 20 {
            cmd
        } else {
            cmd.chars().take(19).collect::<String>() + "…"
        };
        t.row(vec![
            if a.no_trunc {
                l.rec.id.clone()
            } else {
                l.rec.id[..12].to_string()
            },
            l.rec.image_name.clone(),
            format!("\"{cmd}\""),
            ago(&l.rec.created),
            status_text(&l.state),
            String::new(),
            l.rec.name.clone(),
        ]);
    }
    print!("{}", t.render());
    Ok(0)
}

pub fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    super::each_container(paths, &a.containers, |ctrs, id| ctrs.remove(id, a.force))
}

pub fn wait(paths: &Paths, a: WaitArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    if !matches!(
        a.condition.as_str(),
        "not-running" | "next-exit" | "removed"
    ) {
        bail!(
            "invalid condition {:?}: use not-running, next-exit or removed",
            a.condition
        );
    }
    for_each_name(&a.containers, |n| {
        let id = ctrs.resolve(n)?;
        let first = ctrs.load(&id)?.state;
        // next-exit: a finish time newer than the one we saw first.
        let seen_finish = first.finished_at.clone();
        let mut last_code = first.exit_code;
        loop {
            let l = match ctrs.load(&id) {
                Ok(l) => l,
                Err(_) if a.condition == "removed" => {
                    println!("{last_code}");
                    return Ok(());
                }
                Err(e) => return Err(e),
            };
            last_code = l.state.exit_code;
            let done = match a.condition.as_str() {
                "next-exit" => !l.state.running && l.state.finished_at != seen_finish,
                "removed" => false,
                _ => !l.state.running,
            };
            if done {
                println!("{}", l.state.exit_code);
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    })
}

pub fn logs(paths: &Paths, a: LogsArgs) -> Result<i32> {
    use crate::container::logs::{parse_time_arg, print, LogQuery};
    let ctrs = Containers::new(paths);
    let id = ctrs.resolve(&a.container)?;
    let tail = match a.tail.as_deref() {
        None | Some("all") => None,
        Some(n) => Some(
            n.parse()
                .map_err(|_| anyhow::anyhow!("invalid --tail value {n:?}"))?,
        ),
    };
    let q = LogQuery {
        timestamps: a.timestamps,
        tail,
        since: a.since.as_deref().map(parse_time_arg).transpose()?,
        until: a.until.as_deref().map(parse_time_arg).transpose()?,
    };
    let running = || ctrs.load(&id).map(|l| l.state.running).unwrap_or(false);
    print(
        &ctrs.dir(&id).log(),
        &q,
        if a.follow { Some(&running) } else { None },
    )?;
    Ok(0)
}

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Detached mode: run command in the background
    #[arg(short = 'd', long)]
    pub detach: bool,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    pub tty: bool,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long)]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short = 'w', long)]
    pub workdir: Option<String>,
    /// Set environment variables
    #[arg(short = 'e', long = "env")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long)]
    pub env_file: Vec<PathBuf>,
    /// Give extended privileges to the command
    #[arg(long)]
    pub privileged: bool,
    pub container: String,
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    pub command: Vec<String>,
}

pub fn exec(paths: &Paths, a: ExecArgs) -> Result<i32> {
    if a.tty {
        bail!("-t/--tty: terminals for exec are not supported yet; run without -t");
    }
    let ctrs = Containers::new(paths);
    let id = ctrs.resolve(&a.container)?;
    let o = crate::container::exec::ExecOptions {
        command: a.command,
        interactive: a.interactive,
        detach: a.detach,
        user: a.user,
        workdir: a.workdir,
        env: a.env,
        env_files: a.env_file,
        privileged: a.privileged,
    };
    // A command that cannot run exits 126/127 (StartError); engine failures exit 1.
    crate::container::exec::exec(paths, &id, &o)
}
