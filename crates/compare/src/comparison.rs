//! The comparison itself: per-period frequencies, keyness, trends and variant shifts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::counts::{CompareStats, EntryKind, TermCounts};
use crate::kwic::KwicLine;
use crate::periods::{label_time, period_order};
use crate::stats;

/// Direction of change of an entry over the periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Significantly more frequent in later periods.
    Emerging,
    /// Significantly less frequent in later periods.
    Declining,
    /// No significant change.
    Stable,
}

impl Trend {
    /// `emerging`, `declining` or `stable`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Trend::Emerging => "emerging",
            Trend::Declining => "declining",
            Trend::Stable => "stable",
        }
    }
}

impl std::fmt::Display for Trend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// X axis of the trend regression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeAxis {
    /// Period index 0, 1, 2, … (default): the slope is the change in per-10k frequency per period.
    #[default]
    Index,
    /// The date of the period label in years, when every label is dated (falls back to the index
    /// otherwise): the slope is the change per year.
    Time,
}

/// Options of [`Comparison::from_stats`] / [`Comparison::build`]. Built with chained setters:
///
/// ```
/// use termsmith_compare::ComparisonOptions;
/// let o = ComparisonOptions::new().threshold(6.63).min_freq(3);
/// assert_eq!(o.get_threshold(), 6.63);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonOptions {
    threshold: f64,
    min_freq: u64,
    reference: Option<String>,
    target: Option<String>,
    time_axis: TimeAxis,
}

impl Default for ComparisonOptions {
    fn default() -> Self {
        ComparisonOptions {
            threshold: stats::critical::P05,
            min_freq: 1,
            reference: None,
            target: None,
            time_axis: TimeAxis::Index,
        }
    }
}

impl ComparisonOptions {
    /// Default options: threshold 3.84 (p < 0.05), every entry kept, first vs last period, index axis.
    pub fn new() -> Self {
        Self::default()
    }
    /// Critical value for G² and for the trend chi-square (1 d.f.): 3.84 (p<0.05, default), 6.63
    /// (p<0.01), 10.83 (p<0.001), see [`stats::critical`].
    pub fn threshold(mut self, t: f64) -> Self {
        self.threshold = if t.is_finite() && t >= 0.0 {
            t
        } else {
            stats::critical::P05
        };
        self
    }
    /// Entries with a total frequency below this are left out (default 1: keep all).
    pub fn min_freq(mut self, n: u64) -> Self {
        self.min_freq = n;
        self
    }
    /// Label of the reference (earlier) period for G² and log ratio (default: the first period).
    pub fn reference(mut self, label: impl Into<String>) -> Self {
        self.reference = Some(label.into());
        self
    }
    /// Label of the target (later) period for G² and log ratio (default: the last period).
    pub fn target(mut self, label: impl Into<String>) -> Self {
        self.target = Some(label.into());
        self
    }
    /// X axis of the trend regression.
    pub fn time_axis(mut self, axis: TimeAxis) -> Self {
        self.time_axis = axis;
        self
    }
    /// The significance threshold in use.
    pub fn get_threshold(&self) -> f64 {
        self.threshold
    }
}

/// Size of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodSummary {
    /// Label, e.g. `2015`.
    pub label: String,
    /// Number of documents.
    pub docs: u32,
    /// Number of tokens.
    pub tokens: u64,
    /// X value used in the trend regression.
    pub x: f64,
}

/// Frequencies of one entry in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodFreq {
    /// Raw frequency (all variants).
    pub freq: u64,
    /// Frequency per 10,000 tokens of the period.
    pub per10k: f64,
    /// Number of documents of the period containing the entry.
    pub docfreq: u32,
    /// Gries' DP over the documents of the period (0 = even, 1 = concentrated); `None` when the entry
    /// does not occur in the period.
    pub dispersion: Option<f64>,
}

/// Distribution of one variant form across the periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantCounts {
    /// The surface form.
    pub form: String,
    /// Total occurrences.
    pub total: u64,
    /// Occurrences per period (same order as [`Comparison::periods`]).
    pub counts: Vec<u64>,
}

