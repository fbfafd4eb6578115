//! podman's `registries.conf` (containers-registries.conf(5)), the parts berth uses:
//! `unqualified-search-registries`, and `[[registry]]` entries with `location` /
//! `prefix`, `insecure` and `blocked`. Mirrors and short-name aliases are not used.
//!
//! Files, as in podman: `~/.config/containers/registries.conf` if it exists, else
//! `/etc/containers/registries.conf`; then the drop-ins `*.conf` of
//! `/etc/containers/registries.conf.d/` and `~/.config/containers/registries.conf.d/`
//! in name order. A drop-in's search list replaces the earlier one; its `[[registry]]`
//! entries replace earlier entries with the same prefix. The old v1 format
//! (`[registries.search] registries = [...]`, `[registries.insecure]`,
//! `[registries.block]`) is read too. `$CONTAINERS_REGISTRIES_CONF` names a single file
//! to use instead of all of these.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct RegistriesConf {
    /// Registries tried, in order, for a short name. Empty: docker.io only.
    pub unqualified: Vec<String>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `host[:port][/path]`, or `*.domain` for every subdomain.
    pub prefix: String,
    pub insecure: bool,
    pub blocked: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FileV2 {
    #[serde(rename = "unqualified-search-registries")]
    unqualified: Option<Vec<String>>,
    registry: Vec<RegTable>,
    registries: Option<V1>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RegTable {
    location: Option<String>,
    prefix: Option<String>,
    insecure: Option<bool>,
    blocked: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct V1 {
    search: V1List,
    insecure: V1List,
    block: V1List,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct V1List {
    registries: Vec<String>,
}

impl RegistriesConf {
    /// Read the files podman reads (see the module doc). Missing files are fine; a
    /// file that does not parse is an error naming it.
    pub fn load() -> Result<RegistriesConf> {
        if let Some(p) = std::env::var_os("CONTAINERS_REGISTRIES_CONF") {
            return Self::from_files(&[PathBuf::from(p)]);
        }
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let user = home
            .as_ref()
            .map(|h| h.join(".config/containers/registries.conf"));
        let mut files = Vec::new();
        match user {
            Some(u) if u.is_file() => files.push(u),
            _ => files.push(PathBuf::from("/etc/containers/registries.conf")),
        }
        let mut dropins = Vec::new();
        let mut dirs = vec![PathBuf::from("/etc/containers/registries.conf.d")];
        if let Some(h) = &home {
            dirs.push(h.join(".config/containers/registries.conf.d"));
        }
        for d in dirs {
            if let Ok(rd) = std::fs::read_dir(&d) {
                let mut v: Vec<PathBuf> = rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "conf"))
                    .collect();
                v.sort();
                dropins.extend(v);
            }
        }
        files.extend(dropins);
        Self::from_files(&files)
    }

    pub fn from_files(files: &[PathBuf]) -> Result<RegistriesConf> {
        let mut conf = RegistriesConf::default();
        for f in files {
            let text = match std::fs::read_to_string(f) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e).with_context(|| format!("reading {}", f.display())),
            };
            conf.merge_str(&text)
                .with_context(|| format!("parsing {}", f.display()))?;
        }
        Ok(conf)
    }

    pub fn parse(text: &str) -> Result<RegistriesConf> {
        let mut c = RegistriesConf::default();
        c.merge_str(text)?;
        Ok(c)
    }

    fn merge_str(&mut self, text: &str) -> Result<()> {
        let f: FileV2 = toml::from_str(text).map_err(|e| anyhow::anyhow!("{}", e.message()))?;
        if let Some(u) = f.unqualified {
            self.unqualified = u.into_iter().map(|s| s.trim().to_string()).collect();
        }
        for r in f.registry {
            let prefix = r.prefix.or(r.location).unwrap_or_default();
            let prefix = prefix.trim().trim_end_matches('/').to_string();
            if prefix.is_empty() {
                anyhow::bail!("a [[registry]] entry has neither location nor prefix");
            }
            self.set(Entry {
                prefix,
                insecure: r.insecure.unwrap_or(false),
                blocked: r.blocked.unwrap_or(false),
            });
        }
        if let Some(v1) = f.registries {
            if !v1.search.registries.is_empty() {
                self.unqualified = v1.search.registries;
            }
            for p in &v1.insecure.registries {
                let mut e = self.entry_mut(p);
                e.insecure = true;
                self.set(e);
            }
            for p in &v1.block.registries {
                let mut e = self.entry_mut(p);
                e.blocked = true;
                self.set(e);
            }
        }
        Ok(())
    }

    fn entry_mut(&self, prefix: &str) -> Entry {
        self.entries
            .iter()
            .find(|e| e.prefix == prefix)
            .cloned()
            .unwrap_or_else(|| Entry::new(prefix))
    }

    fn set(&mut self, e: Entry) {
        self.entries.retain(|x| x.prefix != e.prefix);
        self.entries.push(e);
    }

    /// The entry that applies to `name` (`host[:port]/repo/path`): the longest
    /// matching prefix, as podman picks it.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| prefix_matches(&e.prefix, name))
            .max_by_key(|e| e.prefix.len())
    }

    /// Marked `insecure = true` (for the registry host or a repository under it).
    pub fn insecure(&self, name: &str) -> bool {
        self.find(name).is_some_and(|e| e.insecure)
    }

    pub fn blocked(&self, name: &str) -> bool {
        self.find(name).is_some_and(|e| e.blocked)
    }
}

