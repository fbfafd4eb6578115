//! `--pid`, `--ipc`, `--uts`: namespaces of the container's own, the host's, or another
//! container's — compared by the namespace links a process inside sees, rootless and as
//! root.

mod common;
use common::*;

fn host_ns(kind: &str) -> String {
    std::fs::read_link(format!("/proc/self/ns/{kind}"))
        .unwrap()
        .display()
        .to_string()
}

/// The pid, ipc and uts namespace links of a process inside.
const LINKS: &str = "for k in pid ipc uts; do readlink /proc/self/ns/$k; done";

fn links(out: &str) -> Vec<String> {
    out.lines().map(str::to_string).collect()
}

fn host_modes(b: Berth) {
    let own = links(&b.ok(&["run", "--rm", "busybox", "sh", "-c", LINKS]));
    assert_eq!(own.len(), 3, "{own:?}");
    assert_ne!(own[0], host_ns("pid"));
    assert_ne!(own[1], host_ns("ipc"));
    assert_ne!(own[2], host_ns("uts"));
    let host = links(&b.ok(&[
        "run", "--rm", "--pid", "host", "--ipc", "host", "--uts", "host", "busybox", "sh", "-c",
        LINKS,
    ]));
    assert_eq!(host, [host_ns("pid"), host_ns("ipc"), host_ns("uts")]);
    // The host's processes are visible (this test's own among them), and the host's name.
    let me = std::process::id();
    let out = b.ok(&[
        "run",
        "--rm",
        "--pid",
        "host",
        "--uts",
        "host",
        "busybox",
        "sh",
        "-c",
        &format!("test -d /proc/{me} && echo seen; hostname"),
    ]);
    let host_name = nix::unistd::gethostname().unwrap();
    assert_eq!(out, format!("seen\n{}\n", host_name.to_string_lossy()));
    // docker: the host's /dev/shm with `--ipc host`, none with `--ipc none`.
    let shm = format!("/dev/shm/berth-test-{me}-{}", b.rootless);
    std::fs::write(&shm, "shared\n").unwrap();
    let out = b.run(&["run", "--rm", "--ipc", "host", "busybox", "cat", &shm]);
    let _ = std::fs::remove_file(&shm);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "shared\n"),
        "{}",
        out.stderr
    );
    let out = b.ok(&[
        "run",
        "--rm",
        "--ipc",
        "none",
        "busybox",
        "sh",
        "-c",
        "grep -c ' /dev/shm ' /proc/mounts || true",
    ]);
    assert_eq!(out.trim(), "0");
}

#[test]
fn host_namespaces() {
    host_modes(busybox("ns-host"));
}

#[test]
fn root_pass_host_namespaces() {
    if let Some(b) = Berth::root("ns-host-root") {
        b.load("busybox.tar");
        host_modes(b);
    }
}

fn container_modes(b: Berth) {
    b.ok(&["run", "-d", "--name", "donor", "busybox", "sleep", "1000"]);
    let id = b
        .ok(&["inspect", "-f", "{{.Id}}", "donor"])
        .trim()
        .to_string();
    let donor = links(&b.ok(&["exec", "donor", "sh", "-c", LINKS]));
    let joined = links(&b.ok(&[
        "run",
        "--rm",
        "--pid",
        "container:donor",
        "--ipc",
        "container:donor",
        "--uts",
        "container:donor",
        "busybox",
        "sh",
        "-c",
        LINKS,
    ]));
    assert_eq!(joined, donor);
    // In the donor's pid namespace its process is pid 1, and its name is the donor's.
    let out = b.ok(&[
        "run",
        "--rm",
        "--name",
        "guest",
        "--pid",
        "container:donor",
        "--uts",
        "container:donor",
        "busybox",
        "sh",
        "-c",
        "cat /proc/1/cmdline | tr '\\0' ' '; echo; hostname",
    ]);
    assert_eq!(out, format!("sleep 1000 \n{}\n", &id[..12]));
    // Rootless each container has a user namespace of its own: two containers'
    // namespaces cannot be combined (as root they can).
    b.ok(&["run", "-d", "--name", "other", "busybox", "sleep", "1000"]);
    let out = b.run(&[
        "run",
        "--rm",
        "--network",
        "container:other",
        "--pid",
        "container:donor",
        "busybox",
        "true",
    ]);
    if b.rootless {
        assert_eq!(out.code, 125);
        assert!(
            out.stderr
                .contains("cannot share namespaces of two containers"),
            "{}",
            out.stderr
        );
    } else {
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    b.ok(&["rm", "-f", "other"]);
    // Stored as docker stores them: the full id.
    b.ok(&[
        "create",
        "--name",
        "c2",
        "--pid",
        "container:donor",
        "busybox",
        "true",
    ]);
    let modes = b.ok(&[
        "inspect",
        "-f",
        "{{.HostConfig.PidMode}} {{.HostConfig.IpcMode}} [{{.HostConfig.UTSMode}}]",
        "c2",
    ]);
    assert_eq!(modes.trim(), format!("container:{id} private []"));
    // The donor must be running (docker's words), and exit 125.
    b.ok(&["stop", "-t", "0", "donor"]);
    let out = b.run(&["start", "c2"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("cannot join PID of a non running container: {id}")),
        "{}",
        out.stderr
    );
    let out = b.run(&["run", "--rm", "--ipc", "container:donor", "busybox", "true"]);
    assert_eq!(out.code, 125);
    assert!(
        out.stderr.contains(&format!(
            "can't join IPC of container {id}: container {id} is not running"
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn namespaces_of_another_container() {
    container_modes(busybox("ns-container"));
}

#[test]
fn root_pass_namespaces_of_another_container() {
    if let Some(b) = Berth::root("ns-container-root") {
        b.load("busybox.tar");
        container_modes(b);
    }
}

#[test]
fn bad_modes_are_refused_in_dockers_words() {
    let b = busybox("ns-bad");
    // docker's CLI checks the syntax of --pid/--uts (125), its engine the rest (1).
    for (args, code, msg) in [
        (
            &["--pid", "bogus"][..],
            125,
            "Error: --pid: invalid PID mode",
        ),
        (
            &["--uts", "private"][..],
            125,
            "Error: --uts: invalid UTS mode",
        ),
        (&["--ipc", "bogus"][..], 1, "Error: invalid IPC mode: bogus"),
        (
            &["--pid", "container:nosuch"][..],
            1,
            "Error: No such container: nosuch",
        ),
        (
            &["--uts", "host", "--hostname", "x"][..],
            1,
            "Error: conflicting options: hostname and the UTS mode",
        ),
    ] {
        let mut a = vec!["create"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["busybox", "true"]);
        let out = b.run(&a);
        assert_eq!((out.code, out.stderr.trim()), (code, msg), "{args:?}");
        a[0] = "run";
        let out = b.run(&a);
        assert_eq!((out.code, out.stderr.trim()), (125, msg), "run {args:?}");
    }
    assert_eq!(b.ok(&["ps", "-aq"]), "", "nothing was created");
}
