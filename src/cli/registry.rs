//! pull, push, login, logout.

use crate::image::pull;
use crate::image::{ImageStore, Reference};
use crate::registry::{self, Compression, Options, RegistryError};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use clap::Args;
use std::io::BufRead;
use std::os::fd::AsFd;
use std::path::PathBuf;

/// Flags every command that talks to a registry takes (podman's names).
#[derive(Args, Debug, Clone, Default)]
pub struct RegistryFlags {
    /// Require HTTPS and verify certificates (default: verify, except for loopback registries)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL")]
    pub tls_verify: Option<bool>,
    /// Directory of certificates (*.crt) to trust for the registry
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<PathBuf>,
    /// Path of the authentication file (default: ${XDG_RUNTIME_DIR}/containers/auth.json)
    #[arg(long, env = "REGISTRY_AUTH_FILE", value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Credentials (USERNAME:PASSWORD) to use with the registry
    #[arg(long, value_name = "USER:PASS")]
    pub creds: Option<String>,
}

impl RegistryFlags {
    pub fn options(&self, platform: Option<String>, quiet: bool) -> Result<Options> {
        let creds = match &self.creds {
            Some(c) => match c.split_once(':') {
                Some((u, p)) if !u.is_empty() => Some((u.to_string(), p.to_string())),
                _ => bail!("--creds: want USERNAME:PASSWORD"),
            },
            None => None,
        };
        Ok(Options {
            tls_verify: self.tls_verify,
            cert_dir: self.cert_dir.clone(),
            authfile: self.authfile.clone(),
            creds,
            platform,
            quiet,
            compression: Compression::default(),
        })
    }
}

#[derive(Args, Debug)]
pub struct PullArgs {
    /// Suppress verbose output
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Set platform if server is multi-platform capable (os/arch[/variant])
    #[arg(long)]
    pub platform: Option<String>,
    /// Pull all tagged images in the repository (not supported)
    #[arg(short = 'a', long, hide = true)]
    pub all_tags: bool,
    #[command(flatten)]
    pub registry: RegistryFlags,
    pub name: String,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// Suppress verbose output
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Compression for uncompressed layers: gzip (default) or zstd
    #[arg(long, default_value = "gzip")]
    pub compression_format: String,
    #[command(flatten)]
    pub registry: RegistryFlags,
    pub name: String,
}

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// Username
    #[arg(short = 'u', long)]
    pub username: Option<String>,
    /// Password
    #[arg(short = 'p', long)]
    pub password: Option<String>,
    /// Take the password from stdin
    #[arg(long)]
    pub password_stdin: bool,
    #[command(flatten)]
    pub registry: RegistryFlags,
    /// Registry (default docker.io)
    pub server: Option<String>,
}

#[derive(Args, Debug)]
pub struct LogoutArgs {
    /// Path of the authentication file
    #[arg(long, env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Registry (default docker.io)
    pub server: Option<String>,
}

/// Pull `name` (short names through registries.conf), printing docker's lines to `out`
/// (`announce`: say "Using default tag", as `pull` does and `run` does not).
pub fn pull_image(
    paths: &Paths,
    name: &str,
    opts: &Options,
    out: &mut dyn std::io::Write,
    announce: bool,
) -> Result<crate::image::ImageRecord> {
    let store = ImageStore::new(paths);
    let typed = Reference::parse(name)?;
    let candidates = registry::resolve_short_name(name)?;
    if announce && typed.tag.as_deref() == Some("latest") && !name.contains(':') && !opts.quiet {
        writeln!(out, "Using default tag: latest")?;
    }
    let mut last = None;
    for r in candidates {
        match pull::pull(&store, &r, opts) {
            Ok((rec, pulled, new)) => {
                if !opts.quiet {
                    writeln!(out, "Digest: {}", pulled.digest)?;
                    let shown = r.to_string();
                    if new {
                        writeln!(out, "Status: Downloaded newer image for {shown}")?;
                    } else {
                        writeln!(out, "Status: Image is up to date for {shown}")?;
                    }
                }
                writeln!(
                    out,
                    "{}",
                    r.tagged()
                        .unwrap_or_else(|| format!("{}@{}", r.name(), pulled.digest))
                )?;
                return Ok(rec);
            }
            Err(e)
                if matches!(
                    e.downcast_ref::<RegistryError>(),
                    Some(RegistryError::NotFound(_))
                ) =>
            {
                last = Some(e)
            }
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| anyhow::anyhow!("no registry to pull {name} from")))
}

