//! docker's human-readable times: durations ("Up 3 seconds", "About a minute ago") and
//! Go's time format. The stored timestamps themselves are store/time.rs's.

use crate::store::time::parse_rfc3339;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Go's `units.HumanDuration`, as docker uses it for ages and uptimes.
pub fn human_duration(d: Duration) -> String {
    let s = d.as_secs();
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if s < 1 {
        "Less than a second".into()
    } else if s == 1 {
        "1 second".into()
    } else if s < 60 {
        format!("{s} seconds")
    } else if s / 60 == 1 {
        "About a minute".into()
    } else if s / 60 < 60 {
        format!("{} minutes", s / 60)
    } else if (s as f64 / 3600.0).round() as u64 == 1 {
        "About an hour".into()
    } else if s / 3600 < 48 {
        plural((s as f64 / 3600.0).round() as u64, "hour")
    } else if s / 3600 < 24 * 7 * 2 {
        plural(s / 3600 / 24, "day")
    } else if s / 3600 < 24 * 30 * 2 {
        plural(s / 3600 / 24 / 7, "week")
    } else if s / 3600 < 24 * 365 * 2 {
        plural(s / 3600 / 24 / 30, "month")
    } else {
        plural(s / 3600 / 24 / 365, "year")
    }
}

/// Go's `time.Unix(secs, 0).String()` of a stored RFC 3339 time, in UTC (docker's
/// `CreatedAt` columns).
pub fn go_time(rfc3339: &str) -> String {
    let t = parse_rfc3339(rfc3339).unwrap_or(UNIX_EPOCH);
    let s = humantime::format_rfc3339_seconds(t).to_string();
    format!(
        "{} +0000 UTC",
        s.trim_end_matches('Z').replacen('T', " ", 1)
    )
}

/// "3 minutes ago" for a stored RFC 3339 time.
pub fn ago(t: &str) -> String {
    match parse_rfc3339(t) {
        Some(t) => format!("{} ago", human_duration(since(t))),
        None => "N/A".into(),
    }
}

pub fn since(t: SystemTime) -> Duration {
    SystemTime::now().duration_since(t).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn durations_like_docker() {
        assert_eq!(
            human_duration(Duration::from_millis(300)),
            "Less than a second"
        );
        assert_eq!(human_duration(Duration::from_secs(3)), "3 seconds");
        assert_eq!(human_duration(Duration::from_secs(61)), "About a minute");
        assert_eq!(human_duration(Duration::from_secs(150)), "2 minutes");
        assert_eq!(human_duration(Duration::from_secs(3600)), "About an hour");
        assert_eq!(human_duration(Duration::from_secs(3 * 3600)), "3 hours");
        assert_eq!(human_duration(Duration::from_secs(3 * 86400)), "3 days");
    }
}
