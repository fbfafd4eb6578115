//! JSON records written by temp file + fsync + rename, so a reader sees the old or the
//! new record, never half of one.

use anyhow::{Context, Result};
use serde::{de::DeserializeOwned, Serialize};
use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

pub fn write_json_atomic<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let data = serde_json::to_vec_pretty(value)?;
    write_atomic(path, &data)
}

pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().context("record path has no parent")?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("rec"),
        std::process::id()
    ));
    let res = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res.with_context(|| format!("writing {}", path.display()))
}

/// A file in a directory nobody can see yet (a staging dir, published whole by
/// `publish_dir`): written and fsynced; no temp file and no rename are needed.
pub fn write_json_new<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let data = serde_json::to_vec_pretty(value)?;
    (|| -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        f.write_all(&data)?;
        f.sync_all()
    })()
    .with_context(|| format!("writing {}", path.display()))
}

/// Make the staged directory `staging` visible as `dest` (same filesystem): its
/// entries are made durable with one fsync of the directory, then it is renamed, then
/// the parent's new entry is made durable. Two fsyncs for a whole record directory.
pub fn publish_dir(staging: &Path, dest: &Path) -> Result<()> {
    let parent = dest.parent().context("record path has no parent")?;
    (|| -> std::io::Result<()> {
        File::open(staging)?.sync_all()?;
        fs::rename(staging, dest)?;
        File::open(parent)?.sync_all()
    })()
    .with_context(|| format!("publishing {}", dest.display()))
}

/// `write_json_atomic`, falling back on a full disk (or quota) to overwriting the file
/// in place, which needs no new blocks for a small record: a state change such as an
/// exit must not be lost because the container filled the disk.
pub fn write_json_or_in_place<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let data = serde_json::to_vec_pretty(value)?;
    match write_atomic(path, &data) {
        Err(e) if is_no_space(&e) && path.exists() => {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            f.write_all(&data)
                .and_then(|_| f.set_len(data.len() as u64))
                .and_then(|_| f.sync_all())
                .with_context(|| format!("writing {} in place", path.display()))
        }
        r => r,
    }
}

/// ENOSPC or EDQUOT anywhere in the chain.
pub fn is_no_space(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .and_then(|io| io.raw_os_error())
            .is_some_and(|n| n == libc::ENOSPC || n == libc::EDQUOT)
    })
}

pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let data = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&data).with_context(|| format!("parsing {}", path.display()))
}
