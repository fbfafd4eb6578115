//! A container's mounts from its flags: `-v`, `--mount`, `--volumes-from` and the
//! image's VOLUMEs, in docker's order (volumes-from, then the flags, then an anonymous
//! volume for each VOLUME no flag covers); named volumes made on first use; which
//! containers use a volume; anonymous volumes removed with their container.

use super::record::{ContainerRecord, MountPoint};
use super::Containers;
use crate::storage::volume::{VolumeRecord, Volumes};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One mount as asked, before volumes exist.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MountRequest {
    /// bind, volume or tmpfs.
    pub kind: String,
    /// A host path (bind), a volume name (empty: anonymous), nothing (tmpfs).
    pub source: String,
    pub destination: String,
    pub rw: bool,
    /// inspect's Mode, as docker shows it for this flag.
    pub mode: String,
    pub propagation: String,
    /// Copy the image's content into a new volume (false with `nocopy`).
    pub copy_up: bool,
    /// podman's `U`: chown the source to the container's user.
    pub chown: bool,
    /// tmpfs mount options (`size=`, `mode=`).
    pub tmpfs: Vec<String>,
    pub volume_labels: BTreeMap<String, String>,
    pub volume_options: BTreeMap<String, String>,
    /// From another container (`--volumes-from`): anonymous there.
    pub anonymous: bool,
    /// `--mount bind-create-mountpoint`: a missing bind source is made (as `-v` does).
    pub create_source: bool,
}

/// `-v [SRC:]DST[:OPTS]`, with the engine's checks. A relative source that starts with
/// `.` was made absolute by the CLI; any other is a volume name.
pub fn parse_volume(v: &str) -> Result<MountRequest> {
    let parts: Vec<&str> = v.split(':').collect();
    let (src, dst, opts) = match parts.as_slice() {
        [d] => ("", *d, ""),
        [s, d] => (*s, *d, ""),
        [s, d, o] => (*s, *d, *o),
        _ => bail!("invalid volume specification: '{v}'"),
    };
    if dst.is_empty() {
        bail!("invalid volume specification: '{v}'");
    }
    if !dst.starts_with('/') {
        bail!("invalid volume specification: '{v}': invalid mount config for type \"{}\": invalid mount path: '{dst}' mount path must be absolute", if src.starts_with('/') { "bind" } else { "volume" });
    }
    check_destination(v, src, dst)?;
    let bind = src.starts_with('/');
    if !bind && !src.is_empty() {
        crate::storage::volume::check_name(src)?;
    }
    let mut r = MountRequest {
        kind: if bind { "bind" } else { "volume" }.into(),
        source: src.into(),
        destination: clean(dst),
        rw: true,
        mode: opts.into(),
        propagation: if bind { "rprivate" } else { "" }.into(),
        copy_up: true,
        ..Default::default()
    };
    let mut seen_rw = false;
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" | "rw" if seen_rw => bail!("invalid mode: {opts}"),
            "ro" | "rw" => {
                seen_rw = true;
                r.rw = o == "rw";
            }
            "z" | "Z" => {}
            "nocopy" if !bind => r.copy_up = false,
            "U" => r.chown = true,
            "rprivate" | "private" | "rslave" | "slave" | "shared" | "rshared" if bind => {
                r.propagation = o.into()
            }
            _ => bail!("invalid mode: {opts}"),
        }
    }
    // docker shows a named volume without options as mode "z".
    if r.kind == "volume" && !src.is_empty() && r.mode.is_empty() {
        r.mode = "z".into();
    }
    Ok(r)
}

