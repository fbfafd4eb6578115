//! The build context: a directory, or a tar (plain or compressed) read from stdin and
//! unpacked into a scratch dir, or nothing (a Dockerfile on stdin); its `.dockerignore`
//! (`<Dockerfile>.dockerignore` next to the Dockerfile wins). Nothing is copied from a
//! directory context: COPY and ADD open what they need through `fd`, inside the context
//! (openat2 RESOLVE_IN_ROOT), never following a link out of it.

use super::ignore::Ignore;
use crate::image::layer::{self, UnpackOptions};
use crate::store::Paths;
use anyhow::{bail, Context as _, Result};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The largest Dockerfile read.
const MAX_DOCKERFILE: u64 = super::dockerfile::lines::MAX_LEN as u64;

pub struct BuildContext {
    /// The context directory, opened O_PATH: every lookup starts here.
    pub fd: OwnedFd,
    pub ignore: Ignore,
    /// The Dockerfile's text and the name shown in progress.
    pub dockerfile: String,
    pub dockerfile_name: String,
    /// A scratch dir holding a context read from stdin (removed on drop).
    scratch: Option<PathBuf>,
}

impl Drop for BuildContext {
    fn drop(&mut self) {
        if let Some(s) = &self.scratch {
            let _ = crate::storage::mapped::remove_tree(s);
        }
    }
}

fn open_dir(p: &Path) -> Result<OwnedFd> {
    let f = File::options()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC)
        .open(p)
        .with_context(|| {
            format!(
                "unable to prepare context: path {:?} not found",
                p.display().to_string()
            )
        })?;
    Ok(f.into())
}

fn read_capped(r: impl Read, what: &str) -> Result<String> {
    let mut data = Vec::new();
    r.take(MAX_DOCKERFILE + 1).read_to_end(&mut data)?;
    if data.len() as u64 > MAX_DOCKERFILE {
        bail!("{what} is larger than {MAX_DOCKERFILE} bytes");
    }
    String::from_utf8(data).map_err(|_| anyhow::anyhow!("{what} is not UTF-8 text"))
}

/// Is this the start of a tar stream (or a compressed one)?
fn looks_like_archive(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
        || head.starts_with(b"BZh")
        || head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0])
        || head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd])
        || head.get(257..262) == Some(b"ustar")
}

/// Open the context named on the command line (`-` for stdin) with `-f` (`-` for
/// stdin, else a path relative to the current directory).
pub fn open(paths: &Paths, context: &str, file: Option<&str>) -> Result<BuildContext> {
    if context == "-" {
        if file == Some("-") {
            bail!("invalid argument: can't use stdin for both build context and dockerfile");
        }
        let scratch = crate::store::scratch::create(paths, "context")?;
        let stream = scratch.join("stream");
        let mut f = File::create(&stream)?;
        std::io::copy(&mut std::io::stdin().lock(), &mut f).context("reading stdin")?;
        f.flush()?;
        let mut head = [0u8; 512];
        let n = File::open(&stream)?.read(&mut head)?;
        let dir = scratch.join("ctx");
        std::fs::create_dir(&dir)?;
        let mut ctx = BuildContext {
            fd: open_dir(&dir)?,
            ignore: Ignore::default(),
            dockerfile: String::new(),
            dockerfile_name: "Dockerfile".into(),
            scratch: Some(scratch.clone()),
        };
        if looks_like_archive(&head[..n]) {
            // A context is files: `.wh.` names are names, not whiteouts.
            let opts = UnpackOptions {
                apply_whiteouts: true,
                plain_files: true,
                ..UnpackOptions::layer(
                    paths.rootless,
                    paths.rootless && crate::sys::idmap::IdMap::current().sub.is_none(),
                    false,
                )
            };
            // In the storage child: the archive's owners are mapped ids.
            crate::storage::mapped::run_mapped(|| {
                let r = layer::open_decompressed(&stream)?;
                layer::apply_tar(r, &dir, opts).map(|_| ())
            })
            .context("unpacking the context from stdin")?;
            let name = file.unwrap_or("Dockerfile");
            let fd = crate::sys::resolve::open_in_root(&ctx.fd, name, libc::O_RDONLY)
                .with_context(|| {
                    format!("failed to read dockerfile: open {name}: no such file or directory")
                })?;
            ctx.dockerfile = read_capped(File::from(fd), name)?;
            ctx.dockerfile_name = name.to_string();
            ctx.ignore = read_ignore(&ctx.fd, name);
        } else {
            ctx.dockerfile = read_capped(File::open(&stream)?, "the Dockerfile")?;
        }
        let _ = std::fs::remove_file(&stream);
        return Ok(ctx);
    }
    let dir = Path::new(context);
    if !dir.is_dir() {
        bail!("unable to prepare context: path {context:?} not found");
    }
    let fd = open_dir(dir)?;
    let (text, name) = match file {
        Some("-") => (
            read_capped(std::io::stdin().lock(), "the Dockerfile")?,
            "Dockerfile".to_string(),
        ),
        Some(f) => {
            let h = File::open(f).with_context(|| {
                format!("failed to read dockerfile: open {f}: no such file or directory")
            })?;
            (read_capped(h, f)?, f.to_string())
        }
        None => {
            let p = dir.join("Dockerfile");
            let h = File::open(&p).map_err(|_| {
                anyhow::anyhow!(
                    "failed to read dockerfile: open Dockerfile: no such file or directory"
                )
            })?;
            (read_capped(h, "Dockerfile")?, "Dockerfile".to_string())
        }
    };
    // `<Dockerfile>.dockerignore` next to the Dockerfile, else the context's.
    let specific = file
        .filter(|f| *f != "-")
        .map(|f| PathBuf::from(format!("{f}.dockerignore")))
        .or_else(|| Some(dir.join("Dockerfile.dockerignore")))
        .and_then(|p| std::fs::read_to_string(p).ok());
    let ignore = match specific {
        Some(t) => Ignore::parse(&t),
        None => read_ignore(&fd, "Dockerfile"),
    };
    Ok(BuildContext {
        fd,
        ignore,
        dockerfile: text,
        dockerfile_name: name,
        scratch: None,
    })
}

/// The ignore file inside the context (`NAME.dockerignore`, else `.dockerignore`).
fn read_ignore(root: &OwnedFd, dockerfile: &str) -> Ignore {
    for name in [
        format!("{dockerfile}.dockerignore"),
        ".dockerignore".to_string(),
    ] {
        if let Ok(fd) = crate::sys::resolve::open_in_root(root, &name, libc::O_RDONLY) {
            if let Ok(t) = read_capped(File::from(fd), &name) {
                return Ignore::parse(&t);
            }
        }
    }
    Ignore::default()
}
