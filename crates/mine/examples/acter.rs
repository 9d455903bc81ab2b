//! ACTER 1.5 experiments: leave-one-domain-out evaluation and training of the shipped rankers.
//!
//! ```text
//! cargo run --release -p termsmith-mine --example acter -- lodo  ACTER_DIR [--langs fr,en,nl] [--nes|--no-nes] [--tag] [--variants] [--no-pool] [--cut-insample] [--labeller]
//! cargo run --release -p termsmith-mine --example acter -- train ACTER_DIR [--langs fr,en,nl] [--tag] [--variants] [--no-pool] [--cut-insample] [--labeller]
//! cargo run --release -p termsmith-mine --example acter -- dump-tokens ACTER_DIR [--langs fr,en,nl] [--tag]
//! ```
//!
//! Domains: corp, equi, wind (annotated/texts/*.txt); the heart-failure domain is never read.
//! `lodo`: for each test domain, gradient-boosted trees are trained on the two other domains
//! of all the languages given (`--no-pool`: of the test language only; the test domain is left
//! out in every language, as corp is parallel); per language, the probability threshold
//! maximises the mean F1 over that language's two training domains, each scored by trees
//! trained on the other one (`--cut-insample`: scored by the trees themselves). The test
//! domain's gold list is read only to score. `train`: the same on all three domains, written to
//! `crates/mine/data/ranker/pooled.json` (`--no-pool`: `<lang>.json`, not read by the crate). `dump`: features and labels of every candidate as TSV
//! (`$ACTER_DUMP`, default /tmp/acter-dump) for offline analysis. `dump-tokens`: the tokens of
//! the texts and of the IOB sentences, and the candidates' occurrences (see `dump_tokens`), for
//! the offline token labellers of tools/acter.
//! `--labeller`: adds the features of the token labeller (`termsmith_mine::labeller`), trained
//! on the sequential IOB annotations (with or without named entities, as the gold lists) of
//! all the languages given, cross-fitted: in `lodo` the test domain's candidates are labelled by
//! a labeller trained on the two other domains, a training domain's by one trained on the
//! remaining domain alone (never on the domain whose candidates it labels, nor on the test
//! domain); in `train` each domain's by one trained on the two others, and the shipped labeller
//! (`data/labeller/pooled.bin`) on all three. `labeller`: only the held-out span P/R/F1 of the
//! labellers trained on two domains. Labeller parameters: `LAB_EPOCHS`, `LAB_MIN`, `LAB_L2`.
//! Tree parameters: `ACTER_TREES`, `ACTER_DEPTH`, `ACTER_LR`, `ACTER_MIN_LEAF`, `ACTER_LAMBDA`.
use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::path::{Path, PathBuf};

use termsmith_mine::eval::{self, Gold};
use termsmith_mine::labeller::{self, DocLabels, Example, LabelAgg, Labeller, TokenFeatures};
use termsmith_mine::ranker::{gbt::GbtParams, LearnedModel};
use termsmith_mine::{Miner, Term, TermKind, TokenTag};
use termsmith_tokenize::{Lang, Tokenizer};

const DOMAINS: [&str; 3] = ["corp", "equi", "wind"];
/// Number of features before the labeller's.
const NBASE: usize =
    termsmith_mine::ranker::FEATURE_NAMES.len() - termsmith_mine::labeller::LABEL_FEATURES.len();

struct Domain {
    name: &'static str,
    terms: Vec<Term>,
    gold: Gold,
    /// The candidates' own features (without the labeller's).
    base: Vec<Vec<f64>>,
    /// Per document (by miner id): token features and spans for the labeller.
    docs: Vec<(TokenFeatures, DocLabels)>,
    /// Training sentences of the labeller (sequential IOB annotations).
    iob: Vec<Example>,
    /// Labeller features of the candidates, by the domains the labeller was trained on.
    lab: BTreeMap<String, Vec<[f64; 6]>>,
    /// `dump-tokens`: the texts' tokens (doc, sentence, start, end, word, upos, lemma, last)
    /// and the IOB sentences' tokens (file, sentence, word, upos, lemma, label) as TSV rows.
    tok_tsv: String,
    iob_tsv: String,
}

struct Opts {
    nes: bool,
    tag: bool,
    /// Add the token labeller's features (cross-fitted).
    lab: bool,
    variants: bool,
    /// Train on the domains of all the languages given (the features are language-neutral).
    pool: bool,
    /// Choose the threshold on cross-fitted probabilities of the training domains.
    cross: bool,
    /// Keep the tokens for `dump-tokens`.
    tokens: bool,
}

