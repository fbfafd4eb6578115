//! One TCP connection of the container, mirrored by a host socket (pasta's approach:
//! no TCP stack of ours). The kernel's socket does the real TCP with the peer; we only
//! translate between it and the container's segments:
//! - container → peer: in-order data is written to the socket; what the socket cannot
//!   take yet is kept (bounded) and acknowledged, never dropped; the window we offer
//!   is the room left in that buffer, so the container cannot outrun it.
//! - peer → container: data is read with MSG_PEEK (SO_PEEK_OFF keeps our place) and
//!   only consumed from the socket when the container acknowledges it, so the
//!   socket's receive queue is the retransmission queue.

use super::packet::{Tcp, TcpOut, ACK, FIN, PSH, RST, SYN};
use super::wire::{Wire, DISCARD_MAX, MAX_TCP_PAYLOAD};
use nix::sys::epoll::EpollFlags;
use rustix::net::{RecvFlags, SendFlags};
use std::io;
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

/// Data from the container accepted beyond what the host socket took, per flow and
/// for all flows of a container (a container opening many connections to peers that
/// do not read must not grow its supervisor without bound).
const SPILL_MAX: usize = 1 << 20;
pub const SPILL_TOTAL_MAX: usize = 64 << 20;
/// Our window scale (the window we offer is at most SPILL_MAX).
const OUR_WSCALE: u8 = 5;
/// The MSS we announce (the container's MTU is 1500): IPv4, IPv6.
const OUR_MSS: u16 = 1460;
const OUR_MSS6: u16 = 1440;
const RTO_MIN: Duration = Duration::from_millis(200);
const MAX_TRIES: u32 = 10;
/// Segments sent per wakeup before other work gets a turn.
const SEGMENTS_PER_PUSH: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Container's SYN seen, host connect() in progress.
    Connecting,
    /// Our SYN-ACK sent to the container.
    SynRcvd,
    /// A published port's client: our SYN sent to the container.
    SynSent,
    Established,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    Close,
}

pub struct TcpFlow {
    pub sock: OwnedFd,
    /// The container's end and the remote end as the container sees it.
    pub c: SocketAddr,
    pub r: SocketAddr,
    state: State,
    // container → host
    rcv_nxt: u32,
    c_fin: bool,
    shut_wr: bool,
    spill: Vec<u8>,
    // host → container
    iss: u32,
    snd_una: u32,
    snd_nxt: u32,
    c_wnd: u32,
    c_ws: u8,
    our_ws: u8,
    c_mss: u16,
    fin_sent: bool,
    peek_off: bool,
    /// The peer shut its side (EPOLLRDHUP): how EOF is told without SO_PEEK_OFF.
    peer_shut: bool,
    /// Everything readable is in flight: the socket stays readable (peeked data is
    /// unread), so EPOLLIN is left out until an ACK or the timer makes room.
    starved: bool,
    /// The container's last window field, to tell duplicate ACKs from updates.
    last_window: u16,
    rto: Option<Instant>,
    tries: u32,
    /// Zero-window probes sent in a row (their backoff).
    persist: u32,
    dupacks: u8,
    pub need_ack: bool,
}

