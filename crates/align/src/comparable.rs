//! Equivalents from comparable (non-parallel) corpora: context vectors of co-occurring
//! content words (window inside the sentence), weighted by positive PMI, translated
//! through the dictionary (untranslatable words bridge by spelling), compared by cosine
//! with the target terms' vectors (Morin & Daille style), and combined with
//! compositional translation and cognate similarity.

use std::collections::{BTreeMap, HashMap};

use crate::dict::Dictionary;
use crate::langdata::LangData;
use crate::norm;
use crate::text::{TermInfo, Text};

/// Sparse vector: sorted `(dimension, weight)`.
pub type SparseVec = Vec<(u32, f64)>;

/// Raw context counts of terms and corpus word frequencies of one side; shards (documents)
/// merge associatively.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContextStats {
    /// Term index → context word → count.
    pub term_ctx: BTreeMap<u32, BTreeMap<String, u32>>,
    /// Context word → corpus frequency.
    pub word_freq: BTreeMap<String, u32>,
    /// Total words counted in `word_freq`.
    pub total: u64,
}

impl ContextStats {
    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: ContextStats) {
        for (t, m) in other.term_ctx {
            let e = self.term_ctx.entry(t).or_default();
            for (w, c) in m {
                *e.entry(w).or_default() += c;
            }
        }
        for (w, c) in other.word_freq {
            *self.word_freq.entry(w).or_default() += c;
        }
        self.total += other.total;
    }
}

/// Counts contexts of `terms` in `texts` (term occurrence doc indices refer to `texts`);
/// context words are keyed by `key(word)` (None = skip the word).
pub(crate) fn count_contexts(
    texts: &[Text],
    terms: &[TermInfo],
    window: usize,
    key: &dyn Fn(&str) -> Option<String>,
) -> ContextStats {
    let mut total = ContextStats::default();
    // occurrences per document
    let mut per_doc: Vec<Vec<(usize, usize, u32)>> = vec![Vec::new(); texts.len()];
    for (ti, t) in terms.iter().enumerate() {
        for (d, span) in &t.occurrences {
            if let Some(v) = per_doc.get_mut(*d) {
                v.push((span.start, span.end, ti as u32));
            }
        }
    }
    for (d, text) in texts.iter().enumerate() {
        let mut shard = ContextStats::default();
        // word keys per sentence
        let mut sent_keys: Vec<Vec<(usize, usize, Option<String>)>> =
            Vec::with_capacity(text.sentences.len());
        for s in &text.sentences {
            let ks: Vec<(usize, usize, Option<String>)> = s
                .words
                .iter()
                .map(|w| {
                    (
                        w.span.start,
                        w.span.end,
                        text.text.get(w.span.clone()).and_then(key),
                    )
                })
                .collect();
            for (_, _, k) in &ks {
                if let Some(k) = k {
                    *shard.word_freq.entry(k.clone()).or_default() += 1;
                    shard.total += 1;
                }
            }
            sent_keys.push(ks);
        }
        for &(start, end, ti) in &per_doc[d] {
            let Some(si) = text.sentence_at(start) else {
                continue;
            };
            let ks = &sent_keys[si];
            let first = ks.partition_point(|w| w.1 <= start);
            let last = ks.partition_point(|w| w.0 < end); // words before `last` start inside or before
            let lo = first.saturating_sub(window);
            let hi = (last + window).min(ks.len());
            let ctx = shard.term_ctx.entry(ti).or_default();
            for (k, w) in ks.iter().enumerate().take(hi).skip(lo) {
                if k >= first && k < last {
                    continue;
                }
                if let Some(key) = &w.2 {
                    *ctx.entry(key.clone()).or_default() += 1;
                }
            }
        }
        total.merge(shard);
    }
    total
}

