//! Volumes: the `volume` commands, named and anonymous volumes in `run`, `--mount`,
//! `--volumes-from`, copy-up of image content, lifetimes (`rm -v`, `run --rm`, prune).

mod common;
use common::*;

fn volume_names(b: &Berth) -> Vec<String> {
    b.ok(&["volume", "ls", "-q"])
        .lines()
        .map(String::from)
        .collect()
}

fn is_anon_name(n: &str) -> bool {
    n.len() == 64 && n.bytes().all(|c| c.is_ascii_hexdigit())
}

#[test]
fn volume_commands() {
    let b = Berth::user("vol-cmds");
    assert_eq!(
        b.ok(&["volume", "create", "--label", "a=b", "--label", "c", "v1"]),
        "v1\n"
    );
    // Idempotent, as docker's.
    assert_eq!(b.ok(&["volume", "create", "v1"]), "v1\n");
    let anon = b.ok(&["volume", "create"]);
    assert!(is_anon_name(anon.trim()), "{anon}");
    assert_eq!(
        b.ok(&["volume", "ls"]),
        format!(
            "DRIVER    VOLUME NAME\nlocal     {}\nlocal     v1\n",
            anon.trim()
        )
    );
    let v: serde_json::Value = serde_json::from_str(&b.ok(&["volume", "inspect", "v1"])).unwrap();
    let v = &v[0];
    assert_eq!(v["Name"], "v1");
    assert_eq!(v["Driver"], "local");
    assert_eq!(v["Scope"], "local");
    assert_eq!(v["Labels"], serde_json::json!({"a": "b", "c": ""}));
    assert_eq!(v["Options"], serde_json::Value::Null);
    let mp = b.store_path("volumes/v1/_data");
    assert_eq!(v["Mountpoint"], mp.display().to_string());
    assert!(mp.is_dir());
    assert!(v["CreatedAt"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        b.ok(&["volume", "inspect", "-f", "{{.Name}} {{.Labels.a}}", "v1"]),
        "v1 b\n"
    );
    // Filters and formats.
    assert_eq!(
        b.ok(&["volume", "ls", "-q", "--filter", "label=a=b"]),
        "v1\n"
    );
    assert_eq!(
        b.ok(&["volume", "ls", "-q", "--filter", "label!=a=b"]),
        anon
    );
    assert_eq!(b.ok(&["volume", "ls", "-q", "--filter", "name=v"]), "v1\n");
    // docker's natural order.
    b.ok(&["volume", "create", "v10"]);
    b.ok(&["volume", "create", "v9"]);
    assert_eq!(
        b.ok(&["volume", "ls", "-q", "--filter", "name=v"]),
        "v1\nv9\nv10\n"
    );
    b.ok(&["volume", "rm", "v9", "v10"]);
    assert_eq!(
        b.ok(&[
            "volume",
            "ls",
            "-q",
            "--filter",
            "label=com.docker.volume.anonymous"
        ]),
        anon
    );
    assert_eq!(
        b.ok(&[
            "volume",
            "ls",
            "-q",
            "--filter",
            "driver=local",
            "--filter",
            "name=nomatch"
        ]),
        ""
    );
    assert_eq!(
        b.ok(&[
            "volume",
            "ls",
            "--filter",
            "name=v1",
            "--format",
            "{{.Name}}|{{.Driver}}|{{.Labels}}|{{.Scope}}"
        ]),
        "v1|local|a=b,c=|local\n"
    );
    assert_eq!(
        b.ok(&[
            "volume",
            "ls",
            "--filter",
            "name=v1",
            "--format",
            "table {{.Name}}\t{{.Mountpoint}}"
        ]),
        format!("VOLUME NAME   MOUNTPOINT\nv1            {}\n", mp.display())
    );
    let j: serde_json::Value = serde_json::from_str(
        b.ok(&["volume", "ls", "--filter", "name=v1", "--format", "json"])
            .trim(),
    )
    .unwrap();
    assert_eq!(j["Name"], "v1");
    let o = b.run(&["volume", "ls", "--filter", "foo=bar"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error response from daemon: Invalid filter 'foo'\n")
    );
    // exists (podman).
    assert_eq!(b.run(&["volume", "exists", "v1"]).code, 0);
    assert_eq!(b.run(&["volume", "exists", "nope"]).code, 1);
    // Bad names and options: docker's words, nothing made.
    let o = b.run(&["volume", "create", "a/b"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("\"a/b\" includes invalid characters for a local volume name"),
        "{}",
        o.stderr
    );
    let o = b.run(&["volume", "create", "-o", "foo=1", "v2"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            1,
            "Error response from daemon: create v2: invalid option: \"foo\"\n"
        )
    );
    let o = b.run(&["volume", "create", "--driver", "x", "v2"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("plugin \"x\" not found"), "{}", o.stderr);
    assert!(!b.store_path("volumes/v2").exists());
    // Missing ones.
    let o = b.run(&["volume", "inspect", "v1", "nope"]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stderr,
        "Error response from daemon: get nope: no such volume\n"
    );
    assert!(o.stdout.contains("\"Name\": \"v1\""), "{}", o.stdout);
    let o = b.run(&["volume", "rm", "nope"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error response from daemon: get nope: no such volume\n")
    );
    assert_eq!(b.ok(&["volume", "rm", "-f", "nope"]), "nope\n");
    assert_eq!(
        b.ok(&["volume", "rm", "v1", anon.trim()]),
        format!("v1\n{anon}")
    );
    assert_eq!(volume_names(&b), Vec::<String>::new());
    assert!(!b.store_path("volumes/v1").exists());
}

/// Data written in a named volume outlives the container; a new container sees it.
fn persistence(b: &Berth) {
    b.ok(&[
        "run",
        "--rm",
        "-v",
        "data:/data",
        "busybox",
        "sh",
        "-c",
        "echo kept > /data/f; mkdir /data/d; chown 1000:1000 /data/d",
    ]);
    assert_eq!(volume_names(b), ["data"]);
    let out = b.ok(&[
        "run",
        "--rm",
        "-v",
        "data:/srv:ro",
        "busybox",
        "sh",
        "-c",
        "cat /srv/f; stat -c %u:%g /srv/d; touch /srv/x 2>&1 || echo refused",
    ]);
    assert!(out.starts_with("kept\n1000:1000\n"), "{out}");
    assert!(out.ends_with("refused\n"), "{out}");
    // Named volumes survive rm -v and run --rm.
    b.ok(&[
        "create",
        "--name",
        "cv",
        "-v",
        "data:/data",
        "busybox",
        "true",
    ]);
    b.ok(&["rm", "-v", "cv"]);
    assert_eq!(volume_names(b), ["data"]);
}

#[test]
fn named_volume_persists() {
    let b = busybox("vol-persist");
    persistence(&b);
}

#[test]
fn root_pass_named_volume_persists() {
    let Some(b) = Berth::root("root-vol-persist") else {
        return;
    };
    b.load("busybox.tar");
    persistence(&b);
}

#[test]
fn inspect_mounts_like_docker() {
    let b = busybox("vol-inspect");
    let host = b.host_dir("h");
    let bind = format!("{}:/b", host.display());
    let m_bind = format!("type=bind,src={},dst=/mb", host.display());
    b.ok(&[
        "create",
        "--name",
        "ci",
        "-v",
        "v2:/data",
        "-v",
        "/anon",
        "-v",
        "v3:/x:ro,nocopy",
        "-v",
        &bind,
        "--mount",
        "type=volume,src=v4,dst=/m,readonly",
        "--mount",
        "type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1700",
        "--mount",
        &m_bind,
        "--tmpfs",
        "/run",
        "busybox",
        "true",
    ]);
    let mounts: serde_json::Value =
        serde_json::from_str(&b.ok(&["inspect", "-f", "{{json .Mounts}}", "ci"])).unwrap();
    let by_dest = |d: &str| {
        mounts
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["Destination"] == d)
            .unwrap_or_else(|| panic!("no mount at {d}: {mounts}"))
            .clone()
    };
    let vol = |n: &str| {
        b.store_path(&format!("volumes/{n}/_data"))
            .display()
            .to_string()
    };
    assert_eq!(
        by_dest("/data"),
        serde_json::json!({"Type":"volume","Name":"v2","Source":vol("v2"),"Destination":"/data","Driver":"local","Mode":"z","RW":true,"Propagation":""})
    );
    assert_eq!(
        by_dest("/x"),
        serde_json::json!({"Type":"volume","Name":"v3","Source":vol("v3"),"Destination":"/x","Driver":"local","Mode":"ro,nocopy","RW":false,"Propagation":""})
    );
    assert_eq!(by_dest("/m")["RW"], false);
    assert_eq!(by_dest("/m")["Mode"], "z");
    assert_eq!(by_dest("/b")["Type"], "bind");
    assert_eq!(by_dest("/b")["Propagation"], "rprivate");
    assert_eq!(by_dest("/t")["Type"], "tmpfs");
    let anon = by_dest("/anon");
    assert_eq!(anon["Mode"], "");
    assert!(is_anon_name(anon["Name"].as_str().unwrap()), "{anon}");
    // --tmpfs is HostConfig.Tmpfs only.
    assert!(mounts
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["Destination"] != "/run"));
    assert_eq!(mounts.as_array().unwrap().len(), 7);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{json .Config.Volumes}}", "ci"]),
        "{\"/anon\":{}}\n"
    );
    assert_eq!(
        b.ok(&["inspect", "-f", "{{json .HostConfig.Binds}}", "ci"]),
        format!("[\"v2:/data\",\"v3:/x:ro,nocopy\",\"{bind}\"]\n")
    );
    let hm: serde_json::Value =
        serde_json::from_str(&b.ok(&["inspect", "-f", "{{json .HostConfig.Mounts}}", "ci"]))
            .unwrap();
    assert_eq!(
        hm[0],
        serde_json::json!({"Type":"volume","Source":"v4","Target":"/m","ReadOnly":true})
    );
    assert_eq!(
        hm[1],
        serde_json::json!({"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":1048576,"Mode":960}})
    );
    // ps --filter volume= by name and by destination.
    let id = b.ok(&["ps", "-aq", "--no-trunc", "--filter", "volume=v2"]);
    assert_eq!(id.trim().len(), 64);
    assert_eq!(
        b.ok(&["ps", "-aq", "--filter", "volume=/m"]).trim(),
        &id[..12]
    );
    assert_eq!(b.ok(&["ps", "-aq", "--filter", "volume=other"]), "");
    // Every volume is in use: dangling=false lists them all, dangling=true none.
    assert_eq!(
        b.ok(&["volume", "ls", "-q", "--filter", "dangling=true"]),
        ""
    );
    assert_eq!(
        b.ok(&["volume", "ls", "-q", "--filter", "dangling=false"])
            .lines()
            .count(),
        4
    );
}

