//! Part-of-speech tagging (Universal Dependencies UPOS) and lemmatisation for termsmith.
//!
//! Each supported language has an averaged-perceptron tagger (greedy, left to right) and a lemmatiser
//! (exception lexicon + suffix-rewrite rules), trained from Universal Dependencies treebanks by
//! `tools/train-tagger.sh` and embedded in the crate (`data/<lang>/`, see `data/README.md`). Models are
//! decoded once, on first use.
//!
//! ```
//! use termsmith_tag::{Lang, Tagger, Upos};
//! use termsmith_tokenize::Tokenizer;
//!
//! let tagger = Tagger::for_lang(Lang::FR)?;
//!
//! // A tokenised document: one tag per token.
//! let doc = Tokenizer::builder()
//!     .lang(Some(Lang::FR))
//!     .build()
//!     .tokenize("Le Conseil adopte les conclusions sur la cybersécurité.");
//! let tags = tagger.tag(&doc);
//! assert_eq!(tags.len(), doc.tokens.len());
//! assert_eq!(tags[4].upos, Upos::Noun);
//! assert_eq!(tags[4].lemma, "conclusion");
//! assert_eq!(tags.last().map(|t| t.upos.as_str()), Some("PUNCT"));
//!
//! // Or words already split, taken as one sentence.
//! let tags = tagger.tag_words(&["les", "États", "membres"]);
//! assert_eq!(tags[1].upos, Upos::Noun);
//! assert_eq!(tags[1].lemma, "état");
//!
//! // Languages without a model give a typed error the caller can fall back on.
//! assert!(Tagger::for_lang(Lang::new("de").unwrap()).is_err());
//! # Ok::<(), termsmith_tag::TagError>(())
//! ```
//!
//! # Adding a language
//!
//! Train a model from UD CoNLL-U files (add a line to `tools/train-tagger.sh`), which writes
//! `data/<code>/tagger.bin.gz` and `data/<code>/lemmas.tsv.gz`, then add one entry to the `MODELS` table
//! in `src/lib.rs` and describe the files in `data/README.md`.

#![forbid(unsafe_code)]

mod features;
mod lemma;
mod model;
pub mod train;
mod upos;

pub use model::FormatError;
pub use upos::{ParseUposError, Upos};

pub use termsmith_tokenize::Lang;

use features::Extractor;
use lemma::Lemmatizer;
use model::{gunzip, ModelData, Perceptron};
use std::sync::OnceLock;
use termsmith_tokenize::Document;

/// The part of speech and lemma of one token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenTag {
    /// Universal part-of-speech tag.
    pub upos: Upos,
    /// Lemma (dictionary form): lower case except for proper nouns (as in the training treebanks).
    pub lemma: String,
}

/// Errors of this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagError {
    /// No model is embedded for this language; the caller may fall back to untagged processing.
    #[error("no tagger model for language {0:?} (available: {avail})", avail = available_codes().join(", "))]
    UnsupportedLanguage(String),
    /// A model file could not be decoded.
    #[error("corrupt tagger model for {lang:?}: {reason}")]
    CorruptModel {
        /// Language code (or `custom`).
        lang: String,
        /// What is wrong.
        reason: String,
    },
}

/// An embedded model: language code and its two files.
struct Embedded {
    code: &'static str,
    tagger: &'static [u8],
    lemmas: &'static [u8],
}

/// The embedded models. Adding a language: one entry here plus its `data/<code>/` folder.
static MODELS: [Embedded; 3] = [
    Embedded {
        code: "en",
        tagger: include_bytes!("../data/en/tagger.bin.gz"),
        lemmas: include_bytes!("../data/en/lemmas.tsv.gz"),
    },
    Embedded {
        code: "fr",
        tagger: include_bytes!("../data/fr/tagger.bin.gz"),
        lemmas: include_bytes!("../data/fr/lemmas.tsv.gz"),
    },
    Embedded {
        code: "nl",
        tagger: include_bytes!("../data/nl/tagger.bin.gz"),
        lemmas: include_bytes!("../data/nl/lemmas.tsv.gz"),
    },
];

static LOADED: [OnceLock<Result<Tagger, TagError>>; 3] =
    [OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// Codes of the languages with an embedded model, sorted.
pub fn available_codes() -> Vec<&'static str> {
    MODELS.iter().map(|m| m.code).collect()
}

/// A part-of-speech tagger and lemmatiser for one language.
pub struct Tagger {
    lang: String,
    perceptron: Perceptron,
    lemmatizer: Lemmatizer,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("lang", &self.lang)
            .field("features", &self.perceptron.n_features())
            .field("lemma_rules", &self.lemmatizer.n_rules())
            .field("lemma_exceptions", &self.lemmatizer.n_exceptions())
            .finish()
    }
}

