//! Test harness: drives the real berth binary as the unprivileged test user (switching
//! users when the tests run as root) or as root, each test with its own --root and
//! --runroot so tests run in parallel.
#![allow(dead_code)]

pub mod archive;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

pub const TEST_USER: &str = "berthtest";
/// A user without subordinate ids (one-id mapping).
pub const SOLO_USER: &str = "berthsolo";

pub fn test_dir() -> PathBuf {
    PathBuf::from(std::env::var("BERTH_TEST_DIR").unwrap_or_else(|_| "/var/tmp/berth-test".into()))
}

pub fn fixtures() -> PathBuf {
    let f = test_dir().join("fixtures");
    assert!(
        f.join("fixtures.json").exists(),
        "fixtures missing in {}: run `sudo tests/setup.sh` (or scripts/test)",
        f.display()
    );
    f
}

pub fn fixture(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

pub fn sysprobe() -> String {
    let p = test_dir().join("bin/sysprobe");
    assert!(p.exists(), "{} missing: run tests/setup.sh", p.display());
    p.display().to_string()
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// uid and gid of a test user.
pub fn user_ids(user: &str) -> (u32, u32) {
    let out = Command::new("id").args(["-u", user]).output().expect("id");
    assert!(
        out.status.success(),
        "test user {user} missing: run tests/setup.sh"
    );
    let uid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let out = Command::new("id").args(["-g", user]).output().expect("id");
    let gid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    (uid, gid)
}

/// The berth binary, copied where the test user can read it (CI's checkout may sit
/// under a directory it cannot enter).
fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        // In the cgroup VM (tests/vm/run.sh): a copy the test user can read.
        if let Ok(b) = std::env::var("BERTH_TEST_BIN") {
            return PathBuf::from(b);
        }
        let src = PathBuf::from(env!("CARGO_BIN_EXE_berth"));
        if !is_root() {
            return src;
        }
        let dir = test_dir().join("bin");
        std::fs::create_dir_all(&dir).unwrap();
        // One copy per build (size and mtime name it): the ~30 test binaries share it,
        // and copies of older builds are removed once an hour old.
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(&src).unwrap();
        let name = format!(
            "berth-{}-{}",
            meta.len(),
            meta.mtime_nsec() + meta.mtime() * 1_000_000_000
        );
        let dst = dir.join(&name);
        if dst.exists() {
            return dst;
        }
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            // Only berth copies: the fixtures' helpers (sysprobe, netprobe) live here too.
            let n = e.file_name().to_string_lossy().into_owned();
            let old = e.metadata().ok().and_then(|m| m.modified().ok());
            if n.starts_with("berth-")
                && n != name
                && old.is_some_and(|t| t.elapsed().is_ok_and(|d| d.as_secs() > 3600))
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
        let tmp = dir.join(format!(".berth-{}", std::process::id()));
        std::fs::copy(&src, &tmp).unwrap();
        set_mode(&tmp, 0o755);
        std::fs::rename(&tmp, &dst).unwrap();
        set_mode(&dir, 0o755);
        dst
    })
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    fn from(o: Output) -> Out {
        use std::os::unix::process::ExitStatusExt;
        Out {
            code: o
                .status
                .code()
                .unwrap_or_else(|| 128 + o.status.signal().unwrap_or(0)),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// One isolated berth store, used as the test user (rootless) or as root.
pub struct Berth {
    pub dir: PathBuf,
    pub rootless: bool,
    /// The unprivileged user berth runs as (when the tests run as root).
    pub user: &'static str,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Berth {
    /// Rootless: as the test user (or as the invoking user when not root).
    pub fn user(name: &str) -> Berth {
        Berth::new(name, true, TEST_USER)
    }

    /// Rootless as a user with no subordinate ids (needs root to switch to it).
    pub fn solo(name: &str) -> Option<Berth> {
        if !is_root() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI must run as root"
            );
            eprintln!("skipping {name}: needs root to become {SOLO_USER}");
            return None;
        }
        Some(Berth::new(name, true, SOLO_USER))
    }

    /// The root pass. Without root: skipped locally, a failure under CI=true.
    pub fn root(name: &str) -> Option<Berth> {
        if !is_root() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI must run the root pass as root"
            );
            eprintln!("skipping root pass of {name}: not root");
            return None;
        }
        Some(Berth::new(name, false, TEST_USER))
    }

    fn new(name: &str, rootless: bool, user: &'static str) -> Berth {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        // The cgroup VM's BERTH_TEST_DIR is read-only: stores go to its tmpfs.
        let work = std::env::var("BERTH_TEST_WORK")
            .map(PathBuf::from)
            .unwrap_or_else(|_| test_dir().join("work"));
        let dir = work.join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("home")).unwrap();
        set_mode(&work, 0o755);
        if rootless && is_root() {
            let (uid, gid) = user_ids(user);
            for d in [&dir, &dir.join("home")] {
                std::os::unix::fs::chown(d, Some(uid), Some(gid)).unwrap();
            }
        }
        Berth {
            dir,
            rootless,
            user,
        }
    }

    /// A host directory the container user may read and write.
    pub fn host_dir(&self, name: &str) -> PathBuf {
        let d = self.dir.join(name);
        std::fs::create_dir_all(&d).unwrap();
        set_mode(&d, 0o777);
        d
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = if self.rootless && is_root() {
            let mut c = Command::new("setpriv");
            c.args([
                "--reuid",
                self.user,
                "--regid",
                self.user,
                "--init-groups",
                "--",
            ]);
            c.arg(binary());
            c
        } else {
            Command::new(binary())
        };
        c.env_clear()
            .env("HOME", self.dir.join("home"))
            .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
            .arg("--root")
            .arg(self.dir.join("root"))
            .arg("--runroot")
            .arg(self.dir.join("run"))
            .args(args)
            .stdin(Stdio::null());
        c
    }

    /// The berth command line as one shell string (for `script -c`).
    pub fn shell_line(&self, args: &[&str]) -> String {
        let c = self.cmd(args);
        let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
        let mut parts = vec!["env".to_string(), "-i".into()];
        for (k, v) in c.get_envs() {
            if let Some(v) = v {
                parts.push(quote(&format!(
                    "{}={}",
                    k.to_string_lossy(),
                    v.to_string_lossy()
                )));
            }
        }
        parts.push(quote(&c.get_program().to_string_lossy()));
        parts.extend(c.get_args().map(|a| quote(&a.to_string_lossy())));
        parts.join(" ")
    }

    pub fn run(&self, args: &[&str]) -> Out {
        Out::from(self.cmd(args).output().expect("running berth"))
    }

    /// Run and require exit 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(
            o.code, 0,
            "berth {args:?} failed (exit {}):\nstdout: {}\nstderr: {}",
            o.code, o.stdout, o.stderr
        );
        o.stdout
    }

    pub fn load(&self, fixture_name: &str) -> String {
        self.ok(&["load", "-i", &fixture(fixture_name)])
    }

    /// Files below the store (for "nothing left behind" checks).
    pub fn store_path(&self, rel: &str) -> PathBuf {
        self.dir.join("root").join(rel)
    }
}

