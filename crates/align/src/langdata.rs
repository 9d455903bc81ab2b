//! Per-language and per-pair linguistic data embedded from `data/`: de-inflection
//! rules, function words, and word-order rules for compositional translation.

use std::collections::BTreeSet;

use crate::morph::Morphology;
use crate::norm;

/// Linguistic data of one language.
#[derive(Debug, Clone, Default)]
pub struct LangData {
    /// ISO 639-1 code.
    pub code: String,
    /// De-inflection rules.
    pub morph: Morphology,
    function_words: BTreeSet<String>,
    boundary_words: BTreeSet<String>,
    coordinators: BTreeSet<String>,
}

/// The words of a word-list file: white-space separated, `#` starts a comment line.
fn word_set(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split_whitespace())
        .map(str::to_string)
        .collect()
}

fn coordinators_data(code: &str) -> &'static str {
    match code {
        "fr" => include_str!("../data/fr/coordinators.txt"),
        "en" => include_str!("../data/en/coordinators.txt"),
        "nl" => include_str!("../data/nl/coordinators.txt"),
        _ => "",
    }
}

fn boundary_words_data(code: &str) -> &'static str {
    match code {
        "en" => include_str!("../data/en/boundary-words.txt"),
        _ => "",
    }
}

fn function_words_data(code: &str) -> &'static str {
    match code {
        "fr" => include_str!("../data/fr/function-words.txt"),
        "en" => include_str!("../data/en/function-words.txt"),
        "nl" => include_str!("../data/nl/function-words.txt"),
        _ => "",
    }
}

fn cognate_suffix_data(src: &str, tgt: &str) -> &'static str {
    match (src, tgt) {
        ("fr", "en") => include_str!("../data/fr-en/cognate-suffixes.tsv"),
        _ => "",
    }
}

fn word_order_data(src: &str, tgt: &str) -> &'static str {
    match (src, tgt) {
        ("fr", "en") => include_str!("../data/fr-en/word-order.tsv"),
        ("en", "fr") => include_str!("../data/en-fr/word-order.tsv"),
        ("nl", "en") => include_str!("../data/nl-en/word-order.tsv"),
        ("en", "nl") => include_str!("../data/en-nl/word-order.tsv"),
        _ => "",
    }
}

impl LangData {
    /// Embedded data for an ISO 639-1 code (empty data for unknown languages).
    pub fn for_lang(code: &str) -> LangData {
        let function_words = word_set(function_words_data(code));
        let boundary_words = word_set(boundary_words_data(code));
        let coordinators = word_set(coordinators_data(code));
        LangData {
            code: code.to_string(),
            morph: Morphology::for_lang(code),
            function_words,
            boundary_words,
            coordinators,
        }
    }

    /// True for a (folded) function word.
    pub fn is_function_word(&self, w: &str) -> bool {
        self.function_words.contains(w)
    }

    /// True for a (folded) word that may not start or end a candidate phrase: function words
    /// and the language's boundary words (quantifiers, auxiliaries, pronouns, adverbs).
    pub fn is_boundary_word(&self, w: &str) -> bool {
        self.function_words.contains(w) || self.boundary_words.contains(w)
    }

    /// True when a phrase holds a coordinating conjunction (`and`, `et`, …) as a word.
    pub fn has_coordinator(&self, phrase: &str) -> bool {
        let f = norm::fold(phrase);
        norm::words(&f)
            .iter()
            .any(|w| self.coordinators.contains(*w))
    }

    /// Folded content words of a term or phrase (function words and one-letter words removed).
    pub fn content_words(&self, phrase: &str) -> Vec<String> {
        let f = norm::fold(phrase);
        norm::words(&f)
            .into_iter()
            .filter(|w| w.chars().count() > 1 && !self.is_function_word(w))
            .map(str::to_string)
            .collect()
    }
}

/// Expected target order of source content words, by term length (`data/<src>-<tgt>/word-order.tsv`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordOrder {
    rules: Vec<(usize, Vec<usize>)>,
}

impl WordOrder {
    /// Embedded rules of a language pair (none for unknown pairs: source order is expected).
    pub fn for_pair(src: &str, tgt: &str) -> WordOrder {
        let mut rules = Vec::new();
        for line in word_order_data(src, tgt).lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(n), Some(perm)) = (cols.next(), cols.next()) else {
                continue;
            };
            let Ok(n) = n.trim().parse::<usize>() else {
                continue;
            };
            let perm: Vec<usize> = perm
                .split_whitespace()
                .filter_map(|p| p.parse::<usize>().ok())
                .filter(|&p| p >= 1 && p <= n)
                .map(|p| p - 1)
                .collect();
            if perm.len() == n {
                rules.push((n, perm));
            }
        }
        WordOrder { rules }
    }

    /// Expected target order (indices into the source content words) for `n` words.
    pub fn expected(&self, n: usize) -> Vec<usize> {
        self.rules
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| (0..n).collect())
    }
}

/// Cognate suffix correspondences of a language pair (`data/<src>-<tgt>/cognate-suffixes.tsv`:
/// `-ité` → `-ity`), to guess a target word the dictionary lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CognateSuffixes {
    /// (source suffix, target suffix), longest source suffix first.
    rules: Vec<(String, String)>,
}

impl CognateSuffixes {
    /// Embedded rules of a language pair (none for unknown pairs).
    pub fn for_pair(src: &str, tgt: &str) -> CognateSuffixes {
        let mut rules: Vec<(String, String)> = cognate_suffix_data(src, tgt)
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                let (a, b) = (a.trim(), b.trim());
                (!a.is_empty()).then(|| (norm::deaccent(a), b.to_string()))
            })
            .collect();
        rules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        CognateSuffixes { rules }
    }

    /// The target cognate of a source word (de-accented, lower-cased), by its longest
    /// listed suffix; `None` when no suffix matches or the stem is shorter than 3 letters.
    pub fn cognate(&self, word: &str) -> Option<String> {
        let w = norm::deaccent(&norm::fold(word));
        self.rules.iter().find_map(|(a, b)| {
            let stem = w.strip_suffix(a.as_str())?;
            (stem.chars().count() >= 3 && stem.chars().all(char::is_alphabetic))
                .then(|| format!("{stem}{b}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_and_order() {
        let fr = LangData::for_lang("fr");
        assert_eq!(
            fr.content_words("Mesures de confiance"),
            ["mesures", "confiance"]
        );
        assert_eq!(
            fr.content_words("l'Union européenne"),
            ["union", "européenne"]
        );
        let o = WordOrder::for_pair("fr", "en");
        assert_eq!(o.expected(2), [1, 0]);
        assert_eq!(o.expected(4), [0, 1, 2, 3]);
        assert_eq!(WordOrder::for_pair("nl", "en").expected(2), [0, 1]);
        let c = CognateSuffixes::for_pair("fr", "en");
        assert_eq!(c.cognate("Cybersécurité").as_deref(), Some("cybersecurity"));
        assert_eq!(c.cognate("stratégie").as_deref(), Some("strategy"));
        assert_eq!(c.cognate("renforcement"), None);
        assert_eq!(
            CognateSuffixes::for_pair("nl", "en").cognate("stratégie"),
            None
        );
        let en = LangData::for_lang("en");
        assert!(en.has_coordinator("direct or indirect benefit"));
        assert!(!en.has_coordinator("Anti-Fraud Office") && !fr.has_coordinator("est"));
    }
}