impl Tagger {
    /// The embedded tagger for `lang` (fr, en, nl), decoded on first use and shared afterwards.
    /// Any other language gives [`TagError::UnsupportedLanguage`], so that the caller can fall back
    /// to untagged processing.
    pub fn for_lang(lang: Lang) -> Result<&'static Tagger, TagError> {
        Tagger::for_code(lang.code())
    }

    /// The embedded tagger for the language with ISO 639-1 code `code` (`"fr"`, `"en"`, `"nl"`),
    /// decoded on first use and shared afterwards.
    pub fn for_code(code: &str) -> Result<&'static Tagger, TagError> {
        let i = MODELS
            .iter()
            .position(|m| m.code == code)
            .ok_or_else(|| TagError::UnsupportedLanguage(code.to_string()))?;
        let m = &MODELS[i];
        LOADED[i]
            .get_or_init(|| Tagger::from_bytes(m.code, m.tagger, m.lemmas))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Builds a tagger from the two gzip-compressed model files written by the trainer
    /// ([`train::train`]); `lang` is only used in error messages and `Debug` output.
    pub fn from_bytes(lang: &str, tagger: &[u8], lemmas: &[u8]) -> Result<Tagger, TagError> {
        let corrupt = |e: FormatError| TagError::CorruptModel {
            lang: lang.to_string(),
            reason: e.0,
        };
        let data = ModelData::decode(&gunzip(tagger).map_err(corrupt)?).map_err(corrupt)?;
        let text = gunzip(lemmas).map_err(corrupt)?;
        let text = std::str::from_utf8(&text).map_err(|e| TagError::CorruptModel {
            lang: lang.to_string(),
            reason: format!("lemma model is not UTF-8: {e}"),
        })?;
        Ok(Tagger {
            lang: lang.to_string(),
            perceptron: Perceptron::from_data(&data),
            lemmatizer: Lemmatizer::parse(text).map_err(corrupt)?,
        })
    }

    /// The language code of the model.
    pub fn lang_code(&self) -> &str {
        &self.lang
    }

    /// Tags a sequence of words taken as **one sentence** (the first word is sentence-initial).
    /// Returns exactly one [`TokenTag`] per word, whatever the input.
    pub fn tag_words(&self, words: &[&str]) -> Vec<TokenTag> {
        let mut tags = Vec::with_capacity(words.len());
        self.upos_into(words, &mut Extractor::default(), &mut tags);
        words
            .iter()
            .zip(tags)
            .enumerate()
            .map(|(i, (w, t))| {
                let upos = Upos::from_index(t as usize).unwrap_or(Upos::X);
                TokenTag {
                    upos,
                    lemma: self
                        .lemmatizer
                        .lemma(&features::normalize_apostrophes(w), upos, i == 0),
                }
            })
            .collect()
    }

    /// Tags a tokenised document: one [`TokenTag`] per token of `doc.tokens`, in the same order.
    ///
    /// Each sentence is tagged separately, from the normalised token texts ([`Document::norm`]);
    /// tokens outside every sentence (there should be none) are tagged as one-word sentences.
    pub fn tag(&self, doc: &Document) -> Vec<TokenTag> {
        let n = doc.tokens.len();
        let mut out: Vec<Option<TokenTag>> = vec![None; n];
        let mut ex = Extractor::default();
        let mut tags = Vec::new();
        let mut words: Vec<std::borrow::Cow<'_, str>> = Vec::new();
        let mut tag_range = |r: std::ops::Range<usize>, out: &mut Vec<Option<TokenTag>>| {
            let r = r.start.min(n)..r.end.min(n);
            words.clear();
            words.extend(doc.tokens[r.clone()].iter().map(|t| doc.norm(t)));
            tags.clear();
            self.perceptron.tag_sentence(&words, &mut ex, &mut tags);
            for (i, ((slot, w), &t)) in out[r].iter_mut().zip(&words).zip(&tags).enumerate() {
                let upos = Upos::from_index(t as usize).unwrap_or(Upos::X);
                *slot = Some(TokenTag {
                    upos,
                    lemma: self.lemmatizer.lemma(w, upos, i == 0),
                });
            }
        };
        for s in &doc.sentences {
            tag_range(s.tokens.clone(), &mut out);
        }
        for i in 0..n {
            if out[i].is_none() {
                tag_range(i..i + 1, &mut out);
            }
        }
        out.into_iter()
            .map(|t| {
                t.unwrap_or(TokenTag {
                    upos: Upos::X,
                    lemma: String::new(),
                })
            })
            .collect()
    }

    /// Parts of speech only (no lemmas) of a sentence, one per word.
    pub fn upos_words(&self, words: &[&str]) -> Vec<Upos> {
        let mut tags = Vec::with_capacity(words.len());
        self.upos_into(words, &mut Extractor::default(), &mut tags);
        tags.into_iter()
            .map(|t| Upos::from_index(t as usize).unwrap_or(Upos::X))
            .collect()
    }

    /// The lemma of `word` used as `upos` inside a sentence (not at its start).
    pub fn lemma(&self, word: &str, upos: Upos) -> String {
        self.lemmatizer
            .lemma(&features::normalize_apostrophes(word), upos, false)
    }

    fn upos_into(&self, words: &[&str], ex: &mut Extractor, out: &mut Vec<u8>) {
        let normed: Vec<std::borrow::Cow<'_, str>> = words
            .iter()
            .map(|w| features::normalize_apostrophes(w))
            .collect();
        self.perceptron.tag_sentence(&normed, ex, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_language_is_a_typed_error() {
        let e = Tagger::for_code("xx").unwrap_err();
        assert_eq!(e, TagError::UnsupportedLanguage("xx".into()));
        assert!(e.to_string().contains("fr"));
    }

    #[test]
    fn corrupt_bytes_are_errors() {
        assert!(matches!(
            Tagger::from_bytes("t", b"junk", b"junk"),
            Err(TagError::CorruptModel { .. })
        ));
    }
}
