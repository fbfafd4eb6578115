//! Pull: manifest (and index → platform), config, then the missing layer blobs, three
//! at a time, each streamed to the store's temp path with its sha256 computed on the
//! way. A broken transfer is resumed with `Range` (a few times, more while it keeps
//! making progress); a temp file left by an interrupted run is re-hashed and resumed
//! the same way. A blob that does not hash to its digest is deleted, never committed.

use super::client::{error_text, repo_scope, Client, Req};
use super::config::RegistriesConf;
use super::manifest::{self, ConfigSummary, Descriptor, Parsed, Platform};
use super::progress::{Item, Progress};
use super::{BlobStore, LayerStatus, Options, Pulled, PulledLayer, RegistryError};
use crate::oci::reference::{validate_digest, Reference};
use anyhow::{bail, Context, Result};
use ring::digest::{Context as Hasher, SHA256};
use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use ureq::http::Method;

/// Parallel blob downloads.
const PARALLEL: usize = 3;
/// Manifests larger than this are refused (docker's limit is 4 MiB too).
const MANIFEST_MAX: u64 = 4 << 20;
const CONFIG_MAX: u64 = 64 << 20;
/// Consecutive broken transfers without progress before giving up on a blob.
const STALLS: u32 = 5;
/// Broken transfers in all before giving up on a blob.
const BREAKS: u32 = 30;

/// Pull `r` into `store` (see the module doc). Progress goes to stderr unless quiet.
pub fn pull(r: &Reference, opts: &Options, store: &dyn BlobStore) -> Result<Pulled> {
    let conf = RegistriesConf::load()?;
    pull_with(r, opts, &conf, store)
}

