//! TLS policy and trust for one registry.
//!
//! Roots: the system bundle (`$SSL_CERT_FILE`, else `/etc/ssl/certs/ca-certificates.crt`
//! or the Fedora / Alpine paths; the compiled-in Mozilla roots only when none exists),
//! plus the CA files `*.crt` of the registry's certs.d directory:
//! `~/.config/containers/certs.d/HOST:PORT/`, `/etc/containers/certs.d/HOST:PORT/`,
//! `/etc/docker/certs.d/HOST:PORT/` (all that exist), or `--cert-dir DIR` alone when
//! given. A `NAME.cert` + `NAME.key` pair there is a client certificate (docker's
//! convention).
//!
//! Policy (docker's, with podman's `--tls-verify`): verify, except for loopback hosts
//! and registries marked `insecure` in registries.conf, which are tried over https
//! without verification first and then over plain http. `--tls-verify=true` verifies
//! everywhere; `--tls-verify=false` treats every registry as insecure.

use super::config::RegistriesConf;
use super::Options;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// https with certificate verification, nothing else.
    Verify,
    /// https without verification, then plain http.
    Insecure,
}

/// `localhost`, `127.0.0.0/8`, `::1`, with or without a port.
pub fn is_loopback(host: &str) -> bool {
    let h = strip_port(host);
    if h.eq_ignore_ascii_case("localhost") || h.to_ascii_lowercase().ends_with(".localhost") {
        return true;
    }
    match h
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<std::net::IpAddr>()
    {
        Ok(ip) => ip.is_loopback(),
        Err(_) => false,
    }
}

fn strip_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match host.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') && p.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    }
}

/// `name` is `host[/repository]`, matched against registries.conf entries.
pub fn mode(host: &str, name: &str, opts: &Options, conf: &RegistriesConf) -> Mode {
    match opts.tls_verify {
        Some(true) => Mode::Verify,
        Some(false) => Mode::Insecure,
        None if is_loopback(host) || conf.insecure(name) => Mode::Insecure,
        None => Mode::Verify,
    }
}

/// The directories searched for `host`'s CA and client certificates.
pub fn cert_dirs(host: &str, opts: &Options) -> Vec<PathBuf> {
    if let Some(d) = &opts.cert_dir {
        return vec![d.clone()];
    }
    let mut v = Vec::new();
    if let Some(h) = std::env::var_os("HOME") {
        v.push(Path::new(&h).join(".config/containers/certs.d").join(host));
    }
    v.push(Path::new("/etc/containers/certs.d").join(host));
    v.push(Path::new("/etc/docker/certs.d").join(host));
    v
}

fn system_roots() -> &'static Option<Vec<Certificate<'static>>> {
    static ROOTS: OnceLock<Option<Vec<Certificate<'static>>>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut files: Vec<PathBuf> = Vec::new();
        if let Some(f) = std::env::var_os("SSL_CERT_FILE") {
            files.push(f.into());
        }
        files.extend(
            [
                "/etc/ssl/certs/ca-certificates.crt",
                "/etc/pki/tls/certs/ca-bundle.crt",
                "/etc/ssl/cert.pem",
            ]
            .map(PathBuf::from),
        );
        for f in files {
            if let Ok(data) = std::fs::read(&f) {
                let certs: Vec<Certificate<'static>> = ureq::tls::parse_pem(&data)
                    .filter_map(|i| match i {
                        Ok(PemItem::Certificate(c)) => Some(c),
                        _ => None,
                    })
                    .collect();
                if !certs.is_empty() {
                    return Some(certs);
                }
            }
        }
        None
    })
}

fn read_certs(path: &Path) -> Result<Vec<Certificate<'static>>> {
    let data = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for item in ureq::tls::parse_pem(&data) {
        if let PemItem::Certificate(c) =
            item.with_context(|| format!("parsing certificate {}", path.display()))?
        {
            out.push(c);
        }
    }
    if out.is_empty() {
        anyhow::bail!("{}: no PEM certificate in it", path.display());
    }
    Ok(out)
}

fn read_key(path: &Path) -> Result<PrivateKey<'static>> {
    let data = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    for item in ureq::tls::parse_pem(&data) {
        if let Ok(PemItem::PrivateKey(k)) = item {
            return Ok(k);
        }
    }
    anyhow::bail!("{}: no PEM private key in it", path.display())
}

