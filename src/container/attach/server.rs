//! The supervisor's side of attach: a listening socket and its clients, driven from the
//! supervisor's poll loop. Nothing here blocks that loop: clients are non-blocking and
//! what they cannot take yet waits in a buffer (a client that falls far behind is
//! dropped rather than stall the container's output).

use super::{encode, FrameBuf, EXIT, RESIZE, STDIN, STDIN_EOF};
use nix::poll::{PollFd, PollFlags};
use std::io::{ErrorKind, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;

/// A client's buffered output beyond this is a client that stopped reading.
const MAX_PENDING: usize = 8 << 20;

/// What clients asked of the container.
#[derive(Debug, PartialEq)]
pub enum Input {
    Stdin(Vec<u8>),
    StdinEof,
    Resize(u16, u16),
}

struct Client {
    sock: UnixStream,
    inbuf: FrameBuf,
    pending: Vec<u8>,
}

#[derive(Default)]
pub struct AttachServer {
    listener: Option<(UnixListener, PathBuf)>,
    clients: Vec<Client>,
}

impl AttachServer {
    /// Serve attach on `path`. A failure to bind is not fatal to the container.
    pub fn bind(path: PathBuf) -> AttachServer {
        let listener = super::bind(&path).ok().and_then(|l| {
            l.set_nonblocking(true).ok()?;
            Some((l, path))
        });
        AttachServer {
            listener,
            clients: Vec::new(),
        }
    }

    /// A client connected before the container started (`run -it`): it sees all output.
    pub fn add_client(&mut self, fd: OwnedFd) {
        let sock = UnixStream::from(fd);
        if sock.set_nonblocking(true).is_ok() {
            self.clients.push(Client {
                sock,
                inbuf: FrameBuf::default(),
                pending: Vec::new(),
            });
        }
    }

    /// Poll entries: the listener (if any), then one per client.
    pub fn poll_fds(&self) -> Vec<PollFd<'_>> {
        let mut v = Vec::with_capacity(self.clients.len() + 1);
        if let Some((l, _)) = &self.listener {
            v.push(PollFd::new(l.as_fd(), PollFlags::POLLIN));
        }
        for c in &self.clients {
            let mut f = PollFlags::POLLIN;
            if !c.pending.is_empty() {
                f |= PollFlags::POLLOUT;
            }
            v.push(PollFd::new(c.sock.as_fd(), f));
        }
        v
    }

    /// Handle what poll reported for the entries from `poll_fds` (same order).
    pub fn service(&mut self, revents: &[PollFlags]) -> Vec<Input> {
        let mut inputs = Vec::new();
        let mut k = 0;
        if let Some((l, _)) = &self.listener {
            let mut accepted = Vec::new();
            if revents
                .first()
                .is_some_and(|r| r.contains(PollFlags::POLLIN))
            {
                while let Ok((s, _)) = l.accept() {
                    accepted.push(s);
                }
            }
            k = 1;
            for s in accepted {
                self.add_client(s.into());
            }
        }
        let n = revents.len().saturating_sub(k).min(self.clients.len());
        let mut gone = vec![false; self.clients.len()];
        let mut buf = [0u8; 32 * 1024];
        for (i, c) in self.clients.iter_mut().enumerate().take(n) {
            let r = revents[k + i];
            if r.contains(PollFlags::POLLOUT) && !flush(c) {
                gone[i] = true;
                continue;
            }
            if !r.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR) {
                continue;
            }
            match c.sock.read(&mut buf) {
                Ok(0) => gone[i] = true,
                Ok(m) => {
                    c.inbuf.push(&buf[..m]);
                    loop {
                        match c.inbuf.next_frame() {
                            Ok(Some((kind, p))) => match kind {
                                STDIN => inputs.push(Input::Stdin(p)),
                                STDIN_EOF => inputs.push(Input::StdinEof),
                                RESIZE if p.len() == 4 => inputs.push(Input::Resize(
                                    u16::from_le_bytes([p[0], p[1]]),
                                    u16::from_le_bytes([p[2], p[3]]),
                                )),
                                _ => {}
                            },
                            Ok(None) => break,
                            Err(_) => {
                                gone[i] = true;
                                break;
                            }
                        }
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                Err(_) => gone[i] = true,
            }
        }
        let mut i = 0;
        self.clients.retain(|_| {
            i += 1;
            !gone[i - 1]
        });
        inputs
    }

    /// Send output to every client.
    pub fn broadcast(&mut self, kind: u8, data: &[u8]) {
        self.clients.retain_mut(|c| {
            encode(&mut c.pending, kind, data);
            flush(c) && c.pending.len() <= MAX_PENDING
        });
    }

    pub fn has_clients(&self) -> bool {
        !self.clients.is_empty()
    }

    /// The process has exited and is recorded: tell every client its code, give them
    /// what is still buffered (a little while at most), and hang up.
    pub fn finish(&mut self, code: i32) {
        for mut c in std::mem::take(&mut self.clients) {
            encode(&mut c.pending, EXIT, &code.to_le_bytes());
            let _ = c.sock.set_nonblocking(false);
            let _ = c
                .sock
                .set_write_timeout(Some(std::time::Duration::from_secs(2)));
            let _ = c.sock.write_all(&c.pending);
        }
    }
}

impl Drop for AttachServer {
    fn drop(&mut self) {
        if let Some((_, p)) = &self.listener {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Write what the client can take now; false when it is gone.
fn flush(c: &mut Client) -> bool {
    while !c.pending.is_empty() {
        match c.sock.write(&c.pending) {
            Ok(0) => return false,
            Ok(n) => {
                c.pending.drain(..n);
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    true
}
