//! The packets on the container's TUN: a virtio-net header, then IPv4 or IPv6 and TCP,
//! UDP or an ICMP echo.
//! Parsing trusts nothing (every length is checked against the buffer: the container
//! is a stranger); building writes headers in front of a payload that is already in
//! place, and leaves the TCP/UDP checksum to the kernel (NEEDS_CSUM with the
//! pseudo-header sum), so large segments cost no software checksum.
//!
//! Written by hand rather than with a packet crate: the output side needs vnet headers,
//! segmentation offload and partial checksums, which their builders do not do, and the
//! input side is four fixed headers.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// `struct virtio_net_hdr` (the TUN's default vnet header size).
pub const VNET_LEN: usize = 10;
pub const IP_LEN: usize = 20;
pub const IP6_LEN: usize = 40;
pub const TCP_LEN: usize = 20;
pub const UDP_LEN: usize = 8;
pub const ICMP_LEN: usize = 8;
pub const ICMP_ECHO_REPLY: u8 = 0;
pub const ICMP_ECHO_REQUEST: u8 = 8;
pub const ICMP6_ECHO_REQUEST: u8 = 128;
pub const ICMP6_ECHO_REPLY: u8 = 129;

/// The IP header's length for a family.
pub fn ip_len(v6: bool) -> usize {
    if v6 {
        IP6_LEN
    } else {
        IP_LEN
    }
}

/// Room in front of a TCP payload: vnet + IP + TCP without options.
pub fn tcp_headroom(v6: bool) -> usize {
    VNET_LEN + ip_len(v6) + TCP_LEN
}

pub fn udp_headroom(v6: bool) -> usize {
    VNET_LEN + ip_len(v6) + UDP_LEN
}

pub fn icmp_headroom(v6: bool) -> usize {
    VNET_LEN + ip_len(v6) + ICMP_LEN
}

const VNET_F_NEEDS_CSUM: u8 = 1;
const VNET_GSO_TCPV4: u8 = 1;
const VNET_GSO_TCPV6: u8 = 4;

pub const PROTO_ICMP: u8 = 1;
pub const PROTO_ICMPV6: u8 = 58;
pub const PROTO_TCP: u8 = 6;
pub const PROTO_UDP: u8 = 17;

pub const FIN: u8 = 0x01;
pub const SYN: u8 = 0x02;
pub const RST: u8 = 0x04;
pub const PSH: u8 = 0x08;
pub const ACK: u8 = 0x10;

/// An IP packet from the container, its transport header parsed.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub src: IpAddr,
    pub dst: IpAddr,
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
/// (fragments, IPv6 extension headers, other protocols, or malformed).
pub fn parse(frame: &[u8]) -> Option<Parsed<'_>> {
    let ip = frame.get(VNET_LEN..)?;
    match ip.first()? >> 4 {
        4 => parse4(ip),
        6 => parse6(ip),
        _ => None,
    }
}

fn parse6(ip: &[u8]) -> Option<Parsed<'_>> {
    if ip.len() < IP6_LEN {
        return None;
    }
    let len = usize::from(be16(ip, 4));
    if IP6_LEN + len > ip.len() {
        return None;
    }
    let addr = |at: usize| {
        let mut a = [0u8; 16];
        a.copy_from_slice(&ip[at..at + 16]);
        IpAddr::V6(Ipv6Addr::from(a))
    };
    let l4 = &ip[IP6_LEN..IP6_LEN + len];
    let l4 = match ip[6] {
        PROTO_TCP => L4::Tcp(parse_tcp(l4)?),
        PROTO_UDP => parse_udp(l4)?,
        PROTO_ICMPV6 => parse_echo(l4, ICMP6_ECHO_REQUEST)?,
        // Extension headers (fragments among them) and the rest: not forwarded.
        _ => return None,
    };
    Some(Parsed {
        src: addr(8),
        dst: addr(24),
        l4,
    })
}

