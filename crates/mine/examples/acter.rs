//! ACTER 1.5 experiments: leave-one-domain-out evaluation and training of the shipped rankers.
//!
//! ```text
//! cargo run --release -p termsmith-mine --example acter -- lodo  ACTER_DIR [--langs fr,en,nl] [--nes|--no-nes] [--tag] [--variants]
//! cargo run --release -p termsmith-mine --example acter -- train ACTER_DIR [--langs fr,en,nl] [--tag] [--variants]
//! ```
//!
//! Domains: corp, equi, wind (annotated/texts/*.txt); the heart-failure domain is never read.
//! `lodo`: for each language and test domain, gradient-boosted trees are trained on the two other
//! domains and its probability threshold is chosen to maximise the mean F1 on those two domains;
//! the test domain's gold list is read only to score. `train`: the same on all three domains,
//! written to `crates/mine/data/ranker/<lang>.json`. `dump`: features and labels of every
//! candidate as TSV (`$ACTER_DUMP`, default /tmp/acter-dump) for offline analysis.
//! Tree parameters: `ACTER_TREES`, `ACTER_DEPTH`, `ACTER_LR`, `ACTER_MIN_LEAF`, `ACTER_LAMBDA`.
use std::collections::BTreeSet;
use std::error::Error;
use std::path::{Path, PathBuf};

use termsmith_mine::eval::{self, Gold};
use termsmith_mine::ranker::{gbt::GbtParams, LearnedModel};
use termsmith_mine::{Miner, Term, TermKind, TokenTag};
use termsmith_tokenize::{Lang, Tokenizer};

const DOMAINS: [&str; 3] = ["corp", "equi", "wind"];

struct Domain {
    name: &'static str,
    terms: Vec<Term>,
    gold: Gold,
}

struct Opts {
    nes: bool,
    tag: bool,
    variants: bool,
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
        .max_occurrences(1)
        .include_named_entities(true)
        .build()?;
    for f in &files {
        let doc = tok.tokenize_bytes(&std::fs::read(f)?)?;
        let tags = tag_doc(lang, &doc, o.tag);
        miner.add_document(&f.display().to_string(), &doc, &tags);
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
    let terms = list
        .terms
        .into_iter()
        .filter(|t| o.nes || t.kind != TermKind::NamedEntity)
        .collect();
    Ok(Domain {
        name: dom,
        terms,
        gold,
    })
}

fn predict_set(d: &Domain, m: &LearnedModel, th: f64, variants: bool) -> BTreeSet<String> {
    d.terms
        .iter()
        .filter(|t| m.predict(&t.features) >= th)
        .flat_map(|t| predictions(t, variants))
        .collect()
}

fn train(lang: &str, train: &[&Domain], variants: bool) -> LearnedModel {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for d in train {
        for t in &d.terms {
            xs.push(t.features.clone());
            ys.push(label(t, &d.gold, variants));
        }
    }
    let env = |k: &str, d: f64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let d = GbtParams::default();
    let params = GbtParams {
        trees: env("ACTER_TREES", d.trees as f64) as usize,
        depth: env("ACTER_DEPTH", d.depth as f64) as usize,
        learning_rate: env("ACTER_LR", d.learning_rate),
        min_leaf: env("ACTER_MIN_LEAF", d.min_leaf as f64) as usize,
        lambda: env("ACTER_LAMBDA", d.lambda),
        bins: d.bins,
    };
    let mut m = LearnedModel::train(lang, &xs, &ys, params);
    // Threshold: maximise the mean F1 over the training domains.
    let mut best = (0.0, 0.5);
    for k in 1..60 {
        let th = k as f64 / 60.0;
        let f: f64 = train
            .iter()
            .map(|d| eval::score(&d.gold, predict_set(d, &m, th, variants)).f1)
            .sum::<f64>()
            / train.len() as f64;
        if f > best.0 {
            best = (f, th);
        }
    }
    m.threshold = best.1;
    m
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
    let o = Opts {
        nes: !args.iter().any(|a| a == "--no-nes"),
        tag: args.iter().any(|a| a == "--tag"),
        variants: args.iter().any(|a| a == "--variants"),
    };
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
        if cmd == "dump" {
            // One TSV per domain for offline analysis: key, headword, kind, freq, variants
            // (form=freq|…), label (some variant in gold), then the features.
            let out = std::env::var("ACTER_DUMP").unwrap_or_else(|_| "/tmp/acter-dump".into());
            std::fs::create_dir_all(&out)?;
            for d in &doms {
                let mut s = String::from("key\thead\tkind\tfreq\tvariants\tlabel");
                for n in termsmith_mine::ranker::FEATURE_NAMES {
                    s.push('\t');
                    s.push_str(n);
                }
                s.push('\n');
                for t in &d.terms {
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
                    for x in &t.features {
                        s.push_str(&format!("\t{x}"));
                    }
                    s.push('\n');
                }
                std::fs::write(format!("{out}/{code}_{}.tsv", d.name), s)?;
            }
            println!("{code}: wrote {out}");
            continue;
        }
        if cmd == "train" {
            let all: Vec<&Domain> = doms.iter().collect();
            let mut m = train(code, &all, o.variants);
            m.trained_on = format!(
                "ACTER 1.5 {code} corp+equi+wind annotated texts, gold {}; {}; retrain: cargo run --release -p termsmith-mine --example acter -- train /work/shared/acter --langs {code}{}{}",
                if o.nes { "_terms_nes.tsv" } else { "_terms.tsv" },
                if o.tag { "tagged" } else { "untagged" },
                if o.tag { " --tag" } else { "" },
                if o.variants { " --variants" } else { "" },
            );
            let path =
                Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/ranker/{code}.json"));
            std::fs::write(&path, serde_json::to_string_pretty(&m)? + "\n")?;
            println!(
                "{code}: wrote {} (threshold {:.3})",
                path.display(),
                m.threshold
            );
            continue;
        }
        let mut sum = (0.0, 0.0, 0.0, 0.0);
        for (i, test) in doms.iter().enumerate() {
            let tr: Vec<&Domain> = doms
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, d)| d)
                .collect();
            let m = train(code, &tr, o.variants);
            let preds = predict_set(test, &m, m.threshold, o.variants);
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
    Ok(())
}
