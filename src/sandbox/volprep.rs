//! Volumes made ready in the sandbox child, before anything is mounted over the rootfs:
//! copy-up (a new volume gets the image's content at its mount point, ownership and
//! modes kept: the child is root of the container's user namespace, so mapped ids stay
//! mapped) and podman's `U` (the source chowned to the container's user).
//!
//! The source is opened with RESOLVE_IN_ROOT and walked with `*at()` calls and
//! O_NOFOLLOW: an image whose VOLUME path is a symlink to `/` or `/etc` has its own `/`
//! or `/etc` copied, never the host's.

use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, Timestamps};
use rustix::io::Errno;
use std::ffi::CStr;
use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;

/// What to do to one volume before it is mounted.
#[derive(Debug, Clone)]
pub struct VolumePrep {
    /// The mount point, absolute in the container.
    pub destination: String,
    /// The host directory that will be mounted there.
    pub source: PathBuf,
    /// Copy-up: the volume's own directory, which holds its `lock` and the `copied`
    /// mark (copy-up happens once). None: no copy-up (`nocopy`, a bind).
    pub volume_dir: Option<PathBuf>,
    /// `U`: chown the source tree to these container ids.
    pub chown: Option<(u32, u32)>,
}

/// Directories deeper than this are refused (a hostile image could nest without end;
/// each level holds three fds while copied).
const MAX_DEPTH: usize = 256;

pub fn prepare(root: &OwnedFd, p: &VolumePrep) -> Result<()> {
    if let Some(dir) = &p.volume_dir {
        copy_up(root, p, dir).with_context(|| {
            format!(
                "copying the image's content at {} into its volume",
                p.destination
            )
        })?;
    }
    if let Some((uid, gid)) = p.chown {
        let top = open_dir_path(&p.source)?;
        chown_tree(&top, uid, gid, 0)
            .with_context(|| format!("chowning {} (U)", p.source.display()))?;
    }
    Ok(())
}

fn open_dir_path(p: &std::path::Path) -> Result<OwnedFd> {
    rustix::fs::open(
        p,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening {}", p.display()))
}

fn copy_up(root: &OwnedFd, p: &VolumePrep, dir: &std::path::Path) -> Result<()> {
    let lockf = rustix::fs::open(
        dir.join("lock"),
        OFlags::CREATE | OFlags::RDWR | OFlags::CLOEXEC | OFlags::NOFOLLOW,
        Mode::from_raw_mode(0o600),
    )
    .context("opening the volume's lock")?;
    // Two containers starting on one new volume: one copies, the other finds the mark.
    rustix::fs::flock(&lockf, rustix::fs::FlockOperation::LockExclusive)
        .context("locking the volume")?;
    let mark = dir.join("copied");
    if mark.exists() {
        return Ok(());
    }
    let dst = open_dir_path(&p.source)?;
    let mut entries = rustix::fs::Dir::read_from(&dst).context("reading the volume")?;
    let holds_data =
        entries.any(|e| e.is_ok_and(|e| !matches!(e.file_name().to_bytes(), b"." | b"..")));
    if !holds_data {
        let rel = p.destination.trim_start_matches('/');
        let src = match crate::sys::resolve::open_in_root(
            root,
            rel,
            libc::O_RDONLY | libc::O_DIRECTORY,
        ) {
            Ok(fd) => fd,
            // Nothing in the image there: nothing to copy (a later container may have).
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::ENOENT) | Some(libc::ENOTDIR) | Some(libc::ELOOP)
                ) =>
            {
                return Ok(())
            }
            Err(e) => {
                return Err(e).with_context(|| format!("opening {} in the rootfs", p.destination))
            }
        };
        if let Err(e) = copy_dir(&src, &dst, "", 0) {
            // Empty before: left empty again (a full disk leaves no half copy that the
            // next start would take for the volume's own data).
            let _ = clear_dir(&dst, 0);
            return Err(e);
        }
        // docker: the volume's root takes the owner and mode of the image's directory.
        let st = rustix::fs::fstat(&src)?;
        set_owner(&dst, c"", st.st_uid, st.st_gid, AtFlags::EMPTY_PATH)?;
        rustix::fs::fchmod(&dst, Mode::from_raw_mode(st.st_mode & 0o7777))?;
    }
    rustix::fs::open(
        &mark,
        OFlags::CREATE | OFlags::WRONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
        Mode::from_raw_mode(0o600),
    )
    .context("marking the volume as filled")?;
    Ok(())
}

/// chown that tolerates ids the namespace does not map (a one-id mapping): the file
/// keeps the container's root as owner there.
fn set_owner(dir: &OwnedFd, name: &CStr, uid: u32, gid: u32, flags: AtFlags) -> Result<()> {
    let (u, g) = (
        rustix::fs::Uid::from_raw(uid),
        rustix::fs::Gid::from_raw(gid),
    );
    match rustix::fs::chownat(dir, name, Some(u), Some(g), flags) {
        Ok(()) | Err(Errno::INVAL) => Ok(()),
        Err(e) => Err(std::io::Error::from(e)).context("chown"),
    }
}

/// Copy the entries of `src` into `dst`; `rel` names `src` below the volume's root in
/// errors (each failure is reported once, with its path, not once per level).
fn copy_dir(src: &OwnedFd, dst: &OwnedFd, rel: &str, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        bail!("directories nested deeper than {MAX_DEPTH} levels");
    }
    let dir = rustix::fs::Dir::read_from(src).with_context(|| format!("reading /{rel}"))?;
    for e in dir {
        let e = e.with_context(|| format!("reading /{rel}"))?;
        let name = e.file_name();
        if matches!(name.to_bytes(), b"." | b"..") {
            continue;
        }
        let path = match rel {
            "" => name.to_string_lossy().into_owned(),
            _ => format!("{rel}/{}", name.to_string_lossy()),
        };
        copy_entry(src, dst, name, &path, depth)?;
    }
    Ok(())
}

