//! Block segmentation and inline markup masking.
//!
//! Markup is never removed from the text: its bytes are *masked* (replaced by ASCII spaces)
//! in a scratch copy of the text of the same length, so offsets in the copy are offsets in
//! the original text.

use crate::doc::{BlockKind, Span};
use std::rc::Rc;

/// A block found by [`segment`]: its span, kind, and the positions (byte offsets into the
/// text) where a sentence must end inside it (Markdown hard line breaks, table cells).
#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    pub span: Span,
    pub kind: BlockKind,
    pub hard_breaks: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Blank,
    /// Heading; `content` is the offset after the `#` marker.
    Heading {
        marker_end: usize,
    },
    Rule,
    Item {
        marker_end: usize,
        ordered_not_one: bool,
    },
    Footnote {
        marker_end: usize,
    },
    TableRow,
    TableSep,
    Text,
}

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Trim of ASCII spaces, tabs, CR at both ends, as offsets.
fn trim_range(t: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && (is_ws(t[s]) || t[s] == b'\r') {
        s += 1;
    }
    while e > s && (is_ws(t[e - 1]) || t[e - 1] == b'\r') {
        e -= 1;
    }
    (s, e)
}

/// Classifies a Markdown line `t[s..e]` (already trimmed).
fn classify(t: &[u8], s: usize, e: usize) -> Line {
    if s >= e {
        return Line::Blank;
    }
    let line = &t[s..e];
    // Heading
    let hashes = line.iter().take_while(|&&b| b == b'#').count();
    if (1..=6).contains(&hashes) && (hashes == line.len() || is_ws(line[hashes])) {
        return Line::Heading {
            marker_end: s + hashes,
        };
    }
    // Rule: 3+ of the same of - * _ with optional spaces
    let c0 = line[0];
    if matches!(c0, b'-' | b'*' | b'_' | b'=') {
        let n = line.iter().filter(|&&b| b == c0).count();
        if n >= 3 && line.iter().all(|&b| b == c0 || is_ws(b)) {
            return Line::Rule;
        }
    }
    // Table
    if c0 == b'|' {
        if line
            .iter()
            .all(|&b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
            && line.contains(&b'-')
        {
            return Line::TableSep;
        }
        return Line::TableRow;
    }
    // Bullets
    if matches!(c0, b'-' | b'*' | b'+') && line.len() > 1 && is_ws(line[1]) {
        return Line::Item {
            marker_end: s + 1,
            ordered_not_one: false,
        };
    }
    if line.starts_with("•".as_bytes())
        || line.starts_with("▪".as_bytes())
        || line.starts_with("–".as_bytes())
    {
        let n = 3;
        if line.len() > n && is_ws(line[n]) {
            return Line::Item {
                marker_end: s + n,
                ordered_not_one: false,
            };
        }
    }
    // Ordered
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && line.len() > digits + 1
        && matches!(line[digits], b'.' | b')')
        && is_ws(line[digits + 1])
    {
        let one = &line[..digits] == b"1";
        return Line::Item {
            marker_end: s + digits + 1,
            ordered_not_one: !one,
        };
    }
    // Footnote definitions
    if let Some(end) = sup_marker(t, s) {
        if end == e || is_ws(t[end]) {
            return Line::Footnote { marker_end: end };
        }
    }
    if line.starts_with(b"[^") {
        if let Some(p) = line.iter().position(|&b| b == b']') {
            if p > 2 && line.get(p + 1) == Some(&b':') {
                return Line::Footnote {
                    marker_end: s + p + 2,
                };
            }
        }
    }
    Line::Text
}

/// If `t[i..]` starts with `<sup>X</sup>` where X is a short footnote call (letters, digits,
/// `*`, `,`, `-`, spaces; at most 16 bytes), returns the end offset.
pub(crate) fn sup_marker(t: &[u8], i: usize) -> Option<usize> {
    let rest = t.get(i..)?;
    if rest.len() < 11 || !rest[..5].eq_ignore_ascii_case(b"<sup>") {
        return None;
    }
    let body = &rest[5..];
    let close = body.iter().take(17).position(|&b| b == b'<')?;
    if !body[..close]
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'*' | b',' | b'-' | b' '))
    {
        return None;
    }
    let tail = body.get(close..close + 6)?;
    if tail.eq_ignore_ascii_case(b"</sup>") {
        Some(i + 5 + close + 6)
    } else {
        None
    }
}

