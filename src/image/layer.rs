//! Layer unpacking: a (gzip | zstd | plain) tar stream applied to a fresh directory, with
//! OCI whiteouts turned into overlayfs whiteouts and opaque dirs, ownership, modes,
//! xattrs and file capabilities kept — and no entry able to reach outside the directory.
//!
//! Paths resolve as if the layer directory were `/` (openat2 RESOLVE_IN_ROOT), as docker's
//! extraction does; a `..` that climbs above the root or a hardlink out is refused, naming
//! the entry. The final component of an entry is never followed.
//!
//! Runs in the storage child (see storage::mapped), where the user namespace maps the
//! image's uids onto the user's subordinate ids, so `chown 1000` means uid 1000 inside.

use crate::oci::digest::HashingReader;
use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, Timestamps, XattrFlags, CWD};
use std::ffi::CString;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::Path;

/// How the layer's metadata may be applied in this process.
#[derive(Debug, Clone, Copy)]
pub struct UnpackOptions {
    /// Opaque dirs are marked with `user.overlay.opaque` (overlay mounted with
    /// `userxattr` in a user namespace) instead of `trusted.overlay.opaque`.
    pub user_xattrs: bool,
    /// Only one id is mapped: ownership is squashed to it (chown errors ignored).
    pub squash_owners: bool,
    /// Device nodes other than whiteouts cannot be created in a user namespace.
    pub can_mknod: bool,
    /// Apply whiteouts (delete, empty opaque dirs) instead of recording them for
    /// overlayfs: used to flatten layers into one directory (the vfs driver).
    pub apply_whiteouts: bool,
    /// `--userns keep-id` (container uid, gid): owners 0 and that uid (gid) trade places,
    /// which is what the keep-id mapping does to ids (`sys::idmap::IdMap::keep_id`).
    pub swap_ids: Option<(u32, u32)>,
    /// Whose files these become.
    pub chown: Chown,
    /// An archive of files (`cp`): `.wh.` names are names, not whiteouts.
    pub plain_files: bool,
}

/// Ownership of unpacked entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chown {
    /// The ids the archive gives.
    Header,
    /// These ids, whatever the archive says (`cp -a` into a container with a user).
    To(u32, u32),
    /// Whoever unpacks (`cp` out to the host, as docker: no lchown).
    Never,
}

impl UnpackOptions {
    /// A layer as it is stored: ids from the archive, whiteouts for overlayfs.
    pub fn layer(user_xattrs: bool, squash_owners: bool, can_mknod: bool) -> UnpackOptions {
        UnpackOptions {
            user_xattrs,
            squash_owners,
            can_mknod,
            apply_whiteouts: false,
            swap_ids: None,
            chown: Chown::Header,
            plain_files: false,
        }
    }
}

pub fn opaque_xattr(user_xattrs: bool) -> &'static str {
    if user_xattrs {
        "user.overlay.opaque"
    } else {
        "trusted.overlay.opaque"
    }
}

/// Open a layer blob and return its decompressed stream, sniffing the format by magic.
pub fn open_decompressed(blob: &Path) -> Result<Box<dyn Read>> {
    let f = File::open(blob).with_context(|| format!("opening {}", blob.display()))?;
    let mut r = BufReader::with_capacity(256 * 1024, f);
    let magic = {
        use std::io::BufRead;
        let buf = r.fill_buf()?;
        buf[..buf.len().min(4)].to_vec()
    };
    Ok(if magic.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::bufread::MultiGzDecoder::new(r))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(zstd::stream::read::Decoder::with_buffer(r)?)
    } else {
        Box::new(r)
    })
}

/// Unpack `blob` into the existing empty directory `dest`; verify that the uncompressed
/// stream hashes to `diff_id`. Returns the uncompressed size and the content's size as
/// docker counts it (`apply_tar`).
pub fn unpack(blob: &Path, dest: &Path, diff_id: &str, opts: UnpackOptions) -> Result<(u64, u64)> {
    let stream = open_decompressed(blob)?;
    let mut hashing = HashingReader::new(stream);
    let size = apply_tar(&mut hashing, dest, opts).with_context(|| format!("layer {diff_id}"))?;
    let (got, stream) = hashing.finish().context("reading layer")?;
    if got != diff_id {
        bail!("layer {diff_id}: content hashes to {got}: the archive is corrupt");
    }
    Ok((stream, size))
}

