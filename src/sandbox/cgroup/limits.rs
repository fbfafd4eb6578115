//! What a container's cgroup v2 leaf is told: docker's resource values turned into the
//! interface files and values runc and crun write (the same conversions, so a limit
//! means what it means under docker on cgroup v2).

/// A device's major:minor and a per-device value (io.max, io weight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Device {
    pub major: u64,
    pub minor: u64,
}

/// io.max's keys for one device (None: not limited).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IoMax {
    pub dev: Device,
    pub rbps: Option<u64>,
    pub wbps: Option<u64>,
    pub riops: Option<u64>,
    pub wiops: Option<u64>,
}

/// Limits to write; None leaves a file as it is (a new leaf: the kernel's "max").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    /// memory.max (-1: max).
    pub memory_max: Option<i64>,
    /// memory.swap.max (-1: max).
    pub swap_max: Option<i64>,
    /// memory.low.
    pub memory_low: Option<i64>,
    /// cpu.max: quota in µs (None: max) and period in µs.
    pub cpu_max: Option<(Option<u64>, u64)>,
    /// docker's --cpu-shares (2..262144), converted to cpu.weight.
    pub cpu_shares: Option<u64>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    /// pids.max (-1: max).
    pub pids_max: Option<i64>,
    /// docker's --blkio-weight (10..1000).
    pub io_weight: Option<u64>,
    pub io_weight_device: Vec<(Device, u64)>,
    pub io_max: Vec<IoMax>,
}

/// One interface file write: the controller it needs, the file, the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub controller: &'static str,
    pub file: &'static str,
    pub value: String,
}

fn max_or(v: i64) -> String {
    if v < 0 {
        "max".into()
    } else {
        v.to_string()
    }
}

/// runc 1.2's (docker 28 ships it) and crun < 1.21's cpu-shares → cpu.weight: [2, 262144]
/// onto [1, 10000], linearly (1024 → 39; newer runc and crun map 1024 → 100).
pub fn shares_to_weight(shares: u64) -> u64 {
    if shares == 0 {
        return 100;
    }
    let s = shares.clamp(2, 262_144);
    1 + ((s - 2) * 9999) / 262_142
}

/// crun's blkio-weight → io.weight: [10, 1000] onto [1, 10000] (BFQ takes the weight as is).
pub fn blkio_to_io_weight(w: u64) -> u64 {
    let w = w.clamp(10, 1000);
    1 + ((w - 10) * 9999) / 990
}

