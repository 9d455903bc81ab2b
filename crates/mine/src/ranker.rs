//! Ranking: termhood features and the two rankers.
//!
//! Features of a term `t` with frequency `f`, document frequency `df` in a corpus of `D`
//! documents and `N` tokens, `n` words in its key (see [`FEATURE_NAMES`]):
//!
//! * `ln_freq` = ln(1+f), `ln_df` = ln(1+df), `disp` = df / D;
//! * `len1`, `len2`, `len3`, `len4p`: one-hot number of words;
//! * `ln_cvalue` = ln(1 + C-value), C-value = log2(n+1) · (f − mean frequency of the longer
//!   candidates containing t);
//! * `spec_mean`, `spec_min`: over the content words w of the headword, the difference between
//!   the Zipf frequency of w in the corpus (log10 of occurrences per 10⁹ tokens) and its Zipf
//!   frequency in general language (`data/<lang>/reffreq.tsv.gz`; 0 when absent);
//! * `ref_min`, `ref_mean`: general-language Zipf frequencies of the content words;
//! * `unithood` = ln f − mean ln f(w) over the content words (0 for one word): how much of the
//!   words' use is in this combination;
//! * `nested` = share of the occurrences inside longer candidates;
//! * `cap` = share of the occurrences inside a sentence that start with a capital;
//! * `acro`: one acronym token; `defined`: an acronym definition links it to another entry;
//! * `linker`: has an inner linking word; `digit`: contains a digit; `ln_chars`;
//! * `noun`, `propn`, `adj`, `verb`: part of speech of the head (0 when untagged);
//! * `forced`: only seen as the long form of an acronym definition;
//! * `spec_max`; `freq1` (f = 1); interactions with one-word terms: `spec_len1`,
//!   `lnf_len1`, `refmin_len1`; `adv` (head is an adverb);
//! * `l_none`, `l_closed`, `l_content`, `r_none`, `r_closed`, `r_content`: share of the
//!   occurrences whose left (right) neighbour is nothing or punctuation, a function word, a
//!   content word (a candidate often followed by the same kind of word is often cut short);
//! * `unit_max` = ln f − ln f(w) for the rarest content word w (0 for one word): how much of
//!   the most specific word's use is in this combination;
//! * `max_nested` = share of the occurrences inside the most frequent longer candidate
//!   containing t (near 1: t is a cut-short form of that candidate);
//! * `lab_in`, `lab_b`, `lab_right`, `lab_span`, `lab_span_max`, `lab_exact`: how the token
//!   labeller ([`crate::labeller`], B/I/O probabilities of every token in context) sees the
//!   occurrences (see [`crate::labeller::LABEL_FEATURES`]); computed only with
//!   [`Ranker::Learned`], 0 otherwise.
//!
//! [`Ranker::Default`] is the formula of [`default_score`]: C-value × specificity, damped for
//! common general-language words, loose word combinations and non-noun heads.
//! [`Ranker::Learned`] is a [`LearnedModel`]: gradient-boosted trees ([`gbt`], logistic loss,
//! 300 trees of depth 4, learning rate 0.05, 100 samples a leaf) over the features, trained
//! on ACTER 1.5 pooled over its three languages (corp, equi, wind in fr, en and nl: the
//! features are language-neutral, and three times the data ranked better than one language:
//! mean average precision of the leave-one-domain-out lists 0.425 → 0.434, then 0.447 with
//! the larger trees; tagged; a term counts as positive when one of its variants is in the
//! gold list, named entities included) by
//! `cargo run --release -p termsmith-mine --example acter -- train ../shared/acter --tag --variants --labeller`
//! (the `lab_*` features of each training domain come from a labeller trained on the two
//! other domains, so that the trees do not overtrust them; the shipped labeller is trained on
//! all three: mean leave-one-domain-out AP 0.446 → 0.453, mean F1 0.464 → 0.464, with the
//! labeller cross-fitted by domain, nested inside the folds)
//! and shipped in `data/ranker/pooled.json` (one set of trees for fr, en and nl) with a
//! probability threshold per language (used with [`crate::MinerBuilder::cutoff`]) that maximised the mean
//! F1 over that language's domains, each scored by trees trained without it (probabilities on
//! the training data itself are too confident for a threshold that must hold on new text).
//! For languages without a model it falls back to the default formula. [`LogisticModel`] (the
//! previous learned ranker, a logistic regression) is kept for comparison experiments.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub mod gbt;

