//! Streaming input decoding shared by all readers: BOM sniffing, UTF-8
//! validation with the position of the first bad byte, UTF-16 (LE/BE, with
//! BOM) transcoded to UTF-8. Memory stays bounded (one 64 KiB chunk).

use std::io::{self, Read};

use crate::error::{GlossaryError, Position};

#[derive(Debug)]
struct EncodingErr {
    pos: Position,
    encoding: &'static str,
}

impl std::fmt::Display for EncodingErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid {} at {}", self.encoding, self.pos)
    }
}

impl std::error::Error for EncodingErr {}

/// Like [`from_io`] for a shared error (quick-xml keeps them in an `Arc`).
pub(crate) fn from_io_ref(e: &io::Error) -> GlossaryError {
    if let Some(enc) = e.get_ref().and_then(|r| r.downcast_ref::<EncodingErr>()) {
        return GlossaryError::Encoding {
            pos: enc.pos,
            encoding: enc.encoding,
        };
    }
    GlossaryError::Io(io::Error::new(e.kind(), e.to_string()))
}

/// Turns an I/O error raised by [`Utf8Reader`] back into a typed error.
pub(crate) fn from_io(e: io::Error) -> GlossaryError {
    if let Some(enc) = e.get_ref().and_then(|r| r.downcast_ref::<EncodingErr>()) {
        return GlossaryError::Encoding {
            pos: enc.pos,
            encoding: enc.encoding,
        };
    }
    GlossaryError::Io(e)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Sniff,
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// A reader yielding valid UTF-8 (without BOM) from UTF-8 or UTF-16 input.
pub(crate) struct Utf8Reader<R> {
    inner: R,
    mode: Mode,
    raw: Vec<u8>,
    out: Vec<u8>,
    out_pos: usize,
    /// Input bytes consumed before `raw[0]`.
    in_offset: u64,
    /// Lines completed in the output so far.
    lines: u64,
    eof: bool,
    failed: Option<(Position, &'static str)>,
}

const CHUNK: usize = 1 << 16;

impl<R: Read> Utf8Reader<R> {
    /// Wraps `inner`; the BOM is sniffed on the first read.
    pub(crate) fn new(inner: R) -> Result<Utf8Reader<R>, GlossaryError> {
        Ok(Utf8Reader {
            inner,
            mode: Mode::Sniff,
            raw: Vec::with_capacity(CHUNK),
            out: Vec::with_capacity(CHUNK),
            out_pos: 0,
            in_offset: 0,
            lines: 0,
            eof: false,
            failed: None,
        })
    }

    fn fail(&mut self, byte: u64, encoding: &'static str) -> io::Error {
        let pos = Position {
            line: self.lines + 1,
            byte,
        };
        self.failed = Some((pos, encoding));
        io::Error::new(io::ErrorKind::InvalidData, EncodingErr { pos, encoding })
    }

    fn fill_raw(&mut self) -> io::Result<()> {
        while !self.eof && self.raw.len() < CHUNK {
            let start = self.raw.len();
            self.raw.resize(CHUNK, 0);
            match self.inner.read(&mut self.raw[start..]) {
                Ok(0) => {
                    self.raw.truncate(start);
                    self.eof = true;
                }
                Ok(n) => {
                    self.raw.truncate(start + n);
                    break;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => self.raw.truncate(start),
                Err(e) => {
                    self.raw.truncate(start);
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    fn count_lines(&mut self, from: usize) {
        self.lines += self.out[from..].iter().filter(|&&b| b == b'\n').count() as u64;
    }

    /// Decodes the next chunk into `out`. Returns false at the end.
    fn refill(&mut self) -> io::Result<bool> {
        if let Some((pos, encoding)) = self.failed {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                EncodingErr { pos, encoding },
            ));
        }
        self.out.clear();
        self.out_pos = 0;
        loop {
            self.fill_raw()?;
            if self.mode == Mode::Sniff {
                if self.raw.len() < 3 && !self.eof {
                    continue;
                }
                if self.raw.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    self.raw.drain(..3);
                    self.in_offset = 3;
                    self.mode = Mode::Utf8;
                } else if self.raw.starts_with(&[0xFF, 0xFE]) {
                    self.raw.drain(..2);
                    self.in_offset = 2;
                    self.mode = Mode::Utf16Le;
                } else if self.raw.starts_with(&[0xFE, 0xFF]) {
                    self.raw.drain(..2);
                    self.in_offset = 2;
                    self.mode = Mode::Utf16Be;
                } else {
                    self.mode = Mode::Utf8;
                }
            }
            if self.raw.is_empty() && self.eof {
                return Ok(false);
            }
            match self.mode {
                Mode::Utf8 | Mode::Sniff => {
                    let (valid, bad) = match std::str::from_utf8(&self.raw) {
                        Ok(_) => (self.raw.len(), false),
                        Err(e) => (e.valid_up_to(), e.error_len().is_some() || self.eof),
                    };
                    self.out.extend_from_slice(&self.raw[..valid]);
                    self.count_lines(0);
                    if bad {
                        return Err(self.fail(self.in_offset + valid as u64, "UTF-8"));
                    }
                    self.raw.drain(..valid);
                    self.in_offset += valid as u64;
                }
                Mode::Utf16Le | Mode::Utf16Be => {
                    let le = self.mode == Mode::Utf16Le;
                    let n = self.raw.len() / 2;
                    let units = (0..n).map(|i| {
                        let (a, b) = (self.raw[2 * i], self.raw[2 * i + 1]);
                        if le {
                            u16::from_le_bytes([a, b])
                        } else {
                            u16::from_be_bytes([a, b])
                        }
                    });
                    let mut used_units = 0usize;
                    let mut buf = [0u8; 4];
                    let mut bad_at = None;
                    let mut pending_high = false;
                    for r in char::decode_utf16(units) {
                        match r {
                            Ok(c) => {
                                self.out
                                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                                used_units += c.len_utf16();
                            }
                            Err(e) => {
                                let u = e.unpaired_surrogate();
                                // A high surrogate at the very end may be completed by the next chunk.
                                if (0xD800..0xDC00).contains(&u) && used_units + 1 == n && !self.eof
                                {
                                    pending_high = true;
                                } else {
                                    bad_at = Some(used_units);
                                }
                                break;
                            }
                        }
                    }
                    self.count_lines(0);
                    if let Some(u) = bad_at {
                        return Err(self.fail(self.in_offset + 2 * u as u64, "UTF-16"));
                    }
                    let _ = pending_high;
                    let consumed = 2 * used_units;
                    if self.eof && self.raw.len() - consumed == 1 {
                        return Err(self.fail(self.in_offset + consumed as u64, "UTF-16"));
                    }
                    self.raw.drain(..consumed);
                    self.in_offset += consumed as u64;
                }
            }
            if !self.out.is_empty() {
                return Ok(true);
            }
            if self.eof && self.raw.is_empty() {
                return Ok(false);
            }
        }
    }
}

impl<R: Read> io::BufRead for Utf8Reader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.out_pos >= self.out.len() && !self.refill()? {
            return Ok(&[]);
        }
        Ok(&self.out[self.out_pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.out_pos = (self.out_pos + amt).min(self.out.len());
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos >= self.out.len() && !self.refill()? {
            return Ok(0);
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String, GlossaryError> {
        let mut r = Utf8Reader::new(bytes)?;
        let mut s = String::new();
        r.read_to_string(&mut s).map_err(from_io)?;
        Ok(s)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("\u{FEFF}é\nx".as_bytes()).unwrap(), "é\nx");
        assert_eq!(decode("é".as_bytes()).unwrap(), "é");
        assert_eq!(decode(b"").unwrap(), "");
    }

    #[test]
    fn utf16() {
        let s = "a\u{1F600}é\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), s);
        assert_eq!(decode(&be).unwrap(), s);
        le.push(0x41);
        assert!(matches!(decode(&le), Err(GlossaryError::Encoding { .. })));
    }

    #[test]
    fn latin1_rejected_with_position() {
        match decode(b"fr,en\ncyber-r\xe9silience") {
            Err(GlossaryError::Encoding { pos, encoding }) => {
                assert_eq!(encoding, "UTF-8");
                assert_eq!(pos.line, 2);
                assert_eq!(pos.byte, 13);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn long_input_across_chunks() {
        let s = "é".repeat(CHUNK) + "x";
        assert_eq!(decode(s.as_bytes()).unwrap(), s);
        let mut u = Vec::new();
        for c in s.encode_utf16() {
            u.extend_from_slice(&c.to_le_bytes());
        }
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(u);
        assert_eq!(decode(&with_bom).unwrap(), s);
    }
}
