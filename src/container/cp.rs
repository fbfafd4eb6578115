//! `cp` between a container (running or stopped) and the host, as docker does it: a tar
//! stream between the host side and a child working inside the container's rootfs
//! (see `rootfs`). Paths in the container are resolved inside its root; ownership as
//! docker's engine: the archive's ids are kept, `-a` gives files the container's user.

use super::archive::{self, DstInfo, SrcInfo, TarWriter};
use super::rootfs::{self, View};
use super::Listed;
use crate::image::layer::{apply_tar_at, Chown, UnpackOptions};
use crate::store::Paths;
use anyhow::{anyhow, bail, Context, Result};
use rustix::fs::{AtFlags, FileType};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::Path;

/// The host side of a copy.
pub enum Host<'a> {
    /// `-`: a tar stream on stdin or stdout.
    Stream,
    Path(&'a Path),
}

/// Where the archive goes on the receiving side, sent ahead of it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Plan {
    dir: String,
    rebase: Option<(String, String)>,
}

/// The engine's words for a path missing in the container.
fn not_found(path: &str, name: &str) -> anyhow::Error {
    anyhow!("Error response from daemon: Could not find the file {path} in container {name}")
}

fn pipe() -> Result<(File, File)> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")?;
    Ok((File::from(r), File::from(w)))
}

/// Counts what passes (docker reports the archive's size).
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n += n as u64;
        Ok(n)
    }
}

fn open_in(root: &OwnedFd, p: &str, flags: i32) -> std::io::Result<OwnedFd> {
    crate::sys::resolve::open_in_root(root, p.trim_start_matches('/'), flags)
}

fn lstat_at(parent: &OwnedFd, name: &str) -> std::io::Result<FileType> {
    let c = std::ffi::CString::new(name).map_err(|_| std::io::ErrorKind::InvalidInput)?;
    rustix::fs::statat(parent, &c, AtFlags::SYMLINK_NOFOLLOW)
        .map(|st| FileType::from_raw_mode(st.st_mode))
        .map_err(std::io::Error::from)
}

fn readlink_at(parent: &OwnedFd, name: &str) -> Result<String> {
    let t = rustix::fs::readlinkat(parent, name, Vec::new()).map_err(std::io::Error::from)?;
    Ok(String::from_utf8_lossy(t.as_bytes()).into_owned())
}

/// A path's object as a (directory fd, name) pair, the name never followed; `.` when
/// the path names a directory's contents or insists on a directory (then followed).
struct Found {
    parent: OwnedFd,
    name: String,
    is_dir: bool,
}

/// Find `path` (cleaned, absolute) through `open` (a lookup inside a root, or on the
/// host); None when missing.
fn find(path: &str, open: &dyn Fn(&str, i32) -> std::io::Result<OwnedFd>) -> Result<Option<Found>> {
    let (dir, base) = archive::split_dir_entry(path);
    if base == "." || archive::asserts_directory(path) {
        let full = archive::clean(path);
        return match open(&full, libc::O_PATH | libc::O_DIRECTORY) {
            Ok(fd) => Ok(Some(Found {
                parent: fd,
                name: ".".into(),
                is_dir: true,
            })),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(None),
            Err(e) => Err(e).with_context(|| format!("lstat {path}")),
        };
    }
    let parent = match open(&dir, libc::O_PATH | libc::O_DIRECTORY) {
        Ok(fd) => fd,
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR)) => {
            return Ok(None)
        }
        Err(e) => return Err(e).with_context(|| format!("opening {dir}")),
    };
    match lstat_at(&parent, &base) {
        Ok(t) => Ok(Some(Found {
            parent,
            name: base,
            is_dir: t == FileType::Directory,
        })),
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(None),
        Err(e) => Err(e).with_context(|| format!("lstat {path}")),
    }
}

/// With `-L`, a source that is a symlink is replaced by its target (one level, joined
/// to the link's directory when relative, as docker's CLI does); the entry keeps the
/// link's name. Returns (path, rebase name).
fn follow_link(path: &str, found: &Found) -> Result<Option<(String, String)>> {
    if found.name == "." || lstat_at(&found.parent, &found.name)? != FileType::Symlink {
        return Ok(None);
    }
    let target = readlink_at(&found.parent, &found.name)?;
    let (dir, base) = archive::split_dir_entry(path);
    let t = if target.starts_with('/') {
        archive::clean(&target)
    } else {
        archive::clean(&format!("{dir}/{target}"))
    };
    Ok(Some((t, base)))
}

