//! `build`: real-shaped Dockerfiles built from the local busybox fixture, checked the
//! way a user would: by running and inspecting the result.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A build context owned by the test user: files (path, content), and the Dockerfile.
fn context(b: &Berth, name: &str, dockerfile: &str, files: &[(&str, &str)]) -> PathBuf {
    let d = b.host_dir(name);
    std::fs::write(d.join("Dockerfile"), dockerfile).unwrap();
    for (p, c) in files {
        let f = d.join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(&f, c).unwrap();
    }
    open_up(&d);
    d
}

fn open_up(p: &Path) {
    let _ = std::process::Command::new("chmod")
        .args(["-R", "a+rwX"])
        .arg(p)
        .status();
}

fn build(b: &Berth, args: &[&str]) -> Out {
    let mut a = vec!["build"];
    a.extend_from_slice(args);
    b.run(&a)
}

fn built_ok(b: &Berth, args: &[&str]) -> Out {
    let o = build(b, args);
    assert_eq!(o.code, 0, "build {args:?}: {}", o.stderr);
    o
}

const MULTI: &str = r#"ARG BASE=busybox
FROM $BASE AS builder
ARG MSG=hello
RUN echo "$MSG from builder" > /msg && echo RUN-OUTPUT
COPY src/ /src/
FROM busybox AS runtime
ENV GREETING=hi
WORKDIR /app
COPY --from=builder /msg ./msg
COPY --from=builder /src/ ./src/
COPY --from=busybox /bin/busybox /bb
USER 1000
CMD ["cat", "msg"]
"#;

fn multi_stage(b: &Berth) {
    b.load("busybox.tar");
    let d = context(
        b,
        "ctx",
        MULTI,
        &[("src/a.txt", "A\n"), ("src/sub/b.txt", "B\n")],
    );
    let ds = d.display().to_string();
    let o = built_ok(b, &["-t", "app:1", "--build-arg", "MSG=bonjour", &ds]);
    assert!(ran(&o, "RUN-OUTPUT"), "{}", o.stderr);
    // The flattened --from source is gone with the build.
    let left: Vec<_> = std::fs::read_dir(b.store_path("tmp")).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(
        o.stderr.contains("naming to docker.io/library/app:1"),
        "{}",
        o.stderr
    );
    assert_eq!(b.ok(&["run", "--rm", "app:1"]), "bonjour from builder\n");
    let out = b.ok(&[
        "run",
        "--rm",
        "app:1",
        "sh",
        "-c",
        "pwd; id -u; echo $GREETING; cat src/a.txt src/sub/b.txt; cmp /bb /bin/busybox && echo bb",
    ]);
    assert_eq!(out, "/app\n1000\nhi\nA\nB\nbb\n");
    // A rebuild changing nothing runs nothing and names the same image.
    let id = b.ok(&["image", "inspect", "app:1", "--format", "{{.Id}}"]);
    let o = built_ok(b, &["-t", "app:1", "--build-arg", "MSG=bonjour", &ds]);
    assert!(!ran(&o, "RUN-OUTPUT"), "{}", o.stderr);
    let again = b.ok(&["image", "inspect", "app:1", "--format", "{{.Id}}"]);
    assert_eq!(id, again);
    // Another build-arg value invalidates the RUN that sees it.
    let o = built_ok(b, &["-t", "app:2", "--build-arg", "MSG=hallo", &ds]);
    assert!(ran(&o, "RUN-OUTPUT"), "{}", o.stderr);
    assert_eq!(b.ok(&["run", "--rm", "app:2"]), "hallo from builder\n");
}

#[test]
fn multi_stage_rootless() {
    multi_stage(&Berth::user("build-multi"));
}

#[test]
fn multi_stage_root() {
    if let Some(b) = Berth::root("build-multi") {
        multi_stage(&b);
    }
}

/// Did a RUN print this line (its output, not the step's title)?
fn ran(o: &Out, line: &str) -> bool {
    // BuildKit's `#N SECONDS text`.
    o.stderr.lines().any(|l| {
        let mut p = l.splitn(3, ' ');
        p.next().is_some_and(|n| n.starts_with('#'))
            && p.next().is_some_and(|t| t.parse::<f64>().is_ok())
            && p.next() == Some(line)
    })
}

