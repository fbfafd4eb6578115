//! The command line as docker's: refused flag values (ids out of range, mount
//! destinations, volume names), relative bind sources, unknown commands, and the
//! `--format`/`--filter` fields of the listings.

mod common;
use common::*;

const ID_RANGE: &str = "uids and gids must be in range 0-2147483647";

#[test]
fn ids_above_2147483647_are_refused() {
    let b = busybox("idrange");
    // setresuid(-1) means "unchanged": 4294967295 would keep root.
    for u in ["4294967295", "0:4294967295", "2147483648", "4294967295:0"] {
        let o = b.run(&["run", "--rm", "-u", u, "busybox", "id"]);
        assert_eq!(o.code, 125, "-u {u}: {}{}", o.stdout, o.stderr);
        assert!(o.stderr.contains(ID_RANGE), "-u {u}: {}", o.stderr);
        assert!(o.stdout.is_empty(), "-u {u} ran: {}", o.stdout);
    }
    let o = b.run(&["create", "-u", "4294967295", "busybox", "id"]);
    assert_ne!(o.code, 0, "create: {}", o.stdout);
    assert!(o.stderr.contains(ID_RANGE), "create: {}", o.stderr);
    // exec: docker says 126 (the command cannot run as that user).
    b.ok(&["run", "-d", "--name", "ex", "busybox", "sleep", "60"]);
    for u in ["4294967295", "0:4294967295"] {
        let o = b.run(&["exec", "-u", u, "ex", "id", "-u"]);
        assert_eq!(o.code, 126, "exec -u {u}: {}{}", o.stdout, o.stderr);
        assert!(o.stderr.contains(ID_RANGE), "exec -u {u}: {}", o.stderr);
    }
    assert_eq!(b.ok(&["exec", "-u", "1000", "ex", "id", "-u"]), "1000\n");
    // The largest id is fine (as root: no user namespace maps it rootless).
    if let Some(r) = Berth::root("idrange") {
        r.load("busybox.tar");
        assert_eq!(
            r.ok(&[
                "run",
                "--rm",
                "-u",
                "2147483647:2147483647",
                "busybox",
                "id",
                "-u"
            ]),
            "2147483647\n"
        );
    }
}

#[test]
fn mount_destinations_root_and_proc_are_refused() {
    let b = busybox("mountdst");
    let src = b.host_dir("src");
    for dst in ["/", "//", "/proc", "/proc/", "/proc/x", "/x/../proc"] {
        let v = format!("{}:{dst}", src.display());
        let o = b.run(&["run", "--rm", "-v", &v, "busybox", "true"]);
        assert_eq!(o.code, 125, "-v {v}: {}", o.stderr);
        assert!(
            o.stderr.contains("invalid volume specification"),
            "-v {v}: {}",
            o.stderr
        );
    }
    let v = format!("{}:/", src.display());
    let o = b.run(&["run", "--rm", "-v", &v, "busybox", "true"]);
    assert!(
        o.stderr.contains("destination can't be '/'"),
        "{}",
        o.stderr
    );
    let v = format!("{}:/proc", src.display());
    let o = b.run(&["run", "--rm", "-v", &v, "busybox", "true"]);
    assert!(o.stderr.contains("is not of type proc"), "{}", o.stderr);
}

