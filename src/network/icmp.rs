//! The container's pings (ICMP echo), over the host's ICMP datagram ("ping") sockets
//! where the host lets the user have them (net.ipv4.ping_group_range); elsewhere they go
//! unanswered, as on a network that drops ICMP. The kernel picks the echo id of a ping
//! socket: replies get the container's id back.

use rustix::net::{AddressFamily, SendFlags, SocketFlags, SocketType};
use std::net::{Ipv4Addr, SocketAddr};
use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

/// How long an echo flow lives without traffic.
pub const IDLE: Duration = Duration::from_secs(30);

pub struct EchoFlow {
    pub sock: OwnedFd,
    /// The container, the address it pings, its echo id.
    pub c: Ipv4Addr,
    pub r: Ipv4Addr,
    pub id: u16,
    pub last: Instant,
}

impl EchoFlow {
    /// A ping socket connected to `dest` (fails where the host does not allow them).
    pub fn open(c: Ipv4Addr, r: Ipv4Addr, dest: Ipv4Addr, id: u16) -> std::io::Result<EchoFlow> {
        let sock = rustix::net::socket_with(
            AddressFamily::INET,
            SocketType::DGRAM,
            SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
            Some(rustix::net::ipproto::ICMP),
        )?;
        rustix::net::connect(&sock, &SocketAddr::new(dest.into(), 0))?;
        Ok(EchoFlow {
            sock,
            c,
            r,
            id,
            last: Instant::now(),
        })
    }

    /// Send one echo request (the kernel fills in the id and the checksum).
    pub fn send(&mut self, seq: u16, payload: &[u8]) {
        let mut m = Vec::with_capacity(8 + payload.len());
        m.extend_from_slice(&[8, 0, 0, 0, 0, 0]);
        m.extend_from_slice(&seq.to_be_bytes());
        m.extend_from_slice(payload);
        self.last = Instant::now();
        let _ = rustix::net::send(&self.sock, &m, SendFlags::DONTWAIT);
    }

    pub fn expired(&self, now: Instant) -> bool {
        now.duration_since(self.last) > IDLE
    }
}
