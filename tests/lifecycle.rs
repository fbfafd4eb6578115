//! Running containers: stop, kill, restart, pause/unpause, top, rename, logs -f/--since,
//! wait --condition, --init.

mod common;
use common::*;
use std::time::{Duration, Instant};

fn status(b: &Berth, name: &str) -> String {
    b.ok(&["inspect", "-f", "{{.State.Status}}", name])
        .trim()
        .to_string()
}

#[test]
fn stop_kill_restart() {
    let b = busybox("stop");
    // sh as pid 1 ignores SIGTERM: stop falls back to SIGKILL after -t.
    b.ok(&["run", "-d", "--name", "s1", "busybox", "sleep", "100"]);
    let t = Instant::now();
    assert_eq!(b.ok(&["stop", "-t", "1", "s1"]), "s1\n");
    assert!(
        t.elapsed() >= Duration::from_secs(1) && t.elapsed() < Duration::from_secs(8),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.ExitCode}}", "s1"]),
        "137\n"
    );
    // A trapped stop signal ends it at once with the trap's code.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "s2",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 7' TERM; echo ready; while :; do sleep 0.1; done",
    ]);
    wait_log(&b, "s2", "ready");
    let t = Instant::now();
    b.ok(&["stop", "s2"]);
    assert!(t.elapsed() < Duration::from_secs(5));
    assert_eq!(b.ok(&["wait", "s2"]), "7\n");
    // --stop-signal
    b.ok(&[
        "run",
        "-d",
        "--name",
        "s3",
        "--stop-signal",
        "USR1",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 9' USR1; echo ready; while :; do sleep 0.1; done",
    ]);
    wait_log(&b, "s3", "ready");
    b.ok(&["stop", "s3"]);
    assert_eq!(b.ok(&["wait", "s3"]), "9\n");
    // kill -s, and kill of a stopped container is an error.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "kk",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 3' HUP; echo ready; while :; do sleep 0.1; done",
    ]);
    wait_log(&b, "kk", "ready");
    assert_eq!(b.ok(&["kill", "-s", "HUP", "kk"]), "kk\n");
    assert_eq!(b.ok(&["wait", "kk"]), "3\n");
    let o = b.run(&["kill", "kk"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("is not running"), "{}", o.stderr);
    // restart: runs again.
    assert_eq!(b.ok(&["restart", "-t", "0", "s1"]), "s1\n");
    assert_eq!(status(&b, "s1"), "running");
    b.ok(&["rm", "-f", "s1"]);
}

#[test]
fn pause_unpause_top_rename() {
    let b = busybox("pause");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "pp",
        "busybox",
        "sh",
        "-c",
        "echo ready; while :; do date +%s%N > /tmp/t; sleep 0.05; done",
    ]);
    wait_log(&b, "pp", "ready");
    let top = b.ok(&["top", "pp"]);
    assert!(
        top.lines().next().unwrap().contains("PID") && top.contains("sh -c echo ready; while"),
        "{top}"
    );
    assert_eq!(b.ok(&["pause", "pp"]), "pp\n");
    assert_eq!(status(&b, "pp"), "paused");
    assert!(b.ok(&["ps"]).contains("(Paused)"));
    let o = b.run(&["pause", "pp"]);
    assert_eq!(o.code, 1);
    // Nothing runs while paused: the file stops changing. (Read it through top's pid.)
    let pid: i32 = b
        .ok(&["inspect", "-f", "{{.State.Pid}}", "pp"])
        .trim()
        .parse()
        .unwrap();
    let read = || std::fs::read_to_string(format!("/proc/{pid}/root/tmp/t")).unwrap_or_default();
    // An absence: nothing may change for a while (a write in flight lands first).
    std::thread::sleep(Duration::from_millis(200));
    let a = read();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(a, read(), "container kept running while paused");
    b.ok(&["unpause", "pp"]);
    poll_until("the container to resume", || read() != a);
    assert_eq!(status(&b, "pp"), "running");
    // rename keeps the container, frees the old name.
    b.ok(&["rename", "pp", "qq"]);
    assert_eq!(status(&b, "qq"), "running");
    assert_eq!(b.run(&["inspect", "pp"]).code, 1);
    b.ok(&["create", "--name", "pp", "busybox", "true"]);
    let o = b.run(&["rename", "qq", "pp"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("already in use"), "{}", o.stderr);
    b.ok(&["rm", "-f", "qq", "pp"]);
}

