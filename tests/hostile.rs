//! Hostile images, archives and containers: berth's own reads and writes stay inside
//! what they belong to, and no fd of the caller's (a terminal) reaches a container.
//! Each fixture is built here, next to the test that it attacks.

mod common;

use common::archive::{docker_archive, outer_tar, Layer, Outer};
use common::{in_pty, Berth};
use std::path::Path;

/// A host directory whose absolute path the image also has, so `X -> that path`
/// resolves inside the rootfs too (only a host-side path walk would reach the host's).
fn image_with_link(b: &Berth, tag: &str, link: &str, host: &Path, extra: &[(&str, &str)]) {
    let inside = host.display().to_string();
    let inside = inside.trim_start_matches('/');
    let mut l = Layer::busybox();
    let mut acc = String::new();
    for c in inside.split('/') {
        acc = if acc.is_empty() {
            c.to_string()
        } else {
            format!("{acc}/{c}")
        };
        l.dir(&acc);
    }
    for (name, data) in extra {
        l.file(&format!("{inside}/{name}"), data.as_bytes());
    }
    l.symlink(link, &host.display().to_string());
    let path = b.dir.join(format!("{tag}.tar"));
    docker_archive(&path, tag, &[l.finish()], &["sh"]);
    b.ok(&["load", "-i", &path.display().to_string()]);
}

fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn dev_link_stays_inside(b: &Berth) {
    let host = b.host_dir("hostdev");
    image_with_link(b, "devlink", "dev", &host, &[]);
    for extra in [vec![], vec!["--read-only"]] {
        let mut args = vec!["run", "--rm"];
        args.extend(extra.iter().copied());
        args.extend(["devlink", "sh", "-c", "echo x >/dev/null && ls /dev"]);
        let out = b.ok(&args);
        assert!(out.contains("null") && out.contains("urandom"), "{out}");
        assert!(
            entries(&host).is_empty(),
            "berth wrote into the host directory: {:?}",
            entries(&host)
        );
    }
    let out = b.ok(&[
        "--storage-driver",
        "vfs",
        "run",
        "--rm",
        "devlink",
        "sh",
        "-c",
        "ls /dev",
    ]);
    assert!(out.contains("zero"), "{out}");
    assert!(entries(&host).is_empty(), "vfs: {:?}", entries(&host));
}

#[test]
fn dev_symlinked_to_a_host_path_stays_in_the_rootfs() {
    dev_link_stays_inside(&Berth::user("devlink"));
}

#[test]
fn root_pass_dev_symlinked_to_a_host_path() {
    if let Some(b) = Berth::root("root-devlink") {
        dev_link_stays_inside(&b);
    }
}

fn etc_link_reads_the_image(b: &Berth) {
    // The host directory holds a passwd naming `evil` 666; the image's own says 4242.
    let host = b.host_dir("hostetc");
    std::fs::write(host.join("passwd"), "evil:x:666:666::/:/bin/sh\n").unwrap();
    std::fs::write(host.join("group"), "evil:x:666:\n").unwrap();
    image_with_link(
        b,
        "etclink",
        "etc",
        &host,
        &[
            (
                "passwd",
                "root:x:0:0::/root:/bin/sh\nevil:x:4242:4243::/:/bin/sh\n",
            ),
            ("group", "root:x:0:\nevil:x:4243:\n"),
        ],
    );
    let out = b.ok(&["run", "--rm", "-u", "evil", "etclink", "id"]);
    assert!(out.starts_with("uid=4242(evil) gid=4243(evil)"), "{out}");
    b.ok(&["run", "-d", "--name", "cc", "etclink", "sleep", "60"]);
    let out = b.ok(&["exec", "-u", "evil", "cc", "id"]);
    assert!(
        out.starts_with("uid=4242(evil) gid=4243(evil)"),
        "exec: {out}"
    );
    b.ok(&["rm", "-f", "cc"]);
}

#[test]
fn etc_symlinked_to_a_host_path_resolves_users_in_the_image() {
    etc_link_reads_the_image(&Berth::user("etclink"));
}

