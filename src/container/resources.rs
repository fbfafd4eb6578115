//! docker's resource flags (`run`/`create`/`update`): parsed as docker's CLI parses them,
//! checked as its daemon checks them (same messages), stored in HostConfig, and turned
//! into the limits of the container's cgroup leaf (`sandbox::cgroup`).

use super::record::{Resources, ThrottleDevice, WeightDevice};
use crate::sandbox::cgroup::{self, Device, IoMax, Limits};
use anyhow::{bail, Context, Result};

/// The flags' values as given (strings: docker's own parse errors are reproduced here).
#[derive(Debug, Clone, Default)]
pub struct ResourceFlags {
    pub memory: Option<String>,
    pub memory_swap: Option<String>,
    pub memory_reservation: Option<String>,
    pub cpus: Option<String>,
    pub cpu_shares: Option<String>,
    pub cpu_period: Option<String>,
    pub cpu_quota: Option<String>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    pub pids_limit: Option<String>,
    pub blkio_weight: Option<String>,
    pub blkio_weight_device: Vec<String>,
    pub device_read_bps: Vec<String>,
    pub device_write_bps: Vec<String>,
    pub device_read_iops: Vec<String>,
    pub device_write_iops: Vec<String>,
    /// `--cgroup-parent` (run/create only).
    pub cgroup_parent: Option<String>,
}

fn invalid(v: &str, flag: &str, why: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("invalid argument {v:?} for \"{flag}\" flag: {why}")
}

fn bytes(v: &str, flag: &str) -> Result<i64> {
    if v.trim() == "-1" {
        return Ok(-1);
    }
    super::units::parse_bytes(v)
        .ok()
        .and_then(|n| i64::try_from(n).ok())
        .ok_or_else(|| invalid(v, flag, format_args!("invalid size: '{v}'")))
}

fn int(v: &str, flag: &str) -> Result<i64> {
    v.trim().parse::<i64>().map_err(|_| {
        invalid(
            v,
            flag,
            format_args!("strconv.ParseInt: parsing {v:?}: invalid syntax"),
        )
    })
}

/// `PATH:RATE` (a size for bps, a count for iops).
fn throttle(v: &str, flag: &str, size: bool) -> Result<ThrottleDevice> {
    let (path, rate) = v
        .rsplit_once(':')
        .filter(|(p, _)| p.starts_with("/dev/"))
        .ok_or_else(|| invalid(v, flag, format_args!("bad format: {v}")))?;
    let rate = if size {
        super::units::parse_bytes(rate)
            .map_err(|_| invalid(v, flag, format_args!("invalid rate for device: {v}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb")))?
    } else {
        rate.parse::<u64>().map_err(|_| {
            invalid(v, flag, format_args!("invalid rate for device: {v}. The correct format is <device-path>:<number>. Number must be a positive integer"))
        })?
    };
    Ok(ThrottleDevice {
        path: path.to_string(),
        rate,
    })
}

impl ResourceFlags {
    /// The flags given, in the same order as `apply` reads them (for "needs controller").
    pub fn is_empty(&self) -> bool {
        self.memory.is_none()
            && self.memory_swap.is_none()
            && self.memory_reservation.is_none()
            && self.cpus.is_none()
            && self.cpu_shares.is_none()
            && self.cpu_period.is_none()
            && self.cpu_quota.is_none()
            && self.cpuset_cpus.is_none()
            && self.cpuset_mems.is_none()
            && self.pids_limit.is_none()
            && self.blkio_weight.is_none()
            && self.blkio_weight_device.is_empty()
            && self.device_read_bps.is_empty()
            && self.device_write_bps.is_empty()
            && self.device_read_iops.is_empty()
            && self.device_write_iops.is_empty()
            && self.cgroup_parent.is_none()
    }

