//! Training and evaluation from Universal Dependencies CoNLL-U files.
//!
//! This is what `tools/train-tagger.sh` runs (through `examples/train.rs`); it is public so that a model
//! for another language can be trained from any UD treebank without touching the code.
//!
//! The tagger works on *surface* tokens as the termsmith tokenizer produces them, not on UD syntactic
//! words, so [`read_conllu`] maps the treebank onto surface tokens:
//!
//! * a multiword token (`du` = `de` + `le`, `aux`, `des`, English `don't` = `do` + `n't`) becomes one token
//!   with the UPOS and lemma of its **first** part (`du`/`des` → ADP `de`, `au`/`aux` → ADP `à`,
//!   `don't` → AUX `do`, `Bush's` → PROPN `Bush`);
//! * words written without spaces around a hyphen (`long` `-` `term`) become one token (`long-term`), the
//!   way the tokenizer keeps hyphenated compounds whole; its UPOS is that of the part whose syntactic head
//!   lies outside the compound (the last part if that is ambiguous), its lemma the parts' forms joined by
//!   hyphens with the last part replaced by its lemma;
//! * likewise `12109` `/` `13` written without spaces becomes the single NUM token `12109/13`.

use crate::features::{normalize_apostrophes, Extractor, N_FEATS, N_STATIC};
use crate::lemma::LemmaTrainer;
use crate::model::{gzip, ModelData, NT};
use crate::upos::Upos;
use crate::{TagError, Tagger};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// One surface token of a training or test sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldToken {
    /// Surface form (typographic apostrophes normalised to `'`).
    pub form: String,
    /// Gold part of speech.
    pub upos: Upos,
    /// Gold lemma (`_` when the treebank has none).
    pub lemma: String,
}

/// A sentence of gold surface tokens.
pub type GoldSentence = Vec<GoldToken>;

/// Error while reading CoNLL-U.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("CoNLL-U line {line}: {reason}")]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

struct Word {
    id: usize,
    form: String,
    lemma: String,
    upos: Upos,
    head: usize,
    space_after: bool,
}

struct Surface {
    tok: GoldToken,
    /// Word ids covered.
    ids: (usize, usize),
    /// Heads of the words (for compounds).
    heads: Vec<usize>,
    space_after: bool,
    mwt: bool,
}

fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|m| m == "SpaceAfter=No")
}

/// How UD words are mapped onto surface tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurfaceOptions {
    /// Clitics the tokenizer splits off word ends (English `'s`, as in termsmith-tokenize's
    /// `data/<lang>/clitics.txt`), lower case with `'` as apostrophe. A multiword token ending in one of
    /// them is kept as two tokens (`Bush's` → `Bush` + `'s`) instead of one.
    pub split_clitics: Vec<String>,
    /// Characters deleted from lemmas when the form does not contain them: Dutch Alpino/LassySmall
    /// lemmas mark compound and particle boundaries with `_` (`gemeenteraad` → `gemeente_raad`), which
    /// termsmith does not want (`gemeenteraad`). Applied to training and test files alike.
    pub lemma_strip: Vec<char>,
}

/// Reads a CoNLL-U text into sentences of surface tokens (see the module documentation for the mapping).
pub fn read_conllu(text: &str) -> Result<Vec<GoldSentence>, ConlluError> {
    read_conllu_with(text, &SurfaceOptions::default())
}