#[test]
fn relative_bind_sources_and_volume_names() {
    let b = busybox("relbind");
    let cwd = b.host_dir("cwd");
    let dir = b.host_dir("cwd/dir");
    std::fs::write(dir.join("f"), "here\n").unwrap();
    let run = |v: &str| {
        let mut c = b.cmd(&["run", "--rm", "-v", v, "busybox", "cat", "/x/f"]);
        c.current_dir(&cwd);
        let o = c.output().unwrap();
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    // `.`-relative sources are host paths from the current directory.
    for v in ["./dir:/x", "../cwd/dir:/x:ro", "./dir/../dir:/x"] {
        let (code, out, err) = run(v);
        assert_eq!((code, out.as_str()), (0, "here\n"), "-v {v}: {err}");
    }
    // Any other relative source is a volume name, checked as docker does.
    for name in ["dir/sub", "_bad", "x y"] {
        let (code, _, err) = run(&format!("{name}:/x"));
        assert_eq!(code, 125, "-v {name}: {err}");
        let want = format!(
            "\"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
        );
        assert!(err.contains(&want), "-v {name}: {err}");
    }
    // Never a host directory named after the volume.
    assert!(!cwd.join("dir/sub").exists() && !cwd.join("_bad").exists());
}

#[test]
fn unknown_command_as_docker() {
    let b = Berth::user("unknowncmd");
    let o = b.run(&["foo"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "berth: unknown command: berth foo\n\nRun 'berth --help' for more information\n"
    );
    assert!(o.stdout.is_empty());
    let o = b.run(&["image", "foo"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "berth: unknown command: berth image foo\n\nUsage:  berth image\n\nRun 'berth image --help' for more information\n"
    );
    // A bad flag stays a usage error (125).
    assert_eq!(b.run(&["ps", "--bogus"]).code, 125);
}

/// A docker-archive of busybox under `tag`, its config given another creation time and
/// labels (so: another image id).
fn busybox_variant(b: &Berth, tag: &str, created: &str, labels: &str) -> String {
    let out = b.dir.join(format!("{}.tar", tag.replace([':', '/'], "_")));
    let script = r#"
import hashlib, io, json, sys, tarfile
src, dst, tag, created, labels = sys.argv[1:]
with tarfile.open(src) as t:
    members = [(m, t.extractfile(m).read() if m.isfile() else None) for m in t.getmembers()]
files = {m.name: d for m, d in members}
manifest = json.loads(files["manifest.json"])
cfg = json.loads(files[manifest[0]["Config"]])
cfg["created"] = created
cfg["config"]["Labels"] = json.loads(labels)
data = json.dumps(cfg).encode()
name = hashlib.sha256(data).hexdigest() + ".json"
manifest[0]["Config"] = name
manifest[0]["RepoTags"] = [tag]
with tarfile.open(dst, "w") as out:
    for m, d in members:
        if m.name in ("manifest.json", "repositories") or m.name.endswith(".json") and "/" not in m.name:
            continue
        out.addfile(m, io.BytesIO(d) if d is not None else None)
    for n, d in ((name, data), ("manifest.json", json.dumps(manifest).encode())):
        i = tarfile.TarInfo(n); i.size = len(d); i.mode = 0o644
        out.addfile(i, io.BytesIO(d))
"#;
    let st = std::process::Command::new("python3")
        .args(["-c", script, &fixture("busybox.tar")])
        .arg(&out)
        .args([tag, created, labels])
        .status()
        .unwrap();
    assert!(st.success());
    let p = out.display().to_string();
    std::fs::set_permissions(&out, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    p
}

#[test]
fn images_format_fields_as_docker() {
    let b = busybox("imgfmt");
    b.ok(&["tag", "busybox", "localhost/foo:1"]);
    let out = b.ok(&["images", "--format", "{{json .}}"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for l in &lines {
        // docker's keys, Go's escaping of <none>.
        assert!(l.contains(r#""Digest":"\u003cnone\u003e""#), "{l}");
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "Containers",
                "CreatedAt",
                "CreatedSince",
                "Digest",
                "ID",
                "Repository",
                "SharedSize",
                "Size",
                "Tag",
                "UniqueSize",
                "VirtualSize"
            ],
            "{l}"
        );
        assert_eq!(v["CreatedAt"], "2023-11-14 22:13:20 +0000 UTC");
        assert_eq!(v["Containers"], "N/A");
        assert_eq!(v["ID"].as_str().unwrap().len(), 12);
    }
    assert_eq!(out, b.ok(&["images", "--format", "json"]));
    let out = b.ok(&[
        "images",
        "--format",
        "table {{.Repository}}:{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.SharedSize}}",
    ]);
    let first = out.lines().next().unwrap();
    assert_eq!(
        first.split_whitespace().collect::<Vec<_>>(),
        ["REPOSITORY:TAG", "IMAGE", "ID", "CREATED", "SHARED", "SIZE"],
        "{out}"
    );
    assert!(out.contains("localhost/foo:1 "), "{out}");
    assert!(out.contains("3 years ago"), "{out}");
    let out = b.ok(&["images", "--no-trunc", "--format", "{{.ID}} {{.Digest}}"]);
    assert!(
        out.lines()
            .all(|l| l.starts_with("sha256:") && l.ends_with(" <none>")),
        "{out}"
    );
    // `table` alone is the default table.
    assert_eq!(b.ok(&["images", "--format", "table"]), b.ok(&["images"]));
}

#[test]
fn images_filters_as_docker() {
    let b = busybox("imgfilter");
    b.ok(&["tag", "busybox", "localhost/foo:1"]);
    let old = busybox_variant(&b, "old:1", "2020-01-01T00:00:00Z", r#"{"tier":"old"}"#);
    let new = busybox_variant(
        &b,
        "new:1",
        "2025-01-01T00:00:00Z",
        r#"{"tier":"new","x":""}"#,
    );
    b.ok(&["load", "-i", &old]);
    b.ok(&["load", "-i", &new]);
    // Loading another image under the same tag leaves the first one dangling.
    let newer = busybox_variant(&b, "new:1", "2025-06-01T00:00:00Z", "{}");
    b.ok(&["load", "-i", &newer]);
    let list = |args: &[&str]| {
        let mut a = vec!["images", "--format", "{{.Repository}}:{{.Tag}}"];
        a.extend(args);
        let mut v: Vec<String> = b.ok(&a).lines().map(String::from).collect();
        v.sort();
        v.join(" ")
    };
    assert_eq!(
        list(&[]),
        "<none>:<none> busybox:latest localhost/foo:1 new:1 old:1"
    );
    assert_eq!(list(&["-f", "dangling=true"]), "<none>:<none>");
    assert_eq!(
        list(&["-f", "dangling=false"]),
        "busybox:latest localhost/foo:1 new:1 old:1"
    );
    assert_eq!(list(&["-f", "reference=busy*"]), "busybox:latest");
    assert_eq!(list(&["-f", "reference=*/foo"]), "localhost/foo:1");
    assert_eq!(list(&["-f", "reference=*"]), "busybox:latest new:1 old:1");
    assert_eq!(list(&["-f", "reference=*:1"]), "new:1 old:1");
    assert_eq!(
        list(&["-f", "reference=old", "-f", "reference=new"]),
        "new:1 old:1"
    );
    assert_eq!(list(&["busybox"]), "busybox:latest");
    assert_eq!(list(&["b*:lat*"]), "busybox:latest");
    assert_eq!(list(&["-f", "label=tier"]), "<none>:<none> old:1");
    assert_eq!(list(&["-f", "label=tier=old"]), "old:1");
    assert_eq!(
        list(&["-f", "label=tier", "-f", "label=x"]),
        "<none>:<none>"
    );
    // busybox (2023) sits between old (2020) and the dangling one (2025).
    assert_eq!(list(&["-f", "before=busybox"]), "old:1");
    assert_eq!(list(&["-f", "since=busybox"]), "<none>:<none> new:1");
    assert_eq!(
        list(&["-f", "since=old:1", "-f", "dangling=false"]),
        "busybox:latest localhost/foo:1 new:1"
    );
    assert_eq!(
        b.ok(&["images", "-q", "-f", "reference=old"])
            .lines()
            .count(),
        1
    );
    // Errors, with docker's words and codes.
    let o = b.run(&["images", "-f", "foo=bar"]);
    assert_eq!(
        (o.code, o.stderr.trim()),
        (1, "Error: Invalid filter 'foo'")
    );
    let o = b.run(&["images", "-f", "dangling=maybe"]);
    assert_eq!(
        (o.code, o.stderr.trim()),
        (1, "Error: Invalid filter 'dangling=[maybe]'")
    );
    let o = b.run(&["images", "-f", "before=nosuch"]);
    assert_eq!(
        (o.code, o.stderr.trim()),
        (1, "Error: No such image: nosuch:latest")
    );
    let o = b.run(&["images", "-f", "bogus"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("bad format of filter (expected name=value)"),
        "{}",
        o.stderr
    );
}

#[test]
fn ps_json_keys_as_docker_28() {
    let b = busybox("psjson");
    b.ok(&[
        "run",
        "--name",
        "pj",
        "-l",
        "a=b",
        "busybox",
        "sh",
        "-c",
        "echo hello > /f",
    ]);
    let out = b.ok(&["ps", "-a", "--format", "{{json .}}"]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "Command",
            "CreatedAt",
            "ID",
            "Image",
            "Labels",
            "LocalVolumes",
            "Mounts",
            "Names",
            "Networks",
            "Platform",
            "Ports",
            "RunningFor",
            "Size",
            "State",
            "Status"
        ],
        "{out}"
    );
    assert!(v["Platform"].is_null(), "{out}");
    assert_eq!(v["Labels"], "a=b");
    let size = v["Size"].as_str().unwrap();
    assert!(size.starts_with("6B (virtual "), "{out}");
    assert!(out.contains("\\u003e"), "Go escapes > in json: {out}");
    let out = b.ok(&["ps", "-a", "--format", "table {{.Names}}\t{{.Platform}}"]);
    assert_eq!(out, "NAMES     PLATFORM\npj        <nil>\n");
}

#[test]
fn ps_filters_as_docker() {
    let b = busybox("psfilters");
    b.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "f1",
        "-l",
        "a=1",
        "busybox",
        "true",
    ]);
    b.ok(&[
        "create",
        "--network",
        "host",
        "--name",
        "f2",
        "-l",
        "a=2",
        "-v",
        "/tmp:/data",
        "busybox",
        "true",
    ]);
    b.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "f3",
        "busybox",
        "true",
    ]);
    let ps = |f: &str| {
        let mut v: Vec<String> = b
            .ok(&["ps", "-a", "--filter", f, "--format", "{{.Names}}"])
            .lines()
            .map(String::from)
            .collect();
        v.sort();
        v.join(" ")
    };
    assert_eq!(ps("label!=a"), "f3");
    assert_eq!(ps("label!=a=1"), "f2 f3");
    assert_eq!(ps("before=f3"), "f1 f2");
    assert_eq!(ps("since=f1"), "f2 f3");
    assert_eq!(ps("network=host"), "f2");
    assert_eq!(ps("volume=/data"), "f2");
    assert_eq!(ps("health=none"), "f1 f2 f3");
    assert_eq!(ps("is-task=false"), "f1 f2 f3");
    assert_eq!(ps("is-task=true"), "");
    for (f, words) in [
        ("status=bogus", "invalid filter 'status=bogus'"),
        ("health=x", "Unrecognised filter value for health: x"),
        ("before=nope", "No such container: nope"),
        ("nope=1", "invalid filter 'nope'"),
    ] {
        let o = b.run(&["ps", "-a", "--filter", f]);
        assert_ne!(o.code, 0, "{f}");
        assert!(o.stderr.contains(words), "{f}: {}", o.stderr);
    }
}

#[test]
fn label_file_annotation_cidfile_log_driver() {
    let b = busybox("runflags");
    let dir = b.host_dir("flags");
    let lf = dir.join("labels");
    std::fs::write(&lf, "x=1\n# a comment\n\ny=2\n").unwrap();
    let cid = dir.join("cid");
    let (lf, cid) = (lf.to_str().unwrap(), cid.to_str().unwrap());
    let out = b.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        "ff",
        "--label-file",
        lf,
        "-l",
        "y=3",
        "--annotation",
        "org.x=7",
        "--cidfile",
        cid,
        "--log-driver",
        "none",
        "busybox",
        "echo",
        "hi",
    ]);
    assert_eq!(out, "hi\n");
    let id = std::fs::read_to_string(cid).unwrap();
    assert_eq!(id.len(), 64, "{id}");
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{json .Config.Labels}} {{json .HostConfig.Annotations}} {{.HostConfig.LogConfig.Type}} {{.Id}}",
            "ff"
        ]),
        format!("{{\"x\":\"1\",\"y\":\"3\"}} {{\"org.x\":\"7\"}} none {id}\n")
    );
    // Nothing kept with the none driver, as docker.
    let o = b.run(&["logs", "ff"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("configured logging driver does not support reading"),
        "{}",
        o.stderr
    );
    // An existing cidfile, an unknown driver, a missing label file: 125, nothing created.
    let before = b.ok(&["ps", "-a", "-q"]);
    for (args, words) in [
        (vec!["--cidfile", cid], "Container ID file found"),
        (
            vec!["--log-driver", "syslog"],
            "logging driver \"syslog\" is not supported",
        ),
        (vec!["--label-file", "/nonexistent"], "open /nonexistent"),
    ] {
        let mut a = vec!["run", "--network", "none"];
        a.extend(args.iter().copied());
        a.extend(["busybox", "true"]);
        let o = b.run(&a);
        assert_eq!(o.code, 125, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(words), "{args:?}: {}", o.stderr);
    }
    assert_eq!(b.ok(&["ps", "-a", "-q"]), before);
    // local keeps logs (json-file format).
    b.ok(&[
        "run",
        "--network",
        "none",
        "--name",
        "loc",
        "--log-driver",
        "local",
        "busybox",
        "echo",
        "kept",
    ]);
    assert_eq!(b.ok(&["logs", "loc"]), "kept\n");
}

