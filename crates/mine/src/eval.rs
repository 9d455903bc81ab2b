//! TermEval 2020 scoring: lower-cased unique predicted terms against a gold list, exact match.
//!
//! ACTER gold lists hold lower-cased *surface* forms as they occur (both `abroger` and
//! `abrogée`, singular and plural), so the ACTER evaluation (`examples/acter.rs`) outputs every
//! variant of each selected entry: measured on the leave-one-domain-out setting this raised the
//! average F1 by 0.01–0.04 over headwords only (each variant is a form that occurs in
//! the text, so the list stays honest).
//!
//! ```
//! use termsmith_mine::eval;
//! let gold = eval::parse_gold("corruption\tSpecific_Term\npot-de-vin\tCommon_Term\nOCDE\tNamed_Entity\n");
//! let s = eval::score(&gold, ["Corruption", "bureau", "corruption"]);
//! assert_eq!((s.true_positives, s.predicted, s.gold), (1, 2, 3));
//! assert!((s.precision - 0.5).abs() < 1e-9);
//! ```

use std::collections::BTreeSet;
use std::path::Path;

/// A gold list: lower-cased unique terms with their labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gold {
    /// `(term, label)`, lower-cased terms, sorted, unique by term.
    pub terms: Vec<(String, String)>,
}

impl Gold {
    /// The set of gold terms.
    pub fn set(&self) -> BTreeSet<&str> {
        self.terms.iter().map(|(t, _)| t.as_str()).collect()
    }
    /// Number of gold terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }
    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
    /// Whether a (lower-cased) term is in the list.
    pub fn contains(&self, term: &str) -> bool {
        self.terms
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .is_ok()
    }
}

/// Errors reading a gold file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read.
    #[error("cannot read gold file {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// Lower-cases and normalises a term for comparison (NFC-insensitive apostrophes, single
/// spaces).
pub fn normalize_term(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['’', 'ʼ', '‘'], "'")
        .to_lowercase()
}

/// Parses a gold list: `term<TAB>label` per line (label optional).
pub fn parse_gold(text: &str) -> Gold {
    let mut terms: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| {
            let mut it = l.split('\t');
            let t = normalize_term(it.next()?);
            if t.is_empty() {
                return None;
            }
            Some((t, it.next().unwrap_or("").trim().to_string()))
        })
        .collect();
    terms.sort();
    terms.dedup_by(|a, b| a.0 == b.0);
    Gold { terms }
}

/// Reads a gold TSV file.
pub fn read_gold(path: impl AsRef<Path>) -> Result<Gold, EvalError> {
    let p = path.as_ref();
    let bytes = std::fs::read(p).map_err(|source| EvalError::Io {
        path: p.display().to_string(),
        source,
    })?;
    Ok(parse_gold(&String::from_utf8_lossy(&bytes)))
}

/// Precision, recall and F1 of a prediction list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Unique predicted terms found in the gold list.
    pub true_positives: usize,
    /// Unique predicted terms.
    pub predicted: usize,
    /// Gold terms.
    pub gold: usize,
    /// true_positives / predicted (0 when nothing is predicted).
    pub precision: f64,
    /// true_positives / gold (0 when the gold list is empty).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// Scores predictions (lower-cased and de-duplicated here) against a gold list.
pub fn score<I, S>(gold: &Gold, preds: I) -> Scores
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let preds: BTreeSet<String> = preds
        .into_iter()
        .map(|p| normalize_term(p.as_ref()))
        .filter(|p| !p.is_empty())
        .collect();
    let tp = preds.iter().filter(|p| gold.contains(p)).count();
    let precision = if preds.is_empty() {
        0.0
    } else {
        tp as f64 / preds.len() as f64
    };
    let recall = if gold.is_empty() {
        0.0
    } else {
        tp as f64 / gold.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        true_positives: tp,
        predicted: preds.len(),
        gold: gold.len(),
        precision,
        recall,
        f1,
    }
}

/// Average precision of a ranked list against a gold list: the mean, over the gold terms, of the
/// precision of the list cut just after each gold term it contains (gold terms it misses count
/// 0). Predictions are normalised like [`score`]'s; a repeated one keeps its first rank. It
/// judges the ranking as a whole, so it does not move with the choice of a cut-off as F1 does.
///
/// ```
/// use termsmith_mine::eval::{average_precision, parse_gold};
/// let gold = parse_gold("wind turbine\tSpecific_Term\nrotor\tSpecific_Term\n");
/// // hits at ranks 1 and 3: (1/1 + 2/3) / 2
/// let ap = average_precision(&gold, ["Wind turbine", "blade tip", "rotor"]);
/// assert!((ap - 5.0 / 6.0).abs() < 1e-12);
/// ```
pub fn average_precision<I, S>(gold: &Gold, ranked: I) -> f64
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    if gold.is_empty() {
        return 0.0;
    }
    let mut seen = BTreeSet::new();
    let (mut rank, mut hits, mut sum) = (0usize, 0usize, 0.0);
    for p in ranked {
        let p = normalize_term(p.as_ref());
        if p.is_empty() || !seen.insert(p.clone()) {
            continue;
        }
        rank += 1;
        if gold.contains(&p) {
            hits += 1;
            sum += hits as f64 / rank as f64;
        }
    }
    sum / gold.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_empty() {
        let g = parse_gold("a b\tX\nc\tY\n\n");
        let s = score(&g, ["A  B", "c"]);
        assert_eq!(s.f1, 1.0);
        let s = score(&g, Vec::<String>::new());
        assert_eq!((s.precision, s.recall, s.f1), (0.0, 0.0, 0.0));
        let e = Gold::default();
        assert_eq!(score(&e, ["x"]).recall, 0.0);
    }

    #[test]
    fn average_precision_rewards_gold_terms_ranked_first() {
        let g = parse_gold("a\tX\nb\tX\n");
        assert_eq!(average_precision(&g, ["a", "b", "z"]), 1.0);
        assert_eq!(
            average_precision(&g, ["z", "a", "b"]),
            (0.5 + 2.0 / 3.0) / 2.0
        );
        // a repeat keeps its first rank; a gold term never listed counts 0
        assert_eq!(average_precision(&g, ["a", "A", "z"]), 0.5);
        assert_eq!(average_precision(&Gold::default(), ["a"]), 0.0);
    }
}
