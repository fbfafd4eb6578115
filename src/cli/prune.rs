//! `container prune`, `image prune`, `system prune`: docker's questions (on stdout, end
//! of input answers no), its reports and "Total reclaimed space".

use super::system::confirm;
use crate::container::prune::{candidates, PruneFilter};
use crate::container::Containers;
use crate::image::ImageStore;
use crate::store::Paths;
use anyhow::Result;
use clap::Args;
use std::collections::HashSet;

#[derive(Args, Debug)]
pub struct ContainerPruneArgs {
    /// Provide filter values (e.g. "until=<timestamp>")
    #[arg(long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct ImagePruneArgs {
    /// Remove all unused images, not just dangling ones
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Provide filter values (e.g. "until=<timestamp>")
    #[arg(long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct BuilderPruneArgs {
    /// Remove all unused build cache, not just dangling ones
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Provide filter values (e.g. "until=24h")
    #[arg(long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct SystemPruneArgs {
    /// Remove all unused images not just dangling ones
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Provide filter values (e.g. "label=<key>=<value>")
    #[arg(long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Prune anonymous volumes
    #[arg(long)]
    pub volumes: bool,
}

/// docker's units.HumanSize (4 significant digits).
fn human(n: u64) -> String {
    crate::format::human_size_precision(n, 4)
}

/// Remove the stopped containers; returns (report, bytes).
fn prune_containers(paths: &Paths, f: &PruneFilter) -> Result<(String, u64)> {
    let ctrs = Containers::new(paths);
    let mut out = String::new();
    let mut reclaimed = 0;
    for c in candidates(&ctrs, f)? {
        let size = crate::storage::usage::dir_size(&ctrs.dir(&c.rec.id).upper());
        // One started or removed meanwhile is not ours to prune.
        if ctrs.remove(&c.rec.id, false).is_ok() {
            if out.is_empty() {
                out.push_str("Deleted Containers:\n");
            }
            out.push_str(&c.rec.id);
            out.push('\n');
            reclaimed += size;
        }
    }
    Ok((out, reclaimed))
}

fn prune_images(paths: &Paths, all: bool, f: &PruneFilter) -> Result<(String, u64)> {
    let used: HashSet<String> = Containers::new(paths)
        .list()?
        .into_iter()
        .map(|c| c.rec.image_id)
        .collect();
    let store = ImageStore::new(paths);
    let which = if all {
        crate::image::prune::Which::Unused
    } else {
        crate::image::prune::Which::Dangling
    };
    let p = crate::image::prune::prune(&store, &used, which, &|created, labels| {
        f.matches(created, labels)
    })?;
    let mut out = String::new();
    if !p.lines.is_empty() {
        out.push_str("Deleted Images:\n");
        for l in p.lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    Ok((out, p.reclaimed))
}

/// The build cache: the build's intermediate images and its cache files and `RUN
/// --mount=type=cache` directories (`build-cache/`), as docker's "Deleted build cache
/// objects:" section.
fn prune_build_cache(paths: &Paths, f: &PruneFilter) -> Result<(String, u64)> {
    let used: HashSet<String> = Containers::new(paths)
        .list()?
        .into_iter()
        .map(|c| c.rec.image_id)
        .collect();
    let store = ImageStore::new(paths);
    let p = crate::image::prune::prune(
        &store,
        &used,
        crate::image::prune::Which::BuildCache,
        &|created, labels| f.matches(created, labels),
    )?;
    let dir = paths.root.join("build-cache");
    let mut reclaimed = p.reclaimed;
    if dir.exists() {
        reclaimed += crate::storage::usage::dir_size(&dir);
        crate::storage::mapped::remove_tree(&dir)?;
    }
    let out = if p.lines.is_empty() {
        String::new()
    } else {
        format!("Deleted build cache objects:\n{}\n", p.lines.join("\n"))
    };
    Ok((out, reclaimed))
}

/// `builder prune`: the build cache (asks as docker does unless `-f`).
pub fn builder_prune(paths: &Paths, a: BuilderPruneArgs) -> Result<i32> {
    let f = PruneFilter::parse(&a.filters)?;
    let warning = if a.all {
        "WARNING! This will remove all build cache."
    } else {
        "WARNING! This will remove all dangling build cache."
    };
    if !a.force && !confirm(warning) {
        return Ok(0);
    }
    let (out, n) = prune_build_cache(paths, &f)?;
    report(&[out], n);
    Ok(0)
}

fn report(sections: &[String], reclaimed: u64) {
    for s in sections.iter().filter(|s| !s.is_empty()) {
        println!("{s}");
    }
    println!("Total reclaimed space: {}", human(reclaimed));
}

pub fn container_prune(paths: &Paths, a: ContainerPruneArgs) -> Result<i32> {
    let f = PruneFilter::parse(&a.filters)?;
    if !a.force && !confirm("WARNING! This will remove all stopped containers.") {
        return Ok(0);
    }
    let (out, n) = prune_containers(paths, &f)?;
    report(&[out], n);
    Ok(0)
}

pub fn image_prune(paths: &Paths, a: ImagePruneArgs) -> Result<i32> {
    let f = PruneFilter::parse(&a.filters)?;
    let warning = if a.all {
        "WARNING! This will remove all images without at least one container associated to them."
    } else {
        "WARNING! This will remove all dangling images."
    };
    if !a.force && !confirm(warning) {
        return Ok(0);
    }
    let (out, n) = prune_images(paths, a.all, &f)?;
    report(&[out], n);
    Ok(0)
}

/// docker 28's question, word for word (berth has no networks or build cache to prune,
/// but scripts and people read the same text).
fn system_warning(a: &SystemPruneArgs) -> String {
    let mut w = String::from(
        "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n",
    );
    if a.volumes {
        w.push_str("  - all anonymous volumes not used by at least one container\n");
    }
    if a.all {
        w.push_str("  - all images without at least one container associated to them\n  - all build cache\n");
    } else {
        w.push_str("  - all dangling images\n  - unused build cache\n");
    }
    if !a.filters.is_empty() {
        w.push_str("\n  Items to be pruned will be filtered with:\n");
        for f in &a.filters {
            w.push_str(&format!("  - {f}\n"));
        }
    }
    w
}

pub fn system_prune(paths: &Paths, a: SystemPruneArgs) -> Result<i32> {
    let f = PruneFilter::parse(&a.filters)?;
    if !a.force && !confirm(&system_warning(&a)) {
        return Ok(0);
    }
    let (containers, n1) = prune_containers(paths, &f)?;
    // After the containers (theirs are then unused), before the images, as docker.
    let (volumes, n3) = if a.volumes {
        let p = crate::container::volumes::prune(paths, false, &|v| !f.matches(None, &v.labels))?;
        let section = if p.names.is_empty() {
            String::new()
        } else {
            format!("Deleted Volumes:\n{}\n", p.names.join("\n"))
        };
        (section, p.reclaimed)
    } else {
        (String::new(), 0)
    };
    let (images, n2) = prune_images(paths, a.all, &f)?;
    let (cache, n4) = prune_build_cache(paths, &f)?;
    report(&[containers, volumes, images, cache], n1 + n2 + n3 + n4);
    Ok(0)
}
