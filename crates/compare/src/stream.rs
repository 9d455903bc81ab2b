//! Streaming comparison of large dated corpora: one document at a time, only counts kept.
//!
//! [`crate::from_mine`] needs the term list of all documents with every occurrence, and the texts
//! of all documents for concordances: its memory grows with the corpus. This module compares
//! periods in bounded memory, reading the documents in passes:
//!
//! 1. **Counting** (tokenise, tag, mine). Each period is mined by its own [`PeriodCounter`] (a
//!    `termsmith_mine::Miner` with a range of document ids of its own, keeping no occurrence and
//!    no context: only the mergeable `CorpusStats` counts). The caller tokenises and tags a
//!    document, adds it, and drops it. [`PeriodCounts`] merge associatively, so periods can be
//!    counted in parallel. [`StreamCompare::inventory`] finishes the merged statistics once:
//!    because `CorpusStats::merge` is exact, the term inventory (variant grouping, kinds,
//!    acronym expansions, frequency per document, ranking, `min_freq`) is exactly the one of
//!    mining all documents together, and so are the entry frequencies per period, document
//!    frequencies and dispersions.
//! 2. **Variant forms** (read and decode only). The mined statistics give each variant's total,
//!    not its count per period (exact for a term with one variant: its own counts);
//!    [`Inventory::scan`] counts the whole-word occurrences of every variant form of the terms
//!    with several variants (case-sensitive, straight or curly apostrophes) per period with one
//!    Aho–Corasick automaton into [`FormCounts`] (a counter per form and period). These are
//!    surface counts: they can differ slightly from the miner's (which counts a form only where
//!    the tagger makes it a candidate); they give the variant distributions and variant shifts.
//!    [`Inventory::compare`] then compares the periods.
//! 3. **Concordances** (optional, for a report). A [`ConcordanceFinder`] searches the documents
//!    again for the variant forms of the entries a report shows ([`Comparison::selection`]). At
//!    most `max_lines` lines per entry and period are kept ([`Concordances`], text copied): the
//!    first occurrence in each document first, then further ones, documents in name order.
//!
//! Memory: the candidate statistics of the corpus (they grow with the number of distinct
//! candidates, not with the number of documents or periods), the search automaton and one counter
//! per form and period, and per worker one document and the statistics of one period. Documents
//! are never all in memory, nor are occurrences.
//!
//! ```
//! use termsmith_compare::stream::{ConcordanceFinder, Concordances, FormCounts, PeriodCounts, StreamCompare};
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
//!     all.merge(counter.finish());
//! }
//! let inventory = sc.inventory(all)?;
//! let mut forms = FormCounts::new();
//! for (_, period, text) in &texts {
//!     inventory.scan(&mut forms, period, text);
//! }
//! let (mut cmp, _terms) = inventory.compare(forms, &ComparisonOptions::new());
//! let e = cmp.find("cybersécurité").unwrap();
//! assert_eq!(e.periods[1].freq, 2);
//! assert_eq!(e.variants[0].counts, vec![0, 2]);
//!
//! // Concordance lines for a report.
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
use termsmith_mine::{Miner, MinerBuilder, TermList, TokenTag};
use termsmith_tokenize::{Document, Span};

