//! The tokenizer: blocks, sentences, tokens, language.

use unicode_segmentation::UnicodeSegmentation;

use crate::data::{lang_data, languages_with_data, FxSet, LangData};
use crate::decode::{decode, DecodeError};
use crate::doc::{Block, BlockKind, Document, Sentence, Span, Token, TokenKind};
use crate::lang::{Lang, LangDetector, LangSource};
use crate::markup::{apply_masks, mask_inline, segment, Masks};
use crate::scan::{is_alpha, Scanner};

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
#[derive(Clone)]
pub struct Tokenizer {
    lang: Option<Lang>,
    markdown: bool,
    block_langs: bool,
    detector: LangDetector,
    /// Whether `languages` was given (then blocks use `detector` too).
    restricted: bool,
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
    /// leaves every [`Block::lang`] `None`.
    ///
    /// Blocks are identified among the languages of [`TokenizerBuilder::languages`] when
    /// given, else among the document language and the languages with resources in this
    /// crate ([`crate::languages_with_data`]): not among every language whatlang knows,
    /// which would cost 6 to 7 times more (whatlang compares the block with the profile of
    /// every candidate of its script). The trade-off: a block in a language outside the
    /// candidates gets the closest candidate when whatlang finds it reliable (an Italian
    /// block may be labelled `es`), or `None`; pass [`TokenizerBuilder::languages`] to
    /// choose the candidates.
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
            restricted: self.languages.is_some(),
        }
    }
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("lang", &self.lang)
            .field("markdown", &self.markdown)
            .field("block_languages", &self.block_langs)
            .finish_non_exhaustive()
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
        // Masked copy: markup bytes and line breaks become spaces, offsets unchanged. Built
        // with string operations (no UTF-8 re-validation of a byte copy).
        let mut masks = Masks::new();
        let mut raw = segment(&text, &mut masks, self.markdown);
        if self.markdown {
            for b in raw.iter_mut() {
                if b.kind != BlockKind::Rule {
                    mask_inline(&text, &mut masks, b.span, &mut b.hard_breaks);
                }
            }
        }
        let mut clean = if text.as_bytes().contains(&b'\n') {
            text.replace('\n', " ")
        } else {
            text.clone()
        };
        if clean.as_bytes().contains(&b'\r') {
            clean = clean.replace('\r', " ");
        }
        apply_masks(&mut clean, &masks);

        let (lang, lang_source) = match self.lang {
            Some(l) => (l, LangSource::Forced),
            None => match self.detector.guess(&lang_sample(&clean)) {
                Some(l) => (l, LangSource::Identified),
                None => (FALLBACK_LANG, LangSource::Fallback),
            },
        };
        let doc_data = lang_data(lang);
        let block_detector = if !self.block_langs || self.restricted {
            None
        } else {
            let mut cands = languages_with_data();
            cands.push(lang);
            Some(LangDetector::new(Some(&cands)))
        };
        let block_detector = block_detector.as_ref().unwrap_or(&self.detector);

        let mut blocks = Vec::with_capacity(raw.len());
        let mut sentences = Vec::new();
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
        for rb in raw.iter_mut() {
            let block_lang = if self.block_langs && rb.kind != BlockKind::Rule {
                let bt = clean.get(rb.span.range()).unwrap_or("");
                let bt = &bt[..floor_boundary(bt, BLOCK_LANG_BYTES)];
                if enough_letters(bt) {
                    block_detector.reliable(bt)
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
        demote_shouting(&clean, &sentences, &mut tokens);
        demote_attested_initial_caps(&clean, &sentences, &mut tokens);
        Document {
            text,
            lang,
            lang_source,
            blocks,
            sentences,
            tokens,
            markdown: self.markdown,
        }
    }
}

/// Block-level identification looks at most at this many bytes of a block.
const BLOCK_LANG_BYTES: usize = 320;
/// Document-level identification looks at the whole text up to this size, and beyond it at
/// `LANG_SAMPLE_CHUNKS` evenly spaced chunks making up this many bytes.
const LANG_SAMPLE_BYTES: usize = 128 * 1024;
const LANG_SAMPLE_CHUNKS: usize = 32;

/// The largest char boundary `<= i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text language identification looks at: the whole text when short, else evenly
/// spaced chunks of it (identification cost grows with length; a sample is as accurate
/// for a document in one language).
fn lang_sample(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= LANG_SAMPLE_BYTES {
        return std::borrow::Cow::Borrowed(text);
    }
    let chunk = LANG_SAMPLE_BYTES / LANG_SAMPLE_CHUNKS;
    let step = text.len() / LANG_SAMPLE_CHUNKS;
    let mut out = String::with_capacity(LANG_SAMPLE_BYTES + LANG_SAMPLE_CHUNKS);
    for i in 0..LANG_SAMPLE_CHUNKS {
        let a = floor_boundary(text, i * step);
        let b = floor_boundary(text, a + chunk);
        out.push_str(&text[a..b]);
        out.push('\n');
    }
    std::borrow::Cow::Owned(out)
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
/// Candidate boundaries are UAX #29 sentence boundaries (unicode-segmentation) on the
/// masked text. UAX #29 only breaks after a sentence terminator, so instead of running it
/// over the whole segment it runs on a small window around each token that may hold one
/// (from the token before it to the first following token with a letter, which is all the
/// context rules SB6–SB11 look at). A candidate is dropped when it falls inside a token,
/// after an abbreviation from the language data (unless marked `|final` and followed by an
/// upper-case letter), after an initial (`J.`) or a dotted acronym (`U.S.A.`), or when the
/// sentence so far is only an enumerator (`1.`, `a)`, `IV.`).
fn split_sentences(
    clean: &str,
    data: &LangData,
    tokens: &[Token],
    first: usize,
    block: usize,
    out: &mut Vec<Sentence>,
) {
    let n = tokens.len();
    if first >= n {
        return;
    }
    let mut cur = first; // first token of the current sentence
    let mut k = first;
    while k < n {
        if !may_terminate(clean, &tokens[k]) {
            k += 1;
            continue;
        }
        let mut next_k = k + 1;
        let candidate = match common_break(clean, tokens, k) {
            Some(c) => c,
            None => uax_break(clean, tokens, first, k),
        };
        if let Some(ti) = candidate {
            if ti > cur && accept_break(clean, data, &tokens[cur..ti], tokens.get(ti)) {
                out.push(make_sentence(tokens, cur, ti, block));
                cur = ti;
            }
            next_k = ti;
        }
        k = next_k.max(k + 1);
    }
    if cur < n {
        out.push(make_sentence(tokens, cur, n, block));
    }
}

/// The token (after `k`, in `tokens[first..]`) at which the first UAX #29 sentence boundary
/// after the end of token `k` falls, if it falls at a token start or in the white space
/// before one; `None` if it falls inside a token or after the window.
///
/// The window runs from the token before `k` to the first following token with a letter (at
/// most 8 on): all the context rules SB6–SB11 look at.
fn uax_break(clean: &str, tokens: &[Token], first: usize, k: usize) -> Option<usize> {
    let n = tokens.len();
    let ws = tokens[if k > first { k - 1 } else { k }].span.start;
    let mut j = k + 1;
    while j < n && j < k + 8 {
        let has_letter = matches!(
            tokens[j].kind,
            TokenKind::Word | TokenKind::Acronym | TokenKind::Url | TokenKind::Email
        );
        j += 1;
        if has_letter {
            break;
        }
    }
    let we = tokens[j - 1].span.end;
    let window = clean.get(ws..we).unwrap_or("");
    let after_k = tokens[k].span.end;
    for (off, _) in window.split_sentence_bound_indices().skip(1) {
        let p = ws + off;
        if p < after_k {
            continue;
        }
        // the token starting at p (a break inside a token is ignored)
        let ti = (k + 1..j).find(|&i| tokens[i].span.start >= p)?;
        if tokens[ti].span.start != p && tokens[ti - 1].span.end > p {
            return None;
        }
        return Some(ti);
    }
    None
}

/// [`uax_break`] for the common shapes of text, decided from a few bytes: token `k` is a
/// lone `.`, `!` or `?`, followed by spaces (U+0020 only) and a word-like token starting
/// with an ASCII letter. Before an upper-case letter UAX #29 breaks there (SB11: nothing
/// after the spaces is `Lower`, `SContinue` or a terminator; SB9 and SB10 keep the spaces
/// with the terminator); before a lower-case letter after a `.` it does not (SB8), and the
/// window ends with that word, so no boundary falls at a later token start. `None` for any
/// other shape (the caller runs [`uax_break`]). After the last token of the segment, no
/// token can start a sentence: `Some(None)`.
#[inline]
fn common_break(clean: &str, tokens: &[Token], k: usize) -> Option<Option<usize>> {
    let b = clean.as_bytes();
    let t = &tokens[k];
    // The last token of the segment: the window ends with it, no token can start a sentence.
    let Some(next) = tokens.get(k + 1) else {
        return Some(None);
    };
    if t.span.end != t.span.start + 1
        || !matches!(
            next.kind,
            TokenKind::Word | TokenKind::Acronym | TokenKind::Url | TokenKind::Email
        )
        || next.span.start <= t.span.end
    {
        return None;
    }
    let term = *b.get(t.span.start)?;
    if !matches!(term, b'.' | b'!' | b'?') {
        return None;
    }
    if !b
        .get(t.span.end..next.span.start)?
        .iter()
        .all(|&c| c == b' ')
    {
        return None;
    }
    match *b.get(next.span.start)? {
        b'A'..=b'Z' => Some(Some(k + 1)),
        b'a'..=b'z' if term == b'.' => Some(None),
        _ => None,
    }
}

/// Whether a token may hold a UAX #29 sentence terminator (STerm or ATerm).
#[inline]
fn may_terminate(clean: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Punct | TokenKind::Symbol => {}
        // most words: the last byte says it (a word ending with `.` is checked in full)
        TokenKind::Word | TokenKind::Acronym
            if clean.as_bytes().get(t.span.end.wrapping_sub(1)) != Some(&b'.') =>
        {
            return false
        }
        TokenKind::Word | TokenKind::Acronym => {}
        _ => return false,
    }
    let s = clean.get(t.span.range()).unwrap_or("");
    match t.kind {
        TokenKind::Punct | TokenKind::Symbol => {
            s.bytes().any(|b| matches!(b, b'.' | b'!' | b'?'))
                || (!s.is_ascii()
                    && !s.chars().all(|c| {
                        matches!(
                            c,
                            '«' | '»'
                                | '“'
                                | '”'
                                | '‘'
                                | '’'
                                | '–'
                                | '—'
                                | '€'
                                | '°'
                                | '§'
                                | '•'
                        )
                    }))
        }
        TokenKind::Word | TokenKind::Acronym => s.ends_with('.'),
        _ => false,
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

/// Runs of capitalised words (`AYANT À L'ESPRIT`, `RÉSULTATS DES TRAVAUX`, `SE FÉLICITE`)
/// are shouting, not acronyms: in a run of 2 or more consecutive word-like tokens without
/// lower-case letters, `Acronym` tokens without digits become `Word` when a token of the
/// run has more than 6 letters in a row, or when the run has at least 3 tokens, 2 of them with at least 4
/// letters.
fn demote_shouting(clean: &str, sentences: &[Sentence], tokens: &mut [Token]) {
    /// For a word-like token without lower-case letters: its longest run of letters (if any).
    /// Most tokens are decided inline from their kind and first byte.
    #[inline]
    fn caps_word(clean: &str, t: &Token) -> Option<usize> {
        if !matches!(t.kind, TokenKind::Word | TokenKind::Acronym) {
            return None;
        }
        // Most words start with a lower-case letter: decided from one byte.
        if clean
            .as_bytes()
            .get(t.span.start)
            .is_some_and(u8::is_ascii_lowercase)
        {
            return None;
        }
        longest_caps_run(clean.get(t.span.range()).unwrap_or(""))
    }
    #[inline(never)]
    fn longest_caps_run(s: &str) -> Option<usize> {
        if s.chars().any(char::is_lowercase) {
            return None;
        }
        let longest = s
            .split(|c: char| !is_alpha(c))
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        (longest > 0).then_some(longest)
    }
    for s in sentences {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            let Some(first_len) = caps_word(clean, &tokens[i]) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            let (mut longest, mut four) = (first_len, usize::from(first_len >= 4));
            while j < s.tokens.end {
                match caps_word(clean, &tokens[j]) {
                    Some(l) => {
                        longest = longest.max(l);
                        four += usize::from(l >= 4);
                        j += 1;
                    }
                    None => break,
                }
            }
            if longest > 6 && j - i >= 2 || j - i >= 3 && four >= 2 {
                for t in &mut tokens[i..j] {
                    let txt = clean.get(t.span.range()).unwrap_or("");
                    if t.kind == TokenKind::Acronym && !txt.chars().any(char::is_numeric) {
                        t.kind = TokenKind::Word;
                    }
                }
            }
            i = j;
        }
    }
}

/// A capitalised word opening a sentence (`SALUE l'adoption…`, `INVITE les États…`, as in
/// Council conclusions) is not an acronym when the document also uses it as a lower-case
/// word: an `Acronym` token made only of letters, first in its sentence, becomes `Word` when
/// its lower-case form occurs as a `Word` token of the document.
fn demote_attested_initial_caps(clean: &str, sentences: &[Sentence], tokens: &mut [Token]) {
    let txt = |t: &Token| clean.get(t.span.range()).unwrap_or("");
    let mut cands: Vec<(usize, String)> = Vec::new();
    let mut len_mask: u64 = 0;
    let mut first_mask: u128 = 0;
    for s in sentences {
        let Some(t) = tokens.get(s.tokens.start) else {
            continue;
        };
        if t.kind == TokenKind::Acronym && txt(t).chars().all(char::is_alphabetic) {
            let lower = txt(t).to_lowercase();
            len_mask |= 1u64 << lower.len().min(63);
            first_mask |= 1u128 << lower.as_bytes()[0].min(127);
            cands.push((s.tokens.start, lower));
        }
    }
    if cands.is_empty() {
        return;
    }
    let wanted: FxSet<&str> = cands.iter().map(|(_, l)| l.as_str()).collect();
    let mut attested: FxSet<&str> = FxSet::default();
    for t in tokens.iter() {
        if t.kind != TokenKind::Word || t.elision {
            continue;
        }
        // Filtered on the span's length and first byte before the text is sliced.
        let len = t.span.end.saturating_sub(t.span.start);
        let first = clean
            .as_bytes()
            .get(t.span.start)
            .map_or(0, |b| *b.min(&127));
        if len_mask & (1u64 << len.min(63)) == 0 || first_mask & (1u128 << first) == 0 {
            continue;
        }
        let s = txt(t);
        if let Some(w) = wanted.get(s) {
            attested.insert(w);
        }
    }
    for (i, lower) in &cands {
        if attested.contains(lower.as_str()) {
            tokens[*i].kind = TokenKind::Word;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of text around sentence ends: terminators, spaces (plain, no-break, several),
    /// closing marks, words in either case, accented capitals, digits, a soft hyphen.
    const PIECES: &[&str] = &[
        "Le",
        "la",
        "etc",
        "U.S",
        "M",
        "a",
        "É",
        "été",
        "Ça",
        "x1",
        "42",
        "3.5",
        ".",
        "!",
        "?",
        "...",
        ",",
        ";",
        " ",
        " ",
        "  ",
        "\u{A0}",
        "\u{202F}",
        "»",
        "«",
        ")",
        "(",
        "\"",
        "'",
        "’",
        "\u{AD}",
        "-",
        "–",
        ":",
        "http://a.b",
        "\t",
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
    }

    fn check(text: &str) -> Result<(), TestCaseError> {
        let doc = Tokenizer::builder()
            .lang(Some(Lang::FR))
            .markdown(false)
            .block_languages(false)
            .build()
            .tokenize(text);
        let clean = text.replace(['\n', '\r'], " ");
        let tokens = &doc.tokens;
        for k in 0..tokens.len() {
            if let Some(fast) = common_break(&clean, tokens, k) {
                for first in [0, k] {
                    prop_assert_eq!(
                        fast,
                        uax_break(&clean, tokens, first, k),
                        "text {:?}, token {}, segment from {}",
                        text,
                        k,
                        first
                    );
                }
            }
        }
        Ok(())
    }

    #[test]
    fn common_break_agrees_with_uax29_on_examples() {
        for t in [
            "Il vient. Elle part.",
            "Il vient. elle part.",
            "Il vient! elle part? Oui.",
            "etc. la suite. La fin",
            "U.S. President. x",
            "Fin.  Début",
            "Fin. É",
            "Fin.\u{A0}Début",
            "a. \u{AD}B",
        ] {
            check(t).unwrap();
        }
        // The fast path is taken on common text.
        let doc = Tokenizer::builder()
            .lang(Some(Lang::FR))
            .build()
            .tokenize("Il vient. Elle part. il reste");
        let clean = doc.text.clone();
        assert_eq!(common_break(&clean, &doc.tokens, 2), Some(Some(3)));
        assert_eq!(common_break(&clean, &doc.tokens, 5), Some(None));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn common_break_agrees_with_uax29(t in text()) {
            check(&t)?;
        }
    }
}
