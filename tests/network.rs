//! The default network (docker's `bridge`: berth's own translator) and the other modes,
//! from inside the container: its addresses, outbound TCP, UDP and DNS to a "remote host"
//! (the peer namespace 10.231.0.2 that tests/peer-setup.sh makes) and to the host's
//! loopback through `host-gateway`, `container:` mode, exec in every mode, the generated
//! /etc files. Published ports are in network_ports.rs. Each test runs rootless (as the
//! test user) and, as `root_pass_*`, as root. Traffic goes only to loopback and to the
//! peer namespace.

mod common;
#[macro_use]
#[path = "common/net.rs"]
mod net;
use common::*;
use net::*;
use std::net::{Ipv4Addr, TcpListener};
use std::time::{Duration, Instant};

/// The peer and the helpers themselves, without berth's network (`--network host`): when
/// this fails, the machine's setup is broken, not the translator.
#[test]
fn the_peer_and_the_helpers_answer_with_network_host() {
    if !ready("the_peer_and_the_helpers_answer_with_network_host") {
        return;
    }
    let b = Berth::user("net-control");
    load(&b);
    let r = Resolver::start(&[("local.test", Ipv4Addr::new(10, 9, 8, 7))]);
    let script = format!(
        "/netprobe tcp {PEER} {ECHO} hello; echo; /netprobe udp {PEER} {ECHO} ping; \
         timeout 10 wget -qO- http://{PEER}/; \
         timeout 10 nslookup peer.test {PEER} | grep -A1 '^Name'; \
         timeout 10 nslookup local.test 127.0.0.1:{} | grep -A1 '^Name'",
        r.port
    );
    let v = netprobe_volume();
    let out = ok(
        &b,
        &[
            "run",
            "--rm",
            "--network",
            "host",
            "-v",
            &v,
            "busybox",
            "sh",
            "-c",
            &script,
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[..2], ["hello", "ping"], "{out}");
    assert!(lines[2].starts_with("10.231.0.1 "), "{out}");
    assert_eq!(
        lines[3..],
        [
            "Name:\tpeer.test",
            "Address: 10.231.0.2",
            "Name:\tlocal.test",
            "Address: 10.9.8.7"
        ],
        "{out}"
    );
    // The call-me-back service connects from 10.231.0.2 to the host's side of the veth.
    let l = TcpListener::bind((PEER_HOST_SIDE, 0)).unwrap();
    let port = l.local_addr().unwrap().port();
    let t = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut c, from) = l.accept().unwrap();
        let mut got = String::new();
        c.read_to_string(&mut got).unwrap();
        c.write_all(format!("{} {got}", from.ip()).as_bytes())
            .unwrap();
    });
    let reply = peer_call(&format!("tcp {PEER_HOST_SIDE} {port} a\\tb")).unwrap();
    assert_eq!(reply, "10.231.0.2 a\tb");
    t.join().unwrap();
}

fn default_network_inside(b: &Berth) {
    let show = "ip -4 -o addr show dev eth0; ip route; cat /etc/resolv.conf";
    let out = ok(b, &["run", "--rm", "busybox", "sh", "-c", show]);
    assert!(out.contains(" inet 10.0.2.100/24 "), "{out}");
    assert!(out.contains("default via 10.0.2.2 "), "{out}");
    assert!(
        out.lines().any(|l| l.trim() == "nameserver 10.0.2.3"),
        "{out}"
    );
    // podman's names for its user-mode networks, and docker's, mean the same network.
    for mode in ["bridge", "slirp4netns", "pasta"] {
        let out = ok(
            b,
            &[
                "run",
                "--rm",
                "--network",
                mode,
                "busybox",
                "ip",
                "-4",
                "-o",
                "addr",
                "show",
                "dev",
                "eth0",
            ],
        );
        assert!(out.contains(" inet 10.0.2.100/24 "), "{mode}: {out}");
    }
    ok(
        b,
        &["run", "-d", "--name", "ctr", "busybox", "sleep", "1000"],
    );
    assert_eq!(
        inspect(
            b,
            "{{.NetworkSettings.IPAddress}} {{.NetworkSettings.Gateway}} {{.HostConfig.NetworkMode}}",
            "ctr"
        ),
        "10.0.2.100 10.0.2.2 bridge"
    );
}
both!(
    default_network_addresses_inside,
    root_pass_default_network_addresses_inside,
    default_network_inside
);