/// Check that `blob` decompresses to content hashing to `diff_id`, without unpacking it
/// (a layer whose chain is already stored must still be the layer it claims to be).
pub fn verify_diff_id(blob: &Path, diff_id: &str) -> Result<()> {
    let (got, _) = HashingReader::new(open_decompressed(blob)?)
        .finish()
        .with_context(|| format!("reading layer {diff_id}"))?;
    if got != diff_id {
        bail!("layer {diff_id}: content hashes to {got}: the archive is corrupt");
    }
    Ok(())
}

/// Apply a tar stream onto `dest`. Returns the content's size as docker counts a layer
/// (moby's directory.Size: regular files' and symlinks' sizes, a hard link once,
/// directories nothing), which `images` and `history` show.
pub fn apply_tar<R: Read>(r: R, dest: &Path, opts: UnpackOptions) -> Result<u64> {
    let root = open_path(dest)?;
    apply_tar_at(r, &root, &|n: &str| n.to_string(), opts)
}

/// Apply a tar stream inside `root` (a directory fd), each entry name (and hardlink
/// target) first passed through `map` (`cp` puts entries under a directory and renames
/// the first component).
pub fn apply_tar_at<R: Read>(
    r: R,
    root: &OwnedFd,
    map: &dyn Fn(&str) -> String,
    opts: UnpackOptions,
) -> Result<u64> {
    let (r, mut end) = crate::image::tarend::track(r);
    let mut archive = tar::Archive::new(r);
    let mut seen = Seen::default();
    let mut size = 0u64;
    for entry in archive.entries().context("reading tar")? {
        let mut entry = match entry {
            Ok(e) => e,
            // umoci: the stream ends right after the last entry's data (see tarend).
            Err(_) if end.unpadded() => break,
            Err(e) => return Err(end.error(e)),
        };
        end.entry(&entry);
        size += match entry.header().entry_type() {
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                entry.size()
            }
            tar::EntryType::Symlink => entry.link_name_bytes().map_or(0, |l| l.len() as u64),
            _ => 0,
        };
        let raw = entry.path_bytes().into_owned();
        let name = String::from_utf8_lossy(&raw).into_owned();
        apply_entry(root, &mut entry, &map(&name), map, opts, &mut seen)
            .with_context(|| format!("tar entry {name:?}"))?;
    }
    // Directory mtimes last: creating children changed them.
    for (comps, mtime) in seen.dirs.iter().rev() {
        if let Ok(fd) = resolve_dir(root, comps, false) {
            // An O_PATH fd takes times only through its /proc path.
            if let Ok(p) = CString::new(format!("/proc/self/fd/{}", fd.as_raw_fd())) {
                set_times(CWD, Some(&p), *mtime, false);
            }
        }
    }
    Ok(size)
}

/// Split an entry path into components with `.` and leading `/` dropped and `..`
/// applied; `..` above the root is an escape.
pub fn normalize(name: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for c in name.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if out.pop().is_none() {
                    bail!("path {name:?} escapes the layer root");
                }
            }
            c => out.push(c.to_string()),
        }
    }
    Ok(out)
}

/// What this layer has written so far.
#[derive(Default)]
struct Seen {
    /// Directories and their mtimes, set once all entries are in.
    dirs: Vec<(Vec<String>, i64)>,
    /// Paths this layer created: an opaque marker applied to a flattened tree removes
    /// only what lower layers left, whatever the entry order.
    created: std::collections::HashSet<Vec<String>>,
}

