//! The tokenised document and its parts.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::lang::{Lang, LangSource};
use crate::scan::{word4, word8};

/// A half-open byte range `start..end` into [`Document::text`] (the decoded text: a BOM,
/// if there was one, is not part of it).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// As a `Range<usize>`, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What a token is, judged from its shape (no dictionary is used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    /// Letters, possibly with digits, inner hyphens and apostrophes (`cyber-résilience`,
    /// `aujourd'hui`), an abbreviation with its period (`doc.`, `e.g.`), an elided article
    /// (`l'`, see [`Token::elision`]) or an English clitic (`'s`).
    Word,
    /// Digits with separators: `2017`, `1,5`, `2.000.000`, `1 000` (with a no-break space only),
    /// ranges `2015-2020` and references `12109/13`, `12762/5/16`.
    Number,
    /// An acronym by shape; see the crate documentation for the exact rule (`UE`, `CSIRT`,
    /// `CERT-UE`, `G7`, `IPv6`, `IoT`, `PMEs`).
    Acronym,
    /// Punctuation: `. , ; : ! ? ( ) [ ] " « » - – — …` and the like.
    Punct,
    /// Any other symbol: `% € $ + = < > & § ° /`… (also an HTML entity such as `&amp;` in
    /// Markdown mode; its [`Document::norm`] is the character it stands for).
    Symbol,
    /// A URL starting with a scheme (`https://`) or `www.`.
    Url,
    /// An e-mail address.
    Email,
}

/// A token: a span of the text and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is; [`Document::token_text`] slices it exactly.
    pub span: Span,
    /// Its kind.
    pub kind: TokenKind,
    /// An elided word ending in an apostrophe, split from the next word (French `l'`, `qu'`,
    /// `jusqu'`…, from the data file `data/<lang>/elisions.txt`).
    pub elision: bool,
}

/// The kind of a block: the structural unit that sentences never cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum BlockKind {
    /// Ordinary text, lines up to a blank line or another block.
    Paragraph,
    /// A Markdown heading (`# …` to `###### …`).
    Heading,
    /// A list item (`- `, `* `, `+ `, `1. `, `1) `), with its continuation lines.
    ListItem,
    /// A footnote definition: `<sup>1</sup> …` or `[^1]: …` at the start of a line.
    Footnote,
    /// A horizontal rule (`---`, `***`, `___`); it has no tokens.
    Rule,
    /// A table row (`| a | b |`); each cell is a separate sentence.
    TableRow,
}

/// A block of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Block {
    /// From the first to the last non-blank byte of the block, markup included.
    pub span: Span,
    /// What it is.
    pub kind: BlockKind,
    /// Its language, when it is long enough to be identified reliably (and block-level
    /// identification is on, see [`crate::TokenizerBuilder::block_languages`]).
    pub lang: Option<Lang>,
}

/// A sentence: a run of tokens inside one block.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sentence {
    /// From the start of its first token to the end of its last token.
    pub span: Span,
    /// Its tokens, as indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// Index of its block in [`Document::blocks`].
    pub block: usize,
}

/// A tokenised document. Every span refers to [`Document::text`].
///
/// Blocks, sentences and tokens are each in text order and do not overlap; every token
/// belongs to exactly one sentence and every sentence to one block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The text, as given (or as decoded from bytes, without BOM).
    pub text: String,
    /// The document language: forced, identified, or the fallback (see [`Document::lang_source`]).
    pub lang: Lang,
    /// How [`Document::lang`] was obtained.
    pub lang_source: LangSource,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
    /// Whether the text was read as Markdown ([`crate::TokenizerBuilder::markdown`]); used by
    /// [`Document::display_text`] to remove the same markup as the tokenizer. Defaults to
    /// `true` when absent from serialized data.
    #[serde(default = "yes")]
    pub markdown: bool,
}

fn yes() -> bool {
    true
}

impl Document {
    /// The exact text of a token (a slice of [`Document::text`]); empty if the token does not
    /// belong to this document's text.
    pub fn token_text(&self, t: &Token) -> &str {
        self.slice(t.span)
    }

