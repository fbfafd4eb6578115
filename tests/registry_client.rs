//! Registry client tests: against the real distribution registries started by
//! tests/registry-setup.sh on free loopback ports (PLAIN: plain HTTP; TLS: TLS + basic auth),
//! and against small fake servers (tests/fake) for what a real registry will not do on
//! demand: bearer tokens, broken transfers, wrong bytes, redirects, 5xx.

mod fake;
#[path = "common/registries.rs"]
mod registries;
use registries::{registry_dir, PLAIN, TLS};

use berth::image::Reference;
use berth::oci::digest::sha256_digest;
use berth::registry::{
    self, BlobStore, Compression, LayerStatus, Options, PushImage, PushLayer, RegistryError,
};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

const FIXTURE: &str = "/var/tmp/berth-test/fixtures/busybox-oci";

/// Tests that change HOME take it for writing; all others for reading.
static ENV: RwLock<()> = RwLock::new(());

fn env_read() -> std::sync::RwLockReadGuard<'static, ()> {
    ENV.read().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------- helpers

/// A scratch directory removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

struct DirStore {
    root: TempDir,
}

impl DirStore {
    fn new(name: &str) -> DirStore {
        let root = scratch(name);
        DirStore { root }
    }
    fn blob_path(&self, d: &str) -> PathBuf {
        self.root
            .join("blobs")
            .join(d.trim_start_matches("sha256:"))
    }
}

impl BlobStore for DirStore {
    fn has_blob(&self, d: &str) -> bool {
        self.blob_path(d).exists()
    }
    fn temp_path(&self, d: &str) -> PathBuf {
        self.root
            .join("tmp")
            .join(format!("{}.partial", d.trim_start_matches("sha256:")))
    }
    fn commit_blob(&self, d: &str, tmp: &Path) -> anyhow::Result<()> {
        std::fs::create_dir_all(self.root.join("blobs"))?;
        std::fs::rename(tmp, self.blob_path(d))?;
        Ok(())
    }
}

fn scratch(name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("berth-reg-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

fn unique_repo(name: &str) -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "berthtest/{name}-{}-{}",
        std::process::id(),
        t % 1_000_000_000
    )
}

fn file_digest(p: &Path) -> String {
    sha256_digest(&std::fs::read(p).unwrap())
}

fn need_registries() {
    for a in [&PLAIN, &TLS] {
        if std::net::TcpStream::connect(&**a).is_err() {
            panic!("no registry on {a}: run tests/registry-setup.sh as root first");
        }
    }
}