fn apply_entry<R: Read>(
    root: &OwnedFd,
    entry: &mut tar::Entry<R>,
    name: &str,
    map: &dyn Fn(&str) -> String,
    opts: UnpackOptions,
    seen: &mut Seen,
) -> Result<()> {
    let comps = normalize(name)?;
    if opts.apply_whiteouts {
        seen.created.insert(comps.clone());
    }
    let header = entry.header().clone();
    let kind = header.entry_type();
    let mut uid = header.uid().unwrap_or(0);
    let mut gid = header.gid().unwrap_or(0);
    let mode = header.mode().unwrap_or(0o644) & 0o7777;
    let mtime = header.mtime().unwrap_or(0) as i64;
    let mut xattrs: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(exts) = entry.pax_extensions()? {
        for ext in exts {
            let ext = ext?;
            let key = ext.key().unwrap_or("");
            if let Some(x) = key.strip_prefix("SCHILY.xattr.") {
                // A layer must not smuggle overlay metadata in.
                if !x.starts_with("trusted.overlay.") && !x.starts_with("user.overlay.") {
                    xattrs.push((x.to_string(), ext.value_bytes().to_vec()));
                }
            } else if key == "uid" {
                uid = ext.value().ok().and_then(|v| v.parse().ok()).unwrap_or(uid);
            } else if key == "gid" {
                gid = ext.value().ok().and_then(|v| v.parse().ok()).unwrap_or(gid);
            }
        }
    }
    let (uid, gid) = match opts.chown {
        Chown::To(u, g) => (u as u64, g as u64),
        _ => (uid, gid),
    };
    let swap = |id: u64, keep: u32| match id {
        0 => keep,
        i if i == keep as u64 => 0,
        i => i as u32,
    };
    let (uid, gid) = match opts.swap_ids {
        Some((ku, kg)) => (swap(uid, ku), swap(gid, kg)),
        None => (uid as u32, gid as u32),
    };
    let owner = Owner {
        uid,
        gid,
        squash: opts.squash_owners,
        skip: opts.chown == Chown::Never,
    };

    let Some((base, parent_comps)) = comps.split_last() else {
        // The layer root itself ("./"): take its metadata.
        if kind.is_dir() {
            let dot = cstr(".")?;
            let fd = openat(root, &dot, OFlags::DIRECTORY | OFlags::RDONLY)?;
            owner.apply(&fd, None, false)?;
            fchmod(&fd, mode)?;
        }
        return Ok(());
    };

    // Whiteouts.
    if let Some(target) = base.strip_prefix(".wh.").filter(|_| !opts.plain_files) {
        // `.wh..` and `.wh...` would name the directory itself or the one above it.
        if target == "." || target == ".." {
            bail!("whiteout {name:?} names no file in its directory");
        }
        let parent = resolve_dir(root, parent_comps, true)?;
        if opts.apply_whiteouts {
            if target == ".wh..opq" {
                // Only what earlier layers put there goes; this layer's entries follow it.
                let p = Path::new("/proc/self/fd").join(parent.as_raw_fd().to_string());
                for e in std::fs::read_dir(&p)? {
                    let n = e?.file_name().to_string_lossy().into_owned();
                    let mut child = parent_comps.to_vec();
                    child.push(n.clone());
                    if !seen.created.contains(&child) {
                        remove_existing(&parent, &n)?;
                    }
                }
            } else if !target.starts_with(".wh.") && !target.is_empty() {
                remove_existing(&parent, target)?;
            }
            return Ok(());
        }
        if target == ".wh..opq" {
            set_xattr(&parent, None, opaque_xattr(opts.user_xattrs), b"y")?;
        } else if !target.starts_with(".wh.") && !target.is_empty() {
            remove_existing(&parent, target)?;
            let c = cstr(target)?;
            // A 0:0 character device, mode 0 (as mknodat(S_IFCHR, 0) made it).
            rustix::fs::mknodat(&parent, &c, FileType::CharacterDevice, Mode::empty(), 0)
                .map_err(io::Error::from)
                .context("creating whiteout")?;
        }
        return Ok(());
    }

    let parent = resolve_dir(root, parent_comps, true)?;
    let pfd = parent.as_fd();
    let c = cstr(base)?;
    // Copied files never replace a directory with a file or the reverse (docker's
    // NoOverwriteDirNonDir): a layer may, a `cp` must not wipe a tree.
    if opts.plain_files && !matches!(kind, tar::EntryType::XGlobalHeader) {
        if let Ok(st) = rustix::fs::statat(pfd, &c, AtFlags::SYMLINK_NOFOLLOW) {
            let was_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
            if was_dir && !kind.is_dir() {
                bail!("cannot overwrite directory {name:?} with non-directory");
            }
            if !was_dir && kind.is_dir() {
                bail!("cannot overwrite non-directory {name:?} with directory");
            }
        }
    }
    match kind {
        tar::EntryType::Directory => {
            if !is_dir_at(pfd, &c) {
                remove_existing(&parent, base)?;
                rustix::fs::mkdirat(pfd, &c, Mode::from_raw_mode(0o700))
                    .map_err(io::Error::from)
                    .context("mkdir")?;
            }
            let dfd = openat(
                pfd,
                &c,
                OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::RDONLY,
            )?;
            owner.apply(&dfd, None, false)?;
            fchmod(&dfd, mode)?;
            set_xattrs(&dfd, None, &xattrs)?;
            seen.dirs.push((comps.clone(), mtime));
        }
        tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
            remove_existing(&parent, base)?;
            let fd = openat(
                pfd,
                &c,
                OFlags::CREATE | OFlags::EXCL | OFlags::WRONLY | OFlags::NOFOLLOW,
            )?;
            let mut f = File::from(fd);
            io::copy(entry, &mut f).context("writing file")?;
            owner.apply(&f, None, false)?;
            // After chown, which clears setuid bits and file capabilities.
            fchmod(&f, mode)?;
            set_xattrs(&f, None, &xattrs)?;
            set_times(&f, None, mtime, false);
        }
        tar::EntryType::Symlink => {
            let target = entry.link_name_bytes().context("symlink without target")?;
            remove_existing(&parent, base)?;
            let t = CString::new(target.as_ref()).context("NUL in symlink target")?;
            rustix::fs::symlinkat(&t, pfd, &c)
                .map_err(io::Error::from)
                .context("symlink")?;
            owner.apply(pfd, Some(&c), true)?;
            set_xattrs(pfd, Some(base), &xattrs)?;
            set_times(pfd, Some(&c), mtime, true);
        }
        tar::EntryType::Link => {
            let target = entry.link_name_bytes().context("hardlink without target")?;
            let tname = map(&String::from_utf8_lossy(&target));
            let tcomps = normalize(&tname)
                .map_err(|_| anyhow::anyhow!("hardlink to {tname:?} points outside the layer"))?;
            let Some((tbase, tparent)) = tcomps.split_last() else {
                bail!("hardlink to the layer root");
            };
            let tdir = resolve_dir(root, tparent, false)
                .with_context(|| format!("hardlink target {tname:?}"))?;
            remove_existing(&parent, base)?;
            let tc = cstr(tbase)?;
            // No AT_SYMLINK_FOLLOW: a symlink target is linked itself, never followed.
            rustix::fs::linkat(&tdir, &tc, pfd, &c, AtFlags::empty())
                .map_err(io::Error::from)
                .with_context(|| format!("hardlink to {tname:?}"))?;
        }
        tar::EntryType::Char | tar::EntryType::Block | tar::EntryType::Fifo => {
            let fmt = match kind {
                tar::EntryType::Char => FileType::CharacterDevice,
                tar::EntryType::Block => FileType::BlockDevice,
                _ => FileType::Fifo,
            };
            if fmt != FileType::Fifo && !opts.can_mknod {
                // A user namespace cannot make devices; the container's /dev is ours anyway.
                return Ok(());
            }
            let dev = rustix::fs::makedev(
                header.device_major().ok().flatten().unwrap_or(0),
                header.device_minor().ok().flatten().unwrap_or(0),
            );
            remove_existing(&parent, base)?;
            // The kernel takes a 32-bit device number (12-bit major, 20-bit minor): one
            // that does not fit is refused, as glibc's mknodat refuses it, rather than
            // truncated into another device.
            let dev = u32::try_from(dev).map_err(|_| {
                anyhow::Error::from(io::Error::from_raw_os_error(libc::EINVAL)).context("mknod")
            })?;
            // Permission bits only: no setuid/setgid/sticky on a node.
            rustix::fs::mknodat(pfd, &c, fmt, Mode::from_raw_mode(mode & 0o777), dev.into())
                .map_err(io::Error::from)
                .context("mknod")?;
            owner.apply(pfd, Some(&c), true)?;
            set_times(pfd, Some(&c), mtime, true);
        }
        // PAX/GNU headers are consumed by the tar reader; anything else is skipped.
        _ => {}
    }
    Ok(())
}

