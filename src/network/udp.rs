//! UDP flows of the container: one connected host socket per (container port, remote)
//! for what the container sends, or, for a published port, the listening socket and
//! the client's address. Flows end after a quiet spell.

use std::net::SocketAddr;
use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

/// How long a flow lives without traffic (DNS queries: much shorter).
pub const IDLE: Duration = Duration::from_secs(180);
pub const IDLE_DNS: Duration = Duration::from_secs(10);

pub enum Peer {
    /// Our own socket, connected to where the container sends.
    Socket(OwnedFd),
    /// A published port's client: sent to through listener `listener`.
    Client { listener: usize, addr: SocketAddr },
}

pub struct UdpFlow {
    pub c: SocketAddr,
    pub r: SocketAddr,
    pub peer: Peer,
    pub last: Instant,
    pub idle: Duration,
}

impl UdpFlow {
    /// Open a socket connected to `dest` for datagrams the container sends to `r`.
    pub fn connect(
        c: SocketAddr,
        r: SocketAddr,
        dest: SocketAddr,
        idle: Duration,
    ) -> std::io::Result<UdpFlow> {
        use rustix::net::{AddressFamily, SocketFlags, SocketType};
        let family = match dest {
            SocketAddr::V4(_) => AddressFamily::INET,
            SocketAddr::V6(_) => AddressFamily::INET6,
        };
        let s = rustix::net::socket_with(
            family,
            SocketType::DGRAM,
            SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
            None,
        )?;
        rustix::net::connect(&s, &dest)?;
        Ok(UdpFlow {
            c,
            r,
            peer: Peer::Socket(s),
            last: Instant::now(),
            idle,
        })
    }

    pub fn expired(&self, now: Instant) -> bool {
        now.duration_since(self.last) > self.idle
    }
}