fn read_json(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// The busybox fixture (OCI layout) as a PushImage.
fn fixture() -> PushImage {
    let blob = |d: &str| {
        Path::new(FIXTURE)
            .join("blobs/sha256")
            .join(d.trim_start_matches("sha256:"))
    };
    let index = read_json(&Path::new(FIXTURE).join("index.json"));
    let mdig = index["manifests"][0]["digest"].as_str().unwrap();
    let m = read_json(&blob(mdig));
    let cfg_digest = m["config"]["digest"].as_str().unwrap();
    let config_bytes = std::fs::read(blob(cfg_digest)).unwrap();
    let cfg: serde_json::Value = serde_json::from_slice(&config_bytes).unwrap();
    let layers = m["layers"]
        .as_array()
        .unwrap()
        .iter()
        .zip(cfg["rootfs"]["diff_ids"].as_array().unwrap())
        .map(|(l, diff)| PushLayer {
            path: blob(l["digest"].as_str().unwrap()),
            digest: l["digest"].as_str().unwrap().into(),
            media_type: l["mediaType"].as_str().unwrap().into(),
            size: l["size"].as_u64().unwrap(),
            diff_id: diff.as_str().unwrap().into(),
        })
        .collect();
    PushImage {
        config_bytes,
        layers,
        mount_from: vec![],
    }
}

fn quiet() -> Options {
    Options {
        quiet: true,
        ..Default::default()
    }
}

fn kind(e: &anyhow::Error) -> Option<&RegistryError> {
    e.downcast_ref::<RegistryError>()
}

fn random_file(path: &Path, len: usize) {
    let mut f = std::fs::File::open("/dev/urandom").unwrap();
    let mut data = vec![0u8; len];
    f.read_exact(&mut data).unwrap();
    std::fs::write(path, data).unwrap();
}

/// A plain-HTTP PUT of raw bytes to the plain registry (for hand-made manifests).
fn http_put(path: &str, ct: &str, body: &[u8]) -> u16 {
    let mut s = std::net::TcpStream::connect(&*PLAIN).unwrap();
    write!(
        s,
        "PUT {path} HTTP/1.1\r\nHost: {PLAIN}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(body).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.split_whitespace().nth(1).unwrap().parse().unwrap()
}

// ---------------------------------------------------------------- real registry

#[test]
fn push_then_pull_plain_registry() {
    let _g = env_read();
    need_registries();
    let img = fixture();
    let repo = unique_repo("bb");
    let r = Reference::parse(&format!("{PLAIN}/{repo}:1")).unwrap();
    let pushed = registry::push(&r, &quiet(), &img).unwrap();
    assert!(pushed.digest.starts_with("sha256:"));
    assert_eq!(pushed.size, pushed.manifest_bytes.len() as u64);
    assert_eq!(sha256_digest(&pushed.manifest_bytes), pushed.digest);

    let store = DirStore::new("roundtrip");
    let pulled = registry::pull(&r, &quiet(), &store).unwrap();
    assert_eq!(pulled.digest, pushed.digest);
    assert_eq!(pulled.manifest_digest, pushed.digest);
    assert_eq!(pulled.config_digest, sha256_digest(&img.config_bytes));
    assert_eq!(pulled.config_bytes, img.config_bytes);
    assert_eq!(pulled.layers.len(), img.layers.len());
    for (p, l) in pulled.layers.iter().zip(&img.layers) {
        assert_eq!(p.digest, l.digest);
        assert_eq!(p.diff_id, l.diff_id);
        assert_eq!(p.status, LayerStatus::Downloaded);
        assert_eq!(file_digest(&store.blob_path(&p.digest)), l.digest);
    }
    assert!(store.has_blob(&pulled.config_digest));
    // No temp files left behind.
    let left: Vec<_> = std::fs::read_dir(store.root.join("tmp")).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");

    // Second pull: nothing downloaded. Pull by digest gives the same image.
    let again = registry::pull(&r, &quiet(), &store).unwrap();
    assert!(again
        .layers
        .iter()
        .all(|l| l.status == LayerStatus::AlreadyExists));
    let by_digest = Reference::parse(&format!("{PLAIN}/{repo}@{}", pushed.digest)).unwrap();
    let d = registry::pull(&by_digest, &quiet(), &DirStore::new("bydigest")).unwrap();
    assert_eq!(d.config_digest, pulled.config_digest);

    // Pushing again: same digest (layers exist already).
    let again = registry::push(&r, &quiet(), &img).unwrap();
    assert_eq!(again.digest, pushed.digest);

    // Another repository, mounting the blobs from the first.
    let repo2 = unique_repo("bbmount");
    let r2 = Reference::parse(&format!("{PLAIN}/{repo2}:x")).unwrap();
    let mut img2 = img.clone();
    img2.mount_from = vec![repo.clone()];
    let p2 = registry::push(&r2, &quiet(), &img2).unwrap();
    assert_eq!(p2.digest, pushed.digest);
    let log = std::fs::read_to_string(registry_dir().join("live/plain.log")).unwrap_or_default();
    assert!(
        log.contains(&format!(
            "mount={}",
            img.layers[0].digest.replace(':', "%3A")
        )) || log.contains("mount="),
        "no mount request in the registry log"
    );
}

#[test]
fn unknown_tag_and_repo_are_not_found() {
    let _g = env_read();
    need_registries();
    let store = DirStore::new("notfound");
    let r = Reference::parse(&format!("{PLAIN}/berthtest/never-pushed:nope")).unwrap();
    let e = registry::pull(&r, &quiet(), &store).unwrap_err();
    assert!(
        matches!(kind(&e), Some(RegistryError::NotFound(_))),
        "{e:#}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("not found") && msg.contains("never-pushed:nope"),
        "{msg}"
    );
    assert!(!msg.contains('\n'));
}

#[test]
fn uncompressed_layers_are_compressed_on_push() {
    let _g = env_read();
    need_registries();
    let dir = scratch("raw");
    let img = fixture();
    // Make an uncompressed copy of the fixture's layer.
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&img.layers[0].path).unwrap())
        .read_to_end(&mut raw)
        .unwrap();
    let raw_path = dir.join("layer.tar");
    std::fs::write(&raw_path, &raw).unwrap();
    let diff = sha256_digest(&raw);
    assert_eq!(diff, img.layers[0].diff_id);
    for (comp, want_mt) in [
        (
            Compression::Zstd,
            "application/vnd.oci.image.layer.v1.tar+zstd",
        ),
        (
            Compression::Gzip,
            "application/vnd.oci.image.layer.v1.tar+gzip",
        ),
    ] {
        let img = PushImage {
            config_bytes: img.config_bytes.clone(),
            layers: vec![PushLayer {
                path: raw_path.clone(),
                digest: diff.clone(),
                media_type: "application/vnd.oci.image.layer.v1.tar".into(),
                size: raw.len() as u64,
                diff_id: diff.clone(),
            }],
            mount_from: vec![],
        };
        let r = Reference::parse(&format!("{PLAIN}/{}:c", unique_repo("raw"))).unwrap();
        let opts = Options {
            compression: comp,
            ..quiet()
        };
        let pushed = registry::push(&r, &opts, &img).unwrap();
        let store = DirStore::new(&format!("raw-{comp:?}"));
        let pulled = registry::pull(&r, &quiet(), &store).unwrap();
        assert_eq!(pulled.digest, pushed.digest);
        assert_eq!(pulled.layers[0].media_type, want_mt);
        assert_eq!(pulled.layers[0].diff_id, diff);
        let blob = std::fs::read(store.blob_path(&pulled.layers[0].digest)).unwrap();
        let mut out = Vec::new();
        match comp {
            Compression::Zstd => {
                zstd::stream::read::Decoder::new(&blob[..])
                    .unwrap()
                    .read_to_end(&mut out)
                    .unwrap();
            }
            Compression::Gzip => {
                flate2::read::GzDecoder::new(&blob[..])
                    .read_to_end(&mut out)
                    .unwrap();
            }
        }
        assert_eq!(sha256_digest(&out), diff);
    }
    // A corrupt stored layer (content not matching its diff id) is refused.
    let bad = dir.join("bad.tar");
    std::fs::write(&bad, b"not the layer").unwrap();
    let img = PushImage {
        config_bytes: img.config_bytes.clone(),
        layers: vec![PushLayer {
            path: bad,
            digest: diff.clone(),
            media_type: "application/vnd.oci.image.layer.v1.tar".into(),
            size: 13,
            diff_id: diff.clone(),
        }],
        mount_from: vec![],
    };
    let r = Reference::parse(&format!("{PLAIN}/{}:bad", unique_repo("raw"))).unwrap();
    let e = registry::push(&r, &quiet(), &img).unwrap_err();
    assert!(e.to_string().contains("corrupt"), "{e:#}");
}