    /// The exact text of a sentence, markup included (e.g. a `<sup>1</sup>` footnote call
    /// inside it).
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        self.slice(s.span)
    }

    /// The exact text of a block.
    pub fn block_text(&self, b: &Block) -> &str {
        self.slice(b.span)
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        self.tokens.get(s.tokens.clone()).unwrap_or(&[])
    }

    /// The text of `span`, or `""` if it is not a valid span of the text.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The normalised form of a token, for matching: Unicode NFC; `’ ʼ ‘ \`` become `'`;
    /// no-break spaces (U+00A0, U+202F) become a space; soft hyphens (U+00AD) are dropped;
    /// an HTML entity token (`&amp;`) becomes its character. Case is kept.
    ///
    /// Borrowed (no allocation) when nothing changes, which is the case for almost all
    /// ASCII tokens.
    pub fn norm(&self, t: &Token) -> Cow<'_, str> {
        normalize(self.token_text(t))
    }
}

/// Normalises a string as [`Document::norm`] does.
pub fn normalize(s: &str) -> Cow<'_, str> {
    if !may_change(s.as_bytes()) && !is_entity(s) {
        return Cow::Borrowed(s);
    }
    normalize_slow(s)
}

/// Whether [`normalize`] may change `b`: false when every character is below U+0300 (all of
/// them are NFC quick-check Yes) and none is mapped (`` ` ``, U+00A0, U+00AD, U+02BC). One
/// pass over the bytes, no decoding: the common case of Latin text.
#[inline]
fn may_change(b: &[u8]) -> bool {
    // Eight bytes at a time: ASCII without a backtick never changes.
    const HI: u64 = 0x8080_8080_8080_8080;
    const LO: u64 = 0x0101_0101_0101_0101;
    const TICK: u64 = LO * b'`' as u64;
    let plain = |v: u64| {
        let x = v ^ TICK;
        (v | (x.wrapping_sub(LO) & !x)) & HI == 0
    };
    if b.len() < 16 {
        // Most tokens: two loads (overlapping) cover an ASCII word of 4 to 15 bytes; the
        // others (short, or with a non-ASCII byte) one pass, byte by byte.
        let n = b.len();
        let ascii_plain = match n {
            8..=15 => plain(word8(b, 0)) && plain(word8(b, n - 8)),
            4..=7 => plain(word4(b, 0) | word4(b, n - 4) << 32),
            _ => false,
        };
        return !ascii_plain && may_change_bytes(b);
    }
    let mut chunks = b.chunks_exact(8);
    let mut all_plain = true;
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        all_plain &= plain(u64::from_le_bytes(a));
    }
    let mut tail = 0u64;
    for (k, &x) in chunks.remainder().iter().enumerate() {
        tail |= u64::from(x) << (8 * k);
    }
    if all_plain && plain(tail) {
        return false;
    }
    may_change_bytes(b)
}

/// The bytes [`may_change_bytes`] looks at: the backtick, and the first bytes of U+0080–U+00BF
/// (no-break space, soft hyphen), of U+0280–U+02BF (modifier apostrophe) and of U+0300 and
/// above. ASCII, continuation bytes and the other two-byte characters (Latin letters, `é`…)
/// never change.
static MAY_CHANGE_FROM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b == b'`' as usize || b == 0xC2 || b == 0xCA || b >= 0xCC;
        b += 1;
    }
    t
};

/// [`may_change`], one byte at a time.
fn may_change_bytes(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !MAY_CHANGE_FROM[usize::from(c)] {
            i += 1;
            continue;
        }
        match c {
            b'`' => return true,
            // U+00A0 no-break space, U+00AD soft hyphen
            0xC2 if matches!(b.get(i + 1), Some(0xA0 | 0xAD)) => return true,
            // U+02BC modifier letter apostrophe
            0xCA if b.get(i + 1) == Some(&0xBC) => return true,
            // U+0300 and above: combining marks, typographic quotes, narrow no-break space…
            0xCC..=0xFF => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

fn normalize_slow(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if !s.as_bytes().contains(&b'`') && !is_entity(s) {
            return Cow::Borrowed(s);
        }
        if let Some(c) = decode_entity(s) {
            return Cow::Owned(normalize(c.encode_utf8(&mut [0; 4])).into_owned());
        }
        return Cow::Owned(s.replace('`', "'"));
    }
    let needs_map = s.chars().any(|c| map_char(c) != Some(c));
    let nfc = matches!(is_nfc_quick(s.chars()), IsNormalized::Yes);
    if !needs_map && nfc {
        return Cow::Borrowed(s);
    }
    let mapped: String = s.chars().filter_map(map_char).collect();
    if matches!(is_nfc_quick(mapped.chars()), IsNormalized::Yes) {
        Cow::Owned(mapped)
    } else {
        Cow::Owned(mapped.nfc().collect())
    }
}

#[inline]
fn map_char(c: char) -> Option<char> {
    match c {
        '\u{2019}' | '\u{02BC}' | '\u{2018}' | '`' => Some('\''),
        '\u{00A0}' | '\u{202F}' => Some(' '),
        '\u{00AD}' => None,
        _ => Some(c),
    }
}

fn is_entity(s: &str) -> bool {
    s.len() > 2 && s.starts_with('&') && s.ends_with(';')
}

/// Decodes an HTML entity token (`&amp;`, `&#233;`, `&#xE9;`); `None` if unknown.
pub(crate) fn decode_entity(s: &str) -> Option<char> {
    let inner = s.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = inner.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return char::from_u32(v).filter(|c| *c != '\0');
    }
    ENTITIES.iter().find(|(n, _)| *n == inner).map(|(_, c)| *c)
}

