//! The packets on the container's TUN: a virtio-net header, then IPv4 and TCP or UDP.
//! Parsing trusts nothing (every length is checked against the buffer: the container
//! is a stranger); building writes headers in front of a payload that is already in
//! place, and leaves the TCP/UDP checksum to the kernel (NEEDS_CSUM with the
//! pseudo-header sum), so large segments cost no software checksum.
//!
//! Written by hand rather than with a packet crate: the output side needs vnet headers,
//! segmentation offload and partial checksums, which their builders do not do, and the
//! input side is four fixed headers.

use std::net::{Ipv4Addr, SocketAddrV4};

/// `struct virtio_net_hdr` (the TUN's default vnet header size).
pub const VNET_LEN: usize = 10;
pub const IP_LEN: usize = 20;
pub const TCP_LEN: usize = 20;
pub const UDP_LEN: usize = 8;
/// Room in front of a TCP payload: vnet + IPv4 + TCP without options.
pub const TCP_HEADROOM: usize = VNET_LEN + IP_LEN + TCP_LEN;
pub const UDP_HEADROOM: usize = VNET_LEN + IP_LEN + UDP_LEN;
pub const ICMP_LEN: usize = 8;
pub const ICMP_HEADROOM: usize = VNET_LEN + IP_LEN + ICMP_LEN;
pub const ICMP_ECHO_REPLY: u8 = 0;
pub const ICMP_ECHO_REQUEST: u8 = 8;

const VNET_F_NEEDS_CSUM: u8 = 1;
const VNET_GSO_TCPV4: u8 = 1;

pub const PROTO_ICMP: u8 = 1;
pub const PROTO_TCP: u8 = 6;
pub const PROTO_UDP: u8 = 17;

pub const FIN: u8 = 0x01;
pub const SYN: u8 = 0x02;
pub const RST: u8 = 0x04;
pub const PSH: u8 = 0x08;
pub const ACK: u8 = 0x10;

/// An IPv4 packet from the container, its transport header parsed.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    pub l4: L4<'a>,
}

#[derive(Debug)]
pub enum L4<'a> {
    Tcp(Tcp<'a>),
    Udp {
        sport: u16,
        dport: u16,
        payload: &'a [u8],
    },
    /// An ICMP echo request (other ICMP messages are not forwarded).
    Echo {
        id: u16,
        seq: u16,
        payload: &'a [u8],
    },
}

#[derive(Debug)]
pub struct Tcp<'a> {
    pub sport: u16,
    pub dport: u16,
    pub seq: u32,
    pub ack: u32,
    pub flags: u8,
    pub window: u16,
    /// From a SYN's options.
    pub mss: Option<u16>,
    pub wscale: Option<u8>,
    pub payload: &'a [u8],
}

impl Tcp<'_> {
    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }
}

fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Parse what one TUN read returned (vnet header first). None: not ours to handle
/// (IPv6, fragments, other protocols, or malformed).
pub fn parse(frame: &[u8]) -> Option<Parsed<'_>> {
    let ip = frame.get(VNET_LEN..)?;
    if ip.len() < IP_LEN || ip[0] >> 4 != 4 {
        return None;
    }
    let ihl = usize::from(ip[0] & 0x0f) * 4;
    let total = usize::from(be16(ip, 2));
    if ihl < IP_LEN || total < ihl || total > ip.len() {
        return None;
    }
    // Fragments (MF set or an offset): not reassembled.
    if be16(ip, 6) & 0x3fff != 0 {
        return None;
    }
    let src = Ipv4Addr::new(ip[12], ip[13], ip[14], ip[15]);
    let dst = Ipv4Addr::new(ip[16], ip[17], ip[18], ip[19]);
    let l4 = &ip[ihl..total];
    let l4 = match ip[9] {
        PROTO_TCP => L4::Tcp(parse_tcp(l4)?),
        PROTO_UDP => {
            if l4.len() < UDP_LEN {
                return None;
            }
            let len = usize::from(be16(l4, 4));
            if len < UDP_LEN || len > l4.len() {
                return None;
            }
            L4::Udp {
                sport: be16(l4, 0),
                dport: be16(l4, 2),
                payload: &l4[UDP_LEN..len],
            }
        }
        PROTO_ICMP => {
            if l4.len() < ICMP_LEN || l4[0] != ICMP_ECHO_REQUEST || l4[1] != 0 {
                return None;
            }
            L4::Echo {
                id: be16(l4, 4),
                seq: be16(l4, 6),
                payload: &l4[ICMP_LEN..],
            }
        }
        _ => return None,
    };
    Some(Parsed { src, dst, l4 })
}

