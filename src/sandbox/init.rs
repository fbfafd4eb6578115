//! `--init`: the container's first process stays pid 1 — it forwards every signal to
//! the command and reaps orphans until the command exits — so no init binary has to
//! exist in the image. The command is forked right before its exec.

use std::os::fd::RawFd;

extern "C" fn noop(_: libc::c_int) {}

/// Called in pid 1 just before exec: returns in the child (which goes on to exec the
/// command); the parent never returns.
pub fn fork_command(errfd: RawFd) {
    // SAFETY: signal-state and process calls on our own single-threaded process.
    unsafe {
        // A pid-namespace init drops signals whose action is the default: install a
        // handler for each, then block them all and take them with sigwaitinfo.
        for s in 1..=64 {
            if s != libc::SIGKILL && s != libc::SIGSTOP {
                libc::signal(s, noop as *const () as libc::sighandler_t);
            }
        }
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigprocmask(libc::SIG_SETMASK, &all, &mut old);
        let child = libc::fork();
        if child < 0 {
            libc::_exit(125);
        }
        if child == 0 {
            for s in 1..=64 {
                if s != libc::SIGKILL && s != libc::SIGSTOP {
                    libc::signal(s, libc::SIG_DFL);
                }
            }
            libc::sigprocmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
            return;
        }
        // The init needs no fds: the exec report is the command's to send, and a pipe
        // held open here (the monitor's start report, the output pipes) would keep
        // readers waiting for an EOF until the container ends.
        let _ = errfd;
        libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32);
        loop {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            let sig = libc::sigwaitinfo(&all, &mut info);
            if sig < 0 {
                continue;
            }
            if sig != libc::SIGCHLD {
                libc::kill(child, sig);
                continue;
            }
            loop {
                let mut status = 0;
                let pid = libc::waitpid(-1, &mut status, libc::WNOHANG);
                if pid <= 0 {
                    break;
                }
                if pid == child {
                    let code = if libc::WIFEXITED(status) {
                        libc::WEXITSTATUS(status)
                    } else {
                        128 + libc::WTERMSIG(status)
                    };
                    libc::_exit(code);
                }
            }
        }
    }
}
