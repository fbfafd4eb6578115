//! Docker image references: `[registry[:port]/]path[:tag][@digest]`, normalized the way
//! docker does (`busybox` → `docker.io/library/busybox:latest`) and shown back in the
//! familiar form users typed.

use anyhow::{bail, Result};
use std::fmt;

pub const DEFAULT_REGISTRY: &str = "docker.io";

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// Registry host, e.g. `docker.io` or `127.0.0.1:5000`.
    pub registry: String,
    /// Repository path, e.g. `library/busybox`.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl Reference {
    pub fn parse(s: &str) -> Result<Reference> {
        if s.is_empty() || s.chars().any(|c| c.is_ascii_whitespace()) {
            bail!("invalid reference format: {s:?}");
        }
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => {
                validate_digest(d)?;
                (r, Some(d.to_string()))
            }
            None => (s, None),
        };
        // A tag is after the last ':' that follows the last '/'.
        let slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[slash..].rfind(':') {
            Some(i) => (&rest[..slash + i], Some(rest[slash + i + 1..].to_string())),
            None => (rest, None),
        };
        if let Some(t) = &tag {
            let ok = !t.is_empty()
                && t.len() <= 128
                && t.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
            if !ok {
                bail!("invalid reference format: {s:?}");
            }
        }
        // docker's limit on the name (registry and path) before any tag.
        if name.len() > 255 {
            bail!("repository name must not be more than 255 characters");
        }
        let (registry, repository) = match name.split_once('/') {
            Some((first, path))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                if !valid_domain(first) {
                    bail!("invalid reference format: {s:?}");
                }
                (first.to_string(), path.to_string())
            }
            _ => (DEFAULT_REGISTRY.to_string(), name.to_string()),
        };
        let registry = if registry == "index.docker.io" {
            DEFAULT_REGISTRY.into()
        } else {
            registry
        };
        let repository = if registry == DEFAULT_REGISTRY && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository
        };
        if repository.is_empty() || repository.split('/').any(|c| !valid_path_component(c)) {
            bail!("invalid reference format: repository name ({name}) must be lowercase");
        }
        let tag = if tag.is_none() && digest.is_none() {
            Some("latest".into())
        } else {
            tag
        };
        Ok(Reference {
            registry,
            repository,
            tag,
            digest,
        })
    }

    /// `registry/repository` without tag or digest.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// The name as docker shows it: `busybox`, `me/app`, `127.0.0.1:5000/x`.
    pub fn familiar_name(&self) -> String {
        if self.registry == DEFAULT_REGISTRY {
            match self.repository.strip_prefix("library/") {
                Some(r) if !r.contains('/') => r.to_string(),
                _ => self.repository.clone(),
            }
        } else {
            self.name()
        }
    }

    /// Full normalized `registry/repo:tag` (used as the stored key of a tag).
    pub fn tagged(&self) -> Option<String> {
        self.tag.as_ref().map(|t| format!("{}:{}", self.name(), t))
    }

    pub fn familiar_tagged(&self) -> Option<String> {
        self.tag
            .as_ref()
            .map(|t| format!("{}:{}", self.familiar_name(), t))
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.familiar_name())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// docker's domain: dot-separated labels of letters, digits and inner dashes (or an
/// IPv6 address in brackets), then an optional numeric port.
fn valid_domain(d: &str) -> bool {
    let (host, port) = match d.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((ip, p)) if ip.parse::<std::net::Ipv6Addr>().is_ok() => ("v6", p),
            _ => return false,
        },
        None => match d.rsplit_once(':') {
            // Keep the ':' so an empty port is told from none.
            Some((h, _)) => (h, &d[h.len()..]),
            None => (d, ""),
        },
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let label = |l: &str| {
        !l.is_empty()
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    port_ok && host.split('.').all(label)
}

fn valid_path_component(c: &str) -> bool {
    !c.is_empty()
        && c.chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "._-".contains(ch))
        && c.chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_alphanumeric())
        && c.chars()
            .last()
            .is_some_and(|ch| ch.is_ascii_alphanumeric())
}

pub fn validate_digest(d: &str) -> Result<()> {
    match d.strip_prefix("sha256:") {
        Some(h)
            if h.len() == 64
                && h.chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) =>
        {
            Ok(())
        }
        _ => bail!("invalid digest {d:?}: want sha256:<64 hex characters>"),
    }
}

/// Turn a full normalized `registry/repo:tag` back into docker's familiar form.
pub fn familiar(full: &str) -> String {
    match Reference::parse(full) {
        Ok(r) => r.to_string(),
        Err(_) => full.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_docker() {
        let r = Reference::parse("busybox").unwrap();
        assert_eq!(r.tagged().unwrap(), "docker.io/library/busybox:latest");
        assert_eq!(r.to_string(), "busybox:latest");
        let r = Reference::parse("me/app:1.0").unwrap();
        assert_eq!(r.name(), "docker.io/me/app");
        assert_eq!(r.familiar_name(), "me/app");
        let r = Reference::parse("127.0.0.1:5000/library/debian:bookworm-slim").unwrap();
        assert_eq!(r.registry, "127.0.0.1:5000");
        assert_eq!(r.familiar_name(), "127.0.0.1:5000/library/debian");
        let r = Reference::parse("localhost/x").unwrap();
        assert_eq!(r.registry, "localhost");
        let d = format!("sha256:{}", "a".repeat(64));
        let r = Reference::parse(&format!("busybox@{d}")).unwrap();
        assert_eq!(r.tag, None);
        assert_eq!(r.digest.as_deref(), Some(d.as_str()));
        let r = Reference::parse("localhost:5000/a/b:t").unwrap();
        assert_eq!(
            (r.registry.as_str(), r.repository.as_str(), r.tag.as_deref()),
            ("localhost:5000", "a/b", Some("t"))
        );
    }

    #[test]
    fn rejects_bad_names() {
        assert!(Reference::parse("BusyBox").is_err());
        assert!(Reference::parse("a b").is_err());
        assert!(Reference::parse("busybox:").is_err());
        assert!(Reference::parse("busybox@sha256:xyz").is_err());
        assert!(Reference::parse("").is_err());
        assert!(Reference::parse("../x").is_err());
        assert!(Reference::parse("./x").is_err());
        assert!(Reference::parse("a..b/x").is_err());
        assert!(Reference::parse("-reg.io/x").is_err());
        assert!(Reference::parse("reg.io:/x").is_err());
        assert!(Reference::parse("reg.io:5x/x").is_err());
        assert!(Reference::parse(&"a".repeat(256)).is_err());
        assert!(Reference::parse(&format!("x:{}", "t".repeat(129))).is_err());
        assert!(Reference::parse(&"a".repeat(255)).is_ok());
        assert!(Reference::parse("127.0.0.1:5000/x").is_ok());
        assert!(Reference::parse("[::1]:5000/x").is_ok());
        assert!(Reference::parse("my-reg.example.com/a/b:1").is_ok());
    }
}
