//! Sentence alignment of a translated document pair: Gale–Church length-based dynamic
//! programming, strengthened by lexical anchors (numbers, identical tokens and cognates,
//! dictionary translations) and restricted to a band around a monotone anchor path, so
//! that long documents align in linear time and memory.

use std::collections::HashMap;
use std::ops::Range;

use termsmith_mine::special::erfc;

/// One alignable unit (a sentence): its length in characters and its anchor keys
/// (interned ids, see [`AnchorInterner`]); keys need not be sorted or unique.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlignUnit {
    /// Length in characters.
    pub len: usize,
    /// Anchor key ids.
    pub keys: Vec<u32>,
}

impl AlignUnit {
    /// A unit; keys are sorted and deduplicated.
    pub fn new(len: usize, mut keys: Vec<u32>) -> AlignUnit {
        keys.sort_unstable();
        keys.dedup();
        AlignUnit { len, keys }
    }
}

/// Interns anchor key strings to ids shared by the two sides of a document pair.
#[derive(Debug, Default)]
pub struct AnchorInterner {
    ids: HashMap<String, u32>,
}

impl AnchorInterner {
    /// Id of a key (allocated on first use).
    pub fn id(&mut self, key: &str) -> u32 {
        if let Some(&i) = self.ids.get(key) {
            return i;
        }
        let i = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(key.to_string(), i);
        i
    }
}

/// A group of consecutive source sentences aligned to a group of consecutive target
/// sentences (one side may be empty: untranslated or omitted passage).
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Source sentence indices.
    pub src: Range<usize>,
    /// Target sentence indices.
    pub tgt: Range<usize>,
    /// Confidence in [0, 1] (anchor overlap and length agreement).
    pub confidence: f64,
}

/// Length-and-anchor sentence aligner; see [`SentenceAligner::builder`].
#[derive(Debug, Clone)]
pub struct SentenceAligner {
    band: usize,
    anchor_weight: f64,
    variance: f64,
}

/// Builder of [`SentenceAligner`].
#[derive(Debug, Clone)]
pub struct SentenceAlignerBuilder {
    inner: SentenceAligner,
}

impl Default for SentenceAligner {
    fn default() -> Self {
        SentenceAligner {
            band: 40,
            anchor_weight: 8.0,
            variance: 6.8,
        }
    }
}

impl SentenceAlignerBuilder {
    /// Half-width of the search band around the anchor path, in sentences (default 40, minimum 4).
    pub fn band(mut self, band: usize) -> Self {
        self.inner.band = band.max(4);
        self
    }
    /// Weight (in cost units, nats) of a perfect anchor overlap (default 8; 0 = pure Gale–Church).
    pub fn anchor_weight(mut self, w: f64) -> Self {
        self.inner.anchor_weight = if w.is_finite() { w.max(0.0) } else { 0.0 };
        self
    }
    /// The aligner.
    pub fn build(self) -> SentenceAligner {
        self.inner
    }
}

/// Bead shapes (source count, target count) and their prior costs (−ln P).
const SHAPES: [(usize, usize, f64); 7] = [
    (1, 1, 0.1165), // 0.89
    (1, 0, 4.6152), // 0.0099
    (0, 1, 4.6152), // 0.0099
    (2, 1, 2.3900), // 0.0916 → split 2-1 / 1-2
    (1, 2, 2.3900),
    (2, 2, 4.5099), // 0.011
    (3, 1, 5.5),    // rare
];

fn phi_tail2(z: f64) -> f64 {
    // two-sided tail 2(1 − Φ(|z|)) via erfc
    erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// Dice coefficient of two sorted lists (id sets, or multisets such as sorted letters: a value
/// present twice in both counts twice).
pub(crate) fn dice_sorted<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * n as f64 / (a.len() + b.len()) as f64
}