#[test]
fn cache_hit_and_invalidation() {
    let b = busybox("build-cache");
    let df = "FROM busybox\nRUN echo STEP-ONE; echo 1 > /one\nCOPY f /f\nRUN echo STEP-TWO; cat /f > /g\n";
    let d = context(&b, "ctx", df, &[("f", "v1\n")]);
    let ds = d.display().to_string();
    let id1 = built_ok(&b, &["-q", &ds]).stdout;
    assert!(id1.starts_with("sha256:"), "{id1}");
    // No change: the same image, no RUN executed, steps CACHED.
    let o = built_ok(&b, &[&ds]);
    assert!(!ran(&o, "STEP-ONE") && !ran(&o, "STEP-TWO"), "{}", o.stderr);
    assert!(o.stderr.contains("CACHED"), "{}", o.stderr);
    let id2 = built_ok(&b, &["-q", &ds]).stdout;
    assert_eq!(id1, id2);
    // A changed COPY source: the first RUN stays cached, the one after runs again.
    std::fs::write(d.join("f"), "v2\n").unwrap();
    let o = built_ok(&b, &["-t", "c:2", &ds]);
    assert!(!ran(&o, "STEP-ONE"), "{}", o.stderr);
    assert!(ran(&o, "STEP-TWO"), "{}", o.stderr);
    assert_eq!(b.ok(&["run", "--rm", "c:2", "cat", "/g"]), "v2\n");
    // --no-cache runs everything again.
    let o = built_ok(&b, &["--no-cache", &ds]);
    assert!(ran(&o, "STEP-ONE"), "{}", o.stderr);
    // No scratch left behind.
    let left: Vec<_> = std::fs::read_dir(b.store_path("tmp")).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    // Intermediate images are not listed.
    let listed = b.ok(&["images", "-q"]);
    assert_eq!(listed.lines().count(), 4, "{listed}");
}

#[test]
fn failing_run_is_buildkits_error() {
    let b = busybox("build-fail");
    let d = context(
        &b,
        "ctx",
        "FROM busybox\nRUN echo one; echo two >&2; printf partial\nRUN exit 3\n",
        &[],
    );
    let o = build(&b, &["-t", "bad:1", &d.display().to_string()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "ERROR: failed to solve: process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3"
        ),
        "{}",
        o.stderr
    );
    // Each stream's lines whole, prefixed as BuildKit does.
    assert!(
        ran(&o, "one") && ran(&o, "two") && ran(&o, "partial"),
        "{}",
        o.stderr
    );
    assert_eq!(b.run(&["image", "inspect", "bad:1"]).code, 1);
    assert!(o.stderr.contains(" > [3/3] RUN exit 3:"), "{}", o.stderr);
    // No container left behind.
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    // A parse error names the line.
    let d = context(&b, "ctx2", "FROM busybox\nFOO bar\n", &[]);
    let o = build(&b, &[&d.display().to_string()]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("dockerfile parse error on line 2: unknown instruction: FOO"),
        "{}",
        o.stderr
    );
}

