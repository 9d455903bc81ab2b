//! termsmith-align: target-language equivalents of source-language terms, each with a
//! method, a score in [0, 1] and evidence.
//!
//! * **Resources**: bilingual [`Dictionary`] (dictd/FreeDict incl. `.dict.dz`, or TSV),
//!   data-driven de-inflection ([`Morphology`]), function words and word-order rules ([`LangData`], [`WordOrder`]).
//! * **Parallel texts**: document pairing ([`pair_documents`]), sentence alignment
//!   ([`SentenceAligner`]: banded Gale–Church with number/acronym/cognate/dictionary anchors),
//!   then term linking by Dice over aligned beads — candidates are the given target terms
//!   plus the word n-grams (1–6 words) of the aligned target sentences, maximal spans
//!   preferred, rare source terms without lexical support down-weighted — averaged with word-alignment
//!   votes (IBM model 1 both ways, trained by EM on the beads; the best target span of each occurrence
//!   by in-span/out-of-span translation likelihood) and combined with compositional translation
//!   ([`Composer`]) and cognate similarity ([`cognate_similarity`]; two abbreviations compare
//!   their letters in any order: `TUE` ~ `TEU`); span choice weighs the lexical coverage of
//!   term and candidate (the model-1 tables, both sides, or for rare words a dictionary or
//!   cognate match), prefers of two
//!   nested candidates the one whose length suits the source term, and penalises an
//!   abbreviation for a full form (or the reverse) and a coordination — [`Aligner::link_parallel`],
//!   or [`Aligner::align_parallel`] on tokenize/tag/mine types.
//! * **No target text**: dictionary entries, else a translation composed word by word
//!   (dictionary or cognate suffixes, [`CognateSuffixes`]) in the expected target order.
//! * **Comparable texts**: PPMI context vectors translated through the dictionary, cosine,
//!   plus compositional and cognate evidence — [`Aligner::link_comparable`] / [`Aligner::align_comparable`].
//! * **Term bases**: [`TermbaseEntry`] data, found in text with Aho–Corasick ([`Termbase`]),
//!   reused with method `termbase` and score 1.
//! * Statistics merge associatively ([`CooccurrenceStats::merge`], [`ContextStats::merge`]).
//!
//! ```
//! use termsmith_align::{Aligner, Dictionary, Method, TermInfo, Text};
//! use termsmith_tokenize::Lang;
//!
//! let fr = Text::from_plain("fr.txt", "Les mesures de confiance sont adoptées.\nLe Conseil agit.");
//! let en = Text::from_plain("en.txt", "Confidence-building measures are adopted.\nThe Council acts.");
//! let occ = |t: &Text, f: &str| -> Vec<(usize, std::ops::Range<usize>)> {
//!     t.text.match_indices(f).map(|(p, _)| (0, p..p + f.len())).collect()
//! };
//! let src = vec![TermInfo { key: "mesure de confiance".into(), headword: "mesures de confiance".into(),
//!                           freq: 1, occurrences: occ(&fr, "mesures de confiance") }];
//! let tgt = vec![TermInfo { key: "confidence-building measure".into(), headword: "confidence-building measures".into(),
//!                           freq: 1, occurrences: occ(&en, "Confidence-building measures") },
//!                TermInfo { key: "council".into(), headword: "Council".into(), freq: 1, occurrences: occ(&en, "Council") }];
//! let dict = Dictionary::from_tsv("mesure\tmeasure\nconfiance\tconfidence\n", "example").unwrap();
//! let aligner = Aligner::builder(Lang::FR, Lang::EN).dictionary(dict).build().unwrap();
//! let result = aligner.link_parallel(&[(fr, en)], &src, &tgt);
//! let best = result[0].best().unwrap();
//! assert_eq!(best.term, "confidence-building measures");
//! assert_eq!(best.method, Method::Parallel);
//! assert!(best.score > 0.5 && best.score <= 1.0);
//! ```

pub mod dict;
pub mod error;
pub mod morph;
pub mod norm;

pub use dict::Dictionary;
pub use error::{AlignError, Result};
pub use morph::Morphology;
pub mod sentalign;
pub use sentalign::{AlignUnit, AnchorInterner, Bead, SentenceAligner, SentenceAlignerBuilder};
pub mod anchors;
pub use anchors::Anchors;
pub mod pairing;
pub use pairing::{pair_documents, DocSide, PairBasis, Pairing};
pub mod langdata;
pub mod similarity;
pub use langdata::{CognateSuffixes, LangData, WordOrder};
pub use similarity::{cognate_similarity, ComposedSource, Composer};
pub mod termbase;
pub use termbase::{PhraseMatcher, Termbase, TermbaseEntry, TermbaseMatch};
pub mod text;
pub use text::{SentenceInfo, TermInfo, Text, WordInfo};
pub mod equiv;
mod ngrams;
pub mod parallel;
mod wordalign;
pub use equiv::{Equivalent, Evidence, Method, TermEquivalents};
pub use parallel::{align_text_pair, AlignedPair, CooccurrenceStats, ParallelWeights};
pub mod aligner;
pub use aligner::{Aligner, AlignerBuilder};
pub mod comparable;
pub use comparable::ContextStats;
pub mod pipeline;
pub use pipeline::{term_infos, SourceDoc};