/// `cp CONTAINER:SRC DEST`. Returns the archive's size.
pub fn copy_out(paths: &Paths, l: &Listed, src: &str, follow: bool, dst: Host) -> Result<u64> {
    let src = if src.starts_with('/') {
        src.to_string()
    } else {
        format!("/{src}")
    };
    let dst_info = match &dst {
        Host::Stream => None,
        Host::Path(p) => Some(host_dst_info(p)?),
    };
    let name = l.rec.name.clone();
    let (r, w) = pipe()?;
    let ours = r.as_raw_fd();
    let child = rootfs::spawn(paths, l, View::Copy, move |root| {
        // The fork copied our end too: closed, so a reader that goes away is EPIPE here.
        // SAFETY: our copy of the caller's fd, owned by nothing else in this child.
        drop(unsafe { OwnedFd::from_raw_fd(ours) });
        let mut w = w;
        let open = |p: &str, fl: i32| open_in(&root, p, fl);
        let mut path = src.clone();
        let mut found = find(&path, &open)?.ok_or_else(|| not_found(&src, &name))?;
        let mut rebase = None;
        if follow {
            if let Some((t, link_name)) = follow_link(&path, &found)? {
                path = t;
                found = find(&path, &open)?.ok_or_else(|| not_found(&src, &name))?;
                rebase = Some(link_name);
            }
        }
        let (_, base) = archive::split_dir_entry(&path);
        let entry = match (&dst_info, &rebase) {
            (Some(_), Some(r)) => r.clone(),
            _ => base,
        };
        if let Some(d) = &dst_info {
            let s = SrcInfo {
                path: path.clone(),
                is_dir: found.is_dir,
                rebase: rebase.clone(),
            };
            let (dir, rebase) = archive::prepare(&s, d)?;
            let plan = serde_json::to_string(&Plan { dir, rebase })?;
            writeln!(w, "{plan}")?;
        }
        let mut t = TarWriter::new(std::io::BufWriter::new(w));
        t.append(&found.parent, &found.name, &entry)?;
        t.finish()?.flush()?;
        Ok(())
    })?;
    let mut r = Counted { inner: r, n: 0 };
    let res = match dst {
        Host::Stream => std::io::copy(&mut r, &mut std::io::stdout().lock())
            .map(|_| ())
            .context("writing the archive"),
        Host::Path(_) => receive_on_host(&mut r),
    };
    let n = r.n;
    // Closed before waiting: a child still writing gets EPIPE instead of blocking. Its
    // error says why first (a missing file ends its stream early).
    drop(r);
    child.wait()?;
    res.map(|()| n)
}