#[test]
fn platform_selection_from_an_index() {
    let _g = env_read();
    need_registries();
    let img = fixture();
    let repo = unique_repo("multi");
    // Push the amd64 image by digest, and an arm64 twin (config says arm64).
    let r_amd = Reference::parse(&format!("{PLAIN}/{repo}:amd64")).unwrap();
    let amd = registry::push(&r_amd, &quiet(), &img).unwrap();
    let mut cfg: serde_json::Value = serde_json::from_slice(&img.config_bytes).unwrap();
    cfg["architecture"] = "arm64".into();
    cfg["variant"] = "v8".into();
    let arm_img = PushImage {
        config_bytes: serde_json::to_vec(&cfg).unwrap(),
        ..img.clone()
    };
    let r_arm = Reference::parse(&format!("{PLAIN}/{repo}:arm64")).unwrap();
    let arm = registry::push(&r_arm, &quiet(), &arm_img).unwrap();
    let index = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
            {"mediaType": amd.media_type, "digest": amd.digest, "size": amd.size,
             "platform": {"architecture": "amd64", "os": "linux"}},
            {"mediaType": arm.media_type, "digest": arm.digest, "size": arm.size,
             "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": amd.digest, "size": amd.size,
             "platform": {"architecture": "unknown", "os": "unknown"}}
        ]
    });
    let ib = serde_json::to_vec(&index).unwrap();
    let st = http_put(
        &format!("/v2/{repo}/manifests/multi"),
        "application/vnd.oci.image.index.v1+json",
        &ib,
    );
    assert_eq!(st, 201);
    let r = Reference::parse(&format!("{PLAIN}/{repo}:multi")).unwrap();
    let opts = Options {
        platform: Some("linux/arm64".into()),
        ..quiet()
    };
    let p = registry::pull(&r, &opts, &DirStore::new("arm")).unwrap();
    assert_eq!(p.digest, sha256_digest(&ib));
    assert_eq!(p.manifest_digest, arm.digest);
    assert_eq!(p.config_digest, sha256_digest(&arm_img.config_bytes));
    // Host default (amd64 on this machine).
    if std::env::consts::ARCH == "x86_64" {
        let p = registry::pull(&r, &quiet(), &DirStore::new("amd")).unwrap();
        assert_eq!(p.manifest_digest, amd.digest);
    }
    // No such platform in the index.
    let opts = Options {
        platform: Some("linux/s390x".into()),
        ..quiet()
    };
    let e = registry::pull(&r, &opts, &DirStore::new("s390x")).unwrap_err();
    assert!(
        e.to_string()
            .contains("no matching manifest for linux/s390x"),
        "{e}"
    );
    // A single-platform image that does not match --platform.
    let opts = Options {
        platform: Some("linux/arm64".into()),
        ..quiet()
    };
    let e = registry::pull(&r_amd, &opts, &DirStore::new("mismatch")).unwrap_err();
    assert!(
        e.to_string()
            .contains("does not match the specified platform"),
        "{e}"
    );
}