pub fn pull_with(
    r: &Reference,
    opts: &Options,
    conf: &RegistriesConf,
    store: &dyn BlobStore,
) -> Result<Pulled> {
    let want = match &opts.platform {
        Some(p) => Some(Platform::parse(p)?),
        None => None,
    };
    let platform = want.clone().unwrap_or_else(Platform::host);
    let client = Client::connect_repo(&r.registry, Some(&r.repository), opts, conf, None)?;
    let scopes = vec![repo_scope(&r.repository, "pull")];
    let progress = Progress::new(opts.quiet);
    let tag_or_digest = r
        .digest
        .clone()
        .or_else(|| r.tag.clone())
        .unwrap_or_else(|| "latest".into());
    progress.line(&format!("{tag_or_digest}: Pulling from {}", r.repository));

    let (top_bytes, top_type) = fetch_manifest(&client, r, &tag_or_digest, &scopes)?;
    let top_digest = crate::oci::digest::sha256_digest(&top_bytes);
    if let Some(d) = &r.digest {
        if d != &top_digest {
            return Err(RegistryError::DigestMismatch(format!(
                "the registry sent a manifest for {r} that hashes to {top_digest}: discarded"
            ))
            .into());
        }
    }
    let name = r.to_string();
    let (image, manifest_bytes, manifest_digest, manifest_type) =
        match manifest::parse(&top_bytes, top_type.as_deref(), &name)? {
            Parsed::Image(m, mt) => (*m, top_bytes, top_digest.clone(), mt),
            Parsed::Index(idx, _) => {
                let d = manifest::select(&idx, &platform)?.clone();
                validate_digest(&d.digest)?;
                let (bytes, ct) = fetch_manifest(&client, r, &d.digest, &scopes)?;
                let got = crate::oci::digest::sha256_digest(&bytes);
                if got != d.digest || (d.size != 0 && d.size != bytes.len() as u64) {
                    return Err(RegistryError::DigestMismatch(format!(
                    "the manifest of {name} for {platform} hashes to {got}, expected {}: discarded",
                    d.digest
                ))
                    .into());
                }
                match manifest::parse(
                    &bytes,
                    ct.as_deref()
                        .or(Some(d.media_type.as_str()))
                        .filter(|s| !s.is_empty()),
                    &name,
                )? {
                    Parsed::Image(m, mt) => (*m, bytes, got, mt),
                    Parsed::Index(..) => bail!("{name}: an index inside an index is not supported"),
                }
            }
        };

    // Config.
    let cfg = &image.config;
    if !matches!(
        cfg.media_type.as_str(),
        manifest::OCI_CONFIG | manifest::DOCKER_CONFIG | ""
    ) {
        return Err(RegistryError::Unsupported(format!(
            "{name} is not a container image (its config is {})",
            cfg.media_type
        ))
        .into());
    }
    for l in &image.layers {
        if !manifest::is_layer_type(&l.media_type) {
            return Err(RegistryError::Unsupported(format!(
                "{name} is not a container image (it has a layer of type {})",
                l.media_type
            ))
            .into());
        }
        validate_digest(&l.digest).with_context(|| format!("layer of {name}"))?;
    }
    validate_digest(&cfg.digest).with_context(|| format!("config of {name}"))?;
    let config_bytes = fetch_small_blob(&client, r, cfg, &scopes)?;
    let summary: ConfigSummary = serde_json::from_slice(&config_bytes)
        .with_context(|| format!("parsing the image config of {name}"))?;
    if let Some(w) = &want {
        let actual = manifest::PlatformSpec {
            architecture: summary.architecture.clone(),
            os: summary.os.clone(),
            os_version: None,
            variant: summary.variant.clone(),
        };
        if !summary.architecture.is_empty() && !w.matches(&actual) {
            return Err(RegistryError::Unsupported(format!(
                "image with reference {name} was found but does not match the specified platform: \
                 wanted {w}, actual: {}/{}{}",
                summary.os,
                summary.architecture,
                summary
                    .variant
                    .as_ref()
                    .map(|v| format!("/{v}"))
                    .unwrap_or_default()
            ))
            .into());
        }
    }
    let diff_ids = &summary.rootfs.diff_ids;
    if diff_ids.len() != image.layers.len() {
        bail!(
            "{name}: the manifest lists {} layers but the image config {}",
            image.layers.len(),
            diff_ids.len()
        );
    }
    if !store.has_blob(&cfg.digest) {
        commit_bytes(store, &cfg.digest, &config_bytes)?;
    }

    // Layers.
    let mut layers = Vec::new();
    let mut todo: Vec<(usize, Item)> = Vec::new();
    let mut queued = HashSet::new();
    for (i, (l, diff_id)) in image.layers.iter().zip(diff_ids).enumerate() {
        let status = if store.has_blob(&l.digest) {
            LayerStatus::AlreadyExists
        } else if store.has_layer(&diff_ids[..=i]) {
            LayerStatus::DiffExists
        } else {
            LayerStatus::Downloaded
        };
        if status == LayerStatus::Downloaded {
            if queued.insert(l.digest.clone()) {
                todo.push((i, progress.item(&l.digest, l.size, "Pulling fs layer")));
            }
        } else {
            progress.done(&l.digest, "Already exists");
        }
        layers.push(PulledLayer {
            digest: l.digest.clone(),
            media_type: l.media_type.clone(),
            size: l.size,
            diff_id: diff_id.clone(),
            status,
        });
    }
    download_all(&client, r, &scopes, &image.layers, todo, store)?;

    Ok(Pulled {
        reference: r.clone(),
        digest: top_digest,
        manifest_digest,
        manifest_media_type: manifest_type,
        manifest_bytes,
        config_digest: cfg.digest.clone(),
        config_bytes,
        layers,
    })
}

