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
