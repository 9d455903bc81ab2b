//! Tagging speed on held-out UD sentences (tests/data), in tokens per second.
//!
//! `cargo bench -p termsmith-tag --bench tag`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use termsmith_tag::train::read_conllu;
use termsmith_tag::Tagger;

include!("../tests/data/heldout.rs");

fn corpus(text: &str) -> Vec<Vec<String>> {
    read_conllu(text)
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.into_iter().map(|t| t.form).collect())
        .collect()
}

fn bench(c: &mut Criterion) {
    let data = HELD_OUT;
    let mut g = c.benchmark_group("tag");
    for (code, text) in data {
        let Ok(tagger) = Tagger::for_code(code) else {
            continue;
        };
        let sents = corpus(text);
        let refs: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let n: usize = refs.iter().map(Vec::len).sum();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("{code}/upos_words"), |b| {
            b.iter(|| {
                let mut k = 0;
                for s in &refs {
                    k += tagger.upos_words(s).len();
                }
                k
            })
        });
        g.bench_function(format!("{code}/tag_words"), |b| {
            b.iter(|| {
                let mut k = 0;
                for s in &refs {
                    k += tagger.tag_words(s).len();
                }
                k
            })
        });
    }
    g.finish();
}

/// `Tagger::tag` on a tokenised document (the two French seed texts), in bytes per second, as the
/// CLI runs it (Markdown on, language given).
fn bench_document(c: &mut Criterion) {
    let text = [
        include_str!("../../../seeds/fr/2015-02-11-council-conclusions-cyber-diplomacy.txt"),
        include_str!("../../../seeds/fr/2017-11-07-council-conclusions-cybersecurity.txt"),
    ]
    .join("\n\n");
    let doc = termsmith_tokenize::Tokenizer::builder()
        .lang(Some(termsmith_tag::Lang::FR))
        .block_languages(false)
        .build()
        .tokenize(&text);
    let Ok(tagger) = Tagger::for_code("fr") else {
        return;
    };
    let mut g = c.benchmark_group("tag_document");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("fr/seeds", |b| b.iter(|| tagger.tag(&doc).len()));
    g.finish();
}

criterion_group!(benches, bench, bench_document);
criterion_main!(benches);
