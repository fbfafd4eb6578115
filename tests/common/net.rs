//! What the network tests talk to: the peer namespace made by tests/peer-setup.sh
//! (10.231.0.2, services described in tests/fixtures/README.md), servers the tests start
//! on the host's loopback (a TCP greeter, a DNS responder), free ports, and berth runs
//! bounded in time. Include with `#[path = "common/net.rs"] mod net;` after `mod common;`.
#![allow(dead_code)]

use crate::common::{test_dir, Berth, Out};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The peer's namespace, and the two ends of its veth.
pub const PEER_NETNS: &str = "berth-peer";
pub const PEER: &str = "10.231.0.2";
/// The peer's IPv6 address (tests/peer-setup.sh).
pub const PEER6: &str = "fd31:0:0:231::2";
pub const PEER_HOST_SIDE: &str = "10.231.0.1";
/// The peer's services (tests/fixtures/peer.py).
pub const ECHO: u16 = 7;
pub const SINK: u16 = 9;
pub const HTTP: u16 = 80;
pub const DNS: u16 = 53;
pub const CALLBACK: u16 = 9999;
/// berth's default network, as the container sees it.
pub const CONTAINER_IP: &str = "10.0.2.100";
pub const GATEWAY: &str = "10.0.2.2";
pub const DNS_FORWARDER: &str = "10.0.2.3";

/// The static client/server helper (tests/fixtures/netprobe.c) as a `-v` argument that
/// mounts it at /netprobe.
pub fn netprobe_volume() -> String {
    let p = test_dir().join("bin/netprobe");
    assert!(p.exists(), "{} missing: run tests/setup.sh", p.display());
    format!("{}:/netprobe:ro", p.display())
}

/// Whether the network tests can run here: the peer answers, /dev/net/tun is usable by
/// everyone, netprobe is built. Missing pieces skip the test locally and fail it under
/// CI=true (CI runs tests/setup.sh, which makes them all).
pub fn ready(test: &str) -> bool {
    let mut missing = Vec::new();
    if !Path::new("/run/netns").join(PEER_NETNS).exists() {
        missing.push(format!("netns {PEER_NETNS}"));
    } else if let Err(e) = peer_call("version") {
        missing.push(format!("the peer service on {PEER}:{CALLBACK} ({e})"));
    }
    if let Err(e) = tun_usable() {
        missing.push(format!("/dev/net/tun ({e})"));
    }
    if !test_dir().join("bin/netprobe").exists() {
        missing.push(format!("{}/bin/netprobe", test_dir().display()));
    }
    if missing.is_empty() {
        return true;
    }
    let what = format!(
        "{test}: missing {}: run tests/setup.sh as root (it calls tests/peer-setup.sh)",
        missing.join(", ")
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{what}");
    eprintln!("skipping {what}");
    false
}

fn tun_usable() -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata("/dev/net/tun").map_err(|e| e.to_string())?;
    // The unprivileged test user opens it too: it must be open to others.
    if meta.permissions().mode() & 0o006 != 0o006 {
        return Err(format!(
            "mode {:o}, not usable by all",
            meta.permissions().mode() & 0o777
        ));
    }
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/net/tun")
        .map(drop)
        .map_err(|e| e.to_string())
}

