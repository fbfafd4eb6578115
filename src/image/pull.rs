//! Images from and to registries: the registry client's blob sink is the image store,
//! a pulled image is added like a loaded one, and a pushed one records its digest.

use crate::image::store::{ImageRecord, ImageStore, NewLayer};
use crate::image::Reference;
use crate::oci::digest::hex_of;
use crate::registry::{self, BlobStore, Options, Pulled, PushImage, PushLayer, Pushed};
use anyhow::{Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

impl BlobStore for ImageStore<'_> {
    fn has_blob(&self, digest: &str) -> bool {
        self.blob_path(digest).exists()
    }
    /// Stable per digest (a killed pull resumes) and on the store's filesystem.
    fn temp_path(&self, digest: &str) -> PathBuf {
        let dir = self.paths.tmp().join("pull");
        let _ = fs::create_dir_all(&dir);
        dir.join(format!("{}.partial", hex_of(digest)))
    }
    fn commit_blob(&self, digest: &str, tmp: &Path) -> Result<()> {
        fs::rename(tmp, self.blob_path(digest)).with_context(|| format!("storing blob {digest}"))
    }
}

/// Pull `r` and add it to the store under its tag, recording its repo digest.
/// Returns the record and whether it was new (docker's "Downloaded newer image").
pub fn pull(
    store: &ImageStore,
    r: &Reference,
    opts: &Options,
) -> Result<(ImageRecord, Pulled, bool)> {
    let _ = registry::remove_stale_temps(
        &store.paths.tmp().join("pull"),
        std::time::Duration::from_secs(86400),
    );
    let pulled = registry::pull(r, opts, store)?;
    let _lock = store.lock()?;
    let config_digest = store.put_blob_bytes(&pulled.config_bytes)?;
    let repo_digest = format!("{}@{}", r.name(), pulled.digest);
    let before = store.get(&config_digest);
    let was_current = before.as_ref().is_some_and(|b| {
        b.repo_digests.contains(&repo_digest) && r.tagged().is_none_or(|t| b.repo_tags.contains(&t))
    });
    let layers = pulled
        .layers
        .iter()
        .map(|l| NewLayer {
            blob_path: store.blob_path(&l.digest),
            blob_digest: l.digest.clone(),
            media_type: l.media_type.clone(),
            diff_id: l.diff_id.clone(),
        })
        .collect();
    let tags: Vec<Reference> = if r.tag.is_some() {
        vec![r.clone()]
    } else {
        vec![]
    };
    let mut rec = store.add_image(&config_digest, layers, &tags)?;
    if !rec.repo_digests.contains(&repo_digest) {
        // A repository's digest moves with the tag: drop this repository's older one.
        rec.repo_digests
            .retain(|d| !d.starts_with(&format!("{}@", r.name())));
        rec.repo_digests.push(repo_digest);
        store.save_record(&rec)?;
    }
    let shown = crate::oci::reference::familiar(&r.to_string());
    let name = shown
        .rsplit_once(':')
        .map(|(n, _)| n.to_string())
        .unwrap_or(shown.clone());
    crate::store::events::record(store.paths, "image", "pull", &shown, &[("name", name)]);
    Ok((rec, pulled, !was_current))
}

/// Push image `img` as `r`; records the pushed digest.
pub fn push(
    store: &ImageStore,
    img: &ImageRecord,
    r: &Reference,
    opts: &Options,
) -> Result<Pushed> {
    let config_bytes = store.read_blob(&img.id)?;
    let layers = img
        .layers
        .iter()
        .map(|l| PushLayer {
            path: store.blob_path(&l.blob),
            digest: l.blob.clone(),
            media_type: l.media_type.clone(),
            size: l.blob_size,
            diff_id: l.diff_id.clone(),
        })
        .collect();
    // Blobs may already sit in another repository of the same registry: mount them.
    let mount_from = img
        .repo_digests
        .iter()
        .filter_map(|d| Reference::parse(d.split('@').next()?).ok())
        .filter(|o| o.registry == r.registry && o.repository != r.repository)
        .map(|o| o.repository)
        .collect();
    let pushed = registry::push(
        r,
        opts,
        &PushImage {
            config_bytes,
            layers,
            mount_from,
        },
    )?;
    let _lock = store.lock()?;
    if let Some(mut rec) = store.get(&img.id) {
        let d = format!("{}@{}", r.name(), pushed.digest);
        if !rec.repo_digests.contains(&d) {
            rec.repo_digests
                .retain(|x| !x.starts_with(&format!("{}@", r.name())));
            rec.repo_digests.push(d);
            store.save_record(&rec)?;
        }
    }
    Ok(pushed)
}
