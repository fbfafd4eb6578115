//! Detach keys (`--detach-keys`, default ctrl-p,ctrl-q): docker's notation and the
//! matcher that watches a terminal's input for the sequence.

use anyhow::{bail, Result};

pub const DEFAULT: &str = "ctrl-p,ctrl-q";

/// Parse docker's notation: comma-separated keys, each one character or `ctrl-X`
/// with X in a-z, @, [, \, ], ^, _. Empty means the default.
pub fn parse(spec: &str) -> Result<Vec<u8>> {
    let spec = if spec.is_empty() { DEFAULT } else { spec };
    let mut out = Vec::new();
    for key in spec.split(',') {
        let b = key.as_bytes();
        match b {
            [c] => out.push(*c),
            [b'c', b't', b'r', b'l', b'-', c] => match c.to_ascii_lowercase() {
                c @ b'a'..=b'z' => out.push(c - b'a' + 1),
                b'@' => out.push(0),
                c @ (b'[' | b'\\' | b']' | b'^' | b'_') => out.push(c - b'@'),
                _ => bail!("Invalid detach keys ({spec}) provided"),
            },
            _ => bail!("Invalid detach keys ({spec}) provided"),
        }
    }
    Ok(out)
}

/// Watches input for the detach sequence. A partial match is held back and released
/// when the next byte does not continue it, as docker's escape proxy does.
pub struct Matcher {
    keys: Vec<u8>,
    held: usize,
}

impl Matcher {
    pub fn new(keys: Vec<u8>) -> Matcher {
        Matcher { keys, held: 0 }
    }

    /// Input to pass on, and whether the whole sequence was typed.
    pub fn feed(&mut self, input: &[u8]) -> (Vec<u8>, bool) {
        let mut out = Vec::with_capacity(input.len());
        for &b in input {
            if self.keys.is_empty() {
                out.push(b);
                continue;
            }
            if b == self.keys[self.held] {
                self.held += 1;
                if self.held == self.keys.len() {
                    self.held = 0;
                    return (out, true);
                }
            } else {
                out.extend_from_slice(&self.keys[..self.held]);
                self.held = 0;
                out.push(b);
            }
        }
        (out, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notation() {
        assert_eq!(parse("").unwrap(), vec![16, 17]);
        assert_eq!(parse("ctrl-p,ctrl-q").unwrap(), vec![16, 17]);
        assert_eq!(parse("ctrl-a,x").unwrap(), vec![1, b'x']);
        assert_eq!(parse("ctrl-@,ctrl-[,ctrl-_").unwrap(), vec![0, 27, 31]);
        assert_eq!(
            parse("bogus").unwrap_err().to_string(),
            "Invalid detach keys (bogus) provided"
        );
        assert!(parse("ctrl-1").is_err());
        assert!(parse("a,,b").is_err());
    }

    #[test]
    fn matcher_holds_and_releases() {
        let mut m = Matcher::new(vec![16, 17]);
        assert_eq!(m.feed(b"ab\x10"), (b"ab".to_vec(), false));
        // Not the second key: the held ctrl-p goes through with it.
        assert_eq!(m.feed(b"c"), (b"\x10c".to_vec(), false));
        // Split across reads.
        assert_eq!(m.feed(b"x\x10"), (b"x".to_vec(), false));
        assert_eq!(m.feed(b"\x11rest"), (vec![], true));
    }
}
