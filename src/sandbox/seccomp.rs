//! Docker-format seccomp profiles, compiled to classic BPF without libseccomp.
//!
//! This module reads the JSON format that `docker run --security-opt
//! seccomp=FILE.json` takes ([`Profile`]), evaluates a profile's
//! `includes`/`excludes` against the container's capabilities and the running
//! kernel the way moby's `profiles/seccomp` package does, compiles the result
//! into a seccomp BPF program ([`compile`]) and installs it ([`install`]).
//!
//! # Semantics
//!
//! * Rules are evaluated in profile order and the **first matching rule wins**;
//!   a syscall that no rule matches gets `defaultAction`. Several rules for the
//!   same syscall with different `args` are therefore ORed.
//! * All `args` of one rule are ANDed, with full 64-bit unsigned comparisons
//!   done on the two 32-bit halves of `seccomp_data.args[i]`. As in runc, a rule
//!   that lists the same argument index more than once is split into one rule
//!   per condition (so those conditions are ORed).
//! * `SCMP_CMP_MASKED_EQ` is `(arg & value) == valueTwo`.
//! * `errnoRet` of a rule defaults to `EPERM`; `defaultErrnoRet` only applies
//!   to `defaultAction` (runc does the same). `SCMP_ACT_TRACE` uses the same
//!   field as its message data. `SCMP_ACT_KILL` is `KILL_THREAD`.
//! * Syscall names unknown on this architecture are skipped, as libseccomp
//!   does.
//! * Like runc's `patchbpf`, when `defaultAction` is not an allow-like action
//!   (`ALLOW`, `LOG`, `TRACE`), syscall numbers above the highest one the
//!   profile names return `ENOSYS` instead of the default action, so that libc
//!   falls back from syscalls newer than the profile (e.g. `open_tree_attr`)
//!   instead of failing with `EPERM`. Holes below that number get the default.
//!
//! # Architectures
//!
//! One filter covers every ABI the profile asks for, dispatching on
//! `seccomp_data.arch` and, for x32, the `0x40000000` bit of the number: see
//! [`arch`]. With docker's default profile on x86_64 that is x86_64, i386
//! (`int $0x80`) and x32, each checked against the same rules with its own
//! syscall numbers, as docker does. Anything else gets the thread killed
//! (libseccomp's bad-architecture action, which docker keeps). aarch64
//! (`AUDIT_ARCH_AARCH64`, generic syscall table) is future work: on any
//! architecture other than x86_64, [`compile`] returns
//! [`SeccompError::UnsupportedArch`].
//!
//! `includes.arches`/`excludes.arches` are compared with the libseccomp name
//! of the native architecture (`"amd64"`), exactly like docker does.
//!
//! # The embedded default profile (`seccomp_default.json`)
//!
//! Base: moby 20.10.24's `profiles/seccomp/default.json` as shipped by Debian
//! 12 (`golang-github-docker-docker-dev` 20.10.24+dfsg1-1+deb12u1), which
//! already has the Linux 5.11-5.16 syscalls (close_range, epoll_pwait2,
//! faccessat2, landlock_*, memfd_secret, process_mrelease, futex_waitv,
//! pidfd_getfd under CAP_SYS_PTRACE) and `clone3` -> `ENOSYS` without
//! CAP_SYS_ADMIN. Brought up to what current docker (v25-v28 and
//! moby/profiles' `seccomp/default.json`) allows:
//!
//! * `"defaultErrnoRet": 1`; RISCV64 and LOONGARCH64 archMap entries.
//! * moby#47341 (2024): cachestat, fchmodat2, map_shadow_stack,
//!   futex_wake, futex_wait, futex_requeue allowed; set_mempolicy_home_node
//!   with CAP_SYS_NICE.
//! * moby#50077 (2025): listmount, statmount, mseal, uretprobe,
//!   riscv_hwprobe, setxattrat, getxattrat, listxattrat, removexattrat.
//! * moby#50097 (2025): lsm_get_self_attr, lsm_set_self_attr,
//!   lsm_list_modules only with CAP_SYS_ADMIN.
//! * moby#46762 (docker 25.0): io_uring_setup/enter/register no longer
//!   allowed. moby#45766/#45837 (2023): name_to_handle_at allowed
//!   without CAP_SYS_ADMIN. moby#43490 (2022): pkey_alloc, pkey_free,
//!   pkey_mprotect allowed.
//! * As in moby/profiles' current default.json: process_vm_readv/writev
//!   allowed on kernel >= 4.8 (like ptrace); clock_settime64 with
//!   CAP_SYS_TIME; bpf with CAP_BPF; perf_event_open with CAP_PERFMON;
//!   swapcontext (ppc64le) and riscv_flush_icache (riscv64).
//! * `socket` is limited to an address-family allowlist: moby#44562 blocked
//!   AF_VSOCK (40), moby#52494 (CVE-2026-31431) also AF_ALG (38); the list
//!   used (families < 12, 13-18, 21, 22, 24, 26-33, 35, 36, 39, 41-45) is the
//!   one in moby/profiles' current default.json.
//!
//! Kept from Debian's 20.10 file: the separate mips `clone3` rule (errno 89).
//! The file stays a valid docker profile (`docker run --security-opt
//! seccomp=...` accepts it).
#![cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::Path;
use std::sync::OnceLock;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The embedded default profile (see the module documentation).
pub const DEFAULT_PROFILE_JSON: &str = include_str!("seccomp_default.json");

/// The capabilities docker grants a container by default (one list, in caps.rs).
pub const DOCKER_DEFAULT_CAPS: &[&str] = &super::caps::DOCKER_DEFAULT;

/// The kernel's limit on the length of a seccomp BPF program.
pub const MAX_INSNS: usize = 4096;

/// `SECCOMP_FILTER_FLAG_TSYNC`.
pub const FILTER_FLAG_TSYNC: u32 = 1;
/// `SECCOMP_FILTER_FLAG_LOG`.
pub const FILTER_FLAG_LOG: u32 = 2;
/// `SECCOMP_FILTER_FLAG_SPEC_ALLOW`.
pub const FILTER_FLAG_SPEC_ALLOW: u32 = 4;
/// `SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV`.
pub const FILTER_FLAG_WAIT_KILLABLE_RECV: u32 = 32;

// seccomp return values (linux/seccomp.h).
const RET_KILL_PROCESS: u32 = 0x8000_0000;
const RET_KILL_THREAD: u32 = 0x0000_0000;
const RET_TRAP: u32 = 0x0003_0000;
const RET_ERRNO: u32 = 0x0005_0000;
const RET_TRACE: u32 = 0x7ff0_0000;
const RET_LOG: u32 = 0x7ffc_0000;
const RET_ALLOW: u32 = 0x7fff_0000;
const RET_DATA: u32 = 0x0000_ffff;

// Classic BPF opcodes (linux/filter.h).
const BPF_LD_W_ABS: u16 = 0x20; // BPF_LD (0) | BPF_W (0) | BPF_ABS
const BPF_ALU_AND_K: u16 = 0x04 | 0x50; // BPF_ALU | BPF_AND | BPF_K
const BPF_JMP_JA: u16 = 0x05; // BPF_JMP | BPF_JA
const BPF_JEQ_K: u16 = 0x05 | 0x10;
const BPF_JGT_K: u16 = 0x05 | 0x20;
const BPF_JGE_K: u16 = 0x05 | 0x30;
const BPF_JSET_K: u16 = 0x05 | 0x40;
const BPF_RET_K: u16 = 0x06;

// struct seccomp_data offsets.
const DATA_NR: u32 = 0;
const DATA_ARCH: u32 = 4;

const SECCOMP_SET_MODE_FILTER: libc::c_ulong = 1;
const SECCOMP_MODE_FILTER: libc::c_ulong = 2;

/// Errors from loading, compiling or installing a seccomp profile.
#[derive(Debug, thiserror::Error)]
pub enum SeccompError {
    /// The profile is malformed or uses something unsupported.
    #[error("seccomp profile: {0}")]
    Profile(String),
    /// No syscall table for this CPU architecture yet.
    #[error("seccomp: unsupported architecture")]
    UnsupportedArch,
    /// The compiled program exceeds [`MAX_INSNS`].
    #[error("seccomp: compiled filter has {0} instructions, more than the kernel's limit of 4096")]
    TooLarge(usize),
    /// A serialized or hand-made program is not acceptable.
    #[error("seccomp: invalid BPF program: {0}")]
    BadProgram(&'static str),
    /// seccomp(2) / prctl(2) failed with this errno.
    #[error("seccomp: installing the filter failed: {}", std::io::Error::from_raw_os_error(*.0))]
    Install(i32),
    /// With TSYNC, this thread could not be synchronized to the new filter.
    #[error("seccomp: thread {0} could not be synchronized to the new filter (TSYNC)")]
    Tsync(i64),
}

impl SeccompError {
    /// The errno of an [`SeccompError::Install`] failure.
    pub fn errno(&self) -> Option<i32> {
        match self {
            SeccompError::Install(e) => Some(*e),
            _ => None,
        }
    }
}

fn perr(msg: impl Into<String>) -> SeccompError {
    SeccompError::Profile(msg.into())
}

// ---------------------------------------------------------------------------
// Profile format
// ---------------------------------------------------------------------------

/// What to do with a syscall (`SCMP_ACT_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// `SCMP_ACT_KILL` (same as `KILL_THREAD`).
    Kill,
    /// `SCMP_ACT_KILL_THREAD`.
    KillThread,
    /// `SCMP_ACT_KILL_PROCESS`.
    KillProcess,
    /// `SCMP_ACT_TRAP`: deliver SIGSYS.
    Trap,
    /// `SCMP_ACT_ERRNO`: fail with `errnoRet` (EPERM if unset).
    Errno,
    /// `SCMP_ACT_TRACE`: notify a ptrace tracer.
    Trace,
    /// `SCMP_ACT_ALLOW`.
    Allow,
    /// `SCMP_ACT_LOG`: allow and log.
    Log,
    /// `SCMP_ACT_NOTIFY`: parsed so it can be refused with a clear message.
    Notify,
}