#[test]
fn root_pass_etc_symlinked_to_a_host_path() {
    if let Some(b) = Berth::root("root-etclink") {
        etc_link_reads_the_image(&b);
    }
}

/// What a process in the container holds as fds 0-2, and whether it leads its session.
const FDS: &str = "for f in 0 1 2; do readlink /proc/self/fd/$f; done; \
                   read p c s pp pg sid rest </proc/$$/stat; [ $sid = $$ ] && echo leader";

#[test]
fn exec_and_run_hand_no_terminal_to_the_container() {
    let b = common::busybox("noterm");
    b.ok(&["run", "-d", "--name", "cc", "busybox", "sleep", "60"]);
    // Run from a real terminal: without -t, the container gets pipes, never the pty.
    for args in [
        vec!["exec", "cc", "sh", "-c", FDS],
        vec!["exec", "-i", "cc", "sh", "-c", FDS],
        vec!["run", "--rm", "busybox", "sh", "-c", FDS],
        vec!["run", "--rm", "-i", "busybox", "sh", "-c", FDS],
    ] {
        let (code, out) = in_pty(&b, &args, &[(300, "\x04")]);
        assert_eq!(code, 0, "{args:?}: {out}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{args:?}: {out}");
        let interactive = args.contains(&"-i");
        if interactive {
            assert!(lines[0].starts_with("pipe:"), "{args:?} stdin: {out}");
        } else {
            assert_eq!(lines[0], "/dev/null", "{args:?} stdin: {out}");
        }
        for l in &lines[1..3] {
            assert!(l.starts_with("pipe:"), "{args:?}: {out}");
        }
        assert_eq!(lines[3], "leader", "{args:?}: {out}");
    }
}