/// What kind of variant shift was detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShiftKind {
    /// The dominant variant of the entry differs between its first and last period.
    DominantVariant,
    /// The share of an acronym against its expansion (a separate entry) changed significantly.
    AcronymShare,
}

/// A change in which form is used for a concept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantShift {
    /// Kind of shift.
    pub kind: ShiftKind,
    /// Form that lost ground.
    pub from: String,
    /// Form that gained ground.
    pub to: String,
    /// First period compared (first period where the forms occur).
    pub first_period: String,
    /// Last period compared.
    pub last_period: String,
    /// Share of `to` among `from`+`to` in the first period.
    pub share_first: f64,
    /// Share of `to` among `from`+`to` in the last period.
    pub share_last: f64,
    /// G² of the 2×2 table (form × period).
    pub g2: f64,
    /// `g2` ≥ threshold.
    pub significant: bool,
}

/// The comparison of one entry across periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryComparison {
    /// Headword (display form).
    pub term: String,
    /// Variant-grouping key.
    pub key: String,
    /// Entry kind.
    pub kind: EntryKind,
    /// Expansion of an acronym, if known.
    pub expansion: Option<String>,
    /// Total frequency over all periods.
    pub total_freq: u64,
    /// Per-period frequencies (same order as [`Comparison::periods`]).
    pub periods: Vec<PeriodFreq>,
    /// Log-likelihood G² between reference and target periods.
    pub g2: f64,
    /// p-value of `g2` (chi-square, 1 d.f.).
    pub g2_p: f64,
    /// Log ratio (target over reference; positive = more frequent in the target period).
    pub log_ratio: f64,
    /// Least-squares slope of per-10k frequency over the time axis (more than two periods only).
    pub slope: Option<f64>,
    /// Cochran–Armitage trend chi-square (more than two periods only).
    pub trend_chi2: Option<f64>,
    /// p-value of the trend test (more than two periods only).
    pub p_value: Option<f64>,
    /// Classification.
    pub trend: Trend,
    /// Variants with their distribution per period, most frequent first.
    pub variants: Vec<VariantCounts>,
    /// Variant shift, if any.
    pub variant_shift: Option<VariantShift>,
    /// Concordance lines per period (same order as [`Comparison::periods`]); empty until
    /// concordances are attached.
    pub concordance: Vec<Vec<KwicLine>>,
}

/// Term usage over time: the result of comparing periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Periods in chronological order.
    pub periods: Vec<PeriodSummary>,
    /// Index of the reference period of G² / log ratio.
    pub reference: usize,
    /// Index of the target period of G² / log ratio.
    pub target: usize,
    /// Significance threshold used.
    pub threshold: f64,
    /// Entries, by decreasing total frequency then headword.
    pub entries: Vec<EntryComparison>,
}

impl Comparison {
    /// Computes the comparison from counts. Periods come from the documents' period labels and are
    /// ordered chronologically.
    pub fn from_stats(stats: &CompareStats, opts: &ComparisonOptions) -> Comparison {
        let setup = Setup::new(stats, opts);
        let entries = stats
            .terms
            .iter()
            .filter_map(|(key, t)| setup.entry(key, t))
            .collect();
        setup.assemble(entries)
    }

    /// Entries classified [`Trend::Emerging`], strongest first (by log ratio, then G²).
    pub fn emerging(&self) -> Vec<&EntryComparison> {
        self.by_trend(Trend::Emerging)
    }

    /// Entries classified [`Trend::Declining`], strongest first (most negative log ratio, then G²).
    pub fn declining(&self) -> Vec<&EntryComparison> {
        self.by_trend(Trend::Declining)
    }

    /// Entries classified [`Trend::Stable`], most frequent first.
    pub fn stable(&self) -> Vec<&EntryComparison> {
        self.by_trend(Trend::Stable)
    }

    fn by_trend(&self, trend: Trend) -> Vec<&EntryComparison> {
        let mut v: Vec<&EntryComparison> =
            self.entries.iter().filter(|e| e.trend == trend).collect();
        match trend {
            Trend::Stable => {}
            _ => {
                let sign = if trend == Trend::Emerging { -1.0 } else { 1.0 };
                v.sort_by(|a, b| {
                    (sign * a.log_ratio)
                        .total_cmp(&(sign * b.log_ratio))
                        .then_with(|| b.g2.total_cmp(&a.g2))
                        .then_with(|| a.term.cmp(&b.term))
                        .then_with(|| a.key.cmp(&b.key))
                });
            }
        }
        v
    }

