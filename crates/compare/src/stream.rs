//! Streaming comparison of large dated corpora: one document at a time, only counts kept.
//!
//! [`crate::from_mine`] needs the term list of all documents with every occurrence, and the texts
//! of all documents for concordances: its memory grows with the corpus. This module compares
//! periods in bounded memory, in two passes over the documents:
//!
//! 1. **Counting.** Each period is mined by its own [`PeriodCounter`] (a `termsmith_mine::Miner`
//!    with a range of document ids of its own, keeping no occurrence and no context: only the
//!    mergeable `CorpusStats` counts). The caller tokenises and tags a document, adds it, and drops
//!    it. When a period is done, [`PeriodCounter::finish`] counts its surface forms (a finish of the
//!    period's own statistics with every candidate kept; forms are interned) and returns
//!    [`PeriodCounts`], which merge associatively. Periods can be counted in parallel.
//!    [`StreamCompare::finish`] then finishes the merged statistics once. Because
//!    `CorpusStats::merge` is exact, the term inventory (variant grouping, kinds, acronym
//!    expansions, frequency per document, ranking, `min_freq`) is exactly the one of mining all
//!    documents together; frequencies per period, document frequencies and dispersion come from the
//!    exact per-document counts; variant distributions per period from the period form counts.
//! 2. **Concordances** (optional, for a report). Once the comparison tells which entries are shown
//!    ([`Comparison::selection`]), a [`ConcordanceFinder`] searches the documents again (read and
//!    decoded only, no tagging) for the variant forms of those entries with one Aho–Corasick
//!    automaton, whole words only. At most `max_lines` lines per entry and period are kept
//!    ([`Concordances`], text copied): the first occurrence in each document first, then further
//!    ones, documents taken in name order.
//!
//! Memory: the candidate statistics of the corpus (they grow with the number of distinct
//! candidates, not with the number of documents or periods), the interned forms with their counts
//! per period, and per worker one document and the statistics of one period (twice while its forms
//! are counted). Documents are never all in memory, nor are occurrences.
//!
//! ```
//! use termsmith_compare::stream::{ConcordanceFinder, Concordances, PeriodCounts, StreamCompare};
//! use termsmith_compare::{ComparisonOptions, DocPeriods, KwicOptions};
//! use termsmith_mine::{Lang, Miner};
//! use termsmith_tokenize::Tokenizer;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let texts = [
//!     ("a.txt", "2015", "La diplomatie numérique progresse. La diplomatie numérique change."),
//!     ("b.txt", "2017", "La cybersécurité progresse. La cybersécurité des réseaux change."),
//! ];
//! let dp = DocPeriods::from_assignments(texts.iter().map(|(n, p, _)| (*n, *p, 0)));
//! let sc = StreamCompare::new(&dp, Miner::builder().lang(Lang::FR).min_freq(2))?;
//! let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
//! let mut all = PeriodCounts::new();
//! for period in sc.periods() {
//!     let mut counter = sc.counter(&period.label)?;
//!     for (name, _, text) in texts.iter().filter(|t| t.1 == period.label) {
//!         let doc = tk.tokenize(text); // tag it with termsmith-tag for better terms
//!         counter.add_document(name, &doc, &[])?;
//!     } // each document is dropped once counted
//!     all.merge(counter.finish()?);
//! }
//! let (mut cmp, _terms) = sc.finish(all, &ComparisonOptions::new())?;
//! assert_eq!(cmp.find("cybersécurité").unwrap().periods[1].freq, 2);
//!
//! // Second pass for concordance lines.
//! let finder = ConcordanceFinder::new(&cmp, &KwicOptions::new().max_lines(5))?;
//! let mut found = Concordances::new(5);
//! for (name, period, text) in &texts {
//!     finder.scan(&mut found, period, name, text);
//! }
//! cmp.attach(found);
//! assert_eq!(cmp.find("cybersécurité").unwrap().concordance[1].len(), 2);
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};
use termsmith_mine::{Miner, MinerBuilder, TermKind, TermList, TokenTag};
use termsmith_tokenize::{Document, Span};