/// docker's checks of a host destination: it may be missing, its parent may not.
fn host_dst_info(p: &Path) -> Result<DstInfo> {
    let s = p.to_string_lossy().into_owned();
    match std::fs::metadata(p) {
        Ok(m) => Ok(DstInfo {
            path: s,
            exists: true,
            is_dir: m.is_dir(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !archive::asserts_directory(&s) {
                let (dir, _) = archive::split_dir_entry(&s);
                if !Path::new(&dir).is_dir() {
                    let abs = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone().into());
                    bail!(
                        "invalid output path: directory {:?} does not exist",
                        abs.display().to_string()
                    );
                }
            }
            Ok(DstInfo {
                path: s,
                exists: false,
                is_dir: false,
            })
        }
        Err(e) => Err(e).with_context(|| format!("stat {s}")),
    }
}

/// Read the plan line, then unpack the archive where it says, as the user (no chown,
/// as docker's CLI).
fn receive_on_host(r: &mut impl Read) -> Result<()> {
    let mut br = BufReader::new(r);
    let mut line = String::new();
    if br.read_line(&mut line)? == 0 {
        // The child failed before it knew the plan: its error is the one to show.
        return Ok(());
    }
    let plan: Plan = serde_json::from_str(line.trim()).context("reading the copy plan")?;
    let dir = rustix::fs::open(
        plan.dir.as_str(),
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .map_err(std::io::Error::from)
    .with_context(|| format!("opening {}", plan.dir))?;
    let rebase = plan.rebase;
    let map = move |n: &str| match &rebase {
        Some((from, to)) => archive::rebase(n, from, to),
        None => n.to_string(),
    };
    // No device nodes from a container's archive on the host, even as root (docker's
    // CLI would make them): a hostile container's /dev/sda must not land in a user's dir.
    let opts = UnpackOptions {
        chown: Chown::Never,
        plain_files: true,
        ..UnpackOptions::layer(false, true, false)
    };
    apply_tar_at(br, &dir, &map, opts).map(|_| ())
}

/// `cp SRC CONTAINER:DEST`. `shown` is the destination as the user wrote it.
pub fn copy_in(
    paths: &Paths,
    l: &Listed,
    src: Host,
    follow: bool,
    archive_ids: bool,
    dst: &str,
    shown: &str,
) -> Result<u64> {
    let dst = if dst.starts_with('/') {
        dst.to_string()
    } else {
        format!("/{dst}")
    };
    // docker's engine refuses writes to a read-only rootfs (no volumes to write to yet).
    // Not yet: a destination on a writable volume of a read-only container (docker allows it).
    if l.rec.host_config.readonly_rootfs {
        bail!("Error response from daemon: container rootfs is marked read-only");
    }
    // The host side first: a missing source fails before the container is touched.
    let source = match &src {
        Host::Stream => None,
        Host::Path(p) => Some(host_source(p, follow)?),
    };
    let src_info = source.as_ref().map(|(info, ..)| info.clone());
    let name = l.rec.name.clone();
    let shown = shown.to_string();
    let chown = match (archive_ids, l.rec.config.user.is_empty()) {
        (true, false) => Chown::To(l.rec.resolved_uid, l.rec.resolved_gid),
        _ => Chown::Header,
    };
    let rootless = paths.rootless;
    let squash = rootless && crate::sys::idmap::IdMap::current().sub.is_none();
    let (r, w) = pipe()?;
    let ours = w.as_raw_fd();
    let child = rootfs::spawn(paths, l, View::Copy, move |root| {
        // The fork copied our end too: closed, or the archive would never end here.
        // SAFETY: our copy of the caller's fd, owned by nothing else in this child.
        drop(unsafe { OwnedFd::from_raw_fd(ours) });
        let open = |p: &str, fl: i32| open_in(&root, p, fl);
        let mut dst_path = dst.clone();
        let mut found = find(&dst_path, &open)?;
        // A destination that is a symlink is followed, inside the container (docker's
        // CLI evaluates it once).
        if let Some(f) = &found {
            if let Some((t, _)) = follow_link(&dst_path, f)? {
                dst_path = t;
                found = find(&dst_path, &open)?;
            }
        }
        let info = DstInfo {
            path: dst_path.clone(),
            exists: found.is_some(),
            is_dir: found.as_ref().is_some_and(|f| f.is_dir),
        };
        let (dir, rebase) = match &src_info {
            None => {
                if !info.is_dir {
                    bail!("destination \"{shown}\" must be a directory");
                }
                (dst_path.clone(), None)
            }
            Some(s) => archive::prepare(s, &info)?,
        };
        let dir_fd = open(&dir, libc::O_PATH | libc::O_DIRECTORY)
            .map_err(|_| not_found(&archive::clean(&dir), &name))?;
        let map = move |n: &str| match &rebase {
            Some((from, to)) => archive::rebase(n, from, to),
            None => n.to_string(),
        };
        let opts = UnpackOptions {
            chown,
            plain_files: true,
            ..UnpackOptions::layer(false, squash, !rootless)
        };
        apply_tar_at(BufReader::new(r), &dir_fd, &map, opts)
            .map(|_| ())
            .map_err(|e| anyhow!("Error response from daemon: Error processing tar file: {e:#}"))
    })?;
    let mut w = Counted { inner: w, n: 0 };
    let res = match (src, source) {
        (Host::Stream, _) => std::io::copy(&mut std::io::stdin().lock(), &mut CountW(&mut w))
            .map(|_| ())
            .context("reading the archive from stdin"),
        (Host::Path(_), Some((_, parent, name, entry))) => {
            let mut t = TarWriter::new(std::io::BufWriter::new(CountW(&mut w)));
            match t.append(&parent, &name, &entry) {
                Ok(()) => t.finish().and_then(|mut b| Ok(b.flush()?)),
                Err(e) => Err(e),
            }
        }
        (Host::Path(_), None) => Ok(()),
    };
    let n = w.n;
    drop(w);
    // The child's error first: it is why our writes failed (EPIPE).
    child.wait()?;
    res.map(|()| n)
}

/// Counts bytes written through a `Counted` used as a writer.
struct CountW<'a>(&'a mut Counted<File>);

impl Write for CountW<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.inner.write(buf)?;
        self.0.n += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.inner.flush()
    }
}

/// The host source of `cp` in: its description, its directory fd, its name there and
/// the name its entry takes.
fn host_source(p: &Path, follow: bool) -> Result<(SrcInfo, OwnedFd, String, String)> {
    let s = p.to_string_lossy().into_owned();
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let open = |q: &str, fl: i32| -> std::io::Result<OwnedFd> {
        let flags = rustix::fs::OFlags::from_bits_retain(fl as _) | rustix::fs::OFlags::CLOEXEC;
        Ok(rustix::fs::open(q, flags, rustix::fs::Mode::empty())?)
    };
    let missing = || anyhow!("lstat {}: no such file or directory", abs.display());
    let mut path = s.clone();
    let mut found = find(&path, &open)?.ok_or_else(missing)?;
    let mut rebase = None;
    if follow {
        if let Some((t, link_name)) = follow_link(&path, &found)? {
            path = t;
            found = find(&path, &open)?.ok_or_else(missing)?;
            rebase = Some(link_name);
        }
    }
    let (_, base) = archive::split_dir_entry(&path);
    let entry = rebase.clone().unwrap_or(base);
    Ok((
        SrcInfo {
            path,
            is_dir: found.is_dir,
            rebase,
        },
        found.parent,
        found.name,
        entry,
    ))
}
