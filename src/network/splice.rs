//! A published port's client on the host's loopback, spliced (splice(2), through two
//! pipes) into a socket made inside the container's network namespace and connected
//! to the container's own loopback: no packets, no copies through user space. The
//! container sees the connection come from 127.0.0.1 (as with rootlesskit's builtin
//! port driver); clients from elsewhere go through the translator and keep their
//! address.

use super::tcp::{abort, Verdict};
use nix::fcntl::{splice, SpliceFFlags};
use nix::sys::epoll::EpollFlags;
use std::net::{Ipv4Addr, SocketAddr};
use std::os::fd::OwnedFd;

const PIPE_SIZE: usize = 1 << 20;

struct Pipe {
    r: OwnedFd,
    w: OwnedFd,
    /// Bytes in the pipe.
    pending: usize,
    /// The source said EOF.
    eof: bool,
    /// The destination was shut down for writing after EOF.
    shut: bool,
    cap: usize,
    /// The pipe took no more although `pending < cap` (its capacity is in pages, not
    /// bytes): the source waits until some bytes leave.
    full: bool,
}

impl Pipe {
    fn new() -> std::io::Result<Pipe> {
        let (r, w) =
            nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)?;
        // A bigger pipe moves more per wakeup; the default 64 KiB if refused.
        let raw = std::os::fd::AsRawFd::as_raw_fd(&w);
        let _ = nix::fcntl::fcntl(raw, nix::fcntl::FcntlArg::F_SETPIPE_SZ(PIPE_SIZE as i32));
        // What it really is (a user over its pipe quota gets small pipes).
        let cap = nix::fcntl::fcntl(raw, nix::fcntl::FcntlArg::F_GETPIPE_SZ)
            .map(|n| n as usize)
            .unwrap_or(4096);
        Ok(Pipe {
            r,
            w,
            pending: 0,
            eof: false,
            shut: false,
            cap,
            full: false,
        })
    }
}

pub struct SpliceFlow {
    /// The client on the host, and our socket in the container's namespace.
    pub client: OwnedFd,
    pub inner: OwnedFd,
    connected: bool,
    /// [client → container, container → client]
    pipes: [Pipe; 2],
}

fn flags() -> SpliceFFlags {
    SpliceFFlags::SPLICE_F_MOVE | SpliceFFlags::SPLICE_F_NONBLOCK
}

fn again(e: nix::errno::Errno) -> bool {
    e == nix::errno::Errno::EAGAIN
}

impl SpliceFlow {
    /// Start connecting `inner` (made in the container's namespace) to its loopback.
    /// On failure the client comes back (to be reset).
    pub fn connect(client: OwnedFd, inner: OwnedFd, port: u16) -> Result<SpliceFlow, OwnedFd> {
        let dest = SocketAddr::new(Ipv4Addr::LOCALHOST.into(), port);
        match rustix::net::connect(&inner, &dest) {
            Ok(()) => {}
            Err(e) if e == rustix::io::Errno::INPROGRESS => {}
            Err(_) => return Err(client),
        }
        let (a, b) = match (Pipe::new(), Pipe::new()) {
            (Ok(a), Ok(b)) => (a, b),
            _ => return Err(client),
        };
        Ok(SpliceFlow {
            client,
            inner,
            connected: false,
            pipes: [a, b],
        })
    }

    /// Bytes still in a pipe, or a direction not ended: cut short if the container
    /// goes now.
    pub fn draining(&self) -> bool {
        self.pipes.iter().any(|p| p.pending > 0 || !p.eof)
    }

    /// What each socket waits for: (client, inner).
    pub fn interest(&self) -> (EpollFlags, EpollFlags) {
        if !self.connected {
            return (EpollFlags::empty(), EpollFlags::EPOLLOUT);
        }
        let reads = |p: &Pipe| {
            if !p.eof && !p.full && p.pending < p.cap {
                EpollFlags::EPOLLIN | EpollFlags::EPOLLRDHUP
            } else {
                EpollFlags::empty()
            }
        };
        let writes = |p: &Pipe| {
            if p.pending > 0 {
                EpollFlags::EPOLLOUT
            } else {
                EpollFlags::empty()
            }
        };
        (
            reads(&self.pipes[0]) | writes(&self.pipes[1]),
            reads(&self.pipes[1]) | writes(&self.pipes[0]),
        )
    }

    /// Either socket is ready: move what can move, both ways.
    pub fn on_event(&mut self) -> Verdict {
        if !self.connected {
            match rustix::net::sockopt::socket_error(&self.inner) {
                Ok(Ok(())) => self.connected = true,
                // Nothing listens in the container: the client sees a reset.
                _ => {
                    abort(&self.client);
                    return Verdict::Close;
                }
            }
        }
        let mut failed = false;
        for d in 0..2 {
            let (src, dst) = if d == 0 {
                (&self.client, &self.inner)
            } else {
                (&self.inner, &self.client)
            };
            let p = &mut self.pipes[d];
            'moving: loop {
                let mut moved = false;
                if !p.eof && !p.full && p.pending < p.cap {
                    match splice(src, None, &p.w, None, p.cap - p.pending, flags()) {
                        Ok(0) => p.eof = true,
                        Ok(n) => {
                            p.pending += n;
                            moved = true;
                        }
                        // Nothing to read, or the pipe is full before `cap` bytes.
                        Err(e) if again(e) => p.full = p.pending > 0,
                        Err(_) => {
                            failed = true;
                            break 'moving;
                        }
                    }
                }
                if p.pending > 0 {
                    match splice(&p.r, None, dst, None, p.pending, flags()) {
                        Ok(n) => {
                            p.pending -= n;
                            moved |= n > 0;
                            if n > 0 {
                                p.full = false;
                            }
                        }
                        Err(e) if again(e) => {}
                        Err(_) => {
                            failed = true;
                            break 'moving;
                        }
                    }
                }
                if !moved {
                    break;
                }
            }
            if failed {
                break;
            }
            if p.eof && p.pending == 0 && !p.shut {
                let _ = rustix::net::shutdown(dst, rustix::net::Shutdown::Write);
                p.shut = true;
            }
        }
        if failed {
            return self.fail();
        }
        if self.pipes.iter().all(|p| p.shut) {
            return Verdict::Close;
        }
        Verdict::Keep
    }

    fn fail(&mut self) -> Verdict {
        abort(&self.client);
        abort(&self.inner);
        Verdict::Close
    }
}