/// One request to the peer's call-me-back port; returns its whole answer.
pub fn peer_call(line: &str) -> Result<String, String> {
    let addr: SocketAddr = format!("{PEER}:{CALLBACK}").parse().unwrap();
    let mut s =
        TcpStream::connect_timeout(&addr, Duration::from_secs(3)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(format!("{line}\n").as_bytes())
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A TCP port nothing listens on now, on every address (v4 and v6).
pub fn free_port() -> u16 {
    for _ in 0..20 {
        let l = std::net::TcpListener::bind("[::]:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        if port_free(port) && udp_port_free(port) {
            return port;
        }
    }
    panic!("no free port found");
}

/// Whether `port` can be bound on 0.0.0.0 and :: now (nothing listens there).
/// One bind at a time: a dual-stack `::` socket conflicts with our own 0.0.0.0 one.
pub fn port_free(port: u16) -> bool {
    let v4 = TcpListener::bind(("0.0.0.0", port)).is_ok();
    v4 && TcpListener::bind(("::", port)).is_ok()
}

pub fn udp_port_free(port: u16) -> bool {
    let v4 = UdpSocket::bind(("0.0.0.0", port)).is_ok();
    v4 && UdpSocket::bind(("::", port)).is_ok()
}

/// Processes still running from store `b` (the CLI, its monitors: their command lines
/// name `--root <dir>/root`; a monitor is a fork, not a re-exec). Zombies excluded.
pub fn processes_of(b: &Berth) -> Vec<u32> {
    let root = b.dir.join("root");
    let root = root.to_string_lossy();
    let mut pids = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmd) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            continue;
        };
        let named = cmd.split(|c| *c == 0).any(|a| a == root.as_bytes());
        if named && process_state(pid).is_some_and(|s| s != 'Z') {
            pids.push(pid);
        }
    }
    pids
}

/// The state letter of /proc/PID/stat (None if gone).
pub fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

/// The parent of process `pid`.
pub fn parent_of(pid: u32) -> u32 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let rest = stat.rsplit_once(") ").unwrap().1;
    rest.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// `b.cmd(args)` with BERTH_RESOLV_CONF naming the peer's resolver: the DNS forwarder of
/// a test container never asks the host's own resolver (a test may name another file).
pub fn cmd(b: &Berth, args: &[&str]) -> std::process::Command {
    let conf = b.dir.join("resolv-peer.conf");
    if !conf.exists() {
        std::fs::write(&conf, format!("nameserver {PEER}\n")).unwrap();
    }
    let mut c = b.cmd(args);
    c.env("BERTH_RESOLV_CONF", conf);
    c
}

/// berth with extra environment, killed (and the test failed) after `secs` seconds: a
/// broken network must fail a test, never hang the suite.
pub fn run_env(b: &Berth, env: &[(&str, &str)], args: &[&str], secs: u64) -> Out {
    use std::os::unix::process::ExitStatusExt;
    let mut c = cmd(b, args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = c.spawn().expect("running berth");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(out) => {
            let o = out.expect("waiting for berth");
            Out {
                code: o
                    .status
                    .code()
                    .unwrap_or_else(|| 128 + o.status.signal().unwrap_or(0)),
                stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            }
        }
        Err(_) => {
            // SAFETY: kill(2) on the pid of our own child, which has not been reaped
            // (its waiter is still blocked), so the pid cannot have been reused.
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            panic!("berth {args:?} still running after {secs} s: killed");
        }
    }
}

/// `run_env` without extra environment, 60 s at most.
pub fn run(b: &Berth, args: &[&str]) -> Out {
    run_env(b, &[], args, 60)
}

/// `run` that requires exit 0; returns stdout.
pub fn ok(b: &Berth, args: &[&str]) -> String {
    let o = run(b, args);
    assert_eq!(
        o.code, 0,
        "berth {args:?} failed (exit {}):\nstdout: {}\nstderr: {}",
        o.code, o.stdout, o.stderr
    );
    o.stdout
}

/// One HTTP/1.0 GET to `addr`; the body (None when it cannot connect or gets no
/// complete answer within 10 s).
pub fn http_get(addr: &str, path: &str) -> Option<String> {
    let addr: SocketAddr = addr.parse().unwrap();
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").as_bytes())
        .ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    let text = String::from_utf8_lossy(&out).into_owned();
    if !text.starts_with("HTTP/1.") {
        return None;
    }
    text.split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
}

/// Poll until `http_get` answers (15 s at most); returns the body.
pub fn http_get_soon(addr: &str, path: &str) -> String {
    let mut body = None;
    crate::common::poll_until(&format!("an HTTP answer from {addr}{path}"), || {
        body = http_get(addr, path);
        body.is_some()
    });
    body.unwrap()
}

