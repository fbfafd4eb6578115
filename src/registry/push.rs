//! Push: layers (three at a time), then the config, then the manifest.
//!
//! - A compressed layer is skipped when the repository has it (HEAD), else mounted from
//!   one of `mount_from` (POST `?mount=&from=`), else uploaded: one PUT up to
//!   [`MONOLITHIC_MAX`], PATCH chunks of [`CHUNK`] with `Content-Range` above that (a
//!   failed chunk resumes from the offset the registry reports).
//! - An uncompressed layer is compressed on the way (gzip or zstd) and streamed in one
//!   chunked-encoding PATCH, as docker does; its digest is known only at the end (PUT
//!   `?digest=`), so it cannot be skipped by a HEAD first. Its input is checked against
//!   its diff id on the way.
//! - Manifest format: Docker schema2 when every layer is a Docker media type (and no
//!   zstd is asked for), OCI otherwise, with media types converted to match.

use super::client::{error_text, repo_scope, Client, Req, ReqBody};
use super::config::RegistriesConf;
use super::manifest::{self, Descriptor, ImageManifest};
use super::progress::{Item, Progress};
use super::{Compression, Options, PushImage, PushLayer, Pushed, RegistryError};
use crate::oci::reference::{validate_digest, Reference};
use anyhow::{bail, Context, Result};
use ring::digest::{Context as Hasher, SHA256};
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use ureq::http::{Method, Response};
use ureq::Body;

const PARALLEL: usize = 3;
/// Blobs up to this size go up in one PUT.
pub const MONOLITHIC_MAX: u64 = 16 << 20;
/// PATCH size for larger blobs.
pub const CHUNK: u64 = 16 << 20;
/// Whole-blob upload attempts (each from a fresh upload session).
const UPLOAD_ATTEMPTS: u32 = 3;

pub fn push(r: &Reference, opts: &Options, img: &PushImage) -> Result<Pushed> {
    let conf = RegistriesConf::load()?;
    push_with(r, opts, &conf, img)
}

struct Ctx<'a> {
    client: &'a Client,
    r: &'a Reference,
    scopes: Vec<String>,
    mounts: Vec<String>,
}