/// The candidate-level features, before the labeller's [`crate::labeller::LABEL_FEATURES`].
const BASE_FEATURES: [&str; 39] = [
    "ln_freq",
    "ln_df",
    "disp",
    "len1",
    "len2",
    "len3",
    "len4p",
    "ln_cvalue",
    "spec_mean",
    "spec_min",
    "ref_min",
    "ref_mean",
    "unithood",
    "nested",
    "cap",
    "acro",
    "defined",
    "linker",
    "digit",
    "ln_chars",
    "noun",
    "propn",
    "adj",
    "verb",
    "forced",
    "spec_max",
    "freq1",
    "spec_len1",
    "lnf_len1",
    "refmin_len1",
    "adv",
    "l_none",
    "l_closed",
    "l_content",
    "r_none",
    "r_closed",
    "r_content",
    "unit_max",
    "max_nested",
];

/// Names of the termhood features, in the order of [`crate::Term::features`]: the candidate-level
/// features, then the labeller's.
pub const FEATURE_NAMES: [&str; 45] = concat_names(BASE_FEATURES, crate::labeller::LABEL_FEATURES);

/// `a` followed by `b` (`C` must be `A + B`: checked at compile time where used in a constant).
const fn concat_names<const A: usize, const B: usize, const C: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; C] {
    assert!(A + B == C);
    let mut out = [""; C];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < C {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

/// Index of a feature by name, for names known at compile time: use it through [`fi!`], which
/// evaluates it in a constant (a name that is not a feature then fails the build).
pub(crate) const fn feature_const(name: &str) -> usize {
    let mut i = 0;
    while i < FEATURE_NAMES.len() {
        let (a, b) = (FEATURE_NAMES[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut k = 0;
            while k < a.len() && a[k] == b[k] {
                k += 1;
            }
            if k == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a feature name")
}

/// The index of a feature named by a literal, computed at compile time.
macro_rules! fi {
    ($name:literal) => {{
        const I: usize = $crate::ranker::feature_const($name);
        I
    }};
}
pub(crate) use fi;

/// Index of a feature by name.
pub fn feature_index(name: &str) -> Option<usize> {
    // Looked up for every feature of every scored candidate: a hash table, built once.
    static INDEX: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut m = rustc_hash::FxHashMap::default();
            for (i, n) in FEATURE_NAMES.iter().enumerate() {
                m.entry(*n).or_insert(i);
            }
            m
        })
        .get(name)
        .copied()
}

/// The learned ranker: gradient-boosted trees over [`FEATURE_NAMES`] (see [`gbt`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnedModel {
    /// Language code.
    pub lang: String,
    /// Feature names (must equal [`FEATURE_NAMES`]).
    pub features: Vec<String>,
    /// Training parameters.
    pub params: gbt::GbtParams,
    /// The trees.
    pub model: gbt::Gbt,
    /// Probability threshold maximising the mean F1 over the training domains (each scored
    /// by a model trained without it).
    pub threshold: f64,
    /// How the model was trained (command, data).
    pub trained_on: String,
    /// Per language code, the probability threshold of that language, for trees shared by
    /// several languages (`data/ranker/pooled.json`); empty for a model of one language.
    #[serde(default)]
    pub thresholds: BTreeMap<String, f64>,
}

impl LearnedModel {
    /// Probability that a feature vector is a term.
    pub fn predict(&self, x: &[f64]) -> f64 {
        self.model.predict(x)
    }

    /// Trains a model (threshold 0.5, to be tuned by the caller).
    pub fn train(lang: &str, xs: &[Vec<f64>], ys: &[bool], params: gbt::GbtParams) -> Self {
        LearnedModel {
            lang: lang.to_string(),
            features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
            params,
            model: gbt::Gbt::train(xs, ys, &params),
            threshold: 0.5,
            trained_on: String::new(),
            thresholds: BTreeMap::new(),
        }
    }

    /// The embedded model of a language, if any (and if it matches the current features):
    /// the trees of `data/ranker/pooled.json`, trained on the languages it lists in
    /// [`LearnedModel::thresholds`], with that language's threshold.
    pub fn embedded(lang: &str) -> Option<LearnedModel> {
        static POOLED: std::sync::OnceLock<Option<LearnedModel>> = std::sync::OnceLock::new();
        let pooled = POOLED.get_or_init(|| {
            let m: LearnedModel =
                serde_json::from_str(include_str!("../data/ranker/pooled.json")).ok()?;
            (m.features.len() == FEATURE_NAMES.len()
                && !m.model.trees.is_empty()
                && m.features.iter().zip(FEATURE_NAMES).all(|(a, b)| a == b))
            .then_some(m)
        });
        let m = pooled.as_ref()?;
        let th = *m.thresholds.get(lang)?;
        Some(LearnedModel {
            lang: lang.to_string(),
            threshold: th,
            ..m.clone()
        })
    }
}

/// Which ranking function to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Ranker {
    /// The transparent formula of [`default_score`].
    #[default]
    Default,
    /// The gradient-boosted trees of `data/ranker/pooled.json` ([`LearnedModel`]).
    Learned,
}

/// The default score from a feature vector (see the module documentation):
///
/// ```text
/// spec   = 0.7 · max(0, spec_mean) for one word, 0.7 · max(0, spec_max) for several
/// common = 1 / (1 + e^(1.5 (ref_min − 4.5)))      one word: a frequent general word is rarely a term
///          1 / (1 + e^(−1.5 (unithood + 1.5)))     several words: they must co-occur as a unit
/// pos    = 0.3 verb or adverb head, 0.5 adjective head, 1 otherwise (1 when untagged)
/// multi  = 1 + 0.3 · min(n − 1, 3)
/// freq   = 0.7 · ln(1 + C-value) + 0.3 · ln(1 + f)
/// disp   = 0.2 + 0.8 · √(df / D)
/// cut    = 1 − 0.5 · max(l_content, r_content)⁴   a candidate nearly always next to a content
///                                                  word is a cut-short piece of a longer term
/// score  = freq · (1 + spec) · common · pos · multi · disp · cut · (1.5 if defined)
/// ```
///
/// The weights were chosen on ACTER 1.5 (corp, equi, wind; fr, en, nl): the mean average
/// precision of the ranking over the nine domains rose from 0.339 to 0.362 (every domain
/// higher) against the previous formula (spec and freq without the 0.7/0.3 weights, disp
/// 0.5 + 0.5 · df / D, no cut).
pub fn default_score(x: &[f64]) -> f64 {
    // Feature indices are constants ([`fi!`]).
    let g = |i: usize| x.get(i).copied().unwrap_or(0.0);
    let one = g(fi!("len1")) > 0.0;
    let spec = 0.7
        * if one {
            g(fi!("spec_mean"))
        } else {
            g(fi!("spec_max"))
        }
        .max(0.0);
    let common = if one {
        1.0 / (1.0 + (1.5 * (g(fi!("ref_min")) - 4.5)).exp())
    } else {
        1.0 / (1.0 + (-1.5 * (g(fi!("unithood")) + 1.5)).exp())
    };
    let pos = if g(fi!("verb")) > 0.0 || g(fi!("adv")) > 0.0 {
        0.3
    } else if g(fi!("adj")) > 0.0 {
        0.5
    } else {
        1.0
    };
    let words = if one {
        1.0
    } else if g(fi!("len2")) > 0.0 {
        2.0
    } else if g(fi!("len3")) > 0.0 {
        3.0
    } else {
        4.0
    };
    let multi = 1.0 + 0.3 * (words - 1.0);
    let freq = 0.7 * g(fi!("ln_cvalue")) + 0.3 * g(fi!("ln_freq"));
    let disp = 0.2 + 0.8 * g(fi!("disp")).max(0.0).sqrt();
    let cut = 1.0
        - 0.5
            * g(fi!("l_content"))
                .max(g(fi!("r_content")))
                .clamp(0.0, 1.0)
                .powi(4);
    let mut s = freq * (1.0 + spec) * common * pos * multi * disp * cut;
    if g(fi!("defined")) > 0.0 {
        s *= 1.5;
    }
    s
}

/// A logistic-regression model over standardised features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticModel {
    /// Language code.
    pub lang: String,
    /// Feature names (must equal [`FEATURE_NAMES`]).
    pub features: Vec<String>,
    /// Means used for standardisation.
    pub mean: Vec<f64>,
    /// Standard deviations used for standardisation.
    pub std: Vec<f64>,
    /// Weights.
    pub weights: Vec<f64>,
    /// Bias.
    pub bias: f64,
    /// Probability threshold maximising F1 on the training domains.
    pub threshold: f64,
    /// How the model was trained (command, data).
    pub trained_on: String,
    /// Per feature, thresholds of a thermometer encoding appended to the features (one
    /// indicator `x > t` per threshold: quantiles of the training data), so that the linear
    /// model can bend; empty for binary features.
    #[serde(default)]
    pub bins: Vec<Vec<f64>>,
}

