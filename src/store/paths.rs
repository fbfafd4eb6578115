//! Where berth keeps its state: rootless XDG directories, or /var/lib and /run as root.

use anyhow::{Context, Result};
use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The two trees berth owns: `root` (persistent: images, layers, containers, volumes)
/// and `runroot` (volatile: locks, mount points, sockets).
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    pub runroot: PathBuf,
    pub rootless: bool,
    /// `--storage-driver`, for new containers.
    pub storage_driver: Option<String>,
}

impl Paths {
    pub fn new(root: Option<PathBuf>, runroot: Option<PathBuf>) -> Result<Paths> {
        let uid = nix::unistd::geteuid().as_raw();
        let rootless = uid != 0;
        let root = match root {
            Some(r) => absolute(r)?,
            None if rootless => data_home()?.join("berth"),
            None => PathBuf::from("/var/lib/berth"),
        };
        let runroot = match runroot {
            Some(r) => absolute(r)?,
            None if rootless => match std::env::var_os("XDG_RUNTIME_DIR") {
                Some(d) if !d.is_empty() && Path::new(&d).is_dir() => {
                    PathBuf::from(d).join("berth")
                }
                _ => PathBuf::from(format!("/tmp/berth-{uid}")),
            },
            None => PathBuf::from("/run/berth"),
        };
        let p = Paths {
            root,
            runroot,
            rootless,
            storage_driver: None,
        };
        p.ensure()?;
        Ok(p)
    }

    fn ensure(&self) -> Result<()> {
        for d in [&self.root, &self.runroot] {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(d)
                .with_context(|| format!("creating {}", d.display()))?;
        }
        // A runroot under a shared /tmp must be ours alone.
        let meta = fs::metadata(&self.runroot)?;
        if meta.permissions().mode() & 0o077 != 0 && self.runroot.starts_with("/tmp") {
            fs::set_permissions(&self.runroot, fs::Permissions::from_mode(0o700))?;
        }
        for d in [
            self.containers(),
            self.images(),
            self.layers(),
            self.blobs(),
            self.tmp(),
        ] {
            fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
        }
        fs::create_dir_all(self.names())?;
        Ok(())
    }

    pub fn containers(&self) -> PathBuf {
        self.root.join("containers")
    }
    pub fn container(&self, id: &str) -> PathBuf {
        self.containers().join(id)
    }
    /// Container names, each a symlink `name -> id`: symlink(2) is the atomic reservation.
    pub fn names(&self) -> PathBuf {
        self.root.join("names")
    }
    pub fn images(&self) -> PathBuf {
        self.root.join("images")
    }
    pub fn layers(&self) -> PathBuf {
        self.root.join("layers")
    }
    pub fn blobs(&self) -> PathBuf {
        self.root.join("blobs").join("sha256")
    }
    /// Scratch space on the same filesystem as the store, so renames into it are atomic.
    pub fn tmp(&self) -> PathBuf {
        self.root.join("tmp")
    }
    /// Per-container volatile dir: the rootfs mount point lives here.
    pub fn run_container(&self, id: &str) -> PathBuf {
        self.runroot.join(&id[..12.min(id.len())])
    }
    pub fn images_lock(&self) -> PathBuf {
        self.root.join("images.lock")
    }
}

fn data_home() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .context("neither XDG_DATA_HOME nor HOME is set; pass --root")?;
    Ok(PathBuf::from(home).join(".local/share"))
}

fn absolute(p: PathBuf) -> Result<PathBuf> {
    if p.is_absolute() {
        Ok(p)
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
}
