//! Statistical measures used by the comparison: keyness (log-likelihood G²), effect size (log ratio),
//! dispersion (Gries' DP), linear trend (least-squares slope) and its significance (Cochran–Armitage
//! chi-square test for trend).
//!
//! All functions are total: they return finite numbers (or `None` where a measure is undefined) on any
//! input, including zeros.

/// Critical values of the chi-square distribution with one degree of freedom, as used by
/// Rayson & Garside (2000) for log-likelihood keyness.
pub mod critical {
    /// p < 0.05
    pub const P05: f64 = 3.84;
    /// p < 0.01
    pub const P01: f64 = 6.63;
    /// p < 0.001
    pub const P001: f64 = 10.83;
}

/// Frequency used in place of a zero observed frequency when computing the log ratio (Hardie 2014
/// suggests a small constant; 0.5 is the customary choice, as in the "add-half" correction).
pub const ZERO_FREQ_SMOOTHING: f64 = 0.5;

/// Log-likelihood G² of Rayson & Garside (2000) for a word with frequency `a` in a corpus of `c`
/// tokens and `b` in a corpus of `d` tokens.
///
/// `G² = 2 (a ln(a/E1) + b ln(b/E2))` with `E1 = c (a+b)/(c+d)`, `E2 = d (a+b)/(c+d)` and `0 ln 0 = 0`.
/// Returns 0 when either corpus is empty or the word is absent from both.
pub fn log_likelihood(a: u64, c: u64, b: u64, d: u64) -> f64 {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if c <= 0.0 || d <= 0.0 || a + b <= 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    let g2 = 2.0 * (term(a, e1) + term(b, e2));
    // Rounding can produce tiny negative values when a/c == b/d.
    g2.max(0.0)
}

/// Hardie's log ratio: the binary log of the ratio of normalised frequencies, `log2((a/c) / (b/d))`
/// — positive when the word is relatively more frequent in the first corpus (`a` of `c` tokens).
///
/// A zero frequency is replaced by [`ZERO_FREQ_SMOOTHING`] (0.5) so that the ratio stays finite;
/// returns 0 when the word is absent from both corpora or a corpus is empty.
pub fn log_ratio(a: u64, c: u64, b: u64, d: u64) -> f64 {
    if c == 0 || d == 0 || (a == 0 && b == 0) {
        return 0.0;
    }
    let fa = if a == 0 {
        ZERO_FREQ_SMOOTHING
    } else {
        a as f64
    };
    let fb = if b == 0 {
        ZERO_FREQ_SMOOTHING
    } else {
        b as f64
    };
    ((fa / c as f64) / (fb / d as f64)).log2()
}

pub use termsmith_mine::special::erfc;

/// Upper tail probability of the chi-square distribution with one degree of freedom:
/// `P(X ≥ x) = erfc(sqrt(x/2))`.
pub fn chi2_1df_p(x: f64) -> f64 {
    if !x.is_finite() {
        return if x > 0.0 { 0.0 } else { 1.0 };
    }
    if x <= 0.0 {
        return 1.0;
    }
    erfc((x / 2.0).sqrt()).clamp(0.0, 1.0)
}

/// Gries' DP (deviation of proportions, 2008) of a word over the parts of a corpus: `0.5 Σ |v_i − s_i|`
/// where `s_i` is the share of part *i* in the corpus size and `v_i` the share of the word's
/// occurrences found in part *i*. 0 means evenly spread, values near 1 concentrated in a few parts.
///
/// `parts` holds `(part size in tokens, word frequency in the part)`. Returns `None` when the word does
/// not occur or the parts are empty.
pub fn gries_dp(parts: &[(u64, u64)]) -> Option<f64> {
    let total_size: u64 = parts.iter().map(|p| p.0).sum();
    let total_freq: u64 = parts.iter().map(|p| p.1).sum();
    if total_size == 0 || total_freq == 0 {
        return None;
    }
    let dp = 0.5
        * parts
            .iter()
            .map(|&(s, f)| (f as f64 / total_freq as f64 - s as f64 / total_size as f64).abs())
            .sum::<f64>();
    Some(dp.clamp(0.0, 1.0))
}

/// Ordinary least-squares slope of `ys` over `xs`. `None` with fewer than two points or constant `xs`.
pub fn ols_slope(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len().min(ys.len());
    if n < 2 {
        return None;
    }
    let mx = xs[..n].iter().sum::<f64>() / n as f64;
    let my = ys[..n].iter().sum::<f64>() / n as f64;
    let mut sxy = 0.0;
    let mut sxx = 0.0;
    for i in 0..n {
        sxy += (xs[i] - mx) * (ys[i] - my);
        sxx += (xs[i] - mx) * (xs[i] - mx);
    }
    if sxx <= 0.0 {
        return None;
    }
    Some(sxy / sxx)
}