/// `--mount type=...,source=...,target=...`: the CLI's own parsing (errors are usage
/// errors, exit 125; `check_mount` has the engine's). Returns the request and the entry
/// docker stores in HostConfig.Mounts.
pub fn parse_mount(s: &str) -> Result<(MountRequest, Value)> {
    let bad = |why: String| anyhow::anyhow!("invalid argument \"{s}\" for \"--mount\" flag: {why}");
    let mut kind = "volume".to_string();
    let (mut src, mut dst) = (String::new(), String::new());
    let mut ro = false;
    let mut nocopy = false;
    let mut propagation = String::new();
    let (mut tmpfs_size, mut tmpfs_mode): (Option<u64>, Option<u32>) = (None, None);
    let (mut labels, mut opts) = (BTreeMap::new(), BTreeMap::new());
    let mut chown = false;
    let mut create_source = false;
    let (mut has_bind, mut has_volume, mut has_tmpfs) = (false, false, false);
    let parse_bool = |k: &str, v: Option<&str>| -> Result<bool> {
        match v {
            None | Some("1" | "true" | "True" | "TRUE" | "t" | "T") => Ok(true),
            Some("0" | "false" | "False" | "FALSE" | "f" | "F") => Ok(false),
            Some(v) => Err(bad(format!("invalid value for {k}: {v}"))),
        }
    };
    for field in s.split(',') {
        let (k, v) = match field.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_lowercase(), Some(v)),
            None => (field.trim().to_ascii_lowercase(), None),
        };
        let need = |v: Option<&str>| -> Result<String> {
            v.map(String::from)
                .ok_or_else(|| bad(format!("invalid field '{field}' must be a key=value pair")))
        };
        match k.as_str() {
            "readonly" | "ro" => ro = parse_bool(&k, v)?,
            "volume-nocopy" => {
                has_volume = true;
                nocopy = parse_bool(&k, v)?
            }
            "bind-create-mountpoint" => {
                has_bind = true;
                create_source = parse_bool(&k, v)?;
            }
            // Binds are always recursive here (rbind), as docker's default.
            "bind-nonrecursive" => {
                has_bind = true;
                if parse_bool(&k, v)? {
                    return Err(bad("bind-nonrecursive is not supported by berth".into()));
                }
            }
            _ if v.is_none() => {
                return Err(bad(format!(
                    "invalid field '{field}' must be a key=value pair"
                )))
            }
            "type" => kind = need(v)?.to_ascii_lowercase(),
            "source" | "src" => src = need(v)?,
            "target" | "dst" | "destination" => dst = need(v)?,
            "consistency" => {}
            "bind-recursive" => {
                has_bind = true;
                let v = need(v)?;
                if v != "enabled" {
                    return Err(bad(format!("bind-recursive={v} is not supported by berth")));
                }
            }
            "bind-propagation" => {
                has_bind = true;
                propagation = need(v)?.to_ascii_lowercase();
            }
            "volume-driver" => {
                has_volume = true;
                let d = need(v)?;
                if d != "local" {
                    bail!("error looking up volume plugin {d}: plugin \"{d}\" not found");
                }
            }
            "volume-label" | "volume-opt" => {
                has_volume = true;
                let kv = need(v)?;
                let (a, b) = kv.split_once('=').unwrap_or((kv.as_str(), ""));
                if k == "volume-label" {
                    labels.insert(a.to_string(), b.to_string());
                } else {
                    opts.insert(a.to_string(), b.to_string());
                }
            }
            "volume-subpath" => return Err(bad("volume-subpath is not supported by berth".into())),
            "tmpfs-size" => {
                has_tmpfs = true;
                let v = need(v)?;
                tmpfs_size = Some(
                    super::units::parse_bytes(&v)
                        .map_err(|_| bad(format!("invalid value for {k}: {v}")))?,
                );
            }
            "tmpfs-mode" => {
                has_tmpfs = true;
                let v = need(v)?;
                tmpfs_mode = Some(
                    u32::from_str_radix(&v, 8)
                        .ok()
                        .filter(|m| *m <= 0o7777)
                        .ok_or_else(|| bad(format!("invalid value for {k}: {v}")))?,
                );
            }
            "u" | "chown" => chown = parse_bool(&k, v)?,
            _ => return Err(bad(format!("unexpected key '{k}' in '{field}'"))),
        }
    }
    if dst.is_empty() {
        return Err(bad("target is required".into()));
    }
    let mix = |what: &str| {
        bad(format!(
            "cannot mix '{what}-*' options with mount type '{kind}'"
        ))
    };
    if has_bind && kind != "bind" {
        return Err(mix("bind"));
    }
    if has_volume && kind != "volume" {
        return Err(mix("volume"));
    }
    if has_tmpfs && kind != "tmpfs" {
        return Err(mix("tmpfs"));
    }
    let mut stored = serde_json::Map::new();
    stored.insert("Type".into(), json!(kind));
    if !src.is_empty() {
        stored.insert("Source".into(), json!(src));
    }
    stored.insert("Target".into(), json!(dst));
    if ro {
        stored.insert("ReadOnly".into(), json!(true));
    }
    let mut r = MountRequest {
        kind: kind.clone(),
        source: src.clone(),
        destination: dst.clone(),
        rw: !ro,
        chown,
        copy_up: !nocopy,
        propagation,
        create_source,
        ..Default::default()
    };
    match kind.as_str() {
        "bind" => {
            let mut bo = serde_json::Map::new();
            if !r.propagation.is_empty() {
                bo.insert("Propagation".into(), json!(r.propagation));
            }
            if r.create_source {
                bo.insert("CreateMountpoint".into(), json!(true));
            }
            if !bo.is_empty() {
                stored.insert("BindOptions".into(), Value::Object(bo));
            }
        }
        "volume" => {
            r.mode = "z".into();
            r.volume_labels = labels.clone();
            r.volume_options = opts.clone();
            let mut vo = serde_json::Map::new();
            if nocopy {
                vo.insert("NoCopy".into(), json!(true));
            }
            if !labels.is_empty() {
                vo.insert("Labels".into(), json!(labels));
            }
            if !opts.is_empty() {
                vo.insert("DriverConfig".into(), json!({"Options": opts}));
            }
            if !vo.is_empty() {
                stored.insert("VolumeOptions".into(), Value::Object(vo));
            }
        }
        "tmpfs" => {
            r.tmpfs = vec!["nosuid".into(), "nodev".into(), "noexec".into()];
            let mut to = serde_json::Map::new();
            if let Some(n) = tmpfs_size {
                r.tmpfs.push(format!("size={n}"));
                to.insert("SizeBytes".into(), json!(n));
            }
            if let Some(m) = tmpfs_mode {
                r.tmpfs.push(format!("mode={m:o}"));
                to.insert("Mode".into(), json!(m));
            }
            if ro {
                r.tmpfs.push("ro".into());
            }
            if !to.is_empty() {
                stored.insert("TmpfsOptions".into(), Value::Object(to));
            }
        }
        _ => {}
    }
    Ok((r, Value::Object(stored)))
}

