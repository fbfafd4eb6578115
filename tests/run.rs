//! `run`: exit codes, flags, users, mounts, capabilities, seccomp, masked paths, and
//! the layer features as seen from inside a container.

mod common;
use common::*;

#[test]
fn hello_and_exit_codes() {
    let b = busybox("exit-codes");
    let o = b.run(&["run", "--rm", "busybox", "echo", "hello"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "hello\n"), "{}", o.stderr);
    assert_eq!(
        b.run(&["run", "--rm", "busybox", "sh", "-c", "exit 1"])
            .code,
        1
    );
    assert_eq!(
        b.run(&[
            "run",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "echo err >&2; exit 42"
        ])
        .code,
        42
    );
    let o = b.run(&["run", "--rm", "busybox", "nosuchcmd"]);
    assert_eq!(o.code, 127, "{}", o.stderr);
    assert!(
        o.stderr.contains("executable file not found in $PATH"),
        "{}",
        o.stderr
    );
    let o = b.run(&["run", "--rm", "busybox", "/etc/passwd"]);
    assert_eq!(o.code, 126, "{}", o.stderr);
    let o = b.run(&["run", "--rm", "--pull=never", "nosuchimage"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(o.stderr.contains("No such image"), "{}", o.stderr);
    // Missing locally: docker's words, then the pull (no registry reachable here).
    let o = b.run(&["run", "--rm", "nosuchimage"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(
        o.stderr
            .starts_with("Unable to find image 'nosuchimage:latest' locally\n"),
        "{}",
        o.stderr
    );
    // Usage errors are 125 too.
    assert_eq!(b.run(&["run", "--no-such-flag", "busybox"]).code, 125);
    assert_eq!(b.run(&["ps", "--bogus"]).code, 125);
    // --rm leaves nothing behind, even when the command could not start.
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    // stderr stays stderr.
    let o = b.run(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "echo out; echo err >&2",
    ]);
    assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("out\n", "err\n"));
}

#[test]
fn killed_container_exits_128_plus_signal() {
    let b = busybox("signal-exit");
    let mut child = b
        .cmd(&["run", "--name", "victim", "busybox", "sleep", "30"])
        .spawn()
        .unwrap();
    wait_running(&b, "victim");
    b.ok(&["rm", "-f", "victim"]);
    let st = child.wait().unwrap();
    assert_eq!(st.code(), Some(137));
}

pub fn wait_running(b: &Berth, name: &str) {
    wait_for(b, name, "{{.State.Status}}", "running");
}

#[test]
fn flags_env_workdir_user_hostname() {
    let b = busybox("flags");
    let out = b.ok(&[
        "run",
        "--rm",
        "-e",
        "A=1",
        "-e",
        "B",
        "-w",
        "/tmp/wd",
        "-u",
        "1000:1000",
        "--hostname",
        "hh",
        "busybox",
        "sh",
        "-c",
        "echo $A; pwd; id -u; id -g; hostname; cat /etc/hostname; echo ${B:-unset}",
    ]);
    assert_eq!(out, "1\n/tmp/wd\n1000\n1000\nhh\nhh\nunset\n");
    // Names resolve in the container's /etc/passwd and /etc/group.
    assert_eq!(
        b.ok(&["run", "--rm", "-u", "app", "busybox", "id"]).trim(),
        "uid=1000(app) gid=1000(app) groups=1000(app),2000(extra)"
    );
    assert_eq!(
        b.ok(&["run", "--rm", "--group-add", "2000", "busybox", "id", "-G"])
            .trim(),
        "0 2000"
    );
    let o = b.run(&["run", "--rm", "-u", "nosuchuser", "busybox", "true"]);
    assert_eq!(o.code, 125);
    assert!(
        o.stderr.contains("unable to find user nosuchuser"),
        "{}",
        o.stderr
    );
    // Default hostname is the short id; HOME and PATH set like docker.
    let out = b.ok(&[
        "run",
        "--name",
        "h1",
        "busybox",
        "sh",
        "-c",
        "hostname; echo $HOME; echo $PATH",
    ]);
    let id = b.ok(&["inspect", "-f", "{{.Id}}", "h1"]);
    assert_eq!(
        out,
        format!(
            "{}\n/root\n/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n",
            &id[..12]
        )
    );
    // Entrypoint semantics.
    assert_eq!(
        b.ok(&["run", "--rm", "--entrypoint", "echo", "busybox", "a", "b"]),
        "a b\n"
    );
    assert_eq!(
        b.ok(&["run", "--rm", "--entrypoint", "pwd", "busybox"]),
        "/\n"
    );
}

#[test]
fn volumes_tmpfs_read_only() {
    let b = busybox("mounts");
    let src = b.host_dir("src");
    std::fs::write(src.join("f"), "from-host\n").unwrap();
    let v = format!("{}:/src:ro", src.display());
    let out = b.ok(&["run", "--rm", "-v", &v, "--tmpfs", "/run", "--read-only", "busybox", "sh", "-c",
        "cat /src/f; touch /src/x 2>/dev/null || echo src-ro; touch /y 2>/dev/null || echo root-ro; touch /run/z && echo tmpfs-rw"]);
    assert_eq!(out, "from-host\nsrc-ro\nroot-ro\ntmpfs-rw\n");
    // rw bind: the container's writes reach the host.
    let rw = b.host_dir("rw");
    b.ok(&[
        "run",
        "--rm",
        "-v",
        &format!("{}:/rw", rw.display()),
        "busybox",
        "sh",
        "-c",
        "echo hi > /rw/out",
    ]);
    assert_eq!(std::fs::read_to_string(rw.join("out")).unwrap(), "hi\n");
    // -v creates a missing host directory.
    let missing = b.dir.join("missing/dir");
    b.ok(&[
        "run",
        "--rm",
        "-v",
        &format!("{}:/m", missing.display()),
        "busybox",
        "true",
    ]);
    assert!(missing.is_dir());
    // /etc files and /dev.
    let out = b.ok(&["run", "--rm", "busybox", "sh", "-c", "grep -c localhost /etc/hosts; ls /dev/null /dev/zero /dev/urandom /dev/pts/ptmx /dev/shm >/dev/null && echo dev-ok; head -c 3 /dev/zero | wc -c"]);
    assert_eq!(out, "2\ndev-ok\n3\n");
}

const DEFAULT_CAPS: &str = "00000000a80425fb";

fn cap_eff(b: &Berth, extra: &[&str]) -> String {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[
        "busybox",
        "sh",
        "-c",
        "grep CapEff /proc/self/status | cut -f2",
    ]);
    b.ok(&args).trim().to_string()
}

#[test]
fn capabilities_match_docker() {
    let b = busybox("caps");
    assert_eq!(cap_eff(&b, &[]), DEFAULT_CAPS);
    assert_eq!(cap_eff(&b, &["--cap-drop", "ALL"]), "0000000000000000");
    assert_eq!(
        cap_eff(&b, &["--cap-drop", "ALL", "--cap-add", "CHOWN"]),
        "0000000000000001"
    );
    assert_eq!(cap_eff(&b, &["--cap-add", "SYS_ADMIN"]), "00000000a82425fb");
    assert_eq!(cap_eff(&b, &["-u", "1000"]), "0000000000000000");
    let all = cap_eff(&b, &["--privileged"]);
    assert!(
        all.starts_with("000001ff") || all.starts_with("000000ff") || all.starts_with("0000003f"),
        "{all}"
    );
    assert_eq!(
        b.run(&["run", "--rm", "--cap-add", "BOGUS", "busybox", "true"])
            .code,
        125
    );
}

fn probe(b: &Berth, extra: &[&str], probes: &[&str]) -> String {
    let v = format!("{}:/probe:ro", sysprobe());
    let mut args = vec!["run", "--rm", "-v", v.as_str()];
    args.extend_from_slice(extra);
    args.push("busybox");
    args.push("/probe");
    args.extend_from_slice(probes);
    b.ok(&args)
}

#[test]
fn seccomp_default_profile() {
    let b = busybox("seccomp");
    let out = probe(
        &b,
        &[],
        &[
            "unshare-user",
            "keyctl",
            "add_key",
            "clone3",
            "getpid",
            "personality-query",
        ],
    );
    assert_eq!(out, "unshare-user: EPERM\nkeyctl: EPERM\nadd_key: EPERM\nclone3: ENOSYS\ngetpid: ok\npersonality-query: ok\n");
    // unconfined: the kernel answers (keyctl works, clone3 gets EFAULT/EINVAL, not ENOSYS).
    let out = probe(
        &b,
        &["--security-opt", "seccomp=unconfined"],
        &["keyctl", "clone3"],
    );
    // The kernel answers: no thread keyring (ENOKEY), clone3(NULL) is invalid.
    assert_eq!(out, "keyctl: ENOKEY\nclone3: EINVAL\n");
    // A profile file in docker's format.
    let prof = b.dir.join("profile.json");
    std::fs::write(&prof, r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["getpid"],"action":"SCMP_ACT_ERRNO","errnoRet":1}]}"#).unwrap();
    let out = probe(
        &b,
        &["--security-opt", &format!("seccomp={}", prof.display())],
        &["getpid", "keyctl"],
    );
    assert_eq!(out, "getpid: EPERM\nkeyctl: ENOKEY\n");
    // no-new-privileges is visible in /proc.
    let out = b.ok(&[
        "run",
        "--rm",
        "--security-opt",
        "no-new-privileges",
        "busybox",
        "grep",
        "NoNewPrivs",
        "/proc/self/status",
    ]);
    assert!(out.trim().ends_with('1'), "{out}");
    let bad = b.run(&[
        "run",
        "--rm",
        "--security-opt",
        "seccomp=/nonexistent.json",
        "busybox",
        "true",
    ]);
    assert_eq!(bad.code, 125);
}

