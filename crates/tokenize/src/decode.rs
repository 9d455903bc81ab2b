//! Bytes to text: UTF-8 (with or without BOM) and UTF-16 LE/BE (with BOM).

/// Why bytes could not be decoded. Every variant names the byte offset in the input
/// (counting the BOM, if any) where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input is not valid UTF-8 at this offset.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The input (UTF-16, announced by its BOM) holds an unpaired surrogate at this offset.
    #[error("invalid UTF-16 (unpaired surrogate) at byte offset {offset}")]
    InvalidUtf16 {
        /// Byte offset of the offending code unit.
        offset: usize,
    },
    /// The UTF-16 input ends in the middle of a code unit.
    #[error("truncated UTF-16: odd number of bytes, last byte at offset {offset}")]
    TruncatedUtf16 {
        /// Byte offset of the dangling byte.
        offset: usize,
    },
    /// A NUL character: the input is binary, or UTF-16 without a BOM.
    #[error("binary content: NUL character at byte offset {offset} (binary file, or UTF-16 without BOM?)")]
    Binary {
        /// Byte offset of the NUL character.
        offset: usize,
    },
    /// A UTF-32 byte-order mark: UTF-32 is not supported.
    #[error("unsupported encoding {encoding} (byte-order mark at offset 0)")]
    UnsupportedEncoding {
        /// Name of the encoding announced by the BOM.
        encoding: &'static str,
    },
}

impl DecodeError {
    /// The byte offset in the input where decoding failed (0 for an unsupported encoding).
    pub fn offset(&self) -> usize {
        match *self {
            DecodeError::InvalidUtf8 { offset }
            | DecodeError::InvalidUtf16 { offset }
            | DecodeError::TruncatedUtf16 { offset }
            | DecodeError::Binary { offset } => offset,
            DecodeError::UnsupportedEncoding { .. } => 0,
        }
    }
}

/// Decodes bytes into text.
///
/// * UTF-8, with or without a byte-order mark (`EF BB BF`, removed);
/// * UTF-16 little- or big-endian announced by a BOM (`FF FE` / `FE FF`, removed);
/// * anything else must be UTF-8.
///
/// The BOM is not part of the returned text, so byte offsets in a [`crate::Document`] refer
/// to the decoded text, not to the input bytes. Errors, on the other hand, name offsets in
/// the input bytes. A NUL character anywhere is reported as [`DecodeError::Binary`].
/// Empty input gives an empty string. Never panics.
///
/// ```
/// use termsmith_tokenize::{decode, DecodeError};
/// assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9").unwrap(), "café");
/// assert_eq!(decode(&[0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap(), "hi");
/// assert_eq!(decode(b"ab\xFFcd"), Err(DecodeError::InvalidUtf8 { offset: 2 }));
/// ```
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err(DecodeError::UnsupportedEncoding {
            encoding: "UTF-32LE",
        });
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DecodeError::UnsupportedEncoding {
            encoding: "UTF-32BE",
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, 2, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, 2, u16::from_be_bytes);
    }
    decode_utf8(bytes, 0)
}

fn decode_utf8(bytes: &[u8], base: usize) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(p) = memchr::memchr(0, s.as_bytes()) {
                return Err(DecodeError::Binary { offset: base + p });
            }
            Ok(s.to_string())
        }
        Err(e) => {
            let p = e.valid_up_to();
            // Report a NUL before the invalid sequence first: binary is the better diagnosis.
            if let Some(z) = bytes[..p].iter().position(|&b| b == 0) {
                return Err(DecodeError::Binary { offset: base + z });
            }
            Err(DecodeError::InvalidUtf8 { offset: base + p })
        }
    }
}

fn decode_utf16(
    bytes: &[u8],
    base: usize,
    unit: fn([u8; 2]) -> u16,
) -> Result<String, DecodeError> {
    let mut out = String::with_capacity(bytes.len() / 2 * 3 / 2);
    let mut chunks = bytes.chunks_exact(2);
    let units = (&mut chunks).map(|c| unit([c[0], c[1]]));
    let mut pending_high: Option<(u16, usize)> = None;
    for (i, u) in units.enumerate() {
        let off = base + i * 2;
        match u {
            0xD800..=0xDBFF => {
                if let Some((_, hoff)) = pending_high {
                    return Err(DecodeError::InvalidUtf16 { offset: hoff });
                }
                pending_high = Some((u, off));
            }
            0xDC00..=0xDFFF => match pending_high.take() {
                Some((h, _)) => {
                    let c = 0x10000 + (((h as u32) - 0xD800) << 10) + ((u as u32) - 0xDC00);
                    match char::from_u32(c) {
                        Some(ch) => out.push(ch),
                        None => return Err(DecodeError::InvalidUtf16 { offset: off }),
                    }
                }
                None => return Err(DecodeError::InvalidUtf16 { offset: off }),
            },
            _ => {
                if let Some((_, hoff)) = pending_high {
                    return Err(DecodeError::InvalidUtf16 { offset: hoff });
                }
                if u == 0 {
                    return Err(DecodeError::Binary { offset: off });
                }
                match char::from_u32(u as u32) {
                    Some(ch) => out.push(ch),
                    None => return Err(DecodeError::InvalidUtf16 { offset: off }),
                }
            }
        }
    }
    if let Some((_, hoff)) = pending_high {
        return Err(DecodeError::InvalidUtf16 { offset: hoff });
    }
    if !chunks.remainder().is_empty() {
        return Err(DecodeError::TruncatedUtf16 {
            offset: base + bytes.len() - 1,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        let mut v = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in s.encode_utf16() {
            v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decode(b"").unwrap(), "");
        assert_eq!(decode("cybersécurité".as_bytes()).unwrap(), "cybersécurité");
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap(), "");
        assert_eq!(decode("\u{FEFF}l’UE".as_bytes()).unwrap(), "l’UE");
    }

    #[test]
    fn utf16_both_orders() {
        let s = "États-Unis 😀 l’UE";
        assert_eq!(decode(&utf16(s, true)).unwrap(), s);
        assert_eq!(decode(&utf16(s, false)).unwrap(), s);
        assert_eq!(decode(&utf16("", true)).unwrap(), "");
    }

    #[test]
    fn errors_name_offsets() {
        assert_eq!(
            decode(b"abc\xC3"),
            Err(DecodeError::InvalidUtf8 { offset: 3 })
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFab\x80"),
            Err(DecodeError::InvalidUtf8 { offset: 5 })
        );
        assert_eq!(decode(b"ab\0cd"), Err(DecodeError::Binary { offset: 2 }));
        assert_eq!(decode(b"a\0\xFF"), Err(DecodeError::Binary { offset: 1 }));
        // UTF-16 LE: 'a', lone high surrogate, 'b'
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]),
            Err(DecodeError::InvalidUtf16 { offset: 4 })
        );
        // lone low surrogate
        assert_eq!(
            decode(&[0xFE, 0xFF, 0xDC, 0x00]),
            Err(DecodeError::InvalidUtf16 { offset: 2 })
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, b'b']),
            Err(DecodeError::TruncatedUtf16 { offset: 4 })
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, 0, 0, b'a', 0]).map_err(|e| e.offset()),
            Err(0)
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, 0, 0]),
            Err(DecodeError::Binary { offset: 4 })
        );
        // UTF-16 without BOM looks binary.
        assert!(matches!(
            decode(&[b'h', 0, b'i', 0]),
            Err(DecodeError::Binary { offset: 1 })
        ));
        let e = decode(b"ab\xFF").unwrap_err();
        assert!(e.to_string().contains("offset 2"), "{e}");
    }
}