    /// docker's `update` copies only values that are not zero (0 leaves a limit as it
    /// is; -1 and `--pids-limit` are taken as given).
    pub fn for_update(&self) -> ResourceFlags {
        let zero = |v: &Option<String>| {
            v.as_deref().is_some_and(|v| {
                let v = v.trim();
                v.parse::<f64>().is_ok_and(|n| n == 0.0)
                    || super::units::parse_bytes(v).is_ok_and(|n| n == 0)
                    || v.is_empty()
            })
        };
        let keep = |v: &Option<String>| if zero(v) { None } else { v.clone() };
        ResourceFlags {
            memory: keep(&self.memory),
            memory_swap: keep(&self.memory_swap),
            memory_reservation: keep(&self.memory_reservation),
            cpus: keep(&self.cpus),
            cpu_shares: keep(&self.cpu_shares),
            cpu_period: keep(&self.cpu_period),
            cpu_quota: keep(&self.cpu_quota),
            cpuset_cpus: keep(&self.cpuset_cpus),
            cpuset_mems: keep(&self.cpuset_mems),
            blkio_weight: keep(&self.blkio_weight),
            ..self.clone()
        }
    }

    /// Parse the given flags over `r` (the record's values: `update` changes some). CLI
    /// syntax errors only; `validate` has the daemon's checks.
    pub fn apply(&self, r: &mut Resources) -> Result<()> {
        if let Some(v) = &self.memory {
            r.memory = bytes(v, "-m, --memory")?.max(0);
        }
        if let Some(v) = &self.memory_swap {
            r.memory_swap = bytes(v, "--memory-swap")?;
        }
        if let Some(v) = &self.memory_reservation {
            r.memory_reservation = bytes(v, "--memory-reservation")?.max(0);
        }
        if let Some(v) = &self.cpus {
            let n: f64 = v
                .trim()
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite() && *n >= 0.0 && *n < 1e9)
                .ok_or_else(|| {
                    invalid(
                        v,
                        "--cpus",
                        format_args!("failed to parse {v} as a rational number"),
                    )
                })?;
            r.nano_cpus = (n * 1e9).round() as i64;
        }
        if let Some(v) = &self.cpu_shares {
            r.cpu_shares = int(v, "-c, --cpu-shares")?;
        }
        if let Some(v) = &self.cpu_period {
            r.cpu_period = int(v, "--cpu-period")?;
        }
        if let Some(v) = &self.cpu_quota {
            r.cpu_quota = int(v, "--cpu-quota")?;
        }
        if let Some(v) = &self.cgroup_parent {
            r.cgroup_parent = v.clone();
        }
        if let Some(v) = &self.cpuset_cpus {
            r.cpuset_cpus = v.clone();
        }
        if let Some(v) = &self.cpuset_mems {
            r.cpuset_mems = v.clone();
        }
        if let Some(v) = &self.pids_limit {
            r.pids_limit = Some(int(v, "--pids-limit")?);
        }
        if let Some(v) = &self.blkio_weight {
            let w = int(v, "--blkio-weight")?;
            r.blkio_weight =
                u16::try_from(w).map_err(|_| invalid(v, "--blkio-weight", "value out of range"))?;
        }
        for v in &self.blkio_weight_device {
            let bad = || {
                invalid(
                    v,
                    "--blkio-weight-device",
                    format_args!("invalid weight for device: {v}"),
                )
            };
            // docker's ValidateWeightDevice.
            let (path, w) = v.split_once(':').ok_or_else(|| {
                invalid(v, "--blkio-weight-device", format_args!("bad format: {v}"))
            })?;
            if !path.starts_with("/dev/") {
                return Err(invalid(
                    v,
                    "--blkio-weight-device",
                    format_args!("bad format for device path: {v}"),
                ));
            }
            let weight: u16 = w.parse().map_err(|_| bad())?;
            if weight > 0 && !(10..=1000).contains(&weight) {
                return Err(bad());
            }
            r.blkio_weight_device.push(WeightDevice {
                path: path.to_string(),
                weight,
            });
        }
        for (list, flag, size, dst) in [
            (
                &self.device_read_bps,
                "--device-read-bps",
                true,
                &mut r.blkio_device_read_bps,
            ),
            (
                &self.device_write_bps,
                "--device-write-bps",
                true,
                &mut r.blkio_device_write_bps,
            ),
            (
                &self.device_read_iops,
                "--device-read-iops",
                false,
                &mut r.blkio_device_read_iops,
            ),
            (
                &self.device_write_iops,
                "--device-write-iops",
                false,
                &mut r.blkio_device_write_iops,
            ),
        ] {
            for v in list {
                dst.push(throttle(v, flag, size)?);
            }
        }
        Ok(())
    }
}

