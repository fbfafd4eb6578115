//! Programs installed for real, in forked children: the kernel accepts them
//! and syscalls get the answers the profile says.

use std::os::fd::{AsRawFd, BorrowedFd};

use super::reference::holds;
use super::*;
use crate::sandbox::seccomp::install::install;
use crate::sandbox::seccomp::profile::{
    Arg, Op, FILTER_FLAG_LOG, FILTER_FLAG_SPEC_ALLOW, FILTER_FLAG_TSYNC,
};

// --- running a program for real in a forked child

struct Child {
    /// Exit code, or `-signal`.
    status: i32,
    /// Per probe: the return value, or `-errno`.
    results: Vec<i64>,
}

/// Fork; in the child set no_new_privs, install `prog` and run each
/// probe `(nr, args)` with syscall(2). `probes` gets the write end of the
/// result pipe.
fn run_child(
    prog: &[libc::sock_filter],
    tsync: bool,
    probes: impl FnOnce(i32) -> Vec<(i64, [u64; 6])>,
) -> Child {
    let flags = if tsync { FILTER_FLAG_TSYNC } else { 0 };
    let pipe = pipe();
    let probes = probes(pipe.1.as_raw_fd());
    // Allocated before the fork: the child only stores into it.
    let mut results = vec![0i64; probes.len() + 1];
    // SAFETY: child_main only makes raw system calls (prctl, seccomp, the
    // probes, write) and stores into `results`: no allocation, no locks, no
    // panics.
    let (status, bytes) = unsafe {
        fork_child(pipe, |fd| {
            child_main(prog, flags, &probes, &mut results, fd)
        })
    };
    let vals = got(&bytes);
    if status == 2 {
        panic!("install failed in child: errno {:?}", vals.first());
    }
    Child {
        status,
        results: vals.get(1..).map(<[i64]>::to_vec).unwrap_or_default(),
    }
}

/// The forked child of [`run_child`]: exit code 3 if no_new_privs cannot be
/// set, 2 (and the errno) if the filter cannot be installed, else 0 and the
/// probes' results.
fn child_main(
    prog: &[libc::sock_filter],
    flags: u32,
    probes: &[(i64, [u64; 6])],
    results: &mut [i64],
    fd: BorrowedFd<'_>,
) -> i32 {
    if nix::sys::prctl::set_no_new_privs().is_err() {
        return 3;
    }
    if let Err(e) = install(prog, flags) {
        results[0] = i64::from(e.errno().unwrap_or(-1));
        put(fd, &results[..1]);
        return 2;
    }
    for (r, (n, a)) in results[1..].iter_mut().zip(probes) {
        // SAFETY: the probes are syscalls that the filter refuses, or that
        // only take integers, null pointers or zero lengths (write(fd, NULL,
        // 0), clone3(NULL, 0), ...), so the kernel reads or writes none of
        // this process's memory; and whatever state they change belongs to
        // this child, which exits right after.
        let v = unsafe { libc::syscall(*n, a[0], a[1], a[2], a[3], a[4], a[5]) };
        *r = if v == -1 {
            -i64::from(nix::errno::Errno::last_raw())
        } else {
            v
        };
    }
    put(fd, results);
    0
}

fn p(name: &str, args: &[u64]) -> (i64, [u64; 6]) {
    let mut a = [0u64; 6];
    a[..args.len()].copy_from_slice(args);
    (i64::from(nr(name)), a)
}

#[test]
fn long_jumps_and_size_limit() {
    let prog = compile(&big_profile(150), &[] as &[&str]).unwrap();
    assert!(prog.len() > 600, "{}", prog.len());
    assert!(
        prog.iter().any(|i| i.code == BPF_JMP_JA),
        "expected trampolines"
    );
    // The kernel accepts it and it behaves.
    let c = run_child(&prog, false, |_| {
        vec![p("getpid", &[149]), p("getpid", &[150]), p("getpid", &[0])]
    });
    assert_eq!(c.status, 0);
    assert!(c.results[0] > 0);
    assert_eq!(c.results[1], -EPERM);
    assert!(c.results[2] > 0);
    match compile(&big_profile(1000), &[] as &[&str]) {
        Err(SeccompError::TooLarge(n)) => assert!(n > MAX_INSNS),
        other => panic!("expected TooLarge, got {:?}", other.map(|p| p.len())),
    }
}

