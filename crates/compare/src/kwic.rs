//! Concordances (keyword in context, KWIC).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use termsmith_tokenize::Span;
use termsmith_tokenize::{Document, Lang, TokenKind, Tokenizer};

/// One concordance line: the match with its left and right context (whitespace collapsed to single
/// spaces, at most `width` characters each side).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct KwicLine {
    /// Document name.
    pub doc: String,
    /// Byte span of the match in the document text.
    pub span: Span,
    /// Left context.
    pub left: String,
    /// The matched text as it appears.
    pub term: String,
    /// Right context.
    pub right: String,
}

/// Options for concordances.
///
/// ```
/// use termsmith_compare::kwic::KwicOptions;
/// let o = KwicOptions::new().width(30).max_lines(5);
/// assert_eq!(o.get_width(), 30);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KwicOptions {
    width: usize,
    max_lines: Option<usize>,
    max_entries: Option<usize>,
}

impl Default for KwicOptions {
    fn default() -> Self {
        KwicOptions {
            width: 40,
            max_lines: None,
            max_entries: None,
        }
    }
}

impl KwicOptions {
    /// Width 40 characters each side, no line limit.
    pub fn new() -> Self {
        Self::default()
    }
    /// Characters of context on each side.
    pub fn width(mut self, w: usize) -> Self {
        self.width = w;
        self
    }
    /// Maximum number of lines returned (per period when building a report).
    pub fn max_lines(mut self, n: usize) -> Self {
        self.max_lines = Some(n);
        self
    }
    /// When attaching concordances to a comparison, only to this many entries (the rows a report
    /// with the same `max_entries` shows).
    pub fn max_entries(mut self, n: usize) -> Self {
        self.max_entries = Some(n);
        self
    }
    /// Entry limit.
    pub fn get_max_entries(&self) -> Option<usize> {
        self.max_entries
    }
    /// Context width.
    pub fn get_width(&self) -> usize {
        self.width
    }
    /// Line limit.
    pub fn get_max_lines(&self) -> Option<usize> {
        self.max_lines
    }
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut ws = false;
    for c in s.chars() {
        // Soft hyphens and zero-width characters are dropped from display contexts.
        if matches!(c, '\u{00ad}' | '\u{200b}' | '\u{feff}') {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            if !ws {
                out.push(' ');
            }
            ws = true;
        } else {
            out.push(c);
            ws = false;
        }
    }
    out
}

/// Builds the concordance line of the match at `span` in a tokenised document, as a reader sees it:
/// markup (footnote markers, emphasis) removed and white space collapsed
/// ([`Document::display_text_with`]). Returns `None` if the span is empty or out of range.
pub fn line_in_doc(name: &str, doc: &Document, span: Span, width: usize) -> Option<KwicLine> {
    let text = doc.text.as_str();
    if span.start >= span.end || span.end > text.len() {
        return None;
    }
    let budget = width.saturating_mul(4).saturating_add(8);
    let start = span.start.saturating_sub(budget);
    let end = span.end.saturating_add(budget).min(text.len());
    let (display, r) = doc.display_text_with(Span { start, end }, span);
    let (Some(l), Some(t), Some(rt)) = (
        display.get(..r.start),
        display.get(r.clone()),
        display.get(r.end..),
    ) else {
        return line_at(name, text, span, width);
    };
    let lc = l.chars().count();
    let left: String = l.chars().skip(lc.saturating_sub(width)).collect();
    let right: String = rt.chars().take(width).collect();
    Some(KwicLine {
        doc: name.to_string(),
        span,
        left: left.trim_start().to_string(),
        term: t.to_string(),
        right: right.trim_end().to_string(),
    })
}

/// Builds the concordance line of the match at `span` in `text`. Returns `None` if the span is empty,
/// out of range or not on character boundaries.
pub fn line_at(doc: &str, text: &str, span: Span, width: usize) -> Option<KwicLine> {
    if span.start >= span.end || span.end > text.len() {
        return None;
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return None;
    }
    // Take generously (contexts shrink when whitespace collapses), then cut to `width` characters.
    let budget = width.saturating_mul(4).saturating_add(8);
    let left_start = text[..span.start]
        .char_indices()
        .rev()
        .nth(budget)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let right_end = text[span.end..]
        .char_indices()
        .nth(budget)
        .map(|(i, _)| span.end + i)
        .unwrap_or(text.len());
    let left = collapse_ws(&text[left_start..span.start]);
    let right = collapse_ws(&text[span.end..right_end]);
    let lc = left.chars().count();
    let left: String = left.chars().skip(lc.saturating_sub(width)).collect();
    let right: String = right.chars().take(width).collect();
    Some(KwicLine {
        doc: doc.to_string(),
        span,
        left,
        term: collapse_ws(&text[span.start..span.end]),
        right,
    })
}

