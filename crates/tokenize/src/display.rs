//! Display text: a span of the document without its markup, for showing contexts.

use std::ops::Range;

use crate::doc::{decode_entity, Document, Span};
use crate::markup::{html_tag, mask_text};
use crate::scan::entity_end;

/// HTML elements that render inline: removing their tags joins the text around them (a
/// space is kept only where it would otherwise glue two letters or digits). Any other tag
/// (`<br>`, `<p>`, `<td>`…) separates text like a space.
const INLINE_TAGS: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"cite", b"code", b"data", b"del", b"dfn", b"em", b"font",
    b"i", b"ins", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span", b"strike", b"strong",
    b"sub", b"sup", b"time", b"u", b"var", b"wbr",
];

/// What separates the last emitted character from the next one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing.
    None,
    /// Removed inline markup: a space only between two alphanumeric characters.
    Soft,
    /// White space (or markup that stands for it): one space.
    Hard,
}

impl Document {
    /// The text of `span` as a reader sees it, for display (glossary contexts, concordance
    /// lines): markup removed exactly where the tokenizer masks it (`<sup>…</sup>` footnote
    /// calls with their content, `[^1]`, emphasis markers, heading `#`, list bullets, table
    /// pipes, quote markers, HTML tags and comments, escaping backslashes), HTML entities
    /// decoded (`&amp;` → `&`, where the tokenizer made a token of them), soft hyphens and zero-width characters dropped, every run of
    /// white space (line breaks, no-break spaces included) collapsed to one space, trimmed.
    ///
    /// Removed markup leaves no space (`solide"<sup>1</sup>.` → `solide".`) unless it sat
    /// between two letters or digits, or stood for a separation (table pipe, `&nbsp;`,
    /// `<br>` and other non-inline tags). In plain-text mode
    /// ([`crate::TokenizerBuilder::markdown`]`(false)`) nothing is markup and only the
    /// character and white-space rules apply.
    ///
    /// A span that is not on character boundaries is widened to them; a span outside the
    /// text gives `""`. Never panics.
    ///
    /// ```
    /// use termsmith_tokenize::{Lang, Span, Tokenizer};
    /// let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
    /// let doc = tk.tokenize("Une base **solide**<sup>1</sup>.\nR&amp;D");
    /// let all = Span::new(0, doc.text.len());
    /// assert_eq!(doc.display_text(all), "Une base solide. R&D");
    /// ```
    pub fn display_text(&self, span: Span) -> String {
        self.display_text_with(span, Span::new(span.start, span.start))
            .0
    }

    /// [`Document::display_text`] of `span`, and where `inner` (a sub-span, e.g. a term
    /// inside its sentence) lies in it, as a byte range of the returned string: from the
    /// first displayed character at or after `inner.start` to the end of the last displayed
    /// character before `inner.end`. An `inner` with nothing displayed (empty, outside
    /// `span`, only markup) gives an empty range at the position where it would be.
    ///
    /// ```
    /// use termsmith_tokenize::{Lang, Span, Tokenizer};
    /// let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
    /// let doc = tk.tokenize("La **cyber\u{AD}sécurité**<sup>3</sup> de l’Union.");
    /// let s = &doc.sentences[0];
    /// let term = doc.tokens[1].span; // cyber­sécurité
    /// let (text, r) = doc.display_text_with(s.span, term);
    /// assert_eq!(text, "La cybersécurité de l’Union.");
    /// assert_eq!(&text[r], "cybersécurité");
    /// ```
    pub fn display_text_with(&self, span: Span, inner: Span) -> (String, Range<usize>) {
        self.display_impl(span, inner, true)
    }

