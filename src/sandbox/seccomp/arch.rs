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

use super::asm::{Asm, Label, BPF_JEQ_K, BPF_JGE_K, BPF_JGT_K};
use super::compile::arg_offsets;
use super::profile::{Arg, Op, Profile};
use super::SeccompError;

/// `AUDIT_ARCH_X86_64` (EM_X86_64 | 64BIT | LE).
pub(super) const AUDIT_ARCH_X86_64: u32 = 0xC000_003E;
/// `AUDIT_ARCH_I386` (EM_386 | LE).
pub(super) const AUDIT_ARCH_I386: u32 = 0x4000_0003;
/// `__X32_SYSCALL_BIT`.
pub(super) const X32_SYSCALL_BIT: u32 = 0x4000_0000;

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
}

fn lookup(table: &[(&str, u32)], name: &str) -> Option<u32> {
    table
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| table[i].1)
}

#[cfg(target_arch = "x86_64")]
pub(super) mod x86 {
    use super::{lookup, Abi, X32_SYSCALL_BIT};

    include!("syscalls_x86_64.rs");
    include!("syscalls_i386.rs");
    include!("syscalls_x32.rs");

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
    Ok(Native { name: "amd64" })
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

/// The number of `name` in the ABI `scmp` (`SCMP_ARCH_X86`, ...), for tests.
#[cfg(all(test, target_arch = "x86_64"))]
pub(super) fn syscall_number_for(scmp: &str, name: &str) -> Option<u32> {
    [&x86::X86_64, &x86::X32, &x86::I386]
        .into_iter()
        .find(|a| a.scmp == scmp)
        .and_then(|a| (a.lookup)(name))
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
