//! Anchor keys of sentences for alignment: numbers, acronyms, cognate prefixes and
//! dictionary translations, in a key space shared by the two languages.

use crate::dict::Dictionary;
use crate::morph::Morphology;
use crate::norm;
use crate::sentalign::AnchorInterner;

/// Builds anchor keys for the words of source and target sentences.
#[derive(Debug, Clone)]
pub struct Anchors<'a> {
    dict: Option<&'a Dictionary>,
    src_morph: &'a Morphology,
    tgt_morph: &'a Morphology,
    /// Number of characters of the de-accented prefix used as cognate key.
    pub cognate_prefix: usize,
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=8).contains(&n)
        && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && w.chars().any(char::is_uppercase)
}

impl<'a> Anchors<'a> {
    /// Anchors using an optional source→target dictionary and both languages' morphology.
    pub fn new(
        dict: Option<&'a Dictionary>,
        src_morph: &'a Morphology,
        tgt_morph: &'a Morphology,
    ) -> Self {
        Anchors {
            dict,
            src_morph,
            tgt_morph,
            cognate_prefix: 5,
        }
    }

    fn common(&self, w: &str, out: &mut Vec<String>) -> bool {
        if w.chars().any(|c| c.is_ascii_digit()) {
            let digits: String = w.chars().filter(char::is_ascii_digit).collect();
            out.push(format!("#{digits}"));
            return true;
        }
        if is_acronym(w) {
            out.push(format!("a:{w}"));
            return true;
        }
        let d = norm::deaccent(w);
        if d.chars().count() > self.cognate_prefix {
            let p: String = d.chars().take(self.cognate_prefix).collect();
            out.push(format!("c:{p}"));
        }
        false
    }

    /// Keys of a source sentence given its words (surface forms) and optional lemmas.
    pub fn source_keys(
        &self,
        words: &[(&str, Option<&str>)],
        interner: &mut AnchorInterner,
    ) -> Vec<u32> {
        let mut keys = Vec::new();
        for &(w, lemma) in words {
            if self.common(w, &mut keys) {
                continue;
            }
            let Some(dict) = self.dict else { continue };
            if w.chars().count() < 3 {
                continue;
            }
            for t in dict.translate_word(w, lemma, self.src_morph).iter().take(6) {
                for tw in norm::words(t) {
                    if tw.chars().count() >= 3 {
                        keys.push(format!("t:{}", self.tgt_morph.stem(&norm::deaccent(tw))));
                    }
                }
            }
        }
        keys.iter().map(|k| interner.id(k)).collect()
    }

    /// Keys of a target sentence given its words (surface forms).
    pub fn target_keys(&self, words: &[&str], interner: &mut AnchorInterner) -> Vec<u32> {
        let mut keys = Vec::new();
        for &w in words {
            if self.common(w, &mut keys) {
                continue;
            }
            if self.dict.is_some() && w.chars().count() >= 3 {
                keys.push(format!("t:{}", self.tgt_morph.stem(&norm::deaccent(w))));
            }
        }
        keys.iter().map(|k| interner.id(k)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_keys() {
        let d = Dictionary::from_tsv("mesure\tmeasure\nconfiance\tconfidence\n", "t").unwrap();
        let (fr, en) = (Morphology::for_lang("fr"), Morphology::for_lang("en"));
        let a = Anchors::new(Some(&d), &fr, &en);
        let mut int = AnchorInterner::default();
        let mut s = a.source_keys(
            &[
                ("Mesures", None),
                ("de", None),
                ("confiance", None),
                ("OTAN", None),
                ("2011", None),
                ("corruption", None),
            ],
            &mut int,
        );
        let mut t = a.target_keys(
            &["Confidence-building", "measures", "2011", "corruption"],
            &mut int,
        );
        s.sort();
        t.sort();
        let common = s.iter().filter(|k| t.contains(k)).count();
        // 2011, corruption (cognate), measure (dict); "confidence-building" is one word here
        assert!(common >= 3, "{s:?} {t:?}");
    }
}
