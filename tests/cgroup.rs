//! cgroup v2 limits, the freezer, cgroup.kill, stats and update — in a real cgroup v2
//! machine. The CI hosts have hybrid cgroups (berth never writes there), so these tests
//! are ignored on the host and run by tests/vm/run.sh (called by scripts/test) inside a
//! QEMU VM whose cgroup v2 subtree is delegated to the test user: cgroupfs leaves under
//! the delegated root, rootless.
mod common;
use common::*;

const VM: &str = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM";

fn vm() {
    assert_eq!(std::env::var("BERTH_CGROUP_VM").as_deref(), Ok("1"), "{VM}");
}

/// A store with busybox: rootless (the test user's delegated subtree), or root's
/// (`/sys/fs/cgroup/berth`) in the VM's root pass.
fn store(name: &str) -> Berth {
    if std::env::var("BERTH_CGROUP_VM_ROOT").as_deref() == Ok("1") {
        let b = Berth::root(name).expect("the VM's root pass runs as root");
        b.load("busybox.tar");
        return b;
    }
    busybox(name)
}

/// The container's leaf on the host, from its process's /proc/PID/cgroup.
fn leaf(b: &Berth, name: &str) -> std::path::PathBuf {
    let pid = b.ok(&["inspect", "-f", "{{.State.Pid}}", name]);
    let cg = std::fs::read_to_string(format!("/proc/{}/cgroup", pid.trim())).unwrap();
    let rel = cg.lines().find_map(|l| l.strip_prefix("0::")).unwrap();
    std::path::Path::new("/sys/fs/cgroup").join(rel.trim_start_matches('/'))
}

fn pid_alive(pid: &str) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

#[test]
#[ignore = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM"]
fn memory_limit_oom_kills_with_137_and_oomkilled() {
    vm();
    let b = store("cg-oom");
    // Within the limit: runs; the container sees its own leaf's limit.
    let out = b.ok(&[
        "run", "--rm", "--network", "none", "-m", "64m", "--memory-swap", "64m",
        "--memory-reservation", "32m", "busybox", "sh", "-c",
        "cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory.low /proc/self/cgroup; dd if=/dev/zero of=/dev/null bs=8M count=2 2>/dev/null && echo fits",
    ]);
    assert_eq!(out, "67108864\n33554432\n0::/\nfits\n");
    let o = b.run(&[
        "run",
        "--name",
        "oom",
        "--network",
        "none",
        "-m",
        "64m",
        "--memory-swap",
        "64m",
        "busybox",
        "dd",
        "if=/dev/zero",
        "of=/dev/null",
        "bs=160M",
        "count=1",
    ]);
    assert_eq!(o.code, 137, "{}", o.stderr);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}} {{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}", "oom"]),
        "true 137 67108864 67108864\n"
    );
    // docker's "oom" event, before "die".
    let ev = b.ok(&[
        "events",
        "--since",
        "5m",
        "--until",
        "0s",
        "--filter",
        "container=oom",
        "--format",
        "{{.Action}}",
    ]);
    let actions: Vec<&str> = ev.lines().filter(|a| *a == "oom" || *a == "die").collect();
    assert_eq!(actions, ["oom", "die"], "{ev}");
    // Detached (the monitor watches memory.events): the same; a child killed by the OOM
    // killer while init survives still marks the container.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "oomd",
        "--network",
        "none",
        "-m",
        "32m",
        "busybox",
        "sh",
        "-c",
        "dd if=/dev/zero of=/dev/null bs=100M count=1; echo child-died; exit 3",
    ]);
    assert_eq!(
        wait_for(&b, "oomd", "{{.State.Status}}", "exited"),
        "exited"
    );
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{.State.OOMKilled}} {{.State.ExitCode}}",
            "oomd"
        ]),
        "true 3\n"
    );
    let logs = b.ok(&["logs", "oomd"]);
    assert!(logs.contains("child-died"), "{logs}");
    // A clean exit is not an OOM kill.
    b.ok(&["rm", "-f", "oom", "oomd"]);
    b.ok(&[
        "run",
        "--name",
        "fine",
        "--network",
        "none",
        "-m",
        "64m",
        "busybox",
        "true",
    ]);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.OOMKilled}}", "fine"]),
        "false\n"
    );
}

#[test]
#[ignore = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM"]
fn pids_limit_stops_fork() {
    vm();
    let b = store("cg-pids");
    let o = b.run(&[
        "run", "--rm", "--network", "none", "--pids-limit", "8", "busybox", "sh", "-c",
        "cat /sys/fs/cgroup/pids.max; i=0; while [ $i -lt 20 ]; do sleep 3 & i=$((i+1)); done; wait",
    ]);
    assert!(o.stdout.starts_with("8\n"), "{}", o.stdout);
    assert!(o.stderr.contains("can't fork"), "{}", o.stderr);
    // exec's command counts, berth's relay does not (as runc exec): init + one exec'd
    // process fit in 2; a third does not.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "two",
        "--network",
        "none",
        "--pids-limit",
        "2",
        "busybox",
        "sleep",
        "300",
    ]);
    assert_eq!(b.ok(&["exec", "two", "echo", "in"]), "in\n");
    let o = b.run(&["exec", "two", "sh", "-c", "sleep 1 & wait"]);
    assert!(o.stderr.contains("can't fork"), "{}", o.stderr);
    b.ok(&["rm", "-f", "two"]);
}

