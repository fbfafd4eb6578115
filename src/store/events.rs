//! The per-user event log (`ROOT/events.log`, JSON lines in docker's `events` message
//! shape). Every command that docker reports appends one line with O_APPEND in one
//! write(2), so concurrent writers never interleave; past `MAX_LOG` bytes the log is
//! rotated to `events.log.1` (one generation kept), under `events.lock`. Recording is
//! best effort: a full disk or a read-only store never fails the command itself.

use super::Paths;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

/// Rotate past this size (about 4000 events).
const MAX_LOG: u64 = 1 << 20;
/// An event line longer than this (labels can be long) drops its attributes.
const MAX_LINE: usize = 16 * 1024;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Actor {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
}

/// docker's events.Message, field for field and in its order.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Event {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(rename = "Action")]
    pub action: String,
    #[serde(rename = "Actor")]
    pub actor: Actor,
    pub scope: String,
    pub time: i64,
    #[serde(rename = "timeNano")]
    pub time_nano: i64,
}

impl Event {
    /// A new event now. Container and image events also carry docker's deprecated
    /// `status`/`id`/`from` fields, as docker still sends them.
    pub fn new(kind: &str, action: &str, id: &str, attributes: BTreeMap<String, String>) -> Event {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as i64)
            .unwrap_or(0);
        let legacy = kind == "container" || kind == "image";
        let from = match kind {
            "container" => attributes.get("image").cloned().unwrap_or_default(),
            _ => String::new(),
        };
        Event {
            status: if legacy { action.into() } else { String::new() },
            id: if legacy { id.into() } else { String::new() },
            from,
            kind: kind.into(),
            action: action.into(),
            actor: Actor {
                id: id.into(),
                attributes,
            },
            scope: "local".into(),
            time: nanos / 1_000_000_000,
            time_nano: nanos,
        }
    }
}

fn log_path(paths: &Paths) -> PathBuf {
    paths.root.join("events.log")
}

fn rotated_path(paths: &Paths) -> PathBuf {
    paths.root.join("events.log.1")
}

/// Append an event (`kind`: container, image, volume, network; `action`: docker's word;
/// `id`: the object's id or reference). Never fails the caller.
pub fn record(paths: &Paths, kind: &str, action: &str, id: &str, attributes: &[(&str, String)]) {
    let attrs = attributes
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    append(paths, &Event::new(kind, action, id, attrs));
}

pub fn append(paths: &Paths, ev: &Event) {
    let Ok(mut line) = serde_json::to_vec(ev) else {
        return;
    };
    if line.len() > MAX_LINE {
        let mut short = ev.clone();
        short.actor.attributes.clear();
        let Ok(l) = serde_json::to_vec(&short) else {
            return;
        };
        line = l;
    }
    line.push(b'\n');
    let path = log_path(paths);
    let Ok(mut f) = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(&path)
    else {
        return;
    };
    // One write(2) of the whole line: O_APPEND makes it land whole at the end.
    let _ = f.write(&line);
    if f.metadata().is_ok_and(|m| m.len() > MAX_LOG) {
        rotate(paths);
    }
}

fn rotate(paths: &Paths) {
    let Ok(_lock) = super::Lock::exclusive(&paths.root.join("events.lock")) else {
        return;
    };
    // Someone rotated while we waited for the lock.
    if std::fs::metadata(log_path(paths)).is_ok_and(|m| m.len() > MAX_LOG) {
        let _ = std::fs::rename(log_path(paths), rotated_path(paths));
    }
}

/// A reader of the log that can follow it as it grows and rotates.
pub struct Reader {
    path: PathBuf,
    file: Option<std::fs::File>,
    ino: u64,
    pending: Vec<u8>,
}

impl Reader {
    /// Every event on disk, oldest first, and a reader positioned after them.
    pub fn open(paths: &Paths) -> (Vec<Event>, Reader) {
        let mut events = Vec::new();
        if let Ok(data) = std::fs::read(rotated_path(paths)) {
            events.extend(parse_lines(&data));
        }
        let mut r = Reader {
            path: log_path(paths),
            file: None,
            ino: 0,
            pending: Vec::new(),
        };
        events.extend(r.poll());
        (events, r)
    }

    /// Events appended since the last call (the log reopened when it was rotated).
    pub fn poll(&mut self) -> Vec<Event> {
        use std::io::Read;
        use std::os::unix::fs::MetadataExt;
        let mut out = Vec::new();
        let current = std::fs::metadata(&self.path).map(|m| m.ino()).ok();
        if self.file.is_none() || (current.is_some() && current != Some(self.ino)) {
            // Rotated: what is left in the old file comes first.
            if let Some(f) = self.file.as_mut() {
                let _ = f.read_to_end(&mut self.pending);
                out.extend(self.take_lines());
            }
            self.file = std::fs::File::open(&self.path).ok();
            self.ino = current.unwrap_or(0);
            self.pending.clear();
        }
        if let Some(f) = self.file.as_mut() {
            let _ = f.read_to_end(&mut self.pending);
        }
        out.extend(self.take_lines());
        out
    }

    fn take_lines(&mut self) -> Vec<Event> {
        // Only whole lines: a write in progress is read on the next poll.
        let Some(end) = self.pending.iter().rposition(|b| *b == b'\n') else {
            return Vec::new();
        };
        let rest = self.pending.split_off(end + 1);
        let whole = std::mem::replace(&mut self.pending, rest);
        parse_lines(&whole)
    }
}

/// Lines that parse; a damaged line is skipped.
fn parse_lines(data: &[u8]) -> Vec<Event> {
    data.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_shape_and_rotation() {
        let dir = std::env::temp_dir().join(format!("berth-events-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let paths = Paths::new(Some(dir.join("root")), Some(dir.join("run"))).unwrap();
        std::fs::create_dir_all(&paths.root).unwrap();
        record(
            &paths,
            "container",
            "create",
            "abc",
            &[("name", "web".into()), ("image", "busybox".into())],
        );
        let (evs, mut r) = Reader::open(&paths);
        assert_eq!(evs.len(), 1);
        let v: serde_json::Value = serde_json::to_value(&evs[0]).unwrap();
        assert_eq!(v["status"], "create");
        assert_eq!(v["from"], "busybox");
        assert_eq!(v["Actor"]["Attributes"]["name"], "web");
        assert_eq!(v["scope"], "local");
        let line = serde_json::to_string(&evs[0]).unwrap();
        assert!(line.starts_with("{\"status\":\"create\",\"id\":\"abc\",\"from\":\"busybox\",\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"image\":\"busybox\",\"name\":\"web\"}},\"scope\":\"local\",\"time\":"), "{line}");
        // Past the size limit the log rotates; a follower sees every event once.
        let big = "x".repeat(8000);
        for i in 0..300 {
            record(
                &paths,
                "volume",
                "create",
                &format!("v{i}"),
                &[("driver", big.clone())],
            );
        }
        let got = r.poll();
        assert!(got.len() >= 100, "{}", got.len());
        assert!(
            std::fs::metadata(paths.root.join("events.log"))
                .unwrap()
                .len()
                <= MAX_LOG + 20_000
        );
        let (all, _) = Reader::open(&paths);
        assert!(
            all.iter().all(|e| e.kind == "volume"),
            "older generations dropped"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
