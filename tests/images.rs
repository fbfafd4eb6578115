//! Image store: load (docker-archive, oci-archive, OCI dir), images, tag, rmi, inspect,
//! save round trips, and refusal of malicious layers.

mod common;
use common::*;

fn image_id(name: &str) -> String {
    fixtures_json()["images"][name]["image_id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn load_formats_and_list() {
    let b = Berth::user("load-formats");
    assert_eq!(b.load("busybox.tar").trim(), "Loaded image: busybox:latest");
    let out = b.ok(&["images"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("REPOSITORY   TAG       IMAGE ID       CREATED"),
        "{out}"
    );
    assert!(lines[0].ends_with("SIZE"), "{out}");
    let id = image_id("busybox");
    let short = &id["sha256:".len()..][..12];
    assert!(
        lines[1].starts_with("busybox      latest    ") && lines[1].contains(short),
        "{out}"
    );
    assert_eq!(b.ok(&["images", "-q"]).trim(), short);
    assert_eq!(b.ok(&["images", "-q", "--no-trunc"]).trim(), id);

    // The same image as an oci-archive and as an OCI layout directory: same id, no new layer.
    let layers_before = std::fs::read_dir(b.store_path("layers")).unwrap().count();
    let out = b.load("busybox-oci.tar");
    assert_eq!(out.trim(), "Loaded image: busybox:latest");
    let out = b.ok(&["load", "-i", &fixture("busybox-oci")]);
    assert_eq!(out.trim(), "Loaded image: busybox:latest");
    assert_eq!(
        std::fs::read_dir(b.store_path("layers")).unwrap().count(),
        layers_before
    );
    assert_eq!(b.ok(&["images", "-q"]).lines().count(), 1);

    // From stdin.
    let b2 = Berth::user("load-stdin");
    let mut c = b2.cmd(&["load"]);
    c.stdin(std::fs::File::open(fixture("layers.tar")).unwrap());
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "Loaded image: layers:latest"
    );
}

#[test]
fn tag_rmi_and_inspect() {
    let b = Berth::user("tag-rmi");
    b.load("busybox.tar");
    b.ok(&["tag", "busybox", "me/bb:1"]);
    b.ok(&["image", "tag", "busybox:latest", "127.0.0.1:5000/x/y:z"]);
    let out = b.ok(&["image", "ls"]);
    assert!(
        out.contains("me/bb ") && out.contains("127.0.0.1:5000/x/y"),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&b.ok(&["image", "inspect", "me/bb:1"])).unwrap();
    assert_eq!(v[0]["Id"], image_id("busybox"));
    assert_eq!(v[0]["Config"]["Cmd"][0], "sh");
    assert_eq!(v[0]["RootFS"]["Layers"].as_array().unwrap().len(), 1);
    let tags: Vec<&str> = v[0]["RepoTags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(
        tags.contains(&"busybox:latest") && tags.contains(&"me/bb:1"),
        "{tags:?}"
    );
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.Os}}", "busybox"]).trim(),
        "linux"
    );

    // Removing one of several tags only untags.
    assert_eq!(b.ok(&["rmi", "me/bb:1"]).trim(), "Untagged: me/bb:1");
    // By id with several tags: refused without -f.
    let o = b.run(&["rmi", &image_id("busybox")[7..19]]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("must be forced"), "{}", o.stderr);
    b.ok(&["rmi", "127.0.0.1:5000/x/y:z"]);
    let out = b.ok(&["rmi", "busybox"]);
    assert!(
        out.contains("Untagged: busybox:latest")
            && out.contains(&format!("Deleted: {}", image_id("busybox"))),
        "{out}"
    );
    assert_eq!(b.ok(&["images", "-q"]), "");
    // Layers and blobs went with it.
    assert_eq!(
        std::fs::read_dir(b.store_path("layers")).unwrap().count(),
        0
    );
    assert_eq!(
        std::fs::read_dir(b.store_path("blobs/sha256"))
            .unwrap()
            .count(),
        0
    );

    // Missing image: exit 1, docker's message; inspect prints [] too.
    let o = b.run(&["rmi", "nosuch"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("No such image: nosuch"), "{}", o.stderr);
    let o = b.run(&["inspect", "nosuch"]);
    assert_eq!((o.code, o.stdout.trim()), (1, "[]"));
}

