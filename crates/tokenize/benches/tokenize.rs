//! Tokenisation throughput over the French seed texts repeated to about 10 MB.
//!
//! `cargo bench -p termsmith-tokenize --bench tokenize`
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use termsmith_tokenize::{Lang, Tokenizer};

const SEEDS: [&str; 2] = [
    include_str!("../../../seeds/fr/2015-02-11-council-conclusions-cyber-diplomacy.txt"),
    include_str!("../../../seeds/fr/2017-11-07-council-conclusions-cybersecurity.txt"),
];

fn corpus(target: usize) -> String {
    let mut s = String::with_capacity(target + 100_000);
    while s.len() < target {
        for seed in SEEDS {
            s.push_str(seed);
            s.push_str("\n\n");
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = corpus(10 * 1024 * 1024);
    let mut g = c.benchmark_group("tokenize_10MB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    let configs = [
        // sentences + tokens + blocks, language identified once on the whole document
        (
            "doc_lang_only",
            Tokenizer::builder().block_languages(false).build(),
        ),
        // the same, plus language identification of every block
        ("with_block_langs", Tokenizer::builder().build()),
        // block identification restricted to three languages
        (
            "with_block_langs_fr_en_nl",
            Tokenizer::builder()
                .languages(&[Lang::FR, Lang::EN, Lang::NL])
                .build(),
        ),
        // language forced: no identification at all
        (
            "forced_fr",
            Tokenizer::builder()
                .lang(Some(Lang::FR))
                .block_languages(false)
                .build(),
        ),
    ];
    for (name, tk) in &configs {
        g.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, t| {
            b.iter(|| tk.tokenize(t))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
