//! Criterion bench of the comparison stage: synthetic counts for 20 periods × 20 documents with
//! Zipf-like term frequencies, then `Comparison::from_stats`, CSV, JSON and HTML output.
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use termsmith_compare::{
    report, CompareStats, Comparison, ComparisonOptions, EntryKind, ReportOptions,
};

/// Deterministic xorshift generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn synthetic(
    periods: std::ops::Range<usize>,
    docs_per_period: usize,
    terms: usize,
) -> CompareStats {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ periods.start as u64);
    let mut s = CompareStats::new();
    let mut docs = Vec::new();
    for p in periods {
        for d in 0..docs_per_period {
            let name = format!("p{p:02}/doc{d:03}.txt");
            s.add_doc(&name, &format!("{}", 2000 + p), 50_000);
            docs.push((p, name));
        }
    }
    for t in 0..terms {
        let key = format!("term {t}");
        s.add_entry(&key, &key, EntryKind::Term, None);
        let base = (20_000 / (t + 1)).max(1) as u64; // Zipf-like
        let drift = (rng.next() % 3) as i64 - 1; // rising, flat or falling
        for (p, name) in &docs {
            let scale = (10 + drift * (*p as i64 - 10)).max(1) as u64;
            let f = (base * scale / 10 / docs_per_period as u64 + rng.next() % 3).saturating_sub(1);
            if f > 0 {
                s.add_count(&key, name, f);
                s.add_form(&key, name, &key, f);
            }
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let stats = synthetic(0..20, 20, 5_000);
    let opts = ComparisonOptions::new();
    let mut g = c.benchmark_group("compare");
    g.sample_size(10);
    g.bench_function("from_stats 20p x 20d x 5k terms", |b| {
        b.iter(|| Comparison::from_stats(black_box(&stats), &opts))
    });
    let cmp = Comparison::from_stats(&stats, &opts);
    g.bench_function("csv+json", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            cmp.to_csv(&mut out).unwrap();
            cmp.to_json(&mut out).unwrap();
            out.len()
        })
    });
    g.bench_function("html", |b| {
        b.iter(|| report::html(black_box(&cmp), &ReportOptions::new()).len())
    });
    g.bench_function("merge 20 shards", |b| {
        let shards: Vec<CompareStats> = (0..20).map(|p| synthetic(p..p + 1, 20, 5_000)).collect();
        b.iter(|| {
            let mut all = CompareStats::new();
            for s in shards.iter().cloned() {
                all.merge(s);
            }
            all.entry_count()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
