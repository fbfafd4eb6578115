//! COPY and ADD's layer: the sources read inside a root (the context, or another
//! stage's flattened rootfs) and written as a layer tar, with docker's semantics: a
//! directory source copies its contents, a destination ending in `/` (or several
//! sources, or an existing directory) is a directory, missing parents are created
//! (0755, owned as the copied files), existing parents keep their metadata, globs in
//! sources, `.dockerignore`d files invisible. Every path is resolved inside the root
//! (openat2 RESOLVE_IN_ROOT) and below it walked with `*at()` and O_NOFOLLOW: a symlink
//! in the root is copied as a symlink, never followed out. Runs in the storage child
//! (files of another stage are owned by mapped ids).

use super::ignore::{self, Ignore};
use crate::storage::difftar::{LayerWriter, Written};
use crate::sys::resolve::open_in_root;
use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use std::fs::File;
use std::os::fd::OwnedFd;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Deepest nesting copied.
const MAX_DEPTH: usize = 512;

/// One COPY/ADD, its words substituted.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CopyJob {
    pub sources: Vec<String>,
    /// Absolute, cleaned; `dest_dir` says whether it names a directory.
    pub dest: String,
    pub dest_dir: bool,
    /// `--chown` resolved; None keeps the source's owners (only for `--from`), the
    /// context's files are 0:0 unless told.
    pub owner: Option<(u32, u32)>,
    pub chmod: Option<u32>,
    /// ADD: local archives are unpacked at the destination.
    pub extract: bool,
    /// `--exclude` patterns, matched against paths below each source (and its name).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Files made by the builder (heredocs, ADD's downloads): (name, file, mode).
    #[serde(default)]
    pub files: Vec<(String, std::path::PathBuf, u32)>,
}

/// What `find` says is at a source.
struct Found {
    rel: String,
    meta: std::fs::Metadata,
}

/// The error BuildKit gives for a source that is not in the context.
fn not_found(src: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "failed to compute cache key: failed to calculate checksum of ref: \"/{}\": not found",
        ignore::clean(src)
    )
}

/// Expand a source (globs included) to the paths it names inside `root`.
fn expand(root: &OwnedFd, ign: &Ignore, src: &str) -> Result<Vec<Found>> {
    let clean = ignore::clean(src);
    let mut rels: Vec<String> = vec![String::new()];
    if ignore::has_glob(&clean) {
        for comp in clean.split('/') {
            let mut next = Vec::new();
            for r in &rels {
                if !ignore::has_glob(comp) {
                    next.push(join(r, comp));
                    continue;
                }
                let Ok(d) = open_in_root(root, r, libc::O_RDONLY | libc::O_DIRECTORY) else {
                    continue;
                };
                let mut names: Vec<String> = read_names(&d)?;
                names.sort();
                for n in names {
                    if ignore::glob(comp.as_bytes(), n.as_bytes()) {
                        next.push(join(r, &n));
                    }
                }
            }
            rels = next;
        }
    } else {
        rels = vec![clean.clone()];
    }
    let mut out = Vec::new();
    for rel in rels {
        if !rel.is_empty() && ign.excluded(&rel) {
            continue;
        }
        let Ok(fd) = open_in_root(root, &rel, libc::O_PATH) else {
            continue;
        };
        let meta = File::from(fd).metadata()?;
        out.push(Found { rel, meta });
    }
    if out.is_empty() {
        return Err(not_found(src));
    }
    Ok(out)
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}/{b}")
    }
}

fn read_names(d: &OwnedFd) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let dup = rustix::fs::openat(
        d,
        ".",
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    for e in rustix::fs::Dir::read_from(&dup)? {
        let e = e?;
        let n = e.file_name().to_string_lossy().into_owned();
        if n != "." && n != ".." {
            out.push(n);
        }
    }
    Ok(out)
}

/// The directories above and at `dest` as (path, existing metadata) — what the
/// parent image has there (`layers`, bottom first).
fn parents(layers: &[std::path::PathBuf], path: &str) -> Vec<(String, Option<std::fs::Metadata>)> {
    let mut out = Vec::new();
    let mut acc = String::new();
    for c in path.split('/').filter(|c| !c.is_empty()) {
        acc = join(&acc, c);
        out.push((
            acc.clone(),
            crate::storage::layered::stat(layers, &format!("/{acc}")),
        ));
    }
    out
}

struct Writer<'a> {
    lw: LayerWriter,
    ign: &'a Ignore,
    /// `--exclude`, relative to the source being copied.
    exclude: Ignore,
    /// The source being copied (its path in the root): `exclude` is relative to it.
    base: String,
    job: &'a CopyJob,
    /// Whether entry paths are matched against the ignore file (the context only).
    context: bool,
    /// Directories already written.
    dirs: std::collections::HashSet<String>,
}

