//! Term mining: candidate occurrences → variant-grouped terms with statistics and scores.
//!
//! A [`Miner`] takes tokenised (and, if available, tagged) documents one by one and gathers
//! [`CorpusStats`]; [`Miner::finish`] groups the candidates into [`Term`]s (variants by lemma,
//! case, hyphen/space/joined spelling; acronyms linked to the long forms the text defines),
//! scores them and returns a ranked [`TermList`].
//!
//! * **Candidates**: maximal runs of content words, where function words (per-language
//!   closed-class lists, `data/<lang>/closed_class.txt`) are boundaries except the linking
//!   words of `data/<lang>/linkers.txt` inside a term (`droits de l'homme`). With part-of-speech
//!   tags, candidates must also match a pattern of `data/<lang>/patterns.txt`. Candidates never
//!   cross sentences or punctuation, never start or end with a linker, never end with a word
//!   that governs a complement (`data/<lang>/dangling.txt`: `relative` à), and have at most
//!   [`MinerBuilder::max_len`] tokens. Formula debris (variables glued to `_`/`^` or indexed
//!   like `Pref2`, operands of `=`, `<`, `×`…, Greek and symbol-font letters) is a boundary
//!   too. Lines with as many numbers as words (dates, codes, references) and short lines repeated three times in a document (page furniture) are
//!   skipped.
//! * **Scores**: C-value, specificity against a general-language frequency list
//!   (`data/<lang>/reffreq.tsv.gz`, from `wordfreq`), unithood, dispersion over documents;
//!   combined by a documented default formula ([`Ranker::Default`]) or gradient-boosted
//!   trees trained on ACTER ([`Ranker::Learned`]), which also use a token-level term labeller
//!   ([`labeller`]: P(B/I/O) of every token in context, summed up over a candidate's
//!   occurrences). See the [`ranker`] module.
//! * **Evaluation**: [`eval`] scores a prediction list against a TermEval 2020 gold list;
//!   `tools/acter/lodo.sh` (the `acter` example) runs the leave-one-domain-out evaluation on
//!   ACTER 1.5 (corp, equi, wind; trees and threshold chosen on the two training domains only).
//!   Measured (tagged, with named entities, all variants output), mean F1 over the three test
//!   domains: fr 0.43, en 0.46, nl 0.50 (TermEval 2020 best published: about 0.47 en / 0.48 fr).
//!
//! ```
//! use termsmith_mine::{Miner, TermKind};
//! use termsmith_tokenize::{Lang, Tokenizer};
//!
//! let tok = Tokenizer::builder().lang(Some(Lang::FR)).build();
//! let mut miner = Miner::builder().lang(Lang::FR).min_freq(2).build()?;
//! let a = tok.tokenize("Les mesures de confiance renforcent la cyber-résilience des États.");
//! let b = tok.tokenize("Une mesure de confiance et la cyberrésilience sont liées.");
//! miner.add_document("a.txt", &a, &[]);
//! miner.add_document("b.txt", &b, &[]);
//! let terms = miner.finish();
//! let t = terms.terms.iter().find(|t| t.key == "mesure de confiance").unwrap();
//! assert_eq!(t.freq, 2);
//! assert_eq!(t.variants.len(), 2);
//! let c = terms.terms.iter().find(|t| t.key == "cyberrésilience").unwrap();
//! assert_eq!(c.freq, 2); // cyber-résilience and cyberrésilience are one entry
//! assert_eq!(c.kind, TermKind::Term);
//! # Ok::<(), termsmith_mine::MineError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod acronym;
mod debris;
pub mod eval;
mod extract;
mod finish;
pub mod labeller;
mod pattern;
pub mod ranker;
mod resources;
pub mod special;
mod stats;

use serde::{Deserialize, Serialize};
pub use stats::CorpusStats;
pub use termsmith_tag::{Lemma, TokenTag, Upos};
pub use termsmith_tokenize::{Document, Lang, Span};

pub use pattern::{Pattern, PatternError};
pub use ranker::Ranker;
pub use resources::supported_languages;

mod upos_serde {
    use serde::{Deserialize, Deserializer, Serializer};
    use termsmith_tag::Upos;

