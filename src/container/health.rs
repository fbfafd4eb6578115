//! Health checks, run by the monitor on their interval as an exec into the container;
//! the result is kept in the container's state in docker's `State.Health` shape.

use super::exec::{exec_config, ExecOptions};
use super::record::{ContainerDir, ContainerRecord};
use crate::sandbox::exec;
use crate::store::time::now_rfc3339;
use crate::store::Paths;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::time::{Duration, Instant};

/// Docker's `Config.Healthcheck` (durations in nanoseconds).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Healthcheck {
    #[serde(default)]
    pub test: Vec<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub interval: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub timeout: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub start_period: u64,
    /// Between checks during the start period (docker 25+; default 5 s).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub start_interval: u64,
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub retries: u32,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}
fn is_zero_u32(v: &u32) -> bool {
    *v == 0
}

/// Docker's `State.Health`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Health {
    pub status: String,
    pub failing_streak: u32,
    pub log: Vec<HealthLog>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct HealthLog {
    pub start: String,
    pub end: String,
    pub exit_code: i32,
    pub output: String,
}

/// Go's `time.ParseDuration`, as docker's flags take durations (`30s`, `1m30s`, `1.5h`,
/// `500ms`): signed nanoseconds, refused beyond Go's range (about 292 years).
pub fn parse_go_duration(s: &str) -> Result<i64> {
    let invalid = || anyhow::anyhow!("time: invalid duration {s:?}");
    let (neg, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let digits_end = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let limit = i64::MAX as u128 + u128::from(neg);
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let (int, after) = rest.split_at(digits_end(rest));
        let (frac, after) = match after.strip_prefix('.') {
            Some(a) => a.split_at(digits_end(a)),
            None => ("", after),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(invalid());
        }
        let unit_end = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_end);
        let mult: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            "" => anyhow::bail!("time: missing unit in duration {s:?}"),
            u => anyhow::bail!("time: unknown unit {u:?} in duration {s:?}"),
        };
        // More than 20 digits overflows whatever the unit.
        if int.len() > 20 {
            return Err(invalid());
        }
        let whole: u128 = if int.is_empty() { 0 } else { int.parse()? };
        let frac = &frac[..frac.len().min(18)];
        let part: u128 = if frac.is_empty() {
            0
        } else {
            frac.parse::<u128>()? * mult / 10u128.pow(frac.len() as u32)
        };
        total = whole
            .checked_mul(mult)
            .and_then(|w| w.checked_add(part))
            .and_then(|v| v.checked_add(total))
            .filter(|t| *t <= limit)
            .ok_or_else(invalid)?;
        rest = next;
    }
    let t = total as i128;
    Ok((if neg { -t } else { t }) as i64)
}

/// The check's timing with docker's defaults.
struct Timing {
    interval: Duration,
    timeout: Duration,
    start_period: Duration,
    start_interval: Duration,
    retries: u32,
}

fn timing(h: &Healthcheck) -> Timing {
    let d = |ns: u64, default: u64| Duration::from_nanos(if ns == 0 { default } else { ns });
    Timing {
        interval: d(h.interval, 30_000_000_000),
        timeout: d(h.timeout, 30_000_000_000),
        start_period: Duration::from_nanos(h.start_period),
        start_interval: d(h.start_interval, 5_000_000_000),
        retries: if h.retries == 0 { 3 } else { h.retries },
    }
}

struct Running {
    relay: i32,
    pid: i32,
    out: File,
    output: Vec<u8>,
    start: String,
    deadline: Instant,
}

/// One container's checker, driven by the monitor's poll loop.
pub struct Checker {
    paths: Paths,
    rec: ContainerRecord,
    command: Vec<String>,
    timing: Timing,
    container_pid: i32,
    started: Instant,
    next: Instant,
    running: Option<Running>,
}

