//! A transient scope of the systemd user manager (Delegate=yes) for one container, as
//! podman asks for it. The bus call runs in a forked child: nothing of the bus (socket,
//! buffers) stays in the supervisor that clones and joins namespaces.

use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The scope's unit name for container `id`.
pub fn unit(id: &str) -> String {
    format!("berth-{id}.scope")
}

/// Ask systemd for the scope holding `pid`; returns its cgroup directory once the
/// process is in it.
pub fn start_scope(bus: &Path, id: &str, pid: i32, slice: Option<&str>) -> Result<PathBuf> {
    let name = unit(id);
    let (mut r, w) = std::io::pipe().context("pipe")?;
    // SAFETY: the supervisor is single-threaded here (see sandbox::spawn); the child
    // only talks to the bus, writes to the pipe and leaves with _exit.
    match unsafe { nix::unistd::fork() }.context("fork")? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            let res = crate::sys::dbus::Bus::connect(bus).and_then(|mut b| {
                b.start_transient_scope(&name, pid as u32, slice, &format!("berth container {id}"))
            });
            let code = match res {
                Ok(_) => 0,
                Err(e) => {
                    let mut w = w;
                    let _ = std::io::Write::write_all(&mut w, format!("{e:#}").as_bytes());
                    1
                }
            };
            crate::sys::process::exit_now(code)
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(w);
            let mut msg = String::new();
            let _ = r.read_to_string(&mut msg);
            let st = nix::sys::wait::waitpid(child, None).context("waiting for the bus call")?;
            if !matches!(st, nix::sys::wait::WaitStatus::Exited(_, 0)) {
                bail!("creating the systemd scope {name}: {msg}");
            }
        }
    }
    // systemd moves the process when it runs the start job: wait for it.
    let suffix = format!("/{name}");
    for _ in 0..300 {
        let cg = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap_or_default();
        if let Some(rel) = cg.lines().find_map(|l| l.strip_prefix("0::")) {
            if rel.ends_with(&suffix) {
                return Ok(Path::new(super::MOUNT).join(rel.trim_start_matches('/')));
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    bail!("systemd did not move the container into {name} within 3 s")
}