    /// Entries with a variant shift, significant ones first, then by G².
    pub fn variant_shifts(&self) -> Vec<&EntryComparison> {
        let mut v: Vec<&EntryComparison> = self
            .entries
            .iter()
            .filter(|e| e.variant_shift.is_some())
            .collect();
        v.sort_by(|a, b| {
            let (sa, sb) = (a.variant_shift.as_ref(), b.variant_shift.as_ref());
            let sig = |s: Option<&VariantShift>| s.is_some_and(|s| s.significant);
            let g = |s: Option<&VariantShift>| s.map(|s| s.g2).unwrap_or(0.0);
            sig(sb)
                .cmp(&sig(sa))
                .then_with(|| g(sb).total_cmp(&g(sa)))
                .then_with(|| a.key.cmp(&b.key))
        });
        v
    }

    /// Chooses at most `max` entries for display: entries that change (emerging, declining or with a
    /// variant shift) first, then stable ones, each group in the comparison's order. Returns one flag
    /// per entry of [`Comparison::entries`].
    pub fn selection(&self, max: usize) -> Vec<bool> {
        let changing = |e: &EntryComparison| e.trend != Trend::Stable || e.variant_shift.is_some();
        let mut keep = vec![false; self.entries.len()];
        let mut n = 0;
        for pass in [true, false] {
            for (i, e) in self.entries.iter().enumerate() {
                if n < max && changing(e) == pass {
                    keep[i] = true;
                    n += 1;
                }
            }
        }
        keep
    }

    /// Finds an entry by any of its forms (headword, key or a variant), case-insensitively.
    pub fn find(&self, form: &str) -> Option<&EntryComparison> {
        let q = form.trim().to_lowercase();
        self.entries.iter().find(|e| {
            e.term.to_lowercase() == q
                || e.key.to_lowercase() == q
                || e.variants.iter().any(|v| v.form.to_lowercase() == q)
        })
    }

    /// Replaces the concordance lines of entry `key` in period `period` (by label). Returns false if the
    /// entry or the period is unknown.
    pub fn set_concordance(&mut self, key: &str, period: &str, lines: Vec<KwicLine>) -> bool {
        let Some(p) = self.periods.iter().position(|x| x.label == period) else {
            return false;
        };
        let Some(e) = self.entries.iter_mut().find(|e| e.key == key) else {
            return false;
        };
        if let Some(slot) = e.concordance.get_mut(p) {
            *slot = lines;
            true
        } else {
            false
        }
    }
}

/// Period layout of a comparison, shared by every entry.
pub(crate) struct Setup<'a> {
    labels: Vec<&'a str>,
    pidx: BTreeMap<&'a str, usize>,
    doc_period: Vec<usize>,
    doc_tokens: Vec<u64>,
    ptokens: Vec<u64>,
    xs: Vec<f64>,
    reference: usize,
    target: usize,
    periods: Vec<PeriodSummary>,
    opts: ComparisonOptions,
}

impl<'a> Setup<'a> {
    /// Periods of the documents of `stats` (its entries are not read).
    pub(crate) fn new(stats: &'a CompareStats, opts: &ComparisonOptions) -> Setup<'a> {
        // Periods.
        let mut labels: Vec<&str> = stats.docs.iter().map(|d| d.period.as_str()).collect();
        labels.sort_by(|a, b| period_order(a, b));
        labels.dedup();
        let pidx: BTreeMap<&str, usize> = labels.iter().enumerate().map(|(i, l)| (*l, i)).collect();
        let np = labels.len();
        let doc_period: Vec<usize> = stats
            .docs
            .iter()
            .map(|d| pidx.get(d.period.as_str()).copied().unwrap_or(0))
            .collect();
        let mut ptokens = vec![0u64; np];
        let mut pdocs = vec![0u32; np];
        for (d, &p) in stats.docs.iter().zip(&doc_period) {
            ptokens[p] += d.tokens;
            pdocs[p] += 1;
        }
        let times: Option<Vec<f64>> = labels.iter().map(|l| label_time(l)).collect();
        let xs: Vec<f64> = match (opts.time_axis, times) {
            (TimeAxis::Time, Some(t)) => t,
            _ => (0..np).map(|i| i as f64).collect(),
        };
        let find = |l: &Option<String>, default: usize| {
            l.as_ref()
                .and_then(|l| labels.iter().position(|x| x == l))
                .unwrap_or(default)
        };
        let reference = find(&opts.reference, 0);
        let target = find(&opts.target, np.saturating_sub(1));
        let periods: Vec<PeriodSummary> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| PeriodSummary {
                label: l.to_string(),
                docs: pdocs[i],
                tokens: ptokens[i],
                x: xs[i],
            })
            .collect();
        Setup {
            doc_tokens: stats.docs.iter().map(|d| d.tokens).collect(),
            labels,
            pidx,
            doc_period,
            ptokens,
            xs,
            reference,
            target,
            periods,
            opts: opts.clone(),
        }
    }

