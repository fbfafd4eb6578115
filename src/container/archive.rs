//! Tar archives of a tree reached through a directory fd (`cp` out, `export`), and
//! docker's rules for where a copied archive lands (moby's pkg/archive copy.go:
//! `SplitPathDirEntry`, `PrepareArchiveCopy`, `RebaseArchiveEntries`).
//!
//! The walk never follows a symlink: each step is an `*at()` call with O_NOFOLLOW on
//! the directory fd above it, so a container's `/d/up -> /` is archived as a link.
//! Kernel filesystems mounted in a running container (/proc, /sys, devpts, mqueue,
//! cgroups) are not descended into.

use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use std::collections::HashMap;
use std::ffi::CString;
use std::fs::File;
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};

/// Go's `filepath.Clean` for slash paths.
pub fn clean(p: &str) -> String {
    let abs = p.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != "..") {
                    out.pop();
                } else if !abs {
                    out.push("..");
                }
            }
            c => out.push(c),
        }
    }
    let j = out.join("/");
    match (abs, j.is_empty()) {
        (true, _) => format!("/{j}"),
        (false, true) => ".".into(),
        (false, false) => j,
    }
}

/// Does the path name a directory's contents (`dir/.`)?
pub fn specifies_current_dir(p: &str) -> bool {
    p == "." || p.ends_with("/.")
}

/// Does the path insist on a directory (a trailing `/` or `/.`)?
pub fn asserts_directory(p: &str) -> bool {
    p.ends_with('/') || specifies_current_dir(p)
}

/// moby's `SplitPathDirEntry`: (parent, base) of the cleaned path, `dir/.` keeping `.`.
pub fn split_dir_entry(p: &str) -> (String, String) {
    let mut c = clean(p);
    if specifies_current_dir(p) {
        c.push_str("/.");
    }
    match c.rfind('/') {
        Some(0) => ("/".into(), c[1..].to_string()),
        Some(i) => (c[..i].to_string(), c[i + 1..].to_string()),
        None => (".".into(), c),
    }
}

/// What a copy's destination is.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DstInfo {
    pub path: String,
    pub exists: bool,
    pub is_dir: bool,
}

/// What a copy's source is.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SrcInfo {
    pub path: String,
    pub is_dir: bool,
    /// The name the entry takes instead of the source's base name (`cp -L` of a link).
    pub rebase: Option<String>,
}

/// moby's `PrepareArchiveCopy`: the directory the archive is extracted into and, when
/// its first component must be renamed, (from, to).
pub fn prepare(src: &SrcInfo, dst: &DstInfo) -> Result<(String, Option<(String, String)>)> {
    let (dst_dir, dst_base) = split_dir_entry(&dst.path);
    let (_, src_base) = split_dir_entry(&src.path);
    let src_base = src.rebase.clone().unwrap_or(src_base);
    if dst.exists && dst.is_dir {
        return Ok((dst.path.clone(), None));
    }
    if dst.exists && src.is_dir {
        bail!("cannot copy directory");
    }
    if !dst.exists && !src.is_dir && asserts_directory(&dst.path) {
        bail!("no such directory");
    }
    Ok((dst_dir, Some((src_base, dst_base))))
}

/// moby's `RebaseArchiveEntries` on one name: a first component `from` becomes `to`
/// (`./a` with `from` "." becomes `to/a`).
pub fn rebase(name: &str, from: &str, to: &str) -> String {
    match name.strip_prefix(from) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("{to}{rest}"),
        _ => name.to_string(),
    }
}

fn cstr(s: &str) -> Result<CString> {
    CString::new(s).context("NUL byte in a path")
}

/// Filesystems of a running container's own kernel mounts: archived as the empty
/// directory they are mounted on.
fn is_kernel_fs(fd: impl AsFd) -> bool {
    const KINDS: [i64; 6] = [
        0x9fa0,     // proc
        0x62656572, // sysfs
        0x1cd1,     // devpts
        0x19800202, // mqueue
        0x27e0eb,   // cgroup
        0x63677270, // cgroup2
    ];
    rustix::fs::fstatfs(fd).is_ok_and(|s| KINDS.contains(&{ s.f_type }))
}

