//! Timestamps as records store them: RFC 3339 with nanoseconds, as docker writes them.

use std::time::SystemTime;

pub fn now_rfc3339() -> String {
    rfc3339(SystemTime::now())
}

pub fn rfc3339(t: SystemTime) -> String {
    humantime::format_rfc3339_nanos(t).to_string()
}

pub fn parse_rfc3339(s: &str) -> Option<SystemTime> {
    humantime::parse_rfc3339_weak(s.trim_end_matches('Z').split('+').next()?)
        .ok()
        .or_else(|| humantime::parse_rfc3339(s).ok())
}

/// Docker's zero time, used for StartedAt/FinishedAt that never happened.
pub const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        let t = super::now_rfc3339();
        assert!(super::parse_rfc3339(&t).is_some(), "{t}");
    }
}