#[test]
fn exec_relays_input_output_and_exit_code() {
    let b = common::busybox("execpipes");
    b.ok(&["run", "-d", "--name", "cc", "busybox", "sleep", "60"]);
    let mut c = b.cmd(&["exec", "-i", "cc", "sh", "-c", "cat; echo err >&2; exit 3"]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        use std::io::Write;
        let mut i = child.stdin.take().unwrap();
        i.write_all(b"hello through a pipe\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "hello through a pipe\n"
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "err\n");
    // Without -i the command's stdin is empty.
    let o = b.run(&["exec", "cc", "cat"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
}

/// The outer archive's own symlinks are data: `load` never writes through them nor
/// reads what they point at outside the archive.
#[test]
fn load_never_follows_the_archives_symlinks() {
    outer_links_stay_data(&Berth::user("outerlinks"));
}

#[test]
fn root_pass_load_never_follows_the_archives_symlinks() {
    if let Some(b) = Berth::root("root-outerlinks") {
        outer_links_stay_data(&b);
    }
}

fn outer_links_stay_data(b: &Berth) {
    let host = b.host_dir("victim");
    let victim = host.join("precious");
    std::fs::write(&victim, "precious\n").unwrap();
    let hostdir = host.display().to_string();
    let victim_s = victim.display().to_string();
    let layer = Layer::busybox().finish();
    let cfg = common::archive::config(std::slice::from_ref(&layer), &["sh"]);
    let cfg_name = format!("{}.json", common::archive::sha256_hex(&cfg));
    let manifest = |layer_path: &str| {
        serde_json::to_vec(&serde_json::json!([{
            "Config": cfg_name, "RepoTags": ["outer:latest"], "Layers": [layer_path],
        }]))
        .unwrap()
    };
    let good = manifest("l0/layer.tar");
    let cases: Vec<(&str, Vec<Outer>)> = vec![
        // A directory link to the host, then a file below it.
        (
            "dirlink",
            vec![
                Outer::Symlink("x", &hostdir),
                Outer::File("x/planted", b"pwned\n"),
                Outer::File(&cfg_name, &cfg),
                Outer::File("l0/layer.tar", &layer),
                Outer::File("manifest.json", &good),
            ],
        ),
        // A link to a host file, then a regular file of the same name.
        (
            "filelink",
            vec![
                Outer::Symlink("y", &victim_s),
                Outer::File("y", b"overwritten\n"),
                Outer::File(&cfg_name, &cfg),
                Outer::File("l0/layer.tar", &layer),
                Outer::File("manifest.json", &good),
            ],
        ),
    ];
    for (name, entries) in cases {
        let path = b.dir.join(format!("{name}.tar"));
        outer_tar(&path, &entries);
        let o = b.run(&["load", "-i", &path.display().to_string()]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        assert_eq!(entries_sorted(&host), vec!["precious"], "{name}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
        b.ok(&["rmi", "outer"]);
    }
    // A `Layers` entry that is a link to a host file (which even holds a valid layer):
    // refused, and the file is neither read nor moved.
    std::fs::write(&victim, &layer).unwrap();
    let bad = manifest("l0/layer.tar");
    let path = b.dir.join("layerlink.tar");
    outer_tar(
        &path,
        &[
            Outer::File(&cfg_name, &cfg),
            Outer::Symlink("l0/layer.tar", &victim_s),
            Outer::File("manifest.json", &bad),
        ],
    );
    let o = b.run(&["load", "-i", &path.display().to_string()]);
    assert_eq!(o.code, 1, "loaded: {}", o.stdout);
    assert!(o.stderr.starts_with("Error: "), "{}", o.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), layer, "victim changed");
    assert!(!b.ok(&["images"]).contains("outer"));
    // docker save's classic layout links duplicate layers to each other: still fine.
    let path = b.dir.join("dups.tar");
    let cfg2 = common::archive::config(&[layer.clone(), layer.clone()], &["sh"]);
    let cfg2_name = format!("{}.json", common::archive::sha256_hex(&cfg2));
    let m2 = serde_json::to_vec(&serde_json::json!([{
        "Config": cfg2_name, "RepoTags": ["dups:latest"],
        "Layers": ["l0/layer.tar", "l1/layer.tar"],
    }]))
    .unwrap();
    outer_tar(
        &path,
        &[
            Outer::File("l0/layer.tar", &layer),
            Outer::Symlink("l1/layer.tar", "../l0/layer.tar"),
            Outer::File(&cfg2_name, &cfg2),
            Outer::File("manifest.json", &m2),
        ],
    );
    b.ok(&["load", "-i", &path.display().to_string()]);
    assert_eq!(b.ok(&["run", "--rm", "dups", "echo", "ok"]), "ok\n");
}

fn entries_sorted(dir: &Path) -> Vec<String> {
    let mut v = entries(dir);
    v.sort();
    v
}

#[test]
fn whiteouts_naming_dot_or_dotdot_are_refused() {
    dot_whiteouts_refused(&Berth::user("whdots"));
}

#[test]
fn root_pass_whiteouts_naming_dot_or_dotdot_are_refused() {
    if let Some(b) = Berth::root("root-whdots") {
        dot_whiteouts_refused(&b);
    }
}

fn dot_whiteouts_refused(b: &Berth) {
    for (i, evil) in [".wh..", ".wh...", "a/.wh..", "a/.wh..."]
        .iter()
        .enumerate()
    {
        let mut l = Layer::busybox();
        l.dir("a").file("a/keep", b"keep\n");
        let base = l.finish();
        let mut top = Layer::new();
        top.raw_file(evil.as_bytes(), b"");
        let path = b.dir.join(format!("wh{i}.tar"));
        docker_archive(&path, &format!("wh{i}"), &[base, top.finish()], &["sh"]);
        let o = b.run(&["load", "-i", &path.display().to_string()]);
        assert_eq!(o.code, 1, "{evil} loaded");
        assert!(o.stderr.contains(evil), "{evil}: {}", o.stderr);
    }
}

/// A layer whose chain is already stored is still checked against its diff id: an
/// archive cannot attach other content to a known layer's name.
#[test]
fn a_known_layer_name_with_other_content_is_refused() {
    let b = Berth::user("chainlie");
    let honest = Layer::busybox().finish();
    let diff = format!("sha256:{}", common::archive::sha256_hex(&honest));
    let path = b.dir.join("honest.tar");
    docker_archive(&path, "honest", std::slice::from_ref(&honest), &["sh"]);
    b.ok(&["load", "-i", &path.display().to_string()]);
    let mut l = Layer::busybox();
    l.file("planted", b"not the busybox layer\n");
    let liar = l.finish();
    let cfg = serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["sh"]},
        "rootfs": {"type": "layers", "diff_ids": [diff]},
    }))
    .unwrap();
    let cfg_name = format!("{}.json", common::archive::sha256_hex(&cfg));
    let m = serde_json::to_vec(&serde_json::json!([{
        "Config": cfg_name, "RepoTags": ["liar:latest"], "Layers": ["l0/layer.tar"],
    }]))
    .unwrap();
    let path = b.dir.join("liar.tar");
    outer_tar(
        &path,
        &[
            Outer::File(&cfg_name, &cfg),
            Outer::File("l0/layer.tar", &liar),
            Outer::File("manifest.json", &m),
        ],
    );
    let o = b.run(&["load", "-i", &path.display().to_string()]);
    assert_eq!(o.code, 1, "loaded: {}", o.stdout);
    assert!(o.stderr.contains("hashes to"), "{}", o.stderr);
    assert!(!b.ok(&["images"]).contains("liar"));
}