use crate::comparison::{Comparison, ComparisonOptions};
use crate::counts::{CompareStats, EntryKind, TermCounts};
use crate::kwic::{count_tokens, line_at, KwicLine, KwicOptions};
use crate::periods::{DocPeriods, Period};
use crate::CompareError;

fn kind(k: TermKind) -> EntryKind {
    match k {
        TermKind::Term => EntryKind::Term,
        TermKind::Acronym => EntryKind::Acronym,
        TermKind::NamedEntity => EntryKind::NamedEntity,
    }
}

/// Set-up of a streaming comparison: the periods with their documents, and the mining options.
#[derive(Debug, Clone)]
pub struct StreamCompare {
    miner: MinerBuilder,
    periods: Vec<Period>,
    first_id: Vec<u32>,
}

impl StreamCompare {
    /// Prepares the comparison of the periods of `periods` (their documents are counted later, in
    /// any order) mined with the options of `miner` (language, minimum frequency, named entities,
    /// ranker…; occurrences, contexts and document ids are managed here). Fails when the miner
    /// options are invalid or there are more than 2³² documents.
    pub fn new(periods: &DocPeriods, miner: MinerBuilder) -> Result<StreamCompare, CompareError> {
        let miner = miner.max_contexts(0).max_occurrences(0);
        miner.clone().build()?;
        let mut first_id = Vec::with_capacity(periods.periods().len());
        let mut next: u32 = 0;
        for p in periods.periods() {
            first_id.push(next);
            next = u32::try_from(p.docs.len())
                .ok()
                .and_then(|n| next.checked_add(n))
                .ok_or_else(|| CompareError::Document("too many documents".into()))?;
        }
        Ok(StreamCompare {
            miner,
            periods: periods.periods().to_vec(),
            first_id,
        })
    }

    /// The periods, in chronological order, with their documents.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// A counter for the documents of period `label`.
    pub fn counter(&self, label: &str) -> Result<PeriodCounter, CompareError> {
        let i = self
            .periods
            .iter()
            .position(|p| p.label == label)
            .ok_or_else(|| CompareError::Period(format!("unknown period `{label}`")))?;
        let miner = self.miner.clone().first_doc_id(self.first_id[i]).build()?;
        Ok(PeriodCounter {
            label: label.to_string(),
            capacity: self.periods[i].docs.len(),
            miner,
            forms: self
                .miner
                .clone()
                .min_freq(1)
                .top(usize::MAX)
                .cutoff(false)
                .include_named_entities(true),
            docs: BTreeMap::new(),
        })
    }

