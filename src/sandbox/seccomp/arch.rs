//! The syscall ABIs one filter covers, and which of them a profile asks for.
//!
//! On x86_64 the kernel can enter a process through three ABIs, told apart by
//! `seccomp_data`:
//!
//! * x86_64: `arch == AUDIT_ARCH_X86_64`, `nr < 0x40000000` (syscalls_x86_64.rs);
//! * x32: `arch == AUDIT_ARCH_X86_64`, `nr >= 0x40000000` (`__X32_SYSCALL_BIT`;
//!   syscalls_x32.rs lists where its numbers differ from x86_64's);
//! * i386: `arch == AUDIT_ARCH_I386` (`int $0x80`, sysenter, or a 32-bit
//!   process; syscalls_i386.rs).
//!
//! As in docker, the profile's `archMap` entry for the native architecture
//! (`SCMP_ARCH_X86_64`) names the sub-architectures compiled besides the
//! native one (docker's default: `SCMP_ARCH_X86` and `SCMP_ARCH_X32`); the
//! legacy `architectures` list works the same way. The same rules apply to
//! each ABI with its own numbers (names it lacks are skipped) and its own
//! ENOSYS threshold. As in libseccomp, arguments of the 32-bit ABIs (i386 and
//! x32) are compared on their low 32 bits only, with the operands truncated.
//! An architecture the filter does not cover gets libseccomp's default
//! bad-architecture action, `SCMP_ACT_KILL` (kill the thread): that is what
//! runc (docker) installs, as it never changes that attribute. The x32 range
//! without x32 in the profile is a bad architecture too (libseccomp's
//! `jge 0x40000000` check).
//!
//! On i386, `socketcall(2)` multiplexes the socket calls with their arguments in
//! memory, out of a filter's reach: docker's default profile allows it
//! unconditionally, so `socket()` through it escapes the address-family rules
//! that the direct i386 `socket` (359) gets. Docker behaves the same (checked
//! with its engine and this profile).

use super::{
    arg_offsets, Arg, Asm, Label, Op, Profile, SeccompError, BPF_JEQ_K, BPF_JGE_K, BPF_JGT_K,
};

/// `AUDIT_ARCH_X86_64` (EM_X86_64 | 64BIT | LE).
pub const AUDIT_ARCH_X86_64: u32 = 0xC000_003E;
/// `AUDIT_ARCH_I386` (EM_386 | LE).
pub const AUDIT_ARCH_I386: u32 = 0x4000_0003;
/// `__X32_SYSCALL_BIT`.
pub const X32_SYSCALL_BIT: u32 = 0x4000_0000;

/// One syscall ABI.
pub(super) struct Abi {
    /// libseccomp's name (`SCMP_ARCH_*`).
    pub scmp: &'static str,
    /// The number of a syscall name as `seccomp_data.nr` shows it.
    pub lookup: fn(&str) -> Option<u32>,
    /// `seccomp_data.nr` range of this ABI: `[start, end)`.
    pub start: u32,
    pub end: u64,
    /// Arguments are 64 bits wide (else only their low halves are compared).
    pub wide_args: bool,
}

/// A range of syscall numbers of one `seccomp_data.arch` value: an ABI, or
/// (None) the bad-architecture action.
pub(super) struct Part {
    pub start: u32,
    pub abi: Option<&'static Abi>,
}

/// One `seccomp_data.arch` value and the ABIs behind it, in number order.
pub(super) struct Block {
    pub audit_arch: u32,
    pub parts: Vec<Part>,
}

/// The native architecture.
pub(super) struct Native {
    /// libseccomp's name, compared with `includes.arches` / `excludes.arches`.
    pub name: &'static str,
    /// The native ABI (its number table is [`super::syscall_number`]'s).
    pub abi: &'static Abi,
}

