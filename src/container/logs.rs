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

/// Appends stream chunks to the log, one entry per complete line.
pub struct LogWriter {
    file: File,
    partial: [Vec<u8>; 2],
}

impl LogWriter {
    pub fn open(path: &Path) -> Result<LogWriter> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("opening log {}", path.display()))?;
        Ok(LogWriter {
            file,
            partial: [Vec::new(), Vec::new()],
        })
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
            time: crate::format::time::now_rfc3339(),
        };
        if let Ok(mut s) = serde_json::to_vec(&entry) {
            s.push(b'\n');
            // A full disk must not take the container down with it.
            let _ = self.file.write_all(&s);
        }
    }
}

/// Which entries to print and how.
#[derive(Debug, Default, Clone)]
pub struct LogQuery {
    pub timestamps: bool,
    pub tail: Option<usize>,
    pub since: Option<std::time::SystemTime>,
    pub until: Option<std::time::SystemTime>,
}

/// Parse docker's `--since`/`--until`: RFC 3339, Unix seconds, or a duration ago (`5m`).
pub fn parse_time_arg(s: &str) -> Result<std::time::SystemTime> {
    if let Some(t) = crate::format::time::parse_rfc3339(s) {
        return Ok(t);
    }
    if let Ok(secs) = s.parse::<f64>() {
        return Ok(std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(secs));
    }
    match humantime::parse_duration(s) {
        Ok(d) => Ok(std::time::SystemTime::now() - d),
        Err(_) => {
            anyhow::bail!("invalid time {s:?}: use RFC 3339, Unix seconds or a duration such as 5m")
        }
    }
}

fn wanted(q: &LogQuery, l: &LogLine) -> bool {
    if q.since.is_none() && q.until.is_none() {
        return true;
    }
    let Some(t) = crate::format::time::parse_rfc3339(&l.time) else {
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
