//! attach and detach keys, `run -it` / `start -ai` sessions through the monitor,
//! `run -a`, foreground runs with a restart policy, `exec -t`, and a killed monitor.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

const DETACH: &str = "\u{10}\u{11}";

fn running(b: &Berth) -> String {
    b.ok(&["ps", "--format", "{{.Names}}"])
}

#[test]
fn attach_to_a_terminal_and_detach() {
    let b = busybox("attach-tty");
    b.ok(&["run", "-d", "-it", "--name", "at", "busybox", "sh"]);
    // Typed input reaches the shell; ctrl-p ctrl-q leaves it running, as docker says.
    let (code, out) = in_pty(
        &b,
        &["attach", "at"],
        &[(500, "echo typed-$((6*7))\r"), (300, DETACH)],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("typed-42"), "{out}");
    assert!(out.contains("read escape sequence"), "{out}");
    assert_eq!(running(&b), "at\n");
    // Other keys with --detach-keys; the defaults then pass through.
    let (code, out) = in_pty(
        &b,
        &["attach", "--detach-keys", "ctrl-a,x", "at"],
        &[(500, "echo again\r"), (300, "\u{1}x")],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("again"), "{out}");
    assert_eq!(running(&b), "at\n");
    // The container's exit ends the session with its code.
    let (code, out) = in_pty(&b, &["attach", "at"], &[(500, "exit 7\r")]);
    assert_eq!(code, 7, "{out}");
    wait_for(
        &b,
        "at",
        "{{.State.Status}} {{.State.ExitCode}}",
        "exited 7",
    );
    // The log of a terminal container is its raw stream, typed echo included.
    assert!(b.ok(&["logs", "at"]).contains("typed-42\r\n"));
}

#[test]
fn run_it_and_start_ai_detach_quietly() {
    let b = busybox("run-it");
    let (code, out) = in_pty(
        &b,
        &["run", "-it", "--name", "ri", "busybox", "sh"],
        &[(600, "echo first\r"), (300, DETACH)],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("first"), "{out}");
    assert!(!out.contains("escape"), "{out}");
    assert_eq!(running(&b), "ri\n");
    // start -a on a running container attaches to it.
    let (code, out) = in_pty(&b, &["start", "-ai", "ri"], &[(500, "exit 3\r")]);
    assert_eq!(code, 3, "{out}");
    wait_for(&b, "ri", "{{.State.Status}}", "exited");
    // start -ai of a stopped terminal container: a fresh session, detachable.
    let (code, out) = in_pty(
        &b,
        &["start", "-ai", "ri"],
        &[(600, "echo second\r"), (300, DETACH)],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("second"), "{out}");
    assert_eq!(running(&b), "ri\n");
    b.ok(&["kill", "ri"]);
    // Without --detach-keys, docker's config.json may name them.
    std::fs::create_dir_all(b.dir.join("home/.docker")).unwrap();
    std::fs::write(
        b.dir.join("home/.docker/config.json"),
        r#"{"detachKeys": "ctrl-a,x"}"#,
    )
    .unwrap();
    let (code, out) = in_pty(
        &b,
        &["run", "-it", "--name", "rk", "busybox", "sh"],
        &[(600, "echo keyed\r"), (300, "\u{1}x")],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("keyed"), "{out}");
    assert_eq!(running(&b), "rk\n");
    b.ok(&["kill", "rk"]);
    // The user's terminal resized: the container's follows (SIGWINCH → resize frame).
    // The resize waits for a flag file the test makes once the first size is out.
    let flag = b.dir.join("resize-now");
    let (code, out) = in_pty_expect_with(
        &b,
        &format!(
            "(while [ ! -e {} ]; do sleep 0.05; done; stty cols 60 rows 20 </dev/tty) &",
            flag.display()
        ),
        &[
            "run",
            "-it",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "stty size; while [ \"$(stty size)\" = '27 91' ]; do sleep 0.1; done; stty size",
        ],
        &[("27 91\n", ""), ("20 60\n", "")],
        |step| {
            if step == 0 {
                std::fs::write(&flag, "").unwrap();
            }
        },
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("27 91\n20 60\n"), "{out}");
    // --rm through the monitor: gone when run returns.
    let (code, out) = in_pty(
        &b,
        &["run", "-it", "--rm", "busybox", "sh", "-c", "exit 4"],
        &[],
    );
    assert_eq!(code, 4, "{out}");
    assert_eq!(b.ok(&["ps", "-aq", "--filter", "status=running"]), "");
    assert_eq!(b.ok(&["ps", "-a", "--format", "{{.Names}}"]), "rk\nri\n");
}

