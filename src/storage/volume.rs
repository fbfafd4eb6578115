//! The volume store: `volumes/NAME/_data` (docker's layout) with `volume.json` beside
//! it. A volume is staged in scratch and renamed into place with RENAME_NOREPLACE, so a
//! name is taken atomically (of two racing creates one makes it, the other finds it).
//! Removal renames it out of sight first, then removes the tree (in the storage child
//! when a container left files owned by mapped ids).

use crate::store::atomic::{read_json, write_json_new};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

/// docker 23+ marks the volumes it made for `-v /path` and VOLUME with this label.
pub const ANONYMOUS_LABEL: &str = "com.docker.volume.anonymous";

/// A volume's record, in the fields and order of docker's `volume inspect`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeRecord {
    pub created_at: String,
    pub driver: String,
    /// null when empty, as docker shows it.
    #[serde(with = "null_if_empty")]
    pub labels: BTreeMap<String, String>,
    pub mountpoint: String,
    pub name: String,
    #[serde(with = "null_if_empty")]
    pub options: BTreeMap<String, String>,
    pub scope: String,
}

/// docker's nil maps: `null` for an empty map, read back as empty.
mod null_if_empty {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(m: &BTreeMap<String, String>, s: S) -> Result<S::Ok, S::Error> {
        if m.is_empty() {
            s.serialize_none()
        } else {
            m.serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, String>, D::Error> {
        Ok(Option::<BTreeMap<String, String>>::deserialize(d)?.unwrap_or_default())
    }
}

impl VolumeRecord {
    pub fn anonymous(&self) -> bool {
        self.labels.contains_key(ANONYMOUS_LABEL)
    }

    /// What a container mounts: `_data`, or the host directory of a bind volume
    /// (`-o type=none -o o=bind -o device=/dir`, as docker's local driver).
    pub fn source(&self) -> String {
        match self.options.get("device") {
            Some(d) if self.is_bind() => d.clone(),
            _ => self.mountpoint.clone(),
        }
    }

    fn is_bind(&self) -> bool {
        self.options
            .get("o")
            .is_some_and(|o| o.split(',').any(|x| x == "bind" || x == "rbind"))
    }
}

/// A volume that does not exist (docker's words for get/rm/inspect).
#[derive(Debug, thiserror::Error)]
#[error("get {0}: no such volume")]
pub struct NoSuchVolume(pub String);

pub struct Volumes<'a> {
    paths: &'a Paths,
}

impl<'a> Volumes<'a> {
    pub fn new(paths: &'a Paths) -> Self {
        Volumes { paths }
    }

    pub fn root(&self) -> PathBuf {
        self.paths.root.join("volumes")
    }

