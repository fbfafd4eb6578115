//! `volume create|ls|inspect|rm|prune|exists`, in docker's words and shapes.

use crate::container::volumes::{remove_unused, users};
use crate::format::filter::Filters;
use crate::storage::volume::{VolumeRecord, Volumes};
use crate::store::Paths;
use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Subcommand, Debug)]
pub enum VolumeCommand {
    /// Create a volume
    Create(CreateArgs),
    /// List volumes
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display detailed information on one or more volumes
    Inspect(InspectArgs),
    /// Remove one or more volumes
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Remove unused local volumes (anonymous ones unless -a)
    Prune(PruneArgs),
    /// Exit 0 if the volume exists, 1 if not (podman)
    Exists(super::system::ExistsArgs),
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Specify volume driver name (only local)
    #[arg(short = 'd', long, default_value = "local")]
    pub driver: String,
    /// Set metadata for a volume
    #[arg(long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Set driver specific options (local: type=none, o=bind, device=/DIR)
    #[arg(short = 'o', long = "opt", value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
    /// Specify volume name
    #[arg(long = "name", hide = true)]
    pub name_flag: Option<String>,
    pub name: Option<String>,
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// Only display volume names
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Provide filter values (dangling=true|false, name=, label=, driver=)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format output using a Go template (table, json, or TEMPLATE)
    #[arg(long)]
    pub format: Option<String>,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format output using a Go template (json, or TEMPLATE)
    #[arg(short = 'f', long)]
    pub format: Option<String>,
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Do not fail on volumes that do not exist
    #[arg(short = 'f', long)]
    pub force: bool,
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove all unused volumes, not just anonymous ones
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Provide filter values (label=, label!=)
    #[arg(long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

pub fn volume(paths: &Paths, c: VolumeCommand) -> Result<i32> {
    match c {
        VolumeCommand::Create(a) => create(paths, a),
        VolumeCommand::Ls(a) => ls(paths, a),
        VolumeCommand::Inspect(a) => inspect(paths, a),
        VolumeCommand::Rm(a) => rm(paths, a),
        VolumeCommand::Prune(a) => prune(paths, a),
        VolumeCommand::Exists(a) => Ok(match Volumes::new(paths).get(&a.name)? {
            Some(_) => 0,
            None => 1,
        }),
    }
}

/// The engine's refusals, printed as docker's CLI prints them.
fn daemon_error(e: anyhow::Error) -> anyhow::Error {
    eprintln!("Error response from daemon: {e:#}");
    super::ExitCode(1).into()
}

fn key_values(args: &[String]) -> BTreeMap<String, String> {
    args.iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (l.clone(), String::new()),
        })
        .collect()
}

fn create(paths: &Paths, a: CreateArgs) -> Result<i32> {
    let name = match (a.name_flag, a.name) {
        (Some(f), Some(n)) if f != n => {
            bail!("conflicting options: either specify --name or provide positional arg, not both")
        }
        (f, n) => n.or(f),
    };
    if a.driver != "local" {
        let n = name.as_deref().unwrap_or("");
        return Err(daemon_error(anyhow::anyhow!(
            "create {n}: error looking up volume plugin {d}: plugin \"{d}\" not found",
            d = a.driver
        )));
    }
    let (v, _) = Volumes::new(paths)
        .create(name.as_deref(), key_values(&a.label), key_values(&a.opt))
        .map_err(daemon_error)?;
    println!("{}", v.name);
    Ok(0)
}

/// `ls`'s row: docker's volume formatting context fields.
fn row(v: &VolumeRecord) -> Value {
    let labels: Vec<String> = v.labels.iter().map(|(k, x)| format!("{k}={x}")).collect();
    json!({
        "Availability": "N/A",
        "Driver": v.driver,
        "Group": "N/A",
        "Labels": labels.join(","),
        "Links": "N/A",
        "Mountpoint": v.mountpoint,
        "Name": v.name,
        "Scope": v.scope,
        "Size": "N/A",
        "Status": "N/A",
    })
}

