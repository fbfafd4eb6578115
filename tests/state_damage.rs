//! State that tells the truth under races, full disks and damage: start racing rm -f,
//! zombie supervisors, containers removed while stopped, a store on a full disk,
//! damaged records, leaked scratch, and input that must never panic.

mod common;
use common::*;
use std::time::{Duration, Instant};

/// Host pids whose command line contains `marker`.
fn pids_with(marker: &str) -> Vec<i32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        let cmd = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
        let state = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
        let zombie = state
            .rsplit_once(')')
            .is_some_and(|(_, r)| r.trim_start().starts_with('Z'));
        if cmd.contains(marker) && !zombie {
            out.push(pid);
        }
    }
    out
}

/// Wait (5 s at most) until no process has `marker` in its command line.
fn no_process_left(marker: &str) -> Vec<i32> {
    let end = Instant::now() + Duration::from_secs(5);
    loop {
        let p = pids_with(marker);
        if p.is_empty() || Instant::now() > end {
            return p;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn concurrent_start_and_rm_force_on_one_name() {
    let b = busybox("race-rm-par");
    for i in 0..10 {
        let marker = format!("8{i:03}2{}", std::process::id() % 1000);
        b.ok(&["create", "--name", "racer", "busybox", "sleep", &marker]);
        let start = b.cmd(&["start", "racer"]).spawn().unwrap();
        // Let the start get going, at varying depths.
        std::thread::sleep(Duration::from_millis(5 * i as u64));
        let rm = b.cmd(&["rm", "-f", "racer"]).output().unwrap();
        let _ = start.wait_with_output();
        assert_eq!(
            rm.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&rm.stderr)
        );
        if b.ok(&["ps", "-aq"]).is_empty() {
            let left = no_process_left(&marker);
            assert!(left.is_empty(), "round {i}: {left:?} runs with no record");
        } else {
            b.ok(&["rm", "-f", "racer"]);
            assert!(no_process_left(&marker).is_empty());
        }
    }
}

#[test]
fn zombie_supervisor_is_dead() {
    let b = busybox("zombie");
    let mut child = b
        .cmd(&["run", "--name", "zed", "busybox", "sleep", "30"])
        .spawn()
        .unwrap();
    wait_for(&b, "zed", "{{.State.Status}}", "running");
    // Kill the foreground supervisor and do not reap it: a zombie, as under a pid 1 that
    // reaps slowly. It is dead; its container went with it.
    // SAFETY: killing our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    std::thread::sleep(Duration::from_millis(300));
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", child.id())).unwrap();
    assert!(stat.contains(") Z "), "{stat}");
    wait_for(&b, "zed", "{{.State.Status}}", "exited");
    assert!(!b.ok(&["ps"]).contains("zed"));
    assert_eq!(b.ok(&["rm", "zed"]), "zed\n");
    let _ = child.wait();
}

#[test]
fn stop_and_rm_of_an_exiting_rm_container_succeed() {
    let b = busybox("rm-exiting");
    let script = "trap 'exit 0' TERM; while :; do sleep 0.05; done";
    for i in 0..4 {
        let name = format!("auto{i}");
        b.ok(&[
            "run", "--rm", "-d", "--name", &name, "busybox", "sh", "-c", script,
        ]);
        let o = b.run(&["stop", &name]);
        assert_eq!(
            (o.code, o.stdout.as_str()),
            (0, format!("{name}\n").as_str()),
            "{}",
            o.stderr
        );
        // Gone (the monitor removed it), or going: never "reading ...container.json".
        for _ in 0..100 {
            if b.ok(&["ps", "-aq"]).is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(b.ok(&["ps", "-aq"]), "");
    }
    for i in 0..4 {
        let name = format!("autorm{i}");
        b.ok(&[
            "run", "--rm", "-d", "--name", &name, "busybox", "sh", "-c", script,
        ]);
        let o = b.run(&["rm", "-f", &name]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert!(!o.stderr.contains("container.json"), "{}", o.stderr);
        assert_eq!(b.ok(&["ps", "-aq"]), "");
    }
}

#[test]
fn the_loser_of_two_rm_force_gets_no_such_container() {
    let b = busybox("rm-rm");
    for i in 0..6 {
        b.ok(&["run", "-d", "--name", "twice", "busybox", "sleep", "300"]);
        let kids: Vec<_> = (0..2)
            .map(|_| {
                b.cmd(&["rm", "-f", "twice"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outs: Vec<_> = kids
            .into_iter()
            .map(|k| k.wait_with_output().unwrap())
            .collect();
        let removed = outs.iter().filter(|o| o.stdout == b"twice\n").count();
        assert!(removed >= 1, "round {i}");
        for o in &outs {
            let err = String::from_utf8_lossy(&o.stderr);
            // docker: rm -f of a missing container reports it and exits 0.
            assert_eq!(o.status.code(), Some(0), "round {i}: {err}");
            if o.stdout.is_empty() {
                assert_eq!(err, "Error: No such container: twice\n", "round {i}");
            }
        }
        assert_eq!(b.ok(&["ps", "-aq"]), "");
    }
    // Without -f a missing container is still a failure.
    let o = b.run(&["rm", "twice"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error: No such container: twice\n")
    );
}
