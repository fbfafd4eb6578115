//! `stats`: docker's columns and `--format`, figures that follow what the containers do
//! (from /proc: the CI hosts delegate no cgroup).

mod common;
use common::*;

fn pct(s: &str) -> f64 {
    s.trim_end_matches('%').parse().unwrap()
}

#[test]
fn stats_columns_and_figures() {
    let b = busybox("stats");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "busy",
        "busybox",
        "sh",
        "-c",
        "while :; do :; done",
    ]);
    b.ok(&[
        "run",
        "-d",
        "--name",
        "three",
        "busybox",
        "sh",
        "-c",
        "sleep 1000 & sleep 1000 & wait",
    ]);
    b.ok(&[
        "run",
        "-d",
        "--name",
        "hostpid",
        "--pid",
        "host",
        "busybox",
        "sh",
        "-c",
        "sleep 1000 & wait",
    ]);
    b.ok(&["create", "--name", "idle", "busybox", "true"]);
    poll_until("three has its processes", || {
        b.ok(&["stats", "--no-stream", "--format", "{{.PIDs}}", "three"]) == "3\n"
    });
    let out = b.ok(&["stats", "--no-stream"]);
    let mut lines = out.lines();
    assert_eq!(
        lines
            .next()
            .unwrap()
            .split("   ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>(),
        [
            "CONTAINER ID",
            "NAME",
            "CPU %",
            "MEM USAGE / LIMIT",
            "MEM %",
            "NET I/O",
            "BLOCK I/O",
            "PIDS"
        ]
    );
    // Running ones only, without -a.
    let names: Vec<&str> = lines
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["busy", "hostpid", "three"]);
    let row = |name: &str| -> serde_json::Value {
        serde_json::from_str(&b.ok(&["stats", "--no-stream", "--format", "{{json .}}", name]))
            .unwrap()
    };
    let busy = row("busy");
    assert!(pct(busy["CPUPerc"].as_str().unwrap()) > 10.0, "{busy}");
    assert_eq!(busy["PIDs"], "1");
    assert_eq!(busy["Container"], "busy");
    assert_eq!(busy["Name"], "busy");
    let mem = busy["MemUsage"].as_str().unwrap();
    let (used, limit) = mem.split_once(" / ").unwrap();
    assert!(used.ends_with("KiB") || used.ends_with("MiB"), "{mem}");
    assert!(limit.ends_with("GiB") || limit.ends_with("MiB"), "{mem}");
    let three = row("three");
    assert!(pct(three["CPUPerc"].as_str().unwrap()) < 5.0, "{three}");
    assert_eq!(three["PIDs"], "3");
    // On the host's pid namespace: its process and its children.
    assert_eq!(row("hostpid")["PIDs"], "2");
    // A stopped one shows zeros (with -a, or named).
    let idle = row("idle");
    assert_eq!(
        (
            idle["MemUsage"].as_str(),
            idle["PIDs"].as_str(),
            idle["CPUPerc"].as_str()
        ),
        (Some("0B / 0B"), Some("0"), Some("0.00%"))
    );
    let all = b.ok(&["stats", "-a", "--no-stream", "--format", "{{.Name}}"]);
    assert!(all.lines().any(|l| l == "idle"), "{all}");
    let o = b.run(&["stats", "--no-stream", "nope"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("Error: No such container: nope"),
        "{}",
        o.stderr
    );
    b.ok(&["rm", "-f", "busy", "three", "hostpid", "idle"]);
}
