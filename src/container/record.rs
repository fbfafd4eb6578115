//! Container records on disk: `containers/<id>/container.json` (what to run, written
//! once at create) and `state.json` (what happened, rewritten atomically under the
//! container's lock). Field names follow docker's inspect schema.

use crate::store::{read_json, write_json_atomic, Lock, Paths};
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
}

/// Docker's `HostConfig` (the parts berth honours).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HostConfig {
    pub binds: Option<Vec<String>>,
    pub network_mode: String,
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
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogConfig {
    #[serde(rename = "Type")]
    pub kind: String,
    pub config: BTreeMap<String, String>,
}

/// Docker's inspect `Mounts` entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MountPoint {
    #[serde(rename = "Type")]
    pub kind: String,
    pub source: String,
    pub destination: String,
    pub mode: String,
    #[serde(rename = "RW")]
    pub rw: bool,
    pub propagation: String,
}

/// Everything fixed at create time.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    pub seccomp_profile: Option<String>,
    pub no_new_privileges: bool,
    pub resolved_uid: u32,
    pub resolved_gid: u32,
    pub resolved_groups: Vec<u32>,
    pub resolved_home: String,
    /// `--stop-timeout` in seconds.
    #[serde(default)]
    pub stop_timeout: Option<u64>,
    /// `--init`: berth itself is pid 1 and runs the command as its child.
    #[serde(default)]
    pub init: bool,
    /// overlay, fuse-overlayfs or vfs.
    #[serde(default = "default_driver")]
    pub driver: String,
}

fn default_driver() -> String {
    "overlay".into()
}

/// Docker's `State`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerState {
    pub status: String,
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
    /// The supervising process (foreground CLI or monitor) and its start time.
    #[serde(default)]
    pub monitor_pid: i32,
    #[serde(default)]
    pub monitor_start: u64,
}

impl Default for ContainerState {
    fn default() -> Self {
        ContainerState {
            status: "created".into(),
            running: false,
            paused: false,
            restarting: false,
            oom_killed: false,
            dead: false,
            pid: 0,
            exit_code: 0,
            error: String::new(),
            started_at: crate::format::time::ZERO_TIME.into(),
            finished_at: crate::format::time::ZERO_TIME.into(),
            pid_start: 0,
            monitor_pid: 0,
            monitor_start: 0,
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
    pub fn lock(&self) -> Result<Lock> {
        Lock::exclusive(&self.lock_path())
    }
    pub fn read_record(&self) -> Result<ContainerRecord> {
        read_json(&self.record())
    }
    pub fn read_state(&self) -> Result<ContainerState> {
        read_json(&self.state())
    }
    pub fn write_state(&self, s: &ContainerState) -> Result<()> {
        write_json_atomic(&self.state(), s).context("saving container state")
    }
}

/// Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat).
pub fn process_start_time(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    after.split(' ').nth(19)?.parse().ok()
}
