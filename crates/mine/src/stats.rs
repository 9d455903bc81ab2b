//! Mergeable corpus statistics: candidate counts, occurrences, contexts, word counts.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::sync::Arc;

use termsmith_tokenize::{Document, Span};

/// One recorded occurrence of a candidate (internal form: the surface form is shared).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Occ {
    pub doc: u32,
    pub sent: u32,
    pub start: usize,
    pub end: usize,
    pub form: Arc<str>,
}

/// A candidate context: the occurrence position and the span of its sentence (its display
/// text is built when the term list is made, for the terms kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ctx {
    pub doc: u32,
    pub sent: u32,
    pub span: Span,
    pub sentence: Span,
}

impl Ctx {
    fn order(&self) -> (u32, u32, usize, usize) {
        (self.doc, self.sent, self.span.start, self.span.end)
    }
}

/// A small vector: most keys occur once, so their counts and contexts hold one item, kept
/// inline instead of in an allocation of its own.
pub(crate) type Small<T> = SmallVec<[T; 1]>;

/// Counts sorted by key.
pub(crate) type Counts<K> = Small<(K, u32)>;

/// Counts by document id: two kept inline, in the room a vector's pointer and length take
/// anyway (many keys occur in exactly two documents).
pub(crate) type DocCounts = SmallVec<[(u32, u32); 2]>;

/// Adds `n` to the count of `k` in a vector of counts sorted by key.
fn add_count<K: Ord + ?Sized, O: std::borrow::Borrow<K>, A: smallvec::Array<Item = (O, u32)>>(
    v: &mut SmallVec<A>,
    k: &K,
    n: u32,
    make: impl FnOnce(&K) -> O,
) {
    match v.binary_search_by(|(x, _)| x.borrow().cmp(k)) {
        Ok(i) => v[i].1 += n,
        Err(i) => v.insert(i, (make(k), n)),
    }
}

/// Adds the counts of `b` to `a` (both sorted by key).
fn merge_counts<K: Ord, A: smallvec::Array<Item = (K, u32)>>(a: &mut SmallVec<A>, b: SmallVec<A>) {
    if a.is_empty() {
        *a = b;
        return;
    }
    let old = std::mem::take(a);
    a.reserve(old.len() + b.len());
    let mut x = old.into_iter().peekable();
    let mut y = b.into_iter().peekable();
    loop {
        let take_x = match (x.peek(), y.peek()) {
            (Some(p), Some(q)) => match p.0.cmp(&q.0) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Greater => false,
                std::cmp::Ordering::Equal => {
                    if let (Some(mut p), Some(q)) = (x.next(), y.next()) {
                        p.1 += q.1;
                        a.push(p);
                    }
                    continue;
                }
            },
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if let Some(e) = if take_x { x.next() } else { y.next() } {
            a.push(e);
        }
    }
}

/// The part-of-speech sequence of an occurrence: one index of [`crate::pattern::UPOS_NAMES`]
/// per token, kept without allocation (candidates have at most 32 tokens). Ordered by length,
/// then tags (compared as two big-endian words: the order of the tag arrays, without a call to
/// `memcmp`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PosSeq {
    len: u8,
    tags: [u8; PosSeq::MAX],
}

impl PartialEq for PosSeq {
    fn eq(&self, other: &Self) -> bool {
        self.words() == other.words()
    }
}

impl Eq for PosSeq {}

impl Ord for PosSeq {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.words().cmp(&other.words())
    }
}

impl PartialOrd for PosSeq {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PosSeq {
    /// The length, then the tags as two big-endian words: ordered as the length, then the tag
    /// array.
    #[inline]
    fn words(&self) -> (u8, u128, u128) {
        let mut a = [0u8; 16];
        let mut b = [0u8; 16];
        a.copy_from_slice(&self.tags[..16]);
        b.copy_from_slice(&self.tags[16..]);
        (self.len, u128::from_be_bytes(a), u128::from_be_bytes(b))
    }

    /// Longest sequence.
    pub(crate) const MAX: usize = 32;

    pub(crate) const EMPTY: PosSeq = PosSeq {
        len: 0,
        tags: [0; PosSeq::MAX],
    };