fn parse_tcp(t: &[u8]) -> Option<Tcp<'_>> {
    if t.len() < TCP_LEN {
        return None;
    }
    let off = usize::from(t[12] >> 4) * 4;
    if off < TCP_LEN || off > t.len() {
        return None;
    }
    let flags = t[13];
    let (mut mss, mut wscale) = (None, None);
    if flags & SYN != 0 {
        let mut o = &t[TCP_LEN..off];
        while let Some(&kind) = o.first() {
            match kind {
                0 => break,
                1 => o = &o[1..],
                _ => {
                    let len = usize::from(*o.get(1)?);
                    if len < 2 || len > o.len() {
                        return None;
                    }
                    match (kind, len) {
                        (2, 4) => mss = Some(be16(o, 2)),
                        (3, 3) => wscale = Some(o[2].min(14)),
                        _ => {}
                    }
                    o = &o[len..];
                }
            }
        }
    }
    Some(Tcp {
        sport: be16(t, 0),
        dport: be16(t, 2),
        seq: be32(t, 4),
        ack: be32(t, 8),
        flags,
        window: be16(t, 14),
        mss,
        wscale,
        payload: &t[off..],
    })
}

/// One's-complement sum of 16-bit words (not folded).
fn sum16(data: &[u8], mut acc: u32) -> u32 {
    let mut chunks = data.chunks_exact(2);
    for c in &mut chunks {
        acc = acc.wrapping_add(u32::from(u16::from_be_bytes([c[0], c[1]])));
    }
    if let [last] = chunks.remainder() {
        acc = acc.wrapping_add(u32::from(*last) << 8);
    }
    acc
}

