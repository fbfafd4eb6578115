//! Leaving a forked child: the one libc call for it, here.

/// End this process now with `code` (`_exit(2)`): no destructors, no atexit handlers,
/// no stdio flush. What a forked child must do instead of returning into (or
/// `exit`ing through) its parent's copy of the program. nix 0.29 has no wrapper.
pub fn exit_now(code: i32) -> ! {
    // SAFETY: _exit has no preconditions and touches no memory of ours; it does not
    // return, so no Rust value outlives its use.
    unsafe { libc::_exit(code) }
}
