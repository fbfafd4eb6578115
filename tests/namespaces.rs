//! `--pid`, `--ipc`, `--uts`: namespaces of the container's own, the host's, or another
//! container's — compared by the namespace links a process inside sees, rootless and as
//! root.

mod common;
use common::*;

fn host_ns(kind: &str) -> String {
    std::fs::read_link(format!("/proc/self/ns/{kind}"))
        .unwrap()
        .display()
        .to_string()
}

/// The pid, ipc and uts namespace links of a process inside.
const LINKS: &str = "for k in pid ipc uts; do readlink /proc/self/ns/$k; done";

fn links(out: &str) -> Vec<String> {
    out.lines().map(str::to_string).collect()
}

fn host_modes(b: Berth) {
    let own = links(&b.ok(&["run", "--rm", "busybox", "sh", "-c", LINKS]));
    assert_eq!(own.len(), 3, "{own:?}");
    assert_ne!(own[0], host_ns("pid"));
    assert_ne!(own[1], host_ns("ipc"));
    assert_ne!(own[2], host_ns("uts"));
    let host = links(&b.ok(&[
        "run", "--rm", "--pid", "host", "--ipc", "host", "--uts", "host", "busybox", "sh", "-c",
        LINKS,
    ]));
    assert_eq!(host, [host_ns("pid"), host_ns("ipc"), host_ns("uts")]);
    // The host's processes are visible (this test's own among them), and the host's name.
    let me = std::process::id();
    let out = b.ok(&[
        "run",
        "--rm",
        "--pid",
        "host",
        "--uts",
        "host",
        "busybox",
        "sh",
        "-c",
        &format!("test -d /proc/{me} && echo seen; hostname"),
    ]);
    let host_name = nix::unistd::gethostname().unwrap();
    assert_eq!(out, format!("seen\n{}\n", host_name.to_string_lossy()));
    // docker: the host's /dev/shm with `--ipc host`, none with `--ipc none`.
    let shm = format!("/dev/shm/berth-test-{me}-{}", b.rootless);
    std::fs::write(&shm, "shared\n").unwrap();
    let out = b.run(&["run", "--rm", "--ipc", "host", "busybox", "cat", &shm]);
    let _ = std::fs::remove_file(&shm);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "shared\n"),
        "{}",
        out.stderr
    );
    // On the host's pid namespace nothing ends with the container's process: rm -f takes
    // its descendants too (no orphan left running on the host).
    b.ok(&[
        "run",
        "-d",
        "--name",
        "tree",
        "--pid",
        "host",
        "busybox",
        "sh",
        "-c",
        "sleep 1000 & wait",
    ]);
    let pid = b
        .ok(&["inspect", "-f", "{{.State.Pid}}", "tree"])
        .trim()
        .to_string();
    let mut child = String::new();
    poll_until("the container's sleep started", || {
        child = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .unwrap_or_default()
            .trim()
            .to_string();
        !child.is_empty()
    });
    b.ok(&["rm", "-f", "tree"]);
    poll_until("the container's child is gone", || {
        std::fs::read_to_string(format!("/proc/{child}/stat"))
            .map(|s| s.split_whitespace().nth(2) == Some("Z"))
            .unwrap_or(true)
    });
    // --cgroupns: its own by default, the host's on request.
    let cg = |extra: &[&str]| {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(extra);
        a.extend_from_slice(&["busybox", "readlink", "/proc/self/ns/cgroup"]);
        b.ok(&a).trim().to_string()
    };
    assert_ne!(cg(&[]), host_ns("cgroup"));
    assert_eq!(cg(&["--cgroupns", "host"]), host_ns("cgroup"));
    assert_ne!(cg(&["--cgroupns", "private"]), host_ns("cgroup"));
    let o = b.run(&["run", "--rm", "--cgroupns", "bogus", "busybox", "true"]);
    assert_eq!(o.code, 125);
    let out = b.ok(&[
        "run",
        "--rm",
        "--ipc",
        "none",
        "busybox",
        "sh",
        "-c",
        "grep -c ' /dev/shm ' /proc/mounts || true",
    ]);
    assert_eq!(out.trim(), "0");
}

#[test]
fn host_namespaces() {
    host_modes(busybox("ns-host"));
}

