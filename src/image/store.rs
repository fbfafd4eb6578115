//! The image store: content-addressed blobs (`blobs/sha256/<hex>`), unpacked layers keyed
//! by chain id and shared between images (`layers/<chain hex>/diff`), and one record per
//! image (`images/<id hex>.json`) holding its tags. Image metadata changes take
//! `images.lock`; layer directories appear by rename, whole or not at all.

use crate::image::config::ImageConfigBlob;
use crate::image::layer::{self, UnpackOptions};
use crate::oci::digest::{chain_ids, hex_of, HashingReader};
use crate::oci::reference::{self, Reference};
use crate::store::{read_json, write_json_atomic, Lock, Paths};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LayerRef {
    pub diff_id: String,
    pub chain_id: String,
    /// Digest of the stored blob (compressed as it came).
    pub blob: String,
    pub media_type: String,
    pub blob_size: u64,
    /// Uncompressed size.
    pub size: u64,
    /// The content's size as docker counts it (files and symlinks; what `images` and
    /// `history` show). None in records written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_size: Option<u64>,
}

impl LayerRef {
    /// docker's size of this layer.
    pub fn shown_size(&self) -> u64 {
        self.content_size.unwrap_or(self.size)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageRecord {
    /// `sha256:<config digest>`, docker's image id.
    pub id: String,
    /// Normalized `registry/repo:tag` names.
    pub repo_tags: Vec<String>,
    #[serde(default)]
    pub repo_digests: Vec<String>,
    pub layers: Vec<LayerRef>,
    #[serde(default)]
    pub created: Option<String>,
    pub loaded: String,
    pub size: u64,
    /// An intermediate image of `berth build` (its step cache): hidden from `images`.
    /// TODO(prune): `image prune`/`system prune` remove these (with build-cache/).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub build_cache: bool,
    /// A record that cannot be read (or names a malformed id): why. Such an image is
    /// listed (as `<damaged>`, its id taken from the file name) and removable with `rmi`.
    #[serde(skip)]
    pub broken: Option<String>,
}

impl ImageRecord {
    pub fn short_id(&self) -> &str {
        let h = hex_of(&self.id);
        h.get(..12).unwrap_or(h)
    }

    /// What can be told of a damaged record `images/<hex>.json`.
    fn damaged(hex: &str, why: String) -> ImageRecord {
        ImageRecord {
            id: format!("sha256:{hex}"),
            repo_tags: vec![],
            repo_digests: vec![],
            layers: vec![],
            created: None,
            loaded: String::new(),
            size: 0,
            build_cache: false,
            broken: Some(why),
        }
    }
}

/// `sha256:` and 64 lowercase hex characters.
pub fn is_image_id(id: &str) -> bool {
    id.strip_prefix("sha256:")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// A layer ready to be added: where its blob is and what it must hash to.
pub struct NewLayer {
    pub blob_path: PathBuf,
    pub blob_digest: String,
    pub media_type: String,
    pub diff_id: String,
}

pub struct ImageStore<'a> {
    pub paths: &'a Paths,
}

impl<'a> ImageStore<'a> {
    pub fn new(paths: &'a Paths) -> Self {
        ImageStore { paths }
    }

    /// The store lock. Taking it also clears scratch left by commands that died.
    pub fn lock(&self) -> Result<Lock> {
        let l = Lock::exclusive(&self.paths.images_lock())?;
        let _ = crate::store::scratch::clean_stale(self.paths);
        Ok(l)
    }

    pub fn blob_path(&self, digest: &str) -> PathBuf {
        self.paths.blobs().join(hex_of(digest))
    }

    pub fn layer_dir(&self, chain_id: &str) -> PathBuf {
        self.paths.layers().join(hex_of(chain_id)).join("diff")
    }

    pub(super) fn record_path(&self, id: &str) -> PathBuf {
        self.paths.images().join(format!("{}.json", hex_of(id)))
    }

    /// A scratch dir under the store, for work that ends in a rename.
    pub fn scratch(&self, what: &str) -> Result<PathBuf> {
        crate::store::scratch::create(self.paths, what)
    }

    /// Move `file` into the blob store under its sha256 (computed here); returns the digest.
    pub fn put_blob_file(&self, file: &Path, expected: Option<&str>) -> Result<String> {
        let f = fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
        let mut h = HashingReader::new(std::io::BufReader::with_capacity(1 << 20, f));
        std::io::copy(&mut h, &mut std::io::sink())?;
        let (digest, _) = h.finish()?;
        if let Some(e) = expected {
            if e != digest {
                bail!(
                    "blob {} hashes to {digest}, expected {e}: the archive is corrupt",
                    file.display()
                );
            }
        }
        let dest = self.blob_path(&digest);
        if !dest.exists() {
            fs::rename(file, &dest)
                .or_else(|_| fs::copy(file, &dest).map(|_| ()))
                .with_context(|| format!("storing blob {digest}"))?;
        }
        Ok(digest)
    }

    pub fn put_blob_bytes(&self, data: &[u8]) -> Result<String> {
        let digest = crate::oci::digest::sha256_digest(data);
        let dest = self.blob_path(&digest);
        if !dest.exists() {
            crate::store::atomic::write_atomic(&dest, data)?;
        }
        Ok(digest)
    }

    pub fn read_blob(&self, digest: &str) -> Result<Vec<u8>> {
        fs::read(self.blob_path(digest)).with_context(|| format!("reading blob {digest}"))
    }

    pub fn config(&self, img: &ImageRecord) -> Result<ImageConfigBlob> {
        let data = self.read_blob(&img.id)?;
        serde_json::from_slice(&data).context("parsing image config")
    }

    /// Add an image from a stored config blob and its layers (blobs already in the
    /// store); unpack missing layers; point `tags` at it. Returns the record. The caller
    /// holds the images lock from storing the blobs on, so garbage collection cannot
    /// take them away in between.
    pub fn add_image(
        &self,
        config_digest: &str,
        layers: Vec<NewLayer>,
        tags: &[Reference],
    ) -> Result<ImageRecord> {
        let config: ImageConfigBlob = serde_json::from_slice(&self.read_blob(config_digest)?)
            .context("parsing image config")?;
        let diff_ids = &config.rootfs.diff_ids;
        if diff_ids.len() != layers.len() {
            bail!(
                "image config lists {} layers, the archive has {}",
                diff_ids.len(),
                layers.len()
            );
        }
        for (l, d) in layers.iter().zip(diff_ids) {
            if &l.diff_id != d {
                bail!("layer order does not match the image config");
            }
        }
        let chains = chain_ids(diff_ids);
        let sizes = self.ensure_layers(&layers, &chains)?;
        let refs: Vec<LayerRef> = layers
            .into_iter()
            .zip(chains)
            .zip(sizes)
            .map(|((l, chain_id), (size, content_size))| {
                let blob_size = fs::metadata(self.blob_path(&l.blob_digest))
                    .map(|m| m.len())
                    .unwrap_or(0);
                LayerRef {
                    diff_id: l.diff_id,
                    chain_id,
                    blob: l.blob_digest,
                    media_type: l.media_type,
                    blob_size,
                    size,
                    content_size,
                }
            })
            .collect();
        let mut rec = self.get(config_digest).unwrap_or(ImageRecord {
            id: config_digest.to_string(),
            repo_tags: vec![],
            repo_digests: vec![],
            size: refs.iter().map(LayerRef::shown_size).sum(),
            layers: refs,
            created: config.created.clone(),
            loaded: crate::store::time::now_rfc3339(),
            build_cache: false,
            broken: None,
        });
        for t in tags {
            let full = t.tagged().context("a tag is needed")?;
            self.untag_everywhere(&full, &rec.id)?;
            if !rec.repo_tags.contains(&full) {
                rec.repo_tags.push(full);
            }
        }
        write_json_atomic(&self.record_path(&rec.id), &rec)?;
        Ok(rec)
    }

    /// Unpack the layers whose chain is not stored yet (all in one storage child).
    /// Returns each layer's uncompressed size.
    fn ensure_layers(
        &self,
        layers: &[NewLayer],
        chains: &[String],
    ) -> Result<Vec<(u64, Option<u64>)>> {
        let mut todo: Vec<(usize, PathBuf)> = Vec::new();
        let mut sizes = vec![(0u64, None); layers.len()];
        // (blob, diff id) pairs some stored image already vouches for.
        let mut known: Option<std::collections::HashSet<(String, String)>> = None;
        for (i, chain) in chains.iter().enumerate() {
            let dir = self.paths.layers().join(hex_of(chain));
            match read_json::<LayerMeta>(&dir.join("layer.json")) {
                Ok(m) => {
                    let l = &layers[i];
                    let known = known.get_or_insert_with(|| {
                        self.list()
                            .unwrap_or_default()
                            .into_iter()
                            .flat_map(|r| r.layers.into_iter().map(|l| (l.blob, l.diff_id)))
                            .collect()
                    });
                    if !known.contains(&(l.blob_digest.clone(), l.diff_id.clone())) {
                        layer::verify_diff_id(&self.blob_path(&l.blob_digest), &l.diff_id)?;
                    }
                    sizes[i] = (m.size, m.content_size)
                }
                Err(_) => todo.push((i, self.scratch("layer")?)),
            }
        }
        if todo.is_empty() {
            return Ok(sizes);
        }
        let rootless = self.paths.rootless;
        let squash = rootless && crate::sys::idmap::IdMap::current().sub.is_none();
        let opts = UnpackOptions::layer(rootless, squash, !rootless);
        let jobs: Vec<(PathBuf, PathBuf, String)> = todo
            .iter()
            .map(|(i, tmp)| {
                (
                    self.blob_path(&layers[*i].blob_digest),
                    tmp.clone(),
                    layers[*i].diff_id.clone(),
                )
            })
            .collect();
        let result = crate::storage::mapped::run_mapped(|| {
            for (blob, tmp, diff_id) in &jobs {
                let diff = tmp.join("diff");
                fs::create_dir(&diff)?;
                let (size, content_size) = layer::unpack(blob, &diff, diff_id, opts)?;
                write_json_atomic(
                    &tmp.join("layer.json"),
                    &LayerMeta {
                        diff_id: diff_id.clone(),
                        size,
                        content_size: Some(content_size),
                    },
                )?;
            }
            Ok(())
        });
        if let Err(e) = result {
            for (_, tmp) in &todo {
                let _ = crate::storage::mapped::remove_tree(tmp);
            }
            return Err(e);
        }
        for ((i, tmp), chain) in todo.iter().zip(todo.iter().map(|(i, _)| &chains[*i])) {
            let meta: LayerMeta = read_json(&tmp.join("layer.json"))?;
            sizes[*i] = (meta.size, meta.content_size);
            let dest = self.paths.layers().join(hex_of(chain));
            if fs::rename(tmp, &dest).is_err() {
                // Another process stored the same layer first: keep theirs.
                crate::storage::mapped::remove_tree(tmp)?;
            }
        }
        Ok(sizes)
    }

    /// Rewrite an image record (caller holds the lock).
    pub fn save_record(&self, rec: &ImageRecord) -> Result<()> {
        write_json_atomic(&self.record_path(&rec.id), rec)
    }

    /// Every image, damaged records included (see `ImageRecord::broken`).
    pub fn list(&self) -> Result<Vec<ImageRecord>> {
        let mut out = Vec::new();
        for e in fs::read_dir(self.paths.images())? {
            let p = e?.path();
            if p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let hex = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match read_json::<ImageRecord>(&p) {
                Ok(r) if is_image_id(&r.id) && hex_of(&r.id) == hex => out.push(r),
                Ok(r) => out.push(ImageRecord::damaged(
                    &hex,
                    format!("{}: malformed image id {:?}", p.display(), r.id),
                )),
                // Removed while we listed.
                Err(_) if !p.exists() => {}
                Err(e) => out.push(ImageRecord::damaged(&hex, format!("{e:#}"))),
            }
        }
        // Newest first, as docker lists them.
        out.sort_by(|a, b| b.created.cmp(&a.created).then(b.loaded.cmp(&a.loaded)));
        Ok(out)
    }

    pub fn get(&self, id: &str) -> Option<ImageRecord> {
        read_json(&self.record_path(id))
            .ok()
            .filter(|r: &ImageRecord| is_image_id(&r.id))
    }

    /// Find an image by name[:tag], full or short id (with or without `sha256:`).
    pub fn resolve(&self, name: &str) -> Result<ImageRecord> {
        self.find(name)?
            .ok_or_else(|| anyhow::anyhow!("No such image: {name}"))
    }

    pub fn find(&self, name: &str) -> Result<Option<ImageRecord>> {
        let all = self.list()?;
        let hexpart = name.strip_prefix("sha256:").unwrap_or(name);
        if hexpart.len() >= 3 && hexpart.chars().all(|c| c.is_ascii_hexdigit()) {
            let hits: Vec<_> = all
                .iter()
                .filter(|r| hex_of(&r.id).starts_with(hexpart))
                .collect();
            if hits.len() == 1 {
                return Ok(Some(hits[0].clone()));
            }
        }
        if let Ok(r) = Reference::parse(name) {
            if let Some(t) = r.tagged() {
                if let Some(img) = all.iter().find(|i| i.repo_tags.contains(&t)) {
                    return Ok(Some(img.clone()));
                }
            }
            if let Some(d) = &r.digest {
                let want = format!("{}@{}", r.name(), d);
                if let Some(img) = all.iter().find(|i| i.repo_digests.contains(&want)) {
                    return Ok(Some(img.clone()));
                }
            }
        }
        Ok(None)
    }

    /// Point `target` at image `id`, moving it away from any other image.
    pub fn tag(&self, id: &str, target: &Reference) -> Result<()> {
        let full = target.tagged().context("a tag is needed")?;
        let _lock = self.lock()?;
        let mut rec = self
            .get(id)
            .with_context(|| format!("No such image: {id}"))?;
        self.untag_everywhere(&full, id)?;
        if !rec.repo_tags.contains(&full) {
            rec.repo_tags.push(full.clone());
            write_json_atomic(&self.record_path(id), &rec)?;
        }
        let name = reference::familiar(&full);
        crate::store::events::record(self.paths, "image", "tag", id, &[("name", name)]);
        Ok(())
    }

    /// Remove the tag `full` from every image except `keep` (caller holds the lock).
    fn untag_everywhere(&self, full: &str, keep: &str) -> Result<()> {
        for mut r in self.list()? {
            if r.id != keep && r.repo_tags.iter().any(|t| t == full) {
                r.repo_tags.retain(|t| t != full);
                write_json_atomic(&self.record_path(&r.id), &r)?;
            }
        }
        Ok(())
    }

    /// Remove one tag from an image (caller holds the lock). Returns the updated record.
    pub fn untag(&self, id: &str, full: &str) -> Result<ImageRecord> {
        let mut r = self
            .get(id)
            .with_context(|| format!("No such image: {id}"))?;
        r.repo_tags.retain(|t| t != full);
        write_json_atomic(&self.record_path(id), &r)?;
        crate::store::events::record(
            self.paths,
            "image",
            "untag",
            id,
            &[("name", id.to_string())],
        );
        Ok(r)
    }

    /// Damaged image records: what `system check` reports; `repair` removes them (and
    /// then what no image uses any more). Returns (finding, repaired) pairs.
    pub fn check(&self, repair: bool) -> Result<Vec<(String, bool)>> {
        let _lock = if repair { Some(self.lock()?) } else { None };
        let mut out = Vec::new();
        for img in self.list()? {
            let Some(why) = &img.broken else { continue };
            let what = format!("image {}: damaged record: {why}", img.short_id());
            let fixed = repair && fs::remove_file(self.record_path(&img.id)).is_ok();
            out.push((what, fixed));
        }
        if repair && out.iter().any(|(_, f)| *f) {
            self.collect_garbage()?;
        }
        Ok(out)
    }

    /// Delete an image record, then layers and blobs no other image uses
    /// (caller holds the lock).
    pub fn delete(&self, id: &str) -> Result<()> {
        fs::remove_file(self.record_path(id)).with_context(|| format!("removing image {id}"))?;
        crate::store::events::record(
            self.paths,
            "image",
            "delete",
            id,
            &[("name", id.to_string())],
        );
        self.collect_garbage()
    }

    /// Remove layers and blobs no image refers to (caller holds the lock).
    pub fn collect_garbage(&self) -> Result<()> {
        let images = self.list()?;
        // What a damaged record refers to is unknown: keep everything until it is gone.
        if images.iter().any(|i| i.broken.is_some()) {
            return Ok(());
        }
        let mut chains = std::collections::HashSet::new();
        let mut blobs = std::collections::HashSet::new();
        for i in &images {
            blobs.insert(hex_of(&i.id).to_string());
            for l in &i.layers {
                chains.insert(hex_of(&l.chain_id).to_string());
                blobs.insert(hex_of(&l.blob).to_string());
            }
        }
        let mut unused = Vec::new();
        for e in fs::read_dir(self.paths.layers())? {
            let e = e?;
            if !chains.contains(e.file_name().to_string_lossy().as_ref()) {
                unused.push(e.path());
            }
        }
        crate::storage::mapped::remove_trees(&unused)?;
        for e in fs::read_dir(self.paths.blobs())? {
            let e = e?;
            if !blobs.contains(e.file_name().to_string_lossy().as_ref()) {
                let _ = fs::remove_file(e.path());
            }
        }
        Ok(())
    }
}

#[derive(Serialize, Deserialize)]
struct LayerMeta {
    diff_id: String,
    size: u64,
    #[serde(default)]
    content_size: Option<u64>,
}

/// Tags shown the way docker shows them (`busybox:latest`).
pub fn familiar_tags(r: &ImageRecord) -> Vec<String> {
    r.repo_tags.iter().map(|t| reference::familiar(t)).collect()
}

/// Read a whole (small) stream, e.g. a manifest, with a size cap.
pub fn read_capped<R: Read>(r: R, cap: u64) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    r.take(cap + 1).read_to_end(&mut v)?;
    if v.len() as u64 > cap {
        bail!("metadata file larger than {cap} bytes");
    }
    Ok(v)
}
