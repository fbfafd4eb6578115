//! The OCI runtime Spec for a container: docker's defaults for mounts, masked paths and
//! environment, plus what the record asks for.

use super::record::ContainerRecord;
use anyhow::{Context, Result};
use oci_spec::runtime::Spec;
use serde_json::json;
use std::path::Path;

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

/// Build the runtime spec. `ctr_dir` holds the container's /etc files.
pub fn build(
    rec: &ContainerRecord,
    ctr_dir: &Path,
    rootfs: &Path,
    env: Vec<String>,
) -> Result<Spec> {
    let hc = &rec.host_config;
    let mut mounts = vec![
        json!({"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]}),
        json!({"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]}),
        json!({"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]}),
        json!({"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}),
        json!({"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]}),
        json!({"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", format!("size={}", hc.shm_size)]}),
    ];
    for f in ["resolv.conf", "hostname", "hosts"] {
        mounts.push(json!({"destination": format!("/etc/{f}"), "type": "bind", "source": ctr_dir.join(f), "options": ["rbind", "rprivate"]}));
    }
    for m in &rec.mounts {
        let mut opts = vec!["rbind".to_string(), "rprivate".to_string()];
        if !m.rw {
            opts.push("ro".into());
        }
        if m.kind == "tmpfs" {
            mounts.push(json!({"destination": m.destination, "type": "tmpfs", "source": "tmpfs", "options": m.mode.split(',').filter(|s| !s.is_empty()).collect::<Vec<_>>()}));
        } else {
            mounts.push(json!({"destination": m.destination, "type": "bind", "source": m.source, "options": opts}));
        }
    }
    let (masked, readonly): (Vec<&str>, Vec<&str>) = if hc.privileged {
        (vec![], vec![])
    } else {
        (MASKED_PATHS.to_vec(), READONLY_PATHS.to_vec())
    };
    let spec = json!({
        "ociVersion": "1.0.2",
        "process": {
            "terminal": rec.config.tty,
            "user": {"uid": rec.resolved_uid, "gid": rec.resolved_gid, "additionalGids": rec.resolved_groups},
            "args": std::iter::once(rec.path.clone()).chain(rec.args.iter().cloned()).collect::<Vec<_>>(),
            "env": env,
            "cwd": if rec.config.working_dir.is_empty() { "/" } else { rec.config.working_dir.as_str() },
            "noNewPrivileges": rec.no_new_privileges,
        },
        "root": {"path": rootfs, "readonly": hc.readonly_rootfs},
        "hostname": rec.config.hostname,
        "mounts": mounts,
        "linux": {"maskedPaths": masked, "readonlyPaths": readonly},
    });
    serde_json::from_value(spec).context("building the runtime spec")
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
                },
                MountPoint {
                    kind: "tmpfs".into(),
                    source: String::new(),
                    destination: "/run".into(),
                    mode: "nosuid,nodev,noexec,size=1m".into(),
                    rw: true,
                    propagation: String::new(),
                },
            ],
            layers: vec![],
            caps: vec![],
            seccomp_profile: None,
            no_new_privileges: true,
            resolved_uid: 1000,
            resolved_gid: 1000,
            resolved_groups: vec![1000, 2000],
            resolved_home: "/home/app".into(),
            stop_timeout: None,
            init: false,
            driver: "overlay".into(),
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
                "/etc/resolv.conf",
                "/etc/hostname",
                "/etc/hosts",
                "/dst",
                "/run"
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
