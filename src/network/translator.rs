//! The translator: one epoll set over the container's TUN device, the published
//! ports' listeners and every flow's host socket, serviced from the supervisor's loop
//! (the epoll fd is one entry of its poll set). Single-threaded, never blocks.

use super::dns::Upstream;
use super::icmp::EchoFlow;
use super::listen::Listener;
use super::packet::{self, Tcp, ACK, L4, RST, SYN};
use super::ports::{BoundPort, Proto};
use super::splice::SpliceFlow;
use super::tcp::{TcpFlow, Verdict};
use super::udp::{Peer, UdpFlow, IDLE, IDLE_DNS};
use super::wire::Wire;
use super::{CONTAINER_IP, DNS_IP, GATEWAY_IP, GATEWAY_IP6, PREFIX6};
use anyhow::{Context, Result};
use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags};
use rustix::net::{RecvFlags, SendFlags, SocketFlags};
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::time::{Duration, Instant};

const TOK_TUN: u64 = 0;
const TOK_LISTENER: u64 = 1;
const TOK_FLOW: u64 = 1 << 32;
/// Frames read from the TUN per wakeup, and events handled per wakeup.
const BATCH: usize = 64;
/// Flows at most (each holds up to 6 fds: a spliced one has two sockets and two pipes).
const MAX_FLOWS: usize = 16384;
const FDS_PER_FLOW: u64 = 6;
/// Sockets kept ready in the container's network namespace for loopback clients of
/// published ports (refilled by a short-lived fork when they run low).
pub const POOL: usize = 8;

/// Register `fd` for `want` (nothing: not registered at all, so a hung-up socket
/// cannot spin the loop); `reg` is what it is registered for now.
fn sync(epoll: &Epoll, fd: BorrowedFd, want: EpollFlags, reg: &mut Option<EpollFlags>, tok: u64) {
    let want = (!want.is_empty()).then_some(want);
    if want == *reg {
        return;
    }
    let r = match (*reg, want) {
        (None, Some(w)) => epoll.add(fd, EpollEvent::new(w, tok)),
        (Some(_), Some(w)) => epoll.modify(fd, &mut EpollEvent::new(w, tok)),
        (Some(_), None) => epoll.delete(fd),
        (None, None) => Ok(()),
    };
    if r.is_ok() {
        *reg = want;
    }
}

/// What the translator needs to know of the container.
pub struct NetOptions {
    /// `--add-host NAME:host-gateway` was given: the gateway address reaches the
    /// host's loopback. Without it nothing reaches the host's loopback.
    pub host_loopback: bool,
}

enum Flow {
    Tcp(TcpFlow),
    Udp(UdpFlow),
    Splice(SpliceFlow),
    Echo(EchoFlow),
}

struct Slot {
    flow: Flow,
    /// What the flow's socket is registered for (None: not in the epoll set); a
    /// spliced flow has a second socket (`reg2`).
    reg: Option<EpollFlags>,
    reg2: Option<EpollFlags>,
}

type Key = (SocketAddr, SocketAddr);

pub struct Translator {
    epoll: Epoll,
    wire: Wire,
    rx: Vec<u8>,
    opts: NetOptions,
    dns: Upstream,
    listeners: Vec<Listener>,
    slots: Vec<Option<Slot>>,
    free: Vec<usize>,
    /// Slots emptied during this wakeup: reused only after it, so an event gathered
    /// for a closed flow cannot reach a new one in the same slot.
    freed: Vec<usize>,
    /// Listeners set aside after an accept failed for want of fds (until then).
    resting: Vec<(usize, Instant)>,
    tcp: HashMap<Key, usize>,
    udp: HashMap<Key, usize>,
    /// Inbound UDP: (listener, client) → flow.
    udp_clients: HashMap<(usize, SocketAddr), usize>,
    /// Pings: (container, pinged address, echo id) → flow.
    echo: HashMap<(IpAddr, IpAddr, u16), usize>,
    acks: Vec<usize>,
    /// Flows allowed with the fds we may open.
    max_flows: usize,
    seed: u64,
    next_sweep: Instant,
    /// The container's init (host pid) and sockets ready in its network namespace.
    container: Option<i32>,
    pool: Vec<OwnedFd>,
}

