//! `berth update`: change a container's restart policy and resource limits (written to a
//! running container's cgroup leaf; limits need a delegated cgroup v2 tree, values that
//! limit nothing are accepted everywhere, as at `run`).

use crate::container::lifecycle;
use crate::container::record::RestartPolicy;
use crate::container::Containers;
use crate::store::Paths;
use anyhow::Result;
use clap::Args;

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// Restart policy to apply when a container exits
    #[arg(long)]
    pub restart: Option<String>,
    #[command(flatten)]
    pub resources: super::resources::ResourceArgs,
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn update(paths: &Paths, a: UpdateArgs) -> Result<i32> {
    let flags = a.resources.flags(None);
    // CLI syntax first (docker's flag errors, exit 125).
    if let Err(e) = flags.apply(&mut Default::default()) {
        eprintln!("Error: {e:#}");
        return Err(super::ExitCode(125).into());
    }
    if a.restart.is_none() && flags.is_empty() {
        eprintln!("you must provide one or more flags when using this command");
        return Err(super::ExitCode(1).into());
    }
    let policy = a.restart.as_deref().map(RestartPolicy::parse).transpose()?;
    let ctrs = Containers::new(paths);
    let mut failed = false;
    for n in &a.containers {
        let id = match ctrs.resolve(n) {
            Ok(id) => id,
            Err(e) => {
                eprintln!("Error response from daemon: {e:#}");
                failed = true;
                continue;
            }
        };
        // The limits first, checked as docker's daemon checks them (its words, no prefix).
        if let Err(e) = lifecycle::update_resources(&ctrs, &id, &flags) {
            eprintln!("Error response from daemon: {e:#}");
            failed = true;
            continue;
        }
        let r = match &policy {
            Some(p) => lifecycle::set_restart_policy(&ctrs, &id, p),
            None => Ok(()),
        };
        match r {
            Ok(()) => println!("{n}"),
            Err(e) => {
                eprintln!("Error response from daemon: Cannot update container {id}: {e:#}");
                failed = true;
            }
        }
    }
    if failed {
        return Err(super::ExitCode(1).into());
    }
    Ok(0)
}
