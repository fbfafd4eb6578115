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
