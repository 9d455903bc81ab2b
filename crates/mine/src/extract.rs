//! Candidate extraction from one tokenised (and possibly tagged) document.

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use termsmith_tag::{Lemma, TokenTag, Upos};
use termsmith_tokenize::{Document, Span, TokenKind};

use crate::acronym;
use crate::pattern::LINK_BIT;
use crate::resources::{LangData, W_CLOSED, W_DANGLING, W_LINKER, W_LOCUTION_FIRST};
use crate::stats::{CorpusStats, PosSeq, Record};

/// Options of extraction.
#[derive(Debug, Clone)]
pub(crate) struct ExtractOptions {
    pub max_len: usize,
    pub contexts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Never inside a candidate.
    Boundary,
    /// A function word: inside a candidate only as part of a linker sequence.
    Closed,
    /// May start, end or be inside a candidate.
    Content,
}

/// A token prepared for extraction.
#[derive(Debug)]
pub(crate) struct Unit {
    pub span: Span,
    /// What the token's text, kind and tag decide (shared by the equal tokens of a shard).
    info: Arc<TokInfo>,
    /// Whether the token is a content word (its key is then [`TokInfo::key_content`]).
    content_key: bool,
    class: Class,
    /// Tag bit (0 when untagged).
    bit: u32,
    pub kind: TokenKind,
    /// Written in capitals (heading or emphasis), so its case says nothing about names.
    pub shouting: bool,
    /// Whether there is a gap (space) before this token in the text.
    pub gap_before: bool,
    /// Whether it may start or end a candidate ([`valid_edge`]).
    edge: bool,
    /// Whether its lower-case form is a word of a linker sequence.
    linker_word: bool,
    /// Whether its lower-case form governs a complement (`data/<lang>/dangling.txt`).
    dangling: bool,
    /// Whether its lower-case form is the first word of a locution.
    locution_first: bool,
}

impl Unit {
    /// Normalised surface text (case kept).
    pub(crate) fn norm(&self) -> &str {
        self.info.norm()
    }
    /// Lower-cased normalised text.
    pub(crate) fn lower(&self) -> &str {
        self.info.lower()
    }
    /// Grouping key of the token (lemma, lower case, hyphens as spaces).
    pub(crate) fn key(&self) -> &str {
        let key = if self.content_key {
            &self.info.key_content
        } else {
            &self.info.key_other
        };
        key.as_deref().unwrap_or(&self.info.text)
    }
}

/// What a token's text, kind and tag decide of its [`Unit`], computed once per distinct
/// token of a shard ([`TokenCache`]).
#[derive(Debug)]
pub(crate) struct TokInfo {
    /// Index in [`TokenCache::infos`].
    id: u32,
    /// The token as a cache key: its text, kind, lemma and part of speech.
    text: Box<str>,
    token_kind: TokenKind,
    /// The tag's lemma itself (a shared string: keeping it keeps its address unique).
    lemma: Option<Lemma>,
    upos: Option<Upos>,
    /// Normalised surface text (case kept) when it is not `text` (most tokens are their own
    /// normalised and lower-cased text and key: no allocation for them).
    norm: Option<Box<str>>,
    /// Lower-cased normalised text when it is not `text`.
    lower: Option<Box<str>>,
    /// Grouping key when the token is a content word, when it is not `text`.
    key_content: Option<Box<str>>,
    /// Grouping key otherwise, when it is not `text`.
    key_other: Option<Box<str>>,
    /// Id of the lower-cased text in [`TokenCache::lower_ids`].
    lower_id: u32,
    /// Index of the lower-cased text among the words of linker sequences
    /// ([`LangData::linker_word`]).
    linker: u16,
    /// Kind (an all-capitals common word is a word, not an acronym).
    kind: TokenKind,
    shouting: bool,
    alpha: bool,
    /// Every character is alphanumeric, a hyphen or an apostrophe.
    word_chars: bool,
    /// The text has the shape of formula debris ([`crate::debris::formula_shape`]).
    formula: bool,
    flags: u8,
    bit: u32,
    edge: bool,
}

/// The [`TokInfo`] of the tokens seen so far, by a hash of text, kind and tag (verified).
#[derive(Debug, Default, Clone)]
pub(crate) struct TokenCache {
    map: HashMap<u64, SmallVec<[Arc<TokInfo>; 1]>>,
    /// A direct-mapped copy of recent entries in front of `map` (allocated at the first
    /// lookup): the id of an entry plus one by a slot of its hash, 0 for an empty slot. The entry
    /// found there is verified as one found in `map` is.
    front: Vec<u32>,
    /// The entries by id.
    infos: Vec<Arc<TokInfo>>,
    /// Word counts of the current document by id, added to the statistics by
    /// [`TokenCache::flush_words`].
    counts: Vec<u32>,
    /// Ids with a count.
    touched: Vec<u32>,
    /// Pattern results by tag sequence (they depend on the language only: kept across documents).
    patterns: PatternCache,
    /// Ids of lower-case forms, of tokens and of locution words: equal forms have equal ids.
    lower_ids: HashMap<Box<str>, u32>,
    /// The words of the language's locutions as ids of [`TokenCache::lower_ids`] (made at the
    /// first use).
    locution_ids: Vec<SmallVec<[u32; 4]>>,
    /// The locutions that may start at a word, by the ids of its first two words (made with
    /// [`TokenCache::locution_ids`]).
    locution_starts: LocutionStarts,
    /// Buffers of [`TokInfo::new`] (kept: no allocation per new token).
    scratch: [String; 3],
}

/// Indices of the locutions (in the order of [`LangData::locutions`]) that may match at a word,
/// by the ids of the word and of the next one: a common first word (`en`, `à`) starts many
/// locutions, most of which the second word rules out.
#[derive(Debug, Default, Clone)]
struct LocutionStarts {
    /// Locutions of one word, by its id.
    single: HashMap<u32, Vec<usize>>,
    /// Locutions of two words or more, by the ids of their first two words, with the one-word
    /// locutions of their first word (in order).
    pair: HashMap<(u32, u32), Vec<usize>>,
}

impl LocutionStarts {
    fn new(locutions: &[SmallVec<[u32; 4]>]) -> LocutionStarts {
        let mut out = LocutionStarts::default();
        for (k, l) in locutions.iter().enumerate() {
            match l.as_slice() {
                [] => {}
                [w] => out.single.entry(*w).or_default().push(k),
                [a, b, ..] => out.pair.entry((*a, *b)).or_default().push(k),
            }
        }
        for ((a, _), v) in out.pair.iter_mut() {
            if let Some(one) = out.single.get(a) {
                v.extend_from_slice(one);
                v.sort_unstable();
            }
        }
        out
    }