#[test]
fn real_default_profile_docker_caps() {
    let prog = default_program(DOCKER_DEFAULT_CAPS).unwrap();
    let af_inet6 = libc::AF_INET6 as u64;
    let c = run_child(&prog, false, |wfd| {
        vec![
            p("getpid", &[]),
            p("write", &[wfd as u64, 0, 0]),
            p("unshare", &[libc::CLONE_NEWUSER as u64]),
            p("unshare", &[1]), // invalid flag: EINVAL if it got to the kernel
            p("keyctl", &[0, (-3i64) as u64, 0]),
            p("clone3", &[0, 0]),
            p("personality", &[0xffff_ffff]),
            p("personality", &[0x0040008]), // PER_LINUX32 | ADDR_NO_RANDOMIZE
            p("socket", &[40, 1, 0]),       // AF_VSOCK
            p("socket", &[38, 5, 0]),       // AF_ALG
            p("socket", &[1, 1, 0]),        // AF_UNIX
            p("socket", &[af_inet6, 2, 0]),
            p("io_uring_setup", &[1, 0]),
            p("setns", &[u64::MAX, 0]),
            (400, [0; 6]),              // hole in the table
            (1000, [0; 6]),             // beyond the profile
            (0x4000_0000 | 39, [0; 6]), // x32 getpid
        ]
    });
    assert_eq!(c.status, 0);
    let r = &c.results;
    assert!(r[0] > 0, "getpid {}", r[0]);
    assert_eq!(r[1], 0, "write");
    assert_eq!(r[2], -EPERM, "unshare(CLONE_NEWUSER)");
    assert_eq!(r[3], -EPERM, "unshare(1)");
    assert_eq!(r[4], -EPERM, "keyctl");
    assert_eq!(r[5], -ENOSYS, "clone3");
    assert!(r[6] >= 0, "personality query {}", r[6]);
    assert_eq!(r[7], -EPERM, "personality(PER_LINUX32|ADDR_NO_RANDOMIZE)");
    assert_eq!(r[8], -EPERM, "socket(AF_VSOCK)");
    assert_eq!(r[9], -EPERM, "socket(AF_ALG)");
    assert!(r[10] >= 0, "socket(AF_UNIX) {}", r[10]);
    assert!(
        r[11] >= 0 || r[11] == -i64::from(libc::EAFNOSUPPORT),
        "{}",
        r[11]
    );
    assert_eq!(r[12], -EPERM, "io_uring_setup");
    assert_eq!(r[13], -EPERM, "setns");
    assert_eq!(r[14], -EPERM, "syscall 400");
    assert_eq!(r[15], -ENOSYS, "syscall 1000");
    // Allowed by the filter like docker's; this kernel has no x32 ABI.
    assert_eq!(r[16], -ENOSYS, "x32 getpid");
}

/// True if this process already runs under a seccomp filter (e.g. the
/// tests run inside a docker container), which may refuse syscalls before
/// our filter's ALLOW lets them reach the kernel.
fn outer_filter() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Seccomp:") && !l.ends_with('0'))
        })
        .unwrap_or(false)
}

#[test]
fn real_default_profile_with_cap_sys_admin() {
    if outer_filter() {
        eprintln!("skipped: already under a seccomp filter");
        return;
    }
    let prog = default_program(&admin_caps()).unwrap();
    let c = run_child(&prog, true, |_| {
        vec![
            p("unshare", &[1]),
            p("clone3", &[0, 0]),
            p("setns", &[u64::MAX, 0]),
            p("keyctl", &[0, (-3i64) as u64, 0]),
        ]
    });
    assert_eq!(c.status, 0);
    let r = &c.results;
    assert_eq!(r[0], -EINVAL, "unshare(1) reaches the kernel");
    assert_eq!(r[1], -EINVAL, "clone3(NULL, 0) reaches the kernel");
    assert_eq!(
        r[2],
        -i64::from(libc::EBADF),
        "setns(-1) reaches the kernel"
    );
    assert_eq!(r[3], -EPERM, "keyctl is still refused");
}

