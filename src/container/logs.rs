//! The container log in docker's json-file format: one JSON object per line,
//! `{"log":"...","stream":"stdout","time":"..."}`, split at newlines.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

#[derive(Serialize, Deserialize)]
pub struct LogLine {
    pub log: String,
    pub stream: String,
    pub time: String,
}

/// Appends stream chunks to the log, one entry per complete line; rotates it like
/// docker's json-file driver (`--log-opt max-size=10m --log-opt max-file=3`).
pub struct LogWriter {
    file: File,
    partial: [Vec<u8>; 2],
    path: std::path::PathBuf,
    written: u64,
    max_size: Option<u64>,
    max_file: u32,
}

impl LogWriter {
    pub fn open(path: &Path) -> Result<LogWriter> {
        Self::open_with(path, &Default::default())
    }

    /// The log of a container as its `--log-driver` says: json-file and local keep it
    /// (docker's json-file format for both), none keeps nothing.
    pub fn for_container(path: &Path, cfg: &super::record::LogConfig) -> Result<LogWriter> {
        if cfg.kind == "none" {
            return Ok(LogWriter {
                file: OpenOptions::new()
                    .write(true)
                    .open("/dev/null")
                    .context("opening /dev/null")?,
                partial: [Vec::new(), Vec::new()],
                path: path.to_path_buf(),
                written: 0,
                max_size: None,
                max_file: 1,
            });
        }
        Self::open_with(path, &cfg.config)
    }

    /// With docker's json-file options (max-size, max-file).
    pub fn open_with(
        path: &Path,
        opts: &std::collections::BTreeMap<String, String>,
    ) -> Result<LogWriter> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("opening log {}", path.display()))?;
        let written = file.metadata().map(|m| m.len()).unwrap_or(0);
        let (max_size, max_file) = parse_log_opts(opts)?;
        Ok(LogWriter {
            file,
            partial: [Vec::new(), Vec::new()],
            path: path.to_path_buf(),
            written,
            max_size,
            max_file,
        })
    }

    fn rotate(&mut self) {
        if self.max_file > 1 {
            for i in (1..self.max_file - 1).rev() {
                let _ = std::fs::rename(rotated(&self.path, i), rotated(&self.path, i + 1));
            }
            let _ = std::fs::rename(&self.path, rotated(&self.path, 1));
        } else {
            let _ = std::fs::remove_file(&self.path);
        }
        if let Ok(f) = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
        {
            self.file = f;
            self.written = 0;
        }
    }

    /// `stream`: 0 stdout, 1 stderr.
    pub fn write(&mut self, stream: usize, data: &[u8]) {
        self.partial[stream].extend_from_slice(data);
        while let Some(i) = self.partial[stream].iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial[stream].drain(..=i).collect();
            self.emit(stream, &line);
        }
        // docker splits long lines at 16 KiB.
        if self.partial[stream].len() >= 16 * 1024 {
            let line = std::mem::take(&mut self.partial[stream]);
            self.emit(stream, &line);
        }
    }

    pub fn flush(&mut self) {
        for s in 0..2 {
            if !self.partial[s].is_empty() {
                let line = std::mem::take(&mut self.partial[s]);
                self.emit(s, &line);
            }
        }
    }

    fn emit(&mut self, stream: usize, line: &[u8]) {
        let entry = LogLine {
            log: String::from_utf8_lossy(line).into_owned(),
            stream: if stream == 0 { "stdout" } else { "stderr" }.into(),
            time: crate::store::time::now_rfc3339(),
        };
        if let Ok(mut s) = serde_json::to_vec(&entry) {
            s.push(b'\n');
            if self
                .max_size
                .is_some_and(|m| self.written > 0 && self.written + s.len() as u64 > m)
            {
                self.rotate();
            }
            // A full disk must not take the container down with it.
            if self.file.write_all(&s).is_ok() {
                self.written += s.len() as u64;
            }
        }
    }
}

/// `container.log.N`: the Nth older rotated log.
pub fn rotated(path: &Path, n: u32) -> std::path::PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(format!(".{n}"));
    p.into()
}

/// max-size (bytes, docker's units) and max-file (default 1: no rotated files kept).
pub fn parse_log_opts(
    opts: &std::collections::BTreeMap<String, String>,
) -> Result<(Option<u64>, u32)> {
    let mut max_size = None;
    let mut max_file = 1;
    for (k, v) in opts {
        match k.as_str() {
            "max-size" => max_size = Some(super::units::parse_bytes(v)?.max(1)),
            "max-file" => {
                max_file = v
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| anyhow::anyhow!("invalid max-file {v:?}"))?
            }
            _ => anyhow::bail!("unknown log option {k:?} (json-file takes max-size and max-file)"),
        }
    }
    Ok((max_size, max_file))
}

/// Which entries to print and how.
#[derive(Debug, Default, Clone)]
pub struct LogQuery {
    pub timestamps: bool,
    pub tail: Option<usize>,
    pub since: Option<std::time::SystemTime>,
    pub until: Option<std::time::SystemTime>,
}

