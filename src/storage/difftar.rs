//! A container's overlay upper dir turned into an OCI layer: a tar with whiteouts as
//! `.wh.NAME` entries (the upper dir has them as 0:0 character devices) and opaque
//! directories as `.wh..wh..opq`, hardlinks as tar links, owners as the ids inside the
//! container, gzip-compressed while the diff id (sha256 of the tar) and the blob digest
//! are computed. Runs in the storage child (`mapped::run_mapped`), where files owned by
//! mapped ids can be read and show their container ids. Nothing is ever followed: the
//! walk goes by directory fds (`*at()` with O_NOFOLLOW) and reads only regular files.

use crate::oci::digest::HashingWriter;
use anyhow::{Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Deepest directory nesting walked (a hostile RUN could nest far deeper).
const MAX_DEPTH: usize = 512;

/// What was written: None when the upper dir held nothing (no layer).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Written {
    pub diff_id: String,
    pub blob_digest: String,
}

/// The xattrs overlay drivers mark opaque directories with.
const OPAQUE: [&str; 3] = [
    "user.overlay.opaque",
    "trusted.overlay.opaque",
    "user.fuseoverlayfs.opaque",
];

type Sink = HashingWriter<flate2::write::GzEncoder<HashingWriter<BufWriter<File>>>>;

/// A gzipped layer tar being written, hashed on both sides of the compression.
pub struct LayerWriter {
    pub tb: tar::Builder<Sink>,
    pub entries: usize,
}

impl LayerWriter {
    pub fn create(out: &Path) -> Result<LayerWriter> {
        let f = File::create(out).with_context(|| format!("creating {}", out.display()))?;
        let blob = HashingWriter::new(BufWriter::with_capacity(1 << 20, f));
        let gz = flate2::write::GzEncoder::new(blob, flate2::Compression::fast());
        let mut tb = tar::Builder::new(HashingWriter::new(gz));
        tb.mode(tar::HeaderMode::Complete);
        Ok(LayerWriter { tb, entries: 0 })
    }

    pub fn add(&mut self, h: &mut tar::Header, path: &str, data: impl std::io::Read) -> Result<()> {
        self.entries += 1;
        self.tb
            .append_data(h, path, data)
            .with_context(|| format!("adding {path} to the layer"))
    }

    pub fn add_link(&mut self, h: &mut tar::Header, path: &str, target: &Path) -> Result<()> {
        self.entries += 1;
        self.tb
            .append_link(h, path, target)
            .with_context(|| format!("adding {path} to the layer"))
    }

    /// Close the stream; None when nothing was added (no layer).
    pub fn finish(self) -> Result<Option<Written>> {
        let inner = self.tb.into_inner().context("finishing the layer tar")?;
        let (gz, diff_id, _) = inner.finish();
        let blob = gz.finish().context("compressing the layer")?;
        let (mut file, blob_digest, _) = blob.finish();
        file.flush()?;
        if self.entries == 0 {
            return Ok(None);
        }
        Ok(Some(Written {
            diff_id,
            blob_digest,
        }))
    }
}

/// Write `upper` as a gzipped layer tar to `out`, leaving out the paths in `skip`
/// (relative, such as the runtime's mount points). Returns None for an empty diff.
pub fn write_upper(upper: &Path, out: &Path, skip: &[&str]) -> Result<Option<Written>> {
    let root = rustix::fs::open(upper, dir_flags(), Mode::empty())
        .with_context(|| format!("opening {}", upper.display()))?;
    let mut lw = LayerWriter::create(out)?;
    let mut w = Walk {
        lw: &mut lw,
        links: HashMap::new(),
        skip,
    };
    w.dir(&root, "", 0)?;
    lw.finish()
}

struct Walk<'a> {
    lw: &'a mut LayerWriter,
    /// (dev, ino) of files with several links → the first name written.
    links: HashMap<(u64, u64), String>,
    skip: &'a [&'a str],
}

fn dir_flags() -> OFlags {
    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC
}

/// The names in a directory, sorted (a stable order: the same diff, the same layer).
fn names(dir: &OwnedFd) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in rustix::fs::Dir::read_from(dir).context("reading a directory")? {
        let e = e.context("reading a directory")?;
        let n = e.file_name().to_bytes();
        if n != b"." && n != b".." {
            out.push(String::from_utf8_lossy(n).into_owned());
        }
    }
    out.sort();
    Ok(out)
}

fn is_opaque(dir: &OwnedFd) -> bool {
    OPAQUE.iter().any(|k| {
        let mut v = [0u8; 1];
        rustix::fs::fgetxattr(dir, *k, &mut v[..]) == Ok(1) && v[0] == b'y'
    })
}

pub fn header_for(m: &fs::Metadata, kind: tar::EntryType) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(m.mode() & 0o7777);
    h.set_uid(m.uid() as u64);
    h.set_gid(m.gid() as u64);
    h.set_mtime(m.mtime().max(0) as u64);
    h.set_size(0);
    h
}

fn header_from(st: &rustix::fs::Stat, kind: tar::EntryType) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(st.st_mode & 0o7777);
    h.set_uid(st.st_uid as u64);
    h.set_gid(st.st_gid as u64);
    h.set_mtime(st.st_mtime.max(0) as u64);
    h.set_size(0);
    h
}