struct Owner {
    uid: u32,
    gid: u32,
    squash: bool,
    skip: bool,
}

impl Owner {
    /// chown an fd (name None) or a name in a directory without following it.
    fn apply(&self, fd: impl AsFd, name: Option<&CString>, nofollow: bool) -> Result<()> {
        if self.skip {
            return Ok(());
        }
        // -1 means "leave as is" to chown(2); a header saying 4294967295 keeps that
        // meaning (rustix takes it as None).
        let uid = (self.uid != u32::MAX).then(|| rustix::fs::Uid::from_raw(self.uid));
        let gid = (self.gid != u32::MAX).then(|| rustix::fs::Gid::from_raw(self.gid));
        let r = match name {
            Some(n) => {
                let flags = if nofollow {
                    AtFlags::SYMLINK_NOFOLLOW
                } else {
                    AtFlags::empty()
                };
                rustix::fs::chownat(fd, n, uid, gid, flags)
            }
            None => rustix::fs::fchown(fd, uid, gid),
        };
        if let Err(e) = r {
            if self.squash && e == rustix::io::Errno::INVAL {
                return Ok(());
            }
            return Err(io::Error::from(e))
                .with_context(|| format!("chown {}:{}", self.uid, self.gid));
        }
        Ok(())
    }
}

