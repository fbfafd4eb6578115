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
use std::ffi::CString;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
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
/// stream hashes to `diff_id`. Returns the uncompressed size.
pub fn unpack(blob: &Path, dest: &Path, diff_id: &str, opts: UnpackOptions) -> Result<u64> {
    let stream = open_decompressed(blob)?;
    let mut hashing = HashingReader::new(stream);
    apply_tar(&mut hashing, dest, opts).with_context(|| format!("layer {diff_id}"))?;
    let (got, size) = hashing.finish().context("reading layer")?;
    if got != diff_id {
        bail!("layer {diff_id}: content hashes to {got}: the archive is corrupt");
    }
    Ok(size)
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

/// Apply a tar stream onto `dest`.
pub fn apply_tar<R: Read>(r: R, dest: &Path, opts: UnpackOptions) -> Result<()> {
    let root = open_path(libc::AT_FDCWD, dest, libc::O_DIRECTORY)?;
    let (r, mut end) = crate::image::tarend::track(r);
    let mut archive = tar::Archive::new(r);
    let mut seen = Seen::default();
    for entry in archive.entries().context("reading tar")? {
        let mut entry = match entry {
            Ok(e) => e,
            // umoci: the stream ends right after the last entry's data (see tarend).
            Err(_) if end.unpadded() => break,
            Err(e) => return Err(end.error(e)),
        };
        end.entry(&entry);
        let raw = entry.path_bytes().into_owned();
        let name = String::from_utf8_lossy(&raw).into_owned();
        apply_entry(&root, &mut entry, &name, opts, &mut seen)
            .with_context(|| format!("tar entry {name:?}"))?;
    }
    // Directory mtimes last: creating children changed them.
    for (comps, mtime) in seen.dirs.iter().rev() {
        if let Ok(fd) = resolve_dir(&root, comps, false) {
            // An O_PATH fd takes times only through its /proc path.
            if let Ok(p) = CString::new(format!("/proc/self/fd/{}", fd.as_raw_fd())) {
                set_times(libc::AT_FDCWD, Some(&p), *mtime, false);
            }
        }
    }
    Ok(())
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
    let owner = Owner {
        uid: uid as u32,
        gid: gid as u32,
        squash: opts.squash_owners,
    };

    let Some((base, parent_comps)) = comps.split_last() else {
        // The layer root itself ("./"): take its metadata.
        if kind.is_dir() {
            let dot = cstr(".")?;
            let fd = openat_raw(root.as_raw_fd(), &dot, libc::O_DIRECTORY | libc::O_RDONLY)?;
            owner.apply(fd.as_raw_fd(), None, false)?;
            fchmod(fd.as_raw_fd(), mode)?;
        }
        return Ok(());
    };

    // Whiteouts.
    if let Some(target) = base.strip_prefix(".wh.") {
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
            set_xattr(
                parent.as_raw_fd(),
                None,
                opaque_xattr(opts.user_xattrs),
                b"y",
            )?;
        } else if !target.starts_with(".wh.") && !target.is_empty() {
            remove_existing(&parent, target)?;
            let c = cstr(target)?;
            // SAFETY: mknodat with a valid dirfd and NUL-terminated name.
            let r = unsafe { libc::mknodat(parent.as_raw_fd(), c.as_ptr(), libc::S_IFCHR, 0) };
            if r != 0 {
                return Err(io::Error::last_os_error()).context("creating whiteout");
            }
        }
        return Ok(());
    }

    let parent = resolve_dir(root, parent_comps, true)?;
    let pfd = parent.as_raw_fd();
    let c = cstr(base)?;
    match kind {
        tar::EntryType::Directory => {
            if !is_dir_at(pfd, &c) {
                remove_existing(&parent, base)?;
                // SAFETY: valid dirfd and name.
                if unsafe { libc::mkdirat(pfd, c.as_ptr(), 0o700) } != 0 {
                    return Err(io::Error::last_os_error()).context("mkdir");
                }
            }
            let dfd = openat_raw(
                pfd,
                &c,
                libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_RDONLY,
            )?;
            owner.apply(dfd.as_raw_fd(), None, false)?;
            fchmod(dfd.as_raw_fd(), mode)?;
            set_xattrs(dfd.as_raw_fd(), None, &xattrs)?;
            seen.dirs.push((comps.clone(), mtime));
        }
        tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
            remove_existing(&parent, base)?;
            let fd = openat_raw(
                pfd,
                &c,
                libc::O_CREAT | libc::O_EXCL | libc::O_WRONLY | libc::O_NOFOLLOW,
            )?;
            let mut f = File::from(fd);
            io::copy(entry, &mut f).context("writing file")?;
            owner.apply(f.as_raw_fd(), None, false)?;
            // After chown, which clears setuid bits and file capabilities.
            fchmod(f.as_raw_fd(), mode)?;
            set_xattrs(f.as_raw_fd(), None, &xattrs)?;
            set_times(f.as_raw_fd(), None, mtime, false);
        }
        tar::EntryType::Symlink => {
            let target = entry.link_name_bytes().context("symlink without target")?;
            remove_existing(&parent, base)?;
            let t = CString::new(target.as_ref()).context("NUL in symlink target")?;
            // SAFETY: valid strings and dirfd.
            if unsafe { libc::symlinkat(t.as_ptr(), pfd, c.as_ptr()) } != 0 {
                return Err(io::Error::last_os_error()).context("symlink");
            }
            owner.apply(pfd, Some(&c), true)?;
            set_xattrs(pfd, Some(base), &xattrs)?;
            set_times(pfd, Some(&c), mtime, true);
        }
        tar::EntryType::Link => {
            let target = entry.link_name_bytes().context("hardlink without target")?;
            let tname = String::from_utf8_lossy(&target).into_owned();
            let tcomps = normalize(&tname)
                .map_err(|_| anyhow::anyhow!("hardlink to {tname:?} points outside the layer"))?;
            let Some((tbase, tparent)) = tcomps.split_last() else {
                bail!("hardlink to the layer root");
            };
            let tdir = resolve_dir(root, tparent, false)
                .with_context(|| format!("hardlink target {tname:?}"))?;
            remove_existing(&parent, base)?;
            let tc = cstr(tbase)?;
            // SAFETY: valid dirfds and names; flags 0 = do not follow a symlink target.
            if unsafe { libc::linkat(tdir.as_raw_fd(), tc.as_ptr(), pfd, c.as_ptr(), 0) } != 0 {
                return Err(io::Error::last_os_error())
                    .with_context(|| format!("hardlink to {tname:?}"));
            }
        }
        tar::EntryType::Char | tar::EntryType::Block | tar::EntryType::Fifo => {
            let fmt = match kind {
                tar::EntryType::Char => libc::S_IFCHR,
                tar::EntryType::Block => libc::S_IFBLK,
                _ => libc::S_IFIFO,
            };
            if fmt != libc::S_IFIFO && !opts.can_mknod {
                // A user namespace cannot make devices; the container's /dev is ours anyway.
                return Ok(());
            }
            let dev = libc::makedev(
                header.device_major().ok().flatten().unwrap_or(0),
                header.device_minor().ok().flatten().unwrap_or(0),
            );
            remove_existing(&parent, base)?;
            // SAFETY: valid dirfd and name.
            if unsafe { libc::mknodat(pfd, c.as_ptr(), fmt | (mode & 0o777), dev) } != 0 {
                return Err(io::Error::last_os_error()).context("mknod");
            }
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
}

impl Owner {
    /// chown an fd (name None) or a name in a directory without following it.
    fn apply(&self, fd: RawFd, name: Option<&CString>, nofollow: bool) -> Result<()> {
        let r = match name {
            // SAFETY: valid fd and name.
            Some(n) => unsafe {
                libc::fchownat(
                    fd,
                    n.as_ptr(),
                    self.uid,
                    self.gid,
                    if nofollow {
                        libc::AT_SYMLINK_NOFOLLOW
                    } else {
                        0
                    },
                )
            },
            // SAFETY: valid fd.
            None => unsafe { libc::fchown(fd, self.uid, self.gid) },
        };
        if r != 0 {
            let e = io::Error::last_os_error();
            if self.squash && e.raw_os_error() == Some(libc::EINVAL) {
                return Ok(());
            }
            return Err(e).with_context(|| format!("chown {}:{}", self.uid, self.gid));
        }
        Ok(())
    }
}

fn cstr(s: &str) -> Result<CString> {
    CString::new(s).context("NUL byte in a path")
}

fn openat_raw(dirfd: RawFd, name: &CString, flags: i32) -> Result<OwnedFd> {
    // SAFETY: valid dirfd and name; the fd returned is owned by the OwnedFd.
    let fd = unsafe { libc::openat(dirfd, name.as_ptr(), flags | libc::O_CLOEXEC, 0o600) };
    if fd < 0 {
        return Err(io::Error::last_os_error()).with_context(|| format!("open {name:?}"));
    }
    // SAFETY: fd is a fresh descriptor.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn open_path(dirfd: RawFd, p: &Path, flags: i32) -> Result<OwnedFd> {
    let c = CString::new(p.as_os_str().as_bytes())?;
    openat_raw(dirfd, &c, flags | libc::O_PATH)
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
            // SAFETY: valid dirfd and name.
            if unsafe { libc::mkdirat(parent.as_raw_fd(), c.as_ptr(), 0o755) } != 0 {
                let e = io::Error::last_os_error();
                if e.raw_os_error() != Some(libc::EEXIST) {
                    return Err(e).with_context(|| format!("mkdir {rel}"));
                }
            }
            open_in_root(root, &rel).with_context(|| format!("opening {rel}"))
        }
        Err(e) => Err(e).with_context(|| format!("opening directory {rel:?}")),
    }
}

