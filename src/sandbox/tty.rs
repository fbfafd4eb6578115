//! Terminals: the container's pty comes from its own devpts instance (ptmx there); the
//! master is passed to the supervisor over a unix socket (SCM_RIGHTS). The supervisor
//! puts the user's terminal in raw mode and restores it on every way out.

use anyhow::{bail, Context, Result};
use nix::sys::socket::{recvmsg, sendmsg, ControlMessage, ControlMessageOwned, MsgFlags};
use std::ffi::CString;
use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// In the container (after pivot_root): open a pty pair, send the master to the
/// supervisor, make the slave our controlling terminal and stdio.
pub fn setup_in_container(sock: RawFd, size: Option<(u16, u16)>) -> Result<()> {
    // SAFETY: plain open/ioctl calls on fds we own.
    unsafe {
        let ptmx = CString::new("/dev/pts/ptmx")?;
        let master = libc::open(
            ptmx.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        if master < 0 {
            return Err(std::io::Error::last_os_error()).context("opening /dev/pts/ptmx");
        }
        let master = OwnedFd::from_raw_fd(master);
        let unlock: libc::c_int = 0;
        if libc::ioctl(master.as_raw_fd(), libc::TIOCSPTLCK, &unlock) != 0 {
            return Err(std::io::Error::last_os_error()).context("unlocking the pty");
        }
        let mut n: libc::c_uint = 0;
        if libc::ioctl(master.as_raw_fd(), libc::TIOCGPTN, &mut n) != 0 {
            return Err(std::io::Error::last_os_error()).context("pty number");
        }
        let path = CString::new(format!("/dev/pts/{n}"))?;
        let slave = libc::open(path.as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
        if slave < 0 {
            return Err(std::io::Error::last_os_error()).context("opening the pty slave");
        }
        // Sized before the command runs, so its first look at the terminal is right.
        if let Some((rows, cols)) = size {
            let ws = libc::winsize {
                ws_row: rows,
                ws_col: cols,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &ws);
        }
        let fds = [master.as_raw_fd()];
        let cmsg = [ControlMessage::ScmRights(&fds)];
        sendmsg::<()>(sock, &[IoSlice::new(b"T")], &cmsg, MsgFlags::empty(), None)
            .context("sending the pty master")?;
        drop(master);
        if libc::ioctl(slave, libc::TIOCSCTTY, 0) != 0 {
            return Err(std::io::Error::last_os_error())
                .context("setting the controlling terminal");
        }
        for i in 0..3 {
            libc::dup2(slave, i);
        }
        if slave > 2 {
            libc::close(slave);
        }
    }
    Ok(())
}

/// In the supervisor: receive the master (None if the child failed before sending it).
pub fn receive_master(sock: &OwnedFd) -> Result<Option<OwnedFd>> {
    let mut buf = [0u8; 1];
    let mut iov = [IoSliceMut::new(&mut buf)];
    let mut space = nix::cmsg_space!([RawFd; 1]);
    let msg = recvmsg::<()>(
        sock.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::MSG_CMSG_CLOEXEC,
    )
    .context("receiving the pty master")?;
    for c in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(fds) = c {
            if let Some(fd) = fds.first() {
                // SAFETY: the fd was just received and is ours.
                return Ok(Some(unsafe { OwnedFd::from_raw_fd(*fd) }));
            }
        }
    }
    if msg.bytes == 0 {
        return Ok(None);
    }
    bail!("no pty master in the message")
}

/// The window size of a terminal (rows, columns).
pub fn winsize(fd: RawFd) -> Option<(u16, u16)> {
    // SAFETY: ioctl with a properly sized winsize struct.
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        (libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) == 0 && ws.ws_row > 0)
            .then_some((ws.ws_row, ws.ws_col))
    }
}

/// Copy the window size of `from` (our terminal) to `to` (the pty master).
pub fn copy_winsize(from: RawFd, to: RawFd) {
    // SAFETY: ioctls with a properly sized winsize struct.
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        if libc::ioctl(from, libc::TIOCGWINSZ, &mut ws) == 0 {
            libc::ioctl(to, libc::TIOCSWINSZ, &ws);
        }
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
    // SAFETY: ioctl with a properly sized winsize struct.
    unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &ws) };
}

/// The user's terminal in raw mode until dropped.
pub struct RawMode {
    fd: RawFd,
    saved: nix::sys::termios::Termios,
}

impl RawMode {
    /// Raw mode on `fd` if it is a terminal.
    pub fn enter(fd: RawFd) -> Option<RawMode> {
        // SAFETY: the fd stays open for the life of the process (stdin).
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
        // SAFETY: as in enter.
        let bfd = unsafe { std::os::fd::BorrowedFd::borrow_raw(self.fd) };
        let _ = nix::sys::termios::tcsetattr(bfd, nix::sys::termios::SetArg::TCSANOW, &self.saved);
    }
}
