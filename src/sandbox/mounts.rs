//! Building the container's root filesystem inside its mount namespace: overlay,
//! the spec's mounts (each target resolved inside the rootfs, never through a symlink
//! out of it), /dev, pivot_root, masked and read-only paths.

use super::{Namespaces, Rootfs, Share};
use anyhow::{bail, Context, Result};
use nix::mount::{mount, umount2, MntFlags, MsFlags};
use oci_spec::runtime::{Mount, Spec};
use rustix::fs::{Mode, OFlags};
use std::fs;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

/// Mount the rootfs at its target and return the target.
pub fn mount_rootfs(rootfs: &Rootfs, userns: bool) -> Result<PathBuf> {
    match rootfs {
        Rootfs::Overlay {
            lower,
            upper,
            work,
            target,
        } => {
            let mut data = overlay_options(lower, upper, work);
            if userns {
                data.push_str(",userxattr");
            }
            if data.len() >= 4096 {
                bail!(
                    "too many layers for one overlay mount ({} bytes of options)",
                    data.len()
                );
            }
            mount(
                Some("overlay"),
                target,
                Some("overlay"),
                MsFlags::empty(),
                Some(data.as_str()),
            )
            .with_context(|| format!("mounting the overlay rootfs at {}", target.display()))?;
            Ok(target.clone())
        }
        Rootfs::FuseOverlay {
            lower,
            upper,
            work,
            target,
        } => {
            // Runs in the container's mount namespace; it daemonizes once mounted.
            let mut cmd = std::process::Command::new(crate::storage::driver::FUSE_OVERLAYFS);
            cmd.arg("-o")
                .arg(overlay_options(lower, upper, work))
                .arg(target)
                .stdin(std::process::Stdio::null());
            if userns {
                // In a user namespace its root must not be the old root: pivot_root
                // would move it into the FUSE mount itself, and every absolute path it
                // then resolves waits on its own answers (a container writing files
                // hangs). So it runs chrooted into a bind of `/` (`keep`), mounting at
                // its copy of the target, a peer of ours that we are a slave of: the
                // mount propagates to our target. (As root the old way works, and this
                // one loses the root at pivot_root: not used there.)
                let keep = target.with_file_name("fuse-root");
                fs::create_dir_all(&keep).context("creating the fuse-overlayfs root")?;
                let t = target.as_path();
                mount(Some(t), t, None::<&str>, MsFlags::MS_BIND, None::<&str>)
                    .context("binding the rootfs target onto itself")?;
                mount(
                    None::<&str>,
                    t,
                    None::<&str>,
                    MsFlags::MS_SHARED,
                    None::<&str>,
                )
                .context("sharing the rootfs target")?;
                mount(
                    Some("/"),
                    &keep,
                    None::<&str>,
                    MsFlags::MS_BIND | MsFlags::MS_REC,
                    None::<&str>,
                )
                .context("binding / for fuse-overlayfs")?;
                mount(
                    None::<&str>,
                    t,
                    None::<&str>,
                    MsFlags::MS_SLAVE,
                    None::<&str>,
                )
                .context("making the rootfs target a slave")?;
                let root = keep.clone();
                // SAFETY: runs in the forked child of the single-threaded sandbox child,
                // so no lock can be held by another thread; it only calls chroot, chdir.
                unsafe {
                    std::os::unix::process::CommandExt::pre_exec(&mut cmd, move || {
                        nix::unistd::chroot(&root)?;
                        nix::unistd::chdir("/")?;
                        Ok(())
                    });
                }
            }
            let out = cmd.output().context("running fuse-overlayfs")?;

            if !out.status.success() {
                bail!(
                    "fuse-overlayfs: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
            if userns {
                // Cut the link: detaching the old root after pivot_root takes the
                // daemon's copy along; an unmount propagating from it must not reach us.
                mount(
                    None::<&str>,
                    target.as_path(),
                    None::<&str>,
                    MsFlags::MS_PRIVATE | MsFlags::MS_REC,
                    None::<&str>,
                )
                .context("making the rootfs private")?;
            }
            Ok(target.clone())
        }
        Rootfs::Bind { dir, target } => {
            mount(
                Some(dir.as_path()),
                target,
                None::<&str>,
                MsFlags::MS_BIND | MsFlags::MS_REC,
                None::<&str>,
            )
            .with_context(|| format!("binding the rootfs {}", dir.display()))?;
            Ok(target.clone())
        }
    }
}

fn overlay_options(lower: &[PathBuf], upper: &Path, work: &Path) -> String {
    let lowers: Vec<String> = lower.iter().map(|p| p.display().to_string()).collect();
    format!(
        "lowerdir={},upperdir={},workdir={}",
        lowers.join(":"),
        upper.display(),
        work.display()
    )
}

/// Open `dest` (absolute in the container) inside `root`, creating it as a directory or
/// an empty file when missing. Returns an O_PATH fd to mount on via /proc/self/fd.
fn open_target(root: &OwnedFd, dest: &Path, is_dir: bool) -> Result<OwnedFd> {
    let rel = dest.to_string_lossy().trim_start_matches('/').to_string();
    if rel.is_empty() {
        return openat2(root, ".", libc::O_PATH | libc::O_DIRECTORY);
    }
    if let Ok(fd) = openat2(root, &rel, libc::O_PATH) {
        return Ok(fd);
    }
    let (parent, name) = match rel.rsplit_once('/') {
        Some((p, n)) => (p.to_string(), n.to_string()),
        None => (String::new(), rel.clone()),
    };
    let pfd = open_target(root, Path::new(&format!("/{parent}")), true)?;
    // Errors are left to the open below (EEXIST races are fine); neither call follows a
    // symlink at `name` (mkdirat never does, the open has O_NOFOLLOW).
    if is_dir {
        let _ = rustix::fs::mkdirat(&pfd, name.as_str(), Mode::from_raw_mode(0o755));
    } else {
        let _ = rustix::fs::openat(
            &pfd,
            name.as_str(),
            OFlags::CREATE | OFlags::WRONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
            Mode::from_raw_mode(0o644),
        );
    }
    openat2(root, &rel, libc::O_PATH)
        .with_context(|| format!("creating mount point {}", dest.display()))
}

fn openat2(root: &OwnedFd, rel: &str, flags: i32) -> Result<OwnedFd> {
    crate::sys::resolve::open_in_root(root, rel, flags)
        .with_context(|| format!("opening /{rel} in the rootfs"))
}

fn fd_path(fd: &OwnedFd) -> String {
    format!("/proc/self/fd/{}", fd.as_raw_fd())
}

/// Make a mount (and with `recursive` its submounts) read-only. mount_setattr keeps the
/// locked flags a remount in a user namespace would have to repeat.
pub fn make_readonly(path: &str, recursive: bool) -> Result<()> {
    crate::sys::fd::mount_setattr_readonly(path, recursive)
        .with_context(|| format!("making {path} read-only"))
}

fn opts_flags(options: &[String]) -> (MsFlags, Vec<String>, bool, bool) {
    let mut flags = MsFlags::empty();
    let mut data = Vec::new();
    let (mut ro, mut bind) = (false, false);
    for o in options {
        match o.as_str() {
            "ro" | "readonly" => ro = true,
            "rw" => {}
            "nosuid" => flags |= MsFlags::MS_NOSUID,
            "nodev" => flags |= MsFlags::MS_NODEV,
            "noexec" => flags |= MsFlags::MS_NOEXEC,
            "strictatime" => flags |= MsFlags::MS_STRICTATIME,
            "relatime" => flags |= MsFlags::MS_RELATIME,
            "noatime" => flags |= MsFlags::MS_NOATIME,
            "bind" | "rbind" => bind = true,
            "private" | "rprivate" | "slave" | "rslave" | "shared" | "rshared" => {}
            other => data.push(other.to_string()),
        }
    }
    (flags, data, ro, bind)
}

/// An O_PATH fd on the mounted rootfs: every later path under it is resolved from here,
/// inside the root (a hostile image's symlinks cannot lead berth's writes out of it).
pub fn open_root(root: &Path) -> Result<OwnedFd> {
    rustix::fs::open(
        root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening the rootfs {}", root.display()))
}

/// Mount everything the spec lists, under the root `rootfd`.
pub fn mount_all(rootfd: &OwnedFd, spec: &Spec, ns: &Namespaces) -> Result<()> {
    let empty = vec![];
    for m in spec.mounts().as_ref().unwrap_or(&empty) {
        let res = mount_one(rootfd, m, ns);
        // The container's view of its cgroup is a convenience: a kernel or setup that
        // refuses it (no sysfs, a cgroup namespace not ours) still runs the container.
        if m.typ().as_deref() == Some("cgroup2") {
            continue;
        }
        res.with_context(|| format!("mounting {}", m.destination().display()))?;
    }
    Ok(())
}

fn mount_one(rootfd: &OwnedFd, m: &Mount, ns: &Namespaces) -> Result<()> {
    let typ = m.typ().clone().unwrap_or_default();
    let options = m.options().clone().unwrap_or_default();
    let (flags, data, ro, bind) = opts_flags(&options);
    let source = m.source().clone().unwrap_or_default();
    let dest = m.destination();
    if bind || typ == "bind" {
        let src_is_dir = fs::metadata(&source)
            .with_context(|| format!("bind source {}", source.display()))?
            .is_dir();
        let target = open_target(rootfd, dest, src_is_dir)?;
        let tp = fd_path(&target);
        mount(
            Some(&source),
            tp.as_str(),
            None::<&str>,
            MsFlags::MS_BIND | MsFlags::MS_REC,
            None::<&str>,
        )?;
        if ro {
            // Re-resolve: the fd still names the covered inode, not the new mount.
            let after = open_target(rootfd, dest, src_is_dir)?;
            make_readonly(&fd_path(&after), true)?;
        }
        return Ok(());
    }
    if typ == "sysfs" && ns.net == Share::Host {
        // sysfs can only be mounted from the container's own network namespace.
        return bind_from_host(rootfd, dest, "/sys", true);
    }
    let target = open_target(rootfd, dest, true)?;
    let tp = fd_path(&target);
    let mut f = flags;
    if ro {
        f |= MsFlags::MS_RDONLY;
    }
    let data = data.join(",");
    let res = mount(
        Some(source.as_path()),
        tp.as_str(),
        Some(typ.as_str()),
        f,
        Some(data.as_str()),
    );
    if let Err(e) = res {
        // devpts without gid= when gid 5 is not mapped (one-id mapping).
        if typ == "devpts" {
            let d2: Vec<&str> = data.split(',').filter(|o| !o.starts_with("gid=")).collect();
            mount(
                Some(source.as_path()),
                tp.as_str(),
                Some("devpts"),
                f,
                Some(d2.join(",").as_str()),
            )?;
        } else if e == nix::errno::Errno::EPERM && typ == "proc" && ns.pid == Share::Host {
            // Rootless, the host's pid namespace belongs to the initial user namespace:
            // no new proc instance for it, the host's is bound (as podman does).
            bind_from_host(rootfd, dest, "/proc", false)?;
        } else if e == nix::errno::Errno::EPERM && typ == "mqueue" && ns.ipc == Share::Host {
            if Path::new("/dev/mqueue").is_dir() {
                bind_from_host(rootfd, dest, "/dev/mqueue", false)?;
            }
        } else if typ == "mqueue" || typ == "sysfs" && e == nix::errno::Errno::EPERM {
            // Not fatal: docker-in-userns setups without these still run.
        } else {
            return Err(e.into());
        }
    }
    Ok(())
}

/// Attach a detached mount (`open_tree`'s) at `dest` inside the root.
pub fn attach(rootfd: &OwnedFd, tree: &OwnedFd, dest: &Path) -> Result<()> {
    let target = open_target(rootfd, dest, true)?;
    rustix::mount::move_mount(
        tree,
        "",
        &target,
        "",
        rustix::mount::MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH
            | rustix::mount::MoveMountFlags::MOVE_MOUNT_T_EMPTY_PATH,
    )
    .with_context(|| format!("attaching the shared mount at {}", dest.display()))
}

/// Bind the host's `source` (all its submounts) at `dest` inside the root.
fn bind_from_host(rootfd: &OwnedFd, dest: &Path, source: &str, ro: bool) -> Result<()> {
    let target = open_target(rootfd, dest, true)?;
    mount(
        Some(source),
        fd_path(&target).as_str(),
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None::<&str>,
    )?;
    if ro {
        // Re-resolve: the fd still names the covered inode, not the new mount.
        let after = open_target(rootfd, dest, true)?;
        make_readonly(&fd_path(&after), true)?;
    }
    Ok(())
}

/// Device nodes: bind the host's (a user namespace cannot mknod) onto files in the
/// container's /dev, each created and opened relative to /dev as resolved inside the root.
pub fn populate_dev(rootfd: &OwnedFd) -> Result<()> {
    let dev = open_target(rootfd, Path::new("/dev"), true)?;
    for name in ["null", "zero", "full", "random", "urandom", "tty"] {
        let target = match openat2(rootfd, &format!("dev/{name}"), libc::O_PATH) {
            Ok(fd) => fd,
            Err(_) => {
                nix::fcntl::openat(
                    Some(dev.as_raw_fd()),
                    name,
                    nix::fcntl::OFlag::O_CREAT
                        | nix::fcntl::OFlag::O_EXCL
                        | nix::fcntl::OFlag::O_WRONLY
                        | nix::fcntl::OFlag::O_NOFOLLOW
                        | nix::fcntl::OFlag::O_CLOEXEC,
                    nix::sys::stat::Mode::from_bits_truncate(0o644),
                )
                .map(nix::unistd::close)
                .with_context(|| format!("creating /dev/{name}"))??;
                openat2(rootfd, &format!("dev/{name}"), libc::O_PATH)?
            }
        };
        mount(
            Some(&Path::new("/dev").join(name)),
            fd_path(&target).as_str(),
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .with_context(|| format!("binding /dev/{name}"))?;
    }
    for (link, target) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("ptmx", "pts/ptmx"),
        ("core", "/proc/kcore"),
    ] {
        // An entry the image already has there stays (EEXIST): symlinkat never follows it.
        let _ = nix::unistd::symlinkat(target, Some(dev.as_raw_fd()), link);
    }
    Ok(())
}

/// Switch the process's root to `root` and detach the old one.
pub fn pivot(root: &Path) -> Result<()> {
    nix::unistd::chdir(root).context("chdir to rootfs")?;
    nix::unistd::pivot_root(".", ".").context("pivot_root")?;
    umount2(".", MntFlags::MNT_DETACH).context("detaching the old root")?;
    nix::unistd::chdir("/")?;
    Ok(())
}

/// Docker's masked paths (hidden) and read-only paths, after pivot_root.
pub fn mask_paths(masked: &[String], readonly: &[String]) -> Result<()> {
    for p in masked {
        let path = Path::new(p);
        let Ok(meta) = fs::symlink_metadata(path) else {
            continue;
        };
        let r = if meta.is_dir() {
            mount(
                Some("tmpfs"),
                path,
                Some("tmpfs"),
                MsFlags::MS_RDONLY,
                None::<&str>,
            )
        } else {
            mount(
                Some("/dev/null"),
                path,
                None::<&str>,
                MsFlags::MS_BIND,
                None::<&str>,
            )
        };
        r.with_context(|| format!("masking {p}"))?;
    }
    for p in readonly {
        if !Path::new(p).exists() {
            continue;
        }
        mount(
            Some(p.as_str()),
            p.as_str(),
            None::<&str>,
            MsFlags::MS_BIND | MsFlags::MS_REC,
            None::<&str>,
        )
        .with_context(|| format!("binding {p}"))?;
        make_readonly(p, true)?;
    }
    Ok(())
}
