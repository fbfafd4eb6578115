//! The OCI runtime Spec for a container: docker's defaults for mounts, masked paths and
//! environment, plus what the record asks for.

use super::record::ContainerRecord;
use anyhow::{Context, Result};
use oci_spec::runtime::{
    LinuxBuilder, Mount, MountBuilder, ProcessBuilder, RootBuilder, Spec, SpecBuilder, UserBuilder,
};
use std::path::{Path, PathBuf};

/// Docker's masked paths (moby oci/defaults.go).
pub const MASKED_PATHS: &[&str] = &[
    "/proc/asound",
    "/proc/acpi",
    "/proc/interrupts",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/devices/virtual/powercap",
];
pub const READONLY_PATHS: &[&str] = &[
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// One mount of the spec.
pub fn mount(dest: &str, typ: &str, source: impl Into<PathBuf>, options: &[&str]) -> Result<Mount> {
    Ok(MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source.into())
        .options(options.iter().map(|o| o.to_string()).collect::<Vec<_>>())
        .build()?)
}

/// Build the runtime spec. `etc_dir` holds the container's /etc files (another
/// container's with `--network container:`). Built with
/// oci-spec's typed builders: a mistyped field does not compile. What the sandbox does
/// not take from the Spec (the compiled seccomp program, capabilities, the rootfs layers)
/// travels beside it in `sandbox::SandboxConfig`.
pub fn build(
    rec: &ContainerRecord,
    etc_dir: &Path,
    rootfs: &Path,
    env: Vec<String>,
) -> Result<Spec> {
    let hc = &rec.host_config;
    let shm = format!("size={}", hc.shm_size);
    let mut mounts = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"])?,
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        )?,
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            &[
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
                "gid=5",
            ],
        )?,
        mount(
            "/sys",
            "sysfs",
            "sysfs",
            &["nosuid", "noexec", "nodev", "ro"],
        )?,
        mount(
            "/dev/mqueue",
            "mqueue",
            "mqueue",
            &["nosuid", "noexec", "nodev"],
        )?,
    ];
    // docker: `--ipc host` shares the host's /dev/shm, `--ipc none` has none.
    match hc.ipc_mode.as_str() {
        "host" => mounts.push(mount("/dev/shm", "bind", "/dev/shm", &["rbind", "rw"])?),
        // `container:X`: X's /dev/shm, attached by the sandbox (`shared_shm`).
        m if m == "none" || m.starts_with("container:") => {}
        _ => mounts.push(mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            &["nosuid", "noexec", "nodev", "mode=1777", &shm],
        )?),
    }
    // The container's own mounts, shallowest first as docker sorts them: a volume at
    // /etc goes under /etc/hosts, one at /a under one at /a/b, whatever the flag order.
    let mut extra = Vec::new();
    for f in ["resolv.conf", "hostname", "hosts"] {
        if f == "hosts" && rec.no_hosts {
            continue;
        }
        extra.push(mount(
            &format!("/etc/{f}"),
            "bind",
            etc_dir.join(f),
            &["rbind", "rprivate"],
        )?);
    }
    for m in &rec.mounts {
        if m.kind == "tmpfs" {
            let opts: Vec<&str> = m.mode.split(',').filter(|s| !s.is_empty()).collect();
            extra.push(mount(&m.destination, "tmpfs", "tmpfs", &opts)?);
        } else {
            let mut opts = vec!["rbind", "rprivate"];
            if !m.rw {
                opts.push("ro");
            }
            extra.push(mount(&m.destination, "bind", &m.source, &opts)?);
        }
    }
    for d in &hc.devices {
        let mut opts = vec!["rbind", "rprivate", "nosuid", "noexec"];
        if !d.cgroup_permissions.contains('w') {
            opts.push("ro");
        }
        extra.push(mount(&d.path_in_container, "bind", &d.path_on_host, &opts)?);
    }
    extra.sort_by_key(|m: &Mount| m.destination().components().count());
    mounts.extend(extra);
    let (masked, readonly): (Vec<String>, Vec<String>) = if hc.privileged {
        (vec![], vec![])
    } else {
        (
            MASKED_PATHS.iter().map(|p| p.to_string()).collect(),
            READONLY_PATHS.iter().map(|p| p.to_string()).collect(),
        )
    };
    let user = UserBuilder::default()
        .uid(rec.resolved_uid)
        .gid(rec.resolved_gid)
        .additional_gids(rec.resolved_groups.clone())
        .build()?;
    let cwd = if rec.config.working_dir.is_empty() {
        "/"
    } else {
        rec.config.working_dir.as_str()
    };
    let mut process = ProcessBuilder::default()
        .terminal(rec.config.tty)
        .user(user)
        .args(
            std::iter::once(rec.path.clone())
                .chain(rec.args.iter().cloned())
                .collect::<Vec<_>>(),
        )
        .env(env)
        .cwd(cwd)
        .no_new_privileges(rec.no_new_privileges)
        .build()?;
    // The builder starts from runc's defaults; berth sets these itself (caps beside the
    // Spec, the open-files limit raised to the hard limit as docker does).
    process.set_capabilities(None);
    process.set_oom_score_adj((hc.oom_score_adj != 0).then_some(hc.oom_score_adj));
    let rlimits: Vec<_> = hc.ulimits.iter().filter_map(|u| u.rlimit()).collect();
    process.set_rlimits((!rlimits.is_empty()).then_some(rlimits));
    let mut linux = LinuxBuilder::default()
        .masked_paths(masked)
        .readonly_paths(readonly)
        .build()?;
    linux.set_namespaces(None);
    linux.set_sysctl(
        hc.sysctls
            .as_ref()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
    );
    linux.set_resources(None);
    let root = RootBuilder::default()
        .path(rootfs)
        .readonly(hc.readonly_rootfs)
        .build()?;
    SpecBuilder::default()
        .version("1.0.2")
        .process(process)
        .root(root)
        .hostname(rec.config.hostname.clone())
        .domainname(rec.config.domainname.clone())
        .mounts(mounts)
        .linux(linux)
        .build()
        .map(|mut s| {
            // `--annotation`s (the builder's defaults carry none of meaning), and crun's
            // for `--group-add keep-groups`, which the sandbox honours.
            let mut a: std::collections::HashMap<String, String> = hc
                .annotations
                .iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if keeps_groups(rec) {
                a.insert(KEEP_GROUPS.into(), "1".into());
            }
            s.set_annotations((!a.is_empty()).then_some(a));
            s
        })
        .context("building the runtime spec")
}

