//! User namespace id maps: the full mapping from /etc/subuid and /etc/subgid through the
//! setuid newuidmap/newgidmap, or a one-id mapping when those are not available.

use anyhow::{bail, Context, Result};
use std::fs;
use std::path::Path;
use std::process::Command;

#[derive(Debug, Clone)]
pub struct IdMap {
    pub uid: u32,
    pub gid: u32,
    /// (start, count) of the user's subordinate uids and gids, when both exist and the
    /// helpers are installed.
    pub sub: Option<((u32, u32), (u32, u32))>,
}

impl IdMap {
    /// The mapping for the calling user.
    pub fn current() -> IdMap {
        let uid = nix::unistd::getuid().as_raw();
        let gid = nix::unistd::getgid().as_raw();
        let name = nix::unistd::User::from_uid(uid.into())
            .ok()
            .flatten()
            .map(|u| u.name);
        let lookup = |file: &str| read_sub(Path::new(file), name.as_deref(), uid);
        let helpers = Path::new(NEWUIDMAP).exists() && Path::new(NEWGIDMAP).exists();
        let sub = match (helpers, lookup("/etc/subuid"), lookup("/etc/subgid")) {
            (true, Some(u), Some(g)) => Some((u, g)),
            _ => None,
        };
        IdMap { uid, gid, sub }
    }

    /// Highest container id + 1 that this mapping covers.
    pub fn size(&self) -> u32 {
        match self.sub {
            Some(((_, ucount), (_, gcount))) => 1 + ucount.min(gcount),
            None => 1,
        }
    }

    /// Host uid of container uid `id` (None when unmapped).
    pub fn host_uid(&self, id: u32) -> Option<u32> {
        match (id, self.sub) {
            (0, _) => Some(self.uid),
            (i, Some(((start, count), _))) if i <= count => Some(start + i - 1),
            _ => None,
        }
    }

    /// Write the maps of `pid`, a process that has just entered a new user namespace.
    pub fn apply(&self, pid: i32) -> Result<()> {
        match self.sub {
            Some(((us, uc), (gs, gc))) => {
                // Both helpers at once: each is a setuid exec of its own.
                let u = spawn_helper(NEWUIDMAP, pid, self.uid, us, uc)?;
                let g = spawn_helper(NEWGIDMAP, pid, self.gid, gs, gc);
                let ur = finish_helper(NEWUIDMAP, pid, u);
                finish_helper(NEWGIDMAP, pid, g?)?;
                ur?;
            }
            None => {
                let proc = format!("/proc/{pid}");
                fs::write(format!("{proc}/uid_map"), format!("0 {} 1\n", self.uid))
                    .context("writing uid_map")?;
                fs::write(format!("{proc}/setgroups"), "deny").context("writing setgroups")?;
                fs::write(format!("{proc}/gid_map"), format!("0 {} 1\n", self.gid))
                    .context("writing gid_map")?;
            }
        }
        Ok(())
    }

    /// Say once per runroot that only one id is mapped, and how to fix it.
    pub fn warn_if_single(&self, runroot: &Path) {
        if self.sub.is_some() {
            return;
        }
        let marker = runroot.join(".single-idmap-warned");
        if marker.exists() {
            return;
        }
        let _ = fs::write(&marker, "");
        eprintln!(
            "WARN: no subordinate ids for uid {} (or newuidmap/newgidmap missing): only one id is mapped, \
             image files owned by other users are squashed to yours. Fix: apt-get install uidmap && \
             usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $USER",
            self.uid
        );
    }
}

const NEWUIDMAP: &str = "/usr/bin/newuidmap";
const NEWGIDMAP: &str = "/usr/bin/newgidmap";

fn spawn_helper(
    helper: &str,
    pid: i32,
    own: u32,
    start: u32,
    count: u32,
) -> Result<std::process::Child> {
    Command::new(helper)
        .args([pid.to_string(), "0".into(), own.to_string(), "1".into()])
        .args(["1".to_string(), start.to_string(), count.to_string()])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("running {helper}"))
}

fn finish_helper(helper: &str, pid: i32, child: std::process::Child) -> Result<()> {
    let out = child
        .wait_with_output()
        .with_context(|| format!("waiting for {helper}"))?;
    if !out.status.success() {
        bail!(
            "{helper} {pid} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// The first range for `name` or `uid` in a subuid/subgid file.
fn read_sub(file: &Path, name: Option<&str>, uid: u32) -> Option<(u32, u32)> {
    let text = fs::read_to_string(file).ok()?;
    parse_sub(&text, name, uid)
}

pub fn parse_sub(text: &str, name: Option<&str>, uid: u32) -> Option<(u32, u32)> {
    let uid_s = uid.to_string();
    text.lines().find_map(|l| {
        let mut f = l.trim().split(':');
        let (who, start, count) = (f.next()?, f.next()?, f.next()?);
        if who == uid_s || Some(who) == name {
            let (s, c) = (start.parse().ok()?, count.parse::<u32>().ok()?);
            (c > 0).then_some((s, c))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn subuid_lookup() {
        let t = "root:100000:65536\nalice:200000:65536\n1001:300000:1000\nbad:x:1\n";
        assert_eq!(parse_sub(t, Some("alice"), 1000), Some((200000, 65536)));
        assert_eq!(parse_sub(t, Some("bob"), 1001), Some((300000, 1000)));
        assert_eq!(parse_sub(t, Some("bob"), 1002), None);
        let m = IdMap {
            uid: 1000,
            gid: 1000,
            sub: Some(((200000, 65536), (200000, 65536))),
        };
        assert_eq!(m.host_uid(0), Some(1000));
        assert_eq!(m.host_uid(1), Some(200000));
        assert_eq!(m.host_uid(1000), Some(200999));
        assert_eq!(m.size(), 65537);
    }
}
