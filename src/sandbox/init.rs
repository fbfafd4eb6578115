//! `--init`: the container's first process stays pid 1 — it forwards every signal to
//! the command and reaps orphans until the command exits — so no init binary has to
//! exist in the image. The command is forked right before its exec.

use nix::errno::Errno;
use nix::sys::signal::{kill, sigprocmask, SigSet, SigmaskHow, Signal};
use nix::unistd::{ForkResult, Pid};
use rustix::process::{wait, WaitOptions};
use std::os::fd::RawFd;

extern "C" fn noop(_: libc::c_int) {}

/// Set the disposition of every signal but SIGKILL and SIGSTOP, 1 to 64 (the real-time
/// ones too, which nix's `Signal` does not name).
///
/// # Safety
/// `handler` must be async-signal-safe (SIG_DFL, or `noop`, which does nothing).
unsafe fn set_all_handlers(handler: libc::sighandler_t) {
    for s in 1..=64 {
        if s != libc::SIGKILL && s != libc::SIGSTOP {
            // SAFETY: signal() only swaps a disposition; the caller guarantees the
            // handler is async-signal-safe. Numbers the kernel does not have (32 and 33
            // belong to glibc) fail with EINVAL, ignored as before.
            unsafe { libc::signal(s, handler) };
        }
    }
}

/// Called in pid 1 just before exec: returns in the child (which goes on to exec the
/// command); the parent never returns.
pub fn fork_command(errfd: RawFd) {
    // A pid-namespace init drops signals whose action is the default: install a
    // handler for each, then block them all and take them with sigwaitinfo.
    // SAFETY: `noop` touches nothing, so it is async-signal-safe.
    unsafe { set_all_handlers(noop as *const () as libc::sighandler_t) };
    let all = SigSet::all();
    let mut old = SigSet::empty();
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&all), Some(&mut old));
    // SAFETY: the container's first process is single-threaded (a clone of the
    // single-threaded supervisor, which started no threads), so the child inherits no
    // lock held by another thread; it goes on to exec.
    let child = match unsafe { nix::unistd::fork() } {
        Err(_) => crate::sys::process::exit_now(125),
        Ok(ForkResult::Child) => {
            // SAFETY: SIG_DFL runs no code in this process.
            unsafe { set_all_handlers(libc::SIG_DFL) };
            let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&old), None);
            return;
        }
        Ok(ForkResult::Parent { child }) => child,
    };
    // The init needs no fds: the exec report is the command's to send, and a pipe
    // held open here (the monitor's start report, the output pipes) would keep
    // readers waiting for an EOF until the container ends.
    let _ = errfd;
    // SAFETY: this process only waits for signals and children from here on and ends in
    // `_exit`: no owner of any of its fds (0 up) uses one again.
    let _ = unsafe { crate::sys::fd::close_range(0) };
    loop {
        let sig = match sigwaitinfo(&all) {
            Ok(sig) => sig,
            Err(_) => continue,
        };
        if sig != libc::SIGCHLD {
            let _ = forward(child, sig);
            continue;
        }
        // Reap every child that has ended; rustix's wait, not nix's, which fails on a
        // death by a real-time signal (no `Signal` for it) and would lose the command's.
        // None (no child has changed state) or an error: wait for the next SIGCHLD.
        while let Ok(Some((pid, status))) = wait(WaitOptions::NOHANG) {
            if pid.as_raw_pid() == child.as_raw() {
                crate::sys::process::exit_now(super::child::exit_code(status.as_raw()));
            }
        }
    }
}

/// Forward signal number `sig` to the command. Real-time signals (34-64) have no
/// `Signal` value in nix; kill(2) itself is the same call.
fn forward(child: Pid, sig: i32) -> nix::Result<()> {
    match Signal::try_from(sig) {
        Ok(s) => kill(child, s),
        // SAFETY: kill takes two integers and touches no memory of ours.
        Err(_) => Errno::result(unsafe { libc::kill(child.as_raw(), sig) }).map(drop),
    }
}

/// sigwaitinfo(2) on `set`: the signal number taken.
fn sigwaitinfo(set: &SigSet) -> nix::Result<i32> {
    let mut info = std::mem::MaybeUninit::<libc::siginfo_t>::uninit();
    // SAFETY: `set` is a valid sigset_t (SigSet is a transparent wrapper over one, see
    // AsRef) and `info` a writable siginfo_t the kernel fills in; both outlive the call.
    Errno::result(unsafe { libc::sigwaitinfo(set.as_ref(), info.as_mut_ptr()) })
}