pub fn push_with(
    r: &Reference,
    opts: &Options,
    conf: &RegistriesConf,
    img: &PushImage,
) -> Result<Pushed> {
    for l in &img.layers {
        validate_digest(&l.digest)?;
    }
    let client = Client::connect_repo(&r.registry, Some(&r.repository), opts, conf, None)?;
    let mounts: Vec<String> = img
        .mount_from
        .iter()
        .filter(|m| *m != &r.repository)
        .take(3)
        .cloned()
        .collect();
    let mut scopes = vec![repo_scope(&r.repository, "pull,push")];
    scopes.extend(mounts.iter().map(|m| repo_scope(m, "pull")));
    let ctx = Ctx {
        client: &client,
        r,
        scopes,
        mounts,
    };
    let progress = Progress::new(opts.quiet);
    progress.line(&format!("The push refers to repository [{}]", r.name()));

    let any_raw = img
        .layers
        .iter()
        .any(|l| manifest::is_uncompressed_layer(&l.media_type));
    let docker = img
        .layers
        .iter()
        .all(|l| l.media_type.starts_with("application/vnd.docker."))
        && !(any_raw && opts.compression == Compression::Zstd);

    // Layers, in parallel; results keep the manifest order.
    let items: Vec<Item> = img
        .layers
        .iter()
        .map(|l| progress.item(&l.diff_id, l.size, "Preparing"))
        .collect();
    let results: Vec<Mutex<Option<Result<Descriptor>>>> =
        img.layers.iter().map(|_| Mutex::new(None)).collect();
    let next = Mutex::new(0usize);
    let cancel = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..PARALLEL.min(img.layers.len()) {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    let i = *n;
                    *n += 1;
                    i
                };
                if i >= img.layers.len() || cancel.load(Ordering::Relaxed) {
                    break;
                }
                let res = push_layer(
                    &ctx,
                    &img.layers[i],
                    docker,
                    opts.compression,
                    &items[i],
                    &cancel,
                );
                if res.is_err() {
                    items[i].finish("Failed");
                    cancel.store(true, Ordering::Relaxed);
                }
                *results[i].lock().unwrap() = Some(res);
            });
        }
    });
    let mut layers = Vec::new();
    let mut errs = Vec::new();
    for m in results {
        match m.into_inner().unwrap() {
            Some(Ok(d)) => layers.push(d),
            Some(Err(e)) => errs.push(e),
            None => {}
        }
    }
    // The first real failure, not the "cancelled" of the layers it stopped.
    errs.sort_by_key(super::is_cancelled);
    if let Some(e) = errs.into_iter().next() {
        return Err(e);
    }
    if layers.len() != img.layers.len() {
        bail!("push of {r} stopped before all layers were uploaded");
    }

    // Config.
    let config_digest = crate::oci::digest::sha256_digest(&img.config_bytes);
    if !blob_exists(&ctx, &config_digest)? {
        upload_bytes(&ctx, &config_digest, &img.config_bytes)?;
    }
    let (mt, cfg_mt) = if docker {
        (manifest::DOCKER_MANIFEST, manifest::DOCKER_CONFIG)
    } else {
        (manifest::OCI_MANIFEST, manifest::OCI_CONFIG)
    };
    let m = ImageManifest {
        schema_version: 2,
        media_type: Some(mt.to_string()),
        config: Descriptor::new(cfg_mt, &config_digest, img.config_bytes.len() as u64),
        layers,
        annotations: None,
    };
    let bytes = serde_json::to_vec_pretty(&m)?;
    let digest = crate::oci::digest::sha256_digest(&bytes);
    let reference = r
        .tag
        .clone()
        .or_else(|| r.digest.clone())
        .unwrap_or_else(|| "latest".into());
    if r.tag.is_none() && r.digest.as_deref().is_some_and(|d| d != digest) {
        bail!(
            "cannot push {r}: the manifest berth builds hashes to {digest}, not the digest given"
        );
    }
    let resp = client.send(
        Req::new(
            Method::PUT,
            format!("/v2/{}/manifests/{reference}", r.repository),
            &ctx.scopes,
        )
        .header("Content-Type", mt)
        .body(ReqBody::Bytes(&bytes)),
    )?;
    match resp.status().as_u16() {
        200..=299 => {}
        401 | 403 => return Err(client.auth_failure(resp, true, r)),
        _ => bail!("pushing the manifest of {r}: {}", error_text(resp)),
    }
    Ok(Pushed {
        digest,
        size: bytes.len() as u64,
        media_type: mt.to_string(),
        manifest_bytes: bytes,
    })
}

fn denied(ctx: &Ctx, resp: Response<Body>) -> anyhow::Error {
    ctx.client.auth_failure(resp, true, ctx.r)
}

/// The media type a stored layer gets in a manifest of the chosen format.
fn target_type(mt: &str, docker: bool) -> String {
    match (mt, docker) {
        (manifest::OCI_LAYER_GZIP, true) => manifest::DOCKER_LAYER_GZIP.into(),
        (manifest::DOCKER_LAYER_GZIP, false) => manifest::OCI_LAYER_GZIP.into(),
        (manifest::DOCKER_LAYER, false) => manifest::OCI_LAYER.into(),
        (manifest::OCI_LAYER, true) => manifest::DOCKER_LAYER.into(),
        (other, _) => other.to_string(),
    }
}

