//! Docker's JSON seccomp profile format (`docker run --security-opt
//! seccomp=FILE.json`): the types, parsing and validation, and the kernel
//! version that `minKernel` is compared with.

use std::fmt;
use std::sync::OnceLock;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{
    perr, SeccompError, RET_ALLOW, RET_DATA, RET_ERRNO, RET_KILL_PROCESS, RET_KILL_THREAD, RET_LOG,
    RET_TRACE, RET_TRAP,
};

/// `SECCOMP_FILTER_FLAG_TSYNC`.
pub(super) const FILTER_FLAG_TSYNC: u32 = 1;
/// `SECCOMP_FILTER_FLAG_LOG`.
pub(super) const FILTER_FLAG_LOG: u32 = 2;
/// `SECCOMP_FILTER_FLAG_SPEC_ALLOW`.
pub(super) const FILTER_FLAG_SPEC_ALLOW: u32 = 4;
/// `SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV`.
pub(super) const FILTER_FLAG_WAIT_KILLABLE_RECV: u32 = 32;

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
    pub(super) const ALL: [Action; 9] = [
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
    pub(super) fn ret(self, data: Option<u32>) -> Result<u32, SeccompError> {
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

    pub(super) fn allow_like(self) -> bool {
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
    pub(super) const ALL: [Op; 7] = [
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
pub(super) fn host_kernel() -> KernelVersion {
    static K: OnceLock<KernelVersion> = OnceLock::new();
    *K.get_or_init(|| {
        let Ok(u) = nix::sys::utsname::uname() else {
            return KernelVersion::default();
        };
        KernelVersion::from_release(&u.release().to_string_lossy()).unwrap_or_default()
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

    /// Check everything that does not depend on the host (done by
    /// [`Profile::from_json`] and again when compiling).
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

    /// The `SECCOMP_FILTER_FLAG_*` bits named by `flags` (passed to
    /// seccomp(2) by [`super::Program::install`]).
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