/// Writes entries of trees found through directory fds into a tar stream.
pub struct TarWriter<W: Write> {
    b: tar::Builder<W>,
    /// Files with several links already archived: (dev, ino) → their entry name.
    links: HashMap<(u64, u64), String>,
}

impl<W: Write> TarWriter<W> {
    pub fn new(w: W) -> Self {
        let mut b = tar::Builder::new(w);
        b.follow_symlinks(false);
        TarWriter {
            b,
            links: HashMap::new(),
        }
    }

    /// Append with the name as given (`./a` stays `./a`, as docker writes it); names
    /// too long for the header go through the tar crate's GNU long-name entries.
    fn put(
        &mut self,
        h: &mut tar::Header,
        name: &str,
        link: Option<&str>,
        data: impl std::io::Read,
    ) -> Result<()> {
        let fits = |s: &str| s.len() < 100 && !s.contains('\0');
        if fits(name) && link.is_none_or(fits) {
            let old = h.as_old_mut();
            old.name = [0; 100];
            old.name[..name.len()].copy_from_slice(name.as_bytes());
            if let Some(l) = link {
                old.linkname = [0; 100];
                old.linkname[..l.len()].copy_from_slice(l.as_bytes());
            }
            h.set_cksum();
            self.b.append(h, data)?;
        } else if let Some(l) = link {
            self.b.append_link(h, name, l)?;
        } else {
            self.b.append_data(h, name, data)?;
        }
        Ok(())
    }

