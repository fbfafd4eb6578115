//! docker's STATUS column: "Up 3 minutes (healthy)", "Exited (0) 2 seconds ago",
//! "Created", "Restarting (1) ...".

use crate::container::record::ContainerState;
use crate::format::time::{ago, human_duration, since};
use crate::store::time::parse_rfc3339;

pub fn status_text(s: &ContainerState) -> String {
    match s.status.as_str() {
        "running" | "paused" => {
            let up = parse_rfc3339(&s.started_at)
                .map(|t| human_duration(since(t)))
                .unwrap_or_default();
            let health = match s.health.as_ref().map(|h| h.status.as_str()) {
                Some("starting") => " (health: starting)",
                Some("healthy") => " (healthy)",
                Some("unhealthy") => " (unhealthy)",
                _ => "",
            };
            if s.paused {
                format!("Up {up} (Paused)")
            } else {
                format!("Up {up}{health}")
            }
        }
        "exited" => format!("Exited ({}) {}", s.exit_code, ago(&s.finished_at)),
        "created" => "Created".into(),
        "dead" if s.error.starts_with("damaged record") => "Dead (damaged record)".into(),
        "restarting" => format!("Restarting ({}) {}", s.exit_code, ago(&s.finished_at)),
        other => {
            let mut c = other.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}