fn is_dir_at(dirfd: RawFd, name: &CString) -> bool {
    // SAFETY: zeroed stat is a valid out-buffer.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    let r = unsafe { libc::fstatat(dirfd, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) };
    r == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFDIR
}

/// Remove whatever is at `name` (a later entry replaces an earlier one); a directory is
/// removed with its contents, without following symlinks.
fn remove_existing(parent: &OwnedFd, name: &str) -> Result<()> {
    let c = cstr(name)?;
    // SAFETY: valid dirfd and name.
    if unsafe { libc::unlinkat(parent.as_raw_fd(), c.as_ptr(), 0) } == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::ENOENT) => Ok(()),
        Some(libc::EISDIR) | Some(libc::EPERM) if is_dir_at(parent.as_raw_fd(), &c) => {
            let path = Path::new("/proc/self/fd")
                .join(parent.as_raw_fd().to_string())
                .join(name);
            std::fs::remove_dir_all(&path).with_context(|| format!("replacing directory {name}"))
        }
        _ => Err(e).with_context(|| format!("replacing {name}")),
    }
}

fn fchmod(fd: RawFd, mode: u32) -> Result<()> {
    // SAFETY: valid fd.
    if unsafe { libc::fchmod(fd, mode as libc::mode_t) } != 0 {
        return Err(io::Error::last_os_error()).context("chmod");
    }
    Ok(())
}