    pub fn serialize<S: Serializer>(u: &Option<Upos>, s: S) -> Result<S::Ok, S::Error> {
        match u {
            Some(u) => s.serialize_some(u.as_str()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Upos>, D::Error> {
        let o: Option<String> = Option::deserialize(d)?;
        o.map(|s| s.parse::<Upos>().map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// Errors of the miner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MineError {
    /// No embedded resources for this language.
    #[error("unsupported language `{0}` for term mining (supported: fr, en, nl, de, es)")]
    UnsupportedLanguage(String),
    /// An option is out of range.
    #[error("invalid option: {0}")]
    InvalidOption(String),
}

/// Identifier of a document in a mining run (order of [`Miner::add_document`], from
/// [`MinerBuilder::first_doc_id`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocId(pub u32);

/// One occurrence of a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Document.
    pub doc: DocId,
    /// Sentence index in the document.
    pub sentence: u32,
    /// Byte span of the occurrence in the document text.
    pub span: Span,
    /// Surface form (normalised: NFC, straight apostrophes, single spaces).
    pub form: String,
}

/// A context of a term, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Document name.
    pub doc: String,
    /// The sentence as a reader sees it: markup removed, white space collapsed
    /// ([`Document::display_text`]).
    pub sentence: String,
    /// Span of the term in the document text.
    pub span: Span,
}

/// What kind of term an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TermKind {
    /// A term.
    Term,
    /// An acronym (one acronym token).
    Acronym,
    /// A named entity: proper-noun sequence or a name capitalised inside sentences.
    NamedEntity,
}

/// A surface variant of a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// The form as it occurs (normalised).
    pub form: String,
    /// Its frequency.
    pub freq: u32,
}

/// A variant-grouped term with its statistics and score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// Most frequent surface form (ties: the smallest form); a phrase written in capitals
    /// (`CAPACITÉ DE L'UE`, from a heading) only when the term has no other form.
    pub headword: String,
    /// Variant-grouping key: lemmatised, lower-cased, hyphens as spaces, joined forms
    /// merged with their spaced and hyphenated spellings.
    pub key: String,
    /// Language.
    pub lang: Lang,
    /// Surface variants, most frequent first (ties: by form).
    pub variants: Vec<Variant>,
    /// Part of speech of the head, when the documents were tagged.
    #[serde(with = "upos_serde")]
    pub pos: Option<Upos>,
    /// Kind.
    pub kind: TermKind,
    /// Full form when this is an acronym defined in the text, or the acronym when this is
    /// the full form of one.
    pub expansion: Option<String>,
    /// Frequency (all variants).
    pub freq: u32,
    /// Number of documents it occurs in.
    pub doc_freq: u32,
    /// Frequency per document, by document id.
    pub per_doc: Vec<(DocId, u32)>,
    /// C-value (nested multi-word terms; single words use log2(1+1)).
    pub cvalue: f64,
    /// Ranking score (see [`Ranker`]); higher is better.
    pub score: f64,
    /// Rank, from 1.
    pub rank: u32,
    /// Occurrences in text order (at most [`MinerBuilder::max_occurrences`]).
    pub occurrences: Vec<Occurrence>,
    /// A few contexts, from distinct documents first.
    pub contexts: Vec<Context>,
    /// Termhood features, in the order of [`ranker::FEATURE_NAMES`].
    pub features: Vec<f64>,
}

/// The result of mining: terms by rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermList {
    /// Language.
    pub lang: Lang,
    /// Document names, indexed by `DocId - first_doc_id`.
    pub docs: Vec<String>,
    /// Tokens counted.
    pub total_tokens: u64,
    /// Terms, best first.
    pub terms: Vec<Term>,
}

/// Options of a [`Miner`]; see the setters for defaults.
#[derive(Debug, Clone)]
pub struct MinerBuilder {
    lang: Lang,
    min_freq: Option<u32>,
    top: Option<usize>,
    head_pos: Option<Vec<Upos>>,
    include_named_entities: bool,
    max_contexts: usize,
    max_occurrences: Option<usize>,
    ranker: Ranker,
    cutoff: bool,
    max_len: usize,
    first_doc_id: u32,
}

impl Default for MinerBuilder {
    fn default() -> Self {
        MinerBuilder {
            lang: Lang::FR,
            min_freq: None,
            top: None,
            head_pos: None,
            include_named_entities: true,
            max_contexts: 3,
            max_occurrences: None,
            ranker: Ranker::Default,
            cutoff: false,
            max_len: 6,
            first_doc_id: 0,
        }
    }
}

