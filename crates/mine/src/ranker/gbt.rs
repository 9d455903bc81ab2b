//! Gradient-boosted regression trees for the learned ranker (logistic loss, pure Rust).
//!
//! Training is histogram-based: every feature is cut into at most [`GbtParams::bins`] quantile
//! bins of the training data, each tree is grown depth-first to [`GbtParams::depth`] levels with
//! the second-order split gain of XGBoost (`G²/(H+λ)`), leaves need
//! [`GbtParams::min_leaf`] samples, and each tree's output is shrunk by the learning rate.
//! Training is deterministic (no sampling; ties go to the lowest feature and threshold).

use serde::{Deserialize, Serialize};

/// One node of a tree: a split when `feature >= 0` (`x[feature] <= threshold` goes to
/// `left`, else to `right`), a leaf with `value` otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Feature index, or -1 for a leaf.
    pub feature: i32,
    /// Split threshold (raw feature value).
    pub threshold: f64,
    /// Index of the left child.
    pub left: u32,
    /// Index of the right child.
    pub right: u32,
    /// Leaf output (log-odds contribution).
    pub value: f64,
}

/// A regression tree: node 0 is the root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    /// Nodes, root first.
    pub nodes: Vec<Node>,
}

impl Tree {
    /// Output of the tree for a feature vector (missing features count as 0).
    pub fn eval(&self, x: &[f64]) -> f64 {
        let mut i = 0usize;
        // A tree has fewer nodes than this bound; it also stops malformed (cyclic) trees.
        for _ in 0..=self.nodes.len() {
            let Some(n) = self.nodes.get(i) else {
                return 0.0;
            };
            if n.feature < 0 {
                return n.value;
            }
            let v = x.get(n.feature as usize).copied().unwrap_or(0.0);
            i = if v <= n.threshold { n.left } else { n.right } as usize;
        }
        0.0
    }
}

/// Training parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GbtParams {
    /// Number of trees.
    pub trees: usize,
    /// Maximum depth of a tree.
    pub depth: usize,
    /// Shrinkage of each tree.
    pub learning_rate: f64,
    /// Minimum number of samples in a leaf.
    pub min_leaf: usize,
    /// L2 regularisation of the leaf values.
    pub lambda: f64,
    /// Maximum number of histogram bins per feature.
    pub bins: usize,
}

impl Default for GbtParams {
    fn default() -> Self {
        GbtParams {
            trees: 300,
            depth: 4,
            learning_rate: 0.05,
            min_leaf: 100,
            lambda: 1.0,
            bins: 64,
        }
    }
}

/// A boosted ensemble: `p = σ(base + Σ tree(x))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gbt {
    /// Initial log-odds.
    pub base: f64,
    /// Trees (their leaf values already include the learning rate).
    pub trees: Vec<Tree>,
}

impl Gbt {
    /// Log-odds of a feature vector.
    pub fn margin(&self, x: &[f64]) -> f64 {
        self.base + self.trees.iter().map(|t| t.eval(x)).sum::<f64>()
    }

    /// Probability of the positive class.
    pub fn predict(&self, x: &[f64]) -> f64 {
        1.0 / (1.0 + (-self.margin(x)).exp())
    }

    /// Trains an ensemble on feature vectors `xs` (all of the same length) and labels `ys`.
    pub fn train(xs: &[Vec<f64>], ys: &[bool], p: &GbtParams) -> Gbt {
        let n = xs.len().min(ys.len());
        let d = xs.first().map_or(0, Vec::len);
        let pos = ys.iter().take(n).filter(|y| **y).count() as f64;
        let prior = ((pos + 0.5) / (n as f64 + 1.0)).clamp(1e-6, 1.0 - 1e-6);
        let base = (prior / (1.0 - prior)).ln();
        if n == 0 || d == 0 {
            return Gbt {
                base,
                trees: Vec::new(),
            };
        }
        // Bin edges per feature (distinct quantiles) and the binned data.
        let edges: Vec<Vec<f64>> = (0..d)
            .map(|f| {
                let mut v: Vec<f64> = xs[..n]
                    .iter()
                    .map(|x| x.get(f).copied().unwrap_or(0.0))
                    .collect();
                v.sort_by(f64::total_cmp);
                let mut e: Vec<f64> = (1..p.bins.max(2))
                    .map(|k| v[(v.len() - 1) * k / p.bins.max(2)])
                    .collect();
                e.dedup();
                if e.last() == v.last() {
                    e.pop();
                }
                e
            })
            .collect();
        let binned: Vec<Vec<u8>> = xs[..n]
            .iter()
            .map(|x| {
                (0..d)
                    .map(|f| {
                        let v = x.get(f).copied().unwrap_or(0.0);
                        edges[f].partition_point(|e| *e < v) as u8
                    })
                    .collect()
            })
            .collect();
        let mut margin = vec![base; n];
        let mut trees = Vec::with_capacity(p.trees);
        let mut g = vec![0.0; n];
        let mut h = vec![0.0; n];
        for _ in 0..p.trees {
            for i in 0..n {
                let pr = 1.0 / (1.0 + (-margin[i]).exp());
                g[i] = pr - if ys[i] { 1.0 } else { 0.0 };
                h[i] = (pr * (1.0 - pr)).max(1e-12);
            }
            let mut nodes = Vec::new();
            let all: Vec<u32> = (0..n as u32).collect();
            grow(&mut nodes, &all, 0, &binned, &edges, &g, &h, p);
            let tree = Tree { nodes };
            for (i, m) in margin.iter_mut().enumerate() {
                *m += tree.eval(&xs[i]);
            }
            trees.push(tree);
        }
        Gbt { base, trees }
    }
}