/// The engine's checks of a `--mount` (docker's words: "invalid mount config for type
/// ..."; exit 1 for `create`, 125 for `run`).
pub fn check_mount(s: &str, r: &mut MountRequest) -> Result<()> {
    let cfg = |why: &str| anyhow::anyhow!("invalid mount config for type \"{}\": {why}", r.kind);
    if !matches!(r.kind.as_str(), "bind" | "volume" | "tmpfs") {
        return Err(cfg("mount type unknown"));
    }
    let dst = r.destination.clone();
    if !dst.starts_with('/') {
        return Err(cfg(&format!(
            "invalid mount path: '{dst}' mount path must be absolute"
        )));
    }
    check_destination(s, &r.source, &dst)?;
    r.destination = clean(&dst);
    let src = r.source.clone();
    match r.kind.as_str() {
        "bind" => {
            if src.is_empty() {
                return Err(cfg("field Source must not be empty"));
            }
            if !src.starts_with('/') {
                return Err(cfg(&format!(
                    "invalid mount path: '{src}' mount path must be absolute"
                )));
            }
            if !std::path::Path::new(&src).exists() {
                if !r.create_source {
                    return Err(cfg(&format!("bind source path does not exist: {src}")));
                }
                std::fs::create_dir_all(&src).with_context(|| format!("creating {src}"))?;
            }
            match r.propagation.as_str() {
                "" => r.propagation = "rprivate".into(),
                "rprivate" | "private" | "rslave" | "slave" | "shared" | "rshared" => {}
                p => return Err(cfg(&format!("invalid propagation mode: {p}"))),
            }
        }
        "volume" if !src.is_empty() => crate::storage::volume::check_name(&src)?,
        "tmpfs" if !src.is_empty() => return Err(cfg("field Source must not be specified")),
        _ => {}
    }
    Ok(())
}