fn outbound_tcp(b: &Berth) {
    let v = netprobe_volume();
    let script = format!(
        "/netprobe tcp {PEER} {ECHO} hello-peer && echo && timeout 10 wget -qO- http://{PEER}/"
    );
    let out = ok(
        b,
        &["run", "--rm", "-v", &v, "busybox", "sh", "-c", &script],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "hello-peer", "{out}");
    // The peer sees the host's address: the flow left through a host socket.
    assert!(
        lines.get(1).is_some_and(|l| l.starts_with("10.231.0.1 ")),
        "{out}"
    );
    // 16 MiB each way, compared by sha256: nothing lost, nothing reordered.
    let n = 16 << 20;
    let script = format!(
        "timeout 60 wget -qO- http://{PEER}/bytes/{n} | sha256sum; \
         timeout 10 wget -qO- http://{PEER}/sha256/{n}; \
         head -c {n} /dev/urandom >/tmp/up; sha256sum </tmp/up; \
         /netprobe tcp {PEER} {SINK} - </tmp/up"
    );
    let out = ok(
        b,
        &["run", "--rm", "-v", &v, "busybox", "sh", "-c", &script],
    );
    let w: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(w.len(), 7, "{out}");
    assert_eq!((w[0], w[1]), (w[2], "-"), "download: {out}");
    assert_eq!(w[5], n.to_string(), "upload length: {out}");
    assert_eq!((w[3], w[4]), (w[6], "-"), "upload: {out}");
}
both!(
    outbound_tcp_to_the_peer,
    root_pass_outbound_tcp_to_the_peer,
    outbound_tcp
);

fn outbound_udp(b: &Berth) {
    let v = netprobe_volume();
    let script =
        format!("/netprobe udp {PEER} {ECHO} ping-1 && /netprobe udp {PEER} {ECHO} ping-2");
    let out = ok(
        b,
        &["run", "--rm", "-v", &v, "busybox", "sh", "-c", &script],
    );
    assert_eq!(out, "ping-1\nping-2\n");
}
both!(outbound_udp_echo, root_pass_outbound_udp_echo, outbound_udp);

fn dns(b: &Berth) {
    // The forwarder (10.0.2.3) asks the nameservers of the file BERTH_RESOLV_CONF names:
    // here a resolver of the test's on a loopback port.
    let r = Resolver::start(&[("local.test", Ipv4Addr::new(10, 9, 8, 7))]);
    let conf = r.resolv_conf(&b.dir);
    let env = [("BERTH_RESOLV_CONF", conf.to_str().unwrap())];
    let o = run_env(
        b,
        &env,
        &[
            "run",
            "--rm",
            "busybox",
            "timeout",
            "20",
            "nslookup",
            "local.test",
        ],
        60,
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("Address:\t10.0.2.3:53"), "{}", o.stdout);
    assert!(
        o.stdout.contains("Name:\tlocal.test\nAddress: 10.9.8.7\n"),
        "{}",
        o.stdout
    );
    assert!(r.queries.load(std::sync::atomic::Ordering::SeqCst) > 0);
    let o = run_env(
        b,
        &env,
        &[
            "run",
            "--rm",
            "busybox",
            "timeout",
            "20",
            "nslookup",
            "nosuch.test",
        ],
        60,
    );
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stdout.contains("NXDOMAIN") || o.stderr.contains("NXDOMAIN"),
        "{}{}",
        o.stdout,
        o.stderr
    );

    // The peer's resolver as the host's nameserver (not on loopback): what every
    // network test names in BERTH_RESOLV_CONF unless it brings its own.
    let o = run_env(
        b,
        &[],
        &[
            "run",
            "--rm",
            "busybox",
            "timeout",
            "20",
            "nslookup",
            "peer.test",
        ],
        60,
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stdout.contains("Name:\tpeer.test\nAddress: 10.231.0.2\n"),
        "{}",
        o.stdout
    );

    // A nameserver asked directly: plain outbound UDP.
    let out = ok(
        b,
        &[
            "run",
            "--rm",
            "busybox",
            "timeout",
            "20",
            "nslookup",
            "two.peer.test",
            PEER,
        ],
    );
    assert!(
        out.contains("Address: 10.231.0.2\n") && out.contains("Address: 10.231.0.1\n"),
        "{out}"
    );
}
both!(
    dns_through_the_forwarder,
    root_pass_dns_through_the_forwarder,
    dns
);