impl Entry {
    fn new(prefix: &str) -> Entry {
        Entry {
            prefix: prefix.to_string(),
            insecure: false,
            blocked: false,
        }
    }
}

/// `prefix` matches `name` at a path boundary; `*.example.com` matches any subdomain
/// host (with or without port) of example.com.
fn prefix_matches(prefix: &str, name: &str) -> bool {
    if let Some(domain) = prefix.strip_prefix("*.") {
        let host = name.split('/').next().unwrap_or(name);
        let host = host.rsplit_once(':').map_or(host, |(h, p)| {
            if p.chars().all(|c| c.is_ascii_digit()) {
                h
            } else {
                host
            }
        });
        return host.ends_with(&format!(".{domain}"));
    }
    name == prefix
        || (name.starts_with(prefix)
            && matches!(
                name.as_bytes().get(prefix.len()),
                Some(b'/') | Some(b':') | Some(b'@')
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_v2() {
        let c = RegistriesConf::parse(
            r#"
unqualified-search-registries = ["quay.io", "docker.io"]
short-name-mode = "enforcing"
[[registry]]
location = "myreg.example:5000"
insecure = true
[[registry]]
prefix = "docker.io/evil"
location = "docker.io/evil"
blocked = true
[[registry]]
location = "*.corp.example"
insecure = true
[[registry.mirror]]
location = "mirror.example"
"#,
        )
        .unwrap();
        assert_eq!(c.unqualified, vec!["quay.io", "docker.io"]);
        assert!(c.insecure("myreg.example:5000/a/b"));
        assert!(!c.insecure("myreg.example:50001/a/b"));
        assert!(c.blocked("docker.io/evil/x"));
        assert!(!c.blocked("docker.io/evilx/x"));
        assert!(c.insecure("a.corp.example:443/x"));
        assert!(!c.insecure("corp.example/x"));
    }

    #[test]
    fn parses_v1_and_errors() {
        let c = RegistriesConf::parse(
            "[registries.search]\nregistries = ['docker.io']\n[registries.insecure]\nregistries = ['r.example']\n",
        )
        .unwrap();
        assert_eq!(c.unqualified, vec!["docker.io"]);
        assert!(c.insecure("r.example/x"));
        assert!(RegistriesConf::parse("unqualified-search-registries = [").is_err());
        assert!(RegistriesConf::parse("[[registry]]\ninsecure = true\n").is_err());
    }
}
