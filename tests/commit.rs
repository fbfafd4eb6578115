//! `diff` and `commit`: a container's changes as docker lists them and as a new image,
//! rootless and as root.

mod common;
use common::*;

fn diff_and_commit(b: Berth) {
    b.ok(&[
        "run",
        "--name",
        "ch",
        "-e",
        "X=1",
        "busybox",
        "sh",
        "-c",
        "echo hi > /newfile; rm /bin/ls; mkdir -p /tmp/d; touch /tmp/d/f; chown 1000:1000 /newfile",
    ]);
    // The runtime's /etc mount points are not changes (docker keeps them in its init layer).
    assert_eq!(
        b.ok(&["diff", "ch"]),
        "C /bin\nD /bin/ls\nA /newfile\nC /tmp\nA /tmp/d\nA /tmp/d/f\n"
    );
    assert_eq!(b.ok(&["container", "diff", "ch"]), b.ok(&["diff", "ch"]));
    let out = b.ok(&[
        "commit",
        "-m",
        "my msg",
        "-a",
        "me <me@x>",
        "-c",
        "CMD [\"echo\",\"done\"]",
        "-c",
        "ENV Y=2",
        "ch",
        "committed:1",
    ]);
    let id = out.trim();
    assert!(id.starts_with("sha256:") && id.len() == 71, "{out}");
    assert_eq!(
        b.ok(&["images", "-q", "--no-trunc", "committed:1"]).trim(),
        id
    );
    assert_eq!(
        b.ok(&["inspect", "-f", "{{json .Config.Env}} {{json .Config.Cmd}} {{.Author}}|{{.Comment}}", "committed:1"]),
        "[\"X=1\",\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"Y=2\"] [\"echo\",\"done\"] me <me@x>|my msg\n"
    );
    assert_eq!(b.ok(&["run", "--rm", "committed:1"]), "done\n");
    assert_eq!(
        b.ok(&["run", "--rm", "committed:1", "sh", "-c", "cat /newfile; stat -c '%u:%g' /newfile; test -e /bin/ls || echo ls-gone; test -f /tmp/d/f && echo kept"]),
        "hi\n1000:1000\nls-gone\nkept\n"
    );
    let hist = b.ok(&[
        "history",
        "--format",
        "{{.CreatedBy}}|{{.Comment}}",
        "--no-trunc",
        "committed:1",
    ]);
    assert_eq!(
        hist.lines().next().unwrap(),
        "sh -c echo hi > /newfile; rm /bin/ls; mkdir -p /tmp/d; touch /tmp/d/f; chown 1000:1000 /newfile|my msg"
    );
    // A running container is paused while it is read, and runs on after.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "live",
        "busybox",
        "sh",
        "-c",
        "echo x > /f; sleep 1000",
    ]);
    poll_until("live wrote /f", || b.ok(&["diff", "live"]).contains("A /f"));
    b.ok(&["commit", "live"]);
    // Reading a running container's files unpaused is not safe: berth pauses anyway.
    let o = b.run(&["commit", "--pause=false", "live"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("--pause=false ignored"), "{}", o.stderr);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.Status}}", "live"]),
        "running\n"
    );
    b.ok(&["rm", "-f", "live"]);
    for args in [&["commit", "nope", "x"][..], &["diff", "nope"]] {
        let o = b.run(args);
        assert_eq!(
            (o.code, o.stderr.as_str()),
            (1, "Error: No such container: nope\n"),
            "{args:?}"
        );
    }
}

#[test]
fn diff_and_commit_rootless() {
    diff_and_commit(busybox("commit"));
}

#[test]
fn root_pass_diff_and_commit() {
    if let Some(b) = Berth::root("commit-root") {
        b.load("busybox.tar");
        diff_and_commit(b);
    }
}

#[test]
fn keep_id_containers_have_no_separate_changes() {
    let b = busybox("commit-vfs");
    b.ok(&[
        "run", "--name", "kid", "--userns", "keep-id", "busybox", "true",
    ]);
    let o = b.run(&["diff", "kid"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("needs an overlay storage driver"),
        "{}",
        o.stderr
    );
}
