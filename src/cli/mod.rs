//! The command line, in docker's shape: one file per command family; clap derive; no
//! logic beyond turning arguments into calls.

pub mod attach;
pub mod build;
pub mod commit;
pub mod container;
pub mod cp;
pub mod df;
pub mod doctor;
pub mod events;
pub mod export;
pub mod generate;
pub mod history;
pub mod image;
pub mod info;
pub mod inspect;
pub mod lifecycle;
pub mod network;
pub mod port;
pub mod prune;
pub mod registry;
pub mod resources;
pub mod stats;
pub mod system;
pub mod unsupported;
pub mod update;
pub mod version;
pub mod volume;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "berth",
    version,
    about = "A daemonless, rootless container engine with docker's command line",
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Storage root (images, layers, containers). Default: $XDG_DATA_HOME/berth, or /var/lib/berth as root.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Runtime state dir (locks, mount points). Default: $XDG_RUNTIME_DIR/berth, or /run/berth as root.
    #[arg(long, global = true, value_name = "DIR")]
    pub runroot: Option<PathBuf>,
    /// Storage driver for new containers: overlay, fuse-overlayfs or vfs (default: probed)
    #[arg(long, global = true, value_name = "DRIVER")]
    pub storage_driver: Option<String>,
    /// cgroup manager (podman): systemd (a transient scope per container, over the user
    /// bus) or cgroupfs (directories in the delegated tree); default: systemd when a user
    /// session bus is there
    #[arg(long, global = true, value_name = "MANAGER", value_parser = ["systemd", "cgroupfs"])]
    pub cgroup_manager: Option<String>,
    /// Set the logging level (debug, info, warn, error, fatal)
    #[arg(short = 'l', long, default_value = "warn", value_name = "LEVEL")]
    pub log_level: String,
    /// Enable debug mode (the same as --log-level debug)
    #[arg(short = 'D', long)]
    pub debug: bool,
    /// Location of client config files (credentials: DIR/config.json), as DOCKER_CONFIG
    #[arg(long, value_name = "DIR")]
    pub config: Option<PathBuf>,
    /// Daemon socket to connect to: berth has no daemon, only local containers (refused
    /// unless it names this machine's default)
    #[arg(short = 'H', long, value_name = "HOST")]
    pub host: Option<String>,
    /// Name of the context to use: only "default" (berth has no remote contexts)
    #[arg(short = 'c', long, value_name = "CONTEXT")]
    pub context: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create and run a new container from an image
    Run(container::RunArgs),
    /// Create a new container
    Create(container::CreateArgs),
    /// Start one or more stopped containers
    Start(container::StartArgs),
    /// List containers
    #[command(alias = "list")]
    Ps(container::PsArgs),
    /// Remove one or more containers
    Rm(container::RmArgs),
    /// Block until one or more containers stop, then print their exit codes
    Wait(container::WaitArgs),
    /// Fetch the logs of a container
    Logs(container::LogsArgs),
    /// Return low-level information on containers or images
    Inspect(inspect::InspectArgs),
    /// Execute a command in a running container
    Exec(container::ExecArgs),
    /// Attach local standard input, output, and error streams to a running container
    Attach(attach::AttachArgs),
    /// Stop one or more running containers
    Stop(lifecycle::StopArgs),
    /// Kill one or more running containers
    Kill(lifecycle::KillArgs),
    /// Restart one or more containers
    Restart(lifecycle::StopArgs),
    /// Pause all processes within one or more containers
    Pause(lifecycle::NamesArgs),
    /// Unpause all processes within one or more containers
    Unpause(lifecycle::NamesArgs),
    /// Display the running processes of a container
    Top(lifecycle::TopArgs),
    /// Rename a container
    Rename(lifecycle::RenameArgs),
    /// List port mappings or a specific mapping for the container
    Port(port::PortArgs),
    /// Copy files/folders between a container and the local filesystem
    Cp(cp::CpArgs),
    /// Export a container's filesystem as a tar archive
    Export(export::ExportArgs),
    /// Import the contents from a tarball to create a filesystem image
    Import(export::ImportArgs),
    /// Download an image from a registry
    Pull(registry::PullArgs),
    /// Upload an image to a registry
    Push(registry::PushArgs),
    /// Log in to a registry
    Login(registry::LoginArgs),
    /// Log out from a registry
    Logout(registry::LogoutArgs),
    /// Build an image from a Dockerfile
    Build(Box<build::BuildArgs>),
    /// Build with BuildKit's command name (`buildx build`)
    #[command(subcommand)]
    Buildx(BuildxCommand),
    /// Load images from a tar archive or STDIN
    Load(image::LoadArgs),
    /// Save one or more images to a tar archive (streamed to STDOUT by default)
    Save(image::SaveArgs),
    /// List images
    Images(image::ImagesArgs),
    /// Remove one or more images
    Rmi(image::RmiArgs),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(image::TagArgs),
    /// Manage images
    #[command(subcommand)]
    Image(ImageCommand),
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerCommand),
    /// Generate service files (systemd units)
    #[command(subcommand)]
    Generate(generate::GenerateCommand),
    /// Manage berth's store
    #[command(subcommand)]
    System(system::SystemCommand),
    /// Display a live stream of container(s) resource usage statistics
    Stats(stats::StatsArgs),
    /// Show the history of an image
    History(history::HistoryArgs),
    /// Create a new image from a container's changes
    Commit(commit::CommitArgs),
    /// Inspect changes to files or directories on a container's filesystem
    Diff(commit::DiffArgs),
    /// Update configuration of one or more containers (restart policy; limits need a
    /// delegated cgroup v2 tree)
    Update(update::UpdateArgs),
    /// Manage builds
    #[command(subcommand)]
    Builder(BuilderCommand),
    /// Check what this host gives berth (user namespaces, subordinate ids, overlay,
    /// /dev/net/tun, cgroup delegation...), each problem with its fix; exit 0 when all hold
    Doctor,
    /// Manage networks
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Show the berth version information (docker's layout and --format)
    Version(version::VersionArgs),
    /// Display system-wide information
    Info(info::InfoArgs),
    /// Get real time events from the server
    Events(events::EventsArgs),
}

