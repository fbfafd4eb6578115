//! Published ports of the default network, as a user checks them: TCP and UDP, on
//! loopback and on every address, ranges, `-P` with an image's EXPOSE, the client address
//! the container sees (a non-loopback client: the peer namespace 10.231.0.2 calls back),
//! `port`/`ps`/inspect, what a killed supervisor leaves listening, a port in use and
//! malformed arguments. Each test runs rootless (as the test user) and, as
//! `root_pass_*`, as root. Traffic goes only to loopback and to the peer namespace.

mod common;
#[macro_use]
#[path = "common/net.rs"]
mod net;
use common::*;
use net::*;
use std::net::{TcpListener, UdpSocket};

fn published_tcp_loopback(b: &Berth) {
    let port = free_port();
    let spec = format!("127.0.0.1:{port}:80");
    ok(b, &["run", "-d", "--name", "web", "-p", &spec, "web"]);
    let addr = format!("127.0.0.1:{port}");
    assert_eq!(http_get_soon(&addr, "/"), "berth web fixture\n");
    // Loopback clients are spliced into the container's own loopback: it sees
    // 127.0.0.1. More connections than the sockets handed over at start: the rest
    // are made by a fork that joins the container's namespaces.
    for _ in 0..20 {
        let who = http_get(&addr, "/cgi-bin/remote").expect("an answer");
        assert!(who.starts_with("[::ffff:127.0.0.1] "), "{who}");
    }
    assert_eq!(
        ok(b, &["port", "web"]),
        format!("80/tcp -> 127.0.0.1:{port}\n")
    );
    assert_eq!(ok(b, &["port", "web", "80"]), format!("127.0.0.1:{port}\n"));
    assert_eq!(
        ok(b, &["port", "web", "80/tcp"]),
        format!("127.0.0.1:{port}\n")
    );
    assert_eq!(
        ok(b, &["ps", "--format", "{{.Ports}}"]).trim(),
        // The image also exposes 7/udp, unpublished: docker lists it too.
        format!("7/udp, 127.0.0.1:{port}->80/tcp")
    );
    assert_eq!(
        inspect(b, "{{json .NetworkSettings.Ports}}", "web"),
        format!(r#"{{"7/udp":null,"80/tcp":[{{"HostIp":"127.0.0.1","HostPort":"{port}"}}]}}"#)
    );
    // Bound to 127.0.0.1 only: the peer, on the host's other address, is refused.
    let reply = peer_call(&format!(
        "tcp {PEER_HOST_SIDE} {port} GET / HTTP/1.0\\r\\n\\r\\n"
    ))
    .unwrap();
    assert_eq!(reply, "ERROR ECONNREFUSED\n");
    ok(b, &["rm", "-f", "web"]);
    assert!(port_free(port), "port {port} still taken after rm -f");
}
both!(
    published_tcp_port_on_loopback,
    root_pass_published_tcp_port_on_loopback,
    published_tcp_loopback
);

fn published_tcp_all(b: &Berth) {
    let port = free_port();
    ok(
        b,
        &[
            "run",
            "-d",
            "--name",
            "web",
            "-p",
            &format!("{port}:80"),
            "web",
        ],
    );
    assert_eq!(
        http_get_soon(&format!("127.0.0.1:{port}"), "/"),
        "berth web fixture\n"
    );
    assert_eq!(
        http_get_soon(&format!("[::1]:{port}"), "/"),
        "berth web fixture\n"
    );
    let ports = ok(b, &["port", "web"]);
    assert_eq!(
        ports,
        format!("80/tcp -> 0.0.0.0:{port}\n80/tcp -> [::]:{port}\n")
    );
    // A client that is not on the host's loopback: the peer (10.231.0.2) connects to
    // the host's side of its veth. The container sees the client's real address.
    let reply = peer_call(&format!(
        "tcp {PEER_HOST_SIDE} {port} GET /cgi-bin/remote HTTP/1.0\\r\\n\\r\\n"
    ))
    .unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    // busybox httpd listens on :: and writes IPv4 clients v4-mapped.
    assert!(body(&reply).starts_with("[::ffff:10.231.0.2] "), "{reply}");
}
both!(
    published_port_shows_the_clients_address,
    root_pass_published_port_shows_the_clients_address,
    published_tcp_all
);

/// A free port p with p+1 free as well.
fn free_pair() -> u16 {
    for _ in 0..50 {
        let p = free_port();
        if p < u16::MAX && port_free(p + 1) {
            return p;
        }
    }
    panic!("no two consecutive free ports");
}

fn published_range(b: &Berth) {
    let p = free_pair();
    let v = netprobe_volume();
    let spec = format!("127.0.0.1:{p}-{}:8080-8081", p + 1);
    ok(
        b,
        &[
            "run",
            "-d",
            "--name",
            "ranged",
            "-p",
            &spec,
            "-v",
            &v,
            "web",
            "sh",
            "-c",
            "httpd -p 8080 -h /www && exec /netprobe tcp-serve 8081",
        ],
    );
    wait_log(b, "ranged", "listening");
    assert_eq!(
        http_get_soon(&format!("127.0.0.1:{p}"), "/"),
        "berth web fixture\n"
    );
    let ports = ok(b, &["port", "ranged"]);
    assert_eq!(
        ports,
        format!(
            "8080/tcp -> 127.0.0.1:{p}\n8081/tcp -> 127.0.0.1:{}\n",
            p + 1
        )
    );
    let o = run(
        b,
        &[
            "run",
            "--rm",
            "--network",
            "host",
            "-v",
            &v,
            "busybox",
            "/netprobe",
            "tcp",
            "127.0.0.1",
            &(p + 1).to_string(),
            "ranged",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.ends_with("\nranged"), "{}", o.stdout);
}
both!(
    published_port_range,
    root_pass_published_port_range,
    published_range
);

fn published_udp(b: &Berth) {
    let port = free_port();
    let v = netprobe_volume();
    ok(
        b,
        &[
            "run",
            "-d",
            "--name",
            "udp",
            "-p",
            &format!("{port}:7/udp"),
            "-v",
            &v,
            "busybox",
            "/netprobe",
            "udp-serve",
            "7",
        ],
    );
    wait_log(b, "udp", "listening");
    let reply = udp_ask(&format!("127.0.0.1:{port}"), "from-loopback")
        .unwrap_or_else(|| panic!("no UDP answer on 127.0.0.1:{port}"));
    assert!(reply.ends_with(" from-loopback"), "{reply}");
    let reply = peer_call(&format!("udp {PEER_HOST_SIDE} {port} from-peer")).unwrap();
    assert!(
        reply.starts_with("10.231.0.2 ") && reply.ends_with(" from-peer"),
        "{reply}"
    );
    let ports = ok(b, &["port", "udp"]);
    assert!(
        ports.contains(&format!("7/udp -> 0.0.0.0:{port}\n")),
        "{ports}"
    );
}
both!(
    published_udp_port,
    root_pass_published_udp_port,
    published_udp
);

fn publish_all(b: &Berth) {
    let v = netprobe_volume();
    ok(
        b,
        &[
            "run",
            "-d",
            "--name",
            "pall",
            "-P",
            "--expose",
            "9000",
            "-v",
            &v,
            "web",
            "sh",
            "-c",
            "httpd -p 80 -h /www && exec /netprobe udp-serve 7",
        ],
    );
    wait_log(b, "pall", "listening");
    let ports = ok(b, &["port", "pall"]);
    let http = published(&ports, "80/tcp");
    let udp = published(&ports, "7/udp");
    published(&ports, "9000/tcp");
    assert_eq!(
        http_get_soon(&format!("127.0.0.1:{http}"), "/"),
        "berth web fixture\n"
    );
    let reply = udp_ask(&format!("127.0.0.1:{udp}"), "exposed").expect("a UDP answer");
    assert!(reply.ends_with(" exposed"), "{reply}");
}
both!(
    publish_all_exposed_ports,
    root_pass_publish_all_exposed_ports,
    publish_all
);

fn killed_supervisor(b: &Berth) {
    // Detached: the monitor is the container's parent.
    let (tport, uport) = (free_port(), free_port());
    ok(
        b,
        &[
            "run",
            "-d",
            "--name",
            "kill9",
            "-p",
            &format!("127.0.0.1:{tport}:80"),
            "-p",
            &format!("127.0.0.1:{uport}:7/udp"),
            "web",
        ],
    );
    http_get_soon(&format!("127.0.0.1:{tport}"), "/");
    assert!(
        !port_free(tport) && !udp_port_free(uport),
        "the ports should be bound"
    );
    let pid: u32 = inspect(b, "{{.State.Pid}}", "kill9").parse().unwrap();
    let monitor = parent_of(pid);
    assert!(
        processes_of(b).contains(&monitor),
        "the parent of {pid}, {monitor}, is not a berth process of this store"
    );
    // SAFETY: kill(2) with a positive pid we just checked is this store's monitor.
    assert_eq!(unsafe { libc::kill(monitor as i32, libc::SIGKILL) }, 0);
    poll_until(
        "the published ports free after kill -9 of the monitor",
        || port_free(tport) && udp_port_free(uport),
    );
    poll_until("no process left of the container", || {
        process_state(pid).is_none_or(|s| s == 'Z') && processes_of(b).is_empty()
    });
    wait_for(b, "kill9", "{{.State.Running}}", "false");

    // Foreground: the CLI itself supervises.
    let port = free_port();
    let mut child = cmd(
        b,
        &["run", "--rm", "-p", &format!("127.0.0.1:{port}:80"), "web"],
    )
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .spawn()
    .unwrap();
    http_get_soon(&format!("127.0.0.1:{port}"), "/");
    child.kill().unwrap();
    child.wait().unwrap();
    poll_until("the published port free after kill -9 of the CLI", || {
        port_free(port)
    });
    poll_until("no process left of the store", || {
        processes_of(b).is_empty()
    });
}
both!(
    killed_supervisor_leaves_no_listener,
    root_pass_killed_supervisor_leaves_no_listener,
    killed_supervisor
);

/// Nothing created, nothing running, nothing listening after a refused `run`.
fn nothing_left(b: &Berth, what: &str) {
    assert_eq!(ok(b, &["ps", "-aq"]), "", "{what}: a container was left");
    let names = std::fs::read_dir(b.store_path("names")).map_or(0, |d| d.count());
    assert_eq!(names, 0, "{what}: a name was left reserved");
    assert_eq!(processes_of(b), Vec::<u32>::new(), "{what}: processes left");
}

fn port_in_use(b: &Berth) {
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let busy_port = busy.local_addr().unwrap().port();
    let busy_udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let busy_udp_port = busy_udp.local_addr().unwrap().port();
    let free = free_port();
    for (detach, taken, spec) in [
        (true, busy_port, format!("127.0.0.1:{busy_port}:81")),
        (false, busy_port, format!("127.0.0.1:{busy_port}:81")),
        (
            true,
            busy_udp_port,
            format!("127.0.0.1:{busy_udp_port}:7/udp"),
        ),
    ] {
        let mut args = vec!["run", "--name", "busy"];
        args.push(if detach { "-d" } else { "--rm" });
        let first = format!("127.0.0.1:{free}:80");
        args.extend(["-p", &first, "-p", &spec, "web"]);
        let o = run(b, &args);
        assert_eq!(o.code, 125, "{args:?}: {}{}", o.stdout, o.stderr);
        assert!(
            o.stderr.contains(&taken.to_string()),
            "{args:?}: {}",
            o.stderr
        );
        // The port bound before the failing one is closed again by the time run exits.
        assert!(port_free(free), "{args:?}: port {free} left listening");
        nothing_left(b, &format!("{args:?}"));
    }
    // The name was never taken.
    ok(
        b,
        &[
            "run",
            "--rm",
            "--name",
            "busy",
            "--network",
            "none",
            "busybox",
            "true",
        ],
    );
}
both!(
    port_in_use_is_refused_before_start,
    root_pass_port_in_use_is_refused_before_start,
    port_in_use
);

#[test]
fn malformed_network_arguments_are_refused() {
    if !ready("malformed_network_arguments_are_refused") {
        return;
    }
    let b = Berth::user("net-badargs");
    load(&b);
    // Malformed flags are usage errors of run and create alike; a missing container or
    // network is found when the container starts (docker's create accepts them).
    for (args, needle, also_create) in [
        (&["-p", "abc"][..], "abc", true),
        (&["-p", "70000:80"], "70000", true),
        (&["-p", "8080:80/xyz"], "xyz", true),
        (&["-p", "1.2.3.4.5:8080:80"], "1.2.3.4.5", true),
        (&["--add-host", "nocolon"], "nocolon", true),
        (&["--add-host", "h:notanip"], "notanip", true),
        (&["--network", "container:nosuch"], "nosuch", false),
        (&["--network", "nosuchnet"], "nosuchnet", false),
    ] {
        for cmd in ["run", "create"] {
            if cmd == "create" && !also_create {
                continue;
            }
            let mut full = vec![cmd];
            full.extend_from_slice(args);
            full.extend(["busybox", "true"]);
            let o = run(&b, &full);
            assert_eq!(o.code, 125, "{full:?}: {}{}", o.stdout, o.stderr);
            assert!(o.stderr.contains(needle), "{full:?}: {}", o.stderr);
            nothing_left(&b, &format!("{full:?}"));
        }
    }
}

/// A restarting container keeps its published port, and each run's own network
/// answers on it (the listener stays with the monitor, the device is the new run's).
fn restart_keeps_port(b: &Berth) {
    let port = free_port();
    let spec = format!("127.0.0.1:{port}:80");
    ok(
        b,
        &[
            "run",
            "-d",
            "--name",
            "rs",
            "--restart",
            "always",
            "-p",
            &spec,
            "web",
            "sh",
            "-c",
            "httpd -p 80 -h /www; sleep 1; exit 3",
        ],
    );
    let addr = format!("127.0.0.1:{port}");
    assert_eq!(http_get_soon(&addr, "/"), "berth web fixture\n");
    poll_until("a restart", || {
        inspect(b, "{{.RestartCount}}", "rs")
            .parse::<u32>()
            .unwrap_or(0)
            >= 2
    });
    assert_eq!(http_get_soon(&addr, "/"), "berth web fixture\n");
    ok(b, &["rm", "-f", "rs"]);
    assert!(port_free(port), "port {port} still taken after rm -f");
}
both!(
    restarting_container_keeps_its_port,
    root_pass_restarting_container_keeps_its_port,
    restart_keeps_port
);