#[test]
#[ignore = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM"]
fn cpu_max_throttles_and_weight_is_set() {
    vm();
    let b = store("cg-cpu");
    let out = b.ok(&[
        "run", "--rm", "--network", "none", "--cpus", "0.5", "--cpu-shares", "512",
        "busybox", "sh", "-c",
        "cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/cpu.weight; timeout 2 sh -c 'while :; do :; done'; grep nr_throttled /sys/fs/cgroup/cpu.stat",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..2], ["50000 100000", "20"], "{out}");
    let throttled: u64 = lines[2].split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(throttled > 0, "{out}");
    let out = b.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--cpu-quota",
        "20000",
        "--cpu-period",
        "50000",
        "busybox",
        "cat",
        "/sys/fs/cgroup/cpu.max",
    ]);
    assert_eq!(out, "20000 50000\n");
}

#[test]
#[ignore = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM"]
fn io_max_and_cpuset_are_applied() {
    vm();
    let b = store("cg-io");
    let majmin = std::fs::read_to_string("/sys/block/vda/dev").expect("the VM's disk");
    let out = b.ok(&[
        "run", "--rm", "--network", "none", "--device-read-bps", "/dev/vda:1mb",
        "--device-write-iops", "/dev/vda:100", "--cpuset-cpus", "0", "--cpuset-mems", "0",
        "busybox", "sh", "-c",
        "cat /sys/fs/cgroup/io.max /sys/fs/cgroup/cpuset.cpus; grep Cpus_allowed_list /proc/self/status",
    ]);
    assert_eq!(
        out,
        format!(
            "{} rbps=1048576 wbps=max riops=max wiops=100\n0\nCpus_allowed_list:\t0\n",
            majmin.trim()
        )
    );
    assert_eq!(
        b.ok(&[
            "create",
            "--name",
            "io",
            "--device-read-bps",
            "/dev/vda:1mb",
            "busybox",
            "true"
        ])
        .len(),
        65
    );
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{json .HostConfig.BlkioDeviceReadBps}}",
            "io"
        ]),
        "[{\"Path\":\"/dev/vda\",\"Rate\":1048576}]\n"
    );
}

#[test]
#[ignore = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM"]
fn pause_freezes_without_stopping_and_rm_force_leaves_nothing() {
    vm();
    let b = store("cg-freeze");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "frz",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "sleep 300 & setsid sleep 300 & while :; do date +%s%N > /tmp/tick; usleep 20000; done",
    ]);
    let dir = leaf(&b, "frz");
    poll_until("three processes in the leaf", || {
        std::fs::read_to_string(dir.join("cgroup.procs")).is_ok_and(|p| p.lines().count() >= 3)
    });
    let pids: Vec<String> = std::fs::read_to_string(dir.join("cgroup.procs"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    b.ok(&["pause", "frz"]);
    let events = std::fs::read_to_string(dir.join("cgroup.events")).unwrap();
    assert!(events.contains("frozen 1"), "{events}");
    for p in &pids {
        let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
        let state = stat.rsplit_once(") ").map(|(_, r)| &r[..1]).unwrap_or("?");
        assert_ne!(state, "T", "frozen, not stopped: {stat}");
    }
    let tick = || b.ok(&["cp", "frz:/tmp/tick", "-"]);
    let before = tick();
    std::thread::sleep(std::time::Duration::from_millis(600));
    assert_eq!(tick(), before, "the loop ran while paused");
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.Status}}", "frz"]),
        "paused\n"
    );
    b.ok(&["unpause", "frz"]);
    assert!(std::fs::read_to_string(dir.join("cgroup.events"))
        .unwrap()
        .contains("frozen 0"));
    poll_until("the loop to run again", || tick() != before);
    // Paused again, then removed: cgroup.kill takes every process, the leaf goes.
    b.ok(&["pause", "frz"]);
    b.ok(&["rm", "-f", "frz"]);
    for p in &pids {
        assert!(!pid_alive(p), "process {p} survived rm -f");
    }
    poll_until("the leaf to go", || !dir.exists());
}