/// [`read_conllu`] with options.
pub fn read_conllu_with(
    text: &str,
    opts: &SurfaceOptions,
) -> Result<Vec<GoldSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut mwts: Vec<(usize, usize, String, bool)> = Vec::new();
    let lines = text.lines().chain(std::iter::once(""));
    for (i, line) in lines.enumerate() {
        let ln = i + 1;
        if line.trim().is_empty() {
            if !words.is_empty() {
                out.push(surface_sentence(&words, &mwts, opts));
            }
            words.clear();
            mwts.clear();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 {
            return Err(ConlluError {
                line: ln,
                reason: format!("expected 10 columns, found {}", f.len()),
            });
        }
        let bad = |r: &str| ConlluError {
            line: ln,
            reason: r.to_string(),
        };
        if f[0].contains('.') {
            continue; // empty node
        }
        if let Some((a, b)) = f[0].split_once('-') {
            let a = a.parse().map_err(|_| bad("bad range id"))?;
            let b = b.parse().map_err(|_| bad("bad range id"))?;
            mwts.push((
                a,
                b,
                normalize_apostrophes(f[1]).into_owned(),
                space_after(f[9]),
            ));
            continue;
        }
        let upos = f[3].parse::<Upos>().map_err(|e| bad(&e.to_string()))?;
        let mut lemma = normalize_apostrophes(f[2]).into_owned();
        if lemma.len() > 1
            && lemma.contains(&opts.lemma_strip[..])
            && !f[1].contains(&opts.lemma_strip[..])
        {
            lemma.retain(|c| !opts.lemma_strip.contains(&c));
        }
        words.push(Word {
            id: f[0].parse().map_err(|_| bad("bad id"))?,
            form: normalize_apostrophes(f[1]).into_owned(),
            lemma,
            upos,
            head: f[6].parse().unwrap_or(0),
            space_after: space_after(f[9]),
        });
    }
    Ok(out)
}

fn surface_sentence(
    words: &[Word],
    mwts: &[(usize, usize, String, bool)],
    opts: &SurfaceOptions,
) -> GoldSentence {
    let mut surf: Vec<Surface> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if let Some((a, b, form, sa)) = mwts.iter().find(|m| m.0 == w.id) {
            let n = b - a + 1;
            let last = words.get(i + n.saturating_sub(1)).filter(|l| l.id == *b);
            let lower = form.to_lowercase();
            let clitic = last.filter(|l| {
                n >= 2
                    && opts.split_clitics.iter().any(|c| {
                        l.form.to_lowercase() == *c
                            && lower.ends_with(c.as_str())
                            && lower.len() > c.len()
                    })
            });
            if let Some(l) = clitic {
                let cut = form.len() - l.form.len();
                if form.is_char_boundary(cut) {
                    surf.push(Surface {
                        tok: GoldToken {
                            form: form[..cut].to_string(),
                            upos: w.upos,
                            lemma: w.lemma.clone(),
                        },
                        ids: (*a, *b - 1),
                        heads: Vec::new(),
                        space_after: false,
                        mwt: true,
                    });
                    surf.push(Surface {
                        tok: GoldToken {
                            form: form[cut..].to_string(),
                            upos: l.upos,
                            lemma: l.lemma.clone(),
                        },
                        ids: (*b, *b),
                        heads: vec![l.head],
                        space_after: *sa,
                        mwt: true,
                    });
                    i += n;
                    continue;
                }
            }
            surf.push(Surface {
                tok: GoldToken {
                    form: form.clone(),
                    upos: w.upos,
                    lemma: w.lemma.clone(),
                },
                ids: (*a, *b),
                heads: Vec::new(),
                space_after: *sa,
                mwt: true,
            });
            i += n.max(1);
            continue;
        }
        surf.push(Surface {
            tok: GoldToken {
                form: w.form.clone(),
                upos: w.upos,
                lemma: w.lemma.clone(),
            },
            ids: (w.id, w.id),
            heads: vec![w.head],
            space_after: w.space_after,
            mwt: false,
        });
        i += 1;
    }
    merge_compounds(surf)
}

fn is_alnum_word(s: &Surface) -> bool {
    !s.mwt && s.tok.form.chars().any(char::is_alphanumeric) && !s.tok.form.ends_with('-')
}

fn is_digits(s: &Surface) -> bool {
    !s.mwt && !s.tok.form.is_empty() && s.tok.form.chars().all(|c| c.is_ascii_digit())
}

