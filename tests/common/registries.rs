//! Where the test registries listen: tests/registry-setup.sh picks free loopback ports
//! and records them in $BERTH_TEST_DIR/registry/ports (`BERTH_TEST_REGISTRY_PLAIN=...`);
//! the same variables in the environment win. Include with
//! `#[path = "common/registries.rs"] mod registries;`.
#![allow(dead_code)]

use std::fmt;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The registry directory (CA, certs/, live/ logs, ports).
pub fn registry_dir() -> PathBuf {
    PathBuf::from(std::env::var("BERTH_TEST_DIR").unwrap_or_else(|_| "/var/tmp/berth-test".into()))
        .join("registry")
}

/// One registry's `127.0.0.1:PORT`, read once; usable where a `&str` is (`&PLAIN`,
/// `&*PLAIN`) and in `format!("{PLAIN}/...")`.
pub struct Addr {
    key: &'static str,
    cell: OnceLock<String>,
}

impl Addr {
    const fn new(key: &'static str) -> Addr {
        Addr {
            key,
            cell: OnceLock::new(),
        }
    }

    fn get(&self) -> &str {
        self.cell.get_or_init(|| {
            if let Ok(v) = std::env::var(self.key) {
                return v;
            }
            let f = registry_dir().join("ports");
            let text = std::fs::read_to_string(&f).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}: run tests/registry-setup.sh as root first (it records the registries' ports there)",
                    f.display()
                )
            });
            text.lines()
                .find_map(|l| l.strip_prefix(self.key)?.strip_prefix('='))
                .map(|v| v.trim().to_string())
                .unwrap_or_else(|| panic!("{} not in {}", self.key, f.display()))
        })
    }

    pub fn port(&self) -> u16 {
        self.get().rsplit(':').next().unwrap().parse().unwrap()
    }
}

impl Deref for Addr {
    type Target = str;
    fn deref(&self) -> &str {
        self.get()
    }
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

/// Plain HTTP, no auth.
pub static PLAIN: Addr = Addr::new("BERTH_TEST_REGISTRY_PLAIN");
/// HTTPS with the test CA, basic auth labuser/labpass.
pub static TLS: Addr = Addr::new("BERTH_TEST_REGISTRY_TLS");
