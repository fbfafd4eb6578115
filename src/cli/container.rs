//! run, create, start, ps, rm, wait, logs.

use super::{for_each_name, ExitCode};
use crate::container::create::{self as ccreate, CreateOptions};
use crate::container::StartError;
use crate::container::{monitor, supervise, Containers};
use crate::format::time::ago;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
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
    #[arg(short = 'e', long = "env", value_name = "KEY=VALUE", value_parser = env_var)]
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
    /// Bind mount a host directory or a volume ([HOST-DIR|NAME:]CONTAINER-DIR[:OPTIONS])
    #[arg(short = 'v', long = "volume")]
    pub volume: Vec<String>,
    /// Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=...,target=...)
    #[arg(long = "mount", value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Mount volumes from the specified container(s) (CONTAINER[:ro|rw])
    #[arg(long = "volumes-from", value_name = "CONTAINER")]
    pub volumes_from: Vec<String>,
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
    /// Connect a container to a network: bridge (the default), none, host, container:NAME|ID
    #[arg(long = "network", alias = "net", value_name = "NETWORK")]
    pub network: Option<String>,
    /// Publish a container's port(s) to the host ([IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])
    #[arg(short = 'p', long = "publish", value_name = "PORTS")]
    pub publish: Vec<String>,
    /// Publish all exposed ports to random ports
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// Expose a port or a range of ports
    #[arg(long, value_name = "PORTS")]
    pub expose: Vec<String>,
    /// Set custom DNS servers
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set custom DNS search domains
    #[arg(long, value_name = "DOMAIN", allow_hyphen_values = true)]
    pub dns_search: Vec<String>,
    /// Set DNS options
    #[arg(long = "dns-option", visible_alias = "dns-opt", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a custom host-to-IP mapping (host:ip, or host=ip; ip may be host-gateway)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Do not create /etc/hosts for the container: the image's own is used
    #[arg(long)]
    pub no_hosts: bool,
    /// Whether the container gets a cgroup (podman): enabled (the default, where a cgroup
    /// v2 tree is delegated), disabled; no-conmon and split mean enabled here
    #[arg(long, value_name = "MODE", value_parser = ["enabled", "disabled", "no-conmon", "split"])]
    pub cgroups: Option<String>,
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
    /// Read in a line delimited file of labels
    #[arg(long = "label-file", value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Add an annotation to the container (passed through to the OCI runtime spec)
    #[arg(long = "annotation", value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Write the container ID to the file (which must not exist yet)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
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
    /// Time between running the check during the start period (default 5s)
    #[arg(long)]
    pub health_start_interval: Option<String>,
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
    #[command(flatten)]
    pub unsupported: super::unsupported::Unsupported,
    /// Add a host device to the container (HOST[:CONTAINER[:PERMISSIONS]]; a device node
    /// the user may open, bound in)
    #[arg(long = "device", value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Container NIS domain name
    #[arg(long, value_name = "NAME")]
    pub domainname: Option<String>,
    /// User namespace: rootless each container has its own, the user being root in it
    /// (host and auto name that default: there is no host namespace to share
    /// rootless); keep-id[:uid=N,gid=N] (podman) makes the user's own uid and gid (or N)
    /// the user's inside, and the process's
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Cgroup namespace to use: private (the default: its own), host
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// PID namespace to use: host, container:NAME (default: its own)
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// IPC mode to use: private (the default), shareable, none, host, container:NAME
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// UTS namespace to use: host, container:NAME (podman) (default: its own)
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// Tune the host's OOM preferences (-1000 to 1000; rootless, only upwards)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub oom_score_adj: Option<i32>,
    /// Namespaced kernel parameters (net.*, kernel.msg*/sem/shm*, fs.mqueue.*)
    #[arg(long = "sysctl", value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Ulimit options (NAME=SOFT[:HARD], -1 for unlimited)
    #[arg(long = "ulimit", value_name = "NAME=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Logging driver: json-file (the default), local (kept as json-file), none
    #[arg(long = "log-driver", value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Timeout (in seconds) to stop a container (-1: wait forever)
    #[arg(long, allow_hyphen_values = true)]
    pub stop_timeout: Option<i64>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Size of /dev/shm (e.g. 64m)
    #[arg(long)]
    pub shm_size: Option<String>,
    #[command(flatten)]
    pub resources: super::resources::ResourceArgs,
    #[command(flatten)]
    pub device_limits: super::resources::DeviceLimitArgs,
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
    /// Attach to STDIN, STDOUT or STDERR
    #[arg(short = 'a', long, value_name = "STREAM")]
    pub attach: Vec<String>,
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Proxy received signals to the process (without a terminal)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
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
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
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
    /// Accepted for podman's scripts: berth has no containers of other tools to show
    #[arg(long)]
    pub external: bool,
    /// Show the latest created container (includes all states)
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Filter output based on conditions provided (status, name, id, label, exited, ancestor, publish, expose)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format output using a Go template, `json`, or `table TEMPLATE`
    #[arg(long)]
    pub format: Option<String>,
    /// Display total file sizes
    #[arg(short = 's', long)]
    pub size: bool,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Force the removal of a running container (uses SIGKILL)
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short = 'v', long)]
    pub volumes: bool,
    /// Remove all containers (podman; running ones need -f)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Ignore containers that do not exist (podman)
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// With -f: stop a running container first, waiting this many seconds before
    /// killing it (podman)
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECONDS",
        allow_hyphen_values = true
    )]
    pub time: Option<i64>,
    #[arg(required_unless_present = "all")]
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

