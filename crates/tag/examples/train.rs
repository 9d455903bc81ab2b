//! Trains a tagger + lemmatiser from UD CoNLL-U files and evaluates it on held-out files.
//!
//! ```text
//! cargo run --release -p termsmith-tag --example train -- \
//!     --lang fr --out crates/tag/data/fr --train a.conllu,b.conllu --test c.conllu [--epochs 10]
//! ```

use std::time::Instant;
use termsmith_tag::train::{
    evaluate, load, read_conllu, train, vocabulary, GoldSentence, TrainConfig,
};

fn read_all(list: &str) -> Result<Vec<GoldSentence>, String> {
    let mut out = Vec::new();
    for path in list.split(',').filter(|p| !p.is_empty()) {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        out.extend(read_conllu(&text).map_err(|e| format!("{path}: {e}"))?);
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
    let train_set = read_all(get("--train").ok_or("--train missing")?)?;
    let test_set = read_all(get("--test").unwrap_or(""))?;
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
    }
    Ok(())
}
