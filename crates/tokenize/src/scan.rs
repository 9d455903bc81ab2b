//! The token scanner: runs over the masked text of one segment (a block, or the part of a
//! block between two hard breaks) and appends tokens with absolute byte spans.

use unicode_normalization::char::is_combining_mark;

use crate::data::LangData;
use crate::doc::{Span, Token, TokenKind};

/// `c.is_alphabetic()`, without the Unicode table look-up for the Latin letters of
/// U+00C0..=U+024F (Latin-1 Supplement, Latin Extended-A and B: all letters but `×` and `÷`),
/// which make most of the non-ASCII characters of European text.
#[inline]
pub(crate) fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if ('\u{C0}'..='\u{24F}').contains(&c) {
        return c != '\u{D7}' && c != '\u{F7}';
    }
    c.is_alphabetic()
}

/// Characters that continue a word: letters, digits, combining marks, soft hyphen, ZWJ/ZWNJ.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_alpha(c)
        || c.is_numeric()
        || matches!(c, '\u{AD}' | '\u{200C}' | '\u{200D}')
        || is_combining_mark(c)
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}')
}

/// Non-ASCII characters classified as punctuation (the rest are symbols).
fn is_unicode_punct(c: char) -> bool {
    matches!(c,
        '\u{A1}' | '\u{A7}' | '\u{AB}' | '\u{B6}' | '\u{B7}' | '\u{BB}' | '\u{BF}'
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{2E00}'..='\u{2E4F}'
        | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}'
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF3D}'
        | '\u{FF5B}'..='\u{FF65}' | '\u{055C}'..='\u{055F}' | '\u{0589}' | '\u{05BE}' | '\u{05C0}'
        | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{06D4}' | '\u{0964}' | '\u{0965}' | '\u{0E5A}' | '\u{0E5B}')
        && !matches!(c, '\u{2030}' | '\u{2031}' | '\u{2044}' | '\u{2052}')
}

/// [`WORD_BYTE`] class of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`WORD_BYTE`] class of the other ASCII bytes.
const NOT_WORD: u8 = 0;
/// [`WORD_BYTE`] class of the bytes that start or continue a non-ASCII character.
const NON_ASCII: u8 = 2;

/// The bytes after a run of word characters with which [`Scanner::word_general`] may do more
/// than end the word: every non-ASCII byte, the separators that may join (`-.,/'&`), the
/// characters of an e-mail address (`@._%+-`), and the abbreviation period.
static MAY_EXTEND: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = !c.is_ascii()
            || matches!(
                c,
                b'-' | b'.' | b',' | b'/' | b'\'' | b'&' | b'@' | b'_' | b'%' | b'+'
            );
        b += 1;
    }
    t
};

#[cfg(test)]
thread_local! {
    /// Tests: [`Scanner::word`] takes its general path for every word.
    static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Class of each byte in the core loop of [`Scanner::word`].
static WORD_BYTE: [u8; 256] = {
    let mut t = [NOT_WORD; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c.is_ascii() {
            NOT_WORD
        } else {
            NON_ASCII
        };
        b += 1;
    }
    t
};

#[inline]
fn ascii_kind(b: u8) -> TokenKind {
    match b {
        b'.' | b',' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'[' | b']' | b'{' | b'}'
        | b'"' | b'\'' | b'-' | b'/' | b'\\' => TokenKind::Punct,
        _ => TokenKind::Symbol,
    }
}

/// Scanner state for one segment.
pub(crate) struct Scanner<'a> {
    /// The masked text of the whole document (same offsets as the original).
    pub text: &'a str,
    pub data: &'a LangData,
    pub markdown: bool,
}

