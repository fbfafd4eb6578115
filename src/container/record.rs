//! Container records on disk: `containers/<id>/container.json` (what to run, written
//! once at create) and `state.json` (what happened, rewritten atomically under the
//! container's lock). Field names follow docker's inspect schema.

use crate::network::ports::{BoundPort, PortBinding, PortMap};
use crate::store::{read_json, Lock, Paths};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Docker's container `Config`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerConfig {
    pub hostname: String,
    pub domainname: String,
    pub user: String,
    pub attach_stdin: bool,
    pub attach_stdout: bool,
    pub attach_stderr: bool,
    /// The image's EXPOSE, `--expose` and the published ports: docker's `{"80/tcp":{}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    pub tty: bool,
    pub open_stdin: bool,
    pub stdin_once: bool,
    pub env: Vec<String>,
    pub cmd: Option<Vec<String>>,
    pub image: String,
    pub volumes: Option<BTreeMap<String, serde_json::Value>>,
    pub working_dir: String,
    pub entrypoint: Option<Vec<String>>,
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_signal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<super::health::Healthcheck>,
}

fn private() -> String {
    "private".into()
}

/// Docker's `HostConfig` (the parts berth honours).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HostConfig {
    pub binds: Option<Vec<String>>,
    pub network_mode: crate::network::NetworkMode,
    /// `--pid`, `--ipc`, `--uts` in docker's words (`container::namespaces`).
    #[serde(default, rename = "PidMode")]
    pub pid_mode: String,
    #[serde(default = "private", rename = "IpcMode")]
    pub ipc_mode: String,
    #[serde(default, rename = "UTSMode")]
    pub uts_mode: String,
    /// `--cgroupns`: `private` (its own, the default) or `host`.
    #[serde(default = "private")]
    pub cgroupns_mode: String,
    /// `--userns` as given (`container::userns`).
    #[serde(default)]
    pub userns_mode: String,
    /// `-p`, in docker's shape: `{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}`.
    #[serde(default)]
    pub port_bindings: PortMap,
    /// `-P`.
    #[serde(default)]
    pub publish_all_ports: bool,
    #[serde(default)]
    pub dns: Vec<String>,
    #[serde(default)]
    pub dns_options: Vec<String>,
    #[serde(default)]
    pub dns_search: Vec<String>,
    /// `--add-host`, as docker stores it: `name:ip` (`name:host-gateway` kept as given).
    #[serde(default)]
    pub extra_hosts: Option<Vec<String>>,
    pub auto_remove: bool,
    pub cap_add: Option<Vec<String>>,
    pub cap_drop: Option<Vec<String>>,
    pub privileged: bool,
    pub readonly_rootfs: bool,
    pub security_opt: Option<Vec<String>>,
    pub tmpfs: Option<BTreeMap<String, String>>,
    pub group_add: Option<Vec<String>>,
    pub shm_size: u64,
    pub log_config: LogConfig,
    #[serde(default)]
    pub restart_policy: RestartPolicy,
    /// `--ulimit`s, in docker's shape (`[]` without any, as docker shows).
    #[serde(default)]
    pub ulimits: Vec<super::ulimit::Ulimit>,
    /// `--device`s, in docker's shape (`[]` without any).
    #[serde(default)]
    pub devices: Vec<super::device::Device>,
    /// `--oom-score-adj`.
    #[serde(default)]
    pub oom_score_adj: i32,
    /// `--sysctl`s (namespaced ones only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sysctls: Option<BTreeMap<String, String>>,
    /// `--mount`s, in docker's shape (`{"Type":"volume","Source":"v","Target":"/x"}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mounts: Option<Vec<serde_json::Value>>,
    /// `--volumes-from`, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volumes_from: Option<Vec<String>>,
    /// `--annotation` (docker 24's HostConfig.Annotations; also the OCI spec's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
    /// docker's resource fields (no limits without a delegated cgroup: their zero
    /// values, or the "unlimited" a user gave).
    #[serde(flatten, default)]
    pub resources: Resources,
}