#[test]
fn root_pass_host_namespaces() {
    if let Some(b) = Berth::root("ns-host-root") {
        b.load("busybox.tar");
        host_modes(b);
    }
}

fn container_modes(b: Berth) {
    b.ok(&["run", "-d", "--name", "donor", "busybox", "sleep", "1000"]);
    let id = b
        .ok(&["inspect", "-f", "{{.Id}}", "donor"])
        .trim()
        .to_string();
    let donor = links(&b.ok(&["exec", "donor", "sh", "-c", LINKS]));
    let joined = links(&b.ok(&[
        "run",
        "--rm",
        "--pid",
        "container:donor",
        "--ipc",
        "container:donor",
        "--uts",
        "container:donor",
        "busybox",
        "sh",
        "-c",
        LINKS,
    ]));
    assert_eq!(joined, donor);
    // docker: --ipc container:X shares X's /dev/shm both ways.
    b.ok(&[
        "exec",
        "donor",
        "sh",
        "-c",
        "echo from-donor > /dev/shm/note",
    ]);
    let out = b.ok(&[
        "run",
        "--rm",
        "--ipc",
        "container:donor",
        "busybox",
        "sh",
        "-c",
        "cat /dev/shm/note; echo from-guest > /dev/shm/back",
    ]);
    assert_eq!(out, "from-donor\n");
    assert_eq!(
        b.ok(&["exec", "donor", "cat", "/dev/shm/back"]),
        "from-guest\n"
    );
    // In the donor's pid namespace its process is pid 1, and its name is the donor's.
    let out = b.ok(&[
        "run",
        "--rm",
        "--name",
        "guest",
        "--pid",
        "container:donor",
        "--uts",
        "container:donor",
        "busybox",
        "sh",
        "-c",
        "cat /proc/1/cmdline | tr '\\0' ' '; echo; hostname",
    ]);
    assert_eq!(out, format!("sleep 1000 \n{}\n", &id[..12]));
    // Rootless each container has a user namespace of its own: two containers'
    // namespaces cannot be combined (as root they can).
    b.ok(&["run", "-d", "--name", "other", "busybox", "sleep", "1000"]);
    let out = b.run(&[
        "run",
        "--rm",
        "--network",
        "container:other",
        "--pid",
        "container:donor",
        "busybox",
        "true",
    ]);
    if b.rootless {
        assert_eq!(out.code, 125);
        assert!(
            out.stderr
                .contains("cannot share namespaces of two containers"),
            "{}",
            out.stderr
        );
    } else {
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    b.ok(&["rm", "-f", "other"]);
    // Stored as docker stores them: the full id.
    b.ok(&[
        "create",
        "--name",
        "c2",
        "--pid",
        "container:donor",
        "busybox",
        "true",
    ]);
    let modes = b.ok(&[
        "inspect",
        "-f",
        "{{.HostConfig.PidMode}} {{.HostConfig.IpcMode}} [{{.HostConfig.UTSMode}}]",
        "c2",
    ]);
    assert_eq!(modes.trim(), format!("container:{id} private []"));
    // The donor must be running (docker's words), and exit 125.
    b.ok(&["stop", "-t", "0", "donor"]);
    let out = b.run(&["start", "c2"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("cannot join PID of a non running container: {id}")),
        "{}",
        out.stderr
    );
    let out = b.run(&["run", "--rm", "--ipc", "container:donor", "busybox", "true"]);
    assert_eq!(out.code, 125);
    assert!(
        out.stderr.contains(&format!(
            "can't join IPC of container {id}: container {id} is not running"
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn namespaces_of_another_container() {
    container_modes(busybox("ns-container"));
}

#[test]
fn root_pass_namespaces_of_another_container() {
    if let Some(b) = Berth::root("ns-container-root") {
        b.load("busybox.tar");
        container_modes(b);
    }
}

#[test]
fn bad_modes_are_refused_in_dockers_words() {
    let b = busybox("ns-bad");
    // docker's CLI checks the syntax of --pid/--uts (125), its engine the rest (1).
    for (args, code, msg) in [
        (
            &["--pid", "bogus"][..],
            125,
            "Error: --pid: invalid PID mode",
        ),
        (
            &["--uts", "private"][..],
            125,
            "Error: --uts: invalid UTS mode",
        ),
        (&["--ipc", "bogus"][..], 1, "Error: invalid IPC mode: bogus"),
        (
            &["--pid", "container:nosuch"][..],
            1,
            "Error: No such container: nosuch",
        ),
        (
            &["--uts", "host", "--hostname", "x"][..],
            1,
            "Error: conflicting options: hostname and the UTS mode",
        ),
    ] {
        let mut a = vec!["create"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["busybox", "true"]);
        let out = b.run(&a);
        assert_eq!((out.code, out.stderr.trim()), (code, msg), "{args:?}");
        a[0] = "run";
        let out = b.run(&a);
        assert_eq!((out.code, out.stderr.trim()), (125, msg), "run {args:?}");
    }
    assert_eq!(b.ok(&["ps", "-aq"]), "", "nothing was created");
}

/// A host directory of the test user's, for bind mounts.
fn user_dir(b: &Berth, name: &str) -> std::path::PathBuf {
    let d = b.host_dir(name);
    if is_root() {
        let (uid, gid) = user_ids(b.user);
        std::os::unix::fs::chown(&d, Some(uid), Some(gid)).unwrap();
    }
    d
}

fn owner(p: &std::path::Path) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(p).unwrap();
    (m.uid(), m.gid())
}

/// podman's keep-id: the user's uid and gid inside are the user's own (the process's
/// too), the image's files keep their owners, a passwd entry is added, and what the
/// container writes to a bind mount belongs to the user.
#[test]
fn userns_keep_id() {
    let b = busybox("userns-keep");
    let (uid, gid) = if is_root() {
        user_ids(b.user)
    } else {
        (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        )
    };
    let data = user_dir(&b, "data");
    let vol = format!("{}:/data", data.display());
    let out = b.ok(&[
        "run", "--rm", "--userns", "keep-id", "-v", &vol, "busybox", "sh", "-c",
        "id -u; id -g; stat -c '%u:%g' /etc/passwd /bin /data; grep -c \"^[^:]*:\\*:$(id -u):\" /etc/passwd; echo $HOME; touch /data/f",
    ]);
    let home = nix::unistd::User::from_uid(uid.into())
        .unwrap()
        .unwrap()
        .dir;
    assert_eq!(
        out,
        format!(
            "{uid}\n{gid}\n0:0\n0:0\n{uid}:{gid}\n1\n{}\n",
            home.display()
        )
    );
    assert_eq!(owner(&data.join("f")), (uid, gid));
    // keep-id:uid=N,gid=N: the user is N inside; --user still wins.
    let out = b.ok(&[
        "run",
        "--rm",
        "--userns",
        "keep-id:uid=2000,gid=2001",
        "-v",
        &vol,
        "busybox",
        "sh",
        "-c",
        "id -u; id -g; stat -c '%u:%g' /data; touch /data/g",
    ]);
    assert_eq!(out, "2000\n2001\n2000:2001\n");
    assert_eq!(owner(&data.join("g")), (uid, gid));
    let out = b.ok(&[
        "run", "--rm", "--userns", "keep-id", "--user", "0", "busybox", "id", "-u",
    ]);
    assert_eq!(out, "0\n");
    // exec runs as the kept user too.
    b.ok(&[
        "run", "-d", "--name", "kept", "--userns", "keep-id", "busybox", "sleep", "1000",
    ]);
    assert_eq!(b.ok(&["exec", "kept", "id", "-u"]), format!("{uid}\n"));
    let mode = b.ok(&[
        "inspect",
        "-f",
        "{{.HostConfig.UsernsMode}} {{.GraphDriver.Name}}",
        "kept",
    ]);
    assert_eq!(mode, "keep-id vfs\n");
    b.ok(&["rm", "-f", "kept"]);
    // The default (also named host and auto rootless): the user is root inside.
    for mode in ["host", "auto"] {
        let out = b.ok(&[
            "run", "--rm", "--userns", mode, "-v", &vol, "busybox", "stat", "-c", "%u", "/data",
        ]);
        assert_eq!(out, "0\n", "{mode}");
    }
    let out = b.run(&["run", "--rm", "--userns", "bogus", "busybox", "true"]);
    assert_eq!(
        (out.code, out.stderr.trim()),
        (125, "Error: --userns: invalid USER mode")
    );
    assert_eq!(b.ok(&["ps", "-aq"]), "");
}

#[test]
fn root_pass_userns_keep_id_is_refused() {
    if let Some(b) = Berth::root("userns-root") {
        b.load("busybox.tar");
        let out = b.run(&["create", "--userns", "keep-id", "busybox", "true"]);
        assert_eq!(
            (out.code, out.stderr.trim()),
            (1, "Error: keep-id is only supported in rootless mode")
        );
        let out = b.run(&["run", "--rm", "--userns", "keep-id", "busybox", "true"]);
        assert_eq!(out.code, 125);
        assert_eq!(
            b.ok(&["run", "--rm", "--userns", "host", "busybox", "id", "-u"]),
            "0\n"
        );
        assert_eq!(b.ok(&["ps", "-aq"]), "");
    }
}

/// podman's `--group-add keep-groups`: the user's supplementary groups (the test user is
/// in berthshared, tests/setup.sh) stay, so a host directory only that group may read
/// can be read; without it, not.
#[test]
fn group_add_keep_groups() {
    let b = busybox("keep-groups");
    if !is_root() {
        // The group's directory needs root to make; the CI runs as root.
        assert!(
            std::env::var_os("CI").is_none(),
            "this test needs root to set up"
        );
        return;
    }
    let d = b.host_dir("shared");
    std::fs::write(d.join("secret"), "for the group\n").unwrap();
    let grp = nix::unistd::Group::from_name("berthshared")
        .unwrap()
        .expect("group berthshared (tests/setup.sh)");
    for p in [d.clone(), d.join("secret")] {
        std::os::unix::fs::chown(&p, Some(0), Some(grp.gid.as_raw())).unwrap();
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o750)).unwrap();
    std::fs::set_permissions(d.join("secret"), std::fs::Permissions::from_mode(0o640)).unwrap();
    let vol = format!("{}:/shared", d.display());
    let out = b.ok(&[
        "run",
        "--rm",
        "--group-add",
        "keep-groups",
        "-v",
        &vol,
        "busybox",
        "cat",
        "/shared/secret",
    ]);
    assert_eq!(out, "for the group\n");
    let out = b.run(&[
        "run",
        "--rm",
        "-v",
        &vol,
        "busybox",
        "cat",
        "/shared/secret",
    ]);
    assert_eq!(
        out.code, 1,
        "without keep-groups the group is gone: {}",
        out.stdout
    );
    assert!(out.stderr.contains("Permission denied"), "{}", out.stderr);
    let out = b.run(&[
        "run",
        "--rm",
        "--group-add",
        "keep-groups",
        "--group-add",
        "10",
        "busybox",
        "true",
    ]);
    assert_eq!(out.code, 125);
    assert!(out.stderr.contains("the '--group-add keep-groups' option is not allowed with any other --group-add options"), "{}", out.stderr);
}

/// keep-id writes the user's passwd line into the container's own copy, resolved inside
/// it: an image whose /etc/passwd is a symlink out of the rootfs gets no line, and the
/// host file it points at is left alone.
#[test]
fn keep_id_does_not_write_through_a_hostile_passwd() {
    let b = busybox("keep-id-evil");
    b.load("evil-passwd.tar");
    let victim = std::path::Path::new("/tmp/berth-escape-passwd");
    let before = "victim:x:4242:4242::/:/bin/sh\n";
    std::fs::write(victim, before).unwrap();
    if is_root() {
        use std::os::unix::fs::PermissionsExt;
        // Writable by all: only berth's own care keeps it unchanged.
        std::fs::set_permissions(victim, std::fs::Permissions::from_mode(0o666)).unwrap();
    }
    let o = b.run(&[
        "run",
        "--rm",
        "--userns",
        "keep-id",
        "evil-passwd",
        "id",
        "-u",
    ]);
    let after = std::fs::read_to_string(victim).unwrap();
    let _ = std::fs::remove_file(victim);
    assert_eq!(
        after, before,
        "the host file was written through the image's symlink"
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
}
