//! `cp`: docker's argument forms (`CONTAINER:PATH`, `-` for a tar stream), its errors
//! printed as docker's CLI prints them (no `Error:` prefix), exit 1.

use crate::container::cp::{copy_in, copy_out, Host};
use crate::container::Containers;
use crate::store::Paths;
use anyhow::{anyhow, bail, Result};
use clap::Args;
use std::path::Path;

#[derive(Args, Debug)]
#[command(
    override_usage = "berth cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n       berth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
    after_help = "Use '-' as the source to read a tar archive from stdin and extract it to a directory destination in a container.\nUse '-' as the destination to stream a tar archive of a container source to stdout."
)]
pub struct CpArgs {
    /// Archive mode (copy all uid/gid information)
    #[arg(short = 'a', long)]
    pub archive: bool,
    /// Always follow symbol link in SRC_PATH
    #[arg(short = 'L', long)]
    pub follow_link: bool,
    /// Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached
    #[arg(short = 'q', long)]
    pub quiet: bool,
    #[arg(value_name = "SRC_PATH")]
    pub src: String,
    #[arg(value_name = "DEST_PATH")]
    pub dst: String,
}

/// docker's `splitCpArg`: an absolute path or one starting with `.` is local, else
/// `CONTAINER:PATH` when there is a colon.
fn split(arg: &str) -> (Option<&str>, &str) {
    if arg.starts_with('/') {
        return (None, arg);
    }
    match arg.split_once(':') {
        Some((c, p)) if !c.starts_with('.') => (Some(c), p),
        _ => (None, arg),
    }
}

pub fn cp(paths: &Paths, a: CpArgs) -> Result<i32> {
    match run(paths, &a) {
        Ok(()) => Ok(0),
        Err(e) => {
            eprintln!("{e:#}");
            Err(super::ExitCode(1).into())
        }
    }
}

fn run(paths: &Paths, a: &CpArgs) -> Result<()> {
    let (src_ctr, src) = split(&a.src);
    let (dst_ctr, dst) = split(&a.dst);
    if src.is_empty() {
        bail!("source can not be empty");
    }
    if dst.is_empty() {
        bail!("destination can not be empty");
    }
    let progress = !a.quiet && nix::unistd::isatty(2).unwrap_or(false);
    let ctrs = Containers::new(paths);
    let load = |name: &str| {
        let id = ctrs
            .resolve(name)
            .map_err(|e| match crate::container::is_gone(&e) {
                true => anyhow!("Error response from daemon: No such container: {name}"),
                false => e,
            })?;
        ctrs.load(&id)
    };
    match (src_ctr, dst_ctr) {
        (Some(c), None) => {
            let l = load(c)?;
            let host = match dst {
                "-" => Host::Stream,
                d => Host::Path(Path::new(d)),
            };
            let n = copy_out(paths, &l, src, a.follow_link, host)?;
            if progress && dst != "-" {
                let shown = std::path::absolute(dst).unwrap_or_else(|_| dst.into());
                eprintln!(
                    "Successfully copied {} to {}",
                    crate::format::human_size(n),
                    shown.display()
                );
            }
        }
        (None, Some(c)) => {
            let l = load(c)?;
            let host = match src {
                "-" => Host::Stream,
                s => Host::Path(Path::new(s)),
            };
            let n = copy_in(paths, &l, host, a.follow_link, a.archive, dst, &a.dst)?;
            if progress && src != "-" {
                eprintln!(
                    "Successfully copied {} to {}",
                    crate::format::human_size(n),
                    a.dst
                );
            }
        }
        (Some(_), Some(_)) => bail!("copying between containers is not supported"),
        (None, None) => bail!("must specify at least one container source"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn arguments_as_docker_splits_them() {
        assert_eq!(split("c:/etc/hosts"), (Some("c"), "/etc/hosts"));
        assert_eq!(split("/abs:x"), (None, "/abs:x"));
        assert_eq!(split("./a:b"), (None, "./a:b"));
        assert_eq!(split("file"), (None, "file"));
        assert_eq!(split("-"), (None, "-"));
    }
}