/// docker's `ValidateEnv`: a variable needs a name (`=x` and `` are refused).
fn env_var(s: &str) -> Result<String, String> {
    match s.split('=').next() {
        Some(k) if !k.is_empty() => Ok(s.to_string()),
        _ => Err(format!("invalid environment variable: {s}")),
    }
}

fn options(a: &CreateArgs) -> Result<CreateOptions> {
    let resources = a.resources.flags(Some(&a.device_limits));
    resources
        .apply(&mut Default::default())
        .map_err(flag_error)?;
    {
        use crate::container::namespaces::{check_syntax, Kind};
        check_syntax(Kind::Pid, a.pid.as_deref()).map_err(flag_error)?;
        check_syntax(Kind::Uts, a.uts.as_deref()).map_err(flag_error)?;
        if let Some(m) = a
            .cgroupns
            .as_deref()
            .filter(|m| !matches!(*m, "" | "private" | "host"))
        {
            return Err(flag_error(anyhow::anyhow!(
                "--cgroupns: invalid CGROUP mode {m:?}: want private or host"
            )));
        }
        crate::container::userns::check_syntax(a.userns.as_deref()).map_err(flag_error)?;
    }
    for w in a.unsupported.check().map_err(flag_error)? {
        eprintln!("WARNING: {w}");
    }
    let shm_size = a
        .shm_size
        .as_deref()
        .map(|v| {
            crate::container::units::parse_bytes(v).map_err(|_| {
                flag_error(anyhow::anyhow!(
                    "invalid argument {v:?} for \"--shm-size\" flag: invalid size: '{v}'"
                ))
            })
        })
        .transpose()?;
    if !matches!(a.pull.as_str(), "missing" | "always" | "never") {
        return Err(flag_error(anyhow::anyhow!(
            "invalid pull option: '{}': must be one of \"always\", \"missing\" or \"never\"",
            a.pull
        )));
    }
    if a.network.as_deref() == Some("") {
        return Err(flag_error(anyhow::anyhow!("no name set for network")));
    }
    Ok(CreateOptions {
        create_command: std::env::args().collect(),
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
        volumes: a
            .volume
            .iter()
            .map(|v| absolute_bind_source(v))
            .collect::<Result<_>>()?,
        mounts: a
            .mount
            .iter()
            .map(|m| crate::container::volumes::parse_mount(m).map(|_| m.clone()))
            .collect::<Result<_>>()
            .map_err(flag_error)?,
        volumes_from: a.volumes_from.clone(),
        tmpfs: a.tmpfs.clone(),
        read_only: a.read_only,
        cap_add: a.cap_add.clone(),
        cap_drop: a.cap_drop.clone(),
        privileged: a.privileged,
        security_opt: a.security_opt.clone(),
        network: a.network.clone(),
        publish: a
            .publish
            .iter()
            .map(|p| crate::network::ports::parse_publish(p))
            .collect::<Result<Vec<_>>>()
            .map_err(flag_error)?
            .concat(),
        publish_all: a.publish_all,
        expose: a
            .expose
            .iter()
            .map(|e| crate::network::ports::parse_expose(e))
            .collect::<Result<Vec<_>>>()
            .map_err(flag_error)?
            .concat(),
        dns: a
            .dns
            .iter()
            .map(|d| crate::network::flags::dns(d))
            .collect::<Result<_>>()
            .map_err(flag_error)?,
        dns_search: a
            .dns_search
            .iter()
            .map(|d| crate::network::flags::dns_search(d))
            .collect::<Result<_>>()
            .map_err(flag_error)?,
        dns_options: a.dns_option.clone(),
        extra_hosts: a
            .add_host
            .iter()
            .map(|h| crate::network::flags::add_host(h))
            .collect::<Result<_>>()
            .map_err(flag_error)?,
        no_hosts: a.no_hosts,
        no_cgroup: a.cgroups.as_deref() == Some("disabled"),
        auto_remove: a.rm,
        interactive: a.interactive,
        tty: a.tty,
        detach: false,
        attach: Vec::new(),
        labels: label_files(&a.label_file)
            .map_err(flag_error)?
            .into_iter()
            .chain(a.label.iter().cloned())
            .collect(),
        annotations: a.annotation.clone(),
        ulimits: a.ulimit.clone(),
        sysctls: a.sysctl.clone(),
        devices: a.device.clone(),
        domainname: a.domainname.clone(),
        pid: a.pid.clone(),
        cgroupns: a.cgroupns.clone(),
        userns: a.userns.clone(),
        resources,
        ipc: a.ipc.clone(),
        uts: a.uts.clone(),
        oom_score_adj: a.oom_score_adj,
        log_driver: a.log_driver.clone(),
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
        health_start_interval: a.health_start_interval.clone(),
        health_retries: a.health_retries,
        no_healthcheck: a.no_healthcheck,
    })
}

