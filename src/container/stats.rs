//! `stats`: from the container's cgroup leaf where it has one (usage_usec, memory.current
//! less inactive_file as docker's CLI counts it, memory.max, pids.current, io.stat);
//! without a delegated cgroup, figures summed over the container's processes from /proc — CPU time (as a share of the host's, docker's formula), resident
//! memory, pids, block I/O (/proc/PID/io, where readable), and the network counters
//! of the container's own network namespace. The memory limit is the host's memory.

use super::record::{ContainerRecord, ContainerState};
use std::fs;

/// One reading of a container.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sample {
    /// utime + stime of its processes, in clock ticks.
    pub cpu_ticks: u64,
    /// The host's total CPU time (/proc/stat, all CPUs), in clock ticks.
    pub system_ticks: u64,
    /// Resident memory, bytes.
    pub mem: u64,
    pub pids: u64,
    /// Received, sent bytes (interfaces other than lo).
    pub net: (u64, u64),
    /// Read, written bytes.
    pub blk: (u64, u64),
    /// The memory limit (its cgroup's memory.max; 0: none, the host's memory applies).
    pub limit: u64,
}

/// docker's CPU %: the container's share of the host's CPU time, times the CPUs.
pub fn cpu_percent(prev: &Sample, cur: &Sample, cpus: u64) -> f64 {
    let d = cur.cpu_ticks.saturating_sub(prev.cpu_ticks) as f64;
    let sys = cur.system_ticks.saturating_sub(prev.system_ticks) as f64;
    if d <= 0.0 || sys <= 0.0 {
        return 0.0;
    }
    d / sys * cpus as f64 * 100.0
}

/// The host's memory (the limit shown without a cgroup), bytes.
pub fn host_memory() -> u64 {
    fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// CPUs this process may run on (Go's runtime.NumCPU, as docker counts them; not
/// lowered by a cgroup quota as available_parallelism is).
pub fn cpus() -> u64 {
    nix::sched::sched_getaffinity(nix::unistd::Pid::from_raw(0))
        .map(|set| {
            (0..nix::sched::CpuSet::count())
                .filter(|i| set.is_set(*i).unwrap_or(false))
                .count() as u64
        })
        .ok()
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

fn system_ticks() -> u64 {
    fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| {
            s.lines().next().map(|l| {
                l.split_whitespace()
                    .skip(1)
                    .filter_map(|n| n.parse::<u64>().ok())
                    .sum()
            })
        })
        .unwrap_or(0)
}

/// The container's processes: those in its pid namespace when it has one of its own,
/// else its process and that process's descendants.
pub fn members(init: i32) -> Vec<i32> {
    let own_ns = |p: &str| fs::read_link(format!("/proc/{p}/ns/pid")).ok();
    let ns = own_ns(&init.to_string());
    let shared = ns.is_some() && ns == own_ns("self");
    let mut all: Vec<(i32, i32)> = Vec::new();
    let mut out = Vec::new();
    for e in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        if shared {
            if let Some(pp) = stat_fields(pid).and_then(|f| f.get(1).and_then(|p| p.parse().ok())) {
                all.push((pid, pp));
            }
        } else if ns.is_some() && own_ns(&pid.to_string()) == ns {
            out.push(pid);
        }
    }
    if shared {
        out.push(init);
        let mut i = 0;
        while i < out.len() {
            let parent = out[i];
            out.extend(all.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
            i += 1;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// /proc/PID/stat's fields after the command name (state first).
fn stat_fields(pid: i32) -> Option<Vec<String>> {
    let s = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &s[s.rfind(')')? + 1..];
    Some(after.split_whitespace().map(str::to_string).collect())
}

/// Read the container now. A stopped container reads as zeros.
pub fn sample(rec: &ContainerRecord, st: &ContainerState) -> Sample {
    let mut s = Sample {
        system_ticks: system_ticks(),
        ..Sample::default()
    };
    if !st.running || st.pid <= 0 {
        return s;
    }
    if let Some(leaf) = crate::sandbox::cgroup::Leaf::open(&st.cgroup) {
        let u = leaf.usage();
        let hz = nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
            .ok()
            .flatten()
            .unwrap_or(100) as u64;
        s.cpu_ticks = u.cpu_usec * hz / 1_000_000;
        s.mem = u.memory;
        s.pids = u.pids;
        s.blk = (u.io_read, u.io_write);
        s.limit = u.memory_max.unwrap_or(0);
        net(rec, st, &mut s);
        return s;
    }
    let page = nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .unwrap_or(4096) as u64;
    for pid in members(st.pid) {
        let Some(f) = stat_fields(pid) else { continue };
        // utime, stime are fields 14 and 15 of stat: 12 and 13 after the name.
        let num = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        s.cpu_ticks += num(11) + num(12);
        s.pids += 1;
        if let Ok(statm) = fs::read_to_string(format!("/proc/{pid}/statm")) {
            let rss: u64 = statm
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            s.mem += rss * page;
        }
        if let Ok(io) = fs::read_to_string(format!("/proc/{pid}/io")) {
            for l in io.lines() {
                let v = |p: &str| l.strip_prefix(p).and_then(|v| v.trim().parse::<u64>().ok());
                if let Some(n) = v("read_bytes:") {
                    s.blk.0 += n;
                }
                if let Some(n) = v("write_bytes:") {
                    s.blk.1 += n;
                }
            }
        }
    }
    net(rec, st, &mut s);
    s
}

/// The network counters of its own network namespace (none for host or none).
fn net(rec: &ContainerRecord, st: &ContainerState, s: &mut Sample) {
    if rec.host_config.network_mode == crate::network::NetworkMode::Bridge
        || rec.host_config.network_mode.container().is_some()
    {
        if let Ok(dev) = fs::read_to_string(format!("/proc/{}/net/dev", st.pid)) {
            s.net = net_dev(&dev);
        }
    }
}

/// Received and sent bytes of every interface but lo in a /proc/net/dev text.
pub fn net_dev(text: &str) -> (u64, u64) {
    let mut rx = 0;
    let mut tx = 0;
    for l in text.lines().skip(2) {
        let Some((name, rest)) = l.split_once(':') else {
            continue;
        };
        if name.trim() == "lo" {
            continue;
        }
        let f: Vec<u64> = rest
            .split_whitespace()
            .filter_map(|v| v.parse().ok())
            .collect();
        if f.len() >= 9 {
            rx += f[0];
            tx += f[8];
        }
    }
    (rx, tx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_share_as_docker() {
        let a = Sample {
            cpu_ticks: 100,
            system_ticks: 10_000,
            ..Sample::default()
        };
        let b = Sample {
            cpu_ticks: 150,
            system_ticks: 10_200,
            ..Sample::default()
        };
        assert_eq!(cpu_percent(&a, &b, 2), 50.0);
        assert_eq!(cpu_percent(&b, &a, 2), 0.0);
    }

    #[test]
    fn net_dev_counts() {
        let t = "Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0\n  eth0:    2048      10    0    0    0     0          0         0     4096      12    0    0    0     0       0          0\n";
        assert_eq!(net_dev(t), (2048, 4096));
    }

    #[test]
    fn members_of_this_process() {
        // The test process shares our pid namespace: itself and its descendants.
        let me = std::process::id() as i32;
        assert!(members(me).contains(&me));
    }
}
