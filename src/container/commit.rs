//! `commit` and `diff`: a container's own changes — its overlay upper dir — as a new
//! image layer (`storage::difftar`), or as docker's `A`/`C`/`D` list. Both read the
//! upper dir in the storage child (files of mapped ids), never following a link.

use super::record::ContainerRecord;
use super::{Containers, Listed};
use crate::image::config::{ImageConfigBlob, RunConfig};
use crate::image::store::{ImageRecord, ImageStore, NewLayer};
use crate::oci::reference::Reference;
use crate::storage::difftar::Written;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use serde_json::json;
use std::path::PathBuf;

/// The runtime's mount points for the /etc files: not the container's changes (bind
/// mounts: the process cannot write them), as docker keeps them in its init layer.
const RUNTIME_FILES: [&str; 3] = ["etc/hosts", "etc/hostname", "etc/resolv.conf"];

pub struct CommitOptions {
    pub author: Option<String>,
    pub message: Option<String>,
    pub changes: Vec<String>,
    /// `--pause` as given. A running container is paused while its changes are read
    /// whatever it says: the walk reads files by path, and a running process could swap
    /// a directory for a link to the host's files meanwhile.
    pub pause: bool,
    pub tag: Option<Reference>,
}

/// Only the overlay drivers keep a container's changes apart from its image.
fn upper_of(paths: &Paths, rec: &ContainerRecord, what: &str) -> Result<PathBuf> {
    if rec.driver == "vfs" {
        bail!("{what} needs an overlay storage driver: container {} uses vfs (a full copy, no separate changes)", &rec.id[..12]);
    }
    Ok(super::record::ContainerDir::new(paths, &rec.id).upper())
}

/// The image a container was made from: its layers and config.
fn base(store: &ImageStore, rec: &ContainerRecord) -> Result<(ImageRecord, ImageConfigBlob)> {
    let img = store
        .get(&rec.image_id)
        .with_context(|| format!("the image of container {} is gone", &rec.id[..12]))?;
    let cfg = store.config(&img)?;
    Ok((img, cfg))
}

/// Make an image of container `l`'s changes (docker's `commit`).
pub fn commit(paths: &Paths, l: &Listed, o: &CommitOptions) -> Result<ImageRecord> {
    let rec = &l.rec;
    let upper = upper_of(paths, rec, "commit")?;
    let store = ImageStore::new(paths);
    let (img, base_cfg) = base(&store, rec)?;
    // The container's settings become the image's, then the --change lines.
    let mut config: RunConfig = serde_json::from_value(serde_json::to_value(&rec.config)?)
        .context("reading the container's config")?;
    config.healthcheck = base_cfg.config.healthcheck.clone().or(config.healthcheck);
    for c in &o.changes {
        crate::image::change::apply(&mut config, c)?;
    }
    let ctrs = Containers::new(paths);
    if !o.pause && l.state.running {
        eprintln!("WARNING: --pause=false ignored: berth pauses a running container while it reads its changes");
    }
    let paused = l.state.running && !l.state.paused;
    if paused {
        super::lifecycle::set_paused(&ctrs, &rec.id, true)?;
    }
    let scratch = store.scratch("commit")?;
    let blob = scratch.join("layer.tar.gz");
    let result = scratch.join("result.json");
    let written = crate::storage::mapped::run_mapped(|| {
        let w = crate::storage::difftar::write_upper(&upper, &blob, &RUNTIME_FILES)?;
        crate::store::write_json_atomic(&result, &w)
    })
    .and_then(|_| crate::store::read_json::<Option<Written>>(&result));
    if paused {
        let _ = super::lifecycle::set_paused(&ctrs, &rec.id, false);
    }
    let res = (|| {
        let written = written.context("reading the container's changes")?;
        let now = crate::store::time::now_rfc3339();
        let mut cfg = base_cfg.clone();
        cfg.created = Some(now.clone());
        cfg.config = config;
        if o.author.is_some() {
            cfg.author = o.author.clone();
        }
        let mut h = json!({
            "created": now,
            "created_by": std::iter::once(rec.path.as_str())
                .chain(rec.args.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" "),
        });
        if let Some(a) = &o.author {
            h["author"] = a.clone().into();
        }
        if let Some(m) = o.message.as_deref().filter(|m| !m.is_empty()) {
            h["comment"] = m.into();
        }
        if written.is_none() {
            h["empty_layer"] = true.into();
        }
        cfg.history.push(h);
        let _lock = store.lock()?;
        let mut layers: Vec<NewLayer> = img
            .layers
            .iter()
            .map(|l| NewLayer {
                blob_path: store.blob_path(&l.blob),
                blob_digest: l.blob.clone(),
                media_type: l.media_type.clone(),
                diff_id: l.diff_id.clone(),
            })
            .collect();
        if let Some(w) = written {
            let digest = store.put_blob_file(&blob, Some(&w.blob_digest))?;
            layers.push(NewLayer {
                blob_path: store.blob_path(&digest),
                blob_digest: digest,
                media_type: "application/vnd.docker.image.rootfs.diff.tar.gzip".into(),
                diff_id: w.diff_id,
            });
        }
        cfg.rootfs.kind = "layers".into();
        cfg.rootfs.diff_ids = layers.iter().map(|l| l.diff_id.clone()).collect();
        cfg.comment = o.message.clone().filter(|m| !m.is_empty());
        let id = store.put_blob_bytes(&serde_json::to_vec(&cfg)?)?;
        let tags: Vec<Reference> = o.tag.iter().cloned().collect();
        store.add_image(&id, layers, &tags)
    })();
    let _ = crate::storage::mapped::remove_tree(&scratch);
    res
}