    /// Appends a tag index (an index with no name stands for `X`); false when full.
    pub(crate) fn push(&mut self, idx: usize) -> bool {
        let names = crate::pattern::UPOS_NAMES;
        let idx = if idx < names.len() {
            idx
        } else {
            names.iter().position(|n| *n == "X").unwrap_or(0)
        };
        match self.tags.get_mut(usize::from(self.len)) {
            Some(t) => {
                *t = idx as u8;
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// The tags: indices of [`crate::pattern::UPOS_NAMES`].
    pub(crate) fn tags(&self) -> &[u8] {
        &self.tags[..usize::from(self.len)]
    }

    /// The UD tag names joined by spaces (`NOUN ADP NOUN`).
    pub(crate) fn names(&self) -> String {
        let mut s = String::new();
        for &t in &self.tags[..usize::from(self.len)] {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(crate::pattern::UPOS_NAMES[usize::from(t)]);
        }
        s
    }
}

/// Statistics of one grouping key. Counts are kept in vectors sorted by key (most keys
/// occur once or twice: a vector is one small allocation where a map is a node).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct KeyStats {
    pub freq: u32,
    /// Frequency per document, by document id.
    pub per_doc: DocCounts,
    /// Surface forms and their counts, by form.
    pub forms: Counts<Arc<str>>,
    pub occ: Vec<Occ>,
    /// Counts of the part-of-speech sequence, when tagged, by sequence.
    pub pos: Counts<PosSeq>,
    /// Number of tokens (of the first form seen; all forms of a key normally agree).
    pub ntok: u8,
    /// Occurrences not at the start of their sentence.
    pub mid: u32,
    /// Of those, how many start with a capital letter.
    pub cap_mid: u32,
    /// Occurrences made of one acronym token.
    pub acro: u32,
    /// Occurrences that matched no part-of-speech pattern (only recorded as acronym long forms).
    pub forced: u32,
    /// Neighbour classes of the occurrences, left and right: `[none or punctuation,
    /// function word, content word]` (see [`Record::left`]).
    pub left: [u32; 3],
    /// Right neighbour classes, as [`KeyStats::left`].
    pub right: [u32; 3],
    /// First occurrence context in each of the documents with the smallest ids.
    pub ctx_first: Small<Ctx>,
    /// The earliest occurrence contexts overall.
    pub ctx_any: Small<Ctx>,
}

impl KeyStats {
    /// Whether [`KeyStats::add_ctx`] would keep a context at this position (so that the
    /// sentence text is only built when needed).
    fn wants_ctx(&self, o: (u32, u32, usize, usize), k: usize) -> bool {
        if k == 0 {
            return false;
        }
        if fits(&self.ctx_any, o, k) {
            return true;
        }
        match self.ctx_first.iter().find(|x| x.doc == o.0) {
            Some(x) => o < x.order(),
            None => fits(&self.ctx_first, o, k),
        }
    }

    fn add_ctx(&mut self, c: Ctx, k: usize) {
        if k == 0 {
            return;
        }
        // The first context of a key (most keys have one).
        if self.ctx_any.is_empty() && self.ctx_first.is_empty() {
            self.ctx_any.push(c.clone());
            self.ctx_first.push(c);
            return;
        }
        insert_smallest(&mut self.ctx_any, c.clone(), k);
        if let Some(i) = self.ctx_first.iter().position(|x| x.doc == c.doc) {
            if c.order() < self.ctx_first[i].order() {
                self.ctx_first[i] = c;
            }
        } else {
            insert_smallest(&mut self.ctx_first, c, k);
        }
    }

    pub(crate) fn merge(&mut self, o: KeyStats, max_ctx: usize, max_occ: Option<usize>) {
        self.freq += o.freq;
        merge_counts(&mut self.per_doc, o.per_doc);
        merge_counts(&mut self.forms, o.forms);
        merge_counts(&mut self.pos, o.pos);
        if self.occ.last() < o.occ.first() {
            self.occ.extend(o.occ);
        } else {
            self.occ.extend(o.occ);
            self.occ.sort();
            self.occ.dedup();
        }
        if let Some(m) = max_occ {
            self.occ.truncate(m);
        }
        if self.ntok == 0 || (o.ntok != 0 && o.ntok < self.ntok) {
            self.ntok = o.ntok;
        }
        self.mid += o.mid;
        self.cap_mid += o.cap_mid;
        self.acro += o.acro;
        self.forced += o.forced;
        for k in 0..3 {
            self.left[k] += o.left[k];
            self.right[k] += o.right[k];
        }
        for c in o.ctx_first.into_iter().chain(o.ctx_any) {
            self.add_ctx(c, max_ctx);
        }
    }
}

/// Adds the candidates of `b` to `a` (one part of two tables; `same_limits`: gathered under the
/// limits `max_ctx` and `max_occ` of `a`).
fn merge_part(
    a: &mut HashMap<Box<str>, KeyStats>,
    mut b: HashMap<Box<str>, KeyStats>,
    same_limits: bool,
    max_ctx: usize,
    max_occ: Option<usize>,
) {
    // Merging is commutative: fold the smaller side into the larger one.
    if same_limits && b.len() > a.len() {
        std::mem::swap(a, &mut b);
    }
    for (k, s) in b {
        match a.get_mut(&k) {
            Some(e) => e.merge(s, max_ctx, max_occ),
            // Gathered under the same limits: already within them.
            None if same_limits => {
                a.insert(k, s);
            }
            None => {
                let mut e = KeyStats::default();
                e.merge(s, max_ctx, max_occ);
                a.insert(k, e);
            }
        }
    }
}

/// Whether [`insert_smallest`] would keep a context at position `o` in `v` (sorted, at most `k`).
#[inline]
fn fits(v: &[Ctx], o: (u32, u32, usize, usize), k: usize) -> bool {
    // Once `v` holds `k` contexts, none at or after the last one fits (the common case: a
    // key's occurrences mostly come in text order).
    if v.len() >= k && v.last().is_some_and(|x| x.order() <= o) {
        return false;
    }
    !v.iter().any(|x| x.order() == o) && v.partition_point(|x| x.order() < o) < k
}

fn insert_smallest(v: &mut Small<Ctx>, c: Ctx, k: usize) {
    if v.iter().any(|x| x.order() == c.order()) {
        return;
    }
    let pos = v.partition_point(|x| x.order() < c.order());
    if pos >= k {
        return;
    }
    if v.len() == v.capacity() && v.len() < k {
        // One allocation for the `k` contexts kept instead of growing one by one.
        v.reserve_exact(k - v.len());
    }
    v.insert(pos, c);
    v.truncate(k);
}

/// Number of parts of the candidate table ([`CorpusStats::entries`]): keys are spread over the
/// parts by a hash of their bytes ([`part_of`]), so that two shards merge part by part in
/// parallel (the merge of the workers' shards would otherwise run on one thread).
pub(crate) const PARTS: usize = 16;

/// The candidate table, in [`PARTS`] parts.
pub(crate) type Entries = [HashMap<Box<str>, KeyStats>; PARTS];

/// The part of [`Entries`] that holds `key`: a hash of its length and of its first and last
/// eight bytes (cheap, and it spreads keys sharing their first word).
#[inline]
pub(crate) fn part_of(key: &str) -> usize {
    let b = key.as_bytes();
    // The little-endian word of at most eight bytes, zero-padded (one load when eight: no
    // call to `memcpy` for a copy of variable length).
    let word = |s: &[u8]| match <[u8; 8]>::try_from(s) {
        Ok(w) => u64::from_le_bytes(w),
        Err(_) => s.iter().rev().fold(0u64, |w, &c| (w << 8) | u64::from(c)),
    };
    let n = b.len().min(8);
    let x = word(&b[..n]).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ word(&b[b.len() - n..]).rotate_left(29)
        ^ (b.len() as u64);
    (x.wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 60) as usize % PARTS
}

/// Statistics gathered from documents, mergeable shard by shard.
///
/// [`CorpusStats::merge`] is associative and commutative as long as the shards use disjoint
/// document ids (see [`crate::MinerBuilder::first_doc_id`]): counting documents in shards and
/// merging the shards gives the same statistics as counting them all in one [`crate::Miner`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusStats {
    /// Document names, token counts and (when contexts are kept) the text and blocks that
    /// display contexts, by id.
    pub(crate) docs: BTreeMap<u32, (String, u64, Option<Arc<Document>>)>,
    /// Lower-case word counts (all word tokens).
    pub(crate) words: HashMap<Box<str>, u32>,
    /// Candidate statistics by grouping key, in parts ([`part_of`]).
    pub(crate) entries: Entries,
    /// Acronym definitions: (acronym key, long-form key) → count.
    pub(crate) pairs: BTreeMap<(Box<str>, Box<str>), u32>,
    /// Token label probabilities of the documents, by id (only with the learned ranker).
    pub(crate) labels: BTreeMap<u32, crate::labeller::DocLabels>,
    /// Context and occurrence limits (not statistics; kept from the first non-empty side).
    pub(crate) max_ctx: usize,
    pub(crate) max_occ: Option<usize>,
}

impl CorpusStats {
    /// Empty statistics keeping at most `max_contexts` contexts per key and, if given, at
    /// most `max_occurrences` occurrences per key (counts stay exact).
    pub fn new(max_contexts: usize, max_occurrences: Option<usize>) -> CorpusStats {
        CorpusStats {
            max_ctx: max_contexts,
            max_occ: max_occurrences,
            ..CorpusStats::default()
        }
    }