impl Action {
    const ALL: [Action; 9] = [
        Action::Kill,
        Action::KillThread,
        Action::KillProcess,
        Action::Trap,
        Action::Errno,
        Action::Trace,
        Action::Allow,
        Action::Log,
        Action::Notify,
    ];

    /// The `SCMP_ACT_*` name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Kill => "SCMP_ACT_KILL",
            Action::KillThread => "SCMP_ACT_KILL_THREAD",
            Action::KillProcess => "SCMP_ACT_KILL_PROCESS",
            Action::Trap => "SCMP_ACT_TRAP",
            Action::Errno => "SCMP_ACT_ERRNO",
            Action::Trace => "SCMP_ACT_TRACE",
            Action::Allow => "SCMP_ACT_ALLOW",
            Action::Log => "SCMP_ACT_LOG",
            Action::Notify => "SCMP_ACT_NOTIFY",
        }
    }

    fn from_name(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The seccomp return value for this action with `data` (errno or trace
    /// message; EPERM if `None`).
    fn ret(self, data: Option<u32>) -> Result<u32, SeccompError> {
        let data = data.unwrap_or(libc::EPERM as u32) & RET_DATA;
        Ok(match self {
            Action::Kill | Action::KillThread => RET_KILL_THREAD,
            Action::KillProcess => RET_KILL_PROCESS,
            Action::Trap => RET_TRAP,
            Action::Errno => RET_ERRNO | data,
            Action::Trace => RET_TRACE | data,
            Action::Allow => RET_ALLOW,
            Action::Log => RET_LOG,
            Action::Notify => return Err(perr("SCMP_ACT_NOTIFY is not supported")),
        })
    }

    fn allow_like(self) -> bool {
        matches!(self, Action::Allow | Action::Log | Action::Trace)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Action {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Action::from_name(&s).ok_or_else(|| D::Error::custom(format!("unknown action {s:?}")))
    }
}

/// An argument comparison (`SCMP_CMP_*`), unsigned 64-bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// `SCMP_CMP_NE`: `arg != value`.
    NotEqual,
    /// `SCMP_CMP_LT`: `arg < value`.
    LessThan,
    /// `SCMP_CMP_LE`: `arg <= value`.
    LessEqual,
    /// `SCMP_CMP_EQ`: `arg == value`.
    EqualTo,
    /// `SCMP_CMP_GE`: `arg >= value`.
    GreaterEqual,
    /// `SCMP_CMP_GT`: `arg > value`.
    GreaterThan,
    /// `SCMP_CMP_MASKED_EQ`: `arg & value == valueTwo`.
    MaskedEqual,
}

impl Op {
    const ALL: [Op; 7] = [
        Op::NotEqual,
        Op::LessThan,
        Op::LessEqual,
        Op::EqualTo,
        Op::GreaterEqual,
        Op::GreaterThan,
        Op::MaskedEqual,
    ];

    /// The `SCMP_CMP_*` name.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::NotEqual => "SCMP_CMP_NE",
            Op::LessThan => "SCMP_CMP_LT",
            Op::LessEqual => "SCMP_CMP_LE",
            Op::EqualTo => "SCMP_CMP_EQ",
            Op::GreaterEqual => "SCMP_CMP_GE",
            Op::GreaterThan => "SCMP_CMP_GT",
            Op::MaskedEqual => "SCMP_CMP_MASKED_EQ",
        }
    }
}

impl Serialize for Op {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Op {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Op::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| D::Error::custom(format!("unknown operator {s:?}")))
    }
}

/// A kernel version as `minKernel` uses it: `"<kernel>.<major>"`, e.g. `"4.8"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct KernelVersion {
    /// The `4` of `4.8`.
    pub kernel: u32,
    /// The `8` of `4.8`.
    pub major: u32,
}

impl KernelVersion {
    /// Parse a profile's `minKernel` the way moby does: exactly two dot
    /// separated numbers below 256, not `0.0`.
    pub fn parse_min(s: &str) -> Result<KernelVersion, String> {
        let bad = || format!("invalid minKernel {s:?}, expected \"<kernel>.<major>\"");
        let mut it = s.split('.');
        let (Some(k), Some(m), None) = (it.next(), it.next(), it.next()) else {
            return Err(bad());
        };
        let k: u8 = k.parse().map_err(|_| bad())?;
        let m: u8 = m.parse().map_err(|_| bad())?;
        if k == 0 && m == 0 {
            return Err(bad());
        }
        Ok(KernelVersion {
            kernel: k.into(),
            major: m.into(),
        })
    }

    /// Parse a `uname -r` release such as `6.18.44-fc-v657`, ignoring
    /// everything after the major revision.
    pub fn from_release(release: &str) -> Option<KernelVersion> {
        let num = |s: &str| -> Option<u32> {
            let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            s[..end].parse().ok()
        };
        let mut it = release.split('.');
        let kernel = num(it.next()?)?;
        let major = it.next().and_then(num).unwrap_or(0);
        Some(KernelVersion { kernel, major })
    }
}

impl fmt::Display for KernelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.kernel, self.major)
    }
}

/// The running kernel's version (from uname(2), read once). `0.0` if it
/// cannot be determined, which makes every `minKernel` test false.
pub fn host_kernel() -> KernelVersion {
    static K: OnceLock<KernelVersion> = OnceLock::new();
    *K.get_or_init(|| {
        // SAFETY: utsname is plain old data; uname fills it in.
        let mut u: libc::utsname = unsafe { std::mem::zeroed() };
        if unsafe { libc::uname(&mut u) } != 0 {
            return KernelVersion::default();
        }
        // SAFETY: the kernel NUL-terminates release.
        let rel = unsafe { std::ffi::CStr::from_ptr(u.release.as_ptr()) };
        KernelVersion::from_release(&rel.to_string_lossy()).unwrap_or_default()
    })
}

fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn de_min_kernel<'de, D: Deserializer<'de>>(d: D) -> Result<Option<KernelVersion>, D::Error> {
    match Option::<String>::deserialize(d)?.as_deref() {
        None | Some("") => Ok(None),
        Some(s) => KernelVersion::parse_min(s)
            .map(Some)
            .map_err(D::Error::custom),
    }
}

fn ser_min_kernel<S: Serializer>(v: &Option<KernelVersion>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(k) => s.collect_str(k),
        None => s.serialize_none(),
    }
}

/// A docker seccomp profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Action for syscalls no rule matches.
    pub default_action: Action,
    /// errno (or trace data) for `defaultAction`; EPERM if unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_errno_ret: Option<u32>,
    /// Legacy list of `SCMP_ARCH_*` (mutually exclusive with `archMap`).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub architectures: Vec<String>,
    /// Native architecture -> sub-architectures.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub arch_map: Vec<ArchMap>,
    /// `SECCOMP_FILTER_FLAG_*` names, see [`Profile::filter_flags`].
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub flags: Vec<String>,
    /// The rules, in order.
    #[serde(default, deserialize_with = "null_default")]
    pub syscalls: Vec<Syscall>,
}

/// One `archMap` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchMap {
    /// `SCMP_ARCH_*` of the native architecture.
    pub architecture: String,
    /// `SCMP_ARCH_*` of its sub-architectures.
    #[serde(default, deserialize_with = "null_default")]
    pub sub_architectures: Vec<String>,
}

/// One rule of `syscalls`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Syscall {
    /// Legacy single name (mutually exclusive with `names`).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    /// Syscall names.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub names: Vec<String>,
    /// What to do when the rule matches.
    pub action: Action,
    /// errno for `SCMP_ACT_ERRNO` (trace data for `SCMP_ACT_TRACE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errno_ret: Option<u32>,
    /// Conditions, all of which must hold.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub args: Vec<Arg>,
    /// Free text.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub comment: String,
    /// The rule applies only if all of these hold.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Filter::is_empty"
    )]
    pub includes: Filter,
    /// The rule is dropped if any of these holds.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Filter::is_empty"
    )]
    pub excludes: Filter,
}

impl Syscall {
    /// The rule's names (`name` or `names`).
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        let single = (!self.name.is_empty()).then_some(self.name.as_str());
        single
            .into_iter()
            .chain(self.names.iter().map(String::as_str))
    }
}

/// `includes` / `excludes` of a rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    /// Capability names (`CAP_SYS_ADMIN`).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub caps: Vec<String>,
    /// libseccomp architecture names (`amd64`, `arm64`, `x32`, ...).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub arches: Vec<String>,
    /// Kernel version threshold.
    #[serde(
        default,
        deserialize_with = "de_min_kernel",
        serialize_with = "ser_min_kernel",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_kernel: Option<KernelVersion>,
}

impl Filter {
    /// True if the filter has no condition.
    pub fn is_empty(&self) -> bool {
        self.caps.is_empty() && self.arches.is_empty() && self.min_kernel.is_none()
    }
}

