//! Signals to the processes berth starts and supervises: always by a positive pid (0 and
//! -1 would reach our own process group or everything we may signal), through nix.

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

/// Send signal number `sig` to `pid`; false when either is not valid or it failed.
pub fn send(pid: i32, sig: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    match Signal::try_from(sig) {
        Ok(s) => kill(Pid::from_raw(pid), s).is_ok(),
        Err(_) => false,
    }
}

/// SIGKILL `pid` (a positive pid only).
pub fn kill9(pid: i32) -> bool {
    send(pid, libc::SIGKILL)
}

#[cfg(test)]
mod tests {
    #[test]
    fn never_pid_zero_or_minus_one() {
        assert!(!super::send(0, 0));
        assert!(!super::send(-1, libc::SIGKILL));
        assert!(!super::send(std::process::id() as i32, 9999));
        let mut child = std::process::Command::new("sleep")
            .arg("10")
            .spawn()
            .unwrap();
        assert!(super::kill9(child.id() as i32));
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(child.wait().unwrap().signal(), Some(libc::SIGKILL));
    }
}
