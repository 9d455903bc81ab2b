//! Mines text files and prints the top terms.
//!
//! `cargo run --release -p termsmith-mine --example mine_files -- LANG TOP [--tag] [--learned] FILE...`
use std::error::Error;

use termsmith_mine::{Miner, Ranker};
use termsmith_tokenize::{Lang, Tokenizer};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = Lang::new(args.first().map(String::as_str).unwrap_or("fr"))?;
    let top: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(30);
    let tag = args.iter().any(|a| a == "--tag");
    let learned = args.iter().any(|a| a == "--learned");
    let files: Vec<&String> = args
        .iter()
        .skip(2)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let tok = Tokenizer::builder().lang(Some(lang)).markdown(true).build();
    let mut miner = Miner::builder()
        .lang(lang)
        .top(top)
        .ranker(if learned {
            Ranker::Learned
        } else {
            Ranker::Default
        })
        .build()?;
    let t0 = std::time::Instant::now();
    let mut bytes = 0;
    let (mut t_tok, mut t_tag, mut t_mine) = (0.0, 0.0, 0.0);
    for f in files {
        let text = std::fs::read(f)?;
        bytes += text.len();
        let t = std::time::Instant::now();
        let doc = tok.tokenize_bytes(&text)?;
        t_tok += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let tags = if tag {
            let words: Vec<String> = doc
                .tokens
                .iter()
                .map(|t| doc.norm(t).into_owned())
                .collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            termsmith_tag::Tagger::for_code(lang.code())?.tag_words(&refs)
        } else {
            Vec::new()
        };
        t_tag += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        miner.add_document(f, &doc, &tags);
        t_mine += t.elapsed().as_secs_f64();
    }
    eprintln!(
        "{} documents, {} tokens, {} candidate keys",
        miner.stats().num_docs(),
        miner.stats().total_tokens(),
        miner.stats().num_candidates()
    );
    let t = std::time::Instant::now();
    let list = miner.finish();
    let t_fin = t.elapsed().as_secs_f64();
    eprintln!("add_document {:.2}s, finish {:.2}s", t_mine, t_fin);
    t_mine += t_fin;
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "tokenize {:.1} MB/s, tag {:.1} MB/s, mine (add_document + finish) {:.1} MB/s",
        mb / t_tok,
        if t_tag > 1e-9 {
            mb / t_tag
        } else {
            f64::INFINITY
        },
        mb / t_mine
    );
    let dt = t0.elapsed().as_secs_f64();
    let show = std::env::var("SHOW_FEATURES").unwrap_or_default();
    for t in &list.terms {
        if show == "*" || (!show.is_empty() && show.split(',').any(|s| s == t.headword)) {
            for (n, v) in termsmith_mine::ranker::FEATURE_NAMES
                .iter()
                .zip(&t.features)
            {
                eprint!("{n}={v:.2} ");
            }
            eprintln!("kind={:?} <- {}", t.kind, t.headword);
        }
        println!(
            "{:>3} {:<45} {:>4} {:>2} {:>7.3} {:?} {}{}",
            t.rank,
            t.headword,
            t.freq,
            t.doc_freq,
            t.score,
            t.kind,
            t.variants
                .iter()
                .skip(1)
                .map(|v| v.form.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
            t.expansion
                .as_deref()
                .map(|e| format!(" = {e}"))
                .unwrap_or_default()
        );
    }
    eprintln!(
        "{} bytes in {:.3}s ({:.1} MB/s, tokenising included)",
        bytes,
        dt,
        bytes as f64 / dt / 1e6
    );
    Ok(())
}