fn push_layer(
    ctx: &Ctx,
    l: &PushLayer,
    docker: bool,
    compression: Compression,
    item: &Item,
    cancel: &AtomicBool,
) -> Result<Descriptor> {
    if manifest::is_uncompressed_layer(&l.media_type) {
        return push_compressing(ctx, l, docker, compression, item, cancel);
    }
    let desc = Descriptor::new(&target_type(&l.media_type, docker), &l.digest, l.size);
    if blob_exists(ctx, &l.digest)? {
        item.finish("Layer already exists");
        return Ok(desc);
    }
    let mut location = None;
    for from in &ctx.mounts {
        let resp = ctx.client.send(Req::new(
            Method::POST,
            format!(
                "/v2/{}/blobs/uploads/?mount={}&from={}",
                ctx.r.repository,
                enc(&l.digest),
                enc(from)
            ),
            &ctx.scopes,
        ))?;
        match resp.status().as_u16() {
            201 => {
                item.finish(&format!("Mounted from {from}"));
                return Ok(desc);
            }
            202 => {
                // Not mountable: the registry opened an upload session instead.
                location = Some(location_of(&resp)?);
                break;
            }
            401 | 403 => return Err(denied(ctx, resp)),
            _ => {}
        }
    }
    item.status("Pushing");
    let mut attempt = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(super::Cancelled.into());
        }
        let loc = match location.take() {
            Some(l) => l,
            None => start_upload(ctx)?,
        };
        item.set_position(0);
        match upload_file(ctx, loc, l, item, cancel) {
            Ok(()) => break,
            Err(e)
                if attempt + 1 < UPLOAD_ATTEMPTS && e.downcast_ref::<RegistryError>().is_none() =>
            {
                attempt += 1;
                item.status("Retrying");
                std::thread::sleep(std::time::Duration::from_millis(500 << attempt));
            }
            Err(e) => return Err(e),
        }
    }
    item.finish("Pushed");
    Ok(desc)
}

fn enc(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

fn with_query(loc: &str, q: &str) -> String {
    format!("{loc}{}{q}", if loc.contains('?') { '&' } else { '?' })
}

fn location_of(resp: &Response<Body>) -> Result<String> {
    resp.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(String::from)
        .context("the registry did not say where to upload (no Location header)")
}

fn blob_exists(ctx: &Ctx, digest: &str) -> Result<bool> {
    let resp = ctx.client.send(Req::new(
        Method::HEAD,
        format!("/v2/{}/blobs/{digest}", ctx.r.repository),
        &ctx.scopes,
    ))?;
    match resp.status().as_u16() {
        200..=299 => Ok(true),
        404 => Ok(false),
        401 | 403 => Err(denied(ctx, resp)),
        _ => bail!(
            "checking blob {digest} in {}: {}",
            ctx.r.name(),
            error_text(resp)
        ),
    }
}

fn start_upload(ctx: &Ctx) -> Result<String> {
    let resp = ctx.client.send(Req::new(
        Method::POST,
        format!("/v2/{}/blobs/uploads/", ctx.r.repository),
        &ctx.scopes,
    ))?;
    match resp.status().as_u16() {
        202 | 201 => location_of(&resp),
        401 | 403 => Err(denied(ctx, resp)),
        404 => {
            Err(RegistryError::NotFound(format!("{}: {}", ctx.r.name(), error_text(resp))).into())
        }
        _ => bail!(
            "starting an upload to {}: {}",
            ctx.r.name(),
            error_text(resp)
        ),
    }
}

fn finish_upload<'a>(ctx: &'a Ctx, loc: &str, digest: &str, body: ReqBody<'a>) -> Result<()> {
    let mut req = Req::new(
        Method::PUT,
        with_query(loc, &format!("digest={}", enc(digest))),
        &ctx.scopes,
    )
    .header("Content-Type", "application/octet-stream")
    .body(body);
    if matches!(req.body, ReqBody::Empty) {
        req = req.header("Content-Length", "0");
    }
    let resp = ctx.client.send(req)?;
    match resp.status().as_u16() {
        201 | 204 | 200 => Ok(()),
        401 | 403 => Err(denied(ctx, resp)),
        400 => Err(RegistryError::DigestMismatch(format!(
            "the registry refused blob {digest} of {}: {}",
            ctx.r.name(),
            error_text(resp)
        ))
        .into()),
        _ => bail!(
            "finishing the upload of {digest} to {}: {}",
            ctx.r.name(),
            error_text(resp)
        ),
    }
}

