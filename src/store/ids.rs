//! Object ids (64 hex characters, like docker's) and container names.

use anyhow::{bail, Result};
use std::io::Read;

pub fn new_id() -> String {
    let mut buf = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .expect("reading /dev/urandom");
    hex(&buf)
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

pub const MAX_NAME: usize = 255;

/// Docker's rule for container names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
pub fn validate_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let ok = match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() => {
            name.len() >= 2 && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        }
        _ => false,
    };
    if !ok {
        bail!("Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    // A name is reserved as a file name: the filesystem's limit is ours.
    if name.len() > MAX_NAME {
        bail!("Invalid container name: longer than {MAX_NAME} characters");
    }
    Ok(())
}

const ADJECTIVES: &[&str] = &[
    "admiring",
    "brave",
    "clever",
    "dazzling",
    "eager",
    "focused",
    "gallant",
    "happy",
    "jolly",
    "keen",
    "lucid",
    "modest",
    "nifty",
    "optimistic",
    "quirky",
    "relaxed",
    "serene",
    "tender",
    "upbeat",
    "vibrant",
    "wizardly",
    "youthful",
    "zealous",
    "bold",
];
const NOUNS: &[&str] = &[
    "turing", "hopper", "lovelace", "curie", "darwin", "euler", "gauss", "hypatia", "kepler",
    "lamarr", "meitner", "noether", "pascal", "ritchie", "shannon", "tesla", "thompson", "wozniak",
    "yalow", "knuth", "babbage", "bohr", "dijkstra", "fermat",
];

/// A docker-style random name such as `brave_turing`.
pub fn random_name() -> String {
    let mut b = [0u8; 2];
    let _ = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut b));
    format!(
        "{}_{}",
        ADJECTIVES[b[0] as usize % ADJECTIVES.len()],
        NOUNS[b[1] as usize % NOUNS.len()]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn names() {
        assert!(validate_name("web").is_ok());
        assert!(validate_name("a.b-c_d").is_ok());
        assert!(validate_name("-x").is_err());
        assert!(validate_name("a").is_err());
        assert!(validate_name("a/b").is_err());
        assert!(validate_name(&"a".repeat(255)).is_ok());
        assert!(validate_name(&"a".repeat(256)).is_err());
        assert_eq!(new_id().len(), 64);
    }
}