fn fetch_manifest(
    client: &Client,
    r: &Reference,
    reference: &str,
    scopes: &[String],
) -> Result<(Vec<u8>, Option<String>)> {
    let resp = client.send(
        Req::new(
            Method::GET,
            format!("/v2/{}/manifests/{reference}", r.repository),
            scopes,
        )
        .header("Accept", manifest::ACCEPT),
    )?;
    match resp.status().as_u16() {
        200 => {}
        404 => {
            return Err(RegistryError::NotFound(format!(
                "manifest for {r} not found: {}",
                error_text(resp)
            ))
            .into())
        }
        401 | 403 => return Err(client.auth_failure(resp, false, r)),
        _ => bail!("fetching the manifest of {r}: {}", error_text(resp)),
    }
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let bytes = resp
        .into_body()
        .with_config()
        .limit(MANIFEST_MAX)
        .read_to_vec()
        .map_err(|e| super::client::transport_error(&r.registry, &e))
        .with_context(|| format!("reading the manifest of {r}"))?;
    Ok((bytes, ct))
}

/// A config blob, read whole into memory and verified.
fn fetch_small_blob(
    client: &Client,
    r: &Reference,
    d: &Descriptor,
    scopes: &[String],
) -> Result<Vec<u8>> {
    if d.size > CONFIG_MAX {
        bail!("the image config of {r} is {} bytes: too large", d.size);
    }
    let resp = client.send(Req::new(
        Method::GET,
        format!("/v2/{}/blobs/{}", r.repository, d.digest),
        scopes,
    ))?;
    match resp.status().as_u16() {
        200 => {}
        404 => {
            return Err(RegistryError::NotFound(format!(
                "blob {} of {r} not found in the registry",
                d.digest
            ))
            .into())
        }
        401 | 403 => return Err(client.auth_failure(resp, false, r)),
        _ => bail!("fetching blob {} of {r}: {}", d.digest, error_text(resp)),
    }
    let bytes = resp
        .into_body()
        .with_config()
        .limit(CONFIG_MAX)
        .read_to_vec()
        .map_err(|e| super::client::transport_error(&r.registry, &e))?;
    let got = crate::oci::digest::sha256_digest(&bytes);
    if got != d.digest || (d.size != 0 && bytes.len() as u64 != d.size) {
        return Err(RegistryError::DigestMismatch(format!(
            "blob {} of {r} hashes to {got} ({} bytes): discarded",
            d.digest,
            bytes.len()
        ))
        .into());
    }
    Ok(bytes)
}

fn commit_bytes(store: &dyn BlobStore, digest: &str, data: &[u8]) -> Result<()> {
    let tmp = store.temp_path(digest);
    if let Some(p) = tmp.parent() {
        fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
    }
    let mut f = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    f.write_all(data)
        .map_err(|e| write_error(e, digest, &tmp))?;
    f.sync_all()?;
    drop(f);
    store.commit_blob(digest, &tmp)
}

fn is_disk_full(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::StorageFull
        || matches!(e.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT))
}

fn write_error(e: io::Error, digest: &str, path: &Path) -> anyhow::Error {
    if is_disk_full(&e) {
        let _ = fs::remove_file(path);
        anyhow::anyhow!(
            "no space left on device while saving {digest} to {}: free some space and pull again",
            path.parent().unwrap_or(path).display()
        )
    } else {
        anyhow::anyhow!("writing {}: {e}", path.display())
    }
}

