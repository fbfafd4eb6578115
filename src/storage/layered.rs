//! Reading a file of an image's merged rootfs straight from its unpacked layers, without
//! mounting them: what overlayfs would show (upper layers win, whiteouts hide, opaque
//! directories cut off the layers below), with symlinks resolved as if the rootfs were
//! `/`. Every step is an `*at()` call on a directory fd with O_NOFOLLOW, so a hostile
//! image's `etc -> /host/dir` can never make berth read a host file.

use rustix::fs::{Mode, OFlags};
use std::ffi::CString;
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Symlinks followed in one lookup before giving up (the kernel's limit).
const MAX_HOPS: usize = 40;

/// What a path names in the merged view.
enum Entry {
    /// A directory: the layers that contribute to it, top first.
    Dir(Vec<OwnedFd>),
    /// A regular file, in the topmost layer that has it: (parent dir fd, name).
    File(OwnedFd, CString),
    Symlink(String),
    Missing,
}

fn open_at(dir: &OwnedFd, name: &CString, flags: OFlags) -> Option<OwnedFd> {
    rustix::fs::openat(
        dir,
        name,
        flags | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok()
}

fn stat_at(dir: &OwnedFd, name: &CString) -> Option<std::fs::Metadata> {
    let fd = open_at(dir, name, OFlags::PATH)?;
    File::from(fd).metadata().ok()
}

fn is_opaque(dir: &OwnedFd) -> bool {
    let p = format!("/proc/self/fd/{}", dir.as_raw_fd());
    ["user.overlay.opaque", "trusted.overlay.opaque"]
        .iter()
        .any(|k| xattr_is_y(&p, k))
}

fn xattr_is_y(path: &str, key: &str) -> bool {
    let mut v = [0u8; 1];
    // getxattr (it follows the /proc/self/fd magic link to the directory itself); a
    // longer value does not fit (ERANGE) and is not "y". A NUL in either string fails
    // before the call, as CString::new did.
    rustix::fs::getxattr(path, key, &mut v[..]) == Ok(1) && v[0] == b'y'
}

/// Look `name` up in a directory given by its contributing layers.
fn lookup(parents: &[OwnedFd], name: &str) -> Entry {
    let Ok(c) = CString::new(name) else {
        return Entry::Missing;
    };
    let mut dirs = Vec::new();
    for parent in parents {
        let Some(meta) = stat_at(parent, &c) else {
            continue;
        };
        let ft = meta.file_type();
        if ft.is_dir() {
            let Some(fd) = open_at(parent, &c, OFlags::PATH | OFlags::DIRECTORY) else {
                break;
            };
            let opaque = is_opaque(&fd);
            dirs.push(fd);
            if opaque {
                break;
            }
            continue;
        }
        if !dirs.is_empty() {
            // A directory above hides whatever lower layers have here.
            break;
        }
        // A 0:0 character device is a whiteout: the name is gone.
        if ft.is_char_device() {
            return Entry::Missing;
        }
        if ft.is_symlink() {
            // The link itself (readlinkat never follows), cut at 4096 bytes as the
            // fixed buffer did before (the kernel keeps targets under PATH_MAX anyway).
            return match rustix::fs::readlinkat(parent, &c, Vec::with_capacity(4096)) {
                Ok(t) if !t.as_bytes().is_empty() => {
                    let t = t.as_bytes();
                    Entry::Symlink(String::from_utf8_lossy(&t[..t.len().min(4096)]).into_owned())
                }
                _ => Entry::Missing,
            };
        }
        if ft.is_file() {
            return match parent.try_clone() {
                Ok(p) => Entry::File(p, c),
                Err(_) => Entry::Missing,
            };
        }
        return Entry::Missing;
    }
    if dirs.is_empty() {
        Entry::Missing
    } else {
        Entry::Dir(dirs)
    }
}

/// Read `path` (absolute in the container) from the merged view of `layers` (bottom
/// layer first), at most `cap` bytes. None when missing, unreadable, not a regular file,
/// or larger than `cap`.
pub fn read_file(layers: &[impl AsRef<Path>], path: &str, cap: u64) -> Option<Vec<u8>> {
    match resolve(layers, path)? {
        Entry::File(dir, name) => {
            let fd = open_at(&dir, &name, OFlags::RDONLY | OFlags::NONBLOCK)?;
            let mut data = Vec::new();
            File::from(fd).take(cap + 1).read_to_end(&mut data).ok()?;
            (data.len() as u64 <= cap).then_some(data)
        }
        _ => None,
    }
}

/// The metadata of what `path` names in the merged view (symlinks followed inside the
/// rootfs): a directory's is its topmost layer's, as overlayfs shows it. None when
/// missing.
pub fn stat(layers: &[impl AsRef<Path>], path: &str) -> Option<std::fs::Metadata> {
    match resolve(layers, path)? {
        Entry::File(dir, name) => stat_at(&dir, &name),
        Entry::Dir(d) => File::from(d.into_iter().next()?).metadata().ok(),
        _ => None,
    }
}

/// Follow `path` through the merged view to a directory or regular file.
fn resolve(layers: &[impl AsRef<Path>], path: &str) -> Option<Entry> {
    let mut roots = Vec::new();
    for l in layers.iter().rev() {
        let f = File::options()
            .read(true)
            .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
            .open(l.as_ref())
            .ok()?;
        roots.push(OwnedFd::from(f));
    }
    // `stack` holds the contributing layers of each directory on the way down, so `..`
    // can go back up (and stops at the root).
    let mut stack: Vec<Vec<OwnedFd>> = vec![roots];
    let mut todo: std::collections::VecDeque<String> = path.split('/').map(String::from).collect();
    let mut hops = 0;
    while let Some(comp) = todo.pop_front() {
        match comp.as_str() {
            "" | "." => continue,
            ".." => {
                if stack.len() > 1 {
                    stack.pop();
                }
                continue;
            }
            _ => {}
        }
        let last = todo.iter().all(|c| c.is_empty() || c == ".");
        match lookup(stack.last()?, &comp) {
            Entry::Dir(d) => stack.push(d),
            Entry::Symlink(target) => {
                hops += 1;
                if hops > MAX_HOPS {
                    return None;
                }
                if target.starts_with('/') {
                    stack.truncate(1);
                }
                for t in target.split('/').rev() {
                    todo.push_front(t.to_string());
                }
            }
            Entry::File(dir, name) if last => return Some(Entry::File(dir, name)),
            Entry::File(..) | Entry::Missing => return None,
        }
    }
    Some(Entry::Dir(stack.pop()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn layer(root: &Path, name: &str) -> std::path::PathBuf {
        let p = root.join(name);
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    #[test]
    fn merged_view_with_links_inside_the_root() {
        let t = std::env::temp_dir().join(format!("berth-layered-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&t);
        let host = layer(&t, "host");
        std::fs::write(host.join("passwd"), "host\n").unwrap();
        let l0 = layer(&t, "l0");
        std::fs::create_dir_all(l0.join("etc")).unwrap();
        std::fs::write(l0.join("etc/passwd"), "lower\n").unwrap();
        std::fs::write(l0.join("etc/group"), "lower\n").unwrap();
        let l1 = layer(&t, "l1");
        // `alt` points at the host directory's absolute path: resolved inside the root.
        let hostdir = host.display().to_string();
        std::fs::create_dir_all(l1.join(hostdir.trim_start_matches('/'))).unwrap();
        std::fs::write(
            l1.join(hostdir.trim_start_matches('/')).join("passwd"),
            "image\n",
        )
        .unwrap();
        symlink(&hostdir, l1.join("alt")).unwrap();
        symlink("../../../../etc/passwd", l1.join("up")).unwrap();
        std::fs::create_dir_all(l1.join("etc")).unwrap();
        std::fs::write(l1.join("etc/group"), "upper\n").unwrap();
        let layers = [l0.clone(), l1.clone()];
        let read = |p: &str| read_file(&layers, p, 1024).map(|d| String::from_utf8(d).unwrap());
        assert_eq!(read("/etc/passwd").as_deref(), Some("lower\n"));
        assert_eq!(read("/etc/group").as_deref(), Some("upper\n"));
        assert_eq!(read("/alt/passwd").as_deref(), Some("image\n"));
        assert_eq!(read("/up").as_deref(), Some("lower\n"));
        assert_eq!(read("/etc/missing"), None);
        assert_eq!(read("/etc/passwd/x"), None);
        // A whiteout hides the lower file; an opaque dir would hide the lower dir.
        let l2 = layer(&t, "l2");
        std::fs::create_dir_all(l2.join("etc")).unwrap();
        let layers2 = [l0, l1, l2.clone()];
        // mknod of a 0:0 char device may fail without privilege; then skip.
        let wh = l2.join("etc/passwd");
        let chr = rustix::fs::FileType::CharacterDevice;
        if rustix::fs::mknodat(rustix::fs::CWD, &wh, chr, Mode::empty(), 0).is_ok() {
            assert_eq!(read_file(&layers2, "/etc/passwd", 1024), None);
        }
        // Too big for the cap.
        assert_eq!(read_file(&layers2, "/etc/group", 2), None);
        let _ = std::fs::remove_dir_all(&t);
    }
}
