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