/// docker's `HostConfig` resource fields, in its order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Resources {
    #[serde(default)]
    pub cpu_shares: i64,
    #[serde(default)]
    pub memory: i64,
    #[serde(default)]
    pub nano_cpus: i64,
    #[serde(default)]
    pub cgroup_parent: String,
    #[serde(default)]
    pub blkio_weight: u16,
    #[serde(default)]
    pub blkio_weight_device: Vec<WeightDevice>,
    #[serde(default)]
    pub blkio_device_read_bps: Vec<ThrottleDevice>,
    #[serde(default)]
    pub blkio_device_write_bps: Vec<ThrottleDevice>,
    #[serde(default, rename = "BlkioDeviceReadIOps")]
    pub blkio_device_read_iops: Vec<ThrottleDevice>,
    #[serde(default, rename = "BlkioDeviceWriteIOps")]
    pub blkio_device_write_iops: Vec<ThrottleDevice>,
    #[serde(default)]
    pub cpu_period: i64,
    #[serde(default)]
    pub cpu_quota: i64,
    #[serde(default)]
    pub cpu_realtime_period: i64,
    #[serde(default)]
    pub cpuset_cpus: String,
    #[serde(default)]
    pub cpuset_mems: String,
    #[serde(default)]
    pub memory_reservation: i64,
    #[serde(default)]
    pub memory_swap: i64,
    #[serde(default)]
    pub memory_swappiness: Option<i64>,
    #[serde(default)]
    pub oom_kill_disable: bool,
    #[serde(default)]
    pub pids_limit: Option<i64>,
}

/// docker's `--blkio-weight-device` entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct WeightDevice {
    pub path: String,
    pub weight: u16,
}

/// docker's `--device-{read,write}-{bps,iops}` entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ThrottleDevice {
    pub path: String,
    pub rate: u64,
}

/// Docker's restart policy names (`RestartPolicy.Name`).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub enum RestartName {
    /// docker writes "no" (older records: "").
    #[default]
    #[serde(rename = "no", alias = "")]
    No,
    #[serde(rename = "always")]
    Always,
    #[serde(rename = "unless-stopped")]
    UnlessStopped,
    #[serde(rename = "on-failure")]
    OnFailure,
}

/// Docker's `RestartPolicy`: no, always, unless-stopped, on-failure[:N].
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct RestartPolicy {
    pub name: RestartName,
    pub maximum_retry_count: u32,
}

impl RestartPolicy {
    pub fn parse(s: &str) -> anyhow::Result<RestartPolicy> {
        let (name, count) = s.split_once(':').unwrap_or((s, ""));
        let name = match name {
            "no" => RestartName::No,
            "always" => RestartName::Always,
            "unless-stopped" => RestartName::UnlessStopped,
            "on-failure" => RestartName::OnFailure,
            _ => anyhow::bail!("invalid restart policy {s:?}: use no, always, unless-stopped or on-failure[:max-retries]"),
        };
        let maximum_retry_count = match (name, count) {
            (_, "") => 0,
            (RestartName::OnFailure, c) => c
                .parse()
                .map_err(|_| anyhow::anyhow!("invalid restart policy {s:?}: bad retry count"))?,
            _ => anyhow::bail!("invalid restart policy {s:?}: only on-failure takes a retry count"),
        };
        Ok(RestartPolicy {
            name,
            maximum_retry_count,
        })
    }

    /// Does the container restart at all under this policy?
    pub fn restarts(&self) -> bool {
        self.name != RestartName::No
    }