#[test]
fn in_use_refused() {
    let b = busybox("vol-inuse");
    b.ok(&[
        "create", "--name", "c1", "-v", "vv:/data", "busybox", "true",
    ]);
    let id = b.ok(&["inspect", "-f", "{{.Id}}", "c1"]);
    for args in [&["volume", "rm", "vv"][..], &["volume", "rm", "-f", "vv"]] {
        let o = b.run(args);
        assert_eq!(o.code, 1);
        assert_eq!(
            o.stderr,
            format!(
                "Error response from daemon: remove vv: volume is in use - [{}]\n",
                id.trim()
            )
        );
    }
    // Running or not, still in use.
    b.ok(&[
        "run", "-d", "--name", "c2", "-v", "vv:/data", "busybox", "sleep", "100",
    ]);
    let o = b.run(&["volume", "rm", "vv"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("volume is in use"), "{}", o.stderr);
    b.ok(&["rm", "-f", "c1", "c2"]);
    assert_eq!(b.ok(&["volume", "rm", "vv"]), "vv\n");
}

fn anonymous_lifetime(b: &Berth) {
    // run --rm removes its anonymous volumes, keeps named ones.
    b.ok(&[
        "run",
        "--rm",
        "-v",
        "/anon",
        "-v",
        "named:/n",
        "busybox",
        "sh",
        "-c",
        "echo x > /anon/f",
    ]);
    assert_eq!(volume_names(b), ["named"]);
    // rm without -v keeps them; rm -v removes them.
    b.ok(&["create", "--name", "c1", "-v", "/anon", "busybox", "true"]);
    b.ok(&["rm", "c1"]);
    let left = volume_names(b);
    assert_eq!(left.len(), 2, "{left:?}");
    b.ok(&[
        "run",
        "--name",
        "c2",
        "-v",
        "/anon",
        "busybox",
        "sh",
        "-c",
        "echo x > /anon/f; chown 1000 /anon/f",
    ]);
    let anon = b.ok(&["inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", "c2"]);
    assert!(b
        .store_path(&format!("volumes/{}/_data/f", anon.trim()))
        .exists());
    b.ok(&["rm", "-v", "c2"]);
    assert_eq!(volume_names(b), left);
    assert!(!b.store_path(&format!("volumes/{}", anon.trim())).exists());
    // A create that fails (name in use) leaves no volume behind.
    b.ok(&["create", "--name", "taken", "busybox", "true"]);
    let o = b.run(&[
        "create", "--name", "taken", "-v", "/anon", "-v", "fresh:/f", "busybox", "true",
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("is already in use"), "{}", o.stderr);
    assert_eq!(volume_names(b), left);
    b.ok(&["rm", "taken"]);
    // A run that fails to start leaves no anonymous volume either.
    let o = b.run(&["run", "--rm", "-v", "/anon2", "busybox", "nosuchcmd"]);
    assert_eq!(o.code, 127);
    assert_eq!(volume_names(b), left);
}

#[test]
fn anonymous_volumes_removed_with_container() {
    let b = busybox("vol-anon");
    anonymous_lifetime(&b);
}

#[test]
fn root_pass_anonymous_volumes_removed_with_container() {
    let Some(b) = Berth::root("root-vol-anon") else {
        return;
    };
    b.load("busybox.tar");
    anonymous_lifetime(&b);
}

#[test]
fn prune_keeps_used_volumes() {
    let b = busybox("vol-prune");
    b.ok(&["volume", "create", "named-free"]);
    b.ok(&["volume", "create", "--label", "keep=1", "labelled"]);
    let free_anon = b.ok(&["volume", "create"]).trim().to_string();
    b.ok(&[
        "create",
        "--name",
        "stopped",
        "-v",
        "/a",
        "-v",
        "named-used:/n",
        "busybox",
        "true",
    ]);
    b.ok(&[
        "run", "-d", "--name", "running", "-v", "/b", "busybox", "sleep", "100",
    ]);
    b.ok(&[
        "run",
        "--rm",
        "-v",
        &format!("{free_anon}:/d"),
        "busybox",
        "sh",
        "-c",
        "mkdir /d/p && head -c 5000 /dev/zero > /d/p/f && chown -R 1000:1000 /d/p && chmod 700 /d/p",
    ]);
    let before = volume_names(&b);
    assert_eq!(before.len(), 6, "{before:?}");
    // End of input answers no: nothing removed, exit 0.
    let o = b.run(&["volume", "prune"]);
    assert_eq!(o.code, 0);
    assert_eq!(
        o.stdout,
        // docker prints nothing more when the input ends.
        "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] "
    );
    assert_eq!(volume_names(&b), before);
    // Without -a: only the unused anonymous one (its file counted though it sits in a
    // directory only the container's user 1000 may read).
    let o = b.ok(&["volume", "prune", "-f"]);
    assert_eq!(
        o,
        format!("Deleted Volumes:\n{free_anon}\n\nTotal reclaimed space: 5kB\n")
    );
    // Label filters; then -a takes every unused one, never a used one.
    assert_eq!(
        b.ok(&["volume", "prune", "-af", "--filter", "label=keep"]),
        "Deleted Volumes:\nlabelled\n\nTotal reclaimed space: 0B\n"
    );
    assert_eq!(
        b.ok(&["volume", "prune", "-af"]),
        "Deleted Volumes:\nnamed-free\n\nTotal reclaimed space: 0B\n"
    );
    assert_eq!(
        b.ok(&["volume", "prune", "-af"]),
        "Total reclaimed space: 0B\n"
    );
    assert_eq!(volume_names(&b).len(), 3);
    b.ok(&["rm", "-f", "stopped", "running"]);
    assert_eq!(volume_names(&b).len(), 3);
    b.ok(&["volume", "prune", "-af"]);
    assert_eq!(volume_names(&b), Vec::<String>::new());
    // system reset removes volumes too.
    b.ok(&["volume", "create", "x1"]);
    b.ok(&["system", "reset", "-f"]);
    assert_eq!(volume_names(&b), Vec::<String>::new());
}

/// `stat` of the volume image's /data tree, as a user checks it.
const STAT_DATA: &str = "cd /data && stat -c '%n %u:%g %a' . owned sub sub/deep setuid && readlink link && cat owned sub/deep";
const STAT_IMAGE: &str = ". 1000:1000 750\nowned 1000:1000 640\nsub 2000:2000 700\nsub/deep 2000:2000 600\nsetuid 0:0 4755\nowned\nowned\ndeep\n";

fn copy_up(b: &Berth) {
    b.load("volume.tar");
    // VOLUME /data: an anonymous volume filled from the image, owners and modes kept.
    b.ok(&[
        "run",
        "--name",
        "img",
        "volume",
        "sh",
        "-c",
        "echo new > /data/added",
    ]);
    let mounts: serde_json::Value =
        serde_json::from_str(&b.ok(&["inspect", "-f", "{{json .Mounts}}", "img"])).unwrap();
    let mut dests: Vec<&str> = mounts
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Destination"].as_str().unwrap())
        .collect();
    dests.sort();
    assert_eq!(dests, ["/absent", "/data"]);
    let data_mount = mounts
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["Destination"] == "/data")
        .unwrap();
    let anon = data_mount["Name"].as_str().unwrap().to_string();
    assert!(is_anon_name(&anon));
    let data = b.store_path(&format!("volumes/{anon}/_data"));
    assert_eq!(
        std::fs::read_to_string(data.join("owned")).unwrap(),
        "owned\n"
    );
    assert_eq!(
        std::fs::read_to_string(data.join("added")).unwrap(),
        "new\n"
    );
    let via = format!("{anon}:/data");
    assert_eq!(
        b.ok(&["run", "--rm", "-v", &via, "busybox", "sh", "-c", STAT_DATA]),
        STAT_IMAGE
    );
    b.ok(&["rm", "-v", "img"]);
    assert!(!data.exists());

    // A named volume: filled once. Emptied by a container, it stays empty.
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "-v",
            "named:/data",
            "volume",
            "sh",
            "-c",
            STAT_DATA
        ]),
        STAT_IMAGE
    );
    b.ok(&[
        "run",
        "--rm",
        "-v",
        "named:/data",
        "volume",
        "sh",
        "-c",
        "rm -rf /data/* && echo again > /data/mine",
    ]);
    assert_eq!(
        b.ok(&["run", "--rm", "-v", "named:/data", "volume", "ls", "/data"]),
        "mine\n"
    );
    // A volume that already holds data is never filled.
    b.ok(&[
        "run",
        "--rm",
        "-v",
        "full:/x",
        "busybox",
        "sh",
        "-c",
        "echo x > /x/f",
    ]);
    assert_eq!(
        b.ok(&["run", "--rm", "-v", "full:/data", "volume", "ls", "/data"]),
        "f\n"
    );
    // nocopy, on -v and --mount.
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "-v",
            "nc:/data:nocopy",
            "volume",
            "ls",
            "-A",
            "/data"
        ]),
        ""
    );
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "--mount",
            "src=nc2,dst=/data,volume-nocopy",
            "volume",
            "ls",
            "-A",
            "/data"
        ]),
        ""
    );
    // A bind mount is never filled.
    let h = b.host_dir("bindv");
    let bind = format!("{}:/data", h.display());
    assert_eq!(
        b.ok(&["run", "--rm", "-v", &bind, "volume", "ls", "-A", "/data"]),
        ""
    );
    // U (podman): the volume's files belong to the container's user.
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "-u",
            "1234:1234",
            "-v",
            "chowned:/data:U",
            "volume",
            "sh",
            "-c",
            "stat -c '%u:%g' /data /data/owned /data/sub/deep; touch /data/mine && echo writable"
        ]),
        "1234:1234\n1234:1234\n1234:1234\nwritable\n"
    );
}