impl<'a> Scanner<'a> {
    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(..i).and_then(|s| s.chars().next_back())
    }

    /// Scans `self.text[start..end]`, appending tokens to `out`.
    pub(crate) fn scan(&self, start: usize, end: usize, out: &mut Vec<Token>) {
        let b = self.text.as_bytes();
        let end = end.min(b.len());
        let mut i = start;
        while i < end {
            let c = b[i];
            if c < 0x80 {
                if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' || c == 0x0B || c == 0x0C {
                    i += 1;
                    continue;
                }
                if c.is_ascii_alphanumeric() {
                    i = self.word(i, end, out);
                    continue;
                }
                i = self.ascii_other(i, end, out);
                continue;
            }
            let Some(ch) = self.char_at(i) else {
                i += 1;
                continue;
            };
            let l = ch.len_utf8();
            if is_space(ch) {
                i += l;
            } else if is_word_char(ch)
                && !matches!(ch, '\u{AD}' | '\u{200C}' | '\u{200D}')
                && !is_combining_mark(ch)
            {
                i = self.word(i, end, out);
            } else {
                // punctuation runs of the same char ("……", "——") form one token
                let mut k = i + l;
                if matches!(ch, '…' | '—' | '–') {
                    while self.text[k..end].starts_with(ch) {
                        k += l;
                    }
                }
                let kind = if is_unicode_punct(ch) {
                    TokenKind::Punct
                } else {
                    TokenKind::Symbol
                };
                push(out, i, k, kind, false);
                i = k;
            }
        }
    }

    /// An ASCII non-alphanumeric character at `i`.
    fn ascii_other(&self, i: usize, end: usize, out: &mut Vec<Token>) -> usize {
        let b = self.text.as_bytes();
        let c = b[i];
        // Runs of dots ("...") and of hyphens ("--") are one token.
        if c == b'.' || c == b'-' {
            let mut k = i + 1;
            while k < end && b[k] == c {
                k += 1;
            }
            push(out, i, k, TokenKind::Punct, false);
            return k;
        }
        if c == b'&' && self.markdown {
            if let Some(k) = entity_end(b, i, end) {
                push(out, i, k, TokenKind::Symbol, false);
                return k;
            }
        }
        push(out, i, i + 1, ascii_kind(c), false);
        i + 1
    }

    /// A word-like token starting at `i` (an alphanumeric character). Returns the end.
    ///
    /// The common case first, in a small function: a run of word characters that ends the
    /// segment or stops at an ASCII character that can neither join it to what follows nor
    /// make it an e-mail address or an abbreviation (a space, mostly). Everything else is
    /// [`Scanner::word_general`].
    #[inline]
    fn word(&self, i: usize, end: usize, out: &mut Vec<Token>) -> usize {
        let b = self.text.as_bytes();
        // URLs start with `http`, `https`, `ftp` or `www`: two bytes rule out most words
        if matches!(b[i], b'h' | b'H' | b'w' | b'W' | b'f' | b'F')
            && matches!(b.get(i + 1), Some(b't' | b'T' | b'w' | b'W'))
        {
            if let Some(k) = url_end(self.text, i, end) {
                push(out, i, k, TokenKind::Url, false);
                return k;
            }
        }
        let k = self.word_run(i, end);
        #[cfg(test)]
        let general_only = GENERAL_ONLY.with(std::cell::Cell::get);
        #[cfg(not(test))]
        let general_only = false;
        let may_extend = k < end && b.get(k).is_some_and(|&c| MAY_EXTEND[usize::from(c)]);
        if !may_extend && !general_only {
            push(out, i, k, classify_at(self.text, i, k), false);
            return k;
        }
        self.word_general(i, end, out)
    }

    /// The end of the run of word characters from `k`, at most `end`.
    #[inline]
    fn word_run(&self, k: usize, end: usize) -> usize {
        let b = self.text.as_bytes();
        let seg = &b[..end.min(b.len())];
        let mut k = ascii_alnum_run(seg, k);
        while let Some(&c) = seg.get(k) {
            match WORD_BYTE[usize::from(c)] {
                ALNUM => {
                    k += 1;
                    continue;
                }
                NOT_WORD => break,
                _ => {}
            }
            if c == 0xC3 {
                // U+00C0..=U+00FF: letters, but `×` (C3 97) and `÷` (C3 B7)
                match b.get(k + 1) {
                    Some(0x97 | 0xB7) => break,
                    Some(_) => {
                        k += 2;
                        continue;
                    }
                    None => break,
                }
            }
            match self.char_at(k) {
                Some(ch) if is_word_char(ch) => k += ch.len_utf8(),
                _ => break,
            }
        }
        k
    }

    /// [`Scanner::word`] in every case (URLs excepted): e-mail addresses, words joined by
    /// hyphens, elisions, clitics, numbers with separators, abbreviations.
    #[inline(never)]
    fn word_general(&self, i: usize, end: usize, out: &mut Vec<Token>) -> usize {
        let b = self.text.as_bytes();
        let mut start = i;
        let mut email_checked = false;
        let mut k = i;
        loop {
            // core run of word characters
            k = self.word_run(k, end);
            if k >= end {
                break;
            }
            // e-mail: only worth a look when the word stops at a character of an address
            if !email_checked
                && start == i
                && matches!(b[k], b'@' | b'.' | b'_' | b'%' | b'+' | b'-')
            {
                email_checked = true;
                if let Some(e) = email_end(b, i, end) {
                    push(out, i, e, TokenKind::Email, false);
                    return e;
                }
            }
            // fast exit: most words end at a space or a character that never joins
            if b[k] < 0x80 && !matches!(b[k], b'-' | b'.' | b',' | b'/' | b'\'' | b'&') {
                break;
            }
            let Some(sep) = self.char_at(k) else { break };
            let sl = sep.len_utf8();
            let next = if k + sl < end {
                self.char_at(k + sl)
            } else {
                None
            };
            let prev = self.char_before(k);
            let next_word = next.is_some_and(is_word_char);
            let prev_digit = prev.is_some_and(|c| c.is_ascii_digit());
            let next_digit = next.is_some_and(|c| c.is_ascii_digit());
            match sep {
                '-' | '\u{2010}' | '\u{2011}' if next_word => {
                    k += sl;
                }
                '.' | ',' if prev_digit && next_digit => k += sl,
                '/' if prev_digit && next_digit => k += sl,
                '\u{A0}' | '\u{202F}' | '\u{2009}' if prev_digit && next_digit => {
                    // thousands group: 1-3 digits before (back to the last separator), exactly 3 after
                    let before = b[start..k]
                        .iter()
                        .rev()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                    let after = b[k + sl..end]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                    if (1..=3).contains(&before) && after == 3 {
                        k += sl;
                    } else {
                        break;
                    }
                }
                '&' if prev.is_some_and(|c| c.is_ascii_uppercase())
                    && next.is_some_and(|c| c.is_ascii_uppercase())
                    && b[start..k].iter().all(|c| c.is_ascii_uppercase()) =>
                {
                    k += sl;
                }
                _ if is_apostrophe(sep) && next.is_some_and(is_alpha) => {
                    let word = &self.text[start..k];
                    if self.is_elision(word) {
                        push(out, start, k + sl, TokenKind::Word, true);
                        start = k + sl;
                        k = start;
                        continue;
                    }
                    if let Some(cl) = self.clitic_at(k, end) {
                        let kind = classify(&self.text[start..k]);
                        push(out, start, k, kind, false);
                        push(out, k, cl, TokenKind::Word, false);
                        return cl;
                    }
                    k += sl;
                }
                _ => break,
            }
        }
        // abbreviations with their period(s), "n°"
        let (k, abbr) = self.abbreviation(start, k, end, out);
        let kind = if abbr {
            TokenKind::Word
        } else {
            classify_at(self.text, start, k)
        };
        push(out, start, k, kind, false);
        k
    }

    fn is_elision(&self, word: &str) -> bool {
        if self.data.elisions.is_empty() || word.len() > 12 {
            return false;
        }
        if self.data.elisions.contains(word) {
            return true;
        }
        if word.is_ascii() {
            // lower-case on the stack (word.len() <= 12 checked above)
            let mut buf = [0u8; 12];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower).is_ok_and(|l| self.data.elisions.contains(l));
        }
        let lower = word.to_lowercase();
        self.data.elisions.contains(lower.as_str())
    }

    /// A clitic (`'s`) at `k` followed by a non-word char: returns its end.
    fn clitic_at(&self, k: usize, end: usize) -> Option<usize> {
        for cl in &self.data.clitics {
            // clitic starts with an apostrophe; compare the rest case-insensitively
            let rest = cl.strip_prefix('\'')?;
            let apos = self.char_at(k)?.len_utf8();
            let tail = self.text.get(k + apos..end)?;
            if tail.len() >= rest.len()
                && tail.is_char_boundary(rest.len())
                && tail[..rest.len()].eq_ignore_ascii_case(rest)
            {
                let e = k + apos + rest.len();
                if !self.char_at(e).is_some_and(is_word_char) || e >= end {
                    return Some(e);
                }
            }
        }
        None
    }

    /// Extends a word `start..k` with the period(s) of an abbreviation (`doc.`, `e.g.`,
    /// `U.S.A.`, `J.`) or a `°` (`n°`). Returns (end, whether it is a listed abbreviation).
    fn abbreviation(&self, start: usize, k: usize, end: usize, out: &[Token]) -> (usize, bool) {
        let b = self.text.as_bytes();
        if k >= end {
            return (k, false);
        }
        let d = self.data;
        // "n°" (`°` and `º` are U+00B0 and U+00BA: their first byte is 0xC2)
        if b[k] == 0xC2 {
            if let Some(c @ ('°' | 'º')) = self.char_at(k) {
                let e = k + c.len_utf8();
                if d.abbrevs.contains(&self.text[start..e]) {
                    return (e, true);
                }
                return (k, false);
            }
        }
        if b[k] != b'.' {
            return (k, false);
        }
        // dotted sequence: w. w. w. (no spaces), up to 6 parts
        let mut ends_buf = [0usize; 8];
        let mut n_ends = 1;
        ends_buf[0] = k + 1;
        let mut single_letters = self.text[start..k].chars().count() == 1;
        let mut j = k + 1;
        for _ in 0..6 {
            let mut m = j;
            let mut n = 0;
            while m < end {
                match self.char_at(m) {
                    Some(ch) if is_alpha(ch) => {
                        m += ch.len_utf8();
                        n += 1;
                    }
                    _ => break,
                }
            }
            if n == 0 || m >= end || b[m] != b'.' {
                break;
            }
            single_letters &= n == 1;
            ends_buf[n_ends] = m + 1;
            n_ends += 1;
            j = m + 1;
        }
        let ends = &ends_buf[..n_ends];
        for &e in ends.iter().rev() {
            let cand = &self.text[start..e];
            if d.abbrevs.contains(cand) {
                return (e, true);
            }
        }
        // multi-word abbreviation ("par ex.")
        let cand = &self.text[start..k + 1];
        for (prev, last) in &d.multi {
            if last == cand || cap_eq(last, cand) {
                let n = prev.len();
                if out.len() >= n {
                    let ok = prev.iter().zip(&out[out.len() - n..]).all(|(p, t)| {
                        let tt = self.text.get(t.span.range()).unwrap_or("");
                        tt == p || cap_eq(p, tt)
                    });
                    if ok {
                        return (k + 1, true);
                    }
                }
            }
        }
        // initials: U.S.A., e.g. (all single letters, 2+ parts)
        if single_letters && ends.len() >= 2 {
            return (ends[ends.len() - 1], false);
        }
        // a single upper-case initial followed by a space and an upper-case word: "J. Smith"
        let first = self.text[start..k].chars().next();
        if self.text[start..k].chars().count() == 1 && first.is_some_and(char::is_uppercase) {
            let mut m = k + 1;
            while m < end && b[m] == b' ' {
                m += 1;
            }
            if m > k + 1 && self.char_at(m).is_some_and(char::is_uppercase) && m < end {
                return (k + 1, false);
            }
        }
        (k, false)
    }
}