#[allow(clippy::too_many_arguments)]
fn grow(
    nodes: &mut Vec<Node>,
    idx: &[u32],
    depth: usize,
    binned: &[Vec<u8>],
    edges: &[Vec<f64>],
    g: &[f64],
    h: &[f64],
    p: &GbtParams,
) -> u32 {
    let me = nodes.len() as u32;
    let (gs, hs) = idx.iter().fold((0.0, 0.0), |(a, b), &i| {
        (a + g[i as usize], b + h[i as usize])
    });
    let leaf = Node {
        feature: -1,
        threshold: 0.0,
        left: 0,
        right: 0,
        value: -gs / (hs + p.lambda) * p.learning_rate,
    };
    nodes.push(leaf);
    if depth >= p.depth || idx.len() < 2 * p.min_leaf.max(1) {
        return me;
    }
    let parent = gs * gs / (hs + p.lambda);
    // (gain, feature, bin): split sends bins <= bin to the left.
    let mut best: Option<(f64, usize, usize)> = None;
    for (f, e) in edges.iter().enumerate() {
        let nb = e.len() + 1;
        if nb < 2 {
            continue;
        }
        let mut hg = vec![0.0; nb];
        let mut hh = vec![0.0; nb];
        let mut hc = vec![0usize; nb];
        for &i in idx {
            let b = binned[i as usize][f] as usize;
            hg[b] += g[i as usize];
            hh[b] += h[i as usize];
            hc[b] += 1;
        }
        let (mut gl, mut hl, mut cl) = (0.0, 0.0, 0usize);
        for b in 0..nb - 1 {
            gl += hg[b];
            hl += hh[b];
            cl += hc[b];
            let cr = idx.len() - cl;
            if cl < p.min_leaf || cr < p.min_leaf {
                continue;
            }
            let (gr, hr) = (gs - gl, hs - hl);
            let gain = gl * gl / (hl + p.lambda) + gr * gr / (hr + p.lambda) - parent;
            if gain > 1e-9 && best.map_or(true, |(bg, _, _)| gain > bg) {
                best = Some((gain, f, b));
            }
        }
    }
    let Some((_, f, b)) = best else {
        return me;
    };
    let (l, r): (Vec<u32>, Vec<u32>) = idx
        .iter()
        .partition(|&&i| (binned[i as usize][f] as usize) <= b);
    let left = grow(nodes, &l, depth + 1, binned, edges, g, h, p);
    let right = grow(nodes, &r, depth + 1, binned, edges, g, h, p);
    let n = &mut nodes[me as usize];
    n.feature = f as i32;
    n.threshold = edges[f][b];
    n.left = left;
    n.right = right;
    me
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_threshold_and_an_interaction() {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..2000 {
            let a = (i % 10) as f64;
            let b = ((i / 10) % 2) as f64;
            xs.push(vec![a, b]);
            // positive when a >= 5 and b == 1 (an interaction a linear model cannot fit)
            ys.push(a >= 5.0 && b > 0.5);
        }
        let m = Gbt::train(
            &xs,
            &ys,
            &GbtParams {
                min_leaf: 20,
                ..GbtParams::default()
            },
        );
        assert!(m.predict(&[8.0, 1.0]) > 0.9);
        assert!(m.predict(&[8.0, 0.0]) < 0.1);
        assert!(m.predict(&[2.0, 1.0]) < 0.1);
        // Deterministic.
        let m2 = Gbt::train(
            &xs,
            &ys,
            &GbtParams {
                min_leaf: 20,
                ..GbtParams::default()
            },
        );
        assert_eq!(m, m2);
    }

    #[test]
    fn empty_and_malformed_do_not_panic() {
        let m = Gbt::train(&[], &[], &GbtParams::default());
        assert!(m.predict(&[1.0]).is_finite());
        let t = Tree {
            nodes: vec![Node {
                feature: 0,
                threshold: 0.0,
                left: 0,
                right: 0,
                value: 0.0,
            }],
        };
        assert_eq!(t.eval(&[]), 0.0);
    }
}