    /// Adds the statistics of `other` (documents with ids disjoint from those in `self`).
    pub fn merge(&mut self, mut other: CorpusStats) {
        if self.docs.is_empty() && self.num_candidates() == 0 {
            let max_ctx = self.max_ctx.max(other.max_ctx);
            let max_occ = match (self.max_occ, other.max_occ) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            self.max_ctx = max_ctx;
            self.max_occ = max_occ;
        }
        let same_limits = self.max_ctx == other.max_ctx && self.max_occ == other.max_occ;
        // Merging is commutative: fold the smaller side into the larger one.
        if same_limits && other.num_candidates() > self.num_candidates() {
            std::mem::swap(self, &mut other);
        }
        self.docs.extend(other.docs);
        self.labels.extend(other.labels);
        let (max_ctx, max_occ) = (self.max_ctx, self.max_occ);
        let words = &mut self.words;
        let entries = &mut self.entries;
        // The word counts and the parts of the candidate table are merged in parallel.
        rayon::join(
            || {
                if words.is_empty() {
                    *words = other.words;
                } else {
                    for (w, n) in other.words {
                        match words.get_mut(&w) {
                            Some(m) => *m += n,
                            None => {
                                words.insert(w, n);
                            }
                        }
                    }
                }
            },
            || {
                entries
                    .par_iter_mut()
                    .zip(other.entries)
                    .for_each(|(a, b)| merge_part(a, b, same_limits, max_ctx, max_occ));
            },
        );
        for (p, n) in other.pairs {
            *self.pairs.entry(p).or_insert(0) += n;
        }
    }

