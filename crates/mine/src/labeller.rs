//! Token-level term labeller: how a word looks in its context, token by token.
//!
//! A multinomial logistic regression gives every token the probabilities of the labels
//! B (first token of a term), I (inside a term) and O (outside), from features that carry
//! over to new domains: part of speech at −2…+2, word shape, capitals, prefixes and suffixes
//! of 2–4 letters, the lower-case word only when it is common in general language (Zipf ≥
//! 4.5 in `data/<lang>/reffreq.tsv.gz`), the general-language Zipf bin, the in-document
//! frequency bin and the specificity bin (in-document Zipf − general Zipf), at −1…+1.
//! Word and affix features carry the language code, so one model serves several languages.
//! The previous label enters as two more features (the label, the label with the part of
//! speech): trained on the gold previous label, and at labelling time summed out by a forward
//! pass, which gives each token's marginal P(B), P(I), P(O) and its P(I) given that the
//! previous token is B or I (for the probability of an exact span).
//!
//! [`DocLabels`] keeps the probabilities of a document's tokens with their byte spans;
//! [`LabelAgg`] turns the occurrences of a candidate into the ranker features
//! [`LABEL_FEATURES`] (see there). The model is trained on the sequential IOB annotations of
//! ACTER 1.5 by the `acter` example (`train`), shipped as `data/labeller/pooled.bin`.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use termsmith_tag::TokenTag;
use termsmith_tokenize::{Document, Lang};

use crate::resources::LangData;

/// Names of the candidate features derived from the labeller, appended to the other ranker
/// features:
///
/// * `lab_in`: mean over the occurrences of the mean P(B or I) of its tokens;
/// * `lab_b`: mean P(B) at the first token;
/// * `lab_right`: mean P(not I) of the token after the occurrence given that the occurrence
///   ends a term (1 at a sentence end);
/// * `lab_span`: mean probability of the exact span (B, then I given the previous label, then
///   not I), as a geometric mean per decision;
/// * `lab_span_max`: its maximum over the occurrences;
/// * `lab_exact`: share of occurrences whose most probable labels are exactly the span.
pub const LABEL_FEATURES: [&str; 6] = [
    "lab_in",
    "lab_b",
    "lab_right",
    "lab_span",
    "lab_span_max",
    "lab_exact",
];

/// Label indices.
pub const B: usize = 0;
/// Inside a term.
pub const I: usize = 1;
/// Outside any term.
pub const O: usize = 2;

/// Hashed features of every token of a text.
#[derive(Debug, Clone, Default)]
pub struct TokenFeatures {
    ids: Vec<u32>,
    /// Token k's features are `ids[offsets[k]..offsets[k + 1]]`.
    offsets: Vec<u32>,
    /// Per token, the hash of its part of speech (for the previous-label features).
    upos: Vec<u32>,
    /// Per token, whether it starts a sentence.
    first: Vec<bool>,
}

impl TokenFeatures {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    /// No tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The features of the tokens of `r` alone (e.g. one sentence).
    pub fn slice(&self, r: Range<usize>) -> TokenFeatures {
        let end = r.end.min(self.len());
        let r = r.start.min(end)..end;
        let a = self.offsets[r.start];
        TokenFeatures {
            ids: self.ids[a as usize..self.offsets[r.end] as usize].to_vec(),
            offsets: self.offsets[r.start..=r.end]
                .iter()
                .map(|o| o - a)
                .collect(),
            upos: self.upos[r.clone()].to_vec(),
            first: self.first[r].to_vec(),
        }
    }
    fn token(&self, k: usize) -> &[u32] {
        let a = self.offsets[k] as usize;
        let b = self.offsets[k + 1] as usize;
        &self.ids[a..b]
    }
}

