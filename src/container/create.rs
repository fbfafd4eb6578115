//! `create`: image config + flags → a container record on disk, its name reserved
//! atomically (a symlink `names/<name> -> id`: of two racing creates exactly one wins).

use super::namespaces;
use super::record::{
    ContainerConfig, ContainerDir, ContainerRecord, ContainerState, HostConfig, LogConfig,
    MountPoint,
};
use super::user;
use super::userns;
use super::Containers;
use crate::image::ImageStore;
use crate::network::ports::{port_key, PortMap};
use crate::network::NetworkMode;
use crate::store::atomic::{publish_dir, write_json_new};
use crate::store::ids;
use crate::store::time::now_rfc3339;
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

/// Everything `create`/`run` flags say about a new container.
#[derive(Debug, Default, Clone)]
pub struct CreateOptions {
    /// The command line as typed (`berth run ...`), recorded.
    pub create_command: Vec<String>,
    pub image: String,
    pub command: Vec<String>,
    pub name: Option<String>,
    pub entrypoint: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub group_add: Vec<String>,
    pub hostname: Option<String>,
    /// `--domainname`.
    pub domainname: Option<String>,
    /// `--cgroupns` as given.
    pub cgroupns: Option<String>,
    /// The resource flags as given (`container::resources`).
    pub resources: super::resources::ResourceFlags,
    /// `--userns` as given.
    pub userns: Option<String>,
    /// `--pid`, `--ipc`, `--uts` as given.
    pub pid: Option<String>,
    pub ipc: Option<String>,
    pub uts: Option<String>,
    pub volumes: Vec<String>,
    /// `--mount`, as given (checked by the CLI with `volumes::parse_mount`).
    pub mounts: Vec<String>,
    /// `--volumes-from CONTAINER[:ro|rw]`.
    pub volumes_from: Vec<String>,
    pub tmpfs: Vec<String>,
    pub read_only: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub security_opt: Vec<String>,
    pub network: Option<String>,
    /// `-p`, parsed (`network::ports::parse_publish`).
    pub publish: Vec<crate::network::ports::PortBinding>,
    /// `-P`: every exposed port on a free host port.
    pub publish_all: bool,
    /// `--expose`, as `ExposedPorts` keys (`80/tcp`).
    pub expose: Vec<String>,
    /// `--dns` (validated addresses), `--dns-search`, `--dns-option`.
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    /// `--add-host`, validated and in docker's stored form (`name:ip`).
    pub extra_hosts: Vec<String>,
    /// `--no-hosts` (podman): the image's own /etc/hosts.
    pub no_hosts: bool,
    /// `--cgroups disabled` (podman).
    pub no_cgroup: bool,
    pub auto_remove: bool,
    pub interactive: bool,
    pub tty: bool,
    /// `run -d`: nothing attached, stdin stays open across attaches.
    pub detach: bool,
    /// `run -a`: the streams attached (lowercase stdin/stdout/stderr); empty: docker's default.
    pub attach: Vec<String>,
    pub labels: Vec<String>,
    pub stop_signal: Option<String>,
    pub shm_size: Option<u64>,
    pub stop_timeout: Option<i64>,
    pub init: bool,
    pub restart: Option<String>,
    pub log_opts: Vec<String>,
    /// `--log-driver`: json-file (default), local, none.
    pub log_driver: Option<String>,
    /// `--annotation KEY=VALUE`.
    pub annotations: Vec<String>,
    /// `--ulimit NAME=SOFT[:HARD]`.
    pub ulimits: Vec<String>,
    /// `--sysctl KEY=VALUE`.
    pub sysctls: Vec<String>,
    /// `--device HOST[:CONTAINER[:PERMISSIONS]]`.
    pub devices: Vec<String>,
    /// `--oom-score-adj` (-1000..=1000).
    pub oom_score_adj: Option<i32>,
    pub health_cmd: Option<String>,
    pub health_interval: Option<String>,
    pub health_timeout: Option<String>,
    pub health_start_period: Option<String>,
    pub health_start_interval: Option<String>,
    pub health_retries: Option<u32>,
    pub no_healthcheck: bool,
}

