//! Entry points on a [`TermList`] from `termsmith-mine`: counts, comparison, concordances and KWIC.
//!
//! All documents of all periods are mined together with one `Miner` (document ids from 0, all
//! occurrences kept — the miner's defaults) so that variants are grouped into one entry across
//! periods. Memory grows with the corpus (every document and occurrence is kept); for large corpora
//! use [`crate::stream`], as `termsmith compare` does:
//!
//! ```no_run
//! use std::collections::BTreeMap;
//! use std::path::Path;
//! use termsmith_compare::{kwic, periods, report, Comparison, ComparisonOptions, Granularity, KwicOptions, ReportOptions};
//! use termsmith_mine::Miner;
//! use termsmith_tokenize::{Lang, Tokenizer};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let (mut dp, _undated) = periods::resolve(Some(Path::new("seeds/manifest.csv")), &[], &[], Granularity::Year)?;
//! let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
//! let mut miner = Miner::builder().lang(Lang::FR).build()?;
//! let mut texts = BTreeMap::new();
//! for name in dp.periods().iter().flat_map(|p| p.docs.clone()).collect::<Vec<_>>() {
//!     let doc = tk.tokenize_bytes(&std::fs::read(&name)?)?;
//!     miner.add_document(&name, &doc, &[]); // or with tags from termsmith-tag
//!     dp.set_tokens(&name, kwic::count_tokens(&doc));
//!     texts.insert(name, doc.text);
//! }
//! let terms = miner.finish();
//! let mut cmp = Comparison::build(&terms, &dp, &ComparisonOptions::new());
//! cmp.attach_concordances(&terms, &dp, |n| texts.get(n).map(String::as_str), &KwicOptions::new().max_lines(10));
//! cmp.to_csv(std::fs::File::create("compare.csv")?)?;
//! std::fs::write("compare.html", report::html(&cmp, &ReportOptions::new()))?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use termsmith_mine::{Term, TermKind, TermList};
use termsmith_tokenize::Document;

use crate::comparison::{Comparison, ComparisonOptions};
use crate::counts::{CompareStats, EntryKind, TermCounts};
use crate::kwic::{line_at, line_in_doc, search, KwicLine, KwicOptions};
use crate::periods::DocPeriods;

fn kind(k: TermKind) -> EntryKind {
    match k {
        TermKind::Term => EntryKind::Term,
        TermKind::Acronym => EntryKind::Acronym,
        TermKind::NamedEntity => EntryKind::NamedEntity,
    }
}

/// The counts of a mined term before its forms are added: headword, kind, expansion and the
/// occurrences per document, with the miner's document ids mapped by `doc_index` (documents it
/// maps to `None` are left out).
pub(crate) fn term_counts(t: &Term, doc_index: impl Fn(u32) -> Option<u32>) -> TermCounts {
    let mut tc = TermCounts {
        headword: t.headword.clone(),
        kind: kind(t.kind),
        expansion: t.expansion.clone(),
        ..TermCounts::default()
    };
    for (d, c) in &t.per_doc {
        if let Some(i) = doc_index(d.0) {
            *tc.per_doc.entry(i).or_default() += u64::from(*c);
        }
    }
    tc
}

/// Reference frequency (Zipf scale: log10 of occurrences per 10⁹ words) from which a word is a
/// common word of the language: once per million words.
const COMMON_ZIPF: f64 = 3.0;

/// Whether a mined term is a word written in capitals rather than a term: its headword has no
/// lower-case letter (and at least two letters), the text defines no expansion for it, the miner
/// did not take it for an acronym (kind [`TermKind::Term`]), and either the tagger tagged its head
/// as a verb in context or all its content words are common words of the language (general
/// reference frequency at least once per million words, the miner's `ref_min` feature). Such
/// entries are the capitalised verbs opening the paragraphs of Council conclusions (`DEMANDE`,
/// `SOULIGNE`, `AFFIRMANT`) and capitalised headings (`RÉSULTATS`); acronyms (`UE`, `ENISA`, `SRI`)
/// are kind [`TermKind::Acronym`] and kept. Comparisons leave these entries out.
pub fn is_capitalised_word(t: &Term) -> bool {
    if t.kind != TermKind::Term || t.expansion.is_some() {
        return false;
    }
    let letters = t.headword.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || t.headword.chars().any(char::is_lowercase) {
        return false;
    }
    let feature = |name: &str| {
        termsmith_mine::ranker::feature_index(name).and_then(|i| t.features.get(i).copied())
    };
    feature("verb").is_some_and(|v| v > 0.5) || feature("ref_min").is_some_and(|z| z >= COMMON_ZIPF)
}

/// Name of a document id of `terms` (the miner must number documents from 0, its default).
fn doc_name(terms: &TermList, id: u32) -> Option<&str> {
    terms.docs.get(id as usize).map(String::as_str)
}

