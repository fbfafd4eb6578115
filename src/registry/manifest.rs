//! Manifest types (OCI image manifest and index, Docker schema2 manifest and manifest
//! list — the same JSON shapes), media types, and platform selection.

use super::RegistryError;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1+json";
pub const DOCKER_SCHEMA1_SIGNED: &str = "application/vnd.docker.distribution.manifest.v1+prettyjws";

pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

pub const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
pub const OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const OCI_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
pub const DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const DOCKER_FOREIGN_LAYER: &str = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

/// What a manifest GET asks for (schema 1 deliberately absent).
pub const ACCEPT: &str = "application/vnd.oci.image.index.v1+json, \
application/vnd.docker.distribution.manifest.list.v2+json, \
application/vnd.oci.image.manifest.v1+json, \
application/vnd.docker.distribution.manifest.v2+json";

/// Layer media types berth can unpack.
pub fn is_layer_type(mt: &str) -> bool {
    matches!(
        mt,
        OCI_LAYER
            | OCI_LAYER_GZIP
            | OCI_LAYER_ZSTD
            | DOCKER_LAYER
            | DOCKER_LAYER_GZIP
            | DOCKER_FOREIGN_LAYER
            | "application/vnd.oci.image.layer.nondistributable.v1.tar"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd"
    )
}

pub fn is_uncompressed_layer(mt: &str) -> bool {
    matches!(mt, OCI_LAYER | DOCKER_LAYER)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    #[serde(default)]
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urls: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<PlatformSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact_type: Option<String>,
}