fn cstr(s: &str) -> Result<CString> {
    CString::new(s).context("NUL byte in a path")
}

/// openat(dirfd, name, flags | O_CLOEXEC, 0600).
fn openat(dirfd: impl AsFd, name: &CString, flags: OFlags) -> Result<OwnedFd> {
    rustix::fs::openat(
        dirfd,
        name,
        flags | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    )
    .map_err(io::Error::from)
    .with_context(|| format!("open {name:?}"))
}

/// An O_PATH fd on the directory `p` (the layer root).
fn open_path(p: &Path) -> Result<OwnedFd> {
    let c = CString::new(p.as_os_str().as_encoded_bytes())?;
    openat(CWD, &c, OFlags::DIRECTORY | OFlags::PATH)
}

fn open_in_root(root: &OwnedFd, rel: &str) -> io::Result<OwnedFd> {
    crate::sys::resolve::open_in_root(root, rel, libc::O_PATH | libc::O_DIRECTORY)
}

/// Open the directory at `comps` inside the layer, creating missing ones (mode 0755,
/// as docker does for parents a layer does not list) when `create`.
fn resolve_dir(root: &OwnedFd, comps: &[String], create: bool) -> Result<OwnedFd> {
    let rel = comps.join("/");
    match open_in_root(root, &rel) {
        Ok(fd) => Ok(fd),
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) && create && !comps.is_empty() => {
            let (last, up) = comps.split_last().expect("non-empty");
            let parent = resolve_dir(root, up, true)?;
            let c = cstr(last)?;
            match rustix::fs::mkdirat(&parent, &c, Mode::from_raw_mode(0o755)) {
                Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                Err(e) => return Err(io::Error::from(e)).with_context(|| format!("mkdir {rel}")),
            }
            open_in_root(root, &rel).with_context(|| format!("opening {rel}"))
        }
        Err(e) => Err(e).with_context(|| format!("opening directory {rel:?}")),
    }
}

/// Whether `name` in `dirfd` is a directory itself (a symlink to one is not).
fn is_dir_at(dirfd: impl AsFd, name: &CString) -> bool {
    rustix::fs::statat(dirfd, name, AtFlags::SYMLINK_NOFOLLOW)
        .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Directory)
}