#[test]
fn logs_follow_since_tail() {
    let b = busybox("logs");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "ll",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3; do echo line$i; sleep 0.3; done; echo err >&2",
    ]);
    let o = b.cmd(&["logs", "-f", "ll"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "line1\nline2\nline3\n");
    assert_eq!(String::from_utf8_lossy(&o.stderr), "err\n");
    assert_eq!(b.ok(&["logs", "--tail", "2", "ll"]), "line3\n");
    assert_eq!(b.ok(&["logs", "-n", "1", "ll"]), "");
    assert_eq!(
        b.ok(&["logs", "--since", "1h", "ll"]),
        "line1\nline2\nline3\n"
    );
    assert_eq!(b.ok(&["logs", "--until", "1h", "ll"]), "");
    let ts = b.ok(&["logs", "-t", "ll"]);
    assert!(
        ts.lines()
            .all(|l| l.starts_with("20") && l.contains("Z line")),
        "{ts}"
    );
}

#[test]
fn wait_conditions() {
    let b = busybox("wait");
    b.ok(&["create", "--name", "ww", "busybox", "sh", "-c", "exit 4"]);
    // Each waiter starts first, then the event it waits for happens.
    for (condition, event) in [("next-exit", ["start", "ww"]), ("removed", ["rm", "ww"])] {
        let waiter = b
            .cmd(&["wait", "--condition", condition, "ww"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The waiter has read the state once when it sleeps in its poll loop.
        let pid = waiter.id();
        poll_until("berth wait to poll", || in_nanosleep(pid));
        b.ok(&event);
        assert_eq!(
            String::from_utf8_lossy(&waiter.wait_with_output().unwrap().stdout),
            "4\n",
            "{condition}"
        );
    }
}

#[test]
fn init_reaps_and_forwards() {
    let b = busybox("init");
    // pid 1 is the init; the command is its child and gets the stop signal.
    let out = b.ok(&[
        "run",
        "--rm",
        "--init",
        "busybox",
        "sh",
        "-c",
        "echo $$; cat /proc/1/status | grep PPid",
    ]);
    assert_eq!(out, "2\nPPid:\t0\n");
    // An orphan's zombie is reaped by the init, not left behind.
    let out = b.ok(&[
        "run",
        "--rm",
        "--init",
        "busybox",
        "sh",
        "-c",
        "sh -c 'sleep 0.2 & exit 0'; sleep 0.6; ps -o stat,comm | grep -c '^Z' || true",
    ]);
    assert_eq!(out.trim(), "0");
    // SIGTERM reaches a command that would ignore it as pid 1.
    b.ok(&[
        "run", "-d", "--init", "--name", "ii", "busybox", "sleep", "100",
    ]);
    let t = Instant::now();
    b.ok(&["stop", "ii"]);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.ExitCode}}", "ii"]),
        "143\n"
    );
}