#[test]
fn tls_registry_with_basic_auth() {
    let _g = env_read();
    need_registries();
    let dir = scratch("tls");
    let authfile = dir.join("auth.json");
    let base = Options {
        authfile: Some(authfile.clone()),
        cert_dir: Some(registry_dir().join("certs")),
        tls_verify: Some(true),
        ..quiet()
    };
    // Wrong password: Unauthorized, nothing stored.
    let e = registry::login(&TLS, "labuser", "wrong", &base).unwrap_err();
    assert!(
        matches!(kind(&e), Some(RegistryError::Unauthorized(_))),
        "{e:#}"
    );
    assert!(!e.to_string().contains("wrong"), "password in message: {e}");
    assert!(!authfile.exists());
    // Right password, verified against the test CA.
    let written = registry::login(&TLS, "labuser", "labpass", &base).unwrap();
    assert_eq!(written, authfile);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&authfile).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let auth = read_json(&authfile);
    assert!(auth["auths"][&*TLS]["auth"].is_string());

    let img = fixture();
    let r = Reference::parse(&format!("{TLS}/{}:1", unique_repo("tls"))).unwrap();
    let pushed = registry::push(&r, &base, &img).unwrap();
    let p = registry::pull(&r, &base, &DirStore::new("tlspull")).unwrap();
    assert_eq!(p.digest, pushed.digest);

    // --creds instead of the file.
    let creds = Options {
        authfile: Some(dir.join("none.json")),
        creds: Some(("labuser".into(), "labpass".into())),
        ..quiet()
    };
    registry::pull(&r, &creds, &DirStore::new("tlscreds")).unwrap();

    // No credentials: unauthorized.
    let anon = Options {
        authfile: Some(dir.join("none.json")),
        ..quiet()
    };
    let e = registry::pull(&r, &anon, &DirStore::new("tlsanon")).unwrap_err();
    assert!(
        matches!(kind(&e), Some(RegistryError::Unauthorized(_))),
        "{e:#}"
    );

    // --tls-verify=true without the CA: a TLS error that says how to fix it.
    let empty = dir.join("empty-certs");
    std::fs::create_dir_all(&empty).unwrap();
    let noca = Options {
        cert_dir: Some(empty.clone()),
        ..base.clone()
    };
    let e = registry::pull(&r, &noca, &DirStore::new("tlsnoca")).unwrap_err();
    assert!(matches!(kind(&e), Some(RegistryError::Tls(_))), "{e:#}");
    assert!(e.to_string().contains("--tls-verify=false"), "{e}");
    assert!(e.to_string().contains("certs.d"), "{e}");

    // Loopback default (no --tls-verify): https without verification works.
    let loose = Options {
        authfile: Some(authfile.clone()),
        ..quiet()
    };
    registry::pull(&r, &loose, &DirStore::new("tlsloose")).unwrap();

    // Logout removes the entry; a second logout finds nothing.
    assert!(registry::logout(&TLS, &base).unwrap());
    assert!(!registry::logout(&TLS, &base).unwrap());
    let e = registry::pull(&r, &base, &DirStore::new("tlsout")).unwrap_err();
    assert!(
        matches!(kind(&e), Some(RegistryError::Unauthorized(_))),
        "{e:#}"
    );
}

