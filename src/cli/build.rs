//! `build` (also `image build`, `buildx build`): flags into `build::executor::Options`,
//! BuildKit's progress on stderr, the image id with `-q`; a failure is BuildKit's
//! `ERROR: failed to solve: ...`, exit 1.

use super::ExitCode;
use crate::build::{context, executor};
use crate::oci::reference::Reference;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Name and optionally a tag (format: "name:tag")
    #[arg(short = 't', long = "tag", value_name = "NAME:TAG")]
    pub tags: Vec<String>,
    /// Name of the Dockerfile (default: "PATH/Dockerfile"; "-" reads it from stdin)
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<String>,
    /// Set build-time variables
    #[arg(long = "build-arg", value_name = "KEY[=VALUE]")]
    pub build_args: Vec<String>,
    /// Set the target build stage to build
    #[arg(long)]
    pub target: Option<String>,
    /// Do not use cache when building the image
    #[arg(long)]
    pub no_cache: bool,
    /// Always attempt to pull all referenced images
    #[arg(long)]
    pub pull: bool,
    /// Suppress the build output and print image ID on success
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Write the image ID to the file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Set metadata for an image
    #[arg(long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Set the networking mode for the RUN instructions during build: default, bridge, none or host
    #[arg(long, value_name = "MODE")]
    pub network: Option<String>,
    /// Set target platform for build (the host's only)
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// Set type of progress output: auto, plain, tty, quiet
    #[arg(long, default_value = "auto", value_name = "TYPE")]
    pub progress: String,
    /// Secret to expose to the build: id=ID[,src=FILE] or id=ID,env=VAR
    /// (`RUN --mount=type=secret,id=ID` reads it at /run/secrets/ID)
    #[arg(long, value_name = "SPEC")]
    pub secret: Vec<String>,
    /// Add a custom host-to-IP mapping (host:ip)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Size of /dev/shm
    #[arg(long, value_name = "BYTES")]
    pub shm_size: Option<String>,
    /// Ulimit options
    #[arg(long = "ulimit", value_name = "NAME=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    #[command(flatten)]
    pub registry: super::registry::RegistryFlags,
    /// The build context: a directory, or "-" (a tar or a Dockerfile on stdin)
    #[arg(value_name = "PATH | URL | -")]
    pub context: String,
}

/// A usage error: docker's one line, exit 1 as buildx exits.
fn fail(e: anyhow::Error) -> anyhow::Error {
    eprintln!("ERROR: {e:#}");
    ExitCode(1).into()
}

/// `--secret id=ID[,type=file|env][,src=FILE|,env=VAR]` (buildx's forms): the file
/// that holds it. Env secrets are written to `dir` (mode 0600, removed after the build).
fn secret(spec: &str, dir: &std::path::Path) -> Result<(String, std::path::PathBuf)> {
    let (mut id, mut kind, mut src, mut env) = (None, None, None, None);
    for f in spec.split(',') {
        match f.split_once('=') {
            Some(("id", v)) => id = Some(v.to_string()),
            Some(("type", v)) => kind = Some(v.to_string()),
            Some(("src" | "source", v)) => src = Some(v.to_string()),
            Some(("env", v)) => env = Some(v.to_string()),
            _ => bail!(
                "invalid secret {spec:?}: unexpected {f:?} (want id=ID,src=FILE or id=ID,env=VAR)"
            ),
        }
    }
    let id = id
        .filter(|i| !i.is_empty() && !i.contains('/'))
        .ok_or_else(|| anyhow::anyhow!("invalid secret {spec:?}: an id (without /) is required"))?;
    let kind = kind.unwrap_or_else(|| if env.is_some() { "env" } else { "file" }.into());
    match kind.as_str() {
        "file" => {
            let p = std::path::PathBuf::from(src.unwrap_or_else(|| id.clone()));
            std::fs::File::open(&p)
                .with_context(|| format!("failed to read secret {id} from {}", p.display()))?;
            Ok((id, std::path::absolute(&p)?))
        }
        "env" => {
            let var = env.or(src).unwrap_or_else(|| id.clone());
            let value = std::env::var(&var).map_err(|_| {
                anyhow::anyhow!("secret {id}: environment variable {var} is not set")
            })?;
            std::fs::create_dir_all(dir)?;
            let p = dir.join(&id);
            use std::io::Write;
            use std::os::unix::fs::OpenOptionsExt;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&p)
                .and_then(|mut f| f.write_all(value.as_bytes()))
                .with_context(|| format!("writing secret {id}"))?;
            Ok((id, p))
        }
        k => bail!("invalid secret {spec:?}: unsupported type {k:?} (file or env)"),
    }
}

