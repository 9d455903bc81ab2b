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
    let plain_ascii = s
        .bytes()
        .all(|c| (0x20..0x80).contains(&c) || c == b'\t' || c == b'\n' || c == b'\r');
    if plain_ascii || s.chars().all(is_xml_char) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// Appends `s` escaped for element content: `& < >` become entities, CR
/// becomes `&#13;` (a raw CR would be normalised away by XML parsers),
/// forbidden characters are dropped.
pub(crate) fn push_text(out: &mut String, s: &str) {
    if is_plain(s) {
        out.push_str(s);
        return;
    }
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

/// True when `s` needs no escaping nor stripping in element content.
fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .all(|&c| (c >= 0x20 || c == b'\t' || c == b'\n') && c != b'&' && c != b'<' && c != b'>')
        && !(b.contains(&0xEF) && (s.contains('\u{FFFE}') || s.contains('\u{FFFF}')))
}

/// Appends `s` escaped for a double-quoted attribute value (also `"`, tab,
/// LF and CR as character references, which attribute normalisation would
/// otherwise turn into spaces).
pub(crate) fn push_attr(out: &mut String, s: &str) {
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

    #[test]
    fn escapes_and_strips() {
        let mut s = String::new();
        push_text(&mut s, "a&b<c>\"d\"\r\n\u{1}\u{FFFF}é");
        assert_eq!(s, "a&amp;b&lt;c&gt;\"d\"&#13;\né");
        let mut a = String::new();
        push_attr(&mut a, "x\"\ty\u{0}");
        assert_eq!(a, "x&quot;&#9;y");
        assert_eq!(sanitize("a\u{1b}b"), "ab");
    }
}
