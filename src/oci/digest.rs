//! sha256 digests (ring) and readers/writers that compute them while data streams by.

use ring::digest::{Context as Hasher, SHA256};
use std::io::{self, Read, Write};

pub fn sha256_hex(data: &[u8]) -> String {
    crate::store::ids::hex(ring::digest::digest(&SHA256, data).as_ref())
}

pub fn sha256_digest(data: &[u8]) -> String {
    format!("sha256:{}", sha256_hex(data))
}

/// Wraps a reader and hashes every byte read through it.
pub struct HashingReader<R> {
    inner: R,
    hasher: Hasher,
    count: u64,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Hasher::new(&SHA256),
            count: 0,
        }
    }
    /// Reads whatever is left (tar readers stop before trailing padding), then returns
    /// `sha256:<hex>` and the total byte count.
    pub fn finish(mut self) -> io::Result<(String, u64)> {
        io::copy(&mut self, &mut io::sink())?;
        let d = self.hasher.finish();
        Ok((
            format!("sha256:{}", crate::store::ids::hex(d.as_ref())),
            self.count,
        ))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// Wraps a writer and hashes every byte written through it.
pub struct HashingWriter<W> {
    inner: W,
    hasher: Hasher,
    count: u64,
}

impl<W: Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Hasher::new(&SHA256),
            count: 0,
        }
    }
    pub fn finish(self) -> (W, String, u64) {
        let d = self.hasher.finish();
        (
            self.inner,
            format!("sha256:{}", crate::store::ids::hex(d.as_ref())),
            self.count,
        )
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The chain id of a layer stack (OCI image spec): chain(L0) = diff(L0),
/// chain(Ln) = sha256(chain(Ln-1) + " " + diff(Ln)).
pub fn chain_ids(diff_ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(diff_ids.len());
    for d in diff_ids {
        let next = match out.last() {
            None => d.clone(),
            Some(prev) => sha256_digest(format!("{prev} {d}").as_bytes()),
        };
        out.push(next);
    }
    out
}

pub fn hex_of(digest: &str) -> &str {
    digest.strip_prefix("sha256:").unwrap_or(digest)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn hashes() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let mut r = HashingReader::new(&b"abc"[..]);
        let mut v = Vec::new();
        r.read_to_end(&mut v).unwrap();
        assert_eq!(r.finish().unwrap().0, sha256_digest(b"abc"));
        let c = chain_ids(&["sha256:a".into(), "sha256:b".into()]);
        assert_eq!(c[0], "sha256:a");
        assert_eq!(c[1], sha256_digest(b"sha256:a sha256:b"));
    }
}