/// Formats lines as aligned text columns: `doc:offset`, right-aligned left context, the match between
/// brackets, right context. One line per match, each ending with `\n`.
pub fn format_text(lines: &[KwicLine]) -> String {
    let loc: Vec<String> = lines
        .iter()
        .map(|l| format!("{}:{}", l.doc, l.span.start))
        .collect();
    let loc_w = loc.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    let left_w = lines
        .iter()
        .map(|l| l.left.chars().count())
        .max()
        .unwrap_or(0);
    let term_w = lines
        .iter()
        .map(|l| l.term.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (l, loc) in lines.iter().zip(&loc) {
        let pad = |s: &str, w: usize| " ".repeat(w.saturating_sub(s.chars().count()));
        out.push_str(loc);
        out.push_str(&pad(loc, loc_w));
        out.push_str("  ");
        out.push_str(&pad(&l.left, left_w));
        out.push_str(&l.left);
        out.push_str(" [");
        out.push_str(&l.term);
        out.push(']');
        out.push_str(&pad(&l.term, term_w));
        out.push(' ');
        out.push_str(&l.right);
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}

/// Number of tokens of a document counted for normalised frequencies: every token except
/// punctuation and symbols (words, numbers, acronyms, URLs, e-mail addresses).
pub fn count_tokens(doc: &Document) -> u64 {
    doc.tokens
        .iter()
        .filter(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
        .count() as u64
}

fn norm_key(s: &str) -> String {
    termsmith_tokenize::normalize(s).to_lowercase()
}

/// Finds `query` in tokenised documents by normalised token sequence: the query is tokenised in each
/// document's language and matches where the same tokens follow each other, compared after
/// normalisation ([`termsmith_tokenize::normalize`]) and lower-casing. Lines come in document order,
/// then text order, at most [`KwicOptions::get_max_lines`].
pub fn search(query: &str, docs: &[(&str, &Document)], opts: &KwicOptions) -> Vec<KwicLine> {
    let mut cache: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for (name, doc) in docs {
        let q = cache.entry(doc.lang).or_insert_with(|| {
            let qd = Tokenizer::builder()
                .lang(Some(doc.lang))
                .markdown(false)
                .build()
                .tokenize(query);
            qd.tokens
                .iter()
                .map(|t| norm_key(qd.token_text(t)))
                .collect()
        });
        if q.is_empty() {
            continue;
        }
        let toks = &doc.tokens;
        let mut i = 0;
        while i + q.len() <= toks.len() {
            let hit = q
                .iter()
                .enumerate()
                .all(|(k, w)| norm_key(doc.token_text(&toks[i + k])) == *w);
            if hit {
                let span = Span {
                    start: toks[i].span.start,
                    end: toks[i + q.len() - 1].span.end,
                };
                if let Some(l) = line_in_doc(name, doc, span, opts.width) {
                    out.push(l);
                    if opts.max_lines.is_some_and(|m| out.len() >= m) {
                        return out;
                    }
                }
                i += q.len();
            } else {
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_cut_and_collapsed() {
        let text = "La  cyber\nsécurité de l'Union est une priorité.";
        let start = text.find("cyber").unwrap();
        let end = start + "cyber\nsécurité".len();
        let l = line_at("a.txt", text, Span { start, end }, 6).unwrap();
        assert_eq!(l.left, "La ");
        assert_eq!(l.term, "cyber sécurité");
        assert_eq!(l.right, " de l'");
        assert_eq!(l.right.chars().count(), 6);
        assert!(line_at("a", text, Span { start: 5, end: 4 }, 6).is_none());
        assert!(line_at("a", text, Span { start: 0, end: 999 }, 6).is_none());
        let e = text.find('é').unwrap();
        assert!(line_at(
            "a",
            text,
            Span {
                start: e + 1,
                end: e + 3
            },
            6
        )
        .is_none());
    }

    #[test]
    fn search_matches_normalised_token_sequences() {
        let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
        let a = tk.tokenize("La Cyber-résilience de l\u{2019}Union. La cyber-résilience encore.");
        let b = tk.tokenize("Rien ici.");
        let docs = [("a.txt", &a), ("b.txt", &b)];
        let lines = search("cyber-résilience de l'union", &docs, &KwicOptions::new());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].term, "Cyber-résilience de l\u{2019}Union");
        assert_eq!(lines[0].doc, "a.txt");
        let lines = search("CYBER-RÉSILIENCE", &docs, &KwicOptions::new().max_lines(1));
        assert_eq!(lines.len(), 1);
        assert!(search("", &docs, &KwicOptions::new()).is_empty());
        assert!(search("absent", &docs, &KwicOptions::new()).is_empty());
        assert_eq!(count_tokens(&b), 2);
    }

    #[test]
    fn text_format_aligns() {
        let text = "un terme ici et un autre terme là-bas";
        let a = line_at("a.txt", text, Span { start: 3, end: 8 }, 10).unwrap();
        let b = line_at("long.txt", text, Span { start: 25, end: 30 }, 10).unwrap();
        let out = format_text(&[a, b]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        let col = |s: &str| s.char_indices().position(|(_, c)| c == '[').unwrap();
        assert_eq!(col(lines[0]), col(lines[1]));
        assert!(lines[0].starts_with("a.txt:3 "));
        assert_eq!(format_text(&[]), "");
    }
}