impl Walk<'_> {
    /// Every step is an `*at()` call on the directory fd above it with nothing followed:
    /// a name swapped for a symlink meanwhile is archived as the link, never walked.
    fn dir(&mut self, dir: &OwnedFd, rel: &str, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            anyhow::bail!("{rel}: directories nested deeper than {MAX_DEPTH} levels");
        }
        for name in names(dir).with_context(|| format!("reading /{rel}"))? {
            let path = format!("{rel}{name}");
            if self.skip.contains(&path.as_str()) {
                continue;
            }
            let st = rustix::fs::statat(dir, name.as_str(), AtFlags::SYMLINK_NOFOLLOW)
                .with_context(|| format!("stat {path}"))?;
            let ft = FileType::from_raw_mode(st.st_mode);
            if ft == FileType::CharacterDevice && st.st_rdev == 0 {
                let mut h = header_from(&st, tar::EntryType::Regular);
                h.set_mode(0);
                let (parent, base) = match path.rsplit_once('/') {
                    Some((d, b)) => (format!("{d}/"), b.to_string()),
                    None => (String::new(), path.clone()),
                };
                self.add(&mut h, &format!("{parent}.wh.{base}"), &[][..])?;
            } else if ft == FileType::Directory {
                let sub = rustix::fs::openat(dir, name.as_str(), dir_flags(), Mode::empty())
                    .with_context(|| format!("opening {path}"))?;
                // A directory copied up only for skipped entries is no change.
                let inner = format!("{path}/");
                let children = names(&sub)?;
                if !children.is_empty()
                    && children
                        .iter()
                        .all(|n| self.skip.contains(&format!("{inner}{n}").as_str()))
                {
                    continue;
                }
                let mut h = header_from(&st, tar::EntryType::Directory);
                self.add(&mut h, &inner, &[][..])?;
                if is_opaque(&sub) {
                    let mut h = header_from(&st, tar::EntryType::Regular);
                    h.set_mode(0);
                    self.add(&mut h, &format!("{path}/.wh..wh..opq"), &[][..])?;
                }
                self.dir(&sub, &inner, depth + 1)?;
            } else if ft == FileType::Symlink {
                let target = rustix::fs::readlinkat(dir, name.as_str(), Vec::new())
                    .with_context(|| format!("reading the link {path}"))?;
                let target = std::ffi::OsStr::from_bytes(target.as_bytes());
                let mut h = header_from(&st, tar::EntryType::Symlink);
                self.lw.add_link(&mut h, &path, Path::new(target))?;
            } else if ft == FileType::RegularFile {
                if st.st_nlink > 1 {
                    let key = (st.st_dev, st.st_ino);
                    if let Some(first) = self.links.get(&key) {
                        let mut h = header_from(&st, tar::EntryType::Link);
                        let first = first.clone();
                        self.lw.add_link(&mut h, &path, Path::new(&first))?;
                        continue;
                    }
                    self.links.insert(key, path.clone());
                }
                // Never through a link that replaced the file after the stat; the size
                // is the opened file's.
                let f = rustix::fs::openat(
                    dir,
                    name.as_str(),
                    OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .with_context(|| format!("reading {path}"))?;
                let st = rustix::fs::fstat(&f).with_context(|| format!("stat {path}"))?;
                if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
                    anyhow::bail!("{path}: changed while the layer was written");
                }
                let mut h = header_from(&st, tar::EntryType::Regular);
                h.set_size(st.st_size.max(0) as u64);
                // At most the size in the header, whatever the file does meanwhile.
                let data = std::io::Read::take(File::from(f), st.st_size.max(0) as u64);
                self.add(&mut h, &path, data)?;
            } else if matches!(
                ft,
                FileType::Fifo | FileType::CharacterDevice | FileType::BlockDevice
            ) {
                let kind = match ft {
                    FileType::Fifo => tar::EntryType::Fifo,
                    FileType::CharacterDevice => tar::EntryType::Char,
                    _ => tar::EntryType::Block,
                };
                let mut h = header_from(&st, kind);
                let dev = st.st_rdev;
                h.set_device_major(rustix::fs::major(dev))?;
                h.set_device_minor(rustix::fs::minor(dev))?;
                self.add(&mut h, &path, &[][..])?;
            }
            // Sockets are not kept in layers (docker drops them too).
        }
        Ok(())
    }

    fn add(&mut self, h: &mut tar::Header, path: &str, data: impl std::io::Read) -> Result<()> {
        self.lw.add(h, path, data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_upper_is_no_layer_and_files_are() {
        let d = std::env::temp_dir().join(format!("difftar-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(d.join("up/a")).unwrap();
        let out = d.join("blob");
        assert!(write_upper(&d.join("up/a"), &out, &[]).unwrap().is_none());
        fs::write(d.join("up/a/f"), "x").unwrap();
        fs::hard_link(d.join("up/a/f"), d.join("up/a/g")).unwrap();
        fs::write(d.join("up/a/skipped"), "").unwrap();
        // A link to a host directory is archived as the link, never walked.
        std::os::unix::fs::symlink("/etc", d.join("up/a/l")).unwrap();
        let w = write_upper(&d.join("up"), &out, &["a/skipped"])
            .unwrap()
            .unwrap();
        let r = crate::image::layer::open_decompressed(&out).unwrap();
        let mut ar = tar::Archive::new(r);
        let names: Vec<(String, tar::EntryType)> = ar
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.path().unwrap().display().to_string(),
                    e.header().entry_type(),
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                ("a/".to_string(), tar::EntryType::Directory),
                ("a/f".to_string(), tar::EntryType::Regular),
                ("a/g".to_string(), tar::EntryType::Link),
                ("a/l".to_string(), tar::EntryType::Symlink),
            ]
        );
        assert!(w.diff_id.starts_with("sha256:"));
        fs::remove_dir_all(&d).unwrap();
    }
}