#[test]
#[ignore = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM"]
fn update_changes_live_limits_and_exec_joins_the_leaf() {
    vm();
    let b = store("cg-update");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "up",
        "--network",
        "none",
        "-m",
        "64m",
        "--pids-limit",
        "50",
        "busybox",
        "sleep",
        "300",
    ]);
    assert_eq!(
        b.ok(&[
            "exec",
            "up",
            "cat",
            "/sys/fs/cgroup/memory.max",
            "/sys/fs/cgroup/pids.max",
            "/proc/self/cgroup"
        ]),
        "67108864\n50\n0::/\n"
    );
    assert_eq!(
        b.ok(&[
            "update",
            "--memory",
            "128m",
            "--cpus",
            "1",
            "--pids-limit",
            "100",
            "--restart",
            "on-failure",
            "up"
        ]),
        "up\n"
    );
    assert_eq!(
        b.ok(&[
            "exec",
            "up",
            "cat",
            "/sys/fs/cgroup/memory.max",
            "/sys/fs/cgroup/pids.max",
            "/sys/fs/cgroup/cpu.max"
        ]),
        "134217728\n100\n100000 100000\n"
    );
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}", "up"]),
        "134217728 1000000000 100 on-failure\n"
    );
    // docker's checks still apply; nothing changes on a refused update.
    let o = b.run(&["update", "--memory", "4m", "up"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("Minimum memory limit allowed is 6MB"),
        "{}",
        o.stderr
    );
    assert_eq!(
        b.ok(&["exec", "up", "cat", "/sys/fs/cgroup/memory.max"]),
        "134217728\n"
    );
    // stats reads the leaf: the limit, not the host's memory.
    let s = b.ok(&[
        "stats",
        "--no-stream",
        "--format",
        "{{.Name}} {{.MemUsage}} {{.PIDs}}",
        "up",
    ]);
    assert!(s.starts_with("up ") && s.contains(" / 128MiB "), "{s}");
    b.ok(&["rm", "-f", "up"]);
}

#[test]
#[ignore = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM"]
fn info_and_doctor_report_the_delegation() {
    vm();
    let b = store("cg-info");
    assert_eq!(
        b.ok(&[
            "info",
            "--format",
            "{{.CgroupDriver}} {{.CgroupVersion}} {{.MemoryLimit}} {{.PidsLimit}} {{.CPUSet}}"
        ]),
        "cgroupfs 2 true true true\n"
    );
    // podman's --cgroup-manager: systemd needs a user session bus (the VM has none).
    let o = b.run(&[
        "--cgroup-manager",
        "systemd",
        "run",
        "--rm",
        "-m",
        "64m",
        "busybox",
        "true",
    ]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(
        o.stderr.contains("--cgroup-manager systemd: "),
        "{}",
        o.stderr
    );
    assert_eq!(
        b.ok(&[
            "--cgroup-manager",
            "cgroupfs",
            "run",
            "--rm",
            "-m",
            "64m",
            "busybox",
            "cat",
            "/sys/fs/cgroup/memory.max"
        ]),
        "67108864\n"
    );
    let text = b.ok(&["info"]);
    assert!(
        text.contains(" Cgroup Controllers: cpuset cpu io memory pids\n")
            || text.contains(" Cgroup Controllers: cpu"),
        "{text}"
    );
}

#[test]
#[ignore = "needs a delegated cgroup v2 tree: run by tests/vm/run.sh in a VM"]
fn cgroup_parent_places_the_leaf_inside_the_delegated_tree() {
    vm();
    let b = store("cg-parent");
    let id = b.ok(&[
        "run",
        "-d",
        "--name",
        "par",
        "--network",
        "none",
        "--cgroup-parent",
        "ci/jobs",
        "-m",
        "64m",
        "busybox",
        "sleep",
        "300",
    ]);
    let dir = leaf(&b, "par");
    assert_eq!(dir.file_name().unwrap().to_str().unwrap(), id.trim());
    assert!(
        dir.parent().unwrap().ends_with("ci/jobs"),
        "{}",
        dir.display()
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("memory.max")).unwrap(),
        "67108864\n"
    );
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.HostConfig.CgroupParent}}", "par"]),
        "ci/jobs\n"
    );
    b.ok(&["rm", "-f", "par"]);
    assert!(!dir.exists());
    // A parent that would leave the delegated tree is refused, nothing created.
    for bad in ["../escape", "a/../../b", "cgroup.procs"] {
        let o = b.run(&["run", "--rm", "--cgroup-parent", bad, "busybox", "true"]);
        assert_eq!(o.code, 125, "{bad}: {}", o.stderr);
        assert!(
            o.stderr.starts_with("Error: --cgroup-parent"),
            "{}",
            o.stderr
        );
    }
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    // podman's --cgroups disabled: the container stays in the caller's cgroup.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "nocg",
        "--network",
        "none",
        "--cgroups",
        "disabled",
        "busybox",
        "sleep",
        "300",
    ]);
    let own = std::fs::read_to_string("/proc/self/cgroup").unwrap();
    let own = own.lines().find_map(|l| l.strip_prefix("0::")).unwrap();
    assert_eq!(
        leaf(&b, "nocg"),
        std::path::Path::new("/sys/fs/cgroup").join(own.trim_start_matches('/'))
    );
    b.ok(&["rm", "-f", "nocg"]);
}