    /// The comparison of one entry, `None` under the minimum frequency.
    pub(crate) fn entry(&self, key: &str, t: &TermCounts) -> Option<EntryComparison> {
        let Setup {
            labels,
            pidx,
            doc_period,
            doc_tokens,
            ptokens,
            xs,
            reference,
            target,
            opts,
            ..
        } = self;
        let (reference, target) = (*reference, *target);
        let np = labels.len();
        let mut freq = vec![0u64; np];
        let mut dfreq = vec![0u32; np];
        for (&d, &c) in &t.per_doc {
            if let Some(&p) = doc_period.get(d as usize) {
                freq[p] += c;
                if c > 0 {
                    dfreq[p] += 1;
                }
            }
        }
        let total: u64 = freq.iter().sum();
        if total < opts.min_freq.max(1) {
            return None;
        }
        // Gries' DP from the documents where the entry occurs: documents without it contribute
        // their size share s_i, so DP = 0.5 (Σ_occ |v_i − s_i| + 1 − Σ_occ s_i).
        let mut dev = vec![0.0f64; np];
        let mut share = vec![0.0f64; np];
        for (&d, &c) in &t.per_doc {
            let Some(&p) = doc_period.get(d as usize) else {
                continue;
            };
            if c == 0 || freq[p] == 0 || ptokens[p] == 0 {
                continue;
            }
            let si = doc_tokens.get(d as usize).copied().unwrap_or(0) as f64 / ptokens[p] as f64;
            dev[p] += (c as f64 / freq[p] as f64 - si).abs();
            share[p] += si;
        }
        let pf: Vec<PeriodFreq> = (0..np)
            .map(|p| PeriodFreq {
                freq: freq[p],
                per10k: per10k(freq[p], ptokens[p]),
                docfreq: dfreq[p],
                dispersion: (freq[p] > 0 && ptokens[p] > 0)
                    .then(|| (0.5 * (dev[p] + (1.0 - share[p]).max(0.0))).clamp(0.0, 1.0)),
            })
            .collect();
        let (g2, log_ratio) = if np >= 2 {
            (
                stats::log_likelihood(
                    freq[target],
                    ptokens[target],
                    freq[reference],
                    ptokens[reference],
                ),
                stats::log_ratio(
                    freq[target],
                    ptokens[target],
                    freq[reference],
                    ptokens[reference],
                ),
            )
        } else {
            (0.0, 0.0)
        };
        let (slope, trend_chi2, p_value) = if np > 2 {
            let ys: Vec<f64> = pf.iter().map(|p| p.per10k).collect();
            let pts: Vec<(f64, u64, u64)> = (0..np).map(|p| (xs[p], ptokens[p], freq[p])).collect();
            let (chi, p) = stats::trend_test(&pts);
            (stats::ols_slope(xs, &ys), Some(chi), Some(p))
        } else {
            (None, None, None)
        };
        let trend = match (trend_chi2, slope) {
            (Some(chi), Some(s)) if chi >= opts.threshold && s > 0.0 => Trend::Emerging,
            (Some(chi), Some(s)) if chi >= opts.threshold && s < 0.0 => Trend::Declining,
            (Some(_), _) => Trend::Stable,
            (None, _) if np == 2 && g2 >= opts.threshold && log_ratio > 0.0 => Trend::Emerging,
            (None, _) if np == 2 && g2 >= opts.threshold && log_ratio < 0.0 => Trend::Declining,
            _ => Trend::Stable,
        };
        let mut by_form: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        for (form, docs) in &t.forms {
            let counts = by_form
                .entry(form.as_str())
                .or_insert_with(|| vec![0u64; np]);
            for (&d, &c) in docs {
                if let Some(&p) = doc_period.get(d as usize) {
                    counts[p] += c;
                }
            }
        }
        for (form, per) in &t.period_forms {
            let counts = by_form
                .entry(form.as_str())
                .or_insert_with(|| vec![0u64; np]);
            for (label, &c) in per {
                if let Some(&p) = pidx.get(label.as_str()) {
                    counts[p] += c;
                }
            }
        }
        let mut variants: Vec<VariantCounts> = by_form
            .into_iter()
            .map(|(form, counts)| VariantCounts {
                form: form.to_string(),
                total: counts.iter().sum(),
                counts,
            })
            .filter(|v| v.total > 0)
            .collect();
        variants.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.form.cmp(&b.form)));
        let headword = if t.headword.is_empty() {
            variants
                .first()
                .map(|v| v.form.clone())
                .unwrap_or_else(|| key.to_string())
        } else {
            t.headword.clone()
        };
        let variant_shift =
            dominant_shift(&spelling_classes(&variants), &freq, labels, opts.threshold);
        Some(EntryComparison {
            term: headword,
            key: key.to_string(),
            kind: t.kind,
            expansion: t.expansion.clone(),
            total_freq: total,
            periods: pf,
            g2,
            g2_p: stats::chi2_1df_p(g2),
            log_ratio,
            slope,
            trend_chi2,
            p_value,
            trend,
            variants,
            variant_shift,
            concordance: vec![Vec::new(); np],
        })
    }

    /// The comparison of the entries: acronym shifts, order.
    pub(crate) fn assemble(self, mut entries: Vec<EntryComparison>) -> Comparison {
        let Setup {
            labels,
            reference,
            target,
            periods,
            opts,
            ..
        } = self;
        acronym_shifts(&mut entries, &labels, opts.threshold);
        entries.sort_by(|a, b| {
            b.total_freq
                .cmp(&a.total_freq)
                .then_with(|| a.term.cmp(&b.term))
                .then_with(|| a.key.cmp(&b.key))
        });
        Comparison {
            periods,
            reference,
            target,
            threshold: opts.threshold,
            entries,
        }
    }
}

