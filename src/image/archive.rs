//! `load` and `save`: docker-archive (`docker save`, classic and OCI-hybrid layouts),
//! oci-archive and OCI layout directories.

use crate::image::layer::normalize;
use crate::image::store::{read_capped, ImageRecord, ImageStore, NewLayer};
use crate::oci::digest::{hex_of, sha256_digest};
use crate::oci::reference::Reference;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

const MEDIA_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const MEDIA_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const MEDIA_OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const MEDIA_OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
const ANNOT_REF_NAME: &str = "org.opencontainers.image.ref.name";
const ANNOT_CONTAINERD_NAME: &str = "io.containerd.image.name";

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DockerManifestEntry {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    media_type: String,
    digest: String,
    size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotations: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    platform: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OciIndex {
    schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    media_type: Option<String>,
    manifests: Vec<Descriptor>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OciManifest {
    schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    media_type: Option<String>,
    config: Descriptor,
    layers: Vec<Descriptor>,
}

/// What `load` printed about each image.
pub enum Loaded {
    Tagged(String),
    Untagged(String),
}

/// Load every image in a tar stream or an OCI layout directory.
pub fn load(store: &ImageStore, input: Option<&Path>) -> Result<Vec<Loaded>> {
    let _lock = store.lock()?;
    let scratch = store.scratch("load")?;
    let res = (|| {
        let src = match input {
            Some(p) if p.is_dir() => Source::dir(p)?,
            Some(p) => {
                let f = fs::File::open(p).with_context(|| format!("opening {}", p.display()))?;
                Source::unpacked(&scratch, extract_archive(f, &scratch)?)?
            }
            None => {
                if nix::unistd::isatty(0).unwrap_or(false) {
                    bail!("requested load from stdin, but stdin is empty");
                }
                Source::unpacked(
                    &scratch,
                    extract_archive(std::io::stdin().lock(), &scratch)?,
                )?
            }
        };
        if src.open("manifest.json").is_ok() {
            load_docker(store, &src)
        } else if src.open("index.json").is_ok() {
            load_oci(store, &src)
        } else {
            bail!("no manifest.json or index.json: not a docker-archive or OCI image")
        }
    })();
    let _ = fs::remove_dir_all(&scratch);
    if res.is_err() {
        // Blobs stored before the failure belong to no image: drop them.
        let _ = store.collect_garbage();
    }
    res
}

/// An archive's symlinks, kept as data (path components → target): nothing an archive
/// says is ever followed on the host side, nor written through.
type Links = BTreeMap<Vec<String>, String>;

/// Follow `links` along `comps` as if the archive's root were `/` (`..` stops at the
/// root), as docker's chrooted extraction would.
fn resolve_links(links: &Links, comps: &[String]) -> Result<Vec<String>> {
    let mut todo: std::collections::VecDeque<String> = comps.iter().cloned().collect();
    let mut cur: Vec<String> = Vec::new();
    let mut hops = 0;
    while let Some(c) = todo.pop_front() {
        match c.as_str() {
            "" | "." => continue,
            ".." => {
                cur.pop();
                continue;
            }
            _ => cur.push(c),
        }
        if let Some(target) = links.get(&cur) {
            hops += 1;
            if hops > 40 {
                bail!("too many levels of symbolic links at {:?}", comps.join("/"));
            }
            cur.pop();
            if target.starts_with('/') {
                cur.clear();
            }
            for t in target.split('/').rev() {
                todo.push_front(t.to_string());
            }
        }
    }
    Ok(cur)
}

/// Unpack an archive's plain files and directories into `dest` (fresh and empty);
/// symlinks are returned, not created, so no later write or read can pass through one.
fn extract_archive<R: Read>(r: R, dest: &Path) -> Result<Links> {
    let mut links = Links::new();
    let mut ar = tar::Archive::new(r);
    for e in ar.entries().context("reading archive")? {
        let mut e = e.context("reading archive")?;
        let name = String::from_utf8_lossy(&e.path_bytes()).into_owned();
        let comps = normalize(&name).with_context(|| format!("archive entry {name:?}"))?;
        let Some((base, parent)) = comps.split_last() else {
            continue;
        };
        // Entries below a symlinked directory land where the link points, inside `dest`.
        let mut at = resolve_links(&links, parent)?;
        at.push(base.clone());
        let path = at.iter().fold(dest.to_path_buf(), |p, c| p.join(c));
        let kind = e.header().entry_type();
        if matches!(
            kind,
            tar::EntryType::Directory
                | tar::EntryType::Regular
                | tar::EntryType::Continuous
                | tar::EntryType::Symlink
        ) {
            // A later entry replaces an earlier one of the same name, link or file.
            links.remove(&at);
            if !path.is_dir() {
                let _ = fs::remove_file(&path);
            }
        }
        match kind {
            tar::EntryType::Directory => {
                fs::create_dir_all(&path).with_context(|| format!("archive entry {name:?}"))?
            }
            tar::EntryType::Regular | tar::EntryType::Continuous => {
                if let Some(p) = path.parent() {
                    fs::create_dir_all(p)?;
                }
                let mut f = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .custom_flags(libc::O_NOFOLLOW)
                    .open(&path)
                    .with_context(|| format!("archive entry {name:?}"))?;
                std::io::copy(&mut e, &mut f).with_context(|| format!("extracting {name}"))?;
            }
            tar::EntryType::Symlink => {
                // Classic `docker save` links duplicate layers to each other.
                let target = e
                    .link_name()?
                    .context("symlink without target")?
                    .to_string_lossy()
                    .into_owned();
                let joined = format!("{}/{target}", parent.join("/"));
                normalize(&joined).with_context(|| format!("archive entry {name:?}"))?;
                links.insert(at, target);
            }
            _ => {}
        }
    }
    Ok(links)
}

/// Where `load` reads an image from: an archive unpacked into scratch (its symlinks as
/// data), or a directory the user named (read through openat2 RESOLVE_IN_ROOT, so its
/// symlinks resolve inside it). Either way, nothing outside the archive is read.
struct Source {
    root: std::os::fd::OwnedFd,
    /// Scratch of ours, whose files may be moved into the store.
    scratch: Option<PathBuf>,
    links: Links,
}

impl Source {
    fn dir(p: &Path) -> Result<Source> {
        Ok(Source {
            root: open_dir(p)?,
            scratch: None,
            links: Links::new(),
        })
    }

    fn unpacked(dir: &Path, links: Links) -> Result<Source> {
        Ok(Source {
            root: open_dir(dir)?,
            scratch: Some(dir.to_path_buf()),
            links,
        })
    }

    /// The entry's components after the archive's own links.
    fn resolve(&self, rel: &str) -> Result<Vec<String>> {
        let comps = normalize(rel).with_context(|| format!("archive path {rel:?}"))?;
        resolve_links(&self.links, &comps)
    }

    fn open(&self, rel: &str) -> Result<fs::File> {
        let comps = self.resolve(rel)?;
        let fd = crate::sys::resolve::open_in_root(&self.root, &comps.join("/"), libc::O_RDONLY)
            .with_context(|| format!("opening {rel} in the archive"))?;
        let f = fs::File::from(fd);
        if !f.metadata()?.is_file() {
            bail!("{rel} in the archive is not a file");
        }
        Ok(f)
    }

    fn read_json<T: for<'de> Deserialize<'de>>(&self, rel: &str) -> Result<T> {
        let data = read_capped(self.open(rel)?, 16 << 20)?;
        serde_json::from_slice(&data).with_context(|| format!("parsing {rel}"))
    }

    /// Store the file `rel` as a blob: moved when it is our scratch copy, else copied.
    fn put_blob(&self, store: &ImageStore, rel: &str, expected: Option<&str>) -> Result<String> {
        let mut f = self.open(rel)?;
        if let Some(dir) = &self.scratch {
            // Our scratch holds no symlinks: this path is the file just opened.
            let path = self
                .resolve(rel)?
                .iter()
                .fold(dir.clone(), |p, c| p.join(c));
            return store.put_blob_file(&path, expected);
        }
        let tmp = store.scratch("blob")?;
        let res = (|| {
            let mut out = fs::File::create(tmp.join("blob"))?;
            std::io::copy(&mut f, &mut out).with_context(|| format!("reading {rel}"))?;
            store.put_blob_file(&tmp.join("blob"), expected)
        })();
        let _ = fs::remove_dir_all(&tmp);
        res
    }
}

fn open_dir(p: &Path) -> Result<std::os::fd::OwnedFd> {
    let f = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY)
        .open(p)
        .with_context(|| format!("opening {}", p.display()))?;
    Ok(f.into())
}

fn load_docker(store: &ImageStore, src: &Source) -> Result<Vec<Loaded>> {
    let entries: Vec<DockerManifestEntry> = src.read_json("manifest.json")?;
    let mut out = Vec::new();
    // Several images (or classic-layout symlinks) may name the same layer file.
    let mut stored: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for ent in entries {
        let cfg_bytes = read_capped(
            src.open(&ent.config)
                .with_context(|| format!("reading {}", ent.config))?,
            16 << 20,
        )?;
        let config_digest = store.put_blob_bytes(&cfg_bytes)?;
        let config: crate::image::config::ImageConfigBlob =
            serde_json::from_slice(&cfg_bytes).context("parsing image config")?;
        if config.rootfs.diff_ids.len() != ent.layers.len() {
            bail!(
                "manifest.json lists {} layers, the config {}",
                ent.layers.len(),
                config.rootfs.diff_ids.len()
            );
        }
        let mut layers = Vec::new();
        for (lp, diff_id) in ent.layers.iter().zip(&config.rootfs.diff_ids) {
            let key = src.resolve(lp)?;
            let digest = match stored.get(&key) {
                Some(d) => d.clone(),
                None => {
                    let d = src
                        .put_blob(store, lp, None)
                        .with_context(|| format!("layer {lp}"))?;
                    stored.insert(key, d.clone());
                    d
                }
            };
            let media_type = sniff_media_type(&store.blob_path(&digest))?;
            layers.push(NewLayer {
                blob_path: store.blob_path(&digest),
                blob_digest: digest,
                media_type,
                diff_id: diff_id.clone(),
            });
        }
        let tags = parse_tags(ent.repo_tags.unwrap_or_default())?;
        let rec = store.add_image(&config_digest, layers, &tags)?;
        out.extend(loaded_lines(store, &rec, &tags));
    }
    Ok(out)
}

fn load_oci(store: &ImageStore, src: &Source) -> Result<Vec<Loaded>> {
    let index: OciIndex = src.read_json("index.json")?;
    let mut out = Vec::new();
    for desc in index.manifests {
        let names = oci_names(&desc);
        let manifest_desc = pick_platform(src, desc)?;
        let mbytes = read_blob_verified(src, &manifest_desc.digest)?;
        let manifest: OciManifest =
            serde_json::from_slice(&mbytes).context("parsing image manifest")?;
        let cfg_bytes = read_blob_verified(src, &manifest.config.digest)?;
        let config_digest = store.put_blob_bytes(&cfg_bytes)?;
        let config: crate::image::config::ImageConfigBlob =
            serde_json::from_slice(&cfg_bytes).context("parsing image config")?;
        if config.rootfs.diff_ids.len() != manifest.layers.len() {
            bail!(
                "image manifest lists {} layers, the config {}",
                manifest.layers.len(),
                config.rootfs.diff_ids.len()
            );
        }
        let mut layers = Vec::new();
        for (l, diff_id) in manifest.layers.iter().zip(&config.rootfs.diff_ids) {
            let digest = src
                .put_blob(store, &blob_in(&l.digest)?, Some(&l.digest))
                .with_context(|| format!("blob {}", l.digest))?;
            layers.push(NewLayer {
                blob_path: store.blob_path(&digest),
                blob_digest: digest,
                media_type: l.media_type.clone(),
                diff_id: diff_id.clone(),
            });
        }
        let tags = parse_tags(names)?;
        let rec = store.add_image(&config_digest, layers, &tags)?;
        out.extend(loaded_lines(store, &rec, &tags));
    }
    Ok(out)
}

/// The name an OCI index entry carries: containerd's full name, else a ref.name that is
/// a whole reference (a bare tag such as `latest` names no repository).
fn oci_names(desc: &Descriptor) -> Vec<String> {
    let a = desc.annotations.clone().unwrap_or_default();
    if let Some(n) = a.get(ANNOT_CONTAINERD_NAME) {
        return vec![n.clone()];
    }
    match a.get(ANNOT_REF_NAME) {
        Some(n) if n.contains(':') || n.contains('/') => vec![n.clone()],
        _ => vec![],
    }
}

/// Follow a nested index down to the manifest for this host's platform.
fn pick_platform(src: &Source, desc: Descriptor) -> Result<Descriptor> {
    if desc.media_type != MEDIA_OCI_INDEX
        && desc.media_type != "application/vnd.docker.distribution.manifest.list.v2+json"
    {
        return Ok(desc);
    }
    let idx: OciIndex = serde_json::from_slice(&read_blob_verified(src, &desc.digest)?)?;
    let arch = host_arch();
    idx.manifests
        .into_iter()
        .find(|m| {
            m.platform
                .as_ref()
                .is_some_and(|p| p["architecture"] == arch && p["os"] == "linux")
        })
        .with_context(|| format!("no image for linux/{arch} in the index"))
}

pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

/// A blob's path inside an OCI layout.
fn blob_in(digest: &str) -> Result<String> {
    crate::oci::reference::validate_digest(digest)?;
    Ok(format!("blobs/sha256/{}", hex_of(digest)))
}

fn read_blob_verified(src: &Source, digest: &str) -> Result<Vec<u8>> {
    let f = src
        .open(&blob_in(digest)?)
        .with_context(|| format!("blob {digest} missing"))?;
    let data = read_capped(f, 16 << 20)?;
    if sha256_digest(&data) != digest {
        bail!("blob {digest} is corrupt");
    }
    Ok(data)
}

pub fn sniff_media_type(p: &Path) -> Result<String> {
    let mut m = [0u8; 4];
    let n = fs::File::open(p)?.read(&mut m)?;
    Ok(match &m[..n] {
        [0x1f, 0x8b, ..] => "application/vnd.oci.image.layer.v1.tar+gzip",
        [0x28, 0xb5, 0x2f, 0xfd] => "application/vnd.oci.image.layer.v1.tar+zstd",
        _ => MEDIA_OCI_LAYER,
    }
    .to_string())
}

fn parse_tags(names: Vec<String>) -> Result<Vec<Reference>> {
    names
        .iter()
        .map(|n| Reference::parse(n).with_context(|| format!("bad tag {n:?} in archive")))
        .collect()
}

fn loaded_lines(store: &ImageStore, rec: &ImageRecord, tags: &[Reference]) -> Vec<Loaded> {
    // docker's load event names the image by id.
    let name = [("name", rec.id.clone())];
    crate::store::events::record(store.paths, "image", "load", &rec.id, &name);
    if tags.is_empty() {
        vec![Loaded::Untagged(rec.id.clone())]
    } else {
        tags.iter().map(|t| Loaded::Tagged(t.to_string())).collect()
    }
}

/// Archive formats `save` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveFormat {
    /// docker 25+'s layout: an OCI layout plus manifest.json, layers uncompressed, so
    /// both docker (any version) and OCI tools load it.
    DockerArchive,
    /// A plain OCI layout, layers as stored.
    OciArchive,
}