    /// [`Document::display_text_with`]; `join_spaces`: single spaces between plain characters
    /// join the runs copied at once (else they take the general path: the reference the
    /// joined runs must agree with).
    fn display_impl(&self, span: Span, inner: Span, join_spaces: bool) -> (String, Range<usize>) {
        let text = self.text.as_str();
        let len = text.len();
        let s = floor_boundary(text, span.start.min(len));
        let e = ceil_boundary(text, span.end.min(len));
        if e <= s {
            return (String::new(), 0..0);
        }
        // Re-mask from the start of the block holding `s` to the start of the first block at
        // or after `e`: segmentation restarts cleanly at a block start.
        let bi = self.blocks.partition_point(|b| b.span.start <= s);
        let mut from = bi
            .checked_sub(1)
            .and_then(|i| self.blocks.get(i))
            .map_or(0, |b| b.span.start);
        let bj = self.blocks.partition_point(|b| b.span.start < e);
        let mut to = self.blocks.get(bj).map_or(len, |b| b.span.start);
        if from > s || to < e || text.get(from..to).is_none() {
            // blocks that do not belong to this text: mask the span alone
            from = s;
            to = e;
        }
        let sub = &text[from..to];
        let clean = mask_text(sub, self.markdown);
        let sb = sub.as_bytes();
        let (a, z) = (s - from, e - from);

        let mut out = String::with_capacity(z - a);
        let mut gap = Gap::None;
        let mut last: Option<char> = None;
        let mut i_start: Option<usize> = None;
        let mut i_end = 0;
        let mut r = a;
        while r < z {
            let k = run_end(sb, &clean, r, z, join_spaces.then_some((from, inner)));
            if k > r {
                // A run of plain characters (visible, none of them markup, an entity start,
                // white space or a character that is dropped): shown as they are, copied at
                // once (what the general case below does for each). A single space between
                // two plain characters joins the run: the general case shows it as one
                // space too, unless `inner` starts or ends at it (then it is not part of
                // the displayed inner text).
                let run = &sub[r..k];
                if let Some(l) = last {
                    let space = match gap {
                        Gap::None => false,
                        Gap::Soft => {
                            l.is_alphanumeric()
                                && run.chars().next().is_some_and(char::is_alphanumeric)
                        }
                        Gap::Hard => true,
                    };
                    if space {
                        out.push(' ');
                    }
                }
                gap = Gap::None;
                // Document positions of the run: `ra..rk`; output bytes are the run's bytes.
                let (ra, rk) = (from + r, from + k);
                let o = out.len();
                if i_start.is_none() && rk > inner.start {
                    i_start = Some(o + ceil_boundary(run, inner.start.saturating_sub(ra)));
                }
                let (lo, hi) = (ra.max(inner.start), rk.min(inner.end));
                if lo < hi {
                    i_end = o + ceil_boundary(run, hi - ra);
                }
                out.push_str(run);
                last = if sb[k - 1] < 0x80 {
                    Some(char::from(sb[k - 1]))
                } else {
                    run.chars().next_back()
                };
                r = k;
                continue;
            }
            let Some(ch) = sub[r..].chars().next() else {
                break;
            };
            let mut next = r + ch.len_utf8();
            let mut shown = ch;
            if ch.is_whitespace() {
                gap = Gap::Hard;
                r = next;
                continue;
            }
            if clean.get(r) == Some(&b' ') {
                // masked markup
                let sep = match ch {
                    '|' | '&' => true,
                    '<' => html_tag(sb, r, sb.len()).is_some() && !inline_tag(&sb[r..]),
                    _ => false,
                };
                if sep {
                    gap = Gap::Hard;
                } else if gap == Gap::None {
                    gap = Gap::Soft;
                }
                r = next;
                continue;
            }
            if ch == '&' && self.markdown {
                // an entity the tokenizer made a token of (not one inside a URL)
                if let Some(k) = entity_end(sb, r, z).filter(|&k| self.is_token(from + r, from + k))
                {
                    if let Some(c) = sub.get(r..k).and_then(decode_entity) {
                        shown = c;
                        next = k;
                    }
                }
            }
            if shown.is_whitespace() {
                gap = Gap::Hard;
                r = next;
                continue;
            }
            if matches!(shown, '\u{AD}' | '\u{200B}' | '\u{FEFF}' | '\u{2060}') {
                r = next;
                continue;
            }
            if let Some(l) = last {
                let space = match gap {
                    Gap::None => false,
                    Gap::Soft => l.is_alphanumeric() && shown.is_alphanumeric(),
                    Gap::Hard => true,
                };
                if space {
                    out.push(' ');
                }
            }
            gap = Gap::None;
            let p = from + r;
            if i_start.is_none() && p >= inner.start {
                i_start = Some(out.len());
            }
            out.push(shown);
            if p >= inner.start && p < inner.end {
                i_end = out.len();
            }
            last = Some(shown);
            r = next;
        }
        let st = i_start.unwrap_or(out.len());
        (out, st..i_end.max(st))
    }
}

