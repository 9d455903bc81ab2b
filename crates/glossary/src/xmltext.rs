//! XML text helpers shared by the TBX writer: escaping and removal of
//! characters XML 1.0 forbids.

/// True for characters XML 1.0 allows in content (`Char` production).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// Removes characters XML 1.0 forbids (C0 controls other than tab, LF, CR;
/// U+FFFE, U+FFFF). Idempotent.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    // The forbidden characters are C0 controls and U+FFFE, U+FFFF (EF BF BE, EF BF BF): without
    // such a byte, `s` is clean. 16 bytes at a time, for the compiler to vectorise.
    // (A fold per test: see `block_may_be_special`.) Tab, LF and CR are suspects too, and the
    // characters then looked at one by one.
    let any = |b: &[u8], p: fn(u8) -> bool| b.iter().fold(false, |acc, &c| acc | p(c));
    let suspect = |b: &[u8]| any(b, |c| c.min(0x1F) == c) | any(b, |c| c == 0xEF);
    let mut blocks = s.as_bytes().chunks_exact(16);
    let clean = blocks.by_ref().all(|b| !suspect(b)) && !suspect(blocks.remainder());
    if clean || s.chars().all(is_xml_char) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// True for the bytes [`push_text`] must look at: `& < >`, C0 controls other
/// than tab and LF, and 0xEF (first byte of U+FFFE and U+FFFF).
#[inline(always)]
fn is_special(c: u8) -> bool {
    ((c < 0x20) & (c != b'\t') & (c != b'\n'))
        | (c == b'&')
        | (c == b'<')
        | (c == b'>')
        | (c == 0xEF)
}

/// False when none of the 8 bytes of `x` is special (see [`is_special`]); true may also mean a
/// tab or LF (checked byte by byte). Bit tricks from "Bit Twiddling Hacks" (S. Anderson).
#[inline(always)]
fn word_may_be_special(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let has_byte = |n: u8| has_zero(x ^ (ONES * u64::from(n)));
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    // `<` (0x3C) and `>` (0x3E) are the bytes equal to 0x3E once bit 1 is set: one test.
    let angle = has_zero((x | (ONES * 0x02)) ^ (ONES * u64::from(b'>')));
    (below_space | has_byte(b'&') | angle | has_byte(0xEF)) != 0
}

/// False when none of the 16 bytes is special (see [`is_special`]); true may also mean a tab or
/// LF (checked byte by byte). Written for the compiler to test the 16 bytes at once with a few
/// vector instructions.
#[inline(always)]
fn block_may_be_special(block: &[u8; 16]) -> bool {
    // One fold per test: a fold of the four tests together is compiled into shuffles.
    let any = |p: fn(u8) -> bool| block.iter().fold(false, |acc, &c| acc | p(c));
    // `<` (0x3C) and `>` (0x3E) are the bytes equal to 0x3E once bit 1 is set.
    any(|c| c.min(0x1F) == c)
        | any(|c| c == b'&')
        | any(|c| (c | 0x02) == b'>')
        | any(|c| c == 0xEF)
}

/// The index of the first special byte (see [`is_special`]) of `b` at or after `i`, or `b.len()`.
#[inline]
fn next_special(b: &[u8], mut i: usize) -> usize {
    while let Some(block) = b.get(i..i + 16) {
        let block: &[u8; 16] = block.try_into().unwrap_or(&[0; 16]);
        if block_may_be_special(block) {
            if let Some(p) = block.iter().position(|&c| is_special(c)) {
                return i + p;
            }
        }
        i += 16;
    }
    // Fewer than 16 bytes left: when the last 16 bytes of `b` (overlapping what was seen) are
    // clean, or the first and last 8 of what is left, so is the rest.
    let n = b.len();
    if n >= 16 {
        let last: &[u8; 16] = b[n - 16..].try_into().unwrap_or(&[0; 16]);
        if !block_may_be_special(last) {
            return n;
        }
    } else if n - i >= 8 {
        // The first 8 and the last 8 of the 8 to 15 bytes left.
        let word = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[at..at + 8]);
            word_may_be_special(u64::from_le_bytes(w))
        };
        if !word(i) && !word(n - 8) {
            return n;
        }
    }
    b[i..]
        .iter()
        .position(|&c| is_special(c))
        .map_or(n, |p| i + p)
}

/// Appends `s` escaped for element content: `& < >` become entities, CR
/// becomes `&#13;` (a raw CR would be normalised away by XML parsers),
/// forbidden characters are dropped.
pub(crate) fn push_text(out: &mut String, s: &str) {
    let b = s.as_bytes();
    // `s[done..i]` is pending: copied as it is at the next special byte or at the end.
    let mut done = 0;
    let mut i = next_special(b, 0);
    while i < b.len() {
        let (replacement, len) = match b[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'\r' => ("&#13;", 1),
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are dropped; other characters
            // starting with EF are kept.
            0xEF => {
                if matches!(b.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) {
                    ("", 3)
                } else {
                    i = next_special(b, i + 1);
                    continue;
                }
            }
            // Other C0 controls are dropped.
            _ => ("", 1),
        };
        out.push_str(&s[done..i]);
        out.push_str(replacement);
        i += len;
        done = i;
        i = next_special(b, i);
    }
    out.push_str(&s[done..]);
}