/// Joins `a - b (- c…)` and `d / d` written without spaces into single tokens.
fn merge_compounds(surf: Vec<Surface>) -> GoldSentence {
    let mut out: GoldSentence = Vec::with_capacity(surf.len());
    let mut i = 0;
    while i < surf.len() {
        // Find the longest chain x (sep x)* with no spaces inside.
        let mut j = i;
        let mut sep = None;
        while j + 2 < surf.len() {
            let (x, s, y) = (&surf[j], &surf[j + 1], &surf[j + 2]);
            let s_form = s.tok.form.as_str();
            let ok_sep = match (sep, s_form) {
                (None | Some("-"), "-") => is_alnum_word(x) && is_alnum_word(y),
                (None | Some("/"), "/") => is_digits(x) && is_digits(y),
                _ => false,
            };
            if ok_sep && !x.space_after && !s.space_after {
                sep = Some(if s_form == "-" { "-" } else { "/" });
                j += 2;
            } else {
                break;
            }
        }
        if j == i {
            out.push(surf[i].tok.clone());
            i += 1;
            continue;
        }
        let parts = &surf[i..=j];
        let form: String = parts.iter().map(|p| p.tok.form.as_str()).collect();
        let tok = if sep == Some("/") {
            GoldToken {
                lemma: form.clone(),
                form,
                upos: Upos::Num,
            }
        } else {
            let (lo, hi) = (parts[0].ids.0, parts[parts.len() - 1].ids.1);
            let heads: Vec<&Surface> = parts
                .iter()
                .step_by(2)
                .filter(|p| p.heads.iter().any(|&h| h < lo || h > hi))
                .collect();
            let head = if heads.len() == 1 {
                heads[0]
            } else {
                &parts[parts.len() - 1]
            };
            let upos = head.tok.upos;
            let last = &parts[parts.len() - 1];
            let mut lemma = String::new();
            for p in &parts[..parts.len() - 1] {
                if upos == Upos::Propn {
                    lemma.push_str(&p.tok.form);
                } else {
                    lemma.push_str(&p.tok.form.to_lowercase());
                }
            }
            lemma.push_str(&last.tok.lemma);
            GoldToken { form, upos, lemma }
        };
        out.push(tok);
        i = j + 1;
    }
    out
}

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the per-epoch sentence shuffling.
    pub seed: u64,
    /// A word form goes into the tag dictionary (tagged without the model) if seen at least this often…
    pub dict_min_count: u32,
    /// …with at least this share of its occurrences under one tag.
    pub dict_min_share: f64,
    /// Averaged weights with a smaller absolute value are dropped.
    pub prune: f32,
    /// Longest suffix (in characters) of the lemma rules.
    pub lemma_max_suffix: usize,
    /// A lemma rule needs at least this many training types.
    pub lemma_min_count: u32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            seed: 0x5eed,
            dict_min_count: 20,
            dict_min_share: 0.995,
            prune: 0.5,
            lemma_max_suffix: 6,
            lemma_min_count: 2,
        }
    }
}

/// A trained model: the two files of `data/<lang>/`, gzip-compressed.
#[derive(Debug, Clone)]
pub struct TrainedModel {
    /// Contents of `tagger.bin.gz`.
    pub tagger: Vec<u8>,
    /// Contents of `lemmas.tsv.gz`.
    pub lemmas: Vec<u8>,
    /// Number of features kept after pruning.
    pub n_features: usize,
}

#[derive(Default)]
struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

struct Perc {
    index: HashMap<u64, u32, BuildHasherDefault<IdHasher>>,
    w: Vec<[f32; NT]>,
    tot: Vec<[f64; NT]>,
    ts: Vec<[u32; NT]>,
    t: u32,
}

