//! Loading a compiled program into the kernel: seccomp(2), or prctl(2) on
//! kernels that predate it. nix 0.29 wraps neither call (its `sys::prctl` has
//! no `PR_SET_SECCOMP`), hence the raw calls.

use super::{SeccompError, MAX_INSNS};

const SECCOMP_SET_MODE_FILTER: libc::c_ulong = 1;
const SECCOMP_MODE_FILTER: libc::c_ulong = 2;

/// Install `prog` as a seccomp filter with the `SECCOMP_FILTER_FLAG_*` bits
/// `flags` (see [`super::Profile::filter_flags`]): on the calling thread, or
/// with `SECCOMP_FILTER_FLAG_TSYNC` on every thread of the process.
///
/// Uses `seccomp(SECCOMP_SET_MODE_FILTER)`, falling back to
/// `prctl(PR_SET_SECCOMP)` on kernels without seccomp(2) (only without
/// flags, which prctl cannot pass). The caller must have set no_new_privs
/// (`prctl(PR_SET_NO_NEW_PRIVS, 1)`) first; without it the caller must hold
/// CAP_SYS_ADMIN in its user namespace, else the kernel answers EACCES. Does
/// not allocate unless it fails, so it can run between fork and exec.
pub(super) fn install(prog: &[libc::sock_filter], flags: u32) -> Result<(), SeccompError> {
    if prog.is_empty() || prog.len() > MAX_INSNS {
        return Err(SeccompError::BadProgram("bad length"));
    }
    let fprog = libc::sock_fprog {
        // Checked above: at most MAX_INSNS (4096), fits in a u16.
        len: prog.len() as libc::c_ushort,
        // The kernel only reads through this pointer (the `*mut` is the C
        // declaration's).
        filter: prog.as_ptr().cast_mut(),
    };
    // SAFETY: `fprog` is a valid sock_fprog whose `filter` points at
    // `prog.len()` initialized instructions borrowed for the whole call; the
    // kernel copies the program before returning and never writes through the
    // pointers. The other arguments are plain integers.
    let r = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            SECCOMP_SET_MODE_FILTER,
            libc::c_ulong::from(flags),
            &fprog as *const libc::sock_fprog,
        )
    };
    if r == 0 {
        return Ok(());
    }
    if r > 0 {
        // TSYNC: the id of a thread that could not be synchronized.
        return Err(SeccompError::Tsync(r));
    }
    let e = nix::errno::Errno::last_raw();
    if e == libc::ENOSYS && flags == 0 {
        // SAFETY: as for seccomp(2) above: `fprog` and the instructions it
        // points at are valid and borrowed for the call, and the kernel only
        // copies them; the last two arguments are unused zeros.
        let r = unsafe {
            libc::prctl(
                libc::PR_SET_SECCOMP,
                SECCOMP_MODE_FILTER,
                &fprog as *const libc::sock_fprog,
                0 as libc::c_ulong,
                0 as libc::c_ulong,
            )
        };
        if r == 0 {
            return Ok(());
        }
        return Err(SeccompError::Install(nix::errno::Errno::last_raw()));
    }
    Err(SeccompError::Install(e))
}
