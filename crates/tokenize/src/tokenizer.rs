//! The tokenizer: blocks, sentences, tokens, language.

use unicode_segmentation::UnicodeSegmentation;

use crate::data::{lang_data, LangData};
use crate::decode::{decode, DecodeError};
use crate::doc::{Block, BlockKind, Document, Sentence, Span, Token, TokenKind};
use crate::lang::{Lang, LangDetector, LangSource};
use crate::markup::{mask_inline, segment};
use crate::scan::Scanner;

/// The document language used when it is neither forced nor identifiable.
pub const FALLBACK_LANG: Lang = Lang::EN;

/// Minimum number of letters in a block for block-level language identification.
const MIN_BLOCK_LETTERS: usize = 40;

/// Splits text into blocks, sentences and tokens. Cheap to share; `tokenize` takes `&self`.
///
/// ```
/// use termsmith_tokenize::{Lang, Tokenizer};
/// let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
/// let doc = tk.tokenize("Voir le doc. 12109/13. Il est adopté.");
/// assert_eq!(doc.sentences.len(), 2);
/// ```
pub struct Tokenizer {
    lang: Option<Lang>,
    markdown: bool,
    block_langs: bool,
    detector: LangDetector,
}

/// Options of a [`Tokenizer`].
#[derive(Debug, Clone)]
pub struct TokenizerBuilder {
    lang: Option<Lang>,
    markdown: bool,
    languages: Option<Vec<Lang>>,
    block_langs: bool,
}

impl Default for TokenizerBuilder {
    fn default() -> Self {
        TokenizerBuilder {
            lang: None,
            markdown: true,
            languages: None,
            block_langs: true,
        }
    }
}

impl TokenizerBuilder {
    /// Forces the document language (`Some`), or identifies it from the text (`None`, the
    /// default). A forced language also applies to every block's resources (abbreviations,
    /// elisions), but blocks still get their own identified [`Block::lang`].
    pub fn lang(&mut self, lang: Option<Lang>) -> &mut Self {
        self.lang = lang;
        self
    }

    /// Whether the input is Markdown (default `true`): headings, rules, list markers, table
    /// pipes, emphasis, HTML tags and `<sup>` footnote calls are markup that yields no
    /// tokens. With `false`, the text is plain: blocks are separated by blank lines only and
    /// `*`, `#`, `|`, `<`… are ordinary symbols.
    pub fn markdown(&mut self, yes: bool) -> &mut Self {
        self.markdown = yes;
        self
    }

    /// Restricts language identification (document and blocks) to these languages.
    /// Default: every language whatlang knows. Languages whatlang does not know are ignored;
    /// if none is left, identification always fails (the document gets [`FALLBACK_LANG`]).
    pub fn languages(&mut self, langs: &[Lang]) -> &mut Self {
        self.languages = Some(langs.to_vec());
        self
    }

    /// Whether to identify the language of each block (default `true`). Turning it off
    /// leaves every [`Block::lang`] `None` and saves time on large inputs.
    pub fn block_languages(&mut self, yes: bool) -> &mut Self {
        self.block_langs = yes;
        self
    }

    /// Builds the tokenizer.
    pub fn build(&self) -> Tokenizer {
        Tokenizer {
            lang: self.lang,
            markdown: self.markdown,
            block_langs: self.block_langs,
            detector: LangDetector::new(self.languages.as_deref()),
        }
    }
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer::new()
    }
}

impl Tokenizer {
    /// A tokenizer with default options (Markdown on, language identified).
    pub fn new() -> Tokenizer {
        TokenizerBuilder::default().build()
    }

    /// A builder to set options.
    pub fn builder() -> TokenizerBuilder {
        TokenizerBuilder::default()
    }

    /// Decodes bytes (see [`decode`]) and tokenises the text.
    pub fn tokenize_bytes(&self, bytes: &[u8]) -> Result<Document, DecodeError> {
        let text = decode(bytes)?;
        Ok(self.tokenize_owned(text))
    }

