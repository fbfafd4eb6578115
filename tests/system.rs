//! `container/image/system prune`, `system df`, `info`, `events`: what a user reads and
//! what is left afterwards.

mod common;
use common::*;
use std::io::Write;
use std::process::Stdio;

fn answer(b: &Berth, args: &[&str], input: &str) -> Out {
    let mut c = b.cmd(args);
    c.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut ch = c.spawn().unwrap();
    let _ = ch.stdin.take().unwrap().write_all(input.as_bytes());
    let o = ch.wait_with_output().unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn names(b: &Berth) -> Vec<String> {
    let mut v: Vec<String> = b
        .ok(&["ps", "-a", "--format", "{{.Names}}"])
        .lines()
        .map(String::from)
        .collect();
    v.sort();
    v
}

#[test]
fn prune_asks_reports_and_keeps_what_is_used() {
    let b = busybox("prune");
    b.ok(&["create", "--name", "stopped", "busybox", "true"]);
    b.ok(&[
        "run",
        "--name",
        "exited",
        "busybox",
        "sh",
        "-c",
        "head -c 5000 /dev/zero > /junk",
    ]);
    b.ok(&["run", "-d", "--name", "running", "busybox", "sleep", "1000"]);
    b.ok(&[
        "create", "--name", "labelled", "--label", "keep=yes", "busybox", "true",
    ]);

    // End of input answers no: nothing removed, exit 0, the question on stdout.
    let o = answer(&b, &["container", "prune"], "");
    assert_eq!(o.code, 0);
    assert_eq!(
        o.stdout,
        "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] "
    );
    let o = answer(&b, &["container", "prune"], "n\n");
    assert_eq!(o.code, 0);
    assert_eq!(names(&b).len(), 4);

    // Filters: label!=keep spares the labelled one.
    let o = answer(
        &b,
        &["container", "prune", "--filter", "label!=keep"],
        "y\n",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let ids: Vec<String> = o.stdout.lines().skip(2).take(2).map(String::from).collect();
    assert!(o.stdout.starts_with(
        "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] Deleted Containers:\n"
    ), "{}", o.stdout);
    assert!(
        o.stdout.ends_with("\nTotal reclaimed space: 5kB\n"),
        "{}",
        o.stdout
    );
    assert_eq!(
        ids.iter().filter(|i| i.len() == 64).count(),
        2,
        "{}",
        o.stdout
    );
    assert_eq!(names(&b), ["labelled", "running"]);
    // until= a time before it was created keeps it.
    let o = b.run(&[
        "container",
        "prune",
        "-f",
        "--filter",
        "until=2000-01-01T00:00:00Z",
    ]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "Total reclaimed space: 0B\n")
    );
    assert_eq!(names(&b), ["labelled", "running"]);
    let o = b.run(&["container", "prune", "-f", "--filter", "nope=1"]);
    assert_eq!(o.code, 1);

    // Images: dangling only without -a; never one a container uses.
    b.ok(&["tag", "busybox", "second:tag"]);
    let o = b.run(&["image", "prune", "-f"]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "Total reclaimed space: 0B\n")
    );
    let dir = b.host_dir("fs");
    let tarball = dir.join("fs.tar").display().to_string();
    b.ok(&["export", "-o", &tarball, "running"]);
    let dangling = b.ok(&["import", &tarball]).trim().to_string();
    let o = b.run(&["image", "prune", "-f"]);
    assert_eq!(o.code, 0);
    assert!(
        o.stdout.starts_with(&format!(
            "Deleted Images:\ndeleted: {dangling}\n\nTotal reclaimed space: "
        )),
        "{}",
        o.stdout
    );
    assert!(
        !o.stdout.ends_with(" 0B\n"),
        "its layer is its own: {}",
        o.stdout
    );
    let o = answer(&b, &["image", "prune", "-a"], "");
    assert_eq!(
        o.stdout,
        "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] "
    );
    // busybox is used by containers: kept, with both its tags.
    let o = b.run(&["image", "prune", "-a", "-f"]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "Total reclaimed space: 0B\n")
    );
    assert_eq!(
        b.ok(&["images", "--format", "{{.Repository}}"])
            .lines()
            .count(),
        2
    );
    b.ok(&["import", &tarball, "unused:1"]);

    // system prune: docker's question; then containers and images in one report.
    let o = answer(&b, &["system", "prune", "-a", "--filter", "until=1h"], "");
    assert_eq!(o.stdout, "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all images without at least one container associated to them\n  - all build cache\n\n  Items to be pruned will be filtered with:\n  - until=1h\n\nAre you sure you want to continue? [y/N] ");
    let o = b.run(&["system", "prune", "-a", "-f"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let labelled = b.ok(&["inspect", "-f", "{{.Id}}", "running"]);
    assert!(
        o.stdout.starts_with("Deleted Containers:\n"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("\n\nDeleted Images:\nuntagged: unused:1\ndeleted: sha256:"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("\nTotal reclaimed space: "),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains(labelled.trim()));
    assert_eq!(names(&b), ["running"]);
    // Used by the running container: busybox stays, with its tags.
    assert_eq!(
        b.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
            .lines()
            .count(),
        2
    );
}