/// CA certificates and an optional client certificate from `host`'s cert dirs.
fn extra_material(
    host: &str,
    opts: &Options,
) -> Result<(Vec<Certificate<'static>>, Option<ClientCert>)> {
    let mut cas = Vec::new();
    let mut client = None;
    for dir in cert_dirs(host, opts) {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for p in names {
            match p.extension().and_then(|x| x.to_str()) {
                Some("crt") => cas.extend(read_certs(&p)?),
                Some("cert") if client.is_none() => {
                    let key = p.with_extension("key");
                    if !key.exists() {
                        anyhow::bail!(
                            "client certificate {} has no matching key {}",
                            p.display(),
                            key.display()
                        );
                    }
                    let chain = read_certs(&p)?;
                    client = Some(ClientCert::new_with_certs(&chain, read_key(&key)?));
                }
                _ => {}
            }
        }
    }
    Ok((cas, client))
}

/// The ureq TLS settings for `host`: verifying with system + extra roots, or not at all.
pub fn tls_config(host: &str, opts: &Options, verify: bool) -> Result<TlsConfig> {
    let (cas, client) = extra_material(host, opts)?;
    let mut b = TlsConfig::builder().client_cert(client);
    if verify {
        let roots = match system_roots() {
            Some(sys) => RootCerts::from(sys.iter().cloned().chain(cas)),
            None if !cas.is_empty() => RootCerts::from(cas),
            None => RootCerts::WebPki,
        };
        b = b.root_certs(roots);
    } else {
        b = b.disable_verification(true);
    }
    Ok(b.build())
}

/// The TLS library's own error behind a transport failure (rustls reports through
/// the stream as an io::Error wrapping its typed error).
fn rustls_error(e: &ureq::Error) -> Option<&rustls::Error> {
    match e {
        ureq::Error::Io(io) => io.get_ref()?.downcast_ref::<rustls::Error>(),
        _ => None,
    }
}

/// Did certificate verification fail?
pub fn is_cert_error(e: &ureq::Error) -> bool {
    matches!(
        rustls_error(e),
        Some(rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented)
    )
}

/// Did the peer answer something that is not TLS at all (a plain-http registry)?
pub fn is_not_tls(e: &ureq::Error) -> bool {
    matches!(rustls_error(e), Some(rustls::Error::InvalidMessage(_)))
}

/// One line: what failed and the two ways to fix it.
pub fn explain(host: &str, detail: &str) -> String {
    format!(
        "TLS verification of {host} failed ({detail}): if the registry uses a private CA, put \
         its certificate in ~/.config/containers/certs.d/{host}/ca.crt or \
         /etc/containers/certs.d/{host}/ca.crt (or pass --cert-dir DIR); to skip \
         verification use --tls-verify=false"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback() {
        for h in [
            "localhost",
            "localhost:5000",
            "127.0.0.1",
            "127.1.2.3:5000",
            "[::1]:5000",
            "::1",
        ] {
            assert!(is_loopback(h), "{h}");
        }
        for h in [
            "docker.io",
            "10.0.0.1:5000",
            "example.com:443",
            "localhostx",
        ] {
            assert!(!is_loopback(h), "{h}");
        }
        let conf = RegistriesConf::default();
        let mut o = Options::default();
        assert_eq!(
            mode("127.0.0.1:5000", "127.0.0.1:5000", &o, &conf),
            Mode::Insecure
        );
        assert_eq!(mode("docker.io", "docker.io", &o, &conf), Mode::Verify);
        o.tls_verify = Some(true);
        assert_eq!(
            mode("127.0.0.1:5000", "127.0.0.1:5000", &o, &conf),
            Mode::Verify
        );
        o.tls_verify = Some(false);
        assert_eq!(mode("docker.io", "docker.io", &o, &conf), Mode::Insecure);
        let conf = RegistriesConf::parse(
            "[[registry]]\nlocation = \"reg.example:5000\"\ninsecure = true\n",
        )
        .unwrap();
        let o = Options::default();
        assert_eq!(
            mode("reg.example:5000", "reg.example:5000/a/b", &o, &conf),
            Mode::Insecure
        );
        assert_eq!(
            mode("reg.example", "reg.example/a/b", &o, &conf),
            Mode::Verify
        );
    }
}