    /// Finishes the term inventory on the merged counts of all periods and compares the periods.
    /// Returns the comparison and the term list (without occurrences or contexts).
    pub fn finish(
        &self,
        counts: PeriodCounts,
        opts: &ComparisonOptions,
    ) -> Result<(Comparison, TermList), CompareError> {
        let PeriodCounts {
            miner,
            docs,
            forms,
            periods,
        } = counts;
        let terms = match miner {
            Some(m) => m.finish(),
            None => self.miner.clone().build()?.finish(),
        };
        let mut cs = CompareStats::new();
        let idx: BTreeMap<u32, u32> = docs
            .iter()
            .map(|(id, d)| (*id, cs.add_doc(&d.name, &d.period, d.tokens)))
            .collect();
        // A form is counted for the first (best ranked) entry that lists it.
        let mut claimed: HashSet<&str> = HashSet::new();
        for t in &terms.terms {
            let mut tc = TermCounts {
                headword: t.headword.clone(),
                kind: kind(t.kind),
                expansion: t.expansion.clone(),
                ..TermCounts::default()
            };
            for (d, c) in &t.per_doc {
                if let Some(&i) = idx.get(&d.0) {
                    *tc.per_doc.entry(i).or_default() += u64::from(*c);
                }
            }
            for v in &t.variants {
                if !claimed.insert(v.form.as_str()) {
                    continue;
                }
                let Some(&fid) = forms.get(v.form.as_str()) else {
                    continue;
                };
                for (label, counts) in &periods {
                    if let Ok(i) = counts.binary_search_by_key(&fid, |x| x.0) {
                        tc.period_forms
                            .entry(v.form.clone())
                            .or_default()
                            .insert(label.clone(), u64::from(counts[i].1));
                    }
                }
            }
            cs.add_term_counts(&t.key, tc);
        }
        Ok((Comparison::from_stats(&cs, opts), terms))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct DocEntry {
    name: String,
    period: String,
    tokens: u64,
}

/// Counts the documents of one period; see the [module documentation](self).
#[derive(Debug)]
pub struct PeriodCounter {
    label: String,
    capacity: usize,
    miner: Miner,
    forms: MinerBuilder,
    docs: BTreeMap<u32, DocEntry>,
}

impl PeriodCounter {
    /// The period label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Counts a tokenised document of the period; `tags` are parallel to `doc.tokens` (from
    /// `termsmith-tag`) or empty. The document can be dropped afterwards. Fails when more documents
    /// are added than the period was declared with (document ids would overlap another period's).
    pub fn add_document(
        &mut self,
        name: &str,
        doc: &Document,
        tags: &[TokenTag],
    ) -> Result<(), CompareError> {
        if self.docs.len() >= self.capacity {
            return Err(CompareError::Document(format!(
                "{name}: period {} was declared with {} documents",
                self.label, self.capacity
            )));
        }
        let id = self.miner.add_document(name, doc, tags);
        self.docs.insert(
            id.0,
            DocEntry {
                name: name.to_string(),
                period: self.label.clone(),
                tokens: count_tokens(doc),
            },
        );
        Ok(())
    }

    /// Counts the surface forms of the period and returns its counts.
    pub fn finish(self) -> Result<PeriodCounts, CompareError> {
        let mut fm = self.forms.build()?;
        fm.merge_stats(self.miner.stats().clone());
        let list = fm.finish();
        let mut out = PeriodCounts {
            miner: Some(self.miner),
            docs: self.docs,
            forms: HashMap::new(),
            periods: BTreeMap::new(),
        };
        let mut counts: Vec<(u32, u32)> = Vec::new();
        for t in list.terms {
            for v in t.variants {
                let id = out.intern(v.form);
                counts.push((id, v.freq));
            }
        }
        out.periods.insert(self.label, sum_sorted(counts));
        Ok(out)
    }
}

/// Sorts `(id, count)` pairs by id, adding the counts of equal ids.
fn sum_sorted(mut v: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    v.sort_unstable_by_key(|x| x.0);
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(v.len());
    for (id, c) in v {
        match out.last_mut() {
            Some(last) if last.0 == id => last.1 = last.1.saturating_add(c),
            _ => out.push((id, c)),
        }
    }
    out.shrink_to_fit();
    out
}

/// Counts of one or more periods: the mining statistics, the documents with their token counts,
/// and the surface-form counts per period. [`PeriodCounts::merge`] is associative (periods and
/// documents disjoint, as [`StreamCompare::counter`] makes them).
#[derive(Debug, Default)]
pub struct PeriodCounts {
    miner: Option<Miner>,
    docs: BTreeMap<u32, DocEntry>,
    /// Interned surface forms.
    forms: HashMap<Box<str>, u32>,
    /// Period label → (form id, count) sorted by form id.
    periods: BTreeMap<String, Vec<(u32, u32)>>,
}

impl PeriodCounts {
    /// No counts.
    pub fn new() -> PeriodCounts {
        PeriodCounts::default()
    }

    fn intern(&mut self, form: String) -> u32 {
        if let Some(&id) = self.forms.get(form.as_str()) {
            return id;
        }
        let id = u32::try_from(self.forms.len()).unwrap_or(u32::MAX);
        self.forms.insert(form.into_boxed_str(), id);
        id
    }

    /// Number of documents counted.
    pub fn num_docs(&self) -> usize {
        self.docs.len()
    }

    /// Number of distinct term candidates counted (the main part of the memory used).
    pub fn num_candidates(&self) -> usize {
        self.miner
            .as_ref()
            .map_or(0, |m| m.stats().num_candidates())
    }

    /// Number of distinct surface forms counted over all periods.
    pub fn num_forms(&self) -> usize {
        self.forms.len()
    }

    /// Labels of the periods counted.
    pub fn period_labels(&self) -> impl Iterator<Item = &str> {
        self.periods.keys().map(String::as_str)
    }

    /// Adds the counts of other periods.
    pub fn merge(&mut self, other: PeriodCounts) {
        match (&mut self.miner, other.miner) {
            (Some(m), Some(o)) => m.merge_stats(o.into_stats()),
            (None, o) => self.miner = o,
            (Some(_), None) => {}
        }
        self.docs.extend(other.docs);
        let mut remap = vec![0u32; other.forms.len()];
        for (form, id) in other.forms {
            let new = self.intern(form.into_string());
            if let Some(slot) = remap.get_mut(id as usize) {
                *slot = new;
            }
        }
        for (label, counts) in other.periods {
            let mut v: Vec<(u32, u32)> = counts
                .into_iter()
                .map(|(id, c)| (remap.get(id as usize).copied().unwrap_or(id), c))
                .collect();
            if let Some(old) = self.periods.remove(&label) {
                v.extend(old);
            }
            self.periods.insert(label, sum_sorted(v));
        }
    }
}

/// Finds concordance lines of the entries of a comparison in document texts; see the
/// [module documentation](self).
#[derive(Debug, Clone)]
pub struct ConcordanceFinder {
    ac: Option<AhoCorasick>,
    /// Pattern → entry keys.
    targets: Vec<Vec<u32>>,
    keys: Vec<String>,
    width: usize,
}

impl ConcordanceFinder {
    /// A finder for the variant forms of the entries of `cmp` a report shows: all of them, or with
    /// [`KwicOptions::max_entries`] that many chosen by [`Comparison::selection`].
    pub fn new(cmp: &Comparison, opts: &KwicOptions) -> Result<ConcordanceFinder, CompareError> {
        let chosen = cmp.selection(opts.get_max_entries().unwrap_or(usize::MAX));
        let mut keys = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut by_pattern: HashMap<String, usize> = HashMap::new();
        let mut targets: Vec<Vec<u32>> = Vec::new();
        for (e, keep) in cmp.entries.iter().zip(chosen) {
            if !keep {
                continue;
            }
            let k = u32::try_from(keys.len()).unwrap_or(u32::MAX);
            keys.push(e.key.clone());
            let mut forms: Vec<&str> = e.variants.iter().map(|v| v.form.as_str()).collect();
            forms.push(&e.term);
            for f in forms {
                if f.chars().count() < 2 {
                    continue;
                }
                let curly = f.replace('\'', "\u{2019}");
                for p in [f.to_string(), curly] {
                    let i = *by_pattern.entry(p.clone()).or_insert_with(|| {
                        patterns.push(p);
                        targets.push(Vec::new());
                        targets.len() - 1
                    });
                    if !targets[i].contains(&k) {
                        targets[i].push(k);
                    }
                }
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| CompareError::Document(format!("concordance search: {e}")))?,
            )
        };
        Ok(ConcordanceFinder {
            ac,
            targets,
            keys,
            width: opts.get_width(),
        })
    }

    /// Number of entries searched for.
    pub fn num_entries(&self) -> usize {
        self.keys.len()
    }

    /// Searches the text of document `name` of period `period` and adds what it finds to `found`.
    pub fn scan(&self, found: &mut Concordances, period: &str, name: &str, text: &str) {
        let Some(ac) = &self.ac else { return };
        let mut seen_in_doc: HashSet<u32> = HashSet::new();
        for m in ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !is_boundary(text, s, e) {
                continue;
            }
            let Some(ts) = self.targets.get(m.pattern().as_usize()) else {
                continue;
            };
            for &k in ts {
                let first = seen_in_doc.insert(k);
                let Some(key) = self.keys.get(k as usize) else {
                    continue;
                };
                let span = Span { start: s, end: e };
                let max = found.max;
                let Some(slot) = found.slot(key, period) else {
                    continue;
                };
                let list = if first {
                    &mut slot.firsts
                } else {
                    &mut slot.extras
                };
                if !wants(list, name, s, max) {
                    continue;
                }
                if let Some(line) = line_at(name, text, span, self.width) {
                    insert_bounded(list, line, max);
                }
            }
        }
    }
}