/// As root, the storage probe's overlay mount happens in a private mount namespace of
/// a child: nothing appears on the host (whose `/` is shared) and nothing is left.
#[test]
fn root_pass_storage_probe_leaves_no_mount_on_the_host() {
    let Some(b) = Berth::root("root-probe") else {
        return;
    };
    b.load("busybox.tar");
    b.ok(&["run", "--rm", "busybox", "true"]);
    let store = b.dir.display().to_string();
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    let leaked: Vec<&str> = mounts.lines().filter(|l| l.contains(&store)).collect();
    assert!(leaked.is_empty(), "mounts left on the host: {leaked:#?}");
    let tmp = b.store_path("tmp");
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "probe left {left:?} in {}", tmp.display());
}

/// An image whose command or environment holds a NUL byte: refused with a clear error,
/// never run with the argument cut or emptied.
#[test]
fn nul_bytes_in_the_image_config_are_refused() {
    let b = Berth::user("nul");
    let layer = Layer::busybox().finish();
    let path = b.dir.join("nul.tar");
    docker_archive(&path, "nul", &[layer], &["echo", "a\0b"]);
    b.ok(&["load", "-i", &path.display().to_string()]);
    let o = b.run(&["run", "--rm", "nul"]);
    assert_eq!(o.code, 125, "ran: {}", o.stdout);
    assert!(o.stderr.contains("NUL byte"), "{}", o.stderr);
    b.ok(&["run", "-d", "--name", "cc", "nul", "sleep", "60"]);
    let o = b.run(&["exec", "-e", "A=x", "cc", "echo", "ok"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "ok\n"), "{}", o.stderr);
}

/// An fd the caller left open (a script's `exec 5<file`) reaches no process in the
/// container, not even fuse-overlayfs, which runs where the container can see it.
#[test]
fn inherited_fds_reach_no_container_process() {
    let b = common::busybox("inheritfd");
    let secret = b.host_dir("fdsecret").join("marker-inherited");
    std::fs::write(&secret, "secret\n").unwrap();
    common::archive::make_readable(&secret);
    let line = b.shell_line(&[
        "--storage-driver",
        "fuse-overlayfs",
        "run",
        // All capabilities in its user namespace: it may look into fuse-overlayfs.
        "--privileged",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "ls -l /proc/[0-9]*/fd/ 2>/dev/null | grep -c marker-inherited; ps -o comm | grep -c fuse",
    ]);
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("exec 5<{}; {line}", secret.display()))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, "0\n1\n", "{}", String::from_utf8_lossy(&out.stderr));
}
