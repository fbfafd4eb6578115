//! The seccomp tests, by subject: `profile.rs` (the JSON format),
//! `emulated.rs` (compiled programs run in the BPF interpreter below),
//! `reference.rs` (programs against a direct evaluation of the profile),
//! `kernel.rs` (programs installed for real in forked children) and
//! `multiarch.rs` (the i386 and x32 ABIs). This file has what they share.

mod emulated;
mod kernel;
mod multiarch;
mod profile;
mod reference;

use std::fmt::Write as _;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use nix::sys::wait::WaitStatus;
use nix::unistd::ForkResult;

use super::arch::{AUDIT_ARCH_I386, AUDIT_ARCH_X86_64};
use super::asm::{
    BPF_ALU_AND_K, BPF_JEQ_K, BPF_JGE_K, BPF_JGT_K, BPF_JMP_JA, BPF_JSET_K, BPF_LD_W_ABS, BPF_RET_K,
};
use super::compile::compile;
use super::*;

const AUDIT_ARCH_AARCH64: u32 = 0xC000_00B7;
const EPERM: i64 = libc::EPERM as i64;
const ENOSYS: i64 = libc::ENOSYS as i64;
const EINVAL: i64 = libc::EINVAL as i64;

/// The capabilities docker grants a container by default.
const DOCKER_DEFAULT_CAPS: &[&str] = &crate::sandbox::caps::DOCKER_DEFAULT;

/// The x86_64 number of syscall `name`, if there is one.
fn syscall_number(name: &str) -> Option<u32> {
    arch::syscall_number_for("SCMP_ARCH_X86_64", name)
}

fn nr(name: &str) -> u32 {
    syscall_number(name).unwrap_or_else(|| panic!("no syscall {name}"))
}

fn errno_ret(e: u32) -> u32 {
    RET_ERRNO | e
}

fn admin_caps() -> Vec<&'static str> {
    let mut c = DOCKER_DEFAULT_CAPS.to_vec();
    c.push("CAP_SYS_ADMIN");
    c
}

/// The default profile compiled for a container with capabilities `caps`.
fn default_program<S: AsRef<str>>(caps: &[S]) -> Result<Vec<libc::sock_filter>, SeccompError> {
    compile(default_profile(), caps)
}

/// A program's instructions, comparable.
fn insns(prog: &[libc::sock_filter]) -> Vec<(u16, u8, u8, u32)> {
    prog.iter().map(|i| (i.code, i.jt, i.jf, i.k)).collect()
}

// --- a classic BPF interpreter, for checking programs without the kernel

fn emulate(prog: &[libc::sock_filter], arch: u32, nr: u32, args: [u64; 6]) -> u32 {
    let mut data = [0u8; 64];
    data[0..4].copy_from_slice(&nr.to_ne_bytes());
    data[4..8].copy_from_slice(&arch.to_ne_bytes());
    for (i, a) in args.iter().enumerate() {
        data[16 + 8 * i..24 + 8 * i].copy_from_slice(&a.to_ne_bytes());
    }
    let (mut a, mut pc) = (0u32, 0usize);
    loop {
        let ins = prog[pc];
        pc += 1;
        let skip = |c: bool| usize::from(if c { ins.jt } else { ins.jf });
        match ins.code {
            BPF_LD_W_ABS => {
                let k = ins.k as usize;
                a = u32::from_ne_bytes(data[k..k + 4].try_into().unwrap());
            }
            BPF_ALU_AND_K => a &= ins.k,
            BPF_JMP_JA => pc += ins.k as usize,
            BPF_JEQ_K => pc += skip(a == ins.k),
            BPF_JGT_K => pc += skip(a > ins.k),
            BPF_JGE_K => pc += skip(a >= ins.k),
            BPF_JSET_K => pc += skip(a & ins.k != 0),
            BPF_RET_K => return ins.k,
            c => panic!("unexpected opcode {c:#x} at {}", pc - 1),
        }
    }
}

// --- forked children

/// A pipe (read end, write end) for [`fork_child`].
fn pipe() -> (OwnedFd, OwnedFd) {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).expect("pipe2")
}