fn per10k(freq: u64, tokens: u64) -> f64 {
    if tokens == 0 {
        0.0
    } else {
        freq as f64 * 10_000.0 / tokens as f64
    }
}

/// First and last period indices where `freq` is non-zero.
fn span_of(freq: &[u64]) -> Option<(usize, usize)> {
    let first = freq.iter().position(|&f| f > 0)?;
    let last = freq.iter().rposition(|&f| f > 0)?;
    (first < last).then_some((first, last))
}

fn dominant(variants: &[VariantCounts], p: usize) -> Option<&VariantCounts> {
    variants.iter().filter(|v| v.counts[p] > 0).max_by(|a, b| {
        a.counts[p]
            .cmp(&b.counts[p])
            .then_with(|| b.form.cmp(&a.form))
    })
}

fn shift_between(
    kind: ShiftKind,
    from: (&str, u64, u64),
    to: (&str, u64, u64),
    first: usize,
    last: usize,
    labels: &[&str],
    threshold: f64,
) -> VariantShift {
    let (fa, fb) = (from.1, from.2); // from: first, last
    let (ta, tb) = (to.1, to.2);
    let g2 = stats::log_likelihood(tb, tb + fb, ta, ta + fa);
    let share = |t: u64, f: u64| {
        if t + f == 0 {
            0.0
        } else {
            t as f64 / (t + f) as f64
        }
    };
    VariantShift {
        kind,
        from: from.0.to_string(),
        to: to.0.to_string(),
        first_period: labels[first].to_string(),
        last_period: labels[last].to_string(),
        share_first: share(ta, fa),
        share_last: share(tb, fb),
        g2,
        significant: g2 >= threshold,
    }
}