/// Segments the text into blocks, recording block-level markup ranges in `clean` (see
/// [`apply_masks`]). With `markdown` off, blocks are paragraphs separated by blank lines.
pub(crate) fn segment(text: &str, clean: &mut Masks, markdown: bool) -> Vec<RawBlock> {
    let t = text.as_bytes();
    let mut blocks: Vec<RawBlock> = Vec::new();
    // The block being built: (start, end, kind, hard breaks)
    let mut cur: Option<RawBlock> = None;
    let mut line_start = 0;
    let n = t.len();
    let mut prev_hard = false;
    while line_start <= n {
        let nl = memchr::memchr(b'\n', &t[line_start..]).map_or(n, |p| line_start + p);
        let (s, e) = trim_range(t, line_start, nl);
        let kind = if markdown {
            classify(t, s, e)
        } else if s >= e {
            Line::Blank
        } else {
            Line::Text
        };
        // Markdown hard line break: two trailing spaces or a backslash.
        let raw_end = if nl > line_start && t[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        // A line with an inner tab (label/value lines of PDF conversions, "Origine:\tConseil")
        // also ends its sentence.
        let hard = markdown
            && e > s
            && (t[s..e].contains(&b'\t')
                || (raw_end >= 2
                    && raw_end - 2 >= e
                    && t[raw_end - 1] == b' '
                    && t[raw_end - 2] == b' ')
                || t[e - 1] == b'\\');
        if hard && t[e - 1] == b'\\' {
            mask(clean, e - 1, e);
        }
        let start_new =
            |cur: &mut Option<RawBlock>, blocks: &mut Vec<RawBlock>, kind: BlockKind| {
                if let Some(b) = cur.take() {
                    blocks.push(b);
                }
                *cur = Some(RawBlock {
                    span: Span::new(s, e),
                    kind,
                    hard_breaks: Vec::new(),
                });
            };
        match kind {
            Line::Blank => {
                if let Some(b) = cur.take() {
                    blocks.push(b);
                }
            }
            Line::Heading { marker_end } => {
                mask(clean, s, marker_end);
                // closing hashes: " ##" at the end
                let mut k = e;
                while k > marker_end && t[k - 1] == b'#' {
                    k -= 1;
                }
                if k < e && k > marker_end && is_ws(t[k - 1]) {
                    mask(clean, k, e);
                }
                start_new(&mut cur, &mut blocks, BlockKind::Heading);
                if let Some(b) = cur.take() {
                    blocks.push(b);
                }
            }
            Line::Rule => {
                mask(clean, s, e);
                start_new(&mut cur, &mut blocks, BlockKind::Rule);
                if let Some(b) = cur.take() {
                    blocks.push(b);
                }
            }
            Line::TableSep => {
                mask(clean, s, e);
                if let Some(b) = cur.take() {
                    blocks.push(b);
                }
            }
            Line::TableRow => {
                start_new(&mut cur, &mut blocks, BlockKind::TableRow);
                if let Some(b) = cur.as_mut() {
                    for (k, &byte) in t.iter().enumerate().take(e).skip(s) {
                        if byte == b'|' && (k == 0 || t[k - 1] != b'\\') {
                            mask(clean, k, k + 1);
                            b.hard_breaks.push(k);
                        }
                    }
                }
                if let Some(b) = cur.take() {
                    blocks.push(b);
                }
            }
            Line::Item {
                marker_end,
                ordered_not_one,
            } => {
                let continues_paragraph = ordered_not_one
                    && !prev_hard
                    && matches!(
                        cur.as_ref().map(|b| b.kind),
                        Some(BlockKind::Paragraph) | Some(BlockKind::Footnote)
                    );
                if continues_paragraph {
                    extend(&mut cur, e);
                } else {
                    mask(clean, s, marker_end);
                    start_new(&mut cur, &mut blocks, BlockKind::ListItem);
                }
            }
            Line::Footnote { marker_end } => {
                mask(clean, s, marker_end);
                start_new(&mut cur, &mut blocks, BlockKind::Footnote);
            }
            Line::Text => {
                if markdown {
                    // Blockquote markers
                    let mut k = s;
                    while k < e && (t[k] == b'>' || is_ws(t[k])) {
                        mask(clean, k, k + 1);
                        k += 1;
                    }
                }
                match cur.as_ref().map(|b| b.kind) {
                    Some(BlockKind::Paragraph)
                    | Some(BlockKind::ListItem)
                    | Some(BlockKind::Footnote) => {
                        if prev_hard {
                            if let Some(b) = cur.as_mut() {
                                b.hard_breaks.push(b.span.end);
                            }
                        }
                        extend(&mut cur, e);
                    }
                    _ => start_new(&mut cur, &mut blocks, BlockKind::Paragraph),
                }
            }
        }
        prev_hard = hard;
        if nl >= n {
            break;
        }
        line_start = nl + 1;
    }
    if let Some(b) = cur.take() {
        blocks.push(b);
    }
    blocks
}

fn extend(cur: &mut Option<RawBlock>, e: usize) {
    if let Some(b) = cur.as_mut() {
        b.span.end = e;
    }
}

/// Byte ranges of the text that are markup, to be replaced by spaces (same length) in the
/// masked copy.
pub(crate) type Masks = Vec<(usize, usize)>;

fn mask(clean: &mut Masks, s: usize, e: usize) {
    if s < e {
        clean.push((s, e));
    }
}

/// Replaces each masked range of `clean` (a copy of the text, possibly with line breaks
/// already replaced by spaces) by spaces. Ranges not on character boundaries are skipped.
pub(crate) fn apply_masks(clean: &mut String, masks: &[(usize, usize)]) {
    const SPACES: &str = "                                                                ";
    for &(s, e) in masks {
        if e > clean.len() || !clean.is_char_boundary(s) || !clean.is_char_boundary(e) {
            continue;
        }
        let n = e - s;
        if n <= SPACES.len() {
            clean.replace_range(s..e, &SPACES[..n]);
        } else {
            clean.replace_range(s..e, &" ".repeat(n));
        }
    }
}

/// Records inline Markdown/HTML markup in `span` as ranges in `clean` and appends the positions of `<br>`
/// tags to `hard_breaks`. The scan runs on the original `text`.
///
/// URLs are left alone (underscores, asterisks and tildes are frequent in them), and they mask
/// nothing themselves: so the scan jumps from one byte that may start a mask
/// ([`INLINE_MASKING`]) to the next, and only then looks back along the run of non-space bytes
/// before it for the start of a URL that would cover it. This finds what a byte-by-byte scan
/// that skips each URL where it starts finds (checked by a test against that scan).
pub(crate) fn mask_inline(text: &str, clean: &mut Masks, span: Span, hard_breaks: &mut Vec<usize>) {
    let t = text.as_bytes();
    let end = span.end.min(t.len());
    let mut i = span.start;
    while i < end {
        let Some(j) = next_masking(t, i, end) else {
            return;
        };
        let b = t[j];
        // A URL ends at white space or `<`: one that covers `j` starts in the run of bytes
        // above the space before `j` (none before `j` may start a mask).
        if b != b'<' {
            let run = t[i..j]
                .iter()
                .rposition(|&c| c <= b' ')
                .map_or(i, |p| i + p + 1);
            if let Some(k) = (run..j).find_map(|p| url_at(t, p, end)) {
                i = k;
                continue;
            }
        }
        i = j;
        match b {
            // escape: mask the backslash, keep the next ASCII punctuation literal
            b'\\' if i + 1 < end && t[i + 1].is_ascii_punctuation() => {
                mask(clean, i, i + 1);
                i += 2;
                continue;
            }
            b'*' | b'~' | b'`' => {
                let mut k = i;
                while k < end && t[k] == b {
                    k += 1;
                }
                if b != b'~' || k - i >= 2 {
                    mask(clean, i, k);
                }
                i = k;
                continue;
            }
            b'_' => {
                let mut k = i;
                while k < end && t[k] == b'_' {
                    k += 1;
                }
                let before = prev_char(text, i).is_some_and(|c| c.is_alphanumeric());
                let after = text
                    .get(k..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(|c| c.is_alphanumeric());
                if !(before && after) {
                    mask(clean, i, k);
                }
                i = k;
                continue;
            }
            b'<' => {
                if let Some(k) = sup_marker(t, i).filter(|&k| k <= end) {
                    mask(clean, i, k);
                    i = k;
                    continue;
                }
                if let Some((k, is_br)) = html_tag(t, i, end) {
                    mask(clean, i, k);
                    if is_br {
                        hard_breaks.push(i);
                    }
                    i = k;
                    continue;
                }
                if let Some(k) = autolink_end(t, i, end) {
                    mask(clean, i, i + 1);
                    mask(clean, k - 1, k);
                    i = k;
                    continue;
                }
            }
            // footnote reference [^1]
            b'[' if i + 2 < end && t[i + 1] == b'^' => {
                if let Some(p) = t[i + 2..end].iter().take(17).position(|&c| c == b']') {
                    let k = i + 2 + p + 1;
                    if p > 0
                        && t[i + 2..k - 1]
                            .iter()
                            .all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                    {
                        mask(clean, i, k);
                        i = k;
                        continue;
                    }
                }
            }
            b'&' if t[i..end].starts_with(b"&nbsp;") => {
                mask(clean, i, i + 6);
                i += 6;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// The first byte of `t[i..end]` that may start a mask ([`INLINE_MASKING`]). Blocks of 32 bytes
/// are first tested with a predicate that the compiler turns into vector compares (it also holds
/// for `]` and `^`): most blocks of prose hold none of these bytes.
fn next_masking(t: &[u8], i: usize, end: usize) -> Option<usize> {
    next_in::<false>(t, i, end)
}

/// The first byte of `t[i..end]` in [`INLINE_MASKING`], or also the line feed when `NL`
/// ([`LINE_SCAN_STOP`]).
fn next_in<const NL: bool>(t: &[u8], i: usize, end: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let set: &[bool; 256] = if NL { &LINE_SCAN_STOP } else { &INLINE_MASKING };
    let hay = &t[i..end];
    let mut start = 0;
    for block in hay.chunks_exact(BLOCK) {
        // bitwise `|`, not `||`: no branch a byte
        let mut hit = 0u8;
        for &b in block {
            hit |= u8::from(b == b'&')
                | u8::from(b == b'*')
                | u8::from(b == b'<')
                | u8::from(b == b'~')
                | u8::from(b.wrapping_sub(b'[') < 6)
                | u8::from(NL && b == b'\n');
        }
        if hit != 0 {
            if let Some(p) = block.iter().position(|&b| set[b as usize]) {
                return Some(i + start + p);
            }
        }
        start += BLOCK;
    }
    hay[start..]
        .iter()
        .position(|&b| set[b as usize])
        .map(|p| i + start + p)
}

/// If a URL starts at `p` (as a word: not after an ASCII letter or digit), its end.
fn url_at(t: &[u8], p: usize, end: usize) -> Option<usize> {
    if matches!(t[p], b'h' | b'H' | b'w' | b'W' | b'f' | b'F')
        && (p == 0 || !t[p - 1].is_ascii_alphanumeric())
        && matches!(t.get(p + 1), Some(b't' | b'T' | b'w' | b'W'))
    {
        url_extent(t, p, end)
    } else {
        None
    }
}

/// A membership table of the bytes in `bytes`.
const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|p| p.chars().next_back())
}

/// `<tag …>`, `</tag>`, `<tag/>` or `<!-- … -->` at `i`: returns (end, is_br).
pub(crate) fn html_tag(t: &[u8], i: usize, end: usize) -> Option<(usize, bool)> {
    let rest = &t[i..end];
    if rest.starts_with(b"<!--") {
        let p = rest.windows(3).position(|w| w == b"-->")?;
        return Some((i + p + 3, false));
    }
    let mut k = 1;
    if rest.get(k) == Some(&b'/') {
        k += 1;
    }
    let name_start = k;
    if !rest.get(k)?.is_ascii_alphabetic() {
        return None;
    }
    while k < rest.len() && (rest[k].is_ascii_alphanumeric() || rest[k] == b'-') {
        k += 1;
    }
    let name = &rest[name_start..k];
    match rest.get(k)? {
        b'>' => {}
        b'/' if rest.get(k + 1) == Some(&b'>') => k += 1,
        b' ' | b'\t' | b'\n' | b'\r' => {
            // attributes up to '>' (no '<'), at most 512 bytes
            let p = rest[k..]
                .iter()
                .take(512)
                .position(|&c| c == b'>' || c == b'<')?;
            if rest[k + p] != b'>' {
                return None;
            }
            k += p;
        }
        _ => return None,
    }
    Some((i + k + 1, name.eq_ignore_ascii_case(b"br")))
}

/// `<https://…>` / `<www.…>` / `<name@host>` autolink: returns the end (after `>`).
fn autolink_end(t: &[u8], i: usize, end: usize) -> Option<usize> {
    let rest = &t[i + 1..end];
    let p = rest
        .iter()
        .take(2048)
        .position(|&c| c == b'>' || c == b' ' || c == b'<' || c == b'\n')?;
    if rest[p] != b'>' || p == 0 {
        return None;
    }
    let inner = &rest[..p];
    let lower: Vec<u8> = inner.iter().take(8).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"http://")
        || lower.starts_with(b"https://")
        || lower.starts_with(b"ftp://")
        || lower.starts_with(b"www.")
        || inner.contains(&b'@')
    {
        Some(i + 1 + p + 1)
    } else {
        None
    }
}

/// If a URL starts at `i`, the end of its run of non-space characters (stopping at `<`).
fn url_extent(t: &[u8], i: usize, end: usize) -> Option<usize> {
    let rest = &t[i..end];
    let head = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    if !(head(b"http://") || head(b"https://") || head(b"ftp://") || head(b"www.")) {
        return None;
    }
    let n = rest
        .iter()
        .position(|&c| c <= b' ' || c == b'<')
        .unwrap_or(rest.len());
    Some(i + n)
}

/// The masked bytes of `text` (same length), computed as the tokenizer does: block-level
/// markers by [`segment`], inline markup by [`mask_inline`] (Markdown mode only). `text` must
/// start at the start of a block (or of the document) for the result to equal the masking
/// of the whole document over that range: segmentation carries no state across a block start.
/// Line breaks are left as they are.
///
/// The last text masked on each thread is remembered with its result (a pure cache, keyed
/// by the whole text; a text without markup is remembered as such): displaying several
/// sentences of one long block masks it (or tests it for markup) once.
pub(crate) fn mask_text(text: &str, markdown: bool) -> MaskedText<'_> {
    if !markdown {
        return MaskedText::Same(text.as_bytes());
    }
    let cached = LAST_MASKED
        .try_with(|c| {
            let c = c.borrow();
            (c.0 == text.as_bytes()).then(|| c.1.clone())
        })
        .ok()
        .flatten();
    if let Some(m) = cached {
        return m.map_or(MaskedText::Same(text.as_bytes()), MaskedText::Shared);
    }
    let m = may_hold_markup(text.as_bytes()).then(|| Rc::<[u8]>::from(mask_markdown(text)));
    // A text too long to be worth keeping is not kept.
    if text.len() <= LAST_MASKED_MAX {
        let _ = LAST_MASKED.try_with(|c| {
            if let Ok(mut c) = c.try_borrow_mut() {
                c.0.clear();
                c.0.extend_from_slice(text.as_bytes());
                c.1.clone_from(&m);
            }
        });
    }
    m.map_or(MaskedText::Same(text.as_bytes()), MaskedText::Shared)
}

/// The result of [`mask_text`]: the text itself when nothing is masked, else its masked bytes
/// (shared with the cache).
pub(crate) enum MaskedText<'a> {
    /// Nothing masked: the bytes of the text.
    Same(&'a [u8]),
    /// The masked bytes.
    Shared(Rc<[u8]>),
}

impl std::ops::Deref for MaskedText<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            MaskedText::Same(t) => t,
            MaskedText::Shared(m) => m,
        }
    }
}