/// Docker's default profile on amd64 also covers the i386 ABI (`int $0x80`) and x32:
/// the same rules, with i386's own syscall numbers.
#[test]
fn seccomp_i386_syscalls() {
    let b = busybox("seccomp-i386");
    let probes = [
        "i386-getpid",
        "i386-personality-query",
        "i386-add_key",
        "i386-kexec_load",
        "i386-unshare-user",
        "i386-personality-linux32",
    ];
    let want = "i386-getpid: ok\ni386-personality-query: ok\ni386-add_key: EPERM\n\
                i386-kexec_load: EPERM\ni386-unshare-user: EPERM\n\
                i386-personality-linux32: EPERM\n";
    assert_eq!(probe(&b, &[], &probes), want);
    // The same with no-new-privileges, where the filter is installed last.
    let nnp = ["--security-opt", "no-new-privileges", "-u", "1000"];
    assert_eq!(probe(&b, &nnp, &probes), want);
    // A profile without x86 in its archMap: the i386 call kills the process
    // (SIGSYS, libseccomp's bad-architecture action), as under docker.
    let prof = b.dir.join("amd64-only.json");
    std::fs::write(&prof, r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["add_key"],"action":"SCMP_ACT_ERRNO"}]}"#).unwrap();
    let opt = format!("seccomp={}", prof.display());
    let v = format!("{}:/probe:ro", sysprobe());
    let out = b.run(&[
        "run",
        "--rm",
        "-v",
        &v,
        "--security-opt",
        &opt,
        "busybox",
        "/probe",
        "getpid",
        "i386-getpid",
    ]);
    assert_eq!(out.code, 128 + 31, "{} {}", out.stdout, out.stderr);
}

