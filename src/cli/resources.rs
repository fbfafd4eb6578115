//! docker's resource flags, shared by `run`/`create` (all of them) and `update` (those
//! docker's update has). Values stay strings here: `container::resources` parses them
//! with docker's messages.

use crate::container::resources::ResourceFlags;
use clap::Args;

#[derive(Args, Debug, Clone, Default)]
pub struct ResourceArgs {
    /// Memory limit (needs a delegated cgroup v2 tree; 0: unlimited)
    #[arg(short = 'm', long, allow_hyphen_values = true, value_name = "BYTES")]
    pub memory: Option<String>,
    /// Swap limit equal to memory plus swap: -1 to enable unlimited swap
    #[arg(long, allow_hyphen_values = true, value_name = "BYTES")]
    pub memory_swap: Option<String>,
    /// Memory soft limit
    #[arg(long, allow_hyphen_values = true, value_name = "BYTES")]
    pub memory_reservation: Option<String>,
    /// Number of CPUs (needs a delegated cgroup v2 tree; 0: unlimited)
    #[arg(long, allow_hyphen_values = true, value_name = "DECIMAL")]
    pub cpus: Option<String>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long, allow_hyphen_values = true, value_name = "INT")]
    pub cpu_shares: Option<String>,
    /// Limit CPU CFS (Completely Fair Scheduler) period
    #[arg(long, allow_hyphen_values = true, value_name = "INT")]
    pub cpu_period: Option<String>,
    /// Limit CPU CFS (Completely Fair Scheduler) quota
    #[arg(long, allow_hyphen_values = true, value_name = "INT")]
    pub cpu_quota: Option<String>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long, value_name = "LIST")]
    pub cpuset_cpus: Option<String>,
    /// MEMs in which to allow execution (0-3, 0,1)
    #[arg(long, value_name = "LIST")]
    pub cpuset_mems: Option<String>,
    /// Tune container pids limit (0 or -1: unlimited)
    #[arg(long, allow_hyphen_values = true, value_name = "INT")]
    pub pids_limit: Option<String>,
    /// Block IO (relative weight), between 10 and 1000, or 0 to disable
    #[arg(long, allow_hyphen_values = true, value_name = "UINT16")]
    pub blkio_weight: Option<String>,
}

/// The per-device limits only `run`/`create` have.
#[derive(Args, Debug, Clone, Default)]
pub struct DeviceLimitArgs {
    /// Block IO weight (relative device weight), DEVICE:WEIGHT
    #[arg(long, value_name = "LIST")]
    pub blkio_weight_device: Vec<String>,
    /// Limit read rate (bytes per second) from a device, DEVICE:RATE
    #[arg(long, value_name = "LIST")]
    pub device_read_bps: Vec<String>,
    /// Limit write rate (bytes per second) to a device, DEVICE:RATE
    #[arg(long, value_name = "LIST")]
    pub device_write_bps: Vec<String>,
    /// Limit read rate (IO per second) from a device, DEVICE:RATE
    #[arg(long, value_name = "LIST")]
    pub device_read_iops: Vec<String>,
    /// Limit write rate (IO per second) to a device, DEVICE:RATE
    #[arg(long, value_name = "LIST")]
    pub device_write_iops: Vec<String>,
    /// Optional parent cgroup for the container (below the delegated tree; a slice under systemd)
    #[arg(long, value_name = "STRING")]
    pub cgroup_parent: Option<String>,
}

impl ResourceArgs {
    pub fn flags(&self, dev: Option<&DeviceLimitArgs>) -> ResourceFlags {
        let d = dev.cloned().unwrap_or_default();
        ResourceFlags {
            memory: self.memory.clone(),
            memory_swap: self.memory_swap.clone(),
            memory_reservation: self.memory_reservation.clone(),
            cpus: self.cpus.clone(),
            cpu_shares: self.cpu_shares.clone(),
            cpu_period: self.cpu_period.clone(),
            cpu_quota: self.cpu_quota.clone(),
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit.clone(),
            blkio_weight: self.blkio_weight.clone(),
            blkio_weight_device: d.blkio_weight_device,
            device_read_bps: d.device_read_bps,
            device_write_bps: d.device_write_bps,
            device_read_iops: d.device_read_iops,
            device_write_iops: d.device_write_iops,
            cgroup_parent: d.cgroup_parent,
        }
    }
}
