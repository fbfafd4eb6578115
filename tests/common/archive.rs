//! Hostile fixtures made by the tests themselves: layer tars and docker-archives with
//! whatever entries a test needs (symlinks out, whiteouts, links in the outer archive),
//! built with the `tar` crate so each test shows the attack it defends against.

use std::path::Path;

/// One layer's tar stream, entries in the order they are added.
pub struct Layer {
    b: tar::Builder<Vec<u8>>,
}

fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_size(size);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(1_700_000_000);
    h
}

impl Default for Layer {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer {
    pub fn new() -> Layer {
        Layer {
            b: tar::Builder::new(Vec::new()),
        }
    }

    /// The host's static busybox at /bin/busybox with `sh` and a few applets linked to it.
    pub fn busybox() -> Layer {
        let mut l = Layer::new();
        l.dir("bin");
        let bb = std::fs::read("/bin/busybox").expect("/bin/busybox (busybox-static)");
        l.file_mode("bin/busybox", &bb, 0o755);
        for applet in [
            "sh", "cat", "ls", "id", "echo", "true", "test", "stat", "sleep", "touch", "readlink",
        ] {
            l.symlink(&format!("bin/{applet}"), "busybox");
        }
        l
    }

    pub fn dir(&mut self, path: &str) -> &mut Self {
        let mut h = header(tar::EntryType::Directory, 0o755, 0);
        self.b
            .append_data(&mut h, path, std::io::empty())
            .expect("dir entry");
        self
    }

    pub fn file(&mut self, path: &str, data: &[u8]) -> &mut Self {
        self.file_mode(path, data, 0o644)
    }

    pub fn file_mode(&mut self, path: &str, data: &[u8], mode: u32) -> &mut Self {
        let mut h = header(tar::EntryType::Regular, mode, data.len() as u64);
        self.b.append_data(&mut h, path, data).expect("file entry");
        self
    }

    pub fn symlink(&mut self, path: &str, target: &str) -> &mut Self {
        let mut h = header(tar::EntryType::Symlink, 0o777, 0);
        self.b
            .append_link(&mut h, path, target)
            .expect("symlink entry");
        self
    }

    /// An entry written by hand, for names the builder's checks would refuse (`..`).
    pub fn raw_file(&mut self, path: &[u8], data: &[u8]) -> &mut Self {
        let mut h = header(tar::EntryType::Regular, 0o644, data.len() as u64);
        let name = &mut h.as_old_mut().name;
        name[..path.len()].copy_from_slice(path);
        h.set_cksum();
        self.b.append(&h, data).expect("raw entry");
        self
    }

    pub fn finish(self) -> Vec<u8> {
        self.b.into_inner().expect("finishing layer")
    }
}

pub fn sha256_hex(data: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, data)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The image config for `layers` (uncompressed tars), with `Cmd` and `extra` config keys.
pub fn config(layers: &[Vec<u8>], cmd: &[&str]) -> Vec<u8> {
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{}", sha256_hex(l)))
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64",
        "os": "linux",
        "created": "2023-11-14T22:13:20Z",
        "config": {"Cmd": cmd, "Env": ["PATH=/bin"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
    }))
    .unwrap()
}

/// Entries of a docker-archive's outer tar, for tests that need more than `docker_archive`.
pub enum Outer<'a> {
    File(&'a str, &'a [u8]),
    Symlink(&'a str, &'a str),
    Dir(&'a str),
}

pub fn outer_tar(path: &Path, entries: &[Outer]) {
    let mut l = Layer::new();
    for e in entries {
        match e {
            Outer::File(p, d) => l.file(p, d),
            Outer::Symlink(p, t) => l.symlink(p, t),
            Outer::Dir(p) => l.dir(p),
        };
    }
    std::fs::write(path, l.finish()).expect("writing archive");
    make_readable(path);
}

/// A docker-archive (`docker save` layout) of one image tagged `tag`.
pub fn docker_archive(path: &Path, tag: &str, layers: &[Vec<u8>], cmd: &[&str]) {
    let cfg = config(layers, cmd);
    let cfg_name = format!("{}.json", sha256_hex(&cfg));
    let names: Vec<String> = (0..layers.len())
        .map(|i| format!("l{i}/layer.tar"))
        .collect();
    let manifest = serde_json::to_vec(&serde_json::json!([{
        "Config": cfg_name, "RepoTags": [tag], "Layers": names,
    }]))
    .unwrap();
    let mut entries: Vec<Outer> = vec![Outer::File(&cfg_name, &cfg)];
    for (n, l) in names.iter().zip(layers) {
        entries.push(Outer::File(n, l));
    }
    entries.push(Outer::File("manifest.json", &manifest));
    outer_tar(path, &entries);
}

/// Readable by the test user, whatever the umask.
pub fn make_readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
}