#[test]
fn ulimits() {
    let b = busybox("ulimits");
    let out = b.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--ulimit",
        "nofile=100:200",
        "--ulimit",
        "core=-1",
        "busybox",
        "sh",
        "-c",
        "ulimit -n; ulimit -Hn; ulimit -c",
    ]);
    assert_eq!(out, "100\n200\nunlimited\n");
    b.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "ul",
        "--ulimit",
        "nproc=50",
        "busybox",
        "true",
    ]);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{json .HostConfig.Ulimits}}", "ul"]),
        // (docker's struct order)
        "[{\"Name\":\"nproc\",\"Hard\":50,\"Soft\":50}]\n"
    );
    for (u, words) in [
        (
            "nofile=10:5",
            "soft limit must be less than or equal to hard limit",
        ),
        ("bogus=1", "invalid ulimit type: bogus"),
    ] {
        let o = b.run(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--ulimit",
            u,
            "busybox",
            "true",
        ]);
        assert_eq!(o.code, 125, "{u}: {}", o.stderr);
        assert!(o.stderr.contains(words), "{u}: {}", o.stderr);
    }
    // Rootless, a hard limit above the user's own cannot be granted.
    let o = b.run(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--ulimit",
        "nofile=100:2000000000",
        "busybox",
        "true",
    ]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(
        o.stderr.contains("setting the ulimit nofile"),
        "{}",
        o.stderr
    );
}

