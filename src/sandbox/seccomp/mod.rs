//! Docker-format seccomp profiles, compiled to classic BPF without libseccomp.
//!
//! This module reads the JSON format that `docker run --security-opt
//! seccomp=FILE.json` takes ([`Profile`]), evaluates a profile's
//! `includes`/`excludes` against the container's capabilities and the running
//! kernel the way moby's `profiles/seccomp` package does, compiles the result
//! into a seccomp BPF program and installs it ([`Program::install`]).
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
//! `arch.rs`. With docker's default profile on x86_64 that is x86_64, i386
//! (`int $0x80`) and x32, each checked against the same rules with its own
//! syscall numbers, as docker does. Anything else gets the thread killed
//! (libseccomp's bad-architecture action, which docker keeps). aarch64
//! (`AUDIT_ARCH_AARCH64`, generic syscall table) is future work: on any
//! architecture other than x86_64, [`program_for`] returns
//! [`SeccompError::UnsupportedArch`].
//!
//! `includes.arches`/`excludes.arches` are compared with the libseccomp name
//! of the native architecture (`"amd64"`), exactly like docker does.
//!
//! # The embedded default profile (`default.json`)
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
//!
//! # Layout
//!
//! * this file: the API the rest of berth uses ([`program_for`],
//!   [`parse_profile`], [`Program`]) and the kernel's constants;
//! * `profile.rs`: the JSON profile types, parsing and validation;
//! * `compile.rs`: rules to BPF (rule selection, dispatch on the syscall
//!   number, argument comparisons);
//! * `asm.rs`: the BPF assembler (labels, long jumps);
//! * `arch.rs` and `syscalls_*.rs`: the ABIs and their syscall tables;
//! * `install.rs`: seccomp(2) / prctl(2);
//! * `tests/`: the tests, by subject.
#![cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]

use std::sync::OnceLock;

mod arch;
mod asm;
mod cache;
mod compile;
mod install;
mod profile;
#[cfg(all(test, target_arch = "x86_64"))]
mod tests;

pub use profile::{Action, ArchMap, Arg, Filter, KernelVersion, Op, Profile, Syscall};

/// The embedded default profile (see the module documentation).
const DEFAULT_PROFILE_JSON: &str = include_str!("default.json");

/// The kernel's limit on the length of a seccomp BPF program.
const MAX_INSNS: usize = 4096;

// seccomp return values (linux/seccomp.h).
const RET_KILL_PROCESS: u32 = 0x8000_0000;
const RET_KILL_THREAD: u32 = 0x0000_0000;
const RET_TRAP: u32 = 0x0003_0000;
const RET_ERRNO: u32 = 0x0005_0000;
const RET_TRACE: u32 = 0x7ff0_0000;
const RET_LOG: u32 = 0x7ffc_0000;
const RET_ALLOW: u32 = 0x7fff_0000;
const RET_DATA: u32 = 0x0000_ffff;

/// Errors from loading, compiling or installing a seccomp profile.
#[derive(Debug, thiserror::Error)]
pub enum SeccompError {
    /// The profile is malformed or uses something unsupported.
    #[error("seccomp profile: {0}")]
    Profile(String),
    /// No syscall table for this CPU architecture yet.
    #[error("seccomp: unsupported architecture")]
    UnsupportedArch,
    /// The compiled program exceeds the kernel's limit (4096 instructions).
    #[error("seccomp: compiled filter has {0} instructions, more than the kernel's limit of 4096")]
    TooLarge(usize),
    /// A program is not acceptable (bad length, bad jump).
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

/// Docker's default profile (embedded, parsed once).
fn default_profile() -> &'static Profile {
    static P: OnceLock<Profile> = OnceLock::new();
    P.get_or_init(|| {
        Profile::from_json(DEFAULT_PROFILE_JSON).expect("embedded default.json is valid")
    })
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
    insns: Vec<libc::sock_filter>,
    flags: u32,
}

impl Program {
    /// Install on the calling thread (on every thread with the profile's
    /// `SECCOMP_FILTER_FLAG_TSYNC`). The caller must have set no_new_privs
    /// first, or hold CAP_SYS_ADMIN in its user namespace (else EACCES). Does
    /// not allocate unless it fails, so it can run between fork and exec.
    pub fn install(&self) -> Result<(), SeccompError> {
        install::install(&self.insns, self.flags)
    }
}

/// A container's seccomp choice. Stored as docker's words: nothing for the default
/// profile, `"unconfined"`, or the custom profile's JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(from = "Option<String>", into = "Option<String>")]
pub enum SeccompMode {
    #[default]
    Default,
    Unconfined,
    Custom(String),
}

impl From<Option<String>> for SeccompMode {
    fn from(v: Option<String>) -> Self {
        match v {
            None => SeccompMode::Default,
            Some(s) if s == "unconfined" => SeccompMode::Unconfined,
            Some(json) => SeccompMode::Custom(json),
        }
    }
}

impl From<SeccompMode> for Option<String> {
    fn from(m: SeccompMode) -> Self {
        match m {
            SeccompMode::Default => None,
            SeccompMode::Unconfined => Some("unconfined".into()),
            SeccompMode::Custom(json) => Some(json),
        }
    }
}

impl SeccompMode {
    /// The filter to install for a process with capabilities `caps` (None: unconfined),
    /// kept compiled in `cache_dir` (the runroot): compiling docker's profile for three
    /// ABIs costs more than the rest of an exec's setup.
    pub fn program_cached(
        &self,
        caps: &[String],
        cache_dir: &std::path::Path,
    ) -> Result<Option<Program>, SeccompError> {
        let json = match self {
            SeccompMode::Unconfined => return Ok(None),
            SeccompMode::Default => None,
            SeccompMode::Custom(json) => Some(json.as_str()),
        };
        let path = cache::path(cache_dir, json, caps);
        if let Some(p) = path.as_deref().and_then(cache::load) {
            return Ok(Some(p));
        }
        let p = program_for(json, caps)?;
        if let Some(path) = &path {
            cache::store(path, &p);
        }
        Ok(Some(p))
    }
}

/// The program for a container: `profile_json` is the text of a custom
/// profile, `None` for the default one (`unconfined` is the caller's
/// business: no program at all). `caps` is the container's capability set
/// (`"CAP_SYS_ADMIN"` or `"SYS_ADMIN"`); `minKernel` is evaluated against the
/// running kernel.
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
        insns: compile::compile(profile, caps)?,
        flags: profile.filter_flags()?,
    })
}
