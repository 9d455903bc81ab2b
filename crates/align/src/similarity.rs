//! Cognate similarity and compositional translation of multi-word terms.

use crate::dict::Dictionary;
use crate::langdata::{LangData, WordOrder};
use crate::norm;

fn letters(s: &str) -> Vec<char> {
    norm::deaccent(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &ca in a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Cognate similarity in [0, 1]: longest common subsequence ratio (LCS length over the
/// longer length) of the de-accented, lower-cased letters and digits, with spaces and
/// hyphens ignored (`cybersécurité` ~ `cybersecurity` = 0.92). Strings shorter than
/// 4 letters only score when identical.
pub fn cognate_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (letters(a), letters(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    if a.len().min(b.len()) < 4 {
        return 0.0;
    }
    // cheap bound: a length ratio below 0.5 cannot reach a useful score
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    if (short as f64) < 0.5 * long as f64 || long > 200 {
        return 0.0;
    }
    lcs(&a, &b) as f64 / long as f64
}

/// Compositional translation: source content words translated by a dictionary (or
/// matched as cognates), compared with a target term's content words in any order
/// (expected order per [`WordOrder`] scores highest), compounds and hyphenated words allowed.
#[derive(Debug, Clone)]
pub struct Composer<'a> {
    dict: Option<&'a Dictionary>,
    src: &'a LangData,
    tgt: &'a LangData,
    order: &'a WordOrder,
}

/// Source term prepared for composition: per content word, its target stems.
#[derive(Debug, Clone, PartialEq)]
pub struct ComposedSource {
    words: Vec<String>,
    stems: Vec<Vec<String>>,
}

impl ComposedSource {
    /// All target stems proposed for any word (for indexing target candidates).
    pub fn all_stems(&self) -> impl Iterator<Item = &str> {
        self.stems.iter().flatten().map(String::as_str)
    }
    /// Number of content words.
    pub fn len(&self) -> usize {
        self.words.len()
    }
    /// True when the term has no content word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Minimum cognate similarity for two words to count as a compositional match.
const WORD_COGNATE: f64 = 0.75;

impl<'a> Composer<'a> {
    /// A composer for a language pair.
    pub fn new(
        dict: Option<&'a Dictionary>,
        src: &'a LangData,
        tgt: &'a LangData,
        order: &'a WordOrder,
    ) -> Self {
        Composer {
            dict,
            src,
            tgt,
            order,
        }
    }

    /// Target-side stem of a target word (de-accented, de-inflected).
    pub fn target_stem(&self, w: &str) -> String {
        self.tgt.morph.stem(&norm::deaccent(w))
    }

    /// Content words of a target term, stemmed.
    pub fn target_stems(&self, term: &str) -> Vec<String> {
        self.tgt
            .content_words(term)
            .iter()
            .map(|w| self.target_stem(w))
            .collect()
    }

    /// Prepares a source term: content words and their candidate target stems.
    pub fn prepare(&self, term: &str) -> ComposedSource {
        let words = self.src.content_words(term);
        let stems = words
            .iter()
            .map(|w| {
                let mut v = Vec::new();
                if let Some(d) = self.dict {
                    for t in d.translate_word(w, None, &self.src.morph).iter().take(12) {
                        let tw: Vec<&str> = norm::words(t)
                            .into_iter()
                            .filter(|x| !self.tgt.is_function_word(x) && x.chars().count() > 1)
                            .collect();
                        // single-word translations, or the head (last word) of "to …" phrases
                        if tw.len() == 1 {
                            v.push(self.target_stem(tw[0]));
                        }
                    }
                }
                v.sort();
                v.dedup();
                v
            })
            .collect();
        ComposedSource { words, stems }
    }

    fn word_match(&self, src_word: &str, stems: &[String], tgt_word: &str, tgt_stem: &str) -> f64 {
        if stems.iter().any(|s| s == tgt_stem) {
            return 1.0;
        }
        let c = cognate_similarity(src_word, tgt_word);
        if c >= WORD_COGNATE {
            return c;
        }
        // compound: the target word contains a translation as prefix or suffix
        if tgt_stem.chars().count() >= 6 {
            for s in stems {
                if s.chars().count() >= 4
                    && (tgt_stem.starts_with(s.as_str()) || tgt_stem.ends_with(s.as_str()))
                {
                    return 0.8;
                }
            }
        }
        0.0
    }

    /// Compositional score in [0, 1] of a target term as translation of a prepared source term.
    pub fn score(&self, src: &ComposedSource, tgt_term: &str) -> f64 {
        let k = src.words.len();
        if k == 0 {
            return 0.0;
        }
        let tw = self.tgt.content_words(tgt_term);
        if tw.is_empty() {
            return 0.0;
        }
        let ts: Vec<String> = tw.iter().map(|w| self.target_stem(w)).collect();
        // match matrix
        let mut cells: Vec<(f64, usize, usize)> = Vec::new();
        for i in 0..k {
            for j in 0..tw.len() {
                let v = self.word_match(&src.words[i], &src.stems[i], &tw[j], &ts[j]);
                if v > 0.0 {
                    cells.push((v, i, j));
                }
            }
        }
        // one target word may also be a compound of two consecutive source words (cyber+sécurité)
        cells.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut used_s = vec![false; k];
        let mut used_t = vec![false; tw.len()];
        let mut assign = vec![usize::MAX; k];
        let mut total = 0.0;
        for (v, i, j) in cells {
            if used_s[i] || used_t[j] {
                continue;
            }
            used_s[i] = true;
            used_t[j] = true;
            assign[i] = j;
            total += v;
        }
        if total <= 0.0 {
            return 0.0;
        }
        let unmatched_t = used_t.iter().filter(|u| !**u).count();
        let mut score = total / k as f64 * 0.85f64.powi(unmatched_t as i32);
        // order: matched source words in expected target order?
        let expected = self.order.expected(k);
        let seq: Vec<usize> = expected
            .iter()
            .filter(|&&i| assign[i] != usize::MAX)
            .map(|&i| assign[i])
            .collect();
        if seq.windows(2).any(|w| w[0] > w[1]) {
            score *= 0.9;
        }
        score.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cognates() {
        assert!(cognate_similarity("cybersécurité", "cybersecurity") > 0.9);
        assert_eq!(cognate_similarity("Corruption", "corruption"), 1.0);
        assert!(cognate_similarity("maison", "house") < 0.3);
        assert_eq!(cognate_similarity("", "x"), 0.0);
        assert_eq!(cognate_similarity("les", "less"), 0.0);
    }

    #[test]
    fn composition() {
        let d = Dictionary::from_tsv("mesure\tmeasure\nconfiance\tconfidence\npénal\tcriminal|penal\nresponsabilité\tliability|responsibility\n", "t").unwrap();
        let (fr, en) = (LangData::for_lang("fr"), LangData::for_lang("en"));
        let o = WordOrder::for_pair("fr", "en");
        let c = Composer::new(Some(&d), &fr, &en, &o);
        let s = c.prepare("mesures de confiance");
        let exact = c.score(&s, "confidence measures");
        let hyph = c.score(&s, "confidence-building measures");
        let wrong_order = c.score(&s, "measures of confidence");
        let other = c.score(&s, "criminal liability");
        assert!(exact > hyph && hyph > other, "{exact} {hyph} {other}");
        assert!(exact > wrong_order);
        assert!(exact > 0.99);
        let s = c.prepare("responsabilité pénale");
        assert!(c.score(&s, "criminal liability") > 0.99);
        assert!(c.score(&s, "liability") < 0.6);
    }
}