fn host_gateway(b: &Berth) {
    let g = Greeter::start();
    let port = g.port.to_string();
    let v = netprobe_volume();
    let script = format!(
        "grep -w host.docker.internal /etc/hosts; /netprobe tcp host.docker.internal {port} hi"
    );
    let out = ok(
        b,
        &[
            "run",
            "--rm",
            "--add-host",
            "host.docker.internal:host-gateway",
            "-v",
            &v,
            "busybox",
            "sh",
            "-c",
            &script,
        ],
    );
    let (hosts, rest) = out.split_once('\n').unwrap_or((&out, ""));
    assert_eq!(
        hosts.split_whitespace().collect::<Vec<_>>(),
        ["10.0.2.2", "host.docker.internal"],
        "{out}"
    );
    assert_eq!(rest, "host-loopback\nhi", "{out}");
    assert_eq!(g.connections.load(std::sync::atomic::Ordering::SeqCst), 1);

    // Without it, the gateway reaches nothing on the host's loopback, and says so at once.
    let t = Instant::now();
    let o = run(
        b,
        &[
            "run",
            "--rm",
            "-v",
            &v,
            "busybox",
            "/netprobe",
            "tcp",
            GATEWAY,
            &port,
            "hi",
        ],
    );
    assert!(
        o.code == 2 || o.code == 4,
        "exit {} (2 refused, 4 reset): {}{}",
        o.code,
        o.stdout,
        o.stderr
    );
    assert!(
        t.elapsed() < Duration::from_secs(8),
        "took {:?}",
        t.elapsed()
    );
    assert_eq!(g.connections.load(std::sync::atomic::Ordering::SeqCst), 1);
}
both!(
    host_loopback_only_through_host_gateway,
    root_pass_host_loopback_only_through_host_gateway,
    host_gateway
);

fn container_mode(b: &Berth) {
    let port = free_port();
    ok(
        b,
        &[
            "run",
            "-d",
            "--name",
            "web",
            "-p",
            &format!("127.0.0.1:{port}:80"),
            "web",
        ],
    );
    http_get_soon(&format!("127.0.0.1:{port}"), "/");
    let web_ns = netns_of(&inspect(b, "{{.State.Pid}}", "web"));
    let script = "readlink /proc/self/ns/net; ip -4 -o addr show dev eth0; \
                  timeout 10 wget -qO- http://127.0.0.1/";
    let out = ok(
        b,
        &[
            "run",
            "--rm",
            "--network",
            "container:web",
            "busybox",
            "sh",
            "-c",
            script,
        ],
    );
    assert!(out.starts_with(&format!("{web_ns}\n")), "{web_ns}: {out}");
    assert!(out.contains(" inet 10.0.2.100/24 "), "{out}");
    assert!(out.ends_with("berth web fixture\n"), "{out}");
    let id = inspect(b, "{{.Id}}", "web");
    let out = ok(
        b,
        &[
            "run",
            "--rm",
            "--network",
            &format!("container:{id}"),
            "busybox",
            "readlink",
            "/proc/self/ns/net",
        ],
    );
    assert_eq!(out.trim(), web_ns);
}
both!(
    container_mode_shares_the_network,
    root_pass_container_mode_shares_the_network,
    container_mode
);

