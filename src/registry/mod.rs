//! The OCI distribution (registry v2) client: pull, push, login and logout.
//!
//! Blocking and streaming, on ureq 3 + rustls (ring). Threads live only inside
//! [`pull`] and [`push`] (up to 3 parallel blob transfers) and are joined before they
//! return, so callers may fork namespaced children afterwards.
//!
//! - Registries: `docker.io` (API host `registry-1.docker.io`) by default; podman's
//!   `registries.conf` adds search registries and `insecure` / `blocked` entries
//!   ([`config`]). Loopback registries (`localhost`, `127.0.0.0/8`, `::1`) are insecure as
//!   in docker: https without verification first, then plain http; `tls_verify:
//!   Some(true)` verifies even there, `Some(false)` makes any registry insecure.
//! - Auth: anonymous, basic and bearer tokens (one token per scope set, cached for the
//!   client's life). Credentials come from `creds`, else `--authfile`, else berth's
//!   auth.json ([`auth::default_authfile`]), `~/.config/containers/auth.json`, then
//!   `~/.docker/config.json` with its credential helpers ([`auth`]).
//! - TLS: the system roots plus CA files from `certs.d` directories or `--cert-dir`
//!   ([`tls`]).
//! - Pull: OCI manifest/index and Docker schema2 manifest/list (schema 1 refused),
//!   platform selection, blobs streamed to [`BlobStore::temp_path`] with sha256 checked
//!   while streaming, resumed with `Range` after broken transfers and across runs.
//! - Push: blob HEAD, cross-repository mount, monolithic or chunked upload, uncompressed
//!   layers compressed on the way (gzip or zstd), manifest PUT.
//!
//! Errors are `anyhow` errors whose message is one line a user understands; callers
//! that must tell kinds apart downcast to [`RegistryError`].

pub mod auth;
mod client;
pub mod config;
pub mod manifest;
mod progress;
mod pull;
mod push;
pub mod tls;

use crate::oci::reference::Reference;
use anyhow::Result;
use std::fmt;
use std::path::{Path, PathBuf};

pub use manifest::Platform;
pub use pull::{pull, pull_with};
pub use push::{push, push_with};

/// How `push` compresses layers that are stored uncompressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Compression {
    #[default]
    Gzip,
    Zstd,
}

impl std::str::FromStr for Compression {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "gzip" => Ok(Compression::Gzip),
            "zstd" | "zstd:chunked" => Ok(Compression::Zstd),
            _ => anyhow::bail!("unknown compression format {s:?}: want gzip or zstd"),
        }
    }
}

/// What the command line says about one registry operation.
#[derive(Clone, Default)]
pub struct Options {
    /// `--tls-verify`: `None` = docker's rule (verify, except loopback and registries
    /// marked insecure in registries.conf), `Some(true)` = always verify, `Some(false)` =
    /// never verify and allow plain http.
    pub tls_verify: Option<bool>,
    /// `--cert-dir`: CA (`*.crt`) and client (`*.cert` + `*.key`) files; replaces the
    /// certs.d lookup.
    pub cert_dir: Option<PathBuf>,
    /// `--authfile`: the only credential file read, and the one login/logout write.
    pub authfile: Option<PathBuf>,
    /// `--creds user:pass` (never printed).
    pub creds: Option<(String, String)>,
    /// `--platform os/arch[/variant]`; `None` = this host.
    pub platform: Option<String>,
    /// `-q`: no progress output at all.
    pub quiet: bool,
    /// `push --compression-format`.
    pub compression: Compression,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("tls_verify", &self.tls_verify)
            .field("cert_dir", &self.cert_dir)
            .field("authfile", &self.authfile)
            .field(
                "creds",
                &self.creds.as_ref().map(|(u, _)| (u, "<redacted>")),
            )
            .field("platform", &self.platform)
            .field("quiet", &self.quiet)
            .field("compression", &self.compression)
            .finish()
    }
}

/// A transfer stopped because another one failed (the first real error is reported).
#[derive(Debug, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// Was `e` only the cancellation of a transfer that another one's failure stopped?
pub fn is_cancelled(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.is::<Cancelled>()
            || c.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .is_some_and(|inner| inner.is::<Cancelled>())
    })
}

