//! COPY/ADD sources: the layer written in the storage child (from the context, or
//! from another stage's or image's flattened rootfs), heredoc bodies, ADD's downloads.

use super::*;

impl Builder<'_> {
    /// COPY and ADD: the layer written, then the cache asked (or, with `--from`, the
    /// cache first).
    pub(super) fn copy_step(
        &mut self,
        st: &mut State,
        step: &Step,
        label: &str,
        cfg: ImageConfigBlob,
        cp: &dockerfile::Copy,
    ) -> Result<()> {
        let esc = self.esc;
        let add = matches!(step.instruction, Instruction::Add(_));
        let kw = if add { "ADD" } else { "COPY" };
        self.progress.begin(&format!("{label} {}", step.text));
        if cp.parents {
            bail!("{kw} --parents is not supported by berth build yet");
        }
        // BuildKit's checks of --checksum.
        if cp.checksum.is_some() {
            let srcs = &cp.args[..cp.args.len().saturating_sub(1)];
            if srcs.len() != 1 {
                bail!("checksum can't be specified for multiple sources");
            }
            if !srcs[0].starts_with("http://") && !srcs[0].starts_with("https://") {
                bail!("checksum can't be specified for non-HTTP(S) sources");
            }
        }
        let vars = self.vars(st);
        let mut args = Vec::new();
        for a in &cp.args {
            args.push(words::word(a, &vars, esc)?);
        }
        let dest_raw = args.pop().unwrap_or_default();
        // Heredoc and URL sources become files the builder writes.
        let scratch = self.store.scratch("files")?;
        // Removed however the step ends.
        let _files = Remove(scratch.clone());
        let mut files = Vec::new();
        let mut sources = Vec::new();
        // History: paths and URLs as given, then the heredocs.
        let (mut shown_src, mut shown_docs) = (Vec::new(), Vec::new());
        for a in args {
            if let Some(h) = heredoc_for(&a, &cp.heredocs) {
                let body = if h.expand {
                    expand_heredoc(&h.content, &vars, esc)?
                } else {
                    h.content.clone()
                };
                let f = scratch.join(format!("h{}", files.len()));
                std::fs::write(&f, body)?;
                shown_docs.push(format!("<<{}", h.name));
                files.push((h.name.clone(), f, 0o644));
            } else if a.starts_with("git@") || a.ends_with(".git") && a.contains("://") {
                bail!("{kw} from a git repository is not supported by berth build yet");
            } else if a.starts_with("http://") || a.starts_with("https://") {
                if !add {
                    bail!("source can't be a URL for COPY");
                }
                let f = scratch.join(format!("u{}", files.len()));
                let name = download(&a, &f, cp.checksum.as_deref())?;
                shown_src.push(a);
                files.push((name, f, 0o600));
            } else {
                shown_src.push(a.clone());
                sources.push(a);
            }
        }
        let args = sources;
        let workdir = cfg.config.working_dir.clone().unwrap_or_else(|| "/".into());
        let dest_abs = if dest_raw.starts_with('/') {
            dest_raw.clone()
        } else {
            format!("{}/{dest_raw}", workdir.trim_end_matches('/'))
        };
        let mut dest = format!("/{}", crate::build::ignore::clean(&dest_abs));
        let trailing = dest_raw.ends_with('/') || dest_raw == "." || dest_raw.ends_with("/.");
        let layers = self.layer_dirs(st)?;
        let is_dir = trailing
            || args.len() + files.len() > 1
            || crate::storage::layered::stat(&layers, &dest).is_some_and(|m| m.is_dir());
        if trailing && dest != "/" {
            dest.push('/');
        }
        if args.len() + files.len() > 1 && !trailing {
            bail!("When using {kw} with more than one source file, the destination must be a directory and end with a /");
        }
        let owner = match &cp.chown {
            Some(ch) => Some(self.chown(&layers, &words::word(ch, &vars, esc)?)?),
            None => None,
        };
        let chmod = match &cp.chmod {
            Some(m) => Some(
                u32::from_str_radix(m, 8)
                    .ok()
                    .filter(|m| *m <= 0o7777)
                    .ok_or_else(|| anyhow!("invalid chmod parameter: '{m}'. it should be octal string and between 0 and 07777"))?,
            ),
            None => None,
        };
        let job = CopyJob {
            sources: args.clone(),
            dest,
            dest_dir: is_dir,
            owner,
            chmod,
            extract: add,
            files,
            exclude: cp
                .exclude
                .iter()
                .map(|e| words::word(e, &vars, esc))
                .collect::<Result<_>>()?,
        };
        let from = match &cp.from {
            Some(f) => Some(self.source_image(&words::word(f, &vars, esc)?)?),
            None => None,
        };
        let hashed: Vec<&String> = job.files.iter().map(|f| &f.0).collect();
        let fields = (
            &job.sources,
            &job.dest,
            job.dest_dir,
            job.owner,
            job.chmod,
            &hashed,
        );
        let mut text = kw.to_string();
        for (flag, v) in [("chown", &cp.chown), ("chmod", &cp.chmod)] {
            if let Some(v) = v {
                text.push_str(&format!(" --{flag}={}", words::word(v, &vars, esc)?));
            }
        }
        for a in shown_src.iter().chain(&shown_docs) {
            text.push(' ');
            text.push_str(a);
        }
        let created_by = format!("{text} {dest_raw} # buildkit");
        // From another image, its id stands for the content: no layer to write
        // before the cache is asked.
        if let Some(src) = &from {
            let key_text = format!("{kw} {fields:?} from {:?}", src.as_ref().map(|i| &i.id));
            if let Some(img) = self.cache_hit(st.img.as_ref(), &key_text) {
                self.progress.cached();
                return self.advance(st, img);
            }
            let layer = self.copy_layer(st, &job, Some(src.as_ref()), false)?;
            let h = self.history(&created_by, layer.is_none());
            let img = self.commit(&cfg, &self.layers_of(st), Some(h), layer)?;
            self.save_cache(st.img.as_ref(), &key_text, &img)?;
            self.progress.done();
            return self.advance(st, img);
        }
        let layer = self.copy_layer(st, &job, None, false)?;
        let key_text = format!(
            "{kw} {fields:?} {:?}",
            layer.as_ref().map(|l| l.0.diff_id.clone())
        );
        if let Some(img) = self.cache_hit(st.img.as_ref(), &key_text) {
            if let Some((_, blob)) = &layer {
                drop_scratch(blob);
            }
            self.progress.cached();
            return self.advance(st, img);
        }
        let h = self.history(&created_by, layer.is_none());
        let img = self.commit(&cfg, &self.layers_of(st), Some(h), layer)?;
        self.save_cache(st.img.as_ref(), &key_text, &img)?;
        self.progress.done();
        self.advance(st, img)
    }

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
        // --from: the stage's or image's rootfs, flattened into scratch once per build.
        let src_blobs: Option<Vec<PathBuf>> = from.map(|img| {
            img.iter()
                .flat_map(|i| i.layers.iter().map(|l| self.store.blob_path(&l.blob)))
                .collect()
        });
        let key = from.map(|i| i.map(|i| i.id.clone()).unwrap_or_default());
        let known = key
            .as_ref()
            .and_then(|k| self.flats.borrow().get(k).cloned());
        let flatten = known.is_none() && key.is_some();
        let flat = match known {
            Some(p) => p,
            None if flatten => self.store.scratch("from")?,
            None => scratch.join("unused"),
        };
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
            } else if let Some(blobs) = src_blobs.as_ref().filter(|_| flatten) {
                let opts = crate::image::layer::UnpackOptions {
                    apply_whiteouts: true,
                    ..crate::image::layer::UnpackOptions::layer(rootless, squash, !rootless)
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
            } else if src_blobs.is_some() {
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
        // A source flattened for this step is kept for the build's later steps (removed
        // when the builder is dropped); a failed one is not.
        if flatten {
            match (&out, key) {
                (Ok(_), Some(k)) => {
                    self.flats.borrow_mut().insert(k, flat);
                }
                _ => {
                    let _ = crate::storage::mapped::remove_tree(&flat);
                }
            }
        }
        match out {
            Ok(Some(w)) => Ok(Some((w, blob))),
            other => {
                let _ = crate::storage::mapped::remove_tree(&scratch);
                other.map(|_| None)
            }
        }
    }

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

/// A scratch dir removed when dropped.
struct Remove(PathBuf);

impl Drop for Remove {
    fn drop(&mut self) {
        let _ = crate::storage::mapped::remove_tree(&self.0);
    }
}