/// `a == b` with the first letter of `a` upper-cased (for lower-case data entries).
fn cap_eq(a: &str, b: &str) -> bool {
    let mut ac = a.chars();
    let mut bc = b.chars();
    match (ac.next(), bc.next()) {
        (Some(x), Some(y)) if x.is_lowercase() && x.to_uppercase().eq(std::iter::once(y)) => {
            ac.eq(bc)
        }
        _ => false,
    }
}

#[inline]
fn push(out: &mut Vec<Token>, s: usize, e: usize, kind: TokenKind, elision: bool) {
    out.push(Token {
        span: Span::new(s, e),
        kind,
        elision,
    });
}

/// HTML entity `&name;`, `&#123;`, `&#x1F;` at `i`.
pub(crate) fn entity_end(b: &[u8], i: usize, end: usize) -> Option<usize> {
    let rest = &b[i + 1..end];
    let p = rest.iter().take(10).position(|&c| c == b';')?;
    let inner = &rest[..p];
    let ok = if let Some(num) = inner.strip_prefix(b"#") {
        if let Some(h) = num.strip_prefix(b"x").or_else(|| num.strip_prefix(b"X")) {
            !h.is_empty() && h.iter().all(u8::is_ascii_hexdigit)
        } else {
            !num.is_empty() && num.iter().all(u8::is_ascii_digit)
        }
    } else {
        !inner.is_empty() && inner.iter().all(u8::is_ascii_alphanumeric)
    };
    let s = std::str::from_utf8(&b[i..i + 2 + p]).ok()?;
    (ok && crate::doc::decode_entity(s).is_some()).then_some(i + 2 + p)
}