fn seq_lt(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

fn seq_le(a: u32, b: u32) -> bool {
    !seq_lt(b, a)
}

fn stream_socket(dest: &SocketAddr) -> io::Result<OwnedFd> {
    use rustix::net::{AddressFamily, SocketFlags, SocketType};
    let family = match dest {
        SocketAddr::V4(_) => AddressFamily::INET,
        SocketAddr::V6(_) => AddressFamily::INET6,
    };
    Ok(rustix::net::socket_with(
        family,
        SocketType::STREAM,
        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
        None,
    )?)
}

/// Urgent data inline: otherwise the kernel skips the urgent byte in the stream but not
/// in the peek offset.
fn oob_inline(sock: &OwnedFd) {
    let _ = rustix::net::sockopt::set_socket_oobinline(sock, true);
}

/// SO_PEEK_OFF 0: peeks continue where the last one stopped (TCP: Linux ≥ 6.9).
fn enable_peek_off(sock: &OwnedFd) -> bool {
    let zero: libc::c_int = 0;
    // SAFETY: setsockopt reads one c_int through the pointer, which points at `zero`,
    // live for the call; the length passed is its size.
    let r = unsafe {
        libc::setsockopt(
            sock.as_raw_fd(),
            libc::SOL_SOCKET,
            42, // SO_PEEK_OFF
            (&zero as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    r == 0
}

/// Close with a reset (the peer learns the container's side went away abruptly).
pub fn abort(sock: &OwnedFd) {
    let _ = rustix::net::sockopt::set_socket_linger(sock, Some(Duration::ZERO));
}

/// Drop `n` bytes the container has acknowledged from the socket's receive queue.
fn consume(sock: &OwnedFd, mut n: usize) -> io::Result<()> {
    while n > 0 {
        // SAFETY: with MSG_TRUNC a TCP socket discards the data without copying it
        // (tcp(7)), so the kernel never touches the (null) buffer; `sock` is open.
        let r = unsafe {
            libc::recv(
                sock.as_raw_fd(),
                std::ptr::null_mut(),
                n,
                libc::MSG_TRUNC | libc::MSG_DONTWAIT,
            )
        };
        if r <= 0 {
            return Err(io::Error::last_os_error());
        }
        n -= r as usize;
    }
    Ok(())
}

impl TcpFlow {
    fn new(sock: OwnedFd, c: SocketAddr, r: SocketAddr, state: State, iss: u32) -> TcpFlow {
        oob_inline(&sock);
        let peek_off = enable_peek_off(&sock);
        TcpFlow {
            sock,
            c,
            r,
            state,
            rcv_nxt: 0,
            c_fin: false,
            shut_wr: false,
            spill: Vec::new(),
            iss,
            snd_una: iss,
            snd_nxt: iss,
            c_wnd: 0,
            c_ws: 0,
            our_ws: OUR_WSCALE,
            c_mss: 536,
            fin_sent: false,
            peek_off,
            peer_shut: false,
            starved: false,
            last_window: 0,
            rto: None,
            tries: 0,
            persist: 0,
            dupacks: 0,
            need_ack: false,
        }
    }

    /// The container's SYN to `r` (reached at `dest` from the host): start connecting.
    pub fn connect(
        c: SocketAddr,
        r: SocketAddr,
        dest: SocketAddr,
        syn: &Tcp,
        iss: u32,
    ) -> io::Result<TcpFlow> {
        let sock = stream_socket(&dest)?;
        match rustix::net::connect(&sock, &dest) {
            Ok(()) => {}
            Err(e) if e == rustix::io::Errno::INPROGRESS => {}
            Err(e) => return Err(e.into()),
        }
        let mut f = TcpFlow::new(sock, c, r, State::Connecting, iss);
        f.rcv_nxt = syn.seq.wrapping_add(1);
        f.c_mss = syn.mss.unwrap_or(536).clamp(64, 65535);
        match syn.wscale {
            Some(w) => f.c_ws = w,
            None => f.our_ws = 0,
        }
        f.c_wnd = u32::from(syn.window);
        Ok(f)
    }

    /// A client accepted on a published port: open the connection to the container.
    pub fn accept(sock: OwnedFd, c: SocketAddr, r: SocketAddr, iss: u32, w: &mut Wire) -> TcpFlow {
        let mut f = TcpFlow::new(sock, c, r, State::SynSent, iss);
        f.snd_nxt = iss.wrapping_add(1);
        f.send_syn(w, false);
        f.rto = Some(Instant::now() + RTO_MIN * 5);
        f
    }

    fn our_mss(&self) -> u16 {
        if self.c.is_ipv6() {
            OUR_MSS6
        } else {
            OUR_MSS
        }
    }

    /// Room for more from the container: what this flow and all flows may still keep.
    fn window(&self, w: &Wire) -> u32 {
        let own = SPILL_MAX.saturating_sub(self.spill.len());
        own.min(SPILL_TOTAL_MAX.saturating_sub(w.spilled)) as u32
    }

    /// Bytes this flow keeps (given back to the budget when it closes).
    pub fn spilled(&self) -> usize {
        self.spill.len()
    }

    fn out(&self, w: &Wire, flags: u8, seq: u32) -> TcpOut {
        TcpOut {
            src: self.r,
            dst: self.c,
            seq,
            ack: if flags & ACK != 0 { self.rcv_nxt } else { 0 },
            flags,
            window: (self.window(w) >> self.our_ws).min(65535) as u16,
            syn_opts: None,
            mss: self.c_mss.min(self.our_mss()),
            ip_id: 0,
        }
    }

    fn send_syn(&mut self, w: &mut Wire, with_ack: bool) {
        let mut o = self.out(w, if with_ack { SYN | ACK } else { SYN }, self.iss);
        o.window = self.window(w).min(65535) as u16;
        o.syn_opts = Some((self.our_mss(), OUR_WSCALE));
        w.send_tcp(o, 0);
    }

    fn send_ack(&mut self, w: &mut Wire) {
        let o = self.out(w, ACK, self.snd_nxt);
        w.send_tcp(o, 0);
        self.need_ack = false;
    }

    /// Tell the container the connection is gone, and give up on it.
    pub fn reset(&mut self, w: &mut Wire) -> Verdict {
        let o = self.out(w, RST | ACK, self.snd_nxt);
        w.send_tcp(o, 0);
        abort(&self.sock);
        Verdict::Close
    }

    /// The epoll events this flow wants now (empty: not registered at all, so a
    /// hung-up socket cannot spin the loop).
    pub fn interest(&self) -> EpollFlags {
        match self.state {
            State::Connecting => EpollFlags::EPOLLOUT,
            State::SynRcvd | State::SynSent => EpollFlags::empty(),
            State::Established => {
                let mut f = EpollFlags::empty();
                let inflight = self.snd_nxt.wrapping_sub(self.snd_una);
                let room = self.peek_off || (inflight as usize) < DISCARD_MAX;
                if !self.fin_sent && !self.starved && self.c_wnd > inflight && room {
                    f |= EpollFlags::EPOLLIN | EpollFlags::EPOLLRDHUP;
                }
                if !self.spill.is_empty() {
                    f |= EpollFlags::EPOLLOUT;
                }
                f
            }
        }
    }

    pub fn timer(&self) -> Option<Instant> {
        self.rto
    }

    fn done(&self) -> bool {
        self.state == State::Established
            && self.c_fin
            && self.shut_wr
            && self.fin_sent
            && self.snd_una == self.snd_nxt
    }

    /// The flow is over: acknowledge what this batch brought (the container's last FIN
    /// among it) before it goes.
    fn finish(&mut self, w: &mut Wire) -> Verdict {
        if self.need_ack {
            self.send_ack(w);
        }
        Verdict::Close
    }

    fn arm(&mut self) {
        if self.rto.is_none() {
            self.rto = Some(Instant::now() + RTO_MIN);
        }
    }

    /// A segment from the container.
    pub fn on_segment(&mut self, t: &Tcp, w: &mut Wire) -> Verdict {
        if t.has(RST) {
            abort(&self.sock);
            return Verdict::Close;
        }
        match self.state {
            State::Connecting => return Verdict::Keep,
            State::SynRcvd => {
                if t.has(SYN) {
                    self.send_syn(w, true);
                    return Verdict::Keep;
                }
                if !t.has(ACK) || t.ack != self.iss.wrapping_add(1) {
                    return Verdict::Keep;
                }
                self.state = State::Established;
                self.snd_una = self.snd_nxt;
                self.rto = None;
                self.tries = 0;
            }
            State::SynSent => {
                if t.has(SYN) && t.has(ACK) && t.ack == self.iss.wrapping_add(1) {
                    self.rcv_nxt = t.seq.wrapping_add(1);
                    self.c_mss = t.mss.unwrap_or(536).clamp(64, 65535);
                    match t.wscale {
                        Some(ws) => self.c_ws = ws,
                        None => self.our_ws = 0,
                    }
                    self.c_wnd = u32::from(t.window);
                    self.snd_una = self.snd_nxt;
                    self.state = State::Established;
                    self.rto = None;
                    self.tries = 0;
                    self.send_ack(w);
                    return self.push(w);
                }
                return Verdict::Keep;
            }
            State::Established => {
                if t.has(SYN) {
                    self.need_ack = true;
                    return Verdict::Keep;
                }
            }
        }
        if t.has(ACK) {
            if let Err(v) = self.on_ack(t, w) {
                return v;
            }
        }
        if let Err(v) = self.on_data(t, w) {
            return v;
        }
        if self.done() {
            return self.finish(w);
        }
        self.push(w)
    }

    fn on_ack(&mut self, t: &Tcp, w: &mut Wire) -> Result<(), Verdict> {
        let ack = t.ack;
        if seq_lt(self.snd_una, ack) && seq_le(ack, self.snd_nxt) {
            let data_end = if self.fin_sent {
                self.snd_nxt.wrapping_sub(1)
            } else {
                self.snd_nxt
            };
            let upto = if seq_lt(data_end, ack) { data_end } else { ack };
            let n = upto.wrapping_sub(self.snd_una) as usize;
            if n > 0 && consume(&self.sock, n).is_err() {
                return Err(self.reset(w));
            }
            self.snd_una = ack;
            self.dupacks = 0;
            self.tries = 0;
            self.starved = false;
            self.rto = (self.snd_una != self.snd_nxt).then(|| Instant::now() + RTO_MIN);
        } else if ack == self.snd_una
            && t.payload.is_empty()
            && !t.has(FIN)
            && t.seq == self.rcv_nxt
            && t.window == self.last_window
            && self.snd_una != self.snd_nxt
        {
            self.dupacks = self.dupacks.saturating_add(1);
            if self.dupacks == 3 {
                self.rewind();
            }
        }
        self.c_wnd = u32::from(t.window) << self.c_ws;
        self.last_window = t.window;
        // A closed window: the persist timer asks for it again (the update may be lost).
        if self.c_wnd == 0 && self.rto.is_none() {
            self.rto = Some(Instant::now() + RTO_MIN);
        }
        Ok(())
    }

    /// Send again from the oldest unacknowledged byte.
    fn rewind(&mut self) {
        self.snd_nxt = self.snd_una;
        self.fin_sent = false;
        self.starved = false;
        if self.peek_off {
            self.peek_off = enable_peek_off(&self.sock);
        }
    }

    fn on_data(&mut self, t: &Tcp, w: &mut Wire) -> Result<(), Verdict> {
        if t.payload.is_empty() && !t.has(FIN) {
            // A keepalive or zero-window probe (an empty segment below rcv_nxt) wants
            // an ACK, or the container's kernel gives the connection up.
            if t.seq != self.rcv_nxt {
                self.need_ack = true;
            }
            return Ok(());
        }
        let mut data = t.payload;
        let mut seq = t.seq;
        if seq_lt(seq, self.rcv_nxt) {
            let skip = self.rcv_nxt.wrapping_sub(seq) as usize;
            // Old data, or an old FIN: acknowledge again.
            if skip > data.len() || (skip == data.len() && (!t.has(FIN) || self.c_fin)) {
                self.need_ack = true;
                return Ok(());
            }
            data = &data[skip..];
            seq = self.rcv_nxt;
        }
        if seq != self.rcv_nxt || self.c_fin {
            // Out of order (a segment was lost before us): a duplicate ACK for each,
            // right away, so the container retransmits fast rather than on a timer.
            self.send_ack(w);
            return Ok(());
        }
        if !data.is_empty() {
            let mut took = 0;
            if self.spill.is_empty() {
                match rustix::net::send(&self.sock, data, SendFlags::DONTWAIT | SendFlags::NOSIGNAL)
                {
                    Ok(n) => took = n,
                    Err(e) if e == rustix::io::Errno::AGAIN => {}
                    Err(_) => return Err(self.reset(w)),
                }
            }
            let rest = &data[took..];
            let keep = rest.len().min(self.window(w) as usize);
            if keep < rest.len() && self.spill.len() + keep < SPILL_MAX {
                // Held back by the other flows' share: they reopen windows later.
                w.squeezed = true;
            }
            self.spill.extend_from_slice(&rest[..keep]);
            w.spilled += keep;
            took += keep;
            self.rcv_nxt = self.rcv_nxt.wrapping_add(took as u32);
            self.need_ack = true;
            if took < data.len() {
                return Ok(());
            }
        }
        if t.has(FIN) {
            self.rcv_nxt = self.rcv_nxt.wrapping_add(1);
            self.c_fin = true;
            self.need_ack = true;
            if self.spill.is_empty() {
                let _ = rustix::net::shutdown(&self.sock, rustix::net::Shutdown::Write);
                self.shut_wr = true;
            }
        }
        Ok(())
    }

    /// The host's side ended: FIN after the last byte.
    fn send_fin(&mut self, w: &mut Wire) {
        let o = self.out(w, FIN | ACK, self.snd_nxt);
        w.send_tcp(o, 0);
        self.snd_nxt = self.snd_nxt.wrapping_add(1);
        self.fin_sent = true;
        self.need_ack = false;
        self.arm();
    }

    /// Peek at new data from the host and send it, as far as the container's window goes.
    fn push(&mut self, w: &mut Wire) -> Verdict {
        if self.state != State::Established || self.fin_sent {
            return Verdict::Keep;
        }
        for _ in 0..SEGMENTS_PER_PUSH {
            let inflight = self.snd_nxt.wrapping_sub(self.snd_una) as usize;
            let mut max = (self.c_wnd as usize).saturating_sub(inflight);
            if !self.peek_off {
                max = max.min(DISCARD_MAX.saturating_sub(inflight));
            }
            max = max.min(MAX_TCP_PAYLOAD);
            if max == 0 {
                break;
            }
            let got = if self.peek_off {
                rustix::net::recv(
                    &self.sock,
                    w.tcp_payload(self.c.is_ipv6(), max),
                    RecvFlags::PEEK | RecvFlags::DONTWAIT,
                )
                .map(|(n, _)| n)
            } else {
                peek_past(&self.sock, w, self.c.is_ipv6(), inflight, max)
            };
            match got {
                Ok(0) => {
                    self.send_fin(w);
                    break;
                }
                Ok(n) => {
                    let o = self.out(w, ACK | PSH, self.snd_nxt);
                    w.send_tcp(o, n);
                    self.snd_nxt = self.snd_nxt.wrapping_add(n as u32);
                    self.need_ack = false;
                    self.arm();
                }
                Err(e) if e == rustix::io::Errno::AGAIN && !self.peek_off && self.peer_shut => {
                    // Everything the peer sent is in flight, and it sent its FIN.
                    self.send_fin(w);
                    break;
                }
                Err(e) if e == rustix::io::Errno::AGAIN => {
                    self.starved = self.snd_nxt != self.snd_una;
                    break;
                }
                Err(_) => return self.reset(w),
            }
        }
        if self.done() {
            return self.finish(w);
        }
        Verdict::Keep
    }

    /// The host socket is ready (`ev`).
    pub fn on_socket(&mut self, ev: EpollFlags, w: &mut Wire) -> Verdict {
        match self.state {
            State::Connecting => {
                match rustix::net::sockopt::socket_error(&self.sock) {
                    Ok(Ok(())) => {}
                    _ => {
                        // Refused or unreachable: the container sees a reset.
                        let o = self.out(w, RST | ACK, 0);
                        w.send_tcp(o, 0);
                        return Verdict::Close;
                    }
                }
                self.state = State::SynRcvd;
                self.snd_nxt = self.iss.wrapping_add(1);
                self.send_syn(w, true);
                self.arm();
                Verdict::Keep
            }
            State::Established => {
                if ev.contains(EpollFlags::EPOLLRDHUP) {
                    self.peer_shut = true;
                }
                if ev.contains(EpollFlags::EPOLLOUT) && !self.spill.is_empty() {
                    let before = self.window(w);
                    loop {
                        match rustix::net::send(
                            &self.sock,
                            &self.spill,
                            SendFlags::DONTWAIT | SendFlags::NOSIGNAL,
                        ) {
                            Ok(n) => {
                                self.spill.drain(..n);
                                w.spilled = w.spilled.saturating_sub(n);
                                if self.spill.is_empty() || n == 0 {
                                    break;
                                }
                            }
                            Err(e) if e == rustix::io::Errno::AGAIN => break,
                            Err(_) => return self.reset(w),
                        }
                    }
                    if self.spill.is_empty() {
                        self.spill = Vec::new();
                        if self.c_fin && !self.shut_wr {
                            let _ = rustix::net::shutdown(&self.sock, rustix::net::Shutdown::Write);
                            self.shut_wr = true;
                        }
                    }
                    // The window opened: say so.
                    if self.window(w) > before {
                        self.need_ack = true;
                    }
                }
                if ev.intersects(
                    EpollFlags::EPOLLIN
                        | EpollFlags::EPOLLRDHUP
                        | EpollFlags::EPOLLHUP
                        | EpollFlags::EPOLLERR,
                ) {
                    return self.push(w);
                }
                if self.done() {
                    return self.finish(w);
                }
                Verdict::Keep
            }
            State::SynRcvd | State::SynSent => Verdict::Keep,
        }
    }

    /// The retransmission timer.
    pub fn on_timer(&mut self, now: Instant, w: &mut Wire) -> Verdict {
        match self.rto {
            Some(at) if now >= at => {}
            _ => return Verdict::Keep,
        }
        // Persist: the container's window is closed; probe it (not a failure).
        if self.state == State::Established && self.c_wnd == 0 {
            let probe = self.out(w, ACK, self.snd_una.wrapping_sub(1));
            w.send_tcp(probe, 0);
            self.persist = (self.persist + 1).min(6);
            self.rto = Some(now + RTO_MIN * (1 << self.persist));
            return Verdict::Keep;
        }
        self.persist = 0;
        self.tries += 1;
        if self.tries > MAX_TRIES {
            return self.reset(w);
        }
        self.rto = Some(now + RTO_MIN * (1 << self.tries.min(5)));
        match self.state {
            State::SynRcvd => self.send_syn(w, true),
            State::SynSent => self.send_syn(w, false),
            State::Established => {
                self.rewind();
                self.rto = None;
                let v = self.push(w);
                if self.rto.is_none() {
                    self.rto = Some(now + RTO_MIN * (1 << self.tries.min(5)));
                }
                return v;
            }
            State::Connecting => {}
        }
        Verdict::Keep
    }

    /// An ACK with our current window is due (the shared budget has room again).
    pub fn want_ack(&mut self) {
        if self.state == State::Established {
            self.need_ack = true;
        }
    }

    /// Whether the container still has its side of the connection open, or data of its
    /// is still kept: a supervisor whose container exited waits (briefly) for these.
    pub fn draining(&self) -> bool {
        self.state == State::Established && (!self.c_fin || !self.spill.is_empty())
    }

    /// Acknowledge what arrived in this batch (one ACK per flow per batch).
    pub fn flush_ack(&mut self, w: &mut Wire) {
        if self.need_ack && self.state == State::Established {
            self.send_ack(w);
        }
    }
}

/// Without SO_PEEK_OFF: peek from the start of the queue and skip what is in flight.
fn peek_past(
    sock: &OwnedFd,
    w: &mut Wire,
    v6: bool,
    inflight: usize,
    max: usize,
) -> rustix::io::Result<usize> {
    use rustix::net::RecvAncillaryBuffer;
    if w.discard.len() < DISCARD_MAX {
        w.discard.resize(DISCARD_MAX, 0);
    }
    let Wire { frame, discard, .. } = w;
    let start = super::packet::tcp_headroom(v6);
    let mut iov = [
        io::IoSliceMut::new(&mut discard[..inflight]),
        io::IoSliceMut::new(&mut frame[start..start + max]),
    ];
    let r = rustix::net::recvmsg(
        sock,
        &mut iov,
        &mut RecvAncillaryBuffer::default(),
        RecvFlags::PEEK | RecvFlags::DONTWAIT,
    )?;
    if r.bytes == 0 {
        return Ok(0);
    }
    match r.bytes.checked_sub(inflight) {
        Some(0) | None => Err(rustix::io::Errno::AGAIN),
        Some(n) => Ok(n),
    }
}