/// Whole words only: no letter or digit (or hyphen) right before or after the match.
fn is_boundary(text: &str, s: usize, e: usize) -> bool {
    let joins = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\u{2010}' | '\u{2011}');
    let before = text.get(..s).and_then(|t| t.chars().next_back());
    let after = text.get(e..).and_then(|t| t.chars().next());
    !before.is_some_and(joins) && !after.is_some_and(joins)
}

fn order(l: &KwicLine) -> (&str, usize) {
    (l.doc.as_str(), l.span.start)
}

fn wants(list: &[KwicLine], name: &str, start: usize, max: usize) -> bool {
    max > 0 && (list.len() < max || list.last().is_some_and(|l| (name, start) < order(l)))
}

fn insert_bounded(list: &mut Vec<KwicLine>, line: KwicLine, max: usize) {
    let pos = list.partition_point(|l| order(l) < order(&line));
    if list.get(pos).is_some_and(|l| order(l) == order(&line)) {
        return;
    }
    list.insert(pos, line);
    list.truncate(max);
}

/// Concordance lines of one entry in one period: the first line of each document and further
/// lines, the earliest of each (document name, then position), at most `max` of each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Slot {
    firsts: Vec<KwicLine>,
    extras: Vec<KwicLine>,
}

/// Concordance lines found by a [`ConcordanceFinder`], at most `max_lines` per entry and period.
/// Merges associatively (documents scanned into different collections must differ).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Concordances {
    max: usize,
    /// Entry key → period label → lines.
    slots: BTreeMap<String, BTreeMap<String, Slot>>,
}