struct H(u64);
impl H {
    fn new(tag: &str) -> H {
        let mut h = H(0xcbf2_9ce4_8422_2325);
        h.add(tag.as_bytes());
        h
    }
    fn add(&mut self, b: &[u8]) -> &mut H {
        for x in b {
            self.0 ^= u64::from(*x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        self
    }
    fn get(&self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

/// Per-token values the features are built from.
struct Tok {
    lower: String,
    upos: &'static str,
    shape: String,
    zipf_bin: u8,
    freq_bin: u8,
    spec_bin: i8,
    common: bool,
    cap_mid: bool,
}

fn shape(w: &str) -> String {
    let mut s = String::new();
    let mut last = ' ';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
        }
        if s.len() >= 6 {
            break;
        }
    }
    s
}

/// Features of the tokens of a text split into sentences (`sentences` hold token index
/// ranges into `words`; `tags` parallel to `words`, or empty when untagged).
pub fn features(
    lang: Lang,
    words: &[&str],
    tags: &[TokenTag],
    sentences: &[Range<usize>],
) -> TokenFeatures {
    let Some(data) = LangData::get(lang.code()) else {
        return TokenFeatures {
            ids: Vec::new(),
            offsets: vec![0; words.len() + 1],
            upos: vec![0; words.len()],
            first: vec![true; words.len()],
        };
    };
    let reff = data.reffreq();
    let lowers: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut counts: HashMap<&str, u32> = HashMap::default();
    let mut nwords = 0u32;
    for (w, l) in words.iter().zip(&lowers) {
        if w.chars().any(char::is_alphanumeric) {
            *counts.entry(l.as_str()).or_insert(0) += 1;
            nwords += 1;
        }
    }
    let mut first = vec![false; words.len()];
    for s in sentences {
        if let Some(f) = first.get_mut(s.start) {
            *f = true;
        }
    }
    let toks: Vec<Tok> = words
        .iter()
        .zip(&lowers)
        .enumerate()
        .map(|(k, (w, l))| {
            let z = reff.get(l.as_str()).map_or(0.0, |z| f64::from(*z) / 100.0);
            let c = counts.get(l.as_str()).copied().unwrap_or(0);
            let dz = if c > 0 {
                (f64::from(c) / f64::from(nwords.max(1)) * 1e9).log10()
            } else {
                0.0
            };
            let alpha = w.chars().any(char::is_alphabetic);
            Tok {
                upos: tags.get(k).map_or("-", |t| t.upos.as_str()),
                shape: shape(w),
                zipf_bin: z.round().clamp(0.0, 8.0) as u8,
                freq_bin: (f64::from(c.max(1)).log2().floor() as u8).min(7),
                spec_bin: if alpha {
                    (dz - z).round().clamp(-3.0, 8.0) as i8
                } else {
                    -9
                },
                common: z >= 4.5 || !alpha,
                cap_mid: !first[k] && w.chars().next().is_some_and(char::is_uppercase),
                lower: l.clone(),
            }
        })
        .collect();
    let code = lang.code().as_bytes();
    let mut ids = Vec::with_capacity(words.len() * 40);
    let mut offsets = Vec::with_capacity(words.len() + 1);
    offsets.push(0u32);
    // The sentence of each token (a token outside every sentence stands alone).
    let mut bounds: Vec<Range<usize>> = (0..toks.len()).map(|k| k..k + 1).collect();
    for s in sentences {
        let r = s.start.min(toks.len())..s.end.min(toks.len());
        for b in &mut bounds[r.clone()] {
            *b = r.clone();
        }
    }
    {
        for (k, r) in bounds.iter().enumerate() {
            let at = |d: isize| -> Option<&Tok> {
                let j = k as isize + d;
                (j >= r.start as isize && j < r.end as isize).then(|| &toks[j as usize])
            };
            let t = &toks[k];
            let mut push = |h: &H| ids.push(h.get());
            push(&H::new("bias"));
            for d in [-2isize, -1, 0, 1, 2] {
                let u = at(d).map_or("<s>", |x| x.upos);
                push(H::new("u").add(&d.to_le_bytes()).add(u.as_bytes()));
            }
            let um1 = at(-1).map_or("<s>", |x| x.upos);
            let up1 = at(1).map_or("<s>", |x| x.upos);
            push(H::new("uu-").add(um1.as_bytes()).add(t.upos.as_bytes()));
            push(H::new("uu+").add(t.upos.as_bytes()).add(up1.as_bytes()));
            push(
                H::new("uuu")
                    .add(um1.as_bytes())
                    .add(t.upos.as_bytes())
                    .add(up1.as_bytes()),
            );
            for d in [-1isize, 0, 1] {
                let Some(x) = at(d) else {
                    continue;
                };
                let db = d.to_le_bytes();
                let w = if x.common { x.lower.as_str() } else { "<rare>" };
                push(H::new("w").add(&db).add(code).add(w.as_bytes()));
                push(H::new("sh").add(&db).add(x.shape.as_bytes()));
                push(H::new("z").add(&db).add(&[x.zipf_bin]));
                push(H::new("sp").add(&db).add(&x.spec_bin.to_le_bytes()));
                push(
                    H::new("usp")
                        .add(&db)
                        .add(x.upos.as_bytes())
                        .add(&x.spec_bin.to_le_bytes()),
                );
                push(H::new("cap").add(&db).add(&[u8::from(x.cap_mid)]));
            }
            push(H::new("f").add(&[t.freq_bin]));
            push(H::new("uf").add(t.upos.as_bytes()).add(&[t.freq_bin]));
            push(H::new("uz").add(t.upos.as_bytes()).add(&[t.zipf_bin]));
            for d in [-2isize, 2] {
                if let Some(x) = at(d) {
                    let w = if x.common { x.lower.as_str() } else { "<rare>" };
                    push(
                        H::new("w")
                            .add(&d.to_le_bytes())
                            .add(code)
                            .add(w.as_bytes()),
                    );
                }
            }
            // Prefixes and suffixes of 2–4 characters of words of at least 4.
            let lw = t.lower.as_str();
            let bounds: smallvec::SmallVec<[usize; 24]> = lw
                .char_indices()
                .map(|(i, _)| i)
                .chain([lw.len()])
                .collect();
            let nchars = bounds.len() - 1;
            if nchars >= 4 {
                for n in 2..=4usize.min(nchars - 1) {
                    let p = &lw[..bounds[n]];
                    let s = &lw[bounds[nchars - n]..];
                    push(H::new("p").add(code).add(p.as_bytes()));
                    push(H::new("s").add(code).add(s.as_bytes()));
                }
            }
            offsets.push(ids.len() as u32);
        }
    }
    let upos = toks
        .iter()
        .map(|t| H::new("").add(t.upos.as_bytes()).get())
        .collect();
    let first = bounds
        .iter()
        .enumerate()
        .map(|(k, r)| k == r.start)
        .collect();
    TokenFeatures {
        ids,
        offsets,
        upos,
        first,
    }
}

/// Previous-label features of token `k` given the previous label `prev` ([`B`], [`I`], [`O`],
/// or 3 at a sentence start).
fn prev_features(f: &TokenFeatures, k: usize, prev: u8) -> [u32; 2] {
    let u = f.upos.get(k).copied().unwrap_or(0);
    [
        H::new("pl").add(&[prev]).get(),
        H::new("plu").add(&[prev]).add(&u.to_le_bytes()).get(),
    ]
}

/// [`features`] of a document's tokens (normalised forms, its sentences; `tags` parallel to
/// its tokens, or empty).
pub fn doc_features(lang: Lang, doc: &Document, tags: &[TokenTag]) -> TokenFeatures {
    let words: Vec<std::borrow::Cow<'_, str>> = doc.tokens.iter().map(|t| doc.norm(t)).collect();
    let refs: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
    let sents: Vec<Range<usize>> = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
    let tags = if tags.len() == refs.len() { tags } else { &[] };
    features(lang, &refs, tags, &sents)
}

/// The labeller: weights of the hashed features for B, I, O.
#[derive(Debug, Clone, Default)]
pub struct Labeller {
    weights: HashMap<u32, [f32; 3]>,
}

/// A training text: its features and the gold label of each token ([`B`], [`I`], [`O`]).
pub struct Example {
    /// Token features.
    pub features: TokenFeatures,
    /// Gold labels, parallel to the tokens.
    pub labels: Vec<u8>,
}

fn softmax(z: [f32; 3]) -> [f32; 3] {
    let m = z[0].max(z[1]).max(z[2]);
    let e = [(z[0] - m).exp(), (z[1] - m).exp(), (z[2] - m).exp()];
    let s = e[0] + e[1] + e[2];
    [e[0] / s, e[1] / s, e[2] / s]
}

impl Labeller {
    /// Trains by stochastic gradient descent on the logistic loss (features seen fewer than
    /// `min_count` times are dropped; deterministic order).
    pub fn train(examples: &[Example], epochs: usize, min_count: u32, l2: f32) -> Labeller {
        let mut count: HashMap<u32, u32> = HashMap::default();
        let gold_prev = |e: &Example, k: usize| -> u8 {
            if k == 0 || e.features.first.get(k).copied().unwrap_or(true) {
                3
            } else {
                e.labels[k - 1]
            }
        };
        for e in examples {
            for x in &e.features.ids {
                *count.entry(*x).or_insert(0) += 1;
            }
            for k in 0..e.labels.len().min(e.features.len()) {
                for x in prev_features(&e.features, k, gold_prev(e, k)) {
                    *count.entry(x).or_insert(0) += 1;
                }
            }
        }
        let mut keys: Vec<u32> = count
            .iter()
            .filter(|(_, c)| **c >= min_count)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        let index: HashMap<u32, u32> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, i as u32))
            .collect();
        let mut w = vec![[0f32; 3]; keys.len()];
        let mut buf: Vec<usize> = Vec::new();
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for ep in 0..epochs {
            let lr = 0.1 / (1.0 + ep as f32);
            // Deterministic shuffle (Fisher–Yates with a xorshift generator).
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for e in order.iter().map(|&i| &examples[i]) {
                for (k, &y) in e.labels.iter().enumerate() {
                    if k >= e.features.len() {
                        break;
                    }
                    buf.clear();
                    buf.extend(
                        e.features
                            .token(k)
                            .iter()
                            .chain(&prev_features(&e.features, k, gold_prev(e, k)))
                            .filter_map(|x| index.get(x).map(|i| *i as usize)),
                    );
                    let mut z = [0f32; 3];
                    for &i in &buf {
                        for c in 0..3 {
                            z[c] += w[i][c];
                        }
                    }
                    let p = softmax(z);
                    for &i in &buf {
                        for c in 0..3 {
                            let g = p[c] - f32::from(u8::from(usize::from(y) == c));
                            w[i][c] -= lr * (g + l2 * w[i][c]);
                        }
                    }
                }
            }
        }
        let weights = keys
            .iter()
            .zip(&w)
            .map(|(k, s)| (*k, *s))
            .filter(|(_, s)| s.iter().any(|x| x.abs() > 1e-4))
            .collect();
        Labeller { weights }
    }