fn predictions(t: &Term, variants: bool) -> Vec<String> {
    if variants {
        t.variants
            .iter()
            .map(|v| eval::normalize_term(&v.form))
            .collect()
    } else {
        vec![eval::normalize_term(&t.headword)]
    }
}

fn label(t: &Term, gold: &Gold, variants: bool) -> bool {
    predictions(t, variants).iter().any(|p| gold.contains(p))
}

fn tag_doc(lang: Lang, doc: &termsmith_tokenize::Document, on: bool) -> Vec<TokenTag> {
    if !on {
        return Vec::new();
    }
    tagging::tag(lang, doc)
}

mod tagging {
    use termsmith_mine::TokenTag;
    use termsmith_tag::Tagger;
    use termsmith_tokenize::{Document, Lang};
    /// Tags the normalised token texts (empty when no model exists for the language).
    pub fn tag(lang: Lang, doc: &Document) -> Vec<TokenTag> {
        let Ok(tagger) = Tagger::for_code(lang.code()) else {
            return Vec::new();
        };
        let words: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| doc.norm(t).into_owned())
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        tagger.tag_words(&refs)
    }
}

fn load(root: &Path, lang: Lang, dom: &'static str, o: &Opts) -> Result<Domain, Box<dyn Error>> {
    let base = root.join(lang.code()).join(dom).join("annotated");
    let mut files: Vec<PathBuf> = std::fs::read_dir(base.join("texts"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let tok = Tokenizer::builder().lang(Some(lang)).build();
    let mut miner = Miner::builder()
        .lang(lang)
        .min_freq(1)
        .max_contexts(0)
        .max_occurrences(if o.lab { usize::MAX } else { 1 })
        .include_named_entities(true)
        .build()?;
    let mut docs = Vec::new();
    let (mut tok_tsv, mut iob_tsv) = (String::new(), String::new());
    for f in &files {
        let doc = tok.tokenize_bytes(&std::fs::read(f)?)?;
        let tags = tag_doc(lang, &doc, o.tag);
        let id = miner.add_document(&f.display().to_string(), &doc, &tags);
        if o.tokens {
            tokens_tsv(&mut tok_tsv, id.0, &doc, &tags);
        }
        if o.lab {
            docs.push((
                labeller::doc_features(lang, &doc, &tags),
                DocLabels::with_probs(&doc, Vec::new()),
            ));
        }
    }
    let mut iob = Vec::new();
    if o.lab {
        let dir = base
            .join("annotations/sequential_annotations/iob_annotations")
            .join(if o.nes {
                "with_named_entities"
            } else {
                "without_named_entities"
            });
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        paths.sort();
        for (file, p) in paths.into_iter().enumerate() {
            let (words, labels, sents) = labeller::read_iob(&std::fs::read_to_string(&p)?);
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let tags = if o.tag {
                termsmith_tag::Tagger::for_code(lang.code())
                    .map(|t| t.tag_words(&refs))
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            let f = labeller::features(lang, &refs, &tags, &sents);
            if o.tokens {
                for (si, r) in sents.iter().enumerate() {
                    for k in r.clone() {
                        let (u, l) = tags
                            .get(k)
                            .map_or(("-", ""), |t| (t.upos.as_str(), &*t.lemma));
                        iob_tsv.push_str(&format!(
                            "{file}\t{si}\t{}\t{u}\t{}\t{}\n",
                            tsv_field(&words[k]),
                            tsv_field(l),
                            ["B", "I", "O"][usize::from(labels[k].min(2))]
                        ));
                    }
                }
            }
            for r in sents {
                iob.push(Example {
                    features: f.slice(r.clone()),
                    labels: labels[r].to_vec(),
                });
            }
        }
    }
    let list = miner.finish();
    let suffix = if o.nes {
        "_terms_nes.tsv"
    } else {
        "_terms.tsv"
    };
    let gold = eval::read_gold(
        base.join("annotations/unique_annotation_lists")
            .join(format!("{dom}_{}{suffix}", lang.code())),
    )?;
    let terms: Vec<Term> = list
        .terms
        .into_iter()
        .filter(|t| o.nes || t.kind != TermKind::NamedEntity)
        .collect();
    Ok(Domain {
        name: dom,
        base: terms
            .iter()
            .map(|t| t.features[..NBASE.min(t.features.len())].to_vec())
            .collect(),
        terms,
        gold,
        docs,
        iob,
        lab: BTreeMap::new(),
        tok_tsv,
        iob_tsv,
    })
}

/// A token's text as one TSV field (tabs and line breaks as spaces).
fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Appends the rows of a document's tokens for `dump-tokens`: doc id, sentence (-1 outside
/// every sentence), byte start, end, normalised word, UPOS, lemma, last token of its sentence.
fn tokens_tsv(out: &mut String, id: u32, doc: &termsmith_tokenize::Document, tags: &[TokenTag]) {
    let mut sent = vec![(-1i64, true); doc.tokens.len()];
    for (si, s) in doc.sentences.iter().enumerate() {
        for k in s.tokens.clone() {
            if let Some(x) = sent.get_mut(k) {
                *x = (si as i64, k + 1 == s.tokens.end);
            }
        }
    }
    for (k, t) in doc.tokens.iter().enumerate() {
        let (u, l) = tags
            .get(k)
            .map_or(("-", ""), |t| (t.upos.as_str(), &*t.lemma));
        out.push_str(&format!(
            "{id}\t{}\t{}\t{}\t{}\t{u}\t{}\t{}\n",
            sent[k].0,
            t.span.start,
            t.span.end,
            tsv_field(&doc.norm(t)),
            tsv_field(l),
            u8::from(sent[k].1)
        ));
    }
}

/// `dump-tokens`: per language and domain, into `$ACTER_DUMP` (default /tmp/acter-dump):
/// `<lang>_<dom>.tok.tsv` (the texts' tokens, see [`tokens_tsv`]), `<lang>_<dom>.iob.tsv`
/// (the IOB sentences, tagged: file, sentence, word, upos, lemma, B/I/O) and
/// `<lang>_<dom>.occ.tsv` (per candidate, in the order of `dump`: index, key, its occurrences
/// as `doc:start:end` separated by spaces).
fn dump_tokens(all: &BTreeMap<String, Vec<Domain>>) -> Result<(), Box<dyn Error>> {
    let out = std::env::var("ACTER_DUMP").unwrap_or_else(|_| "/tmp/acter-dump".into());
    std::fs::create_dir_all(&out)?;
    for (code, doms) in all {
        for d in doms {
            let head = "doc\tsent\tstart\tend\tword\tupos\tlemma\tlast\n";
            std::fs::write(
                format!("{out}/{code}_{}.tok.tsv", d.name),
                format!("{head}{}", d.tok_tsv),
            )?;
            let head = "file\tsent\tword\tupos\tlemma\tlabel\n";
            std::fs::write(
                format!("{out}/{code}_{}.iob.tsv", d.name),
                format!("{head}{}", d.iob_tsv),
            )?;
            let mut s = String::from("index\tkey\toccurrences\n");
            for (i, t) in d.terms.iter().enumerate() {
                let occ: Vec<String> = t
                    .occurrences
                    .iter()
                    .map(|o| format!("{}:{}:{}", o.doc.0, o.span.start, o.span.end))
                    .collect();
                s.push_str(&format!("{i}\t{}\t{}\n", t.key, occ.join(" ")));
            }
            std::fs::write(format!("{out}/{code}_{}.occ.tsv", d.name), s)?;
        }
        println!("{code}: wrote {out}");
    }
    Ok(())
}

/// Key of a set of training domains.
fn dom_key(names: &[&str]) -> String {
    let mut v: Vec<&str> = names.to_vec();
    v.sort_unstable();
    v.join("+")
}

/// Trains the labeller on the IOB sentences of the given domains of every language.
fn train_labeller(all: &BTreeMap<String, Vec<Domain>>, names: &[&str]) -> Labeller {
    train_labeller_lang(all, names, None)
}

/// [`train_labeller`] on one language only (all when `None`).
fn train_labeller_lang(
    all: &BTreeMap<String, Vec<Domain>>,
    names: &[&str],
    lang: Option<&str>,
) -> Labeller {
    let mut ex = Vec::new();
    for (_, ds) in all
        .iter()
        .filter(|(l, _)| lang.map_or(true, |x| x == l.as_str()))
    {
        for d in ds.iter().filter(|d| names.contains(&d.name)) {
            for e in &d.iob {
                ex.push(Example {
                    features: e.features.clone(),
                    labels: e.labels.clone(),
                });
            }
        }
    }
    let env = |k: &str, d: f64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    Labeller::train(
        &ex,
        env("LAB_EPOCHS", 4.0) as usize,
        env("LAB_MIN", 3.0) as u32,
        env("LAB_L2", 1e-5) as f32,
    )
}

/// The labeller features of every candidate of `d` under labeller `m`.
fn lab_features(d: &Domain, m: &Labeller) -> Vec<[f64; 6]> {
    let docs: Vec<DocLabels> = d
        .docs
        .iter()
        .map(|(f, l)| {
            let mut l = l.clone();
            l.set_probs(m.label(f));
            l
        })
        .collect();
    d.terms
        .iter()
        .map(|t| {
            let mut agg = LabelAgg::default();
            for o in &t.occurrences {
                if let Some(dl) = docs.get(o.doc.0 as usize) {
                    agg.add(dl, o.span.start, o.span.end);
                }
            }
            agg.features()
        })
        .collect()
}

/// Trains the labellers of every subset of domains in `subsets` and stores their features.
fn add_labellers(all: &mut BTreeMap<String, Vec<Domain>>, subsets: &[Vec<&'static str>]) {
    if std::env::var_os("LAB_PERLANG").is_some() {
        // One labeller per language (measured against the pooled one).
        for names in subsets {
            let key = dom_key(names);
            let langs: Vec<String> = all.keys().cloned().collect();
            for l in langs {
                let m = train_labeller_lang(all, names, Some(&l));
                if let Some(ds) = all.get_mut(&l) {
                    for d in ds.iter_mut() {
                        let f = lab_features(d, &m);
                        d.lab.insert(key.clone(), f);
                    }
                }
            }
        }
        return;
    }
    for names in subsets {
        let key = dom_key(names);
        let m = train_labeller(all, names);
        eprintln!("labeller {key}: {} weights", m.len());
        // Span F1 of the greedy decoding on the IOB sentences of the other domains.
        let spans = |l: &[u8]| -> BTreeSet<(usize, usize)> {
            let mut out = BTreeSet::new();
            let mut k = 0;
            while k < l.len() {
                if l[k] == labeller::B as u8 {
                    let mut e = k + 1;
                    while e < l.len() && l[e] == labeller::I as u8 {
                        e += 1;
                    }
                    out.insert((k, e));
                    k = e;
                } else {
                    k += 1;
                }
            }
            out
        };
        for (lang, ds) in all.iter() {
            for d in ds.iter().filter(|d| !names.contains(&d.name)) {
                let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
                for e in &d.iob {
                    let pred: Vec<u8> = m
                        .label(&e.features)
                        .iter()
                        .map(|p| {
                            if p[0] >= p[1] && p[0] >= p[2] {
                                0
                            } else if p[1] >= p[2] {
                                1
                            } else {
                                2
                            }
                        })
                        .collect();
                    let (a, b) = (spans(&pred), spans(&e.labels));
                    tp += a.intersection(&b).count();
                    np += a.len();
                    ng += b.len();
                }
                eprintln!(
                    "  on {lang} {}: span P {:.3} R {:.3} F1 {:.3}",
                    d.name,
                    tp as f64 / np.max(1) as f64,
                    tp as f64 / ng.max(1) as f64,
                    2.0 * tp as f64 / (np + ng).max(1) as f64
                );
            }
        }
        for ds in all.values_mut() {
            for d in ds.iter_mut() {
                let f = lab_features(d, &m);
                d.lab.insert(key.clone(), f);
            }
        }
    }
}

/// Sets the candidates' features: own features, then those of the labeller trained on the
/// domains other than `held` (and the candidate's own domain), when there is one.
fn set_features(all: &mut BTreeMap<String, Vec<Domain>>, held: Option<&str>) {
    for ds in all.values_mut() {
        for d in ds.iter_mut() {
            let names: Vec<&str> = DOMAINS
                .iter()
                .copied()
                .filter(|x| Some(*x) != held && *x != d.name)
                .collect();
            let lab = d.lab.get(&dom_key(&names)).cloned();
            for (i, t) in d.terms.iter_mut().enumerate() {
                t.features = d.base[i].clone();
                match &lab {
                    Some(l) => t.features.extend_from_slice(&l[i]),
                    None => t
                        .features
                        .resize(termsmith_mine::ranker::FEATURE_NAMES.len(), 0.0),
                }
            }
        }
    }
}

fn predict_set(d: &Domain, m: &LearnedModel, th: f64, variants: bool) -> BTreeSet<String> {
    d.terms
        .iter()
        .filter(|t| m.predict(&t.features) >= th)
        .flat_map(|t| predictions(t, variants))
        .collect()
}

fn params() -> GbtParams {
    let env = |k: &str, d: f64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let d = GbtParams::default();
    GbtParams {
        trees: env("ACTER_TREES", d.trees as f64) as usize,
        depth: env("ACTER_DEPTH", d.depth as f64) as usize,
        learning_rate: env("ACTER_LR", d.learning_rate),
        min_leaf: env("ACTER_MIN_LEAF", d.min_leaf as f64) as usize,
        lambda: env("ACTER_LAMBDA", d.lambda),
        bins: d.bins,
    }
}

/// Trees trained on the candidates of `train` (of one or several languages).
fn fit(lang: &str, train: &[&Domain], variants: bool) -> LearnedModel {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for d in train {
        for t in &d.terms {
            xs.push(t.features.clone());
            ys.push(label(t, &d.gold, variants));
        }
    }
    LearnedModel::train(lang, &xs, &ys, params())
}

/// Scores in decreasing order and, after each candidate, (unique predictions, hits).
type Curve = (Vec<f64>, Vec<(usize, usize)>);

/// F1 of a domain at every cut-off of its candidates ranked by `scores`: the scores in
/// decreasing order and, after each candidate, (unique predictions, hits).
fn f1_curve(d: &Domain, scores: &[f64], variants: bool) -> Curve {
    let mut order: Vec<usize> = (0..d.terms.len()).collect();
    order.sort_by(|&a, &b| {
        scores[b]
            .total_cmp(&scores[a])
            .then_with(|| d.terms[a].key.cmp(&d.terms[b].key))
    });
    let mut seen = BTreeSet::new();
    let (mut n, mut h) = (0, 0);
    let mut curve = Vec::with_capacity(order.len());
    for &i in &order {
        for p in predictions(&d.terms[i], variants) {
            if seen.insert(p.clone()) {
                n += 1;
                h += usize::from(d.gold.contains(&p));
            }
        }
        curve.push((n, h));
    }
    (order.iter().map(|&i| scores[i]).collect(), curve)
}

/// The probability threshold maximising the mean F1 over domains scored by some model.
fn best_threshold(scored: &[(&Domain, Vec<f64>)], variants: bool) -> f64 {
    let curves: Vec<(Curve, usize)> = scored
        .iter()
        .map(|(d, s)| (f1_curve(d, s, variants), d.gold.len()))
        .collect();
    let mut best = (-1.0, 0.5);
    for k in 1..100 {
        let th = k as f64 / 100.0;
        let f = curves
            .iter()
            .map(|((s, c), g)| {
                let j = s.partition_point(|x| *x >= th);
                match j.checked_sub(1).and_then(|j| c.get(j)) {
                    Some(&(n, h)) => 2.0 * h as f64 / (n + g).max(1) as f64,
                    None => 0.0,
                }
            })
            .sum::<f64>()
            / curves.len().max(1) as f64;
        if f > best.0 {
            best = (f, th);
        }
    }
    best.1
}

/// Models for one set of training domains: the trees on all of them (all languages unless
/// `--no-pool`), and per language the probability threshold that maximised the mean F1 over
/// that language's training domains, each scored by trees trained without it (cross-fitted:
/// in-sample probabilities are too confident for a threshold that must hold on a new
/// domain). With one training domain (or `--cut insample`) the in-sample threshold is used.
fn train_set(
    all: &BTreeMap<String, Vec<Domain>>,
    train: &[&'static str],
    o: &Opts,
) -> BTreeMap<String, LearnedModel> {
    let pick = |lang: Option<&str>, names: &[&str]| -> Vec<&Domain> {
        all.iter()
            .filter(|(l, _)| lang.map_or(true, |x| x == l.as_str()))
            .flat_map(|(_, ds)| ds.iter().filter(|d| names.contains(&d.name)))
            .collect()
    };
    let mut out = BTreeMap::new();
    let pooled = if o.pool {
        Some(fit("all", &pick(None, train), o.variants))
    } else {
        None
    };
    // Cross-fitted scores: each training domain scored by trees trained on the others.
    let mut held: BTreeMap<(String, &str), Vec<f64>> = BTreeMap::new();
    if o.cross && train.len() > 1 {
        for &d in train {
            let rest: Vec<&str> = train.iter().copied().filter(|x| *x != d).collect();
            let langs: Vec<Option<&str>> = if o.pool {
                vec![None]
            } else {
                all.keys().map(|l| Some(l.as_str())).collect()
            };
            for lang in langs {
                let m = fit("x", &pick(lang, &rest), o.variants);
                for (l, ds) in all {
                    if lang.is_some_and(|x| x != l) {
                        continue;
                    }
                    for dd in ds.iter().filter(|x| x.name == d) {
                        let s = dd.terms.iter().map(|t| m.predict(&t.features)).collect();
                        held.insert((l.clone(), d), s);
                    }
                }
            }
        }
    }
    for l in all.keys() {
        let mut m = match &pooled {
            Some(p) => p.clone(),
            None => fit(l, &pick(Some(l), train), o.variants),
        };
        m.lang = l.clone();
        let scored: Vec<(&Domain, Vec<f64>)> = pick(Some(l), train)
            .into_iter()
            .map(|d| {
                let s = held
                    .get(&(l.clone(), d.name))
                    .cloned()
                    .unwrap_or_else(|| d.terms.iter().map(|t| m.predict(&t.features)).collect());
                (d, s)
            })
            .collect();
        m.threshold = best_threshold(&scored, o.variants);
        out.insert(l.clone(), m);
    }
    out
}

/// One TSV per language and domain for offline analysis (`$ACTER_DUMP`, default
/// /tmp/acter-dump): key, headword, kind, freq, variants (form=freq|…), label (some variant in
/// gold), then the features (the labeller's are 0), then with `--labeller` the labeller
/// features under every labeller trained (`lab_in@equi+wind`: trained on equi and wind), so
/// that an offline leave-one-domain-out can cross-fit them as `lodo` does.
fn dump(all: &BTreeMap<String, Vec<Domain>>, o: &Opts) -> Result<(), Box<dyn Error>> {
    let out = std::env::var("ACTER_DUMP").unwrap_or_else(|_| "/tmp/acter-dump".into());
    std::fs::create_dir_all(&out)?;
    for (code, doms) in all {
        for d in doms {
            let mut s = String::from("key\thead\tkind\tfreq\tvariants\tlabel");
            for n in termsmith_mine::ranker::FEATURE_NAMES {
                s.push('\t');
                s.push_str(n);
            }
            for key in d.lab.keys() {
                for n in labeller::LABEL_FEATURES {
                    s.push_str(&format!("\t{n}@{key}"));
                }
            }
            s.push('\n');
            for (i, t) in d.terms.iter().enumerate() {
                let vars: Vec<String> = t
                    .variants
                    .iter()
                    .map(|v| format!("{}={}", v.form, v.freq))
                    .collect();
                s.push_str(&format!(
                    "{}\t{}\t{:?}\t{}\t{}\t{}",
                    t.key,
                    t.headword,
                    t.kind,
                    t.freq,
                    vars.join("|"),
                    u8::from(label(t, &d.gold, o.variants))
                ));
                for x in t.features.iter().take(NBASE) {
                    s.push_str(&format!("\t{x}"));
                }
                for _ in NBASE..termsmith_mine::ranker::FEATURE_NAMES.len() {
                    s.push_str("\t0");
                }
                for l in d.lab.values() {
                    for x in l.get(i).into_iter().flatten() {
                        s.push_str(&format!("\t{x}"));
                    }
                }
                s.push('\n');
            }
            std::fs::write(format!("{out}/{code}_{}.tsv", d.name), s)?;
        }
        println!("{code}: wrote {out}");
    }
    Ok(())
}

/// Share of gold terms (all three domains) matched by each pattern, the terms tokenised and
/// tagged on their own.
fn pattern_coverage(root: &Path, lang: Lang, nes: bool) -> Result<(), Box<dyn Error>> {
    let tok = Tokenizer::builder().lang(Some(lang)).build();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut total, mut any) = (0usize, 0usize);
    for dom in DOMAINS {
        let suffix = if nes { "_terms_nes.tsv" } else { "_terms.tsv" };
        let gold = eval::read_gold(
            root.join(lang.code())
                .join(dom)
                .join("annotated/annotations/unique_annotation_lists")
                .join(format!("{dom}_{}{suffix}", lang.code())),
        )?;
        for (term, _) in &gold.terms {
            let doc = tok.tokenize(term);
            let tags = tagging::tag(lang, &doc);
            let pats = termsmith_mine::matching_patterns(lang, &doc, &tags)?;
            total += 1;
            any += usize::from(!pats.is_empty());
            for p in pats {
                *counts.entry(p).or_insert(0) += 1;
            }
        }
    }
    println!(
        "{}: {} gold terms, {:.1}% matched by some pattern",
        lang.code(),
        total,
        100.0 * any as f64 / total.max(1) as f64
    );
    for (p, n) in counts {
        println!("  {:>5.1}%  {p}", 100.0 * n as f64 / total.max(1) as f64);
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("lodo");
    let root = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("../shared/acter"));
    let langs: Vec<String> = args
        .iter()
        .position(|a| a == "--langs")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_else(|| vec!["fr".into(), "en".into(), "nl".into()]);
    let mut o = Opts {
        nes: !args.iter().any(|a| a == "--no-nes"),
        tag: args.iter().any(|a| a == "--tag"),
        lab: args.iter().any(|a| a == "--labeller"),
        variants: args.iter().any(|a| a == "--variants"),
        pool: !args.iter().any(|a| a == "--no-pool"),
        cross: !args.iter().any(|a| a == "--cut-insample"),
        tokens: cmd == "dump-tokens",
    };
    if o.tokens {
        // All the occurrences and the IOB sentences are needed; no labeller is trained.
        o.lab = true;
    }
    println!(
        "ACTER 1.5 {} ({} named entities, {}, predictions: {})",
        cmd,
        if o.nes { "with" } else { "without" },
        if o.tag { "tagged" } else { "untagged" },
        if o.variants {
            "all variants"
        } else {
            "headwords"
        }
    );
    println!(
        "{:<4} {:<5} {:>7} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "lang", "test", "cands", "cover", "gold", "P", "R", "F1", "thr", "AP"
    );
    let mut all: BTreeMap<String, Vec<Domain>> = BTreeMap::new();
    for code in &langs {
        let lang = Lang::new(code)?;
        if cmd == "patterns" {
            pattern_coverage(&root, lang, o.nes)?;
            continue;
        }
        let doms: Vec<Domain> = DOMAINS
            .iter()
            .map(|d| load(&root, lang, d, &o))
            .collect::<Result<_, _>>()?;
        all.insert(code.clone(), doms);
    }
    if cmd == "patterns" {
        return Ok(());
    }
    if cmd == "dump-tokens" {
        return dump_tokens(&all);
    }
    if cmd == "labeller" {
        // Held-out span quality of the labellers only.
        std::env::set_var("LAB_PAIRS_ONLY", "1");
    }
    if o.lab {
        let mut subsets: Vec<Vec<&'static str>> = Vec::new();
        for a in DOMAINS {
            if std::env::var_os("LAB_PAIRS_ONLY").is_none() {
                subsets.push(vec![a]);
            }
            subsets.push(DOMAINS.iter().copied().filter(|d| *d != a).collect());
        }
        add_labellers(&mut all, &subsets);
    }
    if cmd == "labeller" {
        return Ok(());
    }
    if cmd == "dump" {
        return dump(&all, &o);
    }
    if cmd == "train" {
        set_features(&mut all, None);
        if o.lab {
            let m = train_labeller(&all, &DOMAINS);
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/labeller/pooled.bin");
            std::fs::write(&path, m.to_bytes())?;
            println!("wrote {} ({} weights)", path.display(), m.len());
        }
        let models = train_set(&all, &DOMAINS, &o);
        let retrain = format!(
            "retrain: cargo run --release -p termsmith-mine --example acter -- train /work/shared/acter --langs {}{}{}{}{}",
            langs.join(","),
            if o.tag { " --tag" } else { "" },
            if o.variants { " --variants" } else { "" },
            if o.pool { "" } else { " --no-pool" },
            if o.lab { " --labeller" } else { "" },
        );
        let about = |who: &str| {
            format!(
                "ACTER 1.5 {who} corp+equi+wind annotated texts, gold {}; {}; thresholds {}; {retrain}",
                if o.nes { "_terms_nes.tsv" } else { "_terms.tsv" },
                if o.tag { "tagged" } else { "untagged" },
                if o.cross {
                    "maximising the mean F1 over a language's three domains, each scored by trees trained on the two others"
                } else {
                    "in-sample"
                },
            )
        };
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ranker");
        let write = |name: &str, m: &LearnedModel| -> Result<(), Box<dyn Error>> {
            let path = dir.join(format!("{name}.json"));
            std::fs::write(&path, serde_json::to_string(m)? + "\n")?;
            println!("wrote {} (thresholds {:?})", path.display(), m.thresholds);
            Ok(())
        };
        if o.pool {
            // One set of trees for all the languages, with their thresholds.
            let Some(first) = models.values().next() else {
                return Ok(());
            };
            let mut m = first.clone();
            m.lang = langs.join(",");
            m.thresholds = models
                .iter()
                .map(|(l, x)| (l.clone(), x.threshold))
                .collect();
            m.threshold = m.thresholds.values().sum::<f64>() / m.thresholds.len() as f64;
            m.trained_on = about(&langs.join("+"));
            write("pooled", &m)?;
        } else {
            for (code, mut m) in models {
                m.thresholds = BTreeMap::from([(code.clone(), m.threshold)]);
                m.trained_on = about(&code);
                write(&code, &m)?;
            }
        }
        return Ok(());
    }
    // Leave one domain out: the models of each test domain (shared by the languages when
    // pooled), then the rows by language.
    let mut fold: Vec<BTreeMap<String, LearnedModel>> = Vec::new();
    let mut test_features: BTreeMap<(String, &str), Vec<Vec<f64>>> = BTreeMap::new();
    for test in DOMAINS {
        let tr: Vec<&'static str> = DOMAINS.iter().copied().filter(|d| *d != test).collect();
        set_features(&mut all, Some(test));
        fold.push(train_set(&all, &tr, &o));
        // The test domain's candidates with the labeller trained on the two others.
        set_features(&mut all, None);
        if std::env::var_os("LAB_TEST_AVG").is_some() {
            // The mean of the features of the labellers trained on one training domain each,
            // as seen by the trees in training.
            for ds in all.values_mut() {
                for d in ds.iter_mut().filter(|d| d.name == test) {
                    let (Some(a), Some(b)) = (d.lab.get(tr[0]), d.lab.get(tr[1])) else {
                        continue;
                    };
                    for (i, t) in d.terms.iter_mut().enumerate() {
                        for j in 0..6 {
                            t.features[NBASE + j] = 0.5 * (a[i][j] + b[i][j]);
                        }
                    }
                }
            }
        }
        for (l, ds) in &all {
            for d in ds.iter().filter(|d| d.name == test) {
                test_features.insert(
                    (l.clone(), test),
                    d.terms.iter().map(|t| t.features.clone()).collect(),
                );
            }
        }
    }
    for (l, ds) in all.iter_mut() {
        for d in ds.iter_mut() {
            if let Some(f) = test_features.remove(&(l.clone(), d.name)) {
                for (t, x) in d.terms.iter_mut().zip(f) {
                    t.features = x;
                }
            }
        }
    }
    let mut grand = (0.0, 0.0, 0);
    for code in &langs {
        let Some(doms) = all.get(code) else {
            continue;
        };
        let mut sum = (0.0, 0.0, 0.0, 0.0);
        for (i, test) in doms.iter().enumerate() {
            let Some(m) = fold.get(i).and_then(|f| f.get(code)) else {
                continue;
            };
            let preds = predict_set(test, m, m.threshold, o.variants);
            let s = eval::score(&test.gold, &preds);
            let all: BTreeSet<String> = test
                .terms
                .iter()
                .flat_map(|t| predictions(t, o.variants))
                .collect();
            let cover = eval::score(&test.gold, &all).recall;
            // Ranking quality of all candidates by probability (steadier than F1, which moves
            // with the threshold).
            // (Also written out with ACTER_RANKED below.)
            let mut ranked: Vec<(f64, &Term)> = test
                .terms
                .iter()
                .map(|t| (m.predict(&t.features), t))
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.key.cmp(&b.1.key)));
            let ap = eval::average_precision(
                &test.gold,
                ranked.iter().flat_map(|(_, t)| predictions(t, o.variants)),
            );
            let covered = test
                .gold
                .terms
                .iter()
                .filter(|(t, _)| all.contains(t.as_str()))
                .count();
            println!(
                "{:<4} {:<5} {:>7} {:>6.3} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
                code,
                test.name,
                test.terms.len(),
                cover,
                covered,
                s.precision,
                s.recall,
                s.f1,
                m.threshold,
                ap
            );
            if let Some(dir) = std::env::var_os("ACTER_RANKED") {
                // The test domain's candidates by LODO probability: prob, label, freq, kind, key.
                let mut s = format!("# threshold {}\n", m.threshold);
                for &(p, t) in &ranked {
                    s.push_str(&format!(
                        "{p:.4}\t{}\t{}\t{:?}\t{}\t{}\n",
                        u8::from(label(t, &test.gold, o.variants)),
                        t.freq,
                        t.kind,
                        t.key,
                        t.variants
                            .iter()
                            .map(|v| v.form.as_str())
                            .collect::<Vec<_>>()
                            .join("|")
                    ));
                }
                std::fs::create_dir_all(&dir)?;
                std::fs::write(Path::new(&dir).join(format!("{code}_{}.tsv", test.name)), s)?;
            }
            if std::env::var_os("ACTER_MISSED").is_some() {
                let missed: Vec<&str> = test
                    .gold
                    .terms
                    .iter()
                    .map(|(t, _)| t.as_str())
                    .filter(|t| !all.contains(*t))
                    .collect();
                println!(
                    "missed {}: {}",
                    missed.len(),
                    missed
                        .iter()
                        .step_by((missed.len() / 80).max(1))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
            }
            sum.0 += s.precision;
            sum.1 += s.recall;
            sum.2 += s.f1;
            sum.3 += ap;
        }
        grand.0 += sum.2 / 3.0;
        grand.1 += sum.3 / 3.0;
        grand.2 += 1;
        println!(
            "{:<4} {:<5} {:>7} {:>6} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6.3}",
            code,
            "avg",
            "",
            "",
            "",
            sum.0 / 3.0,
            sum.1 / 3.0,
            sum.2 / 3.0,
            "",
            sum.3 / 3.0
        );
    }
    let n = f64::from(grand.2.max(1));
    println!(
        "all  mean F1 {:.3} AP {:.3} over {} languages",
        grand.0 / n,
        grand.1 / n,
        grand.2
    );
    Ok(())
}