    /// Tokenises text. Never panics; empty text gives an empty document.
    pub fn tokenize(&self, text: &str) -> Document {
        self.tokenize_owned(text.to_string())
    }

    fn tokenize_owned(&self, text: String) -> Document {
        // Masked copy: markup bytes and newlines become spaces, offsets unchanged.
        let mut clean: Vec<u8> = text.as_bytes().to_vec();
        let mut raw = segment(&text, &mut clean, self.markdown);
        if self.markdown {
            for b in raw.iter_mut() {
                if b.kind != BlockKind::Rule {
                    mask_inline(&text, &mut clean, b.span, &mut b.hard_breaks);
                }
            }
        }
        for c in clean.iter_mut() {
            if *c == b'\n' || *c == b'\r' {
                *c = b' ';
            }
        }
        // Only whole ASCII characters were replaced by ASCII spaces, so this cannot fail;
        // fall back to the original text rather than panic.
        let clean = String::from_utf8(clean).unwrap_or_else(|_| text.clone());

        let (lang, lang_source) = match self.lang {
            Some(l) => (l, LangSource::Forced),
            None => match self.detector.guess(&clean) {
                Some(l) => (l, LangSource::Identified),
                None => (FALLBACK_LANG, LangSource::Fallback),
            },
        };
        let doc_data = lang_data(lang);

        let mut blocks = Vec::with_capacity(raw.len());
        let mut sentences = Vec::new();
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
        for rb in raw.iter_mut() {
            let block_lang = if self.block_langs && rb.kind != BlockKind::Rule {
                let bt = clean.get(rb.span.range()).unwrap_or("");
                if enough_letters(bt) {
                    self.detector.reliable(bt)
                } else {
                    None
                }
            } else {
                None
            };
            let data = match (self.lang, block_lang) {
                (None, Some(bl)) if bl != lang => lang_data(bl),
                _ => doc_data,
            };
            let bi = blocks.len();
            blocks.push(Block {
                span: rb.span,
                kind: rb.kind,
                lang: block_lang,
            });
            if rb.kind == BlockKind::Rule {
                continue;
            }
            rb.hard_breaks.sort_unstable();
            let scanner = Scanner {
                text: &clean,
                data,
                markdown: self.markdown,
            };
            let mut seg_start = rb.span.start;
            for &hb in rb.hard_breaks.iter().chain(std::iter::once(&rb.span.end)) {
                let hb = hb.clamp(seg_start, rb.span.end);
                let first = tokens.len();
                scanner.scan(seg_start, hb, &mut tokens);
                split_sentences(&clean, data, &tokens, first, bi, &mut sentences);
                seg_start = hb;
            }
        }
        if self.markdown {
            demote_shouting(&clean, &blocks, &sentences, &mut tokens);
        }
        Document {
            text,
            lang,
            lang_source,
            blocks,
            sentences,
            tokens,
        }
    }
}

fn enough_letters(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            n += 1;
            if n >= MIN_BLOCK_LETTERS {
                return true;
            }
        }
    }
    false
}

/// Splits `tokens[first..]` (one segment of block `block`) into sentences.
///
/// Candidate boundaries come from UAX #29 sentence boundaries on the masked text; a
/// candidate is dropped when it falls inside a token, after an abbreviation from the
/// language data (unless marked `|final` and followed by an upper-case letter), after an
/// initial (`J.`), or when the sentence so far is only an enumerator (`1.`, `a)`).
fn split_sentences(
    clean: &str,
    data: &LangData,
    tokens: &[Token],
    first: usize,
    block: usize,
    out: &mut Vec<Sentence>,
) {
    let seg = &tokens[first..];
    if seg.is_empty() {
        return;
    }
    let s0 = seg[0].span.start;
    let s1 = seg[seg.len() - 1].span.end;
    let mut cur = first; // first token of the current sentence
    let text = clean.get(s0..s1).unwrap_or("");
    let needs_uax = text
        .bytes()
        .any(|b| matches!(b, b'.' | b'!' | b'?') || b >= 0x80);
    if needs_uax {
        let mut ti = first; // moving token cursor
        for (off, _) in text.split_sentence_bound_indices().skip(1) {
            let p = s0 + off;
            while ti < tokens.len() && tokens[ti].span.end <= p {
                ti += 1;
            }
            // p must be at a token start (not inside a token)
            if ti >= tokens.len() || tokens[ti].span.start < p || ti <= cur {
                continue;
            }
            if accept_break(clean, data, &tokens[cur..ti], tokens.get(ti)) {
                out.push(make_sentence(tokens, cur, ti, block));
                cur = ti;
            }
        }
    }
    if cur < tokens.len() {
        out.push(make_sentence(tokens, cur, tokens.len(), block));
    }
}

