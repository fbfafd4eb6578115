//! Images out of steps: the config blob with its history entry committed through the
//! image store, the step cache (`build-cache/<key>` → image id), the final tagging.

use super::*;

impl Builder<'_> {
    pub(super) fn key(parent: Option<&ImageRecord>, text: &str) -> String {
        sha256_hex(
            format!(
                "{}\n{text}",
                parent.map(|p| p.id.as_str()).unwrap_or("scratch")
            )
            .as_bytes(),
        )
    }

    pub(super) fn cache_hit(
        &self,
        parent: Option<&ImageRecord>,
        text: &str,
    ) -> Option<ImageRecord> {
        if self.o.no_cache {
            return None;
        }
        let p = cache_dir(self.paths).join(Self::key(parent, text));
        let id = std::fs::read_to_string(p).ok()?;
        let id = id.trim();
        crate::image::store::is_image_id(id).then(|| self.store.get(id))?
    }

    pub(super) fn save_cache(
        &self,
        parent: Option<&ImageRecord>,
        text: &str,
        img: &ImageRecord,
    ) -> Result<()> {
        let d = cache_dir(self.paths);
        std::fs::create_dir_all(&d)?;
        crate::store::atomic::write_atomic(&d.join(Self::key(parent, text)), img.id.as_bytes())
    }

    /// A step's image through the cache: the cached one if any, else committed.
    pub(super) fn commit_cached(
        &self,
        parent: Option<&ImageRecord>,
        text: &str,
        cfg: ImageConfigBlob,
        history: Option<serde_json::Value>,
        layer: Option<(Written, PathBuf)>,
    ) -> Result<ImageRecord> {
        if let Some(img) = self.cache_hit(parent, text) {
            return Ok(img);
        }
        let layers = parent.map(|p| p.layers.clone()).unwrap_or_default();
        let img = self.commit(&cfg, &layers, history, layer)?;
        self.save_cache(parent, text, &img)?;
        Ok(img)
    }

    /// Write an image: `cfg` with the new layer and history entry appended.
    pub(super) fn commit(
        &self,
        cfg: &ImageConfigBlob,
        base: &[crate::image::store::LayerRef],
        history: Option<serde_json::Value>,
        layer: Option<(Written, PathBuf)>,
    ) -> Result<ImageRecord> {
        let mut cfg = cfg.clone();
        let now = now_rfc3339();
        cfg.created = Some(now);
        cfg.rootfs.kind = "layers".into();
        if let Some(h) = history {
            cfg.history.push(h);
        }
        let _lock = self.store.lock()?;
        let mut layers: Vec<NewLayer> = base
            .iter()
            .map(|l| NewLayer {
                blob_path: self.store.blob_path(&l.blob),
                blob_digest: l.blob.clone(),
                media_type: l.media_type.clone(),
                diff_id: l.diff_id.clone(),
            })
            .collect();
        cfg.rootfs.diff_ids = layers.iter().map(|l| l.diff_id.clone()).collect();
        if let Some((w, path)) = layer {
            let digest = self.store.put_blob_file(&path, Some(&w.blob_digest));
            drop_scratch(&path);
            let digest = digest?;
            layers.push(NewLayer {
                blob_path: self.store.blob_path(&digest),
                blob_digest: digest,
                media_type: MEDIA_TYPE.into(),
                diff_id: w.diff_id.clone(),
            });
            cfg.rootfs.diff_ids.push(w.diff_id);
        }
        let data = serde_json::to_vec(&cfg)?;
        let id = self.store.put_blob_bytes(&data)?;
        let existed = self.store.get(&id).is_some();
        let mut rec = self.store.add_image(&id, layers, &[])?;
        if !existed {
            rec.build_cache = true;
            self.store.save_record(&rec)?;
        }
        Ok(rec)
    }

    /// The result: no longer hidden as cache, tagged.
    pub(super) fn finish(&mut self, img: &ImageRecord) -> Result<()> {
        self.progress.begin("exporting to image");
        self.progress.line("exporting layers done");
        self.progress
            .line(&format!("writing image {} done", img.id));
        {
            let _lock = self.store.lock()?;
            if let Some(mut rec) = self.store.get(&img.id) {
                if rec.build_cache {
                    rec.build_cache = false;
                    self.store.save_record(&rec)?;
                }
            }
        }
        for t in &self.o.tags {
            self.store.tag(&img.id, t)?;
            self.progress.line(&format!(
                "naming to {} done",
                t.tagged().unwrap_or_default()
            ));
        }
        self.progress.done();
        let _ = hex_of(&img.id);
        Ok(())
    }
}