#[test]
fn tmpfs_covers_image_volume() {
    let b = busybox("vol-tmpfs");
    b.load("volume.tar");
    b.ok(&[
        "create", "--name", "tt", "--tmpfs", "/data", "volume", "true",
    ]);
    let dests = b.ok(&[
        "inspect",
        "-f",
        "{{range .Mounts}}{{.Destination}} {{end}}",
        "tt",
    ]);
    assert_eq!(dests, "/absent \n");
    let o = b.run(&["create", "--tmpfs", "/x", "-v", "vx:/x", "busybox", "true"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("Duplicate mount point: /x"),
        "{}",
        o.stderr
    );
    assert_eq!(volume_names(&b).len(), 1);
}

#[test]
fn copy_up_keeps_ownership() {
    let b = busybox("vol-copyup");
    copy_up(&b);
}

#[test]
fn root_pass_copy_up_keeps_ownership() {
    let Some(b) = Berth::root("root-vol-copyup") else {
        return;
    };
    b.load("busybox.tar");
    copy_up(&b);
}

/// An image whose VOLUME paths are symlinks to `/`, `/etc` and `../../etc`: its own
/// files are copied, never the host's.
fn hostile_volume_paths(b: &Berth) {
    b.load("evil-volume.tar");
    b.ok(&["run", "--name", "ev", "evil-volume", "true"]);
    let mounts: serde_json::Value =
        serde_json::from_str(&b.ok(&["inspect", "-f", "{{json .Mounts}}", "ev"])).unwrap();
    let names = |dest: &str| -> Vec<String> {
        let m = mounts
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["Destination"] == dest)
            .unwrap();
        let mut v: Vec<String> = std::fs::read_dir(m["Source"].as_str().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    // The image's /etc (passwd and group), and the empty mount points of berth's /etc
    // files (mounted over the volume, which sits at the image's /etc).
    let source = |dest: &str| {
        let m = mounts
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["Destination"] == dest)
            .unwrap();
        std::path::PathBuf::from(m["Source"].as_str().unwrap())
    };
    for d in ["/vol-etc", "/vol-up"] {
        let got = names(d);
        let allowed = ["group", "hostname", "hosts", "passwd", "resolv.conf"];
        assert!(
            got.iter().all(|n| allowed.contains(&n.as_str())),
            "{d}: {got:?}"
        );
        let dir = source(d);
        let passwd = std::fs::read_to_string(dir.join("passwd")).unwrap();
        assert!(passwd.starts_with("root:x:0:0"), "{passwd}");
        assert!(
            !passwd.contains(TEST_USER),
            "the host's passwd copied: {passwd}"
        );
        for f in ["hostname", "hosts", "resolv.conf"] {
            if let Ok(m) = std::fs::metadata(dir.join(f)) {
                assert_eq!(m.len(), 0, "{d}/{f}: the host's file copied");
            }
        }
    }
    // `/`: the image's top level (busybox's and the three links), nothing of the host's.
    let tree = fixtures_json()["images"]["busybox"]["expected_tree"].clone();
    let mut want: Vec<String> = tree
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !k.contains('/'))
        .cloned()
        .chain(["vol-etc", "vol-root", "vol-up"].map(String::from))
        .collect();
    want.sort();
    want.dedup();
    let got = names("/vol-root");
    assert!(
        got.iter().all(|n| want.contains(n)),
        "host files copied: {got:?} (image: {want:?})"
    );
    assert!(got.contains(&"vol-etc".to_string()), "{got:?}");
    b.ok(&["rm", "-v", "ev"]);
    assert_eq!(volume_names(b), Vec::<String>::new());
}

