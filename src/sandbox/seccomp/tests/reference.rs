//! The compiled programs against a direct, independent evaluation of the
//! profile semantics, on every syscall number of interest and argument values
//! around every comparison operand.

use super::*;
use crate::sandbox::seccomp::compile::{compile_for_kernel, norm_cap, rule_applies};
use crate::sandbox::seccomp::profile::{host_kernel, Arg, KernelVersion, Op, Syscall};

pub(super) fn holds(a: &Arg, v: u64) -> bool {
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
