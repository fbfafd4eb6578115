//! `berth update`: change a container's restart policy; resource limits need a delegated
//! cgroup v2 tree (values that limit nothing are accepted, as at `run`).

use crate::container::lifecycle;
use crate::container::record::RestartPolicy;
use crate::container::Containers;
use crate::store::Paths;
use anyhow::Result;
use clap::Args;

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// Restart policy to apply when a container exits
    #[arg(long)]
    pub restart: Option<String>,
    /// Memory limit (needs a delegated cgroup v2 tree)
    #[arg(short = 'm', long, allow_hyphen_values = true)]
    pub memory: Option<String>,
    /// Swap limit equal to memory plus swap: -1 to enable unlimited swap
    #[arg(long, allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Memory soft limit
    #[arg(long, allow_hyphen_values = true)]
    pub memory_reservation: Option<String>,
    /// Number of CPUs
    #[arg(long, allow_hyphen_values = true)]
    pub cpus: Option<String>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long, allow_hyphen_values = true)]
    pub cpu_shares: Option<String>,
    /// Limit CPU CFS period
    #[arg(long, allow_hyphen_values = true)]
    pub cpu_period: Option<String>,
    /// Limit CPU CFS quota
    #[arg(long, allow_hyphen_values = true)]
    pub cpu_quota: Option<String>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long)]
    pub cpuset_cpus: Option<String>,
    /// MEMs in which to allow execution (0-3, 0,1)
    #[arg(long)]
    pub cpuset_mems: Option<String>,
    /// Tune container pids limit (-1 for unlimited)
    #[arg(long, allow_hyphen_values = true)]
    pub pids_limit: Option<String>,
    /// Block IO (relative weight), between 10 and 1000, or 0 to disable
    #[arg(long, allow_hyphen_values = true)]
    pub blkio_weight: Option<String>,
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn update(paths: &Paths, a: UpdateArgs) -> Result<i32> {
    let limits = [
        ("--memory", &a.memory),
        ("--memory-swap", &a.memory_swap),
        ("--memory-reservation", &a.memory_reservation),
        ("--cpus", &a.cpus),
        ("--cpu-shares", &a.cpu_shares),
        ("--cpu-period", &a.cpu_period),
        ("--cpu-quota", &a.cpu_quota),
        ("--pids-limit", &a.pids_limit),
        ("--blkio-weight", &a.blkio_weight),
    ];
    for (flag, v) in limits {
        if v.as_deref()
            .is_some_and(|v| !super::unsupported::is_unlimited(v))
        {
            crate::container::create::refuse_resource_limit(flag)?;
        }
    }
    for (flag, v) in [
        ("--cpuset-cpus", &a.cpuset_cpus),
        ("--cpuset-mems", &a.cpuset_mems),
    ] {
        if v.as_deref().is_some_and(|v| !v.is_empty()) {
            crate::container::create::refuse_resource_limit(flag)?;
        }
    }
    let policy = a.restart.as_deref().map(RestartPolicy::parse).transpose()?;
    let ctrs = Containers::new(paths);
    let mut failed = false;
    for n in &a.containers {
        let id = match ctrs.resolve(n) {
            Ok(id) => id,
            Err(e) => {
                eprintln!("Error response from daemon: {e:#}");
                failed = true;
                continue;
            }
        };
        let r = match &policy {
            Some(p) => lifecycle::set_restart_policy(&ctrs, &id, p),
            None => Ok(()),
        };
        match r {
            Ok(()) => println!("{n}"),
            Err(e) => {
                eprintln!("Error response from daemon: Cannot update container {id}: {e:#}");
                failed = true;
            }
        }
    }
    if failed {
        return Err(super::ExitCode(1).into());
    }
    Ok(0)
}
