//! `--userns`: rootless every container has a user namespace of its own in which the
//! user is root and the subordinate ids are the other users (docker's rootless
//! mode). Also podman's `keep-id[:uid=N,gid=N]`: the user's own uid and gid inside are
//! the user's (or N), so files written to a bind mount keep the user's ownership.
//! `host` and `auto` are that default mapping: rootless there is no host user namespace
//! to share, and each container's namespace is its own already (the ids are the same
//! range for all). Stored as given in `HostConfig.UsernsMode`.

use anyhow::{bail, Result};

/// docker's CLI check (a usage error, exit 125).
pub fn check_syntax(given: Option<&str>) -> Result<()> {
    parse(given.unwrap_or_default()).map(|_| ())
}

/// The keep-id container uid and gid of a stored mode (None: the default mapping).
/// `own`: the user's uid and gid, the default of keep-id.
pub fn keep_id(mode: &str, own: (u32, u32)) -> Option<(u32, u32)> {
    match parse(mode) {
        Ok(Some((u, g))) => Some((u.unwrap_or(own.0), g.unwrap_or(own.1))),
        _ => None,
    }
}

/// At create: the mode checked for where berth runs. As root berth uses no user
/// namespace (docker's default): keep-id has nothing to keep (podman's words).
pub fn check_for(mode: &str, rootless: bool) -> Result<()> {
    let keep = parse(mode)?;
    if !rootless {
        if keep.is_some() {
            bail!("keep-id is only supported in rootless mode");
        }
        if mode.starts_with("auto") {
            bail!("--userns auto is not supported as root: berth runs root's containers without a user namespace (docker's default)");
        }
    }
    Ok(())
}

/// The user's own uid and gid (keep-id's default).
pub fn own_ids() -> (u32, u32) {
    (
        nix::unistd::getuid().as_raw(),
        nix::unistd::getgid().as_raw(),
    )
}

/// The user's name and home directory on the host (asked outside any user namespace:
/// in one, getuid() is the mapped id).
pub fn own_user() -> Option<(String, String)> {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| (u.name, u.dir.to_string_lossy().into_owned()))
}

/// The user's home directory on the host: keep-id's HOME when the image has no entry
/// for the uid (podman's).
pub fn own_home() -> String {
    own_user().map(|u| u.1).unwrap_or_else(|| "/".into())
}

/// Does a passwd file have an entry for `uid`?
pub fn has_entry(passwd: Option<&str>, uid: u32) -> bool {
    let uid = uid.to_string();
    passwd.unwrap_or_default().lines().any(|l| {
        let f: Vec<&str> = l.split(':').collect();
        f.len() >= 7 && f[2] == uid
    })
}

/// keep-id: the passwd line podman adds for the user when the image has none for the
/// uid — the user's name (unless the image uses that name for another uid), the
/// user's home directory, /bin/sh. None when no line is to be added.
pub fn passwd_entry(passwd: &str, uid: u32, gid: u32, user: &(String, String)) -> Option<String> {
    if has_entry(Some(passwd), uid) {
        return None;
    }
    let (name, home) = user;
    let taken = passwd
        .lines()
        .any(|l| l.split(':').next() == Some(name.as_str()));
    let name = if taken {
        format!("user{uid}")
    } else {
        name.clone()
    };
    Some(format!("{name}:*:{uid}:{gid}:{name}:{home}:/bin/sh\n"))
}

/// Append keep-id's passwd line (`passwd_entry`) to the /etc/passwd of the rootfs
/// `root`, resolved inside it; nothing when the image has no /etc/passwd.
pub fn add_passwd_entry(
    root: &std::path::Path,
    uid: u32,
    gid: u32,
    user: &(String, String),
) -> Result<()> {
    use std::io::{Read, Write};
    let rootfd = rustix::fs::open(
        root,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )?;
    let open = |flags| crate::sys::resolve::open_in_root(&rootfd, "etc/passwd", flags);
    let Ok(fd) = open(libc::O_RDONLY | libc::O_NOFOLLOW) else {
        return Ok(());
    };
    let mut text = String::new();
    std::fs::File::from(fd)
        .take(16 << 20)
        .read_to_string(&mut text)?;
    if let Some(line) = passwd_entry(&text, uid, gid, user) {
        let mut f = std::fs::File::from(open(libc::O_WRONLY | libc::O_APPEND | libc::O_NOFOLLOW)?);
        if !text.is_empty() && !text.ends_with('\n') {
            f.write_all(b"\n")?;
        }
        f.write_all(line.as_bytes())?;
    }
    Ok(())
}

type KeepId = Option<(Option<u32>, Option<u32>)>;

fn parse(mode: &str) -> Result<KeepId> {
    let (kind, opts) = match mode.split_once(':') {
        Some((k, o)) => (k, Some(o)),
        None => (mode, None),
    };
    match (kind, opts) {
        ("" | "host", None) | ("auto", _) => Ok(None),
        ("keep-id", None) => Ok(Some((None, None))),
        ("keep-id", Some(o)) => {
            let (mut uid, mut gid) = (None, None);
            for kv in o.split(',') {
                let id = |v: &str| -> Result<u32> {
                    match v.parse::<u32>() {
                        Ok(n) if n < u32::MAX => Ok(n),
                        _ => bail!("--userns: invalid keep-id option {kv:?}: want uid=N or gid=N"),
                    }
                };
                match kv.split_once('=') {
                    Some(("uid", v)) => uid = Some(id(v)?),
                    Some(("gid", v)) => gid = Some(id(v)?),
                    _ => bail!("--userns: invalid keep-id option {kv:?}: want uid=N or gid=N"),
                }
            }
            Ok(Some((uid, gid)))
        }
        _ => bail!("--userns: invalid USER mode"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        let own = (1000, 1001);
        assert_eq!(keep_id("", own), None);
        assert_eq!(keep_id("host", own), None);
        assert_eq!(keep_id("auto", own), None);
        assert_eq!(keep_id("auto:size=1024", own), None);
        assert_eq!(keep_id("keep-id", own), Some((1000, 1001)));
        assert_eq!(keep_id("keep-id:uid=5", own), Some((5, 1001)));
        assert_eq!(keep_id("keep-id:uid=5,gid=6", own), Some((5, 6)));
        let err = |m| check_syntax(Some(m)).unwrap_err().to_string();
        assert_eq!(err("bogus"), "--userns: invalid USER mode");
        assert_eq!(err("host:x"), "--userns: invalid USER mode");
        assert!(err("keep-id:uid=-1").contains("invalid keep-id option"));
        assert!(err("keep-id:size=5").contains("invalid keep-id option"));
        assert!(check_for("keep-id", false).is_err());
        assert!(check_for("auto", false).is_err());
        assert!(check_for("host", false).is_ok());
        assert!(check_for("keep-id", true).is_ok());
        let pw = "root:x:0:0:root:/root:/bin/sh\nbob:x:1000:1000::/home/bob:/bin/sh\n";
        assert!(has_entry(Some(pw), 1000));
        assert!(!has_entry(Some(pw), 1001));
        let me = ("bob".to_string(), "/home/bob".to_string());
        assert_eq!(passwd_entry(pw, 1000, 1000, &me), None);
        assert_eq!(
            passwd_entry(pw, 4242, 4243, &me).unwrap(),
            "user4242:*:4242:4243:user4242:/home/bob:/bin/sh\n"
        );
        let al = ("al".to_string(), "/home/al".to_string());
        assert_eq!(
            passwd_entry(pw, 4242, 4243, &al).unwrap(),
            "al:*:4242:4243:al:/home/al:/bin/sh\n"
        );
    }
}