/// The end of the character at `r` (a character boundary before `z`) when it is plain: shown
/// as it is, with no decision to take (not markup, not white space, not an entity start, not
/// dropped): a visible ASCII character other than `&`, or a two-byte character from U+00C0
/// to U+07FF (letters and marks; none of them is white space or dropped). Else `r`.
#[inline]
fn plain_char_end(sb: &[u8], clean: &[u8], r: usize, z: usize) -> usize {
    if r >= z || clean.get(r) == Some(&b' ') {
        return r;
    }
    match PLAIN_LEN[usize::from(sb[r])] {
        1 => r + 1,
        2 if r + 1 < z && clean.get(r + 1) != Some(&b' ') => r + 2,
        _ => r,
    }
}

/// Per byte of `x`, the high bit set where the byte is not zero (exact for every byte).
#[inline]
fn nonzero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    (((x & LOW7).wrapping_add(LOW7)) | x) & !LOW7
}

/// The end of the run of plain characters from `r` (a character boundary before `z`), see
/// [`plain_char_end`]. With `join = Some((from, inner))`, a single space between two plain
/// characters is part of the run unless the document position of the space (`from` + its
/// offset) is `inner.start` or the one just before `inner.end`. Eight ASCII bytes at a time
/// where it can: [`tests::run_end_reference`] is the definition, one character at a time.
#[inline]
fn run_end(sb: &[u8], clean: &[u8], r0: usize, z: usize, join: Option<(usize, Span)>) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |x: &[u8], i: usize| -> Option<u64> {
        let a: [u8; 8] = x.get(i..i + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(a))
    };
    // Nothing is masked when the masked text is the text itself.
    let same = std::ptr::eq(sb, clean);
    let mut r = r0;
    loop {
        while r + 8 <= z {
            let (Some(w), Some(c)) = (word(sb, r), word(clean, r)) else {
                break;
            };
            // Masked bytes are spaces in `clean`, where the text has another byte (a masked
            // space reads as a space either way).
            if w & HIGH != 0 || (!same && c != w) {
                break;
            }
            // Per byte (all below 0x80): plain is 0x21..=0x7E but `&`.
            let ge21 = w.wrapping_add(ONES * 0x5F) & HIGH;
            let le7e = !w.wrapping_add(ONES) & HIGH;
            let plain = ge21 & le7e & nonzero_bytes(w ^ (ONES * u64::from(b'&')));
            let space = !nonzero_bytes(w ^ (ONES * u64::from(b' '))) & HIGH;
            if plain == HIGH {
                r += 8;
                continue;
            }
            // Spaces between plain bytes: none first or last, no two together, and none where
            // `inner` starts or ends (tested on the whole window).
            let Some((from, inner)) = join else {
                break;
            };
            let lo = from + r;
            if plain | space != HIGH
                || space & 0x80 != 0
                || space >> 56 != 0
                || space & (space << 8) != 0
                || inner.start.wrapping_sub(lo) < 8
                || inner.end.wrapping_sub(lo + 1) < 8
            {
                break;
            }
            r += 8;
        }
        let n = plain_char_end(sb, clean, r, z);
        if n > r {
            r = n;
            continue;
        }
        if let Some((from, inner)) = join {
            if r > r0
                && sb.get(r) == Some(&b' ')
                && from + r != inner.start
                && from + r + 1 != inner.end
            {
                let m = plain_char_end(sb, clean, r + 1, z);
                if m > r + 1 {
                    r = m;
                    continue;
                }
            }
        }
        return r;
    }
}

/// By first byte: the length of a plain character starting with it (see [`plain_char_end`]),
/// or 0.
static PLAIN_LEN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_graphic() && c != b'&' {
            1
        } else if c >= 0xC3 && c <= 0xDF {
            2
        } else {
            0
        };
        b += 1;
    }
    t
};

impl Document {
    /// Whether `start..end` is exactly the span of a token.
    fn is_token(&self, start: usize, end: usize) -> bool {
        self.tokens
            .binary_search_by_key(&start, |t| t.span.start)
            .is_ok_and(|i| self.tokens[i].span.end == end)
    }
}