#[test]
fn namespaced_sysctls() {
    let b = busybox("sysctls");
    let out = b.ok(&[
        "run",
        "--rm",
        "--sysctl",
        "net.ipv4.ip_unprivileged_port_start=80",
        "--sysctl",
        "kernel.shmmni=1000",
        "busybox",
        "cat",
        "/proc/sys/net/ipv4/ip_unprivileged_port_start",
        "/proc/sys/kernel/shmmni",
    ]);
    assert_eq!(out, "80\n1000\n");
    for (args, words) in [
        (
            vec!["--network", "host", "--sysctl", "net.ipv4.ip_forward=1"],
            "not allowed in host network namespace",
        ),
        (
            vec!["--sysctl", "kernel.hostname=x"],
            "is not in a separate kernel namespace",
        ),
        (vec!["--sysctl", "net.ipv4/../x=1"], "is not allowed"),
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend(args.iter().copied());
        a.extend(["busybox", "true"]);
        let o = b.run(&a);
        assert_eq!(o.code, 125, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(words), "{args:?}: {}", o.stderr);
    }
}

/// Every flag of docker 28's `run` (its `--help`, taken with docker CLI 28.2) is known
/// to berth's: implemented, accepted without effect, or refused with a reason
/// (docs/flags.md) — never "unexpected argument".
#[test]
fn every_docker_run_flag_is_known() {
    const DOCKER_RUN_FLAGS: &[&str] = &[
        "add-host",
        "annotation",
        "attach",
        "blkio-weight",
        "blkio-weight-device",
        "cap-add",
        "cap-drop",
        "cgroup-parent",
        "cgroupns",
        "cidfile",
        "cpu-count",
        "cpu-percent",
        "cpu-period",
        "cpu-quota",
        "cpu-rt-period",
        "cpu-rt-runtime",
        "cpu-shares",
        "cpus",
        "cpuset-cpus",
        "cpuset-mems",
        "detach",
        "detach-keys",
        "device",
        "device-cgroup-rule",
        "device-read-bps",
        "device-read-iops",
        "device-write-bps",
        "device-write-iops",
        "disable-content-trust",
        "dns",
        "dns-option",
        "dns-search",
        "domainname",
        "entrypoint",
        "env",
        "env-file",
        "expose",
        "gpus",
        "group-add",
        "health-cmd",
        "health-interval",
        "health-retries",
        "health-start-interval",
        "health-start-period",
        "health-timeout",
        "help",
        "hostname",
        "init",
        "interactive",
        "io-maxbandwidth",
        "io-maxiops",
        "ip",
        "ip6",
        "ipc",
        "isolation",
        "kernel-memory",
        "label",
        "label-file",
        "link",
        "link-local-ip",
        "log-driver",
        "log-opt",
        "mac-address",
        "memory",
        "memory-reservation",
        "memory-swap",
        "memory-swappiness",
        "mount",
        "name",
        "network",
        "network-alias",
        "no-healthcheck",
        "oom-kill-disable",
        "oom-score-adj",
        "pid",
        "pids-limit",
        "platform",
        "privileged",
        "publish",
        "publish-all",
        "pull",
        "quiet",
        "read-only",
        "restart",
        "rm",
        "runtime",
        "security-opt",
        "shm-size",
        "sig-proxy",
        "stop-signal",
        "stop-timeout",
        "storage-opt",
        "sysctl",
        "tmpfs",
        "tty",
        "ulimit",
        "use-api-socket",
        "user",
        "userns",
        "uts",
        "volume",
        "volume-driver",
        "volumes-from",
        "workdir",
    ];
    let b = Berth::user("runflagsall");
    let help = b.ok(&["run", "--help"]);
    let missing: Vec<&&str> = DOCKER_RUN_FLAGS
        .iter()
        .filter(|f| {
            !help.contains(&format!("--{f} "))
                && !help.contains(&format!("--{f}\n"))
                && !help.contains(&format!("--{f}["))
                && !help.contains(&format!("--{f} <"))
        })
        .collect();
    assert!(missing.is_empty(), "unknown to berth run: {missing:?}");
    // Refused ones say why, exit 125, create nothing.
    let o = b.run(&["run", "--rm", "--runtime", "crun", "busybox", "true"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert_eq!(o.stderr, "Error: --runtime: berth is its own runtime\n");
    let o = b.run(&["create", "--volume-driver", "x", "busybox", "true"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("--volume-driver: only local volumes exist"),
        "{}",
        o.stderr
    );
    assert_eq!(b.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn domainname_and_oom_score_adj() {
    let b = busybox("domainoom");
    let out = b.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--domainname",
        "example.org",
        "--oom-score-adj",
        "500",
        "busybox",
        "cat",
        "/proc/sys/kernel/domainname",
        "/proc/self/oom_score_adj",
    ]);
    assert_eq!(out, "example.org\n500\n");
    let o = b.run(&["run", "--rm", "--oom-score-adj", "2000", "busybox", "true"]);
    assert_eq!(o.code, 125);
    assert!(
        o.stderr
            .contains("Invalid value 2000, range for oom score adj is [-1000, 1000]"),
        "{}",
        o.stderr
    );
    // Rootless, below the user's own: the kernel says no, and so does run.
    let o = b.run(&["run", "--rm", "--oom-score-adj", "-500", "busybox", "true"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(
        o.stderr.contains("setting oom_score_adj -500"),
        "{}",
        o.stderr
    );
}

#[test]
fn format_templates_as_docker() {
    let b = busybox("gotmpl");
    b.ok(&[
        "create",
        "--name",
        "tl",
        "-l",
        "a=1",
        "-l",
        "b=2",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    // Go's text/template: range with variables, len, index, join, printf, if/else, comparisons.
    let tpl = r#"{{range $i, $t := .RepoTags}}{{$i}}={{$t}} {{end}}{{len .RepoTags}} {{index .RepoTags 0}} {{join .RepoTags ","}} {{upper .Os}} {{printf "%-6s|%3d" .Os 7}} {{if eq .Os "linux"}}L{{else}}?{{end}}"#;
    assert_eq!(
        b.ok(&["inspect", "-f", tpl, "busybox"]).trim_end(),
        "0=busybox:latest 1 busybox:latest busybox:latest LINUX linux |  7 L"
    );
    // Labels: a missing key is Go's <no value>; index of one is the map's zero value.
    assert_eq!(
        b.ok(&[
            "inspect",
            "-f",
            "{{.Config.Labels.a}} {{.Config.Labels.nope}} [{{index .Config.Labels \"nope\"}}]",
            "tl"
        ])
        .trim_end(),
        "1 <no value> []"
    );
    // ps's method `.Label "key"`, and a table with it.
    assert_eq!(
        b.ok(&["ps", "-a", "--format", "{{.Names}} {{.Label \"b\"}}"]),
        "tl 2\n"
    );
    // A template that does not parse: docker's words, exit 1.
    let o = b.run(&["inspect", "-f", "{{nofunc .Id}}", "tl"]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stderr.trim(),
        "Error: template parsing error: template: :1: function \"nofunc\" not defined"
    );
    let o = b.run(&["ps", "-a", "--format", "{{range .Names}}"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("template: :1: unexpected EOF"),
        "{}",
        o.stderr
    );
    // A missing field of docker's structs is an error.
    let o = b.run(&["inspect", "-f", "{{.Nope}}", "tl"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains(r#"executing "" at <.Nope>: map has no entry for key "Nope""#),
        "{}",
        o.stderr
    );
}

#[test]
fn version_as_docker() {
    let b = Berth::user("version");
    let out = b.ok(&["version"]);
    assert!(
        out.starts_with("Client:\n Version:           ")
            && out.contains("\nServer: ")
            && out.contains("  API version:      1.50 (minimum version 1.24)\n"),
        "{out}"
    );
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(
        b.ok(&[
            "version",
            "--format",
            "{{.Server.Version}} {{.Client.ApiVersion}} {{.Server.Os}}/{{.Server.Arch}}"
        ]),
        format!("{v} 1.50 linux/amd64\n")
    );
    let j: serde_json::Value =
        serde_json::from_str(&b.ok(&["version", "-f", "{{json .}}"])).unwrap();
    assert_eq!(j["Client"]["Context"], "default");
    assert_eq!(j["Server"]["Components"][0]["Name"], "Engine");
    let o = b.run(&["version", "--format", "{{.Nope"]);
    assert_ne!(o.code, 0);
    assert!(
        o.stderr.starts_with("Error: template parsing error: "),
        "{}",
        o.stderr
    );
}

#[test]
fn devices_bound_in() {
    let b = busybox("devices");
    // /dev/net/tun is world-usable (tests/setup.sh): bound in, read-write; a second
    // node under another name, read-only.
    let out = b.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--device",
        "/dev/net/tun",
        "--device",
        "/dev/zero:/dev/myzero:r",
        "busybox",
        "sh",
        "-c",
        "stat -c '%t,%T %F' /dev/net/tun /dev/myzero; head -c 3 /dev/myzero | wc -c",
    ]);
    assert_eq!(
        out,
        "a,c8 character special file\n1,5 character special file\n3\n"
    );
    // Without a device cgroup a mode other than rwm cannot be enforced: said so.
    let o = b.run(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--device",
        "/dev/zero:r",
        "busybox",
        "true",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("WARNING: --device permissions other than rwm are not enforced"),
        "{}",
        o.stderr
    );
    b.ok(&[
        "create",
        "--network",
        "none",
        "--name",
        "dv",
        "--device",
        "/dev/net/tun",
        "busybox",
        "true",
    ]);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{range .HostConfig.Devices}}{{.PathOnHost}} {{.PathInContainer}} {{.CgroupPermissions}}{{end}}", "dv"]),
        "/dev/net/tun /dev/net/tun rwm\n"
    );
    for (d, words) in [
        ("/dev/nonexistent", "error gathering device information"),
        ("/etc/hostname", "not a device node"),
        ("/dev/null:/x:q", "invalid device mode"),
    ] {
        let o = b.run(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--device",
            d,
            "busybox",
            "true",
        ]);
        assert_eq!(o.code, 125, "{d}: {}", o.stderr);
        assert!(o.stderr.contains(words), "{d}: {}", o.stderr);
    }
}

/// `inspect` prints as docker's json.MarshalIndent: four spaces, docker's field order;
/// a struct printed by a template is `{...}` in that order, a missing nil `Health`
/// `<nil>`.
#[test]
fn inspect_layout_and_struct_printing() {
    let b = busybox("inspect-layout");
    b.ok(&["create", "--name", "lay", "busybox", "true"]);
    let out = b.ok(&["inspect", "lay"]);
    assert!(out.starts_with("[\n    {\n        \"Id\": \""), "{out}");
    let keys: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("        \""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(
        keys,
        [
            "Id",
            "Created",
            "Path",
            "Args",
            "State",
            "Image",
            "ResolvConfPath",
            "HostnamePath",
            "HostsPath",
            "LogPath",
            "Name",
            "RestartCount",
            "Driver",
            "Platform",
            "MountLabel",
            "ProcessLabel",
            "AppArmorProfile",
            "ExecIDs",
            "HostConfig",
            "GraphDriver",
            "Mounts",
            "Config",
            "NetworkSettings"
        ]
    );
    let out = b.ok(&[
        "inspect",
        "-f",
        "{{.State.Health}} {{.HostConfig.RestartPolicy}} {{.HostConfig.LogConfig}}",
        "lay",
    ]);
    assert_eq!(out, "<nil> {no 0} {json-file map[]}\n");
}

/// `--shm-size`, `--pull`, `--platform`, `--stop-timeout` checked as docker 28 checks
/// them (its CLI's usage errors 125, its engine's 1 on create), nothing created.
#[test]
fn run_flags_checked_as_docker() {
    let b = busybox("flag-checks");
    for (args, code, msg) in [
        (&["--shm-size", "bogus"][..], 125, "Error: invalid argument \"bogus\" for \"--shm-size\" flag: invalid size: 'bogus'"),
        (&["--pull", "bogus"][..], 125, "Error: invalid pull option: 'bogus': must be one of \"always\", \"missing\" or \"never\""),
        (&["--platform", "bogus"][..], 1, "Error: error parsing specified platform: \"bogus\": unknown operating system or architecture: invalid argument"),
        (&["--platform", "linux/arm64", "--pull", "never"][..], 1, "Error: image with reference busybox was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64"),
    ] {
        let mut a = vec!["create"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["busybox", "true"]);
        let o = b.run(&a);
        assert_eq!((o.code, o.stderr.trim()), (code, msg), "{args:?}");
    }
    let o = b.run(&["create", "--pull", "never", "nosuch"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error: No such image: nosuch:latest\n")
    );
    let o = b.run(&["run", "--rm", "--pull", "never", "nosuch"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (125, "Error: No such image: nosuch:latest\n")
    );
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    // The host's platform, in any of its spellings, is fine.
    for p in ["linux/amd64", "amd64", "linux"] {
        b.ok(&[
            "create",
            "--platform",
            p,
            "--pull",
            "never",
            "busybox",
            "true",
        ]);
    }
    // -1: wait for as long as it takes (docker's), shown as docker shows it; unset is nil.
    b.ok(&[
        "create",
        "--name",
        "patient",
        "--stop-timeout",
        "-1",
        "busybox",
        "true",
    ]);
    b.ok(&["create", "--name", "plain", "busybox", "true"]);
    let out = b.ok(&[
        "inspect",
        "-f",
        "{{.Config.StopTimeout}} [{{.Config.StopSignal}}]",
        "patient",
        "plain",
    ]);
    assert_eq!(out, "-1 []\n<nil> []\n");
}

/// A reader that goes away (`berth inspect x | head -1`) ends berth quietly, as
/// SIGPIPE ends docker's CLI: no "internal error".
#[test]
fn closed_stdout_is_not_an_error() {
    let b = busybox("epipe");
    // More than a pipe holds, so that a write fails even when berth wrote first.
    let mut args = vec!["inspect"];
    args.extend(std::iter::repeat_n("busybox", 200));
    let mut c = b.cmd(&args);
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(141));
}

/// Resource flags: a value that limits nothing (docker's 0 / -1) is accepted everywhere;
/// a real limit without a delegated cgroup v2 tree is refused with the reason and the
/// fix, exit 125, nothing created.
#[test]
fn unlimited_values_pass_limits_are_refused() {
    let b = busybox("limits");
    b.ok(&[
        "run",
        "--rm",
        "--memory",
        "0",
        "--cpus",
        "0",
        "--pids-limit",
        "-1",
        "--cpu-shares",
        "0",
        "--memory-swap",
        "-1",
        "--memory-reservation",
        "0m",
        "--blkio-weight",
        "0",
        "--memory-swappiness",
        "-1",
        "busybox",
        "true",
    ]);
    b.ok(&["run", "--rm", "--pids-limit", "0", "busybox", "true"]);
    // docker's zero values (and the -1 given) in inspect.
    b.ok(&[
        "create",
        "--name",
        "unl",
        "--memory-swap",
        "-1",
        "--memory",
        "0",
        "busybox",
        "true",
    ]);
    let out = b.ok(&[
        "inspect", "-f",
        "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.PidsLimit}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpusetCpus}}|{{.HostConfig.OomKillDisable}}",
        "unl",
    ]);
    assert_eq!(out, "0 -1 <nil> 0 |false\n");
    b.ok(&["rm", "unl"]);
    for args in [
        &["--memory", "64m"][..],
        &["--cpus", "0.5"],
        &["--pids-limit", "50"],
        &["--cpuset-cpus", "0"],
        &["--blkio-weight", "300"],
        &["--device-read-bps", "/dev/null:1mb"],
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["busybox", "true"]);
        let o = b.run(&a);
        assert_eq!(o.code, 125, "{args:?}: {}", o.stderr);
        let flag = args[0];
        assert!(
            o.stderr
                .starts_with(&format!("Error: {flag}: resource limits")),
            "{}",
            o.stderr
        );
    }
    // docker's daemon checks come first; cgroup v2 cannot disable the OOM killer
    // (docker warns and runs).
    let o = b.run(&["run", "--rm", "--memory-swap", "128m", "busybox", "true"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            125,
            "Error: You should always set the Memory limit when using Memoryswap limit, see usage\n"
        )
    );
    let o = b.run(&["run", "--rm", "--cgroup-parent", "ci", "busybox", "true"]);
    assert_eq!(o.code, 125, "{}", o.stderr);
    assert!(
        o.stderr.starts_with(
            "Error: --cgroup-parent: resource limits need a delegated cgroup v2 hierarchy"
        ),
        "{}",
        o.stderr
    );
    let o = b.run(&["run", "--rm", "--oom-kill-disable", "busybox", "true"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("--oom-kill-disable discarded"),
        "{}",
        o.stderr
    );
    assert_eq!(b.ok(&["ps", "-aq"]), "");
}