/// `--volumes-from CONTAINER[:ro|rw]`: its volumes and binds, at the same places, with
/// their own modes unless `ro`/`rw` is given.
pub fn volumes_from(paths: &Paths, spec: &str) -> Result<Vec<MountRequest>> {
    let (name, mode) = match spec.rsplit_once(':') {
        Some((n, m)) if matches!(m, "ro" | "rw" | "z" | "Z") || m.contains(',') => (n, Some(m)),
        _ => (spec, None),
    };
    let rw_override = match mode {
        None => None,
        Some(m) => {
            let mut rw = None;
            for o in m.split(',') {
                match o {
                    "ro" => rw = Some(false),
                    "rw" => rw = Some(true),
                    "z" | "Z" => {}
                    _ => bail!("invalid mode for volumes-from: {m}"),
                }
            }
            rw
        }
    };
    let ctrs = Containers::new(paths);
    let id = ctrs.resolve(name)?;
    let rec = ctrs.dir(&id).read_record()?;
    Ok(rec
        .mounts
        .iter()
        .filter(|m| m.kind == "bind" || m.kind == "volume")
        .map(|m| MountRequest {
            kind: m.kind.clone(),
            source: if m.kind == "volume" {
                m.name.clone()
            } else {
                m.source.clone()
            },
            destination: m.destination.clone(),
            rw: rw_override.unwrap_or(m.rw),
            mode: match rw_override {
                Some(true) => "rw".into(),
                Some(false) => "ro".into(),
                None => m.mode.clone(),
            },
            propagation: m.propagation.clone(),
            // Only a volume's first container fills it from its image (docker).
            copy_up: false,
            anonymous: m.anonymous,
            ..Default::default()
        })
        .collect())
}