fn ls(paths: &Paths, a: LsArgs) -> Result<i32> {
    let f = Filters::parse(
        &a.filter,
        &["dangling", "name", "label", "label!", "driver"],
    )
    .map_err(daemon_error)?;
    let dangling = f.bool("dangling").map_err(daemon_error)?;
    let used = users(paths)?;
    let mut list: Vec<VolumeRecord> = Volumes::new(paths)
        .list()?
        .into_iter()
        .filter(|v| dangling.is_none_or(|d| d != used.contains_key(&v.name)))
        .filter(|v| f.get("name").iter().all(|n| v.name.contains(n.as_str())))
        .filter(|v| f.get("driver").iter().all(|d| v.driver == *d))
        .filter(|v| f.labels_match(&v.labels))
        .filter(|v| !f.labels_excluded(&v.labels))
        .collect();
    // docker's CLI: natural order (v2 before v10).
    list.sort_by(|a, b| crate::format::ports::natural_cmp(&a.name, &b.name));
    if a.quiet {
        for v in &list {
            println!("{}", v.name);
        }
        return Ok(0);
    }
    let format = a
        .format
        .as_deref()
        .filter(|f| !f.is_empty() && *f != "table")
        .unwrap_or("table {{.Driver}}\t{{.Name}}");
    let headers = [
        ("Name", "VOLUME NAME"),
        ("Driver", "DRIVER"),
        ("Scope", "SCOPE"),
        ("Mountpoint", "MOUNTPOINT"),
        ("Labels", "LABELS"),
        ("Links", "LINKS"),
        ("Size", "SIZE"),
        ("Availability", "AVAILABILITY"),
        ("Group", "GROUP"),
        ("Status", "STATUS"),
    ];
    let items: Vec<Value> = list.iter().map(row).collect();
    print!(
        "{}",
        crate::format::listing::render(format, &headers, &items)?
    );
    Ok(0)
}

fn inspect(paths: &Paths, a: InspectArgs) -> Result<i32> {
    let vols = Volumes::new(paths);
    let mut out = Vec::new();
    let mut failed = false;
    for n in &a.names {
        match vols.get(n)? {
            Some(v) => out.push(serde_json::to_value(&v)?),
            None => {
                eprintln!("Error response from daemon: get {n}: no such volume");
                failed = true;
            }
        }
    }
    super::inspect::print(&out, a.format.as_deref(), failed)
}

fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    let vols = Volumes::new(paths);
    let _lock = vols.lock()?;
    let used = users(paths)?;
    let mut failed = false;
    for n in &a.names {
        match remove_unused(paths, n, &used) {
            Ok(()) => println!("{n}"),
            Err(e)
                if a.force
                    && e.downcast_ref::<crate::storage::volume::NoSuchVolume>()
                        .is_some() =>
            {
                println!("{n}")
            }
            Err(e) => {
                eprintln!("Error response from daemon: {e:#}");
                failed = true;
            }
        }
    }
    Ok(if failed { 1 } else { 0 })
}

fn prune(paths: &Paths, a: PruneArgs) -> Result<i32> {
    let f = Filters::parse(&a.filter, &["label", "label!", "all"]).map_err(daemon_error)?;
    let all = a.all || f.bool("all").map_err(daemon_error)?.unwrap_or(false);
    let warning = if all {
        "WARNING! This will remove all local volumes not used by at least one container."
    } else {
        "WARNING! This will remove anonymous local volumes not used by at least one container."
    };
    if !a.force && !super::system::confirm(warning) {
        return Ok(0);
    }
    let p = crate::container::volumes::prune(paths, all, &|v| {
        !f.labels_match(&v.labels) || f.labels_excluded(&v.labels)
    })?;
    if !p.names.is_empty() {
        println!("Deleted Volumes:\n{}\n", p.names.join("\n"));
    }
    println!(
        "Total reclaimed space: {}",
        crate::format::human_size_precision(p.reclaimed, 4)
    );
    Ok(if p.failed { 1 } else { 0 })
}