impl CompareStats {
    /// Counts of a term list mined over all periods together. Each document of `terms.docs` is put in
    /// its period ([`DocPeriods::period_of`]) with its token count ([`DocPeriods::tokens_of`]); entry
    /// frequencies come from `Term::per_doc`, variant distributions from `Term::occurrences` (keep all
    /// occurrences in the miner, its default, for exact variant counts). Words written in capitals
    /// ([`is_capitalised_word`]) are left out. Returns the counts and the names of the documents
    /// that belong to no period (they are left out).
    pub fn from_term_list(terms: &TermList, periods: &DocPeriods) -> (CompareStats, Vec<String>) {
        let mut s = CompareStats::new();
        let mut known = vec![false; terms.docs.len()];
        let mut unassigned = Vec::new();
        for (i, name) in terms.docs.iter().enumerate() {
            match periods.period_of(name) {
                Some(label) => {
                    s.add_doc(name, label, periods.tokens_of(name));
                    known[i] = true;
                }
                None => unassigned.push(name.clone()),
            }
        }
        let idx: Vec<Option<u32>> = terms
            .docs
            .iter()
            .zip(&known)
            .map(|(n, k)| if *k { s.doc_idx(n) } else { None })
            .collect();
        let map = |d: u32| idx.get(d as usize).copied().flatten();
        for t in terms.terms.iter().filter(|t| !is_capitalised_word(t)) {
            let mut tc = term_counts(t, map);
            for o in &t.occurrences {
                let Some(i) = map(o.doc.0) else { continue };
                match tc.forms.get_mut(o.form.as_str()) {
                    Some(m) => *m.entry(i).or_default() += 1,
                    None => {
                        tc.forms.insert(o.form.clone(), BTreeMap::from([(i, 1)]));
                    }
                }
            }
            s.add_term_counts(&t.key, tc);
        }
        (s, unassigned)
    }
}

impl Comparison {
    /// Compares the periods of a term list: [`CompareStats::from_term_list`] then
    /// [`Comparison::from_stats`]. Documents without a period are ignored.
    pub fn build(terms: &TermList, periods: &DocPeriods, opts: &ComparisonOptions) -> Comparison {
        let (stats, _) = CompareStats::from_term_list(terms, periods);
        Comparison::from_stats(&stats, opts)
    }

    /// Fills the concordance of the entries from the occurrences in `terms`: of all entries, or with
    /// [`KwicOptions::max_entries`] of that many chosen as the report chooses its rows (changing
    /// entries first, then the most frequent; see [`Comparison::selection`]). At most
    /// `opts.max_lines` lines per entry and period (default 10), spread over the documents (one line per
    /// document first, then more in text order). `text` gives the text of a document by name (the
    /// spans of occurrences index it); documents it does not know are skipped.
    pub fn attach_concordances<'a>(
        &mut self,
        terms: &TermList,
        periods: &DocPeriods,
        text: impl Fn(&str) -> Option<&'a str>,
        opts: &KwicOptions,
    ) {
        let max = opts.get_max_lines().unwrap_or(10);
        let by_key: BTreeMap<&str, &Term> =
            terms.terms.iter().map(|t| (t.key.as_str(), t)).collect();
        let labels: Vec<String> = self.periods.iter().map(|p| p.label.clone()).collect();
        let doc_period: Vec<Option<usize>> = terms
            .docs
            .iter()
            .map(|d| {
                periods
                    .period_of(d)
                    .and_then(|l| labels.iter().position(|x| x == l))
            })
            .collect();
        let chosen = self.selection(opts.get_max_entries().unwrap_or(usize::MAX));
        for (e, keep) in self.entries.iter_mut().zip(chosen) {
            if !keep {
                continue;
            }
            let Some(t) = by_key.get(e.key.as_str()) else {
                continue;
            };
            let mut per: Vec<Vec<&termsmith_mine::Occurrence>> = vec![Vec::new(); labels.len()];
            let mut taken = vec![false; t.occurrences.len()];
            // Pass 1: the first occurrence in each document; pass 2: the rest in text order.
            for pass in 0..2 {
                for (i, o) in t.occurrences.iter().enumerate() {
                    let Some(Some(p)) = doc_period.get(o.doc.0 as usize) else {
                        continue;
                    };
                    let slot = &mut per[*p];
                    if taken[i]
                        || slot.len() >= max
                        || (pass == 0 && slot.iter().any(|x| x.doc == o.doc))
                    {
                        continue;
                    }
                    taken[i] = true;
                    slot.push(o);
                }
            }
            e.concordance = per
                .into_iter()
                .map(|mut os| {
                    os.sort_by_key(|o| (o.doc, o.span.start));
                    os.into_iter()
                        .filter_map(|o| {
                            let name = doc_name(terms, o.doc.0)?;
                            line_at(name, text(name)?, o.span, opts.get_width())
                        })
                        .collect()
                })
                .collect();
        }
    }
}