pub fn create(paths: &crate::store::Paths, o: &CreateOptions) -> Result<ContainerRecord> {
    let images = ImageStore::new(paths);
    let img = match images.find(&o.image)? {
        Some(i) => i,
        None => bail!(
            "Unable to find image '{}' locally: No such image: {}",
            display_ref(&o.image),
            display_ref(&o.image)
        ),
    };
    let icfg = images.config(&img)?.config;
    // docker's daemon checks, before anything is written.
    let mut resources = super::record::Resources::default();
    o.resources.apply(&mut resources)?;
    super::resources::validate(&mut resources, o.resources.memory_swap.is_some())?;
    super::resources::check_host(&resources, o.no_cgroup)?;
    if let Some(w) = o
        .workdir
        .as_deref()
        .filter(|w| !w.is_empty() && !w.starts_with('/'))
    {
        bail!("the working directory '{w}' is invalid, it needs to be an absolute path");
    }
    if let Some(sig) = &o.stop_signal {
        super::lifecycle::parse_signal(sig)?;
    }
    let id = ids::new_id();
    let name = match &o.name {
        Some(n) => {
            let n = n.strip_prefix('/').unwrap_or(n);
            ids::validate_name(n)?;
            n.to_string()
        }
        None => ids::random_name(),
    };

    // Entrypoint and command, exactly as docker combines them.
    let entrypoint: Option<Vec<String>> = match &o.entrypoint {
        Some(e) if e.is_empty() => None,
        Some(e) => Some(vec![e.clone()]),
        None => icfg.entrypoint.clone().filter(|v| !v.is_empty()),
    };
    let cmd: Option<Vec<String>> = if !o.command.is_empty() {
        Some(o.command.clone())
    } else if o.entrypoint.is_some() {
        None
    } else {
        icfg.cmd.clone()
    };
    let argv: Vec<String> = entrypoint
        .iter()
        .flatten()
        .chain(cmd.iter().flatten())
        .cloned()
        .collect();
    if argv.is_empty() {
        bail!("no command specified");
    }

    let mut image_env = icfg.env.clone().unwrap_or_default();
    if !image_env.iter().any(|e| e.starts_with("PATH=")) {
        image_env.insert(
            0,
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
        );
    }
    // docker's merge: the user's variables first, then the image's it does not set.
    let mut env: Vec<String> = Vec::new();
    let mut user_env = Vec::new();
    for f in &o.env_files {
        let text =
            fs::read_to_string(f).with_context(|| format!("reading env file {}", f.display()))?;
        user_env.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    user_env.extend(o.env.iter().cloned());
    for e in user_env {
        let (k, v) = match e.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => match std::env::var(&e) {
                Ok(v) => (e.clone(), v),
                Err(_) => continue,
            },
        };
        if k.is_empty() {
            bail!("invalid environment variable: {e}");
        }
        env.retain(|x| x.split('=').next() != Some(k.as_str()));
        env.push(format!("{k}={v}"));
    }
    for e in image_env {
        let k = e.split('=').next().unwrap_or_default();
        if !env.iter().any(|x| x.split('=').next() == Some(k)) {
            env.push(e);
        }
    }
    if o.tty && !env.iter().any(|e| e.starts_with("TERM=")) {
        env.push("TERM=xterm".into());
    }

    let network = network_mode(paths, o)?;

    let mut binds = Vec::new();
    let mut asked = Vec::new();
    let mut image_volumes: Vec<String> = icfg
        .volumes
        .iter()
        .flat_map(|v| v.keys().cloned())
        .collect();
    let mut config_volumes = icfg.volumes.clone();
    for v in &o.volumes {
        let r = super::volumes::parse_volume(v)?;
        if r.kind == "bind" && !std::path::Path::new(&r.source).exists() {
            // docker creates a missing host directory for -v (not for --mount).
            fs::create_dir_all(&r.source).with_context(|| format!("creating {}", r.source))?;
        }
        if r.kind == "volume" && r.source.is_empty() {
            // docker records `-v /path` as a VOLUME of the container's own.
            config_volumes
                .get_or_insert_with(BTreeMap::new)
                .insert(r.destination.clone(), serde_json::json!({}));
            image_volumes.push(r.destination.clone());
            continue;
        }
        binds.push(v.clone());
        asked.push(r);
    }
    let mut host_mounts = Vec::new();
    for m in &o.mounts {
        let (mut r, stored) = super::volumes::parse_mount(m)?;
        super::volumes::check_mount(m, &mut r)?;
        host_mounts.push(stored);
        asked.push(r);
    }
    let mut from = Vec::new();
    for f in &o.volumes_from {
        from.extend(super::volumes::volumes_from(paths, f)?);
    }
    let mut mounts = Vec::new();
    let mut tmpfs_map = BTreeMap::new();
    for t in &o.tmpfs {
        let (dest, opts) = t.split_once(':').unwrap_or((t.as_str(), ""));
        if !dest.starts_with('/') {
            bail!("invalid tmpfs mount {t:?}: the destination must be an absolute path");
        }
        let mut mode = vec!["nosuid", "nodev", "noexec"];
        mode.extend(opts.split(',').filter(|s| !s.is_empty()));
        tmpfs_map.insert(dest.to_string(), opts.to_string());
        mounts.push(MountPoint {
            kind: "tmpfs".into(),
            source: String::new(),
            destination: dest.into(),
            mode: mode.join(","),
            rw: !opts.split(',').any(|x| x == "ro"),
            propagation: String::new(),
            ..Default::default()
        });
    }

    // A --tmpfs covers the same place as a -v or --mount: docker's refusal; an image
    // VOLUME there gets no volume.
    for r in &asked {
        if mounts.iter().any(|m| m.destination == r.destination) {
            bail!("Duplicate mount point: {}", r.destination);
        }
    }
    image_volumes.retain(|v| !mounts.iter().any(|m| m.destination == *v));

    let caps = crate::sandbox::caps::effective_set(&o.cap_add, &o.cap_drop, o.privileged)?;
    use crate::sandbox::seccomp::SeccompMode;
    let mut seccomp_profile = if o.privileged {
        SeccompMode::Unconfined
    } else {
        SeccompMode::Default
    };
    let mut nnp = false;
    for s in &o.security_opt {
        let (k, v) = s.split_once(['=', ':']).unwrap_or((s.as_str(), ""));
        match k {
            "seccomp" if v == "unconfined" => seccomp_profile = SeccompMode::Unconfined,
            "seccomp" => {
                let text = fs::read_to_string(v)
                    .with_context(|| format!("opening seccomp profile {v}"))?;
                crate::sandbox::seccomp::parse_profile(&text)
                    .with_context(|| format!("seccomp profile {v}"))?;
                seccomp_profile = SeccompMode::Custom(text);
            }
            "no-new-privileges" if v.is_empty() || v == "true" => nnp = true,
            "no-new-privileges" if v == "false" => nnp = false,
            "label" | "apparmor" => {}
            _ => bail!("invalid --security-opt: {s:?}"),
        }
    }

    let restart_policy = match &o.restart {
        Some(r) => super::record::RestartPolicy::parse(r)?,
        None => super::record::RestartPolicy::default(),
    };
    if o.auto_remove && restart_policy.restarts() {
        bail!("Conflicting options: --restart and --rm");
    }
    let mut log_config = BTreeMap::new();
    for opt in &o.log_opts {
        let (k, v) = opt
            .split_once('=')
            .with_context(|| format!("invalid --log-opt {opt:?}: want KEY=VALUE"))?;
        log_config.insert(k.to_string(), v.to_string());
    }
    super::logs::parse_log_opts(&log_config)?;
    let log_driver = o.log_driver.clone().unwrap_or_else(|| "json-file".into());
    if !matches!(log_driver.as_str(), "json-file" | "local" | "none") {
        bail!("logging driver {log_driver:?} is not supported: berth keeps logs with json-file (the default), local or none");
    }
    let ulimits = o
        .ulimits
        .iter()
        .map(|u| super::ulimit::parse(u))
        .collect::<Result<Vec<_>>>()?;
    let devices = o
        .devices
        .iter()
        .map(|d| super::device::parse(d))
        .collect::<Result<Vec<_>>>()?;
    let mut sysctls = BTreeMap::new();
    for s in &o.sysctls {
        let (k, v) = s
            .split_once('=')
            .filter(|(k, _)| !k.is_empty())
            .with_context(|| {
                format!("invalid argument {s:?} for \"--sysctl\" flag: sysctl '{s}' is not allowed")
            })?;
        check_sysctl(k, &network)?;
        sysctls.insert(k.to_string(), v.to_string());
    }
    let mut annotations = BTreeMap::new();
    for a in &o.annotations {
        let (k, v) = a
            .split_once('=')
            .filter(|(k, _)| !k.is_empty())
            .with_context(|| format!("invalid annotation {a:?}: want KEY=VALUE"))?;
        annotations.insert(k.to_string(), v.to_string());
    }

    let healthcheck = health_config(o, icfg.healthcheck.as_ref())?;

    // Resolve the user against the image's own files.
    let layer_dirs: Vec<PathBuf> = img
        .layers
        .iter()
        .map(|l| images.layer_dir(&l.chain_id))
        .collect();
    let userns_mode = o.userns.clone().unwrap_or_default();
    userns::check_for(&userns_mode, paths.rootless)?;
    let keep_id = userns::keep_id(&userns_mode, userns::own_ids());
    // keep-id: the user's own ids are the process's, unless --user says otherwise.
    let user_spec = match (&o.user, keep_id) {
        (None, Some((uid, gid))) => format!("{uid}:{gid}"),
        _ => o.user.clone().or(icfg.user.clone()).unwrap_or_default(),
    };
    let passwd = user::read_rootfs_file(&layer_dirs, "etc/passwd");
    let group = user::read_rootfs_file(&layer_dirs, "etc/group");
    // podman's `--group-add keep-groups`: the user's own supplementary groups stay
    // (no setgroups), alone.
    let keep_groups = o.group_add.iter().any(|g| g == "keep-groups");
    if keep_groups && o.group_add.len() > 1 {
        bail!("the '--group-add keep-groups' option is not allowed with any other --group-add options");
    }
    let extra_groups: &[String] = if keep_groups { &[] } else { &o.group_add };
    let mut u = user::resolve(
        &user_spec,
        passwd.as_deref(),
        group.as_deref(),
        extra_groups,
    )?;
    if let (None, Some((uid, _))) = (&o.user, keep_id) {
        if !userns::has_entry(passwd.as_deref(), uid) {
            // Added to the container's /etc/passwd at first start, as podman does.
            u.home = userns::own_home();
        }
    }

    let (port_bindings, exposed_ports) = ports_of(o, icfg.exposed_ports.as_ref());
    let pid_mode = namespaces::parse(paths, namespaces::Kind::Pid, o.pid.as_deref())?;
    let ipc_mode = namespaces::parse(paths, namespaces::Kind::Ipc, o.ipc.as_deref())?;
    let uts_mode = namespaces::parse(paths, namespaces::Kind::Uts, o.uts.as_deref())?;
    if o.hostname.is_some() && !uts_mode.is_empty() {
        bail!("conflicting options: hostname and the UTS mode");
    }
    let hostname = match (&o.hostname, &network) {
        (Some(h), _) => h.clone(),
        // docker: a container on the host's uts namespace has the host's name, podman's
        // `--uts container:X` X's.
        _ if uts_mode == "host" => host_name()?,
        _ if namespaces::target(&uts_mode).is_some() => {
            Containers::new(paths)
                .dir(namespaces::target(&uts_mode).unwrap_or_default())
                .read_record()?
                .config
                .hostname
        }
        // docker: a container sharing another's network has its hostname...
        (None, NetworkMode::Container(target)) => {
            Containers::new(paths)
                .dir(target)
                .read_record()?
                .config
                .hostname
        }
        // ... and one on the host's network the host's.
        (None, NetworkMode::Host) => host_name()?,
        (None, _) => id[..12].to_string(),
    };
    let mut labels = icfg.labels.clone().unwrap_or_default();
    for l in &o.labels {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        labels.insert(k.to_string(), v.to_string());
    }
    // docker: -d attaches nothing; -a names the streams; else stdout, stderr (and stdin with -i).
    let attached = |stream: &str, default: bool| {
        !o.detach
            && if o.attach.is_empty() {
                default
            } else {
                o.attach.iter().any(|a| a == stream)
            }
    };
    let mut rec = ContainerRecord {
        id: id.clone(),
        name: name.clone(),
        created: now_rfc3339(),
        image_name: o.image.clone(),
        image_id: img.id.clone(),
        path: argv[0].clone(),
        args: argv[1..].to_vec(),
        config: ContainerConfig {
            hostname: hostname.clone(),
            domainname: o.domainname.clone().unwrap_or_default(),
            user: o.user.clone().or(icfg.user.clone()).unwrap_or_default(),
            attach_stdin: attached("stdin", o.interactive),
            attach_stdout: attached("stdout", true),
            attach_stderr: attached("stderr", true),
            exposed_ports,
            tty: o.tty,
            open_stdin: o.interactive,
            stdin_once: o.interactive && attached("stdin", o.interactive),
            env,
            cmd,
            image: o.image.clone(),
            volumes: config_volumes,
            working_dir: o
                .workdir
                .clone()
                .or(icfg.working_dir.clone())
                .unwrap_or_default(),
            entrypoint,
            labels,
            stop_signal: o.stop_signal.clone().or(icfg.stop_signal.clone()),
            healthcheck,
        },
        host_config: HostConfig {
            binds: (!binds.is_empty()).then_some(binds),
            mounts: (!host_mounts.is_empty()).then_some(host_mounts),
            volumes_from: (!o.volumes_from.is_empty()).then(|| o.volumes_from.clone()),
            network_mode: network.clone(),
            pid_mode,
            ipc_mode,
            uts_mode,
            userns_mode: userns_mode.clone(),
            cgroupns_mode: match o.cgroupns.as_deref() {
                Some("host") => "host".into(),
                _ => "private".into(),
            },
            port_bindings,
            publish_all_ports: o.publish_all,
            dns: o.dns.clone(),
            dns_options: o.dns_options.clone(),
            dns_search: o.dns_search.clone(),
            extra_hosts: (!o.extra_hosts.is_empty()).then(|| o.extra_hosts.clone()),
            auto_remove: o.auto_remove,
            cap_add: (!o.cap_add.is_empty()).then(|| o.cap_add.clone()),
            cap_drop: (!o.cap_drop.is_empty()).then(|| o.cap_drop.clone()),
            privileged: o.privileged,
            readonly_rootfs: o.read_only,
            security_opt: (!o.security_opt.is_empty()).then(|| o.security_opt.clone()),
            tmpfs: (!tmpfs_map.is_empty()).then_some(tmpfs_map),
            group_add: (!o.group_add.is_empty()).then(|| o.group_add.clone()),
            shm_size: o.shm_size.unwrap_or(64 * 1024 * 1024),
            log_config: LogConfig {
                kind: log_driver,
                config: log_config,
            },
            restart_policy,
            annotations: (!annotations.is_empty()).then_some(annotations),
            resources,
            ulimits,
            sysctls: (!sysctls.is_empty()).then_some(sysctls),
            devices,
            oom_score_adj: match o.oom_score_adj {
                Some(n) if !(-1000..=1000).contains(&n) => {
                    bail!("Invalid value {n}, range for oom score adj is [-1000, 1000]")
                }
                n => n.unwrap_or(0),
            },
        },
        mounts,
        layers: img.layers.iter().map(|l| l.chain_id.clone()).collect(),
        caps,
        seccomp_profile,
        no_new_privileges: nnp,
        resolved_uid: u.uid,
        resolved_gid: u.gid,
        resolved_groups: u.groups,
        resolved_home: u.home,
        stop_timeout: o.stop_timeout,
        init: o.init,
        no_hosts: o.no_hosts,
        no_cgroup: o.no_cgroup,
        create_command: o.create_command.clone(),
        // keep-id: the image's files need other owners (0 and the kept uid swapped),
        // so the container gets a copy of its own (`supervise::flatten_layers`).
        driver: if keep_id.is_some() {
            crate::storage::driver::Driver::Vfs
        } else {
            crate::storage::driver::choose(paths, paths.storage_driver.as_deref())?
        }
        .name()
        .to_string(),
    };

    // Held until the container is published: `volume rm` cannot take a volume between
    // its creation here and the record that uses it.
    let vols = crate::storage::volume::Volumes::new(paths);
    let vol_lock = vols.lock()?;
    let (mut resolved, made_volumes) = super::volumes::resolve(paths, from, asked, &image_volumes)?;
    resolved.append(&mut rec.mounts);
    rec.mounts = resolved;

    // Write everything under a hidden name, reserve the name, then make it visible.
    let ctrs = Containers::new(paths);
    let staging = paths.containers().join(format!(".new-{id}"));
    let mut reserved: Option<String> = None;
    let res = (|| -> Result<()> {
        fs::create_dir_all(&staging)?;
        // Held while staging (it moves with the dir): `system check` tells a creation
        // in progress from one that died by it.
        let _staging = crate::store::Lock::exclusive(&staging.join("lock"))?;
        let d = ContainerDir {
            dir: staging.clone(),
        };
        fs::create_dir(d.upper())?;
        fs::create_dir(d.work())?;
        // A container on another's network uses that one's files (docker).
        if network.container().is_none() {
            let etc = crate::network::etc::EtcConfig {
                mode: &network,
                hostname: &hostname,
                extra_hosts: &o.extra_hosts,
                dns: &o.dns,
                dns_search: &o.dns_search,
                dns_options: &o.dns_options,
                ipv6: crate::network::ipv6_enabled(),
            };
            crate::network::etc::write_files(&staging, &etc, o.no_hosts)?;
        }
        // The name first (the staging dir keeps it from looking stale), so the record
        // is written once, with its final name.
        if o.name.is_some() {
            reserve_name(paths, &name, &id)?;
        } else {
            reserve_random_name(paths, &mut rec, &id)?;
        }
        reserved = Some(rec.name.clone());
        write_json_new(&d.record(), &rec)?;
        write_json_new(&d.state(), &ContainerState::default())?;
        publish_dir(&staging, &ctrs.dir(&id).dir).context("publishing the container")?;
        Ok(())
    })();
    if let Err(e) = res {
        if let Some(n) = reserved {
            let link = paths.names().join(n);
            if fs::read_link(&link).is_ok_and(|t| t.as_os_str() == id.as_str()) {
                let _ = fs::remove_file(&link);
            }
        }
        let _ = fs::remove_dir_all(&staging);
        for v in &made_volumes {
            let _ = vols.remove(v);
        }
        return Err(e);
    }
    drop(vol_lock);
    super::event(paths, &rec, "create", &[]);
    Ok(rec)
}

