//! pull, push, login, logout, images --digests and run --pull through the CLI, against
//! the real distribution registries tests/registry-setup.sh starts on free loopback
//! ports (PLAIN: plain HTTP; TLS: TLS with basic auth labuser/labpass).

mod common;
use common::*;
#[path = "common/registries.rs"]
mod registries;
use registries::{registry_dir, PLAIN, TLS};

fn certs() -> String {
    registry_dir().join("certs").display().to_string()
}

/// A repository name no other test run uses (the registries keep their data).
fn repo(tag: &str) -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let n = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("berthtest/{tag}-{}-{n}", std::process::id())
}

fn digest_of(push_out: &str) -> String {
    push_out
        .split("digest: ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap_or_default()
        .to_string()
}

/// An unpadded (umoci) layer goes through push and pull and runs.
#[test]
fn umoci_layer_push_pull() {
    let b = Berth::user("reg-umoci");
    b.load("umoci.tar");
    let name = format!("{PLAIN}/{}:1", repo("umoci"));
    b.ok(&["tag", "umoci", &name]);
    b.ok(&["push", &name]);
    let fresh = Berth::user("reg-umoci-fresh");
    fresh.ok(&["pull", &name]);
    assert_eq!(
        fresh.ok(&["run", "--rm", &name, "cat", "/umoci/last"]),
        "umoci: unpadded last entry\n"
    );
}

#[test]
fn push_pull_round_trip() {
    let b = Berth::user("reg-roundtrip");
    b.load("layers.tar");
    let name = format!("{PLAIN}/{}:1", repo("layers"));
    b.ok(&["tag", "layers", &name]);
    let out = b.ok(&["push", &name]);
    assert!(
        out.starts_with("1: digest: sha256:") && out.contains(" size: "),
        "{out}"
    );
    let pushed = digest_of(&out);

    // Into a fresh store: same image id, same digest, runs.
    let fresh = Berth::user("reg-roundtrip-fresh");
    let out = fresh.ok(&["pull", &name]);
    assert_eq!(
        out,
        format!("Digest: {pushed}\nStatus: Downloaded newer image for {name}\n{name}\n")
    );
    let id = b.ok(&["inspect", "-f", "{{.Id}}", "layers"]);
    assert_eq!(fresh.ok(&["inspect", "-f", "{{.Id}}", &name]), id);
    assert_eq!(
        fresh.ok(&[
            "run",
            "--rm",
            &name,
            "cat",
            "/data/added-zst",
            "/data/no-eof"
        ]),
        "added-zst\nno-eof\n"
    );
    let images = fresh.ok(&["images", "--digests"]);
    assert!(
        images.lines().next().unwrap().contains("DIGEST"),
        "{images}"
    );
    assert!(images.contains(&pushed), "{images}");
    // Again: up to date, nothing downloaded. By digest. Quietly.
    let out = fresh.ok(&["pull", &name]);
    assert!(out.contains("Status: Image is up to date"), "{out}");
    let by_digest = format!("{}@{pushed}", name.rsplit_once(':').unwrap().0);
    fresh.ok(&["pull", &by_digest]);
    assert_eq!(fresh.ok(&["pull", "-q", &name]), format!("{name}\n"));
    // Layers already present are not downloaded again.
    let o = fresh.run(&["pull", &name]);
    assert!(!o.stderr.contains("Downloading"), "{}", o.stderr);

    // run pulls what is missing, like docker; --pull=never refuses.
    let third = Berth::user("reg-run-pull");
    let o = third.run(&["run", "--rm", "--pull=never", &name, "true"]);
    assert_eq!(o.code, 125);
    let o = third.run(&["run", "--rm", &name, "cat", "/data/keep"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "keep\n"), "{}", o.stderr);
    assert!(o.stderr.contains("Unable to find image"), "{}", o.stderr);
    let o = third.run(&["run", "--rm", "--pull=always", &name, "true"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

#[test]
fn registry_errors() {
    let b = Berth::user("reg-errors");
    let missing = format!("{PLAIN}/{}:nope", repo("missing"));
    let o = b.run(&["pull", &missing]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("not found"), "{}", o.stderr);
    assert_eq!(b.ok(&["images", "-q"]), "");
    let o = b.run(&["run", "--rm", &missing, "true"]);
    assert_eq!(o.code, 125);
    // Nothing listens there.
    let o = b.run(&["pull", "127.0.0.1:5999/x/y:1"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("127.0.0.1:5999"), "{}", o.stderr);
    // --tls-verify=true against a plain-http registry: refused, with the reason.
    let o = b.run(&["pull", "--tls-verify=true", &missing]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.to_lowercase().contains("https") || o.stderr.contains("TLS"),
        "{}",
        o.stderr
    );
    // A platform the image does not have.
    b.load("busybox.tar");
    let name = format!("{PLAIN}/{}:1", repo("plat"));
    b.ok(&["tag", "busybox", &name]);
    b.ok(&["push", &name]);
    let o = b.run(&["pull", "--platform", "linux/arm64", &name]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("platform"), "{}", o.stderr);
}

#[test]
fn login_push_pull_logout_with_tls_and_basic_auth() {
    let b = Berth::user("reg-auth");
    b.load("busybox.tar");
    let auth = b.dir.join("home/auth.json").display().to_string();
    let name = format!("{TLS}/{}:1", repo("auth"));
    b.ok(&["tag", "busybox", &name]);
    // Not logged in: refused.
    let o = b.run(&["push", "--authfile", &auth, &name]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("unauthorized") || o.stderr.contains("authentication required"),
        "{}",
        o.stderr
    );
    // Wrong password: refused, nothing stored, password never echoed.
    let o = try_login(&b, &["--authfile", &auth], "wrong-pass-xyz");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("incorrect username or password"), "{err}");
    assert!(!err.contains("wrong-pass-xyz"));
    assert!(!std::path::Path::new(&auth).exists());
    // Right one: stored with mode 0600.
    login(&b, &["--authfile", &auth], "labpass");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&auth).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(
        !std::fs::read_to_string(&auth).unwrap().contains("labpass"),
        "password stored in clear"
    );
    let out = b.ok(&["push", "--authfile", &auth, &name]);
    let pushed = digest_of(&out);
    // Pull into a fresh store with the CA given explicitly and verification on.
    let fresh = Berth::user("reg-auth-fresh");
    let out = fresh.ok(&[
        "pull",
        "--authfile",
        &auth,
        "--tls-verify=true",
        "--cert-dir",
        &certs(),
        &name,
    ]);
    assert!(out.contains(&pushed), "{out}");
    // Verification on without the CA: fails and says how to fix it.
    let o = fresh.run(&["pull", "--authfile", &auth, "--tls-verify=true", &name]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("--tls-verify=false") || o.stderr.contains("certs.d"),
        "{}",
        o.stderr
    );
    // --creds without a login.
    let third = Berth::user("reg-auth-creds");
    third.ok(&[
        "pull",
        "--authfile",
        &b.dir.join("home/none.json").display().to_string(),
        "--creds",
        "labuser:labpass",
        &name,
    ]);
    // logout: gone; pulling needs credentials again.
    assert_eq!(
        b.ok(&["logout", "--authfile", &auth, &TLS]),
        format!("Removing login credentials for {TLS}\n")
    );
    assert_eq!(
        b.ok(&["logout", "--authfile", &auth, &TLS]),
        format!("Not logged in to {TLS}\n")
    );
    let o = fresh.run(&["pull", "--authfile", &auth, &name]);
    assert_eq!(o.code, 1);
    // The default auth file: $XDG_RUNTIME_DIR/containers/auth.json, or /tmp/berth-UID/...
    login(&b, &[], "labpass");
    let (uid, _) = user_ids(TEST_USER);
    let default = format!("/tmp/berth-{uid}/containers/auth.json");
    assert!(std::path::Path::new(&default).exists(), "{default}");
    b.ok(&["logout", &TLS]);
}

/// `login --password-stdin` with `pass` on stdin.
fn try_login(b: &Berth, extra: &[&str], pass: &str) -> std::process::Output {
    use std::io::Write;
    let mut args = vec!["login"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[&TLS, "-u", "labuser", "--password-stdin"]);
    let mut c = b.cmd(&args);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{pass}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn login(b: &Berth, extra: &[&str], pass: &str) {
    let o = try_login(b, extra, pass);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "Login Succeeded\n");
}
