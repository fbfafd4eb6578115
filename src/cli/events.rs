//! `events`: the store's event log in docker's words. Without `--since`/`--until` only
//! new events are shown, as they happen (followed until interrupted); `--since` shows
//! the past first; `--until` stops there (at once when it is past).

use crate::store::events::{Event, Reader};
use crate::store::Paths;
use anyhow::Result;
use clap::Args;
use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Args, Debug)]
pub struct EventsArgs {
    /// Filter output based on conditions provided
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Format output using a custom template: 'json', or a Go template
    #[arg(long, value_name = "STRING")]
    pub format: Option<String>,
    /// Show all events created since timestamp
    #[arg(long, value_name = "STRING")]
    pub since: Option<String>,
    /// Stream events until this timestamp
    #[arg(long, value_name = "STRING")]
    pub until: Option<String>,
}

const KEYS: [&str; 8] = [
    "container",
    "event",
    "image",
    "label",
    "network",
    "scope",
    "type",
    "volume",
];

struct Filter(crate::format::filter::Filters);

impl Filter {
    /// Different keys must all match; values of one key are alternatives (docker).
    fn matches(&self, e: &Event) -> bool {
        let f = &self.0;
        let any = |key: &str, ok: &dyn Fn(&str) -> bool| {
            let vals = f.get(key);
            vals.is_empty() || vals.iter().any(|v| ok(v))
        };
        let attr = |k: &str| e.actor.attributes.get(k).map(String::as_str).unwrap_or("");
        // An id or its prefix, or the name.
        let names_it = |v: &str| (!v.is_empty() && e.actor.id.starts_with(v)) || attr("name") == v;
        let image_is = |have: &str, v: &str| {
            !have.is_empty()
                && (have == v
                    || have.split_once(':').is_some_and(|(n, _)| n == v)
                    || have
                        .strip_prefix("sha256:")
                        .is_some_and(|h| h.starts_with(v)))
        };
        any("type", &|v| e.kind == v)
            && any("event", &|v| {
                e.action == v || e.action.split(':').next() == Some(v)
            })
            && any("scope", &|v| e.scope == v)
            && any("container", &|v| e.kind == "container" && names_it(v))
            && any("volume", &|v| e.kind == "volume" && names_it(v))
            && any("network", &|v| e.kind == "network" && names_it(v))
            && any("image", &|v| match e.kind.as_str() {
                "container" => image_is(attr("image"), v),
                "image" => image_is(&e.actor.id, v) || image_is(attr("name"), v),
                _ => false,
            })
            && f.get("label")
                .iter()
                .all(|want| match want.split_once('=') {
                    Some((k, v)) => e.actor.attributes.get(k).is_some_and(|x| x == v),
                    None => e.actor.attributes.contains_key(want.as_str()),
                })
    }
}

/// docker's default line: time (RFC 3339, nanoseconds), type, action, id, attributes.
fn pretty(e: &Event) -> String {
    let t = UNIX_EPOCH + Duration::from_nanos(e.time_nano.max(0) as u64);
    let mut s = format!(
        "{} {} {} {}",
        humantime::format_rfc3339_nanos(t),
        e.kind,
        e.action,
        e.actor.id
    );
    if !e.actor.attributes.is_empty() {
        let attrs: Vec<String> = e
            .actor
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        s.push_str(&format!(" ({})", attrs.join(", ")));
    }
    s
}

fn nanos(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

pub fn events(paths: &Paths, a: EventsArgs) -> Result<i32> {
    let filter = Filter(crate::format::filter::Filters::parse(&a.filters, &KEYS)?);
    let parse = |s: &Option<String>| -> Result<Option<i64>> {
        s.as_deref()
            .map(|v| crate::container::logs::parse_time_arg(v).map(nanos))
            .transpose()
    };
    let since = parse(&a.since)?;
    let until = parse(&a.until)?;
    let format = a.format.as_deref().map(|f| match f.trim() {
        "json" => "{{json .}}".to_string(),
        f => f.to_string(),
    });
    let mut out = std::io::stdout().lock();
    let mut show = |e: &Event| -> Result<()> {
        if !filter.matches(e) {
            return Ok(());
        }
        let line = match format.as_deref() {
            None | Some("") => pretty(e),
            // docker's field order, as its Message struct marshals.
            Some("{{json .}}") => serde_json::to_string(e)?,
            Some(tpl) => crate::format::template::render(tpl, &serde_json::to_value(e)?)?,
        };
        writeln!(out, "{line}")?;
        out.flush()?;
        Ok(())
    };
    let (past, mut reader) = Reader::open(paths);
    if since.is_some() || until.is_some() {
        for e in &past {
            if since.is_some_and(|s| e.time_nano < s) || until.is_some_and(|u| e.time_nano > u) {
                continue;
            }
            show(e)?;
        }
    }
    loop {
        if until.is_some_and(|u| nanos(SystemTime::now()) > u) {
            return Ok(0);
        }
        std::thread::sleep(Duration::from_millis(100));
        for e in reader.poll() {
            if until.is_some_and(|u| e.time_nano > u) {
                continue;
            }
            show(&e)?;
        }
    }
}