fn host_name() -> Result<String> {
    Ok(nix::unistd::gethostname()
        .context("reading the host's name")?
        .to_string_lossy()
        .into_owned())
}

/// `--network` resolved (`container:NAME` to the full id docker stores), and what the
/// mode forbids refused in docker's engine words.
fn network_mode(paths: &crate::store::Paths, o: &CreateOptions) -> Result<NetworkMode> {
    let mode = match NetworkMode::parse(o.network.as_deref().unwrap_or("bridge"))? {
        NetworkMode::Container(target) => {
            NetworkMode::Container(Containers::new(paths).resolve(&target)?)
        }
        m => m,
    };
    if let NetworkMode::Container(_) = mode {
        let conflict = if o.hostname.is_some() {
            Some("hostname and the network mode")
        } else if !o.dns.is_empty() {
            Some("dns and the network mode")
        } else if !o.extra_hosts.is_empty() {
            Some("custom host-to-IP mapping and the network mode")
        } else if !o.publish.is_empty() || o.publish_all {
            Some("port publishing and the container type network mode")
        } else if !o.expose.is_empty() {
            Some("port exposing and the container type network mode")
        } else {
            None
        };
        if let Some(c) = conflict {
            bail!("conflicting options: {c}");
        }
    }
    if o.no_hosts && !o.extra_hosts.is_empty() {
        bail!("--no-hosts and --add-host cannot be set together");
    }
    Ok(mode)
}