fn lookup(table: &[(&str, u32)], name: &str) -> Option<u32> {
    table
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| table[i].1)
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{lookup, Abi, X32_SYSCALL_BIT};

    include!("../syscalls_x86_64.rs");
    include!("../syscalls_i386.rs");
    include!("../syscalls_x32.rs");

    fn x86_64(name: &str) -> Option<u32> {
        lookup(SYSCALLS_X86_64, name)
    }

    fn i386(name: &str) -> Option<u32> {
        lookup(SYSCALLS_I386, name)
    }

    fn x32(name: &str) -> Option<u32> {
        if let Some(nr) = lookup(SYSCALLS_X32_SPECIFIC, name) {
            return Some(nr | X32_SYSCALL_BIT);
        }
        if SYSCALLS_X86_64_NOT_X32.contains(&name) {
            return None;
        }
        x86_64(name).map(|nr| nr | X32_SYSCALL_BIT)
    }

    #[cfg(test)]
    pub fn tables() -> [&'static [(&'static str, u32)]; 3] {
        [SYSCALLS_X86_64, SYSCALLS_I386, SYSCALLS_X32_SPECIFIC]
    }

    pub static X86_64: Abi = Abi {
        scmp: "SCMP_ARCH_X86_64",
        lookup: x86_64,
        start: 0,
        end: X32_SYSCALL_BIT as u64,
        wide_args: true,
    };

    pub static X32: Abi = Abi {
        scmp: "SCMP_ARCH_X32",
        lookup: x32,
        start: X32_SYSCALL_BIT,
        end: 1 << 32,
        wide_args: false,
    };

    pub static I386: Abi = Abi {
        scmp: "SCMP_ARCH_X86",
        lookup: i386,
        start: 0,
        end: 1 << 32,
        wide_args: false,
    };
}

#[cfg(target_arch = "x86_64")]
pub(super) fn native() -> Result<Native, SeccompError> {
    Ok(Native {
        name: "amd64",
        abi: &x86::X86_64,
    })
}

#[cfg(not(target_arch = "x86_64"))]
pub(super) fn native() -> Result<Native, SeccompError> {
    // aarch64 (AUDIT_ARCH_AARCH64 = 0xC00000B7) needs its own table.
    Err(SeccompError::UnsupportedArch)
}

/// The `SCMP_ARCH_*` names a profile adds to the native one on this machine,
/// as moby's `setupSeccomp` picks them: the legacy `architectures` list, or
/// the sub-architectures of the `archMap` entry for the native architecture.
pub(super) fn extra_arches(profile: &Profile, native_scmp: &str) -> Vec<String> {
    if !profile.architectures.is_empty() {
        return profile.architectures.clone();
    }
    profile
        .arch_map
        .iter()
        .find(|m| m.architecture == native_scmp)
        .map(|m| m.sub_architectures.clone())
        .unwrap_or_default()
}

/// The blocks to compile for `profile` (x86_64 first).
#[cfg(target_arch = "x86_64")]
pub(super) fn blocks(profile: &Profile) -> Vec<Block> {
    let extra = extra_arches(profile, x86::X86_64.scmp);
    let has = |a: &Abi| extra.iter().any(|e| e == a.scmp);
    let mut out = vec![Block {
        audit_arch: AUDIT_ARCH_X86_64,
        parts: vec![
            Part {
                start: 0,
                abi: Some(&x86::X86_64),
            },
            Part {
                start: X32_SYSCALL_BIT,
                abi: has(&x86::X32).then_some(&x86::X32),
            },
        ],
    }];
    if has(&x86::I386) {
        out.push(Block {
            audit_arch: AUDIT_ARCH_I386,
            parts: vec![Part {
                start: 0,
                abi: Some(&x86::I386),
            }],
        });
    }
    out
}

#[cfg(not(target_arch = "x86_64"))]
pub(super) fn blocks(_profile: &Profile) -> Vec<Block> {
    Vec::new()
}

/// The number of `name` in the ABI `scmp` (`SCMP_ARCH_X86`, ...), for tests
/// and diagnostics.
#[cfg(target_arch = "x86_64")]
pub fn syscall_number_for(scmp: &str, name: &str) -> Option<u32> {
    [&x86::X86_64, &x86::X32, &x86::I386]
        .into_iter()
        .find(|a| a.scmp == scmp)
        .and_then(|a| (a.lookup)(name))
}

#[cfg(not(target_arch = "x86_64"))]
pub fn syscall_number_for(_scmp: &str, _name: &str) -> Option<u32> {
    None
}