#[test]
fn attach_streams_without_a_terminal() {
    let b = busybox("attach-pipes");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "np",
        "busybox",
        "sh",
        "-c",
        "while [ ! -e /tmp/go ]; do echo tick; sleep 0.1; done; echo out; echo err >&2; exit 4",
    ]);
    let mut child = b
        .cmd(&["attach", "np"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the client sees output it is attached; then let the container finish.
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "tick");
    b.ok(&["exec", "np", "touch", "/tmp/go"]);
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    assert_eq!(rest.last().map(String::as_str), Some("out"), "{rest:?}");
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(4));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "err\n");

    // run -d -i: stdin stays open for attach clients.
    b.ok(&[
        "run",
        "-d",
        "-i",
        "--name",
        "si",
        "busybox",
        "sh",
        "-c",
        "read l; echo \"got $l\"",
    ]);
    let mut child = b
        .cmd(&["attach", "si"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"hello\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "got hello\n");

    // Errors, as docker words them.
    let o = b.run(&["attach", "np"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("You cannot attach to a stopped container, start it first"),
        "{}",
        o.stderr
    );
    let o = b.run(&["attach", "nosuch"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("No such container: nosuch"),
        "{}",
        o.stderr
    );
}

#[test]
fn run_flags_for_attaching() {
    let b = busybox("run-attach");
    // -a picks the streams shown; both still reach the log.
    let o = b.run(&[
        "run",
        "-a",
        "stderr",
        "--name",
        "ae",
        "busybox",
        "sh",
        "-c",
        "echo o; echo e >&2",
    ]);
    assert_eq!(
        (o.code, o.stdout.as_str(), o.stderr.as_str()),
        (0, "", "e\n")
    );
    assert_eq!(b.ok(&["logs", "ae"]), "o\n");
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{.Config.AttachStdout}} {{.Config.AttachStderr}}",
            "ae"
        ]),
        "false true\n"
    );
    // -d attaches nothing and keeps -i's stdin open across attaches.
    b.ok(&["run", "-d", "-i", "--name", "dd", "busybox", "cat"]);
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{.Config.AttachStdin}} {{.Config.OpenStdin}} {{.Config.StdinOnce}}",
            "dd"
        ]),
        "false true false\n"
    );
    // Bad input: usage errors exit 125 and create nothing.
    for (args, msg) in [
        (
            &["run", "-d", "-a", "stdout", "busybox", "true"][..],
            "Conflicting options: -a and -d",
        ),
        (
            &["run", "-a", "foo", "busybox", "true"][..],
            "valid streams are STDIN, STDOUT and STDERR",
        ),
        (
            &["run", "--detach-keys", "bogus", "busybox", "true"][..],
            "Invalid detach keys (bogus) provided",
        ),
    ] {
        let o = b.run(args);
        assert_eq!(o.code, 125, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(msg), "{args:?}: {}", o.stderr);
    }
    // A terminal session needs a terminal (stdin here is /dev/null): docker's exit 1.
    let o = b.run(&["run", "-it", "--name", "nt", "busybox", "true"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("the input device is not a TTY"),
        "{}",
        o.stderr
    );
    assert_eq!(b.ok(&["ps", "-a", "--format", "{{.Names}}"]), "dd\nae\n");
}

#[test]
fn foreground_run_with_a_restart_policy() {
    let b = busybox("fg-restart");
    // The CLI returns the first exit code; the container goes on restarting, as with
    // docker's daemon.
    let o = b.run(&[
        "run",
        "--name",
        "fr",
        "--restart",
        "on-failure:2",
        "busybox",
        "sh",
        "-c",
        "echo hi; echo oops >&2; exit 3",
    ]);
    assert_eq!(
        (o.code, o.stdout.as_str(), o.stderr.as_str()),
        (3, "hi\n", "oops\n")
    );
    wait_for(&b, "fr", "{{.State.Status}} {{.RestartCount}}", "exited 2");
    assert_eq!(b.ok(&["logs", "fr"]), "hi\nhi\nhi\n");
}