#[test]
fn certs_d_in_home() {
    let _g = ENV.write().unwrap_or_else(|e| e.into_inner());
    need_registries();
    let home = scratch("home");
    let d = home.join(".config/containers/certs.d").join(&*TLS);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::copy(registry_dir().join("ca.crt"), d.join("ca.crt")).unwrap();
    let old = std::env::var_os("HOME");
    std::env::set_var("HOME", &*home);
    let opts = Options {
        tls_verify: Some(true),
        authfile: Some(home.join("auth.json")),
        ..quiet()
    };
    let res = registry::login(&TLS, "labuser", "labpass", &opts);
    // Without the CA file, the same login fails verification.
    std::fs::remove_file(d.join("ca.crt")).unwrap();
    let res2 = registry::login(&TLS, "labuser", "labpass", &opts);
    match old {
        Some(h) => std::env::set_var("HOME", h),
        None => std::env::remove_var("HOME"),
    }
    res.unwrap();
    let e = res2.unwrap_err();
    assert!(matches!(kind(&e), Some(RegistryError::Tls(_))), "{e:#}");
}

#[test]
fn plain_http_registry_and_tls_verify() {
    let _g = env_read();
    need_registries();
    let img = fixture();
    let r = Reference::parse(&format!("{PLAIN}/{}:1", unique_repo("verify"))).unwrap();
    registry::push(&r, &quiet(), &img).unwrap();
    // --tls-verify=true: no fallback to http, so a plain registry cannot be used.
    let strict = Options {
        tls_verify: Some(true),
        ..quiet()
    };
    let e = registry::pull(&r, &strict, &DirStore::new("strict")).unwrap_err();
    assert!(
        matches!(
            kind(&e),
            Some(RegistryError::Tls(_)) | Some(RegistryError::Unreachable(_))
        ),
        "{e:#}"
    );
    // --tls-verify=false works as the loopback default does.
    let loose = Options {
        tls_verify: Some(false),
        ..quiet()
    };
    registry::pull(&r, &loose, &DirStore::new("loose")).unwrap();
    // Nothing listening: unreachable, one line.
    let r = Reference::parse("127.0.0.1:1/x/y:z").unwrap();
    let e = registry::pull(&r, &quiet(), &DirStore::new("refused")).unwrap_err();
    assert!(
        matches!(kind(&e), Some(RegistryError::Unreachable(_))),
        "{e:#}"
    );
    assert!(e.to_string().contains("connection refused"), "{e}");
}

/// A ~30 MB layer: pushed chunked, pulled cold; prints the time taken.
#[test]
fn big_layer_push_and_cold_pull() {
    let _g = env_read();
    need_registries();
    let dir = scratch("big");
    let raw = dir.join("random.bin");
    random_file(&raw, 30 << 20);
    // Stored "compressed" as gzip of random data (incompressible: ~30 MB).
    let gz = dir.join("layer.gz");
    {
        let mut e = flate2::write::GzEncoder::new(
            std::fs::File::create(&gz).unwrap(),
            flate2::Compression::fast(),
        );
        std::io::copy(&mut std::fs::File::open(&raw).unwrap(), &mut e).unwrap();
        e.finish().unwrap();
    }
    let diff = file_digest(&raw);
    let mut cfg: serde_json::Value = serde_json::from_slice(&fixture().config_bytes).unwrap();
    cfg["rootfs"]["diff_ids"] = serde_json::json!([diff]);
    let img = PushImage {
        config_bytes: serde_json::to_vec(&cfg).unwrap(),
        layers: vec![PushLayer {
            path: gz.clone(),
            digest: file_digest(&gz),
            media_type: "application/vnd.oci.image.layer.v1.tar+gzip".into(),
            size: std::fs::metadata(&gz).unwrap().len(),
            diff_id: diff,
        }],
        mount_from: vec![],
    };
    let r = Reference::parse(&format!("{PLAIN}/{}:big", unique_repo("big"))).unwrap();
    let t = Instant::now();
    let pushed = registry::push(&r, &quiet(), &img).unwrap();
    eprintln!(
        "push of a {} MB layer: {:?}",
        img.layers[0].size >> 20,
        t.elapsed()
    );
    let store = DirStore::new("bigpull");
    let t = Instant::now();
    let p = registry::pull(&r, &quiet(), &store).unwrap();
    eprintln!(
        "cold pull of a {} MB image: {:?}",
        img.layers[0].size >> 20,
        t.elapsed()
    );
    assert_eq!(p.digest, pushed.digest);
    assert_eq!(
        file_digest(&store.blob_path(&img.layers[0].digest)),
        img.layers[0].digest
    );
}

// ---------------------------------------------------------------- fake servers

/// A one-layer image served by a fake registry.
struct FakeImage {
    manifest: Vec<u8>,
    config: Vec<u8>,
    layer: Vec<u8>,
}

