//! `-u user[:group]` resolved the way docker does, against the image's own /etc/passwd
//! and /etc/group (read from the layers, top first, honouring whiteouts).

use anyhow::{bail, Result};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedUser {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
    pub home: String,
}

/// Read /etc/passwd or /etc/group (`rel`) of the image rootfs from its layer dirs (top
/// layer last in `layers`), resolved inside the rootfs.
pub fn read_rootfs_file(layers: &[PathBuf], rel: &str) -> Option<String> {
    let data = crate::storage::layered::read_file(layers, rel, ID_FILE_CAP)?;
    String::from_utf8(data).ok()
}

/// Read `rel` from the root of a running container (its /proc/PID/root), resolved
/// inside that root: reading through the host's path walk would follow the container's
/// absolute symlinks on the host.
pub fn read_container_file(pid: i32, rel: &str) -> Option<String> {
    let root = std::fs::File::options()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
        .open(format!("/proc/{pid}/root"))
        .ok()?;
    // Non-blocking: the container may have put a FIFO there.
    let flags = libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY;
    let f = std::fs::File::from(crate::sys::resolve::open_in_root(&root.into(), rel, flags).ok()?);
    if !f.metadata().ok()?.is_file() {
        return None;
    }
    let mut data = Vec::new();
    f.take(ID_FILE_CAP + 1).read_to_end(&mut data).ok()?;
    if data.len() as u64 > ID_FILE_CAP {
        return None;
    }
    String::from_utf8(data).ok()
}

/// passwd and group files larger than this are not read (memory stays bounded whatever
/// a hostile image offers).
const ID_FILE_CAP: u64 = 64 << 20;

/// The largest uid or gid a container may use (runc's and docker's rule): setresuid(-1)
/// means "unchanged", so 4294967295 would silently keep root.
pub const MAX_ID: u64 = 2147483647;

/// An id outside 0-2147483647, in `-u`, `--group-add` or the image's passwd/group.
#[derive(Debug, thiserror::Error)]
#[error("uids and gids must be in range 0-{MAX_ID}")]
pub struct IdOutOfRange;

/// A numeric id (as Go's Atoi reads it: an optional sign, digits) must be in range.
fn check_numeric(s: &str) -> Result<()> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    match s.parse::<i128>() {
        Ok(n) if (0..=MAX_ID as i128).contains(&n) => Ok(()),
        _ => Err(IdOutOfRange.into()),
    }
}

/// An id field of the image's passwd or group file: garbage or overflow is refused,
/// never read as root.
fn file_id(s: &str) -> Result<u32> {
    match s.parse::<u64>() {
        Ok(n) if n <= MAX_ID => Ok(n as u32),
        _ => Err(IdOutOfRange.into()),
    }
}

/// Resolve `spec` ("" = image default root) given the image's passwd and group files.
pub fn resolve(
    spec: &str,
    passwd: Option<&str>,
    group: Option<&str>,
    extra_groups: &[String],
) -> Result<ResolvedUser> {
    let (user, grp) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    for id in std::iter::once(user)
        .chain(grp)
        .chain(extra_groups.iter().map(String::as_str))
    {
        check_numeric(id)?;
    }
    let user = if user.is_empty() { "0" } else { user };
    let pw: Vec<Vec<&str>> = passwd
        .unwrap_or("")
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .filter(|f| f.len() >= 7)
        .collect();
    let gr: Vec<Vec<&str>> = group
        .unwrap_or("")
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .filter(|f| f.len() >= 4)
        .collect();
    let entry = pw.iter().find(|f| f[0] == user || f[2] == user);
    let (uid, mut gid, home, name) = match (user.parse::<u32>(), entry) {
        (_, Some(f)) if f[0] == user || user.parse::<u32>().is_ok() => {
            (file_id(f[2])?, file_id(f[3])?, f[5].to_string(), Some(f[0]))
        }
        (Ok(n), None) => (n, 0, "/".to_string(), None),
        _ => bail!("unable to find user {user}: no matching entries in passwd file"),
    };
    if let Some(g) = grp {
        gid = match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => match gr.iter().find(|f| f[0] == g) {
                Some(f) => file_id(f[2])?,
                None => bail!("unable to find group {g}: no matching entries in group file"),
            },
        };
    }
    // Docker puts the primary group among the supplementary ones.
    let mut groups: Vec<u32> = vec![gid];
    if let (Some(n), None) = (name, grp) {
        for f in &gr {
            if f[3].split(',').any(|m| m == n) {
                if let Ok(g) = f[2].parse::<u32>() {
                    if !groups.contains(&g) {
                        groups.push(g);
                    }
                }
            }
        }
    }
    for g in extra_groups {
        let id = match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => match gr.iter().find(|f| f[0] == g) {
                Some(f) => file_id(f[2])?,
                None => bail!("unable to find group {g}: no matching entries in group file"),
            },
        };
        if !groups.contains(&id) {
            groups.push(id);
        }
    }
    if [uid, gid]
        .iter()
        .chain(&groups)
        .any(|&id| u64::from(id) > MAX_ID)
    {
        return Err(IdOutOfRange.into());
    }
    Ok(ResolvedUser {
        uid,
        gid,
        groups,
        home,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    const PW: &str = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n";
    const GR: &str = "root:x:0:\napp:x:1000:\nextra:x:2000:app\n";

    #[test]
    fn users_like_docker() {
        let r = resolve("", Some(PW), Some(GR), &[]).unwrap();
        assert_eq!((r.uid, r.gid, r.home.as_str()), (0, 0, "/root"));
        let r = resolve("app", Some(PW), Some(GR), &[]).unwrap();
        assert_eq!(
            (r.uid, r.gid, r.groups.clone()),
            (1000, 1000, vec![1000, 2000])
        );
        let r = resolve("1000:1000", Some(PW), Some(GR), &[]).unwrap();
        assert_eq!((r.uid, r.gid), (1000, 1000));
        let r = resolve("4242", Some(PW), Some(GR), &[]).unwrap();
        assert_eq!((r.uid, r.gid, r.home.as_str()), (4242, 0, "/"));
        let r = resolve("app:extra", Some(PW), Some(GR), &["root".into()]).unwrap();
        assert_eq!((r.gid, r.groups.clone()), (2000, vec![2000, 0]));
        assert!(resolve("nobody", Some(PW), Some(GR), &[]).is_err());
        assert!(resolve("app:nogroup", Some(PW), Some(GR), &[]).is_err());
    }

    #[test]
    fn ids_out_of_range_are_refused() {
        let r = resolve("2147483647", Some(PW), Some(GR), &[]).unwrap();
        assert_eq!(r.uid, 2147483647);
        for spec in [
            "4294967295",
            "2147483648",
            "0:4294967295",
            "-1",
            "app:99999999999999999999",
        ] {
            let e = resolve(spec, Some(PW), Some(GR), &[]).unwrap_err();
            assert!(e.downcast_ref::<IdOutOfRange>().is_some(), "{spec}: {e}");
            assert_eq!(e.to_string(), "uids and gids must be in range 0-2147483647");
        }
        assert!(resolve("0", Some(PW), Some(GR), &["4294967295".into()]).is_err());
        for pw in [
            "big:x:4294967295:0::/:/bin/sh\n",
            "big:x:99999999999:0::/:/bin/sh\n",
        ] {
            assert!(resolve("big", Some(pw), Some(GR), &[]).is_err(), "{pw}");
        }
    }
}