    /// The locutions that may start at a word of id `first` followed by a word of id `second`
    /// (every locution matching there is one of them, in order).
    fn get(&self, first: u32, second: Option<u32>) -> &[usize] {
        second
            .and_then(|b| self.pair.get(&(first, b)))
            .or_else(|| self.single.get(&first))
            .map_or(&[], Vec::as_slice)
    }
}

/// Whether two lemmas are equal: the same shared string, or equal text.
#[inline]
fn same_lemma(a: Option<&Lemma>, b: Option<&Lemma>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.as_str(), b.as_str());
            (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || same_text(a, b)
        }
        (None, None) => true,
        _ => false,
    }
}

/// Whether two strings are equal, compared without a call to `memcmp` when short (as most
/// words and terms are: the call costs more than the comparison).
#[inline]
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // Little-endian words of four and eight bytes at `at` (0 if out of range: never here).
    let w4 = |s: &[u8], at: usize| {
        s.get(at..at + 4)
            .and_then(|w| <[u8; 4]>::try_from(w).ok())
            .map_or(0, u32::from_le_bytes)
    };
    let w8 = |s: &[u8], at: usize| {
        s.get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map_or(0, u64::from_le_bytes)
    };
    match n {
        0 => true,
        // The first, middle and last bytes are all the bytes.
        1..=3 => a.first() == b.first() && a.get(n / 2) == b.get(n / 2) && a.last() == b.last(),
        // Two words that overlap cover the bytes.
        4..=7 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        8..=16 => w8(a, 0) == w8(b, 0) && w8(a, n - 8) == w8(b, n - 8),
        _ => a == b,
    }
}

/// The id of `s` in `ids` (a new one if it has none).
fn intern(ids: &mut HashMap<Box<str>, u32>, s: &str) -> u32 {
    if let Some(&id) = ids.get(s) {
        return id;
    }
    let id = ids.len() as u32;
    ids.insert(s.into(), id);
    id
}

impl TokenCache {
    /// Distinct tokens kept at most (then the cache starts again: memory stays bounded).
    const MAX: usize = 1 << 20;

    /// Slots of [`TokenCache::front`] (a power of two).
    const FRONT: usize = 1 << 12;

    /// Whether `x` is the entry of a token of this text, kind and tag.
    #[inline(always)]
    fn is_entry(
        x: &TokInfo,
        text: &str,
        token_kind: TokenKind,
        upos: Option<Upos>,
        tag: Option<&TokenTag>,
    ) -> bool {
        x.token_kind == token_kind
            && x.upos == upos
            && same_lemma(x.lemma.as_ref(), tag.map(|t| &t.lemma))
            && same_text(&x.text, text)
    }

    #[inline]
    fn get(
        &mut self,
        lang: &LangData,
        text: &str,
        token_kind: TokenKind,
        tag: Option<&TokenTag>,
    ) -> Arc<TokInfo> {
        // A tagged token is hashed by the address of its lemma (the tagger hands out one shared
        // string per word form and tag), the text's length, kind and tag; an untagged one by its
        // text and kind. Either way, entries are told apart by comparing text, kind and tag: the
        // hash only picks the slot, so which entry answers never depends on addresses.
        let mut h = rustc_hash::FxHasher::default();
        match tag {
            Some(t) => {
                h.write_usize(t.lemma.as_str().as_ptr() as usize);
                h.write_usize(text.len());
                h.write_u8(upos_index(t.upos) as u8);
            }
            None => {
                text.hash(&mut h);
                h.write_u8(u8::MAX);
            }
        }
        h.write_u8(token_kind as u8);
        let h = h.finish();
        let upos = tag.map(|t| t.upos);
        if self.front.is_empty() {
            self.front = vec![0; Self::FRONT];
        }
        let slot = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::FRONT.trailing_zeros()))
            as usize
            % Self::FRONT;
        let front = self.front.get(slot).copied().unwrap_or(0);
        if let Some(x) = front
            .checked_sub(1)
            .and_then(|id| self.infos.get(id as usize))
        {
            if Self::is_entry(x, text, token_kind, upos, tag) {
                return x.clone();
            }
        }
        let found = self.map.get(&h).and_then(|v| {
            v.iter()
                .find(|x| Self::is_entry(x, text, token_kind, upos, tag))
                .cloned()
        });
        let info = match found {
            Some(x) => x,
            None => self.insert(lang, h, text, token_kind, tag),
        };
        if let Some(f) = self.front.get_mut(slot) {
            *f = info.id + 1;
        }
        info
    }

    /// Adds the [`TokInfo`] of a token not seen yet, of hash `h` (out of line: the tokens of a
    /// shard are mostly seen before, and [`TokenCache::get`] stays small).
    #[cold]
    #[inline(never)]
    fn insert(
        &mut self,
        lang: &LangData,
        h: u64,
        text: &str,
        token_kind: TokenKind,
        tag: Option<&TokenTag>,
    ) -> Arc<TokInfo> {
        let id = self.infos.len() as u32;
        let info = Arc::new(TokInfo::new(
            lang,
            id,
            text,
            token_kind,
            tag,
            &mut self.lower_ids,
            &mut self.scratch,
        ));
        self.map.entry(h).or_default().push(info.clone());
        self.infos.push(info.clone());
        self.counts.push(0);
        info
    }

    /// Starts again when the cache is full (between documents: memory stays bounded).
    fn limit(&mut self) {
        if self.infos.len() >= Self::MAX {
            self.map.clear();
            self.front.clear();
            self.infos.clear();
            self.counts.clear();
            self.touched.clear();
            self.lower_ids.clear();
            self.locution_ids.clear();
            self.locution_starts = LocutionStarts::default();
        }
    }

    /// Counts one occurrence of the word of a unit.
    fn count_word(&mut self, u: &Unit) {
        let id = u.info.id as usize;
        if let Some(n) = self.counts.get_mut(id) {
            if *n == 0 {
                self.touched.push(id as u32);
            }
            *n += 1;
        }
    }

    /// Adds the word counts gathered since the last call to `words` (by lower-case form).
    fn flush_words(&mut self, words: &mut HashMap<Box<str>, u32>) {
        for id in self.touched.drain(..) {
            let (Some(n), Some(info)) = (
                self.counts.get_mut(id as usize),
                self.infos.get(id as usize),
            ) else {
                continue;
            };
            let n = std::mem::take(n);
            let lower = info.lower();
            match words.get_mut(lower) {
                Some(m) => *m += n,
                None => {
                    words.insert(lower.into(), n);
                }
            }
        }
    }
}

impl TokInfo {
    /// Normalised surface text (case kept).
    #[inline]
    fn norm(&self) -> &str {
        self.norm.as_deref().unwrap_or(&self.text)
    }

    /// Lower-cased normalised text.
    #[inline]
    fn lower(&self) -> &str {
        self.lower.as_deref().unwrap_or(&self.text)
    }

