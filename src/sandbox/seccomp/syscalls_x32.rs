// x32 system call numbers (the ILP32 ABI on x86_64: `seccomp_data.arch` is
// AUDIT_ARCH_X86_64 and the number carries __X32_SYSCALL_BIT, 0x40000000).
//
// x32 shares the x86_64 table (syscalls_x86_64.rs) except for the entries below, taken
// from /usr/include/x86_64-linux-gnu/asm/unistd_x32.h (Debian 12 linux-libc-dev 6.1) and
// checked against linux-raw-sys 0.12.1 (src/x32/general.rs): the x32-specific slots
// 512-547 (compat entry points; their x86_64 numbers are not x32 syscalls), and the
// x86_64-only names x32 lacks. Numbers here are without __X32_SYSCALL_BIT. Included by
// seccomp/arch.rs with `include!`; this file is not a module.

static SYSCALLS_X32_SPECIFIC: &[(&str, u32)] = &[
    ("execve", 520),
    ("execveat", 545),
    ("get_robust_list", 531),
    ("getsockopt", 542),
    ("io_setup", 543),
    ("io_submit", 544),
    ("ioctl", 514),
    ("kexec_load", 528),
    ("move_pages", 533),
    ("mq_notify", 527),
    ("preadv", 534),
    ("preadv2", 546),
    ("process_vm_readv", 539),
    ("process_vm_writev", 540),
    ("ptrace", 521),
    ("pwritev", 535),
    ("pwritev2", 547),
    ("readv", 515),
    ("recvfrom", 517),
    ("recvmmsg", 537),
    ("recvmsg", 519),
    ("rt_sigaction", 512),
    ("rt_sigpending", 522),
    ("rt_sigqueueinfo", 524),
    ("rt_sigreturn", 513),
    ("rt_sigtimedwait", 523),
    ("rt_tgsigqueueinfo", 536),
    ("sendmmsg", 538),
    ("sendmsg", 518),
    ("set_robust_list", 530),
    ("setsockopt", 541),
    ("sigaltstack", 525),
    ("timer_create", 526),
    ("vmsplice", 532),
    ("waitid", 529),
    ("writev", 516),
];

static SYSCALLS_X86_64_NOT_X32: &[&str] = &[
    "_sysctl",
    "create_module",
    "epoll_ctl_old",
    "epoll_wait_old",
    "get_kernel_syms",
    "get_thread_area",
    "nfsservctl",
    "query_module",
    "set_thread_area",
    "uselib",
    "vserver",
];