    /// Should a container that exited with `code` after `restarts` restarts start again?
    pub fn wants_restart(&self, code: i32, restarts: u32, manually_stopped: bool) -> bool {
        if manually_stopped {
            return false;
        }
        match self.name {
            RestartName::Always | RestartName::UnlessStopped => true,
            RestartName::OnFailure => {
                code != 0 && (self.maximum_retry_count == 0 || restarts < self.maximum_retry_count)
            }
            RestartName::No => false,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogConfig {
    #[serde(rename = "Type")]
    pub kind: String,
    pub config: BTreeMap<String, String>,
}

/// A container's mount as recorded; `inspect_json` is docker's inspect `Mounts` entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MountPoint {
    #[serde(rename = "Type")]
    pub kind: String,
    /// The volume's name (volumes only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub source: String,
    pub destination: String,
    /// The volume's driver (volumes only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub driver: String,
    pub mode: String,
    #[serde(rename = "RW")]
    pub rw: bool,
    pub propagation: String,
    /// berth's: fill a new volume from the image's content here (off with `nocopy`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub copy_up: bool,
    /// berth's: podman's `U`, chown the source to the container's user at start.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chown: bool,
    /// berth's: a volume made for this container without a name (`-v /path`, VOLUME):
    /// removed with it by `rm -v` and `run --rm` (docker's rule: a spec with no source).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
}

impl MountPoint {
    /// docker's inspect entry: Name and Driver for volumes only, no fields of berth's.
    pub fn inspect_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("Type".into(), self.kind.clone().into());
        if self.kind == "volume" {
            m.insert("Name".into(), self.name.clone().into());
        }
        m.insert("Source".into(), self.source.clone().into());
        m.insert("Destination".into(), self.destination.clone().into());
        if self.kind == "volume" {
            m.insert("Driver".into(), self.driver.clone().into());
        }
        m.insert("Mode".into(), self.mode.clone().into());
        m.insert("RW".into(), self.rw.into());
        m.insert("Propagation".into(), self.propagation.clone().into());
        serde_json::Value::Object(m)
    }
}

/// Everything fixed at create time.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    pub created: String,
    /// The image as the user named it.
    pub image_name: String,
    pub image_id: String,
    pub path: String,
    pub args: Vec<String>,
    pub config: ContainerConfig,
    pub host_config: HostConfig,
    pub mounts: Vec<MountPoint>,
    /// Layer chain ids, bottom first.
    pub layers: Vec<String>,
    /// Capability names and seccomp choice, resolved at create.
    pub caps: Vec<String>,
    #[serde(default)]
    pub seccomp_profile: crate::sandbox::seccomp::SeccompMode,
    pub no_new_privileges: bool,
    pub resolved_uid: u32,
    pub resolved_gid: u32,
    pub resolved_groups: Vec<u32>,
    pub resolved_home: String,
    /// `--stop-timeout` in seconds.
    #[serde(default)]
    pub stop_timeout: Option<i64>,
    /// `--init`: berth itself is pid 1 and runs the command as its child.
    #[serde(default)]
    pub init: bool,
    /// overlay, fuse-overlayfs or vfs.
    #[serde(default = "default_driver")]
    pub driver: String,
    /// `--no-hosts` (podman): no /etc/hosts of ours, the image's own is seen.
    #[serde(default)]
    pub no_hosts: bool,
    /// `--cgroups disabled` (podman): no cgroup leaf, whatever the host has.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_cgroup: bool,
    /// The command line that created it (podman's CreateCommand), for `generate
    /// systemd --new`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub create_command: Vec<String>,
}

impl ContainerRecord {
    /// The container whose hostname, hosts and resolv.conf files this one uses: its own,
    /// or with `--network container:X` X's (as docker).
    pub fn etc_owner(&self) -> &str {
        self.host_config
            .network_mode
            .container()
            .unwrap_or(&self.id)
    }

    /// What the supervisor binds at start: `-p` as asked, and with `-P` every exposed
    /// tcp or udp port not published otherwise, on a free port of every address. Only
    /// the default network publishes ports (docker discards them with `host`; `none`
    /// has nothing to forward to).
    pub fn port_bindings(&self) -> Vec<PortBinding> {
        let hc = &self.host_config;
        if hc.network_mode != crate::network::NetworkMode::Bridge {
            return Vec::new();
        }
        let mut out: Vec<PortBinding> = hc
            .port_bindings
            .iter()
            .flat_map(|(key, bs)| bs.iter().filter_map(|b| PortBinding::from_entry(key, b)))
            .collect();
        if hc.publish_all_ports {
            let any = crate::network::ports::HostBinding {
                host_ip: String::new(),
                host_port: String::new(),
            };
            for key in self.config.exposed_ports.iter().flat_map(|m| m.keys()) {
                if hc.port_bindings.get(key).is_some_and(|b| !b.is_empty()) {
                    continue;
                }
                out.extend(PortBinding::from_entry(key, &any));
            }
        }
        out
    }
}

impl HostConfig {
    /// Whether `--add-host NAME:host-gateway` asks for the host's loopback.
    pub fn wants_host_gateway(&self) -> bool {
        use crate::network::flags::{split_extra_host, HOST_GATEWAY_NAME};
        self.extra_hosts
            .iter()
            .flatten()
            .any(|h| split_extra_host(h).is_some_and(|(_, ip)| ip == HOST_GATEWAY_NAME))
    }
}

fn default_driver() -> String {
    "overlay".into()
}

/// Docker's `State.Status`, in its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Created,
    Running,
    Paused,
    Restarting,
    Exited,
    Removing,
    Dead,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Restarting => "restarting",
            Status::Exited => "exited",
            Status::Removing => "removing",
            Status::Dead => "dead",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Docker's `State`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerState {
    pub status: Status,
    pub running: bool,
    pub paused: bool,
    pub restarting: bool,
    #[serde(rename = "OOMKilled")]
    pub oom_killed: bool,
    pub dead: bool,
    pub pid: i32,
    pub exit_code: i32,
    pub error: String,
    pub started_at: String,
    pub finished_at: String,
    /// Start time of `pid` (clock ticks since boot), so a reused pid is not mistaken for
    /// the container.
    #[serde(default)]
    pub pid_start: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<super::health::Health>,
    /// Restarts done by the monitor under the restart policy.
    #[serde(default)]
    pub restart_count: u32,
    /// Set by stop: the restart policy does not apply to this exit.
    #[serde(default)]
    pub manually_stopped: bool,
    /// The supervising process (foreground CLI or monitor) and its start time.
    #[serde(default)]
    pub monitor_pid: i32,
    #[serde(default)]
    pub monitor_start: u64,
    /// The published ports as bound at start (none once the container stopped, as
    /// docker shows them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<BoundPort>,
    /// The container's cgroup v2 leaf while it runs (empty: none; `sandbox::cgroup`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cgroup: String,
}

