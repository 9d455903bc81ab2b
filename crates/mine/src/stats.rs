//! Mergeable corpus statistics: candidate counts, occurrences, contexts, word counts.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use termsmith_tokenize::Span;

/// One recorded occurrence of a candidate (internal form: the surface form is shared).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Occ {
    pub doc: u32,
    pub sent: u32,
    pub start: usize,
    pub end: usize,
    pub form: Arc<str>,
}

/// A candidate context: the occurrence position and the shared sentence text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ctx {
    pub doc: u32,
    pub sent: u32,
    pub span: Span,
    pub text: Arc<str>,
}

impl Ctx {
    fn order(&self) -> (u32, u32, usize, usize) {
        (self.doc, self.sent, self.span.start, self.span.end)
    }
}

/// Statistics of one grouping key.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct KeyStats {
    pub freq: u32,
    pub per_doc: BTreeMap<u32, u32>,
    pub forms: BTreeMap<Arc<str>, u32>,
    pub occ: Vec<Occ>,
    /// Counts of the part-of-speech sequence (UD names joined by spaces), when tagged.
    pub pos: BTreeMap<Box<str>, u32>,
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
    pub ctx_first: Vec<Ctx>,
    /// The earliest occurrence contexts overall.
    pub ctx_any: Vec<Ctx>,
}

impl KeyStats {
    /// Whether [`KeyStats::add_ctx`] would keep a context at this position (so that the
    /// sentence text is only built when needed).
    fn wants_ctx(&self, o: (u32, u32, usize, usize), k: usize) -> bool {
        if k == 0 {
            return false;
        }
        let fits = |v: &[Ctx]| {
            !v.iter().any(|x| x.order() == o) && v.partition_point(|x| x.order() < o) < k
        };
        if fits(&self.ctx_any) {
            return true;
        }
        match self.ctx_first.iter().find(|x| x.doc == o.0) {
            Some(x) => o < x.order(),
            None => fits(&self.ctx_first),
        }
    }

    fn add_ctx(&mut self, c: Ctx, k: usize) {
        if k == 0 {
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
        for (d, n) in o.per_doc {
            *self.per_doc.entry(d).or_insert(0) += n;
        }
        for (f, n) in o.forms {
            *self.forms.entry(f).or_insert(0) += n;
        }
        for (p, n) in o.pos {
            *self.pos.entry(p).or_insert(0) += n;
        }
        self.occ.extend(o.occ);
        self.occ.sort();
        self.occ.dedup();
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

fn insert_smallest(v: &mut Vec<Ctx>, c: Ctx, k: usize) {
    if v.iter().any(|x| x.order() == c.order()) {
        return;
    }
    let pos = v.partition_point(|x| x.order() < c.order());
    if pos >= k {
        return;
    }
    v.insert(pos, c);
    v.truncate(k);
}

/// Statistics gathered from documents, mergeable shard by shard.
///
/// [`CorpusStats::merge`] is associative and commutative as long as the shards use disjoint
/// document ids (see [`crate::MinerBuilder::first_doc_id`]): counting documents in shards and
/// merging the shards gives the same statistics as counting them all in one [`crate::Miner`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusStats {
    /// Document names and token counts by id.
    pub(crate) docs: BTreeMap<u32, (String, u64)>,
    /// Lower-case word counts (all word tokens).
    pub(crate) words: HashMap<Box<str>, u32>,
    /// Candidate statistics by grouping key.
    pub(crate) entries: HashMap<Box<str>, KeyStats>,
    /// Acronym definitions: (acronym key, long-form key) → count.
    pub(crate) pairs: BTreeMap<(Box<str>, Box<str>), u32>,
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
    pub fn merge(&mut self, other: CorpusStats) {
        if self.docs.is_empty() && self.entries.is_empty() {
            self.max_ctx = self.max_ctx.max(other.max_ctx);
            self.max_occ = match (self.max_occ, other.max_occ) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
        }
        self.docs.extend(other.docs);
        for (w, n) in other.words {
            *self.words.entry(w).or_insert(0) += n;
        }
        for (k, s) in other.entries {
            match self.entries.get_mut(&k) {
                Some(e) => e.merge(s, self.max_ctx, self.max_occ),
                None => {
                    let mut e = KeyStats::default();
                    e.merge(s, self.max_ctx, self.max_occ);
                    self.entries.insert(k, e);
                }
            }
        }
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
        self.entries.len()
    }

    /// Frequency of a lower-case word in the corpus.
    pub fn word_freq(&self, lower: &str) -> u32 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    pub(crate) fn record(&mut self, key: &str, rec: Record, sentence: Option<&mut LazyText<'_>>) {
        let max_ctx = self.max_ctx;
        let max_occ = self.max_occ;
        let e = match self.entries.get_mut(key) {
            Some(e) => e,
            None => self.entries.entry(key.into()).or_default(),
        };
        e.freq += 1;
        *e.per_doc.entry(rec.doc).or_insert(0) += 1;
        let form = match e.forms.get_key_value(rec.form) {
            Some((f, _)) => f.clone(),
            None => Arc::from(rec.form),
        };
        *e.forms.entry(form.clone()).or_insert(0) += 1;
        if let Some(p) = rec.pos {
            match e.pos.get_mut(p) {
                Some(n) => *n += 1,
                None => {
                    e.pos.insert(p.into(), 1);
                }
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
        if max_occ.map_or(true, |m| e.occ.len() < m) {
            e.occ.push(Occ {
                doc: rec.doc,
                sent: rec.sent,
                start: rec.span.start,
                end: rec.span.end,
                form,
            });
        }
        if let Some(text) = sentence {
            if e.wants_ctx((rec.doc, rec.sent, rec.span.start, rec.span.end), max_ctx) {
                e.add_ctx(
                    Ctx {
                        doc: rec.doc,
                        sent: rec.sent,
                        span: rec.span,
                        text: text.get(),
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
    pub pos: Option<&'a str>,
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

/// A sentence text built on first use and then shared.
pub(crate) struct LazyText<'a> {
    cache: Option<Arc<str>>,
    make: &'a dyn Fn() -> String,
}

impl<'a> LazyText<'a> {
    pub fn new(make: &'a dyn Fn() -> String) -> Self {
        LazyText { cache: None, make }
    }

    fn get(&mut self) -> Arc<str> {
        let make = self.make;
        self.cache.get_or_insert_with(|| Arc::from(make())).clone()
    }
}