impl FakeImage {
    fn new(layer: Vec<u8>) -> FakeImage {
        let config = serde_json::to_vec(&serde_json::json!({
            "architecture": "amd64", "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": [sha256_digest(b"fake diff")]}
        }))
        .unwrap();
        let manifest = serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                       "digest": sha256_digest(&config), "size": config.len()},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                        "digest": sha256_digest(&layer), "size": layer.len()}]
        }))
        .unwrap();
        FakeImage {
            manifest,
            config,
            layer,
        }
    }
    fn layer_digest(&self) -> String {
        sha256_digest(&self.layer)
    }
    /// Manifest and config requests; None for anything else.
    fn serve_meta(&self, req: &fake::Req) -> Option<fake::Resp> {
        if req.path == "/v2/" {
            return Some(fake::Resp::new(200));
        }
        if req.path.contains("/manifests/") {
            return Some(fake::Resp::new(200).body(
                "application/vnd.oci.image.manifest.v1+json",
                self.manifest.clone(),
            ));
        }
        if req.path.ends_with(&sha256_digest(&self.config)) {
            return Some(
                fake::Resp::new(200).body("application/octet-stream", self.config.clone()),
            );
        }
        None
    }
}

fn random_bytes(n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut v)
        .unwrap();
    v
}