fn exec_each_mode(b: &Berth) {
    let host_ns = std::fs::read_link("/proc/self/ns/net")
        .unwrap()
        .display()
        .to_string();
    ok(
        b,
        &["run", "-d", "--name", "bridge", "busybox", "sleep", "1000"],
    );
    for (name, net) in [
        ("none", "none"),
        ("host", "host"),
        ("bridge", ""),
        ("joined", "container:bridge"),
    ] {
        if !net.is_empty() {
            ok(
                b,
                &[
                    "run",
                    "-d",
                    "--name",
                    name,
                    "--network",
                    net,
                    "busybox",
                    "sleep",
                    "1000",
                ],
            );
        }
        let want = netns_of(&inspect(b, "{{.State.Pid}}", name));
        let got = ok(b, &["exec", name, "readlink", "/proc/self/ns/net"]);
        assert_eq!(got.trim(), want, "exec into --network {net:?}");
        assert_eq!(
            want == host_ns,
            name == "host",
            "{name}: {want} vs the host's {host_ns}"
        );
    }
    let out = ok(
        b,
        &[
            "exec", "joined", "ip", "-4", "-o", "addr", "show", "dev", "eth0",
        ],
    );
    assert!(out.contains(" inet 10.0.2.100/24 "), "{out}");
}
both!(
    exec_joins_every_network_mode,
    root_pass_exec_joins_every_network_mode,
    exec_each_mode
);

#[test]
fn dns_and_hosts_options_write_the_containers_files() {
    if !ready("dns_and_hosts_options_write_the_containers_files") {
        return;
    }
    let b = Berth::user("net-files");
    load(&b);
    let script =
        "cat /etc/resolv.conf; echo ---; cat /etc/hosts; echo ---; hostname; cat /etc/hostname";
    let out = ok(
        &b,
        &[
            "run",
            "--rm",
            "--dns",
            "1.1.1.1",
            "--dns-search",
            "corp",
            "--dns-option",
            "ndots:2",
            "--add-host",
            "h:10.1.2.3",
            "--hostname",
            "x",
            "busybox",
            "sh",
            "-c",
            script,
        ],
    );
    let parts: Vec<&str> = out.split("---\n").collect();
    assert_eq!(parts.len(), 3, "{out}");
    let resolv: Vec<&str> = parts[0].lines().map(str::trim).collect();
    for want in ["nameserver 1.1.1.1", "search corp", "options ndots:2"] {
        assert!(
            resolv.contains(&want),
            "{want:?} not in resolv.conf:\n{}",
            parts[0]
        );
    }
    assert!(
        !parts[0].contains("10.0.2.3"),
        "--dns replaces the forwarder:\n{}",
        parts[0]
    );
    let hosts: Vec<Vec<&str>> = parts[1]
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(hosts.contains(&vec!["10.1.2.3", "h"]), "{}", parts[1]);
    assert!(
        hosts
            .iter()
            .any(|l| l.first() == Some(&"127.0.0.1") && l.contains(&"localhost")),
        "{}",
        parts[1]
    );
    assert!(
        hosts
            .iter()
            .any(|l| l.first() == Some(&"10.0.2.100") && l.contains(&"x")),
        "{}",
        parts[1]
    );
    assert_eq!(parts[2], "x\nx\n");
}

/// Hostile frames from the container (malformed IPv4/TCP/UDP written straight onto its
/// interface, then 3000 SYNs to closed ports and to an address nobody has): the
/// supervisor survives, and the container's network still works afterwards.
fn hostile_frames(b: &Berth) {
    let v = netprobe_volume();
    ok(
        b,
        &[
            "run", "-d", "--name", "evil", "-v", &v, "busybox", "sleep", "300",
        ],
    );
    let out = ok(b, &["exec", "evil", "/netprobe", "garbage", "eth0", PEER]);
    assert!(out.starts_with("sent "), "{out}");
    let sent: u32 = out["sent ".len()..].trim().parse().unwrap();
    assert!(sent > 5000, "{out}");
    // Still running, still supervised, still connected.
    assert_eq!(inspect(b, "{{.State.Status}}", "evil"), "running");
    let echo = format!("/netprobe tcp {PEER} {ECHO} still-here");
    let out = ok(b, &["exec", "evil", "sh", "-c", &echo]);
    assert_eq!(out, "still-here", "{out}");
    ok(b, &["rm", "-f", "evil"]);
}
both!(
    hostile_frames_leave_the_network_working,
    root_pass_hostile_frames_leave_the_network_working,
    hostile_frames
);