/// Remove whatever is at `name` (a later entry replaces an earlier one); a directory is
/// removed with its contents, without following symlinks.
fn remove_existing(parent: &OwnedFd, name: &str) -> Result<()> {
    let c = cstr(name)?;
    let Err(e) = rustix::fs::unlinkat(parent, &c, AtFlags::empty()) else {
        return Ok(());
    };
    let e = io::Error::from(e);
    match e.raw_os_error() {
        Some(libc::ENOENT) => Ok(()),
        Some(libc::EISDIR) | Some(libc::EPERM) if is_dir_at(parent, &c) => {
            let path = Path::new("/proc/self/fd")
                .join(parent.as_raw_fd().to_string())
                .join(name);
            std::fs::remove_dir_all(&path).with_context(|| format!("replacing directory {name}"))
        }
        _ => Err(e).with_context(|| format!("replacing {name}")),
    }
}

fn fchmod(fd: impl AsFd, mode: u32) -> Result<()> {
    rustix::fs::fchmod(fd, Mode::from_raw_mode(mode))
        .map_err(io::Error::from)
        .context("chmod")
}

/// Set atime and mtime to `mtime`: of an fd (name None), or of `name` in `fd`.
fn set_times(fd: impl AsFd, name: Option<&CString>, mtime: i64, nofollow: bool) {
    let t = rustix::fs::Timespec {
        tv_sec: mtime,
        tv_nsec: 0,
    };
    let ts = Timestamps {
        last_access: t,
        last_modification: t,
    };
    // Best effort: times are cosmetic.
    let _ = match name {
        Some(n) => {
            let flags = if nofollow {
                AtFlags::SYMLINK_NOFOLLOW
            } else {
                AtFlags::empty()
            };
            rustix::fs::utimensat(fd, n, &ts, flags)
        }
        None => rustix::fs::futimens(fd, &ts),
    };
}

fn set_xattrs(fd: impl AsFd, name: Option<&str>, xattrs: &[(String, Vec<u8>)]) -> Result<()> {
    let fd = fd.as_fd();
    for (k, v) in xattrs {
        set_xattr(fd, name, k, v)?;
    }
    Ok(())
}

/// Set an xattr on an fd, or (name given) on a directory entry without following it.
fn set_xattr(fd: impl AsFd, name: Option<&str>, key: &str, value: &[u8]) -> Result<()> {
    let fd: BorrowedFd = fd.as_fd();
    let k = cstr(key)?;
    let flags = XattrFlags::empty();
    let r = match name {
        None => {
            // An O_PATH fd cannot take fsetxattr; go through /proc/self/fd for those.
            let p = CString::new(format!("/proc/self/fd/{}", fd.as_raw_fd()))?;
            match rustix::fs::fsetxattr(fd, &k, value, flags) {
                Err(rustix::io::Errno::BADF) => rustix::fs::setxattr(&p, &k, value, flags),
                r => r,
            }
        }
        Some(n) => {
            let p = CString::new(format!("/proc/self/fd/{}/{n}", fd.as_raw_fd()))?;
            // lsetxattr: the last component (the entry itself) is not followed.
            rustix::fs::lsetxattr(&p, &k, value, flags)
        }
    };
    if let Err(e) = r {
        let e = io::Error::from(e);
        // Symlinks cannot carry user.* xattrs; filesystems without xattrs drop them.
        if matches!(e.raw_os_error(), Some(libc::EPERM) | Some(libc::ENOTSUP)) && name.is_some() {
            return Ok(());
        }
        return Err(e).with_context(|| format!("setting xattr {key}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_paths() {
        assert_eq!(normalize("./a/b/").unwrap(), vec!["a", "b"]);
        assert_eq!(normalize("/etc/passwd").unwrap(), vec!["etc", "passwd"]);
        assert_eq!(normalize("a/../b").unwrap(), vec!["b"]);
        assert!(normalize("../x").is_err());
        assert!(normalize("a/../../x").is_err());
        assert!(normalize("./").unwrap().is_empty());
    }
}