/// What docker's engine warns about a new container (printed before its id).
pub fn warnings(o: &CreateOptions) -> Vec<&'static str> {
    let mut w = Vec::new();
    if o.network.as_deref() == Some("host") && !o.publish.is_empty() {
        w.push("Published ports are discarded when using host network mode");
    }
    if o.devices
        .iter()
        .any(|d| super::device::parse(d).is_ok_and(|d| d.cgroup_permissions != "rwm"))
    {
        w.push("--device permissions other than rwm are not enforced without a device cgroup: the node is bound in as the user may open it");
    }
    w
}

/// `HostConfig.PortBindings` from `-p`, and `Config.ExposedPorts`: the image's EXPOSE,
/// `--expose` and every published port (docker's `{"80/tcp":{}}`).
fn ports_of(
    o: &CreateOptions,
    image: Option<&BTreeMap<String, serde_json::Value>>,
) -> (PortMap, Option<BTreeMap<String, serde_json::Value>>) {
    let mut bindings = PortMap::new();
    for b in &o.publish {
        bindings
            .entry(port_key(b.container_port, b.proto.as_str()))
            .or_default()
            .push(b.host_binding());
    }
    let mut exposed: BTreeMap<String, serde_json::Value> = image.cloned().unwrap_or_default();
    for key in o.expose.iter().chain(bindings.keys()) {
        exposed
            .entry(key.clone())
            .or_insert_with(|| serde_json::json!({}));
    }
    (bindings, (!exposed.is_empty()).then_some(exposed))
}