fn set_times(fd: RawFd, name: Option<&CString>, mtime: i64, nofollow: bool) {
    let ts = [
        libc::timespec {
            tv_sec: mtime,
            tv_nsec: 0,
        },
        libc::timespec {
            tv_sec: mtime,
            tv_nsec: 0,
        },
    ];
    // Best effort: times are cosmetic.
    // SAFETY: valid pointers.
    unsafe {
        match name {
            Some(n) => libc::utimensat(
                fd,
                n.as_ptr(),
                ts.as_ptr(),
                if nofollow {
                    libc::AT_SYMLINK_NOFOLLOW
                } else {
                    0
                },
            ),
            None => libc::futimens(fd, ts.as_ptr()),
        };
    }
}

fn set_xattrs(fd: RawFd, name: Option<&str>, xattrs: &[(String, Vec<u8>)]) -> Result<()> {
    for (k, v) in xattrs {
        set_xattr(fd, name, k, v)?;
    }
    Ok(())
}

/// Set an xattr on an fd, or (name given) on a directory entry without following it.
fn set_xattr(fd: RawFd, name: Option<&str>, key: &str, value: &[u8]) -> Result<()> {
    let k = cstr(key)?;
    let r = match name {
        None => {
            // An O_PATH fd cannot take fsetxattr; go through /proc/self/fd for those.
            let p = CString::new(format!("/proc/self/fd/{fd}"))?;
            // SAFETY: valid pointers and lengths.
            let r =
                unsafe { libc::fsetxattr(fd, k.as_ptr(), value.as_ptr().cast(), value.len(), 0) };
            if r != 0 && io::Error::last_os_error().raw_os_error() == Some(libc::EBADF) {
                // SAFETY: as above.
                unsafe {
                    libc::setxattr(
                        p.as_ptr(),
                        k.as_ptr(),
                        value.as_ptr().cast(),
                        value.len(),
                        0,
                    )
                }
            } else {
                r
            }
        }
        Some(n) => {
            let p = CString::new(format!("/proc/self/fd/{fd}/{n}"))?;
            // SAFETY: valid pointers and lengths; lsetxattr does not follow the last part.
            unsafe {
                libc::lsetxattr(
                    p.as_ptr(),
                    k.as_ptr(),
                    value.as_ptr().cast(),
                    value.len(),
                    0,
                )
            }
        }
    };
    if r != 0 {
        let e = io::Error::last_os_error();
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