#[test]
fn hostile_volume_paths_stay_in_the_image() {
    let b = busybox("vol-hostile");
    hostile_volume_paths(&b);
}

#[test]
fn root_pass_hostile_volume_paths_stay_in_the_image() {
    let Some(b) = Berth::root("root-vol-hostile") else {
        return;
    };
    b.load("busybox.tar");
    hostile_volume_paths(&b);
}

#[test]
fn volumes_from() {
    let b = busybox("vol-from");
    let h = b.host_dir("shared");
    std::fs::write(h.join("f"), "host\n").unwrap();
    let bind = format!("{}:/h", h.display());
    b.ok(&[
        "create", "--name", "src", "-v", "named:/n", "-v", "/anon", "-v", &bind, "busybox", "true",
    ]);
    b.ok(&[
        "run",
        "--rm",
        "--volumes-from",
        "src",
        "busybox",
        "sh",
        "-c",
        "echo a > /anon/a; echo n > /n/n",
    ]);
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "--volumes-from",
            "src:ro",
            "busybox",
            "sh",
            "-c",
            "cat /anon/a /n/n /h/f; touch /n/x 2>/dev/null || echo ro"
        ]),
        "a\nn\nhost\nro\n"
    );
    // The run --rm above did not remove src's anonymous volume (src still uses it).
    assert_eq!(volume_names(&b).len(), 2);
    b.ok(&[
        "create",
        "--name",
        "user",
        "--volumes-from",
        "src:rw",
        "busybox",
        "true",
    ]);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{json .HostConfig.VolumesFrom}}", "user"]),
        "[\"src:rw\"]\n"
    );
    // A flag at the same place wins over volumes-from.
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "--volumes-from",
            "src",
            "-v",
            "other:/n",
            "busybox",
            "ls",
            "-A",
            "/n"
        ]),
        ""
    );
    let o = b.run(&["run", "--rm", "--volumes-from", "nosuch", "busybox", "true"]);
    assert_eq!(o.code, 125);
    assert!(
        o.stderr.contains("No such container: nosuch"),
        "{}",
        o.stderr
    );
    let o = b.run(&[
        "run",
        "--rm",
        "--volumes-from",
        "src:bogus",
        "busybox",
        "true",
    ]);
    assert_eq!(o.code, 125, "{}", o.stderr);
}