use crate::comparison::{Comparison, ComparisonOptions, Setup};
use crate::counts::CompareStats;
use crate::from_mine::{is_capitalised_word, term_counts};
use crate::kwic::{count_tokens, line_at, KwicLine, KwicOptions};
use crate::periods::{DocPeriods, Period};
use crate::CompareError;

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
            docs: BTreeMap::new(),
        })
    }

    /// Finishes the term inventory on the merged counts of all periods (as mining every document
    /// together would) and prepares the search of the variant forms of its terms.
    pub fn inventory(&self, counts: PeriodCounts) -> Result<Inventory, CompareError> {
        let terms = match counts.miner {
            Some(m) => m.finish(),
            None => self.miner.clone().build()?.finish(),
        };
        let mut by_form: HashMap<&str, u32> = HashMap::new();
        let mut owners: Vec<(u32, u32)> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_form: Vec<u32> = Vec::new();
        // A term with one variant needs no search: that form's counts are the term's.
        for (ti, t) in terms.terms.iter().enumerate() {
            if t.variants.len() < 2 || is_capitalised_word(t) {
                continue;
            }
            for (vi, v) in t.variants.iter().enumerate() {
                // A form is counted for the first (best ranked) entry that lists it.
                if v.form.is_empty() || by_form.contains_key(v.form.as_str()) {
                    continue;
                }
                let fid = u32::try_from(owners.len()).unwrap_or(u32::MAX);
                by_form.insert(&v.form, fid);
                owners.push((
                    u32::try_from(ti).unwrap_or(u32::MAX),
                    u32::try_from(vi).unwrap_or(u32::MAX),
                ));
                patterns.push(v.form.clone());
                pattern_form.push(fid);
                if v.form.contains('\'') {
                    patterns.push(v.form.replace('\'', "\u{2019}"));
                    pattern_form.push(fid);
                }
            }
        }
        drop(by_form);
        let ac = build_ac(&patterns)?;
        Ok(Inventory {
            terms,
            docs: counts.docs,
            ac,
            pattern_form,
            owners,
        })
    }
}

fn build_ac(patterns: &[String]) -> Result<Option<AhoCorasick>, CompareError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .map(Some)
        .map_err(|e| CompareError::Document(format!("search automaton: {e}")))
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

    /// The counts of the period.
    pub fn finish(self) -> PeriodCounts {
        PeriodCounts {
            miner: Some(self.miner),
            docs: self.docs,
        }
    }
}

/// Counts of one or more periods: the mining statistics and the documents with their token
/// counts. [`PeriodCounts::merge`] is associative (documents disjoint, as
/// [`StreamCompare::counter`] makes them).
#[derive(Debug, Default)]
pub struct PeriodCounts {
    miner: Option<Miner>,
    docs: BTreeMap<u32, DocEntry>,
}

impl PeriodCounts {
    /// No counts.
    pub fn new() -> PeriodCounts {
        PeriodCounts::default()
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

    /// Adds the counts of other documents.
    pub fn merge(&mut self, other: PeriodCounts) {
        match (&mut self.miner, other.miner) {
            (Some(m), Some(o)) => m.merge_stats(o.into_stats()),
            (None, o) => self.miner = o,
            (Some(_), None) => {}
        }
        self.docs.extend(other.docs);
    }
}

/// The term inventory of the whole corpus, ready to count its variant forms per period
/// ([`Inventory::scan`]) and to compare the periods ([`Inventory::compare`]).
#[derive(Debug, Clone)]
pub struct Inventory {
    terms: TermList,
    docs: BTreeMap<u32, DocEntry>,
    ac: Option<AhoCorasick>,
    /// Pattern → form id.
    pattern_form: Vec<u32>,
    /// Form id → (term index, variant index).
    owners: Vec<(u32, u32)>,
}

impl Inventory {
    /// The mined terms (without occurrences or contexts).
    pub fn terms(&self) -> &TermList {
        &self.terms
    }

    /// Number of distinct variant forms searched for.
    pub fn num_forms(&self) -> usize {
        self.owners.len()
    }

    /// Counts the whole-word occurrences of the variant forms in the text of a document of
    /// `period` (case-sensitive; straight or curly apostrophes).
    pub fn scan(&self, found: &mut FormCounts, period: &str, text: &str) {
        let Some(ac) = &self.ac else { return };
        if !found.periods.contains_key(period) {
            found.periods.insert(period.to_string(), Vec::new());
        }
        let Some(counts) = found.periods.get_mut(period) else {
            return;
        };
        counts.resize(self.owners.len().max(counts.len()), 0);
        for m in ac.find_overlapping_iter(text) {
            if !is_boundary(text, m.start(), m.end()) {
                continue;
            }
            if let Some(&f) = self.pattern_form.get(m.pattern().as_usize()) {
                if let Some(c) = counts.get_mut(f as usize) {
                    *c = c.saturating_add(1);
                }
            }
        }
    }