#[test]
fn rmi_refuses_image_in_use() {
    let b = Berth::user("rmi-in-use");
    b.load("busybox.tar");
    b.ok(&["create", "--name", "c1", "busybox", "true"]);
    let o = b.run(&["rmi", "busybox"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("container") && o.stderr.contains("is using its referenced image"),
        "{}",
        o.stderr
    );
    b.ok(&["rm", "c1"]);
    b.ok(&["rmi", "busybox"]);
}

#[test]
fn save_and_load_round_trip() {
    let b = Berth::user("save");
    b.load("layers.tar");
    let out = b.host_dir("out");
    for (fmt, file) in [("docker-archive", "d.tar"), ("oci-archive", "o.tar")] {
        let path = out.join(file).display().to_string();
        b.ok(&["save", "--format", fmt, "-o", &path, "layers"]);
        let fresh = Berth::user("save-load");
        assert_eq!(
            fresh.ok(&["load", "-i", &path]).trim(),
            "Loaded image: layers:latest"
        );
        assert_eq!(
            fresh.ok(&["images", "-q", "--no-trunc"]).trim(),
            image_id("layers")
        );
        assert_eq!(
            fresh.ok(&["run", "--rm", "layers", "cat", "/data/added-zst"]),
            "added-zst\n"
        );
    }
    // docker-archive carries manifest.json (docker load reads it) next to the OCI layout.
    let list = std::process::Command::new("tar")
        .arg("-tf")
        .arg(out.join("d.tar"))
        .output()
        .unwrap();
    let names = String::from_utf8_lossy(&list.stdout);
    assert!(
        names.lines().any(|l| l == "manifest.json") && names.lines().any(|l| l == "index.json"),
        "{names}"
    );
    // No half-written file is left when saving fails.
    let o = b.run(&[
        "save",
        "-o",
        &out.join("bad.tar").display().to_string(),
        "nosuch",
    ]);
    assert_eq!(o.code, 1);
    assert!(!out.join("bad.tar").exists());
    // Refuses a terminal-less stdout? Streams to a pipe fine:
    let o = b.cmd(&["save", "layers"]).output().unwrap();
    assert!(o.status.success() && o.stdout.len() > 1_000_000);
}

#[test]
fn malicious_layers_are_refused_or_contained() {
    let b = Berth::user("evil");
    let victim = std::path::Path::new("/tmp/berth-victim");
    let _ = std::fs::write(victim, "original\n");
    for e in glob_escapes() {
        let _ = std::fs::remove_file(e);
    }
    for (name, must_fail) in [
        ("evil-dotdot", true),
        ("evil-hardlink-out", true),
        ("evil-abs-symlink-parent", false),
        ("evil-symlink-write", false),
    ] {
        let o = b.run(&["load", "-i", &fixture(&format!("{name}.tar"))]);
        if must_fail {
            assert_eq!(o.code, 1, "{name} loaded: {}", o.stdout);
            assert!(
                o.stderr.contains("tar entry"),
                "{name}: error names no entry: {}",
                o.stderr
            );
            // Nothing half-stored: no image, no scratch dirs.
            assert!(!b.ok(&["images"]).contains(name));
            assert_eq!(
                std::fs::read_dir(b.store_path("tmp")).unwrap().count(),
                0,
                "{name} left scratch files"
            );
        } else {
            assert_eq!(o.code, 0, "{name}: {}", o.stderr);
            b.ok(&["run", "--rm", name, "true"]);
        }
    }
    assert!(glob_escapes().is_empty(), "escaped: {:?}", glob_escapes());
    assert_eq!(std::fs::read_to_string(victim).unwrap(), "original\n");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(victim).unwrap().nlink(), 1);
    assert_eq!(std::fs::metadata("/etc/passwd").unwrap().nlink(), 1);
}

/// A layer as umoci writes it (the stream ends right after the last entry's data:
/// no padding, no end-of-archive blocks) loads and runs, as in docker; streams cut
/// inside an entry's data or a header are refused even when their diff id matches.
#[test]
fn umoci_layers_load_and_truncated_layers_do_not() {
    let b = Berth::user("umoci");
    b.load("umoci.tar");
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.Id}}", "umoci"]).trim(),
        image_id("umoci")
    );
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "umoci",
            "sh",
            "-c",
            "cat /umoci/last; wc -c < /umoci/first"
        ]),
        "umoci: unpadded last entry\n600\n"
    );
    for name in ["truncated-data", "truncated-header"] {
        let o = b.run(&["load", "-i", &fixture(&format!("{name}.tar"))]);
        assert_eq!(o.code, 1, "{name} loaded: {}", o.stdout);
        assert!(
            o.stderr.contains("the tar stream is truncated"),
            "{name}: {}",
            o.stderr
        );
        assert!(!b.ok(&["images"]).contains(name));
    }
}