fn union_sorted(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Key unions of every run of 1, 2 and 3 consecutive units ending at each index.
struct Unions {
    two: Vec<Vec<u32>>,
    three: Vec<Vec<u32>>,
}

impl Unions {
    fn new(units: &[AlignUnit]) -> Unions {
        let mut two = vec![Vec::new(); units.len()];
        let mut three = vec![Vec::new(); units.len()];
        for i in 1..units.len() {
            two[i] = union_sorted(&units[i - 1].keys, &units[i].keys);
            if i >= 2 {
                three[i] = union_sorted(&two[i - 1], &units[i].keys);
            }
        }
        Unions { two, three }
    }

    /// Keys of units[end-len..end].
    fn get<'a>(&'a self, units: &'a [AlignUnit], end: usize, len: usize) -> &'a [u32] {
        match len {
            1 => &units[end - 1].keys,
            2 => &self.two[end - 1],
            3 => &self.three[end - 1],
            _ => &[],
        }
    }
}

impl SentenceAligner {
    /// Default aligner (band 40, anchor weight 8).
    pub fn new() -> SentenceAligner {
        SentenceAligner::default()
    }

    /// Builder with the defaults.
    pub fn builder() -> SentenceAlignerBuilder {
        SentenceAlignerBuilder {
            inner: SentenceAligner::default(),
        }
    }

    /// Aligns two unit sequences; the beads cover both sequences in order, without gaps.
    pub fn align(&self, src: &[AlignUnit], tgt: &[AlignUnit]) -> Vec<Bead> {
        let (n, m) = (src.len(), tgt.len());
        if n == 0 && m == 0 {
            return Vec::new();
        }
        let ls: usize = src.iter().map(|u| u.len).sum();
        let lt: usize = tgt.iter().map(|u| u.len).sum();
        let ratio = if ls > 0 && lt > 0 {
            lt as f64 / ls as f64
        } else {
            1.0
        };
        let centre = anchor_path(src, tgt);
        let w = self.band as isize;
        // Band for row i: columns lo(i)..=hi(i), made monotone so that every reachable
        // cell's predecessors lie in the band of earlier rows.
        let mut lo = vec![0usize; n + 1];
        let mut hi = vec![0usize; n + 1];
        for i in 0..=n {
            let c = centre[i] as isize;
            lo[i] = (c - w).clamp(0, m as isize) as usize;
            hi[i] = (c + w).clamp(0, m as isize) as usize;
        }
        lo[0] = 0;
        hi[n] = m;
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]);
        }
        for i in (0..n).rev() {
            hi[i] = hi[i].min(hi[i + 1]);
        }
        for i in 0..=n {
            if lo[i] > hi[i] {
                lo[i] = hi[i];
            }
        }
        // ensure connectivity: row i must reach row i-1's band through 1-x or 0-1 moves
        for i in 1..=n {
            if lo[i] > hi[i - 1] + 3 {
                lo[i] = hi[i - 1];
            }
        }
        let width: Vec<usize> = (0..=n).map(|i| hi[i] - lo[i] + 1).collect();
        let mut offset = vec![0usize; n + 2];
        for i in 0..=n {
            offset[i + 1] = offset[i] + width[i];
        }
        let total = offset[n + 1];
        let (su, tu) = (Unions::new(src), Unions::new(tgt));
        let mut cost = vec![f64::INFINITY; total];
        let mut back = vec![u8::MAX; total];
        let cell = |i: usize, j: usize| -> Option<usize> {
            if i > n || j < lo[i] || j > hi[i] {
                None
            } else {
                Some(offset[i] + j - lo[i])
            }
        };
        if let Some(c0) = cell(0, 0) {
            cost[c0] = 0.0;
        }
        for i in 0..=n {
            for j in lo[i]..=hi[i] {
                let Some(here) = cell(i, j) else { continue };
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = f64::INFINITY;
                let mut arg = u8::MAX;
                for (k, &(di, dj, prior)) in SHAPES.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    let Some(prev) = cell(i - di, j - dj) else {
                        continue;
                    };
                    let pc = cost[prev];
                    if !pc.is_finite() {
                        continue;
                    }
                    let base = pc + prior + self.len_cost(&src[i - di..i], &tgt[j - dj..j], ratio);
                    // prune: even a perfect anchor overlap cannot beat the best so far
                    let bonus = if di == 0 || dj == 0 {
                        0.0
                    } else {
                        self.anchor_weight
                    };
                    if base - bonus >= best {
                        continue;
                    }
                    let c = if bonus > 0.0 {
                        base - bonus * dice_sorted(su.get(src, i, di), tu.get(tgt, j, dj))
                    } else {
                        base
                    };
                    if c < best {
                        best = c;
                        arg = k as u8;
                    }
                }
                cost[here] = best;
                back[here] = arg;
            }
        }
        // backtrack
        let mut beads = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let Some(here) = cell(i, j) else { break };
            let k = back[here] as usize;
            let Some(&(di, dj, _)) = SHAPES.get(k) else {
                break;
            };
            let sim = if di == 0 || dj == 0 {
                0.0
            } else {
                dice_sorted(su.get(src, i, di), tu.get(tgt, j, dj))
            };
            let conf = self.confidence(&src[i - di..i], &tgt[j - dj..j], ratio, sim);
            beads.push(Bead {
                src: i - di..i,
                tgt: j - dj..j,
                confidence: conf,
            });
            i -= di;
            j -= dj;
        }
        if i > 0 || j > 0 {
            // unreachable with a connected band; fall back to a single catch-all bead
            beads.push(Bead {
                src: 0..i,
                tgt: 0..j,
                confidence: 0.0,
            });
        }
        beads.reverse();
        beads
    }

    fn len_cost(&self, s: &[AlignUnit], t: &[AlignUnit], ratio: f64) -> f64 {
        if s.is_empty() || t.is_empty() {
            // insertions/deletions: the prior alone (a length test is meaningless here)
            return 0.0;
        }
        let l1: usize = s.iter().map(|u| u.len).sum();
        let l2: usize = t.iter().map(|u| u.len).sum();
        let mean = (l1 as f64 + l2 as f64 / ratio) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        let delta = (l2 as f64 - l1 as f64 * ratio) / (mean * self.variance).sqrt();
        -(phi_tail2(delta).max(1e-12)).ln()
    }

    fn confidence(&self, s: &[AlignUnit], t: &[AlignUnit], ratio: f64, sim: f64) -> f64 {
        if s.is_empty() || t.is_empty() {
            return 0.0;
        }
        let l1: usize = s.iter().map(|u| u.len).sum();
        let l2: usize = t.iter().map(|u| u.len).sum();
        let mean = (l1 as f64 + l2 as f64 / ratio) / 2.0;
        let p_len = if mean <= 0.0 {
            1.0
        } else {
            phi_tail2((l2 as f64 - l1 as f64 * ratio) / (mean * self.variance).sqrt())
        };
        (0.5 * p_len + 0.5 * sim.sqrt()).clamp(0.0, 1.0)
    }
}