    /// Archive what `dir` holds, each entry named `prefix` + its name (the root of an
    /// export: `bin/`, `etc/`, ...).
    pub fn append_contents(&mut self, dir: &OwnedFd, prefix: &str) -> Result<()> {
        let d = rustix::fs::openat(
            dir,
            ".",
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(std::io::Error::from)
        .context("opening the root")?;
        for n in Self::names(&d)? {
            self.append(&d, &n, &format!("{prefix}{n}"))?;
        }
        Ok(())
    }

    fn names(dir: &OwnedFd) -> Result<Vec<String>> {
        let mut names = Vec::new();
        for e in rustix::fs::Dir::read_from(dir).map_err(std::io::Error::from)? {
            let e = e.map_err(std::io::Error::from)?;
            let n = e.file_name().to_bytes();
            if n == b"." || n == b".." {
                continue;
            }
            names.push(String::from_utf8_lossy(n).into_owned());
        }
        names.sort();
        Ok(names)
    }

    fn children(&mut self, dir: &OwnedFd, entry: &str) -> Result<()> {
        for n in Self::names(dir)? {
            let child = match entry {
                "." => format!("./{n}"),
                e => format!("{}/{n}", e.trim_end_matches('/')),
            };
            self.append(dir, &n, &child)?;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<W> {
        self.b.into_inner().context("ending the archive")
    }

    /// Archive `name` in the directory `parent` (never followed) as `entry`, and what
    /// is below it when it is a directory. `name` "." is `parent` itself.
    pub fn append(&mut self, parent: &OwnedFd, name: &str, entry: &str) -> Result<()> {
        let c = cstr(name)?;
        let st = rustix::fs::statat(parent, &c, AtFlags::SYMLINK_NOFOLLOW)
            .map_err(std::io::Error::from)
            .with_context(|| format!("lstat {entry}"))?;
        let kind = FileType::from_raw_mode(st.st_mode);
        let mut h = tar::Header::new_gnu();
        h.set_mode(st.st_mode & 0o7777);
        h.set_uid(st.st_uid as u64);
        h.set_gid(st.st_gid as u64);
        h.set_mtime(st.st_mtime.max(0) as u64);
        h.set_size(0);
        match kind {
            FileType::Directory => {
                h.set_entry_type(tar::EntryType::Directory);
                let dname = format!("{}/", entry.trim_end_matches('/'));
                self.put(&mut h, &dname, None, std::io::empty())
                    .with_context(|| format!("archiving {entry}"))?;
                let dir = rustix::fs::openat(
                    parent,
                    &c,
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .map_err(std::io::Error::from)
                .with_context(|| format!("opening {entry}"))?;
                if is_kernel_fs(&dir) {
                    return Ok(());
                }
                self.children(&dir, entry)?;
            }
            FileType::RegularFile => {
                let key = (st.st_dev, st.st_ino);
                if st.st_nlink > 1 {
                    if let Some(first) = self.links.get(&key) {
                        h.set_entry_type(tar::EntryType::Link);
                        let first = first.clone();
                        self.put(&mut h, entry, Some(&first), std::io::empty())
                            .with_context(|| format!("archiving {entry}"))?;
                        return Ok(());
                    }
                    self.links.insert(key, entry.to_string());
                }
                let fd = rustix::fs::openat(
                    parent,
                    &c,
                    OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .map_err(std::io::Error::from)
                .with_context(|| format!("opening {entry}"))?;
                let f = File::from(fd);
                // The size read now: a file that grows meanwhile is cut, one that
                // shrinks is padded (tar needs the size before the data).
                let size = f.metadata()?.len();
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(size);
                let data = std::io::Read::chain(
                    std::io::Read::take(f, size),
                    std::io::Read::take(std::io::repeat(0), size),
                );
                self.put(&mut h, entry, None, std::io::Read::take(data, size))
                    .with_context(|| format!("archiving {entry}"))?;
            }
            FileType::Symlink => {
                let t =
                    rustix::fs::readlinkat(parent, &c, Vec::new()).map_err(std::io::Error::from)?;
                let t = String::from_utf8_lossy(t.as_bytes()).into_owned();
                h.set_entry_type(tar::EntryType::Symlink);
                self.put(&mut h, entry, Some(&t), std::io::empty())
                    .with_context(|| format!("archiving {entry}"))?;
            }
            FileType::CharacterDevice | FileType::BlockDevice | FileType::Fifo => {
                h.set_entry_type(match kind {
                    FileType::CharacterDevice => tar::EntryType::Char,
                    FileType::BlockDevice => tar::EntryType::Block,
                    _ => tar::EntryType::Fifo,
                });
                let dev = st.st_rdev;
                h.set_device_major(rustix::fs::major(dev))?;
                h.set_device_minor(rustix::fs::minor(dev))?;
                self.put(&mut h, entry, None, std::io::empty())
                    .with_context(|| format!("archiving {entry}"))?;
            }
            // Sockets are not archived (as docker).
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_as_docker_splits_them() {
        assert_eq!(clean("/d/../x//y/."), "/x/y");
        assert_eq!(clean("a/.."), ".");
        assert_eq!(split_dir_entry("/d/."), ("/d".into(), ".".into()));
        assert_eq!(split_dir_entry("/d/"), ("/".into(), "d".into()));
        assert_eq!(
            split_dir_entry("/etc/hosts"),
            ("/etc".into(), "hosts".into())
        );
        assert_eq!(split_dir_entry("f"), (".".into(), "f".into()));
        assert!(asserts_directory("x/") && asserts_directory("x/.") && !asserts_directory("x"));
    }

    #[test]
    fn prepare_as_docker() {
        let src = |p: &str, d: bool| SrcInfo {
            path: p.into(),
            is_dir: d,
            rebase: None,
        };
        let dst = |p: &str, e: bool, d: bool| DstInfo {
            path: p.into(),
            exists: e,
            is_dir: d,
        };
        // Into an existing directory: as is.
        assert_eq!(
            prepare(&src("/d", true), &dst("/tmp", true, true)).unwrap(),
            ("/tmp".into(), None)
        );
        // A new name: the first component renamed.
        assert_eq!(
            prepare(&src("/d", true), &dst("/tmp/new", false, false)).unwrap(),
            ("/tmp".into(), Some(("d".into(), "new".into())))
        );
        assert_eq!(
            prepare(&src("/d/.", true), &dst("/x", false, false)).unwrap(),
            ("/".into(), Some((".".into(), "x".into())))
        );
        let e = prepare(&src("/d", true), &dst("f", true, false)).unwrap_err();
        assert_eq!(e.to_string(), "cannot copy directory");
        let e = prepare(&src("/a", false), &dst("nodir/", false, false)).unwrap_err();
        assert_eq!(e.to_string(), "no such directory");
        assert_eq!(rebase("d/sub/b", "d", "new"), "new/sub/b");
        assert_eq!(rebase("d/", "d", "new"), "new/");
        assert_eq!(rebase("./a", ".", "x"), "x/a");
        assert_eq!(rebase("./", ".", "x"), "x/");
        assert_eq!(rebase("other", "d", "new"), "other");
    }
}
