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

use features::Norm;
use lemma::Lemmatizer;
use model::{gunzip, Memo, Perceptron};
use std::cell::Cell;
use std::sync::OnceLock;
use termsmith_tokenize::Document;

/// The part of speech and lemma of one token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenTag {
    /// Universal part-of-speech tag.
    pub upos: Upos,
    /// Lemma (dictionary form): lower case except for proper nouns (as in the training treebanks).
    pub lemma: Lemma,
}

/// A lemma: an immutable string, shared by the tokens of a word type in a document (cloning it
/// copies no text). Reads as a `&str` (`Deref`), compares with string types, and converts
/// from and to `String`.
///
/// ```
/// use termsmith_tag::Lemma;
/// let l = Lemma::from("état");
/// assert_eq!(l, "état");
/// assert_eq!(l.len(), "état".len());
/// assert_eq!(String::from(l.clone()), "état");
/// assert_eq!(l.to_string(), "état");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lemma(std::sync::Arc<str>);

impl Lemma {
    /// The lemma as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Lemma {
    fn default() -> Self {
        Lemma::from("")
    }
}

impl std::ops::Deref for Lemma {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Lemma {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Lemma {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Lemma {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Lemma {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Lemma {
    fn from(s: &str) -> Self {
        Lemma(s.into())
    }
}

impl From<String> for Lemma {
    fn from(s: String) -> Self {
        Lemma(s.into())
    }
}

impl From<Lemma> for String {
    fn from(l: Lemma) -> Self {
        l.0.to_string()
    }
}

impl PartialEq<str> for Lemma {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Lemma {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Lemma {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Lemma> for str {
    fn eq(&self, other: &Lemma) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Lemma> for &str {
    fn eq(&self, other: &Lemma) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Lemma> for String {
    fn eq(&self, other: &Lemma) -> bool {
        **self == *other.0
    }
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
        let perceptron = Perceptron::decode(&gunzip(tagger).map_err(corrupt)?).map_err(corrupt)?;
        let text = gunzip(lemmas).map_err(corrupt)?;
        let text = std::str::from_utf8(&text).map_err(|e| TagError::CorruptModel {
            lang: lang.to_string(),
            reason: format!("lemma model is not UTF-8: {e}"),
        })?;
        Ok(Tagger {
            lang: lang.to_string(),
            perceptron,
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
        let mut out = Vec::with_capacity(words.len());
        with_memo(|memo| {
            let mut tags = Vec::with_capacity(words.len());
            self.tag_into(words, Norm::Apostrophes, memo, &mut tags, |_, t| {
                out.push(t)
            });
        });
        out
    }

    /// Tags a tokenised document: one [`TokenTag`] per token of `doc.tokens`, in the same order.
    ///
    /// Each sentence is tagged separately, from the normalised token texts ([`Document::norm`]);
    /// tokens outside every sentence (there should be none) are tagged as one-word sentences.
    pub fn tag(&self, doc: &Document) -> Vec<TokenTag> {
        let n = doc.tokens.len();
        // The token texts as they are: the memo normalises a word only when it first meets it.
        let mut words: Vec<&str> = Vec::new();
        let mut tags = Vec::new();
        // The usual case: sentences follow each other and cover every token.
        let mut next = 0;
        let contiguous = doc.sentences.iter().all(|s| {
            let ok = s.tokens.start == next && s.tokens.end >= s.tokens.start;
            next = s.tokens.end;
            ok
        }) && next == n;
        if contiguous {
            let mut out = Vec::with_capacity(n);
            with_memo(|memo| {
                for s in &doc.sentences {
                    words.clear();
                    words.extend(
                        doc.tokens[s.tokens.clone()]
                            .iter()
                            .map(|t| doc.token_text(t)),
                    );
                    self.tag_into(&words, Norm::Document, memo, &mut tags, |_, t| out.push(t));
                }
            });
            return out;
        }
        let mut out = vec![
            TokenTag {
                upos: Upos::X,
                lemma: Lemma::default(),
            };
            n
        ];
        let mut done = vec![false; n];
        with_memo(|memo| {
            let mut tag_range = |r: std::ops::Range<usize>, done: &mut [bool]| {
                let r = r.start.min(n)..r.end.min(n);
                words.clear();
                words.extend(doc.tokens[r.clone()].iter().map(|t| doc.token_text(t)));
                let start = r.start;
                self.tag_into(&words, Norm::Document, memo, &mut tags, |i, t| {
                    out[start + i] = t;
                    done[start + i] = true;
                });
            };
            for s in &doc.sentences {
                tag_range(s.tokens.clone(), &mut done);
            }
            for i in 0..n {
                if !done[i] {
                    tag_range(i..i + 1, &mut done);
                }
            }
        });
        out
    }

    /// Parts of speech only (no lemmas) of a sentence, one per word.
    pub fn upos_words(&self, words: &[&str]) -> Vec<Upos> {
        let mut tags = Vec::with_capacity(words.len());
        with_memo(|memo| {
            self.perceptron
                .tag_sentence(words, Norm::Apostrophes, memo, &mut tags)
        });
        tags.into_iter().map(upos_of).collect()
    }

    /// The lemma of `word` used as `upos` inside a sentence (not at its start).
    pub fn lemma(&self, word: &str, upos: Upos) -> String {
        self.lemmatizer
            .lemma(&features::normalize_apostrophes(word), upos, false)
    }

    /// Tags the sentence `words` (as given, `norm` their normaliser) and calls `emit(i, tag)`
    /// for each word in order.
    fn tag_into<S: AsRef<str>>(
        &self,
        words: &[S],
        norm: Norm,
        memo: &mut Memo,
        tags: &mut Vec<u8>,
        mut emit: impl FnMut(usize, TokenTag),
    ) {
        if memo.len() > MEMO_MAX_TYPES || memo.key_bytes() > MEMO_MAX_BYTES {
            memo.clear();
        }
        tags.clear();
        self.perceptron.tag_sentence(words, norm, memo, tags);
        for (i, (w, &t)) in words.iter().zip(tags.iter()).enumerate() {
            let upos = upos_of(t);
            let id = memo.ids[i + model::PADS] as usize;
            let u = upos.index() as u8;
            let w = w.as_ref();
            let lemmas = &mut memo.entries[id].lemmas;
            let lemma = match lemmas.get(u) {
                Some(l) => l.clone(),
                None => {
                    let l = Lemma::from(self.lemmatizer.lemma(&norm.apply(w), upos, i == 0));
                    lemmas.insert(u, l.clone());
                    l
                }
            };
            emit(i, TokenTag { upos, lemma });
        }
    }
}

fn upos_of(t: u8) -> Upos {
    Upos::from_index(t as usize).unwrap_or(Upos::X)
}

/// Word types a thread keeps memoised (about 600 bytes each) before starting afresh.
const MEMO_MAX_TYPES: usize = 1 << 16;
/// Bytes of word forms a thread keeps memoised before starting afresh.
const MEMO_MAX_BYTES: usize = 1 << 22;

thread_local! {
    /// Per thread: the word types seen by the last tagger used on the thread (a pure cache).
    static MEMO: Cell<Memo> = Cell::new(Memo::default());
}

/// Runs `f` with this thread's memo (a fresh one if it is in use or gone).
fn with_memo<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
    let mut memo = MEMO.try_with(Cell::take).unwrap_or_default();
    // Room for the types kept before a clear and a sentence's worth beyond, once: the entries
    // then never move, instead of being copied into a fresh block at each doubling (tens of MB
    // on a corpus, most of the page faults of a run). Only address space until written.
    if memo.entries.capacity() == 0 {
        memo.entries.reserve_exact(MEMO_MAX_TYPES + 1024);
    }
    let r = f(&mut memo);
    let _ = MEMO.try_with(|m| m.set(memo));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    include!("../tests/data/heldout.rs");

    impl Tagger {
        /// The tagger before memoisation: every feature of every word looked up, every lemma
        /// computed. The memoising path must give exactly the same output.
        /// [`Tagger::tag_words_reference`] on the normalised words of sentence `s` of `doc`.
        fn tag_sentence_reference(
            &self,
            doc: &Document,
            s: &termsmith_tokenize::Sentence,
        ) -> Vec<TokenTag> {
            let words: Vec<std::borrow::Cow<'_, str>> = doc.tokens[s.tokens.clone()]
                .iter()
                .map(|t| doc.norm(t))
                .collect();
            let words: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
            self.tag_words_reference(&words)
        }

        fn tag_words_reference(&self, words: &[&str]) -> Vec<TokenTag> {
            let normed: Vec<std::borrow::Cow<'_, str>> = words
                .iter()
                .map(|w| features::normalize_apostrophes(w))
                .collect();
            let mut tags = Vec::new();
            self.perceptron.tag_sentence_reference(
                &normed,
                &mut features::Extractor::default(),
                &mut tags,
            );
            normed
                .iter()
                .zip(tags)
                .enumerate()
                .map(|(i, (w, t))| {
                    let upos = upos_of(t);
                    TokenTag {
                        upos,
                        lemma: self.lemmatizer.lemma(w, upos, i == 0).into(),
                    }
                })
                .collect()
        }
    }

    fn ud_sentences(text: &str) -> Vec<Vec<String>> {
        train::read_conllu(text)
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.into_iter().map(|t| t.form).collect())
            .collect()
    }

    #[test]
    fn memoised_tagging_equals_the_reference_on_held_out_text() {
        let data = HELD_OUT;
        // Twice, so that the second round runs on a memo filled by the first (and by another
        // language in between).
        for _ in 0..2 {
            for (code, text) in data {
                let tagger = Tagger::for_code(code).unwrap();
                for s in ud_sentences(text) {
                    let words: Vec<&str> = s.iter().map(String::as_str).collect();
                    assert_eq!(
                        tagger.tag_words(&words),
                        tagger.tag_words_reference(&words),
                        "{code}: {words:?}"
                    );
                    let upos: Vec<Upos> = tagger
                        .tag_words_reference(&words)
                        .into_iter()
                        .map(|t| t.upos)
                        .collect();
                    assert_eq!(tagger.upos_words(&words), upos);
                }
            }
        }
    }

    #[test]
    fn memoised_document_tagging_equals_the_reference() {
        let text = "Le Conseil adopte les conclusions. L’Union européenne et ses États membres \
                    renforcent la cybersécurité (ENISA, CERT-UE) ; le Conseil l'a rappelé en 2017.\n\n\
                    # Titre\n\n- point un\n- point deux : l'UE";
        let doc = termsmith_tokenize::Tokenizer::builder()
            .lang(Some(Lang::FR))
            .build()
            .tokenize(text);
        let tagger = Tagger::for_code("fr").unwrap();
        let tags = tagger.tag(&doc);
        assert_eq!(tags.len(), doc.tokens.len());
        for s in &doc.sentences {
            assert_eq!(
                tags[s.tokens.clone()],
                tagger.tag_sentence_reference(&doc, s)[..]
            );
        }
    }

    #[test]
    fn tokens_outside_sentences_are_tagged_alone() {
        let mut doc = termsmith_tokenize::Tokenizer::builder()
            .lang(Some(Lang::FR))
            .build()
            .tokenize("Le Conseil adopte les conclusions. Les États membres coopèrent.");
        let tagger = Tagger::for_code("fr").unwrap();
        let full = tagger.tag(&doc);
        // Drop the first sentence: its tokens become one-word sentences.
        let first = doc.sentences.remove(0);
        let tags = tagger.tag(&doc);
        assert_eq!(tags.len(), doc.tokens.len());
        let s = &doc.sentences[0];
        assert_eq!(tags[s.tokens.clone()], full[s.tokens.clone()]);
        for i in first.tokens {
            let w = doc.norm(&doc.tokens[i]);
            assert_eq!(tags[i], tagger.tag_words_reference(&[w.as_ref()])[0]);
        }
    }

    #[test]
    fn two_models_never_share_memo_entries() {
        let fr = Tagger::for_code("fr").unwrap();
        let en = Tagger::for_code("en").unwrap();
        let words = ["the", "data", "protection", "of", "les", "données"];
        for _ in 0..3 {
            assert_eq!(fr.tag_words(&words), fr.tag_words_reference(&words));
            assert_eq!(en.tag_words(&words), en.tag_words_reference(&words));
        }
    }

    proptest::proptest! {
        #[test]
        fn memoised_tagging_equals_the_reference_on_any_words(
            words in proptest::collection::vec("[A-Za-zÉéèàçœ'’0-9./-]{1,12}|\\PC{1,6}", 0..25),
            code in proptest::sample::select(vec!["fr", "en", "nl"]),
        ) {
            let tagger = Tagger::for_code(code).unwrap();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(tagger.tag_words(&words), tagger.tag_words_reference(&words));
        }
    }

    proptest::proptest! {
        /// The memo is keyed by the words as given: a token whose two normalisations differ
        /// (soft hyphen, entity, no-break space) is tagged from the right one, whichever of
        /// `tag_words` and `tag` met it first on the thread.
        #[test]
        fn document_tagging_equals_the_reference_after_tag_words(
            parts in proptest::collection::vec(
                "[a-zé]{1,6}|cyber\u{AD}s[ée]curit[ée]|&amp;|l[’'`\u{2BC}]|[A-Z]{2,4}|\u{A0}|[ .,;\n]",
                0..30,
            ),
        ) {
            let text: String = parts.concat();
            let doc = termsmith_tokenize::Tokenizer::builder()
                .lang(Some(Lang::FR))
                .build()
                .tokenize(&text);
            let tagger = Tagger::for_code("fr").unwrap();
            for s in &doc.sentences {
                let raw: Vec<&str> = doc.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| doc.token_text(t))
                    .collect();
                proptest::prop_assert_eq!(tagger.tag_words(&raw), tagger.tag_words_reference(&raw));
            }
            let tags = tagger.tag(&doc);
            for s in &doc.sentences {
                proptest::prop_assert_eq!(
                    &tags[s.tokens.clone()],
                    &tagger.tag_sentence_reference(&doc, s)[..]
                );
            }
        }
    }

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