/// A generated name taken by another container: draw again, then add digits (docker).
fn reserve_random_name(
    paths: &crate::store::Paths,
    rec: &mut ContainerRecord,
    id: &str,
) -> Result<()> {
    for attempt in 0..20 {
        if attempt > 0 {
            rec.name = ids::random_name();
            if attempt > 5 {
                rec.name = format!("{}{}", rec.name, &ids::new_id()[..2]);
            }
        }
        match reserve_name(paths, &rec.name, id) {
            Ok(()) => return Ok(()),
            Err(e) if e.downcast_ref::<NameInUse>().is_some() => continue,
            Err(e) => return Err(e),
        }
    }
    bail!("could not find a free container name")
}

/// The image's HEALTHCHECK with the flags applied, as docker merges them.
fn health_config(
    o: &CreateOptions,
    image: Option<&serde_json::Value>,
) -> Result<Option<super::health::Healthcheck>> {
    use super::health::{parse_go_duration, Healthcheck};
    if o.no_healthcheck {
        if o.health_cmd.is_some() {
            bail!("--no-healthcheck conflicts with --health-* options");
        }
        return Ok(Some(Healthcheck {
            test: vec!["NONE".into()],
            ..Default::default()
        }));
    }
    let mut h: Healthcheck = image
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    if let Some(cmd) = &o.health_cmd {
        h.test = vec!["CMD-SHELL".into(), cmd.clone()];
    }
    // docker: the CLI refuses negative values, the daemon anything under 1 ms.
    let ns = |s: &Option<String>, flag: &str, field: &str| -> Result<Option<u64>> {
        let Some(d) = s.as_deref() else {
            return Ok(None);
        };
        let v = parse_go_duration(d)
            .with_context(|| format!("invalid argument {d:?} for \"--{flag}\" flag"))?;
        if v < 0 {
            bail!("--{flag} cannot be negative");
        }
        if v != 0 && v < 1_000_000 {
            bail!("{field} in Healthcheck cannot be less than 1ms");
        }
        Ok(Some(v as u64))
    };
    if let Some(v) = ns(&o.health_interval, "health-interval", "Interval")? {
        h.interval = v;
    }
    if let Some(v) = ns(&o.health_timeout, "health-timeout", "Timeout")? {
        h.timeout = v;
    }
    if let Some(v) = ns(&o.health_start_period, "health-start-period", "StartPeriod")? {
        h.start_period = v;
    }
    if let Some(v) = ns(
        &o.health_start_interval,
        "health-start-interval",
        "StartInterval",
    )? {
        h.start_interval = v;
    }
    if let Some(r) = o.health_retries {
        h.retries = r;
    }
    Ok((!h.test.is_empty()).then_some(h))
}