fn glob_escapes() -> Vec<std::path::PathBuf> {
    std::fs::read_dir("/tmp")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("berth-escape"))
        .map(|e| e.path())
        .collect()
}

#[test]
fn root_pass_load_and_run() {
    let Some(b) = Berth::root("root-images") else {
        return;
    };
    b.load("layers.tar");
    let out = b.ok(&[
        "run",
        "--rm",
        "layers",
        "sh",
        "-c",
        "stat -c '%u:%g %a' /data/owned-1000 /data/setuid; cat /data/keep",
    ]);
    assert_eq!(out, "1000:1000 640\n0:0 4755\nkeep\n");
    // As root, layer files are really owned by uid 1000 on the host.
    let layer_file = std::fs::read_dir(b.store_path("layers"))
        .unwrap()
        .map(|e| e.unwrap().path().join("diff/data/owned-1000"))
        .find(|p| p.exists())
        .expect("owned-1000 in some layer");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(layer_file).unwrap().uid(), 1000);
    b.ok(&["rmi", "layers"]);
}

/// `history` (and `image history`): docker's rows, newest first, sizes as docker counts
/// a layer (files and symlinks: the busybox layer is 1984662 bytes, as docker shows),
/// `<missing>` below the image, -q, --no-trunc, -H=false, --format; `images` the same size.
#[test]
fn history_as_docker_shows_it() {
    let b = busybox("history");
    b.load("web.tar");
    let out = b.ok(&["history", "web"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT");
    let id = b.ok(&["images", "-q", "web"]).trim().to_string();
    let cells = |l: &str| {
        l.split("   ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let r: Vec<Vec<String>> = lines[1..].iter().map(|l| cells(l)).collect();
    assert_eq!(r.len(), 3, "{out}");
    assert_eq!(
        (r[0][0].as_str(), r[0][2].as_str(), r[0][3].as_str()),
        (
            id.as_str(),
            "web: /www for busybox httpd, cgi-bin/remote",
            "193B"
        )
    );
    assert_eq!(
        (r[1][0].as_str(), r[1][2].as_str(), r[1][3].as_str()),
        ("<missing>", "EXPOSE 80/tcp 7/udp", "0B")
    );
    assert_eq!(
        (r[2][0].as_str(), r[2][2].as_str(), r[2][3].as_str()),
        (
            "<missing>",
            "mkimages.py: busybox rootfs (static busybox …",
            "1.98MB"
        )
    );
    // tabwriter pads the SIZE cell before the empty COMMENT.
    assert!(lines[1].ends_with("193B      "), "{:?}", lines[1]);
    assert_eq!(
        b.ok(&["image", "history", "-q", "web"]),
        format!("{id}\n<missing>\n<missing>\n")
    );
    let full = b.ok(&["history", "-q", "--no-trunc", "web"]);
    assert!(
        full.starts_with("sha256:") && full.lines().next().unwrap().len() == 71,
        "{full}"
    );
    assert_eq!(
        b.ok(&[
            "history",
            "-H=false",
            "--format",
            "{{.Size}} {{.CreatedSince}}",
            "web"
        ]),
        "193 2023-11-14T22:13:20Z\n0 2023-11-14T22:13:20Z\n1984662 2023-11-14T22:13:20Z\n"
    );
    let j: serde_json::Value = serde_json::from_str(
        b.ok(&["history", "--format", "{{json .}}", "busybox"])
            .trim(),
    )
    .unwrap();
    assert_eq!(j["CreatedAt"], "2023-11-14T22:13:20Z");
    assert_eq!(j["Size"], "1.98MB");
    assert_eq!(j["Comment"], "");
    assert_eq!(
        b.ok(&["images", "--format", "{{.Size}}", "busybox"]),
        "1.98MB\n"
    );
    let o = b.run(&["history", "nope"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error: No such image: nope:latest\n")
    );
}
