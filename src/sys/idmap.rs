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
    /// podman's `--userns keep-id`: the container uid and gid that are the user's own
    /// (None: the user is the container's root).
    pub keep: Option<(u32, u32)>,
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
        IdMap {
            uid,
            gid,
            sub,
            keep: None,
        }
    }

    /// `--userns keep-id`: container uid `uid` (gid `gid`) is the user's own; the ids
    /// below and above it are the subordinate ids they are in the default mapping, and
    /// container root takes the subordinate id `uid` had. So only 0 and `uid` trade
    /// places, and an image's files need only those two owners swapped (see
    /// `image::layer::UnpackOptions::swap_ids`).
    pub fn keep_id(mut self, uid: u32, gid: u32) -> Result<IdMap> {
        if let Some(((_, uc), (_, gc))) = self.sub {
            if uid > uc || gid > gc {
                bail!(
                    "keep-id: uid {uid} / gid {gid} is beyond the {uc} subordinate uids / {gc} gids of this user"
                );
            }
        }
        self.keep = (uid != 0 || gid != 0).then_some((uid, gid));
        Ok(self)
    }

    /// The uid_map and gid_map lines (container start, host start, count).
    pub fn lines(&self) -> (Vec<[u32; 3]>, Vec<[u32; 3]>) {
        let one = |own: u32, sub: Option<(u32, u32)>, keep: u32| -> Vec<[u32; 3]> {
            let Some((start, count)) = sub else {
                return vec![[keep, own, 1]];
            };
            if keep == 0 {
                return vec![[0, own, 1], [1, start, count]];
            }
            let mut v = vec![[0, start + keep - 1, 1]];
            if keep > 1 {
                v.push([1, start, keep - 1]);
            }
            v.push([keep, own, 1]);
            if count > keep {
                v.push([keep + 1, start + keep, count - keep]);
            }
            v
        };
        let (ku, kg) = self.keep.unwrap_or((0, 0));
        (
            one(self.uid, self.sub.map(|s| s.0), ku),
            one(self.gid, self.sub.map(|s| s.1), kg),
        )
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
        self.lines()
            .0
            .iter()
            .find(|[c, _, n]| id >= *c && id - c < *n)
            .map(|[c, h, _]| h + (id - c))
    }

    /// Write the maps of `pid`, a process that has just entered a new user namespace.
    pub fn apply(&self, pid: i32) -> Result<()> {
        let (uids, gids) = self.lines();
        if self.sub.is_some() {
            // Both helpers at once: each is a setuid exec of its own.
            let u = spawn_helper(NEWUIDMAP, pid, &uids)?;
            let g = spawn_helper(NEWGIDMAP, pid, &gids);
            let ur = finish_helper(NEWUIDMAP, pid, u);
            finish_helper(NEWGIDMAP, pid, g?)?;
            ur?;
        } else {
            let text = |l: &[[u32; 3]]| {
                l.iter()
                    .map(|[a, b, c]| format!("{a} {b} {c}\n"))
                    .collect::<String>()
            };
            let proc = format!("/proc/{pid}");
            fs::write(format!("{proc}/uid_map"), text(&uids)).context("writing uid_map")?;
            fs::write(format!("{proc}/setgroups"), "deny").context("writing setgroups")?;
            fs::write(format!("{proc}/gid_map"), text(&gids)).context("writing gid_map")?;
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

fn spawn_helper(helper: &str, pid: i32, lines: &[[u32; 3]]) -> Result<std::process::Child> {
    Command::new(helper)
        .arg(pid.to_string())
        .args(lines.iter().flatten().map(u32::to_string))
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
            keep: None,
        };
        assert_eq!(m.host_uid(0), Some(1000));
        assert_eq!(m.host_uid(1), Some(200000));
        assert_eq!(m.host_uid(1000), Some(200999));
        assert_eq!(m.host_uid(65536), Some(265535));
        assert_eq!(m.host_uid(65537), None);
        assert_eq!(m.size(), 65537);
        assert_eq!(m.lines().0, [[0, 1000, 1], [1, 200000, 65536]]);
        // keep-id: only container 0 and 1000 trade places.
        let k = m.clone().keep_id(1000, 1000).unwrap();
        assert_eq!(
            k.lines().0,
            [
                [0, 200999, 1],
                [1, 200000, 999],
                [1000, 1000, 1],
                [1001, 201000, 64536]
            ]
        );
        assert_eq!(k.host_uid(1000), Some(1000));
        assert_eq!(k.host_uid(0), Some(200999));
        assert_eq!(k.host_uid(5), m.host_uid(5));
        assert_eq!(k.host_uid(1001), m.host_uid(1001));
        assert_eq!(k.host_uid(65536), m.host_uid(65536));
        let edge = m.clone().keep_id(65536, 1).unwrap();
        assert_eq!(
            edge.lines().0,
            [[0, 265535, 1], [1, 200000, 65535], [65536, 1000, 1]]
        );
        assert_eq!(
            edge.lines().1,
            [[0, 200000, 1], [1, 1000, 1], [2, 200001, 65535]]
        );
        assert!(m.clone().keep_id(65537, 1).is_err());
        let single = IdMap { sub: None, ..m }.keep_id(1000, 1000).unwrap();
        assert_eq!(single.lines().0, [[1000, 1000, 1]]);
    }
}
