//! Attaching to a running container: its supervisor (the foreground CLI or the detached
//! monitor) serves a unix socket in the container's runtime dir; `attach`, `run -it` and
//! `start -ai` are clients. One small framed protocol both ways:
//! `[kind: u8][len: u32 LE][payload]`.
//!
//! Supervisor → client: output (`STDOUT`, `STDERR`; a terminal's stream is `STDOUT`)
//! and, once the process has exited and been recorded, `EXIT` with its code (i32 LE).
//! Client → supervisor: `STDIN` bytes, `STDIN_EOF`, `RESIZE` (rows, cols: u16 LE).

pub mod client;
pub mod keys;
pub mod server;

use anyhow::{Context, Result};
use std::os::fd::AsRawFd;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

/// The user's terminal in raw mode while a session is attached (restored on every way out).
pub use crate::sandbox::tty::RawMode;

pub const STDIN: u8 = 0;
pub const STDOUT: u8 = 1;
pub const STDERR: u8 = 2;
pub const EXIT: u8 = 3;
pub const STDIN_EOF: u8 = 4;
pub const RESIZE: u8 = 5;

/// Largest payload a peer may announce (a frame is at most one read's worth).
const MAX_FRAME: usize = 1 << 20;

/// The attach socket of container `id`.
pub fn socket_path(paths: &crate::store::Paths, id: &str) -> PathBuf {
    paths.run_container(id).join("attach")
}

/// Append one frame to `out`.
pub fn encode(out: &mut Vec<u8>, kind: u8, payload: &[u8]) {
    out.push(kind);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
}

pub fn frame(kind: u8, payload: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(payload.len() + 5);
    encode(&mut v, kind, payload);
    v
}

pub fn resize_frame(rows: u16, cols: u16) -> Vec<u8> {
    let mut p = rows.to_le_bytes().to_vec();
    p.extend_from_slice(&cols.to_le_bytes());
    frame(RESIZE, &p)
}

/// Bytes received so far, cut into frames as they complete.
#[derive(Default)]
pub struct FrameBuf {
    buf: Vec<u8>,
}

impl FrameBuf {
    pub fn push(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }

    /// The next complete frame; Err when the peer speaks something else.
    pub fn next_frame(&mut self) -> Result<Option<(u8, Vec<u8>)>> {
        if self.buf.len() < 5 {
            return Ok(None);
        }
        let len = u32::from_le_bytes(self.buf[1..5].try_into().expect("4 bytes")) as usize;
        anyhow::ensure!(len <= MAX_FRAME, "attach: oversized frame ({len} bytes)");
        if self.buf.len() < 5 + len {
            return Ok(None);
        }
        let kind = self.buf[0];
        let payload = self.buf[5..5 + len].to_vec();
        self.buf.drain(..5 + len);
        Ok(Some((kind, payload)))
    }
}

/// unix socket paths are limited to 108 bytes: reach the directory through
/// /proc/self/fd so a long runroot still works.
fn via_dir<T>(path: &Path, f: impl FnOnce(&str) -> std::io::Result<T>) -> Result<T> {
    use std::os::unix::fs::OpenOptionsExt;
    let parent = path.parent().context("socket path has no directory")?;
    let name = path.file_name().context("socket path has no name")?;
    let dir = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
        .open(parent)
        .with_context(|| format!("opening {}", parent.display()))?;
    let short = format!(
        "/proc/self/fd/{}/{}",
        dir.as_raw_fd(),
        name.to_string_lossy()
    );
    f(&short).with_context(|| format!("attach socket {}", path.display()))
}

/// Bind the attach socket (replacing a stale one left by a killed supervisor).
pub fn bind(path: &Path) -> Result<UnixListener> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
    }
    let _ = std::fs::remove_file(path);
    via_dir(path, |p| UnixListener::bind(p))
}

pub fn connect(path: &Path) -> Result<UnixStream> {
    via_dir(path, |p| UnixStream::connect(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_split_and_join() {
        let mut wire = frame(STDOUT, b"hello");
        encode(&mut wire, EXIT, &7i32.to_le_bytes());
        let mut fb = FrameBuf::default();
        // Byte by byte: nothing until a frame is whole.
        let mut got = vec![];
        for b in &wire {
            fb.push(&[*b]);
            while let Some(f) = fb.next_frame().unwrap() {
                got.push(f);
            }
        }
        assert_eq!(
            got,
            vec![
                (STDOUT, b"hello".to_vec()),
                (EXIT, 7i32.to_le_bytes().to_vec())
            ]
        );
    }

    #[test]
    fn oversized_frame_is_refused() {
        let mut fb = FrameBuf::default();
        fb.push(&[STDIN, 0xff, 0xff, 0xff, 0xff]);
        assert!(fb.next_frame().is_err());
    }
}