impl Default for ContainerState {
    fn default() -> Self {
        ContainerState {
            status: Status::Created,
            running: false,
            paused: false,
            restarting: false,
            oom_killed: false,
            dead: false,
            pid: 0,
            exit_code: 0,
            error: String::new(),
            started_at: crate::store::time::ZERO_TIME.into(),
            finished_at: crate::store::time::ZERO_TIME.into(),
            pid_start: 0,
            health: None,
            restart_count: 0,
            manually_stopped: false,
            monitor_pid: 0,
            monitor_start: 0,
            ports: Vec::new(),
            cgroup: String::new(),
        }
    }
}

/// A container's files.
pub struct ContainerDir {
    pub dir: PathBuf,
}

impl ContainerDir {
    pub fn new(paths: &Paths, id: &str) -> Self {
        ContainerDir {
            dir: paths.container(id),
        }
    }
    pub fn record(&self) -> PathBuf {
        self.dir.join("container.json")
    }
    pub fn state(&self) -> PathBuf {
        self.dir.join("state.json")
    }
    pub fn lock_path(&self) -> PathBuf {
        self.dir.join("lock")
    }
    pub fn log(&self) -> PathBuf {
        self.dir.join("container.log")
    }
    pub fn upper(&self) -> PathBuf {
        self.dir.join("upper")
    }
    pub fn work(&self) -> PathBuf {
        self.dir.join("work")
    }
    /// The flattened rootfs of a vfs-driver container.
    pub fn rootfs(&self) -> PathBuf {
        self.dir.join("rootfs")
    }
    fn id(&self) -> String {
        self.dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
    /// A container removed meanwhile is "No such container", not a file error.
    fn gone_or(&self, e: anyhow::Error) -> anyhow::Error {
        if self.dir.exists() {
            e
        } else {
            super::NoSuchContainer(self.id()).into()
        }
    }
    pub fn lock(&self) -> Result<Lock> {
        Lock::exclusive(&self.lock_path()).map_err(|e| self.gone_or(e))
    }
    pub fn read_record(&self) -> Result<ContainerRecord> {
        read_json(&self.record()).map_err(|e| self.gone_or(e))
    }
    pub fn read_state(&self) -> Result<ContainerState> {
        read_json(&self.state()).map_err(|e| self.gone_or(e))
    }
    /// Atomically, or on a full disk in place: an exit must be recorded even when the
    /// container filled the disk.
    pub fn write_state(&self, s: &ContainerState) -> Result<()> {
        crate::store::atomic::write_json_or_in_place(&self.state(), s)
            .map_err(|e| self.gone_or(e))
            .context("saving container state")
    }
}

pub use crate::store::owner::process_start_time;

#[cfg(test)]
mod tests {
    use super::RestartPolicy;

    #[test]
    fn restart_policies() {
        let p = RestartPolicy::parse("on-failure:3").unwrap();
        assert!(p.wants_restart(1, 2, false));
        assert!(!p.wants_restart(1, 3, false));
        assert!(!p.wants_restart(0, 0, false));
        let a = RestartPolicy::parse("always").unwrap();
        assert!(a.wants_restart(0, 100, false));
        assert!(!a.wants_restart(0, 0, true));
        assert!(!RestartPolicy::parse("no")
            .unwrap()
            .wants_restart(1, 0, false));
        assert!(RestartPolicy::parse("sometimes").is_err());
        assert!(RestartPolicy::parse("always:3").is_err());
    }
}

#[cfg(test)]
mod seccomp_mode_tests {
    use crate::sandbox::seccomp::SeccompMode;

    /// Records written before the enum (a string or null) read the same, and write back
    /// the same.
    #[test]
    fn stored_as_docker_words() {
        for (json, mode) in [
            ("null", SeccompMode::Default),
            ("\"unconfined\"", SeccompMode::Unconfined),
            ("\"{}\"", SeccompMode::Custom("{}".into())),
        ] {
            let m: SeccompMode = serde_json::from_str(json).unwrap();
            assert_eq!(m, mode);
            assert_eq!(serde_json::to_string(&m).unwrap(), json);
        }
    }
}

#[cfg(test)]
mod restart_policy_tests {
    use super::{RestartName, RestartPolicy};

