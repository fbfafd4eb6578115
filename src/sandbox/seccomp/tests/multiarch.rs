//! The i386 and x32 ABIs: syscall tables, the dispatch on
//! `seccomp_data.arch`, the default profile on each ABI (emulated), and real
//! i386 calls through `int $0x80`.

use super::*;
use crate::sandbox::seccomp::arch::{syscall_number_for, x86, X32_SYSCALL_BIT};
use crate::sandbox::seccomp::compile::DATA_ARCH;
use crate::sandbox::seccomp::install::install;
use std::os::fd::BorrowedFd;

const X86_64: u32 = AUDIT_ARCH_X86_64;
const I386: u32 = AUDIT_ARCH_I386;
const EPERM: u32 = RET_ERRNO | libc::EPERM as u32;
const ENOSYS: u32 = RET_ERRNO | libc::ENOSYS as u32;

fn n(scmp: &str, name: &str) -> u32 {
    syscall_number_for(scmp, name).unwrap_or_else(|| panic!("{scmp}: no {name}"))
}

#[test]
fn tables() {
    // Spot checks against arch/x86/entry/syscalls/syscall_{32,64}.tbl.
    for (name, i386, x86_64, x32) in [
        ("read", 3, 0, 0),
        ("getpid", 20, 39, 39),
        ("execve", 11, 59, 520),
        ("rt_sigaction", 174, 13, 512),
        ("add_key", 286, 248, 248),
        ("kexec_load", 283, 246, 528),
        ("socket", 359, 41, 41),
        ("personality", 136, 135, 135),
        ("clone3", 435, 435, 435),
        ("file_setattr", 469, 469, 469),
    ] {
        assert_eq!(n("SCMP_ARCH_X86", name), i386, "{name}");
        assert_eq!(n("SCMP_ARCH_X86_64", name), x86_64, "{name}");
        assert_eq!(n("SCMP_ARCH_X32", name), x32 | X32_SYSCALL_BIT, "{name}");
    }
    assert_eq!(syscall_number_for("SCMP_ARCH_X86", "arch_prctl"), Some(384));
    assert_eq!(syscall_number_for("SCMP_ARCH_X86", "socketcall"), Some(102));
    assert_eq!(syscall_number_for("SCMP_ARCH_X86_64", "socketcall"), None);
    assert_eq!(syscall_number_for("SCMP_ARCH_X32", "uselib"), None);
    assert_eq!(syscall_number_for("SCMP_ARCH_X86", "uretprobe"), None);
    for t in x86::tables() {
        assert!(
            t.windows(2).all(|w| w[0].0 < w[1].0),
            "tables must be sorted"
        );
    }
}

/// The program starts with the arch dispatch: x86_64, then i386 when the
/// profile lists it, then the bad-architecture kill.
#[test]
fn dispatch_structure() {
    // The arch values compared, following the "no" branches (through
    // `ja` trampolines), and what the chain ends with.
    fn arch_chain(prog: &[libc::sock_filter]) -> (Vec<u32>, (u16, u32)) {
        assert_eq!((prog[0].code, prog[0].k), (BPF_LD_W_ABS, DATA_ARCH));
        let (mut pc, mut ks) = (1, Vec::new());
        while prog[pc].code == BPF_JEQ_K {
            ks.push(prog[pc].k);
            pc += 1 + usize::from(prog[pc].jf);
        }
        (ks, (prog[pc].code, prog[pc].k))
    }
    let kill = (BPF_RET_K, RET_KILL_THREAD);
    let prog = default_program(DOCKER_DEFAULT_CAPS).unwrap();
    assert_eq!(arch_chain(&prog), (vec![X86_64, I386], kill));

    let native_only = Profile::from_json(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
            {"names":["getpid","rt_sigaction"],"action":"SCMP_ACT_ALLOW"}]}"#,
    )
    .unwrap();
    let prog = compile(&native_only, &[] as &[&str]).unwrap();
    assert_eq!(arch_chain(&prog), (vec![X86_64], kill));
    assert_eq!(emulate(&prog, X86_64, 39, [0; 6]), RET_ALLOW);
    assert_eq!(emulate(&prog, I386, 20, [0; 6]), RET_KILL_THREAD);
    assert_eq!(
        emulate(&prog, X86_64, X32_SYSCALL_BIT | 39, [0; 6]),
        RET_KILL_THREAD
    );
    assert_eq!(emulate(&prog, 0xC000_00B7, 172, [0; 6]), RET_KILL_THREAD);

    // archMap: only the entry of the native architecture counts.
    for (json, i386, x32) in [
        (
            r#""archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X32"]}]"#,
            false,
            true,
        ),
        (
            r#""archMap":[{"architecture":"SCMP_ARCH_AARCH64","subArchitectures":["SCMP_ARCH_X86"]}]"#,
            false,
            false,
        ),
        (
            r#""architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"]"#,
            true,
            false,
        ),
    ] {
        let p = Profile::from_json(&format!(
            r#"{{"defaultAction":"SCMP_ACT_ERRNO",{json},"syscalls":[
                {{"names":["getpid"],"action":"SCMP_ACT_ALLOW"}}]}}"#
        ))
        .unwrap();
        let prog = compile(&p, &[] as &[&str]).unwrap();
        let want = |on: bool| if on { RET_ALLOW } else { RET_KILL_THREAD };
        assert_eq!(emulate(&prog, I386, 20, [0; 6]), want(i386), "{json}");
        assert_eq!(
            emulate(&prog, X86_64, X32_SYSCALL_BIT | 39, [0; 6]),
            want(x32),
            "{json}"
        );
        assert_eq!(emulate(&prog, X86_64, 39, [0; 6]), RET_ALLOW, "{json}");
    }
}