/// Fork; the child runs `child` with the write end of `pipe` and `_exit`s
/// with what it returns. The child's exit code (or `-signal`) and the bytes
/// it wrote.
///
/// # Safety
///
/// The test process is multi-threaded and the child is a copy of only the
/// calling thread, so `child` must be async-signal-safe: raw system calls
/// only, no allocation, no locks, no panics.
unsafe fn fork_child(
    (rd, wr): (OwnedFd, OwnedFd),
    child: impl FnOnce(BorrowedFd<'_>) -> i32,
) -> (i32, Vec<u8>) {
    // SAFETY: the child only runs `child`, which the caller guarantees to be
    // async-signal-safe, then `_exit`s.
    let pid = match unsafe { nix::unistd::fork() }.expect("fork") {
        ForkResult::Child => {
            let code = child(wr.as_fd());
            // SAFETY: _exit has no preconditions; it skips the destructors and
            // atexit handlers that belong to the parent.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => child,
    };
    drop(wr);
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match nix::unistd::read(rd.as_raw_fd(), &mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => panic!("reading from the child: {e}"),
        }
    }
    let status = match nix::sys::wait::waitpid(pid, None).expect("waitpid") {
        WaitStatus::Exited(_, code) => code,
        WaitStatus::Signaled(_, sig, _) => -(sig as i32),
        other => panic!("child: {other:?}"),
    };
    (status, out)
}

/// Write `vals` to `fd` without allocating (for a forked child).
fn put(fd: BorrowedFd<'_>, vals: &[i64]) {
    for v in vals {
        // A short or failed write shows as missing results in the parent.
        let _ = nix::unistd::write(fd, &v.to_ne_bytes());
    }
}

/// The `i64`s a child wrote with [`put`].
fn got(bytes: &[u8]) -> Vec<i64> {
    bytes
        .chunks_exact(8)
        .map(|c| i64::from_ne_bytes(c.try_into().unwrap()))
        .collect()
}

// --- a listing, for readable failures

fn ret_name(k: u32) -> String {
    let data = k & RET_DATA;
    match k & 0xffff_0000 {
        RET_KILL_PROCESS => "KILL_PROCESS".into(),
        RET_KILL_THREAD => "KILL_THREAD".into(),
        RET_TRAP => "TRAP".into(),
        RET_ERRNO => format!("ERRNO({data})"),
        RET_TRACE => format!("TRACE({data})"),
        RET_LOG => "LOG".into(),
        RET_ALLOW => "ALLOW".into(),
        _ => format!("{k:#x}"),
    }
}

/// Human-readable listing of a program.
fn disassemble(prog: &[libc::sock_filter]) -> String {
    let mut s = String::new();
    for (pc, i) in prog.iter().enumerate() {
        let tgt = |d: u8| pc + 1 + usize::from(d);
        let _ = match i.code {
            BPF_LD_W_ABS => writeln!(s, "{pc:04}: ld [{}]", i.k),
            BPF_ALU_AND_K => writeln!(s, "{pc:04}: and #{:#x}", i.k),
            BPF_RET_K => writeln!(s, "{pc:04}: ret {}", ret_name(i.k)),
            BPF_JMP_JA => writeln!(s, "{pc:04}: ja {}", pc + 1 + i.k as usize),
            c @ (BPF_JEQ_K | BPF_JGT_K | BPF_JGE_K | BPF_JSET_K) => {
                let op = match c {
                    BPF_JEQ_K => "jeq",
                    BPF_JGT_K => "jgt",
                    BPF_JGE_K => "jge",
                    _ => "jset",
                };
                writeln!(
                    s,
                    "{pc:04}: {op} #{:#x} jt {} jf {}",
                    i.k,
                    tgt(i.jt),
                    tgt(i.jf)
                )
            }
            _ => writeln!(s, "{pc:04}: ?? {:#x} {} {} {:#x}", i.code, i.jt, i.jf, i.k),
        };
    }
    s
}

// --- test profiles

fn ops_profile() -> Profile {
    // Every operator, on a different argument, with an operand that has
    // bits in both halves; defaultAction ALLOW.
    let v = 0x0000_0002_0000_0005u64;
    let rules: Vec<String> = OPS_SYSCALLS
        .iter()
        .zip(Op::ALL)
        .enumerate()
        .map(|(i, (name, op))| {
            format!(
                r#"{{"names":["{name}"],"action":"SCMP_ACT_ERRNO","errnoRet":38,
                    "args":[{{"index":{},"value":{v},"valueTwo":{v},"op":"{}"}}]}}"#,
                i % 6,
                op.as_str()
            )
        })
        .collect();
    Profile::from_json(&format!(
        r#"{{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{}]}}"#,
        rules.join(",")
    ))
    .unwrap()
}

const OPS_SYSCALLS: [&str; 7] = [
    "getpid", "getppid", "getuid", "geteuid", "getgid", "getegid", "gettid",
];

fn masked_profile() -> Profile {
    // mask 0x1_0000_00ff, value 0x1_0000_0042
    Profile::from_json(
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["getpid"],
            "action":"SCMP_ACT_ERRNO","errnoRet":38,"args":[{"index":0,
            "value":4294967551,"valueTwo":4294967362,"op":"SCMP_CMP_MASKED_EQ"}]}]}"#,
    )
    .unwrap()
}

/// `n` conditional rules for getpid, enough to need long jumps.
fn big_profile(n: u64) -> Profile {
    let mut rules: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"names":["getpid"],"action":"SCMP_ACT_ALLOW",
                    "args":[{{"index":0,"value":{i},"op":"SCMP_CMP_EQ"}}]}}"#
            )
        })
        .collect();
    rules.push(
        r#"{"names":["read","write","exit_group","getppid"],"action":"SCMP_ACT_ALLOW"}"#.into(),
    );
    Profile::from_json(&format!(
        r#"{{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{}]}}"#,
        rules.join(",")
    ))
    .unwrap()
}
