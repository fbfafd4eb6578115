//! Containers: records, creation from image config + flags, lookup, removal, and the
//! supervisor that runs them.

pub mod archive;
pub mod attach;
pub mod check;
pub mod commit;
pub mod cp;
pub mod create;
pub mod device;
pub mod exec;
pub mod export;
pub mod health;
pub mod lifecycle;
pub mod logs;
pub mod monitor;
pub mod namespaces;
pub mod poll;
pub mod prune;
pub mod record;
pub mod resources;
pub mod rootfs;
pub mod select;
pub mod spec;
pub mod stats;
pub mod supervise;
pub mod ulimit;
pub mod units;
pub mod user;
pub mod userns;
pub mod volumes;

/// Why a container process did not start, with docker's exit code (the sandbox's).
pub use crate::sandbox::StartError;

use crate::network::NetworkMode;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use record::{ContainerDir, ContainerRecord, ContainerState};
use std::fs;

/// A container as listed: its record and its (reconciled) state. A container whose
/// record is damaged is listed too (state "dead", `broken` says why), so its name and
/// its files can be seen and removed.
pub struct Listed {
    pub rec: ContainerRecord,
    pub state: ContainerState,
    pub broken: Option<String>,
}

impl Listed {
    /// docker's `NetworkSettings.Ports`: while it runs on the default network, every
    /// exposed port (null when unpublished) and what its supervisor bound; else empty.
    pub fn ports(&self) -> PortsMap {
        if !self.state.running || self.rec.host_config.network_mode != NetworkMode::Bridge {
            return PortsMap::new();
        }
        let exposed = self.rec.config.exposed_ports.iter().flat_map(|m| m.keys());
        crate::network::ports::runtime_ports(exposed, &self.state.ports)
    }

    /// inspect's `NetworkSettings`.
    pub fn network_settings(&self) -> serde_json::Value {
        let running = self.state.running;
        crate::network::settings::network_settings(&crate::network::settings::Endpoint {
            mode: &self.rec.host_config.network_mode,
            id: &self.rec.id,
            pid: (running && self.state.pid > 0).then_some(self.state.pid),
            started: self.state.started_at != crate::store::time::ZERO_TIME,
            exposed: self
                .rec
                .config
                .exposed_ports
                .iter()
                .flat_map(|m| m.keys())
                .collect(),
            ports: &self.state.ports,
        })
    }
}

/// docker's runtime port map: `"80/tcp"` → host bindings (None: exposed only).
pub type PortsMap =
    std::collections::BTreeMap<String, Option<Vec<crate::network::ports::HostBinding>>>;

pub struct Containers<'a> {
    pub paths: &'a Paths,
}

#[derive(Debug, thiserror::Error)]
#[error("No such container: {0}")]
pub struct NoSuchContainer(pub String);

/// Was the container removed (or never there)?
pub fn is_gone(e: &anyhow::Error) -> bool {
    e.downcast_ref::<NoSuchContainer>().is_some()
}

/// Record a container event with docker's attributes (the labels, image, name).
pub fn event(paths: &Paths, rec: &ContainerRecord, action: &str, extra: &[(&str, String)]) {
    let mut attrs: Vec<(&str, String)> = rec
        .config
        .labels
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    attrs.push(("image", rec.image_name.clone()));
    attrs.push(("name", rec.name.clone()));
    attrs.extend(extra.iter().cloned());
    crate::store::events::record(paths, "container", action, &rec.id, &attrs);
}