fn make_sentence(tokens: &[Token], a: usize, b: usize, block: usize) -> Sentence {
    Sentence {
        span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
        tokens: a..b,
        block,
    }
}

fn accept_break(clean: &str, data: &LangData, sent: &[Token], next: Option<&Token>) -> bool {
    let txt = |t: &Token| clean.get(t.span.range()).unwrap_or("");
    // last token that is not a closing quote/bracket
    let mut k = sent.len();
    while k > 0 && matches!(txt(&sent[k - 1]), ")" | "]" | "\"" | "»" | "”" | "’" | "'") {
        k -= 1;
    }
    if k == 0 {
        return true;
    }
    let last = &sent[k - 1];
    let lt = txt(last);
    let next_upper = next.is_some_and(|t| txt(t).chars().next().is_some_and(char::is_uppercase));
    if last.kind == TokenKind::Word && lt.ends_with('.') && lt.len() > 1 {
        // abbreviation, initial or dotted sequence absorbed by the scanner
        if data.final_ok.contains(lt) {
            return next_upper;
        }
        return false;
    }
    if last.kind == TokenKind::Acronym && lt.ends_with('.') {
        // dotted acronym (U.S.A.): never taken as a sentence end
        return false;
    }
    // enumerator: "1." "a)" "IV." alone
    if k == 2 && sent.len() <= 2 {
        let (a, b) = (&sent[0], &sent[1]);
        let at = txt(a);
        if matches!(txt(b), "." | ")")
            && (a.kind == TokenKind::Number && at.len() <= 3
                || at.chars().count() == 1
                || at.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
        {
            return false;
        }
    }
    true
}

/// In blocks written mostly in capitals (headings such as `RÉSULTATS DES TRAVAUX`), tokens
/// that look like acronyms only because of the capitals become `Word`: a block whose
/// word-like tokens are at least 3, with at least 60 % all-capital ones, and at least one
/// all-capital token longer than 6 letters.
fn demote_shouting(clean: &str, blocks: &[Block], sentences: &[Sentence], tokens: &mut [Token]) {
    let mut si = 0;
    for (bi, _) in blocks.iter().enumerate() {
        let s_start = si;
        while si < sentences.len() && sentences[si].block == bi {
            si += 1;
        }
        if s_start == si {
            continue;
        }
        let range = sentences[s_start].tokens.start..sentences[si - 1].tokens.end;
        let (mut words, mut caps, mut long_caps) = (0, 0, false);
        for t in &tokens[range.clone()] {
            if !matches!(t.kind, TokenKind::Word | TokenKind::Acronym) {
                continue;
            }
            let s = clean.get(t.span.range()).unwrap_or("");
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            if letters == 0 {
                continue;
            }
            words += 1;
            if s.chars().all(|c| !c.is_lowercase()) {
                caps += 1;
                let longest = s
                    .split(|c: char| !c.is_alphabetic())
                    .map(|p| p.chars().count())
                    .max();
                if longest.unwrap_or(0) > 6 {
                    long_caps = true;
                }
            }
        }
        if words >= 3 && caps * 10 >= words * 6 && long_caps {
            for t in &mut tokens[range] {
                if t.kind == TokenKind::Acronym {
                    let s = clean.get(t.span.range()).unwrap_or("");
                    if !s.chars().any(|c| c.is_numeric() || c.is_lowercase()) {
                        t.kind = TokenKind::Word;
                    }
                }
            }
        }
    }
}