/// Finds the entry of `terms` whose headword, key or a variant equals `query` (case-insensitively,
/// after normalisation); failing that, one whose spelling differs only by hyphens and spaces
/// (`cyberrésilience` finds `cyber-résilience`).
pub fn find_term<'t>(terms: &'t TermList, query: &str) -> Option<&'t Term> {
    let q = termsmith_tokenize::normalize(query.trim()).to_lowercase();
    let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
    let eq = |s: &str| termsmith_tokenize::normalize(s).to_lowercase() == q;
    // Orthographic variants: hyphenated, spaced and joined spellings are one term
    // (`cyber-résilience`, `cyber résilience`, `cyberrésilience`).
    let fold = |s: &str| -> String {
        termsmith_tokenize::normalize(s)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}' | '\u{2011}'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let qf = fold(&q);
    let matches = |t: &&Term, same: &dyn Fn(&str) -> bool| {
        same(&t.headword) || same(&t.key) || t.variants.iter().any(|v| same(&v.form))
    };
    terms.terms.iter().find(|t| matches(t, &eq)).or_else(|| {
        terms
            .terms
            .iter()
            .find(|t| matches(t, &|s: &str| fold(s) == qf))
    })
}

/// Concordance of a term: when `query` names an entry of `terms` (any variant, see [`find_term`]),
/// all its occurrences, whatever the variant; otherwise a normalised token-sequence search of
/// `query` in `docs` ([`search`]). `docs` pairs document names (as in `terms.docs`) with the
/// tokenised documents. Lines in document then text order, at most `opts.max_lines`.
pub fn kwic(
    query: &str,
    terms: &TermList,
    docs: &[(&str, &Document)],
    opts: &KwicOptions,
) -> Vec<KwicLine> {
    let Some(t) = find_term(terms, query) else {
        return search(query, docs, opts);
    };
    let by_name: BTreeMap<&str, &Document> = docs.iter().map(|(n, d)| (*n, *d)).collect();
    let mut occ: Vec<_> = t.occurrences.iter().collect();
    occ.sort_by_key(|o| (o.doc, o.span.start));
    let mut out = Vec::new();
    for o in occ {
        let Some(name) = doc_name(terms, o.doc.0) else {
            continue;
        };
        let Some(doc) = by_name.get(name) else {
            continue;
        };
        if let Some(l) = line_in_doc(name, doc, o.span, opts.get_width()) {
            out.push(l);
            if opts.get_max_lines().is_some_and(|m| out.len() >= m) {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use termsmith_mine::ranker::{feature_index, FEATURE_NAMES};
    use termsmith_tokenize::Lang;

    fn term(head: &str, kind: TermKind, verb: f64, ref_min: f64) -> Term {
        let mut features = vec![0.0; FEATURE_NAMES.len()];
        features[feature_index("verb").unwrap()] = verb;
        features[feature_index("ref_min").unwrap()] = ref_min;
        Term {
            headword: head.to_string(),
            key: head.to_lowercase(),
            lang: Lang::FR,
            variants: Vec::new(),
            pos: None,
            kind,
            expansion: None,
            freq: 3,
            doc_freq: 1,
            per_doc: Vec::new(),
            cvalue: 0.0,
            score: 0.0,
            rank: 1,
            occurrences: Vec::new(),
            contexts: Vec::new(),
            features,
        }
    }

    #[test]
    fn capitalised_verbs_and_common_words_are_not_terms() {
        assert!(is_capitalised_word(&term(
            "DEMANDE",
            TermKind::Term,
            0.0,
            5.5
        )));
        assert!(is_capitalised_word(&term(
            "RÉAFFIRMANT",
            TermKind::Term,
            1.0,
            2.4
        )));
        assert!(is_capitalised_word(&term(
            "CAPACITÉ DE L'UE",
            TermKind::Term,
            0.0,
            4.6
        )));
        // Acronyms, rare capitalised words, ordinary spellings and defined acronyms stay.
        assert!(!is_capitalised_word(&term(
            "UE",
            TermKind::Acronym,
            0.0,
            4.6
        )));
        assert!(!is_capitalised_word(&term(
            "ENISA",
            TermKind::Term,
            0.0,
            0.0
        )));
        assert!(!is_capitalised_word(&term(
            "demande",
            TermKind::Term,
            0.0,
            5.5
        )));
        assert!(!is_capitalised_word(&term(
            "Demande",
            TermKind::Term,
            1.0,
            5.5
        )));
        assert!(!is_capitalised_word(&term("X", TermKind::Term, 1.0, 5.5)));
        let mut defined = term("TIC", TermKind::Term, 0.0, 3.7);
        defined.expansion = Some("technologies de l'information".into());
        assert!(!is_capitalised_word(&defined));
        // No features (a term list built elsewhere): kept.
        let mut bare = term("DEMANDE", TermKind::Term, 0.0, 5.5);
        bare.features.clear();
        assert!(!is_capitalised_word(&bare));
    }
}
