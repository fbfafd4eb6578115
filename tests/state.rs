//! Container state: create/start/wait, ps, inspect, rm, logs, names (including the
//! concurrent reservation race), and stale records.

mod common;
use common::*;

#[test]
fn create_start_wait_ps_inspect_rm() {
    lifecycle(busybox("lifecycle"));
}

#[test]
fn root_pass_lifecycle() {
    let Some(b) = Berth::root("root-lifecycle") else {
        return;
    };
    b.load("busybox.tar");
    lifecycle(b);
}

fn lifecycle(b: Berth) {
    let id = b
        .ok(&[
            "create",
            "--name",
            "web",
            "-e",
            "A=1",
            "busybox",
            "sh",
            "-c",
            "echo started; exit 3",
        ])
        .trim()
        .to_string();
    assert_eq!(id.len(), 64);
    let ps = b.ok(&["ps", "-a"]);
    let lines: Vec<&str> = ps.lines().collect();
    assert!(
        lines[0].starts_with("CONTAINER ID   IMAGE     COMMAND"),
        "{ps}"
    );
    assert!(
        lines[0].contains("CREATED")
            && lines[0].contains("STATUS")
            && lines[0].contains("PORTS")
            && lines[0].ends_with("NAMES"),
        "{ps}"
    );
    assert!(
        // docker: the command unquoted, cut to 19 characters and an ellipsis, in quotes.
        lines[1].starts_with(&id[..12]) && lines[1].contains("\"sh -c echo started;…\""),
        "{ps}"
    );
    assert!(
        lines[1].contains("Created") && lines[1].ends_with("web"),
        "{ps}"
    );
    assert_eq!(
        b.ok(&["ps"]).lines().count(),
        1,
        "ps without -a lists running only"
    );

    let o = b.run(&["start", "-a", "web"]);
    assert_eq!((o.code, o.stdout.as_str()), (3, "started\n"));
    assert_eq!(b.ok(&["wait", "web"]), "3\n");
    let ps = b.ok(&["ps", "-a"]);
    assert!(ps.contains("Exited (3) "), "{ps}");

    let v: serde_json::Value = serde_json::from_str(&b.ok(&["inspect", "web"])).unwrap();
    let c = &v[0];
    assert_eq!(c["Id"], id);
    assert_eq!(c["Name"], "/web");
    assert_eq!(c["Path"], "sh");
    assert_eq!(c["Args"], serde_json::json!(["-c", "echo started; exit 3"]));
    assert_eq!(c["State"]["Status"], "exited");
    assert_eq!(c["State"]["Running"], false);
    assert_eq!(c["State"]["ExitCode"], 3);
    assert_eq!(c["State"]["OOMKilled"], false);
    assert!(c["State"]["StartedAt"].as_str().unwrap().starts_with("20"));
    assert!(c["State"]["FinishedAt"].as_str().unwrap().starts_with("20"));
    assert_eq!(c["Config"]["Image"], "busybox");
    assert!(c["Config"]["Env"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e == "A=1"));
    assert!(c["Image"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(c["HostConfig"]["NetworkMode"], "bridge");
    assert!(c["GraphDriver"]["Data"]["UpperDir"].is_string());
    assert!(c["Mounts"].is_array());
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{.State.ExitCode}} {{.Config.Hostname}}",
            "web"
        ]),
        format!("3 {}\n", &id[..12])
    );

    // The log survives the run.
    assert_eq!(b.ok(&["logs", "web"]), "started\n");
    // -q, --no-trunc, -n, -l
    assert_eq!(b.ok(&["ps", "-aq"]).trim(), &id[..12]);
    assert_eq!(b.ok(&["ps", "-aq", "--no-trunc"]).trim(), id);
    b.ok(&["create", "--name", "second", "busybox", "true"]);
    assert_eq!(b.ok(&["ps", "-q", "-l"]).lines().count(), 1);
    assert_eq!(b.ok(&["ps", "-q", "-n", "2"]).lines().count(), 2);

    // rm echoes names; missing ones are reported and exit 1 while the rest go.
    let o = b.run(&["rm", "web", "nosuch", "second"]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stdout, "web\nsecond\n");
    assert!(
        o.stderr.contains("No such container: nosuch"),
        "{}",
        o.stderr
    );
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    // The upper dir with mapped-id files is gone too.
    assert_eq!(
        std::fs::read_dir(b.store_path("containers"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn start_detached_and_rm_force() {
    let b = busybox("detached");
    b.ok(&["create", "--name", "bg", "busybox", "sleep", "30"]);
    assert_eq!(b.ok(&["start", "bg"]), "bg\n");
    let ps = b.ok(&["ps"]);
    assert!(ps.contains("Up ") && ps.contains("bg"), "{ps}");
    let o = b.run(&["rm", "bg"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("is running"), "{}", o.stderr);
    assert_eq!(b.ok(&["rm", "-f", "bg"]), "bg\n");
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    // run -d prints the full id and the container runs.
    let id = b
        .ok(&[
            "run",
            "-d",
            "--name",
            "dd",
            "busybox",
            "sh",
            "-c",
            "echo bg-out; sleep 30",
        ])
        .trim()
        .to_string();
    assert_eq!(id.len(), 64);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.Running}}", "dd"]),
        "true\n"
    );
    for _ in 0..50 {
        if b.ok(&["logs", "dd"]) == "bg-out\n" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(b.ok(&["logs", "dd"]), "bg-out\n");
    b.ok(&["rm", "-f", "dd"]);
}

#[test]
fn missing_containers_and_name_conflicts() {
    let b = busybox("names");
    for cmd in [
        vec!["start", "nosuch"],
        vec!["rm", "nosuch"],
        vec!["logs", "nosuch"],
        vec!["wait", "nosuch"],
    ] {
        let o = b.run(&cmd);
        assert_eq!(o.code, 1, "{cmd:?}");
        assert!(
            o.stderr.contains("No such container: nosuch"),
            "{cmd:?}: {}",
            o.stderr
        );
    }
    let o = b.run(&["inspect", "nosuch"]);
    assert_eq!((o.code, o.stdout.trim()), (1, "[]"));
    b.ok(&["create", "--name", "dup", "busybox", "true"]);
    let o = b.run(&["create", "--name", "dup", "busybox", "true"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("is already in use"), "{}", o.stderr);
    let o = b.run(&["run", "--name", "dup", "busybox", "true"]);
    assert_eq!(o.code, 125);
    assert_eq!(
        b.run(&["create", "--name", "bad/name", "busybox", "true"])
            .code,
        1
    );
    assert_eq!(b.ok(&["ps", "-aq"]).lines().count(), 1);
}

#[test]
fn concurrent_runs_with_one_name_exactly_one_wins() {
    let b = busybox("race");
    let children: Vec<_> = (0..8)
        .map(|_| {
            b.cmd(&["run", "--name", "xx", "busybox", "true"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let codes: Vec<i32> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap().status.code().unwrap())
        .collect();
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{codes:?}");
    assert!(codes.iter().all(|c| *c == 0 || *c == 125), "{codes:?}");
    assert_eq!(b.ok(&["ps", "-aq"]).lines().count(), 1);
    // And many different containers at once keep the store consistent.
    let children: Vec<_> = (0..8)
        .map(|i| {
            b.cmd(&["run", "--name", &format!("c{i}"), "busybox", "true"])
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        assert!(c.wait_with_output().unwrap().status.success());
    }
    assert_eq!(b.ok(&["ps", "-aq"]).lines().count(), 9);
}

#[test]
fn dead_supervisor_is_reconciled() {
    let b = busybox("reconcile");
    let mut child = b
        .cmd(&["run", "--name", "orphan", "busybox", "sleep", "30"])
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if b.run(&["inspect", "-f", "{{.State.Status}}", "orphan"])
            .stdout
            .trim()
            == "running"
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SIGKILL the foreground CLI: the container dies with it (PDEATHSIG) and the record
    // must not say "running" forever.
    // setpriv execs berth in place, so the spawned pid is berth itself.
    let pid = child.id();
    // SAFETY: killing our own test process tree.
    unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    let _ = child.wait();
    let mut status = String::new();
    for _ in 0..100 {
        status = b
            .ok(&["inspect", "-f", "{{.State.Status}}", "orphan"])
            .trim()
            .to_string();
        if status == "exited" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(status, "exited");
    assert!(!b.ok(&["ps"]).contains("orphan"));
}

#[test]
fn ps_format_and_filters() {
    let b = busybox("ps-format");
    b.ok(&[
        "create", "--name", "cr", "--label", "tier=db", "busybox", "true",
    ]);
    assert_eq!(
        b.run(&["run", "--name", "ex", "busybox", "sh", "-c", "exit 3"])
            .code,
        3
    );
    b.ok(&[
        "run", "-d", "--name", "up", "--label", "tier=web", "busybox", "sleep", "100",
    ]);
    // One line per container from a template; plain ps lists running ones only.
    assert_eq!(
        b.ok(&["ps", "--format", "{{.Names}} {{.State}}"]),
        "up running\n"
    );
    assert_eq!(
        b.ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"]),
        "up running\nex exited\ncr created\n"
    );
    let st = b.ok(&["ps", "-a", "-f", "name=ex", "--format", "{{.Status}}"]);
    assert!(
        st.starts_with("Exited (3) ") && st.ends_with(" ago\n"),
        "{st}"
    );
    // json: one object per line with docker's keys.
    let j: serde_json::Value = serde_json::from_str(&b.ok(&["ps", "--format", "json"])).unwrap();
    assert_eq!(j["Names"], "up");
    assert_eq!(j["Command"], "\"sleep 100\"");
    assert_eq!(j["Labels"], "tier=web");
    assert_eq!(j["ID"].as_str().unwrap().len(), 12);
    assert!(
        j["CreatedAt"].as_str().unwrap().ends_with(" +0000 UTC"),
        "{j}"
    );
    // table: docker's headers, aligned (tabwriter: columns at least 10 wide).
    assert_eq!(
        b.ok(&[
            "ps",
            "-a",
            "--format",
            "table {{.Names}}\\t{{.Image}}",
            "-f",
            "label=tier"
        ]),
        "NAMES     IMAGE\nup        busybox\ncr        busybox\n"
    );
    // Filters: a status filter sees every container; same keys OR, different keys AND.
    let names = |args: &[&str]| {
        let mut a = vec!["ps", "--format", "{{.Names}}"];
        a.extend_from_slice(args);
        b.ok(&a)
    };
    assert_eq!(names(&["-f", "status=exited"]), "ex\n");
    assert_eq!(
        names(&["-f", "status=exited", "-f", "status=created"]),
        "ex\ncr\n"
    );
    assert_eq!(names(&["-a", "-f", "label=tier=db"]), "cr\n");
    assert_eq!(names(&["-a", "-f", "exited=3"]), "ex\n");
    assert_eq!(
        names(&["-a", "-f", "label=tier", "-f", "status=running"]),
        "up\n"
    );
    assert_eq!(
        names(&["-a", "-f", "ancestor=busybox", "-f", "name=c"]),
        "cr\n"
    );
    let o = b.run(&["ps", "-f", "color=blue"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("invalid filter 'color'"), "{}", o.stderr);
}

#[test]
fn rm_leaves_nothing_behind() {
    let b = busybox("rm-trees");
    // Files of the container's root (the user's own id outside), an unreadable dir among
    // them, and files of a mapped id (uid 1000) that only the storage child may remove.
    b.ok(&[
        "run",
        "--name",
        "own",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /tmp/a/b && touch /tmp/a/b/f && mkdir -m 000 /tmp/locked",
    ]);
    b.ok(&[
        "run",
        "--name",
        "mapped",
        "-u",
        "1000",
        "busybox",
        "sh",
        "-c",
        "mkdir /tmp/m && touch /tmp/m/f && chmod 000 /tmp/m",
    ]);
    b.ok(&["run", "--rm", "busybox", "mkdir", "-m", "0", "/tmp/gone"]);
    b.ok(&["rm", "own", "mapped"]);
    let left: Vec<_> = std::fs::read_dir(b.store_path("containers"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
