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
fn run_and_rm_loops_on_one_name_leave_no_process_behind() {
    let b = busybox("run-rm-loop");
    let marker = format!("6{}3", std::process::id() % 10000);
    std::thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..12 {
                let _ = b.run(&["run", "-d", "--name", "loop", "busybox", "sleep", &marker]);
            }
        });
        s.spawn(|| {
            for i in 0..24 {
                std::thread::sleep(Duration::from_millis(10 * (i % 4)));
                let o = b.run(&["rm", "-f", "loop"]);
                assert_eq!(o.code, 0, "{}", o.stderr);
                assert!(!o.stderr.contains("os error"), "{}", o.stderr);
            }
        });
    });
    let _ = b.run(&["rm", "-f", "loop"]);
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    let left = no_process_left(&marker);
    assert!(left.is_empty(), "{left:?} run with no record");
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

/// A small tmpfs mounted as a store's root, usable by the test user; unmounted on drop.
struct SmallDisk {
    at: std::path::PathBuf,
}

impl SmallDisk {
    fn mount(b: &Berth, size: &str) -> Option<SmallDisk> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipping: mounting a tmpfs needs root");
            return None;
        }
        let at = b.store_path("");
        std::fs::create_dir_all(&at).unwrap();
        let (uid, gid) = user_ids(b.user);
        let st = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!("size={size},uid={uid},gid={gid},mode=0700"))
            .arg("tmpfs")
            .arg(&at)
            .status()
            .unwrap();
        assert!(st.success(), "mount tmpfs");
        Some(SmallDisk { at })
    }

    fn available(&self) -> u64 {
        let s = nix::sys::statvfs::statvfs(&self.at).unwrap();
        s.blocks_available() as u64 * s.fragment_size() as u64
    }

    /// Wait until (nearly) nothing is left.
    fn wait_full(&self) {
        for _ in 0..200 {
            if self.available() < 64 * 1024 {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the disk did not fill: {} bytes left", self.available());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let ok = std::process::Command::new("umount")
            .arg(&self.at)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(&self.at)
                .status();
        }
    }
}

#[test]
fn a_full_disk_records_exits_and_removes() {
    let b = Berth::user("full-disk");
    let Some(disk) = SmallDisk::mount(&b, "16m") else {
        return;
    };
    // Bound again after the disk: dropped (its containers removed) before the unmount.
    let b = b;
    b.load("busybox.tar");
    let fill = "dd if=/dev/zero of=/big bs=64k; exit 3";
    b.ok(&["run", "-d", "--name", "fill", "busybox", "sh", "-c", fill]);
    // Its exit is recorded (in place: there is no room for a new file) and listed.
    assert_eq!(b.ok(&["wait", "fill"]), "3\n");
    disk.wait_full();
    let ps = b.ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.starts_with("fill Exited (3) "), "{ps}");
    assert_eq!(b.ok(&["rm", "-f", "fill"]), "fill\n");
    // A running container that filled the disk is removed too, and with it its files.
    let hog = "dd if=/dev/zero of=/big bs=64k; sleep 300";
    b.ok(&["run", "-d", "--name", "hog", "busybox", "sh", "-c", hog]);
    disk.wait_full();
    assert_eq!(b.ok(&["ps", "--format", "{{.Names}}"]), "hog\n");
    let o = b.run(&["rm", "-f", "hog"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "hog\n"), "{}", o.stderr);
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    let left: Vec<_> = std::fs::read_dir(b.store_path("containers"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(std::fs::read_dir(b.store_path("names")).unwrap().count(), 0);
    assert!(disk.available() > 8 << 20, "{}", disk.available());
}

/// Overwrite a store file in place (keeping its owner, the test user).
fn damage(path: &std::path::Path, data: &[u8]) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .unwrap();
    f.write_all(data).unwrap();
}

fn container_file(b: &Berth, name: &str, file: &str) -> std::path::PathBuf {
    let id = b.ok(&["inspect", "-f", "{{.Id}}", name]);
    b.store_path("containers").join(id.trim()).join(file)
}

