//! A transient scope of the systemd user manager (Delegate=yes) for one container, as
//! podman asks for it. The bus call runs in a forked child: nothing of the bus (socket,
//! buffers) stays in the supervisor that clones and joins namespaces.

use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The scope's unit name for container `id`'s process `pid`: one per start, so a restart
/// never meets the previous start's scope before systemd has collected it.
pub fn unit(id: &str, pid: i32) -> String {
    format!("berth-{id}-{pid}.scope")
}

/// Ask systemd for the scope holding `pid`; returns its cgroup directory once the
/// process is in it.
pub fn start_scope(bus: &Path, id: &str, pid: i32, slice: Option<&str>) -> Result<PathBuf> {
    let name = unit(id, pid);
    ask(bus, id, pid, slice)?;
    wait_moved(pid, &name)
}

/// The bus call itself (what the forked child of `ask` runs).
fn request(bus: &Path, id: &str, pid: i32, slice: Option<&str>) -> Result<()> {
    let mut b = crate::sys::dbus::Bus::connect(bus)?;
    b.start_transient_scope(
        &unit(id, pid),
        pid as u32,
        slice,
        &format!("berth container {id}"),
    )?;
    Ok(())
}

/// The bus call, in a forked child.
fn ask(bus: &Path, id: &str, pid: i32, slice: Option<&str>) -> Result<()> {
    let name = unit(id, pid);
    let (mut r, w) = std::io::pipe().context("pipe")?;
    // SAFETY: the supervisor is single-threaded here (see sandbox::spawn); the child
    // only talks to the bus, writes to the pipe and leaves with _exit.
    match unsafe { nix::unistd::fork() }.context("fork")? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            let code = match request(bus, id, pid, slice) {
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
    Ok(())
}

/// systemd moves the process when it runs the start job: wait for it.
fn wait_moved(pid: i32, name: &str) -> Result<PathBuf> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::net::UnixListener;

    fn bus_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("berth-fakebus-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    // `ask` forks: not in a multi-threaded test binary (a child of it can deadlock on a
    // lock another test thread held), so the request it makes is tested here.
    #[test]
    fn the_scope_request_and_systemds_errors() {
        let d = bus_dir("ok");
        let sock = d.join("bus");
        let server = crate::sys::dbus::fake::serve(UnixListener::bind(&sock).unwrap(), None);
        request(&sock, "abc", 4242, Some("ci.slice")).unwrap();
        let asked = server.join().unwrap();
        assert_eq!(asked.name, "berth-abc-4242.scope");
        assert_eq!(asked.pids, [4242]);
        assert_eq!(asked.slice.as_deref(), Some("ci.slice"));

        let sock = d.join("bus2");
        let server = crate::sys::dbus::fake::serve(
            UnixListener::bind(&sock).unwrap(),
            Some((
                "org.freedesktop.systemd1.UnitExists",
                "Unit berth-abc.scope already exists.",
            )),
        );
        let e = request(&sock, "abc", 4242, None).unwrap_err().to_string();
        assert_eq!(
            e,
            "systemd refused scope berth-abc-4242.scope: org.freedesktop.systemd1.UnitExists: \
             Unit berth-abc.scope already exists."
        );
        server.join().unwrap();
        // No bus there: an error, not a hang.
        assert!(request(&d.join("none"), "abc", 1, None).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