/// One argument condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Arg {
    /// Argument index, 0..=5.
    pub index: u32,
    /// Operand (the mask for `SCMP_CMP_MASKED_EQ`).
    pub value: u64,
    /// The expected value for `SCMP_CMP_MASKED_EQ`.
    #[serde(default)]
    pub value_two: u64,
    /// Comparison.
    pub op: Op,
}

const KNOWN_ARCHES: &[&str] = &[
    "SCMP_ARCH_NATIVE",
    "SCMP_ARCH_X86",
    "SCMP_ARCH_X86_64",
    "SCMP_ARCH_X32",
    "SCMP_ARCH_ARM",
    "SCMP_ARCH_AARCH64",
    "SCMP_ARCH_MIPS",
    "SCMP_ARCH_MIPS64",
    "SCMP_ARCH_MIPS64N32",
    "SCMP_ARCH_MIPSEL",
    "SCMP_ARCH_MIPSEL64",
    "SCMP_ARCH_MIPSEL64N32",
    "SCMP_ARCH_PPC",
    "SCMP_ARCH_PPC64",
    "SCMP_ARCH_PPC64LE",
    "SCMP_ARCH_S390",
    "SCMP_ARCH_S390X",
    "SCMP_ARCH_PARISC",
    "SCMP_ARCH_PARISC64",
    "SCMP_ARCH_RISCV64",
    "SCMP_ARCH_LOONGARCH64",
    "SCMP_ARCH_M68K",
    "SCMP_ARCH_SH",
    "SCMP_ARCH_SHEB",
];

const KNOWN_FLAGS: &[(&str, u32)] = &[
    ("SECCOMP_FILTER_FLAG_TSYNC", FILTER_FLAG_TSYNC),
    ("SECCOMP_FILTER_FLAG_LOG", FILTER_FLAG_LOG),
    ("SECCOMP_FILTER_FLAG_SPEC_ALLOW", FILTER_FLAG_SPEC_ALLOW),
    (
        "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
        FILTER_FLAG_WAIT_KILLABLE_RECV,
    ),
];