impl Writer<'_> {
    fn owner(&self, m: &std::fs::Metadata) -> (u32, u32) {
        match self.job.owner {
            Some(o) => o,
            None if self.context => (0, 0),
            None => (m.uid(), m.gid()),
        }
    }

    fn header(&self, m: &std::fs::Metadata, kind: tar::EntryType) -> tar::Header {
        let mut h = crate::storage::difftar::header_for(m, kind);
        let (u, g) = self.owner(m);
        h.set_uid(u as u64);
        h.set_gid(g as u64);
        if let Some(mode) = self.job.chmod.filter(|_| kind != tar::EntryType::Symlink) {
            h.set_mode(mode);
        }
        h
    }

    /// The directories leading to `dest` (itself included when `with_self`).
    fn ensure_dirs(&mut self, layers: &[std::path::PathBuf], dest: &str) -> Result<()> {
        for (p, existing) in parents(layers, dest) {
            if !self.dirs.insert(p.clone()) {
                continue;
            }
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(tar::EntryType::Directory);
            h.set_size(0);
            match existing {
                Some(m) if m.is_dir() => {
                    h.set_mode(m.mode() & 0o7777);
                    h.set_uid(m.uid() as u64);
                    h.set_gid(m.gid() as u64);
                    h.set_mtime(m.mtime().max(0) as u64);
                }
                Some(_) => bail!("cannot copy to {dest:?}: /{p} is not a directory"),
                None => {
                    let (u, g) = self.job.owner.unwrap_or((0, 0));
                    h.set_mode(0o755);
                    h.set_uid(u as u64);
                    h.set_gid(g as u64);
                    // Fixed, so the same COPY gives the same layer (its cache key).
                    h.set_mtime(0);
                }
            }
            self.lw.add(&mut h, &format!("{p}/"), &[][..])?;
        }
        Ok(())
    }

    fn entry(
        &mut self,
        dir: &OwnedFd,
        name: &str,
        rel: &str,
        dest: &str,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_DEPTH {
            bail!("{rel}: directories nested deeper than {MAX_DEPTH} levels");
        }
        if self.context && self.ign.excluded(rel) && !self.ign.has_exceptions() {
            return Ok(());
        }
        let below = rel
            .strip_prefix(&self.base)
            .map(|r| r.trim_start_matches('/'))
            .filter(|r| !r.is_empty())
            .unwrap_or(rel);
        if self.exclude.excluded(below) {
            return Ok(());
        }
        let st = rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)?;
        let fd = rustix::fs::openat(
            dir,
            name,
            OFlags::PATH | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let m = File::from(fd).metadata()?;
        let _ = st;
        let excluded = self.context && self.ign.excluded(rel);
        match FileType::from_raw_mode(m.mode()) {
            FileType::Directory => {
                let sub = rustix::fs::openat(
                    dir,
                    name,
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                    Mode::empty(),
                )?;
                if !excluded && self.dirs.insert(dest.to_string()) {
                    let mut h = self.header(&m, tar::EntryType::Directory);
                    self.lw.add(&mut h, &format!("{dest}/"), &[][..])?;
                }
                self.children(&sub, rel, dest, depth + 1)?;
            }
            _ if excluded => {}
            FileType::RegularFile => {
                let f = rustix::fs::openat(
                    dir,
                    name,
                    OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
                    Mode::empty(),
                )?;
                let mut h = self.header(&m, tar::EntryType::Regular);
                h.set_size(m.len());
                self.lw.add(&mut h, dest, File::from(f))?;
            }
            FileType::Symlink => {
                let t = rustix::fs::readlinkat(dir, name, Vec::new())?;
                let t = t.to_string_lossy().into_owned();
                let mut h = self.header(&m, tar::EntryType::Symlink);
                self.lw.add_link(&mut h, dest, Path::new(&t))?;
            }
            // Devices, fifos and sockets are not copied.
            _ => {}
        }
        Ok(())
    }

    fn children(&mut self, dir: &OwnedFd, rel: &str, dest: &str, depth: usize) -> Result<()> {
        let mut names = read_names(dir)?;
        names.sort();
        for n in names {
            self.entry(dir, &n, &join(rel, &n), &join(dest, &n), depth)?;
        }
        Ok(())
    }
}