    fn new(
        lang: &LangData,
        id: u32,
        text: &str,
        token_kind: TokenKind,
        tag: Option<&TokenTag>,
        lower_ids: &mut HashMap<Box<str>, u32>,
        scratch: &mut [String; 3],
    ) -> TokInfo {
        let [lower, key_content, key_other] = scratch;
        let norm = termsmith_tokenize::normalize(text);
        lower_into(&norm, lower);
        let alpha = norm.chars().any(char::is_alphabetic);
        // An all-capitals common word (a heading, an operative verb `SOULIGNE`) is a word,
        // not an acronym, and its capitals say nothing about names.
        let mut kind = token_kind;
        let mut shouting = false;
        if kind == TokenKind::Acronym
            && !norm.chars().any(char::is_lowercase)
            && norm.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && lang
                .reffreq()
                .get(lower.as_str())
                .is_some_and(|z| *z >= COMMON_WORD_ZIPF)
        {
            kind = TokenKind::Word;
            shouting = true;
        } else if token_kind == TokenKind::Word
            && !norm.chars().any(char::is_lowercase)
            && norm.chars().filter(|c| c.is_alphabetic()).count() >= 2
        {
            shouting = true;
        }
        let flags = lang.word_flags(lower.as_str());
        let word_chars = norm
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '‐' | '‑' | '\''));
        let bit = tag.map_or(0, |tg| {
            if kind == TokenKind::Acronym && FUNCTION_TAGS.contains(&tg.upos) {
                1u32 << 11 // an acronym tagged as a function word: treat as a proper noun
            } else {
                1u32 << upos_index(tg.upos)
            }
        });
        let key_other: &str = if token_keys_into(lang, lower, kind, tag, key_content, key_other) {
            key_other
        } else {
            key_content
        };
        let edge = valid_edge(lower, &norm, kind);
        let lower_id = intern(lower_ids, lower);
        let linker = if flags & W_LINKER != 0 {
            lang.linker_word(lower)
        } else {
            u16::MAX
        };
        // A text of its own when it is not the token's text.
        let own = |t: &str| (t != text).then(|| Box::<str>::from(t));
        TokInfo {
            id,
            text: text.into(),
            norm: own(&norm),
            lower: own(lower),
            key_content: own(key_content),
            key_other: own(key_other),
            token_kind,
            lemma: tag.map(|t| t.lemma.clone()),
            upos: tag.map(|t| t.upos),
            lower_id,
            linker,
            kind,
            shouting,
            alpha,
            word_chars,
            formula: crate::debris::formula_shape(text),
            flags,
            bit,
            edge,
        }
    }
}

pub(crate) fn upos_index(u: Upos) -> usize {
    match u {
        Upos::Adj => 0,
        Upos::Adp => 1,
        Upos::Adv => 2,
        Upos::Aux => 3,
        Upos::Cconj => 4,
        Upos::Det => 5,
        Upos::Intj => 6,
        Upos::Noun => 7,
        Upos::Num => 8,
        Upos::Part => 9,
        Upos::Pron => 10,
        Upos::Propn => 11,
        Upos::Punct => 12,
        Upos::Sconj => 13,
        Upos::Sym => 14,
        Upos::Verb => 15,
        Upos::X => 16,
    }
}

const FUNCTION_TAGS: [Upos; 11] = [
    Upos::Adp,
    Upos::Det,
    Upos::Cconj,
    Upos::Sconj,
    Upos::Pron,
    Upos::Aux,
    Upos::Part,
    Upos::Intj,
    Upos::Punct,
    Upos::Sym,
    Upos::Num,
];

fn is_markup_residue(text: &str, span: Span) -> bool {
    let b = text.as_bytes();
    let before = span.start.checked_sub(1).and_then(|i| b.get(i)).copied();
    let after = b.get(span.end).copied();
    matches!(before, Some(b'<') | Some(b'/') | Some(b'&'))
        && matches!(after, Some(b'>') | Some(b';'))
}

/// Whether the token at `i` names a series of documents in a reference such as `COM(2010) 245`,
/// `JOIN(2013) 1` or `SEC (2011) 1227`: a year in brackets, then a serial number. Such a code is
/// not a term; a citation such as `DEFRA (2005)`, with no number after it, is not a code.
fn is_document_series(doc: &Document, i: usize) -> bool {
    let text = |k: usize| {
        doc.tokens
            .get(k)
            .and_then(|t| doc.text.get(t.span.start..t.span.end))
    };
    let is_number = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Number)
    };
    text(i + 1) == Some("(")
        && text(i + 2).is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        && text(i + 3) == Some(")")
        && is_number(i + 4)
}

/// Lower-cases `s` into `out` (as [`str::to_lowercase`] does).
pub(crate) fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        // Room for the usual case, a lower case as long as the text: no growing char by char.
        out.reserve(s.len());
        for c in s.chars() {
            match c {
                _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                // Latin-1 capitals (not U+00D7 ×) are their small letter minus 0x20; the rest
                // of Latin-1 is its own lower case.
                'À'..='Þ' if c != '×' => {
                    out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c));
                }
                'ß'..='ÿ' | '\u{80}'..='¿' | '×' => out.push(c),
                'Σ' => {
                    // Final sigma depends on the context: leave it to the standard library.
                    out.clear();
                    out.push_str(&s.to_lowercase());
                    return;
                }
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
}

/// Writes the grouping key of a token as a content word into `content`, and returns whether
/// its grouping key otherwise differs (it is then written into `other`).
fn token_keys_into(
    lang: &LangData,
    lower: &str,
    kind: TokenKind,
    tag: Option<&TokenTag>,
    content: &mut String,
    other: &mut String,
) -> bool {
    let differs = match tag {
        Some(t) if !t.lemma.is_empty() && t.lemma != "_" && t.upos != Upos::Propn => {
            lower_into(&t.lemma, content);
            true
        }
        _ if kind == TokenKind::Word && lower.chars().nth(3).is_some() => {
            let (stem, rep) = lang.suffix_lemma_parts(lower);
            content.clear();
            content.push_str(stem);
            content.push_str(rep);
            true
        }
        _ => false,
    };
    let plain = if differs { &mut *other } else { &mut *content };
    plain.clear();
    if kind == TokenKind::Acronym {
        plain.push_str(
            lower
                .strip_suffix('s')
                .filter(|s| s.chars().count() >= 2)
                .unwrap_or(lower),
        );
    } else {
        plain.push_str(lower);
    }
    hyphens_as_spaces(content);
    if differs {
        hyphens_as_spaces(other);
    }
    differs
}

