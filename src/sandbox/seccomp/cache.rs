//! Compiled programs kept in the runroot (the user's own 0700 runtime dir, never mounted
//! into a container), so `run` and `exec` load ~7 KiB instead of compiling docker's
//! profile for three ABIs each time. The file name is a digest of everything the program
//! depends on: this berth binary (version, size and mtime: a rebuilt compiler never
//! reads an old program), the running kernel (`minKernel`), the profile and the caps.
//! A missing, unreadable or malformed file is just compiled again.

use super::profile::host_kernel;
use super::Program;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 4] = b"BSC1";
/// The kernel takes at most 4096 instructions (BPF_MAXINSNS).
const MAX_INSNS: usize = 4096;

/// Where the program for `profile_json` (None: docker's default) and `caps` is kept.
/// None when this binary cannot be identified (then nothing is cached).
pub(super) fn path(dir: &Path, profile_json: Option<&str>, caps: &[String]) -> Option<PathBuf> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let mtime = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut caps: Vec<&str> = caps.iter().map(String::as_str).collect();
    caps.sort_unstable();
    let key = format!(
        "{}\0{}\0{}\0{}\0{}\0{}\0{}",
        env!("CARGO_PKG_VERSION"),
        exe.len(),
        mtime.as_nanos(),
        host_kernel(),
        std::env::consts::ARCH,
        caps.join(","),
        profile_json.unwrap_or("<default>"),
    );
    let digest = crate::oci::digest::sha256_hex(key.as_bytes());
    Some(dir.join(format!("seccomp-{}.bpf", &digest[..32])))
}

/// A stored program, if the file is there and well formed.
pub(super) fn load(path: &Path) -> Option<Program> {
    let data = std::fs::read(path).ok()?;
    let body = data.strip_prefix(MAGIC.as_slice())?;
    let (flags, insns) = body.split_first_chunk::<4>()?;
    if insns.is_empty() || insns.len() % 8 != 0 || insns.len() / 8 > MAX_INSNS {
        return None;
    }
    let insns = insns
        .chunks_exact(8)
        .map(|c| libc::sock_filter {
            code: u16::from_le_bytes([c[0], c[1]]),
            jt: c[2],
            jf: c[3],
            k: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
        })
        .collect();
    Some(Program {
        insns,
        flags: u32::from_le_bytes(*flags),
    })
}

/// Keep `p` at `path` (temp file + rename: a reader sees all of it or nothing). Best
/// effort: a cache that cannot be written is only slower.
pub(super) fn store(path: &Path, p: &Program) {
    let mut data = Vec::with_capacity(8 + p.insns.len() * 8);
    data.extend_from_slice(MAGIC);
    data.extend_from_slice(&p.flags.to_le_bytes());
    for i in &p.insns {
        data.extend_from_slice(&i.code.to_le_bytes());
        data.extend_from_slice(&[i.jt, i.jf]);
        data.extend_from_slice(&i.k.to_le_bytes());
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, &data).is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_program_loads_the_same_and_bad_files_do_not() {
        let dir = std::env::temp_dir().join(format!("berth-bpf-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let caps = vec!["CAP_CHOWN".to_string(), "CAP_KILL".to_string()];
        let p = super::super::program_for(None, &caps).unwrap();
        let path = path(&dir, None, &caps).unwrap();
        // The caps' order does not matter; the profile and the caps do.
        let swapped = vec!["CAP_KILL".to_string(), "CAP_CHOWN".to_string()];
        assert_eq!(super::path(&dir, None, &swapped).unwrap(), path);
        assert_ne!(super::path(&dir, Some("{}"), &caps).unwrap(), path);
        assert_ne!(super::path(&dir, None, &caps[..1]).unwrap(), path);
        store(&path, &p);
        let back = load(&path).unwrap();
        assert_eq!(back.flags, p.flags);
        assert_eq!(back.insns.len(), p.insns.len());
        for (a, b) in back.insns.iter().zip(&p.insns) {
            assert_eq!((a.code, a.jt, a.jf, a.k), (b.code, b.jt, b.jf, b.k));
        }
        for bad in [
            &b"BSC1"[..],
            b"XXXX\0\0\0\0\0\0\0\0\0\0\0\0",
            b"BSC1\0\0\0\0\0\0\0",
        ] {
            std::fs::write(&path, bad).unwrap();
            assert!(load(&path).is_none(), "{bad:?}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
