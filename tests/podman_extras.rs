//! podman's common extras, so scripts written for podman run too: `rm --all --ignore
//! --time`, `stop/kill/restart --all`, `stop --ignore`, `ps --external`, `container
//! exists`, `image exists`, `system reset`, `run --cgroups`; and docker's global flags `-D`, `-l`,
//! `--config`, `-H`, `-c`.

mod common;
use common::*;

fn names(b: &Berth) -> String {
    b.ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"])
}

#[test]
fn all_and_ignore_flags() {
    let b = busybox("podman-all");
    for n in ["one", "two"] {
        b.ok(&[
            "run",
            "-d",
            "--network",
            "none",
            "--name",
            n,
            "busybox",
            "sleep",
            "300",
        ]);
    }
    b.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "idle",
        "busybox",
        "true",
    ]);
    // kill --all: every running container, by id; the created one stays as it is.
    let out = b.ok(&["kill", "--all"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    poll_until("both killed", || {
        let n = names(&b);
        n.contains("one exited") && n.contains("two exited")
    });
    assert!(names(&b).contains("idle created"));
    // restart --all starts every container again, the created one included.
    b.ok(&["restart", "-a", "-t", "0"]);
    let n = names(&b);
    assert!(
        n.contains("one running") && n.contains("two running") && n.contains("idle"),
        "{n}"
    );
    // stop --all stops the running ones; --ignore skips a name that does not exist.
    let out = b.ok(&["stop", "--all", "-t", "0"]);
    assert!(out.lines().count() >= 2, "{out}");
    assert!(!names(&b).contains("running"), "{}", names(&b));
    let o = b.run(&["stop", "--ignore", "nope", "one"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "one\n"), "{}", o.stderr);
    let o = b.run(&["stop", "nope"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    // rm: --ignore, then --all (-f for the running one), -t with -f stops first.
    let o = b.run(&["rm", "-i", "nope"]);
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (0, "", ""));
    b.ok(&["start", "one"]);
    let o = b.run(&["rm", "-f", "-t", "0", "one"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "one\n"), "{}", o.stderr);
    b.ok(&["start", "two"]);
    let o = b.run(&["rm", "--all"]);
    assert_eq!(o.code, 1, "a running container needs -f: {}", o.stderr);
    assert!(names(&b).contains("two running"));
    b.ok(&["rm", "-a", "-f"]);
    assert_eq!(names(&b), "");
    // Without a name and without --all: a usage error, as before.
    assert_ne!(b.run(&["rm"]).code, 0);
    assert_ne!(b.run(&["stop"]).code, 0);
}

#[test]
fn exists_and_external() {
    let b = busybox("podman-exists");
    b.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "here",
        "busybox",
        "true",
    ]);
    for (args, code) in [
        (&["container", "exists", "here"][..], 0),
        (&["container", "exists", "gone"], 1),
        (&["image", "exists", "busybox"], 0),
        (&["image", "exists", "busybox:latest"], 0),
        (&["image", "exists", "nothere:1"], 1),
    ] {
        let o = b.run(args);
        assert_eq!(
            (o.code, o.stdout.as_str()),
            (code, ""),
            "{args:?}: {}",
            o.stderr
        );
    }
    assert!(b.ok(&["ps", "--external", "-a"]).contains("here"));
}

#[test]
fn system_reset_asks_first() {
    let b = busybox("podman-reset");
    b.ok(&[
        "run",
        "-d",
        "--network",
        "none",
        "--name",
        "r1",
        "busybox",
        "sleep",
        "300",
    ]);
    // End of input answers no: nothing removed, exit 0, the question on stdout.
    let o = b.run(&["system", "reset"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout
            .contains("Are you sure you want to continue? [y/N]"),
        "{}",
        o.stdout
    );
    assert!(names(&b).contains("r1 running"));
    assert!(b.ok(&["images", "-q"]).lines().count() > 0);
    b.ok(&["system", "reset", "-f"]);
    assert_eq!(names(&b), "");
    assert_eq!(b.ok(&["images", "-q"]), "");
}

#[test]
fn docker_global_flags() {
    let b = busybox("global-flags");
    let dir = b.host_dir("cfg");
    let cfg = dir.to_str().unwrap();
    for args in [
        &["-D", "ps"][..],
        &["--debug", "ps"],
        &["-l", "info", "ps"],
        &["--log-level", "error", "ps"],
        &["--config", cfg, "ps"],
        &["-H", "unix:///var/run/docker.sock", "ps"],
        &["--context", "default", "ps"],
    ] {
        let o = b.run(args);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
        assert!(
            o.stdout.starts_with("CONTAINER ID"),
            "{args:?}: {}",
            o.stdout
        );
    }
    for (args, words) in [
        (
            &["-H", "tcp://127.0.0.1:2375", "ps"][..],
            "remote hosts are not supported",
        ),
        (&["-c", "remote", "ps"], "context \"remote\" does not exist"),
        (&["-l", "loud", "ps"], "Unable to parse logging level: loud"),
    ] {
        let o = b.run(args);
        assert_ne!(o.code, 0, "{args:?}");
        assert!(o.stderr.contains(words), "{args:?}: {}", o.stderr);
        assert!(o.stdout.is_empty(), "{args:?}: {}", o.stdout);
    }
}

/// podman's `--cgroups`: disabled runs without a cgroup (and refuses limits), the other
/// modes are accepted; an unknown mode is a usage error.
#[test]
fn cgroups_modes() {
    let b = busybox("cgroups-modes");
    for m in ["enabled", "disabled", "no-conmon", "split"] {
        assert_eq!(
            b.ok(&["run", "--rm", "--cgroups", m, "busybox", "echo", m]),
            format!("{m}\n")
        );
    }
    let o = b.run(&["run", "--rm", "--cgroups", "bogus", "busybox", "true"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    let o = b.run(&[
        "run",
        "--rm",
        "--cgroups=disabled",
        "-m",
        "64m",
        "busybox",
        "true",
    ]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            125,
            "Error: --memory: cannot set resource limits with --cgroups=disabled\n"
        )
    );
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    // podman's global --cgroup-manager.
    assert_eq!(
        b.ok(&[
            "--cgroup-manager",
            "cgroupfs",
            "run",
            "--rm",
            "busybox",
            "echo",
            "ok"
        ]),
        "ok\n"
    );
    let o = b.run(&["--cgroup-manager", "bogus", "ps"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
}