/// docker's CLI: a `-v` source that starts with `.` (`./src`, `../x`, `.`) is a host
/// path made absolute from the current directory; any other relative source stays a
/// volume name (the engine validates it).
fn absolute_bind_source(v: &str) -> Result<String> {
    match v.split_once(':') {
        Some((src, rest)) if src.starts_with('.') => {
            let cwd = std::env::current_dir()
                .map_err(|e| anyhow::anyhow!("-v {v}: the current directory: {e}"))?;
            Ok(format!("{}:{rest}", clean_path(&cwd.join(src))))
        }
        _ => Ok(v.to_string()),
    }
}

/// Go's filepath.Clean for an absolute path: no `.`, `..` or doubled slashes.
fn clean_path(p: &std::path::Path) -> String {
    use std::path::Component;
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    format!("/{}", parts.join("/"))
}

/// A flag value refused by docker's CLI itself, before anything is created: exit 125
/// for `create` as for `run`.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct FlagError(String);

fn flag_error(e: anyhow::Error) -> anyhow::Error {
    FlagError(format!("{e:#}")).into()
}

/// `create`: a refused flag value is a usage error (125); other failures exit 1.
fn create_error(e: anyhow::Error) -> anyhow::Error {
    if e.downcast_ref::<FlagError>().is_some() {
        eprintln!("Error: {e:#}");
        return ExitCode(125).into();
    }
    e
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
    let images = crate::image::ImageStore::new(paths);
    let found = images.find(&a.image)?;
    let platform = a
        .platform
        .as_deref()
        .map(|p| {
            crate::registry::manifest::Platform::parse(p)
                .map_err(|e| anyhow::anyhow!("error parsing specified platform: {e}"))
        })
        .transpose()?;
    // docker: an image of another platform than --platform asks for is not the one
    // wanted: pulled when the policy allows, else its error.
    let have = match (&found, &platform) {
        (Some(img), Some(want)) => {
            let cfg = images.config(img)?;
            let spec = crate::registry::manifest::PlatformSpec {
                architecture: cfg.architecture.clone(),
                os: cfg.os.clone(),
                os_version: None,
                variant: cfg.variant.clone(),
            };
            if !want.matches(&spec) && a.pull == "never" {
                let actual = crate::registry::manifest::Platform::parse(&format!(
                    "{}/{}",
                    cfg.os, cfg.architecture
                ))
                .map(|p| p.to_string())
                .unwrap_or_default();
                bail!(
                    "image with reference {} was found but does not match the specified platform: wanted {want}, actual: {actual}",
                    a.image
                );
            }
            want.matches(&spec)
        }
        (found, _) => found.is_some(),
    };
    if !have && a.pull == "never" {
        let shown = crate::image::Reference::parse(&a.image)
            .map(|r| r.to_string())
            .unwrap_or(a.image.clone());
        bail!("No such image: {shown}");
    }
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
    let mut opts = options(&a.create).map_err(run_error)?;
    opts.detach = a.detach;
    opts.attach = super::attach::streams(&a.attach).map_err(run_error)?;
    if a.detach && !opts.attach.is_empty() {
        return Err(run_error(anyhow::anyhow!("Conflicting options: -a and -d")));
    }
    // A bad --detach-keys is a usage error even where no keys are read.
    if let Some(k) = a.detach_keys.as_deref() {
        crate::container::attach::keys::parse(k).map_err(run_error)?;
    }
    let stdin = !a.detach
        && opts.interactive
        && (opts.attach.is_empty() || opts.attach.iter().any(|s| s == "stdin"));
    if stdin && opts.tty {
        super::attach::check_tty()?;
    }
    ensure_image(paths, &a.create).map_err(run_error)?;
    check_cidfile(&a.create).map_err(run_error)?;
    let rec = ccreate::create(paths, &opts).map_err(run_error)?;
    for w in ccreate::warnings(&opts) {
        eprintln!("WARNING: {w}");
    }
    if let Err(e) = write_cidfile(&a.create, &rec.id) {
        let _ = crate::container::volumes::remove_container(paths, &rec.id, true, true);
        return Err(run_error(e));
    }
    // A published port already in use fails `run` with nothing left behind (the
    // supervisor binds them again at start).
    if let Err(e) = crate::network::listen::bind_all(&rec.port_bindings()) {
        let _ = crate::container::volumes::remove_container(paths, &rec.id, true, true);
        return Err(run_error(e));
    }
    if a.detach {
        monitor::start_detached(paths, &rec.id).map_err(|e| cleanup_failed_run(paths, &rec, e))?;
        println!("{}", rec.id);
        return Ok(0);
    }
    let c = &rec.config;
    if monitor::needs_monitor(&rec, stdin) {
        let so = monitor::SessionOptions {
            stdin,
            stdout: c.attach_stdout,
            stderr: c.attach_stderr,
            detach_keys: super::attach::detach_keys(a.detach_keys.as_deref())?,
            sig_proxy: a.sig_proxy,
        };
        return monitor::run_through_monitor(paths, &rec.id, &so)
            .map_err(|e| cleanup_failed_run(paths, &rec, e));
    }
    supervise::run_attached(paths, &rec.id, stdin, [c.attach_stdout, c.attach_stderr])
        .map_err(|e| cleanup_failed_run(paths, &rec, e))
}

