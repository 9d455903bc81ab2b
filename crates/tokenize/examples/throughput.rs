//! Times one tokenisation of the seed texts repeated to ~10 MB (a quick check; the criterion
//! bench is the reference): `cargo run --release --example throughput -- [forced|doc|blocks]`.
use std::time::Instant;
use termsmith_tokenize::{Lang, Tokenizer};

const SEEDS: [&str; 2] = [
    include_str!("../../../seeds/fr/2015-02-11-council-conclusions-cyber-diplomacy.txt"),
    include_str!("../../../seeds/fr/2017-11-07-council-conclusions-cybersecurity.txt"),
];

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "doc".into());
    let mut text = String::new();
    while text.len() < 10 * 1024 * 1024 {
        for s in SEEDS {
            text.push_str(s);
            text.push_str("\n\n");
        }
    }
    let tk = match mode.as_str() {
        "forced" => Tokenizer::builder()
            .lang(Some(Lang::FR))
            .block_languages(false)
            .build(),
        "blocks" => Tokenizer::new(),
        _ => Tokenizer::builder().block_languages(false).build(),
    };
    for _ in 0..3 {
        let t = Instant::now();
        let doc = tk.tokenize(&text);
        let s = t.elapsed().as_secs_f64();
        println!(
            "{mode}: {} bytes, {} tokens, {} sentences, {} blocks in {:.3} s = {:.1} MB/s",
            text.len(),
            doc.tokens.len(),
            doc.sentences.len(),
            doc.blocks.len(),
            s,
            text.len() as f64 / s / 1e6
        );
    }
}