#[test]
fn bearer_token_flow_and_cache() {
    let _g = env_read();
    let img = Arc::new(FakeImage::new(random_bytes(100_000)));
    let tokens = Arc::new(AtomicUsize::new(0));
    let port = Arc::new(Mutex::new(0u16));
    let (i2, t2, p2) = (img.clone(), tokens.clone(), port.clone());
    let srv = fake::Server::start(move |req| {
        let me = *p2.lock().unwrap();
        if req.path.starts_with("/token") {
            // Basic credentials u:p (base64 dTpw) are required and checked.
            if req.header("authorization") != Some("Basic dTpw") {
                return fake::Resp::new(401);
            }
            assert!(req.path.contains("service=fake"), "{}", req.path);
            let n = t2.fetch_add(1, Ordering::SeqCst);
            return fake::Resp::new(200).body(
                "application/json",
                format!(r#"{{"token":"tok{n}","expires_in":300}}"#).into_bytes(),
            );
        }
        let authorized = req
            .header("authorization")
            .is_some_and(|a| a.starts_with("Bearer tok"));
        if !authorized {
            return fake::Resp::new(401).header(
                "WWW-Authenticate",
                &format!(
                    r#"Bearer realm="http://127.0.0.1:{me}/token",service="fake",scope="repository:ns/app:pull""#
                ),
            );
        }
        if let Some(r) = i2.serve_meta(req) {
            return r;
        }
        fake::Resp::ranged(req, &i2.layer)
    });
    *port.lock().unwrap() = srv.port;
    let r = Reference::parse(&format!("{}/ns/app:1", srv.host())).unwrap();
    let opts = Options {
        creds: Some(("u".into(), "p".into())),
        ..quiet()
    };
    let store = DirStore::new("bearer");
    let p = registry::pull(&r, &opts, &store).unwrap();
    assert_eq!(p.layers[0].digest, img.layer_digest());
    // One token for the whole pull (manifest, config and layer share the scope).
    assert_eq!(tokens.load(Ordering::SeqCst), 1);
    let token_req = srv
        .requests()
        .into_iter()
        .find(|r| r.path.starts_with("/token"))
        .unwrap();
    assert!(
        token_req
            .path
            .contains("scope=repository%3Ans%2Fapp%3Apull"),
        "{}",
        token_req.path
    );
    // Wrong password: the token server refuses; Unauthorized.
    let bad = Options {
        creds: Some(("u".into(), "nope".into())),
        ..quiet()
    };
    let e = registry::pull(&r, &bad, &DirStore::new("bearerbad")).unwrap_err();
    assert!(
        matches!(kind(&e), Some(RegistryError::Unauthorized(_))),
        "{e:#}"
    );
    // Login through the token server.
    let logindir = scratch("bearerlogin");
    let authfile = logindir.join("auth.json");
    let lo = Options {
        authfile: Some(authfile.clone()),
        ..quiet()
    };
    registry::login(&srv.host(), "u", "p", &lo).unwrap();
    assert!(registry::login(&srv.host(), "u", "bad", &lo).is_err());
    // The stored login is used by the next pull.
    registry::pull(&r, &lo, &DirStore::new("bearerstored")).unwrap();
}

#[test]
fn broken_transfer_is_resumed_with_range() {
    let _g = env_read();
    let img = Arc::new(FakeImage::new(random_bytes(30 << 20)));
    let blob_gets = Arc::new(AtomicUsize::new(0));
    let (i2, g2) = (img.clone(), blob_gets.clone());
    let srv = fake::Server::start(move |req| {
        if let Some(r) = i2.serve_meta(req) {
            return r;
        }
        let n = g2.fetch_add(1, Ordering::SeqCst);
        let mut resp = fake::Resp::ranged(req, &i2.layer);
        if n == 0 {
            resp.cut_after = Some(10 << 20); // first transfer breaks at 10 MB
        }
        resp
    });
    let r = Reference::parse(&format!("{}/ns/big:1", srv.host())).unwrap();
    let store = DirStore::new("resume");
    registry::pull(&r, &quiet(), &store).unwrap();
    assert_eq!(
        file_digest(&store.blob_path(&img.layer_digest())),
        img.layer_digest()
    );
    let gets: Vec<_> = srv
        .requests()
        .into_iter()
        .filter(|q| q.path.ends_with(&img.layer_digest()))
        .collect();
    assert_eq!(gets.len(), 2, "{gets:?}");
    assert_eq!(gets[0].header("range"), None);
    assert_eq!(
        gets[1].header("range"),
        Some(format!("bytes={}-", 10 << 20).as_str())
    );
}

#[test]
fn interrupted_pull_leaves_a_temp_file_the_next_pull_resumes() {
    let _g = env_read();
    let img = Arc::new(FakeImage::new(random_bytes(8 << 20)));
    let healthy = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (i2, h2) = (img.clone(), healthy.clone());
    let srv = fake::Server::start(move |req| {
        if let Some(r) = i2.serve_meta(req) {
            return r;
        }
        let mut resp = fake::Resp::ranged(req, &i2.layer);
        if !h2.load(Ordering::SeqCst) {
            // Every transfer dies after 1 MB and makes no progress past it.
            if req.header("range").is_some() {
                return fake::Resp::new(500);
            }
            resp.cut_after = Some(1 << 20);
        }
        resp
    });
    let r = Reference::parse(&format!("{}/ns/flaky:1", srv.host())).unwrap();
    let store = DirStore::new("interrupted");
    let e = registry::pull(&r, &quiet(), &store).unwrap_err();
    assert!(!store.has_blob(&img.layer_digest()), "{e:#}");
    let tmp = store.temp_path(&img.layer_digest());
    assert_eq!(std::fs::metadata(&tmp).unwrap().len(), 1 << 20);
    // The registry recovers; the next pull continues from 1 MB.
    healthy.store(true, Ordering::SeqCst);
    let before = srv.requests().len();
    registry::pull(&r, &quiet(), &store).unwrap();
    assert!(store.has_blob(&img.layer_digest()));
    assert!(!tmp.exists());
    let later: Vec<_> = srv.requests()[before..]
        .iter()
        .filter(|q| q.path.ends_with(&img.layer_digest()))
        .cloned()
        .collect();
    assert_eq!(later.len(), 1);
    assert_eq!(
        later[0].header("range"),
        Some(format!("bytes={}-", 1 << 20).as_str())
    );
}

#[test]
fn digest_mismatch_is_discarded() {
    let _g = env_read();
    let img = Arc::new(FakeImage::new(random_bytes(300_000)));
    let i2 = img.clone();
    let srv = fake::Server::start(move |req| {
        if let Some(r) = i2.serve_meta(req) {
            return r;
        }
        let mut wrong = i2.layer.clone();
        wrong[1000] ^= 0xff;
        fake::Resp::ranged(req, &wrong)
    });
    let r = Reference::parse(&format!("{}/ns/bad:1", srv.host())).unwrap();
    let store = DirStore::new("mismatch");
    let e = registry::pull(&r, &quiet(), &store).unwrap_err();
    assert!(
        matches!(kind(&e), Some(RegistryError::DigestMismatch(_))),
        "{e:#}"
    );
    assert!(e.to_string().contains("discarded"), "{e}");
    assert!(!store.has_blob(&img.layer_digest()));
    assert!(!store.temp_path(&img.layer_digest()).exists());
}

#[test]
fn redirects_drop_authorization_and_5xx_is_retried() {
    let _g = env_read();
    let img = Arc::new(FakeImage::new(random_bytes(200_000)));
    let i3 = img.clone();
    let cdn = fake::Server::start(move |req| fake::Resp::ranged(req, &i3.layer));
    let cdn_host = cdn.host();
    let manifest_calls = Arc::new(AtomicUsize::new(0));
    let (i2, m2) = (img.clone(), manifest_calls.clone());
    let srv = fake::Server::start(move |req| {
        if req.path.contains("/manifests/") && m2.fetch_add(1, Ordering::SeqCst) < 2 {
            return fake::Resp::new(503);
        }
        if req.path != "/v2/" && req.header("authorization") != Some("Basic dTpw") {
            return fake::Resp::new(401).header("WWW-Authenticate", r#"Basic realm="fake""#);
        }
        if req.path == "/v2/" && req.header("authorization").is_none() {
            return fake::Resp::new(401).header("WWW-Authenticate", r#"Basic realm="fake""#);
        }
        if let Some(r) = i2.serve_meta(req) {
            return r;
        }
        fake::Resp::new(307).header("Location", &format!("http://{cdn_host}/cdn/blob?sig=1"))
    });
    let r = Reference::parse(&format!("{}/ns/cdn:1", srv.host())).unwrap();
    let opts = Options {
        creds: Some(("u".into(), "p".into())),
        ..quiet()
    };
    let store = DirStore::new("cdn");
    registry::pull(&r, &opts, &store).unwrap();
    assert!(store.has_blob(&img.layer_digest()));
    assert_eq!(manifest_calls.load(Ordering::SeqCst), 3);
    let cdn_reqs = cdn.requests();
    assert_eq!(cdn_reqs.len(), 1);
    assert_eq!(cdn_reqs[0].header("authorization"), None, "{cdn_reqs:?}");
}

#[test]
fn schema1_is_refused() {
    let _g = env_read();
    let srv = fake::Server::start(|req| {
        if req.path == "/v2/" {
            return fake::Resp::new(200);
        }
        fake::Resp::new(200).body(
            "application/vnd.docker.distribution.manifest.v1+prettyjws",
            br#"{"schemaVersion":1,"name":"ns/old","tag":"1","fsLayers":[]}"#.to_vec(),
        )
    });
    let r = Reference::parse(&format!("{}/ns/old:1", srv.host())).unwrap();
    let e = registry::pull(&r, &quiet(), &DirStore::new("schema1")).unwrap_err();
    assert!(
        matches!(kind(&e), Some(RegistryError::Unsupported(_))),
        "{e:#}"
    );
    assert!(e.to_string().contains("schema 1"), "{e}");
}

#[test]
fn stale_temp_files_are_removed_unless_locked_or_young() {
    let d = scratch("stale");
    let old = d.join("old.partial");
    let young = d.join("young.partial");
    let locked = d.join("locked.partial");
    for p in [&old, &young, &locked] {
        std::fs::write(p, b"x").unwrap();
    }
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 86400);
    for p in [&old, &locked] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
    let holder = std::fs::File::open(&locked).unwrap();
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on an fd this test owns and keeps open; no memory is involved.
    assert_eq!(unsafe { libc::flock(holder.as_raw_fd(), libc::LOCK_EX) }, 0);
    let n = registry::remove_stale_temps(&d, std::time::Duration::from_secs(86400)).unwrap();
    assert_eq!(n, 1);
    assert!(!old.exists() && young.exists() && locked.exists());
}

/// A store that reports the layer's diff id as unpacked already.
struct HasDiff(DirStore, String);

impl BlobStore for HasDiff {
    fn has_blob(&self, d: &str) -> bool {
        self.0.has_blob(d)
    }
    fn has_layer(&self, diff_ids: &[String]) -> bool {
        diff_ids == [self.1.clone()]
    }
    fn temp_path(&self, d: &str) -> PathBuf {
        self.0.temp_path(d)
    }
    fn commit_blob(&self, d: &str, tmp: &Path) -> anyhow::Result<()> {
        self.0.commit_blob(d, tmp)
    }
}

#[test]
fn layers_with_a_known_diff_id_are_not_downloaded() {
    let _g = env_read();
    let img = Arc::new(FakeImage::new(random_bytes(50_000)));
    let i2 = img.clone();
    let srv = fake::Server::start(move |req| {
        if let Some(r) = i2.serve_meta(req) {
            return r;
        }
        fake::Resp::ranged(req, &i2.layer)
    });
    let r = Reference::parse(&format!("{}/ns/diff:1", srv.host())).unwrap();
    let store = HasDiff(DirStore::new("hasdiff"), sha256_digest(b"fake diff"));
    let p = registry::pull(&r, &quiet(), &store).unwrap();
    assert_eq!(p.layers[0].status, LayerStatus::DiffExists);
    assert!(!srv
        .requests()
        .iter()
        .any(|q| q.path.ends_with(&img.layer_digest())));
    assert!(store.has_blob(&p.config_digest));
}
