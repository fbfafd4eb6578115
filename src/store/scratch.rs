//! Scratch dirs under the store's `tmp/` (same filesystem, so results are renamed into
//! place). Each is named after its owner, `<what>-<pid>-<start>-<rand>`: one whose owner
//! died (`kill -9` during a load) is stale and removed by the next command that takes
//! the store lock, while a concurrent command's scratch is never touched.

use super::{ids, owner, Paths};
use anyhow::{Context, Result};
use std::fs;
use std::path::PathBuf;

/// A new scratch dir owned by this process.
pub fn create(paths: &Paths, what: &str) -> Result<PathBuf> {
    let (pid, start) = owner::me();
    let d = paths
        .tmp()
        .join(format!("{what}-{pid}-{start}-{}", &ids::new_id()[..8]));
    fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
    Ok(d)
}

/// Is `name` a scratch dir whose owner is gone? Names of older berths
/// (`<what>-<16 hex>`) carry no owner: stale too. Anything else (`pull/`, the resumable
/// downloads) is not scratch.
fn is_stale(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    match parts.as_slice() {
        [what, pid, start, rand] if is_word(what) && is_hex(rand, 8) => {
            match (pid.parse::<i32>(), start.parse::<u64>()) {
                (Ok(p), Ok(s)) => !owner::alive(p, s),
                _ => false,
            }
        }
        [what, rand] => is_word(what) && is_hex(rand, 16),
        _ => false,
    }
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Scratch dirs left by processes that are gone.
pub fn stale(paths: &Paths) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(paths.tmp()) else {
        return vec![];
    };
    rd.flatten()
        .filter(|e| is_stale(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect()
}

/// Remove stale scratch (files of mapped ids through the storage child).
pub fn clean_stale(paths: &Paths) -> Result<()> {
    let dirs = stale(paths);
    if dirs.is_empty() {
        return Ok(());
    }
    crate::storage::mapped::remove_trees(&dirs)
}

#[cfg(test)]
mod tests {
    use super::is_stale;
    #[test]
    fn stale_names() {
        let (pid, start) = super::owner::me();
        assert!(!is_stale(&format!("load-{pid}-{start}-0123abcd")));
        assert!(is_stale(&format!("load-{pid}-{}-0123abcd", start + 1)));
        assert!(is_stale("layer-0123456789abcdef"));
        assert!(!is_stale("pull"));
        assert!(!is_stale("load-1-2"));
        assert!(!is_stale("Load-0123456789abcdef"));
    }
}
