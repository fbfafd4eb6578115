//! Who owns a piece of state: a process, identified by its pid and its start time (so a
//! reused pid is not mistaken for it).

/// Start time of a live process in clock ticks since boot (field 22 of /proc/PID/stat).
/// A zombie (Z) or dead (X) process is gone: it only waits to be reaped, which a slow
/// pid 1 (CI jobs in containers without an init) may take seconds to do.
pub fn process_start_time(pid: i32) -> Option<u64> {
    if pid <= 0 {
        return None;
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_start_time(&stat)
}

/// Is the process `pid` that started at `start` still there?
pub fn alive(pid: i32, start: u64) -> bool {
    process_start_time(pid).is_some_and(|t| t == start)
}

/// Our own (pid, start time).
pub fn me() -> (i32, u64) {
    let pid = std::process::id() as i32;
    (pid, process_start_time(pid).unwrap_or(0))
}

fn parse_start_time(stat: &str) -> Option<u64> {
    let after = stat.get(stat.rfind(')')? + 2..)?;
    let mut fields = after.split(' ');
    if matches!(fields.next()?, "Z" | "X" | "x") {
        return None;
    }
    fields.nth(18)?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn zombies_are_not_alive() {
        let live = "42 (sh) S 1 42 42 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 777 1 1";
        assert_eq!(super::parse_start_time(live), Some(777));
        assert_eq!(super::parse_start_time(&live.replace(" S ", " Z ")), None);
        assert_eq!(super::parse_start_time(&live.replace(" S ", " X ")), None);
        assert_eq!(super::parse_start_time("42 (a) b) R"), None);
        // A real unreaped child.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id() as i32;
        for _ in 0..200 {
            if super::process_start_time(pid).is_none() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(super::process_start_time(pid), None);
        child.wait().unwrap();
        let (pid, start) = super::me();
        assert!(super::alive(pid, start));
    }
}