/// ping from the container: echo requests answered through the host's ping sockets
/// (tests/setup.sh allows them as a stock Debian does), the host's loopback only through
/// host-gateway.
fn ping(b: &Berth) {
    let out = ok(
        b,
        &["run", "--rm", "busybox", "ping", "-c", "2", "-W", "5", PEER],
    );
    assert!(
        out.contains("2 packets transmitted, 2 packets received"),
        "{out}"
    );
    let out = ok(
        b,
        &[
            "run",
            "--rm",
            "--add-host",
            "gw:host-gateway",
            "busybox",
            "ping",
            "-c",
            "1",
            "-W",
            "5",
            "gw",
        ],
    );
    assert!(out.contains("1 packets received"), "{out}");
    // Without host-gateway the gateway reaches nothing: unanswered.
    let o = run(
        b,
        &[
            "run", "--rm", "busybox", "ping", "-c", "1", "-W", "1", "10.0.2.2",
        ],
    );
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("0 packets received"), "{}", o.stdout);
}
both!(
    ping_through_the_hosts_ping_sockets,
    root_pass_ping_through_the_hosts_ping_sockets,
    ping
);

/// The forwarder re-reads its resolv.conf when it changes: a running container's
/// queries go to the new nameserver (as after the host switched networks).
fn dns_follows_resolv_conf(b: &Berth) {
    let first = Resolver::start(&[("which.test", Ipv4Addr::new(10, 1, 1, 1))]);
    let second = Resolver::start(&[("which.test", Ipv4Addr::new(10, 2, 2, 2))]);
    let conf = first.resolv_conf(&b.dir);
    let env = [("BERTH_RESOLV_CONF", conf.to_str().unwrap())];
    let o = run_env(
        b,
        &env,
        &["run", "-d", "--name", "dnsc", "busybox", "sleep", "300"],
        60,
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let ask = || {
        ok(
            b,
            &["exec", "dnsc", "timeout", "20", "nslookup", "which.test"],
        )
    };
    assert!(ask().contains("Address: 10.1.1.1"));
    // Rewritten in place with a later modification time.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&conf, format!("nameserver 127.0.0.1#{}\n", second.port)).unwrap();
    let out = ask();
    assert!(out.contains("Address: 10.2.2.2"), "{out}");
    ok(b, &["rm", "-f", "dnsc"]);
}
both!(
    dns_forwarder_follows_resolv_conf,
    root_pass_dns_forwarder_follows_resolv_conf,
    dns_follows_resolv_conf
);

/// An idle connection with keepalive probing (1 s, 3 probes, as Go and many database
/// drivers do, only slower) stays up: the translator answers the container's probes.
fn keepalive(b: &Berth) {
    let v = netprobe_volume();
    let out = ok(
        b,
        &[
            "run",
            "--rm",
            "-v",
            &v,
            "busybox",
            "/netprobe",
            "tcp-idle",
            PEER,
            "7",
            "6",
            "alive",
        ],
    );
    assert_eq!(out, "alive", "{out}");
}
both!(
    keepalive_probes_are_answered,
    root_pass_keepalive_probes_are_answered,
    keepalive
);

/// IPv6 where the host has it (the peer's veth gives the host an IPv6 address): the
/// container has fd00:10:0:2::100/64 and a default route, and reaches the peer's
/// IPv6 address over TCP, UDP and ping.
fn ipv6(b: &Berth) {
    let v = netprobe_volume();
    if !std::path::Path::new("/proc/net/if_inet6").exists() {
        // A kernel without IPv6: the container has none either.
        let out = ok(
            b,
            &[
                "run", "--rm", "busybox", "ip", "-6", "addr", "show", "dev", "eth0",
            ],
        );
        assert!(!out.contains("fd00:10:0:2::100"), "{out}");
        return;
    }
    let script = format!(
        "ip -6 addr show dev eth0 | grep -o 'fd00:10:0:2::100/64'; \
         /netprobe tcp {PEER6} {ECHO} six; echo; /netprobe udp {PEER6} {ECHO} udp6; \
         ping -c 1 -W 5 {PEER6} | grep -o '1 packets received'"
    );
    let out = ok(
        b,
        &["run", "--rm", "-v", &v, "busybox", "sh", "-c", &script],
    );
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["fd00:10:0:2::100/64", "six", "udp6", "1 packets received"],
        "{out}"
    );
}
both!(ipv6_to_the_peer, root_pass_ipv6_to_the_peer, ipv6);
