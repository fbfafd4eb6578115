//! Compiling a profile's rules into a BPF program: which rules apply to the
//! container (capabilities, architecture, kernel), the dispatch on
//! `seccomp_data.arch` and a binary search over syscall numbers per ABI, and
//! the 64-bit argument comparisons. `arch.rs` says which ABIs a profile
//! covers; `asm.rs` lays the result out.

use std::collections::BTreeMap;

use super::arch;
use super::asm::{Asm, Label, BPF_JEQ_K, BPF_JGE_K, BPF_JGT_K};
use super::profile::{host_kernel, Arg, KernelVersion, Op, Profile, Syscall};
use super::{SeccompError, RET_ERRNO, RET_KILL_THREAD};

// struct seccomp_data offsets.
pub(super) const DATA_NR: u32 = 0;
pub(super) const DATA_ARCH: u32 = 4;

pub(super) fn norm_cap(c: &str) -> String {
    let c = c.trim().to_ascii_uppercase();
    if c.starts_with("CAP_") {
        c
    } else {
        format!("CAP_{c}")
    }
}

/// moby's include/exclude evaluation (profiles/seccomp/seccomp_linux.go).
pub(super) fn rule_applies(
    s: &Syscall,
    caps: &[String],
    arch: &str,
    kernel: KernelVersion,
) -> bool {
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
pub(super) fn compile<S: AsRef<str>>(
    profile: &Profile,
    caps: &[S],
) -> Result<Vec<libc::sock_filter>, SeccompError> {
    compile_for_kernel(profile, caps, host_kernel())
}

/// [`compile`], evaluating `minKernel` against `kernel` instead of the host.
pub(super) fn compile_for_kernel<S: AsRef<str>>(
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

/// The offsets of the (low, high) halves of `seccomp_data.args[index]`.
pub(super) fn arg_offsets(index: u32) -> (u32, u32) {
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