/// With no-new-privileges the filter goes in after the switch to the container user,
/// so a profile may refuse setgroups/setresuid; the profile's flags are applied.
#[test]
fn seccomp_filter_last_and_flags() {
    let b = busybox("seccomp-order");
    let prof = b.dir.join("no-setuid.json");
    std::fs::write(&prof, r#"{"defaultAction":"SCMP_ACT_ALLOW","flags":["SECCOMP_FILTER_FLAG_LOG","SECCOMP_FILTER_FLAG_SPEC_ALLOW"],"syscalls":[{"names":["setresuid","setresgid","setgroups","setuid","setgid"],"action":"SCMP_ACT_ERRNO"}]}"#).unwrap();
    let opt = format!("seccomp={}", prof.display());
    let out = b.ok(&[
        "run",
        "--rm",
        "--security-opt",
        "no-new-privileges",
        "--security-opt",
        &opt,
        "-u",
        "1000:1000",
        "busybox",
        "sh",
        "-c",
        "id -u; grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status",
    ]);
    assert_eq!(out, "1000\nNoNewPrivs:\t1\nSeccomp:\t2\n");
    // Without it the filter goes in first, and refuses the switch: 125, as docker.
    let o = b.run(&[
        "run",
        "--rm",
        "--security-opt",
        &opt,
        "-u",
        "1000:1000",
        "busybox",
        "true",
    ]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(
        o.stderr.contains("operation not permitted")
            || o.stderr.contains("Operation not permitted"),
        "{}",
        o.stderr
    );
}

#[test]
fn masked_and_readonly_paths() {
    let b = busybox("masked");
    let out = b.ok(&["run", "--rm", "busybox", "sh", "-c",
        "for f in /proc/kcore /proc/keys /proc/timer_list; do [ -e $f ] && wc -c < $f; done | sort -u; ls /sys/firmware | wc -l; echo 1 > /proc/sys/kernel/domainname 2>/dev/null || echo sys-ro; touch /sys/x 2>/dev/null || echo sysfs-ro"]);
    assert!(
        std::path::Path::new("/proc/keys").exists()
            || std::path::Path::new("/proc/timer_list").exists()
    );
    assert_eq!(out, "0\n0\nsys-ro\nsysfs-ro\n");
    // --privileged unmasks.
    let out = b.ok(&[
        "run",
        "--rm",
        "--privileged",
        "busybox",
        "sh",
        "-c",
        "grep -c ' /proc/keys ' /proc/self/mountinfo || true",
    ]);
    assert_eq!(out.trim(), "0");
}

#[test]
fn layer_features_inside_the_container() {
    let b = Berth::user("layer-features");
    b.load("layers.tar");
    let out = b.ok(&["run", "--rm", "layers", "sh", "-c", concat!(
        "cd /data; ls -A opq; for f in gone dir-gone remove-me-later opq/old1; do [ -e $f ] && echo present:$f; done;",
        "stat -c '%n %u:%g %a' owned-1000 owned-dir owned-dir/inner setuid setgid-dir sticky;",
        "[ $(stat -c %i hard-a) = $(stat -c %i hard-b) ] && echo hardlinked; readlink link;",
        "cat added-gz added-zst no-eof long-pax-*; find / -xdev -name '.wh.*' | wc -l")]);
    assert_eq!(out, concat!(
        "new\n",
        "owned-1000 1000:1000 640\nowned-dir 1000:1000 755\nowned-dir/inner 1000:2000 644\nsetuid 0:0 4755\nsetgid-dir 0:0 2775\nsticky 0:0 1777\n",
        "hardlinked\nkeep\n",
        "added-gz\nadded-zst\nno-eof\nlong-pax\n0\n"));
    // On the host: uid 1000 in the image is the test user's subordinate uid 1000-1+start,
    // and the xattr and file capability survived unpacking.
    let layer_file = |rel: &str| {
        std::fs::read_dir(b.store_path("layers"))
            .unwrap()
            .map(|e| e.unwrap().path().join("diff").join(rel))
            .find(|p| p.exists())
            .unwrap()
    };
    let getcap = std::process::Command::new("getcap")
        .arg(layer_file("data/cap-file"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&getcap.stdout).contains("cap_net_raw=ep"),
        "{:?}",
        getcap
    );
    let getfattr = std::process::Command::new("getfattr")
        .args(["-n", "user.berth", "--only-values"])
        .arg(layer_file("data/xattr-file"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&getfattr.stdout), "test");
    // Same image from the OCI archive (gzip + zstd media types): same id, same content.
    let b2 = Berth::user("layer-features-oci");
    assert_eq!(
        b2.load("layers-oci.tar").trim(),
        "Loaded image: layers:latest"
    );
    assert_eq!(
        b2.ok(&["run", "--rm", "layers", "ls", "-A", "/data/opq"]),
        "new\n"
    );
}

#[test]
fn cgroup_limits_are_refused_without_delegation() {
    let b = busybox("cgroups");
    let o = b.run(&["run", "--rm", "--memory", "10m", "busybox", "true"]);
    assert_eq!(o.code, 125);
    assert!(o.stderr.contains("cgroup"), "{}", o.stderr);
    assert_eq!(b.ok(&["ps", "-aq"]), "");
}

#[test]
fn root_pass_run() {
    let Some(b) = Berth::root("root-run") else {
        return;
    };
    b.load("busybox.tar");
    assert_eq!(
        b.ok(&["run", "--rm", "busybox", "echo", "hello"]),
        "hello\n"
    );
    assert_eq!(
        b.run(&["run", "--rm", "busybox", "sh", "-c", "exit 7"])
            .code,
        7
    );
    assert_eq!(cap_eff(&b, &[]), DEFAULT_CAPS);
    assert_eq!(
        b.ok(&["run", "--rm", "-u", "app", "busybox", "id", "-u"]),
        "1000\n"
    );
    let out = probe(&b, &[], &["unshare-user", "keyctl", "mount", "clone3"]);
    assert_eq!(
        out,
        "unshare-user: EPERM\nkeyctl: EPERM\nmount: EPERM\nclone3: ENOSYS\n"
    );
    assert_eq!(b.run(&["run", "--rm", "busybox", "nosuchcmd"]).code, 127);
}

#[test]
fn storage_drivers_vfs_and_fuse_overlayfs() {
    for driver in ["vfs", "fuse-overlayfs"] {
        let b = Berth::user(&format!("driver-{driver}"));
        b.load("layers.tar");
        let out = b.ok(&["--storage-driver", driver, "run", "--name", "c1", "layers", "sh", "-c",
            "ls -A /data/opq; [ -e /data/gone ] || echo gone-absent; stat -c '%u %a' /data/owned-1000 /data/setuid; echo changed > /data/keep"]);
        assert_eq!(out, "new\ngone-absent\n1000 640\n0 4755\n", "{driver}");
        assert_eq!(
            b.ok(&["inspect", "-f", "{{.GraphDriver.Name}}", "c1"])
                .trim(),
            driver
        );
        // The container's changes persist across starts and stay out of the image.
        let o = b.run(&["start", "-a", "c1"]);
        assert_eq!(o.code, 0, "{driver}: {}", o.stderr);
        assert_eq!(
            b.ok(&["run", "--rm", "layers", "cat", "/data/keep"]),
            "keep\n"
        );
        b.ok(&["rm", "c1"]);
        assert_eq!(
            std::fs::read_dir(b.store_path("containers"))
                .unwrap()
                .count(),
            0
        );
    }
}

#[test]
fn signals_are_forwarded() {
    let b = busybox("sigproxy");
    use std::io::{BufRead, BufReader, Read};
    let mut child = b
        .cmd(&[
            "run",
            "--name",
            "trapper",
            "busybox",
            "sh",
            "-c",
            "trap 'echo got-term; exit 5' TERM; echo ready; while :; do sleep 0.1; done",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // "ready": the trap is set.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, "ready\n");
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(5));
    assert_eq!(rest, "got-term\n");
}

#[test]
fn one_id_mapping_without_subuids() {
    let Some(b) = Berth::solo("solo") else { return };
    b.load("layers.tar");
    let o = b.run(&[
        "run",
        "--rm",
        "layers",
        "sh",
        "-c",
        "id -u; stat -c %u /data/owned-1000; cat /data/keep",
    ]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "0\n0\nkeep\n"),
        "{}",
        o.stderr
    );
    // Said once, with the fix.
    assert!(
        o.stderr.contains("only one id is mapped") && o.stderr.contains("usermod --add-subuids"),
        "{}",
        o.stderr
    );
    let o = b.run(&["run", "--rm", "layers", "true"]);
    assert_eq!((o.code, o.stderr.as_str()), (0, ""));
    // Ids other than root cannot exist here.
    assert_eq!(
        b.run(&["run", "--rm", "-u", "1000", "layers", "true"]).code,
        125
    );
    b.ok(&["rmi", "layers"]);
}

#[test]
fn host_network() {
    let b = busybox("host-net");
    let host = std::fs::read_dir("/sys/class/net").unwrap().count();
    let out = b.ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "sh",
        "-c",
        "ls /sys/class/net | wc -l",
    ]);
    assert_eq!(out.trim(), host.to_string());
    let out = b.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "ls /sys/class/net; cat /sys/class/net/lo/operstate",
    ]);
    assert_eq!(out, "lo\nunknown\n");
    let o = b.run(&["run", "--rm", "--network", "foo", "busybox", "true"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (125, "Error: network foo not found\n")
    );
}