/// `--label-file`: one `KEY=VALUE` a line, `#` comments and blank lines skipped (as
/// docker reads them); the `--label` flags come after and win.
fn label_files(files: &[PathBuf]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).with_context(|| format!("open {}", f.display()))?;
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    Ok(out)
}

/// `--cidfile`: refused when the file exists (docker's words), before anything is
/// created; written once the container exists.
fn check_cidfile(a: &CreateArgs) -> Result<()> {
    if let Some(f) = &a.cidfile {
        if f.exists() {
            bail!(
                "Container ID file found, make sure the other container isn't running or delete {}",
                f.display()
            );
        }
    }
    Ok(())
}

fn write_cidfile(a: &CreateArgs, id: &str) -> Result<()> {
    if let Some(f) = &a.cidfile {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(f)
            .with_context(|| format!("failed to create the container ID file {}", f.display()))?;
        file.write_all(id.as_bytes())
            .with_context(|| format!("writing the container ID file {}", f.display()))?;
    }
    Ok(())
}

/// A `run --rm` that could not start leaves nothing behind.
fn cleanup_failed_run(
    paths: &Paths,
    rec: &crate::container::record::ContainerRecord,
    e: anyhow::Error,
) -> anyhow::Error {
    if rec.host_config.auto_remove {
        let _ = crate::container::volumes::remove_container(paths, &rec.id, true, true);
    }
    run_error(e)
}