fn upload_bytes(ctx: &Ctx, digest: &str, data: &[u8]) -> Result<()> {
    let loc = start_upload(ctx)?;
    finish_upload(ctx, &loc, digest, ReqBody::Bytes(data))
}

fn upload_file(
    ctx: &Ctx,
    mut loc: String,
    l: &PushLayer,
    item: &Item,
    cancel: &AtomicBool,
) -> Result<()> {
    let size = std::fs::metadata(&l.path)
        .with_context(|| format!("layer blob {}", l.path.display()))?
        .len();
    if size != l.size && l.size != 0 {
        bail!(
            "layer blob {} is {size} bytes, the image says {}",
            l.path.display(),
            l.size
        );
    }
    if size <= MONOLITHIC_MAX {
        finish_upload(
            ctx,
            &loc,
            &l.digest,
            ReqBody::File {
                path: &l.path,
                offset: 0,
                len: size,
            },
        )?;
        item.set_position(size);
        return Ok(());
    }
    let mut offset = 0u64;
    let mut resyncs = 0;
    while offset < size {
        if cancel.load(Ordering::Relaxed) {
            return Err(super::Cancelled.into());
        }
        let len = CHUNK.min(size - offset);
        let res = ctx.client.send(
            Req::new(Method::PATCH, loc.clone(), &ctx.scopes)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", format!("{offset}-{}", offset + len - 1))
                .body(ReqBody::File {
                    path: &l.path,
                    offset,
                    len,
                }),
        );
        match res {
            Ok(resp) if resp.status() == 202 => {
                loc = location_of(&resp)?;
                offset += len;
                item.set_position(offset);
                continue;
            }
            Ok(resp) if matches!(resp.status().as_u16(), 401 | 403) => {
                return Err(denied(ctx, resp))
            }
            Ok(resp) if resp.status() != 416 => {
                bail!(
                    "uploading {} to {}: {}",
                    l.digest,
                    ctx.r.name(),
                    error_text(resp)
                )
            }
            _ => {}
        }
        // Broken chunk or range mismatch: ask the registry how much it has.
        resyncs += 1;
        if resyncs > 5 {
            bail!(
                "uploading {} to {}: the upload keeps breaking",
                l.digest,
                ctx.r.name()
            );
        }
        let st = ctx
            .client
            .send(Req::new(Method::GET, loc.clone(), &ctx.scopes))?;
        if st.status() != 204 {
            bail!(
                "uploading {} to {}: lost the upload session ({})",
                l.digest,
                ctx.r.name(),
                error_text(st)
            );
        }
        offset = st
            .headers()
            .get("range")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().trim_start_matches("bytes=").split('-').nth(1))
            .and_then(|e| e.parse::<u64>().ok())
            .map_or(0, |end| end + 1);
        if let Ok(l2) = location_of(&st) {
            loc = l2;
        }
    }
    finish_upload(ctx, &loc, &l.digest, ReqBody::Empty)
}

/// Hashes and counts what is read through it; reports progress by input bytes.
struct Hashing<'a, R> {
    inner: R,
    hasher: Hasher,
    count: u64,
    item: Option<&'a Item>,
    cancel: Option<&'a AtomicBool>,
}

impl<'a, R: Read> Hashing<'a, R> {
    fn new(inner: R, item: Option<&'a Item>, cancel: Option<&'a AtomicBool>) -> Self {
        Hashing {
            inner,
            hasher: Hasher::new(&SHA256),
            count: 0,
            item,
            cancel,
        }
    }
    fn digest(&self) -> String {
        let d = self.hasher.clone().finish();
        let mut s = String::from("sha256:");
        for b in d.as_ref() {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(io::Error::other(super::Cancelled));
        }
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        if let Some(i) = self.item {
            i.inc(n as u64);
        }
        Ok(n)
    }
}