impl Concordances {
    /// An empty collection keeping at most `max_lines` lines per entry and period.
    pub fn new(max_lines: usize) -> Concordances {
        Concordances {
            max: max_lines,
            slots: BTreeMap::new(),
        }
    }

    fn slot(&mut self, key: &str, period: &str) -> Option<&mut Slot> {
        if !self.slots.contains_key(key) {
            self.slots.insert(key.to_string(), BTreeMap::new());
        }
        let per = self.slots.get_mut(key)?;
        if !per.contains_key(period) {
            per.insert(period.to_string(), Slot::default());
        }
        per.get_mut(period)
    }

    /// Adds the lines of `other`.
    pub fn merge(&mut self, other: Concordances) {
        self.max = self.max.max(other.max);
        let max = self.max;
        for (k, per) in other.slots {
            let mine = self.slots.entry(k).or_default();
            for (p, s) in per {
                let slot = mine.entry(p).or_default();
                for l in s.firsts {
                    insert_bounded(&mut slot.firsts, l, max);
                }
                for l in s.extras {
                    insert_bounded(&mut slot.extras, l, max);
                }
            }
        }
    }

    /// The lines of entry `key` in period `period`, in document then text order: the first
    /// occurrence of each document first, completed with further occurrences.
    pub fn lines(&self, key: &str, period: &str) -> Vec<KwicLine> {
        let Some(s) = self.slots.get(key).and_then(|per| per.get(period)) else {
            return Vec::new();
        };
        let mut out: Vec<KwicLine> = s.firsts.iter().take(self.max).cloned().collect();
        let room = self.max.saturating_sub(out.len());
        out.extend(s.extras.iter().take(room).cloned());
        out.sort_by(|a, b| order(a).cmp(&order(b)));
        out
    }
}

impl Comparison {
    /// Sets the concordance of every entry and period from lines found by a
    /// [`ConcordanceFinder`] (entries and periods without lines get none).
    pub fn attach(&mut self, found: Concordances) {
        let labels: Vec<String> = self.periods.iter().map(|p| p.label.clone()).collect();
        for e in &mut self.entries {
            e.concordance = labels.iter().map(|l| found.lines(&e.key, l)).collect();
        }
    }
}