/// Write `images` (each with the names to record) as one archive.
pub fn save<W: Write>(
    store: &ImageStore,
    images: &[(ImageRecord, Vec<Reference>)],
    format: SaveFormat,
    w: W,
) -> Result<()> {
    let mut tb = tar::Builder::new(w);
    let mut written = std::collections::HashSet::new();
    let mut docker_manifest = Vec::new();
    let mut index = OciIndex {
        schema_version: 2,
        media_type: Some(MEDIA_OCI_INDEX.into()),
        manifests: vec![],
    };
    add_bytes(&mut tb, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    add_dir(&mut tb, "blobs/")?;
    add_dir(&mut tb, "blobs/sha256/")?;
    for (img, names) in images {
        let cfg = store.read_blob(&img.id)?;
        let cfg_name = format!("blobs/sha256/{}", hex_of(&img.id));
        if written.insert(cfg_name.clone()) {
            add_bytes(&mut tb, &cfg_name, &cfg)?;
        }
        let mut layer_descs = Vec::new();
        let mut layer_paths = Vec::new();
        for l in &img.layers {
            let (digest, size, media) = match format {
                SaveFormat::DockerArchive => {
                    (l.diff_id.clone(), l.size, MEDIA_OCI_LAYER.to_string())
                }
                SaveFormat::OciArchive => (l.blob.clone(), l.blob_size, l.media_type.clone()),
            };
            let name = format!("blobs/sha256/{}", hex_of(&digest));
            if written.insert(name.clone()) {
                let mut h = tar_header(size, 0o644);
                match format {
                    SaveFormat::DockerArchive => {
                        let r = crate::image::layer::open_decompressed(&store.blob_path(&l.blob))?;
                        tb.append_data(&mut h, &name, r)
                            .with_context(|| format!("writing layer {}", l.diff_id))?;
                    }
                    SaveFormat::OciArchive => {
                        let r = fs::File::open(store.blob_path(&l.blob))?;
                        tb.append_data(&mut h, &name, r)?;
                    }
                }
            }
            layer_paths.push(name);
            layer_descs.push(Descriptor {
                media_type: media,
                digest,
                size,
                annotations: None,
                platform: None,
            });
        }
        let manifest = OciManifest {
            schema_version: 2,
            media_type: Some(MEDIA_OCI_MANIFEST.into()),
            config: Descriptor {
                media_type: MEDIA_OCI_CONFIG.into(),
                digest: img.id.clone(),
                size: cfg.len() as u64,
                annotations: None,
                platform: None,
            },
            layers: layer_descs,
        };
        let mbytes = serde_json::to_vec(&manifest)?;
        let mdigest = sha256_digest(&mbytes);
        let mname = format!("blobs/sha256/{}", hex_of(&mdigest));
        if written.insert(mname.clone()) {
            add_bytes(&mut tb, &mname, &mbytes)?;
        }
        let mut push_index = |ann: Option<BTreeMap<String, String>>| {
            index.manifests.push(Descriptor {
                media_type: MEDIA_OCI_MANIFEST.into(),
                digest: mdigest.clone(),
                size: mbytes.len() as u64,
                annotations: ann,
                platform: None,
            });
        };
        if names.is_empty() {
            push_index(None);
        }
        for n in names {
            let mut ann = BTreeMap::new();
            ann.insert(
                ANNOT_CONTAINERD_NAME.to_string(),
                n.tagged().unwrap_or_else(|| n.name()),
            );
            ann.insert(
                ANNOT_REF_NAME.to_string(),
                n.tag.clone().unwrap_or_else(|| "latest".into()),
            );
            push_index(Some(ann));
        }
        docker_manifest.push(DockerManifestEntry {
            config: cfg_name,
            repo_tags: Some(names.iter().map(|n| n.to_string()).collect()),
            layers: layer_paths,
        });
    }
    add_bytes(&mut tb, "index.json", &serde_json::to_vec(&index)?)?;
    if format == SaveFormat::DockerArchive {
        add_bytes(
            &mut tb,
            "manifest.json",
            &serde_json::to_vec(&docker_manifest)?,
        )?;
    }
    tb.into_inner()?.flush()?;
    for (img, names) in images {
        let id = match names.first() {
            Some(r) => crate::oci::reference::familiar(&r.to_string()),
            None => img.id.clone(),
        };
        let name = [("name", id.clone())];
        crate::store::events::record(store.paths, "image", "save", &id, &name);
    }
    Ok(())
}

fn tar_header(size: u64, mode: u32) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_size(size);
    h.set_mode(mode);
    h.set_mtime(0);
    h.set_uid(0);
    h.set_gid(0);
    h.set_entry_type(tar::EntryType::Regular);
    h
}

fn add_bytes<W: Write>(tb: &mut tar::Builder<W>, name: &str, data: &[u8]) -> Result<()> {
    let mut h = tar_header(data.len() as u64, 0o644);
    tb.append_data(&mut h, name, data)?;
    Ok(())
}

fn add_dir<W: Write>(tb: &mut tar::Builder<W>, name: &str) -> Result<()> {
    let mut h = tar_header(0, 0o755);
    h.set_entry_type(tar::EntryType::Directory);
    tb.append_data(&mut h, name, std::io::empty())?;
    Ok(())
}