/// Named HTML entities understood in Markdown mode.
pub(crate) const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("rsquo", '\u{2019}'),
    ("lsquo", '\u{2018}'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("euro", '€'),
    ("copy", '©'),
    ("reg", '®'),
    ("deg", '°'),
    ("sect", '§'),
    ("middot", '·'),
    ("shy", '\u{AD}'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_rules() {
        assert!(matches!(normalize("Internet"), Cow::Borrowed(_)));
        assert!(matches!(normalize("cybersécurité"), Cow::Borrowed(_)));
        assert_eq!(normalize("l’"), "l'");
        assert_eq!(normalize("lʼ"), "l'");
        assert_eq!(normalize("l‘"), "l'");
        assert_eq!(normalize("l`"), "l'");
        assert_eq!(normalize("1\u{A0}000"), "1 000");
        assert_eq!(normalize("1\u{202F}000"), "1 000");
        assert_eq!(normalize("cyber\u{AD}sécurité"), "cybersécurité");
        assert_eq!(normalize("e\u{301}te\u{301}"), "été");
        assert_eq!(normalize("ÉTATS"), "ÉTATS");
        assert_eq!(normalize("&amp;"), "&");
        assert_eq!(normalize("&#233;"), "é");
        assert_eq!(normalize("&#xE9;"), "é");
        assert_eq!(normalize("&bogus;"), "&bogus;");
        assert_eq!(normalize("&nbsp;"), " ");
        // past the first eight bytes
        assert_eq!(normalize("abcdefghij`k"), "abcdefghij'k");
        assert_eq!(normalize("abcdefgh\u{A0}1"), "abcdefgh 1");
        assert_eq!(normalize("abcdefghijklmnop’"), "abcdefghijklmnop'");
        assert!(matches!(normalize("abcdefghijklmnopq"), Cow::Borrowed(_)));
    }

    /// The normalisation without the byte-level fast path.
    fn normalize_reference(s: &str) -> Cow<'_, str> {
        normalize_slow(s)
    }

    #[test]
    fn fast_path_agrees_with_the_full_normalisation() {
        // Every character below U+0300 is NFC quick-check Yes (what `may_change` relies on).
        for c in (0..0x300u32).filter_map(char::from_u32) {
            assert!(
                matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes),
                "{c:?}"
            );
        }
        // Every character alone, and next to a letter and a combining accent.
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            for s in [
                c.to_string(),
                format!("a{c}"),
                format!("{c}e"),
                format!("e\u{301}{c}"),
            ] {
                assert_eq!(normalize(&s), normalize_reference(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn word_loads_see_every_byte() {
        // A changing character at every position of ASCII words of every length.
        for n in 0..40 {
            for p in 0..n {
                for c in ["`", "\u{A0}", "\u{AD}", "\u{2019}", "e\u{301}"] {
                    let s = format!("{}{c}{}", "a".repeat(p), "b".repeat(n - p - 1));
                    assert!(may_change(s.as_bytes()), "{s:?}");
                    assert_eq!(normalize(&s), normalize_reference(&s), "{s:?}");
                }
                let s = format!("{}é{}", "a".repeat(p), "b".repeat(n - p - 1));
                assert!(!may_change(s.as_bytes()), "{s:?}");
            }
            assert!(!may_change("x".repeat(n).as_bytes()));
        }
    }

    proptest::proptest! {
        #[test]
        fn normalize_equals_the_reference(s in "\\PC{0,12}|[a-zé&#;`’\u{A0}\u{AD}\u{2BC}\u{301}]{0,12}") {
            proptest::prop_assert_eq!(normalize(&s), normalize_reference(&s));
        }
    }

    #[test]
    fn span_basics() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
        assert_eq!(&"abcdefg"[s.range()], "cde");
        assert!(Span::new(5, 2).is_empty());
    }
}
