//! The network settings around the translator: `--network` modes, the /etc files
//! each mode gets, `-p`/`--expose`/`--dns*`/`--add-host` as recorded and refused,
//! `port`, `ps` PORTS and inspect's NetworkSettings, exec and `container:` namespaces.

mod common;
use common::*;

fn host_ns(kind: &str) -> String {
    std::fs::read_link(format!("/proc/self/ns/{kind}"))
        .unwrap()
        .display()
        .to_string()
}

/// exec joins exactly the namespaces the container has of its own: with the host's
/// network too (which the container's user namespace cannot join: EPERM before).
fn exec_in_every_mode(b: Berth) {
    for mode in ["bridge", "none", "host"] {
        let name = format!("ex-{mode}");
        b.ok(&[
            "run",
            "-d",
            "--name",
            &name,
            "--network",
            mode,
            "busybox",
            "sleep",
            "1000",
        ]);
        let out = b.ok(&[
            "exec",
            &name,
            "sh",
            "-c",
            "for f in self/ns/net 1/ns/net self/ns/pid 1/ns/pid; do readlink /proc/$f; done",
        ]);
        let l: Vec<&str> = out.lines().collect();
        assert_eq!(l.len(), 4, "{out}");
        assert_eq!(l[0], l[1], "{mode}: exec is in the container's network");
        assert_eq!(
            l[2], l[3],
            "{mode}: exec is in the container's pid namespace"
        );
        assert_eq!(l[0] == host_ns("net"), mode == "host", "{mode}: {out}");
        b.ok(&["rm", "-f", &name]);
    }
}

#[test]
fn exec_joins_the_namespaces_of_every_mode() {
    exec_in_every_mode(busybox("net-exec"));
}

#[test]
fn root_pass_exec_joins_the_namespaces_of_every_mode() {
    if let Some(b) = Berth::root("net-exec-root") {
        b.load("busybox.tar");
        exec_in_every_mode(b);
    }
}

/// `--network container:X`: the new container is in X's network namespace (a server
/// X listens with on its loopback answers it), exec into it joins that namespace, and a
/// target that does not run is refused with docker's words.
fn join_another_containers_network(b: Berth) {
    b.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo hello-from-web | nc -l -p 8080; sleep 1000",
    ]);
    poll_until("web's listener", || {
        b.run(&["exec", "web", "sh", "-c", "netstat -ltn | grep -q :8080"])
            .code
            == 0
    });
    let web_ns = b.ok(&["exec", "web", "readlink", "/proc/self/ns/net"]);
    let out = b.ok(&[
        "run",
        "--rm",
        "--network",
        "container:web",
        "busybox",
        "sh",
        "-c",
        "readlink /proc/self/ns/net; nc 127.0.0.1 8080 </dev/null",
    ]);
    assert_eq!(out, format!("{web_ns}hello-from-web\n"));
    // Its record names the target by full id; exec joins the shared namespace.
    let web_id = b.ok(&["inspect", "-f", "{{.Id}}", "web"]);
    b.ok(&[
        "run",
        "-d",
        "--name",
        "side",
        "--network",
        "container:web",
        "busybox",
        "sleep",
        "1000",
    ]);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.HostConfig.NetworkMode}}", "side"]),
        format!("container:{web_id}")
    );
    assert_eq!(
        b.ok(&["exec", "side", "readlink", "/proc/self/ns/net"]),
        web_ns
    );
    // X's hostname and /etc files.
    let out = b.ok(&["exec", "side", "sh", "-c", "hostname; cat /etc/hostname"]);
    assert_eq!(out, format!("{0}\n{0}\n", &web_id.trim()[..12]));
    b.ok(&["rm", "-f", "side"]);
    b.ok(&["stop", "-t", "0", "web"]);
    let o = b.run(&[
        "run",
        "--rm",
        "--network",
        "container:web",
        "busybox",
        "true",
    ]);
    assert_eq!(
        (o.code, o.stderr.trim()),
        (
            125,
            format!(
                "Error: cannot join network of a non running container: {}",
                web_id.trim()
            )
            .as_str()
        )
    );
}

#[test]
fn container_network_mode() {
    join_another_containers_network(busybox("net-join"));
}

#[test]
fn root_pass_container_network_mode() {
    if let Some(b) = Berth::root("net-join-root") {
        b.load("busybox.tar");
        join_another_containers_network(b);
    }
}