/// Parse docker's `--since`/`--until` as its client does: a Go duration ago (`5m`), an
/// RFC 3339 time, or Unix seconds with optional fraction (`1700000000.5`). Anything
/// else, or out of range, is refused (never a panic).
pub fn parse_time_arg(s: &str) -> Result<std::time::SystemTime> {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    let refused = || anyhow::anyhow!("failed to parse value as time or duration: {s:?}");
    if s != "0" {
        if let Ok(ns) = super::health::parse_go_duration(s) {
            let now = SystemTime::now();
            let d = Duration::from_nanos(ns.unsigned_abs());
            let t = if ns >= 0 {
                now.checked_sub(d)
            } else {
                now.checked_add(d)
            };
            return t.ok_or_else(refused);
        }
    }
    if let Some(t) = crate::store::time::parse_rfc3339(s) {
        return Ok(t);
    }
    // Unix seconds: digits, then an optional fraction; a '-' is a failed date.
    let (secs, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(secs) || !(frac.is_empty() || digits(frac)) {
        return Err(refused());
    }
    let secs: u64 = secs.parse().map_err(|_| refused())?;
    let frac = &frac[..frac.len().min(9)];
    let nanos: u32 = if frac.is_empty() {
        0
    } else {
        frac.parse::<u32>().map_err(|_| refused())? * 10u32.pow(9 - frac.len() as u32)
    };
    UNIX_EPOCH
        .checked_add(Duration::new(secs, nanos))
        .ok_or_else(refused)
}

fn wanted(q: &LogQuery, l: &LogLine) -> bool {
    if q.since.is_none() && q.until.is_none() {
        return true;
    }
    let Some(t) = crate::store::time::parse_rfc3339(&l.time) else {
        return true;
    };
    q.since.is_none_or(|s| t >= s) && q.until.is_none_or(|u| t <= u)
}

fn emit(q: &LogQuery, l: &LogLine) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let w: &mut dyn Write = if l.stream == "stderr" {
        &mut err
    } else {
        &mut out
    };
    if q.timestamps {
        write!(w, "{} ", l.time)?;
    }
    w.write_all(l.log.as_bytes())?;
    w.flush()?;
    Ok(())
}

/// Print a container's log: stdout entries to stdout, stderr entries to stderr. With
/// `follow`, keep printing until `running()` says the container has stopped.
pub fn print(path: &Path, q: &LogQuery, follow: Option<&dyn Fn() -> bool>) -> Result<()> {
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && follow.is_none() => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => File::open("/dev/null")?,
        Err(e) => return Err(e).context("opening the log"),
    };
    let mut data = Vec::new();
    // Older rotated files first (container.log.N ... .1), then the current one.
    let mut n = 1;
    while rotated(path, n).exists() {
        n += 1;
    }
    for i in (1..n).rev() {
        if let Ok(mut old) = File::open(rotated(path, i)) {
            std::io::Read::read_to_end(&mut old, &mut data)?;
        }
    }
    std::io::Read::read_to_end(&mut f, &mut data)?;
    let (complete, mut rest) = split_complete(&data);
    let lines: Vec<LogLine> = complete
        .split(|b| *b == b'\n')
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect();
    let skip = q.tail.map(|n| lines.len().saturating_sub(n)).unwrap_or(0);
    for l in lines[skip..].iter().filter(|l| wanted(q, l)) {
        emit(q, l)?;
    }
    let Some(running) = follow else { return Ok(()) };
    loop {
        let alive = running();
        let mut more = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut more)?;
        if !more.is_empty() {
            rest.extend_from_slice(&more);
            let (complete, tail) = split_complete(&rest);
            for l in complete
                .split(|b| *b == b'\n')
                .filter_map(|l| serde_json::from_slice::<LogLine>(l).ok())
            {
                if wanted(q, &l) {
                    emit(q, &l)?;
                }
            }
            rest = tail;
            continue;
        }
        if !alive {
            return Ok(());
        }
        // Rotated away: go on with the new file.
        use std::os::unix::fs::MetadataExt;
        if let (Ok(now), Ok(cur)) = (std::fs::metadata(path), f.metadata()) {
            if now.ino() != cur.ino() {
                if let Ok(nf) = File::open(path) {
                    f = nf;
                    continue;
                }
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Complete lines, and the partial line after them.
fn split_complete(data: &[u8]) -> (Vec<u8>, Vec<u8>) {
    match data.iter().rposition(|b| *b == b'\n') {
        Some(i) => (data[..i].to_vec(), data[i + 1..].to_vec()),
        None => (Vec::new(), data.to_vec()),
    }
}

#[cfg(test)]
mod time_arg_tests {
    use super::parse_time_arg as p;
    use std::time::{Duration, UNIX_EPOCH};
    #[test]
    fn since_and_until() {
        assert_eq!(p("0").unwrap(), UNIX_EPOCH);
        assert_eq!(
            p("1700000000.5").unwrap(),
            UNIX_EPOCH + Duration::from_millis(1_700_000_000_500)
        );
        assert!(p("5m").is_ok());
        // Go durations may be negative (a time ahead) and as long as Go allows.
        assert!(p("-5m").unwrap() > std::time::SystemTime::now());
        assert!(p("2562047h").is_ok());
        assert!(p("2024-01-02T03:04:05Z").is_ok());
        for bad in [
            "-1",
            "NaN",
            "inf",
            "1e30",
            "9999999999999999999s",
            "99999999999999999999",
            "",
            "1.x",
        ] {
            assert!(p(bad).is_err(), "{bad}");
        }
    }
}