/// Longest text [`mask_text`] remembers.
const LAST_MASKED_MAX: usize = 1 << 20;

/// A text and its masked bytes (`None`: the text holds no markup).
type LastMasked = (Vec<u8>, Option<Rc<[u8]>>);

thread_local! {
    /// The last text tested or masked in Markdown mode by [`mask_text`] on this thread, and
    /// its masked bytes (`None`: the text holds no markup).
    static LAST_MASKED: std::cell::RefCell<LastMasked> =
        const { std::cell::RefCell::new((Vec::new(), None)) };
}

/// [`mask_text`] in Markdown mode, without the shortcut for text that holds no markup.
fn mask_markdown(text: &str) -> Vec<u8> {
    let mut clean = text.as_bytes().to_vec();
    let mut masks = Masks::new();
    let mut raw = segment(text, &mut masks, true);
    for b in raw.iter_mut() {
        if b.kind != BlockKind::Rule {
            mask_inline(text, &mut masks, b.span, &mut b.hard_breaks);
        }
    }
    for (s, e) in masks {
        if let Some(r) = clean.get_mut(s..e) {
            r.fill(b' ');
        }
    }
    clean
}

/// Bytes from which [`mask_inline`] masks something.
static INLINE_MASKING: [bool; 256] = byte_set(b"\\*~`_<[&");