    /// Number of documents counted.
    pub fn num_docs(&self) -> usize {
        self.docs.len()
    }

    /// Total number of tokens counted.
    pub fn total_tokens(&self) -> u64 {
        self.docs.values().map(|d| d.1).sum()
    }

    /// Number of distinct candidate keys.
    pub fn num_candidates(&self) -> usize {
        self.entries.iter().map(|m| m.len()).sum()
    }

    /// Frequency of a lower-case word in the corpus.
    pub fn word_freq(&self, lower: &str) -> u32 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    /// Records an occurrence; `sentence` is the span of its sentence when contexts are kept.
    pub(crate) fn record(&mut self, key: &str, rec: Record, sentence: Option<Span>) {
        let max_ctx = self.max_ctx;
        let max_occ = self.max_occ;
        let part = &mut self.entries[part_of(key)];
        let e = match part.get_mut(key) {
            Some(e) => e,
            None => part.entry(key.into()).or_default(),
        };
        e.freq += 1;
        match e.per_doc.last_mut() {
            Some(last) if last.0 == rec.doc => last.1 += 1,
            Some(last) if last.0 > rec.doc => add_count(&mut e.per_doc, &rec.doc, 1, |d| *d),
            _ => e.per_doc.push((rec.doc, 1)),
        }
        // Most keys have a few forms: they are told apart by their length before their bytes
        // (a binary search compares the bytes of every form it visits).
        let found = if e.forms.len() <= 16 {
            let n = rec.form.len();
            match e
                .forms
                .iter()
                .position(|(f, _)| f.len() == n && crate::extract::same_text(f, rec.form))
            {
                Some(i) => Ok(i),
                None => Err(e.forms.partition_point(|(f, _)| **f < *rec.form)),
            }
        } else {
            e.forms.binary_search_by(|(f, _)| (**f).cmp(rec.form))
        };
        let form_at = match found {
            Ok(i) => {
                e.forms[i].1 += 1;
                i
            }
            Err(i) => {
                e.forms.insert(i, (Arc::from(rec.form), 1));
                i
            }
        };
        if let Some(p) = rec.pos {
            // Most keys have one sequence: look for it before searching the sorted place.
            match e.pos.iter_mut().find(|(q, _)| *q == p) {
                Some(x) => x.1 += 1,
                None => add_count(&mut e.pos, &p, 1, |p| *p),
            }
        }
        if e.ntok == 0 || rec.ntok < e.ntok {
            e.ntok = rec.ntok;
        }
        if rec.mid {
            e.mid += 1;
            if rec.cap {
                e.cap_mid += 1;
            }
        }
        if rec.acro {
            e.acro += 1;
        }
        if rec.forced {
            e.forced += 1;
        }
        e.left[usize::from(rec.left.min(2))] += 1;
        e.right[usize::from(rec.right.min(2))] += 1;
        // Occurrences stay sorted (documents may come out of id order); with a limit, the
        // first ones in text order are kept.
        let occ = || Occ {
            doc: rec.doc,
            sent: rec.sent,
            start: rec.span.start,
            end: rec.span.end,
            form: e.forms[form_at].0.clone(),
        };
        let occ = if max_occ == Some(0) {
            None
        } else {
            Some(occ())
        };
        match (e.occ.last(), occ) {
            (_, None) => {}
            (Some(last), Some(occ)) if occ < *last => {
                let at = e.occ.partition_point(|o| *o < occ);
                e.occ.insert(at, occ);
                if let Some(m) = max_occ {
                    e.occ.truncate(m);
                }
            }
            (_, Some(occ)) => {
                if max_occ.map_or(true, |m| e.occ.len() < m) {
                    e.occ.push(occ);
                }
            }
        }
        if let Some(sentence) = sentence {
            if e.wants_ctx((rec.doc, rec.sent, rec.span.start, rec.span.end), max_ctx) {
                e.add_ctx(
                    Ctx {
                        doc: rec.doc,
                        sent: rec.sent,
                        span: rec.span,
                        sentence,
                    },
                    max_ctx,
                );
            }
        }
    }
}

/// One occurrence to record.
pub(crate) struct Record<'a> {
    pub doc: u32,
    pub sent: u32,
    pub span: Span,
    pub form: &'a str,
    pub pos: Option<PosSeq>,
    pub ntok: u8,
    pub mid: bool,
    pub cap: bool,
    pub acro: bool,
    pub forced: bool,
    /// Class of the token before the occurrence: 0 none or punctuation, 1 function word,
    /// 2 content word.
    pub left: u8,
    /// Class of the token after the occurrence, as `left`.
    pub right: u8,
}

#[cfg(test)]
mod part_tests {
    use super::*;

