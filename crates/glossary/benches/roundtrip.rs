//! 100,000 entries written and read back, per format.
//! Run: `cargo bench -p termsmith-glossary --bench roundtrip`

use criterion::{criterion_group, criterion_main, Criterion};
use termsmith_glossary::csv::{self, ColumnMapping, CsvOptions, CsvProfile};
use termsmith_glossary::model::*;
use termsmith_glossary::{json, tbx};

include!("common/big.rs");

fn bench(c: &mut Criterion) {
    let tb = big();
    let mut g = c.benchmark_group("roundtrip_100k");
    g.sample_size(10);
    for (name, v) in [
        ("tbx_v3", tbx::TbxVersion::V3),
        ("tbx_v2", tbx::TbxVersion::V2),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(64 << 20);
                tbx::write(&tb, v, &mut out).unwrap();
                let (back, _) = tbx::read(&out[..]).unwrap();
                assert_eq!(back.entries.len(), N);
            })
        });
    }
    for (name, p) in [
        ("csv_generic", CsvProfile::Generic),
        ("csv_memoq", CsvProfile::Memoq),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(32 << 20);
                csv::write(&tb, &CsvOptions::new(p), &mut out).unwrap();
                let (back, _) = csv::read(&out[..], &ColumnMapping::auto()).unwrap();
                assert_eq!(back.entries.len(), N);
            })
        });
    }
    g.bench_function("json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(64 << 20);
            json::write(&tb, &mut out).unwrap();
            let back = json::read(&out[..]).unwrap();
            assert_eq!(back.entries.len(), N);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