    /// The shipped labeller (`data/labeller/pooled.bin`, trained on the IOB annotations of
    /// ACTER 1.5 corp, equi and wind in fr, en and nl), if it parses.
    pub fn embedded() -> Option<&'static Labeller> {
        static M: std::sync::OnceLock<Option<Labeller>> = std::sync::OnceLock::new();
        M.get_or_init(|| {
            Labeller::from_bytes(include_bytes!("../data/labeller/pooled.bin"))
                .filter(|m| !m.is_empty())
        })
        .as_ref()
    }

    /// Number of weighted features.
    pub fn len(&self) -> usize {
        self.weights.len()
    }
    /// No weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Per token: the marginal probabilities of B, I and O (forward pass over the
    /// previous label), then P(I | previous B) and P(I | previous I).
    pub fn label(&self, f: &TokenFeatures) -> Vec<[f32; 5]> {
        let mut out: Vec<[f32; 5]> = Vec::with_capacity(f.len());
        let zero = [0f32; 3];
        for k in 0..f.len() {
            let mut z = [0f32; 3];
            for x in f.token(k) {
                if let Some(w) = self.weights.get(x) {
                    for c in 0..3 {
                        z[c] += w[c];
                    }
                }
            }
            let cond = |prev: u8| -> [f32; 3] {
                let mut zz = z;
                for x in prev_features(f, k, prev) {
                    let w = self.weights.get(&x).unwrap_or(&zero);
                    for c in 0..3 {
                        zz[c] += w[c];
                    }
                }
                softmax(zz)
            };
            let prev = if f.first.get(k).copied().unwrap_or(true) || k == 0 {
                None
            } else {
                out.last().copied()
            };
            let row = match prev {
                None => {
                    let p = cond(3);
                    [p[0], p[1], p[2], p[1], p[1]]
                }
                Some(q) => {
                    let cb = cond(B as u8);
                    let ci = cond(I as u8);
                    let co = cond(O as u8);
                    let mut m = [0f32; 3];
                    for c in 0..3 {
                        m[c] = q[0] * cb[c] + q[1] * ci[c] + q[2] * co[c];
                    }
                    [m[0], m[1], m[2], cb[1], ci[1]]
                }
            };
            out.push(row);
        }
        out
    }

    /// Compact binary form: per feature, hash (u32 LE) and the three weights as i16 LE
    /// (units of 1/1024), sorted by hash.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v: Vec<(&u32, &[f32; 3])> = self.weights.iter().collect();
        v.sort_unstable_by_key(|x| *x.0);
        let mut out = Vec::with_capacity(v.len() * 10 + 8);
        out.extend_from_slice(b"TSLB0001");
        for (k, w) in v {
            let q: Vec<i16> = w
                .iter()
                .map(|x| (x * 1024.0).round().clamp(-32767.0, 32767.0) as i16)
                .collect();
            if q.iter().all(|x| *x == 0) {
                continue;
            }
            out.extend_from_slice(&k.to_le_bytes());
            for x in q {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Reads [`Labeller::to_bytes`]; `None` when malformed.
    pub fn from_bytes(b: &[u8]) -> Option<Labeller> {
        let body = b.strip_prefix(b"TSLB0001")?;
        if body.len() % 10 != 0 {
            return None;
        }
        let mut weights = HashMap::with_capacity_and_hasher(body.len() / 10, Default::default());
        for c in body.chunks_exact(10) {
            let k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let w = |i: usize| f32::from(i16::from_le_bytes([c[i], c[i + 1]])) / 1024.0;
            weights.insert(k, [w(4), w(6), w(8)]);
        }
        Some(Labeller { weights })
    }
}

/// The label probabilities of a document's tokens, with their byte spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocLabels {
    starts: Vec<usize>,
    ends: Vec<usize>,
    /// Token is the last of its sentence.
    last: Vec<bool>,
    probs: Vec<[f32; 5]>,
}