#[test]
fn exec_into_running_container() {
    let b = busybox("exec");
    b.ok(&[
        "run", "-d", "--name", "ee", "-e", "X=base", "-w", "/tmp", "busybox", "sleep", "100",
    ]);
    // Same namespaces, env, workdir, user, capabilities as the container.
    let out = b.ok(&["exec", "ee", "sh", "-c", "echo $X; pwd; id -u; grep CapEff /proc/self/status | cut -f2; hostname; ps -o pid,comm | grep -c sleep"]);
    let id = b.ok(&["inspect", "-f", "{{.Id}}", "ee"]);
    assert_eq!(
        out,
        format!("base\n/tmp\n0\n00000000a80425fb\n{}\n1\n", &id[..12])
    );
    // Flags.
    let out = b.ok(&[
        "exec",
        "-u",
        "app",
        "-w",
        "/",
        "-e",
        "Y=2",
        "ee",
        "sh",
        "-c",
        "id; pwd; echo $X$Y",
    ]);
    assert_eq!(
        out,
        "uid=1000(app) gid=1000(app) groups=1000(app),2000(extra)\n/\nbase2\n"
    );
    // Exit codes: the command's, 126/127 when it cannot run.
    assert_eq!(b.run(&["exec", "ee", "sh", "-c", "exit 5"]).code, 5);
    assert_eq!(b.run(&["exec", "ee", "nosuchcmd"]).code, 127);
    assert_eq!(b.run(&["exec", "ee", "/etc/passwd"]).code, 126);
    // Seccomp applies to exec'd processes too.
    assert!(b.run(&["exec", "ee", "unshare", "-U", "true"]).code != 0);
    // stdin with -i, nothing without.
    let mut c = b.cmd(&["exec", "-i", "ee", "cat"]);
    c.stdin(std::fs::File::open("/etc/hostname").unwrap());
    assert_eq!(
        String::from_utf8_lossy(&c.output().unwrap().stdout),
        std::fs::read_to_string("/etc/hostname").unwrap()
    );
    // -d returns at once; the command runs on.
    b.ok(&[
        "exec",
        "-d",
        "ee",
        "sh",
        "-c",
        "sleep 0.3; echo later > /tmp/d",
    ]);
    poll_until("exec -d to write /tmp/d", || {
        b.run(&["exec", "ee", "cat", "/tmp/d"]).stdout == "later\n"
    });
    // Stopped container: a clear error, exit 1 (docker's CLI; PARITY.md).
    b.ok(&["stop", "-t", "0", "ee"]);
    let o = b.run(&["exec", "ee", "true"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("is not running"), "{}", o.stderr);
    assert_eq!(b.run(&["exec", "nosuch", "true"]).code, 1);
}

#[test]
fn concurrent_detached_runs_and_execs() {
    let b = busybox("concurrent");
    let runs: Vec<_> = (0..20)
        .map(|i| {
            b.cmd(&[
                "run",
                "-d",
                "--name",
                &format!("c{i}"),
                "busybox",
                "sleep",
                "60",
            ])
            .output()
        })
        .collect();
    for r in runs {
        let o = r.unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let children: Vec<_> = (0..20)
        .map(|i| {
            b.cmd(&["exec", &format!("c{i}"), "echo", &format!("hi{i}")])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, c) in children.into_iter().enumerate() {
        let o = c.wait_with_output().unwrap();
        assert_eq!(String::from_utf8_lossy(&o.stdout), format!("hi{i}\n"));
    }
    assert_eq!(b.ok(&["ps", "-q"]).lines().count(), 20);
    let names: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
    let mut args = vec!["rm", "-f"];
    args.extend(names.iter().map(|s| s.as_str()));
    b.ok(&args);
    assert_eq!(b.ok(&["ps", "-aq"]), "");
}

#[test]
fn tty_sessions() {
    let b = busybox("tty");
    // A real terminal of the user's size, TERM set.
    let (code, out) = in_pty(
        &b,
        &[
            "run",
            "-it",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "tty; stty size; echo $TERM",
        ],
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("/dev/pts/0\n27 91\nxterm\n"), "{out}");
    // Typed input reaches an interactive shell; its exit code comes back.
    let (code, out) = in_pty_expect(
        &b,
        "",
        &["run", "-it", "--rm", "busybox", "sh"],
        &[("# ", "echo typed-$((6*7))\n"), ("typed-42\n", "exit 4\n")],
    );
    assert_eq!(code, 4, "{out}");
    assert!(out.contains("typed-42"), "{out}");
    // ^C goes through the container's terminal to its foreground process.
    let (code, out) = in_pty_expect(
        &b,
        "",
        &[
            "run",
            "-it",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "trap 'echo got-int; exit 3' INT; echo ready; while :; do sleep 0.1; done",
        ],
        &[("ready", "\u{3}")],
    );
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("got-int"), "{out}");
    // The log of a terminal container holds the raw stream.
    b.ok(&["run", "-t", "--name", "tt", "busybox", "echo", "raw"]);
    assert_eq!(b.ok(&["logs", "tt"]), "raw\r\n");
}

#[test]
fn restart_policies() {
    let b = busybox("restart");
    // on-failure:3: three restarts, then it stays exited.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "rf",
        "--restart",
        "on-failure:3",
        "busybox",
        "sh",
        "-c",
        "echo run; exit 1",
    ]);
    wait_for(&b, "rf", "{{.State.Status}} {{.RestartCount}}", "exited 3");
    assert_eq!(b.ok(&["logs", "rf"]), "run\nrun\nrun\nrun\n");
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}",
            "rf"
        ]),
        "on-failure:3\n"
    );
    // on-failure does not restart a clean exit; no (the default) never restarts.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "ok",
        "--restart",
        "on-failure",
        "busybox",
        "true",
    ]);
    b.ok(&["run", "-d", "--name", "no", "busybox", "false"]);
    wait_for(&b, "ok", "{{.State.Status}} {{.RestartCount}}", "exited 0");
    wait_for(&b, "no", "{{.State.Status}} {{.RestartCount}}", "exited 0");
    // always: comes back after exits, but not after stop.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "al",
        "--restart",
        "always",
        "busybox",
        "sh",
        "-c",
        "echo up; sleep 0.2",
    ]);
    poll_until("two restarts", || {
        let n: u32 = b
            .ok(&["inspect", "-f", "{{.RestartCount}}", "al"])
            .trim()
            .parse()
            .unwrap();
        n >= 2
    });
    b.ok(&["stop", "-t", "1", "al"]);
    // An absence: a stopped container must not come back (give a wrong restart time).
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(status(&b, "al"), "exited");
    assert!(b.ok(&["logs", "al"]).matches("up\n").count() >= 3);
    // Conflicting flags.
    let o = b.run(&["run", "--rm", "--restart", "always", "busybox", "true"]);
    assert_eq!(o.code, 125);
    assert!(o.stderr.contains("Conflicting options"), "{}", o.stderr);
    assert_eq!(
        b.run(&["run", "--restart", "sometimes", "busybox", "true"])
            .code,
        125
    );
}

