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

/// Directories deeper than this are refused (a hostile image could nest without end).
const MAX_DEPTH: usize = 512;

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
        copy_dir(&src, &dst, 0)?;
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

fn copy_dir(src: &OwnedFd, dst: &OwnedFd, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        bail!("directories nested deeper than {MAX_DEPTH}");
    }
    for e in rustix::fs::Dir::read_from(src)? {
        let e = e?;
        let name = e.file_name();
        if matches!(name.to_bytes(), b"." | b"..") {
            continue;
        }
        copy_entry(src, dst, name, depth)
            .with_context(|| format!("copying {}", name.to_string_lossy()))?;
    }
    Ok(())
}

fn copy_entry(src: &OwnedFd, dst: &OwnedFd, name: &CStr, depth: usize) -> Result<()> {
    let st = rustix::fs::statat(src, name, AtFlags::SYMLINK_NOFOLLOW)?;
    let mode = Mode::from_raw_mode(st.st_mode & 0o7777);
    let nofollow = OFlags::NOFOLLOW | OFlags::CLOEXEC;
    // Attributes are set through the new file's own fd (or without following a link):
    // a container sharing the volume cannot turn a name into a symlink to elsewhere.
    let made: OwnedFd = match FileType::from_raw_mode(st.st_mode) {
        FileType::Directory => {
            rustix::fs::mkdirat(dst, name, Mode::from_raw_mode(0o700))?;
            let dir = OFlags::RDONLY | OFlags::DIRECTORY | nofollow;
            let s = rustix::fs::openat(src, name, dir, Mode::empty())?;
            let d = rustix::fs::openat(dst, name, dir, Mode::empty())?;
            copy_dir(&s, &d, depth + 1)?;
            d
        }
        FileType::RegularFile => {
            let s = rustix::fs::openat(src, name, OFlags::RDONLY | nofollow, Mode::empty())?;
            let d = rustix::fs::openat(
                dst,
                name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | nofollow,
                Mode::from_raw_mode(0o600),
            )?;
            let mut out = std::fs::File::from(d);
            std::io::copy(&mut std::fs::File::from(s), &mut out)?;
            OwnedFd::from(out)
        }
        FileType::Symlink => {
            let target = rustix::fs::readlinkat(src, name, Vec::new())?;
            rustix::fs::symlinkat(target.as_c_str(), dst, name)?;
            return set_owner(dst, name, st.st_uid, st.st_gid, AtFlags::SYMLINK_NOFOLLOW);
        }
        t => {
            match rustix::fs::mknodat(dst, name, t, mode, st.st_rdev) {
                Ok(()) => {}
                // Device nodes cannot be made in a user namespace: left out.
                Err(Errno::PERM) => return Ok(()),
                Err(e) => return Err(e.into()),
            }
            return set_owner(dst, name, st.st_uid, st.st_gid, AtFlags::SYMLINK_NOFOLLOW);
        }
    };
    // Owner first: chown clears set-id bits, the mode is put back after.
    set_owner(&made, c"", st.st_uid, st.st_gid, AtFlags::EMPTY_PATH)?;
    rustix::fs::fchmod(&made, mode)?;
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
