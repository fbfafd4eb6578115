//! A small classic-BPF assembler: instructions with symbolic labels, resolved
//! into relative jumps, with `ja` trampolines for conditional jumps further
//! than the 255 instructions their 8-bit offsets reach.

use super::{SeccompError, MAX_INSNS};

// Classic BPF opcodes (linux/filter.h).
pub(super) const BPF_LD_W_ABS: u16 = 0x20; // BPF_LD (0) | BPF_W (0) | BPF_ABS
pub(super) const BPF_ALU_AND_K: u16 = 0x04 | 0x50; // BPF_ALU | BPF_AND | BPF_K
pub(super) const BPF_JMP_JA: u16 = 0x05; // BPF_JMP | BPF_JA
pub(super) const BPF_JEQ_K: u16 = 0x05 | 0x10;
pub(super) const BPF_JGT_K: u16 = 0x05 | 0x20;
pub(super) const BPF_JGE_K: u16 = 0x05 | 0x30;
#[cfg(test)]
pub(super) const BPF_JSET_K: u16 = 0x05 | 0x40;
pub(super) const BPF_RET_K: u16 = 0x06;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Label(usize);

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

/// A program under construction.
#[derive(Default)]
pub(super) struct Asm {
    items: Vec<Item>,
    labels: usize,
}

impl Asm {
    pub(super) fn label(&mut self) -> Label {
        self.labels += 1;
        Label(self.labels - 1)
    }
    pub(super) fn bind(&mut self, l: Label) {
        self.items.push(Item::Bind(l));
    }
    pub(super) fn ld(&mut self, off: u32) {
        self.items.push(Item::Stmt {
            code: BPF_LD_W_ABS,
            k: off,
        });
    }
    pub(super) fn alu_and(&mut self, k: u32) {
        self.items.push(Item::Stmt {
            code: BPF_ALU_AND_K,
            k,
        });
    }
    pub(super) fn ret(&mut self, k: u32) {
        self.items.push(Item::Stmt { code: BPF_RET_K, k });
    }
    pub(super) fn jcc(&mut self, code: u16, k: u32, jt: Label, jf: Label) {
        self.items.push(Item::Jcc { code, k, jt, jf });
    }
    pub(super) fn ja(&mut self, l: Label) {
        self.items.push(Item::Ja(l));
    }

    /// Resolve labels. Conditional jumps only reach 255 instructions ahead;
    /// a jump whose target is further gets a `ja` trampoline (32-bit offset)
    /// right after it, repeated until every jump fits.
    pub(super) fn finish(mut self) -> Result<Vec<libc::sock_filter>, SeccompError> {
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
