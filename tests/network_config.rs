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
