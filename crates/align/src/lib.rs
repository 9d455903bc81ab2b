//! termsmith-align: equivalents of source-language terms in a target language.
//!
//! Resources: bilingual [`Dictionary`] (dictd/FreeDict or TSV), light data-driven
//! [`Morphology`] for de-inflection.
//!
//! ```
//! use termsmith_align::{Dictionary, Morphology};
//! let dict = Dictionary::from_tsv("mesure\tmeasure\n", "example").unwrap();
//! let fr = Morphology::for_lang("fr");
//! assert_eq!(dict.translate_word("Mesures", None, &fr), ["measure"]);
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
pub use langdata::{LangData, WordOrder};
pub use similarity::{cognate_similarity, ComposedSource, Composer};
pub mod termbase;
pub use termbase::{PhraseMatcher, Termbase, TermbaseEntry, TermbaseMatch};
pub mod text;
pub use text::{SentenceInfo, TermInfo, Text, WordInfo};
pub mod equiv;
pub mod parallel;
pub use equiv::{Equivalent, Evidence, Method, TermEquivalents};
pub use parallel::{align_text_pair, AlignedPair, CooccurrenceStats, ParallelWeights};
pub mod aligner;
pub use aligner::{Aligner, AlignerBuilder};
pub mod comparable;
pub use comparable::ContextStats;
pub mod pipeline;
pub use pipeline::{term_infos, SourceDoc};
