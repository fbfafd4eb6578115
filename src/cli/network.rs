//! `berth network ...`: the predefined networks (`bridge`, `host`, `none`) as docker
//! lists and inspects them. User networks are not there yet: creating one is refused
//! with the reason, removing a predefined one in docker's words.

use crate::container::Containers;
use crate::format::filter::Filters;
use crate::network::builtin::{self, Attached, BUILTINS};
use crate::network::settings::network_id;
use crate::store::Paths;
use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

#[derive(Subcommand, Debug)]
pub enum NetworkCommand {
    /// List networks
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Display detailed information on one or more networks
    Inspect(InspectArgs),
    /// Create a network (user networks: not in berth yet)
    Create(NameArgs),
    /// Remove one or more networks
    #[command(visible_alias = "remove")]
    Rm(NamesArgs),
    /// Remove all unused user networks (berth has none)
    Prune(PruneArgs),
    /// Connect a container to a network (user networks: not in berth yet)
    Connect(ConnectArgs),
    /// Disconnect a container from a network (user networks: not in berth yet)
    Disconnect(ConnectArgs),
    /// Exit 0 when the network exists, 1 when not (podman)
    Exists(NameArgs),
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// Only display network IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not truncate the output
    #[arg(long)]
    pub no_trunc: bool,
    /// Provide filter values (driver, id, label, name, scope, type, dangling)
    #[arg(short, long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format output using a custom template: table, table TEMPLATE, json, TEMPLATE
    #[arg(long)]
    pub format: Option<String>,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format output using a custom template
    #[arg(short, long)]
    pub format: Option<String>,
    /// Verbose output (accepted; berth's networks have nothing more to show)
    #[arg(short, long)]
    pub verbose: bool,
    #[arg(required = true, value_name = "NETWORK")]
    pub names: Vec<String>,
}

#[derive(Args, Debug)]
pub struct NameArgs {
    /// Driver, options... (user networks are not in berth yet)
    #[arg(long, short = 'd', value_name = "DRIVER")]
    pub driver: Option<String>,
    #[arg(value_name = "NETWORK")]
    pub name: String,
}