pub fn pull(paths: &Paths, a: PullArgs) -> Result<i32> {
    if a.all_tags {
        bail!("--all-tags is not supported");
    }
    let opts = a.registry.options(a.platform.clone(), a.quiet)?;
    pull_image(paths, &a.name, &opts, &mut std::io::stdout(), true)?;
    Ok(0)
}

pub fn push(paths: &Paths, a: PushArgs) -> Result<i32> {
    let store = ImageStore::new(paths);
    let img = store.resolve(&a.name)?;
    let r = Reference::parse(&a.name)?;
    let mut opts = a.registry.options(None, a.quiet)?;
    opts.compression = a.compression_format.parse::<Compression>()?;
    let pushed = pull::push(&store, &img, &r, &opts)?;
    let tag = r.tag.clone().unwrap_or_else(|| "latest".into());
    println!("{tag}: digest: {} size: {}", pushed.digest, pushed.size);
    Ok(0)
}

pub fn login(a: LoginArgs) -> Result<i32> {
    let server = a.server.clone().unwrap_or_else(|| "docker.io".into());
    let opts = a.registry.options(None, false)?;
    if a.password.is_some() && a.password_stdin {
        bail!("--password and --password-stdin are mutually exclusive");
    }
    let user = match a.username.clone() {
        Some(u) => u,
        None if a.password_stdin => bail!("Must provide --username with --password-stdin"),
        None => prompt("Username: ", true)?,
    };
    let pass = if a.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from stdin")?;
        line.trim_end_matches(['\n', '\r']).to_string()
    } else {
        match a.password.clone() {
            Some(p) => {
                eprintln!(
                    "WARNING! Using --password via the CLI is insecure. Use --password-stdin."
                );
                p
            }
            None => prompt("Password: ", false)?,
        }
    };
    registry::login(&server, &user, &pass, &opts)?;
    println!("Login Succeeded");
    Ok(0)
}

pub fn logout(a: LogoutArgs) -> Result<i32> {
    let server = a.server.clone().unwrap_or_else(|| "docker.io".into());
    let opts = Options {
        authfile: a.authfile.clone(),
        ..Default::default()
    };
    if registry::logout(&server, &opts)? {
        println!("Removing login credentials for {server}");
    } else {
        println!("Not logged in to {server}");
    }
    Ok(0)
}

/// Ask on the terminal (never when stdin is not one: scripts have no TTY).
fn prompt(label: &str, echo: bool) -> Result<String> {
    if !nix::unistd::isatty(0).unwrap_or(false) {
        bail!(
            "cannot prompt for {}: stdin is not a terminal (use -u and --password-stdin)",
            label.trim_end_matches(": ").to_lowercase()
        );
    }
    eprint!("{label}");
    let stdin = std::io::stdin();
    let fd = stdin.as_fd();
    let saved = nix::sys::termios::tcgetattr(fd).ok();
    if !echo {
        if let Some(t) = &saved {
            let mut t2 = t.clone();
            t2.local_flags.remove(nix::sys::termios::LocalFlags::ECHO);
            let _ = nix::sys::termios::tcsetattr(fd, nix::sys::termios::SetArg::TCSANOW, &t2);
        }
    }
    let mut line = String::new();
    let r = std::io::stdin().lock().read_line(&mut line);
    if let (false, Some(t)) = (echo, &saved) {
        let _ = nix::sys::termios::tcsetattr(fd, nix::sys::termios::SetArg::TCSANOW, t);
        eprintln!();
    }
    r?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