impl Perc {
    fn predict(&self, feats: &[u64]) -> u8 {
        let mut s = [0f32; NT];
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for (a, w) in s.iter_mut().zip(self.w[r as usize].iter()) {
                    *a += *w;
                }
            }
        }
        let mut best = 0;
        for t in 1..NT {
            if s[t] > s[best] {
                best = t;
            }
        }
        best as u8
    }

    fn update(&mut self, feats: &[u64], truth: u8, guess: u8) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let n = self.w.len() as u32;
            let r = *self.index.entry(f).or_insert(n) as usize;
            if r == self.w.len() {
                self.w.push([0.0; NT]);
                self.tot.push([0.0; NT]);
                self.ts.push([0; NT]);
            }
            for (c, v) in [(truth as usize, 1.0f32), (guess as usize, -1.0)] {
                self.tot[r][c] += (self.t - self.ts[r][c]) as f64 * self.w[r][c] as f64;
                self.ts[r][c] = self.t;
                self.w[r][c] += v;
            }
        }
    }

    fn averaged(&self, prune: f32) -> ModelData {
        let t = self.t.max(1) as f64;
        let mut feats: Vec<(u64, Vec<(u8, f32)>)> = Vec::new();
        let mut max_abs = 0f32;
        for (&k, &r) in &self.index {
            let r = r as usize;
            let mut ws = Vec::new();
            for c in 0..NT {
                let tot = self.tot[r][c] + (self.t - self.ts[r][c]) as f64 * self.w[r][c] as f64;
                let a = (tot / t) as f32;
                if a.abs() >= prune {
                    max_abs = max_abs.max(a.abs());
                    ws.push((c as u8, a));
                }
            }
            if !ws.is_empty() {
                feats.push((k, ws));
            }
        }
        feats.sort_by_key(|f| f.0);
        let scale = if max_abs > 0.0 {
            (32767.0 / max_abs).min(256.0)
        } else {
            1.0
        };
        let feats = feats
            .into_iter()
            .map(|(k, ws)| {
                let q = ws
                    .into_iter()
                    .map(|(c, a)| (c, (a * scale).round().clamp(-32767.0, 32767.0) as i16))
                    .filter(|&(_, q)| q != 0)
                    .collect::<Vec<_>>();
                (k, q)
            })
            .filter(|(_, q)| !q.is_empty())
            .collect();
        ModelData {
            scale,
            feats,
            dict: Vec::new(),
        }
    }
}

fn xorshift(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

/// Trains a tagger and a lemmatiser on `sentences`. Deterministic: the same input and configuration
/// give byte-identical files.
pub fn train(sentences: &[GoldSentence], cfg: &TrainConfig) -> TrainedModel {
    // Tag dictionary.
    let mut counts: BTreeMap<&str, [u32; NT]> = BTreeMap::new();
    for s in sentences {
        for t in s {
            counts.entry(t.form.as_str()).or_insert([0; NT])[t.upos.index()] += 1;
        }
    }
    let mut dict: Vec<(String, u8)> = Vec::new();
    for (f, c) in &counts {
        let n: u32 = c.iter().sum();
        let (bt, bc) = c
            .iter()
            .enumerate()
            .fold((0, 0), |b, (t, &x)| if x > b.1 { (t, x) } else { b });
        if n >= cfg.dict_min_count && bc as f64 / n as f64 >= cfg.dict_min_share {
            dict.push((f.to_string(), bt as u8));
        }
    }
    let dict_map: HashMap<&str, u8> = dict.iter().map(|(f, t)| (f.as_str(), *t)).collect();

    // Static features of every sentence, computed once.
    let mut ex = Extractor::default();
    let cached: Vec<Vec<u64>> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.iter().map(|t| t.form.as_str()).collect();
            ex.prepare(&words);
            ex.feats.clone()
        })
        .collect();
    let mut perc = Perc {
        index: HashMap::default(),
        w: Vec::new(),
        tot: Vec::new(),
        ts: Vec::new(),
        t: 0,
    };
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = cfg.seed | 1;
    let mut feats = [0u64; N_FEATS];
    for _ in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (xorshift(&mut rng) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &si in &order {
            let s = &sentences[si];
            let words: Vec<&str> = s.iter().map(|t| t.form.as_str()).collect();
            ex.prepare(&words);
            debug_assert_eq!(ex.feats, cached[si]);
            let (mut p1, mut p2) = (None, None);
            for (i, tok) in s.iter().enumerate() {
                let guess = if let Some(&t) = dict_map.get(tok.form.as_str()) {
                    t
                } else {
                    feats[..N_STATIC]
                        .copy_from_slice(&cached[si][i * N_STATIC..(i + 1) * N_STATIC]);
                    feats[N_STATIC..].copy_from_slice(&ex.dynamic_feats(i, p1, p2));
                    perc.t += 1;
                    let g = perc.predict(&feats);
                    perc.update(&feats, tok.upos.index() as u8, g);
                    g
                };
                p2 = p1;
                p1 = Some(guess);
            }
        }
    }
    let mut data = perc.averaged(cfg.prune);
    data.dict = dict;
    let n_features = data.feats.len();

    let mut lt = LemmaTrainer::default();
    for s in sentences {
        for (i, t) in s.iter().enumerate() {
            lt.add(&t.form, t.upos, &t.lemma, i == 0);
        }
    }
    let lemmas = lt.build(cfg.lemma_max_suffix, cfg.lemma_min_count);
    TrainedModel {
        tagger: gzip(&data.encode()),
        lemmas: gzip(lemmas.as_bytes()),
        n_features,
    }
}