/// Error kinds callers may want to tell apart (`err.downcast_ref::<RegistryError>()`).
/// Each message is a complete line for the user.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// Manifest, tag, repository or blob unknown to the registry.
    #[error("{0}")]
    NotFound(String),
    /// Missing or wrong credentials, or access denied.
    #[error("{0}")]
    Unauthorized(String),
    /// Certificate verification or TLS handshake failure (message says how to fix).
    #[error("{0}")]
    Tls(String),
    /// Downloaded bytes did not hash to the expected digest; the download was discarded.
    #[error("{0}")]
    DigestMismatch(String),
    /// Schema 1 manifests, no image for the platform, artifacts that are not images.
    #[error("{0}")]
    Unsupported(String),
    /// Connection refused, DNS failure, timeouts after retries.
    #[error("{0}")]
    Unreachable(String),
}

/// Where pulled blobs go. Implemented by the caller's image store.
pub trait BlobStore: Sync {
    /// The blob is stored already (it will not be downloaded).
    fn has_blob(&self, digest: &str) -> bool;
    /// The unpacked layer whose diff ids, from the bottom layer up to and including
    /// this one, are `diff_ids` exists already (a store keyed by chain id computes the
    /// chain from them), so the blob need not be downloaded; it is reported as
    /// [`LayerStatus::DiffExists`] and is then NOT in the blob store. Default: never.
    fn has_layer(&self, _diff_ids: &[String]) -> bool {
        false
    }
    /// Where a download of `digest` is written before it is verified. Must be the same
    /// path for the same digest across runs (a partial file is resumed), on the same
    /// filesystem as the store. The client creates the parent directory.
    fn temp_path(&self, digest: &str) -> PathBuf;
    /// Move the verified file `tmp` into the store as `digest` (e.g. a rename).
    fn commit_blob(&self, digest: &str, tmp: &Path) -> Result<()>;
}

/// What happened to a layer during a pull.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerStatus {
    Downloaded,
    /// The blob was in the store already.
    AlreadyExists,
    /// Not downloaded: [`BlobStore::has_layer`] said the unpacked layer exists.
    DiffExists,
}

#[derive(Debug, Clone)]
pub struct PulledLayer {
    /// Digest of the (compressed) blob as in the manifest.
    pub digest: String,
    pub media_type: String,
    pub size: u64,
    /// From the image config's `rootfs.diff_ids`, same order.
    pub diff_id: String,
    pub status: LayerStatus,
}

/// The result of a pull. The config blob and every downloaded layer blob are in the
/// store (committed through [`BlobStore::commit_blob`]).
#[derive(Debug, Clone)]
pub struct Pulled {
    /// The reference pulled, with the registry filled in.
    pub reference: Reference,
    /// The digest docker prints (`Digest: ...`) and records in RepoDigests: the
    /// top-level manifest, i.e. the index / manifest list for multi-platform images.
    pub digest: String,
    /// Digest of the platform's image manifest (equal to `digest` for single images).
    pub manifest_digest: String,
    pub manifest_media_type: String,
    /// The image manifest's bytes, exactly as served.
    pub manifest_bytes: Vec<u8>,
    /// Docker's image id.
    pub config_digest: String,
    pub config_bytes: Vec<u8>,
    pub layers: Vec<PulledLayer>,
}

/// A layer to push: a stored blob and what it is.
#[derive(Debug, Clone)]
pub struct PushLayer {
    pub path: PathBuf,
    pub digest: String,
    /// As stored. Uncompressed tar types (`application/vnd.oci.image.layer.v1.tar`,
    /// `application/vnd.docker.image.rootfs.diff.tar`) are compressed on the way with
    /// [`Options::compression`]; their digest must equal `diff_id`.
    pub media_type: String,
    pub size: u64,
    pub diff_id: String,
}

