//! Sizes in run options (`--shm-size`, `--log-opt max-size`, later `--memory`): docker's
//! `64m`, `1g`, `512k` or plain bytes.

use anyhow::{bail, Result};

/// `64m`, `1g`, `512k`, plain bytes (a trailing `b` allowed). Negative, non-finite or
/// too large for 64 bits is refused.
pub fn parse_bytes(s: &str) -> Result<u64> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mult) = match s.trim_end_matches('b').chars().last() {
        Some('k') => (&s[..s.trim_end_matches('b').len() - 1], 1u64 << 10),
        Some('m') => (&s[..s.trim_end_matches('b').len() - 1], 1 << 20),
        Some('g') => (&s[..s.trim_end_matches('b').len() - 1], 1 << 30),
        _ => (s.trim_end_matches('b'), 1),
    };
    match num.parse::<f64>() {
        Ok(n) if n >= 0.0 && (n * mult as f64) < u64::MAX as f64 => Ok((n * mult as f64) as u64),
        _ => bail!("invalid size: {s:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_bytes;

    #[test]
    fn sizes_like_docker() {
        assert_eq!(parse_bytes("64m").unwrap(), 64 << 20);
        assert_eq!(parse_bytes("1g").unwrap(), 1 << 30);
        assert_eq!(parse_bytes("512kb").unwrap(), 512 << 10);
        assert_eq!(parse_bytes("100").unwrap(), 100);
        for bad in ["-1", "NaN", "inf", "1e30g", "x", ""] {
            assert!(parse_bytes(bad).is_err(), "{bad}");
        }
    }
}