/// Makes the hyphens of a key spaces, and its words separated by one space.
fn hyphens_as_spaces(out: &mut String) {
    // `‐` and `‑` start with the byte 0xE2.
    if !out.bytes().any(|b| matches!(b, b'-' | b' ' | 0xE2)) || !out.contains(['-', '‐', '‑', ' '])
    {
        return;
    }
    let spaced: String = out
        .chars()
        .map(|c| {
            if matches!(c, '-' | '‐' | '‑') {
                ' '
            } else {
                c
            }
        })
        .collect();
    out.clear();
    for w in spaced.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Prepares the units of a sentence.
pub(crate) fn units(
    lang: &LangData,
    doc: &Document,
    range: std::ops::Range<usize>,
    tags: &[TokenTag],
) -> Vec<Unit> {
    let mut out = Vec::new();
    let n = units_into(lang, doc, range, tags, &mut out, &mut TokenCache::default());
    out.truncate(n);
    out
}

/// Prepares the units of a sentence in `pool`, and returns their number: the units are
/// `pool[..n]`. What only depends on a token's text, kind and tag comes from `cache`.
pub(crate) fn units_into(
    lang: &LangData,
    doc: &Document,
    range: std::ops::Range<usize>,
    tags: &[TokenTag],
    pool: &mut Vec<Unit>,
    cache: &mut TokenCache,
) -> usize {
    let mut n = 0;
    let mut prev_end: Option<usize> = None;
    for i in range {
        let Some(t) = doc.tokens.get(i) else { break };
        let tag = tags.get(i);
        let info = cache.get(lang, doc.token_text(t), t.kind, tag);
        let kind = info.kind;
        let flags = info.flags;
        let mut class = match kind {
            TokenKind::Word | TokenKind::Acronym if info.alpha => {
                if flags & W_CLOSED != 0 {
                    Class::Closed
                } else {
                    Class::Content
                }
            }
            _ => Class::Boundary,
        };
        if class == Class::Content
            && (is_markup_residue(&doc.text, t.span)
                || !info.word_chars
                || info.formula
                || crate::debris::is_operand(doc, i))
        {
            class = Class::Boundary;
        }
        if class == Class::Content
            && (kind == TokenKind::Acronym || info.shouting)
            && is_document_series(doc, i)
        {
            class = Class::Boundary;
        }
        if let Some(tg) = tag {
            if class == Class::Content
                && FUNCTION_TAGS.contains(&tg.upos)
                && kind != TokenKind::Acronym
            {
                class = if matches!(tg.upos, Upos::Punct | Upos::Sym | Upos::Num) {
                    Class::Boundary
                } else {
                    Class::Closed
                };
            }
        }
        let gap_before = prev_end.is_some_and(|e| e < t.span.start);
        prev_end = Some(t.span.end);
        let unit = Unit {
            span: t.span,
            content_key: class == Class::Content,
            class,
            bit: info.bit,
            kind,
            shouting: info.shouting,
            gap_before,
            edge: info.edge,
            linker_word: flags & W_LINKER != 0,
            dangling: flags & W_DANGLING != 0,
            locution_first: flags & W_LOCUTION_FIRST != 0,
            info,
        };
        if n == pool.len() {
            pool.push(unit);
        } else {
            pool[n] = unit;
        }
        n += 1;
    }
    n
}

/// Marks the words of complex prepositions and locutions (`en matière de`) as boundaries.
fn mark_locutions(lang: &LangData, us: &mut [Unit], cache: &mut TokenCache) {
    if lang.locutions.is_empty() {
        return;
    }
    if cache.locution_ids.len() != lang.locutions.len() {
        let ids = &mut cache.lower_ids;
        cache.locution_ids = lang
            .locutions
            .iter()
            .map(|l| l.iter().map(|w| intern(ids, w)).collect())
            .collect();
        cache.locution_starts = LocutionStarts::new(&cache.locution_ids);
    }
    let locution_ids = &cache.locution_ids;
    let mut i = 0;
    while i < us.len() {
        if !us[i].locution_first {
            i += 1;
            continue;
        }
        // The locutions that may start with this word and the next, in the order of
        // `lang.locutions` (words compared by id: equal ids are equal lower-case forms).
        let next = us.get(i + 1).map(|u| u.info.lower_id);
        let hit = cache
            .locution_starts
            .get(us[i].info.lower_id, next)
            .iter()
            .filter_map(|&k| locution_ids.get(k))
            .find(|l| {
                i + l.len() <= us.len()
                    && l.iter().zip(&us[i..]).all(|(w, u)| *w == u.info.lower_id)
            });
        match hit {
            Some(l) => {
                for u in &mut us[i..i + l.len()] {
                    u.class = Class::Boundary;
                }
                i += l.len();
            }
            None => i += 1,
        }
    }
}

/// The grouping key, surface form and part-of-speech sequence of a span of units, built by
/// extending the previous span when it starts at the same unit and ends earlier (candidates
/// come sorted by start, then end: most keys are the previous key and one more word).
#[derive(Default)]
struct SpanText {
    /// The span whose key and form are held (`None`: nothing).
    span: Option<(usize, usize)>,
    key: String,
    form: String,
    /// The tags of the span when tagged (`None` when untagged, or too long for a [`PosSeq`]:
    /// a longer span is too).
    pos: Option<PosSeq>,
}

impl SpanText {
    /// Makes `key`, `form` and `pos` those of units `i..=j`.
    fn set(&mut self, units: &[Unit], i: usize, j: usize) {
        let from = match self.span {
            Some((a, b)) if a == i && b <= j => b + 1,
            _ => {
                self.key.clear();
                self.form.clear();
                self.pos = units
                    .get(i)
                    .is_some_and(|u| u.bit != 0)
                    .then_some(PosSeq::EMPTY);
                i
            }
        };
        // (A slice, not `skip`: an iterator's `skip` steps over the units one by one.)
        let new = units.get(from..=j).unwrap_or_default();
        for (k, u) in (from..).zip(new) {
            // The surface form: the normalised tokens, a space where the text has a gap.
            if k > i && u.gap_before {
                self.form.push(' ');
            }
            self.form.push_str(u.norm());
            // The key: the non-empty token keys, joined by spaces.
            if !u.key().is_empty() {
                if !self.key.is_empty() {
                    self.key.push(' ');
                }
                self.key.push_str(u.key());
            }
            // Candidates are at most `max_len` (≤ 32) tokens, acronym long forms shorter.
            if let Some(p) = self.pos.as_mut() {
                if !p.push(u.bit.trailing_zeros() as usize) {
                    self.pos = None;
                }
            }
        }
        self.span = Some((i, j));
    }
}

/// Grouping key of units `i..=j`.
pub(crate) fn key_of(units: &[Unit], i: usize, j: usize) -> String {
    let mut s = String::new();
    for u in &units[i..=j] {
        if u.key().is_empty() {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(u.key());
    }
    s
}

/// Results of [`matches_pattern`] by tag-bit sequence, coded as a `u128` by
/// [`PatternCache::push`]: the patterns are tried once per distinct sequence instead of once per
/// candidate.
#[derive(Debug, Default, Clone)]
pub(crate) struct PatternCache {
    known: HashMap<u128, bool>,
    /// A direct-mapped copy of recent results in front of `known` (allocated at the first
    /// lookup): `(code, result)`, code 0 for an empty slot (no sequence has code 0).
    front: Vec<(u128, bool)>,
}

impl PatternCache {
    /// Bits per element of a sequence code.
    const WIDTH: u32 = 5;
    /// Longest sequence with a code.
    const MAX_LEN: usize = (128 / Self::WIDTH) as usize;

    /// Slots of [`PatternCache::front`] (a power of two).
    const FRONT: usize = 1024;

    /// The cached result for the sequence `code`, or `compute()` (then cached).
    #[inline]
    fn get(&mut self, code: u128, compute: impl FnOnce() -> bool) -> bool {
        if self.front.is_empty() {
            self.front = vec![(0, false); Self::FRONT];
        }
        let h = ((code as u64) ^ ((code >> 64) as u64).rotate_left(32))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (h >> (64 - Self::FRONT.trailing_zeros())) as usize % Self::FRONT;
        if let Some(&(c, v)) = self.front.get(slot) {
            if c == code {
                return v;
            }
        }
        let v = *self.known.entry(code).or_insert_with(compute);
        if let Some(f) = self.front.get_mut(slot) {
            *f = (code, v);
        }
        v
    }

    /// Appends the tag bit `bit` (one bit set, or none) as element `len` of the sequence code
    /// `code` (the code shifted by one element, the new one in its low bits: a shift by a
    /// constant); elements are never 0, so that codes of different lengths differ. False when
    /// the sequence is too long for a code.
    fn push(code: &mut u128, len: &mut usize, bit: u32) -> bool {
        if *len >= Self::MAX_LEN {
            return false;
        }
        let sym = if bit == 0 {
            1
        } else {
            bit.trailing_zeros() + 2
        };
        *code = (*code << Self::WIDTH) | u128::from(sym);
        *len += 1;
        true
    }
}

// Every element symbol (`trailing_zeros + 2` of the highest tag bit, `LINK_BIT`) fits in
// `PatternCache::WIDTH` bits, so that the code of a sequence is unique (checked at compile time).
const _: () = assert!(LINK_BIT.trailing_zeros() + 2 < 1 << PatternCache::WIDTH);

/// Reference frequency (Zipf × 100) from which a word in capitals counts as a common word
/// written so for emphasis rather than as an acronym or a name: about once per million words.
const COMMON_WORD_ZIPF: u16 = 300;

/// If a run of common words in capitals starts at unit `i` and running text follows it, the end
/// of the run; otherwise `i`.
///
/// Council conclusions and resolutions write their operative words so, at the start of a clause
/// or inside a sentence: `RÉAFFIRME qu'il importe…`, `… et INVITE l'UE…`, `MET L'ACCENT sur…`
/// (English `STRESSES that`, Dutch `BENADRUKT dat`). Such words are emphasis, not terms, and no
/// candidate starts among them. The run holds common words in capitals (reference frequency at
/// least [`COMMON_WORD_ZIPF`]) and the function words in capitals between them; the next word
/// with letters must start with a lower-case letter, as a clause goes on. A heading or letterhead
/// in capitals (`UNION EUROPÉENNE Bruxelles, le…`) is not followed so, acronyms (`ENISA est…`)
/// are not common words, and a word in capitals right after a capitalised word in lower case
/// belongs to a name (`Saddam HUSSEIN a…`): none of them starts a run.
fn emphasis_run_end(lang: &LangData, units: &[Unit], i: usize) -> usize {
    let capitals = |u: &Unit| !u.norm().chars().any(char::is_lowercase);
    let common = |u: &Unit| {
        u.shouting
            && lang
                .reffreq()
                .get(u.lower())
                .is_some_and(|z| *z >= COMMON_WORD_ZIPF)
    };
    if !units.get(i).is_some_and(common) {
        return i;
    }
    // A word in capitals after a capitalised (not all-capitals) word is part of a name
    // (`Saddam HUSSEIN`).
    let after_name = units[..i]
        .iter()
        .rev()
        .find(|u| u.norm().chars().any(char::is_alphabetic))
        .is_some_and(|u| u.norm().chars().next().is_some_and(char::is_uppercase) && !capitals(u));
    if after_name {
        return i;
    }
    let mut end = i;
    while end < units.len()
        && (common(&units[end]) || (units[end].class == Class::Closed && capitals(&units[end])))
    {
        end += 1;
    }
    let running_text = units[end..]
        .iter()
        .find(|u| u.norm().chars().any(char::is_alphabetic))
        .is_some_and(|u| u.norm().chars().next().is_some_and(char::is_lowercase));
    if running_text {
        end
    } else {
        i
    }
}

/// Candidate spans `(i, j)` (inclusive unit indices) of a sentence, in order.
pub(crate) fn candidates(
    lang: &LangData,
    units: &[Unit],
    tagged: bool,
    max_len: usize,
    cache: &mut PatternCache,
) -> Vec<(usize, usize)> {
    // Most sentences have fewer candidates than twice their tokens: one allocation.
    let mut out = Vec::with_capacity(2 * units.len());
    candidates_into(lang, units, tagged, max_len, cache, &mut out);
    out
}

/// [`candidates`], appended to `out` (a buffer kept from sentence to sentence).
fn candidates_into(
    lang: &LangData,
    units: &[Unit],
    tagged: bool,
    max_len: usize,
    cache: &mut PatternCache,
    out: &mut Vec<(usize, usize)>,
) {
    // Only needed when a sequence is not cached: allocated then.
    let mut bits: Vec<u32> = Vec::new();
    let mut emphasis_end = 0;
    for i in 0..units.len() {
        // A run starts only at a word in capitals (otherwise `emphasis_run_end` is `i`).
        if i >= emphasis_end && units[i].shouting {
            emphasis_end = emphasis_run_end(lang, units, i);
        }
        if i < emphasis_end || units[i].class != Class::Content || !units[i].edge {
            continue;
        }
        // The tag-bit sequence of units `i..=j` as `matches_pattern` builds it (a run of
        // function words is one linker element), as a code for the cache; `None` once too long.
        let mut code = Some(0u128);
        let mut code_len = 0;
        let mut in_link = false;
        let mut run_start: Option<usize> = None;
        // Content words written in capitals although they are common words (`DEMANDE`, `SOULIGNE`:
        // operative verbs, headings) and content words in ordinary case: a candidate mixing both
        // is an emphasised word followed by running text (`DEMANDE à l'UE`), not a term.
        let (mut shouted, mut plain) = (false, false);
        let mut j = i;
        while j < units.len() && j - i < max_len {
            let u = &units[j];
            if tagged && u.class != Class::Boundary {
                if let Some(c) = code.as_mut() {
                    let pushed = if u.class == Class::Closed {
                        let ok = in_link || PatternCache::push(c, &mut code_len, LINK_BIT);
                        in_link = true;
                        ok
                    } else {
                        in_link = false;
                        PatternCache::push(c, &mut code_len, u.bit)
                    };
                    if !pushed {
                        code = None;
                    }
                }
            }
            match u.class {
                Class::Boundary => break,
                Class::Closed => {
                    if run_start.is_none() {
                        run_start = Some(j);
                    }
                    if j + 1 - run_start.unwrap_or(j) > lang.max_linker || !u.linker_word {
                        break;
                    }
                }
                Class::Content => {
                    if u.shouting {
                        shouted = true;
                    } else {
                        plain = true;
                    }
                    if shouted && plain {
                        break;
                    }
                    if let Some(rs) = run_start.take() {
                        if !is_linker(lang, &units[rs..j]) {
                            break;
                        }
                    }
                    if u.edge
                        && (j == i || !u.dangling)
                        && (!tagged
                            || match code {
                                Some(c) => {
                                    cache.get(c, || matches_pattern(lang, units, i, j, &mut bits))
                                }
                                None => matches_pattern(lang, units, i, j, &mut bits),
                            })
                    {
                        out.push((i, j));
                    }
                }
            }
            j += 1;
        }
    }
}

/// Whether the lower-case words of `run` are one of the language's linker sequences.
fn is_linker(lang: &LangData, run: &[Unit]) -> bool {
    lang.linker_codes
        .iter()
        .any(|l| l.len() == run.len() && l.iter().zip(run).all(|(a, u)| *a == u.info.linker))
}

/// Class of a candidate's neighbour token for [`crate::stats::Record::left`].
fn neighbour_class(u: &Unit) -> u8 {
    if !matches!(
        u.kind,
        TokenKind::Word | TokenKind::Acronym | TokenKind::Number
    ) {
        0
    } else if u.class == Class::Closed {
        1
    } else {
        2
    }
}

/// A unit that may start or end a candidate: at least two characters unless an acronym,
/// not an elided article.
fn valid_edge(lower: &str, norm: &str, kind: TokenKind) -> bool {
    !lower.ends_with('\'') && (norm.chars().nth(1).is_some() || kind == TokenKind::Acronym)
}

fn matches_pattern(
    lang: &LangData,
    units: &[Unit],
    i: usize,
    j: usize,
    bits: &mut Vec<u32>,
) -> bool {
    bits.clear();
    let mut in_link = false;
    for u in &units[i..=j] {
        if u.class == Class::Closed {
            if !in_link {
                bits.push(LINK_BIT);
                in_link = true;
            }
        } else {
            bits.push(u.bit);
            in_link = false;
        }
    }
    lang.patterns.iter().any(|p| p.matches(bits))
}

/// Whether a sentence of `words` words and acronyms and `nums` numbers looks like page
/// furniture, a reference or a code line rather than prose: as many numbers as words.
fn is_non_prose(words: usize, nums: usize) -> bool {
    words == 0 || (nums > 0 && nums * 2 >= words)
}

/// Adds one document to the statistics.
pub(crate) fn add_document(
    stats: &mut CorpusStats,
    lang: &LangData,
    doc_id: u32,
    doc: &Document,
    tags: &[TokenTag],
    opts: &ExtractOptions,
    cache: &mut TokenCache,
) {
    let tagged = !tags.is_empty() && tags.len() == doc.tokens.len();
    let tags: &[TokenTag] = if tagged { tags } else { &[] };
    // Short sentences repeated three times or more in a document are page furniture.
    let mut repeated: HashMap<String, u32> = HashMap::default();
    let sig = |s: &termsmith_tokenize::Sentence| -> String {
        // The letters, lower-cased (ASCII ones directly).
        let text = doc.sentence_text(s);
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    out.push(c.to_ascii_lowercase());
                }
            } else if c.is_alphabetic() {
                out.extend(c.to_lowercase());
            }
        }
        out
    };
    // The signature of each short sentence, computed once.
    let sigs: Vec<Option<String>> = doc
        .sentences
        .iter()
        .map(|s| (s.tokens.len() <= 8).then(|| sig(s)))
        .collect();
    for g in sigs.iter().flatten() {
        match repeated.get_mut(g.as_str()) {
            Some(n) => *n += 1,
            None => {
                repeated.insert(g.clone(), 1);
            }
        }
    }
    cache.limit();
    let mut ntokens = 0u64;
    let mut text = SpanText::default();
    // Candidate spans of a sentence, and with whether each is forced (buffers kept).
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut cands: Vec<(usize, usize, bool)> = Vec::new();
    let mut pool: Vec<Unit> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        ntokens += s.tokens.len() as u64;
        let n = units_into(lang, doc, s.tokens.clone(), tags, &mut pool, cache);
        let us = &mut pool[..n];
        mark_locutions(lang, us, cache);
        let us: &[Unit] = us;
        let (mut words, mut nums) = (0, 0);
        for u in us {
            if matches!(u.kind, TokenKind::Word | TokenKind::Acronym) {
                cache.count_word(u);
                words += 1;
            } else if u.kind == TokenKind::Number {
                nums += 1;
            }
        }
        if is_non_prose(words, nums)
            || sigs[si]
                .as_ref()
                .is_some_and(|g| repeated.get(g.as_str()).copied().unwrap_or(0) >= 3)
        {
            continue;
        }
        spans.clear();
        candidates_into(
            lang,
            us,
            tagged,
            opts.max_len,
            &mut cache.patterns,
            &mut spans,
        );
        cands.clear();
        cands.extend(spans.iter().map(|&(i, j)| (i, j, false)));
        let defs = acronym::definitions(lang, us, opts.max_len);
        for d in &defs {
            if !cands.iter().any(|c| c.0 == d.long.0 && c.1 == d.long.1) {
                cands.push((d.long.0, d.long.1, true));
            }
            let ak = key_of(us, d.short, d.short);
            let lk = key_of(us, d.long.0, d.long.1);
            *stats.pairs.entry((ak.into(), lk.into())).or_insert(0) += 1;
        }
        cands.sort_unstable();
        let first_word = us
            .iter()
            .position(|u| matches!(u.kind, TokenKind::Word | TokenKind::Acronym));
        // The units are those of this sentence.
        text.span = None;
        for &(i, j, forced) in &cands {
            text.set(us, i, j);
            let (key, form) = (&text.key, &text.form);
            if key.is_empty() {
                continue;
            }
            let mid = first_word.is_some_and(|f| i > f);
            let cap =
                !us[i].shouting && us[i].norm().chars().next().is_some_and(char::is_uppercase);
            let mid = mid && !us[i].shouting;
            stats.record(
                key,
                Record {
                    doc: doc_id,
                    sent: si as u32,
                    span: Span {
                        start: us[i].span.start,
                        end: us[j].span.end,
                    },
                    form,
                    pos: text.pos,
                    ntok: (j + 1 - i).min(255) as u8,
                    mid,
                    cap,
                    acro: i == j && us[i].kind == TokenKind::Acronym,
                    forced,
                    left: i.checked_sub(1).map_or(0, |k| neighbour_class(&us[k])),
                    right: us.get(j + 1).map_or(0, neighbour_class),
                },
                opts.contexts.then_some(s.span),
            );
        }
    }
    cache.flush_words(&mut stats.words);
    // Contexts are shown to people: the sentence without markup (footnote markers,
    // emphasis), built from the text and blocks for the terms that are kept.
    let display = opts.contexts.then(|| {
        std::sync::Arc::new(Document {
            text: doc.text.clone(),
            lang: doc.lang,
            lang_source: doc.lang_source,
            blocks: display_blocks(doc),
            sentences: Vec::new(),
            // Display decodes an HTML entity only where it is a token.
            tokens: doc
                .tokens
                .iter()
                .filter(|t| doc.text.as_bytes().get(t.span.start) == Some(&b'&'))
                .cloned()
                .collect(),
            markdown: doc.markdown,
        })
    });
    stats.docs.insert(doc_id, (String::new(), ntokens, display));
}