#[derive(Debug, Clone, Default)]
pub struct PushImage {
    pub config_bytes: Vec<u8>,
    pub layers: Vec<PushLayer>,
    /// Repositories on the same registry that may hold these blobs already (e.g. from
    /// the image's RepoDigests): tried as cross-repository mount sources.
    pub mount_from: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Pushed {
    /// `sha256:...` of the manifest (docker prints `TAG: digest: D size: N`).
    pub digest: String,
    pub size: u64,
    pub media_type: String,
    pub manifest_bytes: Vec<u8>,
}

/// Check `user`/`pass` against the registry (GET /v2/ and its auth challenge), then
/// store them in the auth file. Returns the file written.
pub fn login(registry: &str, user: &str, pass: &str, opts: &Options) -> Result<PathBuf> {
    let host = normalize_registry(registry);
    let conf = config::RegistriesConf::load()?;
    let cred = auth::Credential::Basic {
        user: user.to_string(),
        pass: pass.to_string(),
    };
    let client = client::Client::connect(&host, opts, &conf, Some(cred))?;
    client.verify_login()?;
    auth::store(&host, user, pass, opts)
}

/// Remove stored credentials for `registry`. Returns whether any were stored.
pub fn logout(registry: &str, opts: &Options) -> Result<bool> {
    auth::remove(&normalize_registry(registry), opts)
}

/// The references a name may mean, in the order to try them: a qualified name as it
/// is; a short name under each of registries.conf's `unqualified-search-registries`,
/// or `docker.io` alone when none are configured (docker's rule).
pub fn resolve_short_name(name: &str) -> Result<Vec<Reference>> {
    let conf = config::RegistriesConf::load()?;
    resolve_short_name_with(name, &conf)
}

pub fn resolve_short_name_with(
    name: &str,
    conf: &config::RegistriesConf,
) -> Result<Vec<Reference>> {
    let first = name.split('/').next().unwrap_or("");
    let qualified =
        name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if qualified || conf.unqualified.is_empty() {
        return Ok(vec![Reference::parse(name)?]);
    }
    let mut out = Vec::new();
    for reg in &conf.unqualified {
        out.push(Reference::parse(&format!("{reg}/{name}"))?);
    }
    Ok(out)
}

/// Remove temp files of abandoned downloads in `dir` (the directory of
/// [`BlobStore::temp_path`]): those no process holds locked and unmodified for
/// `max_age`. Younger ones are kept: the next pull of the same blob resumes them.
/// Returns how many were removed. For the caller's garbage collection.
pub fn remove_stale_temps(dir: &Path, max_age: std::time::Duration) -> Result<usize> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut n = 0;
    for e in rd {
        let p = e?.path();
        let Ok(md) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if !md.is_file()
            || md
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_none_or(|age| age < max_age)
        {
            continue;
        }
        let Ok(f) = std::fs::OpenOptions::new().read(true).open(&p) else {
            continue;
        };
        // A pull in progress holds LOCK_EX on it.
        if rustix::fs::flock(&f, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_ok()
            && std::fs::remove_file(&p).is_ok()
        {
            n += 1;
        }
    }
    Ok(n)
}

/// `https://index.docker.io/v1/`, `index.docker.io`, `registry-1.docker.io` →
/// `docker.io`; strips a scheme and a path from what users pass to login/logout.
pub fn normalize_registry(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let host = s.split('/').next().unwrap_or(s);
    match host {
        ""
        | "docker.io"
        | "index.docker.io"
        | "registry-1.docker.io"
        | "registry.hub.docker.com" => crate::oci::reference::DEFAULT_REGISTRY.to_string(),
        h => h.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names() {
        assert_eq!(
            normalize_registry("https://index.docker.io/v1/"),
            "docker.io"
        );
        assert_eq!(normalize_registry("registry-1.docker.io"), "docker.io");
        assert_eq!(normalize_registry("127.0.0.1:5443"), "127.0.0.1:5443");
        assert_eq!(normalize_registry("http://Quay.io/v2/"), "quay.io");
    }

    #[test]
    fn short_names() {
        let mut conf = config::RegistriesConf::default();
        let r = resolve_short_name_with("busybox", &conf).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].tagged().unwrap(), "docker.io/library/busybox:latest");
        conf.unqualified = vec!["quay.io".into(), "docker.io".into()];
        let r = resolve_short_name_with("busybox:1", &conf).unwrap();
        assert_eq!(r[0].tagged().unwrap(), "quay.io/busybox:1");
        assert_eq!(r[1].tagged().unwrap(), "docker.io/library/busybox:1");
        let r = resolve_short_name_with("127.0.0.1:5000/a/b", &conf).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].registry, "127.0.0.1:5000");
    }
}

#[cfg(test)]
mod cancel_tests {
    use super::{is_cancelled, Cancelled};
    use anyhow::Context;

    #[test]
    fn cancellation_is_told_by_type_not_text() {
        let plain: anyhow::Error = Cancelled.into();
        assert!(is_cancelled(&plain));
        let wrapped = Err::<(), _>(Cancelled).context("layer 1").unwrap_err();
        assert!(is_cancelled(&wrapped));
        let io: anyhow::Error = std::io::Error::other(Cancelled).into();
        assert!(is_cancelled(&io));
        // A real error that merely says "cancelled" is not one.
        assert!(!is_cancelled(&anyhow::anyhow!(
            "request cancelled by the server"
        )));
    }
}