pub fn create(paths: &Paths, a: CreateArgs) -> Result<i32> {
    let opts = options(&a).map_err(create_error)?;
    check_cidfile(&a).map_err(create_error)?;
    ensure_image(paths, &a)?;
    let rec = ccreate::create(paths, &opts)?;
    for w in ccreate::warnings(&opts) {
        eprintln!("WARNING: {w}");
    }
    if let Err(e) = write_cidfile(&a, &rec.id) {
        let _ = crate::container::volumes::remove_container(paths, &rec.id, true, true);
        return Err(create_error(e));
    }
    println!("{}", rec.id);
    Ok(0)
}

pub fn start(paths: &Paths, a: StartArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    if a.attach || a.interactive {
        if a.containers.len() > 1 {
            bail!("you cannot start and attach multiple containers at once");
        }
        let keys = super::attach::detach_keys(a.detach_keys.as_deref())?;
        let id = ctrs.resolve(&a.containers[0])?;
        let l = ctrs.load(&id)?;
        let stdin = a.interactive && l.rec.config.open_stdin;
        if stdin && l.rec.config.tty {
            super::attach::check_tty()?;
        }
        let so = monitor::SessionOptions {
            stdin,
            stdout: true,
            stderr: true,
            detach_keys: keys,
            sig_proxy: true,
        };
        // Already running: attach to it, as docker does.
        if l.state.running {
            return super::attach::attach_running(paths, &id, &so, false);
        }
        let res = if monitor::needs_monitor(&l.rec, stdin) {
            monitor::run_through_monitor(paths, &id, &so)
        } else {
            supervise::run_attached(paths, &id, stdin, [true, true])
        };
        return match res {
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
            monitor::start_detached(paths, &id)?;
        }
        println!("{n}");
        Ok(())
    })
}

/// ps --format fields and their table headers, as docker names them.
const PS_HEADERS: [(&str, &str); 15] = [
    ("ID", "CONTAINER ID"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("CreatedAt", "CREATED AT"),
    ("RunningFor", "CREATED"),
    ("Ports", "PORTS"),
    ("State", "STATE"),
    ("Status", "STATUS"),
    ("Size", "SIZE"),
    ("Names", "NAMES"),
    ("Labels", "LABELS"),
    ("Mounts", "MOUNTS"),
    ("Networks", "NETWORKS"),
    ("LocalVolumes", "LOCAL VOLUMES"),
    ("Platform", "PLATFORM"),
];

pub fn ps(paths: &Paths, a: PsArgs) -> Result<i32> {
    let mut list = Containers::new(paths).list()?;
    let keep = crate::container::select::ps_filter(&a.filter, &list)?;
    let limit = if a.latest { Some(1) } else { a.last };
    // docker: a status filter looks at every container.
    let by_status = a.filter.iter().any(|f| f.starts_with("status="));
    if !a.all && limit.is_none() && !by_status {
        list.retain(|l| l.state.running);
    }
    list.retain(|l| keep(l));
    if let Some(n) = limit {
        list.truncate(n);
    }
    let id = |l: &crate::container::Listed| {
        if a.no_trunc {
            l.rec.id.clone()
        } else {
            l.rec.id[..12].to_string()
        }
    };
    if a.quiet {
        for l in &list {
            println!("{}", id(l));
        }
        return Ok(0);
    }
    let format = match a.format.as_deref() {
        None | Some("") | Some("table") if a.size => {
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}"
        }
        None | Some("") | Some("table") => {
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
        }
        Some(f) => f,
    };
    // docker computes sizes only when asked: -s, a template that shows them, or json.
    let sizes = a.size || format.contains(".Size") || format.contains("json");
    let ctrs = Containers::new(paths);
    let images = crate::image::ImageStore::new(paths);
    let items: Vec<serde_json::Value> = list
        .iter()
        .map(|l| {
            let cmd = std::iter::once(l.rec.path.clone())
                .chain(l.rec.args.iter().cloned())
                .collect::<Vec<_>>()
                .join(" ");
            let cmd = if a.no_trunc || cmd.chars().count() <= 20 {
                cmd
            } else {
                cmd.chars().take(19).collect::<String>() + "…"
            };
            let labels: Vec<String> = l
                .rec
                .config
                .labels
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            serde_json::json!({
                "Command": format!("\"{cmd}\""),
                "CreatedAt": crate::format::time::go_time(&l.rec.created),
                "ID": id(l),
                "Image": l.rec.image_name,
                "Labels": labels.join(","),
                "LocalVolumes": "0",
                "Mounts": "",
                "Names": l.rec.name,
                "Networks": l.rec.host_config.network_mode.network_name().unwrap_or_default(),
                "Ports": crate::format::ports::displayable(&crate::network::ports::listed_ports(&l.ports())),
                "RunningFor": ago(&l.rec.created),
                "Platform": null,
                "Size": if sizes {
                    let virt = images.get(&l.rec.image_id).map(|i| i.size).unwrap_or(0);
                    format!(
                        "{} (virtual {})",
                        crate::format::human_size(crate::storage::usage::dir_size(
                            &ctrs.dir(&l.rec.id).upper()
                        )),
                        crate::format::human_size(virt)
                    )
                } else {
                    "0B".into()
                },
                "State": crate::container::select::state_name(&l.state),
                "Status": crate::format::status::status_text(&l.state),
            })
        })
        .collect();
    print!(
        "{}",
        crate::format::listing::render(format, &PS_HEADERS, &items)?
    );
    Ok(0)
}