/// The daemon's checks (docker's messages), after `apply`. `update`: memory-swap keeps
/// its relation to a changed memory limit.
pub fn validate(r: &mut Resources, swap_given: bool) -> Result<()> {
    if r.memory > 0 && r.memory < 6 << 20 {
        bail!("Minimum memory limit allowed is 6MB");
    }
    if !swap_given && r.memory > 0 && r.memory_swap > 0 && r.memory_swap < r.memory {
        bail!("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
    }
    if r.memory_swap > 0 {
        if r.memory == 0 {
            bail!("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if r.memory_swap < r.memory {
            bail!("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
    }
    // docker: swap defaults to as much again as memory.
    if r.memory > 0 && r.memory_swap == 0 {
        r.memory_swap = r
            .memory
            .checked_mul(2)
            .ok_or_else(|| anyhow::anyhow!("invalid memory limit {}", r.memory))?;
    }
    if r.memory > 0 && r.memory_reservation > r.memory {
        bail!("Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    if r.nano_cpus != 0 {
        let ncpu = super::stats::cpus().max(1) as i64;
        if r.cpu_period != 0 {
            bail!("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if r.cpu_quota != 0 {
            bail!("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        }
        if r.nano_cpus < 10_000_000 || r.nano_cpus > ncpu * 1_000_000_000 {
            bail!(
                "Range of CPUs is from 0.01 to {ncpu}.00, as there are only {ncpu} CPUs available"
            );
        }
    }
    if r.cpu_period != 0 && !(1000..=1_000_000).contains(&r.cpu_period) {
        bail!(
            "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"
        );
    }
    if r.cpu_quota > 0 && r.cpu_quota < 1000 {
        bail!("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    if r.cpu_shares < 0 {
        bail!(
            "invalid CPU shares ({}): value must be a positive integer",
            r.cpu_shares
        );
    }
    for (what, v, avail) in [
        ("cpus", &r.cpuset_cpus, "/sys/devices/system/cpu/online"),
        ("mems", &r.cpuset_mems, "/sys/devices/system/node/online"),
    ] {
        if v.is_empty() {
            continue;
        }
        let want = parse_list(v).ok_or_else(|| {
            anyhow::anyhow!("Invalid value {v} for cpuset {what}: invalid format: {v}")
        })?;
        let online = std::fs::read_to_string(avail).unwrap_or_else(|_| "0".into());
        let have = parse_list(online.trim()).unwrap_or_default();
        if let Some(bad) = want.iter().find(|c| !have.contains(c)) {
            let _ = bad;
            if what == "cpus" {
                bail!(
                    "Requested CPUs are not available - requested {v}, available: {}",
                    online.trim()
                );
            }
            bail!(
                "Requested memory nodes are not available - requested {v}, available: {}",
                online.trim()
            );
        }
    }
    if r.blkio_weight != 0 && !(10..=1000).contains(&r.blkio_weight) {
        bail!("Range of blkio weight is from 10 to 1000");
    }
    for d in &r.blkio_weight_device {
        if d.weight > 1000 || (1..10).contains(&d.weight) {
            bail!("invalid weight for device: {}:{}", d.path, d.weight);
        }
    }
    Ok(())
}

/// `0-3,5`: the numbers listed (None: not docker's list syntax).
fn parse_list(s: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for part in s.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
                if a > b || b - a > 4096 {
                    return None;
                }
                out.extend(a..=b);
            }
            None => out.push(part.parse().ok()?),
        }
        // More CPUs or nodes than any machine has: not a list worth holding.
        if out.len() > 65_536 {
            return None;
        }
    }
    Some(out)
}

/// Each limit set, with the flag that set it and the controller it needs.
pub fn needs(r: &Resources) -> Vec<(&'static str, &'static str)> {
    let mut n = Vec::new();
    let mut need = |set: bool, flag, ctl| {
        if set {
            n.push((flag, ctl));
        }
    };
    need(r.memory > 0, "--memory", "memory");
    need(r.memory_reservation > 0, "--memory-reservation", "memory");
    need(
        r.memory_swap > 0 && r.memory == 0,
        "--memory-swap",
        "memory",
    );
    need(r.nano_cpus > 0, "--cpus", "cpu");
    need(r.cpu_shares > 0, "--cpu-shares", "cpu");
    need(r.cpu_quota > 0, "--cpu-quota", "cpu");
    need(r.cpu_period > 0, "--cpu-period", "cpu");
    need(!r.cpuset_cpus.is_empty(), "--cpuset-cpus", "cpuset");
    need(!r.cpuset_mems.is_empty(), "--cpuset-mems", "cpuset");
    need(r.pids_limit.is_some_and(|p| p > 0), "--pids-limit", "pids");
    need(r.blkio_weight > 0, "--blkio-weight", "io");
    need(
        r.blkio_weight_device.iter().any(|d| d.weight > 0),
        "--blkio-weight-device",
        "io",
    );
    need(
        !r.blkio_device_read_bps.is_empty(),
        "--device-read-bps",
        "io",
    );
    need(
        !r.blkio_device_write_bps.is_empty(),
        "--device-write-bps",
        "io",
    );
    need(
        !r.blkio_device_read_iops.is_empty(),
        "--device-read-iops",
        "io",
    );
    need(
        !r.blkio_device_write_iops.is_empty(),
        "--device-write-iops",
        "io",
    );
    n
}

/// Refuse limits (and a `--cgroup-parent`) this host cannot enforce: no delegated cgroup
/// v2 tree, a controller not delegated, or `--cgroups disabled` (`no_cgroup`). Values
/// that limit nothing pass everywhere.
pub fn check_host(r: &Resources, no_cgroup: bool) -> Result<()> {
    let n = needs(r);
    let flag = match n.first() {
        Some((flag, _)) => *flag,
        None if !r.cgroup_parent.is_empty() => "--cgroup-parent",
        None => return Ok(()),
    };
    if no_cgroup {
        bail!("{flag}: cannot set resource limits with --cgroups=disabled");
    }
    let host = cgroup::Host::detect().map_err(|why| {
        anyhow::anyhow!("{flag}: resource limits need a delegated cgroup v2 hierarchy: {why}")
    })?;
    check_on(&host, r)
}

/// The limits and parent of `r` on this host: its controllers, its driver's syntax.
pub fn check_on(host: &cgroup::Host, r: &Resources) -> Result<()> {
    if !r.cgroup_parent.is_empty() {
        host.check_parent(&r.cgroup_parent)?;
    }
    host.check(&needs(r))
}

fn device(path: &str) -> Result<Device> {
    use std::os::unix::fs::FileTypeExt;
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).with_context(|| format!("device {path}"))?;
    if !m.file_type().is_block_device() {
        bail!("{path} is not a block device");
    }
    let rdev = m.rdev();
    Ok(Device {
        major: nix::sys::stat::major(rdev),
        minor: nix::sys::stat::minor(rdev),
    })
}

/// The leaf's limits for these values: every limit set, "max" for none.
pub fn limits(r: &Resources) -> Result<Limits> {
    let pos = |v: i64| (v > 0).then_some(v);
    let mut l = Limits {
        memory_max: pos(r.memory),
        memory_low: pos(r.memory_reservation),
        swap_max: match (r.memory, r.memory_swap) {
            (m, -1) if m > 0 => Some(-1),
            (m, s) if m > 0 && s >= m => Some(s - m),
            _ => None,
        },
        pids_max: r.pids_limit.filter(|p| *p > 0),
        cpu_shares: (r.cpu_shares > 0).then_some(r.cpu_shares as u64),
        cpuset_cpus: (!r.cpuset_cpus.is_empty()).then(|| r.cpuset_cpus.clone()),
        cpuset_mems: (!r.cpuset_mems.is_empty()).then(|| r.cpuset_mems.clone()),
        io_weight: (r.blkio_weight > 0).then_some(r.blkio_weight as u64),
        ..Limits::default()
    };
    if r.nano_cpus > 0 {
        l.cpu_max = Some((Some(r.nano_cpus.max(0) as u64 / 10_000), 100_000));
    } else if r.cpu_quota > 0 || r.cpu_period > 0 {
        let period = if r.cpu_period > 0 {
            r.cpu_period as u64
        } else {
            100_000
        };
        l.cpu_max = Some(((r.cpu_quota > 0).then_some(r.cpu_quota as u64), period));
    }
    for d in r.blkio_weight_device.iter().filter(|d| d.weight > 0) {
        l.io_weight_device.push((device(&d.path)?, d.weight as u64));
    }
    let mut io: Vec<IoMax> = Vec::new();
    for (list, k) in [
        (&r.blkio_device_read_bps, 0),
        (&r.blkio_device_write_bps, 1),
        (&r.blkio_device_read_iops, 2),
        (&r.blkio_device_write_iops, 3),
    ] {
        for t in list {
            let dev = device(&t.path)?;
            let i = match io.iter().position(|m| m.dev == dev) {
                Some(i) => i,
                None => {
                    io.push(IoMax {
                        dev,
                        rbps: None,
                        wbps: None,
                        riops: None,
                        wiops: None,
                    });
                    io.len() - 1
                }
            };
            let slot = match k {
                0 => &mut io[i].rbps,
                1 => &mut io[i].wbps,
                2 => &mut io[i].riops,
                _ => &mut io[i].wiops,
            };
            *slot = Some(t.rate);
        }
    }
    l.io_max = io;
    Ok(l)
}

/// `update` on a live container: the limits to write again, and "max" for those the old
/// values `old` set and `r` lifts (only those: a controller never used may not be there).
pub fn update_limits(old: &Resources, r: &Resources) -> Result<Limits> {
    let mut l = limits(r)?;
    let was = limits(old)?;
    if was.memory_max.is_some() {
        l.memory_max.get_or_insert(-1);
    }
    if was.swap_max.is_some() || l.memory_max == Some(-1) && was.memory_max.is_some() {
        l.swap_max.get_or_insert(-1);
    }
    if was.pids_max.is_some() {
        l.pids_max.get_or_insert(-1);
    }
    if was.cpu_max.is_some() && l.cpu_max.is_none() {
        l.cpu_max = Some((None, 100_000));
    }
    if was.memory_low.is_some() {
        l.memory_low.get_or_insert(0);
    }
    Ok(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(f: impl FnOnce(&mut ResourceFlags)) -> Result<Resources> {
        let mut rf = ResourceFlags::default();
        f(&mut rf);
        let mut r = Resources::default();
        rf.apply(&mut r)?;
        validate(&mut r, rf.memory_swap.is_some())?;
        Ok(r)
    }

    #[test]
    fn docker_messages() {
        let e = |f: fn(&mut ResourceFlags)| flags(f).unwrap_err().to_string();
        assert_eq!(
            e(|f| f.memory = Some("abc".into())),
            "invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'"
        );
        assert_eq!(
            e(|f| f.memory = Some("4m".into())),
            "Minimum memory limit allowed is 6MB"
        );
        assert_eq!(
            e(|f| f.memory_swap = Some("128m".into())),
            "You should always set the Memory limit when using Memoryswap limit, see usage"
        );
        assert_eq!(
            e(|f| {
                f.memory = Some("64m".into());
                f.memory_swap = Some("32m".into())
            }),
            "Minimum memoryswap limit should be larger than memory limit, see usage"
        );
        assert_eq!(
            e(|f| f.cpus = Some("abc".into())),
            "invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number"
        );
        assert_eq!(
            e(|f| {
                f.cpus = Some("0.5".into());
                f.cpu_period = Some("1000".into())
            }),
            "Conflicting options: Nano CPUs and CPU Period cannot both be set"
        );
        assert_eq!(
            e(|f| f.cpuset_cpus = Some("x".into())),
            "Invalid value x for cpuset cpus: invalid format: x"
        );
        assert!(e(|f| f.cpuset_cpus = Some("4095".into()))
            .starts_with("Requested CPUs are not available - requested 4095, available: "));
        assert_eq!(
            e(|f| f.blkio_weight = Some("5".into())),
            "Range of blkio weight is from 10 to 1000"
        );
        assert_eq!(
            e(|f| f.device_read_bps = vec!["foo".into()]),
            "invalid argument \"foo\" for \"--device-read-bps\" flag: bad format: foo"
        );
    }

    #[test]
    fn values_become_limits() {
        let r = flags(|f| {
            f.memory = Some("64m".into());
            f.cpus = Some("0.5".into());
            f.pids_limit = Some("50".into());
            f.cpu_shares = Some("512".into());
        })
        .unwrap();
        assert_eq!(
            r.memory_swap,
            128 << 20,
            "docker's default: twice the memory"
        );
        assert_eq!(r.nano_cpus, 500_000_000);
        let l = limits(&r).unwrap();
        assert_eq!(l.memory_max, Some(64 << 20));
        assert_eq!(l.swap_max, Some(64 << 20));
        assert_eq!(l.cpu_max, Some((Some(50_000), 100_000)));
        assert_eq!(l.pids_max, Some(50));
        assert_eq!(l.cpu_shares, Some(512));
        let same = flags(|f| {
            f.memory = Some("64m".into());
            f.memory_swap = Some("64m".into());
        })
        .unwrap();
        assert_eq!(limits(&same).unwrap().swap_max, Some(0));
        let unlimited = flags(|f| {
            f.memory = Some("0".into());
            f.pids_limit = Some("-1".into());
            f.cpus = Some("0".into());
        })
        .unwrap();
        assert!(needs(&unlimited).is_empty());
        assert!(limits(&unlimited).unwrap().is_empty());
        let q = flags(|f| f.cpu_quota = Some("20000".into())).unwrap();
        assert_eq!(limits(&q).unwrap().cpu_max, Some((Some(20_000), 100_000)));
    }

    #[test]
    fn update_keeps_what_zero_leaves_and_lifts_only_what_was_set() {
        let old = flags(|f| f.memory = Some("64m".into())).unwrap();
        // `update --cpus 0 --memory 0 --pids-limit 50`: docker leaves memory and CPUs.
        let upd = ResourceFlags {
            memory: Some("0".into()),
            cpus: Some("0".into()),
            pids_limit: Some("50".into()),
            ..Default::default()
        }
        .for_update();
        let mut r = old.clone();
        upd.apply(&mut r).unwrap();
        assert_eq!(
            (r.memory, r.pids_limit, r.nano_cpus),
            (64 << 20, Some(50), 0)
        );
        let l = update_limits(&old, &r).unwrap();
        assert_eq!(l.memory_max, Some(64 << 20));
        // Nothing for controllers never used (a host may delegate only some).
        assert_eq!((l.cpu_max, l.io_max.len()), (None, 0));
        // Lifting a limit that was set writes "max".
        let mut lifted = r.clone();
        lifted.pids_limit = Some(-1);
        assert_eq!(update_limits(&r, &lifted).unwrap().pids_max, Some(-1));
    }

    #[test]
    fn weight_devices_as_docker_validates_them() {
        let e = |v: &str| {
            flags(|f| f.blkio_weight_device = vec![v.to_string()])
                .map(|r| r.blkio_weight_device.len())
                .map_err(|e| e.to_string())
        };
        assert_eq!(e("/dev/vda:300"), Ok(1));
        assert_eq!(e("/dev/vda:0"), Ok(1));
        assert!(e("vda:300")
            .unwrap_err()
            .ends_with("bad format for device path: vda:300"));
        assert!(e("/dev/vda:5")
            .unwrap_err()
            .ends_with("invalid weight for device: /dev/vda:5"));
        assert!(e("/dev/vda").unwrap_err().ends_with("bad format: /dev/vda"));
        let r = flags(|f| f.blkio_weight_device = vec!["/dev/vda:0".into()]).unwrap();
        assert!(needs(&r).is_empty());
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let e = flags(|f| f.memory = Some("8000000000000000000".into())).unwrap_err();
        assert!(e.to_string().starts_with("invalid memory limit"), "{e}");
        let r = Resources {
            nano_cpus: i64::MAX,
            ..Default::default()
        };
        assert!(limits(&r).unwrap().cpu_max.is_some());
    }

    #[test]
    fn lists() {
        assert_eq!(parse_list("0-2,5"), Some(vec![0, 1, 2, 5]));
        assert_eq!(parse_list("x"), None);
        assert_eq!(parse_list("3-1"), None);
        assert_eq!(parse_list("0-4294967295"), None);
    }
}