#[test]
fn mount_flag_forms_and_errors() {
    let b = busybox("vol-mount");
    let h = b.host_dir("m");
    std::fs::write(h.join("f"), "bound\n").unwrap();
    let bind = format!("type=bind,source={},target=/b,readonly", h.display());
    let out = b.ok(&[
        "run", "--rm", "--mount", &bind, "--mount", "type=volume,src=mv,dst=/v", "--mount", "type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1770",
        "--mount", "dst=/anon", "busybox", "sh", "-c",
        "cat /b/f; touch /b/x 2>/dev/null || echo b-ro; echo v > /v/v && echo v-rw; stat -c %a /t; df -k /t | tail -1 | awk '{print $2}'; grep -c ' /t tmpfs' /proc/mounts; ls -A /anon",
    ]);
    assert_eq!(out, "bound\nb-ro\nv-rw\n1770\n1024\n1\n");
    // mv is named: kept; the anonymous one went with --rm.
    assert_eq!(volume_names(&b), ["mv"]);
    // The CLI's errors: usage, 125 for create and run alike, nothing created.
    for (spec, why) in [
        ("type=volume", "target is required"),
        ("dst=/x,bogus=1", "unexpected key 'bogus' in 'bogus=1'"),
        ("src", "invalid field 'src' must be a key=value pair"),
        (
            "type=volume,src=vv,dst=/x,tmpfs-size=1m",
            "cannot mix 'tmpfs-*' options with mount type 'volume'",
        ),
        (
            "type=bind,src=/tmp,dst=/x,volume-nocopy",
            "cannot mix 'volume-*' options with mount type 'bind'",
        ),
        (
            "type=tmpfs,dst=/x,tmpfs-size=abc",
            "invalid value for tmpfs-size: abc",
        ),
        (
            "type=volume,src=vv,dst=/x,readonly=maybe",
            "invalid value for readonly: maybe",
        ),
    ] {
        for cmd in ["create", "run"] {
            let o = b.run(&[cmd, "--mount", spec, "busybox", "true"]);
            assert_eq!(o.code, 125, "{cmd} --mount {spec}: {}", o.stderr);
            assert!(
                o.stderr.contains(&format!(
                    "invalid argument \"{spec}\" for \"--mount\" flag: {why}"
                )),
                "{}",
                o.stderr
            );
        }
    }
    // The engine's: 125 for run, 1 for create.
    for (spec, why) in [
        ("type=foo,dst=/x", "invalid mount config for type \"foo\": mount type unknown"),
        ("type=bind,dst=/x", "invalid mount config for type \"bind\": field Source must not be empty"),
        ("type=bind,src=/nonexistent-berth,dst=/x", "invalid mount config for type \"bind\": bind source path does not exist: /nonexistent-berth"),
        ("type=tmpfs,src=a,dst=/x", "invalid mount config for type \"tmpfs\": field Source must not be specified"),
        ("type=volume,dst=x", "invalid mount config for type \"volume\": invalid mount path: 'x' mount path must be absolute"),
        ("type=volume,src=a/b,dst=/x", "\"a/b\" includes invalid characters for a local volume name"),
        ("type=bind,src=/tmp,dst=/x,bind-propagation=foo", "invalid propagation mode: foo"),
    ] {
        for (cmd, code) in [("create", 1), ("run", 125)] {
            let o = b.run(&[cmd, "--mount", spec, "busybox", "true"]);
            assert_eq!(o.code, code, "{cmd} --mount {spec}: {}", o.stderr);
            assert!(o.stderr.contains(why), "{cmd} --mount {spec}: {}", o.stderr);
        }
    }
    // bind-create-mountpoint makes a missing source, as -v does.
    let made = b.dir.join("made-by-mount");
    let spec = format!(
        "type=bind,src={},dst=/n,bind-create-mountpoint",
        made.display()
    );
    b.ok(&["run", "--rm", "--mount", &spec, "busybox", "true"]);
    assert!(made.is_dir());
    // z/Z are accepted (no SELinux here).
    let hz = format!("{}:/h:ro,z", h.display());
    assert_eq!(
        b.ok(&["run", "--rm", "-v", &hz, "-v", "mv:/v:Z", "busybox", "cat", "/h/f", "/v/v"]),
        "bound\nv\n"
    );
    let o = b.run(&[
        "run", "--rm", "-v", "dup:/x", "--mount", "dst=/x", "busybox", "true",
    ]);
    assert_eq!(o.code, 125);
    assert!(
        o.stderr.contains("Duplicate mount point: /x"),
        "{}",
        o.stderr
    );
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    assert_eq!(volume_names(&b), ["mv"]);
}

