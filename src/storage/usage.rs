//! Bytes a container wrote, as docker's SizeRw, `ps -s`, `system df` and prune's
//! "reclaimed space" count them: files and symlinks of its upper dir (not directories
//! or whiteouts), without following links, as far as this user can read it (a mapped
//! user's private directory is not counted).

use std::os::unix::fs::FileTypeExt;
use std::path::Path;

pub fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(m) = e.path().symlink_metadata() else {
                continue;
            };
            if m.is_dir() {
                stack.push(e.path());
            } else if !m.file_type().is_char_device() {
                total += m.len();
            }
        }
    }
    total
}