fn copy_entry(src: &OwnedFd, dst: &OwnedFd, name: &CStr, rel: &str, depth: usize) -> Result<()> {
    let ctx = || format!("copying /{rel}");
    let st = rustix::fs::statat(src, name, AtFlags::SYMLINK_NOFOLLOW).with_context(ctx)?;
    let mode = Mode::from_raw_mode(st.st_mode & 0o7777);
    let nofollow = OFlags::NOFOLLOW | OFlags::CLOEXEC;
    // Attributes are set through the new file's own fd (or without following a link):
    // a container sharing the volume cannot turn a name into a symlink to elsewhere.
    let made: OwnedFd = match FileType::from_raw_mode(st.st_mode) {
        FileType::Directory => {
            rustix::fs::mkdirat(dst, name, Mode::from_raw_mode(0o700)).with_context(ctx)?;
            let dir = OFlags::RDONLY | OFlags::DIRECTORY | nofollow;
            let s = rustix::fs::openat(src, name, dir, Mode::empty()).with_context(ctx)?;
            let d = rustix::fs::openat(dst, name, dir, Mode::empty()).with_context(ctx)?;
            copy_dir(&s, &d, rel, depth + 1)?;
            d
        }
        FileType::RegularFile => {
            let s = rustix::fs::openat(src, name, OFlags::RDONLY | nofollow, Mode::empty())
                .with_context(ctx)?;
            let d = rustix::fs::openat(
                dst,
                name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | nofollow,
                Mode::from_raw_mode(0o600),
            )
            .with_context(ctx)?;
            let mut out = std::fs::File::from(d);
            std::io::copy(&mut std::fs::File::from(s), &mut out).with_context(ctx)?;
            OwnedFd::from(out)
        }
        FileType::Symlink => {
            let target = rustix::fs::readlinkat(src, name, Vec::new()).with_context(ctx)?;
            rustix::fs::symlinkat(target.as_c_str(), dst, name).with_context(ctx)?;
            return set_owner(dst, name, st.st_uid, st.st_gid, AtFlags::SYMLINK_NOFOLLOW)
                .with_context(ctx);
        }
        t => {
            match rustix::fs::mknodat(dst, name, t, mode, st.st_rdev) {
                Ok(()) => {}
                // Device nodes cannot be made in a user namespace: left out.
                Err(Errno::PERM) => return Ok(()),
                Err(e) => return Err(e).with_context(ctx),
            }
            return set_owner(dst, name, st.st_uid, st.st_gid, AtFlags::SYMLINK_NOFOLLOW)
                .with_context(ctx);
        }
    };
    // Owner first: chown clears set-id bits, the mode is put back after.
    set_owner(&made, c"", st.st_uid, st.st_gid, AtFlags::EMPTY_PATH).with_context(ctx)?;
    rustix::fs::fchmod(&made, mode).with_context(ctx)?;
    let times = Timestamps {
        last_access: rustix::fs::Timespec {
            tv_sec: st.st_atime,
            tv_nsec: st.st_atime_nsec as _,
        },
        last_modification: rustix::fs::Timespec {
            tv_sec: st.st_mtime,
            tv_nsec: st.st_mtime_nsec as _,
        },
    };
    let _ = rustix::fs::futimens(&made, &times);
    Ok(())
}

/// Remove everything below `dir` (what a failed copy-up made), without following links.
fn clear_dir(dir: &OwnedFd, depth: usize) -> Result<()> {
    // A copy refused for depth made two levels more than the limit.
    if depth > MAX_DEPTH + 2 {
        bail!("directories nested deeper than {MAX_DEPTH}");
    }
    // Names first: unlinking while reading the directory could skip entries.
    let mut entries = Vec::new();
    for e in rustix::fs::Dir::read_from(dir.as_fd())? {
        let e = e?;
        if !matches!(e.file_name().to_bytes(), b"." | b"..") {
            entries.push((e.file_name().to_owned(), e.file_type()));
        }
    }
    for (name, kind) in entries {
        if kind == FileType::Directory {
            let sub = rustix::fs::openat(
                dir,
                name.as_c_str(),
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            clear_dir(&sub, depth + 1)?;
            rustix::fs::unlinkat(dir, name.as_c_str(), AtFlags::REMOVEDIR)?;
        } else {
            rustix::fs::unlinkat(dir, name.as_c_str(), AtFlags::empty())?;
        }
    }
    Ok(())
}

/// podman's `U`: every entry below (and the top itself) owned by the container's user.
fn chown_tree(dir: &OwnedFd, uid: u32, gid: u32, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        bail!("directories nested deeper than {MAX_DEPTH}");
    }
    if depth == 0 {
        set_owner(dir, c"", uid, gid, AtFlags::EMPTY_PATH)?;
    }
    for e in rustix::fs::Dir::read_from(dir.as_fd())? {
        let e = e?;
        let name = e.file_name();
        if matches!(name.to_bytes(), b"." | b"..") {
            continue;
        }
        set_owner(dir, name, uid, gid, AtFlags::SYMLINK_NOFOLLOW)?;
        if e.file_type() == FileType::Directory {
            let sub = rustix::fs::openat(
                dir,
                name,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            chown_tree(&sub, uid, gid, depth + 1)?;
        }
    }
    Ok(())
}