/// The compiled seccomp program is kept in the runroot and reused by run and exec; a
/// damaged copy is compiled again, never installed as it is.
#[test]
fn compiled_seccomp_is_cached_and_a_bad_cache_is_ignored() {
    let b = busybox("bpfcache");
    b.ok(&["run", "--rm", "busybox", "true"]);
    let run = b.dir.join("run");
    let cached: Vec<std::path::PathBuf> = std::fs::read_dir(&run)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".bpf"))
        .collect();
    assert_eq!(cached.len(), 1, "{cached:?}");
    std::fs::write(&cached[0], b"BSC1garbage").unwrap();
    let out = b.ok(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "grep Seccomp: /proc/self/status",
    ]);
    assert_eq!(out, "Seccomp:\t2\n");
    b.ok(&["run", "-d", "--name", "cc", "busybox", "sleep", "60"]);
    let out = b.ok(&["exec", "cc", "sh", "-c", "grep Seccomp: /proc/self/status"]);
    assert_eq!(out, "Seccomp:\t2\n");
    // A denied syscall is still denied through the cached program.
    let o = b.run(&["exec", "cc", "unshare", "-U", "true"]);
    assert_ne!(o.code, 0, "unshare -U allowed: {}", o.stdout);
}

/// Rootless fuse-overlayfs: a container creating, copying and removing files must not
/// hang (the daemon's root once moved into its own mount at pivot_root, so its lookups
/// waited on itself). A watchdog fails the test rather than hang the suite.
#[test]
fn fuse_overlayfs_container_writes_do_not_hang() {
    let b = busybox("fuse-writes");
    let mut c = b.cmd(&[
        "--storage-driver", "fuse-overlayfs", "run", "--rm", "busybox", "sh", "-c",
        "cp /bin/busybox /tmp/bb; mkdir -p /x/y; echo ok > /x/y/z; cat /x/y/z; for i in $(seq 50); do echo $i > /tmp/f$i; done; rm /tmp/f*; echo done",
    ]);
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > std::time::Duration::from_secs(60) {
            // Unblock the hung processes: kill this store's fuse daemon, then fail.
            let _ = std::process::Command::new("pkill")
                .args(["-9", "-f", &format!("fuse-overlayfs.*{}", b.dir.display())])
                .status();
            let _ = child.kill();
            panic!("the container hung writing through fuse-overlayfs");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).as_ref()
        ),
        (Some(0), "ok\ndone\n"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