#[test]
fn real_masked_eq_on_both_halves() {
    let prog = compile(&masked_profile(), &[] as &[&str]).unwrap();
    let cases: [(u64, bool); 8] = [
        (0x1_0000_0042, true),
        (0x42, false),          // high half differs
        (0x2_0000_0042, false), // high half masked bit clear
        (0x3_0000_0042, true),  // extra high bit outside the mask
        (0xffff_ffff_0000_0042, true),
        (0x1_0000_0142, true),  // bit 8 outside the mask
        (0x1_0000_0043, false), // low half differs
        (0x1_0000_0000, false),
    ];
    let c = run_child(&prog, false, |_| {
        cases.iter().map(|&(v, _)| p("getpid", &[v])).collect()
    });
    assert_eq!(c.status, 0);
    for (&(v, hit), &r) in cases.iter().zip(&c.results) {
        if hit {
            assert_eq!(r, -ENOSYS, "getpid({v:#x})");
        } else {
            assert!(r > 0, "getpid({v:#x}) = {r}");
        }
    }
}

#[test]
fn real_every_operator_on_both_halves() {
    let prog = compile(&ops_profile(), &[] as &[&str]).unwrap();
    let v = 0x0000_0002_0000_0005u64;
    let vals = [
        v,
        v - 1,
        v + 1,
        v + (1 << 32),
        v - (1 << 32),
        5,
        0x2_0000_0000,
        0x2_ffff_ffff,
        0x1_ffff_ffff,
        u64::MAX,
        0,
    ];
    let mut probes = Vec::new();
    let mut want = Vec::new();
    for (i, (name, op)) in OPS_SYSCALLS.iter().zip(Op::ALL).enumerate() {
        let cond = Arg {
            index: (i % 6) as u32,
            value: v,
            value_two: v,
            op,
        };
        for &x in &vals {
            let mut args = [0u64; 6];
            args[i % 6] = x;
            probes.push((i64::from(nr(name)), args));
            want.push((name, op, x, holds(&cond, x)));
        }
    }
    let c = run_child(&prog, false, |_| probes);
    assert_eq!(c.status, 0);
    assert_eq!(c.results.len(), want.len());
    for ((name, op, x, hit), &r) in want.iter().zip(&c.results) {
        if *hit {
            assert_eq!(r, -ENOSYS, "{name} {op:?} {x:#x}");
        } else {
            assert!(r >= 0, "{name} {op:?} {x:#x}: {r}");
        }
    }
}

#[test]
fn real_kill_and_trap_actions() {
    for (action, sig) in [
        ("SCMP_ACT_KILL_PROCESS", libc::SIGSYS),
        ("SCMP_ACT_KILL", libc::SIGSYS),
        ("SCMP_ACT_TRAP", libc::SIGSYS),
    ] {
        let prof = Profile::from_json(&format!(
            r#"{{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
                {{"names":["getppid"],"action":"{action}"}}]}}"#
        ))
        .unwrap();
        let prog = compile(&prof, &[] as &[&str]).unwrap();
        let c = run_child(&prog, false, |_| vec![p("getpid", &[]), p("getppid", &[])]);
        assert_eq!(c.status, -sig, "{action}");
    }
}

#[test]
fn program_for_carries_flags() {
    let json = r#"{"defaultAction":"SCMP_ACT_ALLOW","flags":["SECCOMP_FILTER_FLAG_LOG",
        "SECCOMP_FILTER_FLAG_SPEC_ALLOW"]}"#;
    let prog = program_for(Some(json), &[]).unwrap();
    assert_eq!(prog.flags, FILTER_FLAG_LOG | FILTER_FLAG_SPEC_ALLOW);
    // The flags reach seccomp(2): WAIT_KILLABLE_RECV without NEW_LISTENER
    // is refused by the kernel, the same program without it is not.
    let json =
        r#"{"defaultAction":"SCMP_ACT_ALLOW","flags":["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]}"#;
    let mut prog = program_for(Some(json), &[]).unwrap();
    for (flags, want) in [(prog.flags, libc::EINVAL), (0, 0)] {
        prog.flags = flags;
        // SAFETY: the child makes two raw system calls (prctl, seccomp);
        // Program::install does not allocate, even when it fails.
        let (status, _) = unsafe {
            fork_child(pipe(), |_| {
                if nix::sys::prctl::set_no_new_privs().is_err() {
                    return 255;
                }
                prog.install().err().and_then(|e| e.errno()).unwrap_or(0)
            })
        };
        assert_eq!(status, want, "flags {flags:#x}");
    }
}
