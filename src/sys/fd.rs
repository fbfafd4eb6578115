//! The two syscalls berth needs that neither nix 0.29 nor rustix 1.1 wraps:
//! close_range(2) and mount_setattr(2), each written out once here; and passing an fd
//! over a unix socket.

use std::ffi::CString;
use std::io;

/// Mark every fd from `from` up close-on-exec (close_range with CLOSE_RANGE_CLOEXEC):
/// nothing berth does not pass on explicitly reaches what it execs. Safe: no fd is
/// closed, so no owner's fd can be reused under it.
pub fn close_range_cloexec(from: u32) -> io::Result<()> {
    // SAFETY: close_range takes three integers and touches no memory of ours; with
    // CLOSE_RANGE_CLOEXEC it only sets a flag on the open fds, which stay valid for
    // their owners.
    let r = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            from,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Close every fd from `from` up (close_range, flags 0).
///
/// # Safety
/// Every fd numbered `from` or above must be one nothing in this process uses again:
/// an `OwnedFd`, `File` or other owner still alive would go on using a closed fd
/// number (or one reused for something else). Callers use it right before a process
/// only waits and `_exit`s.
pub unsafe fn close_range(from: u32) -> io::Result<()> {
    // SAFETY: close_range takes three integers and touches no memory of ours; that no
    // owner of a closed fd uses it again is the caller's contract above.
    let r = unsafe { libc::syscall(libc::SYS_close_range, from, u32::MAX, 0u32) };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// struct mount_attr (linux/mount.h), version 0.
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}
const MOUNT_ATTR_RDONLY: u64 = 0x1;
const AT_RECURSIVE: u32 = 0x8000;

/// Make the mount at `path` (and with `recursive` its submounts) read-only with
/// mount_setattr(AT_FDCWD, path, flags, {attr_set: MOUNT_ATTR_RDONLY}). Unlike a
/// remount it keeps the locked flags a remount in a user namespace would have to repeat.
/// `path` is followed (no AT_SYMLINK_NOFOLLOW), as callers pass /proc/self/fd paths.
pub fn mount_setattr_readonly(path: &str, recursive: bool) -> io::Result<()> {
    let c = CString::new(path).map_err(io::Error::other)?;
    let attr = MountAttr {
        attr_set: MOUNT_ATTR_RDONLY,
        attr_clr: 0,
        propagation: 0,
        userns_fd: 0,
    };
    let flags = if recursive { AT_RECURSIVE } else { 0 };
    // SAFETY: `c` is a NUL-terminated string and `attr` a fully initialized
    // struct mount_attr, both alive across the call; the size passed is the struct's
    // own, so the kernel reads nothing beyond it and writes nothing.
    let r = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            libc::AT_FDCWD,
            c.as_ptr(),
            flags,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Send one fd over a unix socket (SCM_RIGHTS), with a one-byte message.
pub fn send_fd(sock: &impl std::os::fd::AsFd, fd: &impl std::os::fd::AsFd) -> io::Result<()> {
    use rustix::net::{SendAncillaryBuffer, SendAncillaryMessage, SendFlags};
    let fds = [fd.as_fd()];
    let mut space = [std::mem::MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
    let mut control = SendAncillaryBuffer::new(&mut space);
    control.push(SendAncillaryMessage::ScmRights(&fds));
    rustix::net::sendmsg(
        sock,
        &[io::IoSlice::new(b"F")],
        &mut control,
        SendFlags::empty(),
    )?;
    Ok(())
}

/// Receive one fd sent by `send_fd` (close-on-exec); None when the peer closed the
/// socket without sending one.
pub fn recv_fd(sock: &impl std::os::fd::AsFd) -> io::Result<Option<std::os::fd::OwnedFd>> {
    use rustix::net::{RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags};
    let mut buf = [0u8; 1];
    let mut iov = [io::IoSliceMut::new(&mut buf)];
    let mut space = [std::mem::MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
    let mut control = RecvAncillaryBuffer::new(&mut space);
    let msg = rustix::net::recvmsg(sock, &mut iov, &mut control, RecvFlags::CMSG_CLOEXEC)?;
    for c in control.drain() {
        if let RecvAncillaryMessage::ScmRights(mut fds) = c {
            if let Some(fd) = fds.next() {
                return Ok(Some(fd));
            }
        }
    }
    if msg.bytes == 0 {
        return Ok(None);
    }
    Err(io::Error::other("a message without an fd"))
}

/// Close `fd` in a grandchild nobody waits for. The last close of a TUN device waits
/// for an RCU grace period (~25 ms): a supervisor about to report an exit should not.
/// The grandchild keeps only `fd` (and a pipe), waits until our own copy is closed so
/// that its close is the last, closes it and `_exit`s. Falls back to closing here.
pub fn close_detached(fd: std::os::fd::OwnedFd) {
    use std::os::fd::AsRawFd;
    let Ok((r, w)) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC) else {
        return;
    };
    // SAFETY: callers are single-threaded (the supervisor), so the children hold no
    // lock another thread had taken; they only fork, close fds, read and `_exit`.
    let child = match unsafe { nix::unistd::fork() } {
        Ok(nix::unistd::ForkResult::Child) => {
            drop(w);
            // SAFETY: as above; the grandchild is re-parented once the child exits.
            if let Ok(nix::unistd::ForkResult::Child) = unsafe { nix::unistd::fork() } {
                let keep = [fd.as_raw_fd(), r.as_raw_fd()];
                for n in 0..1024 {
                    if !keep.contains(&n) {
                        let _ = nix::unistd::close(n);
                    }
                }
                // SAFETY: every other fd is closed above and nothing but the two kept
                // ones is used again before `_exit`.
                let _ = unsafe { close_range(1024) };
                let mut b = [0u8; 1];
                let _ = nix::unistd::read(r.as_raw_fd(), &mut b);
                drop(fd);
                super::process::exit_now(0);
            }
            super::process::exit_now(0)
        }
        Ok(nix::unistd::ForkResult::Parent { child }) => child,
        Err(_) => return,
    };
    drop(r);
    drop(fd);
    let _ = nix::sys::wait::waitpid(child, None);
    drop(w);
}