/// A container directory name: 64 hex characters.
pub fn is_id(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

impl<'a> Containers<'a> {
    pub fn new(paths: &'a Paths) -> Self {
        Containers { paths }
    }

    pub fn dir(&self, id: &str) -> ContainerDir {
        ContainerDir::new(self.paths, id)
    }

    /// All containers, newest first; damaged ones included (see `Listed::broken`).
    pub fn list(&self) -> Result<Vec<Listed>> {
        let mut out = Vec::new();
        for e in fs::read_dir(self.paths.containers())? {
            let name = e?.file_name().to_string_lossy().into_owned();
            if !is_id(&name) {
                continue;
            }
            match self.load(&name) {
                Ok(l) => out.push(l),
                // Removed while we listed.
                Err(e) if is_gone(&e) => {}
                Err(e) => out.push(self.broken(&name, &e)),
            }
        }
        out.sort_by(|a, b| b.rec.created.cmp(&a.rec.created));
        Ok(out)
    }

    /// What can be told of a container whose record cannot be read.
    pub fn broken(&self, id: &str, e: &anyhow::Error) -> Listed {
        let d = self.dir(id);
        let rec = d.read_record().unwrap_or_else(|_| ContainerRecord {
            id: id.to_string(),
            name: self.names_of(id).into_iter().next().unwrap_or_default(),
            ..Default::default()
        });
        let why = format!("{e:#}");
        Listed {
            rec,
            state: ContainerState {
                status: record::Status::Dead,
                dead: true,
                error: format!("damaged record: {why}"),
                ..Default::default()
            },
            broken: Some(why),
        }
    }

    /// Names reserved for `id` (normally one).
    pub fn names_of(&self, id: &str) -> Vec<String> {
        let Ok(rd) = fs::read_dir(self.paths.names()) else {
            return vec![];
        };
        rd.flatten()
            .filter(|e| fs::read_link(e.path()).is_ok_and(|t| t.as_os_str() == id))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }

    pub fn load(&self, id: &str) -> Result<Listed> {
        let d = self.dir(id);
        let rec = d.read_record()?;
        let state = self.reconcile(&d, d.read_state()?)?;
        Ok(Listed {
            rec,
            state,
            broken: None,
        })
    }

    /// A "running" record whose supervisor and process are both gone is exited. Saved
    /// when possible; on a full disk the answer is still right, only not written.
    fn reconcile(&self, d: &ContainerDir, state: ContainerState) -> Result<ContainerState> {
        if !state.running || supervise::is_alive(&state) {
            return Ok(state);
        }
        let _lock = d.lock()?;
        let mut s = d.read_state()?;
        if s.running && !supervise::is_alive(&s) {
            // Its supervisor died (SIGKILL): nothing else will empty and remove its leaf.
            if let Some(l) = crate::sandbox::cgroup::Leaf::open(&s.cgroup) {
                l.kill();
                l.remove();
            }
            s.cgroup.clear();
            s.running = false;
            s.paused = false;
            s.status = record::Status::Exited;
            s.pid = 0;
            s.ports.clear();
            if s.exit_code == 0 {
                s.exit_code = 137;
            }
            s.finished_at = crate::store::time::now_rfc3339();
            let _ = d.write_state(&s);
        }
        Ok(s)
    }

    /// Resolve a name, full id or unique id prefix to a full id.
    pub fn resolve(&self, key: &str) -> Result<String> {
        let key = key.strip_prefix('/').unwrap_or(key);
        if let Ok(target) = fs::read_link(self.paths.names().join(key)) {
            let id = target.to_string_lossy().into_owned();
            if is_id(&id) && self.dir(&id).dir.is_dir() {
                return Ok(id);
            }
        }
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_hexdigit()) {
            let mut hits = Vec::new();
            for e in fs::read_dir(self.paths.containers())? {
                let n = e?.file_name().to_string_lossy().into_owned();
                if n.starts_with(key) && is_id(&n) {
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

    /// Remove a container (not running, unless `force`, which kills it first). Decided
    /// and done under the container's lock, so a racing start either ran first (and is
    /// killed here) or finds no container. Nothing is written: removal works on a full
    /// disk; the supervisor's exit record then finds the container gone.
    pub fn remove(&self, id: &str, force: bool) -> Result<()> {
        let d = self.dir(id);
        let lock = d.lock()?;
        // Removed by whoever held the lock before us.
        if !d.dir.is_dir() {
            return Err(NoSuchContainer(id.to_string()).into());
        }
        let rec = d.read_record();
        let state = d.read_state();
        let name = rec.as_ref().map(|r| r.name.clone()).unwrap_or_default();
        let shown = if name.is_empty() { id } else { &name };
        let running = |n: &str| {
            anyhow::anyhow!("cannot remove container \"{n}\": container is running: stop the container before removing or force remove")
        };
        match (&rec, &state) {
            (Ok(_), Ok(s)) => {
                if s.running && supervise::process_alive(s) {
                    if !force {
                        return Err(running(shown));
                    }
                    supervise::kill_locked(s)?;
                }
            }
            _ => {
                // A damaged record: whatever still uses the container's files is its.
                let pids = supervise::processes_using(&d.dir);
                if !pids.is_empty() {
                    if !force {
                        return Err(running(shown));
                    }
                    supervise::kill_pids(&pids)?;
                }
            }
        }
        // The record names its name; only a damaged one makes us look through every
        // reservation (a scan that would make each `rm` cost more as the store grows).
        let names = if name.is_empty() {
            self.names_of(id)
        } else {
            vec![name]
        };
        // Names first: once they are gone the container cannot be found by them.
        for n in names {
            let link = self.paths.names().join(&n);
            if fs::read_link(&link).is_ok_and(|t| t.as_os_str() == id) {
                let _ = fs::remove_file(&link);
            }
        }
        let _ = fs::remove_dir_all(self.paths.run_container(id));
        // Upper dirs hold files owned by mapped ids: remove them in the storage child.
        let trash = self.paths.containers().join(format!(".rm-{id}"));
        if trash.exists() {
            let _ = crate::storage::mapped::remove_tree(&trash);
        }
        fs::rename(&d.dir, &trash).with_context(|| format!("removing container {id}"))?;
        // The lock (now inside the trash) is held until the files are gone.
        let res = crate::storage::mapped::remove_tree(&trash);
        drop(lock);
        match &rec {
            Ok(r) => event(self.paths, r, "destroy", &[]),
            Err(_) => crate::store::events::record(self.paths, "container", "destroy", id, &[]),
        }
        // Its supervisor (unless that is us) goes next; once it is gone, so are the
        // published ports it listened on, as after docker's `rm -f`.
        if let Ok(s) = &state {
            if s.monitor_pid != std::process::id() as i32 {
                for _ in 0..100 {
                    if !crate::store::owner::alive(s.monitor_pid, s.monitor_start) {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
        }
        res
    }
}