fn display_ref(s: &str) -> String {
    match crate::image::Reference::parse(s) {
        Ok(r) => r.to_string(),
        Err(_) => s.to_string(),
    }
}

/// Only sysctls of the namespaces the container has of its own (runc's rule): IPC
/// (kernel.msg*, sem, shm*, fs.mqueue.*) and, off the host's network, net.*.
fn check_sysctl(key: &str, network: &crate::network::NetworkMode) -> Result<()> {
    const IPC: [&str; 8] = [
        "kernel.msgmax",
        "kernel.msgmnb",
        "kernel.msgmni",
        "kernel.sem",
        "kernel.shmall",
        "kernel.shmmax",
        "kernel.shmmni",
        "kernel.shm_rmid_forced",
    ];
    if key.contains('/') || key.contains("..") || key.contains('\0') {
        bail!("sysctl {key:?} is not allowed");
    }
    if IPC.contains(&key) || key.starts_with("fs.mqueue.") {
        return Ok(());
    }
    if key.starts_with("net.") {
        if *network == crate::network::NetworkMode::Host {
            bail!("sysctl {key:?} not allowed in host network namespace");
        }
        return Ok(());
    }
    bail!("sysctl {key:?} is not in a separate kernel namespace")
}

pub fn reserve_name(paths: &crate::store::Paths, name: &str, id: &str) -> Result<()> {
    let link = paths.names().join(name);
    match std::os::unix::fs::symlink(id, &link) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let other = fs::read_link(&link)
                .map(|t| t.to_string_lossy().into_owned())
                .unwrap_or_default();
            // A name left behind by a container that no longer exists is free again.
            // The staging dir first: a creation renames it to the final one, so
            // checking the final dir first could miss a container published between
            // the two looks (and take its name).
            let stale = |t: &str| {
                !t.is_empty()
                    && !paths.containers().join(format!(".new-{t}")).exists()
                    && !paths.container(t).exists()
            };
            if stale(&other) {
                // Under a lock and re-checked, so two creators cannot both clear it.
                let _l = crate::store::Lock::exclusive(&paths.names().join(".lock"))?;
                let now = fs::read_link(&link)
                    .map(|t| t.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if now == other {
                    let _ = fs::remove_file(&link);
                }
                drop(_l);
                if now == other || now.is_empty() {
                    return reserve_name(paths, name, id);
                }
            }
            Err(NameInUse {
                name: name.to_string(),
                other,
            }
            .into())
        }
        Err(e) => Err(e).context("reserving the container name"),
    }
}

/// A name another container holds (docker's words).
#[derive(Debug, thiserror::Error)]
#[error("Conflict. The container name \"/{name}\" is already in use by container \"{other}\". You have to remove (or rename) that container to be able to reuse that name.")]
pub struct NameInUse {
    pub name: String,
    pub other: String,
}

/// A limit berth does not set (realtime CPU, Windows-only flags, `--cgroup-parent`):
/// refused with why — no delegated cgroup v2 tree here (and how to get one), or not
/// supported at all.
pub fn refuse_resource_limit(flag: &str) -> Result<()> {
    match crate::sandbox::cgroup::Host::detect() {
        Err(why) => bail!("{flag}: resource limits need a delegated cgroup v2 hierarchy: {why}"),
        Ok(_) => bail!("{flag}: not supported by berth"),
    }
}