impl Profile {
    /// Parse and validate a profile. Errors are one line, e.g.
    /// `seccomp profile: unknown action "SCMP_ACT_FOO" at line 2 column 35`.
    pub fn from_json(json: &str) -> Result<Profile, SeccompError> {
        let p: Profile = serde_json::from_str(json).map_err(|e| perr(e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    /// Read, parse and validate a profile file.
    pub fn from_file(path: &Path) -> Result<Profile, SeccompError> {
        let json =
            std::fs::read_to_string(path).map_err(|e| perr(format!("{}: {e}", path.display())))?;
        Profile::from_json(&json).map_err(|e| match e {
            SeccompError::Profile(m) => perr(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// Check everything that does not depend on the host (done by
    /// [`Profile::from_json`] and again by [`compile`]).
    pub fn validate(&self) -> Result<(), SeccompError> {
        if !self.architectures.is_empty() && !self.arch_map.is_empty() {
            return Err(perr(
                "'architectures' and 'archMap' were both specified, use one of them",
            ));
        }
        let arches = self.architectures.iter().chain(
            self.arch_map
                .iter()
                .flat_map(|m| std::iter::once(&m.architecture).chain(&m.sub_architectures)),
        );
        for a in arches {
            if !KNOWN_ARCHES.contains(&a.as_str()) {
                return Err(perr(format!("unknown architecture {a:?}")));
            }
        }
        self.filter_flags()?;
        if self.default_action == Action::Notify {
            return Err(perr("SCMP_ACT_NOTIFY is not supported"));
        }
        check_errno(self.default_errno_ret, "defaultErrnoRet")?;
        for (i, s) in self.syscalls.iter().enumerate() {
            let ctx = |m: String| perr(format!("syscalls[{i}]: {m}"));
            if !s.name.is_empty() && !s.names.is_empty() {
                return Err(ctx(
                    "'name' and 'names' were both specified, use one of them".into(),
                ));
            }
            if s.all_names().next().is_none() {
                return Err(ctx("no syscall names".into()));
            }
            if let Some(n) = s.all_names().find(|n| n.is_empty()) {
                return Err(ctx(format!("invalid syscall name {n:?}")));
            }
            if s.action == Action::Notify {
                return Err(ctx("SCMP_ACT_NOTIFY is not supported".into()));
            }
            check_errno(s.errno_ret, "errnoRet").map_err(|e| ctx(e.to_string()))?;
            if let Some(a) = s.args.iter().find(|a| a.index > 5) {
                return Err(ctx(format!("argument index {} out of range 0-5", a.index)));
            }
        }
        Ok(())
    }

    /// The `SECCOMP_FILTER_FLAG_*` bits named by `flags` (for
    /// [`install_with_flags`]).
    pub fn filter_flags(&self) -> Result<u32, SeccompError> {
        let mut bits = 0;
        for f in &self.flags {
            let Some(&(_, b)) = KNOWN_FLAGS.iter().find(|(n, _)| n == f) else {
                return Err(perr(format!("unknown or unsupported flag {f:?}")));
            };
            bits |= b;
        }
        Ok(bits)
    }
}

fn check_errno(v: Option<u32>, what: &str) -> Result<(), SeccompError> {
    match v {
        Some(e) if e > RET_DATA => Err(perr(format!("{what} {e} out of range 0-65535"))),
        _ => Ok(()),
    }
}

/// Docker's default profile (embedded, parsed once).
pub fn default_profile() -> &'static Profile {
    static P: OnceLock<Profile> = OnceLock::new();
    P.get_or_init(|| {
        Profile::from_json(DEFAULT_PROFILE_JSON).expect("embedded seccomp_default.json is valid")
    })
}

/// Compile the default profile for a container with capabilities `caps`.
pub fn default_program<S: AsRef<str>>(caps: &[S]) -> Result<Vec<libc::sock_filter>, SeccompError> {
    compile(default_profile(), caps)
}

/// Parse and validate a profile's JSON text (for `--security-opt
/// seccomp=FILE` at create time).
pub fn parse_profile(json: &str) -> Result<Profile, SeccompError> {
    Profile::from_json(json)
}

/// A compiled filter and the `SECCOMP_FILTER_FLAG_*` bits its profile's
/// `flags` asks to install it with.
#[derive(Clone)]
pub struct Program {
    pub insns: Vec<libc::sock_filter>,
    pub flags: u32,
}

impl Program {
    /// Install on the calling thread (see [`install_with_flags`]).
    pub fn install(&self) -> Result<(), SeccompError> {
        install_with_flags(&self.insns, self.flags)
    }
}

/// The program for a container: `profile_json` is the text of a custom
/// profile, `None` for the default one (`unconfined` is the caller's
/// business: no program at all).
pub fn program_for(profile_json: Option<&str>, caps: &[String]) -> Result<Program, SeccompError> {
    let custom;
    let profile = match profile_json {
        None => default_profile(),
        Some(json) => {
            custom = Profile::from_json(json)?;
            &custom
        }
    };
    Ok(Program {
        insns: compile(profile, caps)?,
        flags: profile.filter_flags()?,
    })
}

// ---------------------------------------------------------------------------
// Architectures (see arch.rs)
// ---------------------------------------------------------------------------

pub mod arch;

/// The native number of syscall `name`, if this architecture has it.
pub fn syscall_number(name: &str) -> Option<u32> {
    let native = arch::native().ok()?;
    (native.abi.lookup)(name)
}

// ---------------------------------------------------------------------------
// Compilation
// ---------------------------------------------------------------------------

fn norm_cap(c: &str) -> String {
    let c = c.trim().to_ascii_uppercase();
    if c.starts_with("CAP_") {
        c
    } else {
        format!("CAP_{c}")
    }
}

/// moby's include/exclude evaluation (profiles/seccomp/seccomp_linux.go).
fn rule_applies(s: &Syscall, caps: &[String], arch: &str, kernel: KernelVersion) -> bool {
    let has = |c: &String| caps.contains(&norm_cap(c));
    let ex = &s.excludes;
    if ex.arches.iter().any(|a| a == arch) || ex.caps.iter().any(has) {
        return false;
    }
    if ex.min_kernel.is_some_and(|m| kernel >= m) {
        return false;
    }
    let inc = &s.includes;
    if !inc.arches.is_empty() && !inc.arches.iter().any(|a| a == arch) {
        return false;
    }
    if !inc.caps.iter().all(has) {
        return false;
    }
    inc.min_kernel.is_none_or(|m| kernel >= m)
}

#[derive(Clone)]
struct Rule {
    conds: Vec<Arg>,
    ret: u32,
    /// 64-bit arguments; else only the low halves are compared (i386, x32).
    wide: bool,
}

/// The AND-groups of a rule: one group, or one group per condition when an
/// argument index repeats (runc's behaviour).
fn alternatives(args: &[Arg]) -> Vec<Vec<Arg>> {
    let mut seen = [false; 6];
    let mut repeated = false;
    for a in args {
        let i = a.index as usize;
        repeated |= seen[i];
        seen[i] = true;
    }
    if repeated {
        args.iter().map(|a| vec![*a]).collect()
    } else {
        vec![args.to_vec()]
    }
}

/// Compile `profile` for a container whose capability set is `caps`
/// (`"CAP_SYS_ADMIN"` or `"SYS_ADMIN"`), on the running kernel and native
/// architecture.
pub fn compile<S: AsRef<str>>(
    profile: &Profile,
    caps: &[S],
) -> Result<Vec<libc::sock_filter>, SeccompError> {
    compile_for_kernel(profile, caps, host_kernel())
}

/// [`compile`], evaluating `minKernel` against `kernel` instead of the host.
pub fn compile_for_kernel<S: AsRef<str>>(
    profile: &Profile,
    caps: &[S],
    kernel: KernelVersion,
) -> Result<Vec<libc::sock_filter>, SeccompError> {
    let native = arch::native()?;
    profile.validate()?;
    let caps: Vec<String> = caps.iter().map(|c| norm_cap(c.as_ref())).collect();
    let default_ret = profile.default_action.ret(profile.default_errno_ret)?;
    let applied: Vec<&Syscall> = profile
        .syscalls
        .iter()
        .filter(|s| rule_applies(s, &caps, native.name, kernel))
        .collect();

    let mut asm = Asm::default();
    let blocks = arch::blocks(profile);
    let entries: Vec<Label> = blocks.iter().map(|_| asm.label()).collect();
    asm.ld(DATA_ARCH);
    for (b, &entry) in blocks.iter().zip(&entries) {
        let next = asm.label();
        asm.jcc(BPF_JEQ_K, b.audit_arch, entry, next);
        asm.bind(next);
    }
    asm.ret(RET_KILL_THREAD);
    for (b, &entry) in blocks.iter().zip(&entries) {
        let mut per: BTreeMap<u32, Vec<Rule>> = BTreeMap::new();
        let mut iv: Vec<(u32, Handler)> = Vec::new();
        for part in &b.parts {
            match part.abi {
                Some(abi) => plan_abi(abi, profile, &applied, default_ret, &mut per, &mut iv)?,
                None => push_interval(&mut iv, part.start, Handler::Ret(RET_KILL_THREAD)),
            }
        }
        asm.bind(entry);
        asm.ld(DATA_NR);
        emit_tree(&mut asm, &iv, &per, default_ret);
    }
    asm.finish()
}

/// Append an interval starting at `start`, merged into the previous one when
/// both return the same constant.
fn push_interval(iv: &mut Vec<(u32, Handler)>, start: u32, h: Handler) {
    if let (Some((_, Handler::Ret(prev))), Handler::Ret(k)) = (iv.last(), h) {
        if *prev == k {
            return;
        }
    }
    iv.push((start, h));
}

/// The rules of one ABI (`applied`, in profile order) per syscall number, cut
/// after the first unconditional one, and the intervals covering the ABI's
/// number range `[abi.start, abi.end)`.
fn plan_abi(
    abi: &arch::Abi,
    profile: &Profile,
    applied: &[&Syscall],
    default_ret: u32,
    per: &mut BTreeMap<u32, Vec<Rule>>,
    iv: &mut Vec<(u32, Handler)>,
) -> Result<(), SeccompError> {
    let mut mine: BTreeMap<u32, Vec<Rule>> = BTreeMap::new();
    let mut max_nr: Option<u32> = None;
    for s in applied {
        let ret = s.action.ret(s.errno_ret)?;
        let alts = alternatives(&s.args);
        for name in s.all_names() {
            let Some(nr) = (abi.lookup)(name) else {
                continue;
            };
            max_nr = max_nr.max(Some(nr));
            let rules = mine.entry(nr).or_default();
            for conds in &alts {
                if rules.last().is_some_and(|r| r.conds.is_empty()) {
                    break;
                }
                rules.push(Rule {
                    conds: conds.clone(),
                    ret,
                    wide: abi.wide_args,
                });
            }
        }
    }
    let mut next = u64::from(abi.start);
    for (&nr, rules) in &mine {
        if u64::from(nr) > next {
            push_interval(iv, next as u32, Handler::Ret(default_ret));
        }
        let h = if rules[0].conds.is_empty() {
            Handler::Ret(rules[0].ret)
        } else {
            Handler::Rules(nr)
        };
        push_interval(iv, nr, h);
        next = u64::from(nr) + 1;
    }
    // Like runc's patchbpf: numbers above the highest one the profile names
    // get ENOSYS, unless the default action lets syscalls through anyway.
    let above_max = if max_nr.is_some() && !profile.default_action.allow_like() {
        RET_ERRNO | libc::ENOSYS as u32
    } else {
        default_ret
    };
    if next < abi.end {
        push_interval(iv, next as u32, Handler::Ret(above_max));
    }
    per.append(&mut mine);
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Ret(u32),
    Rules(u32),
}

/// Binary search over interval starts (A holds the syscall number).
fn emit_tree(asm: &mut Asm, iv: &[(u32, Handler)], per: &BTreeMap<u32, Vec<Rule>>, dflt: u32) {
    if let [(_, h)] = iv {
        match *h {
            Handler::Ret(k) => asm.ret(k),
            Handler::Rules(nr) => emit_rules(asm, &per[&nr], dflt),
        }
        return;
    }
    let mid = iv.len() / 2;
    let (left, right) = (asm.label(), asm.label());
    asm.jcc(BPF_JGE_K, iv[mid].0, right, left);
    asm.bind(left);
    emit_tree(asm, &iv[..mid], per, dflt);
    asm.bind(right);
    emit_tree(asm, &iv[mid..], per, dflt);
}

/// First matching rule wins, else the default.
fn emit_rules(asm: &mut Asm, rules: &[Rule], dflt: u32) {
    for r in rules {
        if r.conds.is_empty() {
            asm.ret(r.ret);
            return;
        }
        let fail = asm.label();
        for c in &r.conds {
            let pass = asm.label();
            if r.wide {
                emit_cond(asm, c, fail);
            } else {
                arch::emit_cond32(asm, c, fail);
            }
            asm.bind(pass);
        }
        asm.ret(r.ret);
        asm.bind(fail);
    }
    asm.ret(dflt);
}

fn arg_offsets(index: u32) -> (u32, u32) {
    let base = 16 + 8 * index;
    if cfg!(target_endian = "little") {
        (base, base + 4)
    } else {
        (base + 4, base)
    }
}

/// Emit a 64-bit comparison: jumps to `fail` if it does not hold, falls
/// through if it does.
fn emit_cond(asm: &mut Asm, c: &Arg, fail: Label) {
    let (off_lo, off_hi) = arg_offsets(c.index);
    let (lo, hi) = (c.value as u32, (c.value >> 32) as u32);
    let pass = asm.label();
    let (n0, n1) = (asm.label(), asm.label());
    match c.op {
        Op::EqualTo | Op::NotEqual => {
            let (t, f) = if c.op == Op::EqualTo {
                (pass, fail)
            } else {
                (fail, pass)
            };
            asm.ld(off_hi);
            asm.jcc(BPF_JEQ_K, hi, n0, f);
            asm.bind(n0);
            asm.ld(off_lo);
            asm.jcc(BPF_JEQ_K, lo, t, f);
        }
        Op::GreaterThan | Op::GreaterEqual => {
            asm.ld(off_hi);
            asm.jcc(BPF_JGT_K, hi, pass, n0);
            asm.bind(n0);
            asm.jcc(BPF_JEQ_K, hi, n1, fail);
            asm.bind(n1);
            asm.ld(off_lo);
            let op = if c.op == Op::GreaterThan {
                BPF_JGT_K
            } else {
                BPF_JGE_K
            };
            asm.jcc(op, lo, pass, fail);
        }
        Op::LessThan | Op::LessEqual => {
            asm.ld(off_hi);
            asm.jcc(BPF_JGT_K, hi, fail, n0);
            asm.bind(n0);
            asm.jcc(BPF_JEQ_K, hi, n1, pass);
            asm.bind(n1);
            asm.ld(off_lo);
            // lo < v <=> !(lo >= v);  lo <= v <=> !(lo > v)
            let op = if c.op == Op::LessThan {
                BPF_JGE_K
            } else {
                BPF_JGT_K
            };
            asm.jcc(op, lo, fail, pass);
        }
        Op::MaskedEqual => {
            let (mask, want) = (c.value, c.value_two);
            let halves = [
                (off_hi, (mask >> 32) as u32, (want >> 32) as u32, n0),
                (off_lo, mask as u32, want as u32, n1),
            ];
            for (off, m, w, next) in halves {
                if m == 0 {
                    if w != 0 {
                        asm.ja(fail); // (arg & 0) == w never holds
                    }
                    continue; // 0 == 0 always holds
                }
                asm.ld(off);
                if m != u32::MAX {
                    asm.alu_and(m);
                }
                asm.jcc(BPF_JEQ_K, w, next, fail);
                asm.bind(next);
            }
        }
    }
    asm.bind(pass);
}

// ---------------------------------------------------------------------------
// Assembler with automatic long jumps
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Label(usize);

#[derive(Clone, Copy, Debug)]
enum Item {
    Stmt {
        code: u16,
        k: u32,
    },
    Jcc {
        code: u16,
        k: u32,
        jt: Label,
        jf: Label,
    },
    Ja(Label),
    Bind(Label),
}

#[derive(Default)]
struct Asm {
    items: Vec<Item>,
    labels: usize,
}

impl Asm {
    fn label(&mut self) -> Label {
        self.labels += 1;
        Label(self.labels - 1)
    }
    fn bind(&mut self, l: Label) {
        self.items.push(Item::Bind(l));
    }
    fn ld(&mut self, off: u32) {
        self.items.push(Item::Stmt {
            code: BPF_LD_W_ABS,
            k: off,
        });
    }
    fn alu_and(&mut self, k: u32) {
        self.items.push(Item::Stmt {
            code: BPF_ALU_AND_K,
            k,
        });
    }
    fn ret(&mut self, k: u32) {
        self.items.push(Item::Stmt { code: BPF_RET_K, k });
    }
    fn jcc(&mut self, code: u16, k: u32, jt: Label, jf: Label) {
        self.items.push(Item::Jcc { code, k, jt, jf });
    }
    fn ja(&mut self, l: Label) {
        self.items.push(Item::Ja(l));
    }

    /// Resolve labels. Conditional jumps only reach 255 instructions ahead;
    /// a jump whose target is further gets a `ja` trampoline (32-bit offset)
    /// right after it, repeated until every jump fits.
    fn finish(mut self) -> Result<Vec<libc::sock_filter>, SeccompError> {
        let mut pos = vec![usize::MAX; self.labels];
        loop {
            let mut pc = 0;
            for it in &self.items {
                match it {
                    Item::Bind(l) => pos[l.0] = pc,
                    _ => pc += 1,
                }
            }
            if pc > MAX_INSNS {
                return Err(SeccompError::TooLarge(pc));
            }
            let mut fixes = Vec::new();
            let mut pc = 0;
            for (i, it) in self.items.iter().enumerate() {
                match *it {
                    Item::Bind(_) => continue,
                    Item::Jcc { jt, jf, .. } => {
                        let far = |l: Label| pos[l.0].wrapping_sub(pc + 1) > 255;
                        if far(jt) || far(jf) {
                            fixes.push((i, far(jt), far(jf)));
                        }
                    }
                    _ => {}
                }
                pc += 1;
            }
            if fixes.is_empty() {
                break;
            }
            for &(i, jt_far, jf_far) in fixes.iter().rev() {
                let Item::Jcc { code, k, jt, jf } = self.items[i] else {
                    unreachable!("fixes only name conditional jumps")
                };
                let mut tramp = Vec::new();
                let mut redirect = |far: bool, target: Label, tramp: &mut Vec<Item>| {
                    if !far {
                        return target;
                    }
                    self.labels += 1;
                    let t = Label(self.labels - 1);
                    tramp.push(Item::Bind(t));
                    tramp.push(Item::Ja(target));
                    t
                };
                let jt = redirect(jt_far, jt, &mut tramp);
                let jf = redirect(jf_far, jf, &mut tramp);
                self.items[i] = Item::Jcc { code, k, jt, jf };
                self.items.splice(i + 1..i + 1, tramp);
            }
            pos.resize(self.labels, usize::MAX);
        }

        let mut out = Vec::with_capacity(self.items.len());
        for it in &self.items {
            let pc = out.len();
            let dist = |l: Label| -> Result<usize, SeccompError> {
                match pos[l.0] {
                    usize::MAX => None,
                    p => p.checked_sub(pc + 1),
                }
                .ok_or(SeccompError::BadProgram("backward or unbound jump"))
            };
            let ins = match *it {
                Item::Bind(_) => continue,
                Item::Stmt { code, k } => bpf(code, 0, 0, k),
                Item::Ja(l) => bpf(BPF_JMP_JA, 0, 0, dist(l)? as u32),
                Item::Jcc { code, k, jt, jf } => bpf(code, dist(jt)? as u8, dist(jf)? as u8, k),
            };
            out.push(ins);
        }
        Ok(out)
    }
}

fn bpf(code: u16, jt: u8, jf: u8, k: u32) -> libc::sock_filter {
    libc::sock_filter { code, jt, jf, k }
}

// ---------------------------------------------------------------------------
// Serialization and inspection
// ---------------------------------------------------------------------------

/// Serialize a program (8 little-endian bytes per instruction), e.g. to cache
/// it on disk keyed by [`cache_key`].
pub fn program_to_bytes(prog: &[libc::sock_filter]) -> Vec<u8> {
    let mut out = Vec::with_capacity(prog.len() * 8);
    for i in prog {
        out.extend_from_slice(&i.code.to_le_bytes());
        out.push(i.jt);
        out.push(i.jf);
        out.extend_from_slice(&i.k.to_le_bytes());
    }
    out
}

/// Inverse of [`program_to_bytes`], with basic sanity checks (size, every
/// jump in range, ends with a return).
pub fn program_from_bytes(bytes: &[u8]) -> Result<Vec<libc::sock_filter>, SeccompError> {
    if bytes.is_empty() || !bytes.len().is_multiple_of(8) || bytes.len() / 8 > MAX_INSNS {
        return Err(SeccompError::BadProgram("bad length"));
    }
    let prog: Vec<libc::sock_filter> = bytes
        .chunks_exact(8)
        .map(|c| {
            bpf(
                u16::from_le_bytes([c[0], c[1]]),
                c[2],
                c[3],
                u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            )
        })
        .collect();
    for (pc, i) in prog.iter().enumerate() {
        let left = prog.len() - pc - 1;
        let ok = match i.code {
            BPF_JMP_JA => (i.k as usize) < left,
            BPF_JEQ_K | BPF_JGT_K | BPF_JGE_K | BPF_JSET_K => usize::from(i.jt.max(i.jf)) < left,
            BPF_LD_W_ABS | BPF_ALU_AND_K | BPF_RET_K => true,
            _ => false,
        };
        if !ok {
            return Err(SeccompError::BadProgram("bad instruction"));
        }
    }
    if prog.last().map(|i| i.code) != Some(BPF_RET_K) {
        return Err(SeccompError::BadProgram("does not end with a return"));
    }
    Ok(prog)
}

/// A cache key for [`default_program`]: format version, default profile
/// fingerprint, kernel version and the (normalized, sorted) capabilities.
pub fn cache_key<S: AsRef<str>>(caps: &[S]) -> String {
    let mut caps: Vec<String> = caps.iter().map(|c| norm_cap(c.as_ref())).collect();
    caps.sort();
    caps.dedup();
    // FNV-1a over the embedded profile: changes when the JSON does.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in DEFAULT_PROFILE_JSON.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("v2-{h:016x}-k{}-{}", host_kernel(), caps.join(","))
}

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

/// Human-readable listing of a program, for debugging.
pub fn disassemble(prog: &[libc::sock_filter]) -> String {
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

// ---------------------------------------------------------------------------
// Installation
// ---------------------------------------------------------------------------

/// Install `prog` as a seccomp filter on the calling thread, or with `tsync`
/// on every thread of the process.
///
/// Uses `seccomp(SECCOMP_SET_MODE_FILTER)`, falling back to
/// `prctl(PR_SET_SECCOMP)` on kernels without seccomp(2) (not with `tsync`).
/// The caller must have set no_new_privs (`prctl(PR_SET_NO_NEW_PRIVS, 1)`)
/// first; without it the caller must hold CAP_SYS_ADMIN in its user
/// namespace, else the kernel answers EACCES. Does not allocate unless it
/// fails, so it can run between fork and exec.
pub fn install(prog: &[libc::sock_filter], tsync: bool) -> Result<(), SeccompError> {
    install_with_flags(prog, if tsync { FILTER_FLAG_TSYNC } else { 0 })
}

/// [`install`] with explicit `SECCOMP_FILTER_FLAG_*` bits (see
/// [`Profile::filter_flags`]).
pub fn install_with_flags(prog: &[libc::sock_filter], flags: u32) -> Result<(), SeccompError> {
    if prog.is_empty() || prog.len() > MAX_INSNS {
        return Err(SeccompError::BadProgram("bad length"));
    }
    let fprog = libc::sock_fprog {
        len: prog.len() as libc::c_ushort,
        filter: prog.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: fprog points to prog, which outlives the call; the kernel
    // copies the program.
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
        return Err(SeccompError::Tsync(r));
    }
    let e = errno();
    if e == libc::ENOSYS && flags == 0 {
        // SAFETY: as above.
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
        return Err(SeccompError::Install(errno()));
    }
    Err(SeccompError::Install(e))
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    const AUDIT_ARCH_I386: u32 = 0x4000_0003;
    const EPERM: i64 = libc::EPERM as i64;
    const ENOSYS: i64 = libc::ENOSYS as i64;
    const EINVAL: i64 = libc::EINVAL as i64;

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

    // --- a classic BPF interpreter, for checking programs without the kernel

    pub(super) fn emulate(prog: &[libc::sock_filter], arch: u32, nr: u32, args: [u64; 6]) -> u32 {
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

    // --- a direct, independent evaluation of the profile semantics

    fn holds(a: &Arg, v: u64) -> bool {
        match a.op {
            Op::NotEqual => v != a.value,
            Op::LessThan => v < a.value,
            Op::LessEqual => v <= a.value,
            Op::EqualTo => v == a.value,
            Op::GreaterEqual => v >= a.value,
            Op::GreaterThan => v > a.value,
            Op::MaskedEqual => v & a.value == a.value_two,
        }
    }

    fn holds32(a: &Arg, v: u64) -> bool {
        let (v, k, k2) = (v as u32, a.value as u32, a.value_two as u32);
        match a.op {
            Op::NotEqual => v != k,
            Op::LessThan => v < k,
            Op::LessEqual => v <= k,
            Op::EqualTo => v == k,
            Op::GreaterEqual => v >= k,
            Op::GreaterThan => v > k,
            Op::MaskedEqual => v & k == k2,
        }
    }

    const AUDIT_ARCH_X86_64: u32 = 0xC000_003E;
    const AUDIT_ARCH_AARCH64: u32 = 0xC000_00B7;
    const ABIS: [(&str, u32, u32); 3] = [
        ("SCMP_ARCH_X86_64", AUDIT_ARCH_X86_64, 0),
        ("SCMP_ARCH_X32", AUDIT_ARCH_X86_64, 0x4000_0000),
        ("SCMP_ARCH_X86", AUDIT_ARCH_I386, 0),
    ];

    /// One ABI of the reference: the applicable rules with their numbers.
    struct AbiRef<'a> {
        wide: bool,
        enosys_above: Option<u32>,
        rules: Vec<(Vec<u32>, &'a Syscall)>,
    }

    /// The profile's meaning, evaluated directly: first matching rule wins,
    /// per ABI; ABIs the profile does not list kill the thread.
    struct Reference<'a> {
        dflt: u32,
        /// By `ABIS` index; None: not in the profile.
        abis: Vec<Option<AbiRef<'a>>>,
    }

    impl<'a> Reference<'a> {
        fn new(p: &'a Profile, caps: &[&str], kernel: KernelVersion) -> Self {
            let caps: Vec<String> = caps.iter().map(|c| norm_cap(c)).collect();
            // moby's setupSeccomp: `architectures`, else the amd64 archMap entry.
            let listed: Vec<&str> = if !p.architectures.is_empty() {
                p.architectures.iter().map(String::as_str).collect()
            } else {
                p.arch_map
                    .iter()
                    .filter(|m| m.architecture == "SCMP_ARCH_X86_64")
                    .flat_map(|m| m.sub_architectures.iter().map(String::as_str))
                    .collect()
            };
            let abis = ABIS
                .iter()
                .map(|&(scmp, _, _)| {
                    if scmp != "SCMP_ARCH_X86_64" && !listed.contains(&scmp) {
                        return None;
                    }
                    let rules: Vec<(Vec<u32>, &Syscall)> = p
                        .syscalls
                        .iter()
                        .filter(|s| rule_applies(s, &caps, "amd64", kernel))
                        .map(|s| {
                            let nrs = s
                                .all_names()
                                .filter_map(|n| arch::syscall_number_for(scmp, n));
                            (nrs.collect(), s)
                        })
                        .collect();
                    let max = rules.iter().flat_map(|(n, _)| n.iter().copied()).max();
                    Some(AbiRef {
                        wide: scmp == "SCMP_ARCH_X86_64",
                        enosys_above: max.filter(|_| !p.default_action.allow_like()),
                        rules,
                    })
                })
                .collect();
            Reference {
                dflt: p.default_action.ret(p.default_errno_ret).unwrap(),
                abis,
            }
        }

        fn eval(&self, arch: u32, nr: u32, args: [u64; 6]) -> u32 {
            let abi = match arch {
                AUDIT_ARCH_X86_64 if nr < 0x4000_0000 => &self.abis[0],
                AUDIT_ARCH_X86_64 => &self.abis[1],
                AUDIT_ARCH_I386 => &self.abis[2],
                _ => return RET_KILL_THREAD,
            };
            let Some(abi) = abi else {
                return RET_KILL_THREAD;
            };
            let mut named = false;
            for (nrs, s) in &abi.rules {
                if !nrs.contains(&nr) {
                    continue;
                }
                named = true;
                let mut idx: Vec<u32> = s.args.iter().map(|a| a.index).collect();
                idx.sort();
                let repeated = idx.windows(2).any(|w| w[0] == w[1]);
                let check = |a: &Arg| {
                    let v = args[a.index as usize];
                    if abi.wide {
                        holds(a, v)
                    } else {
                        holds32(a, v)
                    }
                };
                let matched = if repeated {
                    s.args.iter().any(check)
                } else {
                    s.args.iter().all(check)
                };
                if matched {
                    return s.action.ret(s.errno_ret).unwrap();
                }
            }
            match abi.enosys_above {
                Some(m) if !named && nr > m => errno_ret(libc::ENOSYS as u32),
                _ => self.dflt,
            }
        }
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// Compare the compiled program with `reference` on every syscall number
    /// up to 600, the x32 range, foreign architectures, and argument values
    /// around every comparison operand (both halves).
    fn differential(p: &Profile, caps: &[&str], kernel: KernelVersion) -> usize {
        let prog = compile_for_kernel(p, caps, kernel).unwrap();
        let reference = Reference::new(p, caps, kernel);
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0;
        let mut check = |arch: u32, nr: u32, args: [u64; 6]| {
            let got = emulate(&prog, arch, nr, args);
            let want = reference.eval(arch, nr, args);
            assert_eq!(
                got,
                want,
                "arch {arch:#x} nr {nr:#x} args {args:x?}: got {} want {}\n{}",
                ret_name(got),
                ret_name(want),
                disassemble(&prog)
            );
            checked += 1;
        };
        let mut numbers: Vec<u32> = (0..600).chain(0x4000_0000..0x4000_0000 + 600).collect();
        numbers.extend([
            0x3fff_ffff,
            0x7fff_ffff,
            0x8000_0000,
            0xc000_0027,
            0xffff_ffff,
        ]);
        for &n in &numbers {
            for arch in [AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64, 0] {
                check(arch, n, [0; 6]);
            }
        }
        for s in &p.syscalls {
            let mut vals = vec![0, u64::MAX, 1 << 32, 0xffff_ffff];
            let mut all_set = [0u64; 6];
            for a in &s.args {
                for v in [a.value, a.value_two] {
                    vals.extend([
                        v,
                        v.wrapping_add(1),
                        v.wrapping_sub(1),
                        v ^ (1 << 32),
                        v.wrapping_add(1 << 32),
                        v.wrapping_sub(1 << 32),
                        v & 0xffff_ffff,
                        v & !0xffff_ffff,
                        v | 0xffff_ffff_0000_0000,
                    ]);
                }
                all_set[a.index as usize] = if a.op == Op::MaskedEqual {
                    a.value_two
                } else {
                    a.value
                };
            }
            for (scmp, arch, _) in ABIS {
                let Some(n) = s
                    .all_names()
                    .find_map(|n| arch::syscall_number_for(scmp, n))
                else {
                    continue;
                };
                check(arch, n, all_set);
                for &v in &vals {
                    for i in 0..6 {
                        let mut args = all_set;
                        args[i] = v;
                        check(arch, n, args);
                        let mut args = [0; 6];
                        args[i] = v;
                        check(arch, n, args);
                    }
                }
                for _ in 0..50 {
                    let args = [(); 6].map(|_| rng.next());
                    check(arch, n, args);
                }
            }
        }
        checked
    }

    // --- running a program for real in a forked child

    struct Child {
        /// Exit code, or `-signal`.
        status: i32,
        /// Per probe: the return value, or `-errno`.
        results: Vec<i64>,
    }

    /// Fork; in the child set no_new_privs, install `prog` and run each
    /// probe `(nr, args)` with syscall(2). `probes` gets the write end of the
    /// result pipe. The child only makes raw syscalls (no allocation).
    fn run_child(
        prog: &[libc::sock_filter],
        tsync: bool,
        probes: impl FnOnce(i32) -> Vec<(i64, [u64; 6])>,
    ) -> Child {
        let mut fds = [0; 2];
        assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
        let probes = probes(fds[1]);
        let mut results = vec![0i64; probes.len() + 1];
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            unsafe {
                libc::close(fds[0]);
                let code = child_main(prog, tsync, &probes, &mut results, fds[1]);
                libc::_exit(code);
            }
        }
        unsafe { libc::close(fds[1]) };
        let mut buf = vec![0u8; results.len() * 8];
        let mut got = 0;
        while got < buf.len() {
            let n = unsafe { libc::read(fds[0], buf[got..].as_mut_ptr().cast(), buf.len() - got) };
            if n <= 0 {
                break;
            }
            got += n as usize;
        }
        unsafe { libc::close(fds[0]) };
        let mut st = 0;
        assert_eq!(unsafe { libc::waitpid(pid, &mut st, 0) }, pid);
        let status = if libc::WIFEXITED(st) {
            libc::WEXITSTATUS(st)
        } else {
            -libc::WTERMSIG(st)
        };
        let vals: Vec<i64> = buf[..got]
            .chunks_exact(8)
            .map(|c| i64::from_ne_bytes(c.try_into().unwrap()))
            .collect();
        if status == 2 {
            panic!("install failed in child: errno {:?}", vals.first());
        }
        Child {
            status,
            results: vals.get(1..).map(<[i64]>::to_vec).unwrap_or_default(),
        }
    }

    unsafe fn child_main(
        prog: &[libc::sock_filter],
        tsync: bool,
        probes: &[(i64, [u64; 6])],
        results: &mut [i64],
        fd: i32,
    ) -> i32 {
        let put = |results: &[i64]| {
            let bytes = std::mem::size_of_val(results);
            libc::write(fd, results.as_ptr().cast(), bytes);
        };
        if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 {
            return 3;
        }
        if let Err(e) = install(prog, tsync) {
            results[0] = i64::from(e.errno().unwrap_or(-1));
            put(&results[..1]);
            return 2;
        }
        for (i, (n, a)) in probes.iter().enumerate() {
            let r = libc::syscall(*n, a[0], a[1], a[2], a[3], a[4], a[5]);
            results[i + 1] = if r == -1 {
                -i64::from(*libc::__errno_location())
            } else {
                r
            };
        }
        put(results);
        0
    }

    fn p(name: &str, args: &[u64]) -> (i64, [u64; 6]) {
        let mut a = [0u64; 6];
        a[..args.len()].copy_from_slice(args);
        (i64::from(nr(name)), a)
    }

    // --- tests

    #[test]
    fn parses_embedded_default() {
        let d = default_profile();
        assert_eq!(d.default_action, Action::Errno);
        assert_eq!(d.default_errno_ret, Some(1));
        assert!(d.syscalls.len() > 40);
        let all: Vec<&str> = d.syscalls.iter().flat_map(|s| s.all_names()).collect();
        for n in [
            "clone3",
            "close_range",
            "epoll_pwait2",
            "faccessat2",
            "landlock_create_ruleset",
            "memfd_secret",
            "process_mrelease",
            "pidfd_getfd",
            "futex_waitv",
            "cachestat",
            "fchmodat2",
            "map_shadow_stack",
            "futex_wake",
            "futex_wait",
            "futex_requeue",
            "mseal",
            "statmount",
            "listmount",
            "lsm_get_self_attr",
            "setxattrat",
            "removexattrat",
        ] {
            assert!(all.contains(&n), "{n} missing from the default profile");
            assert!(
                syscall_number(n).is_some(),
                "{n} missing from the x86_64 table"
            );
        }
        // Round trip through serde keeps the meaning.
        let again = Profile::from_json(&serde_json::to_string(d).unwrap()).unwrap();
        assert_eq!(&again, d);
    }

    #[test]
    fn default_names_unknown_on_x86_64_are_only_other_abis() {
        let mut unknown: Vec<&str> = default_profile()
            .syscalls
            .iter()
            .flat_map(|s| s.all_names())
            .filter(|n| syscall_number(n).is_none())
            .collect();
        unknown.sort();
        unknown.dedup();
        let suffix_32 = |n: &str| {
            n.ends_with("32") || n.ends_with("_time64") || n.ends_with("64_64") || n.ends_with("64")
        };
        let other_abi = [
            "_llseek",
            "_newselect",
            "arm_fadvise64_64",
            "arm_sync_file_range",
            "breakpoint",
            "cacheflush",
            "ipc",
            "mmap2",
            "recv",
            "riscv_flush_icache",
            "riscv_hwprobe",
            "s390_pci_mmio_read",
            "s390_pci_mmio_write",
            "s390_runtime_instr",
            "select",
            "send",
            "set_tls",
            "sigprocmask",
            "sigreturn",
            "socketcall",
            "stime",
            "swapcontext",
            "sync_file_range2",
            "ugetrlimit",
            "umount",
            "waitpid",
        ];
        for n in unknown {
            assert!(
                other_abi.contains(&n) || suffix_32(n),
                "{n} is in the default profile but not in syscalls_x86_64.rs"
            );
        }
    }

    #[test]
    fn compiles_default_with_docker_caps() {
        let prog = default_program(DOCKER_DEFAULT_CAPS).unwrap();
        assert!(
            prog.len() > 50 && prog.len() < 1000,
            "{} instructions",
            prog.len()
        );
        let x86 = 0xC000_003E;
        let run = |name: &str, args: [u64; 6]| emulate(&prog, x86, nr(name), args);
        assert_eq!(run("getpid", [0; 6]), RET_ALLOW);
        assert_eq!(run("write", [0; 6]), RET_ALLOW);
        assert_eq!(run("keyctl", [0; 6]), errno_ret(1));
        assert_eq!(run("unshare", [0; 6]), errno_ret(1));
        assert_eq!(run("mount", [0; 6]), errno_ret(1));
        assert_eq!(run("io_uring_setup", [0; 6]), errno_ret(1));
        assert_eq!(run("clone3", [0; 6]), errno_ret(38));
        assert_eq!(
            run("clone", [libc::SIGCHLD as u64, 0, 0, 0, 0, 0]),
            RET_ALLOW
        );
        let newuser = (libc::CLONE_NEWUSER | libc::SIGCHLD) as u64;
        assert_eq!(run("clone", [newuser, 0, 0, 0, 0, 0]), errno_ret(1));
        assert_eq!(run("clone", [1 << 32, 0, 0, 0, 0, 0]), RET_ALLOW);
        assert_eq!(run("personality", [0xffff_ffff, 0, 0, 0, 0, 0]), RET_ALLOW);
        assert_eq!(run("personality", [8, 0, 0, 0, 0, 0]), RET_ALLOW);
        assert_eq!(run("personality", [0x0040008, 0, 0, 0, 0, 0]), errno_ret(1));
        assert_eq!(
            run("personality", [(1 << 32) | 8, 0, 0, 0, 0, 0]),
            errno_ret(1)
        );
        assert_eq!(run("socket", [1, 1, 0, 0, 0, 0]), RET_ALLOW);
        assert_eq!(run("socket", [40, 1, 0, 0, 0, 0]), errno_ret(1));
        assert_eq!(run("socket", [38, 5, 0, 0, 0, 0]), errno_ret(1));
        assert_eq!(run("socket", [39, 1, 0, 0, 0, 0]), RET_ALLOW);
        assert_eq!(run("socket", [(1 << 32) | 2, 1, 0, 0, 0, 0]), errno_ret(1));
        assert_eq!(run("chroot", [0; 6]), RET_ALLOW);
        assert_eq!(run("arch_prctl", [0; 6]), RET_ALLOW);
        // ptrace needs kernel >= 4.8 (host) in the default profile.
        assert_eq!(run("ptrace", [0; 6]), RET_ALLOW);
        // Newer than anything the profile names: ENOSYS; holes: EPERM.
        assert_eq!(
            emulate(&prog, x86, nr("open_tree_attr"), [0; 6]),
            errno_ret(38)
        );
        assert_eq!(emulate(&prog, x86, 1000, [0; 6]), errno_ret(38));
        assert_eq!(emulate(&prog, x86, 400, [0; 6]), errno_ret(1));
        // x32 and i386 follow the same rules with their own numbers (see
        // arch.rs for more); other architectures kill the thread.
        assert_eq!(emulate(&prog, x86, 0x4000_0000 | 39, [0; 6]), RET_ALLOW);
        assert_eq!(emulate(&prog, AUDIT_ARCH_I386, 20, [0; 6]), RET_ALLOW);
        assert_eq!(emulate(&prog, AUDIT_ARCH_I386, 286, [0; 6]), errno_ret(1));
        assert_eq!(emulate(&prog, 0xC000_00B7, 172, [0; 6]), RET_KILL_THREAD);
    }

    #[test]
    fn cap_sys_admin_changes_rule_selection() {
        let x86 = 0xC000_003E;
        let dflt = default_program(DOCKER_DEFAULT_CAPS).unwrap();
        let admin = default_program(&admin_caps()).unwrap();
        let newuser = (libc::CLONE_NEWUSER | libc::SIGCHLD) as u64;
        for (name, arg0) in [
            ("unshare", 0),
            ("setns", 0),
            ("mount", 0),
            ("clone", newuser),
            ("lsm_list_modules", 0),
        ] {
            let args = [arg0, 0, 0, 0, 0, 0];
            assert_eq!(emulate(&dflt, x86, nr(name), args), errno_ret(1), "{name}");
            assert_eq!(emulate(&admin, x86, nr(name), args), RET_ALLOW, "{name}");
        }
        assert_eq!(emulate(&dflt, x86, nr("clone3"), [0; 6]), errno_ret(38));
        assert_eq!(emulate(&admin, x86, nr("clone3"), [0; 6]), RET_ALLOW);
        // Capability names may omit CAP_ and be lower case.
        let short = default_program(&["sys_admin"]).unwrap();
        assert_eq!(emulate(&short, x86, nr("unshare"), [0; 6]), RET_ALLOW);
        // Without CAP_SYS_CHROOT, chroot is refused.
        let none = default_program::<&str>(&[]).unwrap();
        assert_eq!(emulate(&none, x86, nr("chroot"), [0; 6]), errno_ret(1));
    }

    #[test]
    fn includes_and_excludes() {
        let x86 = 0xC000_003E;
        let prof = Profile::from_json(
            r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
                {"names":["getpid"],"action":"SCMP_ACT_ERRNO","errnoRet":10,
                 "excludes":{"caps":["CAP_SYS_ADMIN"]}},
                {"names":["getppid"],"action":"SCMP_ACT_ERRNO","errnoRet":11,
                 "includes":{"caps":["CAP_SYS_ADMIN","CAP_NET_ADMIN"]}},
                {"names":["getuid"],"action":"SCMP_ACT_ERRNO","errnoRet":12,
                 "includes":{"arches":["arm64","amd64"]}},
                {"names":["geteuid"],"action":"SCMP_ACT_ERRNO","errnoRet":13,
                 "includes":{"arches":["x32","x86"]}},
                {"names":["getgid"],"action":"SCMP_ACT_ERRNO","errnoRet":14,
                 "excludes":{"arches":["amd64"]}},
                {"names":["getegid"],"action":"SCMP_ACT_ERRNO","errnoRet":15,
                 "includes":{"minKernel":"5.10"}},
                {"names":["gettid"],"action":"SCMP_ACT_ERRNO","errnoRet":16,
                 "excludes":{"minKernel":"5.10"}}]}"#,
        )
        .unwrap();
        let k = |kernel, major| KernelVersion { kernel, major };
        let outcome = |caps: &[&str], kv: KernelVersion| -> Vec<u32> {
            let prog = compile_for_kernel(&prof, caps, kv).unwrap();
            OPS_SYSCALLS
                .iter()
                .map(|n| match emulate(&prog, x86, nr(n), [0; 6]) {
                    RET_ALLOW => 0,
                    r => r & RET_DATA,
                })
                .collect()
        };
        assert_eq!(outcome(&[], k(5, 9)), [10, 0, 12, 0, 0, 0, 16]);
        assert_eq!(
            outcome(&["CAP_SYS_ADMIN"], k(5, 10)),
            [0, 0, 12, 0, 0, 15, 0]
        );
        assert_eq!(
            outcome(&["CAP_NET_ADMIN", "CAP_SYS_ADMIN"], k(6, 1)),
            [0, 11, 12, 0, 0, 15, 0]
        );
        assert_eq!(outcome(&[], k(4, 19)), [10, 0, 12, 0, 0, 0, 16]);
    }

    #[test]
    fn min_kernel_is_evaluated() {
        let x86 = 0xC000_003E;
        let old = KernelVersion {
            kernel: 4,
            major: 7,
        };
        let new = KernelVersion {
            kernel: 4,
            major: 8,
        };
        let caps = DOCKER_DEFAULT_CAPS;
        let p_old = compile_for_kernel(default_profile(), caps, old).unwrap();
        let p_new = compile_for_kernel(default_profile(), caps, new).unwrap();
        assert_eq!(emulate(&p_old, x86, nr("ptrace"), [0; 6]), errno_ret(1));
        assert_eq!(emulate(&p_new, x86, nr("ptrace"), [0; 6]), RET_ALLOW);
        assert_eq!(
            KernelVersion::from_release("6.18.44-fc-v657"),
            Some(KernelVersion {
                kernel: 6,
                major: 18
            })
        );
        assert_eq!(
            KernelVersion::from_release("5.4-rc1"),
            Some(KernelVersion {
                kernel: 5,
                major: 4
            })
        );
        assert!(host_kernel().kernel >= 3);
    }

    #[test]
    fn program_matches_reference_semantics() {
        let k = host_kernel();
        let old = KernelVersion {
            kernel: 4,
            major: 0,
        };
        let mut n = 0;
        n += differential(default_profile(), DOCKER_DEFAULT_CAPS, k);
        n += differential(default_profile(), &admin_caps(), k);
        n += differential(default_profile(), &[], old);
        n += differential(
            default_profile(),
            &["CAP_SYS_PTRACE", "CAP_SYS_NICE", "CAP_BPF", "CAP_PERFMON"],
            k,
        );
        n += differential(&ops_profile(), &[], k);
        n += differential(&masked_profile(), &[], k);
        n += differential(&big_profile(150), &[], k);
        let or_split = Profile::from_json(
            r#"{"defaultAction":"SCMP_ACT_KILL_PROCESS","syscalls":[
                {"names":["getpid"],"action":"SCMP_ACT_ALLOW","args":[
                    {"index":0,"value":5,"op":"SCMP_CMP_NE"},
                    {"index":0,"value":6,"op":"SCMP_CMP_NE"}]},
                {"names":["getppid","getpid"],"action":"SCMP_ACT_TRAP","args":[
                    {"index":0,"value":5,"op":"SCMP_CMP_GE"},
                    {"index":1,"value":6,"op":"SCMP_CMP_LE"}]},
                {"name":"gettid","action":"SCMP_ACT_LOG"},
                {"names":["gettid"],"action":"SCMP_ACT_KILL"},
                {"names":["getuid"],"action":"SCMP_ACT_TRACE","errnoRet":7},
                {"names":["no_such_syscall"],"action":"SCMP_ACT_ALLOW"}]}"#,
        )
        .unwrap();
        n += differential(&or_split, &[], k);
        eprintln!("differential: {n} cases checked");
    }

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
    fn profile_errors_are_one_line() {
        let cases = [
            (
                r#"{"defaultAction":"SCMP_ACT_FOO","syscalls":[]}"#,
                r#"seccomp profile: unknown action "SCMP_ACT_FOO""#,
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],
                   "action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"op":"SCMP_CMP_XX"}]}]}"#,
                r#"seccomp profile: unknown operator "SCMP_CMP_XX""#,
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"name":"read","names":["write"],
                   "action":"SCMP_ACT_ALLOW"}]}"#,
                "seccomp profile: syscalls[0]: 'name' and 'names' were both specified",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],
                   "action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8.1"}}]}"#,
                r#"seccomp profile: invalid minKernel "4.8.1""#,
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],
                   "action":"SCMP_ACT_ALLOW","args":[{"index":6,"value":1,"op":"SCMP_CMP_EQ"}]}]}"#,
                "seccomp profile: syscalls[0]: argument index 6 out of range",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
                   "archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":[]}]}"#,
                "seccomp profile: 'architectures' and 'archMap' were both specified",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_Z80"]}"#,
                r#"seccomp profile: unknown architecture "SCMP_ARCH_Z80""#,
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],
                   "action":"SCMP_ACT_NOTIFY"}]}"#,
                "seccomp profile: syscalls[0]: SCMP_ACT_NOTIFY is not supported",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":[],"action":"SCMP_ACT_ALLOW"}]}"#,
                "seccomp profile: syscalls[0]: no syscall names",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ERRNO","flags":["SECCOMP_FILTER_FLAG_NEW_LISTENER"]}"#,
                "seccomp profile: unknown or unsupported flag",
            ),
            (
                r#"{"syscalls":[]}"#,
                "seccomp profile: missing field `defaultAction`",
            ),
            ("{", "seccomp profile: EOF while parsing"),
        ];
        for (json, want) in cases {
            let msg = Profile::from_json(json).unwrap_err().to_string();
            assert!(
                msg.starts_with(want),
                "{msg:?} does not start with {want:?}"
            );
            assert!(!msg.contains('\n'), "{msg:?}");
        }
        // Tolerated like docker: nulls, unknown keys, legacy "name".
        let p = Profile::from_json(
            r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,"architectures":null,
                "listenerPath":"","syscalls":[{"name":"read","action":"SCMP_ACT_ALLOW",
                "args":null,"includes":null,"excludes":{"minKernel":""}}]}"#,
        )
        .unwrap();
        assert_eq!(p.syscalls[0].all_names().collect::<Vec<_>>(), ["read"]);
        let err = Profile::from_file(Path::new("/nonexistent/x.json")).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("seccomp profile: /nonexistent/x.json: "));
    }

    #[test]
    fn program_for_matches_callers() {
        let caps: Vec<String> = DOCKER_DEFAULT_CAPS.iter().map(|c| c.to_string()).collect();
        let a = program_for(None, &caps).unwrap();
        let b = default_program(&caps).unwrap();
        assert_eq!(program_to_bytes(&a.insns), program_to_bytes(&b));
        assert_eq!(a.flags, 0);
        let custom = program_for(Some(DEFAULT_PROFILE_JSON), &caps).unwrap();
        assert_eq!(program_to_bytes(&custom.insns), program_to_bytes(&b));
        let Err(err) = program_for(Some(r#"{"defaultAction":"SCMP_ACT_FOO"}"#), &caps) else {
            panic!("bad profile accepted");
        };
        assert!(err
            .to_string()
            .starts_with("seccomp profile: unknown action"));
        let e: anyhow::Error = parse_profile("42").unwrap_err().into();
        let msg = format!("{e:#}");
        assert!(msg.starts_with("seccomp profile: invalid type"), "{msg}");
    }

    #[test]
    fn program_for_carries_flags() {
        let json = r#"{"defaultAction":"SCMP_ACT_ALLOW","flags":["SECCOMP_FILTER_FLAG_LOG",
            "SECCOMP_FILTER_FLAG_SPEC_ALLOW"]}"#;
        let prog = program_for(Some(json), &[]).unwrap();
        assert_eq!(prog.flags, FILTER_FLAG_LOG | FILTER_FLAG_SPEC_ALLOW);
        // The flags reach seccomp(2): WAIT_KILLABLE_RECV without NEW_LISTENER
        // is refused by the kernel, the same program without it is not.
        let json = r#"{"defaultAction":"SCMP_ACT_ALLOW","flags":["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]}"#;
        let mut prog = program_for(Some(json), &[]).unwrap();
        for (flags, want) in [(prog.flags, libc::EINVAL), (0, 0)] {
            prog.flags = flags;
            // SAFETY: the child only makes raw syscalls, then _exits.
            let pid = unsafe { libc::fork() };
            if pid == 0 {
                unsafe {
                    libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                    libc::_exit(prog.install().err().and_then(|e| e.errno()).unwrap_or(0));
                }
            }
            let mut st = 0;
            assert_eq!(unsafe { libc::waitpid(pid, &mut st, 0) }, pid);
            assert_eq!(libc::WEXITSTATUS(st), want, "flags {flags:#x}");
        }
    }

    #[test]
    fn bytes_round_trip() {
        let prog = default_program(DOCKER_DEFAULT_CAPS).unwrap();
        let bytes = program_to_bytes(&prog);
        assert_eq!(bytes.len(), prog.len() * 8);
        let back = program_from_bytes(&bytes).unwrap();
        assert_eq!(program_to_bytes(&back), bytes);
        assert!(program_from_bytes(&bytes[..bytes.len() - 8]).is_err());
        assert!(program_from_bytes(&bytes[..12]).is_err());
        assert!(program_from_bytes(&[]).is_err());
        let k1 = cache_key(DOCKER_DEFAULT_CAPS);
        let mut rev = DOCKER_DEFAULT_CAPS.to_vec();
        rev.reverse();
        assert_eq!(k1, cache_key(&rev));
        assert_ne!(k1, cache_key(&admin_caps()));
        assert!(disassemble(&prog).contains("ret ALLOW"));
    }

    #[test]
    fn compile_time() {
        let caps = DOCKER_DEFAULT_CAPS;
        let prof = default_profile();
        let n = 300;
        let t = std::time::Instant::now();
        let mut len = 0;
        for _ in 0..n {
            len = compile(prof, caps).unwrap().len();
        }
        let per = t.elapsed() / n;
        let t = std::time::Instant::now();
        let _ = Profile::from_json(DEFAULT_PROFILE_JSON).unwrap();
        let parse = t.elapsed();
        eprintln!("default profile: {len} instructions, compile {per:?}, parse {parse:?}");
        assert!(per < std::time::Duration::from_millis(20), "{per:?}");
    }
}
