//! Another process's namespaces, as files to setns(2) into.

use anyhow::{Context, Result};
use std::fs::File;
use std::os::unix::fs::MetadataExt;

/// `/proc/PID/ns/KIND`, opened (from the host's /proc).
pub fn open(pid: i32, kind: &str) -> Result<File> {
    File::open(format!("/proc/{pid}/ns/{kind}"))
        .with_context(|| format!("opening the {kind} namespace of process {pid}"))
}

/// Is `f` the namespace of that kind this process is in (same device and inode)? One
/// we share needs no joining — and may belong to a user namespace the target's cannot
/// join (EPERM).
pub fn is_ours(f: &File, kind: &str) -> bool {
    match (
        f.metadata(),
        std::fs::metadata(format!("/proc/self/ns/{kind}")),
    ) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Enter a new mount namespace whose mounts are all private, before anything is
/// mounted in it: on a host whose `/` is shared, a mount made here would otherwise show
/// up on the host. For short-lived children (probes, a stopped container's rootfs).
pub fn unshare_private_mounts() -> Result<()> {
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS).context("unshare")?;
    nix::mount::mount(
        None::<&str>,
        "/",
        None::<&str>,
        nix::mount::MsFlags::MS_PRIVATE | nix::mount::MsFlags::MS_REC,
        None::<&str>,
    )
    .context("making our mounts private")
}
