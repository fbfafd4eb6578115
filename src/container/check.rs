//! `system check` for containers: damaged records, names reserved for no container,
//! creations and removals that died half-way. Each finding is reported; with `repair`
//! it is fixed: a container whose state is damaged gets a fresh "exited" state (its
//! processes killed), one whose record is damaged is removed like `rm -f`.

use super::record::ContainerState;
use super::{is_gone, is_id, supervise, Containers};
use crate::store::Lock;
use anyhow::Result;
use std::fs;
use std::time::{Duration, SystemTime};

impl Containers<'_> {
    /// (finding, repaired) pairs, one per problem.
    pub fn check(&self, repair: bool) -> Result<Vec<(String, bool)>> {
        let mut out = Vec::new();
        for e in fs::read_dir(self.paths.containers())?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            if is_id(&name) {
                let err = match self.load(&name) {
                    Ok(_) => continue,
                    Err(e) if is_gone(&e) => continue,
                    Err(e) => e,
                };
                let l = self.broken(&name, &err);
                let what = format!(
                    "container {} ({}): damaged record: {:#}",
                    &name[..12],
                    l.rec.name,
                    err
                );
                let fixed = repair && self.repair_record(&name).is_ok();
                out.push((what, fixed));
            } else if let Some(id) = name.strip_prefix(".rm-") {
                if held_or_young(&path) {
                    continue;
                }
                let what = format!("container {}: removal left unfinished", short(id));
                let fixed = repair && crate::storage::mapped::remove_tree(&path).is_ok();
                out.push((what, fixed));
            } else if let Some(id) = name.strip_prefix(".new-") {
                if held_or_young(&path) {
                    continue;
                }
                let what = format!("container {}: creation left unfinished", short(id));
                let fixed = repair && crate::storage::mapped::remove_tree(&path).is_ok();
                out.push((what, fixed));
            }
        }
        // Names last: repairs above may have freed some.
        for e in fs::read_dir(self.paths.names())?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let Ok(target) = fs::read_link(e.path()) else {
                continue;
            };
            let target = target.to_string_lossy().into_owned();
            if self.name_target_exists(&target) {
                continue;
            }
            let what = format!("name {name}: reserved for no container");
            let fixed = repair && self.release_name(&name, &target).is_ok();
            out.push((what, fixed));
        }
        Ok(out)
    }

    fn name_target_exists(&self, target: &str) -> bool {
        is_id(target)
            && (self.paths.container(target).is_dir()
                || self
                    .paths
                    .containers()
                    .join(format!(".new-{target}"))
                    .exists())
    }

    /// Drop a stale name under the names lock, re-checked (as `reserve_name` does).
    fn release_name(&self, name: &str, target: &str) -> Result<()> {
        let _l = Lock::exclusive(&self.paths.names().join(".lock"))?;
        let link = self.paths.names().join(name);
        let now = fs::read_link(&link)?;
        if now.as_os_str() == target && !self.name_target_exists(target) {
            fs::remove_file(&link)?;
        }
        Ok(())
    }

    /// A damaged state with a good record: kill what runs, start afresh as exited.
    /// A damaged record: nothing to run from; remove the container.
    fn repair_record(&self, id: &str) -> Result<()> {
        let d = self.dir(id);
        if d.read_record().is_err() {
            return self.remove(id, true);
        }
        let _lock = d.lock()?;
        let pids = supervise::processes_using(&d.dir);
        supervise::kill_pids(&pids)?;
        d.write_state(&ContainerState {
            status: super::record::Status::Exited,
            exit_code: 255,
            error: "the state record was damaged and has been reset".into(),
            finished_at: crate::store::time::now_rfc3339(),
            ..Default::default()
        })
    }
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// Is a staging or trash dir still someone's (its lock held), or too new to tell (its
/// lock file not created yet)?
fn held_or_young(dir: &std::path::Path) -> bool {
    match Lock::try_exclusive(&dir.join("lock")) {
        Ok(Some(_)) => false,
        Ok(None) => true,
        Err(_) => fs::metadata(dir).and_then(|m| m.modified()).is_ok_and(|t| {
            SystemTime::now().duration_since(t).unwrap_or_default() < Duration::from_secs(60)
        }),
    }
}