/// False when [`segment`] and [`mask_inline`] find no markup in `t`: none of the bytes from
/// which `mask_inline` masks (backslash, which also ends a hard line break, `*`, `~`, backtick,
/// `_`, `<`, which also starts a `<sup>` footnote marker, `[`, `&`), and no line whose first
/// byte after white space may start a block marker (heading `#`, rule `- * _ =`, table `|`,
/// bullet `- * +` or `•▪–` (first byte 0xE2), ordered item digit, blockquote `>`). True may
/// still find nothing.
fn may_hold_markup(t: &[u8]) -> bool {
    let mut i = 0;
    loop {
        // at a line start: white space, then the first byte of the content
        while matches!(t.get(i), Some(b' ' | b'\t' | b'\r')) {
            i += 1;
        }
        let Some(&b) = t.get(i) else {
            return false;
        };
        i += 1;
        if INLINE_MASKING[b as usize]
            || matches!(
                b,
                b'#' | b'-' | b'=' | b'|' | b'+' | b'>' | b'0'..=b'9' | 0xE2
            )
        {
            return true;
        }
        if b == b'\n' {
            continue;
        }
        // the rest of the line
        let Some(j) = next_in::<true>(t, i, t.len()) else {
            return false;
        };
        if t[j] != b'\n' {
            return true;
        }
        i = j + 1;
    }
}

