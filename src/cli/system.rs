//! system check and reset; podman's `container exists` / `image exists`.

use crate::container::Containers;
use crate::image::ImageStore;
use crate::store::Paths;
use anyhow::Result;
use clap::{Args, Subcommand};

#[derive(Subcommand, Debug)]
pub enum SystemCommand {
    /// Check the store for damage: broken container and image records, names reserved for no container, scratch left by commands that died
    Check(CheckArgs),
    /// Remove all containers, volumes and images of this user (podman); asks first unless -f
    Reset(ResetArgs),
    /// Remove unused data
    Prune(super::prune::SystemPruneArgs),
    /// Show docker disk usage
    Df(super::df::DfArgs),
    /// Display system-wide information
    Info(super::info::InfoArgs),
    /// Get real time events from the server
    Events(super::events::EventsArgs),
}

#[derive(Args, Debug)]
pub struct ResetArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct ExistsArgs {
    pub name: String,
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
        SystemCommand::Reset(a) => reset(paths, a),
        SystemCommand::Prune(a) => super::prune::system_prune(paths, a),
        SystemCommand::Df(a) => super::df::df(paths, a),
        SystemCommand::Info(a) => super::info::info(paths, a),
        SystemCommand::Events(a) => super::events::events(paths, a),
    }
}

/// podman's exists: 0 when it exists, 1 when not (nothing printed), 125 on errors.
pub fn container_exists(paths: &Paths, a: ExistsArgs) -> Result<i32> {
    match Containers::new(paths).resolve(&a.name) {
        Ok(_) => Ok(0),
        Err(e) if crate::container::is_gone(&e) => Ok(1),
        Err(e) => Err(e),
    }
}

pub fn image_exists(paths: &Paths, a: ExistsArgs) -> Result<i32> {
    Ok(match ImageStore::new(paths).find(&a.name)? {
        Some(_) => 0,
        None => 1,
    })
}

/// Ask as docker 28's prune commands do: the question on stdout, `y` or `Y` (only) to go
/// on; end of input (nothing more printed) or anything else answers no.
pub fn confirm(warning: &str) -> bool {
    use std::io::Write;
    print!("{warning}\nAre you sure you want to continue? [y/N] ");
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(n) if n > 0 => line.trim().eq_ignore_ascii_case("y"),
        _ => false,
    }
}

/// podman's system reset: every container (killed if running), volume and image.
fn reset(paths: &Paths, a: ResetArgs) -> Result<i32> {
    let warning = "WARNING! This will remove:\n        - all containers\n        - all volumes\n        - all images\n        - all build cache";
    if !a.force && !confirm(warning) {
        return Ok(0);
    }
    let ctrs = Containers::new(paths);
    let mut failed = false;
    for c in ctrs.list()? {
        match ctrs.remove(&c.rec.id, true) {
            Err(e) if !crate::container::is_gone(&e) => {
                eprintln!("Error: container {}: {e:#}", &c.rec.id[..12]);
                failed = true;
            }
            _ => {}
        }
    }
    let vols = crate::storage::volume::Volumes::new(paths);
    for v in vols.list()? {
        if let Err(e) = vols.remove(&v.name) {
            eprintln!("Error: volume {}: {e:#}", v.name);
            failed = true;
        }
    }
    let images = ImageStore::new(paths);
    for img in images.list()? {
        let _lock = images.lock()?;
        if let Err(e) = images.delete(&img.id) {
            eprintln!("Error: image {}: {e:#}", img.short_id());
            failed = true;
        }
    }
    Ok(if failed { 1 } else { 0 })
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