#[test]
fn metadata_cmd_entrypoint_healthcheck_onbuild() {
    let b = busybox("build-meta");
    let df = r#"FROM busybox
LABEL org.x=1 "other"="two words"
EXPOSE 80 53/udp
ENTRYPOINT ["echo", "ep"]
CMD ["c1"]
HEALTHCHECK --interval=5s --retries=2 CMD true
STOPSIGNAL SIGTERM
VOLUME /data
ONBUILD RUN echo triggered > /trig
"#;
    let d = context(&b, "ctx", df, &[]);
    built_ok(
        &b,
        &[
            "-t",
            "meta:1",
            "--label",
            "cli=yes",
            &d.display().to_string(),
        ],
    );
    let cfg = b.ok(&["image", "inspect", "meta:1", "--format", "{{json .Config}}"]);
    let v: serde_json::Value = serde_json::from_str(&cfg).unwrap();
    assert_eq!(v["Entrypoint"], serde_json::json!(["echo", "ep"]));
    assert_eq!(v["Cmd"], serde_json::json!(["c1"]));
    assert_eq!(v["ArgsEscaped"], true);
    assert_eq!(v["Labels"]["other"], "two words");
    assert_eq!(v["Labels"]["cli"], "yes");
    assert_eq!(
        v["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "true"])
    );
    assert_eq!(v["Healthcheck"]["Interval"], 5_000_000_000u64);
    assert_eq!(v["Healthcheck"]["Retries"], 2);
    assert_eq!(
        v["OnBuild"],
        serde_json::json!(["RUN echo triggered > /trig"])
    );
    assert!(v["ExposedPorts"]["53/udp"].is_object(), "{cfg}");
    assert_eq!(b.ok(&["run", "--rm", "meta:1"]), "ep c1\n");
    // A child build runs the trigger; a new ENTRYPOINT drops the base's CMD.
    let d = context(&b, "ctx2", "FROM meta:1\nENTRYPOINT [\"cat\"]\n", &[]);
    built_ok(&b, &["-t", "child:1", &d.display().to_string()]);
    let cfg = b.ok(&[
        "image",
        "inspect",
        "child:1",
        "--format",
        "{{json .Config}}",
    ]);
    let v: serde_json::Value = serde_json::from_str(&cfg).unwrap();
    assert!(v["Cmd"].is_null() && v["OnBuild"].is_null(), "{cfg}");
    assert_eq!(b.ok(&["run", "--rm", "child:1", "/trig"]), "triggered\n");
    // History as BuildKit writes it: the base's first, then the steps.
    let id = b.ok(&["image", "inspect", "meta:1", "--format", "{{.Id}}"]);
    let blob = b.store_path(&format!(
        "blobs/sha256/{}",
        id.trim().trim_start_matches("sha256:")
    ));
    let cfg: serde_json::Value = serde_json::from_slice(&std::fs::read(blob).unwrap()).unwrap();
    let hist = cfg["history"].as_array().unwrap();
    let ours: Vec<&serde_json::Value> = hist
        .iter()
        .filter(|h| h["comment"] == "buildkit.dockerfile.v0")
        .collect();
    assert!(
        hist.len() > ours.len(),
        "the base's history is kept in front"
    );
    assert_eq!(ours[0]["created_by"], "LABEL org.x=1 other=two words");
    assert_eq!(ours[0]["empty_layer"], true);
    assert_eq!(ours[1]["created_by"], "EXPOSE map[53/udp:{} 80/tcp:{}]");
    let texts: Vec<&str> = ours
        .iter()
        .map(|h| h["created_by"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts[2..],
        [
            r#"ENTRYPOINT ["echo" "ep"]"#,
            r#"CMD ["c1"]"#,
            r#"HEALTHCHECK &{["CMD-SHELL" "true"] "5s" "0s" "0s" "0s" '\x02'}"#,
            "STOPSIGNAL SIGTERM",
            "VOLUME [/data]",
        ],
        "ONBUILD leaves no entry"
    );
}

#[test]
fn copy_semantics_chown_chmod_dockerignore() {
    let b = busybox("build-copy");
    let df = r#"FROM busybox
COPY dir /d1
COPY dir /d2/
COPY f.txt /newdir/
COPY f.txt /renamed
COPY --chown=daemon:2 --chmod=0640 f.txt /owned
COPY *.txt /globbed/
WORKDIR /w
COPY f.txt rel
"#;
    let d = context(
        &b,
        "ctx",
        df,
        &[
            ("dir/a", "a\n"),
            ("dir/sub/b", "b\n"),
            ("dir/secret.key", "no\n"),
            ("f.txt", "f\n"),
            ("g.txt", "g\n"),
            (".dockerignore", "**/*.key\n"),
        ],
    );
    std::os::unix::fs::symlink("/etc/passwd", d.join("dir/link")).unwrap();
    built_ok(&b, &["-t", "cp:1", &d.display().to_string()]);
    let out = b.ok(&[
        "run", "--rm", "cp:1", "sh", "-c",
        "ls /d1 /d2 /newdir /globbed; cat /renamed /w/rel; stat -c '%u:%g %a' /owned /newdir /tmp; readlink /d1/link; test -e /d1/secret.key || echo no-key",
    ]);
    assert_eq!(
        out,
        "/d1:\na\nlink\nsub\n\n/d2:\na\nlink\nsub\n\n/globbed:\nf.txt\ng.txt\n\n/newdir:\nf.txt\nf\nf\n1:2 640\n0:0 755\n0:0 1777\n/etc/passwd\nno-key\n"
    );
    // The link is the image's own /etc/passwd, never the host's.
    let out = b.ok(&["run", "--rm", "cp:1", "head", "-1", "/d1/link"]);
    assert_eq!(out, "root:x:0:0:root:/root:/bin/sh\n");
}

fn hostile_sources(b: &Berth) {
    b.load("busybox.tar");
    let d = context(b, "ctx", "FROM busybox\nCOPY ../../../etc/passwd /x\n", &[]);
    let o = build(b, &[&d.display().to_string()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("failed to compute cache key")
            && o.stderr.contains("\"/etc/passwd\": not found"),
        "{}",
        o.stderr
    );
    // A link named as the source resolves inside the context.
    let d = context(b, "ctx2", "FROM busybox\nCOPY link /x\n", &[]);
    std::os::unix::fs::symlink("/etc/passwd", d.join("link")).unwrap();
    let o = build(b, &[&d.display().to_string()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("\"/link\": not found"), "{}", o.stderr);
    // An archive ADDed with an entry climbing out of the destination is refused.
    let d = context(b, "ctx3", "FROM busybox\nADD evil.tar /x/\n", &[]);
    {
        let f = std::fs::File::create(d.join("evil.tar")).unwrap();
        let mut t = tar::Builder::new(f);
        let mut h = tar::Header::new_gnu();
        h.set_size(4);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        {
            let name = b"../../../../escaped";
            let raw = h.as_old_mut();
            raw.name[..name.len()].copy_from_slice(name);
        }
        h.set_cksum();
        t.append(&h, &b"evil"[..]).unwrap();
        t.finish().unwrap();
    }
    open_up(&d);
    let o = build(b, &["-t", "evil:1", &d.display().to_string()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("escapes"), "{}", o.stderr);
    assert_eq!(b.run(&["image", "inspect", "evil:1"]).code, 1);
}

#[test]
fn hostile_sources_rootless() {
    hostile_sources(&Berth::user("build-hostile"));
}

#[test]
fn hostile_sources_root() {
    if let Some(b) = Berth::root("build-hostile") {
        hostile_sources(&b);
    }
}

#[test]
fn target_quiet_iidfile_and_stdin() {
    let b = busybox("build-target");
    let df = "FROM busybox AS one\nRUN echo ONE > /one\nFROM busybox AS two\nRUN echo TWO-RAN > /two\nFROM one AS three\nRUN echo THREE > /three\n";
    let d = context(&b, "ctx", df, &[]);
    let ds = d.display().to_string();
    let iid = b.dir.join("home/iid");
    let o = built_ok(
        &b,
        &[
            "--target",
            "three",
            "--iidfile",
            iid.to_str().unwrap(),
            "-t",
            "t:3",
            &ds,
        ],
    );
    // Stage two is not needed.
    assert!(!o.stderr.contains("TWO-RAN"), "{}", o.stderr);
    let id = std::fs::read_to_string(&iid).unwrap();
    assert_eq!(
        b.ok(&["image", "inspect", "t:3", "--format", "{{.Id}}"])
            .trim(),
        id
    );
    assert_eq!(
        b.ok(&["run", "--rm", "t:3", "cat", "/one", "/three"]),
        "ONE\nTHREE\n"
    );
    let o = build(&b, &["--target", "nope", &ds]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("target stage \"nope\" could not be found"),
        "{}",
        o.stderr
    );
    // -q: only the id on stdout.
    let o = built_ok(&b, &["-q", "--target", "one", &ds]);
    assert!(
        o.stdout.starts_with("sha256:") && o.stdout.lines().count() == 1,
        "{}",
        o.stdout
    );
    // A Dockerfile on stdin without a context.
    let mut c = b.cmd(&["build", "-t", "s:1", "-"]);
    c.stdin(std::process::Stdio::piped());
    let mut child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"FROM busybox\nENV FROM_STDIN=yes\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        b.ok(&["run", "--rm", "s:1", "sh", "-c", "echo $FROM_STDIN"]),
        "yes\n"
    );
    // A tar context on stdin.
    let tarctx = context(
        &b,
        "tarctx",
        "FROM busybox\nCOPY hello /hello\n",
        &[("hello", "from tar\n")],
    );
    let tarfile = b.dir.join("ctx.tar");
    assert!(std::process::Command::new("tar")
        .arg("-cf")
        .arg(&tarfile)
        .arg("-C")
        .arg(&tarctx)
        .arg(".")
        .status()
        .unwrap()
        .success());
    open_up(&tarfile);
    let mut c = b.cmd(&["build", "-t", "tar:1", "-"]);
    c.stdin(std::fs::File::open(&tarfile).unwrap());
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        b.ok(&["run", "--rm", "tar:1", "cat", "/hello"]),
        "from tar\n"
    );
    // -f - with a directory context.
    let mut c = b.cmd(&[
        "build",
        "-t",
        "f:1",
        "-f",
        "-",
        &tarctx.display().to_string(),
    ]);
    c.stdin(std::process::Stdio::piped());
    let mut child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"FROM busybox\nCOPY hello /h2\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(b.ok(&["run", "--rm", "f:1", "cat", "/h2"]), "from tar\n");
}

#[test]
fn heredoc_run_and_args() {
    let b = busybox("build-heredoc");
    let df = "ARG V=global\nFROM busybox\nARG V\nARG UNSET\nRUN <<EOF\necho \"v=$V\" > /v\nEOF\nRUN <<EOF\n#!/bin/sh\necho shebang > /s\nEOF\nRUN cat <<EOF > /c\nline\nEOF\n";
    let d = context(&b, "ctx", df, &[]);
    let o = built_ok(
        &b,
        &[
            "-t",
            "h:1",
            "--build-arg",
            "NOTUSED=1",
            &d.display().to_string(),
        ],
    );
    assert!(
        o.stderr
            .contains("[Warning] One or more build-args [NOTUSED] were not consumed"),
        "{}",
        o.stderr
    );
    assert_eq!(
        b.ok(&["run", "--rm", "h:1", "cat", "/v", "/s", "/c"]),
        "v=global\nshebang\nline\n"
    );
    // History: the ARGs, and RUN naming the build args in scope.
    let id = b.ok(&["image", "inspect", "h:1", "--format", "{{.Id}}"]);
    let blob = b.store_path(&format!(
        "blobs/sha256/{}",
        id.trim().trim_start_matches("sha256:")
    ));
    let cfg: serde_json::Value = serde_json::from_slice(&std::fs::read(blob).unwrap()).unwrap();
    let texts: Vec<&str> = cfg["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["comment"] == "buildkit.dockerfile.v0")
        .map(|h| h["created_by"].as_str().unwrap())
        .collect();
    assert_eq!(texts[0], "ARG V=global");
    assert_eq!(texts[1], "ARG UNSET");
    assert_eq!(
        texts[2],
        "RUN |2 V=global UNSET= /bin/sh -c echo \"v=$V\" > /v\n # buildkit"
    );
    // ARG values are not kept in the image's environment.
    assert_eq!(b.ok(&["run", "--rm", "h:1", "sh", "-c", "echo x$V"]), "x\n");
}

#[test]
fn layers_record_deletions_and_opaque_dirs() {
    let b = busybox("build-whiteout");
    let df = "FROM busybox\nRUN rm /bin/ls && rm -rf /usr && mkdir /usr && echo new > /usr/only && mkfifo /fifo && ln /bin/busybox /hard\nRUN true\n";
    let d = context(&b, "ctx", df, &[]);
    built_ok(&b, &["-t", "wh:1", &d.display().to_string()]);
    let out = b.ok(&[
        "run", "--rm", "wh:1", "sh", "-c",
        "ls /usr; test -e /bin/ls || echo no-ls; stat -c '%F %h' /fifo /hard; cat /etc/hostname >/dev/null && echo etc-ok",
    ]);
    assert_eq!(out, "only\nno-ls\nfifo 1\nregular file 2\netc-ok\n");
    // A RUN that changes nothing makes no layer (the runtime's /etc mount points are
    // not changes either).
    let layers = b.ok(&[
        "image",
        "inspect",
        "wh:1",
        "--format",
        "{{len .RootFS.Layers}}",
    ]);
    assert_eq!(layers.trim(), "2");
}

#[test]
fn copy_and_add_heredocs_archives_urls() {
    let b = busybox("build-add");
    // A local HTTP server on loopback serving one file.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        use std::io::{Read, Write};
        for _ in 0..2 {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let body = b"downloaded\n";
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(body);
        }
    });
    let sum = "sha256:4a2b1a5a1cdb0bfb5a6ae0de3df7a5b7c5d1a0a4fb6b7bc0d1fba2ac5c3fb0a1";
    let good = {
        use std::process::Command;
        let o = Command::new("sh")
            .args(["-c", "printf 'downloaded\\n' | sha256sum"])
            .output()
            .unwrap();
        format!(
            "sha256:{}",
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .unwrap()
        )
    };
    let df = format!(
        "FROM busybox\nARG WHO=world\nCOPY <<EOF /greeting\nhello $WHO\nEOF\nCOPY <<\"EOF\" /raw\nhello $WHO\nEOF\nADD files.tar.gz /unpacked/\nADD --checksum={good} http://127.0.0.1:{port}/dl/file.txt /web/\n"
    );
    let d = context(&b, "ctx", &df, &[("tree/a", "A\n"), ("tree/sub/b", "B\n")]);
    assert!(std::process::Command::new("tar")
        .arg("-czf")
        .arg(d.join("files.tar.gz"))
        .arg("-C")
        .arg(d.join("tree"))
        .arg(".")
        .status()
        .unwrap()
        .success());
    open_up(&d);
    built_ok(&b, &["-t", "add:1", &d.display().to_string()]);
    let out = b.ok(&[
        "run",
        "--rm",
        "add:1",
        "sh",
        "-c",
        "cat /greeting /raw /unpacked/a /unpacked/sub/b /web/file.txt; stat -c %a /web/file.txt",
    ]);
    assert_eq!(out, "hello world\nhello $WHO\nA\nB\ndownloaded\n600\n");
    // A wrong checksum fails the build.
    let df = format!("FROM busybox\nADD --checksum={sum} http://127.0.0.1:{port}/f /f\n");
    let d = context(&b, "ctx2", &df, &[]);
    let o = build(&b, &["--no-cache", &d.display().to_string()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("digest mismatch"), "{}", o.stderr);
    server.join().unwrap();
}

#[test]
fn run_mounts_cache_tmpfs_bind() {
    let b = busybox("build-mounts");
    let df = "FROM busybox\nRUN --mount=type=cache,target=/cache echo run >> /cache/log && wc -l < /cache/log\nRUN --mount=type=tmpfs,target=/scratch touch /scratch/x && echo TMPFS-OK\nRUN --mount=type=bind,source=data,target=/mnt cat /mnt/f > /copied\n";
    let d = context(&b, "ctx", df, &[("data/f", "bound\n")]);
    let ds = d.display().to_string();
    let o = built_ok(&b, &["-t", "m:1", &ds]);
    assert!(ran(&o, "1") && ran(&o, "TMPFS-OK"), "{}", o.stderr);
    // The cache dir outlives the build; the mounts are not in the image.
    let o = built_ok(&b, &["--no-cache", "-t", "m:1", &ds]);
    assert!(ran(&o, "2"), "{}", o.stderr);
    assert_eq!(
        b.ok(&[
            "run",
            "--rm",
            "m:1",
            "sh",
            "-c",
            "cat /copied; find /cache /scratch /mnt -mindepth 1 | wc -l"
        ]),
        "bound\n0\n"
    );
    // The bind is read-only.
    let d2 = context(
        &b,
        "ctx2",
        "FROM busybox\nRUN --mount=type=bind,target=/mnt touch /mnt/new\n",
        &[],
    );
    let o = build(&b, &[&d2.display().to_string()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(!d2.join("new").exists());
    let o = build(&b, &["--secret", "id=x,src=/nonexistent/file", &ds]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .starts_with("ERROR: failed to read secret x from /nonexistent/file"),
        "{}",
        o.stderr
    );
    let o = build(&b, &["--platform", "linux/s390x", &ds]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("this machine's platform only"),
        "{}",
        o.stderr
    );
}

#[test]
fn dockerfile_specific_ignore_wins() {
    let b = busybox("build-ignore");
    let d = context(
        &b,
        "ctx",
        "FROM busybox\nCOPY . /c/\n",
        &[
            ("a", "a"),
            ("b", "b"),
            (".dockerignore", "a\n"),
            ("sub/Dockerfile.dockerignore", "b\n"),
        ],
    );
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/Dockerfile"), "FROM busybox\nCOPY . /c/\n").unwrap();
    open_up(&d);
    let ds = d.display().to_string();
    built_ok(&b, &["-t", "i:1", &ds]);
    assert_eq!(
        b.ok(&["run", "--rm", "i:1", "ls", "/c"]),
        "Dockerfile\nb\nsub\n"
    );
    let f = d.join("sub/Dockerfile").display().to_string();
    built_ok(&b, &["-t", "i:2", "-f", &f, &ds]);
    let out = b.ok(&["run", "--rm", "i:2", "ls", "-a", "/c"]);
    assert_eq!(out, ".\n..\n.dockerignore\nDockerfile\na\nsub\n");
}

#[test]
fn env_values_see_the_previous_env_and_step_flags() {
    let b = busybox("build-env");
    let df = "FROM busybox\nENV abc=hello\nENV abc=bye def=$abc\nENV PATH=/extra:$PATH\nUSER 1000\nRUN --network=none id -u > /tmp/uid; cat /sys/class/net/*/operstate | wc -l > /tmp/nics\nCOPY --exclude=*.log --exclude=**/*.tmp d /d/\n";
    let d = context(
        &b,
        "ctx",
        df,
        &[
            ("d/keep", "k"),
            ("d/x.log", "l"),
            ("d/s/y.tmp", "t"),
            ("d/s/z", "z"),
        ],
    );
    built_ok(&b, &["-t", "env:1", &d.display().to_string()]);
    let out = b.ok(&[
        "run",
        "--rm",
        "env:1",
        "sh",
        "-c",
        "echo $abc $def; echo $PATH; cat /tmp/uid /tmp/nics; find /d | sort",
    ]);
    assert_eq!(
        out,
        "bye hello\n/extra:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n1000\n1\n/d\n/d/keep\n/d/s\n/d/s/z\n"
    );
    let env = b.ok(&[
        "image",
        "inspect",
        "env:1",
        "--format",
        "{{json .Config.Env}}",
    ]);
    assert_eq!(
        env.trim(),
        r#"["PATH=/extra:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","abc=bye","def=hello"]"#
    );
    for (df, want) in [
        ("FROM busybox\nEXPOSE abc\n", "invalid containerPort: abc"),
        ("FROM busybox\nSTOPSIGNAL NOPE\n", "NOPE"),
        (
            "FROM busybox\nCOPY --chmod=8888 a /a\n",
            "invalid chmod parameter: '8888'. it should be octal string and between 0 and 07777",
        ),
    ] {
        let d = context(&b, "bad", df, &[("a", "a")]);
        let o = build(&b, &[&d.display().to_string()]);
        assert_eq!(o.code, 1, "{df}: {}", o.stderr);
        assert!(o.stderr.contains(want), "{df}: {}", o.stderr);
    }
    let d = context(
        &b,
        "ctx2",
        "FROM busybox\nRUN --security=insecure true\n",
        &[],
    );
    let o = build(&b, &[&d.display().to_string()]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("--security=insecure is not allowed"),
        "{}",
        o.stderr
    );
}

/// `--secret` (file and env) read by `RUN --mount=type=secret` for that step only: the
/// image keeps no trace of it (not even the mount point); a missing secret is skipped
/// unless required.
#[test]
fn secrets_are_mounted_for_one_step() {
    let b = busybox("build-secret");
    let dir = b.host_dir("secrets");
    std::fs::write(dir.join("tok"), "s3cret").unwrap();
    open_up(&dir);
    let d = context(
        &b,
        "ctx",
        "FROM busybox\n\
         RUN --mount=type=secret,id=tok test \"$(cat /run/secrets/tok)\" = s3cret && echo file-ok > /ok\n\
         RUN --mount=type=secret,id=envtok,target=/etc/app.key test \"$(cat /etc/app.key)\" = from-env && echo env-ok >> /ok\n\
         RUN --mount=type=secret,id=absent test ! -e /run/secrets/absent && echo absent-ok >> /ok\n",
        &[],
    );
    let tok = dir.join("tok").display().to_string();
    let mut c = b.cmd(&[
        "build",
        "-t",
        "sec",
        "--secret",
        &format!("id=tok,src={tok}"),
        "--secret",
        "id=envtok,env=APP_TOKEN",
        &d.display().to_string(),
    ]);
    c.env("APP_TOKEN", "from-env");
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        b.ok(&["run", "--rm", "sec", "cat", "/ok"]),
        "file-ok\nenv-ok\nabsent-ok\n"
    );
    assert_eq!(
        b.ok(&["run", "--rm", "sec", "sh", "-c", "test -e /run/secrets && echo trace || echo clean; grep -c from-env /etc/app.key 2>/dev/null || echo no-key"]),
        "clean\nno-key\n"
    );
    let d2 = context(
        &b,
        "ctx2",
        "FROM busybox\nRUN --mount=type=secret,id=absent,required=true true\n",
        &[],
    );
    let o = build(&b, &[&d2.display().to_string()]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("secret absent not found"), "{}", o.stderr);
}

/// The build cache in `system df`, untouched by `image prune`, removed by `builder
/// prune` (and `system prune`): then a rebuild runs its steps again.
#[test]
fn build_cache_df_and_prune() {
    let b = busybox("build-cache-prune");
    let d = context(
        &b,
        "ctx",
        "FROM busybox\nRUN echo step > /s\nENV X=1\n",
        &[],
    );
    let ds = d.display().to_string();
    built_ok(&b, &["-t", "c1", &ds]);
    let row = |b: &Berth| {
        b.ok(&[
            "system",
            "df",
            "--format",
            "{{if eq .Type \"Build Cache\"}}{{.TotalCount}}{{end}}",
        ])
        .trim()
        .to_string()
    };
    let n: usize = row(&b).parse().unwrap();
    assert!(n >= 1, "no build cache counted");
    let o = b.ok(&["image", "prune", "-f"]);
    assert_eq!(
        o, "Total reclaimed space: 0B\n",
        "image prune took build cache"
    );
    assert_eq!(row(&b), n.to_string());
    let o = b.ok(&["builder", "prune", "-f"]);
    assert!(o.starts_with("Deleted build cache objects:\n"), "{o}");
    assert_eq!(row(&b), "0");
    // The cache is gone: the RUN runs again, the tagged image still runs.
    let o = built_ok(&b, &["-t", "c2", &ds]);
    assert!(!o.stderr.contains("CACHED"), "{}", o.stderr);
    assert_eq!(b.ok(&["run", "--rm", "c1", "cat", "/s"]), "step\n");
}