#[test]
fn nested_mounts_bind_volumes_and_inspect() {
    let b = busybox("vol-nested");
    // Shallowest first whatever the order given; /etc/hosts stays berth's over an /etc volume.
    b.ok(&[
        "run",
        "--rm",
        "-v",
        "inner:/a/b",
        "busybox",
        "sh",
        "-c",
        "echo in > /a/b/f",
    ]);
    let out = b.ok(&[
        "run",
        "--rm",
        "--hostname",
        "hh",
        "-v",
        "inner:/a/b",
        "-v",
        "outer:/a",
        "-v",
        "etcv:/etc",
        "busybox",
        "sh",
        "-c",
        "cat /a/b/f; grep -c hh /etc/hosts; ls /etc",
    ]);
    assert!(out.starts_with("in\n1\n"), "{out}");
    assert!(out.contains("passwd"), "copied up under the mounts: {out}");
    // A local bind volume (docker's -o type=none -o o=bind -o device=DIR).
    let h = b.host_dir("dev");
    std::fs::write(h.join("f"), "on host\n").unwrap();
    let dev = format!("device={}", h.display());
    b.ok(&[
        "volume",
        "create",
        "-o",
        "type=none",
        "-o",
        "o=bind",
        "-o",
        &dev,
        "bound",
    ]);
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "-v",
            "bound:/x",
            "busybox",
            "sh",
            "-c",
            "cat /x/f; echo c > /x/g"
        ]),
        "on host\n"
    );
    assert_eq!(std::fs::read_to_string(h.join("g")).unwrap(), "c\n");
    assert_eq!(
        b.ok(&[
            "volume",
            "inspect",
            "-f",
            "{{.Options.type}} {{.Options.o}}",
            "bound"
        ]),
        "none bind\n"
    );
    let o = b.run(&[
        "volume",
        "create",
        "-o",
        "type=tmpfs",
        "-o",
        "device=tmpfs",
        "tv",
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("only -o type=none -o o=bind -o device="),
        "{}",
        o.stderr
    );
    // docker's inspect finds volumes too (after containers and images).
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.Name}} {{.Driver}}", "outer"]),
        "outer local\n"
    );
    assert_eq!(
        b.ok(&["inspect", "--type", "volume", "-f", "{{.Scope}}", "outer"]),
        "local\n"
    );
    let o = b.run(&["inspect", "--type", "volume", "busybox"]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stderr, "Error: No such volume: busybox\n");
}