#[derive(Args, Debug)]
pub struct NamesArgs {
    /// Do not error if the network does not exist
    #[arg(short, long)]
    pub force: bool,
    #[arg(required = true, value_name = "NETWORK")]
    pub names: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Provide filter values (e.g. "until=<timestamp>")
    #[arg(long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ConnectArgs {
    #[arg(value_name = "NETWORK")]
    pub network: String,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

const NO_USER_NETWORKS: &str = "user-defined networks are not supported by berth yet: containers use the default network (bridge), host, none or container:NAME";

pub fn network(paths: &Paths, c: NetworkCommand) -> Result<i32> {
    match c {
        NetworkCommand::Ls(a) => ls(paths, a),
        NetworkCommand::Inspect(a) => inspect(paths, a),
        NetworkCommand::Create(_) | NetworkCommand::Connect(_) | NetworkCommand::Disconnect(_) => {
            bail!("{NO_USER_NETWORKS}")
        }
        NetworkCommand::Rm(a) => {
            let mut failed = false;
            for n in &a.names {
                match find(n) {
                    Some((name, _)) => {
                        eprintln!("Error response from daemon: {name} is a pre-defined network and cannot be removed");
                        failed = true;
                    }
                    None if a.force => {}
                    None => {
                        eprintln!("Error response from daemon: network {n} not found");
                        failed = true;
                    }
                }
            }
            if failed {
                return Err(super::ExitCode(1).into());
            }
            Ok(0)
        }
        NetworkCommand::Prune(a) => {
            Filters::parse(&a.filter, &["until", "label", "label!"])?;
            if !a.force
                && !super::system::confirm(
                    "WARNING! This will remove all custom networks not used by at least one container.",
                )
            {
                return Ok(0);
            }
            Ok(0)
        }
        NetworkCommand::Exists(a) => Ok(if find(&a.name).is_some() { 0 } else { 1 }),
    }
}

/// A predefined network by name, full id or id prefix.
fn find(key: &str) -> Option<(&'static str, &'static str)> {
    BUILTINS
        .iter()
        .copied()
        .find(|(name, _)| *name == key || (!key.is_empty() && network_id(name).starts_with(key)))
}

/// When the store was made: the networks' creation time.
fn created(paths: &Paths) -> String {
    std::fs::metadata(&paths.root)
        .and_then(|m| m.created().or_else(|_| m.modified()))
        .map(crate::store::time::rfc3339)
        .unwrap_or_default()
}

/// Running containers on network `name`, in docker's `Containers` map.
fn attached(paths: &Paths, name: &str) -> Result<Vec<(String, String)>> {
    Ok(Containers::new(paths)
        .list()?
        .into_iter()
        .filter(|l| l.state.running && l.rec.host_config.network_mode.network_name() == Some(name))
        .map(|l| (l.rec.id.clone(), l.rec.name.clone()))
        .collect())
}

fn inspect(paths: &Paths, a: InspectArgs) -> Result<i32> {
    let mut out = Vec::new();
    let mut failed = false;
    for n in &a.names {
        match find(n) {
            Some((name, driver)) => {
                let att = attached(paths, name)?;
                let att: Vec<Attached> =
                    att.iter().map(|(id, name)| Attached { id, name }).collect();
                out.push(builtin::inspect(name, driver, &created(paths), &att));
            }
            None => {
                eprintln!("Error response from daemon: network {n} not found");
                failed = true;
            }
        }
    }
    super::inspect::print(&out, a.format.as_deref(), failed)
}

const HEADERS: [(&str, &str); 4] = [
    ("ID", "NETWORK ID"),
    ("Name", "NAME"),
    ("Driver", "DRIVER"),
    ("Scope", "SCOPE"),
];

fn ls(paths: &Paths, a: LsArgs) -> Result<i32> {
    let f = Filters::parse(
        &a.filter,
        &["driver", "id", "label", "name", "scope", "type", "dangling"],
    )?;
    for t in f.get("type") {
        if t != "custom" && t != "builtin" {
            bail!("invalid filter: 'type'='{t}'");
        }
    }
    let dangling = f.bool("dangling")?;
    let when = created(paths);
    let rows: Vec<Value> = BUILTINS
        .iter()
        .filter(|(name, driver)| {
            let id = network_id(name);
            let any = |k: &str, ok: &dyn Fn(&str) -> bool| {
                let v = f.get(k);
                v.is_empty() || v.iter().any(|x| ok(x))
            };
            any("driver", &|d| d == *driver)
                && any("id", &|p| id.starts_with(p))
                && any("name", &|n| name.contains(n))
                && any("scope", &|s| s == "local")
                && any("type", &|t| t == "builtin")
                // Predefined networks carry no labels; dangling ones are custom only.
                && f.get("label").is_empty()
                && dangling != Some(true)
        })
        .map(|(name, driver)| {
            let id = network_id(name);
            json!({
                "CreatedAt": crate::format::time::go_time(&when),
                "Driver": driver,
                "ID": if a.no_trunc { id.clone() } else { id[..12].to_string() },
                "IPv4": (*name == "bridge").to_string(),
                "IPv6": (*name == "bridge" && crate::network::ipv6_enabled()).to_string(),
                "Internal": "false",
                "Labels": "",
                "Name": name,
                "Scope": "local",
            })
        })
        .collect();
    if a.quiet {
        for r in &rows {
            println!("{}", r["ID"].as_str().unwrap_or_default());
        }
        return Ok(0);
    }
    let format = match a.format.as_deref() {
        None | Some("") | Some("table") => "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}",
        Some(f) => f,
    };
    print!(
        "{}",
        crate::format::listing::render(format, &HEADERS, &rows)?
    );
    Ok(0)
}