/// Accuracy figures of a tagger on gold sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    /// Surface tokens evaluated.
    pub tokens: usize,
    /// Tokens with the right UPOS.
    pub upos_correct: usize,
    /// Tokens with a gold lemma.
    pub lemma_tokens: usize,
    /// …with the right lemma (exact, case-sensitive match).
    pub lemma_correct: usize,
    /// Tokens whose form never occurs in the training data (when a training vocabulary is given).
    pub unseen_tokens: usize,
    /// Unseen tokens with the right UPOS.
    pub unseen_upos_correct: usize,
    /// Unseen tokens with a gold lemma.
    pub unseen_lemma_tokens: usize,
    /// …with the right lemma.
    pub unseen_lemma_correct: usize,
    /// Confusions gold → predicted, counted.
    pub confusions: BTreeMap<(Upos, Upos), usize>,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

impl Evaluation {
    /// UPOS accuracy in percent.
    pub fn upos_accuracy(&self) -> f64 {
        pct(self.upos_correct, self.tokens)
    }
    /// Lemma accuracy in percent.
    pub fn lemma_accuracy(&self) -> f64 {
        pct(self.lemma_correct, self.lemma_tokens)
    }
    /// UPOS accuracy on unseen words, in percent.
    pub fn unseen_upos_accuracy(&self) -> f64 {
        pct(self.unseen_upos_correct, self.unseen_tokens)
    }
    /// Lemma accuracy on unseen words, in percent.
    pub fn unseen_lemma_accuracy(&self) -> f64 {
        pct(self.unseen_lemma_correct, self.unseen_lemma_tokens)
    }
}

/// The set of forms of some sentences (to measure accuracy on unseen words).
pub fn vocabulary(sentences: &[GoldSentence]) -> BTreeSet<String> {
    sentences
        .iter()
        .flat_map(|s| s.iter().map(|t| t.form.clone()))
        .collect()
}

/// Tags `sentences` with `tagger` and compares with the gold annotation.
pub fn evaluate(
    tagger: &Tagger,
    sentences: &[GoldSentence],
    train_vocab: Option<&BTreeSet<String>>,
) -> Evaluation {
    let mut e = Evaluation::default();
    for s in sentences {
        let words: Vec<&str> = s.iter().map(|t| t.form.as_str()).collect();
        let tags = tagger.tag_words(&words);
        for (g, p) in s.iter().zip(&tags) {
            let unseen = train_vocab.is_some_and(|v| !v.contains(&g.form));
            e.tokens += 1;
            let ok = g.upos == p.upos;
            e.upos_correct += ok as usize;
            if !ok {
                *e.confusions.entry((g.upos, p.upos)).or_default() += 1;
            }
            let has_lemma = !(g.lemma == "_" && g.form != "_");
            let lok = p.lemma == g.lemma;
            if has_lemma {
                e.lemma_tokens += 1;
                e.lemma_correct += lok as usize;
            }
            if unseen {
                e.unseen_tokens += 1;
                e.unseen_upos_correct += ok as usize;
                if has_lemma {
                    e.unseen_lemma_tokens += 1;
                    e.unseen_lemma_correct += lok as usize;
                }
            }
        }
    }
    e
}