#[test]
fn exec_with_a_terminal() {
    let b = busybox("exec-tty");
    b.ok(&["run", "-d", "--name", "et", "busybox", "sleep", "1000"]);
    // -t alone: a terminal for the output (the container itself has none).
    assert_eq!(
        b.ok(&["exec", "-t", "et", "sh", "-c", "tty; echo $TERM"]),
        "/dev/pts/0\r\nxterm\r\n"
    );
    // -it under a real terminal: its size, typed input, the exit code.
    let (code, out) = in_pty(
        &b,
        &[
            "exec",
            "-it",
            "et",
            "sh",
            "-c",
            "stty size; read l; echo \"got-$l\"; exit 5",
        ],
        &[(600, "line\r")],
    );
    assert_eq!(code, 5, "{out}");
    assert!(out.contains("27 91\n"), "{out}");
    assert!(out.contains("got-line"), "{out}");
    // Detaching leaves the command running, as docker's daemon keeps it.
    let (code, out) = in_pty(
        &b,
        &["exec", "-it", "et", "sh"],
        &[(600, "sleep 77\r"), (300, DETACH)],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("read escape sequence"), "{out}");
    let ps = b.ok(&["exec", "et", "ps"]);
    assert!(ps.contains("sleep 77"), "{ps}");
    let o = b.run(&["exec", "-it", "et", "true"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("the input device is not a TTY"),
        "{}",
        o.stderr
    );
    assert_eq!(b.run(&["exec", "-t", "et", "nosuchcmd"]).code, 127);
}

#[test]
fn killed_monitor_is_reconciled() {
    let b = busybox("monitor-kill");
    let id = b.ok(&["run", "-d", "--name", "mk", "busybox", "sleep", "1000"]);
    let state: serde_json::Value = serde_json::from_slice(
        &std::fs::read(b.store_path(&format!("containers/{}/state.json", id.trim()))).unwrap(),
    )
    .unwrap();
    let monitor = state["MonitorPid"].as_i64().unwrap() as i32;
    let pid = state["Pid"].as_i64().unwrap() as i32;
    assert!(monitor > 0 && pid > 0, "{state}");
    // SAFETY: killing the test's own container monitor.
    unsafe { libc::kill(monitor, libc::SIGKILL) };
    // The container goes with its monitor; ps reports it exited, never running forever.
    wait_for(
        &b,
        "mk",
        "{{.State.Status}} {{.State.ExitCode}}",
        "exited 137",
    );
    let alive = std::path::Path::new(&format!("/proc/{pid}")).exists();
    assert!(
        !alive
            || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .unwrap()
                .contains(") Z")
    );
    assert!(b
        .ok(&["ps", "-a", "--format", "{{.Status}}"])
        .starts_with("Exited (137)"),);
    // And it starts again.
    b.ok(&["start", "mk"]);
    wait_for(&b, "mk", "{{.State.Status}}", "running");
    std::thread::sleep(Duration::from_millis(10));
}

#[test]
fn root_pass_attach_and_exec_tty() {
    let Some(b) = Berth::root("attach-root") else {
        return;
    };
    b.load("busybox.tar");
    b.ok(&["run", "-d", "-it", "--name", "ra", "busybox", "sh"]);
    let (code, out) = in_pty(&b, &["attach", "ra"], &[(500, "id -u\r"), (300, DETACH)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("\n0\n"), "{out}");
    assert_eq!(b.ok(&["exec", "-t", "ra", "tty"]), "/dev/pts/1\r\n");
}

#[test]
fn attach_proxies_signals_without_a_terminal() {
    let b = busybox("attach-signals");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "sp",
        "busybox",
        "sh",
        "-c",
        "trap 'echo got-term; exit 3' TERM; while :; do echo tick; sleep 0.1; done",
    ]);
    let attach = |extra: &[&str]| {
        let mut args = vec!["attach"];
        args.extend_from_slice(extra);
        args.push("sp");
        let mut child = b.cmd(&args).stdout(Stdio::piped()).spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "tick");
        (child, lines)
    };
    // --sig-proxy=false: the client goes, the container stays.
    let (child, _lines) = attach(&["--sig-proxy=false"]);
    // SAFETY: signalling our own child (setpriv has exec'd berth in its place).
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(143));
    assert_eq!(b.ok(&["ps", "--format", "{{.Names}}"]), "sp\n");
    // By default the signal goes on to the container, whose exit ends the session.
    let (child, lines) = attach(&[]);
    // SAFETY: as above.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    assert_eq!(
        rest.last().map(String::as_str),
        Some("got-term"),
        "{rest:?}"
    );
    assert_eq!(child.wait_with_output().unwrap().status.code(), Some(3));
    wait_for(&b, "sp", "{{.State.ExitCode}}", "3");
}
