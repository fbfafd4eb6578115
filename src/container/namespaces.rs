//! `--pid`, `--ipc` and `--uts`: which of those namespaces a container has of its own,
//! shares with the host, or shares with another container. Stored in docker's words
//! (`HostConfig.PidMode` `""`/`host`/`container:<id>`, `IpcMode` `private`/`shareable`/
//! `none`/`host`/`container:<id>`, `UTSMode` `""`/`host`, podman's `container:<id>` too).

use super::{Containers, Listed};
use crate::sandbox::{Namespaces, Share};
use crate::store::Paths;
use anyhow::{bail, Result};

/// A namespace kind that `--pid`, `--ipc` or `--uts` sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pid,
    Ipc,
    Uts,
}

impl Kind {
    fn flag(self) -> &'static str {
        match self {
            Kind::Pid => "pid",
            Kind::Ipc => "ipc",
            Kind::Uts => "uts",
        }
    }
}

/// docker's CLI checks `--pid` and `--uts` (a usage error, exit 125); `--ipc` is its
/// engine's to check.
pub fn check_syntax(kind: Kind, given: Option<&str>) -> Result<()> {
    let v = given.unwrap_or_default();
    match (kind, v) {
        (Kind::Ipc, _) | (_, "" | "host") => Ok(()),
        (_, v) if v.strip_prefix("container:").is_some_and(|t| !t.is_empty()) => Ok(()),
        _ => bail!("--{}: invalid {} mode", kind.flag(), upper(kind)),
    }
}

/// A mode as given, checked and with a `container:` target resolved to its full id
/// (docker stores the id), in the words docker stores.
pub fn parse(paths: &Paths, kind: Kind, given: Option<&str>) -> Result<String> {
    let v = given.unwrap_or_default();
    if let Some(target) = v.strip_prefix("container:") {
        if target.is_empty() {
            bail!("--{}: invalid {} mode", kind.flag(), upper(kind));
        }
        return Ok(format!(
            "container:{}",
            Containers::new(paths).resolve(target)?
        ));
    }
    Ok(match (kind, v) {
        (Kind::Ipc, "") => "private".into(),
        (_, "" | "host") => v.into(),
        (Kind::Ipc, "private" | "shareable" | "none") => v.into(),
        (Kind::Ipc, _) => bail!("invalid IPC mode: {v}"),
        _ => bail!("--{}: invalid {} mode", kind.flag(), upper(kind)),
    })
}

fn upper(kind: Kind) -> &'static str {
    match kind {
        Kind::Pid => "PID",
        Kind::Ipc => "IPC",
        Kind::Uts => "UTS",
    }
}

/// The container a stored mode shares the namespace of.
pub fn target(mode: &str) -> Option<&str> {
    mode.strip_prefix("container:")
}

/// At start: the sandbox's namespaces for a record's modes (`net` given by the
/// network's own rules). A container whose namespace is shared must be running, in
/// docker's words.
pub fn for_start(paths: &Paths, net: Share, pid: &str, ipc: &str, uts: &str) -> Result<Namespaces> {
    let share = |kind: Kind, mode: &str| -> Result<Share> {
        if mode == "host" {
            return Ok(Share::Host);
        }
        let Some(id) = target(mode) else {
            return Ok(Share::Own);
        };
        let t: Listed = Containers::new(paths).load(id)?;
        if t.state.running && t.state.pid > 0 {
            return Ok(Share::Join(t.state.pid));
        }
        match kind {
            Kind::Pid => bail!("cannot join PID of a non running container: {id}"),
            Kind::Ipc => bail!("can't join IPC of container {id}: container {id} is not running"),
            Kind::Uts => bail!("cannot join UTS of a non running container: {id}"),
        }
    };
    Namespaces {
        net,
        pid: share(Kind::Pid, pid)?,
        ipc: share(Kind::Ipc, ipc)?,
        uts: share(Kind::Uts, uts)?,
        cgroup_host: false,
    }
    .resolve()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_in_docker_words() {
        let dir = std::env::temp_dir().join(format!("berth-ns-test-{}", std::process::id()));
        let paths = Paths::new(Some(dir.join("root")), Some(dir.join("run"))).unwrap();
        let p = |k, v: &str| parse(&paths, k, Some(v)).map_err(|e| e.to_string());
        assert_eq!(p(Kind::Pid, "host").unwrap(), "host");
        assert_eq!(p(Kind::Pid, "").unwrap(), "");
        assert_eq!(p(Kind::Ipc, "").unwrap(), "private");
        assert_eq!(p(Kind::Ipc, "shareable").unwrap(), "shareable");
        assert_eq!(p(Kind::Uts, "host").unwrap(), "host");
        assert_eq!(
            p(Kind::Pid, "bogus").unwrap_err(),
            "--pid: invalid PID mode"
        );
        assert_eq!(
            p(Kind::Uts, "private").unwrap_err(),
            "--uts: invalid UTS mode"
        );
        assert_eq!(
            p(Kind::Ipc, "bogus").unwrap_err(),
            "invalid IPC mode: bogus"
        );
        assert_eq!(
            p(Kind::Pid, "container:").unwrap_err(),
            "--pid: invalid PID mode"
        );
        assert!(p(Kind::Pid, "container:nosuch")
            .unwrap_err()
            .contains("No such container: nosuch"));
        assert!(check_syntax(Kind::Pid, Some("bogus")).is_err());
        assert!(check_syntax(Kind::Uts, Some("container:x")).is_ok());
        assert!(check_syntax(Kind::Ipc, Some("bogus")).is_ok());
        assert_eq!(target("container:abc"), Some("abc"));
        assert_eq!(target("host"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
