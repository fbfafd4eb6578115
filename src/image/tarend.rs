//! Where a layer's tar stream ends, to tell umoci's layers from truncated ones.
//!
//! umoci writes layers whose stream stops right after the last entry's data: no padding
//! to the next 512-byte block, no end-of-archive blocks. Docker (Go's archive/tar) takes
//! an end of stream exactly there as the end of the archive; the `tar` crate instead
//! fails to skip the missing padding ("unexpected EOF during skip"). A stream that ends
//! anywhere else (inside an entry's data, its padding or a header) is truncated, and is
//! refused by both.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

/// A reader that records the offset at which its stream ended.
pub struct Tracked<R> {
    inner: R,
    pos: u64,
    eof: Rc<Cell<Option<u64>>>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() && self.eof.get().is_none() {
            self.eof.set(Some(self.pos));
        }
        self.pos += n as u64;
        Ok(n)
    }
}

/// What the reader of a [`Tracked`] stream knows about its end.
pub struct End {
    eof: Rc<Cell<Option<u64>>>,
    /// Offset just past the data of the last entry read, if known.
    data_end: Option<u64>,
}

/// Wrap the stream given to `tar::Archive::new`.
pub fn track<R: Read>(inner: R) -> (Tracked<R>, End) {
    let eof = Rc::new(Cell::new(None));
    let end = End {
        eof: eof.clone(),
        data_end: None,
    };
    (Tracked { inner, pos: 0, eof }, end)
}

impl End {
    /// Note the entry the archive just returned.
    pub fn entry<R: Read>(&mut self, e: &tar::Entry<R>) {
        // A GNU sparse entry's size is the expanded one: its stored end is not known.
        self.data_end = (!e.header().entry_type().is_gnu_sparse())
            .then(|| e.raw_file_position().saturating_add(e.size()));
    }

    /// Whether reading the next entry failed only because the stream ended right after
    /// the last entry's data (umoci): then that is the end of the archive.
    pub fn unpadded(&self) -> bool {
        self.data_end.is_some() && self.eof.get() == self.data_end
    }

    /// The error for a failure to read the next entry: says so when the stream ended
    /// early.
    pub fn error(&self, e: io::Error) -> anyhow::Error {
        match (self.eof.get(), self.data_end) {
            (Some(at), Some(end)) if at < end => anyhow::anyhow!(
                "the tar stream is truncated: it ends at byte {at}, inside the data of its \
                 last entry (which ends at byte {end})"
            ),
            (Some(at), _) => anyhow::anyhow!(
                "the tar stream is truncated: it ends at byte {at}, inside a header or padding ({e})"
            ),
            (None, _) => anyhow::Error::from(e).context("reading tar entry"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries of a stream, or the error, the way apply_tar reads them.
    fn read_all(data: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
        let (r, mut end) = track(data);
        let mut ar = tar::Archive::new(r);
        let mut out = Vec::new();
        for e in ar.entries().map_err(|e| e.to_string())? {
            let mut e = match e {
                Ok(e) => e,
                Err(_) if end.unpadded() => break,
                Err(e) => return Err(end.error(e).to_string()),
            };
            end.entry(&e);
            let mut buf = Vec::new();
            e.read_to_end(&mut buf).map_err(|e| e.to_string())?;
            out.push((e.path().unwrap().display().to_string(), buf));
        }
        Ok(out)
    }

    fn stream(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in files {
            let mut h = tar::Header::new_ustar();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    #[test]
    fn unpadded_end_is_the_end_and_truncation_is_refused() {
        let full = stream(&[("a", b"first\n"), ("b", &[b'x'; 1000])]);
        // header a, data a (1 block), header b, data b (2 blocks), end blocks
        assert_eq!(full.len(), 512 * 5 + 1024);
        let want = vec![
            ("a".to_string(), b"first\n".to_vec()),
            ("b".to_string(), vec![b'x'; 1000]),
        ];
        assert_eq!(read_all(&full).unwrap(), want);
        // umoci: no end blocks, no padding after b's data.
        let umoci = &full[..512 * 3 + 1000];
        assert_eq!(read_all(umoci).unwrap(), want);
        // Padded, no end blocks: fine too (the tar crate already took that).
        assert_eq!(read_all(&full[..512 * 5]).unwrap(), want);
        // Inside b's data.
        let e = read_all(&full[..512 * 3 + 700]).unwrap_err();
        assert!(
            e.contains("truncated: it ends at byte 2236, inside the data"),
            "{e}"
        );
        // Inside b's padding (some of it there): Go's reader refuses that too.
        let e = read_all(&full[..512 * 3 + 1001]).unwrap_err();
        assert!(
            e.contains("truncated: it ends at byte 2537, inside a header or padding"),
            "{e}"
        );
        // Inside b's header.
        let e = read_all(&full[..512 * 2 + 100]).unwrap_err();
        assert!(
            e.contains("truncated: it ends at byte 1124, inside a header"),
            "{e}"
        );
        // Right after a's data, before b: a is complete, the archive ends there.
        assert_eq!(read_all(&full[..512 + 6]).unwrap(), want[..1]);
    }
}
