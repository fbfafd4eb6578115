//! The event loops' plumbing (supervisor, attach client, exec terminal): poll(2) with
//! what each entry reported, and the signals they take through a signalfd.

use anyhow::{Context, Result};
use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};

/// What a foreground session passes on to its process (SIGWINCH: as a resize).
const FORWARDED: [Signal; 7] = [
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
    Signal::SIGWINCH,
];

/// Block the forwarded signals (and `extra`) and read them from a non-blocking signalfd.
pub fn signalfd(extra: &[Signal]) -> Result<SignalFd> {
    let mut mask = SigSet::empty();
    for s in FORWARDED.iter().chain(extra) {
        mask.add(*s);
    }
    mask.thread_block().context("blocking signals")?;
    SignalFd::with_flags(&mask, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK).context("signalfd")
}

/// Readable, or at its end: either way, read it.
pub const READY: PollFlags = PollFlags::POLLIN
    .union(PollFlags::POLLHUP)
    .union(PollFlags::POLLERR);

/// Wait on `fds`; returns each entry's events (none at all when a signal interrupted).
pub fn wait(mut fds: Vec<PollFd>, timeout: PollTimeout) -> Result<Vec<PollFlags>> {
    match nix::poll::poll(&mut fds, timeout) {
        Ok(_) => Ok(fds
            .iter()
            .map(|f| f.revents().unwrap_or(PollFlags::empty()))
            .collect()),
        Err(nix::errno::Errno::EINTR) => Ok(vec![PollFlags::empty(); fds.len()]),
        Err(e) => Err(e).context("poll"),
    }
}