impl Limits {
    /// The controllers these limits need (in the kernel's names).
    pub fn controllers(&self) -> Vec<&'static str> {
        let mut c = Vec::new();
        if self.memory_max.is_some() || self.swap_max.is_some() || self.memory_low.is_some() {
            c.push("memory");
        }
        if self.cpu_max.is_some() || self.cpu_shares.is_some() {
            c.push("cpu");
        }
        if self.cpuset_cpus.is_some() || self.cpuset_mems.is_some() {
            c.push("cpuset");
        }
        if self.pids_max.is_some() {
            c.push("pids");
        }
        if self.io_weight.is_some() || !self.io_weight_device.is_empty() || !self.io_max.is_empty()
        {
            c.push("io");
        }
        c
    }

    pub fn is_empty(&self) -> bool {
        self.controllers().is_empty()
    }

    /// The writes, in an order the kernel accepts: cpuset before anything runs on it,
    /// memory.max before memory.swap.max. `bfq`: the leaf has io.bfq.weight (BFQ
    /// scheduler), which takes docker's blkio weight unconverted.
    pub fn writes(&self, bfq: bool) -> Vec<Write> {
        let mut w = Vec::new();
        let mut put = |controller, file, value: String| {
            w.push(Write {
                controller,
                file,
                value,
            })
        };
        if let Some(c) = &self.cpuset_cpus {
            put("cpuset", "cpuset.cpus", c.clone());
        }
        if let Some(m) = &self.cpuset_mems {
            put("cpuset", "cpuset.mems", m.clone());
        }
        if let Some(v) = self.memory_max {
            put("memory", "memory.max", max_or(v));
        }
        if let Some(v) = self.swap_max {
            put("memory", "memory.swap.max", max_or(v));
        }
        if let Some(v) = self.memory_low {
            put("memory", "memory.low", max_or(v));
        }
        if let Some((quota, period)) = self.cpu_max {
            let q = quota.map_or("max".to_string(), |q| q.to_string());
            put("cpu", "cpu.max", format!("{q} {period}"));
        }
        if let Some(s) = self.cpu_shares {
            put("cpu", "cpu.weight", shares_to_weight(s).to_string());
        }
        if let Some(p) = self.pids_max {
            put("pids", "pids.max", max_or(p));
        }
        let (file, conv): (&'static str, fn(u64) -> u64) = if bfq {
            ("io.bfq.weight", |w| w)
        } else {
            ("io.weight", blkio_to_io_weight)
        };
        if let Some(v) = self.io_weight {
            put("io", file, format!("default {}", conv(v)));
        }
        for (d, v) in &self.io_weight_device {
            put("io", file, format!("{}:{} {}", d.major, d.minor, conv(*v)));
        }
        for m in &self.io_max {
            let mut line = format!("{}:{}", m.dev.major, m.dev.minor);
            for (k, v) in [
                ("rbps", m.rbps),
                ("wbps", m.wbps),
                ("riops", m.riops),
                ("wiops", m.wiops),
            ] {
                if let Some(v) = v {
                    line.push_str(&format!(" {k}={v}"));
                }
            }
            put("io", "io.max", line);
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_weights_convert_as_runc_does() {
        assert_eq!(shares_to_weight(1024), 39);
        assert_eq!(shares_to_weight(2), 1);
        assert_eq!(shares_to_weight(262_144), 10_000);
        assert_eq!(shares_to_weight(512), 20);
        assert_eq!(blkio_to_io_weight(10), 1);
        assert_eq!(blkio_to_io_weight(1000), 10_000);
        assert_eq!(blkio_to_io_weight(300), 2930);
    }

    #[test]
    fn writes_in_kernel_order() {
        let dev = Device {
            major: 254,
            minor: 0,
        };
        let l = Limits {
            memory_max: Some(64 << 20),
            swap_max: Some(0),
            memory_low: Some(32 << 20),
            cpu_max: Some((Some(50_000), 100_000)),
            cpu_shares: Some(512),
            cpuset_cpus: Some("0".into()),
            cpuset_mems: Some("0".into()),
            pids_max: Some(-1),
            io_weight: Some(300),
            io_weight_device: vec![],
            io_max: vec![IoMax {
                dev,
                rbps: Some(1 << 20),
                wbps: None,
                riops: None,
                wiops: Some(100),
            }],
        };
        let got: Vec<(&str, String)> = l
            .writes(false)
            .into_iter()
            .map(|w| (w.file, w.value))
            .collect();
        assert_eq!(
            got,
            vec![
                ("cpuset.cpus", "0".into()),
                ("cpuset.mems", "0".into()),
                ("memory.max", "67108864".into()),
                ("memory.swap.max", "0".into()),
                ("memory.low", "33554432".into()),
                ("cpu.max", "50000 100000".into()),
                ("cpu.weight", "20".into()),
                ("pids.max", "max".into()),
                ("io.weight", "default 2930".into()),
                ("io.max", "254:0 rbps=1048576 wiops=100".into()),
            ]
        );
        assert_eq!(
            l.controllers(),
            vec!["memory", "cpu", "cpuset", "pids", "io"]
        );
        let bfq = l.writes(true);
        assert!(bfq
            .iter()
            .any(|w| w.file == "io.bfq.weight" && w.value == "default 300"));
        assert!(Limits::default().is_empty());
    }
}
