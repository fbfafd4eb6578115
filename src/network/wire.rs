//! Writing packets to the container's TUN device: one reusable frame buffer whose
//! payload area host sockets read into directly, headers written in front of it, one
//! write(2) per packet (segments up to 64 KiB, segmented by the kernel).

use super::packet::{self, icmp_headroom, tcp_headroom, udp_headroom, TcpOut};
use std::fs::File;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};

/// The largest TCP payload in one frame (IPv4's total length and IPv6's payload
/// length are 16 bits).
pub const MAX_TCP_PAYLOAD: usize = 65535 - packet::IP_LEN - packet::TCP_LEN;
/// The largest UDP payload in one frame.
pub const MAX_UDP_PAYLOAD: usize = 65535 - packet::IP_LEN - packet::UDP_LEN;
/// Without SO_PEEK_OFF, data in flight is skipped by peeking into this much scratch.
pub const DISCARD_MAX: usize = 256 * 1024;

pub struct Wire {
    pub tun: Option<File>,
    pub frame: Vec<u8>,
    /// Scratch for peeking past data in flight (kernels without SO_PEEK_OFF on TCP).
    pub discard: Vec<u8>,
    ip_id: u16,
    /// Packets the TUN did not take (its queue full, or the container gone).
    pub dropped: u64,
    /// Bytes from the container that all TCP flows keep because their host sockets
    /// could not take them yet (bounded by SPILL_TOTAL_MAX through the windows offered).
    pub spilled: usize,
    /// A flow's window was held back by the shared budget: once it has room again,
    /// every flow gets a window update.
    pub squeezed: bool,
}

impl Wire {
    pub fn new() -> Wire {
        Wire {
            tun: None,
            frame: vec![0; tcp_headroom(true) + 8 + MAX_TCP_PAYLOAD],
            discard: Vec::new(),
            ip_id: 0,
            dropped: 0,
            spilled: 0,
            squeezed: false,
        }
    }

    /// Where a TCP payload goes before `send_tcp` (`v6`: the flow's family).
    pub fn tcp_payload(&mut self, v6: bool, max: usize) -> &mut [u8] {
        let max = max.min(MAX_TCP_PAYLOAD);
        let h = tcp_headroom(v6);
        &mut self.frame[h..h + max]
    }

    /// Where a UDP payload goes before `send_udp`.
    pub fn udp_payload(&mut self, v6: bool) -> &mut [u8] {
        let h = udp_headroom(v6);
        &mut self.frame[h..h + MAX_UDP_PAYLOAD]
    }

    /// Where an ICMP message (its 8-byte header, then the payload) is read before
    /// `send_echo_reply`.
    pub fn icmp_message(&mut self, v6: bool) -> &mut [u8] {
        let start = icmp_headroom(v6) - packet::ICMP_LEN;
        &mut self.frame[start..start + packet::ICMP_LEN + MAX_UDP_PAYLOAD]
    }

    /// An echo reply from `src` (payload already in place).
    pub fn send_echo_reply(&mut self, src: IpAddr, dst: IpAddr, id: u16, seq: u16, len: usize) {
        let ip_id = self.next_id();
        let n = packet::echo_reply_headers(&mut self.frame, src, dst, (id, seq), len, ip_id);
        self.write(n);
    }

    /// Send a TCP segment whose payload (`len` bytes) is already in place. A SYN's
    /// options take 8 bytes: for a SYN the payload must be empty.
    pub fn send_tcp(&mut self, mut o: TcpOut, len: usize) {
        o.ip_id = self.next_id();
        let n = if o.syn_opts.is_some() {
            let h = tcp_headroom(o.src.is_ipv6());
            packet::tcp_headers(&mut self.frame[..h + 8], &o, 0)
        } else {
            packet::tcp_headers(&mut self.frame, &o, len)
        };
        self.write(n);
    }

    pub fn send_udp(&mut self, src: SocketAddr, dst: SocketAddr, len: usize) {
        let id = self.next_id();
        let n = packet::udp_headers(&mut self.frame, src, dst, len, id);
        self.write(n);
    }

    fn next_id(&mut self) -> u16 {
        self.ip_id = self.ip_id.wrapping_add(1);
        self.ip_id
    }

    fn write(&mut self, n: usize) {
        let ok = match self.tun.as_mut() {
            Some(t) => t.write(&self.frame[..n]).is_ok_and(|w| w == n),
            None => false,
        };
        if !ok {
            self.dropped += 1;
        }
    }
}

impl Default for Wire {
    fn default() -> Self {
        Wire::new()
    }
}