#[derive(Subcommand, Debug)]
pub enum BuildxCommand {
    /// Build an image from a Dockerfile
    #[command(alias = "b")]
    Build(Box<build::BuildArgs>),
}

#[derive(Subcommand, Debug)]
pub enum BuilderCommand {
    /// Remove build cache
    Prune(prune::BuilderPruneArgs),
}

#[derive(Subcommand, Debug)]
pub enum ImageCommand {
    /// Build an image from a Dockerfile
    Build(Box<build::BuildArgs>),
    /// List images
    #[command(alias = "list")]
    Ls(image::ImagesArgs),
    /// Remove one or more images
    #[command(alias = "remove")]
    Rm(image::RmiArgs),
    /// Display detailed information on one or more images
    Inspect(inspect::TypedInspectArgs),
    /// Download an image from a registry
    Pull(registry::PullArgs),
    /// Upload an image to a registry
    Push(registry::PushArgs),
    /// Load images from a tar archive or STDIN
    Load(image::LoadArgs),
    /// Save one or more images to a tar archive
    Save(image::SaveArgs),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(image::TagArgs),
    /// Import the contents from a tarball to create a filesystem image
    Import(export::ImportArgs),
    /// Remove unused images
    Prune(prune::ImagePruneArgs),
    /// Exit 0 if the image exists locally, 1 if not (podman)
    Exists(system::ExistsArgs),
    /// Show the history of an image
    History(history::HistoryArgs),
}