impl Drop for Berth {
    fn drop(&mut self) {
        // Containers go first, pass or fail: no test leaves processes behind.
        let ids = self.run(&["ps", "-aq", "--no-trunc"]).stdout;
        let ids: Vec<&str> = ids.lines().collect();
        if !ids.is_empty() {
            let mut args = vec!["rm", "-f"];
            args.extend(ids);
            let _ = self.run(&args);
        }
        if std::thread::panicking() {
            eprintln!("keeping {} for inspection", self.dir.display());
            return;
        }
        if is_root() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A rootless store with the busybox fixture loaded.
pub fn busybox(name: &str) -> Berth {
    let b = Berth::user(name);
    b.load("busybox.tar");
    b
}

/// Run berth under a real pseudo-terminal (util-linux `script`) of 27 rows and 91
/// columns, feeding `input` (after each delay in ms); returns the exit code and output.
pub fn in_pty(b: &Berth, args: &[&str], input: &[(u64, &str)]) -> (i32, String) {
    in_pty_with(b, "", args, input)
}

/// berth under util-linux `script` (a real pseudo-terminal of 27 rows, 91 columns), after
/// the shell commands in `prefix`; stdin and stdout piped.
fn spawn_in_pty(b: &Berth, prefix: &str, args: &[&str]) -> std::process::Child {
    let line = format!("stty cols 91 rows 27; {prefix} {}", b.shell_line(args));
    std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// `in_pty` with shell commands run first in the terminal's shell (e.g. a background
/// job that resizes the terminal: `(sleep 1; stty rows 20 </dev/tty) &`).
pub fn in_pty_with(b: &Berth, prefix: &str, args: &[&str], input: &[(u64, &str)]) -> (i32, String) {
    use std::io::Write;
    let mut child = spawn_in_pty(b, prefix, args);
    let mut stdin = child.stdin.take().unwrap();
    for (delay_ms, text) in input {
        std::thread::sleep(std::time::Duration::from_millis(*delay_ms));
        let _ = stdin.write_all(text.as_bytes());
        let _ = stdin.flush();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).replace('\r', ""),
    )
}

/// The fixture metadata (tags, ids, expected trees).
pub fn fixtures_json() -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(fixtures().join("fixtures.json")).unwrap()).unwrap()
}