    /// Compares the periods: entry frequencies per period, document frequencies and dispersion
    /// from the mined counts per document, variant distributions from `forms`. Returns the
    /// comparison and the term list (without counts per document or features: the comparison
    /// holds the counts). Words written in capitals ([`is_capitalised_word`]) are left out of
    /// both.
    pub fn compare(self, forms: FormCounts, opts: &ComparisonOptions) -> (Comparison, TermList) {
        let Inventory {
            terms,
            docs,
            owners,
            ..
        } = self;
        let mut cs = CompareStats::new();
        let idx: BTreeMap<u32, u32> = docs
            .iter()
            .map(|(id, d)| (*id, cs.add_doc(&d.name, &d.period, d.tokens)))
            .collect();
        drop(docs);
        // Form ids of each term, in variant order.
        let mut term_forms: Vec<Vec<(u32, u32)>> = vec![Vec::new(); terms.terms.len()];
        for (fid, (ti, vi)) in owners.iter().enumerate() {
            if let Some(v) = term_forms.get_mut(*ti as usize) {
                v.push((*vi, u32::try_from(fid).unwrap_or(u32::MAX)));
            }
        }
        drop(owners);
        // Each entry is compared as soon as its counts are gathered (no table of all counts).
        let setup = Setup::new(&cs, opts);
        let TermList {
            lang,
            docs: names,
            total_tokens,
            terms,
        } = terms;
        let mut entries = Vec::new();
        let mut kept = Vec::with_capacity(terms.len());
        for (mut t, tf) in terms.into_iter().zip(term_forms) {
            if is_capitalised_word(&t) {
                continue;
            }
            let mut tc = term_counts(&t, |d| idx.get(&d).copied());
            if let [only] = t.variants.as_slice() {
                let per = tc.per_doc.clone();
                tc.forms.insert(only.form.clone(), per);
            }
            for (vi, fid) in tf {
                let Some(v) = t.variants.get(vi as usize) else {
                    continue;
                };
                for (label, counts) in &forms.periods {
                    if let Some(&c) = counts.get(fid as usize).filter(|c| **c > 0) {
                        tc.period_forms
                            .entry(v.form.clone())
                            .or_default()
                            .insert(label.clone(), u64::from(c));
                    }
                }
            }
            if let Some(e) = setup.entry(&t.key, &tc) {
                entries.push(e);
            }
            t.per_doc = Vec::new();
            t.features = Vec::new();
            kept.push(t);
        }
        let terms = TermList {
            lang,
            docs: names,
            total_tokens,
            terms: kept,
        };
        (setup.assemble(entries), terms)
    }
}

/// Occurrences of the variant forms of an [`Inventory`] per period. Merges associatively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormCounts {
    /// Period label → count per form id.
    periods: BTreeMap<String, Vec<u32>>,
}

impl FormCounts {
    /// No counts.
    pub fn new() -> FormCounts {
        FormCounts::default()
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: FormCounts) {
        for (label, counts) in other.periods {
            let mine = self.periods.entry(label).or_default();
            if mine.len() < counts.len() {
                mine.resize(counts.len(), 0);
            }
            for (a, b) in mine.iter_mut().zip(counts) {
                *a = a.saturating_add(b);
            }
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
        let ac = build_ac(&patterns)?;
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
                if !first && slot.firsts.len() >= max {
                    // Enough documents give a first line: further lines are never shown.
                    slot.extras = Vec::new();
                    continue;
                }
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
                if slot.firsts.len() >= max {
                    slot.extras = Vec::new();
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