impl DocLabels {
    /// Labels the tokens of a document (`tags` parallel to its tokens, or empty).
    pub fn new(labeller: &Labeller, lang: Lang, doc: &Document, tags: &[TokenTag]) -> DocLabels {
        DocLabels::with_probs(doc, labeller.label(&doc_features(lang, doc, tags)))
    }

    /// The token spans of a document with given probabilities (parallel to its tokens).
    pub fn with_probs(doc: &Document, probs: Vec<[f32; 5]>) -> DocLabels {
        let mut last = vec![true; doc.tokens.len()];
        for s in &doc.sentences {
            for k in s.tokens.start..s.tokens.end.saturating_sub(1) {
                if let Some(l) = last.get_mut(k) {
                    *l = false;
                }
            }
        }
        DocLabels {
            starts: doc.tokens.iter().map(|t| t.span.start).collect(),
            ends: doc.tokens.iter().map(|t| t.span.end).collect(),
            last,
            probs,
        }
    }

    /// Replaces the probabilities (parallel to the tokens).
    pub fn set_probs(&mut self, probs: Vec<[f32; 5]>) {
        self.probs = probs;
    }

    /// The tokens covering exactly the byte span `start..end`.
    fn tokens(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let a = self.starts.binary_search(&start).ok()?;
        let b = a + self.ends[a..].partition_point(|e| *e < end);
        (self.ends.get(b) == Some(&end)).then_some(a..b + 1)
    }
}