/// Whether the tag at the start of `t` (`<name…` or `</name…`) is an inline element.
fn inline_tag(t: &[u8]) -> bool {
    let t = t.get(1..).unwrap_or(&[]);
    let t = t.strip_prefix(b"/").unwrap_or(t);
    let n = t.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    let name = &t[..n];
    INLINE_TAGS.iter().any(|x| x.eq_ignore_ascii_case(name))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, Tokenizer};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "<sup>1</sup>",
        "<b>",
        "</b>",
        "<br>",
        "**",
        "*",
        "_",
        "# ",
        "\n",
        "\n\n",
        "- ",
        "| ",
        "&amp;",
        "&nbsp;",
        "[^1]",
        "> ",
        "\\",
        "l’",
        "doc.",
        "https://a.b/c",
        "\u{AD}",
        "\u{A0}",
        "\t",
        ". ",
        " ",
        " ",
        "  ",
        "a",
        "bc",
        "Été",
        "42",
        "x",
        "\u{2060}",
        "é",
    ];

    /// [`run_end`] as it was first written, one character at a time: its definition.
    pub(super) fn run_end_reference(
        sb: &[u8],
        clean: &[u8],
        r: usize,
        z: usize,
        join: Option<(usize, Span)>,
    ) -> usize {
        let mut k = plain_char_end(sb, clean, r, z);
        if k == r {
            return r;
        }
        loop {
            let mut n = plain_char_end(sb, clean, k, z);
            if let Some((from, inner)) = join {
                if n == k
                    && sb.get(k) == Some(&b' ')
                    && from + k != inner.start
                    && from + k + 1 != inner.end
                {
                    let m = plain_char_end(sb, clean, k + 1, z);
                    if m > k + 1 {
                        n = m;
                    }
                }
            }
            if n == k {
                return k;
            }
            k = n;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The eight-byte steps of [`run_end`] stop where the character steps do: bytes drawn
        /// mostly from plain ASCII and spaces (long runs) with every class of exception, some
        /// of them masked, from every start to every end, joining spaces or not, with `inner`
        /// anywhere near.
        #[test]
        fn runs_agree_with_plain_characters(
            bytes in proptest::collection::vec(
                prop_oneof![
                    12 => 0x21u8..0x7F,
                    4 => Just(b' '),
                    1 => Just(b'&'),
                    1 => Just(0x7Fu8),
                    1 => 0u8..0x21,
                    1 => 0x80u8..=0xFF,
                ],
                0..40,
            ),
            masked in proptest::collection::vec(0u8..12, 40),
            same in any::<bool>(),
            from in 0usize..3,
            inner in (0usize..50, 0usize..50),
        ) {
            let clean: Vec<u8> = bytes
                .iter()
                .zip(&masked)
                .map(|(&b, &m)| if m == 0 { b' ' } else { b })
                .collect();
            let clean: &[u8] = if same { &bytes } else { &clean };
            let inner = Span::new(inner.0, inner.1);
            for join in [None, Some((from, inner))] {
                for z in 0..=bytes.len() {
                    for r in 0..=z {
                        prop_assert_eq!(
                            run_end(&bytes, clean, r, z, join),
                            run_end_reference(&bytes, clean, r, z, join),
                            "{:?} {:?} {} {} {:?}", bytes, clean, r, z, join
                        );
                    }
                }
            }
        }
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
    }

    fn agree(
        md: bool,
        t: &str,
        spans: &[(usize, usize, usize, usize)],
    ) -> Result<(), TestCaseError> {
        let doc = Tokenizer::builder()
            .lang(Some(Lang::FR))
            .markdown(md)
            .block_languages(false)
            .build()
            .tokenize(t);
        let n = t.len() + 2;
        for &(a, b, c, d) in spans {
            let (span, inner) = (Span::new(a % n, b % n), Span::new(c % n, d % n));
            prop_assert_eq!(
                doc.display_impl(span, inner, true),
                doc.display_impl(span, inner, false),
                "{:?} {:?} {:?}",
                t,
                span,
                inner
            );
        }
        // Every token inside every sentence, as the glossary contexts ask.
        for s in &doc.sentences {
            for tk in &doc.tokens[s.tokens.clone()] {
                prop_assert_eq!(
                    doc.display_impl(s.span, tk.span, true),
                    doc.display_impl(s.span, tk.span, false)
                );
            }
        }
        Ok(())
    }

    #[test]
    fn joined_spaces_agree_with_the_general_path_on_examples() {
        let t = "Une base **solide**<sup>1</sup>. La cyber\u{AD}sécurité  de l’Union a b";
        let all: Vec<_> = (0..t.len())
            .flat_map(|a| (0..t.len()).map(move |c| (0, t.len(), a, c)))
            .collect();
        agree(true, t, &all).unwrap();
        agree(false, t, &all).unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        #[test]
        fn joined_spaces_agree_with_the_general_path(
            t in text(),
            md in any::<bool>(),
            spans in proptest::collection::vec(any::<(usize, usize, usize, usize)>(), 4),
        ) {
            agree(md, &t, &spans)?;
        }
    }
}
