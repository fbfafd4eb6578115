//! COPY/ADD sources: the layer written in the storage child (from the context, or
//! from another stage's or image's flattened rootfs), heredoc bodies, ADD's downloads.

use super::*;

impl Builder<'_> {
    /// The COPY/ADD layer (or WORKDIR's directories when `mkdir`), written in the
    /// storage child; (what was written, the blob file).
    pub(super) fn copy_layer(
        &self,
        st: &State,
        job: &CopyJob,
        from: Option<Option<&ImageRecord>>,
        mkdir: bool,
    ) -> Result<Option<(Written, PathBuf)>> {
        let scratch = self.store.scratch("copy")?;
        let blob = scratch.join("blob");
        let result = scratch.join("result.json");
        let layers = self.layer_dirs(st)?;
        // --from: the stage's or image's rootfs, flattened into scratch.
        // --from: the stage's or image's rootfs, flattened into scratch.
        let src_blobs: Option<Vec<PathBuf>> = from.map(|img| {
            img.iter()
                .flat_map(|i| i.layers.iter().map(|l| self.store.blob_path(&l.blob)))
                .collect()
        });
        let flat = scratch.join("from");
        let rootless = self.paths.rootless;
        // One id mapped only: owners cannot be kept (as the image store unpacks).
        let squash = rootless && crate::sys::idmap::IdMap::current().sub.is_none();
        let ctx_fd = &self.ctx.fd;
        let ign = &self.ctx.ignore;
        let r = crate::storage::mapped::run_mapped(|| {
            let written = if mkdir {
                let mut lw = crate::storage::difftar::LayerWriter::create(&blob)?;
                let mut acc = String::new();
                for c in job.dest.split('/').filter(|c| !c.is_empty()) {
                    acc = if acc.is_empty() {
                        c.to_string()
                    } else {
                        format!("{acc}/{c}")
                    };
                    let mut h = tar::Header::new_gnu();
                    h.set_entry_type(tar::EntryType::Directory);
                    h.set_size(0);
                    match crate::storage::layered::stat(&layers, &format!("/{acc}")) {
                        Some(m) => {
                            use std::os::unix::fs::MetadataExt;
                            h.set_mode(m.mode() & 0o7777);
                            h.set_uid(m.uid() as u64);
                            h.set_gid(m.gid() as u64);
                            h.set_mtime(m.mtime().max(0) as u64);
                        }
                        None => {
                            let (u, g) = job.owner.unwrap_or((0, 0));
                            h.set_mode(0o755);
                            h.set_uid(u as u64);
                            h.set_gid(g as u64);
                            h.set_mtime(0);
                        }
                    }
                    lw.add(&mut h, &format!("{acc}/"), &[][..])?;
                }
                lw.finish()?
            } else if let Some(blobs) = &src_blobs {
                std::fs::create_dir(&flat)?;
                let opts = crate::image::layer::UnpackOptions {
                    user_xattrs: rootless,
                    squash_owners: squash,
                    can_mknod: !rootless,
                    apply_whiteouts: true,
                    swap_ids: None,
                };
                for b in blobs {
                    crate::image::layer::apply_tar(
                        crate::image::layer::open_decompressed(b)?,
                        &flat,
                        opts,
                    )?;
                }
                let fd = crate::sys::resolve::open_in_root(
                    &std::fs::File::open(&flat)?.into(),
                    ".",
                    libc::O_PATH | libc::O_DIRECTORY,
                )?;
                copy::write_layer(&fd, &Default::default(), false, &layers, job, &blob)?
            } else {
                copy::write_layer(ctx_fd, ign, true, &layers, job, &blob)?
            };
            crate::store::write_json_atomic(&result, &written)?;
            Ok(())
        });
        let out = r.and_then(|_| {
            let w: Option<Written> = crate::store::read_json(&result)?;
            Ok(w)
        });
        if flat.exists() {
            let _ = crate::storage::mapped::remove_tree(&flat);
        }
        match out {
            Ok(Some(w)) => Ok(Some((w, blob))),
            other => {
                let _ = crate::storage::mapped::remove_tree(&scratch);
                other.map(|_| None)
            }
        }
    }

    /// RUN: a container from the current image, run in the foreground, its upper dir
    /// made a layer.
    /// The image `COPY --from` names: a stage (by name or index; None for one built
    /// FROM scratch with nothing in it) or an image, pulled if missing.
    pub(super) fn source_image(&self, f: &str) -> Result<Option<ImageRecord>> {
        let lower = f.to_ascii_lowercase();
        let stage = self
            .df
            .stages
            .iter()
            .position(|s| s.name.as_deref() == Some(&lower))
            .or_else(|| f.parse::<usize>().ok());
        match stage {
            Some(j) => Ok(self
                .built
                .get(&j)
                .with_context(|| format!("stage {f} is not built"))?
                .0
                .clone()),
            None => {
                if self.store.find(f)?.is_none() {
                    (self.pull)(f)?;
                }
                Ok(Some(self.store.resolve(f)?))
            }
        }
    }
}

/// The heredoc a COPY/ADD source names (`<<EOF`, `<<-EOF`, `<<"EOF"`).
pub(super) fn heredoc_for<'h>(
    src: &str,
    docs: &'h [dockerfile::Heredoc],
) -> Option<&'h dockerfile::Heredoc> {
    let name = src.strip_prefix("<<")?;
    let name = name.strip_prefix('-').unwrap_or(name);
    let name = name.trim_matches(|c| c == '"' || c == '\'');
    docs.iter().find(|h| h.name == name)
}

/// A heredoc body with its variables substituted, quotes and escapes kept as written
/// (BuildKit's raw quotes for heredocs).
pub(super) fn expand_heredoc(body: &str, vars: &[(String, String)], esc: char) -> Result<String> {
    let mut quoted = String::with_capacity(body.len());
    for c in body.chars() {
        if c == esc || c == '"' || c == '\'' {
            quoted.push(esc);
        }
        quoted.push(c);
    }
    words::word(&quoted, &vars.to_vec(), esc)
}

/// The most ADD downloads.
const MAX_DOWNLOAD: u64 = 8 << 30;

/// ADD URL: fetch into `dest`, check `--checksum`; returns the file name to use (the
/// URL's last path segment, as docker names it).
pub(super) fn download(
    url: &str,
    dest: &std::path::Path,
    checksum: Option<&str>,
) -> Result<String> {
    let mut resp = ureq::get(url)
        .call()
        .map_err(|e| anyhow!("failed to load {url}: {e}"))?;
    let mut f = std::fs::File::create(dest)?;
    let mut w = crate::oci::digest::HashingWriter::new(&mut f);
    let n = std::io::copy(
        &mut std::io::Read::take(resp.body_mut().as_reader(), MAX_DOWNLOAD + 1),
        &mut w,
    )
    .with_context(|| format!("downloading {url}"))?;
    if n > MAX_DOWNLOAD {
        bail!("{url}: larger than {MAX_DOWNLOAD} bytes");
    }
    let (_, digest, _) = w.finish();
    if let Some(want) = checksum {
        if want != digest {
            bail!("digest mismatch for {url}: {digest} (expected {want})");
        }
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let name = path
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty() && !path.ends_with("//"))
        .unwrap_or("__unnamed__");
    Ok(name.to_string())
}

/// Remove the scratch dir a layer blob was written in (the blob has been stored, or
/// is not needed).
pub(super) fn drop_scratch(blob: &std::path::Path) {
    if let Some(d) = blob.parent() {
        let _ = crate::storage::mapped::remove_tree(d);
    }
}
