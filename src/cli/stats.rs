//! `berth stats`: docker's columns and `--format`, once (`--no-stream`) or redrawn every
//! second. From the containers' cgroup leaves; without a delegated cgroup the figures
//! come from /proc (`container::stats`), which is said once on stderr.

use crate::container::stats::{self, Sample};
use crate::container::{Containers, Listed};
use crate::format::{bytes_size, human_size};
use crate::store::Paths;
use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};
use std::io::{IsTerminal, Write};
use std::time::Duration;

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Show all containers (default shows just running)
    #[arg(short, long)]
    pub all: bool,
    /// Disable streaming stats and only pull the first result
    #[arg(long)]
    pub no_stream: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Format output using a custom template: table, table TEMPLATE, json, TEMPLATE
    #[arg(long)]
    pub format: Option<String>,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

const HEADERS: [(&str, &str); 9] = [
    ("ID", "CONTAINER ID"),
    ("Container", "CONTAINER"),
    ("Name", "NAME"),
    ("CPUPerc", "CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET I/O"),
    ("BlockIO", "BLOCK I/O"),
    ("PIDs", "PIDS"),
];

const DEFAULT: &str =
    "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

/// The containers to show, each with what the user called it (docker's `.Container`).
fn targets(paths: &Paths, a: &StatsArgs) -> Result<Vec<(String, Listed)>> {
    let ctrs = Containers::new(paths);
    if a.containers.is_empty() {
        let mut all: Vec<Listed> = ctrs
            .list()?
            .into_iter()
            .filter(|l| l.broken.is_none() && (a.all || l.state.running))
            .collect();
        all.sort_by(|x, y| y.rec.created.cmp(&x.rec.created));
        return Ok(all
            .into_iter()
            .map(|l| (l.rec.id[..12].to_string(), l))
            .collect());
    }
    let mut out = Vec::new();
    for n in &a.containers {
        let id = ctrs.resolve(n)?;
        out.push((n.clone(), ctrs.load(&id)?));
    }
    Ok(out)
}

fn row(a: &StatsArgs, name: &str, l: &Listed, prev: &Sample, cur: &Sample, limit: u64) -> Value {
    let running = l.state.running;
    let limit = if cur.limit > 0 { cur.limit } else { limit };
    let (usage, perc) = if running {
        (
            format!("{} / {}", bytes_size(cur.mem), bytes_size(limit)),
            if limit > 0 {
                cur.mem as f64 / limit as f64 * 100.0
            } else {
                0.0
            },
        )
    } else {
        ("0B / 0B".to_string(), 0.0)
    };
    let id = if a.no_trunc {
        l.rec.id.clone()
    } else {
        l.rec.id[..12].to_string()
    };
    json!({
        "BlockIO": format!("{} / {}", human_size(cur.blk.0), human_size(cur.blk.1)),
        "CPUPerc": format!("{:.2}%", stats::cpu_percent(prev, cur, stats::cpus())),
        "Container": name,
        "ID": id,
        "MemPerc": format!("{perc:.2}%"),
        "MemUsage": usage,
        "Name": l.rec.name,
        "NetIO": format!("{} / {}", human_size(cur.net.0), human_size(cur.net.1)),
        "PIDs": cur.pids.to_string(),
    })
}

pub fn stats(paths: &Paths, a: StatsArgs) -> Result<i32> {
    if crate::sandbox::cgroup::Host::detect().is_err() {
        eprintln!(
            "WARNING: no delegated cgroup v2: CPU, memory and block I/O are summed over the containers' processes (/proc); the memory limit shown is the host's"
        );
    }
    let format = match a.format.as_deref() {
        None | Some("") | Some("table") => DEFAULT,
        Some(f) => f,
    };
    let limit = stats::host_memory();
    let tty = std::io::stdout().is_terminal();
    let mut prev: Vec<(String, Sample)> = Vec::new();
    loop {
        let t = targets(paths, &a)?;
        let first: Vec<Sample> = t
            .iter()
            .map(|(_, l)| {
                prev.iter()
                    .find(|(id, _)| *id == l.rec.id)
                    .map(|(_, s)| *s)
                    .unwrap_or_else(|| stats::sample(&l.rec, &l.state))
            })
            .collect();
        // The first reading needs a second one to tell a CPU share.
        if prev.is_empty() {
            std::thread::sleep(Duration::from_millis(500));
        }
        let now: Vec<Sample> = t
            .iter()
            .map(|(_, l)| stats::sample(&l.rec, &l.state))
            .collect();
        let rows: Vec<Value> = t
            .iter()
            .zip(first.iter().zip(&now))
            .map(|((name, l), (p, c))| row(&a, name, l, p, c, limit))
            .collect();
        let text = crate::format::listing::render(format, &HEADERS, &rows)?;
        let mut out = std::io::stdout().lock();
        if tty && !a.no_stream {
            // docker redraws in place.
            write!(out, "\x1b[2J\x1b[H")?;
        }
        write!(out, "{text}")?;
        out.flush()?;
        if a.no_stream {
            return Ok(0);
        }
        prev = t.iter().map(|(_, l)| l.rec.id.clone()).zip(now).collect();
        std::thread::sleep(Duration::from_secs(1));
    }
}