#[test]
fn damaged_volume_record_is_removable() {
    let b = Berth::user("vol-damaged");
    b.ok(&["volume", "create", "good"]);
    b.ok(&["volume", "create", "bad"]);
    let rec = b.store_path("volumes/bad/volume.json");
    // The store belongs to the test user: damage it as that user would see it.
    std::fs::write(&rec, "{ half a rec").unwrap();
    let o = b.run(&["volume", "ls", "-q"]);
    assert_eq!(o.code, 0);
    assert_eq!(o.stdout, "good\n");
    assert!(o.stderr.contains("WARNING: volume bad:"), "{}", o.stderr);
    assert_eq!(b.ok(&["volume", "rm", "bad"]), "bad\n");
    assert!(!b.store_path("volumes/bad").exists());
    assert_eq!(b.ok(&["volume", "ls", "-q"]), "good\n");
}

#[test]
fn racing_creates_make_one_volume() {
    let b = Berth::user("vol-race");
    let children: Vec<_> = (0..8)
        .map(|_| {
            b.cmd(&["volume", "create", "--label", "x=1", "race"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8_lossy(&o.stdout), "race\n");
    }
    assert_eq!(volume_names(&b), ["race"]);
    // Nothing staged is left behind.
    let left: Vec<_> = std::fs::read_dir(b.store_path("tmp")).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn copy_up_with_one_id_mapping() {
    let Some(b) = Berth::solo("vol-solo") else {
        return;
    };
    b.load("volume.tar");
    // Only root is mapped: the content comes over owned by root, modes kept.
    let o = b.run(&[
        "run",
        "--rm",
        "-v",
        "solo:/data",
        "volume",
        "sh",
        "-c",
        "cd /data && stat -c '%n %u %a' owned sub/deep setuid && cat owned",
    ]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "owned 0 640\nsub/deep 0 600\nsetuid 0 4755\nowned\n"),
        "{}",
        o.stderr
    );
    b.ok(&["volume", "rm", "solo"]);
}

#[test]
fn too_deep_copy_up_fails_and_leaves_the_volume_empty() {
    let b = busybox("vol-deep");
    b.load("deep-volume.tar");
    let o = b.run(&["run", "--name", "deep", "deep-volume", "true"]);
    assert_eq!(o.code, 125);
    assert!(
        o.stderr.contains("copying the image's content at /deep into its volume: directories nested deeper than 256 levels"),
        "{}",
        o.stderr
    );
    let src = b.ok(&[
        "inspect",
        "-f",
        "{{range .Mounts}}{{.Source}}{{end}}",
        "deep",
    ]);
    let src = std::path::PathBuf::from(src.trim());
    assert_eq!(
        std::fs::read_dir(&src).unwrap().count(),
        0,
        "half a copy left in {}",
        src.display()
    );
    assert!(!src.parent().unwrap().join("copied").exists());
    b.ok(&["rm", "-v", "deep"]);
    // Without copy-up the image runs.
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "-v",
            "dv:/deep:nocopy",
            "deep-volume",
            "ls",
            "-A",
            "/deep"
        ]),
        ""
    );
    b.ok(&["volume", "rm", "dv"]);
    assert_eq!(volume_names(&b), Vec::<String>::new());
}