    /// Every key has a part, and keys spread over all parts.
    #[test]
    fn keys_spread_over_the_parts() {
        let mut counts = [0usize; PARTS];
        for w in ["", "a", "é", "prévention", "prévention de la corruption"] {
            assert!(part_of(w) < PARTS);
        }
        for i in 0..16_000 {
            counts[part_of(&format!("commission {i}"))] += 1;
        }
        for c in counts {
            assert!((500..1500).contains(&c), "{counts:?}");
        }
    }
}

#[cfg(test)]
mod pos_tests {
    use super::*;

    /// The order and equality of sequences are those of (length, tag array), as derived ones would be.
    #[test]
    fn pos_seq_order_is_length_then_tags() {
        let seqs: Vec<PosSeq> = [
            &[][..],
            &[0],
            &[16],
            &[7, 1, 7],
            &[7, 1, 8],
            &[8, 1, 7],
            &[7; 17],
            &[7; 32],
        ]
        .iter()
        .flat_map(|tags| {
            let mut p = PosSeq::EMPTY;
            for &t in *tags {
                assert!(p.push(t));
            }
            let mut q = p;
            if q.push(3) {
                vec![p, q]
            } else {
                vec![p]
            }
        })
        .collect();
        for a in &seqs {
            for b in &seqs {
                assert_eq!(
                    a.cmp(b),
                    (a.len, a.tags).cmp(&(b.len, b.tags)),
                    "{a:?} {b:?}"
                );
                assert_eq!(a == b, (a.len, a.tags) == (b.len, b.tags), "{a:?} {b:?}");
            }
        }
    }
}