#[derive(Subcommand, Debug)]
pub enum ContainerCommand {
    /// Create and run a new container from an image
    Run(container::RunArgs),
    /// Create a new container
    Create(container::CreateArgs),
    /// Start one or more stopped containers
    Start(container::StartArgs),
    /// List containers
    #[command(alias = "list", alias = "ps")]
    Ls(container::PsArgs),
    /// Remove one or more containers
    #[command(alias = "remove")]
    Rm(container::RmArgs),
    /// Block until one or more containers stop
    Wait(container::WaitArgs),
    /// Fetch the logs of a container
    Logs(container::LogsArgs),
    /// Display detailed information on one or more containers
    Inspect(inspect::TypedInspectArgs),
    /// Execute a command in a running container
    Exec(container::ExecArgs),
    /// Attach local standard input, output, and error streams to a running container
    Attach(attach::AttachArgs),
    /// Stop one or more running containers
    Stop(lifecycle::StopArgs),
    /// Kill one or more running containers
    Kill(lifecycle::KillArgs),
    /// Restart one or more containers
    Restart(lifecycle::StopArgs),
    /// Pause all processes within one or more containers
    Pause(lifecycle::NamesArgs),
    /// Unpause all processes within one or more containers
    Unpause(lifecycle::NamesArgs),
    /// Display the running processes of a container
    Top(lifecycle::TopArgs),
    /// Rename a container
    Rename(lifecycle::RenameArgs),
    /// List port mappings or a specific mapping for the container
    Port(port::PortArgs),
    /// Copy files/folders between a container and the local filesystem
    Cp(cp::CpArgs),
    /// Export a container's filesystem as a tar archive
    Export(export::ExportArgs),
    /// Remove all stopped containers
    Prune(prune::ContainerPruneArgs),
    /// Exit 0 if the container exists, 1 if not (podman)
    Exists(system::ExistsArgs),
    /// Display a live stream of container(s) resource usage statistics
    Stats(stats::StatsArgs),
    /// Update configuration of one or more containers
    Update(update::UpdateArgs),
    /// Create a new image from a container's changes
    Commit(commit::CommitArgs),
    /// Inspect changes to files or directories on a container's filesystem
    Diff(commit::DiffArgs),
}

/// An error that has already been reported; exit with this code.
#[derive(Debug, thiserror::Error)]
#[error("exit status {0}")]
pub struct ExitCode(pub i32);