/// Appends `s` escaped for a double-quoted attribute value (also `"`, tab,
/// LF and CR as character references, which attribute normalisation would
/// otherwise turn into spaces).
pub(crate) fn push_attr(out: &mut String, s: &str) {
    if !s
        .bytes()
        .any(|b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | 0xEF))
    {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The character-by-character definition of [`push_text`].
    fn push_text_reference(out: &mut String, s: &str) {
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\r' => out.push_str("&#13;"),
                c if is_xml_char(c) => out.push(c),
                _ => {}
            }
        }
    }

    proptest! {
        #[test]
        fn push_text_matches_its_definition(
            s in "([a-zé\u{FFFD}\u{FFFE}\u{FFFF}\u{EFFF}\u{F000}&<> \t\r\n\u{0}\u{1F}]|.){0,80}"
        ) {
            let (mut fast, mut slow) = (String::from("x"), String::from("x"));
            push_text(&mut fast, &s);
            push_text_reference(&mut slow, &s);
            prop_assert_eq!(fast, slow);
        }
    }

    proptest! {
        /// Special bytes at every place of long clean runs (the blocks of 16 bytes, the last 16
        /// bytes overlapping them, and the words of 8 bytes of shorter tails).
        #[test]
        fn push_text_finds_special_bytes_anywhere(
            len in 0usize..70,
            at in 0usize..70,
            special in prop::sample::select(vec!["&", "<", ">", "\r", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{EFFF}", "\t", "\n", "é", "a"]),
            second in prop::option::of(0usize..70),
        ) {
            let mut s = "abcdefghijklmnopqrstuvwxyz0123456789=?;: ABCDEFGHIJKLMNOPQRSTUVWXYZ012345678"[..len].to_string();
            s.insert_str(at.min(len), special);
            if let Some(p) = second {
                let mut p = p.min(s.len());
                while !s.is_char_boundary(p) {
                    p -= 1;
                }
                s.insert(p, '&');
            }
            let (mut fast, mut slow) = (String::new(), String::new());
            push_text(&mut fast, &s);
            push_text_reference(&mut slow, &s);
            prop_assert_eq!(fast, slow);
        }
    }

    /// A word or block holding a special byte anywhere is never skipped.
    #[test]
    fn special_bytes_are_seen_in_words() {
        for b in 0..=255u8 {
            for p in 0..16 {
                let mut w = [b'a'; 16];
                w[p] = b;
                if is_special(b) {
                    assert!(block_may_be_special(&w), "{b:#x} at {p}");
                }
            }
        }
        for b in 0..=255u8 {
            for p in 0..8 {
                let mut w = [b'a'; 8];
                w[p] = b;
                if is_special(b) {
                    assert!(word_may_be_special(u64::from_le_bytes(w)), "{b:#x} at {p}");
                }
            }
        }
        assert!(!word_may_be_special(u64::from_le_bytes(*b"abcdefgh")));
        assert!(!block_may_be_special(b"abcdefgh=?;:\x7f\xc3\xa9 "));
        assert!(!word_may_be_special(u64::from_le_bytes(*b"=?;:=?;:")));
    }

    #[test]
    fn escapes_and_strips() {
        let mut s = String::new();
        push_text(&mut s, "a&b<c>\"d\"\r\n\u{1}\u{FFFF}é");
        assert_eq!(s, "a&amp;b&lt;c&gt;\"d\"&#13;\né");
        let mut a = String::new();
        push_attr(&mut a, "x\"\ty\u{0}");
        assert_eq!(a, "x&quot;&#9;y");
        for s in ["c12", "fr", "a\u{FFFF}b", "a\u{EFFF}", "<&>\"\n", "été"] {
            let (mut fast, mut slow) = (String::new(), String::new());
            push_attr(&mut fast, s);
            for c in s.chars() {
                match c {
                    '&' => slow.push_str("&amp;"),
                    '<' => slow.push_str("&lt;"),
                    '>' => slow.push_str("&gt;"),
                    '"' => slow.push_str("&quot;"),
                    '\n' => slow.push_str("&#10;"),
                    c if is_xml_char(c) => slow.push(c),
                    _ => {}
                }
            }
            assert_eq!(fast, slow);
        }
        assert_eq!(sanitize("a\u{1b}b"), "ab");
    }

    proptest! {
        /// Clean strings are borrowed; forbidden characters are removed, at every place.
        #[test]
        fn sanitize_matches_its_definition(
            s in "([a-zé\u{FFFD}\u{FFFE}\u{FFFF}\u{EFFF}\t\r\n\u{0}\u{1F}]|.){0,50}"
        ) {
            let expected: String = s.chars().filter(|&c| is_xml_char(c)).collect();
            let got = sanitize(&s);
            prop_assert_eq!(matches!(got, std::borrow::Cow::Borrowed(_)), expected == s);
            prop_assert_eq!(got, expected);
        }
    }
}