impl LogisticModel {
    /// The feature vector with the thermometer indicators appended.
    pub fn expand(&self, x: &[f64]) -> Vec<f64> {
        expand(&self.bins, x)
    }

    /// Probability that a feature vector is a term.
    pub fn predict(&self, x: &[f64]) -> f64 {
        let x = &self.expand(x)[..];
        let mut z = self.bias;
        for (i, w) in self.weights.iter().enumerate() {
            let v = x.get(i).copied().unwrap_or(0.0);
            let s = self.std.get(i).copied().unwrap_or(1.0);
            let m = self.mean.get(i).copied().unwrap_or(0.0);
            z += w * (v - m) / if s > 1e-12 { s } else { 1.0 };
        }
        1.0 / (1.0 + (-z).exp())
    }

    /// Trains a model by full-batch gradient descent with L2 regularisation.
    pub fn train(
        lang: &str,
        xs: &[Vec<f64>],
        ys: &[bool],
        l2: f64,
        epochs: usize,
    ) -> LogisticModel {
        let base = FEATURE_NAMES.len();
        let bins: Vec<Vec<f64>> = (0..base)
            .map(|i| {
                let mut v: Vec<f64> = xs
                    .iter()
                    .map(|x| x.get(i).copied().unwrap_or(0.0))
                    .collect();
                v.sort_by(f64::total_cmp);
                let mut distinct = v.clone();
                distinct.dedup();
                if distinct.len() <= 2 || v.is_empty() {
                    return Vec::new();
                }
                let mut edges: Vec<f64> = (1..8).map(|k| v[(v.len() - 1) * k / 8]).collect();
                edges.dedup();
                edges
            })
            .collect();
        let xs: Vec<Vec<f64>> = xs.iter().map(|x| expand(&bins, x)).collect();
        let xs = &xs[..];
        let d = xs.first().map_or(base, Vec::len);
        let n = xs.len().max(1) as f64;
        let mut mean = vec![0.0; d];
        let mut std = vec![0.0; d];
        for x in xs {
            for (i, m) in mean.iter_mut().enumerate() {
                *m += x.get(i).copied().unwrap_or(0.0) / n;
            }
        }
        for x in xs {
            for (i, s) in std.iter_mut().enumerate() {
                let v = x.get(i).copied().unwrap_or(0.0) - mean[i];
                *s += v * v / n;
            }
        }
        for s in &mut std {
            *s = s.sqrt().max(1e-9);
        }
        let z: Vec<Vec<f64>> = xs
            .iter()
            .map(|x| {
                (0..d)
                    .map(|i| (x.get(i).copied().unwrap_or(0.0) - mean[i]) / std[i])
                    .collect()
            })
            .collect();
        let mut w = vec![0.0; d];
        let mut b = 0.0;
        let lr = 0.5;
        for _ in 0..epochs {
            let mut gw = vec![0.0; d];
            let mut gb = 0.0;
            for (x, &y) in z.iter().zip(ys) {
                let p =
                    1.0 / (1.0 + (-(b + x.iter().zip(&w).map(|(a, c)| a * c).sum::<f64>())).exp());
                let e = p - if y { 1.0 } else { 0.0 };
                for (g, xi) in gw.iter_mut().zip(x) {
                    *g += e * xi;
                }
                gb += e;
            }
            for (wi, g) in w.iter_mut().zip(&gw) {
                *wi -= lr * (g / n + l2 * *wi);
            }
            b -= lr * gb / n;
        }
        LogisticModel {
            lang: lang.to_string(),
            features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
            mean,
            std,
            weights: w,
            bias: b,
            threshold: 0.5,
            trained_on: String::new(),
            bins,
        }
    }
}

