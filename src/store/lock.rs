//! Advisory per-object locks (flock): writers serialize, readers of the atomic JSON
//! records never need one.

use anyhow::{Context, Result};
use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::path::Path;

/// An exclusive flock held until dropped.
pub struct Lock {
    _file: File,
}

impl Lock {
    pub fn exclusive(path: &Path) -> Result<Lock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .with_context(|| format!("opening lock {}", path.display()))?;
        loop {
            // SAFETY: flock on an fd we own.
            let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
            if r == 0 {
                break;
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e).with_context(|| format!("locking {}", path.display()));
            }
        }
        Ok(Lock { _file: file })
    }

    /// The lock if nobody holds it now (the file must exist); None if it is held.
    pub fn try_exclusive(path: &Path) -> Result<Option<Lock>> {
        let file = File::open(path).with_context(|| format!("opening lock {}", path.display()))?;
        // SAFETY: flock on an fd we own.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if r == 0 {
            return Ok(Some(Lock { _file: file }));
        }
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
            return Ok(None);
        }
        Err(e).with_context(|| format!("locking {}", path.display()))
    }
}
