//! `--ulimit NAME=SOFT[:HARD]` as docker parses it: the names of `ulimit`'s resources,
//! `-1` for unlimited, a soft limit above the hard one refused; recorded as docker's
//! `HostConfig.Ulimits` and applied by the sandbox (OCI `process.rlimits`).

use anyhow::{bail, Result};
use oci_spec::runtime::PosixRlimitType;
use serde::{Deserialize, Serialize};

/// Docker's `{"Name": "nofile", "Soft": 1024, "Hard": 2048}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Ulimit {
    pub name: String,
    // docker's field order (inspect prints them so).
    pub hard: i64,
    pub soft: i64,
}

const NAMES: [(&str, PosixRlimitType); 16] = [
    ("core", PosixRlimitType::RlimitCore),
    ("cpu", PosixRlimitType::RlimitCpu),
    ("data", PosixRlimitType::RlimitData),
    ("fsize", PosixRlimitType::RlimitFsize),
    ("locks", PosixRlimitType::RlimitLocks),
    ("memlock", PosixRlimitType::RlimitMemlock),
    ("msgqueue", PosixRlimitType::RlimitMsgqueue),
    ("nice", PosixRlimitType::RlimitNice),
    ("nofile", PosixRlimitType::RlimitNofile),
    ("nproc", PosixRlimitType::RlimitNproc),
    ("rss", PosixRlimitType::RlimitRss),
    ("rtprio", PosixRlimitType::RlimitRtprio),
    ("rttime", PosixRlimitType::RlimitRttime),
    ("sigpending", PosixRlimitType::RlimitSigpending),
    ("stack", PosixRlimitType::RlimitStack),
    ("as", PosixRlimitType::RlimitAs),
];

/// Parse one `--ulimit` (docker's go-units ParseUlimit words).
pub fn parse(s: &str) -> Result<Ulimit> {
    let Some((name, limits)) = s.split_once('=') else {
        bail!("invalid ulimit argument: {s}");
    };
    if !NAMES.iter().any(|(n, _)| *n == name) {
        bail!("invalid ulimit type: {name}");
    }
    let num = |v: &str| -> Result<i64> {
        v.parse::<i64>()
            .ok()
            .filter(|n| *n >= -1)
            .ok_or_else(|| anyhow::anyhow!("invalid ulimit value: {v:?} in {s}"))
    };
    let (soft, hard) = match limits.split_once(':') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => {
            let v = num(limits)?;
            (v, v)
        }
    };
    // -1 is unlimited, above any number.
    let above = |a: i64, b: i64| b != -1 && (a == -1 || a > b);
    if above(soft, hard) {
        bail!("ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}");
    }
    Ok(Ulimit {
        name: name.to_string(),
        soft,
        hard,
    })
}

impl Ulimit {
    /// The OCI rlimit (`-1` as RLIM_INFINITY).
    pub fn rlimit(&self) -> Option<oci_spec::runtime::PosixRlimit> {
        let typ = NAMES.iter().find(|(n, _)| *n == self.name)?.1;
        let v = |n: i64| if n < 0 { u64::MAX } else { n as u64 };
        oci_spec::runtime::PosixRlimitBuilder::default()
            .typ(typ)
            .soft(v(self.soft))
            .hard(v(self.hard))
            .build()
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_forms_and_errors() {
        let u = parse("nofile=1024:2048").unwrap();
        assert_eq!((u.soft, u.hard), (1024, 2048));
        let u = parse("nproc=100").unwrap();
        assert_eq!((u.soft, u.hard), (100, 100));
        let u = parse("core=-1").unwrap();
        assert_eq!(u.rlimit().unwrap().hard(), u64::MAX);
        for (bad, words) in [
            ("nofile", "invalid ulimit argument"),
            ("bogus=1", "invalid ulimit type: bogus"),
            ("nofile=x", "invalid ulimit value"),
            ("nofile=-2", "invalid ulimit value"),
            (
                "nofile=10:5",
                "soft limit must be less than or equal to hard limit",
            ),
            (
                "nofile=-1:5",
                "soft limit must be less than or equal to hard limit",
            ),
        ] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.contains(words), "{bad}: {e}");
        }
    }
}