/// Run the parsed command; returns the process exit code.
pub fn dispatch(cli: Cli) -> anyhow::Result<i32> {
    // logrus's levels, as docker's CLI checks them.
    let levels = [
        "panic", "fatal", "error", "warn", "warning", "info", "debug", "trace",
    ];
    if !levels.contains(&cli.log_level.to_ascii_lowercase().as_str()) {
        anyhow::bail!("Unable to parse logging level: {}", cli.log_level);
    }
    if let Some(h) = &cli.host {
        if !h.is_empty() && !h.starts_with("unix://") {
            anyhow::bail!(
                "-H/--host {h}: berth has no daemon and runs containers on this machine only; remote hosts are not supported"
            );
        }
    }
    if let Some(c) = cli.context.as_deref().filter(|c| *c != "default") {
        anyhow::bail!(
            "context \"{c}\" does not exist: berth has only the \"default\" context (this machine)"
        );
    }
    if let Some(m) = &cli.cgroup_manager {
        crate::sandbox::cgroup::prefer(m == "systemd");
    }
    if let Some(dir) = &cli.config {
        // Read by the registry's credential lookup (single-threaded here).
        std::env::set_var("DOCKER_CONFIG", dir);
    }
    let paths = || {
        crate::store::Paths::new(cli.root.clone(), cli.runroot.clone()).map(|mut p| {
            p.storage_driver = cli.storage_driver.clone();
            p
        })
    };
    match cli.command {
        Command::Run(a) | Command::Container(ContainerCommand::Run(a)) => {
            container::run(&paths()?, a)
        }
        Command::Create(a) | Command::Container(ContainerCommand::Create(a)) => {
            container::create(&paths()?, a)
        }
        Command::Start(a) | Command::Container(ContainerCommand::Start(a)) => {
            container::start(&paths()?, a)
        }
        Command::Ps(a) | Command::Container(ContainerCommand::Ls(a)) => container::ps(&paths()?, a),
        Command::Rm(a) | Command::Container(ContainerCommand::Rm(a)) => container::rm(&paths()?, a),
        Command::Wait(a) | Command::Container(ContainerCommand::Wait(a)) => {
            container::wait(&paths()?, a)
        }
        Command::Logs(a) | Command::Container(ContainerCommand::Logs(a)) => {
            container::logs(&paths()?, a)
        }
        Command::Inspect(a) => inspect::inspect(&paths()?, a),
        Command::Exec(a) | Command::Container(ContainerCommand::Exec(a)) => {
            container::exec(&paths()?, a)
        }
        Command::Attach(a) | Command::Container(ContainerCommand::Attach(a)) => {
            attach::attach(&paths()?, a)
        }
        Command::Stop(a) | Command::Container(ContainerCommand::Stop(a)) => {
            lifecycle::stop(&paths()?, a)
        }
        Command::Kill(a) | Command::Container(ContainerCommand::Kill(a)) => {
            lifecycle::kill(&paths()?, a)
        }
        Command::Restart(a) | Command::Container(ContainerCommand::Restart(a)) => {
            lifecycle::restart(&paths()?, a)
        }
        Command::Pause(a) | Command::Container(ContainerCommand::Pause(a)) => {
            lifecycle::pause(&paths()?, a, true)
        }
        Command::Unpause(a) | Command::Container(ContainerCommand::Unpause(a)) => {
            lifecycle::pause(&paths()?, a, false)
        }
        Command::Top(a) | Command::Container(ContainerCommand::Top(a)) => {
            lifecycle::top(&paths()?, a)
        }
        Command::Port(a) | Command::Container(ContainerCommand::Port(a)) => {
            port::port(&paths()?, a)
        }
        Command::Rename(a) | Command::Container(ContainerCommand::Rename(a)) => {
            lifecycle::rename(&paths()?, a)
        }
        Command::Cp(a) | Command::Container(ContainerCommand::Cp(a)) => cp::cp(&paths()?, a),
        Command::Container(ContainerCommand::Prune(a)) => prune::container_prune(&paths()?, a),
        Command::Image(ImageCommand::Prune(a)) => prune::image_prune(&paths()?, a),
        Command::Builder(BuilderCommand::Prune(a)) => prune::builder_prune(&paths()?, a),
        Command::Export(a) | Command::Container(ContainerCommand::Export(a)) => {
            export::export(&paths()?, a)
        }
        Command::Import(a) | Command::Image(ImageCommand::Import(a)) => {
            export::import(&paths()?, a)
        }
        Command::Container(ContainerCommand::Inspect(a)) => {
            inspect::inspect(&paths()?, a.typed("container"))
        }
        Command::Image(ImageCommand::Inspect(a)) => inspect::inspect(&paths()?, a.typed("image")),
        Command::Pull(a) | Command::Image(ImageCommand::Pull(a)) => registry::pull(&paths()?, a),
        Command::Push(a) | Command::Image(ImageCommand::Push(a)) => registry::push(&paths()?, a),
        Command::Login(a) => registry::login(a),
        Command::Logout(a) => registry::logout(a),
        Command::Build(a)
        | Command::Image(ImageCommand::Build(a))
        | Command::Buildx(BuildxCommand::Build(a)) => build::build(&paths()?, *a),
        Command::Load(a) | Command::Image(ImageCommand::Load(a)) => image::load(&paths()?, a),
        Command::Save(a) | Command::Image(ImageCommand::Save(a)) => image::save(&paths()?, a),
        Command::Images(a) | Command::Image(ImageCommand::Ls(a)) => image::images(&paths()?, a),
        Command::Rmi(a) | Command::Image(ImageCommand::Rm(a)) => image::rmi(&paths()?, a),
        Command::Tag(a) | Command::Image(ImageCommand::Tag(a)) => image::tag(&paths()?, a),
        Command::Generate(g) => generate::generate(&paths()?, g),
        Command::System(c) => system::system(&paths()?, c),
        Command::Network(c) => network::network(&paths()?, c),
        Command::Doctor => doctor::doctor(&paths()?),
        Command::Commit(a) | Command::Container(ContainerCommand::Commit(a)) => {
            commit::commit(&paths()?, a)
        }
        Command::Diff(a) | Command::Container(ContainerCommand::Diff(a)) => {
            commit::diff(&paths()?, a)
        }
        Command::History(a) | Command::Image(ImageCommand::History(a)) => {
            history::history(&paths()?, a)
        }
        Command::Update(a) | Command::Container(ContainerCommand::Update(a)) => {
            update::update(&paths()?, a)
        }
        Command::Stats(a) | Command::Container(ContainerCommand::Stats(a)) => {
            stats::stats(&paths()?, a)
        }
        Command::Volume(c) => volume::volume(&paths()?, c),
        Command::Container(ContainerCommand::Exists(a)) => system::container_exists(&paths()?, a),
        Command::Image(ImageCommand::Exists(a)) => system::image_exists(&paths()?, a),
        Command::Version(a) => version::version(a),
        Command::Info(a) => info::info(&paths()?, a),
        Command::Events(a) => events::events(&paths()?, a),
    }
}