/// Accumulates the occurrences of one candidate into [`LABEL_FEATURES`].
#[derive(Debug, Clone, Default)]
pub struct LabelAgg {
    n: u32,
    sum_in: f64,
    sum_b: f64,
    sum_right: f64,
    sum_span: f64,
    max_span: f64,
    exact: u32,
}

impl LabelAgg {
    /// Adds the occurrence at byte span `start..end` of a document (ignored when it does not
    /// fall on token boundaries).
    pub fn add(&mut self, d: &DocLabels, start: usize, end: usize) {
        let Some(r) = d.tokens(start, end) else {
            return;
        };
        let p = &d.probs;
        if r.end > p.len() || r.is_empty() {
            return;
        }
        self.n += 1;
        let mut s_in = 0.0;
        let mut lp = f64::from(p[r.start][B]).max(1e-6).ln();
        let mut exact = argmax(p[r.start]) == B;
        for k in r.clone() {
            s_in += f64::from(p[k][B] + p[k][I]);
            if k > r.start {
                let c = if k == r.start + 1 { p[k][3] } else { p[k][4] };
                lp += f64::from(c).max(1e-6).ln();
                exact &= argmax(p[k]) == I;
            }
        }
        let mut decisions = r.len() as f64;
        let right = if d.last[r.end - 1] {
            1.0
        } else {
            decisions += 1.0;
            let c = if r.len() == 1 {
                p[r.end][3]
            } else {
                p[r.end][4]
            };
            let pr = f64::from(1.0 - c).max(1e-6);
            lp += pr.ln();
            exact &= argmax(p[r.end]) != I;
            pr
        };
        let span = (lp / decisions).exp();
        self.sum_in += s_in / r.len() as f64;
        self.sum_b += f64::from(p[r.start][B]);
        self.sum_right += right;
        self.sum_span += span;
        self.max_span = self.max_span.max(span);
        self.exact += u32::from(exact);
    }