impl Descriptor {
    pub fn new(media_type: &str, digest: &str, size: u64) -> Descriptor {
        Descriptor {
            media_type: media_type.into(),
            digest: digest.into(),
            size,
            urls: None,
            annotations: None,
            platform: None,
            artifact_type: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSpec {
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub os_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageManifest {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    pub config: Descriptor,
    pub layers: Vec<Descriptor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    pub manifests: Vec<Descriptor>,
}

pub enum Parsed {
    Image(Box<ImageManifest>, String),
    Index(Index, String),
}

/// Parse a manifest, typed by the Content-Type header, else its `mediaType`, else its
/// shape. Schema 1 is refused with an error saying so.
pub fn parse(bytes: &[u8], content_type: Option<&str>, name: &str) -> Result<Parsed> {
    let v: serde_json::Value = serde_json::from_slice(bytes)
        .with_context(|| format!("the manifest of {name} is not valid JSON"))?;
    let ct = content_type
        .map(|c| c.split(';').next().unwrap_or("").trim().to_string())
        .filter(|c| !c.is_empty() && c != "application/json" && c != "text/plain");
    let mt = ct
        .or_else(|| {
            v.get("mediaType")
                .and_then(|m| m.as_str())
                .map(String::from)
        })
        .unwrap_or_else(|| {
            if v.get("schemaVersion").and_then(|s| s.as_u64()) == Some(1) {
                DOCKER_SCHEMA1.into()
            } else if v.get("manifests").is_some() {
                OCI_INDEX.into()
            } else {
                OCI_MANIFEST.into()
            }
        });
    match mt.as_str() {
        OCI_INDEX | DOCKER_LIST => Ok(Parsed::Index(
            serde_json::from_value(v)
                .with_context(|| format!("parsing the image index of {name}"))?,
            mt,
        )),
        OCI_MANIFEST | DOCKER_MANIFEST => {
            if v.get("schemaVersion").and_then(|s| s.as_u64()) == Some(1) {
                return Err(schema1(name));
            }
            Ok(Parsed::Image(
                Box::new(
                    serde_json::from_value(v)
                        .with_context(|| format!("parsing the manifest of {name}"))?,
                ),
                mt,
            ))
        }
        DOCKER_SCHEMA1 | DOCKER_SCHEMA1_SIGNED => Err(schema1(name)),
        other => Err(RegistryError::Unsupported(format!(
            "{name}: unsupported manifest type {other}"
        ))
        .into()),
    }
}

fn schema1(name: &str) -> anyhow::Error {
    RegistryError::Unsupported(format!(
        "{name} uses the Docker image manifest schema 1, which berth (like docker 28) no longer \
         supports: push the image again with a current tool to convert it"
    ))
    .into()
}

/// Go's GOOS and GOARCH values, which containerd knows.
const KNOWN_OS: [&str; 17] = [
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];
const KNOWN_ARCH: [&str; 25] = [
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
    "loongarch64",
];

/// An `os/arch[/variant]` platform, normalized (`x86_64` → `amd64`, `aarch64` → `arm64`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub arch: String,
    pub variant: Option<String>,
}

fn normalize_arch(arch: &str, variant: Option<&str>) -> (String, Option<String>) {
    let a = arch.to_ascii_lowercase();
    let v = variant
        .map(|v| v.to_ascii_lowercase())
        .filter(|v| !v.is_empty());
    match a.as_str() {
        "x86_64" | "x86-64" | "amd64" => ("amd64".into(), v.filter(|v| v != "v1")),
        "aarch64" | "arm64" => ("arm64".into(), v.filter(|v| v != "v8")),
        "armhf" => ("arm".into(), Some("v7".into())),
        "armel" => ("arm".into(), Some("v6".into())),
        "arm" => (
            "arm".into(),
            v.map(|v| if v == "7" { "v7".into() } else { v }),
        ),
        "i386" | "i686" | "386" => ("386".into(), None),
        _ => (a, v),
    }
}

impl Platform {
    /// `os/arch[/variant]`, or `arch` alone (os linux).
    pub fn parse(s: &str) -> Result<Platform> {
        let parts: Vec<&str> = s.trim().split('/').collect();
        let host = Platform::host();
        let (os, arch, variant) = match parts.as_slice() {
            // containerd's: one part is an os or an architecture it knows.
            [o] if KNOWN_OS.contains(&o.to_ascii_lowercase().as_str()) => {
                (*o, host.arch.as_str(), host.variant.as_deref())
            }
            [a] if KNOWN_ARCH.contains(&normalize_arch(a, None).0.as_str()) => ("linux", *a, None),
            [a] if !a.is_empty() => {
                bail!("{s:?}: unknown operating system or architecture: invalid argument")
            }
            [o, a] => (*o, *a, None),
            [o, a, v] => (*o, *a, Some(*v)),
            _ => bail!("invalid platform {s:?}: want os/arch[/variant], e.g. linux/arm64"),
        };
        if os.is_empty() || arch.is_empty() {
            bail!("invalid platform {s:?}: want os/arch[/variant], e.g. linux/arm64");
        }
        let (arch, variant) = normalize_arch(arch, variant);
        Ok(Platform {
            os: os.to_ascii_lowercase(),
            arch,
            variant,
        })
    }

    pub fn host() -> Platform {
        let (arch, variant) = normalize_arch(
            std::env::consts::ARCH,
            if std::env::consts::ARCH == "arm" {
                Some("v7")
            } else {
                None
            },
        );
        Platform {
            os: "linux".into(),
            arch,
            variant,
        }
    }

    /// Same os and architecture; the variant must match when we ask for one.
    pub fn matches(&self, p: &PlatformSpec) -> bool {
        let (arch, variant) = normalize_arch(&p.architecture, p.variant.as_deref());
        p.os.eq_ignore_ascii_case(&self.os)
            && arch == self.arch
            && (self.variant.is_none() || self.variant == variant)
    }

    fn exact(&self, p: &PlatformSpec) -> bool {
        let (_, variant) = normalize_arch(&p.architecture, p.variant.as_deref());
        self.matches(p) && variant == self.variant
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.arch)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// The index entry for `want`: an exact variant match first, else the first entry of
/// the same os/arch. Attestations (`unknown/unknown`) never match.
pub fn select<'a>(index: &'a Index, want: &Platform) -> Result<&'a Descriptor> {
    let images = || {
        index.manifests.iter().filter(|d| {
            matches!(d.media_type.as_str(), OCI_MANIFEST | DOCKER_MANIFEST | "")
                && d.platform.is_some()
        })
    };
    images()
        .find(|d| want.exact(d.platform.as_ref().unwrap()))
        .or_else(|| images().find(|d| want.matches(d.platform.as_ref().unwrap())))
        .ok_or_else(|| {
            let have: Vec<String> = images()
                .filter_map(|d| d.platform.as_ref())
                .filter(|p| p.os != "unknown")
                .map(|p| {
                    let mut s = format!("{}/{}", p.os, p.architecture);
                    if let Some(v) = &p.variant {
                        s += &format!("/{v}");
                    }
                    s
                })
                .collect();
            RegistryError::Unsupported(format!(
                "no matching manifest for {want} in the manifest list entries (available: {})",
                if have.is_empty() {
                    "none".into()
                } else {
                    have.join(", ")
                }
            ))
            .into()
        })
}

/// The few fields of an image config the client checks.
#[derive(Debug, Deserialize, Default)]
pub struct ConfigSummary {
    #[serde(default)]
    pub os: String,
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub rootfs: RootFs,
}

#[derive(Debug, Deserialize, Default)]
pub struct RootFs {
    #[serde(default)]
    pub diff_ids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(os: &str, arch: &str, variant: Option<&str>) -> PlatformSpec {
        PlatformSpec {
            architecture: arch.into(),
            os: os.into(),
            os_version: None,
            variant: variant.map(String::from),
        }
    }

    #[test]
    fn platforms() {
        let p = Platform::parse("linux/arm64").unwrap();
        assert_eq!((p.arch.as_str(), p.variant.clone()), ("arm64", None));
        assert!(p.matches(&spec("linux", "arm64", Some("v8"))));
        assert!(p.matches(&spec("linux", "aarch64", None)));
        assert!(!p.matches(&spec("linux", "amd64", None)));
        assert_eq!(Platform::parse("linux/x86_64").unwrap().arch, "amd64");
        assert_eq!(Platform::parse("arm64").unwrap().os, "linux");
        let arm = Platform::parse("linux/arm/v6").unwrap();
        assert!(!arm.matches(&spec("linux", "arm", Some("v7"))));
        assert!(arm.matches(&spec("linux", "arm", Some("v6"))));
        assert!(Platform::parse("a/b/c/d").is_err());
        assert!(Platform::parse("linux/").is_err());
        assert_eq!(
            Platform::parse("linux/arm/v7").unwrap().to_string(),
            "linux/arm/v7"
        );
    }

    #[test]
    fn selects() {
        let d = |os: &str, arch: &str, v: Option<&str>, dig: &str| {
            let mut x = Descriptor::new(OCI_MANIFEST, dig, 1);
            x.platform = Some(spec(os, arch, v));
            x
        };
        let idx = Index {
            schema_version: 2,
            media_type: Some(OCI_INDEX.into()),
            manifests: vec![
                d("linux", "amd64", None, "a"),
                d("linux", "arm", Some("v6"), "b"),
                d("linux", "arm", Some("v7"), "c"),
                d("linux", "arm64", Some("v8"), "d"),
                d("unknown", "unknown", None, "e"),
            ],
        };
        assert_eq!(
            select(&idx, &Platform::parse("linux/arm64").unwrap())
                .unwrap()
                .digest,
            "d"
        );
        assert_eq!(
            select(&idx, &Platform::parse("linux/arm/v7").unwrap())
                .unwrap()
                .digest,
            "c"
        );
        assert_eq!(
            select(&idx, &Platform::parse("linux/amd64").unwrap())
                .unwrap()
                .digest,
            "a"
        );
        let e = select(&idx, &Platform::parse("linux/s390x").unwrap()).unwrap_err();
        assert!(
            e.to_string()
                .contains("no matching manifest for linux/s390x"),
            "{e}"
        );
        assert!(!e.to_string().contains("unknown"));
    }

    #[test]
    fn refuses_schema1() {
        let e = parse(
            br#"{"schemaVersion":1,"name":"x","fsLayers":[]}"#,
            None,
            "x",
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("schema 1"));
        let e = parse(b"{}", Some(DOCKER_SCHEMA1_SIGNED), "x")
            .err()
            .unwrap();
        assert!(e.to_string().contains("schema 1"));
        assert!(matches!(
            parse(br#"{"schemaVersion":2,"manifests":[]}"#, None, "x").unwrap(),
            Parsed::Index(..)
        ));
    }
}
