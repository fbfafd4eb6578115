//! Registry credentials: podman's auth.json (which berth writes) and docker's
//! config.json with its credential helpers (which berth only reads).
//!
//! Lookup order for a registry (first hit wins):
//! 1. `--creds user:pass`;
//! 2. `--authfile FILE` — when given, the only file read;
//! 3. `$REGISTRY_AUTH_FILE`, else berth's/podman's auth.json ([`default_authfile`]);
//! 4. `~/.config/containers/auth.json`;
//! 5. `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`, including `credHelpers`
//!    and `credsStore` (through the `docker_credential` crate), so an earlier
//!    `docker login` just works.
//!
//! In each file the most specific key wins: `host/ns/repo`, then `host/ns`, then `host`.
//! Keys are compared without scheme and path (`https://index.docker.io/v1/` is
//! `docker.io`).
//!
//! `login` writes `--authfile`, else `$REGISTRY_AUTH_FILE`, else [`default_authfile`]:
//! `$XDG_RUNTIME_DIR/containers/auth.json` as podman does (so a login lasts until the
//! user's runtime dir goes, i.e. the last session ends or a reboot); when
//! XDG_RUNTIME_DIR is unset or unusable: `/run/containers/0/auth.json` for root and
//! `/tmp/berth-$UID/containers/auth.json` otherwise (berth's runtime-dir fallback).
//! Files are written 0600 by temp file + rename. `logout` removes the registry from that
//! file and from the `auths` of `~/.docker/config.json`.
//! Passwords and tokens are never printed: `Credential`'s Debug redacts them.

use super::Options;
use anyhow::{bail, Context, Result};
use base64::Engine as _;
use serde_json::{Map, Value};
use std::fmt;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    Basic {
        user: String,
        pass: String,
    },
    /// An OAuth2 refresh token (`identitytoken` in docker's config).
    IdentityToken(String),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Basic { user, .. } => write!(f, "Basic({user}, <redacted>)"),
            Credential::IdentityToken(_) => write!(f, "IdentityToken(<redacted>)"),
        }
    }
}

impl Credential {
    pub fn basic_header(user: &str, pass: &str) -> String {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
        )
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

/// Where `login` writes by default (see the module doc).
pub fn default_authfile() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_RUNTIME_DIR") {
        let d = PathBuf::from(d);
        if d.is_absolute() && d.is_dir() {
            return d.join("containers/auth.json");
        }
    }
    let uid = nix::unistd::getuid().as_raw();
    if uid == 0 {
        PathBuf::from("/run/containers/0/auth.json")
    } else {
        PathBuf::from(format!("/tmp/berth-{uid}/containers/auth.json"))
    }
}

/// The file login/logout write.
pub fn write_target(opts: &Options) -> PathBuf {
    if let Some(p) = &opts.authfile {
        return p.clone();
    }
    if let Some(p) = std::env::var_os("REGISTRY_AUTH_FILE") {
        return p.into();
    }
    default_authfile()
}

pub(crate) fn docker_config() -> Option<PathBuf> {
    std::env::var_os("DOCKER_CONFIG")
        .map(|d| PathBuf::from(d).join("config.json"))
        .or_else(|| home().map(|h| h.join(".docker/config.json")))
}

/// The files read, in order (see the module doc).
pub fn read_order(opts: &Options) -> Vec<PathBuf> {
    if let Some(p) = &opts.authfile {
        return vec![p.clone()];
    }
    let mut v = vec![write_target(opts)];
    if let Some(h) = home() {
        v.push(h.join(".config/containers/auth.json"));
    }
    v.extend(docker_config());
    v.dedup();
    v
}

/// A key of auths/credHelpers reduced to `host[/path]` (no scheme, no `/v1/`).
fn normalize_key(key: &str) -> String {
    let k = key.trim();
    let (k, had_scheme) = match k
        .strip_prefix("https://")
        .or_else(|| k.strip_prefix("http://"))
    {
        Some(r) => (r, true),
        None => (k, false),
    };
    let k = k.trim_end_matches('/');
    // With a scheme, the path is an API path (`/v1/`, `/v2/`), not a namespace.
    let (host, path) = match k.split_once('/') {
        Some((h, p)) if !had_scheme => (h, Some(p)),
        Some((h, _)) => (h, None),
        None => (k, None),
    };
    let host = super::normalize_registry(host);
    match path {
        Some(p) if !p.is_empty() => format!("{host}/{p}"),
        _ => host,
    }
}

/// The best key in `keys` for `host/repo`: longest namespace match first.
fn best_key<'a>(
    keys: impl Iterator<Item = &'a String>,
    host: &str,
    repo: Option<&str>,
) -> Option<&'a String> {
    let mut wanted = Vec::new();
    if let Some(r) = repo {
        let parts: Vec<&str> = r.split('/').collect();
        for i in (1..=parts.len()).rev() {
            wanted.push(format!("{host}/{}", parts[..i].join("/")));
        }
    }
    wanted.push(host.to_string());
    let keys: Vec<&String> = keys.collect();
    for w in &wanted {
        if let Some(k) = keys.iter().find(|k| &normalize_key(k) == w) {
            return Some(k);
        }
    }
    None
}