fn expand(bins: &[Vec<f64>], x: &[f64]) -> Vec<f64> {
    let mut out = Vec::with_capacity(x.len() + bins.iter().map(Vec::len).sum::<usize>());
    out.extend_from_slice(&x[..x.len().min(FEATURE_NAMES.len())]);
    out.resize(FEATURE_NAMES.len(), 0.0);
    for (i, edges) in bins.iter().enumerate() {
        let v = x.get(i).copied().unwrap_or(0.0);
        out.extend(edges.iter().map(|e| f64::from(u8::from(v > *e))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feature names are distinct, so that an index found by name is the only one.
    #[test]
    fn feature_names_are_distinct_and_indexed() {
        for (i, n) in FEATURE_NAMES.iter().enumerate() {
            assert_eq!(feature_index(n), Some(i), "{n}");
            assert_eq!(feature_const(n), i, "{n}");
        }
        assert_eq!(feature_index("no_such_feature"), None);
    }

    #[test]
    fn embedded_models_load_with_their_thresholds() {
        for l in ["fr", "en", "nl"] {
            let m = LearnedModel::embedded(l).expect("shipped model");
            assert_eq!(m.lang, l);
            assert!(m.threshold > 0.0 && m.threshold < 1.0);
            assert_eq!(Some(&m.threshold), m.thresholds.get(l));
            let p = m.predict(&[0.0; FEATURE_NAMES.len()]);
            assert!((0.0..=1.0).contains(&p));
        }
        assert!(LearnedModel::embedded("xx").is_none());
    }

    #[test]
    fn label_features_are_the_last_ones() {
        let n = FEATURE_NAMES.len() - crate::labeller::LABEL_FEATURES.len();
        assert_eq!(&FEATURE_NAMES[n..], &crate::labeller::LABEL_FEATURES[..]);
    }

    #[test]
    fn training_separates() {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..200 {
            let mut x = vec![0.0; FEATURE_NAMES.len()];
            x[0] = (i % 10) as f64;
            xs.push(x);
            ys.push(i % 10 >= 5);
        }
        let m = LogisticModel::train("xx", &xs, &ys, 1e-4, 300);
        let mut hi = vec![0.0; FEATURE_NAMES.len()];
        hi[0] = 9.0;
        let lo = vec![0.0; FEATURE_NAMES.len()];
        assert!(m.predict(&hi) > 0.8);
        assert!(m.predict(&lo) < 0.2);
    }
}