#[test]
fn log_rotation() {
    let b = busybox("logrot");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "lr",
        "--log-opt",
        "max-size=2k",
        "--log-opt",
        "max-file=3",
        "busybox",
        "sh",
        "-c",
        "i=1; while [ $i -le 300 ]; do echo line-$i-xxxxxxxxxxxxxxxxxxxx; i=$((i+1)); done",
    ]);
    b.ok(&["wait", "lr"]);
    let log = b
        .ok(&["inspect", "-f", "{{.LogPath}}", "lr"])
        .trim()
        .to_string();
    let size = |p: &str| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    assert!(
        size(&format!("{log}.1")) > 0 && size(&format!("{log}.2")) > 0,
        "rotated files missing"
    );
    assert!(
        !std::path::Path::new(&format!("{log}.3")).exists(),
        "more files than max-file"
    );
    for p in [log.clone(), format!("{log}.1"), format!("{log}.2")] {
        assert!(size(&p) <= 2048, "{p} is {} bytes", size(&p));
    }
    let out = b.ok(&["logs", "lr"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(*lines.last().unwrap(), "line-300-xxxxxxxxxxxxxxxxxxxx");
    assert!(!out.contains("line-1-"), "oldest lines should be gone");
    // Consecutive: no line lost between the files that are kept.
    let first: u32 = lines[0].split('-').nth(1).unwrap().parse().unwrap();
    assert_eq!(lines.len() as u32, 300 - first + 1);
    assert_eq!(
        b.run(&["run", "--log-opt", "max-size=lots", "busybox", "true"])
            .code,
        125
    );
}

#[test]
fn generate_systemd_unit_runs_the_container() {
    let b = busybox("systemd");
    b.ok(&[
        "create",
        "--name",
        "svc",
        "--restart",
        "on-failure:2",
        "busybox",
        "sh",
        "-c",
        "echo serving; while :; do sleep 0.1; done",
    ]);
    let unit = b.ok(&["generate", "systemd", "-t", "1", "svc"]);
    assert!(
        unit.contains("[Service]")
            && unit.contains("Restart=on-failure")
            && unit.contains("WantedBy=default.target"),
        "{unit}"
    );
    let field = |k: &str| {
        unit.lines()
            .find_map(|l| l.strip_prefix(k))
            .unwrap_or_else(|| panic!("no {k} in {unit}"))
            .to_string()
    };
    let (start, stop) = (field("ExecStart="), field("ExecStop="));
    assert!(
        start.ends_with(" start -a svc") && stop.ends_with(" stop -t 1 svc"),
        "{unit}"
    );
    // What systemd would run, as the user: start -a supervises in the foreground.
    let as_user = |cmd: &str| {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid",
            b.user,
            "--regid",
            b.user,
            "--init-groups",
            "--",
            "sh",
            "-c",
            cmd,
        ]);
        c.env_clear()
            .env("HOME", b.dir.join("home"))
            .env("PATH", "/usr/bin:/bin");
        c
    };
    let service = as_user(&start)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&b, "svc", "{{.State.Status}}", "running");
    assert!(as_user(&stop).status().unwrap().success());
    let out = service.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "serving\n");
    assert_eq!(status(&b, "svc"), "exited");
    assert_eq!(b.run(&["generate", "systemd", "nosuch"]).code, 1);
}