    /// The features, in the order of [`LABEL_FEATURES`] (all 0 without occurrences).
    pub fn features(&self) -> [f64; 6] {
        if self.n == 0 {
            return [0.0; 6];
        }
        let n = f64::from(self.n);
        [
            self.sum_in / n,
            self.sum_b / n,
            self.sum_right / n,
            self.sum_span / n,
            self.max_span,
            f64::from(self.exact) / n,
        ]
    }
}

fn argmax(p: [f32; 5]) -> usize {
    if p[0] >= p[1] && p[0] >= p[2] {
        0
    } else if p[1] >= p[2] {
        1
    } else {
        2
    }
}

/// Reads a sequential IOB file of ACTER (`token<TAB>B|I|O`, blank line between sentences):
/// the tokens, their labels and the sentences as token ranges.
pub fn read_iob(text: &str) -> (Vec<String>, Vec<u8>, Vec<Range<usize>>) {
    let (mut words, mut labels, mut sents) = (Vec::new(), Vec::new(), Vec::new());
    let mut start = 0;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if words.len() > start {
                sents.push(start..words.len());
            }
            start = words.len();
            continue;
        }
        let (w, l) = line.rsplit_once('\t').unwrap_or((line, "O"));
        words.push(termsmith_tokenize::normalize(w).into_owned());
        labels.push(match l.trim() {
            "B" => B as u8,
            "I" => I as u8,
            _ => O as u8,
        });
    }
    if words.len() > start {
        sents.push(start..words.len());
    }
    (words, labels, sents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_simple_pattern() {
        let lang = Lang::EN;
        let mut ex = Vec::new();
        for i in 0..50 {
            let (w, l, s) = read_iob(&format!(
                "the\tO\nwind\tB\nturbine{i}\tI\nblade\tI\nis\tO\nlarge\tO\n"
            ));
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            ex.push(Example {
                features: features(lang, &refs, &[], &s),
                labels: l,
            });
        }
        let m = Labeller::train(&ex, 3, 1, 0.0);
        let p = m.label(&ex[0].features);
        assert_eq!(argmax(p[0]), O);
        assert_eq!(argmax(p[1]), B);
        assert_eq!(argmax(p[2]), I);
        let back = Labeller::from_bytes(&m.to_bytes()).unwrap();
        let q = back.label(&ex[0].features);
        assert!((q[1][B] - p[1][B]).abs() < 0.01);
    }

    #[test]
    fn slice_clamps_any_range() {
        let (w, _, s) = read_iob("the\tO\nwind\tB\nturbine\tI\n\nit\tO\nturns\tO\n");
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        let f = features(Lang::EN, &refs, &[], &s);
        assert_eq!(f.len(), 5);
        assert_eq!(f.slice(1..3).len(), 2);
        assert_eq!(f.slice(1..3).token(0), f.token(1));
        assert_eq!(f.slice(3..9).len(), 2);
        // A reversed range is what this checks.
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 4..2;
        assert!(f.slice(reversed).is_empty());
        assert!(f.slice(7..9).is_empty());
    }

    #[test]
    fn span_features_follow_the_probabilities() {
        let tok = termsmith_tokenize::Tokenizer::builder()
            .lang(Some(Lang::EN))
            .build();
        let doc = tok.tokenize("the wind turbine is large");
        // the O, wind B, turbine I, is O, large O.
        let p = |b: f32, i: f32| [b, i, 1.0 - b - i, i, i];
        let probs = vec![
            p(0.1, 0.0),
            p(0.8, 0.1),
            p(0.1, 0.8),
            p(0.0, 0.1),
            p(0.1, 0.1),
        ];
        let d = DocLabels::with_probs(&doc, probs);
        let mut good = LabelAgg::default();
        good.add(&d, 4, 16); // "wind turbine"
        let mut cut = LabelAgg::default();
        cut.add(&d, 4, 8); // "wind"
        let (g, c) = (good.features(), cut.features());
        assert_eq!(g[5], 1.0);
        assert_eq!(c[5], 0.0);
        assert!(g[3] > c[3]);
        // Not on token boundaries: ignored.
        let mut none = LabelAgg::default();
        none.add(&d, 5, 16);
        assert_eq!(none.features(), [0.0; 6]);
    }

    #[test]
    fn label_features_merge_across_shards() {
        use crate::{DocId, Miner, Ranker};
        let tok = termsmith_tokenize::Tokenizer::builder()
            .lang(Some(Lang::FR))
            .build();
        let texts = [
            "Les mesures de confiance renforcent la cyber-résilience des États.",
            "Une mesure de confiance et la cyberrésilience sont liées.",
        ];
        let b = Miner::builder()
            .lang(Lang::FR)
            .min_freq(1)
            .ranker(Ranker::Learned);
        let mut one = b.clone().build().unwrap();
        for t in texts {
            one.add_document("x", &tok.tokenize(t), &[]);
        }
        let mut first = b.clone().build().unwrap();
        let mut second = b.build().unwrap();
        first.add_document_as(DocId(0), "x", &tok.tokenize(texts[0]), &[]);
        second.add_document_as(DocId(1), "x", &tok.tokenize(texts[1]), &[]);
        first.merge_stats(second.into_stats());
        let (a, b) = (one.finish(), first.finish());
        assert_eq!(a.terms, b.terms);
        let n = crate::ranker::FEATURE_NAMES.len() - LABEL_FEATURES.len();
        let t = a
            .terms
            .iter()
            .find(|t| t.key == "mesure de confiance")
            .unwrap();
        assert!(Labeller::embedded().is_some());
        assert!(t.features[n..].iter().any(|x| *x > 0.0));
    }
}