/// True when two forms differ only by case or by inflection: the same number of words, and each
/// pair of words, lower-cased, equal or sharing a prefix that leaves at most 3 characters of the
/// longer word (`réseau`/`réseaux`, `travail`/`travaux`, `Internet`/`internet`). Spelling variants
/// (`cyber-sécurité`/`cybersécurité`, `e-mail`/`email`, `organisation`/`organization`) do not match.
/// Language-independent on purpose: no suffix list.
fn same_spelling(a: &str, b: &str) -> bool {
    let wa: Vec<String> = a.split_whitespace().map(str::to_lowercase).collect();
    let wb: Vec<String> = b.split_whitespace().map(str::to_lowercase).collect();
    wa.len() == wb.len()
        && wa.iter().zip(&wb).all(|(x, y)| {
            if x == y {
                return true;
            }
            let common = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
            let longest = x.chars().count().max(y.chars().count());
            common >= 3 && longest - common <= 3 && !x.contains('-') && !y.contains('-')
        })
}

/// Groups variants into spelling classes ([`same_spelling`] with the class's most frequent form),
/// summing their counts; each class is named by its most frequent form. A variant shift is a change
/// of dominant class, so case and inflection alone never make one.
fn spelling_classes(variants: &[VariantCounts]) -> Vec<VariantCounts> {
    let mut classes: Vec<VariantCounts> = Vec::new();
    for v in variants {
        match classes.iter_mut().find(|c| same_spelling(&c.form, &v.form)) {
            Some(c) => {
                c.total += v.total;
                for (x, y) in c.counts.iter_mut().zip(&v.counts) {
                    *x += y;
                }
            }
            None => classes.push(v.clone()),
        }
    }
    classes
}

fn dominant_shift(
    variants: &[VariantCounts],
    freq: &[u64],
    labels: &[&str],
    threshold: f64,
) -> Option<VariantShift> {
    if variants.len() < 2 {
        return None;
    }
    let (first, last) = span_of(freq)?;
    let a = dominant(variants, first)?;
    let b = dominant(variants, last)?;
    if a.form == b.form {
        return None;
    }
    Some(shift_between(
        ShiftKind::DominantVariant,
        (&a.form, a.counts[first], a.counts[last]),
        (&b.form, b.counts[first], b.counts[last]),
        first,
        last,
        labels,
        threshold,
    ))
}