#[test]
fn damaged_container_records_are_listed_checked_and_removed() {
    let b = busybox("damaged-ctr");
    let tag = std::process::id() % 10000;
    let (m1, m2) = (format!("9{tag}1"), format!("9{tag}2"));
    b.ok(&["run", "-d", "--name", "fine", "busybox", "sleep", "300"]);
    b.ok(&["run", "-d", "--name", "st", "busybox", "sleep", &m1]);
    b.ok(&["run", "-d", "--name", "rc", "busybox", "sleep", &m2]);
    let state = container_file(&b, "st", "state.json");
    let text = std::fs::read(&state).unwrap();
    damage(&state, &text[..10]);
    damage(&container_file(&b, "rc", "container.json"), b"{not json");
    // Listed, with a clear status; the others are untouched.
    let ps = b.ok(&["ps", "-a", "--format", "{{.Names}}: {{.Status}}"]);
    assert!(ps.contains("st: Dead (damaged record)"), "{ps}");
    assert!(ps.contains("rc: Dead (damaged record)"), "{ps}");
    assert!(ps.contains("fine: Up "), "{ps}");
    assert_eq!(b.ok(&["ps", "--format", "{{.Names}}"]), "fine\n");
    // The name stays taken.
    assert_eq!(
        b.run(&["create", "--name", "st", "busybox", "true"]).code,
        1
    );
    // Damage is reported, one line each, exit 1.
    let o = b.run(&["system", "check"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(o.stdout.lines().count(), 2, "{}", o.stdout);
    assert!(o.stdout.contains("(st): damaged record"), "{}", o.stdout);
    assert!(o.stdout.contains("(rc): damaged record"), "{}", o.stdout);
    // inspect says why.
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.Status}} {{.Name}}", "rc"]),
        "dead /rc\n"
    );
    let err = b.ok(&["inspect", "-f", "{{.State.Error}}", "st"]);
    assert!(err.starts_with("damaged record: "), "{err}");
    // Its process is still found: rm refuses without -f, and -f kills it.
    let o = b.run(&["rm", "st"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("is running"), "{}", o.stderr);
    assert_eq!(b.ok(&["rm", "-f", "st"]), "st\n");
    assert!(no_process_left(&m1).is_empty());
    // --repair removes the container whose record is gone (and kills what it ran), and
    // a name reserved for no container.
    std::os::unix::fs::symlink("ab".repeat(32), b.store_path("names/ghost")).unwrap();
    let o = b.run(&["system", "check", "--repair"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("(rc): damaged record"), "{}", o.stdout);
    assert!(
        o.stdout
            .contains("name ghost: reserved for no container: repaired"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.lines().all(|l| l.ends_with(": repaired")),
        "{}",
        o.stdout
    );
    assert!(no_process_left(&m2).is_empty());
    let o = b.run(&["system", "check"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    assert_eq!(b.ok(&["ps", "-a", "--format", "{{.Names}}"]), "fine\n");
    b.ok(&["create", "--name", "rc", "busybox", "true"]);
}

#[test]
fn a_damaged_state_is_reset_by_repair() {
    let b = busybox("damaged-state");
    b.ok(&["create", "--name", "keep", "busybox", "true"]);
    damage(&container_file(&b, "keep", "state.json"), b"");
    let o = b.run(&["system", "check", "--repair"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("(keep): damaged record"), "{}", o.stdout);
    // The container (its record was fine) is kept and runs again.
    assert_eq!(b.run(&["start", "-a", "keep"]).code, 0);
}

#[test]
fn damaged_image_records_break_nothing_else() {
    let b = busybox("damaged-img");
    let images = b.store_path("images");
    let good = std::fs::read_dir(&images)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let mut rec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&good).unwrap()).unwrap();
    rec["id"] = "sha256:abc".into();
    rec["repo_tags"] = serde_json::json!([]);
    let bad_id = images.join(format!("{}.json", "ab".repeat(32)));
    let garbage = images.join(format!("{}.json", "cd".repeat(32)));
    for (p, data) in [
        (&bad_id, serde_json::to_vec(&rec).unwrap()),
        (&garbage, b"{\"id\": ".to_vec()),
    ] {
        std::fs::copy(&good, p).unwrap();
        damage(p, &data);
    }
    let o = b.run(&["images"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("busybox "), "{}", o.stdout);
    assert_eq!(o.stdout.matches("<damaged>").count(), 2, "{}", o.stdout);
    assert!(o.stderr.contains("damaged record"), "{}", o.stderr);
    assert_eq!(b.ok(&["images", "-q"]).lines().count(), 3);
    b.ok(&["run", "--rm", "busybox", "true"]);
    let o = b.run(&["rmi", "-f", &"ab".repeat(6)]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!bad_id.exists());
    let o = b.run(&["system", "check"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stdout
            .starts_with(&format!("image {}: damaged record", "cd".repeat(6))),
        "{}",
        o.stdout
    );
    assert_eq!(b.run(&["system", "check", "--repair"]).code, 0);
    assert!(!garbage.exists());
    assert_eq!(b.run(&["system", "check"]).code, 0);
    // Nothing the good image needs was collected on the way.
    b.ok(&["run", "--rm", "busybox", "true"]);
}

/// Start time (field 22 of /proc/PID/stat) of a process.
fn start_time(pid: u32) -> String {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    after.split(' ').nth(19).unwrap().to_string()
}

#[test]
fn stale_scratch_is_cleared_by_the_next_store_lock() {
    let b = busybox("scratch");
    let tmp = b.store_path("tmp");
    let mut dead = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = dead.id();
    dead.wait().unwrap();
    let me = std::process::id();
    let stale = [
        format!("load-{dead_pid}-12345-0123abcd"),
        format!("layer-{me}-1-0123abcd"),
        "blob-0123456789abcdef".to_string(),
    ];
    let kept = [
        format!("load-{me}-{}-89abcdef", start_time(me)),
        "pull".into(),
    ];
    let (uid, gid) = user_ids(b.user);
    for d in stale.iter().chain(kept.iter()) {
        let p = tmp.join(d);
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(p.join("data"), vec![0u8; 1 << 16]).unwrap();
        for f in [p.clone(), p.join("data")] {
            std::os::unix::fs::chown(&f, Some(uid), Some(gid)).unwrap();
        }
    }
    let o = b.run(&["system", "check"]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stdout.lines().count(), 3, "{}", o.stdout);
    assert!(
        o.stdout.lines().all(|l| l.starts_with("scratch ")),
        "{}",
        o.stdout
    );
    // Any command that takes the store lock clears what died, and only that.
    b.ok(&["tag", "busybox", "mine:1"]);
    let mut left: Vec<String> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let mut want = kept.to_vec();
    want.sort();
    assert_eq!(left, want);
    // A load killed half-way leaves nothing once the next one ran.
    let b = Berth::user("scratch-kill");
    for delay in [20, 60, 120] {
        let mut c = b
            .cmd(&["load", "-i", &fixture("busybox.tar")])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = c.kill();
        let _ = c.wait();
    }
    b.load("busybox.tar");
    let left: Vec<_> = std::fs::read_dir(b.store_path("tmp"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn bad_input_is_refused_never_a_panic() {
    let b = busybox("bad-input");
    b.ok(&["create", "--name", "lg", "busybox", "true"]);
    // (args, exit code, the one error line)
    let cases: Vec<(Vec<String>, i32, String)> = [
        ("-1", "since"),
        ("NaN", "since"),
        ("inf", "until"),
        ("1e30", "since"),
        ("9999999999999999999s", "until"),
    ]
    .iter()
    .map(|(v, flag)| {
        (
            vec!["logs".into(), format!("--{flag}={v}"), "lg".into()],
            1,
            format!(
                "Error: invalid value for \"{flag}\": failed to parse value as time or duration: \"{v}\""
            ),
        )
    })
    .chain([
        (
            "run --health-cmd true --health-interval=9999999999999999999s busybox true",
            125,
            "Error: invalid argument \"9999999999999999999s\" for \"--health-interval\" flag: time: invalid duration \"9999999999999999999s\"",
        ),
        (
            "run --health-cmd true --health-timeout=500us busybox true",
            125,
            "Error: Timeout in Healthcheck cannot be less than 1ms",
        ),
        (
            "run --health-cmd true --health-interval=-1s busybox true",
            125,
            "Error: --health-interval cannot be negative",
        ),
        (
            "tag busybox ../x",
            1,
            "Error: Error parsing reference: \"../x\" is not a valid repository/tag: invalid reference format",
        ),
        (
            "run -w relative busybox pwd",
            125,
            "Error: the working directory 'relative' is invalid, it needs to be an absolute path",
        ),
        (
            "run --stop-signal BOGUS busybox true",
            125,
            "Error: Invalid signal: BOGUS",
        ),
        (
            "--log-level bogus ps",
            1,
            "Error: Unable to parse logging level: bogus",
        ),
    ]
    .iter()
    .map(|(a, c, e)| (a.split(' ').map(String::from).collect(), *c, e.to_string())))
    .collect();
    for (args, code, err) in &cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = b.run(&a);
        assert_eq!(
            (o.code, o.stderr.trim_end()),
            (*code, err.as_str()),
            "{a:?}"
        );
    }
    // Names and references over docker's limits.
    let long = "a".repeat(300);
    let o = b.run(&["create", "--name", &long, "busybox", "true"]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    assert!(
        o.stderr.starts_with("Error: Invalid container name"),
        "{}",
        o.stderr
    );
    let o = b.run(&["tag", "busybox", &long]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("repository name must not be more than 255 characters"),
        "{}",
        o.stderr
    );
    // An env var needs a name: a usage error, as docker's flag check.
    b.ok(&["run", "-d", "--name", "ex", "busybox", "sleep", "100"]);
    for cmd in [
        vec!["exec", "-e", "=x", "ex", "env"],
        vec!["run", "-e", "=x", "busybox", "env"],
    ] {
        let o = b.run(&cmd);
        assert_eq!(o.code, 125, "{cmd:?}");
        assert!(
            o.stderr.contains("invalid environment variable: =x"),
            "{}",
            o.stderr
        );
    }
    assert_eq!(b.ok(&["ps", "-aq"]).lines().count(), 2);
    // And should a bug still panic: one line, docker's engine-failure code.
    let o = b
        .cmd(&["ps"])
        .env("BERTH_TEST_PANIC", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(125));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("Error: internal error: ") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn system_check_finds_creations_and_removals_that_died() {
    let b = busybox("half-done");
    let (uid, gid) = user_ids(b.user);
    let ctrs = b.store_path("containers");
    let made = |rel: &str| {
        let d = ctrs.join(rel);
        std::fs::create_dir_all(d.join("upper/x")).unwrap();
        std::fs::write(d.join("lock"), b"").unwrap();
        for p in [
            d.clone(),
            d.join("upper"),
            d.join("upper/x"),
            d.join("lock"),
        ] {
            std::os::unix::fs::chown(&p, Some(uid), Some(gid)).unwrap();
        }
        d
    };
    let (a, c, busy) = ("a".repeat(64), "c".repeat(64), "e".repeat(64));
    made(&format!(".rm-{a}"));
    made(&format!(".new-{c}"));
    let held = made(&format!(".new-{busy}"));
    std::os::unix::fs::symlink(&c, b.store_path("names/half")).unwrap();
    std::os::unix::fs::symlink(&busy, b.store_path("names/busy")).unwrap();
    // A creation in progress holds its staging lock: not damage.
    let lock = std::fs::File::open(held.join("lock")).unwrap();
    let fd = std::os::fd::AsRawFd::as_raw_fd(&lock);
    // SAFETY: flock on an fd this test owns and keeps open; no memory is involved.
    let r = unsafe { libc::flock(fd, libc::LOCK_EX) };
    assert_eq!(r, 0);
    let o = b.run(&["system", "check"]);
    assert_eq!(o.code, 1);
    let mut lines: Vec<&str> = o.stdout.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("container {}: removal left unfinished", &a[..12]),
            format!("container {}: creation left unfinished", &c[..12]),
        ],
        "{}",
        o.stdout
    );
    let o = b.run(&["system", "check", "--repair"]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(
        o.stdout
            .contains("name half: reserved for no container: repaired"),
        "{}",
        o.stdout
    );
    assert_eq!(o.stdout.lines().count(), 3, "{}", o.stdout);
    assert!(held.exists() && b.store_path("names/busy").symlink_metadata().is_ok());
    drop(lock);
    let o = b.run(&["system", "check", "--repair"]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert_eq!(o.stdout.lines().count(), 2, "{}", o.stdout);
    assert_eq!((b.run(&["system", "check"]).code), 0);
    assert_eq!(std::fs::read_dir(&ctrs).unwrap().count(), 0);
}