/// Poll `inspect -f TPL NAME` until it prints `want` (15 s at most).
pub fn wait_for(b: &Berth, name: &str, tpl: &str, want: &str) -> String {
    let mut got = String::new();
    for _ in 0..300 {
        got = b
            .run(&["inspect", "-f", tpl, name])
            .stdout
            .trim()
            .to_string();
        if got == want {
            return got;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{name}: {tpl} stayed {got:?}, wanted {want:?}");
}

/// Poll `check` every 20 ms until it returns true (15 s at most, then panic naming `what`).
/// Tests wait for what they need this way, never for a fixed time.
pub fn poll_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !check() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Wait until container `name`'s log holds `needle` (e.g. the "ready" a container prints
/// once its traps are set).
pub fn wait_log(b: &Berth, name: &str, needle: &str) {
    poll_until(&format!("{needle:?} in the log of {name}"), || {
        let o = b.run(&["logs", name]);
        o.stdout.contains(needle) || o.stderr.contains(needle)
    });
}

/// Whether process `pid` is sleeping in nanosleep/clock_nanosleep (a poll loop that has
/// done its first round, e.g. `berth wait`).
pub fn in_nanosleep(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/syscall"))
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .is_some_and(|n| n == "35" || n == "230")
}

/// `in_pty_with`, driven by output instead of delays: for each step, wait until the
/// terminal's output holds `needle` (15 s at most), then type `input`. Stdin closes
/// after the last step. Returns the exit code and the whole output.
pub fn in_pty_expect(
    b: &Berth,
    prefix: &str,
    args: &[&str],
    steps: &[(&str, &str)],
) -> (i32, String) {
    in_pty_expect_with(b, prefix, args, steps, |_| {})
}

/// `in_pty_expect` that also calls `on_step(i)` once step i's needle is seen, before
/// typing its input (e.g. to make a file a job in the terminal waits for).
pub fn in_pty_expect_with(
    b: &Berth,
    prefix: &str,
    args: &[&str],
    steps: &[(&str, &str)],
    mut on_step: impl FnMut(usize),
) -> (i32, String) {
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    let mut child = spawn_in_pty(b, prefix, args);
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let text =
        |seen: &Mutex<Vec<u8>>| String::from_utf8_lossy(&seen.lock().unwrap()).replace('\r', "");
    for (i, (needle, input)) in steps.iter().enumerate() {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while !text(&seen).contains(needle) {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("no {needle:?} in the terminal's output: {}", text(&seen));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        on_step(i);
        let _ = stdin.write_all(input.as_bytes());
        let _ = stdin.flush();
    }
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    (status.code().unwrap_or(-1), text(&seen))
}
