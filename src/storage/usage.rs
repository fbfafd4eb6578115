//! Disk usage of a tree as `du --apparent-size` counts it (what docker's SizeRw and
//! prune's "reclaimed space" report): the bytes of regular files and symlinks, without
//! following links; what cannot be read (a mapped user's private directory) is not
//! counted.

use std::path::Path;

pub fn dir_size(p: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else {
        return 0;
    };
    let mut n = 0;
    for e in rd.flatten() {
        let Ok(m) = e.path().symlink_metadata() else {
            continue;
        };
        if m.is_dir() {
            n += dir_size(&e.path());
        } else if m.is_file() || m.file_type().is_symlink() {
            n += m.len();
        }
    }
    n
}