fn parse_udp(l4: &[u8]) -> Option<L4<'_>> {
    if l4.len() < UDP_LEN {
        return None;
    }
    let len = usize::from(be16(l4, 4));
    if len < UDP_LEN || len > l4.len() {
        return None;
    }
    Some(L4::Udp {
        sport: be16(l4, 0),
        dport: be16(l4, 2),
        payload: &l4[UDP_LEN..len],
    })
}

fn parse_echo(l4: &[u8], request: u8) -> Option<L4<'_>> {
    if l4.len() < ICMP_LEN || l4[0] != request || l4[1] != 0 {
        return None;
    }
    Some(L4::Echo {
        id: be16(l4, 4),
        seq: be16(l4, 6),
        payload: &l4[ICMP_LEN..],
    })
}

fn parse4(ip: &[u8]) -> Option<Parsed<'_>> {
    if ip.len() < IP_LEN {
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
    let src = IpAddr::V4(Ipv4Addr::new(ip[12], ip[13], ip[14], ip[15]));
    let dst = IpAddr::V4(Ipv4Addr::new(ip[16], ip[17], ip[18], ip[19]));
    let l4 = &ip[ihl..total];
    let l4 = match ip[9] {
        PROTO_TCP => L4::Tcp(parse_tcp(l4)?),
        PROTO_UDP => parse_udp(l4)?,
        PROTO_ICMP => parse_echo(l4, ICMP_ECHO_REQUEST)?,
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

fn write_ip6(b: &mut [u8], src: Ipv6Addr, dst: Ipv6Addr, next: u8, payload: usize) {
    b[0..4].copy_from_slice(&[0x60, 0, 0, 0]);
    b[4..6].copy_from_slice(&(payload as u16).to_be_bytes());
    b[6] = next;
    b[7] = 64;
    b[8..24].copy_from_slice(&src.octets());
    b[24..40].copy_from_slice(&dst.octets());
}

/// Write the IP header for `l4_len` bytes of `proto` between `src` and `dst` (one
/// family); returns the header's length.
fn write_l3(b: &mut [u8], src: IpAddr, dst: IpAddr, proto: u8, l4_len: usize, id: u16) -> usize {
    match (src, dst) {
        (IpAddr::V6(s), IpAddr::V6(d)) => {
            write_ip6(b, s, d, proto, l4_len);
            IP6_LEN
        }
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            write_ip(b, s, d, proto, IP_LEN + l4_len, id);
            IP_LEN
        }
        // Callers keep one family per flow.
        _ => unreachable!("mixed address families"),
    }
}

/// The pseudo-header sum the kernel completes (CHECKSUM_PARTIAL convention).
fn pseudo(src: IpAddr, dst: IpAddr, proto: u8, len: usize) -> u16 {
    let oct = |a: IpAddr| match a {
        IpAddr::V4(v) => v.octets().to_vec(),
        IpAddr::V6(v) => v.octets().to_vec(),
    };
    let mut acc = sum16(&oct(src), 0);
    acc = sum16(&oct(dst), acc);
    acc = acc.wrapping_add(u32::from(proto));
    acc = acc.wrapping_add(len as u32);
    fold(acc)
}

fn write_vnet(b: &mut [u8], v6: bool, l4_csum_offset: u16, gso_size: u16, hdr_len: u16) {
    b[0] = VNET_F_NEEDS_CSUM;
    b[1] = match (gso_size > 0, v6) {
        (false, _) => 0,
        (true, false) => VNET_GSO_TCPV4,
        (true, true) => VNET_GSO_TCPV6,
    };
    b[2..4].copy_from_slice(&hdr_len.to_le_bytes());
    b[4..6].copy_from_slice(&gso_size.to_le_bytes());
    b[6..8].copy_from_slice(&(ip_len(v6) as u16).to_le_bytes());
    b[8..10].copy_from_slice(&l4_csum_offset.to_le_bytes());
}

/// A TCP segment towards the container (both ends of one family).
pub struct TcpOut {
    pub src: SocketAddr,
    pub dst: SocketAddr,
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
/// `headroom` is `tcp_headroom`, 8 more for a SYN (MSS + window scale).
pub fn tcp_headers(frame: &mut [u8], o: &TcpOut, payload_len: usize) -> usize {
    let v6 = o.src.is_ipv6();
    let opt_len = if o.syn_opts.is_some() { 8 } else { 0 };
    let tcp_len = TCP_LEN + opt_len;
    let l4_total = tcp_len + payload_len;
    let gso = if o.mss > 0 && payload_len > usize::from(o.mss) {
        o.mss
    } else {
        0
    };
    write_vnet(frame, v6, 16, gso, (ip_len(v6) + tcp_len) as u16);
    let ip = &mut frame[VNET_LEN..];
    let l3 = write_l3(ip, o.src.ip(), o.dst.ip(), PROTO_TCP, l4_total, o.ip_id);
    let total = l3 + l4_total;
    let t = &mut ip[l3..];
    t[0..2].copy_from_slice(&o.src.port().to_be_bytes());
    t[2..4].copy_from_slice(&o.dst.port().to_be_bytes());
    t[4..8].copy_from_slice(&o.seq.to_be_bytes());
    t[8..12].copy_from_slice(&o.ack.to_be_bytes());
    t[12] = ((tcp_len / 4) as u8) << 4;
    t[13] = o.flags;
    t[14..16].copy_from_slice(&o.window.to_be_bytes());
    let ps = pseudo(o.src.ip(), o.dst.ip(), PROTO_TCP, l4_total);
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
/// already at `frame[udp_headroom..]`; returns the frame's length.
pub fn udp_headers(
    frame: &mut [u8],
    src: SocketAddr,
    dst: SocketAddr,
    payload_len: usize,
    ip_id: u16,
) -> usize {
    let v6 = src.is_ipv6();
    let l4_total = UDP_LEN + payload_len;
    write_vnet(frame, v6, 6, 0, (ip_len(v6) + UDP_LEN) as u16);
    let ip = &mut frame[VNET_LEN..];
    let l3 = write_l3(ip, src.ip(), dst.ip(), PROTO_UDP, l4_total, ip_id);
    let total = l3 + l4_total;
    let u = &mut ip[l3..];
    u[0..2].copy_from_slice(&src.port().to_be_bytes());
    u[2..4].copy_from_slice(&dst.port().to_be_bytes());
    u[4..6].copy_from_slice(&(l4_total as u16).to_be_bytes());
    let ps = pseudo(src.ip(), dst.ip(), PROTO_UDP, l4_total);
    u[6..8].copy_from_slice(&ps.to_be_bytes());
    VNET_LEN + total
}

/// Write the headers of an echo reply towards the container in front of a payload
/// already at `frame[icmp_headroom..]` (its checksum computed here: no offload for
/// ICMP; ICMPv6's covers the pseudo-header); returns the frame's length.
pub fn echo_reply_headers(
    frame: &mut [u8],
    src: IpAddr,
    dst: IpAddr,
    (id, seq): (u16, u16),
    payload_len: usize,
    ip_id: u16,
) -> usize {
    let v6 = src.is_ipv6();
    let (proto, typ) = if v6 {
        (PROTO_ICMPV6, ICMP6_ECHO_REPLY)
    } else {
        (PROTO_ICMP, ICMP_ECHO_REPLY)
    };
    let l4_total = ICMP_LEN + payload_len;
    frame[..VNET_LEN].fill(0);
    let ip = &mut frame[VNET_LEN..];
    let l3 = write_l3(ip, src, dst, proto, l4_total, ip_id);
    let m = &mut ip[l3..l3 + l4_total];
    m[0] = typ;
    m[1] = 0;
    m[2..4].copy_from_slice(&[0, 0]);
    m[4..6].copy_from_slice(&id.to_be_bytes());
    m[6..8].copy_from_slice(&seq.to_be_bytes());
    let start = if v6 {
        u32::from(pseudo(src, dst, proto, l4_total))
    } else {
        0
    };
    let c = !fold(sum16(m, start));
    m[2..4].copy_from_slice(&c.to_be_bytes());
    VNET_LEN + l3 + l4_total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(ip: [u8; 4], port: u16) -> SocketAddr {
        SocketAddr::new(Ipv4Addr::from(ip).into(), port)
    }

    const TCP_HEADROOM: usize = VNET_LEN + IP_LEN + TCP_LEN;
    const UDP_HEADROOM: usize = VNET_LEN + IP_LEN + UDP_LEN;
    const ICMP_HEADROOM: usize = VNET_LEN + IP_LEN + ICMP_LEN;

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
        assert_eq!(p.src, IpAddr::V4(Ipv4Addr::new(10, 0, 2, 2)));
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
        let n = echo_reply_headers(
            &mut f,
            Ipv4Addr::new(1, 2, 3, 4).into(),
            Ipv4Addr::new(10, 0, 2, 100).into(),
            (7, 9),
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
    fn ipv6_segments_and_datagrams_round_trip() {
        let six = |last: u16, port: u16| {
            SocketAddr::new(Ipv6Addr::new(0xfd00, 0, 0, 0, 0, 0, 0, last).into(), port)
        };
        let h = tcp_headroom(true);
        let mut f = vec![0u8; h + 3000];
        let o = TcpOut {
            src: six(2, 443),
            dst: six(0x100, 5555),
            seq: 10,
            ack: 20,
            flags: ACK,
            window: 9,
            syn_opts: None,
            mss: 1440,
            ip_id: 0,
        };
        assert_eq!(tcp_headers(&mut f, &o, 3000), f.len());
        assert_eq!(f[1], VNET_GSO_TCPV6);
        assert_eq!(u16::from_le_bytes([f[6], f[7]]), IP6_LEN as u16);
        let p = parse(&f).unwrap();
        assert_eq!(p.src, six(2, 0).ip());
        let L4::Tcp(t) = p.l4 else { panic!() };
        assert_eq!((t.sport, t.dport, t.payload.len()), (443, 5555, 3000));

        let h = udp_headroom(true);
        let mut f = vec![0u8; h + 2];
        f[h..].copy_from_slice(b"hi");
        udp_headers(&mut f, six(3, 53), six(0x100, 99), 2, 0);
        match parse(&f).unwrap().l4 {
            L4::Udp { payload, .. } => assert_eq!(payload, b"hi"),
            _ => panic!(),
        }

        // An echo reply's ICMPv6 checksum covers the pseudo-header.
        let h = icmp_headroom(true);
        let mut f = vec![0u8; h + 1];
        let (src, dst) = (six(1, 0).ip(), six(0x100, 0).ip());
        echo_reply_headers(&mut f, src, dst, (1, 2), 1, 0);
        let m = &f[VNET_LEN + IP6_LEN..];
        let ps = u32::from(pseudo(src, dst, PROTO_ICMPV6, m.len()));
        assert_eq!(fold(sum16(m, ps)), 0xffff);
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
        // IPv6: every truncation of a valid frame, and a payload length past the end.
        let six = SocketAddr::new(Ipv6Addr::LOCALHOST.into(), 1);
        let mut g = vec![0u8; tcp_headroom(true) + 8];
        let o = TcpOut {
            src: six,
            dst: six,
            seq: 0,
            ack: 0,
            flags: SYN,
            window: 1,
            syn_opts: Some((1, 1)),
            mss: 0,
            ip_id: 0,
        };
        tcp_headers(&mut g, &o, 0);
        for n in 0..g.len() {
            let _ = parse(&g[..n]);
        }
        g[VNET_LEN + 4] = 0xff;
        assert!(parse(&g).is_none());
    }
}