/// Act on each name; report each failure as docker does; exit 1 if any failed.
pub fn for_each_name(
    names: &[String],
    mut f: impl FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<i32> {
    let mut failed = false;
    for n in names {
        if let Err(e) = f(n) {
            eprintln!("Error: {e:#}");
            failed = true;
        }
    }
    if failed {
        Err(ExitCode(1).into())
    } else {
        Ok(0)
    }
}

/// For each container name: resolve it, act on it, echo the name as given (docker).
pub fn each_container(
    paths: &crate::store::Paths,
    names: &[String],
    mut f: impl FnMut(&crate::container::Containers, &str) -> anyhow::Result<()>,
) -> anyhow::Result<i32> {
    let ctrs = crate::container::Containers::new(paths);
    for_each_name(names, |n| {
        let id = ctrs.resolve(n)?;
        // Removed meanwhile: named as the user gave it, as docker does.
        f(&ctrs, &id).map_err(|e| match crate::container::is_gone(&e) {
            true => crate::container::NoSuchContainer(n.to_string()).into(),
            false => e,
        })?;
        println!("{n}");
        Ok(())
    })
}

/// The clap command tree (for man pages and completions).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// docker 28's words for an unknown command (`berth foo`, `berth image foo`): the
/// command path as typed, then where to get help; the caller exits 1.
pub fn unknown_command_message(args: &[String]) -> String {
    let cmd = command();
    let mut path = vec!["berth".to_string()];
    let mut cur = &cmd;
    let mut unknown = None;
    let mut skip_value = false;
    for a in args {
        if skip_value {
            skip_value = false;
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            // A global option's value may be the next word.
            let takes_value = !long.contains('=')
                && cur
                    .get_arguments()
                    .chain(cmd.get_arguments())
                    .any(|o| o.get_long() == Some(long) && o.get_action().takes_values());
            skip_value = takes_value;
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        match cur.find_subcommand(a) {
            Some(sub) if sub.has_subcommands() => {
                path.push(a.clone());
                cur = sub;
            }
            Some(_) => break,
            None => {
                unknown = Some(a.clone());
                break;
            }
        }
    }
    let parent = path.join(" ");
    let unknown = unknown.unwrap_or_default();
    if path.len() == 1 {
        format!(
            "berth: unknown command: {parent} {unknown}\n\nRun '{parent} --help' for more information\n"
        )
    } else {
        format!(
            "berth: unknown command: {parent} {unknown}\n\nUsage:  {parent}\n\nRun '{parent} --help' for more information\n"
        )
    }
}