/// docker: with -f, a container that is not there (or was removed meanwhile) is
/// reported but is not a failure.
pub fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    let mut failed = false;
    let names = super::lifecycle::targets(paths, &a.containers, a.all, false)?;
    let remove = |id: String| -> Result<()> {
        if let (Some(t), true) = (a.time, a.force) {
            // Stopped with the container's stop signal and this timeout, then removed.
            match crate::container::lifecycle::stop(&ctrs, &id, Some(t), None) {
                Err(e) if crate::container::is_gone(&e) => return Err(e),
                _ => {}
            }
        }
        crate::container::volumes::remove_container(paths, &id, a.force, a.volumes)
    };
    for n in &names {
        match ctrs.resolve(n).and_then(remove) {
            Ok(()) => println!("{n}"),
            Err(e) if crate::container::is_gone(&e) => {
                if !a.ignore {
                    eprintln!("Error: No such container: {n}");
                }
                failed |= !a.force && !a.ignore;
            }
            Err(e) => {
                eprintln!("Error: {e:#}");
                failed = true;
            }
        }
    }
    if failed {
        return Err(ExitCode(1).into());
    }
    Ok(0)
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
    if ctrs.load(&id)?.rec.host_config.log_config.kind == "none" {
        bail!("configured logging driver does not support reading");
    }
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
        since: a
            .since
            .as_deref()
            .map(parse_time_arg)
            .transpose()
            .context("invalid value for \"since\"")?,
        until: a
            .until
            .as_deref()
            .map(parse_time_arg)
            .transpose()
            .context("invalid value for \"until\"")?,
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
    #[arg(short = 'e', long = "env", value_parser = env_var)]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long)]
    pub env_file: Vec<PathBuf>,
    /// Give extended privileges to the command
    #[arg(long)]
    pub privileged: bool,
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    pub container: String,
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    pub command: Vec<String>,
}

pub fn exec(paths: &Paths, a: ExecArgs) -> Result<i32> {
    if a.tty && a.interactive && !a.detach {
        super::attach::check_tty()?;
    }
    let ctrs = Containers::new(paths);
    let id = ctrs.resolve(&a.container)?;
    let o = crate::container::exec::ExecOptions {
        command: a.command,
        interactive: a.interactive,
        tty: a.tty,
        detach: a.detach,
        detach_keys: super::attach::detach_keys(a.detach_keys.as_deref())?,
        user: a.user,
        workdir: a.workdir,
        env: a.env,
        env_files: a.env_file,
        privileged: a.privileged,
    };
    // A command that cannot run exits 126/127 (StartError); engine failures exit 1.
    crate::container::exec::exec(paths, &id, &o)
}