/// The server name docker's credential helpers know a registry by.
fn helper_server(host: &str) -> String {
    if host == crate::oci::reference::DEFAULT_REGISTRY {
        "https://index.docker.io/v1/".to_string()
    } else {
        host.to_string()
    }
}

fn from_file(path: &Path, host: &str, repo: Option<&str>) -> Result<Option<Credential>> {
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let v: Value =
        serde_json::from_slice(&data).with_context(|| format!("parsing {}", path.display()))?;
    let mut keys: Vec<String> = Vec::new();
    for table in ["credHelpers", "auths"] {
        if let Some(m) = v.get(table).and_then(|t| t.as_object()) {
            keys.extend(m.keys().cloned());
        }
    }
    let server = match best_key(keys.iter(), host, repo) {
        Some(k) => k.clone(),
        None if v
            .get("credsStore")
            .and_then(|s| s.as_str())
            .is_some_and(|s| !s.is_empty()) =>
        {
            helper_server(host)
        }
        None => return Ok(None),
    };
    use docker_credential::{CredentialRetrievalError as E, DockerCredential as D};
    match docker_credential::get_credential_from_reader(&data[..], &server) {
        Ok(D::UsernamePassword(user, pass)) => {
            if user.is_empty() && pass.is_empty() {
                return Ok(None);
            }
            Ok(Some(Credential::Basic { user, pass }))
        }
        Ok(D::IdentityToken(t)) => Ok(Some(Credential::IdentityToken(t))),
        Err(E::NoCredentialConfigured) | Err(E::ConfigNotFound) => Ok(None),
        Err(E::HelperFailure {
            helper,
            stdout,
            stderr,
        }) if stdout.contains("credentials not found")
            || stderr.contains("credentials not found") =>
        {
            let _ = helper;
            Ok(None)
        }
        Err(e) => bail!(
            "getting credentials for {host} from {}: {}",
            path.display(),
            describe(&e)
        ),
    }
}

fn describe(e: &docker_credential::CredentialRetrievalError) -> String {
    use docker_credential::CredentialRetrievalError as E;
    match e {
        E::HelperFailure { helper, .. } => {
            format!("credential helper docker-credential-{helper} failed")
        }
        E::HelperCommunicationError => "cannot run the credential helper".into(),
        E::MalformedHelperResponse => "the credential helper answered nonsense".into(),
        E::CredentialDecodingError => "the stored auth is not base64 user:password".into(),
        E::CredentialMismatchError => "auth and username/password disagree".into(),
        other => format!("{other:?}"),
    }
}

