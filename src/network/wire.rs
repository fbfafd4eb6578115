//! Writing packets to the container's TUN device: one reusable frame buffer whose
//! payload area host sockets read into directly, headers written in front of it, one
//! write(2) per packet (segments up to 64 KiB, segmented by the kernel).

use super::packet::{self, TcpOut, ICMP_HEADROOM, TCP_HEADROOM, UDP_HEADROOM};
use std::fs::File;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddrV4};

/// The largest TCP payload in one frame (IPv4 total length is 16 bits).
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
            frame: vec![0; TCP_HEADROOM + 8 + MAX_TCP_PAYLOAD],
            discard: Vec::new(),
            ip_id: 0,
            dropped: 0,
            spilled: 0,
            squeezed: false,
        }
    }

    /// Where a TCP payload goes before `send_tcp`.
    pub fn tcp_payload(&mut self, max: usize) -> &mut [u8] {
        let max = max.min(MAX_TCP_PAYLOAD);
        &mut self.frame[TCP_HEADROOM..TCP_HEADROOM + max]
    }

    /// Where a UDP payload goes before `send_udp`.
    pub fn udp_payload(&mut self) -> &mut [u8] {
        &mut self.frame[UDP_HEADROOM..UDP_HEADROOM + MAX_UDP_PAYLOAD]
    }

    /// Where an ICMP message (its 8-byte header, then the payload) is read before
    /// `send_echo_reply`.
    pub fn icmp_message(&mut self) -> &mut [u8] {
        let start = ICMP_HEADROOM - packet::ICMP_LEN;
        &mut self.frame[start..start + packet::ICMP_LEN + MAX_UDP_PAYLOAD]
    }

    /// An echo reply from `src` (payload already in place).
    pub fn send_echo_reply(&mut self, src: Ipv4Addr, dst: Ipv4Addr, id: u16, seq: u16, len: usize) {
        let ip_id = self.next_id();
        let m = (packet::ICMP_ECHO_REPLY, id, seq);
        let n = packet::icmp_headers(&mut self.frame, src, dst, m, len, ip_id);
        self.write(n);
    }

    fn next_id(&mut self) -> u16 {
        self.ip_id = self.ip_id.wrapping_add(1);
        self.ip_id
    }

    /// Send a TCP segment whose payload (`len` bytes) is already in place. A SYN's
    /// options take 8 bytes: for a SYN the payload must be empty.
    pub fn send_tcp(&mut self, mut o: TcpOut, len: usize) {
        o.ip_id = self.next_id();
        let n = if o.syn_opts.is_some() {
            packet::tcp_headers(&mut self.frame[..TCP_HEADROOM + 8], &o, 0)
        } else {
            packet::tcp_headers(&mut self.frame, &o, len)
        };
        self.write(n);
    }

    pub fn send_udp(&mut self, src: SocketAddrV4, dst: SocketAddrV4, len: usize) {
        let id = self.next_id();
        let n = packet::udp_headers(&mut self.frame, src, dst, len, id);
        self.write(n);
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
