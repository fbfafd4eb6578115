//! Terminals: the container's pty comes from its own devpts instance (ptmx there); the
//! master is passed to the supervisor over a unix socket (SCM_RIGHTS). The supervisor
//! puts the user's terminal in raw mode and restores it on every way out.

use anyhow::{Context, Result};
use nix::sys::socket::{sendmsg, ControlMessage, MsgFlags};
use rustix::fs::{Mode, OFlags};
use std::io::{self, IoSlice};
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd, RawFd};

/// In the container (after pivot_root): open a pty pair, send the master to the
/// supervisor, make the slave our controlling terminal and stdio.
pub fn setup_in_container(sock: RawFd, size: Option<(u16, u16)>) -> Result<()> {
    // The container's own devpts instance (not /dev/ptmx, which posix_openpt opens).
    let master = rustix::fs::open(
        "/dev/pts/ptmx",
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(io::Error::from)
    .context("opening /dev/pts/ptmx")?;
    // TIOCSPTLCK 0, then TIOCGPTN: "/dev/pts/<n>".
    rustix::pty::unlockpt(&master)
        .map_err(io::Error::from)
        .context("unlocking the pty")?;
    let path = rustix::pty::ptsname(&master, Vec::new())
        .map_err(io::Error::from)
        .context("pty number")?;
    // Not CLOEXEC: it becomes the command's stdio below.
    let slave = rustix::fs::open(
        path.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY,
        Mode::empty(),
    )
    .map_err(io::Error::from)
    .context("opening the pty slave")?;
    // Sized before the command runs, so its first look at the terminal is right.
    if let Some((rows, cols)) = size {
        let ws = rustix::termios::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let _ = rustix::termios::tcsetwinsize(&master, ws);
    }
    let fds = [master.as_raw_fd()];
    let cmsg = [ControlMessage::ScmRights(&fds)];
    sendmsg::<()>(sock, &[IoSlice::new(b"T")], &cmsg, MsgFlags::empty(), None)
        .context("sending the pty master")?;
    drop(master);
    rustix::process::ioctl_tiocsctty(&slave)
        .map_err(io::Error::from)
        .context("setting the controlling terminal")?;
    for i in 0..3 {
        let _ = nix::unistd::dup2(slave.as_raw_fd(), i);
    }
    if slave.as_raw_fd() <= 2 {
        // It is one of stdio itself now: keep it open.
        let _ = slave.into_raw_fd();
    }
    Ok(())
}

/// In the supervisor: receive the master (None if the child failed before sending it).
pub fn receive_master(sock: &OwnedFd) -> Result<Option<OwnedFd>> {
    crate::sys::fd::recv_fd(sock).context("receiving the pty master")
}

// The window-size helpers take a RawFd (their callers in container/ pass 0 and raw
// master fds), so rustix's tcgetwinsize/tcsetwinsize, which want a BorrowedFd, would
// need an unsafe borrow_raw each; the ioctls stay, their memory use checked below.

/// TIOCGWINSZ on `fd`.
fn get_winsize(fd: RawFd) -> Option<libc::winsize> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one struct winsize through the pointer, and `ws` is a
    // live, writable struct winsize of ours; on a closed or non-terminal fd the call
    // fails (EBADF/ENOTTY) and writes nothing. No fd is taken over or closed.
    (unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0).then_some(ws)
}

/// TIOCSWINSZ on `fd` (best effort, as every caller wants).
fn put_winsize(fd: RawFd, ws: &libc::winsize) {
    // SAFETY: TIOCSWINSZ only reads one struct winsize through the pointer, and `ws` is
    // a live struct winsize; on a closed or non-terminal fd the call fails and changes
    // nothing of ours.
    unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, ws) };
}

/// The window size of a terminal (rows, columns).
pub fn winsize(fd: RawFd) -> Option<(u16, u16)> {
    get_winsize(fd)
        .filter(|ws| ws.ws_row > 0)
        .map(|ws| (ws.ws_row, ws.ws_col))
}

/// Copy the window size of `from` (our terminal) to `to` (the pty master).
pub fn copy_winsize(from: RawFd, to: RawFd) {
    if let Some(ws) = get_winsize(from) {
        put_winsize(to, &ws);
    }
}

/// Set a terminal's window size (an attach client's resize).
pub fn set_winsize(fd: RawFd, rows: u16, cols: u16) {
    let ws = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    put_winsize(fd, &ws);
}

/// The user's terminal in raw mode until dropped.
pub struct RawMode {
    fd: RawFd,
    saved: nix::sys::termios::Termios,
}

impl RawMode {
    /// Raw mode on `fd` if it is a terminal.
    pub fn enter(fd: RawFd) -> Option<RawMode> {
        // SAFETY: `fd` is the user's terminal, stdin (0) at every caller, which the CLI
        // never closes; the borrow ends with this function.
        let bfd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        let saved = nix::sys::termios::tcgetattr(bfd).ok()?;
        let mut raw = saved.clone();
        nix::sys::termios::cfmakeraw(&mut raw);
        nix::sys::termios::tcsetattr(bfd, nix::sys::termios::SetArg::TCSANOW, &raw).ok()?;
        Some(RawMode { fd, saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        // SAFETY: as in enter: stdin stays open for the life of the process, so it
        // still is when this guard drops; the borrow ends with this function.
        let bfd = unsafe { std::os::fd::BorrowedFd::borrow_raw(self.fd) };
        let _ = nix::sys::termios::tcsetattr(bfd, nix::sys::termios::SetArg::TCSANOW, &self.saved);
    }
}