/// A URL at `i`: `http://`, `https://`, `ftp://` or `www.` followed by non-space characters,
/// trailing punctuation excluded (a closing parenthesis is kept when the URL opened one).
fn url_end(text: &str, i: usize, end: usize) -> Option<usize> {
    let rest = text.get(i..end)?;
    let rb = rest.as_bytes();
    let head = |p: &[u8]| rb.len() > p.len() && rb[..p.len()].eq_ignore_ascii_case(p);
    let skip = if head(b"https://") {
        8
    } else if head(b"http://") {
        7
    } else if head(b"ftp://") {
        6
    } else if head(b"www.") {
        4
    } else {
        return None;
    };
    let mut k = skip;
    for ch in rest[skip..].chars() {
        let stop = if ch.is_ascii() {
            ch <= ' ' || matches!(ch, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
        } else {
            ch.is_whitespace() || matches!(ch, '«' | '»' | '“' | '”' | '’' | '‘' | '…')
        };
        if stop {
            break;
        }
        k += ch.len_utf8();
    }
    // trim trailing punctuation
    while k > skip {
        let c = rb[k - 1];
        if matches!(
            c,
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' | b'_'
        ) {
            k -= 1;
        } else if c == b')' {
            let opens = rb[..k].iter().filter(|&&x| x == b'(').count();
            let closes = rb[..k].iter().filter(|&&x| x == b')').count();
            if closes > opens {
                k -= 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    // at least two characters after the prefix
    (k > skip + 1).then_some(i + k)
}

/// An e-mail address at `i`: `local@domain.tld` (ASCII).
fn email_end(b: &[u8], i: usize, end: usize) -> Option<usize> {
    let rest = &b[i..end];
    let local = rest
        .iter()
        .take(64)
        .take_while(|&&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
        })
        .count();
    if local == 0 || rest.get(local) != Some(&b'@') {
        return None;
    }
    let dom = &rest[local + 1..];
    let mut k = dom
        .iter()
        .take(255)
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
        .count();
    while k > 0 && matches!(dom[k - 1], b'.' | b'-') {
        k -= 1;
    }
    let d = &dom[..k];
    let dot = d.iter().rposition(|&c| c == b'.')?;
    if dot == 0 || dot + 1 >= d.len() || d.starts_with(b".") || d.windows(2).any(|w| w == b"..") {
        return None;
    }
    Some(i + local + 1 + k)
}

/// The kind of a word-like token, from its shape.
///
/// * no letters (digits with separators) → `Number`;
/// * no lower-case letter, at least one upper-case letter, at least 2 letters or digits, and
///   no run of more than 6 letters → `Acronym` (`UE`, `CSIRT`, `CERT-UE`, `G7`, `COVID-19`);
/// * at least 2 upper-case letters, more upper- than lower-case, at most 10 letters →
///   `Acronym` (`IoT`, `IPv6`, `PMEs`);
/// * otherwise `Word`.
pub(crate) fn classify(s: &str) -> TokenKind {
    classify_bytes(s.as_bytes()).unwrap_or_else(|| classify_by_counts(s))
}

/// [`classify`] of `text[start..end]`: the shortcuts on the bytes, without first checking
/// that the slice is on character boundaries (the scanner's tokens are).
#[inline]
fn classify_at(text: &str, start: usize, end: usize) -> TokenKind {
    let b = text.as_bytes().get(start..end).unwrap_or(&[]);
    classify_bytes(b).unwrap_or_else(|| classify_by_counts(text.get(start..end).unwrap_or("")))
}

/// The shortcuts of [`classify`]; `None` when the counts must decide.
#[inline]
fn classify_bytes(b: &[u8]) -> Option<TokenKind> {
    if is_plain_lower(b) {
        // letters, none upper-case: what the general rules below give too
        return Some(TokenKind::Word);
    }
    if let Some((&c, rest)) = b.split_first() {
        // one upper-case letter, then lower-case ones ("Union", "A"): a word by the rules below
        if c.is_ascii_uppercase() && (rest.is_empty() || is_plain_lower(rest)) {
            return Some(TokenKind::Word);
        }
        // digits only: a number
        if b.iter().all(u8::is_ascii_digit) {
            return Some(TokenKind::Number);
        }
    }
    None
}

/// [`classify`] without its shortcuts: the rules applied to the counts of the characters.
fn classify_by_counts(s: &str) -> TokenKind {
    if s.is_ascii() {
        return classify_ascii(s.as_bytes());
    }
    let (mut upper, mut lower, mut letters, mut digits, mut run, mut max_run) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    for c in s.chars() {
        if is_alpha(c) {
            letters += 1;
            run += 1;
            max_run = max_run.max(run);
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        } else {
            run = 0;
            if c.is_numeric() {
                digits += 1;
            }
        }
    }
    if letters == 0 {
        return if digits > 0 {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
    }
    if lower == 0 && upper >= 1 && upper + digits >= 2 && max_run <= 6 && upper == letters {
        return TokenKind::Acronym;
    }
    if upper >= 2 && lower > 0 && upper > lower && letters <= 10 {
        return TokenKind::Acronym;
    }
    TokenKind::Word
}

/// Whether `b` is a non-empty run of lower-case letters among `a`–`z` and `ß`, `à`–`ÿ`
/// (but `÷`): the shape of most words of European text, which [`classify`] then tells
/// apart without decoding characters.
#[inline]
fn is_plain_lower(b: &[u8]) -> bool {
    // ASCII words of 4 to 16 bytes: two loads (overlapping), all bytes tested at once; of 1
    // to 3 bytes: the first, middle and last bytes are all of them.
    let n = b.len();
    let ascii_lower = match n {
        8..=16 => all_ascii_lower(word8(b, 0)) && all_ascii_lower(word8(b, n - 8)),
        4..=7 => all_ascii_lower(word4(b, 0) | word4(b, n - 4) << 32),
        1..=3 => {
            b[0].is_ascii_lowercase()
                & b[n / 2].is_ascii_lowercase()
                & b[n - 1].is_ascii_lowercase()
        }
        _ => false,
    };
    ascii_lower || is_plain_lower_bytes(b)
}

/// The eight bytes of `b` from `i` as a little-endian word. The caller checks that `b` holds
/// them (`i + 8 <= b.len()`); words of 8 to 16 bytes are read as two such loads, overlapping.
#[inline]
pub(crate) fn word8(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(a)
}

/// The four bytes of `b` from `i` as a little-endian word in the low half (`i + 4 <= b.len()`).
#[inline]
pub(crate) fn word4(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[i..i + 4]);
    u64::from(u32::from_le_bytes(a))
}

/// Where the run of ASCII letters and digits from `k` ends, eight bytes at a time: exactly
/// when it ends within a full load of eight bytes, else at the start of the last, incomplete
/// one (from where the caller goes on byte by byte).
#[inline]
fn ascii_alnum_run(b: &[u8], mut k: usize) -> usize {
    while k + 8 <= b.len() {
        let other = !ascii_alnum_bytes(word8(b, k)) & 0x8080_8080_8080_8080;
        if other != 0 {
            return k + (other.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    k
}

/// The high bit of each byte of `v` that is an ASCII letter or digit (other bits zero). The
/// range tests run on the low seven bits of each byte, where adding the constants never
/// carries into the next byte; bytes with the high bit set are then left out.
#[inline]
fn ascii_alnum_bytes(v: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let in_range = |x: u64, lo: u8, hi: u8| {
        let ge = x.wrapping_add(LO * (0x80 - u64::from(lo)));
        let gt = x.wrapping_add(LO * (0x80 - u64::from(hi) - 1));
        ge & !gt
    };
    let low7 = v & !HI;
    // Upper case folded onto lower case by setting bit 5 (no other byte lands on `a`–`z`).
    let alnum = in_range(low7 | (LO * 0x20), b'a', b'z') | in_range(low7, b'0', b'9');
    alnum & !v & HI
}

/// Whether the eight bytes of `v` are all among `a`–`z`: no high bit, and each byte `x`
/// has `x + 0x1F >= 0x80` (`x >= b'a'`) and `x + 0x05 < 0x80` (`x <= b'z'`); bytes below
/// 0x80 plus these constants never carry into the next byte.
#[inline]
fn all_ascii_lower(v: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let ge_a = v.wrapping_add(LO * (0x80 - u64::from(b'a')));
    let gt_z = v.wrapping_add(LO * (0x80 - u64::from(b'z') - 1));
    v & HI == 0 && ge_a & !gt_z & HI == HI
}

/// [`is_plain_lower`], one byte at a time.
fn is_plain_lower_bytes(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_lowercase() {
            i += 1;
        } else if c == 0xC3 && matches!(b.get(i + 1), Some(&(0x9F..=0xBF)) if b[i + 1] != 0xB7) {
            i += 2;
        } else {
            return false;
        }
    }
    !b.is_empty()
}

fn classify_ascii(s: &[u8]) -> TokenKind {
    let (mut upper, mut lower, mut digits, mut run, mut max_run) = (0u32, 0u32, 0u32, 0u32, 0u32);
    for &c in s {
        if c.is_ascii_uppercase() {
            upper += 1;
            run += 1;
        } else if c.is_ascii_lowercase() {
            lower += 1;
            run += 1;
        } else {
            run = 0;
            digits += u32::from(c.is_ascii_digit());
        }
        max_run = max_run.max(run);
    }
    let letters = upper + lower;
    if letters == 0 {
        return if digits > 0 {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
    }
    if lower == 0 && upper + digits >= 2 && max_run <= 6 {
        return TokenKind::Acronym;
    }
    if upper >= 2 && lower > 0 && upper > lower && letters <= 10 {
        return TokenKind::Acronym;
    }
    TokenKind::Word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_loads_agree_with_the_byte_loop() {
        // Every byte value at every position of words of every length (the boundaries of
        // `a`–`z` and the bytes of `à`–`ÿ` among them).
        for n in 1..20 {
            for p in 0..n {
                for x in 0..=255u8 {
                    let mut w = vec![b'm'; n];
                    w[p] = x;
                    assert_eq!(is_plain_lower(&w), is_plain_lower_bytes(&w), "{w:?}");
                    if p + 1 < n {
                        w[p] = 0xC3;
                        w[p + 1] = x;
                        assert_eq!(is_plain_lower(&w), is_plain_lower_bytes(&w), "{w:?}");
                    }
                }
            }
        }
    }

    /// Pieces of text around word ends: words (accented, capitalised, with digits), every
    /// character that may extend a word (hyphens, apostrophes, periods, commas, slashes,
    /// ampersands, e-mail characters, no-break spaces, `°`), abbreviations, and markup.
    const PIECES: &[&str] = &[
        "mot",
        "Été",
        "UE",
        "R",
        "D",
        "12",
        "3",
        "000",
        "a1",
        "etc",
        "M",
        "n",
        "ex",
        "par",
        "l",
        "qu",
        "aujourd",
        "hui",
        "s",
        " ",
        " ",
        "\n",
        "-",
        "\u{2010}",
        ".",
        ",",
        "/",
        "'",
        "’",
        "&",
        "@",
        "_",
        "%",
        "+",
        "\u{A0}",
        "\u{202F}",
        "°",
        "×",
        "(",
        ")",
        ":",
        "!",
        "#",
        "*",
        "<b>",
        "</b>",
        "&amp;",
        "www.x.fr",
        "a.b@c.de",
        "x%y@z.fr",
        "u+v@w.eu",
        "p_q@r.org",
        "\u{AD}",
        "\u{301}",
    ];

    fn tokens(text: &str, lang: crate::Lang, general_only: bool) -> crate::Document {
        GENERAL_ONLY.with(|g| g.set(general_only));
        let doc = crate::Tokenizer::builder()
            .lang(Some(lang))
            .build()
            .tokenize(text);
        GENERAL_ONLY.with(|g| g.set(false));
        doc
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The common word end of [`Scanner::word`] gives the tokens of its general path.
        #[test]
        fn word_fast_exit_equals_the_general_path(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..30),
            lang in proptest::sample::select(vec![crate::Lang::FR, crate::Lang::EN]),
        ) {
            let text = parts.concat();
            let fast = tokens(&text, lang, false);
            let general = tokens(&text, lang, true);
            proptest::prop_assert_eq!(&fast.tokens, &general.tokens, "{:?}", text);
            proptest::prop_assert_eq!(&fast.sentences, &general.sentences, "{:?}", text);
        }
    }

    #[test]
    fn alnum_run_loads_agree_with_the_byte_loop() {
        // Every byte value at every position of runs of every length, from two starts.
        for n in 0..20 {
            for p in 0..n {
                for x in 0..=255u8 {
                    let mut b = vec![b'K'; n];
                    b[(p + 3) % n] = b'7';
                    b[p] = x;
                    for k in [0, 1.min(n)] {
                        let exact = k + b[k..]
                            .iter()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .count();
                        let r = ascii_alnum_run(&b, k);
                        assert!(
                            r == exact || (r <= exact && r + 8 > n),
                            "{b:?} {k}: {r} {exact}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn classify_at_equals_classify(s in "[a-zA-Z0-9éÉß`{@. -]{0,20}") {
            let text = format!("x {s} y");
            let kind = classify_at(&text, 2, 2 + s.len());
            proptest::prop_assert_eq!(kind, classify(&s));
            proptest::prop_assert_eq!(
                is_plain_lower(s.as_bytes()),
                is_plain_lower_bytes(s.as_bytes())
            );
        }
    }

    #[test]
    fn plain_lower_words_are_words() {
        for c in (0..0x250u32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            if is_plain_lower(s.as_bytes()) {
                assert!(c.is_lowercase() && c.is_alphabetic(), "{c:?}");
            }
        }
        for (w, kind) in [
            ("Union", TokenKind::Word),
            ("A", TokenKind::Word),
            ("Été", TokenKind::Word),
            ("2024", TokenKind::Number),
            ("UE", TokenKind::Acronym),
            ("IoT", TokenKind::Acronym),
        ] {
            assert_eq!(classify(w), kind, "{w}");
        }
        for w in [
            "été",
            "sécurité",
            "straße",
            "naïve",
            "œuvre",
            "Été",
            "a÷b",
            "a1",
            "",
        ] {
            let fast = is_plain_lower(w.as_bytes());
            assert_eq!(
                fast,
                !w.is_empty() && w.chars().all(|c| c.is_lowercase()) && !w.contains('œ'),
                "{w}"
            );
        }
    }

    #[test]
    fn shortcuts_classify_like_the_counts() {
        let parts = [
            "a", "é", "B", "É", "1", "-", "ß", "x", "Z", "÷", "œ", "'", ".",
        ];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for w in &words {
                for p in parts {
                    next.push(format!("{w}{p}"));
                }
            }
            words.extend(next);
        }
        for w in &words {
            assert_eq!(classify(w), classify_by_counts(w), "{w:?}");
        }
    }

    #[test]
    fn latin1_letters_continue_words() {
        // what the two-byte shortcut of `Scanner::word` (lead byte 0xC3) assumes
        for c in ('\u{C0}'..='\u{FF}').filter(|c| !matches!(c, '×' | '÷')) {
            assert!(is_word_char(c), "{c:?}");
            assert_eq!(c.encode_utf8(&mut [0; 4]).as_bytes()[0], 0xC3);
        }
        assert!(!is_word_char('×') && !is_word_char('÷'));
    }

    #[test]
    fn fast_alpha_agrees_with_std() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
