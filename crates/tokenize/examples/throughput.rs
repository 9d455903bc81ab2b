//! Times one tokenisation of the seed texts repeated to ~10 MB (a quick check; the criterion
//! bench is the reference): `cargo run --release --example throughput -- [forced|doc|blocks|blocks3]`.
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
        "blocks3" => Tokenizer::builder()
            .languages(&[Lang::FR, Lang::EN, Lang::NL])
            .build(),
        _ => Tokenizer::builder().block_languages(false).build(),
    };
    for _ in 0..5 {
        let c0 = cpu_ns();
        let t = Instant::now();
        let doc = tk.tokenize(&text);
        let s = t.elapsed().as_secs_f64();
        let cpu = c0.zip(cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
        println!(
            "{mode}: {} bytes, {} tokens, {} sentences, {} blocks: wall {:.3} s = {:.1} MB/s; on-CPU {}",
            text.len(),
            doc.tokens.len(),
            doc.sentences.len(),
            doc.blocks.len(),
            s,
            text.len() as f64 / s / 1e6,
            cpu.map_or("n/a".to_string(), |c| format!("{c:.3} s = {:.1} MB/s", text.len() as f64 / c / 1e6)),
        );
    }
}

/// Time this thread spent on a CPU, in ns (Linux `/proc/thread-self/schedstat`), so that the
/// figure is meaningful on a shared, loaded machine.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