/// The default profile on the x32 ABI: its own numbers, 32-bit arguments.
#[test]
fn x32_follows_the_default_profile() {
    let prog = default_program(DOCKER_DEFAULT_CAPS).unwrap();
    let x32 = |name: &str, args: [u64; 6]| emulate(&prog, X86_64, n("SCMP_ARCH_X32", name), args);
    assert_eq!(x32("getpid", [0; 6]), RET_ALLOW);
    assert_eq!(x32("rt_sigaction", [0; 6]), RET_ALLOW);
    assert_eq!(x32("execve", [0; 6]), RET_ALLOW);
    assert_eq!(x32("add_key", [0; 6]), EPERM);
    assert_eq!(x32("kexec_load", [0; 6]), EPERM);
    assert_eq!(x32("unshare", [0; 6]), EPERM);
    assert_eq!(x32("clone3", [0; 6]), ENOSYS);
    // x86_64's rt_sigaction slot is not an x32 syscall: a hole, the default.
    assert_eq!(emulate(&prog, X86_64, X32_SYSCALL_BIT | 13, [0; 6]), EPERM);
    // Beyond the highest x32 number the profile names: ENOSYS.
    assert_eq!(
        emulate(&prog, X86_64, X32_SYSCALL_BIT | 600, [0; 6]),
        ENOSYS
    );
    assert_eq!(emulate(&prog, X86_64, u32::MAX, [0; 6]), ENOSYS);
    // Arguments: the low 32 bits only (PER_LINUX32 | ADDR_NO_RANDOMIZE is
    // refused, the same with high bits set is refused on x86_64 but is
    // PER_LINUX (allowed) on x32).
    assert_eq!(x32("personality", [0x0040008, 0, 0, 0, 0, 0]), EPERM);
    assert_eq!(x32("personality", [0xffff_ffff, 0, 0, 0, 0, 0]), RET_ALLOW);
    let x86_64 = n("SCMP_ARCH_X86_64", "personality");
    assert_eq!(
        emulate(&prog, X86_64, x86_64, [1 << 32, 0, 0, 0, 0, 0]),
        EPERM
    );
    assert_eq!(x32("personality", [1 << 32, 0, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(x32("socket", [40, 1, 0, 0, 0, 0]), EPERM); // AF_VSOCK
    assert_eq!(x32("socket", [(1 << 32) | 2, 1, 0, 0, 0, 0]), RET_ALLOW);
    let newuser = (libc::CLONE_NEWUSER | libc::SIGCHLD) as u64;
    assert_eq!(x32("clone", [newuser, 0, 0, 0, 0, 0]), EPERM);
    assert_eq!(
        x32("clone", [libc::SIGCHLD as u64, 0, 0, 0, 0, 0]),
        RET_ALLOW
    );
}

#[test]
fn i386_follows_the_default_profile() {
    let prog = default_program(DOCKER_DEFAULT_CAPS).unwrap();
    let i386 = |name: &str, args: [u64; 6]| emulate(&prog, I386, n("SCMP_ARCH_X86", name), args);
    for name in [
        "getpid",
        "read",
        "write",
        "mmap2",
        "socketcall",
        "_llseek",
        "set_thread_area",
    ] {
        assert_eq!(i386(name, [0; 6]), RET_ALLOW, "{name}");
    }
    for name in [
        "add_key",
        "keyctl",
        "kexec_load",
        "unshare",
        "mount",
        "io_uring_setup",
    ] {
        assert_eq!(i386(name, [0; 6]), EPERM, "{name}");
    }
    assert_eq!(i386("clone3", [0; 6]), ENOSYS);
    assert_eq!(i386("personality", [0x0040008, 0, 0, 0, 0, 0]), EPERM);
    assert_eq!(i386("personality", [0xffff_ffff, 0, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(i386("socket", [40, 1, 0, 0, 0, 0]), EPERM);
    assert_eq!(i386("socket", [1, 1, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(emulate(&prog, I386, 1000, [0; 6]), ENOSYS);
    assert_eq!(emulate(&prog, I386, u32::MAX, [0; 6]), ENOSYS);
    // With CAP_SYS_ADMIN the same rules open up on i386 too.
    let mut caps = DOCKER_DEFAULT_CAPS.to_vec();
    caps.push("CAP_SYS_ADMIN");
    let admin = default_program(&caps).unwrap();
    assert_eq!(
        emulate(&admin, I386, n("SCMP_ARCH_X86", "unshare"), [0; 6]),
        RET_ALLOW
    );
}

/// `int $0x80` in a 64-bit process: the kernel reports AUDIT_ARCH_I386.
///
/// # Safety
///
/// The call must not make the kernel read or write this process's memory
/// (pointer arguments null or lengths zero, or refused by a filter) nor
/// change state the program relies on.
unsafe fn int80(nr: u32, a: u64, b: u64, c: u64) -> i64 {
    let ret: i64;
    // SAFETY: the caller guarantees the call itself touches no memory of
    // ours; int $0x80 preserves every register but eax (r8-r11 on kernels >=
    // 4.17: listed as clobbered for older ones), and rbx, which LLVM
    // reserves, is swapped back before the block ends.
    unsafe {
        std::arch::asm!(
            "xchg {a}, rbx",
            "int 0x80",
            "xchg {a}, rbx",
            a = inout(reg) a => _,
            inlateout("rax") u64::from(nr) => ret,
            in("rcx") b,
            in("rdx") c,
            out("r8") _, out("r9") _, out("r10") _, out("r11") _,
        );
    }
    // Sign-extend the 32-bit result.
    i64::from(ret as i32)
}

/// Fork, set no_new_privs, install `prog` and make the i386 calls (integer
/// arguments only); the results, or the signal that ended the child.
fn run_i386(prog: &[libc::sock_filter], calls: &[(u32, [u64; 3])]) -> Result<Vec<i64>, i32> {
    // Allocated before the fork: the child only stores into it.
    let mut results = vec![0i64; calls.len()];
    let child = |fd: BorrowedFd<'_>| {
        if nix::sys::prctl::set_no_new_privs().is_err() || install(prog, 0).is_err() {
            return 2;
        }
        for (r, (nr, a)) in results.iter_mut().zip(calls) {
            // SAFETY: the tests pass integer arguments that are not
            // pointers (or null ones), and the child exits right after.
            *r = unsafe { int80(*nr, a[0], a[1], a[2]) };
        }
        put(fd, &results);
        0
    };
    // SAFETY: the child makes raw system calls only (prctl, seccomp, the
    // i386 calls, write) and stores into `results`: no allocation, no locks,
    // no panics.
    let (status, bytes) = unsafe { fork_child(pipe(), child) };
    if status < 0 {
        return Err(-status);
    }
    assert_eq!(status, 0, "child failed to install");
    assert_eq!(bytes.len(), calls.len() * 8);
    Ok(got(&bytes))
}

#[test]
fn real_i386_calls_through_int80() {
    let prog = default_program(DOCKER_DEFAULT_CAPS).unwrap();
    let i = |name| n("SCMP_ARCH_X86", name);
    let r = run_i386(
        &prog,
        &[
            (i("getpid"), [0; 3]),
            (i("add_key"), [0; 3]),
            (i("unshare"), [libc::CLONE_NEWUSER as u64, 0, 0]),
            (i("personality"), [0xffff_ffff, 0, 0]),
            (i("personality"), [0x0040008, 0, 0]),
            (i("socket"), [40, 1, 0]), // AF_VSOCK
            (i("clone3"), [0, 0, 0]),
            (1000, [0; 3]),
        ],
    )
    .expect("the child must not be killed");
    let eperm = -i64::from(libc::EPERM);
    assert!(r[0] > 0, "getpid {}", r[0]);
    assert_eq!(r[1], eperm, "add_key");
    assert_eq!(r[2], eperm, "unshare(CLONE_NEWUSER)");
    assert!(r[3] >= 0, "personality query {}", r[3]);
    assert_eq!(r[4], eperm, "personality(PER_LINUX32|ADDR_NO_RANDOMIZE)");
    assert_eq!(r[5], eperm, "socket(AF_VSOCK)");
    assert_eq!(r[6], -i64::from(libc::ENOSYS), "clone3");
    assert_eq!(r[7], -i64::from(libc::ENOSYS), "i386 syscall 1000");

    // A profile without x86 in its archMap: the i386 call kills the thread
    // (a single-threaded child: the process), as libseccomp's filter does.
    let native_only = Profile::from_json(
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
            {"names":["add_key"],"action":"SCMP_ACT_ERRNO"}]}"#,
    )
    .unwrap();
    let prog = compile(&native_only, &[] as &[&str]).unwrap();
    assert_eq!(run_i386(&prog, &[(i("getpid"), [0; 3])]), Err(libc::SIGSYS));
}