#[test]
fn health_checks() {
    let b = busybox("health");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "hc",
        "--health-cmd",
        "test -f /tmp/ok && echo fine",
        "--health-interval",
        "200ms",
        "--health-retries",
        "2",
        "busybox",
        "sh",
        "-c",
        "while [ ! -f /tmp/go ]; do sleep 0.1; done; touch /tmp/ok; sleep 100",
    ]);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.Config.Healthcheck.Test}}", "hc"]),
        "[CMD-SHELL test -f /tmp/ok && echo fine]\n"
    );
    // Failing while /tmp/ok is missing: unhealthy after two failures.
    wait_for(&b, "hc", "{{.State.Health.Status}}", "unhealthy");
    assert!(b.ok(&["ps"]).contains("(unhealthy)"));
    b.ok(&["exec", "hc", "touch", "/tmp/go"]);
    wait_for(
        &b,
        "hc",
        "{{.State.Health.Status}} {{.State.Health.FailingStreak}}",
        "healthy 0",
    );
    assert!(b.ok(&["ps"]).contains("(healthy)"));
    let v: serde_json::Value = serde_json::from_str(&b.ok(&["inspect", "hc"])).unwrap();
    let log = v[0]["State"]["Health"]["Log"].as_array().unwrap().clone();
    assert!(!log.is_empty() && log.len() <= 5);
    let last = log.last().unwrap();
    assert_eq!(
        (last["ExitCode"].as_i64(), last["Output"].as_str()),
        (Some(0), Some("fine\n"))
    );
    // A check that hangs is cut at its timeout.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "slow",
        "--health-cmd",
        "sleep 5",
        "--health-interval",
        "300ms",
        "--health-timeout",
        "100ms",
        "--health-retries",
        "1",
        "busybox",
        "sleep",
        "100",
    ]);
    wait_for(&b, "slow", "{{.State.Health.Status}}", "unhealthy");
    // --no-healthcheck; bad durations are refused.
    b.ok(&[
        "create",
        "--name",
        "none",
        "--no-healthcheck",
        "busybox",
        "true",
    ]);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.Config.Healthcheck.Test}}", "none"]),
        "[NONE]\n"
    );
    assert_eq!(
        b.run(&[
            "run",
            "--health-cmd",
            "true",
            "--health-interval",
            "soon",
            "busybox",
            "true"
        ])
        .code,
        125
    );
}

/// A restart that cannot start is not dropped by the monitor: State.Error says why,
/// the log has it on stderr, and the container reads as exited.
#[test]
fn monitor_records_a_failed_restart() {
    let b = busybox("monerr");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "rr",
        "--restart",
        "always",
        "busybox",
        "sh",
        "-c",
        "sleep 1; exit 3",
    ]);
    wait_for(&b, "rr", "{{.State.Running}}", "true");
    // The image's layers vanish under the running container: its restart cannot mount them.
    for e in std::fs::read_dir(b.store_path("layers")).unwrap() {
        std::fs::remove_dir_all(e.unwrap().path()).unwrap();
    }
    // (The exit before the failed restart reads as exited too, briefly: wait for the
    // error itself.)
    poll_until("State.Error recorded", || {
        !b.ok(&["inspect", "-f", "{{.State.Error}}", "rr"])
            .trim()
            .is_empty()
    });
    wait_for(&b, "rr", "{{.State.Status}}", "exited");
    let logs = b.run(&["logs", "rr"]);
    assert!(logs.stderr.contains("berth: "), "log: {}", logs.stderr);
}