/// The blocks of `doc` for [`Document::display_text`], which re-reads the markup of a span
/// from the start of its block: long blocks are also cut at sentence starts where reading
/// from the cut sees the same markup, so that displaying a sentence costs its length instead
/// of its block's. A cut is made at a sentence that starts with a letter after white space,
/// on a line that starts with a letter (so that both readings see a text line there), with no
/// markup construct able to span it: in Markdown, only tags and comments (`<…>`) may hold
/// white space, so the text since the previous cut must close every `<` it opens, and blocks
/// with comments are not cut.
fn display_blocks(doc: &Document) -> Vec<termsmith_tokenize::Block> {
    let text = doc.text.as_bytes();
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut sentences = doc.sentences.iter().peekable();
    let mut starts = Vec::new();
    // The last position of byte `c` in `text[a..b]` (searched as a `str` where the range is
    // one: `rfind` is much faster than a byte loop).
    let last_of = |c: u8, a: usize, b: usize| -> Option<usize> {
        match doc.text.get(a..b) {
            Some(s) => s.rfind(char::from(c)),
            None => text.get(a..b)?.iter().rposition(|&x| x == c),
        }
        .map(|i| a + i)
    };
    for (bi, b) in doc.blocks.iter().enumerate() {
        out.push(*b);
        starts.clear();
        while let Some(s) = sentences.next_if(|s| s.block <= bi) {
            if s.block == bi && s.span.start > b.span.start && s.span.start < b.span.end {
                starts.push(s.span.start);
            }
        }
        let Some(body) = text.get(b.span.start..b.span.end) else {
            continue;
        };
        let comment = || match doc.text.get(b.span.start..b.span.end) {
            Some(s) => s.contains("<!"),
            None => body.windows(2).any(|w| w == b"<!"),
        };
        if starts.is_empty() || (doc.markdown && comment()) {
            continue;
        }
        let mut last = b.span.start;
        // The start of the line of the previous sentence start (not before the block) and where
        // the search for it stopped: each line start is found by scanning the text once.
        let (mut line_start, mut scanned) = (b.span.start, b.span.start);
        // The last `<` and `>` in `text[last..scanned_tags]` (Markdown only).
        let (mut open, mut close, mut scanned_tags): (Option<usize>, Option<usize>, usize) =
            (None, None, b.span.start);
        for &st in &starts {
            let after_space = text.get(st - 1).is_some_and(|c| c.is_ascii_whitespace());
            let letter = |i: usize| {
                doc.text
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_alphabetic)
            };
            if st < scanned {
                // Sentence starts come in text order; otherwise search again.
                (line_start, scanned) = (b.span.start, b.span.start);
            }
            if let Some(i) = last_of(b'\n', scanned, st) {
                line_start = i + 1;
            }
            scanned = st;
            let indent = text[line_start..st]
                .iter()
                .take_while(|c| matches!(c, b' ' | b'\t'))
                .count();
            if !(after_space && letter(st) && letter(line_start + indent)) {
                continue;
            }
            if doc.markdown {
                if st < scanned_tags {
                    (open, close, scanned_tags) = (None, None, last.min(st));
                }
                if let Some(o) = last_of(b'<', scanned_tags, st) {
                    open = Some(o);
                }
                if let Some(c) = last_of(b'>', scanned_tags, st) {
                    close = Some(c);
                }
                scanned_tags = st;
                if open.is_some_and(|o| close.map_or(true, |c| c < o)) {
                    continue;
                }
            }
            out.push(termsmith_tokenize::Block {
                span: Span {
                    start: st,
                    end: b.span.end,
                },
                ..*b
            });
            last = st;
            (open, close, scanned_tags) = (None, None, st);
        }
    }
    out
}