fn push_compressing(
    ctx: &Ctx,
    l: &PushLayer,
    docker: bool,
    compression: Compression,
    item: &Item,
    cancel: &AtomicBool,
) -> Result<Descriptor> {
    let mt = match (compression, docker) {
        (Compression::Gzip, true) => manifest::DOCKER_LAYER_GZIP,
        (Compression::Gzip, false) => manifest::OCI_LAYER_GZIP,
        (Compression::Zstd, _) => manifest::OCI_LAYER_ZSTD,
    };
    let mut attempt = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(super::Cancelled.into());
        }
        item.status("Pushing");
        item.set_position(0);
        let loc = start_upload(ctx)?;
        let file = std::fs::File::open(&l.path)
            .with_context(|| format!("opening layer {}", l.path.display()))?;
        let input = Hashing::new(
            io::BufReader::with_capacity(1 << 20, file),
            Some(item),
            Some(cancel),
        );
        let res = (|| -> Result<(Descriptor, String)> {
            match compression {
                Compression::Gzip => {
                    let enc = flate2::read::GzEncoder::new(input, flate2::Compression::default());
                    let mut out = Hashing::new(enc, None, None);
                    let loc = patch_stream(ctx, &loc, &mut out)?;
                    let input_digest = out.inner.get_ref().digest();
                    Ok((
                        Descriptor::new(mt, &out.digest(), out.count),
                        finish_after(ctx, &loc, &out.digest(), input_digest)?,
                    ))
                }
                Compression::Zstd => {
                    let enc = zstd::stream::read::Encoder::new(input, 3)?;
                    let mut out = Hashing::new(enc, None, None);
                    let loc = patch_stream(ctx, &loc, &mut out)?;
                    let input_digest = out.inner.get_ref().get_ref().digest();
                    Ok((
                        Descriptor::new(mt, &out.digest(), out.count),
                        finish_after(ctx, &loc, &out.digest(), input_digest)?,
                    ))
                }
            }
        })();
        match res {
            Ok((desc, input_digest)) => {
                if input_digest != l.diff_id && input_digest != l.digest {
                    bail!(
                        "layer {} hashes to {input_digest}, its diff id is {}: the stored layer is corrupt",
                        l.path.display(),
                        l.diff_id
                    );
                }
                item.finish("Pushed");
                return Ok(desc);
            }
            Err(e)
                if attempt + 1 < UPLOAD_ATTEMPTS
                    && e.downcast_ref::<RegistryError>().is_none()
                    && !cancel.load(Ordering::Relaxed) =>
            {
                attempt += 1;
                item.status("Retrying");
                std::thread::sleep(std::time::Duration::from_millis(500 << attempt));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Finish an upload whose digest is known only now; returns the input digest back.
fn finish_after(ctx: &Ctx, loc: &str, digest: &str, input_digest: String) -> Result<String> {
    finish_upload(ctx, loc, digest, ReqBody::Empty)?;
    Ok(input_digest)
}

/// One PATCH carrying the whole stream (chunked transfer encoding). Returns the next
/// Location.
fn patch_stream(ctx: &Ctx, loc: &str, body: &mut dyn Read) -> Result<String> {
    let resp = ctx.client.send(
        Req::new(Method::PATCH, loc.to_string(), &ctx.scopes)
            .header("Content-Type", "application/octet-stream")
            .body(ReqBody::Stream(body)),
    )?;
    match resp.status().as_u16() {
        202 | 204 => location_of(&resp),
        401 | 403 => Err(denied(ctx, resp)),
        _ => bail!("uploading to {}: {}", ctx.r.name(), error_text(resp)),
    }
}