impl Checker {
    /// None when the container has no (or a NONE) health check.
    pub fn new(paths: &Paths, rec: &ContainerRecord, container_pid: i32) -> Option<Checker> {
        let h = rec.config.healthcheck.as_ref()?;
        let command = match h.test.first().map(String::as_str) {
            Some("CMD") => h.test[1..].to_vec(),
            Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), h.test[1..].join(" ")],
            _ => return None,
        };
        if command.is_empty() {
            return None;
        }
        let t = timing(h);
        let now = Instant::now();
        let c = Checker {
            paths: paths.clone(),
            rec: rec.clone(),
            command,
            // During a start period, checks come every start interval (docker).
            next: now
                + if t.start_period.is_zero() {
                    t.interval
                } else {
                    t.start_interval
                },
            timing: t,
            container_pid,
            started: now,
            running: None,
        };
        c.record(|h| {
            *h = Health {
                status: "starting".into(),
                ..Default::default()
            }
        });
        Some(c)
    }

    /// How long the poll loop may sleep before `tick` is due.
    pub fn poll_timeout(&self) -> Duration {
        let due = self
            .running
            .as_ref()
            .map(|r| r.deadline)
            .unwrap_or(self.next);
        due.saturating_duration_since(Instant::now())
    }

    pub fn fd(&self) -> Option<BorrowedFd<'_>> {
        self.running.as_ref().map(|r| r.out.as_fd())
    }

    /// The check's output pipe is readable.
    pub fn read_output(&mut self) {
        if let Some(r) = &mut self.running {
            let mut buf = [0u8; 4096];
            if let Ok(n) = r.out.read(&mut buf) {
                // docker keeps at most 4 KiB of output.
                let room = 4096usize.saturating_sub(r.output.len());
                r.output.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }

    /// Start a due check, or end one that ran past its timeout.
    pub fn tick(&mut self) {
        let now = Instant::now();
        if let Some(r) = &self.running {
            if now >= r.deadline {
                kill_check(r);
                let msg = format!("Health check exceeded timeout ({:?})", self.timing.timeout);
                self.finish(-1, Some(msg));
            }
            return;
        }
        if now < self.next {
            return;
        }
        self.next = now
            + if self.started.elapsed() < self.timing.start_period {
                self.timing.start_interval
            } else {
                self.timing.interval
            };
        // Not in a paused container: in its frozen cgroup the check would freeze too, and
        // this loop with it (docker does not probe a paused container either).
        let state = super::record::ContainerDir::new(&self.paths, &self.rec.id).read_state();
        if state.as_ref().is_ok_and(|s| s.paused) {
            return;
        }
        let leaf = state
            .ok()
            .and_then(|s| crate::sandbox::cgroup::Leaf::open(&s.cgroup))
            .map(|l| l.path);
        let res = (|| -> Result<Running> {
            let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
            let null = File::open("/dev/null")?;
            let o = ExecOptions {
                command: self.command.clone(),
                ..Default::default()
            };
            let mut cfg = exec_config(
                &self.paths,
                &self.rec,
                self.container_pid,
                &o,
                [null.as_raw_fd(), w.as_raw_fd(), w.as_raw_fd()],
            )?;
            // In the container's cgroup, as docker's health checks run (its limits count).
            cfg.cgroup = leaf;
            let p = exec::spawn(&cfg)?;
            nix::fcntl::fcntl(
                r.as_raw_fd(),
                nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
            )?;
            Ok(Running {
                relay: p.relay,
                pid: p.pid,
                out: File::from(r),
                output: Vec::new(),
                start: now_rfc3339(),
                deadline: now + self.timing.timeout,
            })
        })();
        match res {
            Ok(r) => self.running = Some(r),
            Err(e) => {
                let start = now_rfc3339();
                self.apply(HealthLog {
                    start: start.clone(),
                    end: start,
                    exit_code: -1,
                    output: format!("{e:#}"),
                });
            }
        }
    }

    /// A child exited: if it was the check's relay, record the result.
    pub fn reap(&mut self) {
        let Some(r) = &self.running else { return };
        use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
        let relay = nix::unistd::Pid::from_raw(r.relay);
        let code = match waitpid(relay, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Exited(_, c)) => Some(c),
            Ok(WaitStatus::Signaled(_, s, _)) => Some(128 + s as i32),
            _ => None,
        };
        if let Some(code) = code {
            self.read_output();
            self.finish(code, None);
        }
    }

    fn finish(&mut self, code: i32, message: Option<String>) {
        let Some(mut r) = self.running.take() else {
            return;
        };
        let _ = r.out.read_to_end(&mut r.output);
        if code == -1 {
            // Reap the killed relay.
            let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(r.relay), None);
        }
        let output = message.unwrap_or_else(|| String::from_utf8_lossy(&r.output).into_owned());
        self.apply(HealthLog {
            start: r.start,
            end: now_rfc3339(),
            exit_code: code,
            output,
        });
    }

    /// docker's rules: success → healthy; failures count only after the start period,
    /// `retries` in a row → unhealthy.
    fn apply(&self, entry: HealthLog) {
        let in_start_period = self.started.elapsed() < self.timing.start_period;
        let retries = self.timing.retries;
        self.record(|h| {
            if entry.exit_code == 0 {
                h.status = "healthy".into();
                h.failing_streak = 0;
            } else if !in_start_period {
                h.failing_streak += 1;
                if h.failing_streak >= retries {
                    h.status = "unhealthy".into();
                }
            }
            h.log.push(entry.clone());
            let n = h.log.len();
            if n > 5 {
                h.log.drain(..n - 5);
            }
        });
    }

    fn record(&self, f: impl FnOnce(&mut Health)) {
        let d = ContainerDir::new(&self.paths, &self.rec.id);
        if let Ok(_lock) = d.lock() {
            if let Ok(mut st) = d.read_state() {
                let mut h = st.health.take().unwrap_or_default();
                f(&mut h);
                st.health = Some(h);
                let _ = d.write_state(&st);
            }
        }
    }

    /// The container ended: stop a running check.
    pub fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            kill_check(&r);
            let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(r.relay), None);
        }
    }
}

/// Kill a running check: its command when its pid is known (never pid 0 or -1, which
/// would signal our own process group or everything we may signal), and its relay.
fn kill_check(r: &Running) {
    for pid in [r.pid, r.relay] {
        if pid > 0 {
            crate::sys::signal::kill9(pid);
        }
    }
}

#[cfg(test)]
mod duration_tests {
    use super::parse_go_duration as p;
    #[test]
    fn go_durations() {
        assert_eq!(p("30s").unwrap(), 30_000_000_000);
        assert_eq!(p("1m30s").unwrap(), 90_000_000_000);
        assert_eq!(p("1.5h").unwrap(), 5_400_000_000_000);
        assert_eq!(p("500ms").unwrap(), 500_000_000);
        assert_eq!(p("-1s").unwrap(), -1_000_000_000);
        assert_eq!(p(".5us").unwrap(), 500);
        assert_eq!(p("0").unwrap(), 0);
        assert_eq!(p("2562047h47m16.854775807s").unwrap(), i64::MAX);
        for bad in [
            "",
            "1",
            "s",
            "1x",
            "-",
            ".s",
            "9999999999999999999s",
            "2562048h",
            "1e30s",
            "NaN",
            "inf",
            "1..5s",
            "99999999999999999999999999999h",
        ] {
            assert!(p(bad).is_err(), "{bad}");
        }
    }
}