/// Acronym vs expansion: an acronym entry whose expansion is another entry (matched by headword, key
/// or variant, case-insensitively). A significant change of the acronym's share is recorded on the
/// acronym entry (unless it already has a dominant-variant shift).
fn acronym_shifts(entries: &mut [EntryComparison], labels: &[&str], threshold: f64) {
    let mut by_form: BTreeMap<String, usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        for f in std::iter::once(&e.term)
            .chain(std::iter::once(&e.key))
            .chain(e.variants.iter().map(|v| &v.form))
        {
            by_form.entry(f.to_lowercase()).or_insert(i);
        }
    }
    let mut found = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if e.kind != EntryKind::Acronym || e.variant_shift.is_some() {
            continue;
        }
        let Some(exp) = &e.expansion else { continue };
        let Some(&j) = by_form.get(&exp.to_lowercase()) else {
            continue;
        };
        if j == i {
            continue;
        }
        let x = &entries[j];
        let combined: Vec<u64> = e
            .periods
            .iter()
            .zip(&x.periods)
            .map(|(a, b)| a.freq + b.freq)
            .collect();
        let Some((first, last)) = span_of(&combined) else {
            continue;
        };
        let (a1, a2) = (e.periods[first].freq, e.periods[last].freq);
        let (x1, x2) = (x.periods[first].freq, x.periods[last].freq);
        let acr_share_up = (a2 as f64) * ((a1 + x1) as f64) > (a1 as f64) * ((a2 + x2) as f64);
        let s = if acr_share_up {
            shift_between(
                ShiftKind::AcronymShare,
                (&x.term, x1, x2),
                (&e.term, a1, a2),
                first,
                last,
                labels,
                threshold,
            )
        } else {
            shift_between(
                ShiftKind::AcronymShare,
                (&e.term, a1, a2),
                (&x.term, x1, x2),
                first,
                last,
                labels,
                threshold,
            )
        };
        if s.significant {
            found.push((i, s));
        }
    }
    for (i, s) in found {
        entries[i].variant_shift = Some(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two periods of 10,000 tokens each (two documents each).
    fn two_periods() -> CompareStats {
        let mut s = CompareStats::new();
        for (d, p) in [
            ("a1", "2015"),
            ("a2", "2015"),
            ("b1", "2017"),
            ("b2", "2017"),
        ] {
            s.add_doc(d, p, 5_000);
        }
        let mut add = |key: &str, head: &str, doc: &str, form: &str, n: u64| {
            s.add_entry(key, head, EntryKind::Term, None);
            s.add_count(key, doc, n);
            s.add_form(key, doc, form, n);
        };
        add("cyber", "cybersécurité", "a1", "cyber-sécurité", 4);
        add("cyber", "cybersécurité", "a2", "cyber-sécurité", 2);
        add("cyber", "cybersécurité", "b1", "cybersécurité", 20);
        add("cyber", "cybersécurité", "b2", "cybersécurité", 20);
        add("diplo", "diplomatie", "a1", "diplomatie", 30);
        add("diplo", "diplomatie", "b1", "diplomatie", 3);
        add("etat", "État membre", "a1", "État membre", 10);
        add("etat", "État membre", "b2", "État membre", 11);
        s
    }

    #[test]
    fn two_period_classification() {
        let c = Comparison::from_stats(&two_periods(), &ComparisonOptions::new());
        assert_eq!(c.periods.len(), 2);
        assert_eq!(c.periods[0].tokens, 10_000);
        let cy = c.find("cyber-sécurité").unwrap();
        assert_eq!(cy.trend, Trend::Emerging);
        assert_eq!(cy.periods[0].freq, 6);
        assert_eq!(cy.periods[1].docfreq, 2);
        assert!((cy.periods[1].per10k - 40.0).abs() < 1e-9);
        assert!(cy.log_ratio > 2.0);
        assert_eq!(cy.slope, None);
        let dp = cy.periods[1].dispersion.unwrap();
        assert!(dp.abs() < 1e-12, "even spread → DP 0, got {dp}");
        assert_eq!(c.find("diplomatie").unwrap().trend, Trend::Declining);
        assert_eq!(c.find("état membre").unwrap().trend, Trend::Stable);
        assert_eq!(c.emerging().len(), 1);
        assert_eq!(c.declining().len(), 1);
        assert_eq!(c.stable().len(), 1);
        let shift = cy.variant_shift.as_ref().unwrap();
        assert_eq!(
            (shift.from.as_str(), shift.to.as_str()),
            ("cyber-sécurité", "cybersécurité")
        );
        assert!(shift.significant);
        assert_eq!(c.variant_shifts().len(), 1);
        // Stricter threshold turns the weaker change stable.
        let strict =
            Comparison::from_stats(&two_periods(), &ComparisonOptions::new().threshold(1e6));
        assert!(strict.entries.iter().all(|e| e.trend == Trend::Stable));
    }

    #[test]
    fn many_periods_trend() {
        let mut s = CompareStats::new();
        for (i, y) in ["2011", "2012", "2013", "2014", "2015"].iter().enumerate() {
            let d = format!("d{y}");
            s.add_doc(&d, y, 10_000);
            let up = 2 + 10 * i as u64;
            let down = 50 - 10 * i as u64;
            s.add_count("up", &d, up);
            s.add_count("down", &d, down);
            s.add_count("flat", &d, 10 + (i as u64 % 2));
        }
        let c = Comparison::from_stats(&s, &ComparisonOptions::new());
        let up = c.find("up").unwrap();
        assert_eq!(up.trend, Trend::Emerging);
        assert!((up.slope.unwrap() - 10.0).abs() < 1e-9);
        assert!(up.p_value.unwrap() < 0.001);
        assert_eq!(c.find("down").unwrap().trend, Trend::Declining);
        assert_eq!(c.find("flat").unwrap().trend, Trend::Stable);
        // Headword falls back to the key when no variants were given.
        assert_eq!(c.find("flat").unwrap().term, "flat");
        let ct = Comparison::from_stats(&s, &ComparisonOptions::new().time_axis(TimeAxis::Time));
        assert_eq!(ct.periods[0].x, 2011.0);
        assert!((ct.find("up").unwrap().slope.unwrap() - 10.0).abs() < 1e-6);
        let cmin = Comparison::from_stats(&s, &ComparisonOptions::new().min_freq(100));
        assert!(cmin.find("flat").is_none() && cmin.find("up").is_some());
    }

    #[test]
    fn dispersion_matches_reference_formula() {
        let mut s = CompareStats::new();
        let sizes = [100u64, 300, 600, 1000];
        let counts = [5u64, 0, 1, 9];
        for (i, n) in sizes.iter().enumerate() {
            s.add_doc(&format!("d{i}"), "2020", *n);
            if counts[i] > 0 {
                s.add_count("k", &format!("d{i}"), counts[i]);
            }
        }
        s.add_doc("other", "2021", 10);
        s.add_count("k", "other", 1);
        let c = Comparison::from_stats(&s, &ComparisonOptions::new());
        let parts: Vec<(u64, u64)> = sizes.iter().copied().zip(counts).collect();
        let want = stats::gries_dp(&parts).unwrap();
        let got = c.entries[0].periods[0].dispersion.unwrap();
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        assert_eq!(c.entries[0].periods[1].dispersion, Some(0.0));
    }

    #[test]
    fn case_and_inflection_are_not_spelling_shifts() {
        assert!(same_spelling("réseau", "réseaux"));
        assert!(same_spelling("Internet", "internet"));
        assert!(same_spelling("travail", "travaux"));
        assert!(same_spelling("États membres", "État membre"));
        assert!(!same_spelling("cyber-sécurité", "cybersécurité"));
        assert!(!same_spelling("e-mail", "email"));
        assert!(!same_spelling("cyber sécurité", "cybersécurité"));
        assert!(!same_spelling("organisation", "organization"));
        let mut s = CompareStats::new();
        s.add_doc("a", "2015", 1000);
        s.add_doc("b", "2020", 1000);
        for (doc, form, n) in [
            ("a", "réseaux", 20),
            ("a", "réseau", 2),
            ("b", "réseau", 20),
            ("b", "réseaux", 2),
        ] {
            s.add_count("réseau", doc, n);
            s.add_form("réseau", doc, form, n);
        }
        let c = Comparison::from_stats(&s, &ComparisonOptions::new());
        assert!(c.entries[0].variant_shift.is_none());
        assert_eq!(
            c.entries[0].variants.len(),
            2,
            "variants themselves are kept"
        );
    }

    #[test]
    fn acronym_share_shift() {
        let mut s = CompareStats::new();
        s.add_doc("a", "2015", 10_000);
        s.add_doc("b", "2020", 10_000);
        s.add_entry(
            "ia",
            "IA",
            EntryKind::Acronym,
            Some("intelligence artificielle"),
        );
        s.add_entry(
            "intelligence artificiel",
            "intelligence artificielle",
            EntryKind::Term,
            None,
        );
        s.add_count("ia", "a", 2);
        s.add_count("ia", "b", 30);
        s.add_count("intelligence artificiel", "a", 20);
        s.add_count("intelligence artificiel", "b", 5);
        let c = Comparison::from_stats(&s, &ComparisonOptions::new());
        let sh = c.find("IA").unwrap().variant_shift.as_ref().unwrap();
        assert_eq!(sh.kind, ShiftKind::AcronymShare);
        assert_eq!(sh.to, "IA");
        assert!(sh.share_last > sh.share_first);
    }

    #[test]
    fn empty_and_single_period_do_not_panic() {
        let c = Comparison::from_stats(&CompareStats::new(), &ComparisonOptions::new());
        assert!(c.entries.is_empty() && c.periods.is_empty());
        let mut s = CompareStats::new();
        s.add_doc("a", "2015", 0);
        s.add_count("k", "a", 3);
        let c = Comparison::from_stats(&s, &ComparisonOptions::new().reference("nope"));
        assert_eq!(c.entries[0].trend, Trend::Stable);
        assert_eq!(c.entries[0].periods[0].per10k, 0.0);
    }
}