/// Cochran–Armitage chi-square test for a linear trend in proportions.
///
/// Period *i* has score `x_i`, `n_i` tokens and `r_i` occurrences of the word. With
/// `p = Σr/Σn`, `T = Σ x_i (r_i − n_i p)` and `Var(T) = p(1−p) (Σ n_i x_i² − (Σ n_i x_i)² / N)`,
/// the statistic `T²/Var(T)` follows a chi-square distribution with one degree of freedom under the
/// null hypothesis of no trend. Returns `(statistic, p-value)`; `(0, 1)` when undefined (no
/// occurrences, one period, constant scores).
pub fn trend_test(points: &[(f64, u64, u64)]) -> (f64, f64) {
    let n_total: f64 = points.iter().map(|p| p.1 as f64).sum();
    let r_total: f64 = points.iter().map(|p| p.2 as f64).sum();
    if points.len() < 2 || n_total <= 0.0 || r_total <= 0.0 || r_total >= n_total {
        return (0.0, 1.0);
    }
    let p = r_total / n_total;
    let mut t = 0.0;
    let mut snx2 = 0.0;
    let mut snx = 0.0;
    for &(x, n, r) in points {
        let (n, r) = (n as f64, r as f64);
        t += x * (r - n * p);
        snx2 += n * x * x;
        snx += n * x;
    }
    let var = p * (1.0 - p) * (snx2 - snx * snx / n_total);
    if var <= 0.0 || !var.is_finite() {
        return (0.0, 1.0);
    }
    let stat = t * t / var;
    if !stat.is_finite() {
        return (0.0, 1.0);
    }
    (stat, chi2_1df_p(stat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_matches_reference_values() {
        // Worked example: 10 in 10,000 vs 40 in 10,000 → G² ≈ 19.27 (checked with the
        // Lancaster log-likelihood calculator formula by hand).
        let g = log_likelihood(10, 10_000, 40, 10_000);
        let e = 25.0f64;
        let expect = 2.0 * (10.0 * (10.0 / e).ln() + 40.0 * (40.0 / e).ln());
        assert!((g - expect).abs() < 1e-9);
        assert!((g - 19.274).abs() < 0.01, "{g}");
        assert_eq!(log_likelihood(5, 100, 5, 100), 0.0);
        assert_eq!(log_likelihood(0, 0, 5, 100), 0.0);
        assert!(log_likelihood(0, 1000, 12, 1000) > critical::P001);
    }

    #[test]
    fn log_ratio_signs_and_smoothing() {
        assert!((log_ratio(20, 1000, 10, 1000) - 1.0).abs() < 1e-12);
        assert!((log_ratio(10, 1000, 20, 1000) + 1.0).abs() < 1e-12);
        // zero replaced by 0.5: 4 / 0.5 = 8 → 3
        assert!((log_ratio(4, 1000, 0, 1000) - 3.0).abs() < 1e-12);
        assert_eq!(log_ratio(0, 1000, 0, 1000), 0.0);
        assert_eq!(log_ratio(3, 0, 0, 1000), 0.0);
    }

    #[test]
    fn chi2_p_values() {
        assert!((chi2_1df_p(3.841_458_8) - 0.05).abs() < 1e-4);
        assert!((chi2_1df_p(6.634_896_6) - 0.01).abs() < 1e-4);
        assert!((chi2_1df_p(10.827_566) - 0.001).abs() < 1e-5);
        assert_eq!(chi2_1df_p(0.0), 1.0);
        assert_eq!(chi2_1df_p(f64::INFINITY), 0.0);
    }

    #[test]
    fn dp_extremes() {
        assert_eq!(gries_dp(&[(100, 10), (100, 10)]), Some(0.0));
        let d = gries_dp(&[(100, 20), (100, 0)]).unwrap();
        assert!((d - 0.5).abs() < 1e-12);
        assert_eq!(gries_dp(&[(100, 0)]), None);
        assert_eq!(gries_dp(&[]), None);
    }

    #[test]
    fn slope_and_trend() {
        assert_eq!(ols_slope(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0]), Some(2.0));
        assert_eq!(ols_slope(&[1.0], &[1.0]), None);
        assert_eq!(ols_slope(&[1.0, 1.0], &[1.0, 2.0]), None);
        let (s, p) = trend_test(&[(0.0, 10_000, 5), (1.0, 10_000, 20), (2.0, 10_000, 40)]);
        assert!(s > critical::P001 && p < 0.001, "{s} {p}");
        let (s, p) = trend_test(&[(0.0, 10_000, 10), (1.0, 10_000, 10), (2.0, 10_000, 10)]);
        assert!(s.abs() < 1e-9 && (p - 1.0).abs() < 1e-6);
        assert_eq!(trend_test(&[(0.0, 0, 0)]), (0.0, 1.0));
    }

    #[test]
    fn two_period_trend_equals_pearson_chi2() {
        // With two periods the trend test reduces to Pearson's chi-square on the 2x2 table.
        let (s, _) = trend_test(&[(0.0, 1000, 10), (1.0, 2000, 50)]);
        let (a, b, c, d) = (10.0f64, 990.0f64, 50.0f64, 1950.0f64);
        let n = a + b + c + d;
        let pearson = n * (a * d - b * c).powi(2) / ((a + b) * (c + d) * (a + c) * (b + d));
        assert!((s - pearson).abs() < 1e-9, "{s} {pearson}");
    }
}
