//! `berth commit` and `berth diff`: a container's changes as an image, or as docker's
//! `A`/`C`/`D` lines (`container::commit`).

use crate::container::commit::{self, CommitOptions};
use crate::container::Containers;
use crate::oci::reference::Reference;
use crate::store::Paths;
use anyhow::{anyhow, Result};
use clap::{ArgAction, Args};

#[derive(Args, Debug)]
pub struct CommitArgs {
    /// Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")
    #[arg(short, long)]
    pub author: Option<String>,
    /// Apply Dockerfile instruction to the created image
    #[arg(short, long = "change", value_name = "CHANGE")]
    pub change: Vec<String>,
    /// Commit message
    #[arg(short, long)]
    pub message: Option<String>,
    /// Pause container during commit (berth always pauses a running one: false is
    /// warned about and ignored)
    #[arg(short, long, default_value = "true", action = ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    pub pause: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    #[arg(value_name = "REPOSITORY[:TAG]")]
    pub reference: Option<String>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

fn load(paths: &Paths, name: &str) -> Result<crate::container::Listed> {
    let ctrs = Containers::new(paths);
    let id = ctrs.resolve(name)?;
    ctrs.load(&id)
}

pub fn commit(paths: &Paths, a: CommitArgs) -> Result<i32> {
    let tag = a
        .reference
        .as_deref()
        .map(|r| Reference::parse(r).map_err(|_| anyhow!("invalid reference format")))
        .transpose()?;
    let l = load(paths, &a.container)?;
    let img = commit::commit(
        paths,
        &l,
        &CommitOptions {
            author: a.author,
            message: a.message,
            changes: a.change,
            pause: a.pause,
            tag,
        },
    )?;
    println!("{}", img.id);
    Ok(0)
}

pub fn diff(paths: &Paths, a: DiffArgs) -> Result<i32> {
    let l = load(paths, &a.container)?;
    for (kind, path) in commit::diff(paths, &l)? {
        println!("{kind} {path}");
    }
    Ok(0)
}