/// Write the layer of `job` reading from `root` into `out`. `layers` are the parent
/// image's layer dirs (bottom first), for the destination's existing directories.
pub fn write_layer(
    root: &OwnedFd,
    ign: &Ignore,
    context: bool,
    layers: &[std::path::PathBuf],
    job: &CopyJob,
    out: &Path,
) -> Result<Option<Written>> {
    let mut found = Vec::new();
    for s in &job.sources {
        found.extend(expand(root, ign, s)?);
    }
    let count = found.len() + job.files.len();
    let dest_dir = job.dest_dir || count > 1;
    if count > 1 && !job.dest.ends_with('/') && !job.dest_dir {
        bail!("When using COPY with more than one source file, the destination must be a directory and end with a /");
    }
    let dest = job.dest.trim_matches('/').to_string();
    let mut w = Writer {
        lw: LayerWriter::create(out)?,
        ign,
        exclude: Ignore::parse(&job.exclude.join("\n")),
        base: String::new(),
        job,
        context,
        dirs: Default::default(),
    };
    for (name, file, mode) in &job.files {
        let target = if dest_dir {
            join(&dest, name)
        } else {
            dest.clone()
        };
        if let Some((parent, _)) = target.rsplit_once('/') {
            w.ensure_dirs(layers, parent)?;
        }
        let f = File::open(file).with_context(|| format!("reading {}", file.display()))?;
        let m = f.metadata()?;
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(m.len());
        h.set_mode(job.chmod.unwrap_or(*mode));
        let (u, g) = job.owner.unwrap_or((0, 0));
        h.set_uid(u as u64);
        h.set_gid(g as u64);
        h.set_mtime(0);
        w.lw.add(&mut h, &target, f)?;
    }
    for f in found {
        if w.exclude.excluded(&f.rel) {
            continue;
        }
        w.base = if f.meta.is_dir() {
            f.rel.clone()
        } else {
            String::new()
        };
        let is_dir = f.meta.is_dir();
        let base = f.rel.rsplit('/').next().unwrap_or("").to_string();
        if is_dir || dest_dir {
            w.ensure_dirs(layers, &dest)?;
        } else if let Some((parent, _)) = dest.rsplit_once('/') {
            w.ensure_dirs(layers, parent)?;
        }
        if is_dir {
            let d = open_in_root(root, &f.rel, libc::O_RDONLY | libc::O_DIRECTORY)
                .with_context(|| format!("opening {}", f.rel))?;
            w.children(&d, &f.rel, &dest, 0)?;
            continue;
        }
        let target = if dest_dir {
            join(&dest, &base)
        } else {
            dest.clone()
        };
        if job.extract && f.meta.is_file() {
            let r = File::from(open_in_root(root, &f.rel, libc::O_RDONLY)?);
            if let Some(r) = archive_reader(r)? {
                extract_into(&mut w, r, &dest)?;
                continue;
            }
        }
        if f.meta.is_file() {
            // The source named directly: a link was followed, inside the root.
            let file = File::from(open_in_root(
                root,
                &f.rel,
                libc::O_RDONLY | libc::O_NONBLOCK,
            )?);
            let mut h = w.header(&f.meta, tar::EntryType::Regular);
            h.set_size(f.meta.len());
            w.lw.add(&mut h, &target, file)?;
        }
    }
    w.lw.finish()
}

/// A local archive's tar stream (gzip, bzip2, xz, zstd or plain tar), or None when the
/// file is not one: then ADD copies it as it is.
fn archive_reader(mut f: File) -> Result<Option<Box<dyn std::io::Read>>> {
    use std::io::{Read, Seek};
    let mut head = [0u8; 512];
    let n = f.read(&mut head)?;
    f.rewind()?;
    let h = &head[..n];
    if h.starts_with(&[0x1f, 0x8b]) {
        return Ok(Some(Box::new(flate2::read::MultiGzDecoder::new(f))));
    }
    if h.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        return Ok(Some(Box::new(zstd::stream::read::Decoder::new(f)?)));
    }
    if h.get(257..262) == Some(b"ustar") {
        return Ok(Some(Box::new(f)));
    }
    Ok(None)
}

/// ADD of an archive: its entries, names cleaned below `dest`.
fn extract_into(w: &mut Writer, r: Box<dyn std::io::Read>, dest: &str) -> Result<()> {
    let mut ar = tar::Archive::new(r);
    for e in ar.entries().context("reading the archive")? {
        let mut e = e.context("reading the archive")?;
        let name = String::from_utf8_lossy(&e.path_bytes()).into_owned();
        let rel = crate::image::layer::normalize(&name)?.join("/");
        if rel.is_empty() {
            continue;
        }
        let path = join(dest, &rel);
        let mut h = e.header().clone();
        if let Some((u, g)) = w.job.owner {
            h.set_uid(u as u64);
            h.set_gid(g as u64);
        }
        match h.entry_type() {
            tar::EntryType::Symlink | tar::EntryType::Link => {
                let t = e.link_name()?.map(|t| t.into_owned()).unwrap_or_default();
                let t = if h.entry_type() == tar::EntryType::Link {
                    Path::new(&join(
                        dest,
                        &crate::image::layer::normalize(&t.to_string_lossy())?.join("/"),
                    ))
                    .to_path_buf()
                } else {
                    t
                };
                w.lw.add_link(&mut h, &path, &t)?;
            }
            tar::EntryType::Directory => w.lw.add(&mut h, &format!("{path}/"), &[][..])?,
            _ => {
                let size = h.size()?;
                w.lw.add(&mut h, &path, std::io::Read::take(&mut e, size))?;
            }
        }
    }
    Ok(())
}
