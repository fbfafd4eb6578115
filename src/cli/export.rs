//! `export` and `import`: a container's filesystem as a tar, and a tar made an image.

use crate::container::Containers;
use crate::image::import::{import as import_image, ImportOptions};
use crate::image::ImageStore;
use crate::oci::reference::Reference;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Write to a file, instead of STDOUT
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Apply Dockerfile instruction to the created image
    #[arg(short = 'c', long = "change", value_name = "LIST")]
    pub changes: Vec<String>,
    /// Set commit message for imported image
    #[arg(short = 'm', long, value_name = "STRING")]
    pub message: Option<String>,
    /// Set platform if server is multi-platform capable (only this machine's)
    #[arg(long, value_name = "STRING")]
    pub platform: Option<String>,
    /// A tar archive (plain, gzip or zstd), or - for STDIN
    #[arg(value_name = "file|-")]
    pub source: String,
    #[arg(value_name = "REPOSITORY[:TAG]")]
    pub reference: Option<String>,
}

pub fn export(paths: &Paths, a: ExportArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    let l = ctrs.load(&ctrs.resolve(&a.container)?)?;
    match &a.output {
        Some(path) => {
            // Whole or not at all: a temp file beside it, renamed at the end.
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
            let tmp = dir.unwrap_or(std::path::Path::new(".")).join(format!(
                ".{}.{}.tmp",
                path.file_name().unwrap_or_default().to_string_lossy(),
                std::process::id()
            ));
            let res = (|| -> Result<()> {
                let f = std::fs::File::create(&tmp)
                    .with_context(|| format!("creating {}", tmp.display()))?;
                let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
                crate::container::export::export(paths, &l, &mut w)?;
                let f = w.into_inner().map_err(|e| e.into_error())?;
                f.sync_all()?;
                std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
            })();
            if res.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            res?;
        }
        None => {
            if nix::unistd::isatty(1).unwrap_or(false) {
                bail!("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            }
            let mut out = std::io::stdout().lock();
            crate::container::export::export(paths, &l, &mut out)?;
            out.flush()?;
        }
    }
    Ok(0)
}

pub fn import(paths: &Paths, a: ImportArgs) -> Result<i32> {
    // The engine's refusals in its words (`Error response from daemon: ...`), as docker
    // prints them.
    import_inner(paths, a).map_err(|e| {
        let text = format!("{e:#}");
        if text.starts_with("Error response from daemon:") {
            eprintln!("{text}");
            super::ExitCode(1).into()
        } else {
            e
        }
    })
}

fn import_inner(paths: &Paths, a: ImportArgs) -> Result<i32> {
    if let Some(p) = &a.platform {
        let want = crate::registry::manifest::Platform::parse(p)?;
        let host = crate::registry::manifest::Platform::host();
        if want.os != host.os || want.arch != host.arch {
            bail!(
                "--platform {p}: berth imports images for this machine only ({}/{})",
                host.os,
                host.arch
            );
        }
    }
    if a.source.contains("://") {
        bail!(
            "import from a URL is not supported: fetch {} first and import the file",
            a.source
        );
    }
    let tag = a
        .reference
        .as_deref()
        .map(|r| Reference::parse(r).with_context(|| format!("invalid reference format: {r}")))
        .transpose()?;
    let store = ImageStore::new(paths);
    let opts = ImportOptions {
        changes: &a.changes,
        message: a.message.as_deref(),
        tag,
    };
    let rec = match a.source.as_str() {
        "-" => import_image(&store, &mut std::io::stdin().lock(), opts)?,
        f => {
            let mut file = std::fs::File::open(f).with_context(|| format!("open {f}"))?;
            import_image(&store, &mut file, opts)?
        }
    };
    println!("{}", rec.id);
    Ok(0)
}
