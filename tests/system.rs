//! `container/image/system prune`, `system df`, `info`, `events`: what a user reads and
//! what is left afterwards.

mod common;
use common::*;
use std::io::Write;
use std::process::Stdio;

fn answer(b: &Berth, args: &[&str], input: &str) -> Out {
    let mut c = b.cmd(args);
    c.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut ch = c.spawn().unwrap();
    let _ = ch.stdin.take().unwrap().write_all(input.as_bytes());
    let o = ch.wait_with_output().unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn names(b: &Berth) -> Vec<String> {
    let mut v: Vec<String> = b
        .ok(&["ps", "-a", "--format", "{{.Names}}"])
        .lines()
        .map(String::from)
        .collect();
    v.sort();
    v
}

#[test]
fn prune_asks_reports_and_keeps_what_is_used() {
    let b = busybox("prune");
    b.ok(&["create", "--name", "stopped", "busybox", "true"]);
    b.ok(&[
        "run",
        "--name",
        "exited",
        "busybox",
        "sh",
        "-c",
        "head -c 5000 /dev/zero > /junk",
    ]);
    b.ok(&["run", "-d", "--name", "running", "busybox", "sleep", "1000"]);
    b.ok(&[
        "create", "--name", "labelled", "--label", "keep=yes", "busybox", "true",
    ]);

    // End of input answers no: nothing removed, exit 0, the question on stdout.
    let o = answer(&b, &["container", "prune"], "");
    assert_eq!(o.code, 0);
    assert_eq!(
        o.stdout,
        "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] "
    );
    let o = answer(&b, &["container", "prune"], "n\n");
    assert_eq!(o.code, 0);
    assert_eq!(names(&b).len(), 4);

    // Filters: label!=keep spares the labelled one.
    let o = answer(
        &b,
        &["container", "prune", "--filter", "label!=keep"],
        "y\n",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let ids: Vec<String> = o.stdout.lines().skip(2).take(2).map(String::from).collect();
    assert!(o.stdout.starts_with(
        "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] Deleted Containers:\n"
    ), "{}", o.stdout);
    assert!(
        o.stdout.ends_with("\nTotal reclaimed space: 5kB\n"),
        "{}",
        o.stdout
    );
    assert_eq!(
        ids.iter().filter(|i| i.len() == 64).count(),
        2,
        "{}",
        o.stdout
    );
    assert_eq!(names(&b), ["labelled", "running"]);
    // until= a time before it was created keeps it.
    let o = b.run(&[
        "container",
        "prune",
        "-f",
        "--filter",
        "until=2000-01-01T00:00:00Z",
    ]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "Total reclaimed space: 0B\n")
    );
    assert_eq!(names(&b), ["labelled", "running"]);
    let o = b.run(&["container", "prune", "-f", "--filter", "nope=1"]);
    assert_eq!(o.code, 1);

    // Images: dangling only without -a; never one a container uses.
    b.ok(&["tag", "busybox", "second:tag"]);
    let o = b.run(&["image", "prune", "-f"]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "Total reclaimed space: 0B\n")
    );
    let dir = b.host_dir("fs");
    let tarball = dir.join("fs.tar").display().to_string();
    b.ok(&["export", "-o", &tarball, "running"]);
    let dangling = b.ok(&["import", &tarball]).trim().to_string();
    let o = b.run(&["image", "prune", "-f"]);
    assert_eq!(o.code, 0);
    assert!(
        o.stdout.starts_with(&format!(
            "Deleted Images:\ndeleted: {dangling}\n\nTotal reclaimed space: "
        )),
        "{}",
        o.stdout
    );
    assert!(
        !o.stdout.ends_with(" 0B\n"),
        "its layer is its own: {}",
        o.stdout
    );
    let o = answer(&b, &["image", "prune", "-a"], "");
    assert_eq!(
        o.stdout,
        "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] "
    );
    // busybox is used by containers: kept, with both its tags.
    let o = b.run(&["image", "prune", "-a", "-f"]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "Total reclaimed space: 0B\n")
    );
    assert_eq!(
        b.ok(&["images", "--format", "{{.Repository}}"])
            .lines()
            .count(),
        2
    );
    b.ok(&["import", &tarball, "unused:1"]);

    // system prune: docker's question; then containers and images in one report.
    let o = answer(&b, &["system", "prune", "-a", "--filter", "until=1h"], "");
    assert_eq!(o.stdout, "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all images without at least one container associated to them\n  - all build cache\n\n  Items to be pruned will be filtered with:\n  - until=1h\n\nAre you sure you want to continue? [y/N] ");
    let o = b.run(&["system", "prune", "-a", "-f"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let labelled = b.ok(&["inspect", "-f", "{{.Id}}", "running"]);
    assert!(
        o.stdout.starts_with("Deleted Containers:\n"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("\n\nDeleted Images:\nuntagged: unused:1\ndeleted: sha256:"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("\nTotal reclaimed space: "),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains(labelled.trim()));
    assert_eq!(names(&b), ["running"]);
    // Used by the running container: busybox stays, with its tags.
    assert_eq!(
        b.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
            .lines()
            .count(),
        2
    );
}

#[test]
fn system_df_matches_images_and_ps() {
    let b = busybox("df");
    b.ok(&[
        "run",
        "--name",
        "wrote",
        "busybox",
        "sh",
        "-c",
        "head -c 5000 /dev/zero > /junk",
    ]);
    b.ok(&["run", "-d", "--name", "up", "busybox", "sleep", "1000"]);
    let out = b.ok(&["system", "df"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE"
    );
    assert_eq!(
        lines[2],
        "Containers      2         1         5kB       5kB (100%)"
    );
    assert_eq!(lines[3], "Local Volumes   0         0         0B        0B");
    assert_eq!(lines[4], "Build Cache     0         0         0B        0B");
    // The image row: one image, used, nothing reclaimable.
    assert!(
        lines[1].starts_with("Images          1         1         "),
        "{out}"
    );
    assert!(lines[1].ends_with("0B (0%)"), "{out}");
    // The same numbers ps -s shows.
    let ps = b.ok(&[
        "ps",
        "-as",
        "--filter",
        "name=wrote",
        "--format",
        "{{.Size}}",
    ]);
    assert!(ps.starts_with("5kB (virtual "), "{ps}");
    let json = b.ok(&["system", "df", "--format", "{{json .}}"]);
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows[1]["Type"], "Containers");
    assert_eq!(rows[1]["TotalCount"], "2");
    assert_eq!(
        rows[0]["Size"].as_str().unwrap(),
        lines[1].split_whitespace().nth(3).unwrap()
    );
    // An unused second image makes its unique layers reclaimable.
    let dir = b.host_dir("fs");
    let tarball = dir.join("fs.tar").display().to_string();
    b.ok(&["export", "-o", &tarball, "up"]);
    b.ok(&["import", &tarball, "other:1"]);
    let json = b.ok(&[
        "system",
        "df",
        "--format",
        "{{.Type}} {{.TotalCount}} {{.Active}} {{.Reclaimable}}",
    ]);
    let images_row = json.lines().next().unwrap();
    assert!(images_row.starts_with("Images 2 1 "), "{images_row}");
    assert!(!images_row.ends_with(" 0B (0%)"), "{images_row}");
    let v = b.ok(&["system", "df", "-v"]);
    assert!(
        v.starts_with("Images space usage:\n\nREPOSITORY   TAG       IMAGE ID       CREATED"),
        "{v}"
    );
    assert!(
        v.contains("\nContainers space usage:\n\nCONTAINER ID   IMAGE     COMMAND"),
        "{v}"
    );
    assert!(v.contains("   5kB       "), "{v}");
    assert!(v.contains("\nBuild cache usage: 0B\n"), "{v}");
}

#[test]
fn info_as_tools_probe_it() {
    let mut stores = vec![Berth::user("info")];
    stores.extend(Berth::root("info-root"));
    for b in stores {
        b.load("busybox.tar");
        b.ok(&["create", "--name", "one", "busybox", "true"]);
        let f = |t: &str| b.ok(&["info", "--format", t]).trim_end().to_string();
        assert_eq!(f("{{.OSType}}"), "linux");
        let arch = std::process::Command::new("uname")
            .arg("-m")
            .output()
            .unwrap();
        assert_eq!(
            f("{{.Architecture}}"),
            String::from_utf8_lossy(&arch.stdout).trim()
        );
        assert_eq!(
            f("{{.ServerVersion}}"),
            b.ok(&["version", "-f", "{{.Server.Version}}"]).trim()
        );
        assert_eq!(f("{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}} {{.Images}}"), "1 0 0 1 1");
        assert_eq!(
            f("{{.DockerRootDir}}"),
            b.store_path("").display().to_string().trim_end_matches('/')
        );
        let sec = f("{{json .SecurityOptions}}");
        assert!(sec.contains("\"name=seccomp,profile=builtin\""), "{sec}");
        assert_eq!(sec.contains("\"name=rootless\""), b.rootless, "{sec}");
        let all: serde_json::Value = serde_json::from_str(&f("{{json .}}")).unwrap();
        for k in [
            "ID",
            "Driver",
            "DriverStatus",
            "Plugins",
            "MemoryLimit",
            "CgroupDriver",
            "CgroupVersion",
            "KernelVersion",
            "OperatingSystem",
            "NCPU",
            "MemTotal",
            "Name",
            "Swarm",
            "ClientInfo",
        ] {
            assert!(all.get(k).is_some(), "{k} missing");
        }
        assert!(all["NCPU"].as_u64().unwrap() >= 1);
        // The text layout; `system info` is the same command.
        let text = b.ok(&["info"]);
        assert!(text.starts_with("Client:\n Version:    "), "{text}");
        assert!(text.contains("\nServer:\n Containers: 1\n  Running: 0\n  Paused: 0\n  Stopped: 1\n Images: 1\n Server Version: "), "{text}");
        assert!(
            text.contains(" Security Options:\n  seccomp\n   Profile: builtin\n"),
            "{text}"
        );
        assert!(text.contains("\n OSType: linux\n"), "{text}");
        assert_eq!(b.ok(&["system", "info", "-f", "{{.OSType}}"]), "linux\n");
        let o = b.run(&["info", "-f", "{{.Nope"]);
        assert_eq!(o.code, 1);
        assert!(
            o.stderr.starts_with("Error: template parsing error"),
            "{}",
            o.stderr
        );
    }
}

/// A follower that goes away with the test, pass or fail.
struct KillOnDrop(Option<std::process::Child>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(c) = self.0.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[test]
fn events_recorded_by_other_commands() {
    let mut stores = vec![Berth::user("events")];
    stores.extend(Berth::root("events-root"));
    for b in stores {
        // Follow from before anything happens: new events stream as they come.
        let mut follow = b.cmd(&[
            "events",
            "--filter",
            "type=container",
            "--format",
            "{{.Action}} {{.Actor.Attributes.name}}",
        ]);
        follow.stdout(Stdio::piped()).stderr(Stdio::null());
        let mut follower = KillOnDrop(Some(follow.spawn().unwrap()));
        // Let it open the log before the first event.
        std::thread::sleep(std::time::Duration::from_millis(300));
        b.load("busybox.tar");
        let o = b.run(&[
            "run", "--name", "evrun", "--label", "team=a", "busybox", "sh", "-c", "exit 3",
        ]);
        assert_eq!(o.code, 3, "{}", o.stderr);
        b.ok(&["run", "-d", "--name", "evbg", "busybox", "sleep", "1000"]);
        b.ok(&["stop", "-t", "0", "evbg"]);
        b.ok(&["rm", "evrun", "evbg"]);
        b.ok(&["tag", "busybox", "again:1"]);
        b.ok(&["rmi", "again:1"]);

        let all = b.ok(&[
            "events",
            "--since",
            "5m",
            "--until",
            "0s",
            "--format",
            "{{json .}}",
        ]);
        let evs: Vec<serde_json::Value> = all
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let seq: Vec<String> = evs
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e["Type"].as_str().unwrap(),
                    e["Action"].as_str().unwrap(),
                    e["Actor"]["Attributes"]["name"].as_str().unwrap_or("")
                )
            })
            .collect();
        let want_in_order = [
            "image load",
            "container create evrun",
            "container start evrun",
            "container die evrun",
            "container create evbg",
            "container start evbg",
            "container kill evbg",
            "container die evbg",
            "container stop evbg",
            "container destroy evrun",
            "container destroy evbg",
            "image tag again:1",
            "image untag",
        ];
        let mut at = 0;
        for w in want_in_order {
            let found = seq[at..].iter().position(|s| s.starts_with(w));
            assert!(found.is_some(), "{w:?} missing after #{at} in {seq:#?}");
            at += found.unwrap() + 1;
        }
        // docker's shape and attributes.
        let die = evs
            .iter()
            .find(|e| e["Action"] == "die" && e["Actor"]["Attributes"]["name"] == "evrun")
            .unwrap();
        assert_eq!(die["Actor"]["Attributes"]["exitCode"], "3");
        assert_eq!(die["Actor"]["Attributes"]["team"], "a");
        assert_eq!(die["Actor"]["Attributes"]["image"], "busybox");
        assert_eq!(die["status"], "die");
        assert_eq!(die["from"], "busybox");
        assert_eq!(die["scope"], "local");
        assert_eq!(die["id"], die["Actor"]["ID"]);
        assert!(die["timeNano"].as_i64().unwrap() / 1_000_000_000 == die["time"].as_i64().unwrap());
        let kill = evs.iter().find(|e| e["Action"] == "kill").unwrap();
        assert_eq!(kill["Actor"]["Attributes"]["signal"], "15");
        // JSON keys in docker's order.
        assert!(
            all.lines().next().unwrap().starts_with("{\"status\":"),
            "{all}"
        );

        // The default line and filters.
        let text = b.ok(&[
            "events",
            "--since",
            "5m",
            "--until",
            "0s",
            "--filter",
            "container=evrun",
            "--filter",
            "event=die",
        ]);
        let line = text.trim_end();
        assert_eq!(text.lines().count(), 1, "{text}");
        let (time, rest) = line.split_once(' ').unwrap();
        assert!(time.ends_with('Z') && time.len() == 30, "{line}");
        assert!(rest.starts_with("container die "), "{line}");
        assert!(
            rest.ends_with(" (exitCode=3, image=busybox, name=evrun, team=a)"),
            "{line}"
        );
        let images = b.ok(&[
            "events",
            "--since",
            "5m",
            "--until",
            "0s",
            "--filter",
            "type=image",
            "--format",
            "{{.Action}}",
        ]);
        assert_eq!(images, "load\ntag\nuntag\n");
        let labelled = b.ok(&[
            "events",
            "--since",
            "5m",
            "--until",
            "0s",
            "--filter",
            "label=team=a",
            "--format",
            "{{.Action}}",
        ]);
        assert_eq!(labelled, "create\nstart\ndie\ndestroy\n");
        // --until before everything: nothing; a bad time: an error.
        assert_eq!(
            b.ok(&[
                "events",
                "--since",
                "2000-01-01T00:00:00Z",
                "--until",
                "2000-01-02T00:00:00Z"
            ]),
            ""
        );
        assert_eq!(b.run(&["events", "--since", "yesterday"]).code, 1);

        // The follower saw the container events as they happened.
        // It polls every 100 ms.
        std::thread::sleep(std::time::Duration::from_millis(500));
        let mut child = follower.0.take().unwrap();
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        let seen = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            seen.starts_with("create evrun\nstart evrun\ndie evrun\ncreate evbg\n"),
            "{seen}"
        );
        assert!(seen.ends_with("destroy evrun\ndestroy evbg\n"), "{seen}");
    }
}

#[test]
fn events_from_concurrent_commands_stay_whole() {
    let b = busybox("events-concurrent");
    let children: Vec<_> = (0..8)
        .map(|i| {
            let mut c = b.cmd(&["tag", "busybox", &format!("many:{i}")]);
            c.stdout(Stdio::null()).stderr(Stdio::null());
            c.spawn().unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let out = b.ok(&[
        "events",
        "--since",
        "5m",
        "--until",
        "0s",
        "--filter",
        "event=tag",
        "--format",
        "{{json .}}",
    ]);
    let mut names: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["Actor"]["Attributes"]["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    names.sort();
    let want: Vec<String> = (0..8).map(|i| format!("many:{i}")).collect();
    assert_eq!(names, want);
}
