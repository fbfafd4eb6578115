//! `image prune`: dangling images (no tag), or with `-a` every image no container uses;
//! never one a container (running or not) was created from. Reports docker's lines
//! (`untagged: ...`, `deleted: sha256:...`) and the bytes of layers no kept image shares.

use super::store::ImageStore;
use anyhow::Result;
use std::collections::{BTreeMap, HashSet};

/// Does an image (its creation time and labels) pass the prune filters?
pub type Keep<'a> = &'a dyn Fn(Option<&str>, &BTreeMap<String, String>) -> bool;

pub struct Pruned {
    pub lines: Vec<String>,
    pub reclaimed: u64,
}

/// What a prune removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Untagged images (`image prune`).
    Dangling,
    /// Every image no container uses (`image prune -a`).
    Unused,
    /// The build's intermediate images (`builder prune`, `system prune`): docker's image
    /// prune never takes them, and they are never listed as images.
    BuildCache,
}

/// `keep(created, labels)` is docker's filter; `used` the image ids containers use.
pub fn prune(
    store: &ImageStore,
    used: &HashSet<String>,
    which: Which,
    keep: Keep,
) -> Result<Pruned> {
    let _lock = store.lock()?;
    let images = store.list()?;
    let mut doomed = Vec::new();
    let mut kept = Vec::new();
    for img in images {
        let selected = match which {
            Which::BuildCache => img.build_cache,
            Which::Unused => !img.build_cache,
            Which::Dangling => !img.build_cache && img.repo_tags.is_empty(),
        };
        let eligible = img.broken.is_none() && !used.contains(&img.id) && selected && {
            let labels = store
                .config(&img)
                .ok()
                .and_then(|c| c.config.labels)
                .unwrap_or_default();
            keep(img.created.as_deref(), &labels)
        };
        if eligible {
            doomed.push(img);
        } else {
            kept.push(img);
        }
    }
    let kept_chains: HashSet<&str> = kept
        .iter()
        .flat_map(|i| i.layers.iter().map(|l| l.chain_id.as_str()))
        .collect();
    let mut freed: HashSet<String> = HashSet::new();
    let mut reclaimed = 0;
    let mut lines = Vec::new();
    for img in &doomed {
        let name = [("name", img.id.clone())];
        for t in &img.repo_tags {
            lines.push(format!("untagged: {}", crate::oci::reference::familiar(t)));
            crate::store::events::record(store.paths, "image", "untag", &img.id, &name);
        }
        std::fs::remove_file(store.record_path(&img.id))?;
        crate::store::events::record(store.paths, "image", "delete", &img.id, &name);
        lines.push(if which == Which::BuildCache {
            img.short_id().to_string()
        } else {
            format!("deleted: {}", img.id)
        });
        for l in &img.layers {
            if !kept_chains.contains(l.chain_id.as_str()) && freed.insert(l.chain_id.clone()) {
                reclaimed += l.shown_size();
            }
        }
    }
    if !doomed.is_empty() {
        store.collect_garbage()?;
    }
    Ok(Pruned { lines, reclaimed })
}