/// PPMI-weighted, length-normalised vectors (top `dims` dimensions) over a shared vocabulary.
pub(crate) fn vectors(
    stats: &ContextStats,
    n_terms: usize,
    dims: usize,
    vocab: &mut HashMap<String, u32>,
    translate: &dyn Fn(&str) -> Vec<(String, f64)>,
) -> Vec<SparseVec> {
    let mut out = vec![Vec::new(); n_terms];
    let n = stats.total.max(1) as f64;
    for (&t, ctx) in &stats.term_ctx {
        let ft: f64 = ctx.values().map(|&c| c as f64).sum();
        let mut weighted: Vec<(&String, f64)> = ctx
            .iter()
            .filter_map(|(w, &c)| {
                let fw = stats.word_freq.get(w).copied().unwrap_or(1).max(1) as f64;
                let pmi = ((c as f64 * n) / (ft * fw)).ln();
                // discount rare co-occurrences (PMI favours them)
                let v = pmi * (c as f64 / (c as f64 + 1.0));
                (v > 0.0).then_some((w, v))
            })
            .collect();
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        weighted.truncate(dims);
        let mut acc: BTreeMap<u32, f64> = BTreeMap::new();
        for (w, v) in weighted {
            for (tw, share) in translate(w) {
                let next = vocab.len() as u32;
                let id = *vocab.entry(tw).or_insert(next);
                *acc.entry(id).or_default() += v * share;
            }
        }
        let norm: f64 = acc.values().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            if let Some(slot) = out.get_mut(t as usize) {
                *slot = acc.into_iter().map(|(k, v)| (k, v / norm)).collect();
            }
        }
    }
    out
}

/// Cosine of two normalised sparse vectors.
pub fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s.clamp(0.0, 1.0)
}

/// Target-side key of a word: de-accented, de-inflected (None for function words, short
/// words and pure numbers).
pub(crate) fn target_key(tgt: &LangData, w: &str) -> Option<String> {
    let f = norm::fold(w);
    if f.chars().count() < 3 || tgt.is_function_word(&f) || f.chars().all(|c| !c.is_alphabetic()) {
        return None;
    }
    Some(tgt.morph.stem(&norm::deaccent(&f)))
}

/// Source-side key of a word (folded, for dictionary lookup later).
pub(crate) fn source_key(src: &LangData, w: &str) -> Option<String> {
    let f = norm::fold(w);
    if f.chars().count() < 3 || src.is_function_word(&f) || f.chars().all(|c| !c.is_alphabetic()) {
        return None;
    }
    Some(f)
}

/// Translation of a source context word into target keys with weights summing to 1;
/// words without translation bridge by their own de-accented stem (cognates, names).
pub(crate) fn translate_word(
    dict: Option<&Dictionary>,
    src: &LangData,
    tgt: &LangData,
    w: &str,
) -> Vec<(String, f64)> {
    let mut keys: Vec<String> = Vec::new();
    if let Some(d) = dict {
        for t in d.translate_word(w, None, &src.morph).iter().take(8) {
            let ws: Vec<&str> = norm::words(t)
                .into_iter()
                .filter(|x| !tgt.is_function_word(x))
                .collect();
            if ws.len() == 1 {
                if let Some(k) = target_key(tgt, ws[0]) {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
    }
    if keys.is_empty() {
        if let Some(k) = target_key(tgt, w) {
            return vec![(k, 0.5)];
        }
        return Vec::new();
    }
    let share = 1.0 / keys.len() as f64;
    keys.into_iter().map(|k| (k, share)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_basic() {
        let a = vec![(1, 0.6), (2, 0.8)];
        let b = vec![(2, 1.0)];
        assert!((cosine(&a, &b) - 0.8).abs() < 1e-9);
        assert_eq!(cosine(&a, &[]), 0.0);
    }

    #[test]
    fn context_stats_merge_equals_whole() {
        let texts = vec![
            Text::from_plain("a", "le rotor tourne vite. le rotor casse."),
            Text::from_plain("b", "la pale du rotor tourne."),
        ];
        let term = TermInfo {
            key: "rotor".into(),
            headword: "rotor".into(),
            freq: 3,
            occurrences: texts
                .iter()
                .enumerate()
                .flat_map(|(d, t)| {
                    t.text
                        .match_indices("rotor")
                        .map(move |(p, _)| (d, p..p + 5))
                })
                .collect(),
        };
        let fr = LangData::for_lang("fr");
        let key = |w: &str| source_key(&fr, w);
        let whole = count_contexts(&texts, std::slice::from_ref(&term), 3, &key);
        let mut a = count_contexts(&texts[..1], std::slice::from_ref(&term), 3, &key);
        // shard b: re-index occurrences to the shard's documents
        let mut tb = term.clone();
        tb.occurrences = term
            .occurrences
            .iter()
            .filter(|o| o.0 == 1)
            .map(|o| (0, o.1.clone()))
            .collect();
        let b = count_contexts(&texts[1..], &[tb], 3, &key);
        a.merge(b);
        assert_eq!(a, whole);
        assert_eq!(whole.term_ctx[&0]["tourne"], 2);
    }
}