    pub fn dir(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// Serializes volume removal against containers taking volumes into use.
    pub fn lock(&self) -> Result<crate::store::Lock> {
        fs::create_dir_all(self.root()).context("creating the volume store")?;
        crate::store::Lock::exclusive(&self.root().join(".lock"))
    }

    /// Create `name` (None: an anonymous volume with a random 64-hex name). An existing
    /// volume of that name is returned as it is (docker's create is idempotent).
    /// Returns the record and whether this call made it.
    pub fn create(
        &self,
        name: Option<&str>,
        labels: BTreeMap<String, String>,
        options: BTreeMap<String, String>,
    ) -> Result<(VolumeRecord, bool)> {
        let anonymous = name.is_none();
        let name = match name {
            Some(n) => {
                check_name(n)?;
                n.to_string()
            }
            None => crate::store::ids::new_id(),
        };
        check_options(&name, &options)?;
        if let Some(v) = self.get(&name)? {
            return Ok((v, false));
        }
        let mut labels = labels;
        if anonymous {
            labels.insert(ANONYMOUS_LABEL.into(), String::new());
        }
        let rec = VolumeRecord {
            created_at: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            driver: "local".into(),
            labels,
            mountpoint: self.dir(&name).join("_data").display().to_string(),
            name: name.clone(),
            options,
            scope: "local".into(),
        };
        fs::create_dir_all(self.root()).context("creating the volume store")?;
        let scratch = crate::store::scratch::create(self.paths, "volume")?;
        let staging = scratch.join("v");
        let res = (|| -> Result<bool> {
            fs::create_dir(&staging)?;
            // docker's _data is 0755 root-owned: the container's root owns it.
            std::os::unix::fs::DirBuilderExt::mode(&mut fs::DirBuilder::new(), 0o755)
                .create(staging.join("_data"))
                .context("creating _data")?;
            write_json_new(&staging.join("volume.json"), &rec)?;
            fs::File::open(&staging)?.sync_all()?;
            match rustix::fs::renameat_with(
                rustix::fs::CWD,
                &staging,
                rustix::fs::CWD,
                self.dir(&name),
                rustix::fs::RenameFlags::NOREPLACE,
            ) {
                Ok(()) => {
                    fs::File::open(self.root())?.sync_all()?;
                    Ok(true)
                }
                Err(rustix::io::Errno::EXIST) => Ok(false),
                Err(e) => Err(std::io::Error::from(e))
                    .with_context(|| format!("publishing volume {name}")),
            }
        })();
        let _ = fs::remove_dir_all(&scratch);
        if res? {
            crate::store::events::record(
                self.paths,
                "volume",
                "create",
                &name,
                &[("driver", "local".to_string())],
            );
            Ok((rec, true))
        } else {
            // Made by someone else meanwhile: theirs is the volume.
            let v = self.get(&name)?.context("volume vanished while created")?;
            Ok((v, false))
        }
    }

    /// The record of `name`, None if there is no such volume.
    pub fn get(&self, name: &str) -> Result<Option<VolumeRecord>> {
        if check_name(name).is_err() {
            return Ok(None);
        }
        let p = self.dir(name).join("volume.json");
        if !p.exists() {
            return Ok(None);
        }
        read_json(&p).map(Some)
    }

    /// Is there a volume `name`, its record readable or not (a damaged one can be removed)?
    pub fn exists(&self, name: &str) -> bool {
        check_name(name).is_ok() && self.dir(name).is_dir()
    }

    /// Every volume, sorted by name. A damaged record is reported on stderr and skipped.
    pub fn list(&self) -> Result<Vec<VolumeRecord>> {
        let mut out = Vec::new();
        let rd = match fs::read_dir(self.root()) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e).context("reading the volume store"),
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            match self.get(&name) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => {}
                Err(err) => eprintln!("WARNING: volume {name}: {err:#}"),
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Remove the volume's directory (the caller has checked that no container uses it,
    /// under `lock`). Its data may hold files of mapped ids: the storage child takes those.
    pub fn remove(&self, name: &str) -> Result<()> {
        if !self.exists(name) {
            return Err(NoSuchVolume(name.to_string()).into());
        }
        let scratch = crate::store::scratch::create(self.paths, "volrm")?;
        let trash = scratch.join("v");
        fs::rename(self.dir(name), &trash).with_context(|| format!("removing volume {name}"))?;
        crate::store::events::record(
            self.paths,
            "volume",
            "destroy",
            name,
            &[("driver", "local".to_string())],
        );
        crate::storage::mapped::remove_tree(&scratch)
            .with_context(|| format!("removing the data of volume {name}"))
    }

    /// Bytes in the volume's data (regular files' sizes, each inode once): what prune
    /// reports as reclaimed. Rootless, directories of mapped ids the user cannot read
    /// are counted from the storage child.
    pub fn size(&self, v: &VolumeRecord) -> u64 {
        let (n, complete) = tree_size(std::path::Path::new(&v.mountpoint));
        if complete || !self.paths.rootless {
            return n;
        }
        let Ok(scratch) = crate::store::scratch::create(self.paths, "volsize") else {
            return n;
        };
        let out = scratch.join("n");
        let (mp, o) = (PathBuf::from(&v.mountpoint), out.clone());
        let counted = crate::storage::mapped::run_mapped(move || {
            fs::write(&o, tree_size(&mp).0.to_string()).context("writing the size")
        })
        .ok()
        .and_then(|_| fs::read_to_string(&out).ok())
        .and_then(|t| t.parse().ok());
        let _ = fs::remove_dir_all(&scratch);
        counted.unwrap_or(n)
    }

    /// Was image content already copied into it (or found there)? Copy-up happens once.
    pub fn copied_mark(&self, name: &str) -> PathBuf {
        self.dir(name).join("copied")
    }
}

/// docker's local volume names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+` (its words, kept verbatim
/// because scripts match them).
pub fn check_name(name: &str) -> Result<()> {
    let ok_first = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric());
    let ok_rest = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if !ok_first || !ok_rest {
        bail!("create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
    }
    if name.len() < 2 {
        bail!("create {name}: volume name is too short, names should be at least two alphanumeric characters");
    }
    if name.len() > crate::store::ids::MAX_NAME {
        bail!("create {name}: volume name is longer than 255 characters");
    }
    Ok(())
}

/// docker's local driver options: `type`, `device`, `o`. berth mounts no devices of its
/// own (no root): only a bind of an existing host directory is honoured.
fn check_options(name: &str, o: &BTreeMap<String, String>) -> Result<()> {
    for k in o.keys() {
        if !matches!(k.as_str(), "type" | "device" | "o") {
            bail!("create {name}: invalid option: {k:?}");
        }
    }
    if o.is_empty() {
        return Ok(());
    }
    let bind = o
        .get("o")
        .is_some_and(|x| x.split(',').any(|x| x == "bind" || x == "rbind"));
    let device = o.get("device").map(String::as_str).unwrap_or("");
    if !bind || !device.starts_with('/') {
        bail!("create {name}: berth's local driver mounts no filesystems of its own: only -o type=none -o o=bind -o device=/ABSOLUTE/DIR is supported");
    }
    if !std::path::Path::new(device).is_dir() {
        bail!("create {name}: failed to mount local volume: no such directory: {device}");
    }
    Ok(())
}

/// Sizes of the regular files below `root` (hard links once), and whether every
/// directory could be read.
fn tree_size(root: &std::path::Path) -> (u64, bool) {
    use std::os::unix::fs::MetadataExt;
    let mut seen = std::collections::HashSet::new();
    let (mut total, mut complete) = (0u64, true);
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else {
            complete = false;
            continue;
        };
        for e in rd.flatten() {
            let Ok(m) = e.metadata() else {
                complete = false;
                continue;
            };
            if m.is_dir() {
                stack.push(e.path());
            } else if m.is_file() && (m.nlink() <= 1 || seen.insert(m.ino())) {
                total = total.saturating_add(m.len());
            }
        }
    }
    (total, complete)
}