fn fold(mut acc: u32) -> u16 {
    while acc >> 16 != 0 {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc as u16
}

fn write_ip(b: &mut [u8], src: Ipv4Addr, dst: Ipv4Addr, proto: u8, total: usize, id: u16) {
    b[0] = 0x45;
    b[1] = 0;
    b[2..4].copy_from_slice(&(total as u16).to_be_bytes());
    b[4..6].copy_from_slice(&id.to_be_bytes());
    // Don't fragment.
    b[6..8].copy_from_slice(&0x4000u16.to_be_bytes());
    b[8] = 64;
    b[9] = proto;
    b[10..12].copy_from_slice(&[0, 0]);
    b[12..16].copy_from_slice(&src.octets());
    b[16..20].copy_from_slice(&dst.octets());
    let c = !fold(sum16(&b[..IP_LEN], 0));
    b[10..12].copy_from_slice(&c.to_be_bytes());
}

/// The pseudo-header sum the kernel completes (CHECKSUM_PARTIAL convention).
fn pseudo(src: Ipv4Addr, dst: Ipv4Addr, proto: u8, len: usize) -> u16 {
    let mut acc = sum16(&src.octets(), 0);
    acc = sum16(&dst.octets(), acc);
    acc = acc.wrapping_add(u32::from(proto));
    acc = acc.wrapping_add(len as u32);
    fold(acc)
}

fn write_vnet(b: &mut [u8], l4_csum_offset: u16, gso_size: u16, hdr_len: u16) {
    b[0] = VNET_F_NEEDS_CSUM;
    b[1] = if gso_size > 0 { VNET_GSO_TCPV4 } else { 0 };
    b[2..4].copy_from_slice(&hdr_len.to_le_bytes());
    b[4..6].copy_from_slice(&gso_size.to_le_bytes());
    b[6..8].copy_from_slice(&(IP_LEN as u16).to_le_bytes());
    b[8..10].copy_from_slice(&l4_csum_offset.to_le_bytes());
}

/// A TCP segment towards the container.
pub struct TcpOut {
    pub src: SocketAddrV4,
    pub dst: SocketAddrV4,
    pub seq: u32,
    pub ack: u32,
    pub flags: u8,
    pub window: u16,
    /// SYN options: our MSS and window scale.
    pub syn_opts: Option<(u16, u8)>,
    /// Segment size for offload when the payload is larger (0: none).
    pub mss: u16,
    pub ip_id: u16,
}

/// Write the headers of a TCP segment into `frame[..headroom]` for a payload of
/// `payload_len` bytes already at `frame[headroom..]`; returns the frame's length.
/// `headroom` is TCP_HEADROOM, or TCP_HEADROOM + 8 for a SYN (MSS + window scale).
pub fn tcp_headers(frame: &mut [u8], o: &TcpOut, payload_len: usize) -> usize {
    let opt_len = if o.syn_opts.is_some() { 8 } else { 0 };
    let tcp_len = TCP_LEN + opt_len;
    let l4_total = tcp_len + payload_len;
    let total = IP_LEN + l4_total;
    let gso = if o.mss > 0 && payload_len > usize::from(o.mss) {
        o.mss
    } else {
        0
    };
    write_vnet(frame, 16, gso, (IP_LEN + tcp_len) as u16);
    let ip = &mut frame[VNET_LEN..];
    write_ip(ip, *o.src.ip(), *o.dst.ip(), PROTO_TCP, total, o.ip_id);
    let t = &mut ip[IP_LEN..];
    t[0..2].copy_from_slice(&o.src.port().to_be_bytes());
    t[2..4].copy_from_slice(&o.dst.port().to_be_bytes());
    t[4..8].copy_from_slice(&o.seq.to_be_bytes());
    t[8..12].copy_from_slice(&o.ack.to_be_bytes());
    t[12] = ((tcp_len / 4) as u8) << 4;
    t[13] = o.flags;
    t[14..16].copy_from_slice(&o.window.to_be_bytes());
    let ps = pseudo(*o.src.ip(), *o.dst.ip(), PROTO_TCP, l4_total);
    t[16..18].copy_from_slice(&ps.to_be_bytes());
    t[18..20].copy_from_slice(&[0, 0]);
    if let Some((mss, ws)) = o.syn_opts {
        t[20..24].copy_from_slice(&[2, 4, (mss >> 8) as u8, mss as u8]);
        // NOP, window scale.
        t[24..28].copy_from_slice(&[1, 3, 3, ws]);
    }
    VNET_LEN + total
}

/// Write the headers of a UDP datagram towards the container in front of a payload
/// already at `frame[UDP_HEADROOM..]`; returns the frame's length.
pub fn udp_headers(
    frame: &mut [u8],
    src: SocketAddrV4,
    dst: SocketAddrV4,
    payload_len: usize,
    ip_id: u16,
) -> usize {
    let l4_total = UDP_LEN + payload_len;
    let total = IP_LEN + l4_total;
    write_vnet(frame, 6, 0, (IP_LEN + UDP_LEN) as u16);
    let ip = &mut frame[VNET_LEN..];
    write_ip(ip, *src.ip(), *dst.ip(), PROTO_UDP, total, ip_id);
    let u = &mut ip[IP_LEN..];
    u[0..2].copy_from_slice(&src.port().to_be_bytes());
    u[2..4].copy_from_slice(&dst.port().to_be_bytes());
    u[4..6].copy_from_slice(&(l4_total as u16).to_be_bytes());
    let ps = pseudo(*src.ip(), *dst.ip(), PROTO_UDP, l4_total);
    u[6..8].copy_from_slice(&ps.to_be_bytes());
    VNET_LEN + total
}

/// Write the headers of an ICMP message towards the container in front of a payload
/// already at `frame[ICMP_HEADROOM..]` (its checksum computed here: no offload for
/// ICMP); returns the frame's length.
pub fn icmp_headers(
    frame: &mut [u8],
    src: Ipv4Addr,
    dst: Ipv4Addr,
    (typ, id, seq): (u8, u16, u16),
    payload_len: usize,
    ip_id: u16,
) -> usize {
    let total = IP_LEN + ICMP_LEN + payload_len;
    frame[..VNET_LEN].fill(0);
    let ip = &mut frame[VNET_LEN..];
    write_ip(ip, src, dst, PROTO_ICMP, total, ip_id);
    let m = &mut ip[IP_LEN..IP_LEN + ICMP_LEN + payload_len];
    m[0] = typ;
    m[1] = 0;
    m[2..4].copy_from_slice(&[0, 0]);
    m[4..6].copy_from_slice(&id.to_be_bytes());
    m[6..8].copy_from_slice(&seq.to_be_bytes());
    let c = !fold(sum16(m, 0));
    m[2..4].copy_from_slice(&c.to_be_bytes());
    VNET_LEN + total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(ip: [u8; 4], port: u16) -> SocketAddrV4 {
        SocketAddrV4::new(Ipv4Addr::from(ip), port)
    }

    #[test]
    fn built_syn_parses_back() {
        let mut f = vec![0u8; TCP_HEADROOM + 8];
        let o = TcpOut {
            src: a([10, 0, 2, 2], 40000),
            dst: a([10, 0, 2, 100], 80),
            seq: 7,
            ack: 0,
            flags: SYN,
            window: 65535,
            syn_opts: Some((1460, 7)),
            mss: 0,
            ip_id: 1,
        };
        let n = tcp_headers(&mut f, &o, 0);
        assert_eq!(n, f.len());
        let p = parse(&f).unwrap();
        assert_eq!(p.src, Ipv4Addr::new(10, 0, 2, 2));
        let L4::Tcp(t) = p.l4 else { panic!() };
        assert_eq!((t.sport, t.dport, t.seq), (40000, 80, 7));
        assert_eq!((t.mss, t.wscale), (Some(1460), Some(7)));
        assert!(t.has(SYN) && !t.has(ACK));
        // The IP header checksum verifies.
        assert_eq!(fold(sum16(&f[VNET_LEN..VNET_LEN + IP_LEN], 0)), 0xffff);
    }

    #[test]
    fn large_segment_asks_for_offload() {
        let mut f = vec![0u8; TCP_HEADROOM + 5000];
        let o = TcpOut {
            src: a([1, 2, 3, 4], 1),
            dst: a([10, 0, 2, 100], 2),
            seq: 1,
            ack: 2,
            flags: ACK | PSH,
            window: 100,
            syn_opts: None,
            mss: 1460,
            ip_id: 3,
        };
        tcp_headers(&mut f, &o, 5000);
        assert_eq!(f[1], VNET_GSO_TCPV4);
        assert_eq!(u16::from_le_bytes([f[4], f[5]]), 1460);
        let p = parse(&f).unwrap();
        let L4::Tcp(t) = p.l4 else { panic!() };
        assert_eq!(t.payload.len(), 5000);
    }

    #[test]
    fn udp_round_trip() {
        let mut f = vec![0u8; UDP_HEADROOM + 3];
        f[UDP_HEADROOM..].copy_from_slice(b"abc");
        udp_headers(&mut f, a([10, 0, 2, 3], 53), a([10, 0, 2, 100], 999), 3, 9);
        let p = parse(&f).unwrap();
        match p.l4 {
            L4::Udp {
                sport,
                dport,
                payload,
            } => assert_eq!((sport, dport, payload), (53, 999, &b"abc"[..])),
            _ => panic!(),
        }
    }

    #[test]
    fn echo_reply_checksums_and_parses_as_icmp() {
        let mut f = vec![0u8; ICMP_HEADROOM + 4];
        f[ICMP_HEADROOM..].copy_from_slice(b"ping");
        let n = icmp_headers(
            &mut f,
            Ipv4Addr::new(1, 2, 3, 4),
            Ipv4Addr::new(10, 0, 2, 100),
            (ICMP_ECHO_REPLY, 7, 9),
            4,
            1,
        );
        assert_eq!(n, f.len());
        // The ICMP checksum verifies; a reply is not parsed as a request.
        assert_eq!(fold(sum16(&f[VNET_LEN + IP_LEN..], 0)), 0xffff);
        assert!(parse(&f).is_none());
        f[VNET_LEN + IP_LEN] = ICMP_ECHO_REQUEST;
        match parse(&f).unwrap().l4 {
            L4::Echo { id, seq, payload } => assert_eq!((id, seq, payload), (7, 9, &b"ping"[..])),
            _ => panic!(),
        }
    }

    #[test]
    fn hostile_frames_do_not_panic() {
        // Every truncation and a few corruptions of valid frames.
        let mut f = vec![0u8; TCP_HEADROOM + 8];
        let o = TcpOut {
            src: a([1, 1, 1, 1], 1),
            dst: a([2, 2, 2, 2], 2),
            seq: 0,
            ack: 0,
            flags: SYN,
            window: 1,
            syn_opts: Some((1, 1)),
            mss: 0,
            ip_id: 0,
        };
        tcp_headers(&mut f, &o, 0);
        for n in 0..f.len() {
            let _ = parse(&f[..n]);
        }
        for i in 0..f.len() {
            for v in [0u8, 0xff, 0x0f, 0xf0, 0x45, 2, 3] {
                let mut g = f.clone();
                g[i] = v;
                let _ = parse(&g);
            }
        }
        assert!(parse(&[0u8; 3]).is_none());
    }
}
