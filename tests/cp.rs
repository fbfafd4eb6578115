//! `cp` and `export`/`import`: both directions, running and stopped containers, tar
//! streams, ownership, and containers whose symlinks point out of them (hostile).

mod common;
use common::*;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

/// A container whose /d holds files, a link to its own `/`, and links that would reach
/// host files if followed on the host side.
const SETUP: &str = "echo secret > /etc/shadow; mkdir -p /d/sub; mknod /d/blk b 7 0 2>/dev/null; echo a > /d/a; echo b > /d/sub/b; ln -sfn / /d/up; \
     ln -sf /etc/shadow /etc/x; ln -sfn \"$SENTINEL\" /d/host; mkdir -p \"$HOSTDIR\"; ln -sfn \"$HOSTDIR\" /d/hostdir; \
     touch /ready; exec sleep 1000";

fn stores(name: &str) -> Vec<Berth> {
    let mut v = vec![Berth::user(name)];
    v.extend(Berth::root(&format!("{name}-root")));
    for b in &v {
        b.load("busybox.tar");
    }
    v
}

fn start_hostile(b: &Berth, name: &str, sentinel: &Path, hostdir: &Path) {
    let s = format!("SENTINEL={}", sentinel.display());
    let h = format!("HOSTDIR={}", hostdir.display());
    b.ok(&[
        "run", "-d", "--name", name, "-e", &s, "-e", &h, "busybox", "sh", "-c", SETUP,
    ]);
    poll_until("the container's files", || {
        b.run(&["exec", name, "test", "-e", "/ready"]).code == 0
    });
}

fn uid_of(b: &Berth) -> String {
    if b.rootless {
        user_ids(b.user).0.to_string()
    } else {
        "0".into()
    }
}