/// Volumes in `system df` (docker's arithmetic), `system prune --volumes` (anonymous
/// ones no container uses: named and used ones stay), and their events.
#[test]
fn volumes_in_system_df_prune_and_events() {
    let b = busybox("vol-system");
    b.ok(&["volume", "create", "named"]);
    b.ok(&[
        "run",
        "--name",
        "user",
        "-v",
        "used:/d",
        "busybox",
        "sh",
        "-c",
        "head -c 3000 /dev/zero > /d/f",
    ]);
    b.ok(&[
        "run",
        "--name",
        "gone",
        "-v",
        "/anon",
        "busybox",
        "sh",
        "-c",
        "head -c 5000 /dev/zero > /anon/f",
    ]);
    b.ok(&["rm", "gone"]);
    let row = b.ok(&["system", "df", "--format", "{{if eq .Type \"Local Volumes\"}}{{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}{{end}}"]);
    assert_eq!(row.trim(), "3 1 8kB 5kB (62%)");
    let v = b.ok(&["system", "df", "-v"]);
    assert!(
        v.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["used", "1", "3kB"]),
        "{v}"
    );
    let anon: Vec<String> = volume_names(&b)
        .into_iter()
        .filter(|n| n.len() == 64)
        .collect();
    assert_eq!(anon.len(), 1);
    let out = b.ok(&["system", "prune", "-f", "--volumes"]);
    assert!(
        out.contains(&format!("Deleted Volumes:\n{}\n", anon[0])),
        "{out}"
    );
    assert!(out.ends_with("Total reclaimed space: 5kB\n"), "{out}");
    let mut left = volume_names(&b);
    left.sort();
    assert_eq!(left, ["named", "used"]);
    let ev = b.ok(&[
        "events",
        "--until",
        "0s",
        "--filter",
        "type=volume",
        "--format",
        "{{.Action}} {{.Actor.ID}}",
    ]);
    assert_eq!(
        ev,
        format!(
            "create named\ncreate used\ncreate {0}\ndestroy {0}\n",
            anon[0]
        )
    );
}