fn options(a: &BuildArgs, secrets_dir: &std::path::Path) -> Result<executor::Options> {
    let mut tags = Vec::new();
    for t in &a.tags {
        let r = Reference::parse(t).map_err(|e| anyhow::anyhow!("invalid tag {t:?}: {e:#}"))?;
        if r.digest.is_some() {
            bail!("invalid tag {t:?}: a tag cannot hold a digest");
        }
        tags.push(r);
    }
    if let Some(p) = &a.platform {
        let host = format!("linux/{}", crate::image::archive::host_arch());
        if p != &host {
            bail!("--platform {p}: berth builds for this machine's platform only ({host})");
        }
    }
    if !matches!(
        a.progress.as_str(),
        "auto" | "plain" | "tty" | "quiet" | "rawjson"
    ) {
        bail!(
            "invalid progress mode {:?}: use auto, plain, tty or quiet",
            a.progress
        );
    }
    if let Some(n) = &a.network {
        if !matches!(n.as_str(), "default" | "bridge" | "none" | "host") {
            bail!("network mode {n:?} not supported by berth build: use default, bridge, none or host");
        }
    }
    let labels = a
        .labels
        .iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (l.clone(), String::new()),
        })
        .collect();
    let build_args = a
        .build_args
        .iter()
        .map(|b| match b.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (b.clone(), None),
        })
        .collect();
    let shm_size = a
        .shm_size
        .as_deref()
        .map(crate::container::units::parse_bytes)
        .transpose()
        .map_err(|e| anyhow::anyhow!("invalid --shm-size: {e:#}"))?;
    let add_hosts = a
        .add_host
        .iter()
        .map(|h| crate::network::flags::add_host(h))
        .collect::<Result<_>>()?;
    Ok(executor::Options {
        tags,
        build_args,
        target: a.target.clone(),
        no_cache: a.no_cache,
        pull: a.pull,
        quiet: a.quiet || a.progress == "quiet",
        labels,
        network: a.network.clone(),
        add_hosts,
        shm_size,
        ulimits: a.ulimit.clone(),
        secrets: a
            .secret
            .iter()
            .map(|s| secret(s, secrets_dir))
            .collect::<Result<_>>()?,
    })
}

pub fn build(paths: &Paths, a: BuildArgs) -> Result<i32> {
    // Env secrets are written here for the build's RUN steps, and removed at the end.
    let secrets_dir = paths
        .runroot
        .join(format!("build-secrets-{}", std::process::id()));
    let r = build_with(paths, a, &secrets_dir);
    let _ = std::fs::remove_dir_all(&secrets_dir);
    r
}

fn build_with(paths: &Paths, a: BuildArgs, secrets_dir: &std::path::Path) -> Result<i32> {
    let o = options(&a, secrets_dir).map_err(fail)?;
    let ctx = context::open(paths, &a.context, a.file.as_deref()).map_err(fail)?;
    let reg = a.registry.options(None, false).map_err(fail)?;
    let pull = |name: &str| -> Result<()> {
        super::registry::pull_image(paths, name, &reg, &mut std::io::stderr(), false).map(|_| ())
    };
    let id = executor::Builder::new(paths, &ctx, &o, &pull)
        .and_then(|mut b| b.build())
        .map_err(fail)?;
    if let Some(f) = &a.iidfile {
        crate::store::atomic::write_atomic(f, id.as_bytes()).map_err(fail)?;
    }
    if o.quiet && a.progress != "quiet" || a.quiet {
        println!("{id}");
    }
    Ok(0)
}