#[test]
fn cp_both_ways_running_and_stopped() {
    for b in stores("cp") {
        let host = b.host_dir("host");
        let sentinel = host.join("sentinel");
        std::fs::write(&sentinel, "host file\n").unwrap();
        let hostdir = b.host_dir("hostdir");
        start_hostile(&b, "cc", &sentinel, &hostdir);
        let h = |p: &str| host.join(p).display().to_string();

        // Out: a directory under a new name, its contents with `/.`, a file into a dir.
        b.ok(&["cp", "cc:/d", &h("out")]);
        assert_eq!(std::fs::read_to_string(host.join("out/a")).unwrap(), "a\n");
        assert_eq!(
            std::fs::read_to_string(host.join("out/sub/b")).unwrap(),
            "b\n"
        );
        assert_eq!(
            std::fs::read_link(host.join("out/up")).unwrap(),
            Path::new("/")
        );
        // A device node the container made (root pass) is not made on the host.
        assert!(!host.join("out/blk").exists());
        b.ok(&["cp", "cc:/d", &h("out")]);
        assert!(
            host.join("out/d/a").is_file(),
            "an existing dir takes the source inside"
        );
        b.ok(&["cp", "cc:/d/.", &h("dot")]);
        assert!(host.join("dot/sub/b").is_file());
        b.ok(&["cp", "cc:/etc/hostname", &h("")]);
        let id = b.ok(&["inspect", "-f", "{{.Id}}", "cc"]);
        assert_eq!(
            std::fs::read_to_string(host.join("hostname"))
                .unwrap()
                .trim(),
            &id.trim()[..12]
        );
        // Copied out as the user who runs cp.
        let meta = std::fs::metadata(host.join("out/a")).unwrap();
        use std::os::unix::fs::MetadataExt;
        assert_eq!(meta.uid().to_string(), uid_of(&b));

        // Links are copied as links; -L follows; through /d/up stays in the container.
        b.ok(&["cp", "cc:/etc/x", &h("x")]);
        assert_eq!(
            std::fs::read_link(host.join("x")).unwrap(),
            Path::new("/etc/shadow")
        );
        let shadow = b.ok(&["exec", "cc", "cat", "/etc/shadow"]);
        b.ok(&["cp", "-L", "cc:/etc/x", &h("xl")]);
        assert_eq!(std::fs::read_to_string(host.join("xl")).unwrap(), shadow);
        b.ok(&["cp", "cc:/d/up/etc/shadow", &h("viaup")]);
        assert_eq!(std::fs::read_to_string(host.join("viaup")).unwrap(), shadow);
        // A link naming a host path resolves inside the container: nothing there.
        let o = b.run(&["cp", "-L", "cc:/d/host", &h("stolen")]);
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(!host.join("stolen").exists());

        // In: a directory into /tmp, seen by the running container at once.
        let src = b.host_dir("src");
        std::fs::create_dir_all(src.join("sub")).unwrap();
        std::fs::write(src.join("f"), "hi\n").unwrap();
        std::fs::write(src.join("sub/s"), "s\n").unwrap();
        let srcs = src.display().to_string();
        b.ok(&["cp", &srcs, "cc:/tmp"]);
        assert_eq!(b.ok(&["exec", "cc", "cat", "/tmp/src/f"]), "hi\n");
        b.ok(&["cp", &format!("{srcs}/."), "cc:/tmp/contents"]);
        assert_eq!(b.ok(&["exec", "cc", "cat", "/tmp/contents/sub/s"]), "s\n");
        b.ok(&["cp", &format!("{srcs}/f"), "cc:/d/up/tmp/viaup"]);
        assert_eq!(b.ok(&["exec", "cc", "cat", "/tmp/viaup"]), "hi\n");
        // Hostile destinations: links to host paths are followed inside the container.
        let o = b.run(&["cp", &format!("{srcs}/f"), "cc:/d/host"]);
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(
            o.stderr
                .starts_with("Error response from daemon: Could not find the file"),
            "{}",
            o.stderr
        );
        b.ok(&["cp", &format!("{srcs}/f"), "cc:/d/hostdir/"]);
        assert_eq!(std::fs::read_to_string(&sentinel).unwrap(), "host file\n");
        assert_eq!(
            std::fs::read_dir(&hostdir).unwrap().count(),
            0,
            "nothing written on the host"
        );
        assert_eq!(
            b.ok(&["exec", "cc", "cat", &format!("{}/f", hostdir.display())]),
            "hi\n"
        );

        // docker's errors.
        let o = b.run(&["cp", "cc:/nope", &h("")]);
        assert_eq!(o.code, 1);
        assert_eq!(
            o.stderr,
            "Error response from daemon: Could not find the file /nope in container cc\n"
        );
        let o = b.run(&["cp", "cc:/d/a", &h("nodir/")]);
        assert_eq!((o.code, o.stderr.as_str()), (1, "no such directory\n"));
        let o = b.run(&["cp", "cc:/d", &h("dot/a")]);
        assert_eq!((o.code, o.stderr.as_str()), (1, "cannot copy directory\n"));
        let o = b.run(&["cp", "nosuch:/d", &h("")]);
        assert_eq!(
            (o.code, o.stderr.as_str()),
            (1, "Error response from daemon: No such container: nosuch\n")
        );
        let o = b.run(&["cp", &srcs, &h("y")]);
        assert_eq!(
            (o.code, o.stderr.as_str()),
            (1, "must specify at least one container source\n")
        );

        // Stopped: read and written through its rootfs (and its /etc files).
        b.ok(&["stop", "-t", "0", "cc"]);
        b.ok(&["cp", "cc:/d/a", &h("stopped_a")]);
        assert_eq!(
            std::fs::read_to_string(host.join("stopped_a")).unwrap(),
            "a\n"
        );
        b.ok(&["cp", "cc:/etc/hostname", &h("stopped_hostname")]);
        assert_eq!(
            std::fs::read_to_string(host.join("stopped_hostname"))
                .unwrap()
                .trim(),
            &id.trim()[..12]
        );
        b.ok(&["cp", &format!("{srcs}/f"), "cc:/d/new"]);
        // /etc/x is a link to /etc/shadow: written through it, inside the container.
        b.ok(&["cp", &format!("{srcs}/f"), "cc:/d/up/etc/x"]);
        b.ok(&["cp", "cc:/etc/shadow", &h("stopped_shadow")]);
        assert_eq!(
            std::fs::read_to_string(host.join("stopped_shadow")).unwrap(),
            "hi\n"
        );
        let o = b.run(&["cp", &format!("{srcs}/f"), "cc:/d/host"]);
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert_eq!(std::fs::read_to_string(&sentinel).unwrap(), "host file\n");
        b.ok(&["start", "cc"]);
        poll_until("the restarted container", || {
            b.run(&["exec", "cc", "test", "-e", "/ready"]).code == 0
        });
        assert_eq!(b.ok(&["exec", "cc", "cat", "/d/new"]), "hi\n");
    }
}

