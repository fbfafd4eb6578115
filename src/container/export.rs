//! `export`: the container's filesystem as one tar, as the container sees it (layers
//! merged, whiteouts applied, no overlay internals), without what is mounted on it.
//! Owners are the container's ids (the child runs in its user namespace).

use super::archive::TarWriter;
use super::rootfs::{self, View};
use super::Listed;
use crate::store::Paths;
use anyhow::{Context, Result};
use std::fs::File;
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// Write the archive to `out`.
pub fn export(paths: &Paths, l: &Listed, out: &mut dyn Write) -> Result<()> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")?;
    let (mut r, w) = (File::from(r), File::from(w));
    let ours = r.as_raw_fd();
    let child = rootfs::spawn(paths, l, View::Export, move |root| {
        // SAFETY: the fork's copy of the caller's read end, owned by nothing else here;
        // closed so that a reader that goes away is EPIPE, not a hang.
        drop(unsafe { OwnedFd::from_raw_fd(ours) });
        let mut t = TarWriter::new(std::io::BufWriter::with_capacity(1 << 20, w));
        t.append_contents(&root, "")?;
        t.finish()?.flush()?;
        Ok(())
    })?;
    let res = std::io::copy(&mut r, out).context("writing the archive");
    drop(r);
    child.wait()?;
    res.map(|_| ())
}