/// Expected target position for each source boundary 0..=n: a monotone chain of anchors
/// that occur exactly once on each side (longest increasing subsequence), linearly
/// interpolated, with (0,0) and (n,m) as ends.
fn anchor_path(src: &[AlignUnit], tgt: &[AlignUnit]) -> Vec<usize> {
    let (n, m) = (src.len(), tgt.len());
    let mut first: HashMap<u32, (usize, u32)> = HashMap::new();
    for (i, u) in src.iter().enumerate() {
        for &k in &u.keys {
            let e = first.entry(k).or_insert((i, 0));
            e.1 += 1;
        }
    }
    let mut tcount: HashMap<u32, (usize, u32)> = HashMap::new();
    for (j, u) in tgt.iter().enumerate() {
        for &k in &u.keys {
            let e = tcount.entry(k).or_insert((j, 0));
            e.1 += 1;
        }
    }
    let mut pairs: Vec<(usize, usize)> = first
        .iter()
        .filter(|(_, &(_, c))| c == 1)
        .filter_map(|(k, &(i, _))| match tcount.get(k) {
            Some(&(j, 1)) => Some((i, j)),
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    // keep pairs plausible w.r.t. the diagonal (within half the document)
    let slope = if n > 0 { m as f64 / n as f64 } else { 0.0 };
    let tol = (m as f64 * 0.5).max(10.0);
    pairs.retain(|&(i, j)| ((j as f64) - (i as f64) * slope).abs() <= tol);
    let chain = lis(&pairs);
    let mut pts = vec![(0usize, 0usize)];
    for (i, j) in chain {
        // boundary after sentence i maps to boundary after j
        let (pi, pj) = (i + 1, j + 1);
        let &(li, lj) = pts.last().unwrap_or(&(0, 0));
        if pi > li && pj > lj && pi < n && pj < m {
            pts.push((pi, pj));
        }
    }
    pts.push((n, m));
    let mut centre = vec![0usize; n + 1];
    for w in pts.windows(2) {
        let ((a, b), (c, d)) = (w[0], w[1]);
        for (i, slot) in centre.iter_mut().enumerate().take(c + 1).skip(a) {
            let t = if c > a {
                (i - a) as f64 / (c - a) as f64
            } else {
                0.0
            };
            *slot = (b as f64 + t * (d as f64 - b as f64)).round() as usize;
        }
    }
    centre
}

/// Longest chain strictly increasing in both coordinates (input sorted by first coordinate).
fn lis(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // patience sorting on j, with strictness on i handled by processing equal-i groups together
    let mut tails: Vec<usize> = Vec::new(); // index into pairs
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut g = 0;
    while g < pairs.len() {
        let mut h = g;
        while h < pairs.len() && pairs[h].0 == pairs[g].0 {
            h += 1;
        }
        let mut updates = Vec::new();
        for (idx, &(_, j)) in pairs.iter().enumerate().take(h).skip(g) {
            let pos = tails.partition_point(|&t| pairs[t].1 < j);
            prev[idx] = if pos > 0 { Some(tails[pos - 1]) } else { None };
            updates.push((pos, idx));
        }
        for (pos, idx) in updates {
            if pos == tails.len() {
                tails.push(idx);
            } else if pairs[idx].1 < pairs[tails[pos]].1 {
                tails[pos] = idx;
            }
        }
        g = h;
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(c) = cur {
        out.push(pairs[c]);
        cur = prev[c];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(len: usize, keys: &[u32]) -> AlignUnit {
        AlignUnit::new(len, keys.to_vec())
    }

    #[test]
    fn one_to_one_and_merges() {
        let src = vec![u(100, &[1]), u(50, &[2]), u(52, &[3]), u(80, &[4])];
        // target: 1-1, then 2 source sentences translated as one, then 1-1
        let tgt = vec![u(105, &[1]), u(101, &[2, 3]), u(85, &[4])];
        let beads = SentenceAligner::new().align(&src, &tgt);
        let shapes: Vec<_> = beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(shapes, vec![(0..1, 0..1), (1..3, 1..2), (3..4, 2..3)]);
    }

    #[test]
    fn untranslated_passage() {
        let src = vec![u(100, &[1]), u(90, &[9, 10, 11, 12]), u(80, &[2])];
        let tgt = vec![u(100, &[1]), u(80, &[2])];
        let beads = SentenceAligner::new().align(&src, &tgt);
        let shapes: Vec<_> = beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(shapes, vec![(0..1, 0..1), (1..2, 1..1), (2..3, 1..2)]);
    }

    #[test]
    fn two_sided_tail() {
        assert!((phi_tail2(1.96) - 0.05).abs() < 1e-3);
        assert!((phi_tail2(-1.96) - 0.05).abs() < 1e-3);
    }

    #[test]
    fn lis_chain() {
        let p = vec![(0, 0), (1, 5), (2, 1), (3, 2), (3, 3), (4, 4)];
        assert_eq!(lis(&p), vec![(0, 0), (2, 1), (3, 2), (4, 4)]);
    }

    #[test]
    fn empty_sides() {
        let a = SentenceAligner::new();
        assert!(a.align(&[], &[]).is_empty());
        let b = a.align(&[u(3, &[])], &[]);
        assert_eq!(b.len(), 1);
        let b = a.align(&[], &[u(3, &[]), u(4, &[])]);
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn long_band_alignment_covers_everything() {
        let n = 2000;
        let src: Vec<_> = (0..n).map(|i| u(50 + (i * 37) % 90, &[i as u32])).collect();
        let tgt: Vec<_> = (0..n).map(|i| u(55 + (i * 37) % 90, &[i as u32])).collect();
        let beads = SentenceAligner::new().align(&src, &tgt);
        assert_eq!(beads.len(), n);
        assert!(beads.iter().all(|b| b.src.len() == 1 && b.src == b.tgt));
    }
}
