//! system check.

use crate::container::Containers;
use crate::image::ImageStore;
use crate::store::Paths;
use anyhow::Result;
use clap::{Args, Subcommand};

#[derive(Subcommand, Debug)]
pub enum SystemCommand {
    /// Check the store for damage: broken container and image records, names reserved for no container, scratch left by commands that died
    Check(CheckArgs),
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Fix what is found (damaged records are reset or removed, stale names and scratch removed)
    #[arg(long)]
    pub repair: bool,
}

pub fn system(paths: &Paths, c: SystemCommand) -> Result<i32> {
    match c {
        SystemCommand::Check(a) => check(paths, a),
    }
}

/// One line per finding; exit 0 when the store is clean (or was repaired), 1 when
/// damage remains.
fn check(paths: &Paths, a: CheckArgs) -> Result<i32> {
    // Scratch first: taking the store lock (the image check does) clears it silently.
    let mut findings: Vec<(String, bool)> = crate::store::scratch::stale(paths)
        .into_iter()
        .map(|d| {
            let what = format!("scratch {}: left by a command that died", d.display());
            let fixed = a.repair && crate::storage::mapped::remove_tree(&d).is_ok();
            (what, fixed)
        })
        .collect();
    findings.extend(Containers::new(paths).check(a.repair)?);
    findings.extend(ImageStore::new(paths).check(a.repair)?);
    for (what, fixed) in &findings {
        if *fixed {
            println!("{what}: repaired");
        } else {
            println!("{what}");
        }
    }
    Ok(if findings.iter().all(|(_, fixed)| *fixed) {
        0
    } else {
        1
    })
}