/// A systemd Exec line's words (double quotes with backslash escapes; `$$` and `%%`
/// are one `$` and one `%`), as systemd would split it.
fn systemd_words(line: &str) -> Vec<String> {
    let (mut words, mut cur, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            '\\' if quoted => cur.extend(chars.next()),
            '$' | '%' if chars.peek() == Some(&c) => {
                chars.next();
                cur.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if any || !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        words.push(cur);
    }
    words
}

#[test]
fn generate_systemd_new_creates_the_container_anew() {
    let b = busybox("systemd-new");
    b.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "fresh",
        "-e",
        "A=with space $HOME 100%",
        "busybox",
        "sh",
        "-c",
        "echo \"$A\"; sleep 300",
    ]);
    let unit = b.ok(&["generate", "systemd", "--new", "-t", "1", "fresh"]);
    assert!(unit.contains("Type=forking"), "{unit}");
    let field = |k: &str| {
        systemd_words(
            unit.lines()
                .find_map(|l| l.strip_prefix(k))
                .unwrap_or_else(|| panic!("no {k} in {unit}")),
        )
    };
    let (pre, start, stop, post) = (
        field("ExecStartPre=-"),
        field("ExecStart="),
        field("ExecStop="),
        field("ExecStopPost=-"),
    );
    let as_user = |argv: &[String]| {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid", b.user, "--regid", b.user, "--init-groups", "--"]);
        c.args(argv);
        c.env_clear()
            .env("HOME", b.dir.join("home"))
            .env("PATH", "/usr/bin:/bin");
        c.output().unwrap()
    };
    // As systemd would: remove the old one, run a new one detached, stop, remove.
    assert!(as_user(&pre).status.success());
    assert_eq!(b.ok(&["ps", "-a", "-q"]), "");
    let out = as_user(&start);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    wait_log(&b, "fresh", "with space $HOME 100%");
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.State.Status}} {{.Name}}", "fresh"]),
        "running /fresh\n"
    );
    assert!(as_user(&stop).status.success());
    assert!(as_user(&post).status.success());
    assert_eq!(b.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn health_start_interval_during_the_start_period() {
    let b = busybox("health-start");
    // An hour between checks, but every 200 ms during the start period: healthy at once.
    b.ok(&[
        "run",
        "-d",
        "--network",
        "none",
        "--name",
        "hs",
        "--health-cmd",
        "true",
        "--health-interval",
        "1h",
        "--health-start-period",
        "30s",
        "--health-start-interval",
        "200ms",
        "busybox",
        "sleep",
        "300",
    ]);
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{.Config.Healthcheck.StartInterval}}",
            "hs"
        ]),
        "200000000\n"
    );
    let t = std::time::Instant::now();
    wait_for(&b, "hs", "{{.State.Health.Status}}", "healthy");
    assert!(
        t.elapsed() < std::time::Duration::from_secs(4),
        "{:?}",
        t.elapsed()
    );
    let o = b.run(&[
        "run",
        "--rm",
        "--health-start-interval",
        "-1s",
        "busybox",
        "true",
    ]);
    assert_eq!(o.code, 125, "{}", o.stderr);
}

/// `update --restart`: the new policy is kept and honoured by the running container's
/// monitor at its next exit; docker's errors; limits need a cgroup.
#[test]
fn update_restart_policy() {
    let b = busybox("update");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "upd",
        "busybox",
        "sh",
        "-c",
        "sleep 2; exit 3",
    ]);
    assert_eq!(
        b.ok(&["update", "--restart", "on-failure:2", "upd"]),
        "upd\n"
    );
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}",
            "upd"
        ]),
        "on-failure 2\n"
    );
    wait_for(&b, "upd", "{{.RestartCount}}", "1");
    b.ok(&["rm", "-f", "upd"]);
    b.ok(&["create", "--rm", "--name", "gone", "busybox", "true"]);
    let o = b.run(&["update", "--restart", "always", "gone"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains(
            "Restart policy cannot be updated because AutoRemove is enabled for the container"
        ),
        "{}",
        o.stderr
    );
    let o = b.run(&["update", "--restart", "always", "nope"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error response from daemon: No such container: nope\n")
    );
    let o = b.run(&["update", "--restart", "bogus", "gone"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("invalid restart policy"), "{}", o.stderr);
    let o = b.run(&["update", "--memory", "64m", "gone"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("--memory: resource limits"),
        "{}",
        o.stderr
    );
    assert_eq!(
        b.ok(&["update", "--memory", "0", "--pids-limit", "-1", "gone"]),
        "gone\n"
    );
    // docker's words: its daemon's checks unprefixed, and no flags at all.
    let o = b.run(&["update", "-m", "4m", "gone"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            1,
            "Error response from daemon: Minimum memory limit allowed is 6MB\n"
        )
    );
    let o = b.run(&["update", "gone"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            1,
            "you must provide one or more flags when using this command\n"
        )
    );
}