/// `emit_cond` for the 32-bit ABIs (i386, x32): as libseccomp does, only
/// the low half of the argument is compared, with the operands truncated to 32
/// bits.
pub(super) fn emit_cond32(asm: &mut Asm, c: &Arg, fail: Label) {
    let (off_lo, _) = arg_offsets(c.index);
    let v = c.value as u32;
    let pass = asm.label();
    match c.op {
        Op::EqualTo => {
            asm.ld(off_lo);
            asm.jcc(BPF_JEQ_K, v, pass, fail);
        }
        Op::NotEqual => {
            asm.ld(off_lo);
            asm.jcc(BPF_JEQ_K, v, fail, pass);
        }
        Op::GreaterThan => {
            asm.ld(off_lo);
            asm.jcc(BPF_JGT_K, v, pass, fail);
        }
        Op::GreaterEqual => {
            asm.ld(off_lo);
            asm.jcc(BPF_JGE_K, v, pass, fail);
        }
        Op::LessThan => {
            asm.ld(off_lo);
            asm.jcc(BPF_JGE_K, v, fail, pass);
        }
        Op::LessEqual => {
            asm.ld(off_lo);
            asm.jcc(BPF_JGT_K, v, fail, pass);
        }
        Op::MaskedEqual => {
            let (m, w) = (c.value as u32, c.value_two as u32);
            if m == 0 {
                if w != 0 {
                    asm.ja(fail);
                }
            } else {
                asm.ld(off_lo);
                if m != u32::MAX {
                    asm.alu_and(m);
                }
                asm.jcc(BPF_JEQ_K, w, pass, fail);
            }
        }
    }
    asm.bind(pass);
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::super::tests::emulate;
    use super::super::{
        compile, default_program, Profile, BPF_JEQ_K, BPF_LD_W_ABS, BPF_RET_K, DATA_ARCH,
        DOCKER_DEFAULT_CAPS, RET_ALLOW, RET_ERRNO, RET_KILL_THREAD,
    };
    use super::*;

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
        let x32 =
            |name: &str, args: [u64; 6]| emulate(&prog, X86_64, n("SCMP_ARCH_X32", name), args);
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
        let i386 =
            |name: &str, args: [u64; 6]| emulate(&prog, I386, n("SCMP_ARCH_X86", name), args);
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
    fn int80(nr: u32, a: u64, b: u64, c: u64) -> i64 {
        let ret: i64;
        // SAFETY: a 32-bit system call with plain integer arguments; int $0x80
        // preserves every register but eax (r8-r11 on kernels >= 4.17: listed
        // as clobbered for older ones).
        // rbx is reserved by LLVM: swap the first argument in and out.
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

    /// Fork, set no_new_privs, install `prog` and make the i386 calls; the
    /// results, or the signal that ended the child.
    fn run_i386(prog: &[libc::sock_filter], calls: &[(u32, [u64; 3])]) -> Result<Vec<i64>, i32> {
        let mut fds = [0; 2];
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let mut results = vec![0i64; calls.len()];
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0);
        if pid == 0 {
            unsafe {
                libc::close(fds[0]);
                if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
                    || super::super::install(prog, false).is_err()
                {
                    libc::_exit(2);
                }
                for (i, (nr, a)) in calls.iter().enumerate() {
                    results[i] = int80(*nr, a[0], a[1], a[2]);
                }
                let bytes = std::mem::size_of_val(&results[..]);
                libc::write(fds[1], results.as_ptr().cast(), bytes);
                libc::_exit(0);
            }
        }
        unsafe { libc::close(fds[1]) };
        let mut buf = vec![0u8; calls.len() * 8];
        let got = unsafe { libc::read(fds[0], buf.as_mut_ptr().cast(), buf.len()) };
        unsafe { libc::close(fds[0]) };
        let mut st = 0;
        assert_eq!(unsafe { libc::waitpid(pid, &mut st, 0) }, pid);
        if libc::WIFSIGNALED(st) {
            return Err(libc::WTERMSIG(st));
        }
        assert_eq!(libc::WEXITSTATUS(st), 0, "child failed to install");
        assert_eq!(got as usize, buf.len());
        Ok(buf
            .chunks_exact(8)
            .map(|c| i64::from_ne_bytes(c.try_into().unwrap()))
            .collect())
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
}