/// Everything a new container mounts, its volumes made (named ones on first use,
/// anonymous ones fresh). The caller holds `Volumes::lock` until the container is
/// published, so no `volume rm` can take a volume between here and then. Returns the
/// mounts and the volumes made by this call (removed again if the creation fails).
pub fn resolve(
    paths: &Paths,
    from: Vec<MountRequest>,
    asked: Vec<MountRequest>,
    image_volumes: &[String],
) -> Result<(Vec<MountPoint>, Vec<String>)> {
    let mut seen = std::collections::HashSet::new();
    for r in &asked {
        if !seen.insert(r.destination.clone()) {
            bail!("Duplicate mount point: {}", r.destination);
        }
    }
    // Flags win over volumes-from at the same place; VOLUMEs fill what is left.
    let mut all: Vec<MountRequest> = from
        .into_iter()
        .filter(|r| !seen.contains(&r.destination))
        .collect();
    all.extend(asked);
    for v in image_volumes {
        // The image's VOLUME paths are its author's: `/` and /proc refused as for flags.
        check_destination(v, "", v)?;
        let dest = clean(v);
        if all.iter().any(|r| r.destination == dest) {
            continue;
        }
        all.push(MountRequest {
            kind: "volume".into(),
            destination: dest,
            rw: true,
            copy_up: true,
            ..Default::default()
        });
    }
    let vols = Volumes::new(paths);
    let mut made = Vec::new();
    let res = (|| -> Result<Vec<MountPoint>> {
        let mut out = Vec::new();
        for r in all {
            let m = match r.kind.as_str() {
                "volume" => {
                    let name = (!r.source.is_empty()).then_some(r.source.as_str());
                    let (v, new) =
                        vols.create(name, r.volume_labels.clone(), r.volume_options.clone())?;
                    if new {
                        made.push(v.name.clone());
                    }
                    volume_mount(&v, &r)
                }
                "bind" => MountPoint {
                    kind: "bind".into(),
                    name: String::new(),
                    source: r.source.clone(),
                    destination: r.destination.clone(),
                    driver: String::new(),
                    mode: r.mode.clone(),
                    rw: r.rw,
                    propagation: r.propagation.clone(),
                    chown: r.chown,
                    ..Default::default()
                },
                _ => MountPoint {
                    kind: "tmpfs".into(),
                    name: String::new(),
                    source: String::new(),
                    destination: r.destination.clone(),
                    driver: String::new(),
                    mode: r.tmpfs.join(","),
                    rw: r.rw,
                    ..Default::default()
                },
            };
            out.push(m);
        }
        Ok(out)
    })();
    match res {
        Ok(m) => Ok((m, made)),
        Err(e) => {
            for n in &made {
                let _ = vols.remove(n);
            }
            Err(e)
        }
    }
}

fn volume_mount(v: &VolumeRecord, r: &MountRequest) -> MountPoint {
    MountPoint {
        kind: "volume".into(),
        name: v.name.clone(),
        source: v.source(),
        destination: r.destination.clone(),
        driver: v.driver.clone(),
        mode: r.mode.clone(),
        rw: r.rw,
        propagation: String::new(),
        copy_up: r.copy_up,
        chown: r.chown,
        anonymous: r.source.is_empty() || r.anonymous,
    }
}

/// Volume name → the ids of the containers (running or not) that use it.
pub fn users(paths: &Paths) -> Result<BTreeMap<String, Vec<String>>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in Containers::new(paths).list()? {
        for m in c.rec.mounts.iter().filter(|m| m.kind == "volume") {
            let ids = out.entry(m.name.clone()).or_default();
            if !ids.contains(&c.rec.id) {
                ids.push(c.rec.id.clone());
            }
        }
    }
    Ok(out)
}

/// Remove a volume no container uses (docker's words otherwise). The caller holds
/// `Volumes::lock`.
pub fn remove_unused(
    paths: &Paths,
    name: &str,
    users: &BTreeMap<String, Vec<String>>,
) -> Result<()> {
    if !Volumes::new(paths).exists(name) {
        return Err(crate::storage::volume::NoSuchVolume(name.to_string()).into());
    }
    if let Some(ids) = users.get(name).filter(|i| !i.is_empty()) {
        bail!("remove {name}: volume is in use - [{}]", ids.join(" "));
    }
    Volumes::new(paths).remove(name)
}

/// What a volume prune removed: names, bytes, and whether a removal failed (said on
/// stderr already).
pub struct Pruned {
    pub names: Vec<String>,
    pub reclaimed: u64,
    pub failed: bool,
}

/// Remove the volumes no container (running or not) uses — only anonymous ones unless
/// `all` — that `keep` does not keep (the filters); `volume prune` and
/// `system prune --volumes`.
pub fn prune(
    paths: &Paths,
    all: bool,
    keep: &dyn Fn(&crate::storage::volume::VolumeRecord) -> bool,
) -> Result<Pruned> {
    let vols = Volumes::new(paths);
    let _lock = vols.lock()?;
    let used = users(paths)?;
    let mut out = Pruned {
        names: Vec::new(),
        reclaimed: 0,
        failed: false,
    };
    for v in vols.list()? {
        if used.contains_key(&v.name) || (!all && !v.anonymous()) || keep(&v) {
            continue;
        }
        let size = vols.size(&v);
        match vols.remove(&v.name) {
            Ok(()) => {
                out.reclaimed += size;
                out.names.push(v.name);
            }
            Err(e) => {
                eprintln!("Error: volume {}: {e:#}", v.name);
                out.failed = true;
            }
        }
    }
    Ok(out)
}

