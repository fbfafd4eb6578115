//! `import`: a tar of a filesystem (plain, gzip or zstd) made into a one-layer image,
//! its config from `--change` lines and `--message`, as docker's engine builds it.

use super::change;
use super::config::{ImageConfigBlob, RootFs, RunConfig};
use super::store::{ImageRecord, ImageStore, NewLayer};
use crate::oci::digest::HashingReader;
use crate::oci::reference::Reference;
use anyhow::{Context, Result};
use std::io::Read;

pub struct ImportOptions<'a> {
    pub changes: &'a [String],
    pub message: Option<&'a str>,
    pub tag: Option<Reference>,
}

/// Store the archive read from `src` as an image; returns its record.
pub fn import(store: &ImageStore, src: &mut dyn Read, o: ImportOptions) -> Result<ImageRecord> {
    let mut config = RunConfig::default();
    for c in o.changes {
        change::apply(&mut config, c)?;
    }
    let _lock = store.lock()?;
    let scratch = store.scratch("import")?;
    let res = (|| {
        let file = scratch.join("layer");
        let mut f = std::fs::File::create(&file).context("creating the layer file")?;
        std::io::copy(src, &mut f).context("reading the archive")?;
        drop(f);
        // The diff id is the hash of the uncompressed stream, which must be a tar.
        let diff_id = tar_diff_id(&file)?;
        let digest = store.put_blob_file(&file, None)?;
        let now = crate::store::time::now_rfc3339();
        let host = crate::registry::manifest::Platform::host();
        let comment = o.message.unwrap_or("");
        let history_comment = match o.message {
            Some(m) => m.to_string(),
            None => "Imported from -".to_string(),
        };
        let blob = ImageConfigBlob {
            created: Some(now.clone()),
            author: None,
            comment: (!comment.is_empty()).then(|| comment.to_string()),
            architecture: host.arch,
            os: host.os,
            variant: host.variant,
            config,
            rootfs: RootFs {
                kind: "layers".into(),
                diff_ids: vec![diff_id.clone()],
            },
            history: vec![serde_json::json!({"created": now, "comment": history_comment})],
        };
        let config_digest = store.put_blob_bytes(&serde_json::to_vec(&blob)?)?;
        let media_type = super::archive::sniff_media_type(&store.blob_path(&digest))?;
        let layers = vec![NewLayer {
            blob_path: store.blob_path(&digest),
            blob_digest: digest,
            media_type,
            diff_id,
        }];
        let tags: Vec<Reference> = o.tag.into_iter().collect();
        let rec = store.add_image(&config_digest, layers, &tags)?;
        let name = [("name", rec.id.clone())];
        crate::store::events::record(store.paths, "image", "import", &rec.id, &name);
        Ok(rec)
    })();
    let _ = crate::storage::mapped::remove_tree(&scratch);
    res
}

/// The sha256 of the uncompressed stream, which must be a tar archive (every entry
/// read; what follows the end marker is hashed too).
fn tar_diff_id(file: &std::path::Path) -> Result<String> {
    let mut h = HashingReader::new(super::layer::open_decompressed(file)?);
    {
        let mut a = tar::Archive::new(&mut h);
        let mut n = 0;
        for e in a.entries().context("reading the archive")? {
            e.context("the archive is not a valid tar")?;
            n += 1;
        }
        if n == 0 {
            anyhow::bail!("the archive is empty or not a tar archive");
        }
        std::io::copy(&mut a.into_inner(), &mut std::io::sink())?;
    }
    let (d, _) = h.finish().context("reading the archive")?;
    Ok(d)
}