impl MinerBuilder {
    /// Language of the documents (default French).
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
    /// Minimum frequency of a term (default: 2 when more than one document was added or the
    /// single document is long, 1 for a short single document).
    pub fn min_freq(mut self, n: u32) -> Self {
        self.min_freq = Some(n);
        self
    }
    /// Keep only the best `n` terms (default: all).
    pub fn top(mut self, n: usize) -> Self {
        self.top = Some(n);
        self
    }
    /// Keep only the terms whose head has one of these parts of speech (default: all), before
    /// [`top`](Self::top) is applied. Terms with no part of speech (a language without a
    /// tagger) are kept.
    ///
    /// ```
    /// use termsmith_mine::{Miner, Upos};
    /// let miner = Miner::builder().head_pos([Upos::Noun, Upos::Propn]).build().unwrap();
    /// # drop(miner);
    /// ```
    pub fn head_pos(mut self, allowed: impl IntoIterator<Item = Upos>) -> Self {
        self.head_pos = Some(allowed.into_iter().collect());
        self
    }
    /// Whether named entities are output (default true).
    pub fn include_named_entities(mut self, yes: bool) -> Self {
        self.include_named_entities = yes;
        self
    }
    /// Contexts kept per term (default 3).
    pub fn max_contexts(mut self, n: usize) -> Self {
        self.max_contexts = n;
        self
    }
    /// Occurrences kept per term (default: all; frequencies stay exact).
    pub fn max_occurrences(mut self, n: usize) -> Self {
        self.max_occurrences = Some(n);
        self
    }
    /// Ranking function (default [`Ranker::Default`]).
    pub fn ranker(mut self, r: Ranker) -> Self {
        self.ranker = r;
        self
    }
    /// With [`Ranker::Learned`], drop the terms under the probability threshold tuned on the
    /// training domains (default false: all candidates are output, ranked).
    pub fn cutoff(mut self, yes: bool) -> Self {
        self.cutoff = yes;
        self
    }
    /// Maximum candidate length in tokens, linkers included (default 6, at least 1).
    pub fn max_len(mut self, n: usize) -> Self {
        self.max_len = n;
        self
    }
    /// Id of the first document (default 0): shards mined separately and merged with
    /// [`CorpusStats::merge`] must use disjoint ids.
    pub fn first_doc_id(mut self, id: u32) -> Self {
        self.first_doc_id = id;
        self
    }
    /// Builds the miner.
    pub fn build(self) -> Result<Miner, MineError> {
        let data = resources::LangData::get(self.lang.code())
            .ok_or_else(|| MineError::UnsupportedLanguage(self.lang.code().to_string()))?;
        if self.max_len == 0 || self.max_len > 32 {
            return Err(MineError::InvalidOption(format!(
                "max_len must be in 1..=32, got {}",
                self.max_len
            )));
        }
        // The labeller's features are summed over every occurrence of a candidate: with the
        // learned ranker all occurrences are kept for scoring, and the limit applies to the output.
        let kept_occ = if self.ranker == Ranker::Learned && labeller::Labeller::embedded().is_some()
        {
            None
        } else {
            self.max_occurrences
        };
        let stats = CorpusStats::new(self.max_contexts, kept_occ);
        Ok(Miner {
            next_id: self.first_doc_id,
            opts: self,
            data,
            stats,
            tokens: extract::TokenCache::default(),
        })
    }
}

/// The part-of-speech patterns of `data/<lang>/patterns.txt` that a tagged text (a term,
/// tokenised and tagged on its own) matches as a whole, linker sequences counting as `@L`;
/// empty when the text is not a valid candidate (a boundary inside, a linker at an edge) or
/// `tags` is not parallel to the tokens. Used to measure pattern coverage of gold terms.
pub fn matching_patterns(
    lang: Lang,
    doc: &Document,
    tags: &[TokenTag],
) -> Result<Vec<String>, MineError> {
    let data = resources::LangData::get(lang.code())
        .ok_or_else(|| MineError::UnsupportedLanguage(lang.code().to_string()))?;
    Ok(extract::matching_patterns(data, doc, tags))
}

/// Gathers statistics over documents, then produces the ranked term list.
#[derive(Debug, Clone)]
pub struct Miner {
    opts: MinerBuilder,
    data: &'static resources::LangData,
    stats: CorpusStats,
    next_id: u32,
    /// What the tokens seen so far decide of their units, computed once per distinct token.
    tokens: extract::TokenCache,
}