/// Patterns matched by a whole tagged document taken as one candidate (see
/// [`crate::matching_patterns`]).
pub(crate) fn matching_patterns(lang: &LangData, doc: &Document, tags: &[TokenTag]) -> Vec<String> {
    let n = doc.tokens.len();
    if n == 0 || tags.len() != n {
        return Vec::new();
    }
    let us = units(lang, doc, 0..n, tags);
    if !candidates(lang, &us, false, n, &mut PatternCache::default()).contains(&(0, n - 1)) {
        return Vec::new();
    }
    let mut bits = Vec::new();
    let _ = matches_pattern(lang, &us, 0, n - 1, &mut bits);
    lang.patterns
        .iter()
        .filter(|p| p.matches(&bits))
        .map(|p| p.source().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use termsmith_tokenize::{Lang, Tokenizer};

    /// Operative words in capitals (`RÉAFFIRME que`, `et INVITE l'UE`, `MET L'ACCENT sur`) start
    /// no candidate; acronyms, names and headings in capitals still do.
    /// The keys of the candidates of a tagged French text.
    fn candidate_keys(text: &str) -> Vec<String> {
        let lang = Lang::FR;
        let doc = Tokenizer::builder().lang(Some(lang)).build().tokenize(text);
        let tags = termsmith_tag::Tagger::for_lang(lang).unwrap().tag(&doc);
        let data = LangData::get("fr").unwrap();
        let mut out = Vec::new();
        for s in &doc.sentences {
            let us = units(data, &doc, s.tokens.clone(), &tags);
            for (i, j) in candidates(data, &us, true, 6, &mut PatternCache::default()) {
                out.push(key_of(&us, i, j));
            }
        }
        out
    }

    #[test]
    fn emphasis_in_capitals_is_not_a_candidate() {
        let spans = candidate_keys;
        let found = spans(
            "RÉAFFIRME que la sécurité des réseaux est essentielle, et INVITE l'UE à agir. \
             Dans ce contexte, MET L'ACCENT sur la cybersécurité.",
        );
        assert!(found.iter().any(|k| k.contains("sécurité")), "{found:?}");
        for k in &found {
            for w in ["réaffirm", "invit", "accent"] {
                assert!(!k.split(' ').any(|x| x.starts_with(w)), "{k} in {found:?}");
            }
        }
        let kept = spans(
            "ENISA soutient les États membres. Sous Saddam HUSSEIN, la corruption régnait.\n\n\
             CYBERSÉCURITÉ\n\nLa cybersécurité progresse.",
        );
        for w in ["enisa", "hussein", "cybersécurité"] {
            assert!(kept.iter().any(|k| k.contains(w)), "{w} not in {kept:?}");
        }
    }

    /// The series code of a document reference (`COM(2010) 245`, `JOIN(2013) 1 final`) is not a
    /// candidate; an acronym before a cited year (`DEFRA (2005) estime`) still is.
    #[test]
    fn document_series_codes_are_not_candidates() {
        let found = candidate_keys(
            "Voir la communication COM(2010) 245 et le document JOIN(2013) 1 final. \
             Selon DEFRA (2005) le risque baisse, et SEC (2011) 1227 le confirme.",
        );
        for code in ["com", "join", "sec"] {
            assert!(
                !found.iter().any(|k| k.split(' ').any(|w| w == code)),
                "{code} in {found:?}"
            );
        }
        assert!(found.iter().any(|k| k.contains("defra")), "{found:?}");
    }

    /// The candidates found with one pattern cache shared by a whole tagged text are those found
    /// by trying the patterns on every span (a fresh cache for each span's sequence: no sharing).
    #[test]
    fn shared_pattern_cache_finds_the_same_candidates() {
        let text = "Les mesures de confiance renforcent la sécurité des réseaux et des systèmes \
            d'information. La directive SRI fixe des obligations de sécurité pour les opérateurs \
            de services essentiels. Le renforcement des capacités de cyberdéfense de l'Union \
            européenne reste une priorité des États membres et de leurs autorités compétentes.";
        for (code, text) in [
            ("fr", text),
            (
                "en",
                "The confidence-building measures of the \
            OSCE and the security of network and information systems are priorities of the \
            European Union and of its Member States for the coming years.",
            ),
        ] {
            let lang = Lang::new(code).unwrap();
            let doc = Tokenizer::builder().lang(Some(lang)).build().tokenize(text);
            let tags = termsmith_tag::Tagger::for_lang(lang).unwrap().tag(&doc);
            let data = LangData::get(code).unwrap();
            let mut shared = PatternCache::default();
            let mut found = 0;
            for s in &doc.sentences {
                let us = units(data, &doc, s.tokens.clone(), &tags);
                let with_shared = candidates(data, &us, true, 6, &mut shared);
                let mut bits = Vec::new();
                let each: Vec<(usize, usize)> = candidates(data, &us, false, 6, &mut shared)
                    .into_iter()
                    .filter(|&(i, j)| matches_pattern(data, &us, i, j, &mut bits))
                    .collect();
                assert_eq!(with_shared, each, "{code}");
                found += each.len();
            }
            assert!(found > 5, "{code}: {found}");
        }
    }

    /// The locutions that may start at a pair of words are those of the whole list whose first
    /// word is the first one and whose second word (if any) is the second one, in order.
    #[test]
    fn locution_starts_are_the_possible_locutions() {
        for code in crate::resources::supported_languages() {
            let lang = LangData::get(code).unwrap();
            let mut ids = HashMap::default();
            let locs: Vec<SmallVec<[u32; 4]>> = lang
                .locutions
                .iter()
                .map(|l| l.iter().map(|w| intern(&mut ids, w)).collect())
                .collect();
            let starts = LocutionStarts::new(&locs);
            let unknown = ids.len() as u32;
            let mut seconds: Vec<Option<u32>> = (0..=unknown).map(Some).collect();
            seconds.push(None);
            for first in 0..=unknown {
                for &second in &seconds {
                    let all: Vec<usize> = (0..locs.len())
                        .filter(|&k| {
                            locs[k].first() == Some(&first)
                                && (locs[k].len() == 1 || locs[k].get(1).copied() == second)
                        })
                        .collect();
                    assert_eq!(starts.get(first, second), all, "{code} {first} {second:?}");
                }
            }
            assert!(!locs.is_empty() || code != "fr");
        }
    }

    /// [`same_text`] is string equality, whatever the lengths and the place of a difference.
    #[test]
    fn same_text_is_equality() {
        let base: String = "abcdéfghijklmnopqrstuvwxyzABCDEFGHIJ".chars().collect();
        for n in 0..base.len() {
            let Some(a) = base.get(..n) else { continue };
            assert!(same_text(a, a));
            for m in 0..=base.len() {
                if let Some(b) = base.get(..m) {
                    assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
                }
            }
            let mut bytes = a.as_bytes().to_vec();
            for k in 0..bytes.len() {
                bytes[k] ^= 1;
                if let Ok(b) = std::str::from_utf8(&bytes) {
                    assert!(!same_text(a, b), "{a:?} {b:?}");
                }
                bytes[k] ^= 1;
            }
        }
    }

    #[test]
    fn lower_into_is_to_lowercase() {
        let mut out = String::new();
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("Ab{c}é"), format!("{c}ΣΑ Σ")] {
                lower_into(&s, &mut out);
                assert_eq!(out, s.to_lowercase(), "{s:?}");
            }
        }
    }

    /// Sentences display the same from the cut blocks as from the document's own blocks.
    #[test]
    fn cut_blocks_display_like_the_document() {
        let texts = [
            "Une première phrase sur la sécurité. Une deuxième phrase sur la résilience.\nUne ligne suivante avec **emphase sur\ndeux lignes**. Encore une phrase.\nUne balise <span title=\"a b. C d\">ici</span>. Puis R&amp;D et d&rsquo;autres.\n- Un point de liste. Avec deux phrases.\nTexte avec une note<sup>1</sup>. Suite du texte. Et `du code. Ici` aussi.\nUn commentaire <!-- caché. Vraiment --> ici. Dernière phrase.",
            "Plain line one. Plain line two.\nThird line here. Fourth [^1] line. Fifth_line with_under. Sixth.",
        ];
        for markdown in [true, false] {
            let tok = Tokenizer::builder()
                .lang(Some(Lang::FR))
                .markdown(markdown)
                .build();
            for t in texts {
                let doc = tok.tokenize(t);
                let cut = Document {
                    text: doc.text.clone(),
                    lang: doc.lang,
                    lang_source: doc.lang_source,
                    blocks: display_blocks(&doc),
                    sentences: Vec::new(),
                    tokens: doc.tokens.clone(),
                    markdown: doc.markdown,
                };
                assert!(cut.blocks.len() > doc.blocks.len());
                for s in &doc.sentences {
                    assert_eq!(cut.display_text(s.span), doc.display_text(s.span));
                }
            }
        }
    }
}