/// Send `payload` to a UDP `addr` (again every 300 ms) and return the first reply
/// (None after 10 s).
pub fn udp_ask(addr: &str, payload: &str) -> Option<String> {
    let addr: SocketAddr = addr.parse().unwrap();
    let bind = if addr.is_ipv4() {
        "0.0.0.0:0"
    } else {
        "[::]:0"
    };
    let s = UdpSocket::bind(bind).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 65536];
    while Instant::now() < deadline {
        let _ = s.send_to(payload.as_bytes(), addr);
        if let Ok((n, from)) = s.recv_from(&mut buf) {
            if from == addr {
                return Some(String::from_utf8_lossy(&buf[..n]).into_owned());
            }
        }
    }
    None
}

/// A server on the host's loopback: each connection gets "host-loopback\n", then an
/// echo of what it sends until EOF. Counts connections; stops when dropped.
pub struct Greeter {
    pub port: u16,
    pub connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Greeter {
    pub fn start() -> Greeter {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.set_nonblocking(true).unwrap();
        let port = l.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (n, st) = (connections.clone(), stop.clone());
        std::thread::spawn(move || {
            while !st.load(Ordering::SeqCst) {
                match l.accept() {
                    Ok((mut c, _)) => {
                        n.fetch_add(1, Ordering::SeqCst);
                        std::thread::spawn(move || {
                            c.set_nonblocking(false).unwrap();
                            c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                            let _ = c.write_all(b"host-loopback\n");
                            let mut buf = [0u8; 65536];
                            while let Ok(k) = c.read(&mut buf) {
                                if k == 0 || c.write_all(&buf[..k]).is_err() {
                                    break;
                                }
                            }
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Greeter {
            port,
            connections,
            stop,
        }
    }
}

impl Drop for Greeter {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A DNS responder on 127.0.0.1 (UDP and TCP on the same free port): A records for
/// `names`, an empty NOERROR answer for their other types, NXDOMAIN for the rest.
/// Counts the queries it answered; stops when dropped.
pub struct Resolver {
    pub port: u16,
    pub queries: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Resolver {
    pub fn start(names: &[(&str, Ipv4Addr)]) -> Resolver {
        let names: Vec<(String, Ipv4Addr)> =
            names.iter().map(|(n, a)| (n.to_lowercase(), *a)).collect();
        let names = Arc::new(names);
        let (udp, tcp) = (0..50)
            .find_map(|_| {
                let u = UdpSocket::bind("127.0.0.1:0").ok()?;
                let t = TcpListener::bind(u.local_addr().ok()?).ok()?;
                Some((u, t))
            })
            .expect("a port free for both UDP and TCP");
        let port = udp.local_addr().unwrap().port();
        let queries = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        udp.set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        {
            let (names, q, st) = (names.clone(), queries.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while !st.load(Ordering::SeqCst) {
                    if let Ok((n, from)) = udp.recv_from(&mut buf) {
                        if let Some(r) = dns_answer(&buf[..n], &names) {
                            q.fetch_add(1, Ordering::SeqCst);
                            let _ = udp.send_to(&r, from);
                        }
                    }
                }
            });
        }
        tcp.set_nonblocking(true).unwrap();
        {
            let (q, st) = (queries.clone(), stop.clone());
            std::thread::spawn(move || {
                while !st.load(Ordering::SeqCst) {
                    let Ok((mut c, _)) = tcp.accept() else {
                        std::thread::sleep(Duration::from_millis(10));
                        continue;
                    };
                    let (names, q) = (names.clone(), q.clone());
                    std::thread::spawn(move || {
                        c.set_nonblocking(false).unwrap();
                        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                        let mut len = [0u8; 2];
                        while c.read_exact(&mut len).is_ok() {
                            let mut msg = vec![0u8; u16::from_be_bytes(len) as usize];
                            if c.read_exact(&mut msg).is_err() {
                                break;
                            }
                            let Some(r) = dns_answer(&msg, &names) else {
                                break;
                            };
                            q.fetch_add(1, Ordering::SeqCst);
                            let mut framed = (r.len() as u16).to_be_bytes().to_vec();
                            framed.extend_from_slice(&r);
                            if c.write_all(&framed).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
        }
        Resolver {
            port,
            queries,
            stop,
        }
    }

    /// A resolv.conf naming this resolver (`nameserver 127.0.0.1#PORT`, berth's syntax
    /// for a port) written into `dir`, for BERTH_RESOLV_CONF.
    pub fn resolv_conf(&self, dir: &Path) -> PathBuf {
        let p = dir.join("resolv.conf");
        std::fs::write(&p, format!("nameserver 127.0.0.1#{}\n", self.port)).unwrap();
        p
    }
}

impl Drop for Resolver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// The response to one DNS query (None if it is not a single-question query).
fn dns_answer(q: &[u8], names: &[(String, Ipv4Addr)]) -> Option<Vec<u8>> {
    if q.len() < 12 || q[2] & 0x80 != 0 || u16::from_be_bytes([q[4], q[5]]) != 1 {
        return None;
    }
    let mut pos = 12;
    let mut labels = Vec::new();
    loop {
        let n = *q.get(pos)? as usize;
        pos += 1;
        if n == 0 {
            break;
        }
        if n & 0xc0 != 0 {
            return None;
        }
        labels.push(String::from_utf8_lossy(q.get(pos..pos + n)?).to_lowercase());
        pos += n;
    }
    let qtype = u16::from_be_bytes([*q.get(pos)?, *q.get(pos + 1)?]);
    let question = q.get(12..pos + 4)?;
    let name = labels.join(".");
    let found: Vec<Ipv4Addr> = names
        .iter()
        .filter(|(n, _)| *n == name)
        .map(|(_, a)| *a)
        .collect();
    let known = !found.is_empty();
    let answers: Vec<Ipv4Addr> = if qtype == 1 { found } else { Vec::new() };
    let mut r = Vec::with_capacity(512);
    r.extend_from_slice(&q[0..2]); // id
                                   // QR, opcode copied, AA, RD copied; RA; rcode NOERROR or NXDOMAIN.
    r.push(0x80 | (q[2] & 0x78) | 0x04 | (q[2] & 0x01));
    r.push(0x80 | if known { 0 } else { 3 });
    r.extend_from_slice(&1u16.to_be_bytes());
    r.extend_from_slice(&(answers.len() as u16).to_be_bytes());
    r.extend_from_slice(&[0, 0, 0, 0]);
    r.extend_from_slice(question);
    for a in answers {
        // Name: a pointer to the question; type A, class IN, TTL 0, 4 bytes.
        r.extend_from_slice(&[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4]);
        r.extend_from_slice(&a.octets());
    }
    Some(r)
}

/// A store with the busybox and web (httpd, EXPOSE 80/tcp 7/udp) images.
pub fn load(b: &Berth) {
    b.load("busybox.tar");
    b.load("web.tar");
}

/// `$name` runs `$body` rootless, `$root` runs it as root; both skip (fail under CI)
/// when the peer or /dev/net/tun is missing.
#[macro_export]
macro_rules! both {
    ($name:ident, $root:ident, $body:ident) => {
        #[test]
        fn $name() {
            if ready(stringify!($name)) {
                let b = Berth::user(stringify!($name));
                load(&b);
                $body(&b);
            }
        }

        #[test]
        fn $root() {
            if !ready(stringify!($root)) {
                return;
            }
            if let Some(b) = Berth::root(stringify!($root)) {
                load(&b);
                $body(&b);
            }
        }
    };
}

pub fn inspect(b: &Berth, tpl: &str, name: &str) -> String {
    ok(b, &["inspect", "-f", tpl, name]).trim().to_string()
}

pub fn netns_of(pid: &str) -> String {
    std::fs::read_link(format!("/proc/{pid}/ns/net"))
        .unwrap_or_else(|e| panic!("/proc/{pid}/ns/net: {e}"))
        .display()
        .to_string()
}

/// The host port `berth port` shows for `what` ("80/tcp") on 0.0.0.0.
pub fn published(ports: &str, what: &str) -> u16 {
    let prefix = format!("{what} -> 0.0.0.0:");
    ports
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} in `port`:\n{ports}"))
        .parse()
        .unwrap()
}

/// The body of an HTTP answer the peer relayed (after the blank line).
pub fn body(reply: &str) -> &str {
    reply.split_once("\r\n\r\n").map_or(reply, |(_, b)| b)
}