/// Remove a container, then (`rm -v`, `run --rm`) the volumes made for it without a
/// name that no other container uses. Volumes it named are always kept.
pub fn remove_container(paths: &Paths, id: &str, force: bool, volumes: bool) -> Result<()> {
    let ctrs = Containers::new(paths);
    let rec: Option<ContainerRecord> = ctrs.dir(id).read_record().ok();
    ctrs.remove(id, force)?;
    let Some(rec) = rec.filter(|_| volumes) else {
        return Ok(());
    };
    let vols = Volumes::new(paths);
    let names: Vec<&str> = rec
        .mounts
        .iter()
        .filter(|m| m.kind == "volume" && m.anonymous)
        .map(|m| m.name.as_str())
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    let _lock = vols.lock()?;
    let users = users(paths)?;
    for n in names {
        // One another container still uses (`--volumes-from`) stays (docker).
        if vols.exists(n) && !users.contains_key(n) {
            vols.remove(n)
                .with_context(|| format!("removing the container's volume {n}"))?;
        }
    }
    Ok(())
}

/// Go's path.Clean for an absolute container path.
fn clean(p: &str) -> String {
    let parts =
        p.split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .fold(Vec::new(), |mut acc, c| {
                if c == ".." {
                    acc.pop();
                } else {
                    acc.push(c);
                }
                acc
            });
    format!("/{}", parts.join("/"))
}