/// [`INLINE_MASKING`] and the line feed: where [`may_hold_markup`] stops inside a line.
static LINE_SCAN_STOP: [bool; 256] = byte_set(b"\\*~`_<[&\n");

#[cfg(test)]
mod mask_text_tests {
    use super::*;
    use proptest::prelude::*;

    /// `may_hold_markup` as first written: one loop, a state for the line start.
    fn may_hold_markup_ref(t: &[u8]) -> bool {
        let mut line_start = true;
        for &b in t {
            if INLINE_MASKING[b as usize] {
                return true;
            }
            if line_start {
                match b {
                    b' ' | b'\t' | b'\r' => continue,
                    b'#' | b'-' | b'=' | b'|' | b'+' | b'>' | b'0'..=b'9' | 0xE2 => return true,
                    _ => line_start = false,
                }
            }
            if b == b'\n' {
                line_start = true;
            }
        }
        false
    }

    #[test]
    fn remembered_masks_are_those_of_their_text() {
        let a = "a **b** c";
        let b = "a *b* c d";
        let c = "a b c d";
        for t in [a, a, b, a, b, b, c, c, a, c, b, c] {
            assert_eq!(*mask_text(t, true), *mask_markdown(t), "{t:?}");
        }
    }

    #[test]
    fn markup_test_agrees_with_the_reference() {
        let parts: [&[u8]; 10] = [
            b"a", b" ", b"\n", b"\r", b"\t", b"#", b"*", b"1", b"\xE2", b"x",
        ];
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for t in &texts {
                for p in parts {
                    let mut u = t.clone();
                    u.extend_from_slice(p);
                    next.push(u);
                }
            }
            texts.extend(next);
        }
        for t in &texts {
            assert_eq!(may_hold_markup(t), may_hold_markup_ref(t), "{t:?}");
        }
    }

    #[test]
    fn shortcut_masks_like_the_full_scan() {
        for t in [
            "Une phrase simple sans balisage, avec des accents : é à ç.",
            "# Titre",
            "  ## Titre",
            "---",
            "===",
            "| a | b |",
            "- point",
            "+ point",
            "* point",
            "• point",
            "▪ point",
            "– point",
            "1. premier",
            "12) douze",
            "> citation",
            "a **gras** b",
            "a _it_ b",
            "R&amp;D et &nbsp; ici",
            "note<sup>1</sup>.",
            "appel [^1] ici",
            "ligne\\\nsuite",
            "ligne  \nsuite",
            "x\n\n- y",
            "x\n  > y",
            "x\r\n1. y",
            "peut-être 2008-2011 = trois + deux > un",
            "http://a_b.c/*x* www.x_y.z",
            "~~barré~~ et `code`",
        ] {
            assert_eq!(*mask_text(t, true), *mask_markdown(t), "{t:?}");
            assert_eq!(*mask_text(t, false), *t.as_bytes(), "{t:?}");
        }
    }

    proptest! {
        #[test]
        fn markup_test_agrees_with_the_reference_on_long_lines(
            t in "([a-zé ]{0,70}|[\n\r\t #*1>\\\\`_<\\[\\]^&~-]){0,12}",
        ) {
            prop_assert_eq!(may_hold_markup(t.as_bytes()), may_hold_markup_ref(t.as_bytes()));
        }

        #[test]
        fn shortcut_never_changes_the_mask(t in "[a-zé 0-9.\n\r\t#=|+>*_~`<\\[\\]^&;:/-]{0,40}|[a-z •▪–1.\n-]{0,30}") {
            prop_assert_eq!(&*mask_text(&t, true), &*mask_markdown(&t));
        }
    }

    /// Bytes at which [`mask_inline_ref`] stops.
    static REF_SPECIAL: [bool; 256] = byte_set(b"hHwWfF\\*~`_<[&");

    /// `mask_inline` as first written: one byte at a time, skipping each URL where it starts.
    fn mask_inline_ref(text: &str, clean: &mut Masks, span: Span, hard_breaks: &mut Vec<usize>) {
        let t = text.as_bytes();
        let end = span.end.min(t.len());
        let mut i = span.start;
        while i < end {
            let b = t[i];
            if !REF_SPECIAL[b as usize] {
                i += 1;
                continue;
            }
            match b {
                b'h' | b'H' | b'w' | b'W' | b'f' | b'F'
                    if (i == 0 || !t[i - 1].is_ascii_alphanumeric())
                        && matches!(t.get(i + 1), Some(b't' | b'T' | b'w' | b'W')) =>
                {
                    // leave URLs alone (underscores, asterisks and tildes are frequent in them)
                    if let Some(k) = url_extent(t, i, end) {
                        i = k;
                        continue;
                    }
                }
                // escape: mask the backslash, keep the next ASCII punctuation literal
                b'\\' if i + 1 < end && t[i + 1].is_ascii_punctuation() => {
                    mask(clean, i, i + 1);
                    i += 2;
                    continue;
                }
                b'*' | b'~' | b'`' => {
                    let mut k = i;
                    while k < end && t[k] == b {
                        k += 1;
                    }
                    if b != b'~' || k - i >= 2 {
                        mask(clean, i, k);
                    }
                    i = k;
                    continue;
                }
                b'_' => {
                    let mut k = i;
                    while k < end && t[k] == b'_' {
                        k += 1;
                    }
                    let before = prev_char(text, i).is_some_and(|c| c.is_alphanumeric());
                    let after = text
                        .get(k..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(|c| c.is_alphanumeric());
                    if !(before && after) {
                        mask(clean, i, k);
                    }
                    i = k;
                    continue;
                }
                b'<' => {
                    if let Some(k) = sup_marker(t, i).filter(|&k| k <= end) {
                        mask(clean, i, k);
                        i = k;
                        continue;
                    }
                    if let Some((k, is_br)) = html_tag(t, i, end) {
                        mask(clean, i, k);
                        if is_br {
                            hard_breaks.push(i);
                        }
                        i = k;
                        continue;
                    }
                    if let Some(k) = autolink_end(t, i, end) {
                        mask(clean, i, i + 1);
                        mask(clean, k - 1, k);
                        i = k;
                        continue;
                    }
                }
                // footnote reference [^1]
                b'[' if i + 2 < end && t[i + 1] == b'^' => {
                    if let Some(p) = t[i + 2..end].iter().take(17).position(|&c| c == b']') {
                        let k = i + 2 + p + 1;
                        if p > 0
                            && t[i + 2..k - 1]
                                .iter()
                                .all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                        {
                            mask(clean, i, k);
                            i = k;
                            continue;
                        }
                    }
                }
                b'&' if t[i..end].starts_with(b"&nbsp;") => {
                    mask(clean, i, i + 6);
                    i += 6;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Masks and hard breaks of both scans over `span` of `t`.
    fn both_scans(t: &str, span: Span) -> [(Masks, Vec<usize>); 2] {
        let (mut m1, mut h1, mut m2, mut h2) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        mask_inline(t, &mut m1, span, &mut h1);
        mask_inline_ref(t, &mut m2, span, &mut h2);
        [(m1, h1), (m2, h2)]
    }

    #[test]
    fn inline_scan_skips_urls_like_the_reference() {
        for t in [
            "voir http://a_b.c/*x* et www.x_y.z/~~a~~ puis **gras**",
            "xhttp://a_b.c *a* https://x.y/a<b>c</b>_d_",
            "ftp://h/a_b_c.d Fwww.a_b a_b www.a_b_c",
            "un texte assez long pour remplir plusieurs blocs de trente-deux octets sans balise, puis *a*",
            "https://un.lien.tres.long/avec/des/segments/sans/balise/puis_un_souligne_loin/apres*",
        ] {
            for s in 0..t.len().min(8) {
                let span = Span { start: s, end: t.len() };
                let [a, b] = both_scans(t, span);
                assert_eq!(a, b, "{t:?} {s}");
            }
        }
    }

    proptest! {
        #[test]
        fn inline_scan_agrees_with_the_reference(
            t in "([a-z ]{0,40}|[hHwWfFtTp:/.]{1,6}|(https?|ftp|www)(://|\\.)|[\\\\*~`_<>\\[\\]^&;!\n\t]|&nbsp;|<br>|<sup>1</sup>|é){0,24}",
            s in 0usize..8,
            cut in 0usize..8,
        ) {
            let end = t.len().saturating_sub(cut);
            let start = (0..=s.min(end)).rev().find(|&k| t.is_char_boundary(k)).unwrap_or(0);
            let [a, b] = both_scans(&t, Span { start, end });
            prop_assert_eq!(a, b);
        }
    }
}