/// crun's annotation: the process keeps the supplementary groups of its creator.
pub const KEEP_GROUPS: &str = "run.oci.keep_original_groups";

/// podman's `--group-add keep-groups`.
pub fn keeps_groups(rec: &ContainerRecord) -> bool {
    rec.host_config
        .group_add
        .iter()
        .flatten()
        .any(|g| g == "keep-groups")
}

/// The process environment: the container's Env, then HOSTNAME and HOME if unset.
pub fn process_env(rec: &ContainerRecord, home: &str) -> Vec<String> {
    let mut env = rec.config.env.clone();
    let has = |env: &Vec<String>, k: &str| env.iter().any(|e| e.split('=').next() == Some(k));
    if !has(&env, "HOSTNAME") {
        env.push(format!("HOSTNAME={}", rec.config.hostname));
    }
    if !has(&env, "HOME") {
        env.push(format!("HOME={home}"));
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::record::{ContainerConfig, HostConfig, MountPoint};

    fn record() -> ContainerRecord {
        ContainerRecord {
            id: "a".repeat(64),
            name: "t".into(),
            created: String::new(),
            image_name: "busybox".into(),
            image_id: String::new(),
            path: "sh".into(),
            args: vec!["-c".into(), "true".into()],
            config: ContainerConfig {
                hostname: "h".into(),
                working_dir: "/w".into(),
                ..Default::default()
            },
            host_config: HostConfig {
                shm_size: 1 << 20,
                readonly_rootfs: true,
                ..Default::default()
            },
            mounts: vec![
                MountPoint {
                    kind: "bind".into(),
                    source: "/src".into(),
                    destination: "/dst".into(),
                    mode: "ro".into(),
                    rw: false,
                    propagation: String::new(),
                    ..Default::default()
                },
                MountPoint {
                    kind: "tmpfs".into(),
                    source: String::new(),
                    destination: "/run".into(),
                    mode: "nosuid,nodev,noexec,size=1m".into(),
                    rw: true,
                    propagation: String::new(),
                    ..Default::default()
                },
            ],
            layers: vec![],
            caps: vec![],
            seccomp_profile: Default::default(),
            no_new_privileges: true,
            resolved_uid: 1000,
            resolved_gid: 1000,
            resolved_groups: vec![1000, 2000],
            resolved_home: "/home/app".into(),
            stop_timeout: None,
            init: false,
            driver: "overlay".into(),
            no_hosts: false,
            no_cgroup: false,
            create_command: vec![],
        }
    }

    #[test]
    fn mounts_and_process_like_docker() {
        let rec = record();
        let spec = build(
            &rec,
            Path::new("/ctr"),
            Path::new("/merged"),
            process_env(&rec, "/home/app"),
        )
        .unwrap();
        let mounts = spec.mounts().clone().unwrap();
        let dests: Vec<String> = mounts
            .iter()
            .map(|m| m.destination().display().to_string())
            .collect();
        assert_eq!(
            dests,
            [
                "/proc",
                "/dev",
                "/dev/pts",
                "/sys",
                "/dev/mqueue",
                "/dev/shm",
                "/dst",
                "/run",
                "/etc/resolv.conf",
                "/etc/hostname",
                "/etc/hosts"
            ]
        );
        let shm = mounts
            .iter()
            .find(|m| m.destination() == Path::new("/dev/shm"))
            .unwrap();
        assert!(shm
            .options()
            .clone()
            .unwrap()
            .contains(&"size=1048576".to_string()));
        let bind = mounts
            .iter()
            .find(|m| m.destination() == Path::new("/dst"))
            .unwrap();
        assert!(bind.options().clone().unwrap().contains(&"ro".to_string()));
        let tmpfs = mounts
            .iter()
            .find(|m| m.destination() == Path::new("/run"))
            .unwrap();
        assert_eq!(tmpfs.typ().as_deref(), Some("tmpfs"));
        let p = spec.process().clone().unwrap();
        assert_eq!(p.args().clone().unwrap(), ["sh", "-c", "true"]);
        assert_eq!(p.cwd(), Path::new("/w"));
        assert_eq!(p.user().uid(), 1000);
        assert_eq!(p.user().additional_gids().clone().unwrap(), [1000, 2000]);
        assert_eq!(p.no_new_privileges(), Some(true));
        let env = p.env().clone().unwrap();
        assert!(
            env.contains(&"HOSTNAME=h".to_string()) && env.contains(&"HOME=/home/app".to_string())
        );
        assert_eq!(spec.root().as_ref().unwrap().readonly(), Some(true));
        let linux = spec.linux().clone().unwrap();
        assert!(linux
            .masked_paths()
            .clone()
            .unwrap()
            .contains(&"/proc/kcore".to_string()));
        assert!(linux
            .readonly_paths()
            .clone()
            .unwrap()
            .contains(&"/proc/sys".to_string()));
    }

    #[test]
    fn privileged_unmasks() {
        let mut rec = record();
        rec.host_config.privileged = true;
        let spec = build(&rec, Path::new("/ctr"), Path::new("/m"), vec![]).unwrap();
        assert!(spec
            .linux()
            .clone()
            .unwrap()
            .masked_paths()
            .clone()
            .unwrap_or_default()
            .is_empty());
    }
}