/// docker's `diff`: `A` added, `C` changed (a directory that holds changes, or a file
/// replaced), `D` deleted, in the order of a walk of the changes (names sorted).
pub fn diff(paths: &Paths, l: &Listed) -> Result<Vec<(char, String)>> {
    let rec = &l.rec;
    let upper = upper_of(paths, rec, "diff")?;
    let store = ImageStore::new(paths);
    let lower: Vec<PathBuf> = rec.layers.iter().map(|c| store.layer_dir(c)).collect();
    let scratch = store.scratch("diff")?;
    let result = scratch.join("changes.json");
    let r = crate::storage::mapped::run_mapped(|| {
        let mut out = Vec::new();
        let root = open_dir(rustix::fs::CWD, &upper.display().to_string())?;
        walk(&root, "", &lower, &mut out, 0)?;
        crate::store::write_json_atomic(&result, &out)
    })
    .and_then(|_| crate::store::read_json::<Vec<(char, String)>>(&result));
    let _ = crate::storage::mapped::remove_tree(&scratch);
    r
}

/// Deepest directory nesting walked.
const MAX_DEPTH: usize = 512;

/// Open a directory without following a symlink at `name` (a running container can
/// swap any of its directories for a link to the host between two calls).
fn open_dir(parent: impl std::os::fd::AsFd, name: &str) -> Result<std::os::fd::OwnedFd> {
    use rustix::fs::{Mode, OFlags};
    Ok(rustix::fs::openat(
        parent,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

/// The names in a directory fd, sorted.
fn names(dir: &std::os::fd::OwnedFd) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in rustix::fs::Dir::read_from(dir)? {
        let e = e?;
        let n = e.file_name().to_string_lossy().into_owned();
        if n != "." && n != ".." {
            out.push(n);
        }
    }
    out.sort();
    Ok(out)
}

/// Walk the upper dir `dir` (at `rel`) by fd, nothing followed: entries in name order,
/// each then its children. Returns whether anything under it was reported.
fn walk(
    dir: &std::os::fd::OwnedFd,
    rel: &str,
    lower: &[PathBuf],
    out: &mut Vec<(char, String)>,
    depth: usize,
) -> Result<bool> {
    if depth > MAX_DEPTH {
        bail!("the container's changes nest deeper than {MAX_DEPTH} directories");
    }
    let mut any = false;
    for name in names(dir)? {
        let child = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if RUNTIME_FILES.contains(&child.as_str()) {
            continue;
        }
        let Ok(st) = rustix::fs::statat(dir, name.as_str(), rustix::fs::AtFlags::SYMLINK_NOFOLLOW)
        else {
            continue;
        };
        let kind = rustix::fs::FileType::from_raw_mode(st.st_mode);
        let shown = format!("/{child}");
        // Whiteouts: 0:0 character devices (kernel overlay) or `.wh.` files.
        if kind == rustix::fs::FileType::CharacterDevice && st.st_rdev == 0 {
            out.push(('D', shown));
            any = true;
            continue;
        }
        if let Some(gone) = name.strip_prefix(".wh.") {
            if !gone.starts_with(".wh.") {
                let p = if rel.is_empty() {
                    format!("/{gone}")
                } else {
                    format!("/{rel}/{gone}")
                };
                out.push(('D', p));
                any = true;
            }
            continue;
        }
        let existed = crate::storage::layered::stat(lower, &shown).is_some();
        if kind == rustix::fs::FileType::Directory {
            let at = out.len();
            out.push((if existed { 'C' } else { 'A' }, shown));
            let Ok(sub) = open_dir(dir, &name) else {
                continue;
            };
            let inner = walk(&sub, &child, lower, out, depth + 1)?;
            // A directory that holds only the runtime's mount points is not a change.
            if existed && !inner && only_runtime_files(&sub, &child)? {
                out.remove(at);
                continue;
            }
        } else {
            out.push((if existed { 'C' } else { 'A' }, shown));
        }
        any = true;
    }
    Ok(any)
}

fn only_runtime_files(dir: &std::os::fd::OwnedFd, rel: &str) -> Result<bool> {
    let names = names(dir)?;
    Ok(!names.is_empty()
        && names
            .iter()
            .all(|n| RUNTIME_FILES.contains(&format!("{rel}/{n}").as_str())))
}
