//! Output types: term equivalents with method, score and evidence.

use std::ops::Range;

/// How an equivalent was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Association across aligned sentence pairs of parallel texts.
    Parallel,
    /// Context-vector similarity across comparable (non-parallel) texts.
    Comparable,
    /// Reused from a term base.
    Termbase,
    /// Whole-term dictionary entry.
    Dictionary,
    /// Spelling similarity (cognate) with a target term.
    Cognate,
    /// Word-by-word translation matched against target terms.
    Compositional,
}

impl Method {
    /// Lower-case name (`parallel`, `comparable`, `termbase`, `dictionary`, `cognate`, `compositional`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Parallel => "parallel",
            Method::Comparable => "comparable",
            Method::Termbase => "termbase",
            Method::Dictionary => "dictionary",
            Method::Cognate => "cognate",
            Method::Compositional => "compositional",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an equivalent is proposed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// An aligned sentence pair where both terms occur.
    SentencePair {
        /// Source document name.
        source_doc: String,
        /// Target document name.
        target_doc: String,
        /// Source sentence(s) of the bead.
        source_sentence: String,
        /// Target sentence(s) of the bead.
        target_sentence: String,
        /// Byte span of the source term in the source document.
        source_span: Range<usize>,
        /// Byte span of the target term in the target document, when found.
        target_span: Option<Range<usize>>,
    },
    /// A term-base entry.
    TermbaseEntry {
        /// Where the entry comes from.
        origin: String,
    },
    /// A dictionary entry (`source → target`).
    DictionaryEntry {
        /// The word-level or phrase-level translations used.
        entry: String,
    },
    /// Shared translated context words (comparable corpora).
    Context {
        /// Context words shared by the two vectors, strongest first.
        shared: Vec<String>,
    },
}

/// One candidate equivalent.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Equivalent {
    /// Target-language term (display form).
    pub term: String,
    /// Key of the target term in the target term list, when it comes from one.
    pub target_key: Option<String>,
    /// Score in [0, 1].
    pub score: f64,
    /// Main method.
    pub method: Method,
    /// Evidence, strongest first (a few items).
    pub evidence: Vec<Evidence>,
}

/// The candidates for one source term, best first.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TermEquivalents {
    /// Key of the source term.
    pub source_key: String,
    /// Display form of the source term.
    pub source_term: String,
    /// Candidates, best first (ties broken by term).
    pub candidates: Vec<Equivalent>,
}

impl TermEquivalents {
    /// The best candidate, if any.
    pub fn best(&self) -> Option<&Equivalent> {
        self.candidates.first()
    }
}

/// Sorts candidates best first with a total, stable order and keeps the best `n`;
/// duplicates (same folded term) keep their best-scoring entry.
pub(crate) fn rank(cands: &mut Vec<Equivalent>, n: usize) {
    cands.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.method.cmp(&b.method))
            .then(a.term.cmp(&b.term))
    });
    let mut seen = std::collections::BTreeSet::new();
    cands.retain(|c| seen.insert(crate::norm::phrase_key(&c.term)));
    cands.truncate(n);
}