impl Miner {
    /// A builder with default options.
    pub fn builder() -> MinerBuilder {
        MinerBuilder::default()
    }

    /// Adds a document. `tags` must be parallel to `doc.tokens` (from `termsmith-tag`), or
    /// empty: then candidates come from the closed-class lists alone.
    pub fn add_document(&mut self, name: &str, doc: &Document, tags: &[TokenTag]) -> DocId {
        let id = DocId(self.next_id);
        self.add_document_as(id, name, doc, tags)
    }

    /// Adds a document under a chosen id, for mining documents in parallel: each worker adds
    /// its documents to its own miner (built from the same [`MinerBuilder`]) with the ids the
    /// documents have in the whole corpus, then the shards are merged with
    /// [`Miner::merge_stats`]. Gives the same result as adding all the documents in id order
    /// to one miner, provided every id is used once and the ids of the corpus are
    /// contiguous from [`MinerBuilder::first_doc_id`]. Within one miner, adding documents in
    /// increasing id order is fastest.
    ///
    /// ```
    /// use termsmith_mine::{DocId, Miner};
    /// use termsmith_tokenize::{Lang, Tokenizer};
    ///
    /// let tok = Tokenizer::builder().lang(Some(Lang::FR)).build();
    /// let texts = ["Une mesure de confiance.", "Les mesures de confiance."];
    /// let builder = Miner::builder().lang(Lang::FR).min_freq(2);
    /// let mut second = builder.clone().build()?;
    /// second.add_document_as(DocId(1), "b", &tok.tokenize(texts[1]), &[]);
    /// let mut first = builder.build()?;
    /// first.add_document_as(DocId(0), "a", &tok.tokenize(texts[0]), &[]);
    /// first.merge_stats(second.into_stats());
    /// let terms = first.finish();
    /// assert_eq!(terms.docs, ["a", "b"]);
    /// assert_eq!(terms.terms[0].key, "mesure de confiance");
    /// # Ok::<(), termsmith_mine::MineError>(())
    /// ```
    pub fn add_document_as(
        &mut self,
        id: DocId,
        name: &str,
        doc: &Document,
        tags: &[TokenTag],
    ) -> DocId {
        let id = id.0;
        self.next_id = self.next_id.max(id.saturating_add(1));
        let opts = extract::ExtractOptions {
            max_len: self.opts.max_len,
            contexts: self.opts.max_contexts > 0,
        };
        extract::add_document(
            &mut self.stats,
            self.data,
            id,
            doc,
            tags,
            &opts,
            &mut self.tokens,
        );
        // The learned ranker's labeller features: token label probabilities, kept per
        // document and summed up per candidate in `finish`.
        if self.opts.ranker == Ranker::Learned {
            if let Some(m) = labeller::Labeller::embedded() {
                let labels = labeller::DocLabels::new(m, self.opts.lang, doc, tags);
                self.stats.labels.insert(id, labels);
            }
        }
        if let Some(d) = self.stats.docs.get_mut(&id) {
            d.0 = name.to_string();
        }
        DocId(id)
    }

    /// Loads now the language resources that mining and ranking use (a general-language
    /// frequency list, otherwise decompressed while the first document is mined), e.g. on
    /// another thread while documents are read or a tagger is loaded.
    pub fn preload(&self) {
        let _ = self.data.reffreq();
    }

    /// The id [`Miner::add_document`] gives the next document.
    pub fn next_doc_id(&self) -> DocId {
        DocId(self.next_id)
    }

    /// The statistics gathered so far.
    pub fn stats(&self) -> &CorpusStats {
        &self.stats
    }

    /// Takes the statistics out (for merging shards). The rest of the miner (its token cache,
    /// a map of every distinct token seen) is freed on the thread pool, not by the caller on
    /// its way to merging and finishing.
    pub fn into_stats(self) -> CorpusStats {
        let Miner { stats, tokens, .. } = self;
        rayon::spawn(move || drop(tokens));
        stats
    }

    /// Adds statistics gathered by another miner over other documents (disjoint ids).
    pub fn merge_stats(&mut self, other: CorpusStats) {
        if let Some(&last) = other.docs.keys().next_back() {
            self.next_id = self.next_id.max(last.saturating_add(1));
        }
        self.stats.merge(other);
    }

    /// Groups, scores and ranks the terms.
    pub fn finish(self) -> TermList {
        finish::finish(self.stats, self.data, &self.opts)
    }
}
