//! String normalisation shared by dictionaries, term bases and matching.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower-cases and NFC-normalises `s`, maps typographic apostrophes to `'`,
/// non-breaking spaces to spaces, drops soft hyphens and collapses runs of white space.
pub fn fold(s: &str) -> String {
    // ASCII text is already in NFC: skip the normaliser (most words of English text)
    if s.is_ascii() {
        fold_chars(s.chars(), s.len())
    } else {
        fold_chars(s.nfc(), s.len())
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
        let c = match c {
            '\u{2019}' | '\u{02BC}' | '\u{2018}' => '\'',
            '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
            '\u{2010}' | '\u{2011}' => '-',
            '\u{00AD}' => continue,
            c => c,
        };
        if c.is_whitespace() {
            if !out.is_empty() {
                space = true;
            }
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// [`fold`] then strips diacritics (NFD, combining marks removed) and expands
/// the ligatures œ, æ and ß; used for cognate comparison across languages.
pub fn deaccent(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// Splits a folded string into words: maximal runs of alphanumeric characters
/// (hyphens, apostrophes and spaces separate words).
pub fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Key of a multi-word expression for matching: [`fold`]ed words joined by single spaces
/// (so that `cyber-security`, `cyber security` and `Cyber Security` share a key).
pub fn phrase_key(s: &str) -> String {
    words(&fold(s)).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_basic() {
        assert_eq!(fold("  L’Union\u{00A0}Européenne "), "l'union européenne");
        assert_eq!(fold("E\u{0301}tat"), "état");
    }

    #[test]
    fn deaccent_basic() {
        assert_eq!(deaccent("Cybersécurité"), "cybersecurite");
        assert_eq!(deaccent("Œuvre"), "oeuvre");
    }

    #[test]
    fn phrase_keys() {
        assert_eq!(phrase_key("Cyber-Security"), "cyber security");
        assert_eq!(phrase_key("l'union"), "l union");
    }
}
