//! The container's pings (ICMP echo), over the host's ICMP datagram ("ping") sockets
//! where the host lets the user have them (net.ipv4.ping_group_range); elsewhere they go
//! unanswered, as on a network that drops ICMP. The kernel picks the echo id of a ping
//! socket: replies get the container's id back.

use rustix::net::{AddressFamily, SendFlags, SocketFlags, SocketType};
use std::net::{IpAddr, SocketAddr};
use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

/// How long an echo flow lives without traffic.
pub const IDLE: Duration = Duration::from_secs(30);

pub struct EchoFlow {
    pub sock: OwnedFd,
    /// The container, the address it pings, its echo id.
    pub c: IpAddr,
    pub r: IpAddr,
    pub id: u16,
    pub last: Instant,
}

impl EchoFlow {
    /// A ping socket connected to `dest` (fails where the host does not allow them).
    pub fn open(c: IpAddr, r: IpAddr, dest: IpAddr, id: u16) -> std::io::Result<EchoFlow> {
        let (family, proto) = match dest {
            IpAddr::V4(_) => (AddressFamily::INET, rustix::net::ipproto::ICMP),
            IpAddr::V6(_) => (AddressFamily::INET6, rustix::net::ipproto::ICMPV6),
        };
        let sock = rustix::net::socket_with(
            family,
            SocketType::DGRAM,
            SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
            Some(proto),
        )?;
        rustix::net::connect(&sock, &SocketAddr::new(dest, 0))?;
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
        let request = if self.r.is_ipv6() {
            super::packet::ICMP6_ECHO_REQUEST
        } else {
            super::packet::ICMP_ECHO_REQUEST
        };
        m.extend_from_slice(&[request, 0, 0, 0, 0, 0]);
        m.extend_from_slice(&seq.to_be_bytes());
        m.extend_from_slice(payload);
        self.last = Instant::now();
        let _ = rustix::net::send(&self.sock, &m, SendFlags::DONTWAIT);
    }

    pub fn expired(&self, now: Instant) -> bool {
        now.duration_since(self.last) > IDLE
    }
}
