//! How a container's rootfs is assembled: native overlayfs (in the user namespace with
//! `userxattr`), fuse-overlayfs when the kernel refuses that, or `vfs`: a private copy of
//! the layers with whiteouts applied. The choice is probed once per runroot and cached;
//! `--storage-driver` overrides it. A container keeps the driver it was created with.

use crate::store::Paths;
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    Overlay,
    FuseOverlayfs,
    Vfs,
}

pub const FUSE_OVERLAYFS: &str = "/usr/bin/fuse-overlayfs";

impl Driver {
    pub fn parse(s: &str) -> Result<Driver> {
        Ok(match s {
            "overlay" | "overlay2" => Driver::Overlay,
            "fuse-overlayfs" => Driver::FuseOverlayfs,
            "vfs" => Driver::Vfs,
            other => bail!("unknown storage driver {other:?}: use overlay, fuse-overlayfs or vfs"),
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Driver::Overlay => "overlay",
            Driver::FuseOverlayfs => "fuse-overlayfs",
            Driver::Vfs => "vfs",
        }
    }
}

/// The driver for new containers: the override, else the cached probe result.
pub fn choose(paths: &Paths, requested: Option<&str>) -> Result<Driver> {
    if let Some(r) = requested {
        let d = Driver::parse(r)?;
        if d == Driver::FuseOverlayfs && !Path::new(FUSE_OVERLAYFS).exists() {
            bail!("storage driver fuse-overlayfs: {FUSE_OVERLAYFS} is not installed (apt-get install fuse-overlayfs)");
        }
        return Ok(d);
    }
    let cache = paths.runroot.join("storage-driver");
    if let Ok(s) = fs::read_to_string(&cache) {
        if let Ok(d) = Driver::parse(s.trim()) {
            return Ok(d);
        }
    }
    let d = if probe_native_overlay(paths).is_ok() {
        Driver::Overlay
    } else if Path::new(FUSE_OVERLAYFS).exists() && Path::new("/dev/fuse").exists() {
        Driver::FuseOverlayfs
    } else {
        Driver::Vfs
    };
    let _ = crate::store::atomic::write_atomic(&cache, d.name().as_bytes());
    Ok(d)
}

/// Can this kernel mount overlayfs where berth will (in a user namespace when rootless)?
pub fn probe_native_overlay(paths: &Paths) -> Result<()> {
    let dir = paths.tmp().join(format!("probe-{}", std::process::id()));
    for d in ["l", "u", "w", "m"] {
        fs::create_dir_all(dir.join(d))?;
    }
    let rootless = paths.rootless;
    let d2 = dir.clone();
    // In a child, never the CLI itself; and the new mount namespace is private before
    // anything is mounted in it, or the probe's mount would show up on a host whose `/`
    // is shared.
    let res = crate::storage::mapped::run_in_child(move || {
        crate::sys::ns::unshare_private_mounts()?;
        let mut data = format!(
            "lowerdir={},upperdir={},workdir={}",
            d2.join("l").display(),
            d2.join("u").display(),
            d2.join("w").display()
        );
        if rootless {
            data.push_str(",userxattr");
        }
        nix::mount::mount(
            Some("overlay"),
            &d2.join("m"),
            Some("overlay"),
            nix::mount::MsFlags::empty(),
            Some(data.as_str()),
        )
        .context("mount overlay")?;
        Ok(())
    });
    let _ = crate::storage::mapped::remove_tree(&dir);
    res
}
