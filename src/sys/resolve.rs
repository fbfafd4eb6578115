//! Opening paths inside a root directory as if it were `/` (openat2 RESOLVE_IN_ROOT):
//! symlinks and `..` cannot lead out of it. Used by layer unpacking and by the sandbox
//! when it places mounts inside a container's rootfs.

use rustix::fs::{Mode, OFlags, ResolveFlags};
use std::io;
use std::os::fd::OwnedFd;

/// openat2(root, rel, flags | O_CLOEXEC, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS).
pub fn open_in_root(root: &OwnedFd, rel: &str, flags: i32) -> io::Result<OwnedFd> {
    let rel = if rel.is_empty() { "." } else { rel };
    let flags = OFlags::from_bits_retain((flags | libc::O_CLOEXEC) as _);
    let resolve = ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS;
    // A NUL inside `rel` is refused by rustix (EINVAL) before any syscall, as CString
    // refused it here before.
    Ok(rustix::fs::openat2(
        root,
        rel,
        flags,
        Mode::empty(),
        resolve,
    )?)
}
