//! Containers: records, creation from image config + flags, lookup, removal, and the
//! supervisor that runs them.

pub mod attach;
pub mod create;
pub mod exec;
pub mod health;
pub mod lifecycle;
pub mod logs;
pub mod monitor;
pub mod poll;
pub mod record;
pub mod spec;
pub mod supervise;
pub mod user;

use crate::store::Paths;
use anyhow::{bail, Context, Result};
use record::{ContainerDir, ContainerRecord, ContainerState};
use std::fs;

/// A container as listed: its record and its (reconciled) state.
pub struct Listed {
    pub rec: ContainerRecord,
    pub state: ContainerState,
}

pub struct Containers<'a> {
    pub paths: &'a Paths,
}

#[derive(Debug, thiserror::Error)]
#[error("No such container: {0}")]
pub struct NoSuchContainer(pub String);

impl<'a> Containers<'a> {
    pub fn new(paths: &'a Paths) -> Self {
        Containers { paths }
    }

    pub fn dir(&self, id: &str) -> ContainerDir {
        ContainerDir::new(self.paths, id)
    }

    /// All containers, newest first.
    pub fn list(&self) -> Result<Vec<Listed>> {
        let mut out = Vec::new();
        for e in fs::read_dir(self.paths.containers())? {
            let name = e?.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if let Ok(l) = self.load(&name) {
                out.push(l);
            }
        }
        out.sort_by(|a, b| b.rec.created.cmp(&a.rec.created));
        Ok(out)
    }

    pub fn load(&self, id: &str) -> Result<Listed> {
        let d = self.dir(id);
        let rec = d.read_record()?;
        let state = self.reconcile(&d, d.read_state()?)?;
        Ok(Listed { rec, state })
    }

    /// A "running" record whose supervisor and process are both gone is exited.
    fn reconcile(&self, d: &ContainerDir, state: ContainerState) -> Result<ContainerState> {
        if !state.running || supervise::is_alive(&state) {
            return Ok(state);
        }
        let _lock = d.lock()?;
        let mut s = d.read_state()?;
        if s.running && !supervise::is_alive(&s) {
            s.running = false;
            s.paused = false;
            s.status = "exited".into();
            s.pid = 0;
            if s.exit_code == 0 {
                s.exit_code = 137;
            }
            s.finished_at = crate::format::time::now_rfc3339();
            d.write_state(&s)?;
        }
        Ok(s)
    }

    /// Resolve a name, full id or unique id prefix to a full id.
    pub fn resolve(&self, key: &str) -> Result<String> {
        let key = key.strip_prefix('/').unwrap_or(key);
        if let Ok(target) = fs::read_link(self.paths.names().join(key)) {
            let id = target.to_string_lossy().into_owned();
            if self.dir(&id).record().exists() {
                return Ok(id);
            }
        }
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_hexdigit()) {
            let mut hits = Vec::new();
            for e in fs::read_dir(self.paths.containers())? {
                let n = e?.file_name().to_string_lossy().into_owned();
                if n.starts_with(key) && self.dir(&n).record().exists() {
                    hits.push(n);
                }
            }
            match hits.len() {
                1 => return Ok(hits.remove(0)),
                0 => {}
                _ => bail!("multiple containers found with provided prefix: {key}"),
            }
        }
        Err(NoSuchContainer(key.to_string()).into())
    }

    /// Remove a container (not running, unless `force`, which kills it first).
    pub fn remove(&self, id: &str, force: bool) -> Result<()> {
        let d = self.dir(id);
        let listed = self.load(id)?;
        if listed.state.running {
            if !force {
                bail!(
                    "cannot remove container \"{}\": container is running: stop the container before removing or force remove",
                    listed.rec.name
                );
            }
            supervise::kill_and_wait(self, id, libc::SIGKILL)?;
        }
        let _lock = d.lock()?;
        // Name first: once it is gone the container cannot be found by it any more.
        let name_link = self.paths.names().join(&listed.rec.name);
        if fs::read_link(&name_link).is_ok_and(|t| t.to_string_lossy() == id) {
            let _ = fs::remove_file(&name_link);
        }
        let _ = fs::remove_dir_all(self.paths.run_container(id));
        // Upper dirs hold files owned by mapped ids: remove them in the storage child.
        let trash = self.paths.containers().join(format!(".rm-{id}"));
        fs::rename(&d.dir, &trash).with_context(|| format!("removing container {id}"))?;
        crate::storage::mapped::remove_tree(&trash)
    }
}