#[test]
fn cp_tar_streams_and_ownership() {
    for b in stores("cptar") {
        b.ok(&[
            "run",
            "-d",
            "--name",
            "cc",
            "busybox",
            "sh",
            "-c",
            "mkdir -p /d/sub; echo a > /d/a; ln -s a /d/la; touch /ready; exec sleep 1000",
        ]);
        b.ok(&[
            "run",
            "-d",
            "--name",
            "uu",
            "-u",
            "1000:1000",
            "busybox",
            "sleep",
            "1000",
        ]);
        poll_until("the container's files", || {
            b.run(&["exec", "cc", "test", "-e", "/ready"]).code == 0
        });
        // Out to stdout: docker's entry names.
        let out = b.cmd(&["cp", "cc:/d", "-"]).output().unwrap();
        assert!(out.status.success());
        let names = tar_names(&out.stdout);
        assert_eq!(names, ["d/", "d/a", "d/la", "d/sub/"]);
        let out = b.cmd(&["cp", "cc:/d/.", "-"]).output().unwrap();
        assert_eq!(tar_names(&out.stdout), ["./", "./a", "./la", "./sub/"]);
        let out = b.cmd(&["cp", "-L", "cc:/d/la", "-"]).output().unwrap();
        assert_eq!(tar_names(&out.stdout), ["a"]);

        // In from stdin: extracted into an existing directory, as is.
        let mut l = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_mode(0o640);
        h.set_uid(1234);
        h.set_gid(4321);
        l.append_data(&mut h, "in/x.txt", &b"xyz"[..]).unwrap();
        let mut h = tar::Header::new_gnu();
        h.set_size(1);
        h.set_mode(0o644);
        // Not a whiteout here: a file with that name.
        l.append_data(&mut h, ".wh.keep", &b"k"[..]).unwrap();
        let data = l.into_inner().unwrap();
        let send = |args: &[&str], input: &[u8]| {
            let mut c = b.cmd(args);
            c.stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut ch = c.spawn().unwrap();
            let _ = ch.stdin.take().unwrap().write_all(input);
            let o = ch.wait_with_output().unwrap();
            (
                o.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        };
        assert_eq!(send(&["cp", "-", "cc:/tmp"], &data), (0, String::new()));
        assert_eq!(b.ok(&["exec", "cc", "cat", "/tmp/in/x.txt"]), "xyz");
        assert_eq!(
            b.ok(&["exec", "cc", "stat", "-c", "%u:%g %a", "/tmp/in/x.txt"]),
            "1234:4321 640\n"
        );
        assert_eq!(b.ok(&["exec", "cc", "cat", "/tmp/.wh.keep"]), "k");
        let (code, err) = send(&["cp", "-", "cc:/tmp/missing"], &data);
        assert_eq!(
            (code, err.as_str()),
            (1, "destination \"cc:/tmp/missing\" must be a directory\n")
        );
        // A file never replaces a directory (docker's NoOverwriteDirNonDir).
        let mut l = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(1);
        h.set_mode(0o644);
        l.append_data(&mut h, "d", &b"x"[..]).unwrap();
        let (code, err) = send(&["cp", "-", "cc:/"], &l.into_inner().unwrap());
        assert_eq!(code, 1);
        assert!(err.contains("cannot overwrite directory"), "{err}");
        assert_eq!(b.ok(&["exec", "cc", "cat", "/d/a"]), "a\n");
        let (code, err) = send(&["cp", "-", "cc:/tmp"], b"garbage\n");
        assert_eq!(code, 1);
        assert!(
            err.starts_with("Error response from daemon: Error processing tar file"),
            "{err}"
        );

        // Ownership as docker's engine: the archive's ids (the host file's owner);
        // -a into a container with a user gives files that user.
        let src = b.host_dir("src");
        std::fs::write(src.join("f"), "hi\n").unwrap();
        std::os::unix::fs::chown(src.join("f"), Some(1234), Some(1235)).unwrap();
        let f = src.join("f").display().to_string();
        b.ok(&["cp", &f, "cc:/tmp/plain"]);
        assert_eq!(
            b.ok(&["exec", "cc", "stat", "-c", "%u:%g", "/tmp/plain"]),
            "1234:1235\n"
        );
        b.ok(&["cp", "-a", &f, "uu:/tmp/archived"]);
        assert_eq!(
            b.ok(&["exec", "uu", "stat", "-c", "%u:%g", "/tmp/archived"]),
            "1000:1000\n"
        );
        // A read-only rootfs takes nothing.
        b.ok(&["create", "--name", "ro", "--read-only", "busybox", "true"]);
        let o = b.run(&["cp", &f, "ro:/tmp/x"]);
        assert_eq!(
            (o.code, o.stderr.as_str()),
            (
                1,
                "Error response from daemon: container rootfs is marked read-only\n"
            )
        );
        // -q and no terminal: nothing on stderr either way.
        let o = b.run(&["cp", "-q", &f, "cc:/tmp/q"]);
        assert_eq!((o.code, o.stderr.as_str()), (0, ""));
    }
}

fn tar_names(data: &[u8]) -> Vec<String> {
    let mut a = tar::Archive::new(data);
    let mut v: Vec<String> = a
        .entries()
        .unwrap()
        .map(|e| String::from_utf8_lossy(&e.unwrap().path_bytes()).into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn export_import_round_trip() {
    for b in stores("export") {
        b.ok(&[
            "run", "-d", "--name", "ex", "busybox", "sh", "-c",
            "echo hello > /hello; chown 1000:1001 /hello; rm /bin/vi; ln -s / /up; touch /ready; exec sleep 1000",
        ]);
        poll_until("the container's files", || {
            b.run(&["exec", "ex", "test", "-e", "/ready"]).code == 0
        });
        let check = |data: &[u8]| {
            let mut a = tar::Archive::new(data);
            let mut names = Vec::new();
            for e in a.entries().unwrap() {
                let e = e.unwrap();
                let n = String::from_utf8_lossy(&e.path_bytes()).into_owned();
                if n == "hello" {
                    // Owners as the container sees them.
                    assert_eq!(
                        (e.header().uid().unwrap(), e.header().gid().unwrap()),
                        (1000, 1001)
                    );
                }
                if n == "up" {
                    assert_eq!(e.link_name().unwrap().unwrap(), Path::new("/"));
                }
                names.push(n);
            }
            assert!(names.contains(&"hello".to_string()), "{names:?}");
            assert!(names.contains(&"bin/sh".to_string()));
            assert!(!names.contains(&"bin/vi".to_string()), "whiteouts applied");
            assert!(!names
                .iter()
                .any(|n| (n.starts_with("proc/") && n != "proc/")
                    || n.contains(".wh.")
                    || n.starts_with("work")));
        };
        let out = b.cmd(&["export", "ex"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        check(&out.stdout);
        b.ok(&["stop", "-t", "0", "ex"]);
        let dir = b.host_dir("out");
        let file = dir.join("fs.tar").display().to_string();
        b.ok(&["export", "-o", &file, "ex"]);
        check(&std::fs::read(&file).unwrap());

        // Back as an image: -c CMD, -m; from a file and from stdin.
        let id = b.ok(&[
            "import",
            "-c",
            "CMD [\"cat\", \"/hello\"]",
            "-m",
            "round trip",
            &file,
            "imported:v1",
        ]);
        assert!(id.starts_with("sha256:") && id.trim().len() == 71, "{id}");
        assert_eq!(b.ok(&["run", "--rm", "imported:v1"]), "hello\n");
        assert_eq!(
            b.ok(&["run", "--rm", "imported:v1", "stat", "-c", "%u", "/hello"]),
            "1000\n"
        );
        assert_eq!(
            b.ok(&["images", "-q", "imported:v1"]).trim(),
            &id.trim()[7..19]
        );
        let mut c = b.cmd(&[
            "import",
            "-c",
            "ENV GREETING=\"hi there\"",
            "-",
            "fromstdin",
        ]);
        c.stdin(std::fs::File::open(&file).unwrap());
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            b.ok(&["run", "--rm", "fromstdin", "sh", "-c", "echo $GREETING"]),
            "hi there\n"
        );

        // Refusals.
        let o = b.run(&["import", "-c", "FROM x", &file]);
        assert_eq!(
            (o.code, o.stderr.as_str()),
            (
                1,
                "Error response from daemon: from is not a valid change command\n"
            )
        );
        let o = b.run(&["import", "-c", "ONBUILD RUN x", &file]);
        assert_eq!(o.code, 1);
        assert!(
            o.stderr.contains("ONBUILD is not supported"),
            "{}",
            o.stderr
        );
        let o = b.run(&["import", "--platform", "linux/arm64", &file]);
        assert_eq!(o.code, 1);
        std::fs::write(dir.join("junk"), "not a tar\n").unwrap();
        let o = b.run(&["import", &dir.join("junk").display().to_string()]);
        assert_eq!(o.code, 1);
        assert!(o.stderr.starts_with("Error: "), "{}", o.stderr);
    }
}

#[test]
fn cp_and_export_of_a_container_never_started() {
    for b in stores("cpfresh") {
        for driver in ["overlay", "vfs"] {
            let name = format!("fresh-{driver}");
            let id = b.ok(&[
                "--storage-driver",
                driver,
                "create",
                "--name",
                &name,
                "busybox",
                "cat",
                "/in.txt",
            ]);
            let out = b
                .cmd(&["cp", &format!("{name}:/etc/hostname"), "-"])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mut a = tar::Archive::new(&out.stdout[..]);
            let mut e = a.entries().unwrap().next().unwrap().unwrap();
            let mut s = String::new();
            std::io::Read::read_to_string(&mut e, &mut s).unwrap();
            assert_eq!(s.trim(), &id.trim()[..12]);
            let src = b.host_dir("src");
            std::fs::write(src.join("in.txt"), "copied before start\n").unwrap();
            b.ok(&[
                "cp",
                &src.join("in.txt").display().to_string(),
                &format!("{name}:/"),
            ]);
            assert_eq!(b.ok(&["start", "-a", &name]), "copied before start\n");
            let out = b.cmd(&["export", &name]).output().unwrap();
            assert!(out.status.success());
            assert!(tar_names(&out.stdout).contains(&"in.txt".to_string()));
        }
    }
}
