//! Trains a tagger + lemmatiser from UD CoNLL-U files and evaluates it on held-out files.
//!
//! ```text
//! cargo run --release -p termsmith-tag --example train -- \
//!     --lang fr --out crates/tag/data/fr --train a.conllu,b.conllu --test c.conllu \
//!     [--epochs 10] [--prune 0.5] [--dict-share 0.995] [--clitics crates/tokenize/data/en/clitics.txt]
//!     [--lemma-strip _]
//! ```

use std::time::Instant;
use termsmith_tag::train::{
    evaluate, load, read_conllu_with, train, vocabulary, GoldSentence, SurfaceOptions, TrainConfig,
};

fn read_all(list: &str, opts: &SurfaceOptions) -> Result<Vec<GoldSentence>, String> {
    let mut out = Vec::new();
    for path in list.split(',').filter(|p| !p.is_empty()) {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        out.extend(read_conllu_with(&text, opts).map_err(|e| format!("{path}: {e}"))?);
    }
    Ok(out)
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |k: &str| -> Option<&str> {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    let lang = get("--lang").ok_or("--lang missing")?;
    let out = get("--out");
    let mut cfg = TrainConfig::default();
    if let Some(e) = get("--epochs") {
        cfg.epochs = e.parse().map_err(|_| "bad --epochs")?;
    }
    if let Some(p) = get("--prune") {
        cfg.prune = p.parse().map_err(|_| "bad --prune")?;
    }
    if let Some(p) = get("--dict-share") {
        cfg.dict_min_share = p.parse().map_err(|_| "bad --dict-share")?;
    }
    let mut opts = SurfaceOptions::default();
    if let Some(path) = get("--clitics") {
        // One clitic per line, `#` comments (the tokenizer's data/<lang>/clitics.txt).
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        opts.split_clitics = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.replace(['\u{2019}', '\u{02bc}'], "'").to_lowercase())
            .collect();
    }
    if let Some(chars) = get("--lemma-strip") {
        opts.lemma_strip = chars.chars().collect();
    }
    let train_set = read_all(get("--train").ok_or("--train missing")?, &opts)?;
    let test_set = read_all(get("--test").unwrap_or(""), &opts)?;
    let ntok: usize = train_set.iter().map(Vec::len).sum();
    eprintln!(
        "[{lang}] training on {} sentences / {ntok} tokens, {} epochs",
        train_set.len(),
        cfg.epochs
    );
    let t0 = Instant::now();
    let model = train(&train_set, &cfg);
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "[{lang}] trained in {secs:.1}s: {} features, tagger {} bytes, lemmas {} bytes",
        model.n_features,
        model.tagger.len(),
        model.lemmas.len()
    );
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
        std::fs::write(format!("{dir}/tagger.bin.gz"), &model.tagger).map_err(|e| e.to_string())?;
        std::fs::write(format!("{dir}/lemmas.tsv.gz"), &model.lemmas).map_err(|e| e.to_string())?;
    }
    if !test_set.is_empty() {
        let tagger = load(&model).map_err(|e| e.to_string())?;
        let vocab = vocabulary(&train_set);
        let e = evaluate(&tagger, &test_set, Some(&vocab));
        println!(
            "[{lang}] test: {} tokens, UPOS {:.2}%, lemma {:.2}% | unseen words: {} tokens ({:.1}%), UPOS {:.2}%, lemma {:.2}%",
            e.tokens,
            e.upos_accuracy(),
            e.lemma_accuracy(),
            e.unseen_tokens,
            100.0 * e.unseen_tokens as f64 / e.tokens.max(1) as f64,
            e.unseen_upos_accuracy(),
            e.unseen_lemma_accuracy()
        );
        let mut conf: Vec<_> = e.confusions.iter().collect();
        conf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = conf
            .iter()
            .take(8)
            .map(|((g, p), n)| format!("{g}->{p}:{n}"))
            .collect();
        println!("[{lang}] top confusions: {}", top.join(" "));
        if let Some(n) = get("--show-errors").and_then(|n| n.parse::<usize>().ok()) {
            let mut shown = 0;
            for s in &test_set {
                let words: Vec<&str> = s.iter().map(|t| t.form.as_str()).collect();
                for (g, p) in s.iter().zip(tagger.tag_words(&words)) {
                    if g.lemma != p.lemma && !vocab.contains(&g.form) && shown < n {
                        shown += 1;
                        eprintln!(
                            "{}\t{}/{}\t{}\t{}",
                            g.form, g.upos, p.upos, g.lemma, p.lemma
                        );
                    }
                }
            }
        }
    }
    Ok(())
}