impl Translator {
    /// A translator serving `listeners` (already bound); packets flow once a TUN is
    /// attached.
    pub fn new(listeners: Vec<Listener>, opts: NetOptions) -> Result<Translator> {
        let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC).context("epoll_create")?;
        for (i, l) in listeners.iter().enumerate() {
            epoll
                .add(
                    &l.sock,
                    EpollEvent::new(EpollFlags::EPOLLIN, TOK_LISTENER + i as u64),
                )
                .context("epoll_ctl")?;
        }
        // Flows are sockets: as many as the open-files limit allows, with room to spare
        // for the supervisor's own files (a container opening connections without end
        // gets resets, the supervisor keeps working).
        use nix::sys::resource::{getrlimit, setrlimit, Resource};
        let max_flows = match getrlimit(Resource::RLIMIT_NOFILE) {
            Ok((_, hard)) => {
                let _ = setrlimit(Resource::RLIMIT_NOFILE, hard, hard);
                let soft = getrlimit(Resource::RLIMIT_NOFILE).map_or(1024, |(s, _)| s);
                (soft.saturating_sub(256) / FDS_PER_FLOW).min(MAX_FLOWS as u64) as usize
            }
            Err(_) => 128,
        };
        let mut seed = [0u8; 8];
        let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut seed);
        Ok(Translator {
            epoll,
            wire: Wire::new(),
            rx: vec![0; packet::VNET_LEN + 65536],
            opts,
            dns: Upstream::from_env(),
            listeners,
            slots: Vec::new(),
            free: Vec::new(),
            freed: Vec::new(),
            resting: Vec::new(),
            tcp: HashMap::new(),
            udp: HashMap::new(),
            udp_clients: HashMap::new(),
            echo: HashMap::new(),
            acks: Vec::new(),
            max_flows,
            seed: u64::from_le_bytes(seed) | 1,
            next_sweep: Instant::now(),
            container: None,
            pool: Vec::new(),
        })
    }

    /// What was bound (for `port`, `ps`, inspect).
    pub fn ports(&self) -> Vec<BoundPort> {
        self.listeners.iter().map(|l| l.port).collect()
    }

    /// The fd the supervisor polls (readable when anything here is ready).
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.epoll.0.as_fd()
    }

    /// A (re)started container (`pid`), its TUN device and sockets made in its network
    /// namespace: flows of an earlier run are dropped.
    pub fn attach(&mut self, pid: i32, tun: OwnedFd, sockets: Vec<OwnedFd>) -> Result<()> {
        self.detach();
        self.container = Some(pid);
        self.pool = sockets;
        self.epoll
            .add(&tun, EpollEvent::new(EpollFlags::EPOLLIN, TOK_TUN))
            .context("epoll_ctl")?;
        self.wire.tun = Some(File::from(tun));
        Ok(())
    }

    /// The container is gone: drop its device and every flow.
    pub fn detach(&mut self) {
        if let Some(t) = self.wire.tun.take() {
            let _ = self.epoll.delete(&t);
            crate::sys::fd::close_detached(t.into());
        }
        self.container = None;
        self.pool.clear();
        for i in 0..self.slots.len() {
            self.remove(i);
        }
        self.slots.clear();
        self.free.clear();
        self.freed.clear();
    }

    /// How long the supervisor may sleep before `service` has timers to run.
    pub fn timeout(&self) -> Option<Duration> {
        let mut t: Option<Instant> = None;
        let mut any_udp = false;
        for s in self.slots.iter().flatten() {
            match &s.flow {
                Flow::Tcp(f) => {
                    if let Some(at) = f.timer() {
                        t = Some(t.map_or(at, |x| x.min(at)));
                    }
                }
                Flow::Udp(_) | Flow::Echo(_) => any_udp = true,
                Flow::Splice(_) => {}
            }
        }
        let now = Instant::now();
        let tcp = t.map(|at| at.saturating_duration_since(now));
        let sweep = any_udp.then(|| self.next_sweep.saturating_duration_since(now));
        match (tcp, sweep) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn iss(&mut self) -> u32 {
        // xorshift64*: initial sequence numbers need only be unpredictable enough.
        self.seed ^= self.seed >> 12;
        self.seed ^= self.seed << 25;
        self.seed ^= self.seed >> 27;
        (self.seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) as u32
    }

    /// Handle whatever is ready, without blocking; run due timers.
    pub fn service(&mut self) {
        let mut events = [EpollEvent::empty(); BATCH];
        let n = self.epoll.wait(&mut events, 0u8).unwrap_or(0);
        for ev in &events[..n] {
            let tok = ev.data();
            let flags = ev.events();
            if tok == TOK_TUN {
                self.read_tun();
            } else if tok >= TOK_FLOW {
                self.flow_event((tok - TOK_FLOW) as usize, flags);
            } else {
                self.listener_event((tok - TOK_LISTENER) as usize);
            }
        }
        self.flush_acks();
        self.timers();
        self.reopen_windows();
        self.free.append(&mut self.freed);
    }

    /// After the shared budget for kept data ran out, every flow learns its window
    /// again once there is room (only the flow that drained would say so otherwise).
    fn reopen_windows(&mut self) {
        if !self.wire.squeezed || self.wire.spilled > super::tcp::SPILL_TOTAL_MAX / 2 {
            return;
        }
        self.wire.squeezed = false;
        for (i, s) in self.slots.iter_mut().enumerate() {
            if let Some(Slot {
                flow: Flow::Tcp(f), ..
            }) = s
            {
                f.want_ack();
                self.acks.push(i);
            }
        }
        self.flush_acks();
    }

    /// After the container exited: TCP flows whose container side is not finished yet
    /// (its kernel still sends what its processes wrote before they died) or whose
    /// data we still keep. The supervisor services the translator a little longer for
    /// them.
    pub fn draining(&self) -> bool {
        self.slots.iter().flatten().any(|s| match &s.flow {
            Flow::Tcp(f) => f.draining(),
            Flow::Splice(f) => f.draining(),
            _ => false,
        })
    }

    /// Give up on what did not finish: peers get a reset, not a clean end of a
    /// stream that was cut short.
    pub fn abort_unfinished(&mut self) {
        for s in self.slots.iter().flatten() {
            match &s.flow {
                Flow::Tcp(f) if f.draining() => super::tcp::abort(&f.sock),
                Flow::Splice(f) if f.draining() => {
                    super::tcp::abort(&f.client);
                    super::tcp::abort(&f.inner);
                }
                _ => {}
            }
        }
    }

    fn read_tun(&mut self) {
        let mut rx = std::mem::take(&mut self.rx);
        for _ in 0..BATCH {
            let Some(tun) = self.wire.tun.as_mut() else {
                break;
            };
            let n = match tun.read(&mut rx) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                // The device is gone (its namespace went away): stop listening to it,
                // or its error would wake us forever.
                Err(_) => {
                    let _ = self.epoll.delete(&*tun);
                    break;
                }
            };
            let Some(p) = packet::parse(&rx[..n]) else {
                continue;
            };
            match p.l4 {
                L4::Tcp(t) => self.tcp_in(p.src, p.dst, &t),
                L4::Udp {
                    sport,
                    dport,
                    payload,
                } => self.udp_in(
                    SocketAddr::new(p.src, sport),
                    SocketAddr::new(p.dst, dport),
                    payload,
                ),
                L4::Echo { id, seq, payload } => self.echo_in(p.src, p.dst, id, seq, payload),
            }
        }
        self.rx = rx;
    }

    /// Where the container's packets to `r` go on the host (None: nowhere).
    fn destination(&mut self, r: SocketAddr) -> Option<SocketAddr> {
        if r.port() == 0 {
            return None;
        }
        let r = match r {
            SocketAddr::V4(v4) => v4,
            SocketAddr::V6(v6) => {
                let ip = *v6.ip();
                if ip == GATEWAY_IP6 {
                    return self
                        .opts
                        .host_loopback
                        .then(|| SocketAddr::new(Ipv6Addr::LOCALHOST.into(), r.port()));
                }
                let ours = ip.segments()[..4] == PREFIX6.segments()[..4];
                // Loopback, link-local, multicast, our own prefix: nowhere.
                if ip.is_loopback()
                    || ip.is_unspecified()
                    || ip.is_multicast()
                    || ip.segments()[0] & 0xffc0 == 0xfe80
                    || ip.to_ipv4_mapped().is_some()
                    || ours
                {
                    return None;
                }
                return Some(r);
            }
        };
        let ip = *r.ip();
        if ip == DNS_IP {
            return (r.port() == 53).then(|| self.dns.server()).flatten();
        }
        if ip == GATEWAY_IP {
            return self
                .opts
                .host_loopback
                .then(|| SocketAddr::new(Ipv4Addr::LOCALHOST.into(), r.port()));
        }
        let net = u32::from(CONTAINER_IP) & 0xffff_ff00;
        if ip.is_loopback()
            || ip.is_unspecified()
            || ip.is_broadcast()
            || ip.is_multicast()
            || u32::from(ip) & 0xffff_ff00 == net
            || r.port() == 0
        {
            return None;
        }
        Some(SocketAddr::V4(r))
    }

    fn insert(&mut self, flow: Flow) -> Option<usize> {
        let live = self.slots.len() - self.free.len();
        if live >= self.max_flows {
            return None;
        }
        let slot = Slot {
            flow,
            reg: None,
            reg2: None,
        };
        Some(match self.free.pop() {
            Some(i) => {
                self.slots[i] = Some(slot);
                i
            }
            None => {
                self.slots.push(Some(slot));
                self.slots.len() - 1
            }
        })
    }

    fn remove(&mut self, i: usize) {
        let Some(s) = self.slots.get_mut(i).and_then(Option::take) else {
            return;
        };
        match &s.flow {
            Flow::Tcp(f) => {
                if s.reg.is_some() {
                    let _ = self.epoll.delete(&f.sock);
                }
                self.wire.spilled = self.wire.spilled.saturating_sub(f.spilled());
                if self.tcp.get(&(f.c, f.r)) == Some(&i) {
                    self.tcp.remove(&(f.c, f.r));
                }
            }
            Flow::Udp(f) => {
                if let Peer::Socket(sock) = &f.peer {
                    if s.reg.is_some() {
                        let _ = self.epoll.delete(sock);
                    }
                }
                if let Peer::Client { listener, addr } = &f.peer {
                    self.udp_clients.remove(&(*listener, *addr));
                }
                if self.udp.get(&(f.c, f.r)) == Some(&i) {
                    self.udp.remove(&(f.c, f.r));
                }
            }
            Flow::Echo(f) => {
                if s.reg.is_some() {
                    let _ = self.epoll.delete(&f.sock);
                }
                self.echo.remove(&(f.c, f.r, f.id));
            }
            Flow::Splice(f) => {
                if s.reg.is_some() {
                    let _ = self.epoll.delete(&f.client);
                }
                if s.reg2.is_some() {
                    let _ = self.epoll.delete(&f.inner);
                }
            }
        }
        self.freed.push(i);
    }

    /// Bring the epoll registration of flow `i` in line with what it wants.
    fn register(&mut self, i: usize) {
        let Some(s) = self.slots.get_mut(i).and_then(Option::as_mut) else {
            return;
        };
        let tok = TOK_FLOW + i as u64;
        match &s.flow {
            Flow::Tcp(f) => sync(&self.epoll, f.sock.as_fd(), f.interest(), &mut s.reg, tok),
            Flow::Udp(f) => match &f.peer {
                Peer::Socket(sock) => sync(
                    &self.epoll,
                    sock.as_fd(),
                    EpollFlags::EPOLLIN,
                    &mut s.reg,
                    tok,
                ),
                Peer::Client { .. } => {}
            },
            Flow::Echo(f) => sync(
                &self.epoll,
                f.sock.as_fd(),
                EpollFlags::EPOLLIN,
                &mut s.reg,
                tok,
            ),
            Flow::Splice(f) => {
                let (a, b) = f.interest();
                sync(&self.epoll, f.client.as_fd(), a, &mut s.reg, tok);
                sync(&self.epoll, f.inner.as_fd(), b, &mut s.reg2, tok);
            }
        }
    }

    /// After a flow handled something: close it, or update its registration.
    fn settle(&mut self, i: usize, v: Verdict) {
        if v == Verdict::Close {
            self.remove(i);
            return;
        }
        if let Some(Slot {
            flow: Flow::Tcp(f), ..
        }) = self.slots.get(i).and_then(Option::as_ref)
        {
            if f.need_ack {
                self.acks.push(i);
            }
        }
        self.register(i);
    }

    fn tcp_in(&mut self, src: IpAddr, dst: IpAddr, t: &Tcp) {
        if src.is_ipv6() != dst.is_ipv6() {
            return;
        }
        let c = SocketAddr::new(src, t.sport);
        let r = SocketAddr::new(dst, t.dport);
        if let Some(&i) = self.tcp.get(&(c, r)) {
            let v = match self.slots[i].as_mut().map(|s| &mut s.flow) {
                Some(Flow::Tcp(f)) => f.on_segment(t, &mut self.wire),
                _ => return,
            };
            self.settle(i, v);
            return;
        }
        if t.has(RST) {
            return;
        }
        if !t.has(SYN) || t.has(ACK) {
            // Not a connection we know: reset it.
            self.reset_unknown(c, r, t);
            return;
        }
        let Some(dest) = self.destination(r) else {
            self.reset_unknown(c, r, t);
            return;
        };
        let iss = self.iss();
        let flow = match TcpFlow::connect(c, r, dest, t, iss) {
            Ok(f) => f,
            Err(_) => {
                self.reset_unknown(c, r, t);
                return;
            }
        };
        match self.insert(Flow::Tcp(flow)) {
            Some(i) => {
                self.tcp.insert((c, r), i);
                self.register(i);
            }
            None => self.reset_unknown(c, r, t),
        }
    }

    /// RST for a segment that belongs to no flow (RFC 793's reset generation).
    fn reset_unknown(&mut self, c: SocketAddr, r: SocketAddr, t: &Tcp) {
        let seg_len =
            t.payload.len() as u32 + u32::from(t.has(SYN)) + u32::from(t.has(packet::FIN));
        let (seq, ack, flags) = if t.has(ACK) {
            (t.ack, 0, RST)
        } else {
            (0, t.seq.wrapping_add(seg_len), RST | ACK)
        };
        self.wire.send_tcp(
            packet::TcpOut {
                src: r,
                dst: c,
                seq,
                ack,
                flags,
                window: 0,
                syn_opts: None,
                mss: 0,
                ip_id: 0,
            },
            0,
        );
    }

    fn udp_in(&mut self, c: SocketAddr, r: SocketAddr, payload: &[u8]) {
        let i = match self.udp.get(&(c, r)) {
            Some(&i) => i,
            None => {
                let Some(dest) = self.destination(r) else {
                    return;
                };
                let idle = if r.ip() == IpAddr::V4(DNS_IP) {
                    IDLE_DNS
                } else {
                    IDLE
                };
                let Ok(flow) = UdpFlow::connect(c, r, dest, idle) else {
                    return;
                };
                let Some(i) = self.insert(Flow::Udp(flow)) else {
                    return;
                };
                self.udp.insert((c, r), i);
                self.register(i);
                i
            }
        };
        let Some(Slot {
            flow: Flow::Udp(f), ..
        }) = self.slots[i].as_mut()
        else {
            return;
        };
        f.last = Instant::now();
        let _ = match &f.peer {
            Peer::Socket(s) => rustix::net::send(s, payload, SendFlags::DONTWAIT),
            Peer::Client { listener, addr } => match self.listeners.get(*listener) {
                Some(l) => rustix::net::sendto(&l.sock, payload, SendFlags::DONTWAIT, addr),
                None => Ok(0),
            },
        };
    }

    fn echo_in(&mut self, c: IpAddr, r: IpAddr, id: u16, seq: u16, payload: &[u8]) {
        if c.is_ipv6() != r.is_ipv6() {
            return;
        }
        let i = match self.echo.get(&(c, r, id)) {
            Some(&i) => i,
            None => {
                // Where a TCP connection to `r` would go (any port but DNS's).
                let Some(dest) = self.destination(SocketAddr::new(r, 7)).map(|d| d.ip()) else {
                    return;
                };
                let Ok(flow) = EchoFlow::open(c, r, dest, id) else {
                    return;
                };
                let Some(i) = self.insert(Flow::Echo(flow)) else {
                    return;
                };
                self.echo.insert((c, r, id), i);
                self.register(i);
                i
            }
        };
        if let Some(Slot {
            flow: Flow::Echo(f),
            ..
        }) = self.slots[i].as_mut()
        {
            f.send(seq, payload);
        }
    }

    fn flow_event(&mut self, i: usize, ev: EpollFlags) {
        let v = match self
            .slots
            .get_mut(i)
            .and_then(Option::as_mut)
            .map(|s| &mut s.flow)
        {
            Some(Flow::Tcp(f)) => f.on_socket(ev, &mut self.wire),
            Some(Flow::Udp(f)) => {
                let Peer::Socket(s) = &f.peer else {
                    return;
                };
                for _ in 0..BATCH {
                    let v6 = f.c.is_ipv6();
                    match rustix::net::recv(s, self.wire.udp_payload(v6), RecvFlags::DONTWAIT) {
                        Ok((n, _)) => {
                            f.last = Instant::now();
                            self.wire.send_udp(f.r, f.c, n);
                        }
                        Err(_) => break,
                    }
                }
                Verdict::Keep
            }
            Some(Flow::Splice(f)) => f.on_event(),
            Some(Flow::Echo(f)) => {
                for _ in 0..BATCH {
                    let v6 = f.c.is_ipv6();
                    let Ok((n, _)) =
                        rustix::net::recv(&f.sock, self.wire.icmp_message(v6), RecvFlags::DONTWAIT)
                    else {
                        break;
                    };
                    let m = &self.wire.icmp_message(v6)[..n];
                    let reply = if v6 {
                        packet::ICMP6_ECHO_REPLY
                    } else {
                        packet::ICMP_ECHO_REPLY
                    };
                    if n < packet::ICMP_LEN || m[0] != reply {
                        continue;
                    }
                    let seq = u16::from_be_bytes([m[6], m[7]]);
                    f.last = Instant::now();
                    self.wire
                        .send_echo_reply(f.r, f.c, f.id, seq, n - packet::ICMP_LEN);
                }
                Verdict::Keep
            }
            None => return,
        };
        self.settle(i, v);
    }

    /// A socket in the container's network namespace (None: none to be had).
    fn pool_socket(&mut self) -> Option<OwnedFd> {
        if self.pool.is_empty() {
            let pid = self.container?;
            self.pool = crate::sys::nsock::tcp_sockets_in(pid, POOL).unwrap_or_default();
        }
        self.pool.pop()
    }

    /// The container as a published port's client sees it: a non-loopback IPv4 client
    /// as itself (the real source address); loopback and IPv6 clients as the gateway.
    fn inbound_remote(
        &self,
        client: SocketAddr,
        c: SocketAddr,
        proto: Proto,
    ) -> Option<SocketAddr> {
        let ip = match client.ip() {
            IpAddr::V4(v4) if !v4.is_loopback() => v4,
            _ => GATEWAY_IP,
        };
        let map = match proto {
            Proto::Tcp => &self.tcp,
            Proto::Udp => &self.udp,
        };
        let mut port = client.port();
        // Two clients can look alike once mapped: pick another port for the second.
        for _ in 0..64 {
            let r = SocketAddr::V4(SocketAddrV4::new(ip, port));
            if !map.contains_key(&(c, r)) {
                return Some(r);
            }
            port = port.wrapping_add(1).max(1024);
        }
        None
    }

    fn listener_event(&mut self, li: usize) {
        let Some(l) = self.listeners.get(li) else {
            return;
        };
        let bp = l.port;
        let c = SocketAddr::V4(SocketAddrV4::new(CONTAINER_IP, bp.container_port));
        match bp.proto {
            Proto::Tcp => {
                for _ in 0..16 {
                    let (sock, addr) = match rustix::net::acceptfrom_with(
                        &self.listeners[li].sock,
                        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
                    ) {
                        Ok((sock, Some(addr))) => (sock, addr),
                        Ok((_, None)) => continue,
                        Err(e) if e == rustix::io::Errno::AGAIN => break,
                        Err(e)
                            if e == rustix::io::Errno::INTR
                                || e == rustix::io::Errno::CONNABORTED =>
                        {
                            continue
                        }
                        // Out of fds: the client waits in the backlog; the listener
                        // rests a second rather than waking us in a loop.
                        Err(_) => {
                            let _ = self.epoll.delete(&self.listeners[li].sock);
                            self.resting
                                .push((li, Instant::now() + Duration::from_secs(1)));
                            break;
                        }
                    };
                    let Ok(client) = SocketAddr::try_from(addr) else {
                        continue;
                    };
                    if self.wire.tun.is_none() {
                        super::tcp::abort(&sock);
                        continue;
                    }
                    if is_loopback(client.ip()) {
                        if let Some(inner) = self.pool_socket() {
                            match SpliceFlow::connect(sock, inner, bp.container_port) {
                                Ok(f) => {
                                    if let Some(i) = self.insert(Flow::Splice(f)) {
                                        self.register(i);
                                    }
                                }
                                Err(client) => super::tcp::abort(&client),
                            }
                            continue;
                        }
                    }
                    let Some(r) = self.inbound_remote(client, c, Proto::Tcp) else {
                        super::tcp::abort(&sock);
                        continue;
                    };
                    if self.slots.len() - self.free.len() >= self.max_flows {
                        super::tcp::abort(&sock);
                        continue;
                    }
                    let iss = self.iss();
                    let flow = TcpFlow::accept(sock, c, r, iss, &mut self.wire);
                    if let Some(i) = self.insert(Flow::Tcp(flow)) {
                        self.tcp.insert((c, r), i);
                        self.register(i);
                    }
                }
            }
            Proto::Udp => {
                for _ in 0..BATCH {
                    let Ok((n, _, Some(addr))) = rustix::net::recvfrom(
                        &self.listeners[li].sock,
                        self.wire.udp_payload(false),
                        RecvFlags::DONTWAIT,
                    ) else {
                        break;
                    };
                    let Ok(client) = SocketAddr::try_from(addr) else {
                        continue;
                    };
                    if self.wire.tun.is_none() {
                        continue;
                    }
                    let i = match self.udp_clients.get(&(li, client)) {
                        Some(&i) => i,
                        None => {
                            let Some(r) = self.inbound_remote(client, c, Proto::Udp) else {
                                continue;
                            };
                            let flow = UdpFlow {
                                c,
                                r,
                                peer: Peer::Client {
                                    listener: li,
                                    addr: client,
                                },
                                last: Instant::now(),
                                idle: IDLE,
                            };
                            let Some(i) = self.insert(Flow::Udp(flow)) else {
                                continue;
                            };
                            self.udp.insert((c, r), i);
                            self.udp_clients.insert((li, client), i);
                            i
                        }
                    };
                    if let Some(Slot {
                        flow: Flow::Udp(f), ..
                    }) = self.slots[i].as_mut()
                    {
                        f.last = Instant::now();
                        let (r, c) = (f.r, f.c);
                        self.wire.send_udp(r, c, n);
                    }
                }
            }
        }
    }

    fn flush_acks(&mut self) {
        let acks = std::mem::take(&mut self.acks);
        for i in &acks {
            if let Some(Slot {
                flow: Flow::Tcp(f), ..
            }) = self.slots.get_mut(*i).and_then(Option::as_mut)
            {
                f.flush_ack(&mut self.wire);
            }
        }
        self.acks = acks;
        self.acks.clear();
    }

    fn timers(&mut self) {
        let now = Instant::now();
        let (due, rest): (Vec<_>, Vec<_>) = self.resting.drain(..).partition(|(_, t)| now >= *t);
        self.resting = rest;
        for (li, _) in due {
            let _ = self.epoll.add(
                &self.listeners[li].sock,
                EpollEvent::new(EpollFlags::EPOLLIN, TOK_LISTENER + li as u64),
            );
        }
        for i in 0..self.slots.len() {
            let v = match self.slots[i].as_mut().map(|s| &mut s.flow) {
                Some(Flow::Tcp(f)) if f.timer().is_some_and(|t| now >= t) => {
                    f.on_timer(now, &mut self.wire)
                }
                _ => continue,
            };
            self.settle(i, v);
        }
        if now >= self.next_sweep {
            self.next_sweep = now + Duration::from_secs(1);
            let expired: Vec<usize> = self
                .slots
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match s.as_ref().map(|s| &s.flow) {
                    Some(Flow::Udp(f)) if f.expired(now) => Some(i),
                    Some(Flow::Echo(f)) if f.expired(now) => Some(i),
                    _ => None,
                })
                .collect();
            for i in expired {
                self.remove(i);
            }
        }
        self.flush_acks();
    }
}

/// A client on the host's loopback (IPv4, IPv6, or IPv4-mapped).
fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v| v.is_loopback()),
    }
}

impl Drop for Translator {
    /// The device is closed where its slow last close does not hold us up.
    fn drop(&mut self) {
        self.detach();
    }
}
