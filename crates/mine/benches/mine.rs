//! Mining throughput on the French seed texts (tokenised beforehand; untagged).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use termsmith_mine::Miner;
use termsmith_tokenize::{Lang, Tokenizer};

const A: &str =
    include_str!("../../../seeds/fr/2015-02-11-council-conclusions-cyber-diplomacy.txt");
const B: &str = include_str!("../../../seeds/fr/2017-11-07-council-conclusions-cybersecurity.txt");

fn bench(c: &mut Criterion) {
    let tok = Tokenizer::builder()
        .lang(Some(Lang::FR))
        .markdown(true)
        .build();
    let docs = [tok.tokenize(A), tok.tokenize(B)];
    let bytes = (A.len() + B.len()) as u64;
    let mut g = c.benchmark_group("mine");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("seeds_fr_untagged", |b| {
        b.iter(|| {
            let mut m = Miner::builder()
                .lang(Lang::FR)
                .build()
                .expect("fr is supported");
            for (i, d) in docs.iter().enumerate() {
                m.add_document(&format!("{i}"), d, &[]);
            }
            m.finish()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