/// Credentials for `host` (and `repo` for namespaced keys), per the lookup order.
pub fn lookup(host: &str, repo: Option<&str>, opts: &Options) -> Result<Option<Credential>> {
    if let Some((u, p)) = &opts.creds {
        return Ok(Some(Credential::Basic {
            user: u.clone(),
            pass: p.clone(),
        }));
    }
    for f in read_order(opts) {
        if let Some(c) = from_file(&f, host, repo)? {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

fn read_json_object(path: &Path) -> Result<Map<String, Value>> {
    match std::fs::read(path) {
        Ok(d) if d.iter().all(|b| b.is_ascii_whitespace()) => Ok(Map::new()),
        Ok(d) => match serde_json::from_slice::<Value>(&d)
            .with_context(|| format!("parsing {}", path.display()))?
        {
            Value::Object(m) => Ok(m),
            _ => bail!("{}: not a JSON object", path.display()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Map::new()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Write `data` to `path` with mode 0600 via a temp file and rename; parent dirs 0700.
fn write_private(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().context("auth file path has no directory")?;
    if !dir.exists() {
        // /tmp/berth-$UID must be ours, not someone else's trap.
        if let Some(top) = dir
            .parent()
            .filter(|t| t.starts_with("/tmp") && t != &Path::new("/tmp"))
        {
            create_private_dir(top)?;
        }
        create_private_dir(dir)?;
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("auth.json"),
        std::process::id()
    ));
    let res = (|| -> Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res.with_context(|| format!("writing {}", path.display()))
}

fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt};
    match std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
    {
        Ok(()) => {}
        Err(e) => return Err(e).with_context(|| format!("creating {}", dir.display())),
    }
    let md = std::fs::symlink_metadata(dir)?;
    if md.uid() != nix::unistd::getuid().as_raw() || !md.is_dir() {
        bail!(
            "{} is not a directory owned by you: refusing to store credentials there",
            dir.display()
        );
    }
    Ok(())
}

/// Store `user:pass` for `host`. Returns the file written.
pub fn store(host: &str, user: &str, pass: &str, opts: &Options) -> Result<PathBuf> {
    let path = write_target(opts);
    let mut root = read_json_object(&path)?;
    let auths = root
        .entry("auths")
        .or_insert_with(|| Value::Object(Map::new()));
    if !auths.is_object() {
        *auths = Value::Object(Map::new());
    }
    let auths = auths.as_object_mut().expect("object");
    // One entry per registry: drop aliases such as https://index.docker.io/v1/.
    auths.retain(|k, _| normalize_key(k) != host);
    let mut entry = Map::new();
    entry.insert(
        "auth".into(),
        Value::String(base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))),
    );
    auths.insert(host.to_string(), Value::Object(entry));
    let mut data = serde_json::to_vec_pretty(&Value::Object(root))?;
    data.push(b'\n');
    write_private(&path, &data)?;
    Ok(path)
}

/// Remove `host` from the login file and from docker's config `auths`.
pub fn remove(host: &str, opts: &Options) -> Result<bool> {
    let mut files = vec![write_target(opts)];
    if opts.authfile.is_none() {
        files.extend(docker_config());
    }
    let mut removed = false;
    for path in files {
        if !path.exists() {
            continue;
        }
        let mut root = read_json_object(&path)?;
        let Some(auths) = root.get_mut("auths").and_then(|a| a.as_object_mut()) else {
            continue;
        };
        let before = auths.len();
        auths.retain(|k, _| normalize_key(k) != host);
        if auths.len() != before {
            removed = true;
            let mut data = serde_json::to_vec_pretty(&Value::Object(root))?;
            data.push(b'\n');
            write_private(&path, &data)?;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(normalize_key("https://index.docker.io/v1/"), "docker.io");
        assert_eq!(normalize_key("quay.io/ns/repo"), "quay.io/ns/repo");
        assert_eq!(normalize_key("http://127.0.0.1:5000/v2/"), "127.0.0.1:5000");
        let keys = [
            "quay.io".to_string(),
            "quay.io/ns".to_string(),
            "https://index.docker.io/v1/".to_string(),
        ];
        assert_eq!(
            best_key(keys.iter(), "quay.io", Some("ns/app")).unwrap(),
            "quay.io/ns"
        );
        assert_eq!(
            best_key(keys.iter(), "quay.io", Some("other/app")).unwrap(),
            "quay.io"
        );
        assert_eq!(
            best_key(keys.iter(), "docker.io", Some("library/x")).unwrap(),
            "https://index.docker.io/v1/"
        );
        assert!(best_key(keys.iter(), "ghcr.io", None).is_none());
        assert_eq!(
            format!(
                "{:?}",
                Credential::Basic {
                    user: "u".into(),
                    pass: "secret".into()
                }
            ),
            "Basic(u, <redacted>)"
        );
    }

    #[test]
    fn docker_config_keys() {
        let dir = std::env::temp_dir().join(format!("berth-dockercfg-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("config.json");
        let enc = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        std::fs::write(
            &f,
            format!(
                r#"{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{}"}},"quay.io/team":{{"auth":"{}"}},"ghcr.io":{{"identitytoken":"tok"}}}}}}"#,
                enc("hubuser:hubpass"),
                enc("team:pw")
            ),
        )
        .unwrap();
        let hub = from_file(&f, "docker.io", Some("library/busybox"))
            .unwrap()
            .unwrap();
        assert_eq!(
            hub,
            Credential::Basic {
                user: "hubuser".into(),
                pass: "hubpass".into()
            }
        );
        let q = from_file(&f, "quay.io", Some("team/app")).unwrap().unwrap();
        assert_eq!(
            q,
            Credential::Basic {
                user: "team".into(),
                pass: "pw".into()
            }
        );
        assert!(from_file(&f, "quay.io", Some("other/app"))
            .unwrap()
            .is_none());
        assert_eq!(
            from_file(&f, "ghcr.io", None).unwrap().unwrap(),
            Credential::IdentityToken("tok".into())
        );
        assert!(from_file(&dir.join("missing.json"), "ghcr.io", None)
            .unwrap()
            .is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn store_lookup_remove() {
        let dir = std::env::temp_dir().join(format!("berth-auth-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let opts = Options {
            authfile: Some(dir.join("sub/auth.json")),
            ..Default::default()
        };
        let p = store("127.0.0.1:5443", "u", "p:w", &opts).unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let c = lookup("127.0.0.1:5443", Some("a/b"), &opts)
            .unwrap()
            .unwrap();
        assert_eq!(
            c,
            Credential::Basic {
                user: "u".into(),
                pass: "p:w".into()
            }
        );
        assert!(lookup("127.0.0.1:5000", None, &opts).unwrap().is_none());
        assert!(remove("127.0.0.1:5443", &opts).unwrap());
        assert!(!remove("127.0.0.1:5443", &opts).unwrap());
        assert!(lookup("127.0.0.1:5443", None, &opts).unwrap().is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