/// Mount destinations docker refuses: `/` (the engine) and `/proc` or anything below it
/// (runc), except the files runc lets lxcfs-style tools cover.
fn check_destination(spec: &str, src: &str, dst: &str) -> Result<()> {
    let clean = clean(dst);
    const PROC_FILES: [&str; 10] = [
        "/proc/cpuinfo",
        "/proc/diskstats",
        "/proc/meminfo",
        "/proc/stat",
        "/proc/swaps",
        "/proc/uptime",
        "/proc/loadavg",
        "/proc/slabinfo",
        "/proc/net/dev",
        "/proc/sys/kernel/ns_last_pid",
    ];
    if clean == "/" {
        bail!("invalid volume specification: '{spec}': invalid mount config for type \"bind\": invalid specification: destination can't be '/'");
    }
    if clean == "/proc" {
        bail!("invalid volume specification: '{spec}': error mounting {src:?} to rootfs at \"/proc\": \"/proc\" cannot be mounted because it is not of type proc");
    }
    if clean.starts_with("/proc/") && !PROC_FILES.contains(&clean.as_str()) {
        bail!("invalid volume specification: '{spec}': error mounting {src:?} to rootfs at {clean:?}: {clean:?} cannot be mounted because it is inside /proc");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_forms() {
        let r = parse_volume("data:/var/x").unwrap();
        assert_eq!(
            (r.kind.as_str(), r.source.as_str(), r.mode.as_str()),
            ("volume", "data", "z")
        );
        let r = parse_volume("/anon").unwrap();
        assert_eq!(
            (r.kind.as_str(), r.source.as_str(), r.mode.as_str()),
            ("volume", "", "")
        );
        let r = parse_volume("vv:/x:ro,nocopy").unwrap();
        assert!(!r.rw && !r.copy_up);
        let r = parse_volume("/h:/c:ro,z,U").unwrap();
        assert!(r.kind == "bind" && !r.rw && r.chown);
        assert!(parse_volume("x:/c")
            .unwrap_err()
            .to_string()
            .contains("too short"));
        assert!(parse_volume("/h:/c:bogus").is_err());
        assert!(parse_volume("/h:/c:ro,rw").is_err());
        assert!(parse_volume("vv:rel").is_err());
    }

    #[test]
    fn image_volumes_at_root_or_proc_refused() {
        let dir = std::env::temp_dir().join(format!("berth-vol-unit-{}", std::process::id()));
        let paths = Paths::new(Some(dir.join("root")), Some(dir.join("run"))).unwrap();
        for bad in ["/", "", "/proc", "/../proc/self", "/x/../../"] {
            let e = resolve(&paths, vec![], vec![], &[bad.to_string()]).unwrap_err();
            assert!(
                e.to_string().contains("invalid volume specification"),
                "{bad}: {e}"
            );
        }
        assert!(!dir
            .join("root/volumes")
            .read_dir()
            .is_ok_and(|mut d| d.next().is_some()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn mount_forms_and_errors() {
        let (r, stored) = parse_mount("type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1700").unwrap();
        assert_eq!(
            r.tmpfs,
            ["nosuid", "nodev", "noexec", "size=1048576", "mode=1700"]
        );
        assert_eq!(
            stored["TmpfsOptions"],
            json!({"SizeBytes": 1048576, "Mode": 960})
        );
        let (r, stored) = parse_mount("src=v4,dst=/m,readonly").unwrap();
        assert_eq!((r.kind.as_str(), r.rw), ("volume", false));
        assert_eq!(
            stored,
            json!({"Type":"volume","Source":"v4","Target":"/m","ReadOnly":true})
        );
        let err = |s: &str| parse_mount(s).unwrap_err().to_string();
        assert_eq!(
            err("type=volume"),
            "invalid argument \"type=volume\" for \"--mount\" flag: target is required"
        );
        assert!(err("dst=/x,bogus=1").ends_with("unexpected key 'bogus' in 'bogus=1'"));
        assert!(err("src").ends_with("invalid field 'src' must be a key=value pair"));
        assert!(err("type=volume,src=v,dst=/x,tmpfs-size=1m")
            .ends_with("cannot mix 'tmpfs-*' options with mount type 'volume'"));
        let engine = |s: &str| {
            let (mut r, _) = parse_mount(s).unwrap();
            check_mount(s, &mut r).unwrap_err().to_string()
        };
        assert_eq!(
            engine("type=foo,dst=/x"),
            "invalid mount config for type \"foo\": mount type unknown"
        );
        assert_eq!(
            engine("type=bind,dst=/x"),
            "invalid mount config for type \"bind\": field Source must not be empty"
        );
        assert_eq!(
            engine("type=tmpfs,src=a,dst=/x"),
            "invalid mount config for type \"tmpfs\": field Source must not be specified"
        );
        assert_eq!(engine("type=volume,dst=x"), "invalid mount config for type \"volume\": invalid mount path: 'x' mount path must be absolute");
        assert_eq!(
            engine("type=bind,src=/tmp,dst=/x,bind-propagation=foo"),
            "invalid mount config for type \"bind\": invalid propagation mode: foo"
        );
        assert!(err("type=bind,src=/tmp,dst=/x,bind-nonrecursive")
            .ends_with("bind-nonrecursive is not supported by berth"));
        let (_, stored) =
            parse_mount("type=bind,src=/tmp,dst=/x,bind-create-mountpoint,bind-propagation=rslave")
                .unwrap();
        assert_eq!(
            stored["BindOptions"],
            json!({"Propagation": "rslave", "CreateMountpoint": true})
        );
        assert!(
            err("type=tmpfs,dst=/x,tmpfs-size=abc").ends_with("invalid value for tmpfs-size: abc")
        );
        assert!(err("type=volume,src=v,dst=/x,readonly=maybe")
            .ends_with("invalid value for readonly: maybe"));
    }
}