fn download_all(
    client: &Client,
    r: &Reference,
    scopes: &[String],
    layers: &[Descriptor],
    todo: Vec<(usize, Item)>,
    store: &dyn BlobStore,
) -> Result<()> {
    if todo.is_empty() {
        return Ok(());
    }
    let queue = Mutex::new(todo.into_iter());
    let cancel = AtomicBool::new(false);
    let errors: Mutex<Vec<anyhow::Error>> = Mutex::new(Vec::new());
    let workers = PARALLEL.min(layers.len()).max(1);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let next = queue.lock().unwrap().next();
                let Some((i, item)) = next else { break };
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                match download(client, r, scopes, &layers[i], store, &item, &cancel) {
                    Ok(()) => item.finish("Download complete"),
                    Err(e) => {
                        item.finish("Failed");
                        if !cancel.swap(true, Ordering::Relaxed) || !super::is_cancelled(&e) {
                            errors.lock().unwrap().push(e);
                        }
                    }
                }
            });
        }
    });
    let mut errs = errors.into_inner().unwrap();
    errs.retain(|e| !super::is_cancelled(e));
    match errs.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn lock_exclusive(f: &File) -> io::Result<()> {
    loop {
        match rustix::fs::flock(f, rustix::fs::FlockOperation::LockExclusive) {
            Ok(()) => return Ok(()),
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
}

/// Open and lock the temp file for `digest`, making sure the locked file is still the
/// one at `tmp` (a previous holder may have committed it away).
fn open_locked(tmp: &Path) -> Result<File> {
    for _ in 0..5 {
        let f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(tmp)
            .with_context(|| format!("creating {}", tmp.display()))?;
        lock_exclusive(&f).with_context(|| format!("locking {}", tmp.display()))?;
        match fs::metadata(tmp) {
            Ok(m) if m.ino() == f.metadata()?.ino() && m.dev() == f.metadata()?.dev() => {
                return Ok(f)
            }
            _ => continue,
        }
    }
    bail!("{} keeps changing under us", tmp.display())
}

fn hex(d: ring::digest::Digest) -> String {
    let mut s = String::from("sha256:");
    for b in d.as_ref() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Download one blob into the store (see the module doc). On failure an empty temp
/// file is removed (a partial one is kept for the next pull to resume).
fn download(
    client: &Client,
    r: &Reference,
    scopes: &[String],
    desc: &Descriptor,
    store: &dyn BlobStore,
    item: &Item,
    cancel: &AtomicBool,
) -> Result<()> {
    let res = download_locked(client, r, scopes, desc, store, item, cancel);
    if res.is_err() {
        let tmp = store.temp_path(&desc.digest);
        if let Ok(f) = File::open(&tmp) {
            // Only a file nobody is writing goes.
            let free =
                rustix::fs::flock(&f, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_ok();
            let same = fs::metadata(&tmp)
                .ok()
                .zip(f.metadata().ok())
                .is_some_and(|(a, b)| a.ino() == b.ino() && a.len() == 0);
            if free && same {
                let _ = fs::remove_file(&tmp);
            }
        }
    }
    res
}

fn download_locked(
    client: &Client,
    r: &Reference,
    scopes: &[String],
    desc: &Descriptor,
    store: &dyn BlobStore,
    item: &Item,
    cancel: &AtomicBool,
) -> Result<()> {
    let digest = desc.digest.as_str();
    let size = desc.size;
    let tmp = store.temp_path(digest);
    if let Some(p) = tmp.parent() {
        fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
    }
    let mut file = open_locked(&tmp)?;
    if store.has_blob(digest) {
        // Another process finished it while we waited for the lock.
        if file.metadata()?.len() == 0 {
            let _ = fs::remove_file(&tmp);
        }
        return Ok(());
    }
    let mut have = file.metadata()?.len();
    let mut hasher = Hasher::new(&SHA256);
    if have > size {
        file.set_len(0)?;
        have = 0;
    }
    if have > 0 {
        // Resume a download an earlier run left behind: hash what is there.
        item.status("Resuming");
        file.seek(SeekFrom::Start(0))?;
        let mut left = have;
        let mut buf = vec![0u8; 1 << 20];
        while left > 0 {
            let want = left.min(buf.len() as u64) as usize;
            let n = file.read(&mut buf[..want])?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            left -= n as u64;
        }
        have -= left;
    }
    let resumed = have > 0;
    let mut fresh_retry_done = !resumed;
    let mut buf = vec![0u8; 256 << 10];
    let mut stalls = 0;
    let mut breaks = 0;
    let mut last_err = String::new();
    loop {
        while have < size {
            if cancel.load(Ordering::Relaxed) {
                return Err(super::Cancelled.into());
            }
            if stalls >= STALLS || breaks >= BREAKS {
                bail!(
                    "downloading {digest} of {r} failed after {breaks} broken transfers ({last_err}); \
                     pull again to resume"
                );
            }
            file.seek(SeekFrom::Start(have))?;
            item.set_position(have);
            let mut req = Req::new(
                Method::GET,
                format!("/v2/{}/blobs/{digest}", r.repository),
                scopes,
            );
            if have > 0 {
                req = req.header("Range", format!("bytes={have}-"));
            }
            let resp = client.send(req)?;
            let status = resp.status().as_u16();
            match status {
                200 | 206 => {}
                404 => {
                    return Err(RegistryError::NotFound(format!(
                        "blob {digest} of {r} not found in the registry"
                    ))
                    .into())
                }
                401 | 403 => return Err(client.auth_failure(resp, false, r)),
                416 => {
                    // Our partial file does not fit what the registry has: start over.
                    file.set_len(0)?;
                    have = 0;
                    hasher = Hasher::new(&SHA256);
                    breaks += 1;
                    continue;
                }
                _ => bail!("downloading {digest} of {r}: {}", error_text(resp)),
            }
            let start = if status == 206 {
                resp.headers()
                    .get("content-range")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().strip_prefix("bytes "))
                    .and_then(|v| v.split('-').next())
                    .and_then(|v| v.trim().parse::<u64>().ok())
            } else {
                Some(0)
            };
            if start != Some(have) {
                if start == Some(0) || status == 200 {
                    // The server ignored the Range: take the whole blob again.
                    file.set_len(0)?;
                    file.seek(SeekFrom::Start(0))?;
                    have = 0;
                    hasher = Hasher::new(&SHA256);
                    item.set_position(0);
                } else {
                    bail!("downloading {digest} of {r}: the registry answered a range we did not ask for");
                }
            }
            if have == 0 {
                item.status("Downloading");
            }
            let mut reader = resp.into_body().into_reader();
            let mut progressed = false;
            let res: io::Result<()> = loop {
                if cancel.load(Ordering::Relaxed) {
                    return Err(super::Cancelled.into());
                }
                match reader.read(&mut buf) {
                    Ok(0) => break Ok(()),
                    Ok(n) => {
                        if have + n as u64 > size {
                            drop(file);
                            let _ = fs::remove_file(&tmp);
                            return Err(RegistryError::DigestMismatch(format!(
                                "blob {digest} of {r} is larger than its manifest says ({size} bytes): download discarded"
                            ))
                            .into());
                        }
                        file.write_all(&buf[..n])
                            .map_err(|e| write_error(e, digest, &tmp))?;
                        hasher.update(&buf[..n]);
                        have += n as u64;
                        item.inc(n as u64);
                        progressed = true;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => break Err(e),
                }
            };
            if have == size {
                break;
            }
            // A broken transfer: resume from where it stopped.
            last_err = match res {
                Ok(()) => "connection closed early".into(),
                Err(e) => e.to_string(),
            };
            breaks += 1;
            stalls = if progressed { 0 } else { stalls + 1 };
            item.status("Retrying");
            std::thread::sleep(Duration::from_millis(250 * (stalls as u64 + 1)));
        }
        item.status("Verifying Checksum");
        let got = hex(hasher.clone().finish());
        if got == digest {
            break;
        }
        drop(file);
        let _ = fs::remove_file(&tmp);
        if !fresh_retry_done {
            // The partial file of an earlier run was bad: one clean download.
            fresh_retry_done = true;
            file = open_locked(&tmp)?;
            file.set_len(0)?;
            have = 0;
            hasher = Hasher::new(&SHA256);
            item.set_position(0);
            continue;
        }
        return Err(RegistryError::DigestMismatch(format!(
            "digest mismatch for {digest} of {r}: the data received hashes to {got}; download discarded"
        ))
        .into());
    }
    file.sync_all().map_err(|e| write_error(e, digest, &tmp))?;
    store.commit_blob(digest, &tmp)?;
    drop(file);
    Ok(())
}