    #[test]
    fn parsed_and_stored_as_docker_does() {
        let p = RestartPolicy::parse("on-failure:3").unwrap();
        assert_eq!((p.name, p.maximum_retry_count), (RestartName::OnFailure, 3));
        assert!(p.wants_restart(1, 2, false) && !p.wants_restart(1, 3, false));
        assert!(!p.wants_restart(0, 0, false));
        assert!(RestartPolicy::parse("always:2").is_err());
        assert!(RestartPolicy::parse("sometimes").is_err());
        let json = serde_json::to_string(&RestartPolicy::parse("unless-stopped").unwrap()).unwrap();
        assert_eq!(json, r#"{"Name":"unless-stopped","MaximumRetryCount":0}"#);
        // Older records wrote "" for no policy.
        let old: RestartPolicy =
            serde_json::from_str(r#"{"Name":"","MaximumRetryCount":0}"#).unwrap();
        assert!(!old.restarts());
    }
}

#[cfg(test)]
mod port_tests {
    use super::*;
    use crate::network::ports::{parse_publish, HostBinding, Proto};

    fn rec(mode: &str, publish: &[&str], exposed: &[&str], all: bool) -> ContainerRecord {
        let mut r = ContainerRecord::default();
        r.host_config.network_mode = crate::network::NetworkMode::parse(mode).unwrap();
        r.host_config.publish_all_ports = all;
        for p in publish {
            for b in parse_publish(p).unwrap() {
                r.host_config
                    .port_bindings
                    .entry(crate::network::ports::port_key(
                        b.container_port,
                        b.proto.as_str(),
                    ))
                    .or_default()
                    .push(b.host_binding());
            }
        }
        r.config.exposed_ports = Some(
            exposed
                .iter()
                .map(|k| (k.to_string(), serde_json::json!({})))
                .collect(),
        );
        r
    }

    #[test]
    fn bindings_for_the_supervisor() {
        let r = rec(
            "bridge",
            &["8080:80", "127.0.0.1::53/udp"],
            &["80/tcp"],
            false,
        );
        let b = r.port_bindings();
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].container_port, b[0].proto), (53, Proto::Udp));
        assert_eq!(b[0].host_ip, Some("127.0.0.1".parse().unwrap()));
        assert_eq!((b[0].host_port, b[1].host_port), (0, 8080));
        assert_eq!(b[1].host_ip, None);
        // -P: every exposed tcp/udp port not published otherwise, on a free port.
        let r = rec(
            "bridge",
            &["8080:80"],
            &["80/tcp", "443/tcp", "53/udp", "9/sctp"],
            true,
        );
        let b: Vec<(u16, u16)> = r
            .port_bindings()
            .iter()
            .map(|b| (b.container_port, b.host_port))
            .collect();
        assert_eq!(b, [(80, 8080), (443, 0), (53, 0)]);
        // Only the default network publishes.
        for mode in ["host", "none"] {
            assert!(rec(mode, &["8080:80"], &["80/tcp"], true)
                .port_bindings()
                .is_empty());
        }
    }

    /// Records written before the network fields read as containers with none.
    #[test]
    fn old_records_read() {
        let mut v = serde_json::to_value(ContainerRecord::default()).unwrap();
        for k in [
            "PortBindings",
            "PublishAllPorts",
            "Dns",
            "DnsOptions",
            "DnsSearch",
            "ExtraHosts",
        ] {
            v["host_config"].as_object_mut().unwrap().remove(k).unwrap();
        }
        assert!(v["config"].get("ExposedPorts").is_none());
        let r: ContainerRecord = serde_json::from_value(v).unwrap();
        assert!(r.host_config.port_bindings.is_empty() && r.config.exposed_ports.is_none());
        let mut s = serde_json::to_value(ContainerState::default()).unwrap();
        assert!(s.get("Ports").is_none());
        s["Ports"] = serde_json::json!([{"proto": "tcp", "container_port": 80,
            "host_ip": "0.0.0.0", "host_port": 8080}]);
        let s: ContainerState = serde_json::from_value(s).unwrap();
        assert_eq!(s.ports[0].host_port, 8080);
        let docker = serde_json::to_string(&HostBinding {
            host_ip: String::new(),
            host_port: "8080".into(),
        })
        .unwrap();
        assert_eq!(docker, r#"{"HostIp":"","HostPort":"8080"}"#);
    }
}