/// Loads a model from the bytes produced by [`train`].
pub fn load(model: &TrainedModel) -> Result<Tagger, TagError> {
    Tagger::from_bytes("custom", &model.tagger, &model.lemmas)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Le taux du change.
1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_
2\ttaux\ttaux\tNOUN\t_\t_\t0\troot\t_\t_
3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_
3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_
4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_
5\tchange\tchange\tNOUN\t_\t_\t2\tnmod\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

1\tlong\tlong\tADJ\t_\t_\t3\tamod\t_\tSpaceAfter=No
2\t-\t-\tPUNCT\t_\t_\t3\tpunct\t_\tSpaceAfter=No
3\tterms\tterm\tNOUN\t_\t_\t5\tcompound\t_\t_
4\tplan\tplan\tNOUN\t_\t_\t0\troot\t_\t_
5\t12109\t12109\tNUM\t_\t_\t4\tnummod\t_\tSpaceAfter=No
6\t/\t/\tPUNCT\t_\t_\t5\tpunct\t_\tSpaceAfter=No
7\t13\t13\tNUM\t_\t_\t5\tnummod\t_\t_
7.1\tx\tx\tX\t_\t_\t_\t_\t_\t_
";

    #[test]
    fn conllu_maps_to_surface_tokens() {
        let s = read_conllu(SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        let forms: Vec<&str> = s[0].iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["Le", "taux", "du", "change", "."]);
        assert_eq!(s[0][2].upos, Upos::Adp);
        assert_eq!(s[0][2].lemma, "de");
        let forms: Vec<&str> = s[1].iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["long-terms", "plan", "12109/13"]);
        assert_eq!(s[1][0].upos, Upos::Noun);
        assert_eq!(s[1][0].lemma, "long-term");
        assert_eq!(s[1][2].upos, Upos::Num);
    }

    #[test]
    fn clitics_can_stay_split() {
        let text = "1-2\tBush's\t_\t_\t_\t_\t_\t_\t_\t_
1\tBush\tBush\tPROPN\t_\t_\t3\tnmod\t_\t_
2\t's\t's\tPART\t_\t_\t1\tcase\t_\t_
3\tdog\tdog\tNOUN\t_\t_\t0\troot\t_\t_
4-5\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
4\tdo\tdo\tAUX\t_\t_\t3\taux\t_\t_
5\tn't\tnot\tPART\t_\t_\t3\tadvmod\t_\t_
";
        let merged = read_conllu(text).unwrap();
        let forms: Vec<&str> = merged[0].iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["Bush's", "dog", "don't"]);
        let opts = SurfaceOptions {
            split_clitics: vec!["'s".into()],
            lemma_strip: vec!['_'],
        };
        let split = read_conllu_with(text, &opts).unwrap();
        let forms: Vec<&str> = split[0].iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["Bush", "'s", "dog", "don't"]);
        assert_eq!(split[0][1].upos, Upos::Part);
        assert_eq!(split[0][3].upos, Upos::Aux);
        assert_eq!(split[0][3].lemma, "do");
        let nl = "1\tgemeenteraad\tgemeente_raad\tNOUN\t_\t_\t0\troot\t_\t_\n";
        assert_eq!(read_conllu(nl).unwrap()[0][0].lemma, "gemeente_raad");
        assert_eq!(
            read_conllu_with(nl, &opts).unwrap()[0][0].lemma,
            "gemeenteraad"
        );
    }

    #[test]
    fn conllu_errors_are_reported_with_line() {
        let e = read_conllu("1\tx\tx\tNOUN\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = read_conllu("1\tx\tx\tFOO\t_\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(e.reason.contains("FOO"));
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let mut sents = read_conllu(SAMPLE).unwrap();
        sents = sents.iter().cycle().take(40).cloned().collect();
        let cfg = TrainConfig {
            epochs: 3,
            prune: 0.0,
            ..TrainConfig::default()
        };
        let a = train(&sents, &cfg);
        let b = train(&sents, &cfg);
        assert_eq!(a.tagger, b.tagger);
        assert_eq!(a.lemmas, b.lemmas);
        let tagger = load(&a).unwrap();
        let e = evaluate(&tagger, &sents[..2], None);
        assert_eq!(e.tokens, 8);
        assert_eq!(e.upos_correct, 8, "{e:?}");
        assert_eq!(e.lemma_correct, 8);
    }
}
